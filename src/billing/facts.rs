//! What the pre-check learns from a context's `billing` part: whether a migration is already in
//! flight on the platform, and whether the request the host is about to send is valid.

use super::contracts::{self, ContractId};
use super::{billforward, chargebee, fusebill, pismo, Platform};
use crate::schema::ValidationError;
use serde_json::Value;

/// What the pre-check learns from a context's `billing` part.
#[derive(Debug)]
pub struct BillingFacts {
    /// The platform.
    pub platform: Platform,
    /// What identifies a migration already in flight, if one is (`null` when nothing does).
    pub in_flight: Option<Value>,
    /// Errors of the request the host is about to send (empty when valid or absent).
    pub request_errors: Vec<ValidationError>,
}

/// The contract a platform's latest record must match, and the one of its request (if any).
fn contracts_of(
    platform: Platform,
    event: Option<pismo::Event>,
) -> (ContractId, Option<ContractId>) {
    match platform {
        Platform::Chargebee => (ContractId::ChargebeeResourceMigration, None),
        Platform::Fusebill => (
            ContractId::FusebillSubscriptionMigrate,
            Some(ContractId::FusebillSubscriptionMigrate),
        ),
        Platform::Billforward => (
            ContractId::BillforwardMigrationAmendment,
            Some(ContractId::BillforwardMigrationRequest),
        ),
        Platform::Pismo => (
            if event == Some(pismo::Event::CustomerOutgoing) {
                ContractId::PismoCustomerOutgoing1
            } else {
                ContractId::PismoCustomerIncoming1
            },
            Some(ContractId::PismoCustomerIncoming1),
        ),
    }
}

/// Whether the latest record says a migration is in flight, and its reference.
fn in_flight(
    platform: Platform,
    event: Option<pismo::Event>,
    record: &Value,
    now: &str,
) -> Option<Value> {
    match platform {
        Platform::Chargebee => chargebee::in_flight(&chargebee::ResourceMigration::read(record)?),
        Platform::Fusebill => {
            fusebill::in_flight(&fusebill::ScheduledMigration::read(record)?, now)
        }
        Platform::Billforward => billforward::in_flight(&billforward::Amendment::read(record)?),
        Platform::Pismo if event == Some(pismo::Event::CustomerOutgoing) => None,
        Platform::Pismo => pismo::in_flight(&pismo::Incoming::read(record)?),
    }
}

/// Reads the `billing` part of a context. A `latest` record that does not match its contract is
/// the host's bug: its errors come back, prefixed with their place. `now` (the context's RFC 3339
/// time) lets a platform tell a past schedule from a pending one.
pub fn facts(
    platform: Platform,
    latest: Option<&Value>,
    event: Option<pismo::Event>,
    request: Option<&Value>,
    now: &str,
) -> Result<BillingFacts, Vec<ValidationError>> {
    let (latest_contract, request_contract) = contracts_of(platform, event);
    let mut found = None;
    if let Some(record) = latest.filter(|l| l.is_object()) {
        let errors = contracts::validator(latest_contract)
            .map(|v| super::vendor::drop_if_summaries(v.errors(record)))
            .unwrap_or_default();
        if !errors.is_empty() {
            return Err(prefixed(errors, "/billing/latest"));
        }
        found = in_flight(platform, event, record, now);
    }
    let request_errors = match (request.filter(|r| !r.is_null()), request_contract) {
        (Some(request), Some(id)) => contracts::errors(id, request),
        _ => Vec::new(),
    };
    Ok(BillingFacts {
        platform,
        in_flight: found,
        request_errors,
    })
}

fn prefixed(errors: Vec<ValidationError>, prefix: &str) -> Vec<ValidationError> {
    errors
        .into_iter()
        .map(|mut e| {
            e.instance_path = format!("{prefix}{}", e.instance_path);
            e
        })
        .collect()
}
