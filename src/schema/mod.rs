//! A small JSON Schema (draft-07) engine: compile a schema once, validate many values, and get
//! every error in ajv's shape (`instancePath`, `schemaPath`, `keyword`, `params`, `message`).

mod compile;
mod format;
mod validate;

pub use compile::MAX_SCHEMA_DEPTH;
pub use format::{is_date, is_date_time, is_hyphenated_uuid, is_uuid, Format};

use crate::json::object;
use crate::json::Value;

/// Why a schema could not be compiled.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaError {
    /// A stable code: `INVALID_SCHEMA`, `UNSUPPORTED_KEYWORD`, `UNSUPPORTED_REF`,
    /// `UNRESOLVED_REF` or `SCHEMA_TOO_DEEP`.
    pub code: &'static str,
    /// JSON Pointer (as a `#...` fragment) of the offending place in the schema.
    pub schema_path: String,
    /// Plain-text English explanation.
    pub message: String,
}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid schema at {}: {}",
            self.schema_path, self.message
        )
    }
}

/// One validation error, shaped like ajv's error objects.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationError {
    /// JSON Pointer to the failing part of the value (`""` for the value itself).
    pub instance_path: String,
    /// JSON Pointer fragment of the failing keyword in the schema.
    pub schema_path: String,
    /// The failing keyword, e.g. `required`.
    pub keyword: &'static str,
    /// The keyword's parameters, as ajv names them (e.g. `{"missingProperty": "id"}`).
    pub params: Value,
    /// Plain-text English message, as ajv words it.
    pub message: String,
}

impl ValidationError {
    /// The error as a JSON object with ajv's key names.
    pub fn to_json(&self) -> Value {
        object([
            ("instancePath", Value::String(self.instance_path.clone())),
            ("schemaPath", Value::String(self.schema_path.clone())),
            ("keyword", Value::String(self.keyword.to_owned())),
            ("params", self.params.clone()),
            ("message", Value::String(self.message.clone())),
        ])
    }
}

/// The errors as a JSON array.
pub fn errors_to_json(errors: &[ValidationError]) -> Value {
    Value::Array(errors.iter().map(ValidationError::to_json).collect())
}

/// A compiled schema, reusable for any number of values.
#[derive(Debug)]
pub struct Validator {
    compiled: compile::Compiled,
}

impl Validator {
    /// Compiles `schema`; fails with the first problem found in it.
    pub fn new(schema: &Value) -> Result<Validator, SchemaError> {
        Ok(Validator {
            compiled: compile::compile(schema)?,
        })
    }

    /// Every error of `value` against the schema; empty when it is valid.
    pub fn errors(&self, value: &Value) -> Vec<ValidationError> {
        validate::run(&self.compiled, value, true)
    }

    /// True when `value` is valid; stops at the first failure.
    pub fn is_valid(&self, value: &Value) -> bool {
        validate::run(&self.compiled, value, false).is_empty()
    }

    /// A copy of `value` with the schema's `default`s filled in for absent properties.
    pub fn with_defaults(&self, value: &Value) -> Value {
        let mut copy = value.clone();
        validate::apply_defaults(&self.compiled, 0, &mut copy, 0);
        copy
    }

    /// `{valid, errors}` as JSON.
    pub fn report(&self, value: &Value) -> Value {
        let errors = self.errors(value);
        object([
            ("valid", Value::Bool(errors.is_empty())),
            ("errors", errors_to_json(&errors)),
        ])
    }
}
