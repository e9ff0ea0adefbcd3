//! `format`: the formats the engine checks (see `schema::format`); others are annotations.

use crate::schema::compile::{invalid, Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError};
use crate::schema::format::Format;
use crate::schema::node::CompiledNode;
use crate::schema::run::Run;
use serde_json::Value;

/// `format` with a checked format.
#[derive(Debug)]
pub struct FormatKeyword {
    format: Format,
}

pub fn compile(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("format") {
        let name = v
            .as_str()
            .ok_or_else(|| invalid(site.path, "format", "a string"))?;
        // Unknown formats are annotations only, as the specification says.
        if let Some(format) = Format::parse(name) {
            out.push(super::Keyword::Format(FormatKeyword { format }));
        }
    }
    Ok(())
}

impl FormatKeyword {
    /// True when the string `text` has the format.
    pub fn admits_str(&self, text: &str) -> bool {
        self.format.matches(text)
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::String(text) = value else {
            return true;
        };
        if self.format.matches(text) {
            return true;
        }
        let format = self.format.name();
        run.fail(at, ErrorKeyword::Format, || {
            (
                Params::Format { format },
                format!("must match format \"{format}\""),
            )
        });
        false
    }
}
