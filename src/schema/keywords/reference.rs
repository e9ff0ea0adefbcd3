//! `$ref` beside other keywords (from 2019-09; draft-07's `$ref` replaces its siblings and is
//! compiled as a plain reference node): the value must also match the schema it names.

use crate::schema::annotations::{mark_node, Marks};
use crate::schema::compile::{Compiler, Site};
use crate::schema::error::SchemaError;
use crate::schema::run::Run;
use serde_json::Value;

/// `$ref`: the node of the schema it names.
#[derive(Debug)]
pub struct Ref {
    pub target: usize,
}

pub fn compile(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("$ref") {
        out.push(super::Keyword::Ref(Ref {
            target: c.reference(v, site)?,
        }));
    }
    Ok(())
}

impl Ref {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, value: &Value) -> bool {
        run.node(self.target, value)
    }

    /// What the named schema evaluates (valid or not: its failure fails this schema).
    pub fn mark(&self, run: &mut Run<'_>, value: &Value, marks: &mut Marks) {
        mark_node(run, self.target, value, marks);
    }
}
