//! `minProperties`/`maxProperties`, `minItems`/`maxItems`, `minLength`/`maxLength`: bounds on
//! the size of an object, an array or a string (in code points).

use crate::schema::compile::{non_negative, Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use serde_json::Value;

/// What is measured.
#[derive(Clone, Copy, Debug)]
enum Measure {
    Properties,
    Items,
    Length,
}

/// A lower or upper bound on a size.
#[derive(Debug)]
pub struct Size {
    measure: Measure,
    min: bool,
    limit: u64,
    keyword: ErrorKeyword,
}

fn compile_pair(
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
    measure: Measure,
    [(min_name, min_keyword), (max_name, max_keyword)]: [(&str, ErrorKeyword); 2],
) -> Result<(), SchemaError> {
    for (name, keyword, min) in [
        (min_name, min_keyword, true),
        (max_name, max_keyword, false),
    ] {
        if let Some(v) = site.get(name) {
            out.push(super::Keyword::Size(Size {
                measure,
                min,
                limit: non_negative(site, name, v)?,
                keyword,
            }));
        }
    }
    Ok(())
}

pub fn compile_properties(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    compile_pair(
        site,
        out,
        Measure::Properties,
        [
            ("minProperties", ErrorKeyword::MinProperties),
            ("maxProperties", ErrorKeyword::MaxProperties),
        ],
    )
}

pub fn compile_items(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    compile_pair(
        site,
        out,
        Measure::Items,
        [
            ("minItems", ErrorKeyword::MinItems),
            ("maxItems", ErrorKeyword::MaxItems),
        ],
    )
}

pub fn compile_length(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    compile_pair(
        site,
        out,
        Measure::Length,
        [
            ("minLength", ErrorKeyword::MinLength),
            ("maxLength", ErrorKeyword::MaxLength),
        ],
    )
}

/// The length of a string in code points, as JSON Schema counts it (ASCII: its byte length).
pub fn chars_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

impl Size {
    /// For `minItems`/`maxItems`, whether `count` items are within the bound; `None` for the
    /// other measures (which the streaming reader leaves to the tree).
    pub fn admits_items(&self, count: usize) -> Option<bool> {
        matches!(self.measure, Measure::Items).then(|| self.within(count as u64))
    }

    /// True when the measure is the number of an object's members (which the streaming
    /// reader does not count: a repeated name counts once).
    pub fn measures_properties(&self) -> bool {
        matches!(self.measure, Measure::Properties)
    }

    /// True when the string `text` is within the bound (a length; other measures say
    /// nothing of a string).
    pub fn admits_str(&self, text: &str) -> bool {
        !matches!(self.measure, Measure::Length) || self.within(chars_len(text) as u64)
    }

    /// True when the size is within the bound.
    fn within(&self, size: u64) -> bool {
        (self.min && size >= self.limit) || (!self.min && size <= self.limit)
    }

    fn size(&self, value: &Value) -> Option<usize> {
        match (self.measure, value) {
            (Measure::Properties, Value::Object(map)) => Some(map.len()),
            (Measure::Items, Value::Array(items)) => Some(items.len()),
            (Measure::Length, Value::String(text)) => Some(chars_len(text)),
            _ => None,
        }
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Some(size) = self.size(value) else {
            return true;
        };
        let size = size as u64;
        if self.within(size) {
            return true;
        }
        let bound = if self.min { "fewer" } else { "more" };
        let unit = match self.measure {
            Measure::Properties => "properties",
            Measure::Items => "items",
            Measure::Length => "characters",
        };
        let limit = self.limit;
        // ajv always words the limit in the plural ("fewer than 1 characters").
        run.fail(at, self.keyword, || {
            (
                Params::Size { limit },
                format!("must NOT have {bound} than {limit} {unit}"),
            )
        });
        false
    }
}
