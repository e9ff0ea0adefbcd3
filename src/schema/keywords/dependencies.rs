//! `dependencies` (draft-07), and its halves from 2019-09, `dependentRequired` and
//! `dependentSchemas`: when a property is present, other properties must be too, or the object
//! must match a schema.

use crate::schema::annotations::{mark_node, Marks};
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

/// `dependencies` (or one of its halves): (property, what its presence asks for).
#[derive(Debug)]
pub struct Dependencies {
    entries: Vec<(String, Dependency)>,
    /// The keyword a missing property is reported under.
    keyword: ErrorKeyword,
}

/// Which forms of entry a keyword allows.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    Both,
    Properties,
    Schemas,
}

pub fn compile(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    compile_one(c, site, "dependencies", Form::Both, out)?;
    if site.draft.is_2019_or_later() {
        compile_one(c, site, "dependentRequired", Form::Properties, out)?;
        compile_one(c, site, "dependentSchemas", Form::Schemas, out)?;
    }
    Ok(())
}

fn compile_one(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    keyword: &str,
    form: Form,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    let Some(v) = site.get(keyword) else {
        return Ok(());
    };
    let deps = v
        .as_object()
        .ok_or_else(|| invalid(site.path, keyword, "an object"))?;
    let mut entries = Vec::with_capacity(deps.len());
    for (name, dep) in deps {
        let dependency = match dep {
            Value::Array(_) if form != Form::Schemas => {
                Dependency::Properties(string_list(site.path, keyword, dep)?)
            }
            _ if form == Form::Properties => {
                return Err(invalid(
                    site.path,
                    keyword,
                    "an object of arrays of strings",
                ))
            }
            _ => Dependency::Schema(c.child(dep, site, &[keyword, name])?),
        };
        entries.push((name.clone(), dependency));
    }
    let keyword = if form == Form::Properties {
        ErrorKeyword::DependentRequired
    } else {
        ErrorKeyword::Dependencies
    };
    out.push(super::Keyword::Dependencies(Dependencies {
        entries,
        keyword,
    }));
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
            Dependency::Properties(needed) => missing(run, at, self.keyword, map, property, needed),
            Dependency::Schema(index) => run.node(*index, value),
        })
    }

    /// The schemas of the present properties evaluate what they evaluate.
    pub fn mark(&self, run: &mut Run<'_>, value: &Value, marks: &mut Marks) {
        let Value::Object(map) = value else {
            return;
        };
        for (property, dependency) in &self.entries {
            if let Dependency::Schema(index) = dependency {
                if has_member(map, property) {
                    mark_node(run, *index, value, marks);
                }
            }
        }
    }
}

/// One error per property that `property`'s presence needs and that is absent.
fn missing(
    run: &mut Run<'_>,
    at: &CompiledNode,
    keyword: ErrorKeyword,
    map: &Map<String, Value>,
    property: &str,
    needed: &[String],
) -> bool {
    let mut ok = true;
    for absent in needed.iter().filter(|n| !has_member(map, n)) {
        ok = false;
        run.fail(at, keyword, || {
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
