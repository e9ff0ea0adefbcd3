//! `properties`, `patternProperties` and `additionalProperties`: named properties against their
//! schemas, properties whose names match a pattern against its schema, and the others against
//! one schema (or refused outright by `false`).

use super::pattern::{too_long, Pattern};
use crate::schema::annotations::{Marks, Target};
use crate::schema::compile::{invalid, Compiler, Site};
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

/// `patternProperties`: (pattern, subschema) in the schema's order.
#[derive(Debug)]
pub struct PatternProperties {
    schemas: Vec<(Pattern, usize)>,
}

/// `additionalProperties`: the subschema for properties neither named in `properties` nor
/// matched by a pattern of `patternProperties`.
#[derive(Debug)]
pub struct AdditionalProperties {
    schema: usize,
    /// `additionalProperties: false`: refuse without descending.
    forbidden: bool,
    known: Vec<String>,
    patterns: Vec<Pattern>,
}

/// What `additionalProperties` (or `additionalItems`) says of one member or item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    /// It is not additional.
    Known,
    /// It is, and must match this subschema.
    Schema(usize),
    /// It is, and the schema is `false`.
    Forbidden,
}

/// The patterns of `patternProperties`, with their subschemas.
fn patterns<'s>(site: &Site<'s>) -> Result<Vec<(Pattern, &'s Value)>, SchemaError> {
    let Some(v) = site.get("patternProperties") else {
        return Ok(Vec::new());
    };
    let map = v
        .as_object()
        .ok_or_else(|| invalid(site.path, "patternProperties", "an object of schemas"))?;
    map.iter()
        .map(|(source, schema)| {
            let pattern = Pattern::new(
                site,
                "patternProperties",
                &["patternProperties", source],
                &Value::String(source.clone()),
            )?;
            Ok((pattern, schema))
        })
        .collect()
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
    let found = patterns(site)?;
    if !found.is_empty() {
        let mut schemas = Vec::with_capacity(found.len());
        for (pattern, schema) in found {
            let index = c.child(schema, site, &["patternProperties", &pattern.source])?;
            schemas.push((pattern, index));
        }
        out.push(super::Keyword::PatternProperties(PatternProperties {
            schemas,
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
            patterns: patterns(site)?.into_iter().map(|(p, _)| p).collect(),
        }));
    }
    Ok(())
}

impl Properties {
    /// The subschema of member `name`, if it is declared.
    pub fn schema_of(&self, name: &str) -> Option<usize> {
        self.schemas
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, index)| *index)
    }

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

    /// The declared properties are evaluated.
    pub fn mark(&self, value: &Value, marks: &mut Marks) {
        let Value::Object(map) = value else {
            return;
        };
        if marks.target != Target::Properties {
            return;
        }
        for (i, name) in map.keys().enumerate() {
            if self.schemas.iter().any(|(n, _)| n == name) {
                marks.set(i);
            }
        }
    }
}

impl PatternProperties {
    /// The subschemas of member `name`, each pattern that matches it in order; `None` when
    /// the name is too long to match (an error, as in `check`).
    pub fn schemas_of(&self, name: &str, mut each: impl FnMut(usize)) -> Option<()> {
        for (pattern, index) in &self.schemas {
            if pattern.matches(name)? {
                each(*index);
            }
        }
        Some(())
    }

    /// The properties a pattern matches are evaluated (one too long to match is not).
    pub fn mark(&self, value: &Value, marks: &mut Marks) {
        let Value::Object(map) = value else {
            return;
        };
        if marks.target != Target::Properties {
            return;
        }
        for (i, name) in map.keys().enumerate() {
            if self
                .schemas
                .iter()
                .any(|(p, _)| p.matches(name) == Some(true))
            {
                marks.set(i);
            }
        }
    }

    /// Like ajv: pattern by pattern, then the value's properties that match it.
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Object(map) = value else {
            return true;
        };
        run.all(&self.schemas, |run, (pattern, index)| {
            run.all(map.iter(), |run, (name, v)| match pattern.matches(name) {
                Some(true) => run.child(*index, v, name),
                Some(false) => true,
                None => {
                    too_long(run, at);
                    false
                }
            })
        })
    }
}

impl AdditionalProperties {
    /// What applies to member `name`: nothing (it is declared or matched), its subschema, or a
    /// refusal; `None` when the name is too long to match (an error, as in `check`).
    /// `declared`: whether the node's `properties` names it (its names are `known`, so the
    /// list need not be searched again).
    pub fn extra(&self, name: &str, declared: bool) -> Option<Extra> {
        let additional = if declared {
            false
        } else {
            self.is_additional_pattern(name)?
        };
        Some(match additional {
            false => Extra::Known,
            true if self.forbidden => Extra::Forbidden,
            true => Extra::Schema(self.schema),
        })
    }

    /// True when `name` is neither declared nor matched; `None` when it is too long to match.
    fn is_additional(&self, name: &str) -> Option<bool> {
        if self.known.iter().any(|k| k == name) {
            return Some(false);
        }
        self.is_additional_pattern(name)
    }

    /// True when no pattern of `patternProperties` matches `name` (one not declared).
    fn is_additional_pattern(&self, name: &str) -> Option<bool> {
        for pattern in &self.patterns {
            if pattern.matches(name)? {
                return Some(false);
            }
        }
        Some(true)
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Object(map) = value else {
            return true;
        };
        run.all(map.iter(), |run, (name, v)| {
            match self.is_additional(name) {
                Some(false) => true,
                None => {
                    too_long(run, at);
                    false
                }
                Some(true) if !self.forbidden => run.child(self.schema, v, name),
                Some(true) => {
                    run.fail(at, ErrorKeyword::AdditionalProperties, || {
                        (
                            Params::AdditionalProperties {
                                additional_property: name.clone(),
                            },
                            "must NOT have additional properties".to_owned(),
                        )
                    });
                    false
                }
            }
        })
    }
}
