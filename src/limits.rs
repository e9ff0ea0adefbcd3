//! Input limits: what keeps any input from making the module hang or grow its memory without
//! bound. Each limit is enforced in the core; the JS boundary checks the sizes before it copies
//! anything into wasm memory (which never shrinks).

use crate::schema::{ErrorKeyword, Params, ValidationError};
use serde_json::Value;

/// Largest JSON text of one value (a payload, context, policy, schema or type document), in
/// bytes of UTF-8 (or UTF-16 code units at the JS boundary, which is never fewer).
pub const MAX_VALUE_BYTES: usize = 16 * 1024 * 1024;

/// Deepest nesting of arrays and objects in a value: serde_json's parser refuses the 128th level
/// (its recursion limit).
pub const MAX_DEPTH: usize = 128;

/// Longest string in a value, in bytes of UTF-8.
pub const MAX_STRING_BYTES: usize = 1024 * 1024;

/// Most items in one array, or members in one object.
pub const MAX_ITEMS: usize = 100_000;

/// Largest NDJSON batch for one `validate_many` call, in bytes.
pub const MAX_BATCH_BYTES: usize = 64 * 1024 * 1024;

/// Most non-blank lines in one NDJSON batch.
pub const MAX_BATCH_LINES: usize = 1_000_000;

/// Longest line of an NDJSON batch, in bytes.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// Most errors one `validate_many` call returns (`maxErrors` is capped at this).
pub const MAX_BATCH_ERRORS: usize = 100_000;

/// Most errors one validation collects before it stops (the last error says so).
pub const MAX_ERRORS: usize = 10_000;

/// Deepest nesting of schemas (including `$ref` hops) while validating one value. A value 127
/// levels deep under a recursive schema takes about three per level; the bound keeps the wasm
/// call stack well inside the engine's default (about 1 MB in Node and Chromium).
pub const MAX_NESTING: usize = 400;

/// Most schema nodes one validation may visit: bounds schemas that branch without descending
/// into the value (`{"anyOf": [{"$ref": "#"}, {"$ref": "#"}]}`), which would otherwise run for
/// ever.
pub const MAX_STEPS: u64 = 5_000_000;

named_enum! {
    /// Which limit an input (or a validation) exceeds.
    pub enum Limit {
        /// The JSON text of one value.
        Bytes = "bytes",
        /// One string.
        String = "string",
        /// One array or object.
        Items = "items",
        /// The lines of a batch.
        Lines = "lines",
        /// One line of a batch.
        LineBytes = "lineBytes",
        /// The errors of one validation.
        Errors = "errors",
        /// The schema nodes one validation visits.
        Steps = "steps",
        /// The nesting of schemas while validating.
        Depth = "depth",
        /// A string matched against a pattern (see `schema::regex`).
        PatternInput = "patternInput",
    }
}

/// A limit that an input exceeds.
#[derive(Clone, Debug, PartialEq)]
pub struct Exceeded {
    /// Which limit.
    pub limit: Limit,
    /// The limit's value.
    pub max: usize,
    /// JSON Pointer to where it was exceeded ("" for the whole input).
    pub at: String,
}

impl Exceeded {
    /// `LIMIT_EXCEEDED`, the code of errors thrown for a limit.
    pub const CODE: &'static str = "LIMIT_EXCEEDED";

    /// The limit as a validation error on the data (keyword `limit`).
    pub fn to_error(&self) -> ValidationError {
        ValidationError {
            instance_path: self.at.clone(),
            schema_path: String::new(),
            keyword: ErrorKeyword::Limit,
            params: Params::Limit {
                limit: self.limit,
                max: self.max as u64,
            },
            message: self.message(),
        }
    }

    /// A plain-text explanation.
    pub fn message(&self) -> String {
        let what = match self.limit {
            Limit::Bytes => "the JSON text is longer than",
            Limit::String => "a string is longer than",
            Limit::Items => "an array or object has more items than",
            Limit::Lines => "the batch has more lines than",
            Limit::LineBytes => "a line is longer than",
            Limit::Errors => "the validation found more errors than",
            Limit::Steps => "the validation took more steps than",
            Limit::Depth => "the validation nested more schemas than",
            Limit::PatternInput => "a string matched against a pattern is longer than",
        };
        let unit = if !matches!(self.limit, Limit::Bytes | Limit::String | Limit::LineBytes) {
            ""
        } else {
            " bytes"
        };
        let at = if self.at.is_empty() {
            String::new()
        } else {
            format!(" at {}", self.at)
        };
        format!("input too large: {what} {}{unit}{at}", self.max)
    }
}

/// Checks the size of JSON text before it is parsed.
pub fn check_text(len: usize) -> Result<(), Exceeded> {
    check_bytes(len, MAX_VALUE_BYTES)
}

/// Checks that `len` bytes are at most `max` (a value's text, a batch).
pub fn check_bytes(len: usize, max: usize) -> Result<(), Exceeded> {
    if len > max {
        return Err(Exceeded {
            limit: Limit::Bytes,
            max,
            at: String::new(),
        });
    }
    Ok(())
}

/// Checks every string and array/object of a parsed value. Text shorter than the string and
/// item limits cannot exceed them, so small values (the usual case) are not walked.
pub fn check_value(value: &Value, text_len: usize) -> Result<(), Exceeded> {
    if text_len <= MAX_STRING_BYTES.min(MAX_ITEMS * 2) {
        return Ok(());
    }
    let mut path = String::new();
    walk(value, &mut path)
}

fn walk(value: &Value, path: &mut String) -> Result<(), Exceeded> {
    let exceeded = |limit, max, path: &String| Exceeded {
        limit,
        max,
        at: path.clone(),
    };
    match value {
        Value::String(s) if s.len() > MAX_STRING_BYTES => {
            Err(exceeded(Limit::String, MAX_STRING_BYTES, path))
        }
        Value::Array(items) => {
            if items.len() > MAX_ITEMS {
                return Err(exceeded(Limit::Items, MAX_ITEMS, path));
            }
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                crate::pointer::push_index(path, i);
                walk(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Object(map) => {
            if map.len() > MAX_ITEMS {
                return Err(exceeded(Limit::Items, MAX_ITEMS, path));
            }
            for (key, item) in map {
                if key.len() > MAX_STRING_BYTES {
                    return Err(exceeded(Limit::String, MAX_STRING_BYTES, path));
                }
                let len = path.len();
                crate::pointer::push_pointer(path, key);
                walk(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
