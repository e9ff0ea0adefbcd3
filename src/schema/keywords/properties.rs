//! `properties` and `additionalProperties`: named properties against their schemas, the others
//! against one schema (or refused outright by `false`).

use crate::schema::compile::{Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use crate::value::member;
use serde_json::Value;

/// `properties`: (name, subschema) in the schema's order.
#[derive(Debug)]
pub struct Properties {
    pub schemas: Vec<(String, usize)>,
}

/// `additionalProperties`: the subschema for properties not named in `properties`.
#[derive(Debug)]
pub struct AdditionalProperties {
    schema: usize,
    /// `additionalProperties: false`: refuse without descending.
    forbidden: bool,
    known: Vec<String>,
}

pub fn compile(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("properties") {
        out.push(super::Keyword::Properties(Properties {
            schemas: c.schema_map(v, site, "properties")?,
        }));
    }
    if let Some(v) = site.get("additionalProperties") {
        let known = match site.get("properties") {
            Some(Value::Object(props)) => props.keys().cloned().collect(),
            _ => Vec::new(),
        };
        let schema = c.child(v, site, &["additionalProperties"])?;
        out.push(super::Keyword::AdditionalProperties(AdditionalProperties {
            schema,
            forbidden: c.is_false(schema),
            known,
        }));
    }
    Ok(())
}

impl Properties {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, value: &Value) -> bool {
        let Value::Object(map) = value else {
            return true;
        };
        run.all(&self.schemas, |run, (name, index)| {
            match member(map, name) {
                Some(v) => run.child(*index, v, name),
                None => true,
            }
        })
    }
}

impl AdditionalProperties {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Object(map) = value else {
            return true;
        };
        let extra = map
            .iter()
            .filter(|(name, _)| !self.known.iter().any(|k| k == *name));
        run.all(extra, |run, (name, v)| {
            if !self.forbidden {
                return run.child(self.schema, v, name);
            }
            run.fail(at, ErrorKeyword::AdditionalProperties, || {
                (
                    Params::AdditionalProperties {
                        additional_property: name.clone(),
                    },
                    "must NOT have additional properties".to_owned(),
                )
            });
            false
        })
    }
}
