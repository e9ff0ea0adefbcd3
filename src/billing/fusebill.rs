//! Fusebill: the body of `POST /v1/subscriptions/{subscriptionId}/migrate`, with its timing
//! rules (`scheduledMigrationDate` required with `SpecificDate`, refused with `Now`).

use super::contracts::Contract;
use super::vendor::error_field;
use super::Platform;
use crate::schema::ValidationError;
use serde::Serialize;
use serde_json::Value;

/// The platform's display name.
pub const NAME: &str = "Fusebill";

/// The migrate request body.
pub const SUBSCRIPTION_MIGRATE: Contract = Contract {
    platform: Platform::Fusebill,
    schema: embedded_json!("billing/fusebill/subscription_migrate.json"),
};

named_enum! {
    /// When a migration runs.
    pub enum Timing {
        NextBillingPeriod = "NextBillingPeriod",
        Now = "Now",
        SpecificDate = "SpecificDate",
    }
}

/// What the pre-check reads of a (contract-valid) scheduled migration.
#[derive(Debug)]
pub struct ScheduledMigration<'a> {
    pub migration_timing_option: Timing,
    pub scheduled_migration_date: Option<&'a str>,
}

impl<'a> ScheduledMigration<'a> {
    /// The record's members, when they are what the contract requires.
    pub fn read(record: &'a Value) -> Option<ScheduledMigration<'a>> {
        Some(ScheduledMigration {
            migration_timing_option: Timing::from_name(super::text(
                record,
                "migrationTimingOption",
            )?)?,
            scheduled_migration_date: super::text(record, "scheduledMigrationDate"),
        })
    }
}

/// A scheduled migration (any timing but `Now`, which runs at once) is in flight, unless its
/// date is already before `now`'s date (it has run). Its reference is the date, else the timing.
pub fn in_flight(scheduled: &ScheduledMigration<'_>, now: &str) -> Option<Value> {
    let date = scheduled.scheduled_migration_date;
    // Both are RFC 3339, so their YYYY-MM-DD prefixes compare as text.
    let day = |text: &str| text.get(..10).map(str::to_owned);
    if let (Some(when), Some(today)) = (date.and_then(day), day(now)) {
        if when < today {
            return None;
        }
    }
    match scheduled.migration_timing_option {
        Timing::Now => None,
        timing => Some(Value::String(date.unwrap_or(timing.name()).to_owned())),
    }
}

/// Fusebill's error body: `{ErrorId, HttpStatusCode, Errors: [{Key, Value}]}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ErrorBody {
    pub error_id: u32,
    pub http_status_code: u16,
    pub errors: Vec<Item>,
}

/// One `{Key, Value}` of Fusebill's error body.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Item {
    pub key: String,
    pub value: String,
}

/// Fusebill's error body. Rules that concern the combination of options (the timing rules, the
/// schema's root `allOf`) are keyed `options`, as Fusebill does; each item is listed once.
pub fn vendor_error(errors: &[&ValidationError]) -> ErrorBody {
    let mut items: Vec<Item> = Vec::new();
    for error in errors {
        let key = if error.schema_path.starts_with("#/allOf/") {
            "options".to_owned()
        } else {
            error_field(error)
        };
        let item = Item {
            key,
            value: error.message.clone(),
        };
        if !items.contains(&item) {
            items.push(item);
        }
    }
    ErrorBody {
        error_id: 0,
        http_status_code: 400,
        errors: items,
    }
}
