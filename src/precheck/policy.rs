//! The pre-check policy as types: which rules run, what they say, in which language, and custom
//! rules over the context. Like the context's, the types refuse what `policy.schema.json`
//! refuses; the schema gives the error list when a policy does not deserialize.

use super::rules::BuiltInRule;
use crate::schema::keywords::size::chars_len;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;

/// A string of `MIN..=MAX` code points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text<const MIN: usize, const MAX: usize>(pub String);

impl<'de, const MIN: usize, const MAX: usize> Deserialize<'de> for Text<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let len = chars_len(&text);
        if len < MIN || len > MAX {
            return Err(de::Error::custom(format_args!(
                "a string of {MIN} to {MAX} characters"
            )));
        }
        Ok(Text(text))
    }
}

/// An ordered map read from a JSON object, its entries kept in the order written.
pub fn entries<'de, D, K, V>(deserializer: D) -> Result<Vec<(K, V)>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de>,
    V: Deserialize<'de>,
{
    struct Entries<K, V>(std::marker::PhantomData<(K, V)>);
    impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
        type Value = Vec<(K, V)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(entry) = map.next_entry()? {
                out.push(entry);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Entries(std::marker::PhantomData))
}

/// Message templates by locale (`{name}` inserts a parameter): at least one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Messages(pub Vec<(String, String)>);

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let texts: Vec<(Text<2, 35>, Text<1, 1000>)> = entries(deserializer)?;
        if texts.is_empty() {
            return Err(de::Error::custom("at least one message"));
        }
        Ok(Messages(
            texts.into_iter().map(|(k, v)| (k.0, v.0)).collect(),
        ))
    }
}

named_enum! {
    /// What a rule does when the context lacks what it needs.
    pub enum OnMissingData {
        /// Not judged: listed in the report's `skipped`, with the data.
        Skip = "skip",
        /// The move is refused (code `DATA_MISSING`).
        Refuse = "refuse",
    }
}

/// What a policy says about one built-in rule.
#[derive(Clone, Debug, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, rename_all = "camelCase")]
pub struct RuleSettings {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default, deserialize_with = "present")]
    pub messages: Option<Messages>,
    #[serde(default, deserialize_with = "present")]
    pub on_missing_data: Option<OnMissingData>,
    #[serde(default, deserialize_with = "present")]
    pub missing_data_messages: Option<Messages>,
}

fn yes() -> bool {
    true
}

fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A schema as a custom rule gives it: an object or a boolean.
#[derive(Clone, Debug)]
pub struct SchemaValue(pub Value);

impl<'de> Deserialize<'de> for SchemaValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            v @ (Value::Object(_) | Value::Bool(_)) => Ok(SchemaValue(v)),
            _ => Err(de::Error::custom("an object or a boolean")),
        }
    }
}

fn always() -> SchemaValue {
    SchemaValue(Value::Bool(true))
}

fn custom_code() -> Text<1, 64> {
    Text("CUSTOM_RULE".to_owned())
}

/// When the context matches `when`, it must match `require`, or the move is refused with
/// `message`.
#[derive(Clone, Debug, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct CustomRuleSpec {
    pub id: Text<1, 64>,
    #[serde(default = "custom_code")]
    pub code: Text<1, 64>,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default = "always")]
    pub when: SchemaValue,
    pub require: SchemaValue,
    #[serde(deserialize_with = "english_messages")]
    pub message: Messages,
}

fn english_messages<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Messages, D::Error> {
    let messages = Messages::deserialize(deserializer)?;
    if !messages.0.iter().any(|(tag, _)| tag == "en") {
        return Err(de::Error::custom("an English (en) message"));
    }
    Ok(messages)
}

fn default_locale() -> Text<2, 35> {
    Text("en".to_owned())
}

fn default_final_states() -> Vec<String> {
    ["completed", "cancelled", "failed", "rejected"]
        .map(str::to_owned)
        .to_vec()
}

fn final_states<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let states: Vec<Text<1, 64>> = Vec::deserialize(deserializer)?;
    if states.is_empty() || states.len() > 100 {
        return Err(de::Error::custom("1 to 100 states"));
    }
    let states: Vec<String> = states.into_iter().map(|s| s.0).collect();
    if states
        .iter()
        .enumerate()
        .any(|(i, s)| states.iter().skip(i + 1).any(|t| t == s))
    {
        return Err(de::Error::custom("states listed once each"));
    }
    Ok(states)
}

fn custom_rules<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<CustomRuleSpec>, D::Error> {
    let rules = Vec::<CustomRuleSpec>::deserialize(deserializer)?;
    if rules.len() > 100 {
        return Err(de::Error::custom("at most 100 custom rules"));
    }
    Ok(rules)
}

/// A pre-check policy.
#[derive(Clone, Debug, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, rename_all = "camelCase")]
pub struct Policy {
    /// BCP 47 tag; falls back to its language, then to English.
    #[serde(default = "default_locale")]
    pub locale: Text<2, 35>,
    /// Per built-in rule, in the order written.
    #[serde(default, deserialize_with = "entries")]
    pub rules: Vec<(BuiltInRule, RuleSettings)>,
    /// Order states that count as final.
    #[serde(default = "default_final_states", deserialize_with = "final_states")]
    pub final_order_states: Vec<String>,
    #[serde(default, deserialize_with = "custom_rules")]
    pub custom_rules: Vec<CustomRuleSpec>,
}

object_only!(RuleSettings);

object_only!(CustomRuleSpec);

object_only!(Policy);
