//! Walks a compiled schema over a value and collects ajv-shaped errors.

use super::compile::{Compiled, CompiledNode, Dependency, JsonType, Keyword, Node};
use super::ValidationError;
use crate::json;
use crate::json::Value;
use crate::json::{equal, is_integer, object, push_index, push_pointer, to_text};
use crate::limits::{MAX_ERRORS, MAX_NESTING, MAX_STEPS};
use std::collections::HashMap;

/// Validates `value`; with `collect` false it stops at the first failure.
pub fn run(compiled: &Compiled, value: &Value, collect: bool) -> Vec<ValidationError> {
    let mut run = Run {
        nodes: &compiled.nodes,
        errors: Vec::new(),
        collect,
        // Room for a typical instance path, so pushing and popping tokens never reallocates.
        path: String::with_capacity(128),
        depth: 0,
        steps: 0,
        stopped: None,
    };
    if !run.node(0, value) && run.errors.is_empty() && run.stopped.is_none() {
        // Stopped early without collecting: keep one marker so callers see "invalid".
        run.collect = true;
        run.node(0, value);
    }
    if let Some(limit) = run.stopped.take() {
        // A validation cut short has no verdict but "invalid", whatever its branches said.
        run.errors.push(limit);
    }
    run.errors
}

struct Run<'a> {
    nodes: &'a [CompiledNode],
    errors: Vec<ValidationError>,
    collect: bool,
    path: String,
    depth: usize,
    /// Schema nodes visited so far (bounded by `MAX_STEPS`).
    steps: u64,
    /// Set when a limit stopped the validation: the error that says so.
    stopped: Option<ValidationError>,
}

fn type_matches(ty: JsonType, value: &Value) -> bool {
    match (ty, value) {
        (JsonType::Null, Value::Null)
        | (JsonType::Boolean, Value::Bool(_))
        | (JsonType::Number, Value::Number(_))
        | (JsonType::String, Value::String(_))
        | (JsonType::Array, Value::Array(_))
        | (JsonType::Object, Value::Object(_)) => true,
        (JsonType::Integer, Value::Number(n)) => is_integer(n),
        _ => false,
    }
}

/// A hash under which equal JSON values (numbers by value, objects in any key order) collide.
fn hash_value(value: &Value) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mix = |h: u64, x: u64| (h ^ x).wrapping_mul(PRIME);
    let text = crate::json::hash_text;
    match value {
        Value::Null => 1,
        Value::Bool(b) => 2 + u64::from(*b),
        Value::Number(n) => {
            let f = n.to_f64();
            mix(4, if f == 0.0 { 0 } else { f.to_bits() })
        }
        Value::String(t) => mix(5, text(t)),
        Value::Array(items) => items.iter().fold(6, |h, item| mix(h, hash_value(item))),
        // Entries combine by addition, so key order does not change the hash.
        Value::Object(map) => map
            .iter()
            .fold(7, |h, (k, v)| h.wrapping_add(mix(text(k), hash_value(v)))),
    }
}

/// The last pair `(i, j)`, `j < i`, of equal items (ajv reports this pair), found by hashing
/// each item once and comparing only items whose hashes collide.
fn duplicate_pair(items: &[Value]) -> Option<(usize, usize)> {
    let mut seen: HashMap<u64, Vec<usize>> = HashMap::with_capacity(items.len());
    let mut found = None;
    for (i, item) in items.iter().enumerate() {
        let bucket = seen.entry(hash_value(item)).or_default();
        if let Some(j) = bucket
            .iter()
            .rev()
            .copied()
            .find(|j| items.get(*j).is_some_and(|other| equal(other, item)))
        {
            found = Some((i, j));
        }
        bucket.push(i);
    }
    found
}

fn items_len(value: &Value) -> Option<usize> {
    value.as_array().map(Vec::len)
}

/// The length of a string in code points, as JSON Schema counts it (ASCII: its byte length,
/// which a word-at-a-time scan confirms faster than counting).
fn chars_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

fn is_multiple(value: f64, divisor: f64) -> bool {
    let quotient = value / divisor;
    // Mirrors JavaScript's `q === parseInt(q)`, which also fails from 1e21 on.
    quotient.is_finite() && quotient.fract() == 0.0 && quotient.abs() < 1e21
}

impl Run<'_> {
    /// Stops the validation at a limit; every node answers "invalid" from then on.
    // Out of line: keeps the recursive frames (node, keyword) small.
    #[inline(never)]
    fn stop(&mut self, limit: &str, max: u64, message: String) {
        if self.stopped.is_none() {
            self.stopped = Some(ValidationError {
                instance_path: self.path.clone(),
                schema_path: "#".to_owned(),
                keyword: "limit",
                params: json!({ "limit": limit, "max": max }),
                message,
            });
        }
    }

    // Out of line: keeps the recursive frames (node, keyword) small.
    #[inline(never)]
    /// Records an error when errors are being collected; `details` (params and message) is
    /// only worked out then, so a failing branch of `oneOf` or a probe costs no formatting.
    fn fail(
        &mut self,
        at: &CompiledNode,
        keyword: &'static str,
        details: impl FnOnce() -> (Value, String),
    ) {
        if !self.collect {
            return;
        }
        if self.errors.len() >= MAX_ERRORS {
            self.stop(
                "errors",
                MAX_ERRORS as u64,
                format!("validation stopped after {MAX_ERRORS} errors"),
            );
            return;
        }
        let (params, message) = details();
        // A schema's own `errorMessage` for this keyword (or for all) replaces ajv's wording.
        let custom = at
            .messages
            .iter()
            .find(|(k, _)| k == keyword || k == "*")
            .map(|(_, text)| text.clone());
        self.errors.push(ValidationError {
            instance_path: self.path.clone(),
            schema_path: format!("#{}/{keyword}", at.path),
            keyword,
            params,
            message: custom.unwrap_or(message),
        });
    }

    /// Validates array item `i` at `path + /i` against node `index`.
    fn item(&mut self, index: usize, value: &Value, i: usize) -> bool {
        let len = self.path.len();
        push_index(&mut self.path, i);
        let ok = self.node(index, value);
        self.path.truncate(len);
        ok
    }

    /// Validates `value` at `path + /token` against node `index`.
    fn child(&mut self, index: usize, value: &Value, token: &str) -> bool {
        let len = self.path.len();
        push_pointer(&mut self.path, token);
        let ok = self.node(index, value);
        self.path.truncate(len);
        ok
    }

    /// `probe` of array item `i` (the path is kept for a limit that stops inside).
    fn probe_item(&mut self, index: usize, value: &Value, i: usize) -> bool {
        let collect = std::mem::replace(&mut self.collect, false);
        let ok = self.item(index, value, i);
        self.collect = collect;
        ok
    }

    /// Runs `index` without recording errors: for `not`, `if` and `contains`.
    fn probe(&mut self, index: usize, value: &Value) -> bool {
        let collect = std::mem::replace(&mut self.collect, false);
        let ok = self.node(index, value);
        self.collect = collect;
        ok
    }

    fn node(&mut self, index: usize, value: &Value) -> bool {
        if self.stopped.is_some() {
            return false;
        }
        self.steps += 1;
        if self.steps > MAX_STEPS {
            self.stop(
                "steps",
                MAX_STEPS,
                format!("validation stopped after {MAX_STEPS} steps: the schema is too costly for this value"),
            );
            return false;
        }
        // Every nested schema (a `$ref` hop included) is one level of the wasm call stack.
        if self.depth >= MAX_NESTING {
            self.stop(
                "depth",
                MAX_NESTING as u64,
                format!("validation stopped at {MAX_NESTING} nested schemas: the schema recurses too deeply for this value"),
            );
            return false;
        }
        let Some(at) = self.nodes.get(index) else {
            return true;
        };
        self.depth += 1;
        let ok = match &at.node {
            Node::Bool(true) | Node::Pending => true,
            Node::Bool(false) => {
                self.fail(at, "false schema", || {
                    (json!({}), "boolean schema is false".to_owned())
                });
                false
            }
            Node::Ref(target) => self.node(*target, value),
            Node::Keywords(keywords) => self.keywords(at, keywords, value),
        };
        self.depth -= 1;
        ok
    }

    fn keywords(&mut self, at: &CompiledNode, keywords: &[Keyword], value: &Value) -> bool {
        let mut ok = true;
        for keyword in keywords {
            if !self.keyword(at, keyword, value) {
                ok = false;
                if !self.collect {
                    return false;
                }
            }
        }
        ok
    }

    fn keyword(&mut self, at: &CompiledNode, keyword: &Keyword, value: &Value) -> bool {
        match keyword {
            Keyword::Type(types, written) => {
                if types.iter().any(|t| type_matches(*t, value)) {
                    return true;
                }
                let names = match written {
                    Value::Array(items) => items
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(","),
                    other => other.as_str().unwrap_or_default().to_owned(),
                };
                self.fail(at, "type", || {
                    (json!({ "type": written }), format!("must be {names}"))
                });
                false
            }
            Keyword::Enum(allowed) => {
                if allowed.iter().any(|a| equal(a, value)) {
                    return true;
                }
                self.fail(at, "enum", || {
                    (
                        json!({ "allowedValues": allowed }),
                        "must be equal to one of the allowed values".to_owned(),
                    )
                });
                false
            }
            Keyword::Const(expected) => {
                if equal(expected, value) {
                    return true;
                }
                self.fail(at, "const", || {
                    (
                        json!({ "allowedValue": expected }),
                        "must be equal to constant".to_owned(),
                    )
                });
                false
            }
            Keyword::Properties(props) => {
                let Value::Object(map) = value else {
                    return true;
                };
                let mut ok = true;
                for (name, index) in props {
                    if let Some(v) = map.get(name) {
                        if !self.child(*index, v, name) {
                            ok = false;
                            if !self.collect {
                                return false;
                            }
                        }
                    }
                }
                ok
            }
            Keyword::Required(names) => {
                let Value::Object(map) = value else {
                    return true;
                };
                let mut ok = true;
                for name in names {
                    if map.get(name).is_none() {
                        ok = false;
                        self.fail(at, "required", || {
                            (
                                json!({ "missingProperty": name }),
                                format!("must have required property '{name}'"),
                            )
                        });
                        if !self.collect {
                            return false;
                        }
                    }
                }
                ok
            }
            Keyword::AdditionalProperties(index, known) => {
                let Value::Object(map) = value else {
                    return true;
                };
                let forbidden = matches!(
                    self.nodes.get(*index).map(|n| &n.node),
                    Some(Node::Bool(false))
                );
                let mut ok = true;
                for (name, v) in map {
                    if known.iter().any(|k| k == name) {
                        continue;
                    }
                    if forbidden {
                        self.fail(at, "additionalProperties", || {
                            (
                                json!({ "additionalProperty": name }),
                                "must NOT have additional properties".to_owned(),
                            )
                        });
                        ok = false;
                    } else if !self.child(*index, v, name) {
                        ok = false;
                    }
                    if !ok && !self.collect {
                        return false;
                    }
                }
                ok
            }
            Keyword::PropertyNames(index) => {
                let Value::Object(map) = value else {
                    return true;
                };
                let mut ok = true;
                for name in map.keys() {
                    if !self.node(*index, &Value::String(name.clone())) {
                        ok = false;
                        self.fail(at, "propertyNames", || {
                            (
                                json!({ "propertyName": name }),
                                "property name must be valid".to_owned(),
                            )
                        });
                        if !self.collect {
                            return false;
                        }
                    }
                }
                ok
            }
            Keyword::MinProperties(limit) => {
                let size = value.as_object().map(crate::json::Map::len);
                self.limit(at, size, *limit, true, "minProperties", "properties")
            }
            Keyword::MaxProperties(limit) => {
                let size = value.as_object().map(crate::json::Map::len);
                self.limit(at, size, *limit, false, "maxProperties", "properties")
            }
            Keyword::Dependencies(deps) => {
                let Value::Object(map) = value else {
                    return true;
                };
                let mut ok = true;
                for (property, dependency) in deps {
                    if map.get(property).is_none() {
                        continue;
                    }
                    match dependency {
                        Dependency::Properties(needed) => {
                            for missing in needed.iter().filter(|n| map.get(n).is_none()) {
                                ok = false;
                                let word = if needed.len() == 1 {
                                    "property"
                                } else {
                                    "properties"
                                };
                                let deps_text = needed.join(", ");
                                self.fail(at, "dependencies", || (json!({ "property": property, "missingProperty": missing, "depsCount": needed.len(), "deps": deps_text }), format!("must have {word} {deps_text} when property {property} is present")));
                            }
                        }
                        Dependency::Schema(index) => {
                            if !self.node(*index, value) {
                                ok = false;
                            }
                        }
                    }
                    if !ok && !self.collect {
                        return false;
                    }
                }
                ok
            }
            Keyword::Items(index) => {
                let Value::Array(items) = value else {
                    return true;
                };
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    if !self.item(*index, item, i) {
                        ok = false;
                        if !self.collect {
                            return false;
                        }
                    }
                }
                ok
            }
            Keyword::TupleItems(list) => {
                let Value::Array(items) = value else {
                    return true;
                };
                let mut ok = true;
                for (i, (item, index)) in items.iter().zip(list).enumerate() {
                    if !self.item(*index, item, i) {
                        ok = false;
                        if !self.collect {
                            return false;
                        }
                    }
                }
                ok
            }
            Keyword::AdditionalItems(index, count) => {
                let Value::Array(items) = value else {
                    return true;
                };
                if items.len() <= *count {
                    return true;
                }
                if matches!(
                    self.nodes.get(*index).map(|n| &n.node),
                    Some(Node::Bool(false))
                ) {
                    self.fail(at, "additionalItems", || {
                        (
                            json!({ "limit": count }),
                            format!("must NOT have more than {count} items"),
                        )
                    });
                    return false;
                }
                let mut ok = true;
                for (i, item) in items.iter().enumerate().skip(*count) {
                    if !self.item(*index, item, i) {
                        ok = false;
                        if !self.collect {
                            return false;
                        }
                    }
                }
                ok
            }
            Keyword::Contains(index) => {
                let Value::Array(items) = value else {
                    return true;
                };
                // Tried without errors first: when an item matches (the usual case), no item's
                // errors are built. Like ajv, a failed `contains` reports why each did not match.
                if self.collect
                    && items
                        .iter()
                        .enumerate()
                        .any(|(i, item)| self.probe_item(*index, item, i))
                {
                    return true;
                }
                let mark = self.errors.len();
                for (i, item) in items.iter().enumerate() {
                    if self.item(*index, item, i) {
                        self.errors.truncate(mark);
                        return true;
                    }
                }
                self.fail(at, "contains", || {
                    (
                        json!({ "minContains": 1 }),
                        "must contain at least 1 valid item(s)".to_owned(),
                    )
                });
                false
            }
            Keyword::MinItems(limit) => {
                self.limit(at, items_len(value), *limit, true, "minItems", "items")
            }
            Keyword::MaxItems(limit) => {
                self.limit(at, items_len(value), *limit, false, "maxItems", "items")
            }
            Keyword::UniqueItems => {
                let Value::Array(items) = value else {
                    return true;
                };
                let Some((i, j)) = duplicate_pair(items) else {
                    return true;
                };
                self.fail(at, "uniqueItems", || {
                    (
                        json!({ "i": i, "j": j }),
                        format!(
                            "must NOT have duplicate items (items ## {j} and {i} are identical)"
                        ),
                    )
                });
                false
            }
            Keyword::MinLength(limit) => {
                let size = value.as_str().map(chars_len);
                self.limit(at, size, *limit, true, "minLength", "characters")
            }
            Keyword::MaxLength(limit) => {
                let size = value.as_str().map(chars_len);
                self.limit(at, size, *limit, false, "maxLength", "characters")
            }
            Keyword::Minimum(limit, shown) => {
                self.compare(at, value, *limit, shown, "minimum", ">=")
            }
            Keyword::Maximum(limit, shown) => {
                self.compare(at, value, *limit, shown, "maximum", "<=")
            }
            Keyword::ExclusiveMinimum(limit, shown) => {
                self.compare(at, value, *limit, shown, "exclusiveMinimum", ">")
            }
            Keyword::ExclusiveMaximum(limit, shown) => {
                self.compare(at, value, *limit, shown, "exclusiveMaximum", "<")
            }
            Keyword::MultipleOf(divisor, shown) => {
                let Value::Number(n) = value else {
                    return true;
                };
                if is_multiple(n.to_f64(), *divisor) {
                    return true;
                }
                self.fail(at, "multipleOf", || {
                    (
                        json!({ "multipleOf": shown }),
                        format!("must be multiple of {}", to_text(shown)),
                    )
                });
                false
            }
            Keyword::Format(format) => {
                let Value::String(text) = value else {
                    return true;
                };
                if format.matches(text) {
                    return true;
                }
                let name = format.name();
                self.fail(at, "format", || {
                    (
                        json!({ "format": name }),
                        format!("must match format \"{name}\""),
                    )
                });
                false
            }
            Keyword::AllOf(list) => {
                let mut ok = true;
                for index in list {
                    if !self.node(*index, value) {
                        ok = false;
                        if !self.collect {
                            return false;
                        }
                    }
                }
                ok
            }
            Keyword::AnyOf(list) => {
                // Tried without errors first (see `OneOf`).
                if self.collect && list.iter().any(|index| self.probe(*index, value)) {
                    return true;
                }
                let mark = self.errors.len();
                for index in list {
                    if self.node(*index, value) {
                        self.errors.truncate(mark);
                        return true;
                    }
                }
                self.fail(at, "anyOf", || {
                    (json!({}), "must match a schema in anyOf".to_owned())
                });
                false
            }
            Keyword::OneOf(list) => {
                // Tried without errors first: when exactly one branch passes (the usual case),
                // the failing branches' errors are never built. Otherwise the branches run again
                // collecting errors, which gives ajv's errors exactly.
                if self.collect {
                    let mut passing = 0;
                    for index in list {
                        if self.probe(*index, value) {
                            passing += 1;
                            if passing > 1 {
                                break;
                            }
                        }
                    }
                    if passing == 1 {
                        return true;
                    }
                }
                let mark = self.errors.len();
                let mut passing: Vec<usize> = Vec::new();
                for (i, index) in list.iter().enumerate() {
                    if self.node(*index, value) {
                        passing.push(i);
                        // Like ajv: stop at the second passing branch, keeping the errors of
                        // the failing branches tried before it.
                        if passing.len() > 1 {
                            break;
                        }
                    }
                }
                match passing.len() {
                    1 => {
                        self.errors.truncate(mark);
                        true
                    }
                    0 => {
                        self.fail(at, "oneOf", || {
                            (
                                json!({ "passingSchemas": null }),
                                "must match exactly one schema in oneOf".to_owned(),
                            )
                        });
                        false
                    }
                    _ => {
                        // The failing branches' errors stay, as ajv keeps them.
                        self.fail(at, "oneOf", || {
                            (
                                json!({ "passingSchemas": passing }),
                                "must match exactly one schema in oneOf".to_owned(),
                            )
                        });
                        false
                    }
                }
            }
            Keyword::Not(index) => {
                if !self.probe(*index, value) {
                    return true;
                }
                self.fail(at, "not", || (json!({}), "must NOT be valid".to_owned()));
                false
            }
            Keyword::IfThenElse(condition, then, otherwise) => {
                let (branch, name) = if self.probe(*condition, value) {
                    (then, "then")
                } else {
                    (otherwise, "else")
                };
                let Some(index) = branch else {
                    return true;
                };
                if self.node(*index, value) {
                    return true;
                }
                self.fail(at, "if", || {
                    (
                        json!({ "failingKeyword": name }),
                        format!("must match \"{name}\" schema"),
                    )
                });
                false
            }
        }
    }

    /// `min*`/`max*` on a size: of a string (in code points), an array or an object; `None`
    /// when the value is not of the keyword's type.
    fn limit(
        &mut self,
        at: &CompiledNode,
        size: Option<usize>,
        limit: u64,
        min: bool,
        keyword: &'static str,
        unit: &'static str,
    ) -> bool {
        let Some(size) = size else {
            return true;
        };
        let size = size as u64;
        if (min && size >= limit) || (!min && size <= limit) {
            return true;
        }
        let bound = if min { "fewer" } else { "more" };
        // ajv always words the limit in the plural ("fewer than 1 characters").
        self.fail(at, keyword, || {
            (
                json!({ "limit": limit }),
                format!("must NOT have {bound} than {limit} {unit}"),
            )
        });
        false
    }

    fn compare(
        &mut self,
        at: &CompiledNode,
        value: &Value,
        limit: f64,
        shown: &Value,
        keyword: &'static str,
        op: &str,
    ) -> bool {
        let Value::Number(n) = value else {
            return true;
        };
        let x = n.to_f64();
        let ok = match op {
            ">=" => x >= limit,
            "<=" => x <= limit,
            ">" => x > limit,
            _ => x < limit,
        };
        if ok {
            return true;
        }
        self.fail(at, keyword, || {
            (
                object([
                    ("comparison", Value::String(op.to_owned())),
                    ("limit", shown.clone()),
                ]),
                format!("must be {op} {}", to_text(shown)),
            )
        });
        false
    }
}

/// Fills absent properties with their schema `default`s, following `$ref`, `allOf`,
/// `properties` and `items`.
pub fn apply_defaults(compiled: &Compiled, index: usize, value: &mut Value, depth: usize) {
    if depth > MAX_NESTING {
        return;
    }
    let Some(at) = compiled.nodes.get(index) else {
        return;
    };
    match &at.node {
        Node::Ref(target) => apply_defaults(compiled, *target, value, depth + 1),
        Node::Keywords(keywords) => {
            if let Value::Object(map) = value {
                for (name, default) in &at.defaults {
                    if map.get(name).is_none() {
                        map.insert(name.clone(), default.clone());
                    }
                }
            }
            for keyword in keywords {
                match keyword {
                    Keyword::Properties(props) => {
                        if let Value::Object(map) = value {
                            for (name, sub) in props {
                                if let Some(v) = map.get_mut(name) {
                                    apply_defaults(compiled, *sub, v, depth + 1);
                                }
                            }
                        }
                    }
                    Keyword::Items(sub) => {
                        if let Value::Array(items) = value {
                            for item in items {
                                apply_defaults(compiled, *sub, item, depth + 1);
                            }
                        }
                    }
                    Keyword::AllOf(list) => {
                        for sub in list {
                            apply_defaults(compiled, *sub, value, depth + 1);
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}
