//! `type`: one JSON type or a list of them (`integer` is a number without a fraction).

use crate::schema::compile::{invalid, Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use serde_json::Value;

/// The JSON Schema primitive types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    fn parse(name: &str) -> Option<JsonType> {
        Some(match name {
            "null" => JsonType::Null,
            "boolean" => JsonType::Boolean,
            "integer" => JsonType::Integer,
            "number" => JsonType::Number,
            "string" => JsonType::String,
            "array" => JsonType::Array,
            "object" => JsonType::Object,
            _ => return None,
        })
    }

    /// True when `value` is of this type.
    pub fn matches(self, value: &Value) -> bool {
        match (self, value) {
            (JsonType::Null, Value::Null)
            | (JsonType::Boolean, Value::Bool(_))
            | (JsonType::Number, Value::Number(_))
            | (JsonType::String, Value::String(_))
            | (JsonType::Array, Value::Array(_))
            | (JsonType::Object, Value::Object(_)) => true,
            (JsonType::Integer, Value::Number(n)) => crate::value::is_integer(n),
            _ => false,
        }
    }
}

/// `type`, with the value as written (for the error's params and message).
#[derive(Debug)]
pub struct Type {
    types: Vec<JsonType>,
    written: Value,
}

pub fn compile(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    let Some(v) = site.get("type") else {
        return Ok(());
    };
    let names: Vec<&str> = match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let count = v.as_array().map_or(1, Vec::len);
    let types: Option<Vec<JsonType>> = names.iter().map(|n| JsonType::parse(n)).collect();
    match types {
        Some(types) if !types.is_empty() && types.len() == count => {
            out.push(super::Keyword::Type(Type {
                types,
                written: v.clone(),
            }));
            Ok(())
        }
        _ => Err(invalid(
            site.path,
            "type",
            "a type name or an array of type names",
        )),
    }
}

impl Type {
    /// True when the type admits an array or an object (`kind`): what the streaming reader
    /// knows of a value before it has read it.
    pub fn admits(&self, kind: JsonType) -> bool {
        self.types.contains(&kind)
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        if self.types.iter().any(|t| t.matches(value)) {
            return true;
        }
        run.fail(at, ErrorKeyword::Type, || {
            let names = match &self.written {
                Value::Array(items) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
                other => other.as_str().unwrap_or_default().to_owned(),
            };
            (
                Params::Type {
                    expected: self.written.clone(),
                },
                format!("must be {names}"),
            )
        });
        false
    }
}
