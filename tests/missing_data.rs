//! What real platforms do not give: an account's kind, vendor, brand or status and the
//! subscription's state may be absent. A rule whose data is absent is not judged (it is listed in
//! `skipped` with the data), unless the policy says to refuse then.

use aps_migratable::precheck::{PreChecker, PrecheckError, Report};
use serde_json::{json, Value};

const SUB: &str = "5b0e1a2c-1111-4000-8000-000000000001";
const SRC: &str = "a0000000-2222-4000-8000-00000000000a";
const TGT: &str = "b0000000-3333-4000-8000-00000000000b";

/// A context with only what every platform gives: ids and the time.
fn bare() -> Value {
    json!({
        "now": "2024-05-01T10:00:00Z",
        "subscription": { "id": SUB, "ownerAccountId": SRC, "name": "Office 365" },
        "sourceAccount": { "id": SRC },
        "targetAccount": { "id": TGT }
    })
}

fn set() -> Value {
    json!({ "targetAccount": TGT })
}

fn explain(policy: Value, context: &Value) -> Value {
    let checker = PreChecker::new(&policy).unwrap_or_else(|e| panic!("policy refused: {e:?}"));
    let report: Report = checker
        .explain(&set(), context)
        .unwrap_or_else(|e| panic!("{e:?}"));
    serde_json::to_value(report).unwrap()
}

fn check(policy: Value, context: &Value) -> Value {
    let checker = PreChecker::new(&policy).unwrap();
    serde_json::to_value(checker.check(&set(), context).unwrap()).unwrap()
}

#[test]
fn a_context_with_ids_only_is_allowed_and_every_rule_that_needs_more_is_skipped_with_its_data() {
    let report = explain(json!({}), &bare());
    assert_eq!(report["canMigrate"], json!(true));
    assert_eq!(
        report["skipped"],
        json!([
            { "rule": "target-account-active", "data": "status" },
            { "rule": "not-reseller-subscription", "data": "kind" },
            { "rule": "same-vendor", "data": "vendorId" },
            { "rule": "same-brand", "data": "brandId" },
            { "rule": "subscription-not-terminated", "data": "state" },
            { "rule": "subscription-not-in-transition", "data": "state" },
            { "rule": "billing-no-migration-in-flight" },
            { "rule": "billing-request-valid" }
        ])
    );
    assert_eq!(
        report["passed"],
        json!([
            "migration-set-valid",
            "target-id-valid",
            "target-not-owner",
            "target-account-exists",
            "orders-final",
            "no-dependent-subscriptions"
        ])
    );
    assert_eq!(check(json!({}), &bare()), json!({ "canMigrate": true }));
}

#[test]
fn a_rule_is_skipped_only_for_the_data_it_lacks_and_the_others_still_judge() {
    let mut context = bare();
    context["sourceAccount"] =
        json!({ "id": SRC, "kind": "customer", "vendorId": 1, "status": "active" });
    context["targetAccount"] =
        json!({ "id": TGT, "kind": "customer", "vendorId": 2, "status": "credit_hold" });
    let report = explain(json!({}), &context);
    assert_eq!(report["canMigrate"], json!(false));
    let failed: Vec<&str> = report["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(failed, ["target-account-active", "same-vendor"]);
    assert!(report["skipped"]
        .as_array()
        .unwrap()
        .contains(&json!({ "rule": "same-brand", "data": "brandId" })));
    // One side missing is missing too.
    context["targetAccount"]["brandId"] = json!("b1");
    let report = explain(json!({}), &context);
    assert!(report["skipped"]
        .as_array()
        .unwrap()
        .contains(&json!({ "rule": "same-brand", "data": "brandId" })));
}

#[test]
fn the_terminated_flag_decides_without_a_state_and_wins_over_it() {
    let mut context = bare();
    context["subscription"]["terminated"] = json!(true);
    let report = explain(json!({}), &context);
    assert_eq!(
        report["failed"][0]["code"],
        json!("SUBSCRIPTION_TERMINATED")
    );
    // Not terminated, state unknown: not-terminated passes, not-in-transition is skipped.
    context["subscription"]["terminated"] = json!(false);
    let report = explain(json!({}), &context);
    assert!(report["passed"]
        .as_array()
        .unwrap()
        .contains(&json!("subscription-not-terminated")));
    assert!(report["skipped"]
        .as_array()
        .unwrap()
        .contains(&json!({ "rule": "subscription-not-in-transition", "data": "state" })));
    context["subscription"]["state"] = json!("terminated");
    let report = explain(json!({}), &context);
    assert!(
        report["passed"]
            .as_array()
            .unwrap()
            .contains(&json!("subscription-not-terminated")),
        "the flag wins"
    );
}

#[test]
fn a_policy_can_refuse_when_data_is_missing_with_the_catalogues_or_its_own_message() {
    let policy = json!({ "rules": { "same-brand": { "onMissingData": "refuse" }, "target-account-active": { "onMissingData": "refuse", "missingDataMessages": { "en": "We cannot see the status of {targetAccount} ({data}).", "de": "Status von {targetAccount} unbekannt." } } } });
    let report = explain(policy.clone(), &bare());
    assert_eq!(
        report["failed"],
        json!([
            { "rule": "target-account-active", "code": "DATA_MISSING", "message": format!("We cannot see the status of {TGT} (the status of the target account)."), "params": { "data": "status" } },
            { "rule": "same-brand", "code": "DATA_MISSING", "message": "The move cannot be checked: the brand of each account is not known.", "params": { "data": "brandId" } }
        ])
    );
    assert_eq!(
        report["message"],
        json!(format!("The subscription cannot be moved (2 reasons): 1) We cannot see the status of {TGT} (the status of the target account). 2) The move cannot be checked: the brand of each account is not known."))
    );
    // The other rules still skip.
    assert!(report["skipped"]
        .as_array()
        .unwrap()
        .contains(&json!({ "rule": "same-vendor", "data": "vendorId" })));
    let mut german = policy;
    german["locale"] = json!("de");
    let report = explain(german, &bare());
    assert_eq!(
        report["failed"][0]["message"],
        json!(format!("Status von {TGT} unbekannt."))
    );
    assert_eq!(
        report["failed"][1]["message"],
        json!("Der Umzug kann nicht geprüft werden: die Marke jedes Kontos ist nicht bekannt.")
    );
}

#[test]
fn refusing_on_missing_data_changes_nothing_when_the_data_is_there() {
    let mut context = bare();
    context["sourceAccount"]["brandId"] = json!("b1");
    context["targetAccount"]["brandId"] = json!("b1");
    let report = explain(
        json!({ "rules": { "same-brand": { "onMissingData": "refuse" } } }),
        &context,
    );
    assert!(report["passed"]
        .as_array()
        .unwrap()
        .contains(&json!("same-brand")));
}

#[test]
fn a_missing_data_message_may_use_data_and_the_common_parameters_only() {
    let err: PrecheckError = PreChecker::new(&json!({ "rules": { "same-brand": { "onMissingData": "refuse", "missingDataMessages": { "en": "{sourceBrand} is unknown" } } } })).unwrap_err();
    assert_eq!(err.code.as_str(), "INVALID_POLICY");
    assert_eq!(
        err.errors[0].instance_path,
        "/rules/same-brand/missingDataMessages/en"
    );
    assert_eq!(
        err.errors[0].message,
        "unknown placeholder {sourceBrand}; this message may use data, targetAccount, subscription"
    );
    let err = PreChecker::new(&json!({ "rules": { "same-brand": { "onMissingData": "never" } } }))
        .unwrap_err();
    assert_eq!(
        err.errors[0].instance_path,
        "/rules/same-brand/onMissingData"
    );
}

#[test]
fn absent_is_allowed_and_null_is_not() {
    let mut context = bare();
    context["targetAccount"]["status"] = Value::Null;
    let checker = PreChecker::new(&json!({})).unwrap();
    let err = checker.check(&set(), &context).unwrap_err();
    assert_eq!(err.code.as_str(), "INVALID_CONTEXT");
    assert!(
        err.errors
            .iter()
            .any(|e| e.instance_path == "/targetAccount/status"),
        "{:?}",
        err.errors
    );
    context["targetAccount"]["status"] = json!("active");
    context["subscription"]["state"] = Value::Null;
    let err = checker.check(&set(), &context).unwrap_err();
    assert_eq!(err.errors[0].instance_path, "/subscription/state");
}

#[test]
fn dependents_from_check_move_subscriptions_may_carry_integer_ids_and_resource_types() {
    let mut context = bare();
    context["dependentSubscriptions"] = json!([{ "id": 1000017, "reason": "shared_resources", "resourceTypes": [12, 47, "mailbox"] }]);
    let report = explain(json!({}), &context);
    assert_eq!(
        report["failed"][0]["code"],
        json!("DEPENDENT_SUBSCRIPTIONS")
    );
    assert_eq!(report["failed"][0]["message"], json!("Other subscriptions depend on this one and would have to move with it: 1000017 (shared resources)."));
    assert_eq!(
        report["failed"][0]["params"]["subscriptions"],
        json!([{ "id": 1000017, "reason": "shared_resources", "resourceTypes": [12, 47, "mailbox"] }])
    );
}
