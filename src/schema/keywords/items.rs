//! The keywords over an array's items by position: draft-07 and 2019-09's `items` (one schema
//! for every item, or a tuple of schemas) and `additionalItems` (the items after the tuple);
//! 2020-12's `prefixItems` (the tuple) and `items` (the items after it).

use super::properties::Extra;
use crate::schema::annotations::{Marks, Target};
use crate::schema::compile::{invalid, Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use serde_json::Value;

/// `items` as one schema.
#[derive(Debug)]
pub struct Items {
    pub schema: usize,
}

/// A tuple (`items` as an array, or `prefixItems`): item `i` against schema `i`.
#[derive(Debug)]
pub struct TupleItems {
    schemas: Vec<usize>,
}

/// The schema of the items after a tuple of `count` schemas: `additionalItems`, or 2020-12's
/// `items` after `prefixItems`.
#[derive(Debug)]
pub struct AdditionalItems {
    schema: usize,
    count: usize,
    /// The schema is `false`: refuse more items without descending.
    forbidden: bool,
    keyword: ErrorKeyword,
}

pub fn compile(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if site.draft.is_2020() {
        return compile_2020(c, site, out);
    }
    match site.get("items") {
        Some(Value::Array(items)) => {
            let count = tuple(c, site, "items", items, out)?;
            if let Some(v) = site.get("additionalItems") {
                rest(c, site, v, count, "additionalItems", out)?;
            }
        }
        Some(v) => out.push(super::Keyword::Items(Items {
            schema: c.child(v, site, &["items"])?,
        })),
        None => {}
    }
    Ok(())
}

/// 2020-12: `prefixItems`, then `items` for the items after them.
fn compile_2020(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    let count = match site.get("prefixItems") {
        Some(Value::Array(items)) if !items.is_empty() => {
            tuple(c, site, "prefixItems", items, out)?
        }
        Some(_) => {
            return Err(invalid(
                site.path,
                "prefixItems",
                "a non-empty array of schemas",
            ))
        }
        None => 0,
    };
    match site.get("items") {
        Some(Value::Array(_)) => Err(invalid(
            site.path,
            "items",
            "a schema (in draft 2020-12, a tuple is \"prefixItems\")",
        )),
        Some(v) if count > 0 => rest(c, site, v, count, "items", out),
        Some(v) => {
            out.push(super::Keyword::Items(Items {
                schema: c.child(v, site, &["items"])?,
            }));
            Ok(())
        }
        None => Ok(()),
    }
}

/// Compiles a tuple under `keyword`; returns its length.
fn tuple(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    keyword: &str,
    items: &[Value],
    out: &mut Vec<super::Keyword>,
) -> Result<usize, SchemaError> {
    let mut schemas = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        schemas.push(c.child(item, site, &[keyword, &i.to_string()])?);
    }
    let count = schemas.len();
    out.push(super::Keyword::TupleItems(TupleItems { schemas }));
    Ok(count)
}

/// Compiles the schema under `keyword` for the items after a tuple of `count`.
fn rest(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    schema: &Value,
    count: usize,
    keyword: &str,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    let schema = c.child(schema, site, &[keyword])?;
    let keyword = if keyword == "items" {
        ErrorKeyword::Items
    } else {
        ErrorKeyword::AdditionalItems
    };
    out.push(super::Keyword::AdditionalItems(AdditionalItems {
        schema,
        count,
        forbidden: c.is_false(schema),
        keyword,
    }));
    Ok(())
}

impl Items {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, value: &Value) -> bool {
        let Value::Array(items) = value else {
            return true;
        };
        run.all(items.iter().enumerate(), |run, (i, item)| {
            run.item(self.schema, item, i)
        })
    }
}

impl TupleItems {
    /// The subschema of item `i`, if the tuple has one.
    pub fn schema_at(&self, i: usize) -> Option<usize> {
        self.schemas.get(i).copied()
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, value: &Value) -> bool {
        let Value::Array(items) = value else {
            return true;
        };
        run.all(
            items.iter().zip(&self.schemas).enumerate(),
            |run, (i, (item, index))| run.item(*index, item, i),
        )
    }

    /// The tuple evaluates the items it has schemas for.
    pub fn mark(&self, marks: &mut Marks) {
        if marks.target == Target::Items {
            marks.first(self.schemas.len());
        }
    }
}

impl AdditionalItems {
    /// What applies to item `i`.
    pub fn extra(&self, i: usize) -> Extra {
        match (i < self.count, self.forbidden) {
            (true, _) => Extra::Known,
            (false, true) => Extra::Forbidden,
            (false, false) => Extra::Schema(self.schema),
        }
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Array(items) = value else {
            return true;
        };
        if items.len() <= self.count {
            return true;
        }
        if self.forbidden {
            too_many(run, at, self.keyword, self.count);
            return false;
        }
        run.all(
            items.iter().enumerate().skip(self.count),
            |run, (i, item)| run.item(self.schema, item, i),
        )
    }
}

/// `must NOT have more than {count} items`, as ajv words a `false` schema for later items.
pub fn too_many(run: &mut Run<'_>, at: &CompiledNode, keyword: ErrorKeyword, count: usize) {
    run.fail(at, keyword, || {
        (
            Params::Size {
                limit: count as u64,
            },
            format!("must NOT have more than {count} items"),
        )
    });
}
