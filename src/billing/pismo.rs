//! Pismo: the customer migration events, `customer_outgoing` version 1 ("migration completed",
//! the seed's schema verbatim) and `customer_incoming` version 1 ("migration started").

use super::{in_flight_params, Contract, Source};
use crate::json::{Map, Value};
use crate::schema::{errors_to_json, ValidationError};

/// The platform's display name.
pub const NAME: &str = "Pismo";

/// Customer migration completed (the seed's schema, verbatim).
pub const CUSTOMER_OUTGOING: Contract = Contract {
    id: "pismo/customer_outgoing/1",
    platform: "pismo",
    source: Source::Text(include_str!("pismo/customer_outgoing_1.json")),
};

/// Customer migration started.
pub const CUSTOMER_INCOMING: Contract = Contract {
    id: "pismo/customer_incoming/1",
    platform: "pismo",
    source: Source::Text(embedded_json!("billing/pismo/customer_incoming_1.json")),
};

/// A migration whose latest event is the start (`customer_incoming`) has not completed yet.
pub fn in_flight(latest: &Value, event: Option<&str>) -> Option<Map> {
    if event == Some("customer_outgoing") {
        return None;
    }
    in_flight_params(latest.get("migration").and_then(|m| m.get("id")))
}

/// Pismo validates events with JSON Schema: its errors are ajv's, word for word, so the field
/// name our messages add is taken off again.
pub fn vendor_error(errors: &[ValidationError]) -> Value {
    let plain: Vec<ValidationError> = errors
        .iter()
        .map(|e| {
            let mut e = e.clone();
            let label = super::field_label(&e.instance_path);
            if e.keyword == "additionalProperties" {
                e.message = "must NOT have additional properties".to_owned();
            } else if let Some(rest) = e.message.strip_prefix(&format!("{label} must")) {
                e.message = format!("must{rest}");
            }
            e
        })
        .collect();
    errors_to_json(&plain)
}
