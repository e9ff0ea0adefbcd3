//! `uniqueItems`: no two items are equal (numbers by value, objects in any key order).

use crate::schema::compile::{invalid, Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use crate::schema::words::WordMap;
use crate::value::{equal, hash_value};
use serde_json::Value;

/// `uniqueItems: true` (`false` compiles to nothing).
#[derive(Debug)]
pub struct UniqueItems;

pub fn compile(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    match site.get("uniqueItems") {
        Some(Value::Bool(true)) => out.push(super::Keyword::UniqueItems(UniqueItems)),
        Some(Value::Bool(false)) | None => {}
        Some(_) => return Err(invalid(site.path, "uniqueItems", "a boolean")),
    }
    Ok(())
}

/// The last pair `(i, j)`, `j < i`, of equal items (ajv reports this pair: the last item equal
/// to an earlier one, and the nearest such earlier one), found by hashing each item once and
/// comparing only items whose hashes collide. The table maps a hash to the last item of that
/// hash, and each item links to the previous one of its hash: a [`WordMap`], the table
/// the compiler uses too.
fn duplicate_pair(items: &[Value]) -> Option<(usize, usize)> {
    let mut last = WordMap::with_capacity(items.len());
    let mut previous: Vec<Option<usize>> = Vec::with_capacity(items.len());
    let mut found = None;
    for (i, item) in items.iter().enumerate() {
        let before = last.insert(hash_value(item) as usize, i);
        previous.push(before);
        let mut at = before;
        while let Some(j) = at {
            if items.get(j).is_some_and(|other| equal(other, item)) {
                found = Some((i, j));
                break;
            }
            at = previous.get(j).copied().flatten();
        }
    }
    found
}

impl UniqueItems {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Array(items) = value else {
            return true;
        };
        let Some((i, j)) = duplicate_pair(items) else {
            return true;
        };
        run.fail(at, ErrorKeyword::UniqueItems, || {
            (
                Params::UniqueItems { i, j },
                format!("must NOT have duplicate items (items ## {j} and {i} are identical)"),
            )
        });
        false
    }
}
