//! Pismo: the customer migration events, `customer_outgoing` version 1 ("migration completed",
//! the seed's schema verbatim) and `customer_incoming` version 1 ("migration started").

use super::contracts::Contract;
use super::Platform;
use crate::pointer::field_label;
use crate::schema::{ErrorKeyword, ValidationError};
use serde_json::Value;

/// The platform's display name.
pub const NAME: &str = "Pismo";

/// Customer migration completed (the seed's schema, verbatim).
pub const CUSTOMER_OUTGOING: Contract = Contract {
    platform: Platform::Pismo,
    schema: embedded_json!("billing/pismo/customer_outgoing_1.json"),
};

/// Customer migration started.
pub const CUSTOMER_INCOMING: Contract = Contract {
    platform: Platform::Pismo,
    schema: embedded_json!("billing/pismo/customer_incoming_1.json"),
};

named_enum! {
    /// Which event a context's `billing.latest` is.
    pub enum Event {
        CustomerIncoming = "customer_incoming",
        CustomerOutgoing = "customer_outgoing",
    }
}

/// What the pre-check reads of a (contract-valid) `customer_incoming` event: its migration's id.
#[derive(Debug)]
pub struct Incoming<'a> {
    pub migration_id: &'a str,
}

impl<'a> Incoming<'a> {
    /// The record's members, when they are what the contract requires.
    pub fn read(record: &'a Value) -> Option<Incoming<'a>> {
        Some(Incoming {
            migration_id: super::text(record.get("migration")?, "id")?,
        })
    }
}

/// A migration whose latest event is the start (`customer_incoming`) has not completed yet: its
/// reference is the migration's id.
pub fn in_flight(latest: &Incoming<'_>) -> Option<Value> {
    Some(Value::String(latest.migration_id.to_owned()))
}

/// Pismo validates events with JSON Schema: its errors are ajv's, word for word, so the field
/// name our messages add is taken off again.
pub fn vendor_error(errors: &[ValidationError]) -> Vec<ValidationError> {
    errors
        .iter()
        .map(|e| {
            let mut e = e.clone();
            let label = field_label(&e.instance_path);
            if e.keyword == ErrorKeyword::AdditionalProperties {
                e.message = "must NOT have additional properties".to_owned();
            } else if let Some(rest) = e.message.strip_prefix(&format!("{label} must")) {
                e.message = format!("must{rest}");
            }
            e
        })
        .collect()
}
