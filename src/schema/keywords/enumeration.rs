//! `enum` and `const`: the value equals one of the listed values (numbers by value).

use crate::schema::compile::{invalid, Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use crate::value::equal;
use serde_json::Value;

/// `enum`.
#[derive(Debug)]
pub struct Enum {
    allowed: Vec<Value>,
}

/// `const`.
#[derive(Debug)]
pub struct Const {
    expected: Value,
}

pub fn compile_enum(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("enum") {
        let items = v
            .as_array()
            .ok_or_else(|| invalid(site.path, "enum", "an array"))?;
        out.push(super::Keyword::Enum(Enum {
            allowed: items.clone(),
        }));
    }
    Ok(())
}

pub fn compile_const(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("const") {
        out.push(super::Keyword::Const(Const {
            expected: v.clone(),
        }));
    }
    Ok(())
}

impl Enum {
    /// True when the string `text` is one of the allowed values (the streaming reader's
    /// verdict on a string, without a value).
    pub fn admits_str(&self, text: &str) -> bool {
        self.allowed.iter().any(|a| a.as_str() == Some(text))
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        if self.allowed.iter().any(|a| equal(a, value)) {
            return true;
        }
        run.fail(at, ErrorKeyword::Enum, || {
            (
                Params::Enum {
                    allowed_values: self.allowed.clone(),
                },
                "must be equal to one of the allowed values".to_owned(),
            )
        });
        false
    }
}

impl Const {
    /// True when the string `text` is the expected value.
    pub fn admits_str(&self, text: &str) -> bool {
        self.expected.as_str() == Some(text)
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        if equal(&self.expected, value) {
            return true;
        }
        run.fail(at, ErrorKeyword::Const, || {
            (
                Params::Const {
                    allowed_value: self.expected.clone(),
                },
                "must be equal to constant".to_owned(),
            )
        });
        false
    }
}
