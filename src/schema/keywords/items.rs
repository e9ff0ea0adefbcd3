//! `items` (one schema for every item, or a tuple of schemas) and `additionalItems` (the items
//! after the tuple).

use crate::schema::compile::{Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use serde_json::Value;

/// `items` as one schema.
#[derive(Debug)]
pub struct Items {
    pub schema: usize,
}

/// `items` as an array: item `i` against schema `i`.
#[derive(Debug)]
pub struct TupleItems {
    schemas: Vec<usize>,
}

/// `additionalItems` after a tuple of `count` schemas.
#[derive(Debug)]
pub struct AdditionalItems {
    schema: usize,
    count: usize,
    /// `additionalItems: false`: refuse more items without descending.
    forbidden: bool,
}

pub fn compile(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    match site.get("items") {
        Some(Value::Array(items)) => {
            let mut schemas = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                schemas.push(c.child(item, site, &["items", &i.to_string()])?);
            }
            let count = schemas.len();
            out.push(super::Keyword::TupleItems(TupleItems { schemas }));
            if let Some(v) = site.get("additionalItems") {
                let schema = c.child(v, site, &["additionalItems"])?;
                out.push(super::Keyword::AdditionalItems(AdditionalItems {
                    schema,
                    count,
                    forbidden: c.is_false(schema),
                }));
            }
        }
        Some(v) => out.push(super::Keyword::Items(Items {
            schema: c.child(v, site, &["items"])?,
        })),
        None => {}
    }
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
}

impl AdditionalItems {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Array(items) = value else {
            return true;
        };
        if items.len() <= self.count {
            return true;
        }
        if self.forbidden {
            let count = self.count;
            run.fail(at, ErrorKeyword::AdditionalItems, || {
                (
                    Params::Size {
                        limit: count as u64,
                    },
                    format!("must NOT have more than {count} items"),
                )
            });
            return false;
        }
        run.all(
            items.iter().enumerate().skip(self.count),
            |run, (i, item)| run.item(self.schema, item, i),
        )
    }
}
