//! Billing-platform migration contracts (Chargebee, Fusebill, BillForward, Pismo): JSON Schema
//! documents embedded in the binary, validated by the engine, with each platform's own error
//! body and the migration state the pre-check looks at.

pub mod billforward;
pub mod chargebee;
pub mod fusebill;
pub mod pismo;

use crate::json;
use crate::json::object;
use crate::json::{Map, Value};
use crate::limits::{
    self, Exceeded, MAX_BATCH_BYTES, MAX_BATCH_ERRORS, MAX_BATCH_LINES, MAX_LINE_BYTES,
};
use crate::schema::{errors_to_json, SchemaError, ValidationError, Validator};
use std::sync::OnceLock;

/// Where a contract's schema comes from.
pub enum Source {
    /// A JSON document embedded as text.
    Text(&'static str),
    /// A document built from others (e.g. a response wrapping a resource).
    Built(fn() -> Value),
}

/// One contract: a stable id and its schema.
pub struct Contract {
    /// Stable id, `platform/name` (Pismo adds `/version`).
    pub id: &'static str,
    /// The platform module's name.
    pub platform: &'static str,
    /// The schema.
    pub source: Source,
}

/// Every contract, by platform.
pub const CONTRACTS: &[Contract] = &[
    chargebee::RESOURCE_MIGRATION,
    chargebee::RETRIEVE_LATEST,
    chargebee::RETRIEVE_LATEST_RESULT,
    fusebill::SUBSCRIPTION_MIGRATE,
    billforward::MIGRATION_REQUEST,
    billforward::MIGRATION_AMENDMENT,
    pismo::CUSTOMER_OUTGOING,
    pismo::CUSTOMER_INCOMING,
];

/// The platforms, as named in a pre-check context's `billing.platform`.
pub const PLATFORMS: &[&str] = &["chargebee", "fusebill", "billforward", "pismo"];

/// A misuse: a contract id that does not exist.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownContract {
    /// The id asked for (shortened).
    pub id: String,
}

impl UnknownContract {
    /// `UNKNOWN_CONTRACT`.
    pub const CODE: &'static str = "UNKNOWN_CONTRACT";

    /// A plain-text explanation listing the ids that exist.
    pub fn message(&self) -> String {
        let ids: Vec<&str> = CONTRACTS.iter().map(|c| c.id).collect();
        format!(
            "no contract \"{}\"; known contracts: {}",
            self.id,
            ids.join(", ")
        )
    }
}

/// The ids of every contract.
pub fn contract_ids() -> Vec<&'static str> {
    CONTRACTS.iter().map(|c| c.id).collect()
}

fn find(id: &str) -> Result<(usize, &'static Contract), UnknownContract> {
    CONTRACTS
        .iter()
        .enumerate()
        .find(|(_, c)| c.id == id)
        .ok_or_else(|| UnknownContract {
            id: crate::json::display_text(id, 80),
        })
}

fn schema_of(contract: &Contract) -> Value {
    match contract.source {
        Source::Text(text) => crate::json::from_str(text).unwrap_or(Value::Null),
        Source::Built(build) => build(),
    }
}

/// The JSON Schema of a contract.
pub fn contract_schema(id: &str) -> Result<Value, UnknownContract> {
    find(id).map(|(_, c)| schema_of(c))
}

/// The compiled validator of a contract (compiled once per instance).
pub fn validator(
    id: &str,
) -> Result<Result<&'static Validator, &'static SchemaError>, UnknownContract> {
    static COMPILED: OnceLock<Vec<Result<Validator, SchemaError>>> = OnceLock::new();
    let (index, _) = find(id)?;
    let all = COMPILED.get_or_init(|| {
        CONTRACTS
            .iter()
            .map(|c| Validator::new(&schema_of(c)))
            .collect()
    });
    Ok(match all.get(index) {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(e),
        None => Err(missing_schema()),
    })
}

fn missing_schema() -> &'static SchemaError {
    static MISSING: OnceLock<SchemaError> = OnceLock::new();
    MISSING.get_or_init(|| SchemaError {
        code: "INTERNAL",
        schema_path: "#".to_owned(),
        message: "contract schema missing".to_owned(),
    })
}

/// A JSON Pointer as a person reads a field: `/mappings/0/value` → `mappings[0].value`.
pub fn field_label(pointer: &str) -> String {
    let mut out = String::new();
    for token in pointer.split('/').skip(1) {
        let token = crate::json::unescape_token(token);
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{token}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    out
}

/// Names the field in the engine's wording (`from_site must NOT have more than 50
/// characters`); a schema's own `errorMessage` text is kept as written.
fn humanize(mut error: ValidationError) -> ValidationError {
    if error.keyword == "additionalProperties" && error.message.starts_with("must") {
        error.message = format!(
            "{} is not a known property and is not allowed",
            error_field(&error)
        );
    } else if !error.instance_path.is_empty() && error.message.starts_with("must") {
        error.message = format!("{} {}", field_label(&error.instance_path), error.message);
    }
    error
}

/// The outcome of validating one payload against a contract.
#[derive(Clone, Debug, PartialEq)]
pub struct ContractResult {
    /// Every error, in the engine's shape, with the field named in the message.
    pub errors: Vec<ValidationError>,
    /// The payload with the contract's documented defaults filled in.
    pub value: Value,
}

impl ContractResult {
    /// `{valid, errors, value}` as JSON.
    pub fn to_json(&self) -> Value {
        object([
            ("valid", Value::Bool(self.errors.is_empty())),
            ("errors", errors_to_json(&self.errors)),
            ("value", self.value.clone()),
        ])
    }
}

fn compiled(id: &str) -> Result<&'static Validator, UnknownContract> {
    match validator(id)? {
        Ok(v) => Ok(v),
        // Every shipped schema compiles (tested); treat a failure as an unknown contract.
        Err(_) => Err(UnknownContract { id: id.to_owned() }),
    }
}

/// Validates a payload against a contract.
pub fn validate_contract(id: &str, payload: &Value) -> Result<ContractResult, UnknownContract> {
    let validator = compiled(id)?;
    Ok(ContractResult {
        errors: validator
            .errors(payload)
            .into_iter()
            .map(humanize)
            .collect(),
        value: validator.with_defaults(payload),
    })
}

/// Default cap on the errors a batch returns (the counts are always exact).
pub const DEFAULT_MAX_BATCH_ERRORS: usize = 1000;

/// The outcome of validating a newline-delimited batch.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchResult {
    /// Non-blank lines.
    pub total: usize,
    /// Lines that are valid.
    pub valid: usize,
    /// Lines that are not JSON or not valid.
    pub invalid: usize,
    /// Errors with their 1-based line number, up to the cap.
    pub errors: Vec<(usize, ValidationError)>,
    /// True when errors were left out because of the cap.
    pub truncated: bool,
}

impl BatchResult {
    /// `{total, valid, invalid, errors: [{line, instancePath, ...}], truncated}` as JSON.
    pub fn to_json(&self) -> Value {
        let errors = self
            .errors
            .iter()
            .map(|(line, e)| {
                let mut item = e.to_json();
                if let Value::Object(map) = &mut item {
                    map.insert("line".to_owned(), Value::from(*line));
                }
                item
            })
            .collect();
        json!({
            "total": self.total,
            "valid": self.valid,
            "invalid": self.invalid,
            "errors": Value::Array(errors),
            "truncated": self.truncated,
        })
    }
}

/// Validates NDJSON: one payload per line; blank lines are skipped, a line that is not JSON
/// is an error on that line (keyword `json`), never a failure of the batch.
pub fn validate_many(
    id: &str,
    ndjson: &[u8],
    max_errors: usize,
) -> Result<BatchResult, BatchError> {
    let validator = compiled(id).map_err(BatchError::UnknownContract)?;
    let too_large = |limit, max| {
        BatchError::Limit(Exceeded {
            limit,
            max,
            at: String::new(),
        })
    };
    if ndjson.len() > MAX_BATCH_BYTES {
        return Err(too_large("bytes", MAX_BATCH_BYTES));
    }
    let max_errors = max_errors.min(MAX_BATCH_ERRORS);
    let mut result = BatchResult {
        total: 0,
        valid: 0,
        invalid: 0,
        errors: Vec::new(),
        truncated: false,
    };
    let mut reader = crate::json::Reader::default();
    for (index, raw) in ndjson.split(|b| *b == b'\n').enumerate() {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        result.total += 1;
        if result.total > MAX_BATCH_LINES {
            return Err(too_large("lines", MAX_BATCH_LINES));
        }
        let parsed = if line.len() > MAX_LINE_BYTES {
            Err(Exceeded {
                limit: "lineBytes",
                max: MAX_LINE_BYTES,
                at: String::new(),
            })
        } else {
            Ok(reader.parse(line))
        };
        let found = match parsed.and_then(|p| {
            if let Ok(value) = &p {
                limits::check_value(value, line.len())?;
            }
            Ok(p)
        }) {
            Err(limit) => vec![limit.to_error()],
            // Once the error list is full, a line only needs its verdict (counts stay exact).
            Ok(Ok(value)) if result.errors.len() >= max_errors => {
                if validator.is_valid(&value) {
                    Vec::new()
                } else {
                    result.invalid += 1;
                    result.truncated = true;
                    continue;
                }
            }
            Ok(Ok(value)) => validator.errors(&value).into_iter().map(humanize).collect(),
            Ok(Err(e)) => vec![ValidationError {
                instance_path: String::new(),
                schema_path: String::new(),
                keyword: "json",
                params: json!({ "reason": e.text() }),
                message: format!("line is not valid JSON: {}", e.text()),
            }],
        };
        if found.is_empty() {
            result.valid += 1;
            continue;
        }
        result.invalid += 1;
        for error in found {
            if result.errors.len() < max_errors {
                result.errors.push((index + 1, error));
            } else {
                result.truncated = true;
            }
        }
    }
    Ok(result)
}

/// Why a batch could not be validated at all (a line's own problems are errors on that line).
#[derive(Clone, Debug, PartialEq)]
pub enum BatchError {
    /// The contract id does not exist.
    UnknownContract(UnknownContract),
    /// The batch is larger than a limit allows (split it).
    Limit(Exceeded),
}

/// Drops the errors a person does not need beside a more specific one: the branch errors
/// under an `anyOf`/`oneOf` summary, and an `if` error whose `then`/`else` errors are there.
pub fn condense(errors: &[ValidationError]) -> Vec<&ValidationError> {
    let parent = |path: &str, keyword: &str| path.strip_suffix(keyword).map(str::to_owned);
    errors
        .iter()
        .filter(|e| {
            let under_summary = errors.iter().any(|s| {
                matches!(s.keyword, "anyOf" | "oneOf")
                    && e.schema_path.starts_with(&format!("{}/", s.schema_path))
            });
            let if_with_branch = e.keyword == "if"
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
    for key in ["missingProperty", "additionalProperty"] {
        if let Some(name) = error.params.get(key).and_then(Value::as_str) {
            let mut pointer = error.instance_path.clone();
            crate::json::push_pointer(&mut pointer, name);
            return field_label(&pointer);
        }
    }
    field_label(&error.instance_path)
}

/// Reads the errors back from a `{valid, errors, ...}` result made by [`ContractResult::to_json`]
/// (or by a host that kept that shape).
pub fn errors_from_result(result: &Value) -> Vec<ValidationError> {
    let keyword = |k: &str| -> &'static str {
        KNOWN_KEYWORDS
            .iter()
            .find(|known| **known == k)
            .copied()
            .unwrap_or("error")
    };
    result
        .get("errors")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|e| {
                    Some(ValidationError {
                        instance_path: e.get("instancePath")?.as_str()?.to_owned(),
                        schema_path: e
                            .get("schemaPath")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_owned(),
                        keyword: keyword(e.get("keyword").and_then(Value::as_str).unwrap_or("")),
                        params: e.get("params").cloned().unwrap_or_else(|| json!({})),
                        message: e.get("message")?.as_str()?.to_owned(),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

const KNOWN_KEYWORDS: &[&str] = &[
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
    "minProperties",
    "maxProperties",
    "dependencies",
    "items",
    "additionalItems",
    "contains",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "format",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "false schema",
    "$ref",
    "json",
];

/// The errors of a result as the platform itself would answer them.
pub fn to_vendor_error(id: &str, result: &Value) -> Result<Value, UnknownContract> {
    let (_, contract) = find(id)?;
    let errors = errors_from_result(result);
    if errors.is_empty() {
        return Ok(Value::Null);
    }
    let condensed = condense(&errors);
    Ok(match contract.platform {
        "chargebee" => chargebee::vendor_error(&condensed),
        "fusebill" => fusebill::vendor_error(&condensed),
        "billforward" => billforward::vendor_error(&condensed),
        _ => pismo::vendor_error(&errors),
    })
}

/// What the pre-check learns from a context's `billing` part.
#[derive(Debug)]
pub struct BillingFacts {
    /// The platform's display name.
    pub platform: &'static str,
    /// Parameters of a migration already in flight, if one is.
    pub in_flight: Option<Map>,
    /// Errors of the request the host is about to send (empty when valid or absent).
    pub request_errors: Vec<ValidationError>,
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

/// Reads the `billing` part of a (schema-valid) context. A `latest` record that does not
/// match its contract is the host's bug: its errors come back, prefixed with their place.
/// `now` (the context's RFC 3339 time) lets a platform tell a past schedule from a pending one.
pub fn facts(billing: &Value, now: &str) -> Result<BillingFacts, Vec<ValidationError>> {
    let platform = billing
        .get("platform")
        .and_then(Value::as_str)
        .unwrap_or("");
    let latest = billing.get("latest").filter(|l| l.is_object());
    let event = billing.get("latestEvent").and_then(Value::as_str);
    let (name, latest_contract, request_contract) = match platform {
        "chargebee" => (
            chargebee::NAME,
            Some(chargebee::RESOURCE_MIGRATION.id),
            None,
        ),
        "fusebill" => (
            fusebill::NAME,
            Some(fusebill::SUBSCRIPTION_MIGRATE.id),
            Some(fusebill::SUBSCRIPTION_MIGRATE.id),
        ),
        "billforward" => (
            billforward::NAME,
            Some(billforward::MIGRATION_AMENDMENT.id),
            Some(billforward::MIGRATION_REQUEST.id),
        ),
        _ => (
            pismo::NAME,
            Some(if event == Some("customer_outgoing") {
                pismo::CUSTOMER_OUTGOING.id
            } else {
                pismo::CUSTOMER_INCOMING.id
            }),
            Some(pismo::CUSTOMER_INCOMING.id),
        ),
    };
    let mut in_flight = None;
    if let (Some(record), Some(id)) = (latest, latest_contract) {
        let errors = compiled(id).map(|v| v.errors(record)).unwrap_or_default();
        if !errors.is_empty() {
            return Err(prefixed(errors, "/billing/latest"));
        }
        in_flight = match platform {
            "chargebee" => chargebee::in_flight(record),
            "fusebill" => fusebill::in_flight(record, now),
            "billforward" => billforward::in_flight(record),
            _ => pismo::in_flight(record, event),
        };
    }
    let request_errors = match (
        billing.get("request").filter(|r| !r.is_null()),
        request_contract,
    ) {
        (Some(request), Some(id)) => validate_contract(id, request)
            .map(|r| r.errors)
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(BillingFacts {
        platform: name,
        in_flight,
        request_errors,
    })
}

/// Parameters of an in-flight migration: the platform fills `reference` with what identifies it.
pub fn in_flight_params(reference: Option<&Value>) -> Option<Map> {
    let mut map = Map::new();
    map.insert(
        "reference".to_owned(),
        reference.cloned().unwrap_or(Value::Null),
    );
    Some(map)
}
