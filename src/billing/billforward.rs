//! BillForward: `MigrationRequest` (camelCase wire keys) with `PricingComponentMigrationValue`,
//! and the `ProductRatePlanMigrationAmendment` a scheduled migration leaves.

use super::{error_field, in_flight_params, Contract, Source};
use crate::json;
use crate::json::{Map, Value};
use crate::schema::ValidationError;

/// The platform's display name.
pub const NAME: &str = "BillForward";

/// The migrate request body.
pub const MIGRATION_REQUEST: Contract = Contract {
    id: "billforward/migration_request",
    platform: "billforward",
    source: Source::Text(embedded_json!("billing/billforward/migration_request.json")),
};

/// The amendment that a migration schedules.
pub const MIGRATION_AMENDMENT: Contract = Contract {
    id: "billforward/migration_amendment",
    platform: "billforward",
    source: Source::Text(embedded_json!(
        "billing/billforward/migration_amendment.json"
    )),
};

/// A `Pending` amendment means a migration is already scheduled.
pub fn in_flight(amendment: &Value) -> Option<Map> {
    if amendment.get("state").and_then(Value::as_str) == Some("Pending") {
        in_flight_params(
            amendment
                .get("id")
                .or_else(|| amendment.get("actioningTime")),
        )
    } else {
        None
    }
}

/// BillForward's `BFError`: `{errorType: "ValidationError", errorMessage, errorParameters}`.
pub fn vendor_error(errors: &[&ValidationError]) -> Value {
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    let mut parameters: Vec<String> = Vec::new();
    for error in errors {
        let field = error_field(error);
        if !field.is_empty() && !parameters.contains(&field) {
            parameters.push(field);
        }
    }
    json!({
        "errorType": "ValidationError",
        "errorMessage": messages.join("; "),
        "errorParameters": parameters,
    })
}
