//! `allOf`, `anyOf`, `oneOf` and `not`.
//!
//! The branches of `anyOf` and `oneOf` are tried without collecting errors first: when the
//! outcome is a pass (the usual case), no branch's errors are ever built. On a failure they run
//! again collecting, which gives exactly the errors ajv reports.

use crate::schema::annotations::{mark_node, mark_valid, Marks};
use crate::schema::compile::{Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use serde_json::Value;

/// `allOf`.
#[derive(Debug)]
pub struct AllOf {
    pub schemas: Vec<usize>,
}

/// `anyOf`.
#[derive(Debug)]
pub struct AnyOf {
    pub schemas: Vec<usize>,
}

/// `oneOf`.
#[derive(Debug)]
pub struct OneOf {
    pub schemas: Vec<usize>,
}

/// `not`.
#[derive(Debug)]
pub struct Not {
    schema: usize,
}

pub fn compile_all_of(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("allOf") {
        out.push(super::Keyword::AllOf(AllOf {
            schemas: c.schema_list(v, site, "allOf")?,
        }));
    }
    Ok(())
}

pub fn compile_any_of(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("anyOf") {
        out.push(super::Keyword::AnyOf(AnyOf {
            schemas: c.schema_list(v, site, "anyOf")?,
        }));
    }
    Ok(())
}

pub fn compile_one_of(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("oneOf") {
        out.push(super::Keyword::OneOf(OneOf {
            schemas: c.schema_list(v, site, "oneOf")?,
        }));
    }
    Ok(())
}

pub fn compile_not(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("not") {
        out.push(super::Keyword::Not(Not {
            schema: c.child(v, site, &["not"])?,
        }));
    }
    Ok(())
}

/// The branches of `anyOf`/`oneOf` that validate evaluate what they evaluate.
pub fn mark(schemas: &[usize], run: &mut Run<'_>, value: &Value, marks: &mut Marks) {
    for index in schemas {
        mark_valid(run, *index, value, marks);
    }
}

/// Every subschema of `allOf` evaluates what it evaluates (one failing fails the `allOf`).
pub fn mark_all(schemas: &[usize], run: &mut Run<'_>, value: &Value, marks: &mut Marks) {
    for index in schemas {
        mark_node(run, *index, value, marks);
    }
}

impl AllOf {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, value: &Value) -> bool {
        run.all(&self.schemas, |run, index| run.node(*index, value))
    }
}

impl AnyOf {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        if run.collecting() && self.schemas.iter().any(|index| run.probe(*index, value)) {
            return true;
        }
        let mark = run.mark();
        for index in &self.schemas {
            if run.node(*index, value) {
                run.truncate(mark);
                return true;
            }
        }
        run.fail(at, ErrorKeyword::AnyOf, || {
            (Params::None {}, "must match a schema in anyOf".to_owned())
        });
        false
    }
}

impl OneOf {
    /// True when exactly one branch passes, found without collecting errors.
    fn exactly_one(&self, run: &mut Run<'_>, value: &Value) -> bool {
        let mut passing = 0;
        for index in &self.schemas {
            if run.probe(*index, value) {
                passing += 1;
                if passing > 1 {
                    return false;
                }
            }
        }
        passing == 1
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        if run.collecting() && self.exactly_one(run, value) {
            return true;
        }
        let mark = run.mark();
        let mut passing: Vec<usize> = Vec::new();
        for (i, index) in self.schemas.iter().enumerate() {
            if run.node(*index, value) {
                passing.push(i);
                // Like ajv: stop at the second passing branch, keeping the errors of the
                // failing branches tried before it.
                if passing.len() > 1 {
                    break;
                }
            }
        }
        if passing.len() == 1 {
            run.truncate(mark);
            return true;
        }
        // With none passing, or more than one, the failing branches' errors stay, as ajv keeps them.
        let passing_schemas = (!passing.is_empty()).then_some(passing);
        run.fail(at, ErrorKeyword::OneOf, || {
            (
                Params::OneOf { passing_schemas },
                "must match exactly one schema in oneOf".to_owned(),
            )
        });
        false
    }
}

impl Not {
    /// The subschema that must fail.
    pub fn schema(&self) -> usize {
        self.schema
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        if !run.probe(self.schema, value) {
            return true;
        }
        run.fail(at, ErrorKeyword::Not, || {
            (Params::None {}, "must NOT be valid".to_owned())
        });
        false
    }
}
