//! `if` / `then` / `else`: the value must match `then` when it matches `if`, else `else`.

use crate::schema::annotations::{mark_node, Marks};
use crate::schema::compile::{Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use serde_json::Value;

/// `if`, with `then` and `else` when the schema has them. Alone, `if` decides nothing: it is
/// compiled only from 2019-09, where what it evaluates counts for `unevaluated*`.
#[derive(Debug)]
pub struct IfThenElse {
    condition: usize,
    then: Option<usize>,
    otherwise: Option<usize>,
}

pub fn compile(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    let Some(v) = site.get("if") else {
        return Ok(());
    };
    let condition = c.child(v, site, &["if"])?;
    let then = site
        .get("then")
        .map(|t| c.child(t, site, &["then"]))
        .transpose()?;
    let otherwise = site
        .get("else")
        .map(|e| c.child(e, site, &["else"]))
        .transpose()?;
    if then.is_some() || otherwise.is_some() || site.draft.is_2019_or_later() {
        out.push(super::Keyword::IfThenElse(IfThenElse {
            condition,
            then,
            otherwise,
        }));
    }
    Ok(())
}

impl IfThenElse {
    /// `if`, `then` and `else`.
    pub fn branches(&self) -> (usize, Option<usize>, Option<usize>) {
        (self.condition, self.then, self.otherwise)
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let (branch, failing_keyword) = if run.probe(self.condition, value) {
            (self.then, "then")
        } else {
            (self.otherwise, "else")
        };
        let Some(index) = branch else {
            return true;
        };
        if run.node(index, value) {
            return true;
        }
        run.fail(at, ErrorKeyword::If, || {
            (
                Params::If { failing_keyword },
                format!("must match \"{failing_keyword}\" schema"),
            )
        });
        false
    }

    /// A matched `if` evaluates what it evaluates, and so does the branch taken.
    pub fn mark(&self, run: &mut Run<'_>, value: &Value, marks: &mut Marks) {
        let branch = if run.probe(self.condition, value) {
            mark_node(run, self.condition, value, marks);
            self.then
        } else {
            self.otherwise
        };
        if let Some(index) = branch {
            mark_node(run, index, value, marks);
        }
    }
}
