//! Errors as people and platforms read them: messages that name the field, the summary errors
//! a person does not need, and each platform's own error body (`toVendorError`).

use super::{billforward, chargebee, fusebill, pismo, ContractId, Platform};
use crate::pointer::{field_label, push_pointer};
use crate::schema::{ErrorKeyword, Params, ValidationError};
use serde::Serialize;
use serde_json::Value;

/// Names the field in the engine's wording (`from_site must NOT have more than 50
/// characters`); a schema's own `errorMessage` text is kept as written.
pub fn humanize(mut error: ValidationError) -> ValidationError {
    if error.keyword == ErrorKeyword::AdditionalProperties && error.message.starts_with("must") {
        error.message = format!(
            "{} is not a known property and is not allowed",
            error_field(&error)
        );
    } else if !error.instance_path.is_empty() && error.message.starts_with("must") {
        error.message = format!("{} {}", field_label(&error.instance_path), error.message);
    }
    error
}

/// Drops each `if` error whose `then` or `else` branch has errors of its own: the branch's errors
/// say what is wrong (a contract's rule about one field, at that field); the `if` error would only
/// say the same again at the object.
pub fn drop_if_summaries(errors: Vec<ValidationError>) -> Vec<ValidationError> {
    let has_branch_errors = |e: &ValidationError| {
        e.keyword == ErrorKeyword::If
            && e.schema_path.strip_suffix("/if").is_some_and(|base| {
                errors.iter().any(|b| {
                    b.schema_path.starts_with(&format!("{base}/then/"))
                        || b.schema_path.starts_with(&format!("{base}/else/"))
                })
            })
    };
    let keep: Vec<bool> = errors.iter().map(|e| !has_branch_errors(e)).collect();
    errors
        .into_iter()
        .zip(keep)
        .filter_map(|(e, keep)| keep.then_some(e))
        .collect()
}

/// Drops the errors a person does not need beside a more specific one: the branch errors
/// under an `anyOf`/`oneOf` summary, and an `if` error whose `then`/`else` errors are there.
pub fn condense(errors: &[ValidationError]) -> Vec<&ValidationError> {
    let parent = |path: &str, keyword: &str| path.strip_suffix(keyword).map(str::to_owned);
    errors
        .iter()
        .filter(|e| {
            let under_summary = errors.iter().any(|s| {
                matches!(s.keyword, ErrorKeyword::AnyOf | ErrorKeyword::OneOf)
                    && e.schema_path.starts_with(&format!("{}/", s.schema_path))
            });
            let if_with_branch = e.keyword == ErrorKeyword::If
                && parent(&e.schema_path, "/if").is_some_and(|base| {
                    errors.iter().any(|b| {
                        b.schema_path.starts_with(&format!("{base}/then/"))
                            || b.schema_path.starts_with(&format!("{base}/else/"))
                    })
                });
            !under_summary && !if_with_branch
        })
        .collect()
}

/// The name of the field an error is about: the missing or extra property, else the path.
pub fn error_field(error: &ValidationError) -> String {
    if let Some(name) = error.params.property() {
        let mut pointer = error.instance_path.clone();
        push_pointer(&mut pointer, name);
        return field_label(&pointer);
    }
    field_label(&error.instance_path)
}

/// A value given as a result that is not one: no `errors` array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAResult;

/// Reads the errors back from a `{valid, errors, ...}` result made by `validateContract`,
/// `validate` or `validateMany` (or by a host that kept that shape, or left out the errors of a
/// `{valid: true}`); [`NotAResult`] for anything else. An item without a string `instancePath`
/// and `message` is not an error of ours and is left out.
pub fn errors_from_result(result: &Value) -> Result<Vec<ValidationError>, NotAResult> {
    match (result.get("errors"), result.get("valid")) {
        (Some(Value::Array(items)), _) => Ok(items.iter().filter_map(read_back).collect()),
        (None, Some(Value::Bool(true))) => Ok(Vec::new()),
        _ => Err(NotAResult),
    }
}

fn read_back(item: &Value) -> Option<ValidationError> {
    let text = |key: &str| item.get(key).and_then(Value::as_str);
    Some(ValidationError {
        instance_path: text("instancePath")?.to_owned(),
        schema_path: text("schemaPath").unwrap_or_default().to_owned(),
        keyword: ErrorKeyword::parse_or_other(text("keyword").unwrap_or_default()),
        params: item
            .get("params")
            .map_or(Params::None {}, |p| Params::Other(p.clone())),
        message: text("message")?.to_owned(),
    })
}

/// A platform's own error body.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum VendorError {
    Chargebee(chargebee::ErrorBody),
    Fusebill(fusebill::ErrorBody),
    Billforward(billforward::ErrorBody),
    /// Pismo answers ajv's errors as they are.
    Pismo(Vec<ValidationError>),
}

/// The errors of a result as the platform itself would answer them; `None` when it has none,
/// [`NotAResult`] when it is not a result.
pub fn to_vendor_error(id: ContractId, result: &Value) -> Result<Option<VendorError>, NotAResult> {
    let errors = errors_from_result(result)?;
    if errors.is_empty() {
        return Ok(None);
    }
    let condensed = condense(&errors);
    Ok(match id.contract().platform {
        Platform::Chargebee => chargebee::vendor_error(&condensed).map(VendorError::Chargebee),
        Platform::Fusebill => Some(VendorError::Fusebill(fusebill::vendor_error(&condensed))),
        Platform::Billforward => Some(VendorError::Billforward(billforward::vendor_error(
            &condensed,
        ))),
        Platform::Pismo => Some(VendorError::Pismo(pismo::vendor_error(&errors))),
    })
}
