//! `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` and `multipleOf`.

use crate::schema::compile::{invalid, number, Compiler, Site};
use crate::schema::error::{Comparison, ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use crate::value::{to_f64, to_text};
use serde_json::Value;

/// A numeric bound; the number is kept as written, for messages (`>= 3`, not `>= 3.0`).
#[derive(Debug)]
pub struct Bound {
    limit: f64,
    shown: Value,
    comparison: Comparison,
    keyword: ErrorKeyword,
}

/// `multipleOf`.
#[derive(Debug)]
pub struct MultipleOf {
    divisor: f64,
    shown: Value,
}

const BOUNDS: [(&str, ErrorKeyword, Comparison); 4] = [
    ("minimum", ErrorKeyword::Minimum, Comparison::AtLeast),
    ("maximum", ErrorKeyword::Maximum, Comparison::AtMost),
    (
        "exclusiveMinimum",
        ErrorKeyword::ExclusiveMinimum,
        Comparison::Above,
    ),
    (
        "exclusiveMaximum",
        ErrorKeyword::ExclusiveMaximum,
        Comparison::Below,
    ),
];

pub fn compile_bounds(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    for (name, keyword, comparison) in BOUNDS {
        if let Some(v) = site.get(name) {
            out.push(super::Keyword::Bound(Bound {
                limit: number(site, name, v)?,
                shown: v.clone(),
                comparison,
                keyword,
            }));
        }
    }
    Ok(())
}

pub fn compile_multiple_of(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("multipleOf") {
        let divisor = number(site, "multipleOf", v)?;
        if divisor <= 0.0 {
            return Err(invalid(site.path, "multipleOf", "a number greater than 0"));
        }
        out.push(super::Keyword::MultipleOf(MultipleOf {
            divisor,
            shown: v.clone(),
        }));
    }
    Ok(())
}

impl Bound {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Number(n) = value else {
            return true;
        };
        if self.comparison.holds(to_f64(n), self.limit) {
            return true;
        }
        run.fail(at, self.keyword, || {
            (
                Params::Bound {
                    comparison: self.comparison,
                    limit: self.shown.clone(),
                },
                format!(
                    "must be {} {}",
                    self.comparison.name(),
                    to_text(&self.shown)
                ),
            )
        });
        false
    }
}

fn is_multiple(value: f64, divisor: f64) -> bool {
    let quotient = value / divisor;
    // Mirrors JavaScript's `q === parseInt(q)`, which also fails from 1e21 on.
    quotient.is_finite() && quotient.fract() == 0.0 && quotient.abs() < 1e21
}

impl MultipleOf {
    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::Number(n) = value else {
            return true;
        };
        if is_multiple(to_f64(n), self.divisor) {
            return true;
        }
        run.fail(at, ErrorKeyword::MultipleOf, || {
            (
                Params::MultipleOf {
                    multiple_of: self.shown.clone(),
                },
                format!("must be multiple of {}", to_text(&self.shown)),
            )
        });
        false
    }
}
