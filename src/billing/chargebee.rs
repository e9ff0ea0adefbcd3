//! Chargebee: the `resource_migration` resource (copying a customer between sites) and the
//! parameters and result of `GET /api/v2/resource_migrations/retrieve_latest`.

use super::contracts::Contract;
use super::vendor::error_field;
use super::Platform;
use crate::schema::{ErrorKeyword, ValidationError};
use serde::Serialize;
use serde_json::Value;

/// The platform's display name.
pub const NAME: &str = "Chargebee";

/// The `resource_migration` resource.
pub const RESOURCE_MIGRATION: Contract = Contract {
    platform: Platform::Chargebee,
    schema: embedded_json!("billing/chargebee/resource_migration.json"),
};

/// The parameters of `retrieve_latest`.
pub const RETRIEVE_LATEST: Contract = Contract {
    platform: Platform::Chargebee,
    schema: embedded_json!("billing/chargebee/retrieve_latest.json"),
};

/// The result of `retrieve_latest`: `{"resource_migration": {...}}`.
pub const RETRIEVE_LATEST_RESULT: Contract = Contract {
    platform: Platform::Chargebee,
    schema: embedded_json!("billing/chargebee/retrieve_latest_result.json"),
};

named_enum! {
    /// The status of a resource migration.
    pub enum Status {
        Scheduled = "scheduled",
        Failed = "failed",
        Succeeded = "succeeded",
    }
}

/// What the pre-check reads of a (contract-valid) `resource_migration`. Records are read by
/// hand, not by serde: each is one or two members of an object the contract has checked, and a
/// derived reader would add its code to the `.wasm` for that.
#[derive(Debug)]
pub struct ResourceMigration<'a> {
    pub status: Status,
    pub entity_id: &'a str,
}

impl<'a> ResourceMigration<'a> {
    /// The record's members, when they are what the contract requires.
    pub fn read(record: &'a Value) -> Option<ResourceMigration<'a>> {
        Some(ResourceMigration {
            status: Status::from_name(super::text(record, "status")?)?,
            entity_id: super::text(record, "entity_id")?,
        })
    }
}

/// A `scheduled` latest migration means a copy is still in flight: its reference is the entity.
pub fn in_flight(latest: &ResourceMigration<'_>) -> Option<Value> {
    (latest.status == Status::Scheduled).then(|| Value::String(latest.entity_id.to_owned()))
}

/// Chargebee's error body for a request it refuses.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorBody {
    pub message: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub api_error_code: &'static str,
    pub error_code: &'static str,
    pub http_status_code: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
}

/// Chargebee names nested parameters `outer[inner]`: `resource_migration.entity_type` →
/// `resource_migration[entity_type]`.
fn chargebee_param(label: &str) -> String {
    let mut parts = label.split('.');
    let mut out = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        out.push('[');
        out.push_str(part);
        out.push(']');
    }
    out
}

/// Why Chargebee refuses a parameter, in its own words.
fn reason(error: &ValidationError) -> String {
    let limit = crate::value::to_text(&error.params.limit().unwrap_or(Value::Null));
    match error.keyword {
        ErrorKeyword::Required => "cannot be blank".to_owned(),
        ErrorKeyword::MaxLength => format!("cannot be longer than {limit} characters"),
        ErrorKeyword::MinLength => format!("cannot be shorter than {limit} characters"),
        ErrorKeyword::Enum | ErrorKeyword::Const => "invalid value".to_owned(),
        ErrorKeyword::AdditionalProperties => "is not a valid parameter".to_owned(),
        // The contract's message starts with the dotted field name; Chargebee puts the
        // (bracketed) name in front itself.
        _ => {
            let label = error_field(error);
            let message = error.message.as_str();
            message
                .strip_prefix(label.as_str())
                .unwrap_or(message)
                .trim_start()
                .to_owned()
        }
    }
}

/// Chargebee's error body for the first problem, worded as Chargebee words parameter errors.
pub fn vendor_error(errors: &[&ValidationError]) -> Option<ErrorBody> {
    let first = errors.first()?;
    let param = chargebee_param(&error_field(first));
    let reason = reason(first);
    let message = if param.is_empty() {
        reason
    } else {
        format!("{param} : {reason}")
    };
    Some(ErrorBody {
        message,
        kind: "invalid_request",
        api_error_code: "param_wrong_value",
        error_code: "param_wrong_value",
        http_status_code: 400,
        param: (!param.is_empty()).then_some(param),
    })
}
