//! `propertyNames`: every property name (as a string) against one schema.

use crate::schema::compile::{Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use serde_json::Value;

/// `propertyNames`.
#[derive(Debug)]
pub struct PropertyNames {
    schema: usize,
}

pub fn compile(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("propertyNames") {
        out.push(super::Keyword::PropertyNames(PropertyNames {
            schema: c.child(v, site, &["propertyNames"])?,
        }));
    }
    Ok(())
}

impl PropertyNames {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Object(map) = value else {
            return true;
        };
        run.all(map.keys(), |run, name| {
            if run.node(self.schema, &Value::String(name.clone())) {
                return true;
            }
            run.fail(at, ErrorKeyword::PropertyNames, || {
                (
                    Params::PropertyNames {
                        property_name: name.clone(),
                    },
                    "property name must be valid".to_owned(),
                )
            });
            false
        })
    }
}
