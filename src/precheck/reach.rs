//! The part of a context that a policy's custom rules can see.
//!
//! Custom rules judge the context as a JSON value with the schema's defaults filled in. Most of
//! them look at a few members (`subscription.trial`, `billing.platform`): reading the whole
//! context into a value and filling in all of its defaults costs a check two to three times what
//! the built-in rules cost. A rule's schemas say which members they can observe: a [`Reach`].
//! The context is then read only in that part (from its text, the others skipped unread, or
//! copied from a value), and its defaults are filled in there alone.
//!
//! The part gives every rule the same verdict and the same errors as the whole context: at every
//! member the schemas reach, it holds the same value; an object is missing only members that no
//! keyword the schemas use at that place can observe. A keyword that can observe them
//! (`additionalProperties`, `const`, `$ref`, ..., or one this table does not know) makes the
//! place's reach [`Reach::All`], where the value is kept whole.

use crate::limits::MAX_NESTING;
use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Number, Value};
use std::fmt;

/// What of a value, at one place of the context, some schema can observe.
#[derive(Debug, Clone, PartialEq)]
pub enum Reach {
    /// The value whole, at every depth.
    All,
    /// An object: only these members, each with its own reach. Any other value: whole (a
    /// scalar or an array is never cut).
    Members(Vec<(String, Reach)>),
}

/// How a keyword uses the value at its schema's place.
enum Use {
    /// Not the members of an object (an annotation, or a keyword of scalars or arrays only,
    /// which are kept whole).
    Nothing,
    /// `properties`: named members, each under its own schema.
    Properties,
    /// `required`: whether the named members are present.
    Names,
    /// `dependentRequired`: presence of the keys' members and of those they list.
    DependentNames,
    /// `dependentSchemas`: presence of the keys' members, and schemas at the same place.
    DependentSchemas,
    /// Subschemas at the same place: one (`not`, `if`, ...) or a list (`allOf`, ...).
    Here,
    /// Anything of the value (members by pattern or count, the value compared whole, a
    /// reference, a keyword not in this table).
    Whole,
}

fn use_of(keyword: &str) -> Use {
    match keyword {
        "properties" => Use::Properties,
        "required" => Use::Names,
        "dependentRequired" => Use::DependentNames,
        "dependentSchemas" => Use::DependentSchemas,
        "allOf" | "anyOf" | "oneOf" | "not" | "if" | "then" | "else" => Use::Here,
        // Annotations and identifiers (a reference to them is Whole).
        "$schema" | "$id" | "$anchor" | "$dynamicAnchor" | "$comment" | "$defs" | "definitions"
        | "$vocabulary" | "title" | "description" | "default" | "examples" | "deprecated"
        | "readOnly" | "writeOnly" | "errorMessage" => Use::Nothing,
        // The kind of the value: an object stays an object.
        "type" => Use::Nothing,
        // Keywords of numbers, strings and arrays, which are kept whole.
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf"
        | "minLength" | "maxLength" | "pattern" | "format" | "contentEncoding"
        | "contentMediaType" | "contentSchema" | "items" | "prefixItems" | "additionalItems"
        | "contains" | "minContains" | "maxContains" | "minItems" | "maxItems" | "uniqueItems"
        | "unevaluatedItems" => Use::Nothing,
        _ => Use::Whole,
    }
}

impl Reach {
    /// What nothing observes: an object with no member kept.
    pub fn none() -> Reach {
        Reach::Members(Vec::new())
    }

    /// What `schema` can observe of the value it is applied to.
    pub fn of(schema: &Value) -> Reach {
        let mut reach = Reach::none();
        reach.add(schema, 0);
        reach
    }

    /// Adds what `schema`, applied at this place, can observe.
    pub fn add(&mut self, schema: &Value, depth: usize) {
        if depth > MAX_NESTING {
            *self = Reach::All;
            return;
        }
        // A boolean schema observes nothing; a schema that is neither was refused with the policy.
        let Value::Object(keywords) = schema else {
            return;
        };
        for (keyword, value) in keywords {
            if *self == Reach::All {
                return;
            }
            match use_of(keyword) {
                Use::Nothing => {}
                Use::Properties => {
                    for (name, sub) in value.as_object().into_iter().flatten() {
                        if let Some(member) = self.member(name) {
                            member.add(sub, depth + 1);
                        }
                    }
                }
                Use::Names => self.names(value),
                Use::DependentNames => {
                    for (name, listed) in value.as_object().into_iter().flatten() {
                        self.member(name);
                        self.names(listed);
                    }
                }
                Use::DependentSchemas => {
                    for (name, sub) in value.as_object().into_iter().flatten() {
                        self.member(name);
                        self.add(sub, depth + 1);
                    }
                }
                Use::Here => match value {
                    Value::Array(list) => list.iter().for_each(|sub| self.add(sub, depth + 1)),
                    sub => self.add(sub, depth + 1),
                },
                Use::Whole => *self = Reach::All,
            }
        }
    }

    /// The members named in `list` (a list of strings), their presence observed.
    fn names(&mut self, list: &Value) {
        for name in list.as_array().into_iter().flatten() {
            if let Some(name) = name.as_str() {
                self.member(name);
            }
        }
    }

    /// The reach of member `name` (added, observing nothing yet, if new); none in
    /// [`Reach::All`], where every member is kept whole anyway.
    fn member(&mut self, name: &str) -> Option<&mut Reach> {
        let Reach::Members(members) = self else {
            return None;
        };
        if !members.iter().any(|(n, _)| n == name) {
            members.push((name.to_owned(), Reach::none()));
        }
        members
            .iter_mut()
            .find(|(n, _)| n == name)
            .map(|(_, reach)| reach)
    }

    /// True when the whole value is needed (nothing would be cut).
    pub fn is_all(&self) -> bool {
        *self == Reach::All
    }

    /// The part of `value` this reach observes, copied.
    pub fn part_of(&self, value: &Value) -> Value {
        match (self, value) {
            (Reach::Members(members), Value::Object(map)) => Value::Object(
                map.iter()
                    .filter_map(|(name, v)| {
                        let (_, reach) = members.iter().find(|(n, _)| n == name)?;
                        Some((name.clone(), reach.part_of(v)))
                    })
                    .collect(),
            ),
            _ => value.clone(),
        }
    }

    /// The part of JSON text this reach observes, the rest skipped unread; `None` when the text
    /// is not JSON or when the part holds a number that may have been read inexactly (a
    /// fraction or an exponent, which `crate::exact` reads again from the whole text).
    pub fn read(&self, text: &[u8]) -> Option<Value> {
        let mut reader = serde_json::Deserializer::from_slice(text);
        let part = self.deserialize(&mut reader).ok()?;
        reader.end().ok()?;
        (!crate::exact::holds_fraction(&part)).then_some(part)
    }
}

impl<'de> DeserializeSeed<'de> for &Reach {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, reader: D) -> Result<Value, D::Error> {
        match self {
            Reach::All => Value::deserialize(reader),
            Reach::Members(members) => reader.deserialize_any(Part(members)),
        }
    }
}

/// Reads a value at a place whose reach is `Members`: an object's kept members, anything else whole.
struct Part<'r>(&'r [(String, Reach)]);

impl<'de> Visitor<'de> for Part<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(kept) = map.next_key_seed(Kept(self.0))? {
            match kept.and_then(|at| self.0.get(at)) {
                Some((name, reach)) => {
                    let value = map.next_value_seed(reach)?;
                    out.insert(name.clone(), value);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Value::Object(out))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_bool<E: Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<Value, E> {
        // As serde_json's own Value: a number it cannot hold is null (JSON text has none).
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
}

/// Reads a member's name: the index of the kept member it names, if any. Read as bytes (its
/// escapes undone, its UTF-8 not checked again: the whole text has been read before), nothing
/// is allocated.
struct Kept<'r>(&'r [(String, Reach)]);

impl<'de> DeserializeSeed<'de> for Kept<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, reader: D) -> Result<Option<usize>, D::Error> {
        reader.deserialize_bytes(self)
    }
}

impl<'de> Visitor<'de> for Kept<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_bytes<E: Error>(self, name: &[u8]) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|(n, _)| n.as_bytes() == name))
    }

    fn visit_str<E: Error>(self, name: &str) -> Result<Option<usize>, E> {
        self.visit_bytes(name.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::Reach;
    use serde_json::json;

    fn members(list: Vec<(&str, Reach)>) -> Reach {
        Reach::Members(list.into_iter().map(|(n, r)| (n.to_owned(), r)).collect())
    }

    #[test]
    fn a_rule_on_one_member_reaches_that_member() {
        let schema = json!({ "properties": { "subscription": { "properties": { "trial": { "const": true } } } } });
        let expected = members(vec![("subscription", members(vec![("trial", Reach::All)]))]);
        assert_eq!(Reach::of(&schema), expected);
        assert_eq!(Reach::of(&json!(false)), Reach::none());
        assert_eq!(Reach::of(&json!(true)), Reach::none());
    }

    #[test]
    fn combinators_and_names_add_up_at_the_same_place() {
        let schema = json!({
            "type": "object",
            "required": ["billing"],
            "allOf": [{ "properties": { "subscription": { "properties": { "state": { "enum": ["active"] } } } } }],
            "anyOf": [{ "properties": { "subscription": { "required": ["trial"] } } }],
            "if": { "dependentRequired": { "orders": ["now"] } },
            "then": { "dependentSchemas": { "targetAccount": { "properties": { "now": { "format": "date-time" } } } } }
        });
        let expected = members(vec![
            ("billing", Reach::none()),
            (
                "subscription",
                members(vec![("state", Reach::All), ("trial", Reach::none())]),
            ),
            ("orders", Reach::none()),
            ("now", Reach::none()),
            ("targetAccount", Reach::none()),
        ]);
        assert_eq!(Reach::of(&schema), expected);
    }

    #[test]
    fn keywords_that_see_every_member_take_the_value_whole() {
        for keyword in [
            json!({ "minProperties": 0 }),
            json!({ "additionalProperties": false }),
            json!({ "patternProperties": { "^x": true } }),
            json!({ "propertyNames": { "maxLength": 3 } }),
            json!({ "unevaluatedProperties": false }),
            json!({ "const": {} }),
            json!({ "enum": [{}] }),
            json!({ "$ref": "#" }),
            json!({ "dependencies": { "a": ["b"] } }),
            json!({ "somethingUnknown": 1 }),
        ] {
            assert!(Reach::of(&keyword).is_all(), "{keyword}");
            // Under a member, only that member is taken whole.
            let nested = json!({ "properties": { "billing": keyword } });
            assert_eq!(
                Reach::of(&nested),
                members(vec![("billing", Reach::All)]),
                "{nested}"
            );
        }
    }

    #[test]
    fn the_part_read_from_text_is_the_part_copied_from_the_value() {
        let reach = members(vec![
            (
                "subscription",
                members(vec![("trial", Reach::All), ("tags", Reach::none())]),
            ),
            ("orders", members(vec![("id", Reach::All)])),
            ("absent", Reach::All),
        ]);
        let text = br#"{"now":"x","subscription":{"id":"s","trial":{"a":[1,{"b":null}]},"tags":["t"],"n":{"deep":[1,2]}},"orders":[{"id":1,"state":"done"}],"sub\u0073cription":{"trial":false}}"#;
        let value: serde_json::Value = serde_json::from_slice(text).unwrap_or_default();
        let part = reach.read(text);
        assert_eq!(part.as_ref(), Some(&reach.part_of(&value)));
        // The repeated key (spelled with an escape) wins, as in the whole value.
        assert_eq!(
            part,
            Some(
                json!({ "subscription": { "trial": false }, "orders": [{ "id": 1, "state": "done" }] })
            )
        );
    }

    #[test]
    fn text_that_is_not_json_or_holds_a_fraction_is_not_read_in_part() {
        let reach = members(vec![("a", Reach::All)]);
        assert_eq!(reach.read(b"{\"a\":1,}"), None);
        assert_eq!(reach.read(b"{\"a\":1} x"), None);
        assert_eq!(reach.read(b"{\"a\":0.1}"), None);
        // A fraction in a skipped member is not read at all.
        assert_eq!(reach.read(b"{\"a\":1,\"b\":0.1}"), Some(json!({ "a": 1 })));
        assert_eq!(reach.read(b"[1,{\"a\":2}]"), Some(json!([1, { "a": 2 }])));
    }
}
