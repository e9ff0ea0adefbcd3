//! `migrationPreCheck`: every built-in rule (allowing and refusing, English and German), skipped
//! and disabled rules, composed messages, policies (overrides, custom rules, final order states),
//! context errors and the display of parameters.

use aps_migratable::aps::{migratable_type, structure_validator};
use aps_migratable::precheck::context::SubscriptionState;
use aps_migratable::precheck::messages::{catalog_for, placeholders, Catalog, Labels};
use aps_migratable::precheck::rules::{BuiltInRule, COMMON_PARAMS};
use aps_migratable::precheck::{
    context_schema, explain_pre_check, migration_pre_check, policy_schema, Failure, PreChecker,
    PrecheckError, Report, RuleRef,
};
use aps_migratable::schema::Validator;
use serde::Serialize;
use serde_json::{json, Value};

const SUB: &str = "5b0e1a2c-1111-4000-8000-000000000001";
const SRC: &str = "a0000000-2222-4000-8000-00000000000a";
const TGT: &str = "b0000000-3333-4000-8000-00000000000b";
const NOW: &str = "2024-05-01T10:00:00Z";

/// A context in which the move to `TGT` is allowed by every built-in rule.
fn ctx() -> Value {
    json!({
        "now": NOW,
        "subscription": { "id": SUB, "ownerAccountId": SRC, "name": "Office 365", "state": "active" },
        "sourceAccount": {
            "id": SRC, "name": "Acme Ltd", "kind": "customer",
            "vendorId": 1, "brandId": "brand-1", "status": "active"
        },
        "targetAccount": {
            "id": TGT, "name": "Beta GmbH", "kind": "customer",
            "vendorId": 1, "brandId": "brand-1", "status": "active"
        },
        "orders": [{ "id": 100, "state": "completed" }, { "id": "ORD-2", "state": "cancelled" }],
        "dependentSubscriptions": []
    })
}

/// The base context with each JSON Pointer set to its value (the last token may be new).
fn ctx_with(changes: &[(&str, Value)]) -> Value {
    let mut c = ctx();
    for (pointer, value) in changes {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let holder = if parent.is_empty() {
            &mut c
        } else {
            c.pointer_mut(parent)
                .unwrap_or_else(|| panic!("no {parent} in the base context"))
        };
        holder
            .as_object_mut()
            .unwrap_or_else(|| panic!("{parent} is not an object"))
            .insert(key.to_owned(), value.clone());
    }
    c
}

fn ctx_without(pointer_parent: &str, key: &str) -> Value {
    let mut c = ctx();
    let parent = if pointer_parent.is_empty() {
        &mut c
    } else {
        c.pointer_mut(pointer_parent).unwrap()
    };
    parent.as_object_mut().unwrap().shift_remove(key);
    c
}

fn set() -> Value {
    json!({ "targetAccount": TGT })
}

fn checker(policy: Value) -> PreChecker {
    PreChecker::new(&policy).unwrap_or_else(|e| panic!("policy refused: {e:?}"))
}

fn explain(policy: Value, migration_set: &Value, context: &Value) -> Report {
    checker(policy)
        .explain(migration_set, context)
        .unwrap_or_else(|e| panic!("explain failed: {e:?}"))
}

fn policy_error(policy: Value) -> PrecheckError {
    match PreChecker::new(&policy) {
        Ok(_) => panic!("policy accepted but should not: {policy}"),
        Err(e) => e,
    }
}

/// A result type as JSON, as the JS API shows it.
fn to_json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap()
}

fn ids(rules: &[&str]) -> Vec<String> {
    rules.iter().map(|s| (*s).to_owned()).collect()
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

/// The id of the rule that refused.
fn rule_of(failure: &Failure) -> String {
    rule_name(&failure.rule)
}

/// The refusal code of a failure, as text.
fn code_of(failure: &Failure) -> String {
    to_json(&failure.code).as_str().unwrap().to_owned()
}

/// The params of a failure as JSON.
fn params_of(failure: &Failure) -> Value {
    to_json(&failure.params)
}

fn all_ids() -> Vec<&'static str> {
    BuiltInRule::ALL.iter().map(|r| r.name()).collect()
}

/// The rules that judge the context's `billing` part: skipped when it has none.
const BILLING_RULES: [&str; 2] = ["billing-no-migration-in-flight", "billing-request-valid"];

/// Every built-in rule but the billing ones, in order.
fn non_billing_ids() -> Vec<&'static str> {
    all_ids()
        .into_iter()
        .filter(|id| !BILLING_RULES.contains(id))
        .collect()
}

/// Asserts that the move is allowed, through both `explain` and `check`.
fn assert_allowed(policy: Value, migration_set: &Value, context: &Value) -> Report {
    let report = explain(policy.clone(), migration_set, context);
    assert!(report.failed.is_empty(), "refused: {:?}", report.failed);
    assert!(report.can_migrate);
    assert_eq!(report.message, None);
    assert_eq!(
        to_json(&checker(policy).check(migration_set, context).unwrap()),
        json!({ "canMigrate": true })
    );
    report
}

/// Asserts that exactly one rule refused, with this code, params and message; also through `check`.
fn assert_refused_by(
    policy: Value,
    migration_set: &Value,
    context: &Value,
    rule: &str,
    code: &str,
    params: Value,
    message: &str,
) -> Report {
    let report = explain(policy.clone(), migration_set, context);
    assert!(params.is_object(), "not an object: {params}");
    assert_eq!(
        to_json(&report.failed),
        json!([{ "rule": rule, "code": code, "message": message, "params": params }])
    );
    assert!(!report.can_migrate);
    assert_eq!(report.message.as_deref(), Some(message));
    assert_eq!(
        to_json(&checker(policy).check(migration_set, context).unwrap()),
        json!({ "canMigrate": false, "message": message })
    );
    report
}

fn en() -> Value {
    Value::Null
}

fn de() -> Value {
    json!({ "locale": "de" })
}

// ---------------------------------------------------------------- the base case

#[test]
fn base_context_is_allowed_by_every_rule() {
    let report = assert_allowed(en(), &set(), &ctx());
    assert_eq!(names(&report.passed), ids(&non_billing_ids()));
    // No `billing` part in the context: the billing rules cannot be judged.
    assert_eq!(skipped_names(&report.skipped), ids(&BILLING_RULES));
    assert!(report.disabled.is_empty());
    assert_eq!(report.locale, "en");
    assert_eq!(report.checked_at, NOW);
    assert_eq!(
        to_json(&report),
        json!({
            "canMigrate": true,
            "locale": "en",
            "checkedAt": NOW,
            "failed": [],
            "passed": non_billing_ids(),
            "skipped": BILLING_RULES.iter().map(|rule| json!({ "rule": rule })).collect::<Vec<_>>(),
            "disabled": []
        })
    );
    // The one-shot functions agree.
    assert_eq!(
        to_json(&migration_pre_check(&set(), &ctx(), &Value::Null).unwrap()),
        json!({ "canMigrate": true })
    );
    assert_eq!(
        explain_pre_check(&set(), &ctx(), &json!({})).unwrap(),
        report
    );
}

#[test]
fn minimal_context_is_allowed() {
    let mut c = ctx();
    let m = c.as_object_mut().unwrap();
    m.shift_remove("orders");
    m.shift_remove("dependentSubscriptions");
    assert_allowed(en(), &set(), &c);
    // Extra members of the migration set are allowed, and ids compare without case.
    let upper = json!({ "targetAccount": TGT.to_uppercase(), "comment": "x" });
    assert_allowed(en(), &upper, &c);
}

#[test]
fn results_are_valid_migration_pre_check_results() {
    let v = structure_validator(&migratable_type(), "MigrationPreCheckResult").unwrap();
    let allowed = to_json(&checker(en()).check(&set(), &ctx()).unwrap());
    assert!(v.is_valid(&allowed), "{allowed}");
    let refused = to_json(
        &checker(en())
            .check(
                &json!(null),
                &ctx_with(&[("/subscription/state", json!("terminated"))]),
            )
            .unwrap(),
    );
    assert!(v.is_valid(&refused), "{refused}");
    assert_eq!(refused["canMigrate"], json!(false));
    assert!(refused["message"].is_string());
}

/// For each built-in rule, a variant of the base case that the rule must still allow.
#[test]
fn every_rule_allows_its_variant() {
    let cases: Vec<(&str, Value, Value)> = vec![
        (
            "migration-set-valid",
            json!({ "targetAccount": TGT, "extra": [1, 2] }),
            ctx(),
        ),
        (
            "target-id-valid",
            json!({ "targetAccount": TGT.to_uppercase() }),
            ctx(),
        ),
        (
            "target-not-owner",
            set(),
            ctx_with(&[(
                "/subscription/ownerAccountId",
                json!("d0000000-5555-4000-8000-00000000000d"),
            )]),
        ),
        (
            "target-account-exists",
            set(),
            ctx_with(&[("/targetAccount/id", json!(TGT.to_uppercase()))]),
        ),
        (
            "target-account-active",
            set(),
            ctx_with(&[("/sourceAccount/status", json!("credit_hold"))]),
        ),
        (
            "not-reseller-subscription",
            set(),
            ctx_with(&[("/targetAccount/kind", json!("reseller"))]),
        ),
        (
            "same-vendor",
            set(),
            ctx_with(&[
                ("/sourceAccount/vendorId", json!("v-1")),
                ("/targetAccount/vendorId", json!("v-1")),
            ]),
        ),
        (
            "same-brand",
            set(),
            ctx_with(&[
                ("/sourceAccount/brandId", json!(42)),
                ("/targetAccount/brandId", json!("42")),
            ]),
        ),
        (
            "subscription-not-terminated",
            set(),
            ctx_with(&[("/subscription/state", json!("expired"))]),
        ),
        (
            "subscription-not-in-transition",
            set(),
            ctx_with(&[("/subscription/state", json!("stopped"))]),
        ),
        (
            "billing-no-migration-in-flight",
            set(),
            ctx_with(&[(
                "/billing",
                json!({ "platform": "chargebee", "latest": {
                    "from_site": "yourapp", "entity_type": "customer", "entity_id": "test123",
                    "status": "succeeded", "created_at": 1528093653, "updated_at": 1528093653
                } }),
            )]),
        ),
        (
            "orders-final",
            set(),
            ctx_with(&[(
                "/orders",
                json!([{ "id": 1, "state": "REJECTED" }, { "id": 2, "state": "failed" }]),
            )]),
        ),
        (
            "no-dependent-subscriptions",
            set(),
            ctx_with(&[("/dependentSubscriptions", json!([]))]),
        ),
        (
            "billing-request-valid",
            set(),
            ctx_with(&[(
                "/billing",
                json!({ "platform": "fusebill", "latest": null, "request": {
                    "customerId": 1, "planFamilyRelationshipId": 2, "migrationTimingOption": "Now"
                } }),
            )]),
        ),
    ];
    assert_eq!(
        cases.iter().map(|c| c.0).collect::<Vec<_>>(),
        all_ids(),
        "one case per rule"
    );
    for (rule, migration_set, context) in &cases {
        let report = assert_allowed(en(), migration_set, context);
        assert!(
            names(&report.passed).contains(&(*rule).to_owned()),
            "{rule}"
        );
        let report = assert_allowed(de(), migration_set, context);
        assert!(
            names(&report.passed).contains(&(*rule).to_owned()),
            "{rule}"
        );
    }
}

// ---------------------------------------------------------------- migration-set-valid

#[test]
fn rule_migration_set_valid() {
    let message = "The migration request is malformed: it must be a JSON object whose \"targetAccount\" is the APS id of the target account.";
    let report = assert_refused_by(
        en(),
        &json!({}),
        &ctx(),
        "migration-set-valid",
        "MIGRATION_SET_INVALID",
        json!({ "errors": [{
            "instancePath": "",
            "schemaPath": "#/definitions/MigrationSet/required",
            "keyword": "required",
            "params": { "missingProperty": "targetAccount" },
            "message": "must have required property 'targetAccount'"
        }]}),
        message,
    );
    assert_eq!(
        skipped_names(&report.skipped),
        ids(&[
            "target-id-valid",
            "target-not-owner",
            "target-account-exists",
            "target-account-active",
            "same-vendor",
            "same-brand",
            "billing-no-migration-in-flight",
            "billing-request-valid"
        ])
    );
    assert_eq!(
        names(&report.passed),
        ids(&[
            "not-reseller-subscription",
            "subscription-not-terminated",
            "subscription-not-in-transition",
            "orders-final",
            "no-dependent-subscriptions"
        ])
    );
    assert_refused_by(
        en(),
        &json!({ "targetAccount": 5 }),
        &ctx(),
        "migration-set-valid",
        "MIGRATION_SET_INVALID",
        json!({ "errors": [{
            "instancePath": "/targetAccount",
            "schemaPath": "#/definitions/MigrationSet/properties/targetAccount/type",
            "keyword": "type",
            "params": { "type": "string" },
            "message": "must be string"
        }]}),
        message,
    );
    assert_refused_by(
        de(),
        &json!(null),
        &ctx(),
        "migration-set-valid",
        "MIGRATION_SET_INVALID",
        json!({ "errors": [{
            "instancePath": "",
            "schemaPath": "#/definitions/MigrationSet/type",
            "keyword": "type",
            "params": { "type": "object" },
            "message": "must be object"
        }]}),
        "Die Migrationsanfrage ist fehlerhaft: Sie muss ein JSON-Objekt sein, dessen \"targetAccount\" die APS-ID des Zielkontos ist.",
    );
}

#[test]
fn malformed_migration_sets_are_refusals_not_errors() {
    let pc = checker(en());
    for bad in [
        json!(null),
        json!(42),
        json!([]),
        json!({}),
        json!({ "targetAccount": 5 }),
        json!({ "targetAccount": null }),
        json!({ "targetAccount": [TGT] }),
        json!("targetAccount"),
        json!(true),
        json!([{ "targetAccount": TGT }]),
    ] {
        let report = pc
            .explain(&bad, &ctx())
            .unwrap_or_else(|e| panic!("{bad}: {e:?}"));
        assert_eq!(report.failed.len(), 1, "{bad}: {:?}", report.failed);
        assert_eq!(rule_of(&report.failed[0]), "migration-set-valid");
        assert_eq!(code_of(&report.failed[0]), "MIGRATION_SET_INVALID");
        assert!(!params_of(&report.failed[0])["errors"]
            .as_array()
            .unwrap()
            .is_empty());
        let result = to_json(&pc.check(&bad, &ctx()).unwrap());
        assert_eq!(result["canMigrate"], json!(false), "{bad}");
    }
}

// ---------------------------------------------------------------- target-id-valid

#[test]
fn rule_target_id_valid() {
    let report = assert_refused_by(
        en(),
        &json!({ "targetAccount": "not-an-id" }),
        &ctx(),
        "target-id-valid",
        "TARGET_ID_INVALID",
        json!({}),
        "\"not-an-id\" is not a valid APS account id.",
    );
    assert_eq!(
        skipped_names(&report.skipped),
        ids(&[
            "target-not-owner",
            "target-account-exists",
            "target-account-active",
            "same-vendor",
            "same-brand",
            "billing-no-migration-in-flight",
            "billing-request-valid"
        ])
    );
    assert_refused_by(
        en(),
        &json!({ "targetAccount": "" }),
        &ctx(),
        "target-id-valid",
        "TARGET_ID_INVALID",
        json!({}),
        "\"\" is not a valid APS account id.",
    );
    assert_refused_by(
        de(),
        &json!({ "targetAccount": "42" }),
        &ctx(),
        "target-id-valid",
        "TARGET_ID_INVALID",
        json!({}),
        "„42“ ist keine gültige APS-Konto-ID.",
    );
    // The inserted value is not itself read as a template.
    assert_refused_by(
        en(),
        &json!({ "targetAccount": "{subscription}" }),
        &ctx(),
        "target-id-valid",
        "TARGET_ID_INVALID",
        json!({}),
        "\"{subscription}\" is not a valid APS account id.",
    );
}

// ---------------------------------------------------------------- target-not-owner

#[test]
fn rule_target_not_owner() {
    // The host found the requested account: it is the current owner.
    let owner = ctx_with(&[("/targetAccount", ctx()["sourceAccount"].clone())]);
    let upper = SRC.to_uppercase();
    assert_refused_by(
        en(),
        &json!({ "targetAccount": upper }),
        &owner,
        "target-not-owner",
        "TARGET_IS_OWNER",
        json!({}),
        &format!("The subscription already belongs to account {upper}."),
    );
    assert_refused_by(
        de(),
        &json!({ "targetAccount": SRC }),
        &owner,
        "target-not-owner",
        "TARGET_IS_OWNER",
        json!({}),
        &format!("Das Abonnement gehört bereits zum Konto {SRC}."),
    );
}

// ---------------------------------------------------------------- target-account-exists

#[test]
fn rule_target_account_exists() {
    let message = format!("Account {TGT} was not found.");
    let absent = ctx_without("", "targetAccount");
    let other = ctx_with(&[(
        "/targetAccount/id",
        json!("c0000000-4444-4000-8000-00000000000c"),
    )]);
    for context in [ctx_with(&[("/targetAccount", json!(null))]), absent, other] {
        let report = assert_refused_by(
            en(),
            &set(),
            &context,
            "target-account-exists",
            "TARGET_ACCOUNT_NOT_FOUND",
            json!({}),
            &message,
        );
        assert_eq!(
            skipped_names(&report.skipped),
            ids(&[
                "target-account-active",
                "same-vendor",
                "same-brand",
                "billing-no-migration-in-flight",
                "billing-request-valid"
            ])
        );
        assert_eq!(
            names(&report.passed),
            ids(&[
                "migration-set-valid",
                "target-id-valid",
                "target-not-owner",
                "not-reseller-subscription",
                "subscription-not-terminated",
                "subscription-not-in-transition",
                "orders-final",
                "no-dependent-subscriptions"
            ])
        );
    }
    assert_refused_by(
        de(),
        &set(),
        &ctx_with(&[("/targetAccount", json!(null))]),
        "target-account-exists",
        "TARGET_ACCOUNT_NOT_FOUND",
        json!({}),
        &format!("Das Konto {TGT} wurde nicht gefunden."),
    );
}

// ---------------------------------------------------------------- target-account-active

#[test]
fn rule_target_account_active() {
    for (status, label) in [
        ("suspended", "suspended"),
        ("credit_hold", "on credit hold"),
        ("admin_hold", "on administrative hold"),
        ("cancelled", "cancelled"),
        ("deleted", "deleted"),
    ] {
        assert_refused_by(
            en(),
            &set(),
            &ctx_with(&[("/targetAccount/status", json!(status))]),
            "target-account-active",
            "TARGET_ACCOUNT_INACTIVE",
            json!({ "status": status }),
            &format!(
                "Account {TGT} is {label}; subscriptions can only be moved to an active account."
            ),
        );
    }
    assert_refused_by(
        de(),
        &set(),
        &ctx_with(&[("/targetAccount/status", json!("credit_hold"))]),
        "target-account-active",
        "TARGET_ACCOUNT_INACTIVE",
        json!({ "status": "credit_hold" }),
        &format!("Das Konto {TGT} ist wegen offener Zahlungen gesperrt; Abonnements können nur auf ein aktives Konto verschoben werden."),
    );
    // The source account's status does not matter.
    assert_allowed(
        en(),
        &set(),
        &ctx_with(&[("/sourceAccount/status", json!("suspended"))]),
    );
}

// ---------------------------------------------------------------- not-reseller-subscription

#[test]
fn rule_not_reseller_subscription() {
    assert_refused_by(
        en(),
        &set(),
        &ctx_with(&[("/sourceAccount/kind", json!("reseller"))]),
        "not-reseller-subscription",
        "RESELLER_SUBSCRIPTION",
        json!({ "sourceAccount": "Acme Ltd" }),
        "Subscriptions of reseller accounts cannot be moved (Acme Ltd is a reseller account).",
    );
    // Without a name, the id stands for the account.
    let mut c = ctx_with(&[("/sourceAccount/kind", json!("reseller"))]);
    c["sourceAccount"]
        .as_object_mut()
        .unwrap()
        .shift_remove("name");
    assert_refused_by(
        de(),
        &set(),
        &c,
        "not-reseller-subscription",
        "RESELLER_SUBSCRIPTION",
        json!({ "sourceAccount": SRC }),
        &format!("Abonnements von Reseller-Konten können nicht verschoben werden ({SRC} ist ein Reseller-Konto)."),
    );
    // A reseller target is no reason to refuse.
    assert_allowed(
        en(),
        &set(),
        &ctx_with(&[("/targetAccount/kind", json!("reseller"))]),
    );
}

#[test]
fn rule_not_reseller_subscription_empty_name_falls_back_to_id() {
    let report = explain(
        en(),
        &set(),
        &ctx_with(&[
            ("/sourceAccount/kind", json!("reseller")),
            ("/sourceAccount/name", json!("")),
        ]),
    );
    assert_eq!(
        report.message.as_deref(),
        Some(
            format!(
                "Subscriptions of reseller accounts cannot be moved ({SRC} is a reseller account)."
            )
            .as_str()
        )
    );
}

// ---------------------------------------------------------------- same-vendor

#[test]
fn rule_same_vendor() {
    assert_refused_by(
        en(),
        &set(),
        &ctx_with(&[("/targetAccount/vendorId", json!(2))]),
        "same-vendor",
        "VENDOR_MISMATCH",
        json!({ "sourceVendor": 1, "targetVendor": 2 }),
        "The target account is under another provider or reseller (2, not 1).",
    );
    assert_refused_by(
        de(),
        &set(),
        &ctx_with(&[("/targetAccount/vendorId", json!("reseller-9"))]),
        "same-vendor",
        "VENDOR_MISMATCH",
        json!({ "sourceVendor": 1, "targetVendor": "reseller-9" }),
        "Das Zielkonto gehört zu einem anderen Anbieter oder Reseller (reseller-9 statt 1).",
    );
    // Ids compare as text: 1 and "1" are the same vendor.
    assert_allowed(
        en(),
        &set(),
        &ctx_with(&[("/targetAccount/vendorId", json!("1"))]),
    );
}

#[test]
fn rule_same_vendor_whole_float_ids() {
    // 1.0 as a JSON text is an integer for the context schema (as in JavaScript).
    let one: Value = serde_json::from_str("1.0").unwrap();
    assert!(one.is_f64());
    let c = ctx_with(&[
        ("/targetAccount/vendorId", one.clone()),
        ("/targetAccount/brandId", json!(3)),
        (
            "/sourceAccount/brandId",
            serde_json::from_str::<Value>("3.0").unwrap(),
        ),
    ]);
    assert_allowed(en(), &set(), &c);
}

// ---------------------------------------------------------------- same-brand

#[test]
fn rule_same_brand() {
    assert_refused_by(
        en(),
        &set(),
        &ctx_with(&[("/targetAccount/brandId", json!("brand-2"))]),
        "same-brand",
        "BRAND_MISMATCH",
        json!({ "sourceBrand": "brand-1", "targetBrand": "brand-2" }),
        "The target account belongs to another brand (brand-2, not brand-1).",
    );
    assert_refused_by(
        de(),
        &set(),
        &ctx_with(&[("/targetAccount/brandId", json!(7))]),
        "same-brand",
        "BRAND_MISMATCH",
        json!({ "sourceBrand": "brand-1", "targetBrand": 7 }),
        "Das Zielkonto gehört zu einer anderen Marke (7 statt brand-1).",
    );
    assert_allowed(
        en(),
        &set(),
        &ctx_with(&[
            ("/sourceAccount/brandId", json!(7)),
            ("/targetAccount/brandId", json!("7")),
        ]),
    );
}

// ---------------------------------------------------------------- subscription-not-terminated

#[test]
fn rule_subscription_not_terminated() {
    let terminated = ctx_with(&[("/subscription/state", json!("terminated"))]);
    assert_refused_by(
        en(),
        &set(),
        &terminated,
        "subscription-not-terminated",
        "SUBSCRIPTION_TERMINATED",
        json!({}),
        "Subscription Office 365 is terminated.",
    );
    assert_refused_by(
        de(),
        &set(),
        &terminated,
        "subscription-not-terminated",
        "SUBSCRIPTION_TERMINATED",
        json!({}),
        "Das Abonnement Office 365 ist beendet.",
    );
    // Without a name (or with an empty one) the subscription is named by its id.
    let mut unnamed = terminated.clone();
    unnamed["subscription"]
        .as_object_mut()
        .unwrap()
        .shift_remove("name");
    let mut empty = terminated.clone();
    empty["subscription"]["name"] = json!("");
    for c in [unnamed, empty] {
        assert_refused_by(
            en(),
            &set(),
            &c,
            "subscription-not-terminated",
            "SUBSCRIPTION_TERMINATED",
            json!({}),
            &format!("Subscription {SUB} is terminated."),
        );
    }
    for state in ["active", "stopped", "graced", "expired"] {
        assert_allowed(
            en(),
            &set(),
            &ctx_with(&[("/subscription/state", json!(state))]),
        );
    }
}

// ---------------------------------------------------------------- subscription-not-in-transition

#[test]
fn rule_subscription_not_in_transition() {
    for (state, en_label, de_label) in [
        ("provisioning", "provisioning", "Bereitstellung"),
        ("starting", "starting", "Start"),
        ("stopping", "stopping", "Anhalten"),
        ("removing", "removal", "Entfernen"),
        ("changing_plan", "plan change", "Tarifwechsel"),
    ] {
        let c = ctx_with(&[("/subscription/state", json!(state))]);
        assert_refused_by(
            en(),
            &set(),
            &c,
            "subscription-not-in-transition",
            "SUBSCRIPTION_IN_TRANSITION",
            json!({ "state": state }),
            &format!("Subscription Office 365 is in the middle of an operation ({en_label}); wait until it has finished."),
        );
        assert_refused_by(
            de(),
            &set(),
            &c,
            "subscription-not-in-transition",
            "SUBSCRIPTION_IN_TRANSITION",
            json!({ "state": state }),
            &format!("Für das Abonnement Office 365 läuft gerade ein Vorgang ({de_label}); bitte warten Sie, bis er abgeschlossen ist."),
        );
    }
}

// ---------------------------------------------------------------- orders-final

#[test]
fn rule_orders_final() {
    let open =
        json!([{ "id": 100, "state": "completed" }, { "id": "ORD-7", "state": "submitted" }]);
    let c = ctx_with(&[("/orders", open)]);
    assert_refused_by(
        en(),
        &set(),
        &c,
        "orders-final",
        "ORDERS_NOT_FINAL",
        json!({ "orders": [{ "id": "ORD-7", "state": "submitted" }], "count": 1 }),
        "Orders for this subscription are not completed yet: ORD-7.",
    );
    assert_refused_by(
        de(),
        &set(),
        &c,
        "orders-final",
        "ORDERS_NOT_FINAL",
        json!({ "orders": [{ "id": "ORD-7", "state": "submitted" }], "count": 1 }),
        "Bestellungen zu diesem Abonnement sind noch nicht abgeschlossen: ORD-7.",
    );
    // Every default final state, in any case.
    assert_allowed(
        en(),
        &set(),
        &ctx_with(&[(
            "/orders",
            json!([
                { "id": 1, "state": "completed" },
                { "id": 2, "state": "Cancelled" },
                { "id": 3, "state": "FAILED" },
                { "id": 4, "state": "rejected" }
            ]),
        )]),
    );
    assert_allowed(en(), &set(), &ctx_with(&[("/orders", json!([]))]));
}

#[test]
fn final_order_states_from_the_policy() {
    let policy = json!({ "finalOrderStates": ["done", "COMPLETED"] });
    let c = ctx_with(&[(
        "/orders",
        json!([
            { "id": 1, "state": "Done" },
            { "id": 2, "state": "completed" },
            { "id": 3, "state": "cancelled" }
        ]),
    )]);
    assert_refused_by(
        policy.clone(),
        &set(),
        &c,
        "orders-final",
        "ORDERS_NOT_FINAL",
        json!({ "orders": [{ "id": 3, "state": "cancelled" }], "count": 1 }),
        "Orders for this subscription are not completed yet: 3.",
    );
    assert_allowed(
        policy,
        &set(),
        &ctx_with(&[("/orders", json!([{ "id": 1, "state": "done" }]))]),
    );
    // The default list is replaced, not extended.
    assert_refused_by(
        json!({ "finalOrderStates": ["done"] }),
        &set(),
        &ctx(),
        "orders-final",
        "ORDERS_NOT_FINAL",
        json!({
            "orders": [{ "id": 100, "state": "completed" }, { "id": "ORD-2", "state": "cancelled" }],
            "count": 2
        }),
        "Orders for this subscription are not completed yet: 100, ORD-2.",
    );
    // An empty list is not a policy.
    assert_eq!(
        policy_error(json!({ "finalOrderStates": [] }))
            .code
            .as_str(),
        "INVALID_POLICY"
    );
}

// ---------------------------------------------------------------- no-dependent-subscriptions

#[test]
fn rule_no_dependent_subscriptions() {
    let deps = json!([
        { "id": 7, "name": "Mail", "reason": "shared_domains" },
        { "id": "sub-8", "reason": "shared_users" },
        { "id": 9, "name": "", "reason": "shared_resources", "resourceTypes": ["disk"] }
    ]);
    let c = ctx_with(&[("/dependentSubscriptions", deps.clone())]);
    assert_refused_by(
        en(),
        &set(),
        &c,
        "no-dependent-subscriptions",
        "DEPENDENT_SUBSCRIPTIONS",
        json!({ "subscriptions": deps, "count": 3 }),
        "Other subscriptions depend on this one and would have to move with it: Mail (shared domains), sub-8 (shared users), 9 (shared resources).",
    );
    assert_refused_by(
        de(),
        &set(),
        &c,
        "no-dependent-subscriptions",
        "DEPENDENT_SUBSCRIPTIONS",
        json!({ "subscriptions": deps, "count": 3 }),
        "Andere Abonnements hängen von diesem ab und müssten mitverschoben werden: Mail (gemeinsame Domains), sub-8 (gemeinsame Benutzer), 9 (gemeinsame Ressourcen).",
    );
    assert_allowed(en(), &set(), &ctx_without("", "dependentSubscriptions"));
}

// ---------------------------------------------------------------- skipping, composing

/// A Fusebill migrate body (the seed's sample), scheduled for `date`.
fn fusebill_scheduled(date: &str) -> Value {
    json!({
        "customerId": 12874295, "planFamilyRelationshipId": 407766,
        "migrationTimingOption": "SpecificDate", "scheduledMigrationDate": date
    })
}

#[test]
fn rule_billing_request_valid_names_unknown_properties() {
    // One unknown property at the top of the request: the message says which.
    let request = json!({ "customerId": 1, "planFamilyRelationshipId": 2, "migrationTimingOption": "Now", "subscriptionId": 7 });
    let c = ctx_with(&[(
        "/billing",
        json!({ "platform": "fusebill", "request": request }),
    )]);
    let found = json!({
        "platform": "Fusebill",
        "problems": ["subscriptionId is not a known property and is not allowed"],
        "count": 1
    });
    assert_refused_by(
        en(),
        &set(),
        &c,
        "billing-request-valid",
        "BILLING_REQUEST_INVALID",
        found.clone(),
        "The migration request for Fusebill would be rejected: subscriptionId is not a known property and is not allowed.",
    );
    assert_refused_by(
        de(),
        &set(),
        &c,
        "billing-request-valid",
        "BILLING_REQUEST_INVALID",
        found,
        "Die Migrationsanfrage an Fusebill würde abgelehnt: subscriptionId is not a known property and is not allowed.",
    );
    // Several, nested ones with their place; three are shown, then how many more.
    let request = json!({
        "product_rate_plan": "gold",
        "dry_run": true,
        "mappings": [{ "pricingComponent": "seats", "value": 1, "quantity": 2 }]
    });
    let report = explain(
        en(),
        &set(),
        &ctx_with(&[(
            "/billing",
            json!({ "platform": "billforward", "request": request }),
        )]),
    );
    assert_eq!(report.failed.len(), 1, "{:?}", report.failed);
    let failure = &report.failed[0];
    assert_eq!(code_of(failure), "BILLING_REQUEST_INVALID");
    let params = params_of(failure);
    let shown: Vec<&str> = params["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let mut problems = shown.clone();
    problems.sort_unstable();
    assert_eq!(
        problems,
        [
            "dry_run is not a known property and is not allowed",
            "mappings[0].quantity is not a known property and is not allowed",
            "must have required property 'productRatePlan'",
            "product_rate_plan is not a known property and is not allowed",
        ]
    );
    assert_eq!(params_of(failure)["count"], json!(4));
    assert_eq!(
        failure.message,
        format!(
            "The migration request for BillForward would be rejected: {}; {}; {}; and 1 more.",
            shown[0], shown[1], shown[2]
        )
    );
}

#[test]
fn rule_billing_no_migration_in_flight_fusebill_schedule() {
    // Checked at 2024-05-01T10:00:00Z: a schedule for that day or later is still to run.
    for date in ["2024-05-01", "2024-05-01T00:00:00Z", "2024-06-01"] {
        let c = ctx_with(&[(
            "/billing",
            json!({ "platform": "fusebill", "latest": fusebill_scheduled(date) }),
        )]);
        assert_refused_by(
            en(),
            &set(),
            &c,
            "billing-no-migration-in-flight",
            "BILLING_MIGRATION_IN_FLIGHT",
            json!({ "platform": "Fusebill", "reference": date }),
            &format!("A migration for this subscription is already in progress in Fusebill ({date}); wait until it has finished or cancel it there."),
        );
    }
    // One for an earlier day has already run (the seed's 2020-05-10 among them).
    for date in ["2024-04-30", "2024-04-30T23:59:59Z", "2020-05-10"] {
        let c = ctx_with(&[(
            "/billing",
            json!({ "platform": "fusebill", "latest": fusebill_scheduled(date) }),
        )]);
        let report = assert_allowed(en(), &set(), &c);
        assert!(names(&report.passed).contains(&"billing-no-migration-in-flight".to_owned()));
    }
    // The next billing period, without a date, is always ahead.
    let next = json!({ "customerId": 1, "planFamilyRelationshipId": 2, "migrationTimingOption": "NextBillingPeriod" });
    assert_refused_by(
        de(),
        &set(),
        &ctx_with(&[("/billing", json!({ "platform": "fusebill", "latest": next }))]),
        "billing-no-migration-in-flight",
        "BILLING_MIGRATION_IN_FLIGHT",
        json!({ "platform": "Fusebill", "reference": "NextBillingPeriod" }),
        "In Fusebill läuft bereits eine Migration für dieses Abonnement (NextBillingPeriod); warten Sie, bis sie abgeschlossen ist, oder brechen Sie sie dort ab.",
    );
}

#[test]
fn target_not_found_skips_what_needs_the_target() {
    // Even an inactive target of another vendor and brand: nothing about it is judged.
    let report = explain(en(), &set(), &ctx_with(&[("/targetAccount", json!(null))]));
    assert_eq!(report.failed.len(), 1);
    for rule in ["target-account-active", "same-vendor", "same-brand"] {
        assert!(
            skipped_names(&report.skipped).contains(&rule.to_owned()),
            "{rule}"
        );
        assert!(!names(&report.passed).contains(&rule.to_owned()), "{rule}");
    }
}

#[test]
fn several_failures_compose_one_message_in_rule_order() {
    let c = ctx_with(&[
        ("/subscription/state", json!("terminated")),
        ("/targetAccount/brandId", json!("brand-2")),
        ("/targetAccount/status", json!("suspended")),
        ("/sourceAccount/kind", json!("reseller")),
    ]);
    let report = explain(en(), &set(), &c);
    let rules: Vec<String> = report.failed.iter().map(rule_of).collect();
    assert_eq!(
        rules,
        [
            "target-account-active",
            "not-reseller-subscription",
            "same-brand",
            "subscription-not-terminated"
        ]
    );
    let expected = format!(
        "The subscription cannot be moved (4 reasons): \
         1) Account {TGT} is suspended; subscriptions can only be moved to an active account. \
         2) Subscriptions of reseller accounts cannot be moved (Acme Ltd is a reseller account). \
         3) The target account belongs to another brand (brand-2, not brand-1). \
         4) Subscription Office 365 is terminated."
    );
    assert_eq!(report.message.as_deref(), Some(expected.as_str()));
    assert_eq!(
        to_json(&checker(en()).check(&set(), &c).unwrap()),
        json!({ "canMigrate": false, "message": expected })
    );
    let json = to_json(&report);
    assert_eq!(json["message"], json!(expected));
    assert_eq!(json["canMigrate"], json!(false));
    assert_eq!(json["failed"][2]["code"], json!("BRAND_MISMATCH"));
    assert_eq!(
        json["failed"][2]["params"],
        json!({ "sourceBrand": "brand-1", "targetBrand": "brand-2" })
    );

    let german = explain(de(), &set(), &c);
    assert_eq!(
        german.message.as_deref(),
        Some(
            format!(
                "Das Abonnement kann nicht verschoben werden (4 Gründe): \
                 1) Das Konto {TGT} ist gesperrt; Abonnements können nur auf ein aktives Konto verschoben werden. \
                 2) Abonnements von Reseller-Konten können nicht verschoben werden (Acme Ltd ist ein Reseller-Konto). \
                 3) Das Zielkonto gehört zu einer anderen Marke (brand-2 statt brand-1). \
                 4) Das Abonnement Office 365 ist beendet."
            )
            .as_str()
        )
    );
}

#[test]
fn every_rule_failing_at_once() {
    // Everything except the rules that need a valid request (which are then skipped).
    let c = ctx_with(&[
        ("/subscription/state", json!("changing_plan")),
        ("/sourceAccount/kind", json!("reseller")),
        ("/orders", json!([{ "id": 1, "state": "open" }])),
        (
            "/dependentSubscriptions",
            json!([{ "id": 2, "reason": "shared_users" }]),
        ),
    ]);
    let report = explain(en(), &json!(null), &c);
    let rules: Vec<String> = report.failed.iter().map(rule_of).collect();
    assert_eq!(
        rules,
        [
            "migration-set-valid",
            "not-reseller-subscription",
            "subscription-not-in-transition",
            "orders-final",
            "no-dependent-subscriptions"
        ]
    );
    let message = report.message.unwrap();
    assert!(
        message.starts_with(
            "The subscription cannot be moved (5 reasons): 1) The migration request is malformed"
        ),
        "{message}"
    );
    assert!(message.contains(" 5) Other subscriptions depend on this one and would have to move with it: 2 (shared users)."), "{message}");
}

// ---------------------------------------------------------------- locales

#[test]
fn locale_fallbacks() {
    let c = ctx_with(&[("/targetAccount/status", json!("suspended"))]);
    let german = format!("Das Konto {TGT} ist gesperrt; Abonnements können nur auf ein aktives Konto verschoben werden.");
    let english = format!(
        "Account {TGT} is suspended; subscriptions can only be moved to an active account."
    );
    for (locale, resolved, message) in [
        ("de", "de", &german),
        ("de-AT", "de", &german),
        ("DE-ch", "de", &german),
        ("de_DE", "de", &german),
        ("en", "en", &english),
        ("en-GB", "en", &english),
        ("fr", "en", &english),
        ("fr-CA", "en", &english),
    ] {
        let pc = checker(json!({ "locale": locale }));
        assert_eq!(pc.locale(), resolved, "{locale}");
        let report = pc.explain(&set(), &c).unwrap();
        assert_eq!(report.locale, resolved, "{locale}");
        assert_eq!(report.message.as_ref(), Some(message), "{locale}");
    }
    assert_eq!(checker(Value::Null).locale(), "en");
    // Too short a tag is not a locale.
    assert_eq!(
        policy_error(json!({ "locale": "d" })).code.as_str(),
        "INVALID_POLICY"
    );
}

#[test]
fn list_parameters_are_cut_after_three_items() {
    let orders: Vec<Value> = (1..=5)
        .map(|i| json!({ "id": i, "state": "open" }))
        .collect();
    let c = ctx_with(&[("/orders", Value::Array(orders.clone()))]);
    let report = assert_refused_by(
        en(),
        &set(),
        &c,
        "orders-final",
        "ORDERS_NOT_FINAL",
        json!({ "orders": orders, "count": 5 }),
        "Orders for this subscription are not completed yet: 1, 2, 3, and 2 more.",
    );
    assert_eq!(
        params_of(&report.failed[0])["orders"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        explain(de(), &set(), &c).message.as_deref(),
        Some("Bestellungen zu diesem Abonnement sind noch nicht abgeschlossen: 1, 2, 3, und 2 weitere.")
    );
    // Exactly three: no "more".
    let three: Vec<Value> = (1..=3)
        .map(|i| json!({ "id": i, "state": "open" }))
        .collect();
    assert_eq!(
        explain(en(), &set(), &ctx_with(&[("/orders", Value::Array(three))]))
            .message
            .as_deref(),
        Some("Orders for this subscription are not completed yet: 1, 2, 3.")
    );
    let deps: Vec<Value> = (1..=4)
        .map(|i| json!({ "id": i, "name": format!("S{i}"), "reason": "shared_domains" }))
        .collect();
    assert_eq!(
        explain(en(), &set(), &ctx_with(&[("/dependentSubscriptions", Value::Array(deps))]))
            .message
            .as_deref(),
        Some("Other subscriptions depend on this one and would have to move with it: S1 (shared domains), S2 (shared domains), S3 (shared domains), and 1 more.")
    );
}

#[test]
fn long_and_control_character_values_are_shortened_to_one_line() {
    let long = "x".repeat(100);
    let report = explain(en(), &json!({ "targetAccount": long }), &ctx());
    assert_eq!(
        report.message.as_deref(),
        Some(format!("\"{}…\" is not a valid APS account id.", "x".repeat(64)).as_str())
    );
    // Exactly 64 characters are shown whole.
    let report = explain(en(), &json!({ "targetAccount": "y".repeat(64) }), &ctx());
    assert_eq!(
        report.message.as_deref(),
        Some(format!("\"{}\" is not a valid APS account id.", "y".repeat(64)).as_str())
    );
    let report = explain(
        en(),
        &json!({ "targetAccount": "bad\nid\r\twith\u{0}nul" }),
        &ctx(),
    );
    assert_eq!(
        report.message.as_deref(),
        Some("\"bad id  with nul\" is not a valid APS account id.")
    );
    // Names from the context too.
    let name = format!("Line one\nLine two {}", "z".repeat(100));
    let c = ctx_with(&[
        ("/subscription/state", json!("terminated")),
        ("/subscription/name", json!(name)),
        ("/sourceAccount/kind", json!("reseller")),
        ("/sourceAccount/name", json!("Evil\r\nCorp")),
    ]);
    let report = explain(en(), &set(), &c);
    let shown: String = format!("Line one Line two {}", "z".repeat(100))
        .chars()
        .take(64)
        .collect();
    assert_eq!(
        report.failed[1].message,
        format!("Subscription {shown}… is terminated.")
    );
    assert_eq!(
        report.failed[0].message,
        "Subscriptions of reseller accounts cannot be moved (Evil  Corp is a reseller account)."
    );
    let message = report.message.unwrap();
    assert!(
        !message.contains('\n') && !message.contains('\r'),
        "{message}"
    );
    // The params keep the value as it was.
    assert_eq!(
        params_of(&report.failed[0])["sourceAccount"],
        json!("Evil\r\nCorp")
    );
    // Orders ids in a list are shortened one by one.
    let report = explain(
        en(),
        &set(),
        &ctx_with(&[(
            "/orders",
            json!([{ "id": "o".repeat(70), "state": "open" }]),
        )]),
    );
    assert_eq!(
        report.message.as_deref(),
        Some(
            format!(
                "Orders for this subscription are not completed yet: {}….",
                "o".repeat(64)
            )
            .as_str()
        )
    );
}

#[test]
fn unicode_line_separators_are_not_kept() {
    let c = ctx_with(&[
        ("/subscription/state", json!("terminated")),
        ("/subscription/name", json!("A\u{2028}B\u{2029}C\u{85}D")),
    ]);
    let message = explain(en(), &set(), &c).message.unwrap();
    assert_eq!(message, "Subscription A B C D is terminated.");
}

// ---------------------------------------------------------------- policy: enabling, overriding

#[test]
fn disabling_a_rule() {
    let c = ctx_with(&[("/targetAccount/brandId", json!("brand-2"))]);
    let policy = json!({ "rules": { "same-brand": { "enabled": false } } });
    let report = assert_allowed(policy.clone(), &set(), &c);
    assert_eq!(names(&report.disabled), ids(&["same-brand"]));
    assert!(!names(&report.passed).contains(&"same-brand".to_owned()));
    assert_eq!(
        report.passed.len(),
        BuiltInRule::ALL.len() - 1 - BILLING_RULES.len()
    );
    assert_eq!(skipped_names(&report.skipped), ids(&BILLING_RULES));
    // Disabling one of two reasons leaves a single-reason message.
    let both = ctx_with(&[
        ("/targetAccount/brandId", json!("brand-2")),
        ("/subscription/state", json!("terminated")),
    ]);
    assert_refused_by(
        policy,
        &set(),
        &both,
        "subscription-not-terminated",
        "SUBSCRIPTION_TERMINATED",
        json!({}),
        "Subscription Office 365 is terminated.",
    );
    // "enabled": true, or a rule entry without it, changes nothing.
    let report = assert_allowed(
        json!({ "rules": { "same-brand": { "enabled": true }, "same-vendor": {} } }),
        &set(),
        &ctx(),
    );
    assert!(report.disabled.is_empty());
    // Disabled rules are listed in table order.
    let report = explain(
        json!({ "rules": {
            "orders-final": { "enabled": false },
            "migration-set-valid": { "enabled": false }
        } }),
        &set(),
        &ctx(),
    );
    assert_eq!(
        names(&report.disabled),
        ids(&["migration-set-valid", "orders-final"])
    );
}

#[test]
fn message_overrides_per_locale() {
    let policy = json!({ "rules": {
        "target-account-active": { "messages": {
            "en": "Target {targetAccount} for {subscription} is {status}.",
            "de": "Ziel {targetAccount} ist {status}."
        } },
        "orders-final": { "messages": { "en": "{count} open: {orders}" } }
    } });
    let c = ctx_with(&[
        ("/targetAccount/status", json!("suspended")),
        (
            "/orders",
            json!([{ "id": 1, "state": "open" }, { "id": 2, "state": "open" }]),
        ),
    ]);
    let report = explain(policy.clone(), &set(), &c);
    assert_eq!(
        report.message.as_deref(),
        Some(
            format!(
                "The subscription cannot be moved (2 reasons): 1) Target {TGT} for Office 365 is suspended. 2) 2 open: 1, 2"
            )
            .as_str()
        )
    );
    let mut german_policy = policy;
    german_policy["locale"] = json!("de");
    let report = explain(german_policy, &set(), &c);
    assert_eq!(
        report.failed[0].message,
        format!("Ziel {TGT} ist gesperrt.")
    );
    // No German override for orders-final: the German catalogue, not the English override.
    assert_eq!(
        report.failed[1].message,
        "Bestellungen zu diesem Abonnement sind noch nicht abgeschlossen: 1, 2."
    );
    // A locale tag in the override matches its language.
    let report = explain(
        json!({ "locale": "de-AT", "rules": { "same-brand": { "messages": { "en": "x", "DE": "Marke {targetBrand}" } } } }),
        &set(),
        &ctx_with(&[("/targetAccount/brandId", json!("b9"))]),
    );
    assert_eq!(report.message.as_deref(), Some("Marke b9"));
    // An unknown-looking brace text is left as written.
    let report = explain(
        json!({ "rules": { "same-brand": { "messages": { "en": "{ not a placeholder } {targetBrand}" } } } }),
        &set(),
        &ctx_with(&[("/targetAccount/brandId", json!("b9"))]),
    );
    assert_eq!(report.message.as_deref(), Some("{ not a placeholder } b9"));
}

#[test]
fn overrides_for_the_requested_locale_win() {
    let c = ctx_with(&[("/targetAccount/brandId", json!("b9"))]);
    let report = explain(
        json!({ "locale": "fr", "rules": { "same-brand": { "messages": {
            "en": "Other brand {targetBrand}.", "fr": "Autre marque {targetBrand}."
        } } } }),
        &set(),
        &c,
    );
    assert_eq!(report.message.as_deref(), Some("Autre marque b9."));
    let report = explain(
        json!({ "locale": "de-AT", "rules": { "same-brand": { "messages": {
            "en": "Other brand {targetBrand}.", "de-AT": "Andere Marke {targetBrand} (AT)."
        } } } }),
        &set(),
        &c,
    );
    assert_eq!(report.message.as_deref(), Some("Andere Marke b9 (AT)."));
}

#[test]
fn unknown_placeholder_in_an_override_is_an_invalid_policy() {
    let e = policy_error(
        json!({ "rules": { "same-brand": { "messages": { "en": "Brand {brand} differs" } } } }),
    );
    assert_eq!(e.code.as_str(), "INVALID_POLICY");
    assert_eq!(e.errors.len(), 1);
    assert_eq!(
        e.errors[0].to_value(),
        json!({
            "instancePath": "/rules/same-brand/messages/en",
            "schemaPath": "",
            "keyword": "placeholder",
            "params": {
                "placeholder": "brand",
                "allowed": ["sourceBrand", "targetBrand", "targetAccount", "subscription"]
            },
            "message": "unknown placeholder {brand}; this message may use sourceBrand, targetBrand, targetAccount, subscription"
        })
    );
    assert_eq!(
        e.message,
        "invalid policy: /rules/same-brand/messages/en unknown placeholder {brand}; this message may use sourceBrand, targetBrand, targetAccount, subscription"
    );
    assert_eq!(e.to_string(), e.message);
    // Another rule's parameter is not this rule's.
    let e = policy_error(
        json!({ "rules": { "target-account-exists": { "messages": { "de": "{status}" } } } }),
    );
    assert_eq!(
        e.errors[0].instance_path,
        "/rules/target-account-exists/messages/de"
    );
    assert_eq!(
        e.errors[0].params.to_value()["allowed"],
        json!(["targetAccount", "subscription"])
    );
    // Even on a disabled rule.
    let e = policy_error(
        json!({ "rules": { "same-brand": { "enabled": false, "messages": { "en": "{x}" } } } }),
    );
    assert_eq!(e.code.as_str(), "INVALID_POLICY");
}

#[test]
fn placeholders_inside_braces_are_checked() {
    // An unknown placeholder hidden after a stray brace is not reported...
    let e = PreChecker::new(
        &json!({ "rules": { "same-brand": { "messages": { "en": "{x{brand}" } } } }),
    );
    assert!(e.is_err(), "{{brand}} is not a parameter of same-brand");
    // ...and a custom message can show the raw `errors` parameter it may not use.
    let e = PreChecker::new(&json!({ "customRules": [
        { "id": "c", "require": false, "message": { "en": "E: {a{errors}" } }
    ] }));
    assert!(e.is_err(), "{{errors}} is not a parameter of a custom rule");
}

#[test]
fn unknown_rule_ids_and_malformed_policies() {
    let e = policy_error(json!({ "rules": { "no-such-rule": {} } }));
    assert_eq!(e.code.as_str(), "INVALID_POLICY");
    assert!(
        e.errors
            .iter()
            .any(|err| err.keyword.name() == "propertyNames"
                && err.params.to_value() == json!({ "propertyName": "no-such-rule" })
                && err.instance_path == "/rules"),
        "{:?}",
        e.errors
    );
    for (policy, keyword, path) in [
        (json!({ "locale": 5 }), "type", "/locale"),
        (json!({ "colour": "red" }), "additionalProperties", ""),
        (json!([]), "type", ""),
        (
            json!({ "rules": { "same-brand": { "enabled": "no" } } }),
            "type",
            "/rules/same-brand/enabled",
        ),
        (
            json!({ "rules": { "same-brand": { "messages": {} } } }),
            "minProperties",
            "/rules/same-brand/messages",
        ),
        (
            json!({ "finalOrderStates": ["a", "a"] }),
            "uniqueItems",
            "/finalOrderStates",
        ),
    ] {
        let e = policy_error(policy.clone());
        assert_eq!(e.code.as_str(), "INVALID_POLICY", "{policy}");
        assert!(
            e.errors
                .iter()
                .any(|err| err.keyword.name() == keyword && err.instance_path == path),
            "{policy}: {:?}",
            e.errors
        );
    }
}

#[test]
fn every_policy_problem_is_reported_at_once() {
    let e = policy_error(json!({
        "rules": { "same-brand": { "messages": { "en": "{a}", "de": "{b}" } } },
        "customRules": [
            { "id": "same-vendor", "require": true, "message": { "en": "x" } },
            { "id": "c", "require": { "$ref": "https://example.com/elsewhere.json" }, "message": { "en": "{c}" } }
        ]
    }));
    assert_eq!(e.code.as_str(), "INVALID_POLICY");
    let at: Vec<&str> = e.errors.iter().map(|x| x.instance_path.as_str()).collect();
    // In the policy's own order (the JSON type keeps insertion order): "en" is written before "de".
    assert_eq!(
        at,
        [
            "/rules/same-brand/messages/en",
            "/rules/same-brand/messages/de",
            "/customRules/0/id",
            "/customRules/1/require",
            "/customRules/1/message/en"
        ]
    );
    assert!(e.message.starts_with("invalid policy: "), "{}", e.message);
    assert!(e.message.ends_with(" (and 2 more)"), "{}", e.message);
}

// ---------------------------------------------------------------- custom rules

fn trial_rule() -> Value {
    json!({
        "id": "trial-only-to-customers",
        "code": "TRIAL_TO_RESELLER",
        "when": { "properties": { "subscription": { "properties": { "trial": { "const": true } } } } },
        "require": { "properties": { "targetAccount": { "properties": { "kind": { "const": "customer" } } } } },
        "message": {
            "en": "Trial subscription {subscription} cannot move to {targetAccount}.",
            "de": "Das Testabonnement {subscription} kann nicht zu {targetAccount} verschoben werden."
        }
    })
}

#[test]
fn custom_rule_refuses_passes_and_skips() {
    let policy = json!({ "customRules": [trial_rule()] });
    let refused = ctx_with(&[
        ("/targetAccount/kind", json!("reseller")),
        ("/subscription/trial", json!(true)),
    ]);
    let report = assert_refused_by(
        policy.clone(),
        &set(),
        &refused,
        "trial-only-to-customers",
        "TRIAL_TO_RESELLER",
        json!({ "errors": [{
            "instancePath": "/targetAccount/kind",
            "schemaPath": "#/properties/targetAccount/properties/kind/const",
            "keyword": "const",
            "params": { "allowedValue": "customer" },
            "message": "must be equal to constant"
        }]}),
        &format!("Trial subscription Office 365 cannot move to {TGT}."),
    );
    assert_eq!(names(&report.passed), ids(&non_billing_ids()));
    assert_eq!(skipped_names(&report.skipped), ids(&BILLING_RULES));
    // Not a trial: `when` does not hold (the context's default `trial: false` applies).
    let report = assert_allowed(
        policy.clone(),
        &set(),
        &ctx_with(&[("/targetAccount/kind", json!("reseller"))]),
    );
    assert_eq!(
        skipped_names(&report.skipped),
        ids(&[
            "billing-no-migration-in-flight",
            "billing-request-valid",
            "trial-only-to-customers"
        ])
    );
    // A trial going to a customer: the rule holds.
    let report = assert_allowed(
        policy.clone(),
        &set(),
        &ctx_with(&[("/subscription/trial", json!(true))]),
    );
    assert!(names(&report.passed).contains(&"trial-only-to-customers".to_owned()));
    assert_eq!(
        names(&report.passed).last().unwrap(),
        "trial-only-to-customers"
    );
    // German message; French falls back to English.
    let report = explain(
        json!({ "locale": "de", "customRules": [trial_rule()] }),
        &set(),
        &refused,
    );
    assert_eq!(
        report.message.as_deref(),
        Some(
            format!("Das Testabonnement Office 365 kann nicht zu {TGT} verschoben werden.")
                .as_str()
        )
    );
    let report = explain(
        json!({ "locale": "fr", "customRules": [trial_rule()] }),
        &set(),
        &refused,
    );
    assert_eq!(
        report.message.as_deref(),
        Some(format!("Trial subscription Office 365 cannot move to {TGT}.").as_str())
    );
}

#[test]
fn custom_rule_defaults_and_ordering() {
    // No `when` (always applies), no `code` (CUSTOM_RULE); reported after the built-in reasons.
    let policy = json!({ "customRules": [{
        "id": "needs-name",
        "require": { "properties": { "subscription": { "required": ["name"] } } },
        "message": { "en": "Subscription {subscription} needs a name." }
    }] });
    let mut c = ctx_with(&[("/subscription/state", json!("terminated"))]);
    c["subscription"]
        .as_object_mut()
        .unwrap()
        .shift_remove("name");
    let report = explain(policy.clone(), &set(), &c);
    assert_eq!(report.failed.len(), 2);
    assert_eq!(rule_of(&report.failed[1]), "needs-name");
    assert_eq!(code_of(&report.failed[1]), "CUSTOM_RULE");
    assert_eq!(
        report.message.as_deref(),
        Some(
            format!(
                "The subscription cannot be moved (2 reasons): 1) Subscription {SUB} is terminated. 2) Subscription {SUB} needs a name."
            )
            .as_str()
        )
    );
    // A disabled custom rule does not run.
    let mut off = policy.clone();
    off["customRules"][0]["enabled"] = json!(false);
    let report = explain(off, &set(), &c);
    assert_eq!(report.failed.len(), 1);
    assert!(!names(&report.passed).contains(&"needs-name".to_owned()));
    assert!(!skipped_names(&report.skipped).contains(&"needs-name".to_owned()));
    // `require: false` always refuses; `when: false` never applies.
    let report = explain(
        json!({ "customRules": [
            { "id": "never", "when": false, "require": false, "message": { "en": "never" } },
            { "id": "always", "require": false, "message": { "en": "always" } }
        ] }),
        &set(),
        &ctx(),
    );
    assert_eq!(report.message.as_deref(), Some("always"));
    assert_eq!(
        skipped_names(&report.skipped),
        ids(&[
            "billing-no-migration-in-flight",
            "billing-request-valid",
            "never"
        ])
    );
}

#[test]
fn disabled_custom_rule_is_listed_as_disabled() {
    let mut rule = trial_rule();
    rule["enabled"] = json!(false);
    let report = explain(json!({ "customRules": [rule] }), &set(), &ctx());
    assert_eq!(names(&report.disabled), ids(&["trial-only-to-customers"]));
}

#[test]
fn custom_rule_policy_errors() {
    // Duplicate ids, with each other or with a built-in rule.
    let e = policy_error(json!({ "customRules": [trial_rule(), trial_rule()] }));
    assert_eq!(e.code.as_str(), "INVALID_POLICY");
    assert_eq!(
        e.errors.iter().map(|x| x.to_value()).collect::<Vec<_>>(),
        vec![json!({
            "instancePath": "/customRules/1/id",
            "schemaPath": "",
            "keyword": "uniqueId",
            "params": {},
            "message": "rule id \"trial-only-to-customers\" is already used by another rule"
        })]
    );
    let mut clash = trial_rule();
    clash["id"] = json!("same-brand");
    let e = policy_error(json!({ "customRules": [clash] }));
    assert_eq!(e.errors[0].instance_path, "/customRules/0/id");
    assert_eq!(e.errors[0].keyword.name(), "uniqueId");

    // A `require` the engine cannot compile.
    let mut patterned = trial_rule();
    patterned["require"] = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "properties": { "subscription": { "properties": { "name": { "$dynamicRef": "#name" } } } }
    });
    let e = policy_error(json!({ "customRules": [patterned] }));
    assert_eq!(e.code.as_str(), "INVALID_POLICY");
    assert_eq!(
        e.errors.iter().map(|x| x.to_value()).collect::<Vec<_>>(),
        vec![json!({
            "instancePath": "/customRules/0/require",
            "schemaPath": "",
            "keyword": "schema",
            "params": {
                "code": "UNSUPPORTED_KEYWORD",
                "schemaPath": "#/properties/subscription/properties/name/$dynamicRef"
            },
            "message": "keyword \"$dynamicRef\" is not supported by this engine (draft 2020-12)"
        })]
    );
    let mut bad_when = trial_rule();
    bad_when["when"] = json!({ "$ref": "#/definitions/nope" });
    let e = policy_error(json!({ "customRules": [bad_when] }));
    assert_eq!(e.errors[0].instance_path, "/customRules/0/when");
    assert_eq!(
        e.errors[0].params.to_value()["code"],
        json!("UNRESOLVED_REF")
    );

    // Custom messages may only use the common parameters.
    let mut placeholder = trial_rule();
    placeholder["message"]["de"] = json!("Fehler: {errors}");
    let e = policy_error(json!({ "customRules": [placeholder] }));
    assert_eq!(e.errors[0].instance_path, "/customRules/0/message/de");
    assert_eq!(
        e.errors[0].params.to_value()["placeholder"],
        json!("errors")
    );
    assert_eq!(
        e.errors[0].params.to_value()["allowed"],
        json!(["targetAccount", "subscription"])
    );

    // An English message is required; `require` too.
    let mut no_en = trial_rule();
    no_en["message"] = json!({ "de": "nur Deutsch" });
    assert_eq!(
        policy_error(json!({ "customRules": [no_en] })).errors[0]
            .params
            .to_value(),
        json!({ "missingProperty": "en" })
    );
    let mut no_require = trial_rule();
    no_require.as_object_mut().unwrap().shift_remove("require");
    assert_eq!(
        policy_error(json!({ "customRules": [no_require] })).errors[0]
            .params
            .to_value(),
        json!({ "missingProperty": "require" })
    );
}

#[test]
fn duplicate_custom_ids_are_refused_even_when_disabled() {
    let mut first = trial_rule();
    first["enabled"] = json!(false);
    let e = PreChecker::new(&json!({ "customRules": [first, trial_rule()] }));
    assert!(e.is_err(), "duplicate id accepted");
}

// ---------------------------------------------------------------- the context

#[test]
fn invalid_context_lists_every_error() {
    let mut c = ctx_with(&[("/sourceAccount/status", json!("frozen"))]);
    c.as_object_mut().unwrap().shift_remove("now");
    let e = checker(en()).explain(&set(), &c).unwrap_err();
    assert_eq!(e.code.as_str(), "INVALID_CONTEXT");
    assert_eq!(
        e.errors.iter().map(|x| x.to_value()).collect::<Vec<_>>(),
        vec![
            json!({
                "instancePath": "",
                "schemaPath": "#/required",
                "keyword": "required",
                "params": { "missingProperty": "now" },
                "message": "must have required property 'now'"
            }),
            json!({
                "instancePath": "/sourceAccount/status",
                "schemaPath": "#/definitions/account/properties/status/enum",
                "keyword": "enum",
                "params": { "allowedValues": ["active", "credit_hold", "admin_hold", "suspended", "cancelled", "deleted"] },
                "message": "must be equal to one of the allowed values"
            }),
        ]
    );
    assert_eq!(
        e.message,
        "invalid context: / must have required property 'now'; /sourceAccount/status must be equal to one of the allowed values"
    );
    assert_eq!(checker(en()).check(&set(), &c).unwrap_err(), e);
    // The migration set does not matter: the context is checked first.
    assert_eq!(
        checker(en())
            .explain(&json!(null), &c)
            .unwrap_err()
            .code
            .as_str(),
        "INVALID_CONTEXT"
    );

    // Many problems: three are named, the rest counted.
    let bad = json!({
        "now": "yesterday",
        "subscription": { "id": "x", "ownerAccountId": SRC, "state": "gone" },
        "sourceAccount": ctx()["sourceAccount"].clone(),
        "extra": 1
    });
    let e = checker(en()).explain(&set(), &bad).unwrap_err();
    assert_eq!(e.code.as_str(), "INVALID_CONTEXT");
    assert!(e.errors.len() >= 5, "{:?}", e.errors);
    assert!(
        e.message
            .ends_with(&format!(" (and {} more)", e.errors.len() - 3)),
        "{}",
        e.message
    );
    for not_object in [json!(null), json!([]), json!("ctx")] {
        assert_eq!(
            checker(en())
                .explain(&set(), &not_object)
                .unwrap_err()
                .code
                .as_str(),
            "INVALID_CONTEXT"
        );
    }
}

#[test]
fn context_schema_details() {
    // A target account that is neither null nor an account.
    let e = checker(en())
        .explain(
            &set(),
            &ctx_with(&[("/targetAccount", json!({ "name": "no id" }))]),
        )
        .unwrap_err();
    assert_eq!(e.code.as_str(), "INVALID_CONTEXT");
    assert!(e
        .errors
        .iter()
        .any(|x| x.keyword.name() == "oneOf" && x.instance_path == "/targetAccount"));
    // Ids: subscription ids must be APS ids, vendor/brand ids may be strings or integers.
    assert_eq!(
        checker(en())
            .explain(
                &set(),
                &ctx_with(&[("/subscription/id", json!(SUB.to_uppercase()))])
            )
            .map(|r| r.can_migrate),
        Ok(true)
    );
    assert_eq!(
        checker(en())
            .explain(&set(), &ctx_with(&[("/subscription/id", json!("123"))]))
            .unwrap_err()
            .code
            .as_str(),
        "INVALID_CONTEXT"
    );
    assert_eq!(
        checker(en())
            .explain(
                &set(),
                &ctx_with(&[("/sourceAccount/vendorId", json!(1.5))])
            )
            .unwrap_err()
            .code
            .as_str(),
        "INVALID_CONTEXT"
    );
    assert_eq!(
        checker(en())
            .explain(
                &set(),
                &ctx_with(&[("/now", json!("2024-02-30T00:00:00Z"))])
            )
            .unwrap_err()
            .code
            .as_str(),
        "INVALID_CONTEXT"
    );
    // The embedded schemas compile and are the files' content.
    assert!(Validator::new(&context_schema()).is_ok());
    assert!(Validator::new(&policy_schema()).is_ok());
    assert_eq!(
        context_schema(),
        serde_json::from_str::<Value>(include_str!("../src/precheck/context.schema.json")).unwrap()
    );
}

// ---------------------------------------------------------------- the rule table, schema and catalogues

#[test]
fn built_in_ids_match_the_policy_schema() {
    let schema = policy_schema();
    let listed: Vec<&str> = schema["properties"]["rules"]["propertyNames"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(listed, all_ids());
    let file: Value =
        serde_json::from_str(include_str!("../src/precheck/policy.schema.json")).unwrap();
    assert_eq!(file, schema);
}

#[test]
fn rule_table_is_consistent() {
    let mut seen = Vec::new();
    for &rule in BuiltInRule::ALL {
        assert!(!seen.contains(&rule.name()), "duplicate id {rule}");
        seen.push(rule.name());
        assert!(
            BuiltInRule::from_name(rule.name()).is_some_and(|r| r == rule
                && r.code() == rule.code()
                && r.params() == rule.params()),
            "{rule}"
        );
        assert!(
            rule.code()
                .name()
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_'),
            "{}",
            rule.code()
        );
    }
    let codes: std::collections::BTreeSet<&str> =
        BuiltInRule::ALL.iter().map(|r| r.code().name()).collect();
    assert_eq!(codes.len(), BuiltInRule::ALL.len(), "codes are unique");
    assert!(BuiltInRule::from_name("nope").is_none());
    assert_eq!(COMMON_PARAMS, ["targetAccount", "subscription"]);
}

/// A built-in catalogue as JSON, in the shape of its file in src/precheck/messages/.
fn catalog_json(catalog: &Catalog) -> Value {
    let labels = |list: &[(&str, &str)]| -> Value {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), json!(v)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    json!({
        "locale": catalog.locale,
        "summary": catalog.summary,
        "more": catalog.more,
        "missingData": catalog.missing_data,
        "rules": labels(catalog.rules),
        "values": {
            "state": labels(catalog.values.state),
            "status": labels(catalog.values.status),
            "reason": labels(catalog.values.reason),
            "data": labels(catalog.values.data),
        }
    })
}

#[test]
fn every_rule_has_templates_that_only_use_its_params() {
    let files: [(&str, Value); 2] = [
        (
            "en",
            serde_json::from_str(include_str!("../src/precheck/messages/en.json")).unwrap(),
        ),
        (
            "de",
            serde_json::from_str(include_str!("../src/precheck/messages/de.json")).unwrap(),
        ),
    ];
    for (locale, file) in &files {
        assert_eq!(file["locale"], json!(locale));
        let catalog = catalog_for(locale).unwrap();
        assert_eq!(catalog.locale, *locale);
        assert_eq!(&catalog_json(catalog), file);
        let rules = file["rules"].as_object().unwrap();
        let mut listed: Vec<&str> = rules.keys().map(String::as_str).collect();
        let mut expected = all_ids();
        listed.sort_unstable();
        expected.sort_unstable();
        assert_eq!(listed, expected, "{locale}: rule templates");
        for &rule in BuiltInRule::ALL {
            let template = catalog.rule(rule).unwrap();
            assert_eq!(Some(template), rules[rule.name()].as_str());
            for name in placeholders(template) {
                assert!(
                    rule.params().contains(&name) || COMMON_PARAMS.contains(&name),
                    "{locale}/{rule}: {{{name}}} is not a parameter of the rule"
                );
            }
        }
        assert_eq!(placeholders(catalog.summary), ["count"]);
        assert_eq!(placeholders(catalog.more), ["count"]);
        // Every enumerated value the messages show has a label.
        let context = context_schema();
        let statuses = context["definitions"]["account"]["properties"]["status"]["enum"]
            .as_array()
            .unwrap();
        for status in statuses {
            let name = status.as_str().unwrap();
            assert!(
                Labels::of(catalog.values.status, name).is_some(),
                "{locale}: status.{name}"
            );
        }
        let transitions = SubscriptionState::ALL.iter().filter(|s| s.in_transition());
        for state in transitions {
            assert!(
                Labels::of(catalog.values.state, state.name()).is_some(),
                "{locale}: {state}"
            );
        }
        let reasons = context["properties"]["dependentSubscriptions"]["items"]["properties"]
            ["reason"]["enum"]
            .as_array()
            .unwrap();
        for reason in reasons {
            let name = reason.as_str().unwrap();
            assert!(
                Labels::of(catalog.values.reason, name).is_some(),
                "{locale}: reason.{name}"
            );
        }
    }
}

#[test]
fn failure_params_are_the_declared_params() {
    // Each refusing case from the tests above: the params a rule reports are the ones it
    // declares (so an override may use every one of them).
    let cases: Vec<(Value, Value)> = vec![
        (json!({ "targetAccount": "x" }), ctx()),
        (
            json!({ "targetAccount": SRC }),
            ctx_with(&[("/targetAccount", ctx()["sourceAccount"].clone())]),
        ),
        (set(), ctx_with(&[("/targetAccount", json!(null))])),
        (
            set(),
            ctx_with(&[("/targetAccount/status", json!("deleted"))]),
        ),
        (
            set(),
            ctx_with(&[("/sourceAccount/kind", json!("reseller"))]),
        ),
        (set(), ctx_with(&[("/targetAccount/vendorId", json!(5))])),
        (set(), ctx_with(&[("/targetAccount/brandId", json!(5))])),
        (
            set(),
            ctx_with(&[("/subscription/state", json!("terminated"))]),
        ),
        (
            set(),
            ctx_with(&[("/subscription/state", json!("starting"))]),
        ),
        (
            set(),
            ctx_with(&[(
                "/billing",
                json!({ "platform": "billforward", "latest": { "id": "AMD-1", "state": "Pending" } }),
            )]),
        ),
        (
            set(),
            ctx_with(&[("/orders", json!([{ "id": 1, "state": "new" }]))]),
        ),
        (
            set(),
            ctx_with(&[(
                "/dependentSubscriptions",
                json!([{ "id": 1, "reason": "shared_users" }]),
            )]),
        ),
        (
            set(),
            ctx_with(&[(
                "/billing",
                json!({ "platform": "billforward", "request": { "productRatePlan": "" } }),
            )]),
        ),
    ];
    let mut refused = vec!["migration-set-valid".to_owned()];
    for (migration_set, context) in &cases {
        let report = explain(en(), migration_set, context);
        assert_eq!(report.failed.len(), 1, "{:?}", report.failed);
        let failure = &report.failed[0];
        let rule = BuiltInRule::from_name(&rule_of(failure)).unwrap();
        let params = params_of(failure);
        let mut keys: Vec<&str> = params
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut declared = rule.params().to_vec();
        keys.sort_unstable();
        declared.sort_unstable();
        assert_eq!(keys, declared, "{rule}");
        refused.push(rule_of(failure));
    }
    // Every built-in rule can refuse.
    assert_eq!(refused, ids(&all_ids()));
}

/// A context given as text whose numbers serde_json alone reads inexactly (integers past u64,
/// digits beyond 15, a fraction that is an integer exactly) is judged on the exact numbers, as
/// from its value, by every policy: without custom rules (the types read from the text), with a
/// custom rule that sees part of the context, and with one that sees all of it.
#[test]
fn hard_numbers_in_a_context_given_as_text_are_read_exactly() {
    let sample_rule = json!({
        "id": "no-trial-moves", "code": "TRIAL_SUBSCRIPTION",
        "when": { "properties": { "subscription": { "properties": { "trial": { "const": true } } } } },
        "require": false, "message": { "en": "Trial subscription {subscription} cannot be moved." }
    });
    let mut whole_rule = sample_rule.clone();
    whole_rule["when"]["minProperties"] = json!(0);
    let policies = [
        json!({}),
        json!({ "customRules": [sample_rule] }),
        json!({ "customRules": [whole_rule] }),
    ];
    // 123456789012345678901234 is 1.2345678901234569e23 exactly and ...670000000 is ...67e23;
    // read approximately, the two were the same vendor.
    let vendors = format!(
        r#"{{"now":"{NOW}","subscription":{{"id":"{SUB}","ownerAccountId":"{SRC}","state":"active"}},"sourceAccount":{{"id":"{SRC}","vendorId":123456789012345678901234}},"targetAccount":{{"id":"{TGT}","vendorId":123456789012345670000000}}}}"#
    );
    // 12874295.000000000000001 is the integer 12874295 exactly, which Fusebill's contract needs.
    let billing = format!(
        r#"{{"now":"{NOW}","subscription":{{"id":"{SUB}","ownerAccountId":"{SRC}","state":"active"}},"sourceAccount":{{"id":"{SRC}"}},"targetAccount":{{"id":"{TGT}"}},"billing":{{"platform":"fusebill","request":{{"customerId":12874295.000000000000001,"planFamilyRelationshipId":407766,"migrationTimingOption":"Now"}}}}}}"#
    );
    let migration_set = set();
    let set_text = migration_set.to_string();
    for (text, refusal) in [(&vendors, Some("same-vendor")), (&billing, None)] {
        let value = aps_migratable::exact::from_slice(text.as_bytes()).unwrap();
        for policy in &policies {
            let checker = checker(policy.clone());
            let from_value = checker.explain(&migration_set, &value).unwrap();
            let from_text = checker
                .explain_json(Some(set_text.as_bytes()), text.as_bytes())
                .unwrap();
            assert_eq!(from_text, from_value, "{policy}");
            let refused: Vec<String> = from_text
                .failed
                .iter()
                .map(|f| rule_name(&f.rule))
                .collect();
            assert_eq!(
                refused,
                refusal.map(str::to_owned).into_iter().collect::<Vec<_>>(),
                "{policy}"
            );
        }
    }
}
