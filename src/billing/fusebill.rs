//! Fusebill: the body of `POST /v1/subscriptions/{subscriptionId}/migrate`, with its timing
//! rules (`scheduledMigrationDate` required with `SpecificDate`, refused with `Now`).

use super::{error_field, in_flight_params, Contract, Source};
use crate::json;
use crate::json::{Map, Value};
use crate::schema::ValidationError;

/// The platform's display name.
pub const NAME: &str = "Fusebill";

/// The migrate request body.
pub const SUBSCRIPTION_MIGRATE: Contract = Contract {
    id: "fusebill/subscription_migrate",
    platform: "fusebill",
    source: Source::Text(embedded_json!("billing/fusebill/subscription_migrate.json")),
};

/// A scheduled migration (any timing but `Now`, which runs at once) is in flight, unless its
/// date is already before `now`'s date (it has run).
pub fn in_flight(scheduled: &Value, now: &str) -> Option<Map> {
    let date = scheduled
        .get("scheduledMigrationDate")
        .and_then(Value::as_str);
    // Both are RFC 3339, so their YYYY-MM-DD prefixes compare as text.
    let day = |text: &str| text.get(..10).map(str::to_owned);
    if let (Some(when), Some(today)) = (date.and_then(day), day(now)) {
        if when < today {
            return None;
        }
    }
    match scheduled
        .get("migrationTimingOption")
        .and_then(Value::as_str)
    {
        Some("Now") | None => None,
        Some(timing) => {
            let when = scheduled
                .get("scheduledMigrationDate")
                .cloned()
                .unwrap_or_else(|| Value::String(timing.to_owned()));
            in_flight_params(Some(&when))
        }
    }
}

/// Fusebill's error body: `{ErrorId, HttpStatusCode, Errors: [{Key, Value}]}`. Rules that
/// concern the combination of options (the timing rules) are keyed `options`, as Fusebill does.
pub fn vendor_error(errors: &[&ValidationError]) -> Value {
    let mut items: Vec<Value> = Vec::new();
    for error in errors {
        // The timing rules (the schema's root `allOf`) concern the combination of options.
        let key = if error.schema_path.starts_with("#/allOf/") {
            "options".to_owned()
        } else {
            error_field(error)
        };
        let item = json!({ "Key": key, "Value": error.message });
        if !items.contains(&item) {
            items.push(item);
        }
    }
    json!({ "ErrorId": 0, "HttpStatusCode": 400, "Errors": items })
}
