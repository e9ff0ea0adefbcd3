//! Billing-platform migration contracts (Chargebee, Fusebill, BillForward, Pismo): the seeds'
//! samples against their contracts, table-driven invalid cases with their exact errors,
//! defaults, NDJSON batches, each platform's error body, and the pre-check's billing rules.
//!
//! Error lists are compared without regard to order (sorted): the order of errors of sibling
//! properties follows the iteration order of JSON objects, which is not part of the contract.

use aps_migratable::billing::{
    self, contract_ids, contract_schema, to_vendor_error, validate_contract, validate_many,
    BatchOptions, ContractId, LineError, NotAResult, Platform, UnknownContract,
};
use aps_migratable::pointer::field_label;
use aps_migratable::precheck::{PreChecker, PrecheckError, Report, RuleRef};
use aps_migratable::schema::ValidationError;
use serde::Serialize;
use serde_json::{json, Value};

// ---------------------------------------------------------------- the seeds' samples

/// Chargebee's "Sample resource migration" (seed 000).
fn chargebee_resource() -> Value {
    json!({
        "from_site": "yourapp",
        "entity_type": "customer",
        "entity_id": "test123",
        "status": "failed",
        "created_at": 1528093653,
        "updated_at": 1528093653,
        "object": "resource_migration"
    })
}

/// Chargebee's "Sample Result" of retrieve_latest (seed 000).
fn chargebee_result() -> Value {
    json!({
        "resource_migration": {
            "from_site": "yourapp",
            "entity_type": "customer",
            "entity_id": "test123",
            "status": "failed",
            "created_at": 1539327043,
            "updated_at": 1539327043,
            "object": "resource_migration"
        }
    })
}

/// The parameters of the seed's Go sample (`EntityHandle` is `entity_id` on the wire).
fn chargebee_retrieve() -> Value {
    json!({ "from_site": "merchant-test", "entity_type": "customer", "entity_id": "test123" })
}

/// Fusebill's sample request (seed 001).
fn fusebill_request() -> Value {
    json!({
        "customerId": 12874295,
        "planFamilyRelationshipId": 407766,
        "migrationTimingOption": "SpecificDate",
        "earningOption": "Full",
        "nameOverrideOption": "Transfer",
        "descriptionOverrideOption": "Transfer",
        "referenceOption": "Transfer",
        "expiryOption": "Transfer",
        "customFieldsOption": "Transfer",
        "contractStartOption": "DoNotTransfer",
        "contractEndOption": "DoNotTransfer",
        "scheduledMigrationDate": "2020-05-10"
    })
}

/// A BillForward MigrationRequest with every sendable field of the table (camelCase wire keys).
fn billforward_request() -> Value {
    json!({
        "productRatePlan": "gold-monthly",
        "product": "gold",
        "nextSubscriptionName": "Gold (monthly)",
        "nextSubscriptionDescription": "Migrated from Silver",
        "invoicingType": "Immediate",
        "pricingBehaviour": "ProRated",
        "mappings": [
            { "pricingComponent": "seats", "value": 10 },
            {
                "pricingComponent": "PRC-2", "value": 0, "id": "PCMV-1",
                "changedBy": "admin", "created": "2023-10-03T17:25:45Z"
            }
        ],
        "dryRun": true
    })
}

/// A BillForward ProductRatePlanMigrationAmendment.
fn billforward_amendment() -> Value {
    json!({
        "@type": "ProductRatePlanMigrationAmendment",
        "id": "AMD-1",
        "subscriptionID": "SUB-1",
        "productRatePlanID": "PRP-1",
        "state": "Pending",
        "actioningTime": "2024-06-01T00:00:00Z",
        "created": "2024-05-01T10:00:00Z"
    })
}

/// Pismo's customer_outgoing example (seed 002).
fn pismo_outgoing() -> Value {
    json!({
        "operation": "UPDATE",
        "status": "SUCCESS",
        "code": "MIGR-0001",
        "message": "Customer migration registration approved",
        "migration": {
            "id": "migration-id",
            "account_id": "account-migration-id",
            "version_date": "2021-08-11T11:25:00.000Z",
            "phase_id": "Rollout_Jan2022"
        },
        "entity": { "account_id": 9999, "customer_id": 1234 }
    })
}

/// The customer_incoming example of billing-contracts.md.
fn pismo_incoming() -> Value {
    json!({
        "migration": { "id": "31a2d", "account_id": "a7c3f", "version_date": "2023-10-03T17:25:45Z" },
        "entity": { "name": "Super Mario Bros", "document_number": "59769445746" },
        "social_name": "Mario Bros",
        "is_active": true
    })
}

/// The customer_outgoing version 1 schema as the seed prints it.
const PISMO_OUTGOING_SCHEMA: &str = r##"{
"$schema": "http://json-schema.org/draft-07/schema",
"$id": "https://pismo.io/events/migration/customer_outgoing-1.json",
"type": "object",
"title": "Customer migration completed",
"description": "Event generated when an customer migration finishes and the result is reported. Result can be either `SUCCESS` or `FAIL`.",
"examples": [
{
"operation": "UPDATE",
"status": "SUCCESS",
"code": "MIGR-0001",
"message": "Customer migration registration approved",
"migration": {
"id": "migration-id",
"account_id": "account-migration-id",
"version_date": "2021-08-11T11:25:00.000Z",
"phase_id": "Rollout_Jan2022"
},
"entity": {
"account_id": 9999,
"customer_id": 1234
}
}
],
"required": [
"code",
"message",
"migration",
"status"
],
"properties": {
"code": {
"$id": "#/properties/code",
"type": "string",
"description": "The code of message for systems",
"examples": [
"MIGR-0001"
]
},
"message": {
"$id": "#/properties/message",
"type": "string",
"description": "Message of customer migration result",
"examples": [
"Customer migration registration approved"
]
},
"migration": {
"$id": "#/properties/migration",
"type": "object",
"description": "Identifier sent on start of migration process",
"examples": [
{
"id": "migration-id",
"version_date": "2021-08-11T11:25:00.000Z",
"account_id": "account-migration-id",
"phase_id": "Rollout_Jan2022"
}
],
"required": [
"id",
"version_date",
"account_id"
],
"properties": {
"id": {
"$id": "#/properties/migration/properties/id",
"type": "string",
"description": "This field is the unique identifier of migration.",
"examples": [
"migration-id"
]
},
"version_date": {
"$id": "#/properties/migration/properties/version_date",
"type": "string",
"format": "date-time",
"description": "This field is the date of version of migration.",
"examples": [
"2021-08-11T11:25:00.000Z"
]
},
"phase_id": {
"$id": "#/properties/migration/properties/phase_id",
"type": "string",
"title": "This field is the migration phase",
"examples": [
"Rollout_Jan2022"
]
},
"account_id": {
"$id": "#/properties/migration/properties/account_id",
"type": "string",
"title": "This field is the date of version of migration.",
"examples": [
"account-migration-id"
]
}
},
"additionalProperties": false
},
"status": {
"$id": "#/properties/status",
"type": "string",
"title": "Migration status",
"description": "If the result of customer migration was success or not",
"enum": [
"SUCCESS",
"FAIL"
],
"examples": [
"SUCCESS",
"FAIL"
]
},
"entity": {
"$id": "#/properties/entity",
"type": "object",
"title": "Pismo generated customer information",
"examples": [
{
"account_id": 9999,
"customer_id": 1234
}
],
"required": [
"account_id",
"customer_id"
],
"properties": {
"account_id": {
"$id": "#/properties/entity/properties/account_id",
"type": "integer",
"title": "Account Identifier",
"description": "Account identifier generated by Pismo.",
"examples": [
9999
]
},
"customer_id": {
"$id": "#/properties/entity/properties/customer_id",
"type": "integer",
"title": "Customer Identifier",
"description": "Customer identifier generated by Pismo.",
"examples": [
1234
]
}
},
"additionalProperties": false
},
"operation": {
"$id": "#/properties/operation",
"type": "string",
"title": "Migration Operation",
"description": "If the customer migration is a creation or update",
"enum": [
"CREATION",
"UPDATE"
],
"examples": [
"UPDATE",
"CREATION"
]
}
},
"additionalProperties": false
}"##;

const CB_RESOURCE: &str = "chargebee/resource_migration";
const CB_RETRIEVE: &str = "chargebee/retrieve_latest";
const CB_RESULT: &str = "chargebee/retrieve_latest_result";
const FB_MIGRATE: &str = "fusebill/subscription_migrate";
const BF_REQUEST: &str = "billforward/migration_request";
const BF_AMENDMENT: &str = "billforward/migration_amendment";
const PISMO_OUT: &str = "pismo/customer_outgoing/1";
const PISMO_IN: &str = "pismo/customer_incoming/1";

/// The contract with this id (which must exist).
fn contract(id: &str) -> ContractId {
    ContractId::parse(id).unwrap_or_else(|e| panic!("unknown contract {e:?}"))
}

fn result(id: &str, payload: &Value) -> billing::ContractResult {
    validate_contract(contract(id), payload)
}

/// A result type as JSON, as the JS API shows it.
fn to_json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap()
}

/// `validate_many` with a cap on the errors returned.
fn many(id: &str, ndjson: &[u8], max_errors: usize) -> billing::BatchResult {
    validate_many(id, ndjson, BatchOptions { max_errors }).unwrap()
}

#[test]
fn every_seed_sample_is_valid_against_its_contract() {
    for (id, sample) in [
        (CB_RESOURCE, chargebee_resource()),
        (CB_RESULT, chargebee_result()),
        (CB_RETRIEVE, chargebee_retrieve()),
        (FB_MIGRATE, fusebill_request()),
        (BF_REQUEST, billforward_request()),
        (BF_AMENDMENT, billforward_amendment()),
        (PISMO_OUT, pismo_outgoing()),
        (PISMO_IN, pismo_incoming()),
    ] {
        let r = result(id, &sample);
        assert_eq!(r.errors, Vec::new(), "{id}: {sample}");
        assert_eq!(to_json(&r)["valid"], json!(true), "{id}");
        assert_eq!(to_json(&r)["errors"], json!([]), "{id}");
    }
    // The examples embedded in the Pismo schema are its own example.
    let schema: Value = serde_json::from_str(PISMO_OUTGOING_SCHEMA).unwrap();
    assert_eq!(schema["examples"][0], pismo_outgoing());
    for example in [
        &schema["properties"]["migration"]["examples"][0],
        &schema["properties"]["entity"]["examples"][0],
    ] {
        let mut event = pismo_outgoing();
        let key = if example.get("customer_id").is_some() {
            "entity"
        } else {
            "migration"
        };
        event[key] = example.clone();
        assert!(result(PISMO_OUT, &event).errors.is_empty(), "{event}");
    }
}

// ---------------------------------------------------------------- table-driven invalid cases

/// The parts of an error a case pins down: instancePath, keyword, params, message.
type Expected = (String, String, Value, String);

fn e(path: &str, keyword: &str, params: Value, message: &str) -> Expected {
    (
        path.to_owned(),
        keyword.to_owned(),
        params,
        message.to_owned(),
    )
}

/// A change to the base payload: set the value at a JSON Pointer (`""` replaces the whole
/// payload), or remove it (`None`).
type Op = (String, Option<Value>);

fn s(pointer: &str, value: Value) -> Op {
    (pointer.to_owned(), Some(value))
}

fn d(pointer: &str) -> Op {
    (pointer.to_owned(), None)
}

struct Case {
    ops: Vec<Op>,
    want: Vec<Expected>,
}

fn c(ops: Vec<Op>, want: Vec<Expected>) -> Case {
    Case { ops, want }
}

/// No error.
fn ok() -> Vec<Expected> {
    Vec::new()
}

fn apply(base: &Value, ops: &[Op]) -> Value {
    let mut value = base.clone();
    for (pointer, op) in ops {
        if pointer.is_empty() {
            value = op.clone().expect("the whole payload can only be replaced");
            continue;
        }
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let holder = value
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("no {parent} in {base}"));
        match (holder, op) {
            (Value::Object(map), Some(v)) => {
                map.insert(key.to_owned(), v.clone());
            }
            (Value::Object(map), None) => {
                assert!(map.shift_remove(key).is_some(), "nothing at {pointer}");
            }
            (Value::Array(items), Some(v)) => items[key.parse::<usize>().unwrap()] = v.clone(),
            (Value::Array(items), None) => {
                items.remove(key.parse::<usize>().unwrap());
            }
            (other, _) => panic!("{parent} is {other}"),
        }
    }
    value
}

fn sorted(mut list: Vec<Expected>) -> Vec<Expected> {
    list.sort_by_key(|x| format!("{x:?}"));
    list
}

fn actual(errors: &[ValidationError]) -> Vec<Expected> {
    sorted(
        errors
            .iter()
            .map(|x| {
                (
                    x.instance_path.clone(),
                    x.keyword.name().to_owned(),
                    x.params.to_value(),
                    x.message.clone(),
                )
            })
            .collect(),
    )
}

/// Runs every case; returns how many were invalid.
fn run_cases(id: &str, base: &Value, cases: &[Case]) -> usize {
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let payload = apply(base, &case.ops);
        let r = result(id, &payload);
        let got = actual(&r.errors);
        if got != sorted(case.want.clone()) {
            failures.push(format!(
                "{id} case {i} {:?}\n  payload: {}\n  want: {:?}\n  got:  {:?}",
                case.ops.iter().map(|o| o.0.as_str()).collect::<Vec<_>>(),
                shorten(&payload.to_string()),
                case.want,
                got
            ));
        }
        assert_eq!(to_json(&r)["valid"], json!(r.errors.is_empty()));
        assert_eq!(
            billing::validator(contract(id)).unwrap().is_valid(&payload),
            case.want.is_empty(),
            "{id} case {i}: is_valid"
        );
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
    cases.iter().filter(|c| !c.want.is_empty()).count()
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 300 {
        format!("{}…", text.chars().take(300).collect::<String>())
    } else {
        text.to_owned()
    }
}

fn chars(unit: &str, n: usize) -> Value {
    Value::String(unit.repeat(n))
}

const GRIN: &str = "😀";

const MIN4: &str = "from_site must NOT have fewer than 4 characters";
const MAX50: &str = "from_site must NOT have more than 50 characters";
const MAX100: &str = "entity_id must NOT have more than 100 characters";
/// ajv words a limit of 1 in the plural too.
const ID_MIN1: &str = "entity_id must NOT have fewer than 1 characters";

fn req(path: &str, label: &str, property: &str) -> Expected {
    let message = if label.is_empty() {
        format!("must have required property '{property}'")
    } else {
        format!("{label} must have required property '{property}'")
    };
    e(
        path,
        "required",
        json!({ "missingProperty": property }),
        &message,
    )
}

/// An unknown property, named in full (`mappings[0].quantity`) by the message.
fn extra(path: &str, label: &str, property: &str) -> Expected {
    let message = if label.is_empty() {
        format!("{property} is not a known property and is not allowed")
    } else {
        format!("{label}.{property} is not a known property and is not allowed")
    };
    e(
        path,
        "additionalProperties",
        json!({ "additionalProperty": property }),
        &message,
    )
}

fn ty(path: &str, label: &str, ty: &str) -> Expected {
    let message = if label.is_empty() {
        format!("must be {ty}")
    } else {
        format!("{label} must be {ty}")
    };
    e(path, "type", json!({ "type": ty }), &message)
}

fn one_of(path: &str, label: &str, allowed: Value) -> Expected {
    e(
        path,
        "enum",
        json!({ "allowedValues": allowed }),
        &format!("{label} must be equal to one of the allowed values"),
    )
}

fn cb_status() -> Value {
    json!(["scheduled", "failed", "succeeded"])
}
fn fb_timing() -> Value {
    json!(["NextBillingPeriod", "Now", "SpecificDate"])
}
fn fb_earning() -> Value {
    json!(["FamilyDefault", "None", "Unearned", "Full"])
}
fn fb_transfer() -> Value {
    json!(["FamilyDefault", "DoNotTransfer", "Transfer"])
}
fn bf_invoicing() -> Value {
    json!(["Immediate", "Aggregated"])
}
fn bf_pricing() -> Value {
    json!([
        "DifferenceProRated",
        "None",
        "Full",
        "Difference",
        "ProRated"
    ])
}

#[rustfmt::skip]
fn chargebee_resource_cases() -> Vec<Case> {
    vec![
        c(vec![s("/from_site", json!("abc"))], vec![e("/from_site", "minLength", json!({"limit": 4}), MIN4)]),
        c(vec![s("/from_site", json!("abcd"))], ok()),
        c(vec![s("/from_site", chars("a", 50))], ok()),
        c(vec![s("/from_site", chars("a", 51))], vec![e("/from_site", "maxLength", json!({"limit": 50}), MAX50)]),
        c(vec![s("/from_site", chars(GRIN, 3))], vec![e("/from_site", "minLength", json!({"limit": 4}), MIN4)]),
        c(vec![s("/from_site", chars(GRIN, 4))], ok()),
        c(vec![s("/from_site", chars(GRIN, 50))], ok()),
        c(vec![s("/from_site", chars(GRIN, 51))], vec![e("/from_site", "maxLength", json!({"limit": 50}), MAX50)]),
        c(vec![s("/from_site", json!(""))], vec![e("/from_site", "minLength", json!({"limit": 4}), MIN4)]),
        c(vec![s("/from_site", json!(1234))], vec![ty("/from_site", "from_site", "string")]),
        c(vec![s("/from_site", json!(null))], vec![ty("/from_site", "from_site", "string")]),
        c(vec![d("/from_site")], vec![req("", "", "from_site")]),
        c(vec![s("/entity_type", json!("Customer"))], vec![one_of("/entity_type", "entity_type", json!(["customer"]))]),
        c(vec![s("/entity_type", json!("subscription"))], vec![one_of("/entity_type", "entity_type", json!(["customer"]))]),
        c(vec![s("/entity_type", json!(null))], vec![ty("/entity_type", "entity_type", "string"), one_of("/entity_type", "entity_type", json!(["customer"]))]),
        c(vec![d("/entity_type")], vec![req("", "", "entity_type")]),
        c(vec![s("/entity_id", chars("a", 100))], ok()),
        c(vec![s("/entity_id", chars("a", 101))], vec![e("/entity_id", "maxLength", json!({"limit": 100}), MAX100)]),
        c(vec![s("/entity_id", chars(GRIN, 100))], ok()),
        c(vec![s("/entity_id", chars(GRIN, 101))], vec![e("/entity_id", "maxLength", json!({"limit": 100}), MAX100)]),
        c(vec![s("/entity_id", json!(123))], vec![ty("/entity_id", "entity_id", "string")]),
        c(vec![s("/entity_id", json!(""))], vec![e("/entity_id", "minLength", json!({"limit": 1}), ID_MIN1)]),
        c(vec![s("/entity_id", json!("x"))], ok()),
        c(vec![d("/entity_id")], vec![req("", "", "entity_id")]),
        c(vec![s("/status", json!("Scheduled"))], vec![one_of("/status", "status", cb_status())]),
        c(vec![s("/status", json!("SUCCEEDED"))], vec![one_of("/status", "status", cb_status())]),
        c(vec![s("/status", json!("in_progress"))], vec![one_of("/status", "status", cb_status())]),
        c(vec![s("/status", json!("scheduled"))], ok()),
        c(vec![s("/status", json!(1))], vec![ty("/status", "status", "string"), one_of("/status", "status", cb_status())]),
        c(vec![d("/status")], vec![req("", "", "status")]),
        c(vec![s("/created_at", json!(1.5))], vec![ty("/created_at", "created_at", "integer")]),
        c(vec![s("/created_at", json!("1528093653"))], vec![ty("/created_at", "created_at", "integer")]),
        c(vec![s("/created_at", json!(true))], vec![ty("/created_at", "created_at", "integer")]),
        c(vec![s("/created_at", json!(-1))], vec![e("/created_at", "minimum", json!({"comparison": ">=", "limit": 0}), "created_at must be >= 0")]),
        c(vec![s("/created_at", json!(1528093653.0))], ok()),
        c(vec![s("/created_at", json!(0))], ok()),
        c(vec![d("/created_at")], vec![req("", "", "created_at")]),
        c(vec![s("/updated_at", json!("2018-06-04T06:27:33Z"))], vec![ty("/updated_at", "updated_at", "integer")]),
        c(vec![d("/updated_at")], vec![req("", "", "updated_at")]),
        c(vec![s("/errors", chars("x", 65000))], ok()),
        c(vec![s("/errors", chars("x", 65001))], vec![e("/errors", "maxLength", json!({"limit": 65000}), "errors must NOT have more than 65000 characters")]),
        c(vec![s("/errors", json!(42))], vec![ty("/errors", "errors", "string")]),
        c(vec![s("/object", json!("customer"))], vec![e("/object", "const", json!({"allowedValue": "resource_migration"}), "object must be equal to constant")]),
        c(vec![d("/object")], ok()),
        // An API resource is open: Chargebee adds fields over time.
        c(vec![s("/id", json!("rm_1"))], ok()),
        c(vec![s("", json!([]))], vec![ty("", "", "object")]),
        c(vec![s("", json!(null))], vec![ty("", "", "object")]),
        c(vec![s("", json!("resource_migration"))], vec![ty("", "", "object")]),
        c(vec![s("", json!({}))], vec![req("", "", "from_site"), req("", "", "entity_type"), req("", "", "entity_id"), req("", "", "status"), req("", "", "created_at"), req("", "", "updated_at")]),
    ]
}

#[rustfmt::skip]
fn chargebee_retrieve_cases() -> Vec<Case> {
    vec![
        c(vec![s("/from_site", json!("abc"))], vec![e("/from_site", "minLength", json!({"limit": 4}), MIN4)]),
        c(vec![s("/from_site", json!("abcd"))], ok()),
        c(vec![s("/from_site", chars("a", 50))], ok()),
        c(vec![s("/from_site", chars("a", 51))], vec![e("/from_site", "maxLength", json!({"limit": 50}), MAX50)]),
        c(vec![s("/from_site", chars(GRIN, 3))], vec![e("/from_site", "minLength", json!({"limit": 4}), MIN4)]),
        c(vec![s("/from_site", chars(GRIN, 4))], ok()),
        c(vec![s("/from_site", chars(GRIN, 50))], ok()),
        c(vec![s("/from_site", chars(GRIN, 51))], vec![e("/from_site", "maxLength", json!({"limit": 50}), MAX50)]),
        c(vec![s("/from_site", json!(format!("{}{GRIN}", "a".repeat(49))))], ok()),
        c(vec![s("/from_site", json!(format!("{}{GRIN}", "a".repeat(50))))], vec![e("/from_site", "maxLength", json!({"limit": 50}), MAX50)]),
        c(vec![s("/from_site", json!("ab😀"))], vec![e("/from_site", "minLength", json!({"limit": 4}), MIN4)]),
        c(vec![s("/from_site", json!("a😀😀"))], vec![e("/from_site", "minLength", json!({"limit": 4}), MIN4)]),
        c(vec![s("/from_site", json!(true))], vec![ty("/from_site", "from_site", "string")]),
        c(vec![s("/from_site", json!(""))], vec![e("/from_site", "minLength", json!({"limit": 4}), MIN4)]),
        c(vec![s("/from_site", json!(12345))], vec![ty("/from_site", "from_site", "string")]),
        c(vec![s("/from_site", json!(["merchant-test"]))], vec![ty("/from_site", "from_site", "string")]),
        c(vec![d("/from_site")], vec![req("", "", "from_site")]),
        c(vec![d("/from_site"), s("/fromSite", json!("merchant-test"))], vec![req("", "", "from_site"), extra("", "", "fromSite")]),
        c(vec![s("/entity_type", json!("Customer"))], vec![one_of("/entity_type", "entity_type", json!(["customer"]))]),
        c(vec![s("/entity_type", json!("CUSTOMER"))], vec![one_of("/entity_type", "entity_type", json!(["customer"]))]),
        c(vec![s("/entity_type", json!("customer "))], vec![one_of("/entity_type", "entity_type", json!(["customer"]))]),
        c(vec![s("/entity_type", json!(""))], vec![one_of("/entity_type", "entity_type", json!(["customer"]))]),
        c(vec![s("/entity_type", json!("subscription"))], vec![one_of("/entity_type", "entity_type", json!(["customer"]))]),
        c(vec![s("/entity_type", json!(null))], vec![ty("/entity_type", "entity_type", "string"), one_of("/entity_type", "entity_type", json!(["customer"]))]),
        c(vec![d("/entity_type")], vec![req("", "", "entity_type")]),
        c(vec![s("/entity_id", chars("a", 100))], ok()),
        c(vec![s("/entity_id", chars("a", 101))], vec![e("/entity_id", "maxLength", json!({"limit": 100}), MAX100)]),
        c(vec![s("/entity_id", chars(GRIN, 100))], ok()),
        c(vec![s("/entity_id", chars(GRIN, 101))], vec![e("/entity_id", "maxLength", json!({"limit": 100}), MAX100)]),
        c(vec![s("/entity_id", json!(123))], vec![ty("/entity_id", "entity_id", "string")]),
        c(vec![s("/entity_id", json!("12"))], ok()),
        c(vec![s("/entity_id", json!(""))], vec![e("/entity_id", "minLength", json!({"limit": 1}), ID_MIN1)]),
        c(vec![s("/entity_id", json!(null))], vec![ty("/entity_id", "entity_id", "string")]),
        c(vec![s("/entity_id", json!(["test123"]))], vec![ty("/entity_id", "entity_id", "string")]),
        c(vec![d("/entity_id")], vec![req("", "", "entity_id")]),
        // The Go sample's field name is not the wire name.
        c(vec![d("/entity_id"), s("/EntityHandle", json!("test123"))], vec![req("", "", "entity_id"), extra("", "", "EntityHandle")]),
        c(vec![s("/status", json!("scheduled"))], vec![extra("", "", "status")]),
        c(vec![s("/limit", json!(1))], vec![extra("", "", "limit")]),
        c(vec![s("", json!({}))], vec![req("", "", "from_site"), req("", "", "entity_type"), req("", "", "entity_id")]),
        c(vec![s("", json!([]))], vec![ty("", "", "object")]),
        c(vec![s("", json!("from_site=merchant-test"))], vec![ty("", "", "object")]),
        c(vec![s("", json!({"from_site": "abc", "entity_type": "Customer", "EntityHandle": "x"}))], vec![req("", "", "entity_id"), e("/from_site", "minLength", json!({"limit": 4}), MIN4), one_of("/entity_type", "entity_type", json!(["customer"])), extra("", "", "EntityHandle")]),
    ]
}

const SPECIFIC: &str =
    "Please specify a scheduled migration date when the migration type is SpecificDate.";
const NOW: &str =
    "Please do not specify a scheduled migration date when the migration type is now.";
const DATE_OR_DATE_TIME: &str = "scheduledMigrationDate must be a date (YYYY-MM-DD) or a date-time";

fn bad_date() -> Vec<Expected> {
    vec![
        e(
            "/scheduledMigrationDate",
            "format",
            json!({"format": "date"}),
            "scheduledMigrationDate must match format \"date\"",
        ),
        e(
            "/scheduledMigrationDate",
            "format",
            json!({"format": "date-time"}),
            "scheduledMigrationDate must match format \"date-time\"",
        ),
        e(
            "/scheduledMigrationDate",
            "anyOf",
            json!({}),
            DATE_OR_DATE_TIME,
        ),
    ]
}

/// The rule is about the date: it is refused at the date, once (no `if` error beside it).
fn now_with_date() -> Vec<Expected> {
    vec![e("/scheduledMigrationDate", "not", json!({}), NOW)]
}

fn transfer(path: &str, label: &str) -> Expected {
    one_of(path, label, fb_transfer())
}

#[rustfmt::skip]
fn fusebill_cases() -> Vec<Case> {
    let mut bad_now = bad_date();
    bad_now.extend(now_with_date());
    vec![
        c(vec![s("/customerId", json!("12874295"))], vec![ty("/customerId", "customerId", "integer")]),
        c(vec![s("/customerId", json!(1.5))], vec![ty("/customerId", "customerId", "integer")]),
        c(vec![s("/customerId", json!(12874295.0))], ok()),
        c(vec![s("/customerId", json!(0))], vec![e("/customerId", "minimum", json!({"comparison": ">=", "limit": 1}), "customerId must be >= 1")]),
        c(vec![s("/customerId", json!(-5))], vec![e("/customerId", "minimum", json!({"comparison": ">=", "limit": 1}), "customerId must be >= 1")]),
        c(vec![s("/customerId", json!(null))], vec![ty("/customerId", "customerId", "integer")]),
        c(vec![d("/customerId")], vec![req("", "", "customerId")]),
        // The seed's curl and Python samples spell it `customerid`.
        c(vec![d("/customerId"), s("/customerid", json!(12874295))], vec![req("", "", "customerId"), extra("", "", "customerid")]),
        c(vec![s("/planFamilyRelationshipId", json!("407766"))], vec![ty("/planFamilyRelationshipId", "planFamilyRelationshipId", "integer")]),
        c(vec![s("/planFamilyRelationshipId", json!(407766.5))], vec![ty("/planFamilyRelationshipId", "planFamilyRelationshipId", "integer")]),
        c(vec![d("/planFamilyRelationshipId")], vec![req("", "", "planFamilyRelationshipId")]),
        c(vec![s("/migrationTimingOption", json!("specificDate"))], vec![one_of("/migrationTimingOption", "migrationTimingOption", fb_timing())]),
        c(vec![s("/migrationTimingOption", json!("now")), d("/scheduledMigrationDate")], vec![one_of("/migrationTimingOption", "migrationTimingOption", fb_timing())]),
        c(vec![s("/migrationTimingOption", json!("Immediate"))], vec![one_of("/migrationTimingOption", "migrationTimingOption", fb_timing())]),
        c(vec![s("/migrationTimingOption", json!(1))], vec![ty("/migrationTimingOption", "migrationTimingOption", "string"), one_of("/migrationTimingOption", "migrationTimingOption", fb_timing())]),
        c(vec![d("/migrationTimingOption")], vec![req("", "", "migrationTimingOption")]),
        // The timing rules.
        c(vec![d("/scheduledMigrationDate")], vec![e("", "required", json!({"missingProperty": "scheduledMigrationDate"}), SPECIFIC)]),
        c(vec![s("/migrationTimingOption", json!("Now"))], now_with_date()),
        c(vec![s("/migrationTimingOption", json!("Now")), s("/scheduledMigrationDate", json!("2020-05-10T09:00:00Z"))], now_with_date()),
        c(vec![s("/migrationTimingOption", json!("Now")), d("/scheduledMigrationDate")], ok()),
        c(vec![s("/migrationTimingOption", json!("NextBillingPeriod")), d("/scheduledMigrationDate")], ok()),
        c(vec![s("/migrationTimingOption", json!("NextBillingPeriod"))], ok()),
        c(vec![s("/migrationTimingOption", json!("Now")), s("/scheduledMigrationDate", json!("2020-13-10"))], bad_now),
        // The date: a date or a date-time.
        c(vec![s("/scheduledMigrationDate", json!("2020-05-10T09:00:00Z"))], ok()),
        c(vec![s("/scheduledMigrationDate", json!("2020-02-29"))], ok()),
        c(vec![s("/scheduledMigrationDate", json!("2020-13-10"))], bad_date()),
        c(vec![s("/scheduledMigrationDate", json!("2021-02-29"))], bad_date()),
        c(vec![s("/scheduledMigrationDate", json!("10/05/2020"))], bad_date()),
        c(vec![s("/scheduledMigrationDate", json!("2020-05-10T09:00:00"))], bad_date()),
        c(vec![s("/scheduledMigrationDate", json!(""))], bad_date()),
        c(vec![s("/scheduledMigrationDate", json!(20200510))], vec![ty("/scheduledMigrationDate", "scheduledMigrationDate", "string")]),
        c(vec![s("/scheduledMigrationDate", json!(null))], vec![ty("/scheduledMigrationDate", "scheduledMigrationDate", "string")]),
        c(vec![s("/earningOption", json!("Partial"))], vec![one_of("/earningOption", "earningOption", fb_earning())]),
        c(vec![s("/earningOption", json!("full"))], vec![one_of("/earningOption", "earningOption", fb_earning())]),
        c(vec![s("/earningOption", json!("None"))], ok()),
        c(vec![s("/nameOverrideOption", json!("transfer"))], vec![transfer("/nameOverrideOption", "nameOverrideOption")]),
        c(vec![s("/descriptionOverrideOption", json!("Yes"))], vec![transfer("/descriptionOverrideOption", "descriptionOverrideOption")]),
        c(vec![s("/referenceOption", json!("DontTransfer"))], vec![transfer("/referenceOption", "referenceOption")]),
        c(vec![s("/expiryOption", json!(true))], vec![ty("/expiryOption", "expiryOption", "string"), transfer("/expiryOption", "expiryOption")]),
        c(vec![s("/customFieldsOption", json!("None"))], vec![transfer("/customFieldsOption", "customFieldsOption")]),
        c(vec![s("/contractStartOption", json!(""))], vec![transfer("/contractStartOption", "contractStartOption")]),
        c(vec![s("/contractEndOption", json!("FamilyDefault "))], vec![transfer("/contractEndOption", "contractEndOption")]),
        c(vec![s("/contractEndOption", json!("FamilyDefault"))], ok()),
        c(vec![s("/subscriptionId", json!(42))], vec![extra("", "", "subscriptionId")]),
        c(vec![s("", json!({}))], vec![req("", "", "customerId"), req("", "", "planFamilyRelationshipId"), req("", "", "migrationTimingOption")]),
        c(vec![s("", json!({"customerId": 1, "planFamilyRelationshipId": 2, "migrationTimingOption": "NextBillingPeriod"}))], ok()),
    ]
}

/// A body that is not an object is only "not an object": the timing rules' `if` conditions
/// apply to objects only (`required`/`properties` alone would hold vacuously for a non-object,
/// and the Now rule would then report a date that is not there).
#[test]
#[rustfmt::skip]
fn fusebill_non_object_body_is_only_a_type_error() {
    run_cases(FB_MIGRATE, &fusebill_request(), &[
        c(vec![s("", json!([]))], vec![ty("", "", "object")]),
        c(vec![s("", json!("customerId=1"))], vec![ty("", "", "object")]),
        c(vec![s("", json!(null))], vec![ty("", "", "object")]),
    ]);
    assert_eq!(
        vendor(FB_MIGRATE, &json!([])),
        json!({ "ErrorId": 0, "HttpStatusCode": 400, "Errors": [{ "Key": "", "Value": "must be object" }] })
    );
}

#[rustfmt::skip]
fn billforward_cases() -> Vec<Case> {
    vec![
        c(vec![d("/productRatePlan")], vec![req("", "", "productRatePlan")]),
        c(vec![s("/productRatePlan", json!(5))], vec![ty("/productRatePlan", "productRatePlan", "string")]),
        c(vec![s("/productRatePlan", json!(""))], vec![e("/productRatePlan", "minLength", json!({"limit": 1}), "productRatePlan must NOT have fewer than 1 characters")]),
        c(vec![s("/product", json!(""))], vec![e("/product", "minLength", json!({"limit": 1}), "product must NOT have fewer than 1 characters")]),
        c(vec![s("/productRatePlan", json!(null))], vec![ty("/productRatePlan", "productRatePlan", "string")]),
        // The seed shows the Ruby client's snake_case names; the wire keys are camelCase.
        c(vec![d("/productRatePlan"), s("/product_rate_plan", json!("gold-monthly"))], vec![req("", "", "productRatePlan"), extra("", "", "product_rate_plan")]),
        c(vec![s("/product", json!(7))], vec![ty("/product", "product", "string")]),
        c(vec![s("/nextSubscriptionName", json!(5))], vec![ty("/nextSubscriptionName", "nextSubscriptionName", "string")]),
        c(vec![s("/nextSubscriptionName", json!(""))], ok()),
        c(vec![s("/nextSubscriptionDescription", json!(null))], vec![ty("/nextSubscriptionDescription", "nextSubscriptionDescription", "string")]),
        c(vec![s("/invoicingType", json!("immediate"))], vec![one_of("/invoicingType", "invoicingType", bf_invoicing())]),
        c(vec![s("/invoicingType", json!("Aggregate"))], vec![one_of("/invoicingType", "invoicingType", bf_invoicing())]),
        c(vec![s("/invoicingType", json!(null))], vec![ty("/invoicingType", "invoicingType", "string"), one_of("/invoicingType", "invoicingType", bf_invoicing())]),
        c(vec![s("/pricingBehaviour", json!("Prorated"))], vec![one_of("/pricingBehaviour", "pricingBehaviour", bf_pricing())]),
        c(vec![s("/pricingBehaviour", json!("DifferenceProrated"))], vec![one_of("/pricingBehaviour", "pricingBehaviour", bf_pricing())]),
        c(vec![s("/pricingBehaviour", json!("none"))], vec![one_of("/pricingBehaviour", "pricingBehaviour", bf_pricing())]),
        c(vec![d("/pricingBehaviour"), s("/pricingBehavior", json!("None"))], vec![extra("", "", "pricingBehavior")]),
        c(vec![s("/dryRun", json!("false"))], vec![ty("/dryRun", "dryRun", "boolean")]),
        c(vec![s("/dryRun", json!(0))], vec![ty("/dryRun", "dryRun", "boolean")]),
        c(vec![s("/dryRun", json!(null))], vec![ty("/dryRun", "dryRun", "boolean")]),
        c(vec![d("/dryRun"), s("/dry_run", json!(true))], vec![extra("", "", "dry_run")]),
        c(vec![s("/mappings", json!({}))], vec![ty("/mappings", "mappings", "array")]),
        c(vec![s("/mappings", json!("seats=10"))], vec![ty("/mappings", "mappings", "array")]),
        c(vec![s("/mappings", json!([]))], ok()),
        c(vec![s("/mappings/0", json!(5))], vec![ty("/mappings/0", "mappings[0]", "object")]),
        c(vec![d("/mappings/0/value")], vec![req("/mappings/0", "mappings[0]", "value")]),
        c(vec![d("/mappings/0/pricingComponent")], vec![req("/mappings/0", "mappings[0]", "pricingComponent")]),
        c(vec![d("/mappings/1/pricingComponent")], vec![req("/mappings/1", "mappings[1]", "pricingComponent")]),
        c(vec![s("/mappings/0/value", json!(1.5))], vec![ty("/mappings/0/value", "mappings[0].value", "integer")]),
        c(vec![s("/mappings/0/value", json!("12"))], vec![ty("/mappings/0/value", "mappings[0].value", "integer")]),
        c(vec![s("/mappings/0/value", json!(-1))], vec![e("/mappings/0/value", "minimum", json!({"comparison": ">=", "limit": 0}), "mappings[0].value must be >= 0")]),
        c(vec![s("/mappings/0/value", json!(10.0))], ok()),
        c(vec![s("/mappings/0/pricingComponent", json!(""))], vec![e("/mappings/0/pricingComponent", "minLength", json!({"limit": 1}), "mappings[0].pricingComponent must NOT have fewer than 1 characters")]),
        c(vec![s("/mappings/0/pricingComponent", json!(3))], vec![ty("/mappings/0/pricingComponent", "mappings[0].pricingComponent", "string")]),
        c(vec![s("/mappings/0/quantity", json!(10))], vec![extra("/mappings/0", "mappings[0]", "quantity")]),
        c(vec![s("/mappings/1/created", json!("yesterday"))], vec![e("/mappings/1/created", "format", json!({"format": "date-time"}), "mappings[1].created must match format \"date-time\"")]),
        c(vec![s("/mappings/1/created", json!("2023-10-03"))], vec![e("/mappings/1/created", "format", json!({"format": "date-time"}), "mappings[1].created must match format \"date-time\"")]),
        c(vec![s("/mappings/1/changedBy", json!(5))], vec![ty("/mappings/1/changedBy", "mappings[1].changedBy", "string")]),
        c(vec![s("/mappings/1/id", json!(5))], vec![ty("/mappings/1/id", "mappings[1].id", "string")]),
        c(vec![s("/mappings/1", json!({}))], vec![req("/mappings/1", "mappings[1]", "pricingComponent"), req("/mappings/1", "mappings[1]", "value")]),
        // `created` is read-only: never sent.
        c(vec![s("/created", json!("2023-10-03T17:25:45Z"))], vec![e("/created", "not", json!({}), "created is read-only and must not be sent")]),
        c(vec![s("/created", json!(null))], vec![e("/created", "not", json!({}), "created is read-only and must not be sent")]),
        c(vec![s("/subscriptionID", json!("SUB-1"))], vec![extra("", "", "subscriptionID")]),
        c(vec![s("", json!({}))], vec![req("", "", "productRatePlan")]),
        c(vec![s("", json!([]))], vec![ty("", "", "object")]),
        c(vec![s("", json!({"productRatePlan": "gold-monthly"}))], ok()),
    ]
}

const DATE_TIME: &str = "migration.version_date must match format \"date-time\"";

fn status_enum() -> Value {
    json!(["SUCCESS", "FAIL"])
}

#[rustfmt::skip]
fn pismo_outgoing_cases() -> Vec<Case> {
    let vd = |v: Value| vec![s("/migration/version_date", v)];
    let bad_vd = || vec![e("/migration/version_date", "format", json!({"format": "date-time"}), DATE_TIME)];
    vec![
        c(vec![d("/migration/id")], vec![req("/migration", "migration", "id")]),
        c(vec![d("/migration/version_date")], vec![req("/migration", "migration", "version_date")]),
        c(vec![d("/migration/account_id")], vec![req("/migration", "migration", "account_id")]),
        c(vec![d("/migration/phase_id")], ok()),
        c(vd(json!("2021-08-11")), bad_vd()),
        c(vd(json!("yesterday")), bad_vd()),
        c(vd(json!("2021-02-30T11:25:00Z")), bad_vd()),
        c(vd(json!("2021-08-11T25:00:00Z")), bad_vd()),
        c(vd(json!("2021-08-11T11:25:00")), bad_vd()),
        c(vd(json!("2021-08-11T11:25:00.000+03:00")), ok()),
        c(vd(json!(1628680000)), vec![ty("/migration/version_date", "migration.version_date", "string")]),
        c(vec![s("/migration/id", json!(42))], vec![ty("/migration/id", "migration.id", "string")]),
        c(vec![s("/migration/account_id", json!(42))], vec![ty("/migration/account_id", "migration.account_id", "string")]),
        c(vec![s("/migration/phase_id", json!(null))], vec![ty("/migration/phase_id", "migration.phase_id", "string")]),
        c(vec![s("/migration/customer_id", json!("c-1"))], vec![extra("/migration", "migration", "customer_id")]),
        c(vec![s("/migration", json!("migration-id"))], vec![ty("/migration", "migration", "object")]),
        c(vec![s("/migration", json!({}))], vec![req("/migration", "migration", "id"), req("/migration", "migration", "version_date"), req("/migration", "migration", "account_id")]),
        c(vec![d("/migration")], vec![req("", "", "migration")]),
        c(vec![d("/code")], vec![req("", "", "code")]),
        c(vec![s("/code", json!(1))], vec![ty("/code", "code", "string")]),
        c(vec![d("/message")], vec![req("", "", "message")]),
        c(vec![s("/message", json!(null))], vec![ty("/message", "message", "string")]),
        c(vec![d("/status")], vec![req("", "", "status")]),
        c(vec![s("/status", json!("success"))], vec![one_of("/status", "status", status_enum())]),
        c(vec![s("/status", json!("FAILED"))], vec![one_of("/status", "status", status_enum())]),
        c(vec![s("/status", json!("FAIL"))], ok()),
        c(vec![s("/status", json!(true))], vec![ty("/status", "status", "string"), one_of("/status", "status", status_enum())]),
        c(vec![s("/operation", json!("DELETE"))], vec![one_of("/operation", "operation", json!(["CREATION", "UPDATE"]))]),
        c(vec![s("/operation", json!("update"))], vec![one_of("/operation", "operation", json!(["CREATION", "UPDATE"]))]),
        c(vec![d("/operation")], ok()),
        c(vec![d("/entity")], ok()),
        c(vec![s("/entity/account_id", json!("9999"))], vec![ty("/entity/account_id", "entity.account_id", "integer")]),
        c(vec![s("/entity/customer_id", json!(1.5))], vec![ty("/entity/customer_id", "entity.customer_id", "integer")]),
        c(vec![s("/entity/customer_id", json!(1234.0))], ok()),
        c(vec![d("/entity/customer_id")], vec![req("/entity", "entity", "customer_id")]),
        c(vec![s("/entity/name", json!("Mario"))], vec![extra("/entity", "entity", "name")]),
        c(vec![s("/entity", json!(null))], vec![ty("/entity", "entity", "object")]),
        c(vec![s("/event", json!("customer_outgoing"))], vec![extra("", "", "event")]),
        c(vec![s("", json!({}))], vec![req("", "", "code"), req("", "", "message"), req("", "", "migration"), req("", "", "status")]),
        c(vec![s("", json!([]))], vec![ty("", "", "object")]),
    ]
}

#[rustfmt::skip]
fn pismo_incoming_cases() -> Vec<Case> {
    vec![
        c(vec![d("/entity")], vec![req("", "", "entity")]),
        c(vec![d("/migration")], vec![req("", "", "migration")]),
        c(vec![d("/migration/id")], vec![req("/migration", "migration", "id")]),
        c(vec![d("/migration/version_date")], vec![req("/migration", "migration", "version_date")]),
        c(vec![s("/migration/version_date", json!("2023-10-03"))], vec![e("/migration/version_date", "format", json!({"format": "date-time"}), DATE_TIME)]),
        c(vec![s("/migration/account_id", json!(1))], vec![ty("/migration/account_id", "migration.account_id", "string")]),
        c(vec![s("/is_active", json!("true"))], vec![ty("/is_active", "is_active", "boolean")]),
        c(vec![s("/social_name", json!(5))], vec![ty("/social_name", "social_name", "string")]),
        c(vec![s("/email", json!(null))], vec![ty("/email", "email", "string")]),
        c(vec![s("/entity/birth_date", json!(20220101))], vec![ty("/entity/birth_date", "entity.birth_date", "string")]),
        c(vec![s("/entity/birth_date", json!("2022-01-01"))], ok()),
        c(vec![s("/entity", json!("Super Mario Bros"))], vec![ty("/entity", "entity", "object")]),
        c(vec![s("/entity", json!({}))], ok()),
        c(vec![s("/foo", json!("bar"))], ok()),
        c(vec![s("", json!({}))], vec![req("", "", "entity"), req("", "", "migration")]),
    ]
}

#[rustfmt::skip]
fn billforward_amendment_cases() -> Vec<Case> {
    let states = json!(["Pending", "Succeeded", "Failed", "Discarded"]);
    vec![
        c(vec![s("/state", json!("pending"))], vec![one_of("/state", "state", states.clone())]),
        c(vec![s("/state", json!("Cancelled"))], vec![one_of("/state", "state", states)]),
        c(vec![d("/state")], vec![req("", "", "state")]),
        c(vec![s("/actioningTime", json!("tomorrow"))], vec![e("/actioningTime", "format", json!({"format": "date-time"}), "actioningTime must match format \"date-time\"")]),
        c(vec![s("/@type", json!("Amendment"))], vec![e("/@type", "const", json!({"allowedValue": "ProductRatePlanMigrationAmendment"}), "@type must be equal to constant")]),
        c(vec![s("/id", json!(5))], vec![ty("/id", "id", "string")]),
        c(vec![s("/id", json!(""))], vec![e("/id", "minLength", json!({"limit": 1}), "id must NOT have fewer than 1 characters")]),
        c(vec![s("", json!({"state": "Succeeded"}))], ok()),
    ]
}

#[rustfmt::skip]
fn chargebee_result_cases() -> Vec<Case> {
    vec![
        c(vec![s("", json!({}))], vec![req("", "", "resource_migration")]),
        // The bare resource is not the result.
        c(vec![s("", chargebee_resource())], vec![req("", "", "resource_migration")]),
        c(vec![s("/resource_migration/status", json!("Scheduled"))], vec![one_of("/resource_migration/status", "resource_migration.status", cb_status())]),
        c(vec![s("/resource_migration/from_site", json!("abc"))], vec![e("/resource_migration/from_site", "minLength", json!({"limit": 4}), "resource_migration.from_site must NOT have fewer than 4 characters")]),
        c(vec![d("/resource_migration/entity_id")], vec![req("/resource_migration", "resource_migration", "entity_id")]),
        c(vec![s("/resource_migration", json!(null))], vec![ty("/resource_migration", "resource_migration", "object")]),
    ]
}

#[test]
fn chargebee_resource_migration_invalid_cases() {
    assert!(
        run_cases(
            CB_RESOURCE,
            &chargebee_resource(),
            &chargebee_resource_cases()
        ) >= 30
    );
}

#[test]
fn chargebee_retrieve_latest_invalid_cases() {
    assert!(
        run_cases(
            CB_RETRIEVE,
            &chargebee_retrieve(),
            &chargebee_retrieve_cases()
        ) >= 30
    );
}

#[test]
fn chargebee_retrieve_latest_result_invalid_cases() {
    assert!(run_cases(CB_RESULT, &chargebee_result(), &chargebee_result_cases()) >= 5);
}

#[test]
fn fusebill_subscription_migrate_invalid_cases() {
    assert!(run_cases(FB_MIGRATE, &fusebill_request(), &fusebill_cases()) >= 30);
}

#[test]
fn billforward_migration_request_invalid_cases() {
    assert!(run_cases(BF_REQUEST, &billforward_request(), &billforward_cases()) >= 30);
}

#[test]
fn billforward_migration_amendment_invalid_cases() {
    assert!(
        run_cases(
            BF_AMENDMENT,
            &billforward_amendment(),
            &billforward_amendment_cases()
        ) >= 5
    );
}

#[test]
fn pismo_customer_outgoing_invalid_cases() {
    assert!(run_cases(PISMO_OUT, &pismo_outgoing(), &pismo_outgoing_cases()) >= 30);
}

#[test]
fn pismo_customer_incoming_invalid_cases() {
    assert!(run_cases(PISMO_IN, &pismo_incoming(), &pismo_incoming_cases()) >= 10);
}

#[test]
fn field_labels_read_like_fields() {
    for (pointer, label) in [
        ("", ""),
        ("/from_site", "from_site"),
        ("/mappings/0/value", "mappings[0].value"),
        (
            "/resource_migration/from_site",
            "resource_migration.from_site",
        ),
        ("/a~1b/10/c~0d", "a/b[10].c~d"),
        ("/0", "[0]"),
    ] {
        assert_eq!(field_label(pointer), label, "{pointer}");
    }
}

/// An unknown property is named in full, with its place: never just "must NOT have additional
/// properties".
#[test]
fn unknown_properties_are_named_in_full() {
    for (id, payload, path, property, message) in [
        (
            CB_RETRIEVE,
            apply(&chargebee_retrieve(), &[s("/limit", json!(1))]),
            "",
            "limit",
            "limit is not a known property and is not allowed",
        ),
        (
            CB_RETRIEVE,
            json!({ "from_site": "abcd", "entity_type": "customer", "entity_id": "x", "a~b/c": 1 }),
            "",
            "a~b/c",
            "a~b/c is not a known property and is not allowed",
        ),
        (
            BF_REQUEST,
            json!({ "productRatePlan": "p", "product_rate_plan": "p" }),
            "",
            "product_rate_plan",
            "product_rate_plan is not a known property and is not allowed",
        ),
        (
            BF_REQUEST,
            json!({ "productRatePlan": "p", "mappings": [{ "pricingComponent": "a", "value": 1, "extra": 1 }] }),
            "/mappings/0",
            "extra",
            "mappings[0].extra is not a known property and is not allowed",
        ),
        (
            PISMO_OUT,
            apply(
                &pismo_outgoing(),
                &[s("/migration/customer_id", json!("c"))],
            ),
            "/migration",
            "customer_id",
            "migration.customer_id is not a known property and is not allowed",
        ),
    ] {
        let r = result(id, &payload);
        assert_eq!(r.errors.len(), 1, "{payload}: {:?}", r.errors);
        let error = &r.errors[0];
        assert_eq!(
            (
                error.instance_path.as_str(),
                error.keyword.name(),
                &error.params.to_value(),
                error.message.as_str()
            ),
            (
                path,
                "additionalProperties",
                &json!({ "additionalProperty": property }),
                message
            ),
            "{payload}"
        );
        assert_eq!(to_json(&r)["errors"][0]["message"], json!(message));
    }
}

/// Errors through a `$ref` carry the referenced schema's path.
#[test]
fn schema_paths_follow_refs() {
    let r = result(
        FB_MIGRATE,
        &apply(&fusebill_request(), &[s("/nameOverrideOption", json!("x"))]),
    );
    assert_eq!(r.errors[0].schema_path, "#/definitions/transferOption/enum");
    let r = result(
        BF_REQUEST,
        &apply(&billforward_request(), &[d("/mappings/0/value")]),
    );
    assert_eq!(
        r.errors[0].schema_path,
        "#/definitions/PricingComponentMigrationValue/required"
    );
    let r = result(
        CB_RESULT,
        &apply(
            &chargebee_result(),
            &[s("/resource_migration/status", json!("x"))],
        ),
    );
    // The result names the resource contract by its `$id`: its errors are located there.
    assert_eq!(
        r.errors[0].schema_path,
        "urn:aps-migratable:contract:chargebee/resource_migration#/properties/status/enum"
    );
    let r = result(
        FB_MIGRATE,
        &apply(&fusebill_request(), &[d("/scheduledMigrationDate")]),
    );
    let paths: Vec<&str> = r.errors.iter().map(|x| x.schema_path.as_str()).collect();
    assert_eq!(paths, ["#/allOf/0/then/required"]);
}

// ---------------------------------------------------------------- defaults

#[test]
fn billforward_defaults_are_applied_to_value() {
    let r = result(BF_REQUEST, &json!({ "productRatePlan": "gold-monthly" }));
    assert!(r.errors.is_empty());
    assert_eq!(
        r.value,
        json!({
            "productRatePlan": "gold-monthly",
            "invoicingType": "Aggregated",
            "pricingBehaviour": "DifferenceProRated",
            "dryRun": false
        })
    );
    assert_eq!(to_json(&r)["value"], r.value);
    // Given values are kept, including ones equal to "no" (false, None).
    let given = json!({
        "productRatePlan": "gold-monthly",
        "invoicingType": "Immediate",
        "pricingBehaviour": "None",
        "dryRun": true
    });
    assert_eq!(result(BF_REQUEST, &given).value, given);
    let partly = json!({ "productRatePlan": "p", "dryRun": false, "pricingBehaviour": "Full" });
    assert_eq!(
        result(BF_REQUEST, &partly).value,
        json!({ "productRatePlan": "p", "dryRun": false, "pricingBehaviour": "Full", "invoicingType": "Aggregated" })
    );
    // The full sample needs no default; its mappings get none.
    assert_eq!(
        result(BF_REQUEST, &billforward_request()).value,
        billforward_request()
    );
    // An explicit null is not replaced (and is reported).
    let null = json!({ "productRatePlan": "p", "dryRun": null });
    let r = result(BF_REQUEST, &null);
    assert_eq!(r.value["dryRun"], json!(null));
    assert_eq!(actual(&r.errors), vec![ty("/dryRun", "dryRun", "boolean")]);
    // Defaults are filled in even when the payload is invalid elsewhere.
    let r = result(BF_REQUEST, &json!({ "productRatePlan": 5 }));
    assert_eq!(r.value["invoicingType"], json!("Aggregated"));
    assert_eq!(to_json(&r)["valid"], json!(false));
}

#[test]
fn other_contracts_keep_the_payload_as_is() {
    for (id, sample) in [
        (CB_RETRIEVE, chargebee_retrieve()),
        (FB_MIGRATE, fusebill_request()),
        (PISMO_OUT, pismo_outgoing()),
        (PISMO_IN, pismo_incoming()),
    ] {
        assert_eq!(result(id, &sample).value, sample, "{id}");
    }
    // Chargebee's documented default status.
    let mut resource = chargebee_resource();
    resource.as_object_mut().unwrap().shift_remove("status");
    assert_eq!(
        result(CB_RESOURCE, &resource).value["status"],
        json!("failed")
    );
}

// ---------------------------------------------------------------- NDJSON batches

const LINES: usize = 100_000;

/// A line that is not JSON: keyword `json`, the reason in plain words with its place.
fn json_error(reason: &str) -> Expected {
    e(
        "",
        "json",
        json!({ "reason": reason }),
        &format!("line is not valid JSON: {reason}"),
    )
}

/// The lines that are not a valid `retrieve_latest` payload, by 1-based line number.
fn special_lines() -> Vec<(usize, &'static str)> {
    vec![
        (
            1,
            r#"{"from_site":"abc","entity_type":"customer","entity_id":"x"}"#,
        ),
        (2, ""),
        (10, "not json"),
        (333, "   \t  "),
        (
            4096,
            r#"{"from_site":"merchant-test","entity_type":"Customer","entity_id":"x","extra":1}"#,
        ),
        (12_345, "[]"),
        (50_000, "null"),
        (
            65_536,
            r#"{"from_site":"merchant-test","entity_type":"customer""#,
        ),
        (77_777, ""),
        (99_000, ""),
        (99_999, "{}"),
        // Valid: four non-BMP characters are four characters.
        (
            100_000,
            r#"{"from_site":"😀😀😀😀","entity_type":"customer","entity_id":"last"}"#,
        ),
    ]
}

/// 100,000 lines; every third ends with CRLF; the bad ones at the positions above.
fn batch() -> Vec<u8> {
    let specials = special_lines();
    let mut out = String::with_capacity(LINES * 80);
    for line in 1..=LINES {
        match specials.iter().find(|(n, _)| *n == line) {
            Some((_, text)) => out.push_str(text),
            None => out.push_str(&format!(
                r#"{{"from_site":"merchant-test","entity_type":"customer","entity_id":"cust-{line}"}}"#
            )),
        }
        out.push_str(if line % 3 == 0 { "\r\n" } else { "\n" });
    }
    out.into_bytes()
}

fn expected_batch_errors() -> Vec<(usize, Expected)> {
    vec![
        (1, e("/from_site", "minLength", json!({"limit": 4}), MIN4)),
        (
            10,
            json_error(
                "it is not well-formed JSON or nests 128 levels or more (line 10, column 2)",
            ),
        ),
        (
            4096,
            one_of("/entity_type", "entity_type", json!(["customer"])),
        ),
        (4096, extra("", "", "extra")),
        (12_345, ty("", "", "object")),
        (50_000, ty("", "", "object")),
        (
            65_536,
            json_error("the text ends too early (line 65536, column 53)"),
        ),
        (99_999, req("", "", "from_site")),
        (99_999, req("", "", "entity_type")),
        (99_999, req("", "", "entity_id")),
    ]
}

fn batch_errors(found: &[LineError]) -> Vec<(usize, Expected)> {
    found
        .iter()
        .map(|LineError { error: x, line }| {
            (
                *line,
                (
                    x.instance_path.clone(),
                    x.keyword.name().to_owned(),
                    x.params.to_value(),
                    x.message.clone(),
                ),
            )
        })
        .collect()
}

/// Within a line, errors are compared without regard to order.
fn by_line(mut list: Vec<(usize, Expected)>) -> Vec<(usize, Expected)> {
    list.sort_by_key(|(line, x)| (*line, format!("{x:?}")));
    list
}

#[test]
fn validate_many_counts_and_locates_every_bad_line() {
    let bytes = batch();
    let r = many(CB_RETRIEVE, &bytes, 1000);
    // 4 blank lines (2, 333, 77,777 and 99,000, a bare CRLF) are not counted.
    assert_eq!(r.total, LINES - 4);
    assert_eq!(r.invalid, 7);
    assert_eq!(r.valid, LINES - 4 - 7);
    assert!(!r.truncated);
    assert_eq!(
        by_line(batch_errors(&r.errors)),
        by_line(expected_batch_errors())
    );
    // Lines come in order.
    let lines: Vec<usize> = r.errors.iter().map(|x| x.line).collect();
    assert_eq!(
        lines,
        [1, 10, 4096, 4096, 12_345, 50_000, 65_536, 99_999, 99_999, 99_999]
    );
}

#[test]
fn validate_many_caps_errors_but_keeps_counts_exact() {
    let bytes = batch();
    let all = many(CB_RETRIEVE, &bytes, 1000);
    for cap in [0, 1, 4, 9] {
        let r = many(CB_RETRIEVE, &bytes, cap);
        assert_eq!(
            (r.total, r.valid, r.invalid),
            (LINES - 4, LINES - 11, 7),
            "cap {cap}"
        );
        assert!(r.truncated, "cap {cap}");
        assert_eq!(r.errors, all.errors[..cap].to_vec(), "cap {cap}");
    }
    // Exactly as many errors as the cap: nothing is left out.
    let r = many(CB_RETRIEVE, &bytes, 10);
    assert!(!r.truncated);
    assert_eq!(r.errors, all.errors);
    assert_eq!(billing::DEFAULT_MAX_BATCH_ERRORS, 1000);
}

#[test]
fn validate_many_small_batches() {
    let good = r#"{"from_site":"merchant-test","entity_type":"customer","entity_id":"a"}"#;
    // Empty input, only blank lines, no final newline, CRLF everywhere.
    for (text, total) in [
        ("".to_owned(), 0),
        ("\n\r\n  \n\t\r\n".to_owned(), 0),
        (good.to_owned(), 1),
        (format!("{good}\r\n{good}\r\n"), 2),
        (format!("\r\n{good}\r\n\r\n{good}"), 2),
    ] {
        let r = many(CB_RETRIEVE, text.as_bytes(), 10);
        assert_eq!((r.total, r.valid, r.invalid), (total, total, 0), "{text:?}");
        assert!(r.errors.is_empty());
        assert!(!r.truncated);
    }
    // Line numbers count blank lines; bytes that are not UTF-8 are a JSON error of their line.
    let mut bytes = format!("\n{good}\r\n\n").into_bytes();
    bytes.extend_from_slice(b"\"\xff\"\n{\"from_site\":1}\n");
    let r = many(CB_RETRIEVE, &bytes, 10);
    assert_eq!((r.total, r.valid, r.invalid), (3, 1, 2));
    let lines: Vec<usize> = r.errors.iter().map(|x| x.line).collect();
    assert_eq!(lines, [4, 5, 5, 5]);
    assert_eq!(
        batch_errors(&r.errors[..1]),
        [(
            4,
            json_error("it is not well-formed JSON or nests 128 levels or more (line 4, column 2)")
        )]
    );
    let json = to_json(&r);
    assert_eq!(json["total"], json!(3));
    assert_eq!(json["valid"], json!(1));
    assert_eq!(json["invalid"], json!(2));
    assert_eq!(json["truncated"], json!(false));
    assert_eq!(json["errors"][0]["line"], json!(4));
    assert_eq!(json["errors"][0]["instancePath"], json!(""));
    assert_eq!(json["errors"][0]["keyword"], json!("json"));
    let last = &json["errors"][3];
    assert_eq!(last["line"], json!(5));
    let keys: Vec<&str> = last
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "instancePath",
            "keyword",
            "line",
            "message",
            "params",
            "schemaPath"
        ]
    );
    // Another contract: Fusebill lines get the timing rules.
    let fb = "{\"customerId\":1,\"planFamilyRelationshipId\":2,\"migrationTimingOption\":\"Now\",\"scheduledMigrationDate\":\"2020-05-10\"}\n{\"customerId\":1,\"planFamilyRelationshipId\":2,\"migrationTimingOption\":\"Now\"}\n";
    let r = many(FB_MIGRATE, fb.as_bytes(), 10);
    assert_eq!((r.total, r.valid, r.invalid), (2, 1, 1));
    assert_eq!(
        by_line(batch_errors(&r.errors)),
        by_line(now_with_date().into_iter().map(|x| (1, x)).collect())
    );
    // An unknown contract is a misuse, not a batch of errors.
    assert_eq!(
        validate_many("chargebee/nope", b"{}", BatchOptions { max_errors: 10 }),
        Err(aps_migratable::billing::BatchError::UnknownContract(
            UnknownContract {
                id: "chargebee/nope".to_owned()
            }
        ))
    );
}

// ---------------------------------------------------------------- vendor error bodies

/// The platform's error body for a result (JS null when there is none).
fn vendor_body(id: &str, result: &Value) -> Value {
    to_vendor_error(contract(id), result)
        .unwrap_or_else(|_| panic!("{id}: {result} is a result"))
        .map_or(Value::Null, |body| to_json(&body))
}

fn vendor(id: &str, payload: &Value) -> Value {
    vendor_body(id, &to_json(&result(id, payload)))
}

#[test]
fn fusebill_error_body() {
    let now_with_date = apply(
        &fusebill_request(),
        &[s("/migrationTimingOption", json!("Now"))],
    );
    // The seed's sample error, exactly.
    assert_eq!(
        vendor(FB_MIGRATE, &now_with_date),
        json!({
            "ErrorId": 0,
            "HttpStatusCode": 400,
            "Errors": [{ "Key": "options", "Value": "Please do not specify a scheduled migration date when the migration type is now." }]
        })
    );
    // Field errors are keyed by the field.
    assert_eq!(
        vendor(
            FB_MIGRATE,
            &apply(
                &fusebill_request(),
                &[
                    s("/customerId", json!("12874295")),
                    d("/planFamilyRelationshipId")
                ]
            )
        ),
        json!({
            "ErrorId": 0,
            "HttpStatusCode": 400,
            "Errors": [
                { "Key": "planFamilyRelationshipId", "Value": "must have required property 'planFamilyRelationshipId'" },
                { "Key": "customerId", "Value": "customerId must be integer" }
            ]
        })
    );
    // A bad date under Now: the anyOf summary (not its branches) and the timing rule.
    let body = vendor(
        FB_MIGRATE,
        &apply(
            &fusebill_request(),
            &[
                s("/migrationTimingOption", json!("Now")),
                s("/scheduledMigrationDate", json!("2020-13-10")),
            ],
        ),
    );
    let mut errors = body["Errors"].as_array().unwrap().clone();
    errors.sort_by_key(|x| x.to_string());
    assert_eq!(
        errors,
        vec![
            json!({ "Key": "options", "Value": NOW }),
            json!({ "Key": "scheduledMigrationDate", "Value": DATE_OR_DATE_TIME }),
        ]
    );
}

/// Every timing rule (schemaPath under `#/allOf/`) is keyed `options`, as Fusebill does,
/// including the SpecificDate rule's `required` error, which names a missing property.
#[test]
fn fusebill_specific_date_rule_is_keyed_options() {
    let specific = apply(&fusebill_request(), &[d("/scheduledMigrationDate")]);
    assert_eq!(
        vendor(FB_MIGRATE, &specific),
        json!({
            "ErrorId": 0,
            "HttpStatusCode": 400,
            "Errors": [{ "Key": "options", "Value": SPECIFIC }]
        })
    );
    // Beside a field error, only the timing rule is keyed `options`.
    let body = vendor(
        FB_MIGRATE,
        &apply(&specific, &[s("/customerId", json!("12874295"))]),
    );
    let mut errors = body["Errors"].as_array().unwrap().clone();
    errors.sort_by_key(|x| x.to_string());
    assert_eq!(
        errors,
        vec![
            json!({ "Key": "customerId", "Value": "customerId must be integer" }),
            json!({ "Key": "options", "Value": SPECIFIC }),
        ]
    );
    // A missing timing option is a field error, not a timing rule.
    assert_eq!(
        vendor(
            FB_MIGRATE,
            &apply(&specific, &[d("/migrationTimingOption")])
        ),
        json!({
            "ErrorId": 0,
            "HttpStatusCode": 400,
            "Errors": [{ "Key": "migrationTimingOption", "Value": "must have required property 'migrationTimingOption'" }]
        })
    );
}

#[test]
fn chargebee_error_body() {
    let body = |payload: Value| vendor(CB_RETRIEVE, &payload);
    let short = apply(&chargebee_retrieve(), &[s("/from_site", json!("abc"))]);
    assert_eq!(
        body(short),
        json!({
            "message": "from_site : cannot be shorter than 4 characters",
            "type": "invalid_request",
            "api_error_code": "param_wrong_value",
            "error_code": "param_wrong_value",
            "param": "from_site",
            "http_status_code": 400
        })
    );
    let cases = [
        (
            s("/from_site", chars("a", 51)),
            "from_site",
            "from_site : cannot be longer than 50 characters",
        ),
        (
            s("/entity_id", chars(GRIN, 101)),
            "entity_id",
            "entity_id : cannot be longer than 100 characters",
        ),
        (d("/entity_id"), "entity_id", "entity_id : cannot be blank"),
        (
            s("/entity_type", json!("Customer")),
            "entity_type",
            "entity_type : invalid value",
        ),
        (
            s("/EntityHandle", json!("x")),
            "EntityHandle",
            "EntityHandle : is not a valid parameter",
        ),
        (
            s("/from_site", json!(5)),
            "from_site",
            "from_site : must be string",
        ),
    ];
    for (op, param, message) in cases {
        let payload = apply(&chargebee_retrieve(), &[op]);
        assert_eq!(
            body(payload.clone()),
            json!({
                "message": message,
                "type": "invalid_request",
                "api_error_code": "param_wrong_value",
                "error_code": "param_wrong_value",
                "param": param,
                "http_status_code": 400
            }),
            "{payload}"
        );
    }
    // The first problem only (required comes before the properties' own errors).
    let b = body(json!({ "from_site": "abc", "entity_type": "customer" }));
    assert_eq!(b["message"], json!("entity_id : cannot be blank"));
    assert_eq!(b["param"], json!("entity_id"));
    // No problem, no body; the resource contract answers in the same shape.
    assert_eq!(body(chargebee_retrieve()), Value::Null);
    let b = vendor(
        CB_RESOURCE,
        &apply(&chargebee_resource(), &[s("/status", json!("Scheduled"))]),
    );
    assert_eq!(b["message"], json!("status : invalid value"));
    assert_eq!(b["param"], json!("status"));
    // A payload that is not an object: no param.
    let b = body(json!("x"));
    assert_eq!(b.get("param"), None);
    assert_eq!(b["message"], json!("must be object"));
    assert_eq!(b["http_status_code"], json!(400));
}

#[test]
fn billforward_error_body() {
    let missing_value = apply(&billforward_request(), &[d("/mappings/0/value")]);
    assert_eq!(
        vendor(BF_REQUEST, &missing_value),
        json!({
            "errorType": "ValidationError",
            "errorMessage": "mappings[0] must have required property 'value'",
            "errorParameters": ["mappings[0].value"]
        })
    );
    let body = vendor(
        BF_REQUEST,
        &json!({ "product_rate_plan": "gold", "created": "2023-10-03T17:25:45Z" }),
    );
    assert_eq!(body["errorType"], json!("ValidationError"));
    let mut parameters: Vec<String> = body["errorParameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    parameters.sort();
    assert_eq!(
        parameters,
        ["created", "productRatePlan", "product_rate_plan"]
    );
    let mut messages: Vec<&str> = body["errorMessage"].as_str().unwrap().split("; ").collect();
    messages.sort_unstable();
    assert_eq!(
        messages,
        [
            "created is read-only and must not be sent",
            "must have required property 'productRatePlan'",
            "product_rate_plan is not a known property and is not allowed"
        ]
    );
}

#[test]
fn pismo_error_body_is_in_ajvs_shape() {
    let missing_id = apply(&pismo_outgoing(), &[d("/migration/id")]);
    assert_eq!(
        vendor(PISMO_OUT, &missing_id),
        json!([{
            "instancePath": "/migration",
            "schemaPath": "#/properties/migration/required",
            "keyword": "required",
            "params": { "missingProperty": "id" },
            "message": "must have required property 'id'"
        }])
    );
    // Our own result names the field; the vendor body takes the name off again.
    assert_eq!(
        result(PISMO_OUT, &missing_id).errors[0].message,
        "migration must have required property 'id'"
    );
    // Every error, uncondensed, each with exactly ajv's five keys.
    let body = vendor(
        PISMO_IN,
        &json!({ "migration": { "id": 1, "account_id": "a", "version_date": "x" } }),
    );
    let items = body.as_array().unwrap();
    assert_eq!(items.len(), 3);
    let mut words: Vec<(&str, &str)> = items
        .iter()
        .map(|x| {
            (
                x["instancePath"].as_str().unwrap(),
                x["message"].as_str().unwrap(),
            )
        })
        .collect();
    words.sort_unstable();
    assert_eq!(
        words,
        [
            ("", "must have required property 'entity'"),
            ("/migration/id", "must be string"),
            ("/migration/version_date", "must match format \"date-time\""),
        ]
    );
    for item in items {
        let mut keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["instancePath", "keyword", "message", "params", "schemaPath"]
        );
    }
    // No error, no body.
    assert_eq!(vendor(PISMO_OUT, &pismo_outgoing()), Value::Null);
}

#[test]
fn vendor_error_for_an_unknown_contract() {
    for id in [
        "stripe/migrate",
        "",
        "fusebill",
        "Fusebill/subscription_migrate",
        "pismo/customer_outgoing/2",
    ] {
        let err = ContractId::parse(id).unwrap_err();
        assert_eq!(err, UnknownContract { id: id.to_owned() });
        assert_eq!(UnknownContract::CODE, "UNKNOWN_CONTRACT");
        assert_eq!(
            err.message(),
            format!(
                "no contract \"{id}\"; known contracts: {}",
                contract_ids().join(", ")
            )
        );
    }
    assert!(ContractId::parse("stripe/migrate").is_err());
    // A long id is shortened in the error.
    let long = "x".repeat(200);
    let err = ContractId::parse(&long).unwrap_err();
    assert_eq!(err.id, format!("{}…", "x".repeat(80)));
}

#[test]
fn vendor_error_reads_a_host_kept_result() {
    // A `{valid, errors}` result that a host kept (e.g. from JavaScript), not made here.
    let kept = json!({
        "valid": false,
        "errors": [{
            "instancePath": "",
            "schemaPath": "#/allOf/1/then/not",
            "keyword": "not",
            "params": {},
            "message": NOW
        }]
    });
    assert_eq!(
        vendor_body(FB_MIGRATE, &kept),
        json!({ "ErrorId": 0, "HttpStatusCode": 400, "Errors": [{ "Key": "options", "Value": NOW }] })
    );
}

/// A result without errors has no error body, whatever the platform.
#[test]
fn no_errors_no_vendor_body_on_every_platform() {
    for (id, sample) in [
        (CB_RESOURCE, chargebee_resource()),
        (CB_RESULT, chargebee_result()),
        (CB_RETRIEVE, chargebee_retrieve()),
        (FB_MIGRATE, fusebill_request()),
        (BF_REQUEST, billforward_request()),
        (BF_AMENDMENT, billforward_amendment()),
        (PISMO_OUT, pismo_outgoing()),
        (PISMO_IN, pismo_incoming()),
    ] {
        assert_eq!(vendor(id, &sample), Value::Null, "{id}");
        // A host-kept valid result, and one that left out its empty `errors`.
        for kept in [
            json!({ "valid": true, "errors": [] }),
            json!({ "valid": true }),
        ] {
            assert_eq!(vendor_body(id, &kept), Value::Null, "{id} {kept}");
        }
        // What is not a result is not read as one with no errors.
        for not_a_result in [
            json!({}),
            json!("garbage"),
            json!(5),
            json!(null),
            json!({ "valid": false }),
            json!({ "valid": false, "errors": "x" }),
        ] {
            assert_eq!(
                to_vendor_error(contract(id), &not_a_result),
                Err(NotAResult),
                "{id} {not_a_result}"
            );
        }
        // An invalid payload does get a body.
        assert_ne!(vendor(id, &json!([])), Value::Null, "{id}");
    }
    assert_eq!(contract_ids().len(), 8);
}

/// Chargebee names a nested parameter `outer[inner]`.
#[test]
fn chargebee_nested_params_use_brackets() {
    let body = |ops: &[Op]| vendor(CB_RESULT, &apply(&chargebee_result(), ops));
    assert_eq!(
        body(&[s("/resource_migration/entity_type", json!("Customer"))]),
        json!({
            "message": "resource_migration[entity_type] : invalid value",
            "type": "invalid_request",
            "api_error_code": "param_wrong_value",
            "error_code": "param_wrong_value",
            "param": "resource_migration[entity_type]",
            "http_status_code": 400
        })
    );
    let cases = [
        (
            vec![d("/resource_migration/entity_id")],
            "resource_migration[entity_id]",
            "resource_migration[entity_id] : cannot be blank",
        ),
        (
            vec![s("/resource_migration/from_site", json!("abc"))],
            "resource_migration[from_site]",
            "resource_migration[from_site] : cannot be shorter than 4 characters",
        ),
        (
            vec![s("/resource_migration/entity_id", chars(GRIN, 101))],
            "resource_migration[entity_id]",
            "resource_migration[entity_id] : cannot be longer than 100 characters",
        ),
        (
            vec![s("/resource_migration/status", json!("Scheduled"))],
            "resource_migration[status]",
            "resource_migration[status] : invalid value",
        ),
        // The outer parameter itself keeps its plain name.
        (
            vec![s("/resource_migration", json!(5))],
            "resource_migration",
            "resource_migration : must be object",
        ),
        (
            vec![d("/resource_migration")],
            "resource_migration",
            "resource_migration : cannot be blank",
        ),
    ];
    for (ops, param, message) in cases {
        let b = body(&ops);
        assert_eq!(b["param"], json!(param), "{ops:?}");
        assert_eq!(b["message"], json!(message), "{ops:?}");
        assert_eq!(b["http_status_code"], json!(400), "{ops:?}");
    }
}

// ---------------------------------------------------------------- ids and schemas

#[test]
fn contract_ids_list_every_contract() {
    assert_eq!(
        contract_ids(),
        [
            "chargebee/resource_migration",
            "chargebee/retrieve_latest",
            "chargebee/retrieve_latest_result",
            "fusebill/subscription_migrate",
            "billforward/migration_request",
            "billforward/migration_amendment",
            "pismo/customer_outgoing/1",
            "pismo/customer_incoming/1"
        ]
    );
    assert_eq!(
        Platform::NAMES,
        ["chargebee", "fusebill", "billforward", "pismo"]
    );
    for id in contract_ids() {
        let schema = contract_schema(contract(id));
        assert!(schema.is_object(), "{id}");
        assert!(billing::validator(contract(id)).is_ok(), "{id} compiles");
        let platform = id.split('/').next().unwrap();
        assert!(Platform::NAMES.contains(&platform), "{id}");
    }
}

#[test]
fn pismo_outgoing_schema_is_the_seeds() {
    let seed: Value = serde_json::from_str(PISMO_OUTGOING_SCHEMA).unwrap();
    assert_eq!(contract_schema(contract(PISMO_OUT)), seed);
    assert_eq!(
        serde_json::from_str::<Value>(include_str!(
            "../src/billing/pismo/customer_outgoing_1.json"
        ))
        .unwrap(),
        seed
    );
}

#[test]
fn contract_schemas_say_what_the_reference_says() {
    let cb = contract_schema(contract(CB_RESOURCE));
    assert_eq!(cb["properties"]["status"]["default"], json!("failed"));
    assert_eq!(cb["properties"]["status"]["enum"], cb_status());
    let result = contract_schema(contract(CB_RESULT));
    assert_eq!(
        result["properties"]["resource_migration"]["$ref"], cb["$id"],
        "the result references the resource contract"
    );
    let incoming = contract_schema(contract(PISMO_IN));
    assert_eq!(
        incoming["$schema"],
        json!("https://json-schema.org/draft/2019-09/schema")
    );
    let bf = contract_schema(contract(BF_REQUEST));
    assert_eq!(bf["required"], json!(["productRatePlan"]));
    assert_eq!(bf["additionalProperties"], json!(false));
}

// ---------------------------------------------------------------- pre-check billing rules

const SUB: &str = "5b0e1a2c-1111-4000-8000-000000000001";
const SRC: &str = "a0000000-2222-4000-8000-00000000000a";
const TGT: &str = "b0000000-3333-4000-8000-00000000000b";
const CHECKED_AT: &str = "2024-05-01T10:00:00Z";

fn ctx(billing: Value) -> Value {
    json!({
        "now": CHECKED_AT,
        "subscription": { "id": SUB, "ownerAccountId": SRC, "name": "Office 365", "state": "active" },
        "sourceAccount": { "id": SRC, "kind": "customer", "vendorId": 1, "brandId": "b", "status": "active" },
        "targetAccount": { "id": TGT, "kind": "customer", "vendorId": 1, "brandId": "b", "status": "active" },
        "billing": billing
    })
}

fn set() -> Value {
    json!({ "targetAccount": TGT })
}

fn explain(policy: Value, context: &Value) -> Report {
    PreChecker::new(&policy)
        .unwrap()
        .explain(&set(), context)
        .unwrap_or_else(|e| panic!("explain failed: {e:?}"))
}

fn context_error(context: &Value) -> PrecheckError {
    match PreChecker::new(&Value::Null)
        .unwrap()
        .explain(&set(), context)
    {
        Ok(report) => panic!("context accepted: {report:?}"),
        Err(e) => e,
    }
}

/// The id of a rule (built-in or custom), as reports name it.
fn rule_name(rule: &RuleRef) -> String {
    match rule {
        RuleRef::BuiltIn(rule) => rule.name().to_owned(),
        RuleRef::Custom(id) => id.clone(),
    }
}

/// The ids of rules in a report list.
/// The rules skipped for a reason other than missing data (which none of these tests has).
fn skipped_names(skipped: &[aps_migratable::precheck::report::Skipped]) -> Vec<String> {
    assert!(skipped.iter().all(|s| s.data.is_none()), "{skipped:?}");
    skipped.iter().map(|s| rule_name(&s.rule)).collect()
}

fn names(rules: &[RuleRef]) -> Vec<String> {
    rules.iter().map(rule_name).collect()
}

/// One failure as JSON, as the JS API reports it.
fn failure(rule: &str, code: &str, message: &str, params: Value) -> Value {
    assert!(params.is_object(), "not an object: {params}");
    json!({ "rule": rule, "code": code, "message": message, "params": params })
}

const IN_FLIGHT: &str = "billing-no-migration-in-flight";
const REQUEST_VALID: &str = "billing-request-valid";

fn in_flight_message(platform: &str, reference: &str) -> String {
    format!("A migration for this subscription is already in progress in {platform} ({reference}); wait until it has finished or cancel it there.")
}

fn assert_allowed(billing: Value) {
    let report = explain(Value::Null, &ctx(billing.clone()));
    assert_eq!(report.failed, Vec::new(), "{billing}");
    assert!(
        names(&report.passed).contains(&IN_FLIGHT.to_owned()),
        "{billing}"
    );
    assert!(
        names(&report.passed).contains(&REQUEST_VALID.to_owned()),
        "{billing}"
    );
    assert!(report.skipped.is_empty(), "{billing}");
    let result = PreChecker::new(&Value::Null)
        .unwrap()
        .check(&set(), &ctx(billing))
        .unwrap();
    assert_eq!(to_json(&result), json!({ "canMigrate": true }));
}

fn assert_refused(
    policy: Value,
    billing: Value,
    rule: &str,
    code: &str,
    found: Value,
    message: &str,
) {
    let report = explain(policy.clone(), &ctx(billing.clone()));
    assert_eq!(
        to_json(&report.failed),
        json!([failure(rule, code, message, found)]),
        "{billing}"
    );
    assert_eq!(report.message.as_deref(), Some(message));
    let result = PreChecker::new(&policy)
        .unwrap()
        .check(&set(), &ctx(billing))
        .unwrap();
    assert_eq!(
        to_json(&result),
        json!({ "canMigrate": false, "message": message })
    );
}

fn in_flight(platform: &str, billing: Value, reference: Value, shown: &str) {
    assert_refused(
        Value::Null,
        billing,
        IN_FLIGHT,
        "BILLING_MIGRATION_IN_FLIGHT",
        json!({ "platform": platform, "reference": reference }),
        &in_flight_message(platform, shown),
    );
}

fn with(base: Value, ops: &[Op]) -> Value {
    apply(&base, ops)
}

#[test]
fn chargebee_in_flight() {
    let scheduled = with(chargebee_resource(), &[s("/status", json!("scheduled"))]);
    in_flight(
        "Chargebee",
        json!({ "platform": "chargebee", "latest": scheduled }),
        json!("test123"),
        "test123",
    );
    for status in ["failed", "succeeded"] {
        let latest = with(chargebee_resource(), &[s("/status", json!(status))]);
        assert_allowed(json!({ "platform": "chargebee", "latest": latest }));
    }
    assert_allowed(json!({ "platform": "chargebee" }));
    assert_allowed(json!({ "platform": "chargebee", "latest": null, "request": null }));
    // A long handle is shown cut at 64 characters (non-BMP characters count as one).
    let long = with(
        chargebee_resource(),
        &[
            s("/status", json!("scheduled")),
            s("/entity_id", chars(GRIN, 100)),
        ],
    );
    in_flight(
        "Chargebee",
        json!({ "platform": "chargebee", "latest": long }),
        chars(GRIN, 100),
        &format!("{}…", GRIN.repeat(64)),
    );
}

#[test]
fn chargebee_in_flight_in_german() {
    let scheduled = with(chargebee_resource(), &[s("/status", json!("scheduled"))]);
    assert_refused(
        json!({ "locale": "de" }),
        json!({ "platform": "chargebee", "latest": scheduled }),
        IN_FLIGHT,
        "BILLING_MIGRATION_IN_FLIGHT",
        json!({ "platform": "Chargebee", "reference": "test123" }),
        "In Chargebee läuft bereits eine Migration für dieses Abonnement (test123); warten Sie, bis sie abgeschlossen ist, oder brechen Sie sie dort ab.",
    );
}

/// The seed's sample, scheduled for another date.
fn fusebill_scheduled(date: &str) -> Value {
    with(
        fusebill_request(),
        &[s("/scheduledMigrationDate", json!(date))],
    )
}

#[test]
fn fusebill_in_flight() {
    // The seed's sample, scheduled for a specific date after the check (2024-05-01).
    in_flight(
        "Fusebill",
        json!({ "platform": "fusebill", "latest": fusebill_scheduled("2024-06-01") }),
        json!("2024-06-01"),
        "2024-06-01",
    );
    let next = with(
        fusebill_request(),
        &[
            s("/migrationTimingOption", json!("NextBillingPeriod")),
            d("/scheduledMigrationDate"),
        ],
    );
    in_flight(
        "Fusebill",
        json!({ "platform": "fusebill", "latest": next }),
        json!("NextBillingPeriod"),
        "NextBillingPeriod",
    );
    // "Now" ran at once: nothing is in flight.
    let now = with(
        fusebill_request(),
        &[
            s("/migrationTimingOption", json!("Now")),
            d("/scheduledMigrationDate"),
        ],
    );
    assert_allowed(json!({ "platform": "fusebill", "latest": now.clone(), "request": now }));
    assert_allowed(
        json!({ "platform": "fusebill", "latest": null, "request": fusebill_request() }),
    );
}

/// The report for a Fusebill `latest` record, checked at `now`.
fn fusebill_at(now: &str, latest: Value) -> Report {
    let mut context = ctx(json!({ "platform": "fusebill", "latest": latest }));
    context["now"] = json!(now);
    explain(Value::Null, &context)
}

/// A scheduled migration whose date (its YYYY-MM-DD part) is before the day of the check has
/// already run; one for the same day or later is still in flight.
#[test]
fn fusebill_schedule_before_today_has_already_run() {
    // The seed's own sample (2020-05-10), checked in 2024: it has run.
    assert_allowed(json!({ "platform": "fusebill", "latest": fusebill_request() }));
    let still = |date: &str| {
        json!([failure(
            IN_FLIGHT,
            "BILLING_MIGRATION_IN_FLIGHT",
            &in_flight_message("Fusebill", date),
            json!({ "platform": "Fusebill", "reference": date }),
        )])
    };
    // Checked at 2024-05-01T10:00:00Z.
    for date in [
        "2024-04-30",
        "2024-04-30T23:59:59Z",
        "2023-12-31",
        "2020-05-10T09:00:00Z",
    ] {
        assert_allowed(json!({ "platform": "fusebill", "latest": fusebill_scheduled(date) }));
    }
    for date in [
        "2024-05-01",
        "2024-05-01T00:00:00Z",
        "2024-05-01T23:59:59Z",
        "2024-05-02",
        "2025-01-01T00:00:00Z",
    ] {
        let report = fusebill_at(CHECKED_AT, fusebill_scheduled(date));
        assert_eq!(to_json(&report.failed), still(date), "{date}");
    }
    // The same record on either side of its day.
    for (now, running) in [
        ("2020-05-09T23:59:59Z", true),
        ("2020-05-10T00:00:00Z", true),
        ("2020-05-10T23:59:59Z", true),
        ("2020-05-11T00:00:00Z", false),
        ("2026-01-01T00:00:00Z", false),
    ] {
        let report = fusebill_at(now, fusebill_request());
        if running {
            assert_eq!(to_json(&report.failed), still("2020-05-10"), "{now}");
        } else {
            assert_eq!(report.failed, Vec::new(), "{now}");
            assert!(
                names(&report.passed).contains(&IN_FLIGHT.to_owned()),
                "{now}"
            );
        }
    }
    // The date decides for the next-billing-period timing too; without a date it is in flight.
    let next = |ops: &[Op]| {
        let mut ops = ops.to_vec();
        ops.push(s("/migrationTimingOption", json!("NextBillingPeriod")));
        with(fusebill_request(), &ops)
    };
    assert_allowed(json!({ "platform": "fusebill", "latest": next(&[]) }));
    let report = fusebill_at(
        CHECKED_AT,
        next(&[s("/scheduledMigrationDate", json!("2024-05-01"))]),
    );
    assert_eq!(to_json(&report.failed), still("2024-05-01"));
    for now in [CHECKED_AT, "2099-12-31T23:59:59Z"] {
        let report = fusebill_at(now, next(&[d("/scheduledMigrationDate")]));
        assert_eq!(to_json(&report.failed), still("NextBillingPeriod"), "{now}");
    }
}

#[test]
fn billforward_in_flight() {
    in_flight(
        "BillForward",
        json!({ "platform": "billforward", "latest": billforward_amendment() }),
        json!("AMD-1"),
        "AMD-1",
    );
    // Without an id, the actioning time identifies it; with neither, "?" is shown.
    let no_id = with(billforward_amendment(), &[d("/id")]);
    in_flight(
        "BillForward",
        json!({ "platform": "billforward", "latest": no_id }),
        json!("2024-06-01T00:00:00Z"),
        "2024-06-01T00:00:00Z",
    );
    in_flight(
        "BillForward",
        json!({ "platform": "billforward", "latest": { "state": "Pending" } }),
        Value::Null,
        "?",
    );
    for state in ["Succeeded", "Failed", "Discarded"] {
        let latest = with(billforward_amendment(), &[s("/state", json!(state))]);
        assert_allowed(
            json!({ "platform": "billforward", "latest": latest, "request": billforward_request() }),
        );
    }
}

#[test]
fn pismo_in_flight() {
    in_flight(
        "Pismo",
        json!({ "platform": "pismo", "latest": pismo_incoming(), "latestEvent": "customer_incoming" }),
        json!("31a2d"),
        "31a2d",
    );
    assert_allowed(
        json!({ "platform": "pismo", "latest": pismo_outgoing(), "latestEvent": "customer_outgoing", "request": pismo_incoming() }),
    );
    let failed = with(pismo_outgoing(), &[s("/status", json!("FAIL"))]);
    assert_allowed(
        json!({ "platform": "pismo", "latest": failed, "latestEvent": "customer_outgoing" }),
    );
    assert_allowed(json!({ "platform": "pismo", "request": pismo_incoming() }));
}

#[test]
fn invalid_fusebill_request_is_refused() {
    let request = with(
        fusebill_request(),
        &[s("/migrationTimingOption", json!("Now"))],
    );
    assert_refused(
        Value::Null,
        json!({ "platform": "fusebill", "request": request }),
        REQUEST_VALID,
        "BILLING_REQUEST_INVALID",
        json!({ "platform": "Fusebill", "problems": [NOW], "count": 1 }),
        "The migration request for Fusebill would be rejected: Please do not specify a scheduled migration date when the migration type is now.",
    );
    let request = with(fusebill_request(), &[d("/scheduledMigrationDate")]);
    assert_refused(
        json!({ "locale": "de" }),
        json!({ "platform": "fusebill", "request": request }),
        REQUEST_VALID,
        "BILLING_REQUEST_INVALID",
        json!({ "platform": "Fusebill", "problems": [SPECIFIC], "count": 1 }),
        "Die Migrationsanfrage an Fusebill würde abgelehnt: Please specify a scheduled migration date when the migration type is SpecificDate.",
    );
}

#[test]
fn invalid_requests_name_their_problems() {
    // Four problems: three are named, then how many more.
    let request = json!({ "customerid": 1 });
    assert_refused(
        Value::Null,
        json!({ "platform": "fusebill", "request": request }),
        REQUEST_VALID,
        "BILLING_REQUEST_INVALID",
        json!({
            "platform": "Fusebill",
            "problems": [
                "must have required property 'customerId'",
                "must have required property 'planFamilyRelationshipId'",
                "must have required property 'migrationTimingOption'",
                "customerid is not a known property and is not allowed"
            ],
            "count": 4
        }),
        "The migration request for Fusebill would be rejected: must have required property 'customerId'; must have required property 'planFamilyRelationshipId'; must have required property 'migrationTimingOption'; and 1 more.",
    );
    // BillForward and Pismo requests, field errors named by their field.
    let bf = with(billforward_request(), &[d("/mappings/0/value")]);
    assert_refused(
        Value::Null,
        json!({ "platform": "billforward", "request": bf }),
        REQUEST_VALID,
        "BILLING_REQUEST_INVALID",
        json!({ "platform": "BillForward", "problems": ["mappings[0] must have required property 'value'"], "count": 1 }),
        "The migration request for BillForward would be rejected: mappings[0] must have required property 'value'.",
    );
    let pismo = with(
        pismo_incoming(),
        &[s("/migration/version_date", json!("2023-10-03"))],
    );
    assert_refused(
        Value::Null,
        json!({ "platform": "pismo", "request": pismo }),
        REQUEST_VALID,
        "BILLING_REQUEST_INVALID",
        json!({ "platform": "Pismo", "problems": [DATE_TIME], "count": 1 }),
        "The migration request for Pismo would be rejected: migration.version_date must match format \"date-time\".",
    );
    // A bad date: the anyOf summary stands for its branches.
    let bad = with(
        fusebill_request(),
        &[s("/scheduledMigrationDate", json!("2020-13-10"))],
    );
    assert_refused(
        Value::Null,
        json!({ "platform": "fusebill", "request": bad }),
        REQUEST_VALID,
        "BILLING_REQUEST_INVALID",
        json!({ "platform": "Fusebill", "problems": [DATE_OR_DATE_TIME], "count": 1 }),
        "The migration request for Fusebill would be rejected: scheduledMigrationDate must be a date (YYYY-MM-DD) or a date-time.",
    );
}

/// A problem at the top of the request says which field it is about: "must NOT have
/// additional properties" alone would not tell the user that `product_rate_plan` is the culprit.
#[test]
fn top_level_request_problems_name_the_field() {
    let report = explain(
        Value::Null,
        &ctx(
            json!({ "platform": "billforward", "request": { "productRatePlan": "gold", "product_rate_plan": "gold" } }),
        ),
    );
    let message = report.message.unwrap();
    assert!(message.contains("product_rate_plan"), "{message}");
    assert_refused(
        Value::Null,
        json!({ "platform": "billforward", "request": { "productRatePlan": "gold", "product_rate_plan": "gold" } }),
        REQUEST_VALID,
        "BILLING_REQUEST_INVALID",
        json!({
            "platform": "BillForward",
            "problems": ["product_rate_plan is not a known property and is not allowed"],
            "count": 1
        }),
        "The migration request for BillForward would be rejected: product_rate_plan is not a known property and is not allowed.",
    );
    // Nested in an array item, in German: the item and the property are both named.
    let nested = with(
        billforward_request(),
        &[s("/mappings/1/quantity", json!(3))],
    );
    assert_refused(
        json!({ "locale": "de" }),
        json!({ "platform": "billforward", "request": nested }),
        REQUEST_VALID,
        "BILLING_REQUEST_INVALID",
        json!({
            "platform": "BillForward",
            "problems": ["mappings[1].quantity is not a known property and is not allowed"],
            "count": 1
        }),
        "Die Migrationsanfrage an BillForward würde abgelehnt: mappings[1].quantity is not a known property and is not allowed.",
    );
    // A Fusebill request with the seed's misspelt `customerid`.
    let misspelt = with(
        fusebill_request(),
        &[d("/customerId"), s("/customerid", json!(12874295))],
    );
    assert_refused(
        Value::Null,
        json!({ "platform": "fusebill", "request": misspelt }),
        REQUEST_VALID,
        "BILLING_REQUEST_INVALID",
        json!({
            "platform": "Fusebill",
            "problems": [
                "must have required property 'customerId'",
                "customerid is not a known property and is not allowed"
            ],
            "count": 2
        }),
        "The migration request for Fusebill would be rejected: must have required property 'customerId'; customerid is not a known property and is not allowed.",
    );
}

#[test]
fn in_flight_and_invalid_request_together() {
    let latest = billforward_amendment();
    let request = json!({ "productRatePlan": "gold", "dryRun": "yes" });
    let report = explain(
        Value::Null,
        &ctx(json!({ "platform": "billforward", "latest": latest, "request": request })),
    );
    let rules: Vec<String> = report.failed.iter().map(|f| rule_name(&f.rule)).collect();
    assert_eq!(rules, [IN_FLIGHT, REQUEST_VALID]);
    assert_eq!(
        report.message.as_deref(),
        Some(
            "The subscription cannot be moved (2 reasons): \
             1) A migration for this subscription is already in progress in BillForward (AMD-1); wait until it has finished or cancel it there. \
             2) The migration request for BillForward would be rejected: dryRun must be boolean."
        )
    );
}

#[test]
fn billing_rules_can_be_disabled_and_reworded() {
    let scheduled = with(chargebee_resource(), &[s("/status", json!("scheduled"))]);
    let billing = json!({ "platform": "chargebee", "latest": scheduled });
    let report = explain(
        json!({ "rules": { IN_FLIGHT: { "enabled": false } } }),
        &ctx(billing.clone()),
    );
    assert!(report.failed.is_empty());
    assert_eq!(names(&report.disabled), [IN_FLIGHT]);
    assert_refused(
        json!({ "rules": { IN_FLIGHT: { "messages": { "en": "{platform} is still copying {reference}." } } } }),
        billing,
        IN_FLIGHT,
        "BILLING_MIGRATION_IN_FLIGHT",
        json!({ "platform": "Chargebee", "reference": "test123" }),
        "Chargebee is still copying test123.",
    );
    let e = PreChecker::new(
        &json!({ "rules": { REQUEST_VALID: { "messages": { "en": "{reference}" } } } }),
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "INVALID_POLICY");
    assert_eq!(
        e.errors[0].instance_path,
        "/rules/billing-request-valid/messages/en"
    );
}

fn error_list(e: &PrecheckError) -> Vec<Expected> {
    actual(&e.errors)
}

#[test]
fn malformed_latest_is_a_context_error() {
    let bad = with(chargebee_resource(), &[s("/from_site", json!("abc"))]);
    let e = context_error(&ctx(json!({ "platform": "chargebee", "latest": bad })));
    assert_eq!(e.code.as_str(), "INVALID_CONTEXT");
    assert_eq!(
        e.errors
            .iter()
            .map(ValidationError::to_value)
            .collect::<Vec<_>>(),
        vec![json!({
            "instancePath": "/billing/latest/from_site",
            "schemaPath": "#/properties/from_site/minLength",
            "keyword": "minLength",
            "params": { "limit": 4 },
            "message": "must NOT have fewer than 4 characters",
        })]
    );
    assert_eq!(e.message, "invalid context (billing.latest): /billing/latest/from_site must NOT have fewer than 4 characters");
    // Each platform's record against its own contract.
    let now_with_date = with(
        fusebill_request(),
        &[s("/migrationTimingOption", json!("Now"))],
    );
    let e = context_error(&ctx(
        json!({ "platform": "fusebill", "latest": now_with_date }),
    ));
    assert_eq!(
        error_list(&e),
        sorted(vec![e_at(
            "/billing/latest/scheduledMigrationDate",
            "not",
            json!({}),
            NOW
        )])
    );
    let e = context_error(&ctx(
        json!({ "platform": "billforward", "latest": { "state": "pending" } }),
    ));
    assert_eq!(
        error_list(&e),
        vec![e_at(
            "/billing/latest/state",
            "enum",
            json!({"allowedValues": ["Pending", "Succeeded", "Failed", "Discarded"]}),
            "must be equal to one of the allowed values"
        )]
    );
    let no_id = with(pismo_outgoing(), &[d("/migration/id")]);
    let e = context_error(&ctx(
        json!({ "platform": "pismo", "latest": no_id, "latestEvent": "customer_outgoing" }),
    ));
    assert_eq!(
        error_list(&e),
        vec![e_at(
            "/billing/latest/migration",
            "required",
            json!({"missingProperty": "id"}),
            "must have required property 'id'"
        )]
    );
    let e = context_error(&ctx(
        json!({ "platform": "pismo", "latest": { "migration": { "id": "m" } }, "latestEvent": "customer_incoming" }),
    ));
    assert_eq!(
        error_list(&e),
        sorted(vec![
            e_at(
                "/billing/latest",
                "required",
                json!({"missingProperty": "entity"}),
                "must have required property 'entity'"
            ),
            e_at(
                "/billing/latest/migration",
                "required",
                json!({"missingProperty": "account_id"}),
                "must have required property 'account_id'"
            ),
            e_at(
                "/billing/latest/migration",
                "required",
                json!({"missingProperty": "version_date"}),
                "must have required property 'version_date'"
            ),
        ])
    );
    // An incoming event said to be the outgoing one is checked as the outgoing one.
    let e = context_error(&ctx(
        json!({ "platform": "pismo", "latest": pismo_incoming(), "latestEvent": "customer_outgoing" }),
    ));
    assert_eq!(e.code.as_str(), "INVALID_CONTEXT");
    assert!(
        e.errors
            .iter()
            .all(|x| x.instance_path.starts_with("/billing/latest")),
        "{:?}",
        e.errors
    );
    assert!(e
        .errors
        .iter()
        .any(|x| x.params.to_value() == json!({ "missingProperty": "status" })));
}

fn e_at(path: &str, keyword: &str, params: Value, message: &str) -> Expected {
    e(path, keyword, params, message)
}

#[test]
fn billing_part_is_checked_by_the_context_schema() {
    // Chargebee has no migration request.
    let e = context_error(&ctx(json!({ "platform": "chargebee", "request": {} })));
    assert_eq!(e.code.as_str(), "INVALID_CONTEXT");
    assert_eq!(
        error_list(&e),
        sorted(vec![
            e_at(
                "/billing/request",
                "type",
                json!({"type": "null"}),
                "must be null"
            ),
            e_at(
                "/billing",
                "if",
                json!({"failingKeyword": "then"}),
                "must match \"then\" schema"
            ),
        ])
    );
    // A Pismo record must say which event it is.
    let e = context_error(&ctx(
        json!({ "platform": "pismo", "latest": pismo_outgoing() }),
    ));
    assert_eq!(
        error_list(&e),
        sorted(vec![
            e_at(
                "/billing",
                "required",
                json!({"missingProperty": "latestEvent"}),
                "must have required property 'latestEvent'"
            ),
            e_at(
                "/billing",
                "if",
                json!({"failingKeyword": "then"}),
                "must match \"then\" schema"
            ),
        ])
    );
    assert!(
        e.message.starts_with("invalid context: /billing "),
        "{}",
        e.message
    );
    // Unknown platform, unknown member, missing platform, wrong types.
    let cases = [
        (json!({ "platform": "stripe" }), "/billing/platform", "enum"),
        (
            json!({ "platform": "Chargebee" }),
            "/billing/platform",
            "enum",
        ),
        (
            json!({ "platform": "fusebill", "scheduled": {} }),
            "/billing",
            "additionalProperties",
        ),
        (json!({ "latest": null }), "/billing", "required"),
        (
            json!({ "platform": "fusebill", "latest": [] }),
            "/billing/latest",
            "type",
        ),
        (
            json!({ "platform": "fusebill", "request": "{}" }),
            "/billing/request",
            "type",
        ),
        (
            json!({ "platform": "pismo", "latest": null, "latestEvent": "customer_started" }),
            "/billing/latestEvent",
            "enum",
        ),
        (json!("chargebee"), "/billing", "type"),
    ];
    for (billing, path, keyword) in cases {
        let e = context_error(&ctx(billing.clone()));
        assert_eq!(e.code.as_str(), "INVALID_CONTEXT", "{billing}");
        assert_eq!(e.errors.len(), 1, "{billing}: {:?}", e.errors);
        assert_eq!(
            (
                e.errors[0].instance_path.as_str(),
                e.errors[0].keyword.name()
            ),
            (path, keyword),
            "{billing}"
        );
    }
}

#[test]
fn a_context_without_billing_skips_the_billing_rules() {
    let mut context = ctx(Value::Null);
    context.as_object_mut().unwrap().shift_remove("billing");
    let report = explain(Value::Null, &context);
    assert!(report.failed.is_empty());
    assert_eq!(skipped_names(&report.skipped), [IN_FLIGHT, REQUEST_VALID]);
    assert!(!names(&report.passed).contains(&IN_FLIGHT.to_owned()));
    // `billing: null` is not a billing part either: the schema says it is an object.
    let e = context_error(&ctx(Value::Null));
    assert_eq!(
        error_list(&e),
        vec![e_at(
            "/billing",
            "type",
            json!({"type": "object"}),
            "must be object"
        )]
    );
}

/// Pismo answers with ajv's own words, also for unknown properties.
#[test]
fn pismo_vendor_body_uses_ajv_words_for_unknown_properties() {
    let event = json!({
        "code": "MIGR-0001", "message": "ok", "status": "SUCCESS",
        "migration": {"id": "m", "account_id": "a", "version_date": "2021-08-11T11:25:00.000Z", "customer_id": "c"}
    });
    let result = aps_migratable::billing::validate_contract(
        ContractId::parse("pismo/customer_outgoing/1").unwrap(),
        &event,
    );
    assert_eq!(
        result.errors[0].message,
        "migration.customer_id is not a known property and is not allowed"
    );
    let body = vendor_body("pismo/customer_outgoing/1", &to_json(&result));
    assert_eq!(
        body,
        json!([{
            "instancePath": "/migration", "schemaPath": "#/properties/migration/additionalProperties",
            "keyword": "additionalProperties", "params": {"additionalProperty": "customer_id"},
            "message": "must NOT have additional properties"
        }])
    );
}

/// Chargebee puts the bracketed name in front once; the message does not repeat the dotted one.
#[test]
fn chargebee_nested_type_error_names_the_param_once() {
    let result = aps_migratable::billing::validate_contract(
        ContractId::parse("chargebee/retrieve_latest_result").unwrap(),
        &json!({"resource_migration": {"from_site": "yourapp", "entity_type": "customer", "entity_id": "t",
                 "status": "failed", "created_at": "x", "updated_at": 1}}),
    );
    let body = vendor_body("chargebee/retrieve_latest_result", &to_json(&result));
    assert_eq!(
        body["message"],
        json!("resource_migration[created_at] : must be integer")
    );
    assert_eq!(body["param"], json!("resource_migration[created_at]"));
}
