//! Reading a context: by its types first (the fast path, no schema pass), and only when that
//! fails by the schema engine, which lists every problem with its JSON Pointer.

use super::context::Context;
use super::error::{ContextInputError, PrecheckError, PrecheckErrorCode};
use super::shared;
use crate::limits::{self, MAX_ITEMS, MAX_STRING_BYTES};
use serde::Deserialize;
use serde_json::Value;

/// Text shorter than this cannot hold a string or a list over the limits, so it is not walked.
pub const SMALL_TEXT: usize = if MAX_STRING_BYTES < MAX_ITEMS * 2 {
    MAX_STRING_BYTES
} else {
    MAX_ITEMS * 2
};
// Text that short is also within the limit on text itself, which is only checked for longer text.
const _: () = assert!(SMALL_TEXT <= limits::MAX_VALUE_BYTES);

/// The error for a context that does not match its schema (every problem), or, should the
/// schema accept what the types refuse, the disagreement (a bug the property tests guard).
fn refused(value: &Value, why: &serde_json::Error) -> Result<PrecheckError, PrecheckError> {
    let errors =
        super::wording::name_culprits(shared()?.context.errors(value), &super::context_schema());
    if errors.is_empty() {
        return Ok(PrecheckError::internal(format!(
            "the context's types refuse what its schema accepts: {why}"
        )));
    }
    Ok(PrecheckError::from_errors(
        PrecheckErrorCode::InvalidContext,
        "context",
        errors,
    ))
}

/// A context from a JSON value.
pub fn from_value(value: &Value) -> Result<Context<'_>, PrecheckError> {
    <Context<'_> as Deserialize>::deserialize(value)
        .map_err(|e| refused(value, &e).unwrap_or_else(|e| e))
}

/// A context from JSON text, with the limits of `limits` checked. The context borrows its
/// strings from `bytes`, or from `scratch` when the text had to be written anew.
pub fn from_slice<'a>(
    bytes: &'a [u8],
    scratch: &'a mut Vec<u8>,
) -> Result<Context<'a>, ContextInputError> {
    if bytes.len() > SMALL_TEXT {
        // Large text may hold a string or a list over the limits: walk it before judging it.
        checked_value(bytes)?;
    }
    let why = match serde_json::from_slice::<Context<'a>>(bytes) {
        Ok(context) => return Ok(context),
        Err(why) => why,
    };
    let value = value_of(bytes)?;
    let refusal = refused(&value, &why).unwrap_or_else(|e| e);
    if refusal.code != PrecheckErrorCode::Internal {
        return Err(refusal.into());
    }
    // The schema accepts what the types refused: the text repeats a key (the value keeps the
    // last, as JSON.parse does). The value's own text has each key once.
    *scratch = serde_json::to_vec(&value).map_err(|e| ContextInputError::NotJson(e.to_string()))?;
    serde_json::from_slice::<Context<'a>>(scratch).map_err(|_| refusal.into())
}

/// JSON text as a value, with the limits of `limits` checked (text shorter than [`SMALL_TEXT`]
/// cannot break them, so its value is not walked). [`from_slice`] checks large text this way,
/// and a checker that reads the types from a value ([`from_value`]) reads it with this.
pub fn checked_value(bytes: &[u8]) -> Result<Value, ContextInputError> {
    limits::check_text(bytes.len()).map_err(ContextInputError::Limit)?;
    let value = value_of(bytes)?;
    if bytes.len() > SMALL_TEXT {
        limits::check_value(&value, bytes.len()).map_err(ContextInputError::Limit)?;
    }
    Ok(value)
}

/// The text as a JSON value.
pub fn value_of(bytes: &[u8]) -> Result<Value, ContextInputError> {
    crate::exact::from_slice(bytes)
        .map_err(|e| ContextInputError::NotJson(crate::value::parse_error_text(&e)))
}
