//! The one place where a core error becomes a thrown JS `Error`: its `name` (the class of
//! misuse), a stable `code`, a plain-text `message` and, where the core lists problems, `errors`.

use super::convert::{make_error, to_js_via_text, Unreadable};
use crate::billing::{BatchError, UnknownContract};
use crate::limits::Exceeded;
use crate::precheck::{ContextInputError, PrecheckError, PrecheckErrorCode};
use crate::schema::{SchemaError, ValidationError};
use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// A JS `Error` with `name`, `code` and, when given, `errors`.
fn throw(name: &str, code: &str, message: &str, errors: Option<&[ValidationError]>) -> JsValue {
    let error = make_error(name, code, message);
    if let Some(errors) = errors {
        let _ = Reflect::set(&error, &"errors".into(), &to_js_via_text(errors));
    }
    error.into()
}

/// `InputError` `INVALID_ARGUMENT`: the calling program passed something unusable.
pub fn invalid_argument(message: &str) -> JsValue {
    throw("InputError", "INVALID_ARGUMENT", message, None)
}

/// `InputError` `LIMIT_EXCEEDED` for argument `what`.
pub fn too_large(what: &str, limit: &Exceeded) -> JsValue {
    throw(
        "InputError",
        Exceeded::CODE,
        &format!("{what}: {}", limit.message()),
        None,
    )
}

/// An argument that could not be read.
pub fn unreadable(what: &str, why: Unreadable) -> JsValue {
    match why {
        Unreadable::Absent => {
            invalid_argument(&format!("{what} is required and must be a JSON value"))
        }
        Unreadable::NotJson(why) => {
            invalid_argument(&format!("{what} must be a JSON value: {why}"))
        }
        Unreadable::Limit(limit) => too_large(what, &limit),
    }
}

/// `SchemaError`, with `schemaPath`.
pub fn schema_error(error: &SchemaError) -> JsValue {
    let thrown = throw("SchemaError", error.code.name(), &error.to_string(), None);
    let _ = Reflect::set(
        &thrown,
        &"schemaPath".into(),
        &error.schema_path.as_str().into(),
    );
    thrown
}

/// `PolicyError`, `ContextError` or `InternalError`, with every problem in `errors`.
pub fn precheck_error(error: &PrecheckError) -> JsValue {
    let name = match error.code {
        PrecheckErrorCode::InvalidPolicy => "PolicyError",
        PrecheckErrorCode::InvalidContext => "ContextError",
        PrecheckErrorCode::Internal => "InternalError",
    };
    throw(
        name,
        error.code.as_str(),
        &error.message,
        Some(&error.errors),
    )
}

/// A context that could not be judged.
pub fn context_error(error: ContextInputError) -> JsValue {
    match error {
        ContextInputError::NotJson(why) => unreadable("context", Unreadable::NotJson(why)),
        ContextInputError::Limit(limit) => too_large("context", &limit),
        ContextInputError::Invalid(error) => precheck_error(&error),
    }
}

/// `ContractError` `UNKNOWN_CONTRACT`.
pub fn unknown_contract(error: &UnknownContract) -> JsValue {
    throw(
        "ContractError",
        UnknownContract::CODE,
        &error.message(),
        None,
    )
}

/// A batch that could not be validated at all.
pub fn batch_error(error: &BatchError) -> JsValue {
    match error {
        BatchError::UnknownContract(e) => unknown_contract(e),
        BatchError::Limit(limit) => too_large("ndjson", limit),
    }
}
