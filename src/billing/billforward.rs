//! BillForward: `MigrationRequest` (camelCase wire keys) with `PricingComponentMigrationValue`,
//! and the `ProductRatePlanMigrationAmendment` a scheduled migration leaves.

use super::contracts::Contract;
use super::vendor::error_field;
use super::Platform;
use crate::schema::ValidationError;
use serde::Serialize;
use serde_json::Value;

/// The platform's display name.
pub const NAME: &str = "BillForward";

/// The migrate request body.
pub const MIGRATION_REQUEST: Contract = Contract {
    platform: Platform::Billforward,
    schema: embedded_json!("billing/billforward/migration_request.json"),
};

/// The amendment that a migration schedules.
pub const MIGRATION_AMENDMENT: Contract = Contract {
    platform: Platform::Billforward,
    schema: embedded_json!("billing/billforward/migration_amendment.json"),
};

named_enum! {
    /// The state of an amendment.
    pub enum AmendmentState {
        Pending = "Pending",
        Succeeded = "Succeeded",
        Failed = "Failed",
        Discarded = "Discarded",
    }
}

/// What the pre-check reads of a (contract-valid) amendment.
#[derive(Debug)]
pub struct Amendment<'a> {
    pub state: AmendmentState,
    pub id: Option<&'a str>,
    pub actioning_time: Option<&'a str>,
}

impl<'a> Amendment<'a> {
    /// The record's members, when they are what the contract requires.
    pub fn read(record: &'a Value) -> Option<Amendment<'a>> {
        Some(Amendment {
            state: AmendmentState::from_name(super::text(record, "state")?)?,
            id: super::text(record, "id"),
            actioning_time: super::text(record, "actioningTime"),
        })
    }
}

/// A `Pending` amendment means a migration is already scheduled: its reference is its id, else
/// its actioning time.
pub fn in_flight(amendment: &Amendment<'_>) -> Option<Value> {
    if amendment.state != AmendmentState::Pending {
        return None;
    }
    let reference = amendment.id.or(amendment.actioning_time);
    Some(reference.map_or(Value::Null, |r| Value::String(r.to_owned())))
}

/// BillForward's `BFError`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    pub error_type: &'static str,
    pub error_message: String,
    pub error_parameters: Vec<String>,
}

/// `{errorType: "ValidationError", errorMessage, errorParameters}`.
pub fn vendor_error(errors: &[&ValidationError]) -> ErrorBody {
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    let mut parameters: Vec<String> = Vec::new();
    for error in errors {
        let field = error_field(error);
        if !field.is_empty() && !parameters.contains(&field) {
            parameters.push(field);
        }
    }
    ErrorBody {
        error_type: "ValidationError",
        error_message: messages.join("; "),
        error_parameters: parameters,
    }
}
