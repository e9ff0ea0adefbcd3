//! `unevaluatedProperties` and `unevaluatedItems` (from 2019-09): the properties (items) that
//! no keyword beside them evaluated, counting the subschemas applied in place that validate
//! (see `annotations`), must match a schema, or as `false` must not be there.

use super::items::too_many;
use crate::schema::annotations::{siblings, Marks, Target};
use crate::schema::compile::{Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use serde_json::Value;

/// `unevaluatedProperties` or `unevaluatedItems`.
#[derive(Debug)]
pub struct Unevaluated {
    schema: usize,
    /// The schema is `false`: refuse without descending.
    forbidden: bool,
    target: Target,
}

pub fn compile(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if !site.draft.is_2019_or_later() {
        return Ok(());
    }
    for (keyword, target) in [
        ("unevaluatedProperties", Target::Properties),
        ("unevaluatedItems", Target::Items),
    ] {
        if let Some(v) = site.get(keyword) {
            let schema = c.child(v, site, &[keyword])?;
            out.push(super::Keyword::Unevaluated(Unevaluated {
                schema,
                forbidden: c.is_false(schema),
                target,
            }));
        }
    }
    Ok(())
}

impl Unevaluated {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        match (self.target, value) {
            (Target::Properties, Value::Object(map)) => {
                let marks = siblings(run, at, value, Target::Properties, map.len());
                let left = map.iter().enumerate().filter(|(i, _)| !marks.is_set(*i));
                run.all(left, |run, (_, (name, v))| self.property(run, at, name, v))
            }
            (Target::Items, Value::Array(items)) => {
                let marks = siblings(run, at, value, Target::Items, items.len());
                let mut left = (0..items.len()).filter(|i| !marks.is_set(*i)).peekable();
                if self.forbidden {
                    // ajv's wording: the items up to the first unevaluated one are allowed.
                    return match left.peek() {
                        Some(first) => {
                            too_many(run, at, ErrorKeyword::UnevaluatedItems, *first);
                            false
                        }
                        None => true,
                    };
                }
                run.all(left, |run, i| match items.get(i) {
                    Some(item) => run.item(self.schema, item, i),
                    None => true,
                })
            }
            _ => true,
        }
    }

    fn property(&self, run: &mut Run<'_>, at: &CompiledNode, name: &str, v: &Value) -> bool {
        if !self.forbidden {
            return run.child(self.schema, v, name);
        }
        run.fail(at, ErrorKeyword::UnevaluatedProperties, || {
            (
                Params::UnevaluatedProperties {
                    unevaluated_property: name.to_owned(),
                },
                "must NOT have unevaluated properties".to_owned(),
            )
        });
        false
    }

    /// In a subschema that validates, it has evaluated every property (item) left.
    pub fn mark(&self, marks: &mut Marks) {
        if marks.target == self.target {
            marks.all();
        }
    }
}
