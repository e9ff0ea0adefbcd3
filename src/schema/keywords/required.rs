//! `required`: the listed properties are present (one error per missing property).

use crate::schema::compile::{string_list, Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use crate::value::has_member;
use serde_json::Value;

/// `required`.
#[derive(Debug)]
pub struct Required {
    names: Vec<String>,
}

pub fn compile(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("required") {
        out.push(super::Keyword::Required(Required {
            names: string_list(site.path, "required", v)?,
        }));
    }
    Ok(())
}

impl Required {
    /// Where `name` is in the list (the streaming reader marks what it has seen).
    pub fn position(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The names, in the schema's order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// How many names the list has.
    pub fn count(&self) -> usize {
        self.names.len()
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Object(map) = value else {
            return true;
        };
        run.all(&self.names, |run, name| {
            if has_member(map, name) {
                return true;
            }
            run.fail(at, ErrorKeyword::Required, || {
                (
                    Params::Required {
                        missing_property: name.clone(),
                    },
                    format!("must have required property '{name}'"),
                )
            });
            false
        })
    }
}
