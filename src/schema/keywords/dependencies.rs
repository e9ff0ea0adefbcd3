//! `dependencies` (draft-07): when a property is present, other properties must be too, or the
//! object must match a schema.

use crate::schema::compile::{invalid, string_list, Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use crate::value::has_member;
use serde_json::{Map, Value};

/// What a `dependencies` entry asks for.
#[derive(Debug)]
pub enum Dependency {
    Properties(Vec<String>),
    Schema(usize),
}

/// `dependencies`: (property, what its presence asks for).
#[derive(Debug)]
pub struct Dependencies {
    entries: Vec<(String, Dependency)>,
}

pub fn compile(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    let Some(v) = site.get("dependencies") else {
        return Ok(());
    };
    let deps = v
        .as_object()
        .ok_or_else(|| invalid(site.path, "dependencies", "an object"))?;
    let mut entries = Vec::with_capacity(deps.len());
    for (name, dep) in deps {
        let dependency = match dep {
            Value::Array(_) => Dependency::Properties(string_list(site.path, "dependencies", dep)?),
            _ => Dependency::Schema(c.child(dep, site, &["dependencies", name])?),
        };
        entries.push((name.clone(), dependency));
    }
    out.push(super::Keyword::Dependencies(Dependencies { entries }));
    Ok(())
}

impl Dependencies {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Object(map) = value else {
            return true;
        };
        let present = self.entries.iter().filter(|(p, _)| has_member(map, p));
        run.all(present, |run, (property, dependency)| match dependency {
            Dependency::Properties(needed) => missing(run, at, map, property, needed),
            Dependency::Schema(index) => run.node(*index, value),
        })
    }
}

/// One error per property that `property`'s presence needs and that is absent.
fn missing(
    run: &mut Run<'_>,
    at: &CompiledNode,
    map: &Map<String, Value>,
    property: &str,
    needed: &[String],
) -> bool {
    let mut ok = true;
    for absent in needed.iter().filter(|n| !has_member(map, n)) {
        ok = false;
        run.fail(at, ErrorKeyword::Dependencies, || {
            let word = if needed.len() == 1 {
                "property"
            } else {
                "properties"
            };
            let deps = needed.join(", ");
            let message = format!("must have {word} {deps} when property {property} is present");
            (
                Params::Dependencies {
                    property: property.to_owned(),
                    missing_property: absent.clone(),
                    deps_count: needed.len(),
                    deps,
                },
                message,
            )
        });
    }
    ok
}
