//! A small JSON Schema engine (drafts 07, 2019-09 and 2020-12): compile a schema once, validate
//! many values, and get every error in ajv's shape (`instancePath`, `schemaPath`, `keyword`,
//! `params`, `message`).
//!
//! `compile` turns a document into nodes (`node`), resolving `$ref`s through the index of the
//! documents it can reach (`resources`, `registry`, `uri`); each keyword is a module of
//! `keywords` (compile, check, error); `run` walks the nodes over a value; `annotations` works
//! out what the `unevaluated*` keywords see; `defaults` fills in `default`s.

pub mod annotations;
mod compile;
mod defaults;
mod draft;
mod error;
mod format;
pub mod keywords;
mod node;
pub mod regex;
mod registry;
mod resources;
mod run;
#[cfg(feature = "stream-check")]
mod stream;
mod uri;
mod words;

pub use compile::MAX_SCHEMA_DEPTH;
pub use draft::Draft;
pub use error::{
    Comparison, ErrorKeyword, Params, SchemaError, SchemaErrorCode, ValidationError,
    ValidationReport,
};
pub use format::{is_date, is_date_time, is_hyphenated_uuid, Format};
pub use registry::{Registry, ValidatorOptions};
#[cfg(feature = "stream-check")]
pub use stream::Buffers as TextBuffers;
#[cfg(feature = "stream-check")]
pub use stream::Verdict as TextVerdict;

use serde_json::Value;

/// A compiled schema, reusable for any number of values.
#[derive(Debug)]
pub struct Validator {
    compiled: node::Compiled,
    /// The compiled frames of the validity while parsing, made as it needs them.
    #[cfg(feature = "stream-check")]
    programs: stream::Programs,
}

impl Validator {
    /// Compiles `schema` (its `$ref`s may name the shipped schemas); fails with the first
    /// problem found in it.
    pub fn new(schema: &Value) -> Result<Validator, SchemaError> {
        Self::with_registry(schema, &Registry::new())
    }

    /// Compiles `schema`, whose `$ref`s may also name the documents of `registry`.
    pub fn with_registry(schema: &Value, registry: &Registry) -> Result<Validator, SchemaError> {
        let compiled = compile::compile(schema, registry)?;
        Ok(Validator {
            #[cfg(feature = "stream-check")]
            programs: stream::Programs::new(&compiled),
            compiled,
        })
    }

    /// Every error of `value` against the schema; empty when it is valid.
    pub fn errors(&self, value: &Value) -> Vec<ValidationError> {
        run::run(&self.compiled, value, true)
    }

    /// True when `value` is valid; stops at the first failure.
    pub fn is_valid(&self, value: &Value) -> bool {
        run::run(&self.compiled, value, false).is_empty()
    }

    /// True when `text` is one JSON value that the schema accepts, decided while parsing it
    /// (no value tree is built); false when it is not, or when that is left to the tree. A
    /// batch asks this first, and validates the tree only for the lines it does not accept.
    #[cfg(feature = "stream-check")]
    pub fn is_valid_text(&self, text: &[u8]) -> bool {
        self.is_valid_text_with(text, &mut TextBuffers::default())
    }

    /// Whether `text` is valid, invalid or left to the tree, decided while parsing it (no value
    /// tree is built), with buffers kept from one text to the next. A batch whose error list is
    /// full needs no more than this for an invalid line.
    #[cfg(feature = "stream-check")]
    pub fn judge_text_with(&self, text: &[u8], buffers: &mut TextBuffers) -> stream::Verdict {
        stream::judge_text(&self.compiled, &self.programs, text, buffers)
    }

    /// [`Validator::is_valid_text`] with buffers kept from one text to the next.
    #[cfg(feature = "stream-check")]
    pub fn is_valid_text_with(&self, text: &[u8], buffers: &mut TextBuffers) -> bool {
        self.judge_text_with(text, buffers) == TextVerdict::Valid
    }

    /// A copy of `value` with the schema's `default`s filled in for absent properties.
    pub fn with_defaults(&self, value: &Value) -> Value {
        let mut copy = value.clone();
        defaults::apply(&self.compiled, 0, &mut copy, 0);
        copy
    }

    /// Fills in the schema's `default`s for absent properties of `value`, in place.
    pub fn fill_defaults(&self, value: &mut Value) {
        defaults::apply(&self.compiled, 0, value, 0);
    }

    /// True when [`Validator::with_defaults`] would change `value`.
    pub fn adds_defaults(&self, value: &Value) -> bool {
        defaults::applies(&self.compiled, 0, value, 0)
    }

    /// `{valid, errors}`.
    pub fn report(&self, value: &Value) -> ValidationReport {
        ValidationReport::new(self.errors(value))
    }
}
