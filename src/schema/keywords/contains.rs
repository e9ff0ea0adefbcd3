//! `contains`: at least one item matches.

use crate::schema::compile::{Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use serde_json::Value;

/// `contains`.
#[derive(Debug)]
pub struct Contains {
    schema: usize,
}

pub fn compile(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("contains") {
        out.push(super::Keyword::Contains(Contains {
            schema: c.child(v, site, &["contains"])?,
        }));
    }
    Ok(())
}

impl Contains {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Array(items) = value else {
            return true;
        };
        // Tried without errors first: when an item matches (the usual case), no item's errors
        // are built. Like ajv, a failed `contains` reports why each item did not match.
        if run.collecting()
            && items
                .iter()
                .enumerate()
                .any(|(i, item)| run.probe_item(self.schema, item, i))
        {
            return true;
        }
        let mark = run.mark();
        for (i, item) in items.iter().enumerate() {
            if run.item(self.schema, item, i) {
                run.truncate(mark);
                return true;
            }
        }
        run.fail(at, ErrorKeyword::Contains, || {
            (
                Params::Contains { min_contains: 1 },
                "must contain at least 1 valid item(s)".to_owned(),
            )
        });
        false
    }
}
