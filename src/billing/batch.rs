//! NDJSON batches: one payload per line against one contract, with exact counts and the errors
//! of each line (up to a cap).

use super::contracts::{self, ContractId, UnknownContract};
use crate::limits::{
    self, Exceeded, Limit, MAX_BATCH_BYTES, MAX_BATCH_ERRORS, MAX_BATCH_LINES, MAX_LINE_BYTES,
};
use crate::schema::{ErrorKeyword, Params, ValidationError};
#[cfg(feature = "stream-check")]
use crate::schema::{TextBuffers, TextVerdict};
use serde::Serialize;
use serde_json::Value;

/// Default cap on the errors a batch returns (the counts are always exact).
pub const DEFAULT_MAX_BATCH_ERRORS: usize = 1000;

/// How a batch is validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchOptions {
    /// Most errors returned (capped at `MAX_BATCH_ERRORS`).
    pub max_errors: usize,
}

impl Default for BatchOptions {
    fn default() -> BatchOptions {
        BatchOptions {
            max_errors: DEFAULT_MAX_BATCH_ERRORS,
        }
    }
}

/// Why options could not be read: the message names what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionsError(pub String);

impl BatchOptions {
    /// Reads `{maxErrors?}` (null: the defaults). A whole number too large to count is "no cap".
    pub fn from_value(options: &Value) -> Result<BatchOptions, OptionsError> {
        let map = match options {
            Value::Null => return Ok(BatchOptions::default()),
            Value::Object(map) => map,
            _ => return Err(OptionsError("options must be an object".to_owned())),
        };
        if let Some(key) = map.keys().find(|key| key.as_str() != "maxErrors") {
            return Err(OptionsError(format!(
                "options has an unknown member {key:?}: the only option is maxErrors"
            )));
        }
        let bad = || OptionsError("options.maxErrors must be a non-negative integer".to_owned());
        let max_errors = match map.get("maxErrors") {
            None => DEFAULT_MAX_BATCH_ERRORS,
            Some(Value::Number(n)) => match n.as_u64() {
                Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
                None if n.as_f64().is_some_and(|f| f >= 0.0 && f.fract() == 0.0) => usize::MAX,
                None => return Err(bad()),
            },
            Some(_) => return Err(bad()),
        };
        Ok(BatchOptions { max_errors })
    }
}

/// An error of one line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineError {
    #[serde(flatten)]
    pub error: ValidationError,
    /// The 1-based line number.
    pub line: usize,
}

/// The outcome of validating a newline-delimited batch.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BatchResult {
    /// Non-blank lines.
    pub total: usize,
    /// Lines that are valid.
    pub valid: usize,
    /// Lines that are not JSON or not valid.
    pub invalid: usize,
    /// Errors with their line number, up to the cap.
    pub errors: Vec<LineError>,
    /// True when errors were left out because of the cap.
    pub truncated: bool,
}

impl BatchResult {
    /// One more invalid line, whose errors the full list leaves out.
    fn refused_past_cap(&mut self) {
        self.invalid += 1;
        self.truncated = true;
    }
}

/// Why a batch could not be validated at all (a line's own problems are errors on that line).
#[derive(Clone, Debug, PartialEq)]
pub enum BatchError {
    /// The contract id does not exist.
    UnknownContract(UnknownContract),
    /// The batch is larger than a limit allows (split it).
    Limit(Exceeded),
}

fn too_large(limit: Limit, max: usize) -> BatchError {
    BatchError::Limit(Exceeded {
        limit,
        max,
        at: String::new(),
    })
}

/// The error of line `line` (of the batch), which is not JSON.
fn not_json(error: &serde_json::Error, line: usize) -> ValidationError {
    let reason = crate::value::parse_error_text_on(error, line);
    ValidationError {
        instance_path: String::new(),
        schema_path: String::new(),
        keyword: ErrorKeyword::Json,
        message: format!("line is not valid JSON: {reason}"),
        params: Params::Json { reason },
    }
}

/// What one line holds: a value, or why it is not one.
fn parse_line(line: &[u8], number: usize) -> Result<Value, Box<ValidationError>> {
    if line.len() > MAX_LINE_BYTES {
        let limit = Exceeded {
            limit: Limit::LineBytes,
            max: MAX_LINE_BYTES,
            at: String::new(),
        };
        return Err(Box::new(limit.to_error()));
    }
    let value: Value =
        crate::exact::from_slice(line).map_err(|e| Box::new(not_json(&e, number)))?;
    limits::check_value(&value, line.len()).map_err(|limit| Box::new(limit.to_error()))?;
    Ok(value)
}

/// Validates NDJSON: one payload per line; blank lines are skipped, a line that is not JSON is
/// an error on that line (keyword `json`), never a failure of the batch.
pub fn validate_many(
    id: &str,
    ndjson: &[u8],
    options: BatchOptions,
) -> Result<BatchResult, BatchError> {
    let id = ContractId::parse(id).map_err(BatchError::UnknownContract)?;
    let validator = contracts::validator(id).map_err(|_| {
        BatchError::UnknownContract(UnknownContract {
            id: id.as_str().to_owned(),
        })
    })?;
    if ndjson.len() > MAX_BATCH_BYTES {
        return Err(too_large(Limit::Bytes, MAX_BATCH_BYTES));
    }
    let max_errors = options.max_errors.min(MAX_BATCH_ERRORS);
    let mut result = BatchResult {
        total: 0,
        valid: 0,
        invalid: 0,
        errors: Vec::new(),
        truncated: false,
    };
    #[cfg(feature = "stream-check")]
    let mut buffers = TextBuffers::default();
    for (index, raw) in super::lines::lines(ndjson).enumerate() {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        result.total += 1;
        if result.total > MAX_BATCH_LINES {
            return Err(too_large(Limit::Lines, MAX_BATCH_LINES));
        }
        // Once the error list is full, a line only needs its verdict (counts stay exact).
        let full = result.errors.len() >= max_errors;
        // Most lines are valid, and a valid line needs no error list: it is judged while it is
        // parsed, without a value tree (schema::stream). Any other line is read into a tree,
        // unless the list is full and it is refused while parsing.
        #[cfg(feature = "stream-check")]
        match validator.judge_text_with(line, &mut buffers) {
            TextVerdict::Valid => {
                result.valid += 1;
                continue;
            }
            TextVerdict::Invalid if full => {
                result.refused_past_cap();
                continue;
            }
            TextVerdict::Invalid | TextVerdict::Undecided => {}
        }
        let found = match parse_line(line, index + 1) {
            Err(error) => vec![*error],
            Ok(value) if full => {
                if validator.is_valid(&value) {
                    Vec::new()
                } else {
                    result.refused_past_cap();
                    continue;
                }
            }
            Ok(value) => contracts::payload_errors(validator, &value),
        };
        if found.is_empty() {
            result.valid += 1;
            continue;
        }
        result.invalid += 1;
        for error in found {
            if result.errors.len() < max_errors {
                result.errors.push(LineError {
                    error,
                    line: index + 1,
                });
            } else {
                result.truncated = true;
            }
        }
    }
    Ok(result)
}
