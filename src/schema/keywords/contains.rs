//! `contains`: enough items match a schema; from 2019-09 `minContains` / `maxContains` say how
//! many (at least one, and no limit, when absent).

use crate::schema::annotations::{Marks, Target};
use crate::schema::compile::{non_negative, Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use serde_json::Value;

/// `contains`, with its bounds.
#[derive(Debug)]
pub struct Contains {
    schema: usize,
    min: u64,
    max: Option<u64>,
    /// 2020-12: the items it matched count as evaluated (for `unevaluatedItems`).
    annotates: bool,
}

pub fn compile(
    c: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    let Some(v) = site.get("contains") else {
        return Ok(());
    };
    let bound = |keyword| {
        site.get(keyword)
            .filter(|_| site.draft.is_2019_or_later())
            .map(|v| non_negative(site, keyword, v))
            .transpose()
    };
    let min = bound("minContains")?.unwrap_or(1);
    let max = bound("maxContains")?;
    out.push(super::Keyword::Contains(Contains {
        schema: c.child(v, site, &["contains"])?,
        min,
        max,
        annotates: site.draft.is_2020(),
    }));
    Ok(())
}

impl Contains {
    /// Counts the matching items, stopping as soon as the verdict is known, as ajv does (which
    /// decides which items' errors are reported). Returns the verdict.
    fn count(&self, run: &mut Run<'_>, items: &[Value], probe: bool) -> bool {
        let mut count = 0;
        let mut valid = self.min == 0;
        for (i, item) in items.iter().enumerate() {
            let matched = if probe {
                run.probe_item(self.schema, item, i)
            } else {
                run.item(self.schema, item, i)
            };
            if !matched {
                continue;
            }
            count += 1;
            match self.max {
                None if count >= self.min => return true,
                Some(max) if count > max => return false,
                _ => valid = count >= self.min,
            }
        }
        valid
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Array(items) = value else {
            return true;
        };
        // Tried without errors first: when the count is right (the usual case), no item's
        // errors are built. Like ajv, a failed `contains` reports why items did not match.
        if run.collecting() && self.count(run, items, true) {
            return true;
        }
        let mark = run.mark();
        if self.count(run, items, false) {
            run.truncate(mark);
            return true;
        }
        let (min, max) = (self.min, self.max);
        run.fail(at, ErrorKeyword::Contains, || {
            let message = match max {
                Some(max) => {
                    format!("must contain at least {min} and no more than {max} valid item(s)")
                }
                None => format!("must contain at least {min} valid item(s)"),
            };
            (
                Params::Contains {
                    min_contains: min,
                    max_contains: max,
                },
                message,
            )
        });
        false
    }

    /// 2020-12: the items that match are evaluated.
    pub fn mark(&self, run: &mut Run<'_>, value: &Value, marks: &mut Marks) {
        let Value::Array(items) = value else {
            return;
        };
        if !self.annotates || marks.target != Target::Items {
            return;
        }
        for (i, item) in items.iter().enumerate() {
            if !marks.is_set(i) && run.probe_item(self.schema, item, i) {
                marks.set(i);
            }
        }
    }
}
