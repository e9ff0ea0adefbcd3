//! Chargebee: the `resource_migration` resource (copying a customer between sites) and the
//! parameters and result of `GET /api/v2/resource_migrations/retrieve_latest`.

use super::{error_field, in_flight_params, Contract, Source};
use crate::json;
use crate::json::{Map, Value};
use crate::schema::ValidationError;

/// The platform's display name.
pub const NAME: &str = "Chargebee";

/// The `resource_migration` resource.
pub const RESOURCE_MIGRATION: Contract = Contract {
    id: "chargebee/resource_migration",
    platform: "chargebee",
    source: Source::Text(RESOURCE_TEXT),
};

/// The parameters of `retrieve_latest`.
pub const RETRIEVE_LATEST: Contract = Contract {
    id: "chargebee/retrieve_latest",
    platform: "chargebee",
    source: Source::Text(embedded_json!("billing/chargebee/retrieve_latest.json")),
};

/// The result of `retrieve_latest`: `{"resource_migration": {...}}`.
pub const RETRIEVE_LATEST_RESULT: Contract = Contract {
    id: "chargebee/retrieve_latest_result",
    platform: "chargebee",
    source: Source::Built(retrieve_latest_result),
};

/// The resource schema's text, shared by the resource and the result contracts.
const RESOURCE_TEXT: &str = embedded_json!("billing/chargebee/resource_migration.json");

/// Wraps the resource schema (one copy, under `definitions`) into the result's shape.
fn retrieve_latest_result() -> Value {
    let text = [
        r##"{"$schema":"http://json-schema.org/draft-07/schema#","title":"Chargebee retrieve_latest result","##,
        r##""type":"object","required":["resource_migration"],"##,
        r##""properties":{"resource_migration":{"$ref":"#/definitions/resource_migration"}},"##,
        r##""definitions":{"resource_migration":"##,
        RESOURCE_TEXT,
        "}}",
    ]
    .concat();
    crate::json::from_str(&text).unwrap_or(Value::Null)
}

/// A `scheduled` latest migration means a copy is still in flight.
pub fn in_flight(latest: &Value) -> Option<Map> {
    if latest.get("status").and_then(Value::as_str) == Some("scheduled") {
        in_flight_params(latest.get("entity_id"))
    } else {
        None
    }
}

/// Chargebee names nested parameters `outer[inner]`: `resource_migration.entity_type` →
/// `resource_migration[entity_type]`.
fn chargebee_param(label: &str) -> String {
    let mut parts = label.split('.');
    let mut out = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        out.push_str(&format!("[{part}]"));
    }
    out
}

/// Chargebee's error body for the first problem, worded as Chargebee words parameter errors.
pub fn vendor_error(errors: &[&ValidationError]) -> Value {
    let Some(first) = errors.first() else {
        return Value::Null;
    };
    let param = chargebee_param(&error_field(first));
    let limit = crate::json::to_text(first.params.get("limit").unwrap_or(&Value::Null));
    let reason = match first.keyword {
        "required" => "cannot be blank".to_owned(),
        "maxLength" => format!("cannot be longer than {limit} characters"),
        "minLength" => format!("cannot be shorter than {limit} characters"),
        "enum" | "const" => "invalid value".to_owned(),
        "additionalProperties" => "is not a valid parameter".to_owned(),
        // The contract's message starts with the dotted field name; Chargebee puts the
        // (bracketed) name in front itself.
        _ => {
            let label = error_field(first);
            let message = first.message.as_str();
            message
                .strip_prefix(label.as_str())
                .unwrap_or(message)
                .trim_start()
                .to_owned()
        }
    };
    let message = if param.is_empty() {
        reason
    } else {
        format!("{param} : {reason}")
    };
    let mut body = json!({
        "message": message,
        "type": "invalid_request",
        "api_error_code": "param_wrong_value",
        "error_code": "param_wrong_value",
        "http_status_code": 400,
    });
    if let (Value::Object(map), false) = (&mut body, param.is_empty()) {
        map.insert("param".to_owned(), Value::String(param));
    }
    body
}
