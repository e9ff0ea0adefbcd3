//! The JS API from inside wasm, run by wasm-bindgen-test in Node (`wasm-pack test --node`) and
//! in headless Chromium (`WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]

use aps_migratable::bindings::{
    aps_structure_validator, contract_ids, explain_pre_check, is_aps_id, migratable_type,
    migration_pre_check, to_vendor_error, validate, validate_contract, validate_many, PreChecker,
    Validator,
};
use js_sys::{Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const TARGET: &str = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON parses")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property read")
}

fn text(value: &JsValue) -> String {
    JSON::stringify(value)
        .expect("stringify")
        .as_string()
        .expect("a string")
}

fn context(target_status: &str, brand: &str) -> JsValue {
    js(&format!(
        r#"{{"now": "2026-11-21T10:00:00Z",
            "subscription": {{"id": "11111111-1111-4111-8111-111111111111",
                "ownerAccountId": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "state": "active", "name": "Mail 25"}},
            "sourceAccount": {{"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "kind": "customer", "vendorId": 1,
                "brandId": "b1", "status": "active"}},
            "targetAccount": {{"id": "{TARGET}", "kind": "customer", "vendorId": 1, "brandId": "{brand}",
                "status": "{target_status}"}}}}"#
    ))
}

fn request() -> JsValue {
    js(&format!(r#"{{"targetAccount": "{TARGET}"}}"#))
}

#[wasm_bindgen_test]
fn allowed_move_answers_can_migrate_only() {
    let result = migration_pre_check(request(), context("active", "b1"), None).expect("no throw");
    assert_eq!(text(&result), r#"{"canMigrate":true}"#);
}

#[wasm_bindgen_test]
fn refused_move_states_every_reason_in_english_and_german() {
    let result =
        migration_pre_check(request(), context("suspended", "b2"), None).expect("no throw");
    assert_eq!(get(&result, "canMigrate"), JsValue::FALSE);
    let message = get(&result, "message").as_string().expect("message");
    assert_eq!(
        message,
        format!(
            "The subscription cannot be moved (2 reasons): 1) Account {TARGET} is suspended; subscriptions can only \
             be moved to an active account. 2) The target account belongs to another brand (b2, not b1)."
        )
    );
    let german = migration_pre_check(
        request(),
        context("suspended", "b1"),
        Some(js(r#"{"locale": "de"}"#)),
    )
    .expect("no throw");
    assert_eq!(
        get(&german, "message").as_string().expect("message"),
        format!("Das Konto {TARGET} ist gesperrt; Abonnements können nur auf ein aktives Konto verschoben werden.")
    );
}

#[wasm_bindgen_test]
fn malformed_migration_sets_are_refusals_not_throws() {
    let cyclic = js("{}");
    Reflect::set(&cyclic, &"self".into(), &cyclic).expect("set");
    for bad in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from(42),
        js("[]"),
        js("{}"),
        cyclic,
        js(r#"{"targetAccount": 7}"#),
    ] {
        let result = migration_pre_check(bad, context("active", "b1"), None).expect("never throws");
        assert_eq!(get(&result, "canMigrate"), JsValue::FALSE);
        assert!(get(&result, "message")
            .as_string()
            .expect("message")
            .starts_with("The migration request is malformed"));
    }
    let not_an_id = migration_pre_check(
        js(r#"{"targetAccount": "x"}"#),
        context("active", "b1"),
        None,
    )
    .expect("no throw");
    assert_eq!(
        get(&not_an_id, "message").as_string().as_deref(),
        Some("\"x\" is not a valid APS account id.")
    );
}

#[wasm_bindgen_test]
fn malformed_context_throws_an_error_with_code_and_errors() {
    let thrown = migration_pre_check(request(), js(r#"{"now": 1}"#), None).expect_err("throws");
    assert!(thrown.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(&thrown, "code").as_string().as_deref(),
        Some("INVALID_CONTEXT")
    );
    assert_eq!(
        get(&thrown, "name").as_string().as_deref(),
        Some("ContextError")
    );
    let errors: js_sys::Array = get(&thrown, "errors").into();
    assert_eq!(errors.length(), 3);
}

#[wasm_bindgen_test]
fn pre_checker_compiles_a_policy_once_and_reports() {
    let checker = PreChecker::new(Some(js(
        r#"{"locale": "de-AT", "rules": {"same-brand": {"enabled": false}}}"#,
    )))
    .expect("valid policy");
    assert_eq!(checker.locale(), "de");
    let report = checker
        .explain(request(), context("active", "b2"))
        .expect("report");
    assert_eq!(get(&report, "canMigrate"), JsValue::TRUE);
    assert_eq!(text(&get(&report, "disabled")), r#"["same-brand"]"#);
    let bad = PreChecker::new(Some(js(r#"{"rules": {"no-such-rule": {}}}"#)))
        .err()
        .expect("throws");
    assert_eq!(
        get(&bad, "code").as_string().as_deref(),
        Some("INVALID_POLICY")
    );
    let report = explain_pre_check(request(), context("deleted", "b1"), None).expect("report");
    let failed = text(&get(&get(&report, "failed"), "0"));
    assert!(
        failed.contains("TARGET_ACCOUNT_INACTIVE"),
        "the first failure is not TARGET_ACCOUNT_INACTIVE: {failed}"
    );
}

#[wasm_bindgen_test]
fn engine_collects_every_error_in_ajv_shape() {
    let schema = js(
        r#"{"type": "object", "required": ["a"], "properties": {"b": {"type": "integer", "minimum": 3}}}"#,
    );
    let result = validate(schema.clone(), js(r#"{"b": 1.5}"#), None).expect("valid schema");
    assert_eq!(
        text(&result),
        concat!(
            r##"{"valid":false,"errors":[{"instancePath":"","schemaPath":"#/required","keyword":"required","##,
            r##""params":{"missingProperty":"a"},"message":"must have required property 'a'"},"##,
            r##"{"instancePath":"/b","schemaPath":"#/properties/b/type","keyword":"type","params":{"type":"integer"},"message":"must be integer"},"##,
            r##"{"instancePath":"/b","schemaPath":"#/properties/b/minimum","keyword":"minimum","params":{"comparison":">=","limit":3},"message":"must be >= 3"}]}"##
        )
    );
    let validator = Validator::new(schema, None).expect("compiles");
    assert_eq!(
        text(&validator.validate(js(r#"{"a": 1, "b": 4}"#))),
        r#"{"valid":true,"errors":[]}"#
    );
    let elsewhere = js(r#"{"$ref": "https://example.com/elsewhere.json"}"#);
    let unsupported = Validator::new(elsewhere.clone(), None)
        .err()
        .expect("throws");
    assert_eq!(
        get(&unsupported, "code").as_string().as_deref(),
        Some("UNSUPPORTED_REF")
    );
    // The same reference, with the document given in `options.schemas`.
    let options = js(r#"{"schemas": {"https://example.com/elsewhere.json": {"type": "integer"}}}"#);
    let registered = Validator::new(elsewhere, Some(options)).expect("compiles");
    assert_eq!(
        text(&registered.validate(js("1.5"))),
        concat!(
            r#"{"valid":false,"errors":[{"instancePath":"","schemaPath":"https://example.com/elsewhere.json#/type","#,
            r#""keyword":"type","params":{"type":"integer"},"message":"must be integer"}]}"#
        )
    );
}

#[wasm_bindgen_test]
fn aps_structures_validate_from_the_seed_document() {
    let doc = migratable_type();
    assert_eq!(
        get(&doc, "name").as_string().as_deref(),
        Some("SubscriptionMigratable")
    );
    let result_validator =
        aps_structure_validator(doc.clone(), "MigrationPreCheckResult".into()).expect("translates");
    assert_eq!(
        get(
            &result_validator.validate(js(r#"{"canMigrate": false, "message": "no"}"#)),
            "valid"
        ),
        JsValue::TRUE
    );
    let invalid = result_validator.validate(js(r#"{"message": 1}"#));
    assert_eq!(get(&invalid, "valid"), JsValue::FALSE);
    let set_validator = aps_structure_validator(doc, "MigrationSet".into()).expect("translates");
    assert_eq!(
        get(&set_validator.validate(request()), "valid"),
        JsValue::TRUE
    );
    assert!(is_aps_id(TARGET.into()));
    assert!(!is_aps_id(JsValue::from(5)));
}

#[wasm_bindgen_test]
fn billing_contracts_validate_batch_and_answer_in_the_vendor_shape() {
    let ids: js_sys::Array = contract_ids().into();
    assert_eq!(ids.length(), 8);
    let fusebill = js(
        r#"{"customerId": 12874295, "planFamilyRelationshipId": 407766,
        "migrationTimingOption": "Now", "scheduledMigrationDate": "2020-05-10"}"#,
    );
    let result =
        validate_contract("fusebill/subscription_migrate".into(), fusebill).expect("known id");
    assert_eq!(get(&result, "valid"), JsValue::FALSE);
    let body = to_vendor_error("fusebill/subscription_migrate".into(), result).expect("known id");
    assert_eq!(
        text(&body),
        r#"{"ErrorId":0,"HttpStatusCode":400,"Errors":[{"Key":"options","Value":"Please do not specify a scheduled migration date when the migration type is now."}]}"#
    );
    let billforward = validate_contract(
        "billforward/migration_request".into(),
        js(r#"{"productRatePlan": "PRP-1"}"#),
    )
    .expect("known id");
    assert_eq!(
        text(&get(&billforward, "value")),
        r#"{"productRatePlan":"PRP-1","invoicingType":"Aggregated","pricingBehaviour":"DifferenceProRated","dryRun":false}"#
    );
    let lines = "{\"from_site\":\"site\",\"entity_type\":\"customer\",\"entity_id\":\"c1\"}\nnot json\n\n{}\n";
    let batch =
        validate_many("chargebee/retrieve_latest".into(), lines.into(), None).expect("known id");
    assert_eq!(get(&batch, "total").as_f64(), Some(3.0));
    assert_eq!(get(&batch, "valid").as_f64(), Some(1.0));
    assert_eq!(get(&batch, "invalid").as_f64(), Some(2.0));
    let first: JsValue = get(&get(&batch, "errors"), "0");
    assert_eq!(get(&first, "line").as_f64(), Some(2.0));
    assert_eq!(get(&first, "keyword").as_string().as_deref(), Some("json"));
    let unknown = validate_contract("nope".into(), js("{}")).expect_err("throws");
    assert_eq!(
        get(&unknown, "code").as_string().as_deref(),
        Some("UNKNOWN_CONTRACT")
    );
}

#[wasm_bindgen_test]
fn pre_check_refuses_a_move_the_billing_platform_is_busy_with() {
    let ctx = context("active", "b1");
    Reflect::set(
        &ctx,
        &"billing".into(),
        &js(r#"{"platform": "billforward", "latest": {"id": "AMD-7", "state": "Pending"}}"#),
    )
    .expect("set");
    let result = migration_pre_check(request(), ctx, None).expect("no throw");
    assert_eq!(
        get(&result, "message").as_string().as_deref(),
        Some("A migration for this subscription is already in progress in BillForward (AMD-7); wait until it has finished or cancel it there.")
    );
}

/// The formats and `pattern` run on the host's RegExp: the same verdicts in Node, Chromium and
/// Firefox, Unicode property escapes and characters beyond the BMP included.
#[wasm_bindgen_test]
fn formats_and_patterns_run_on_the_hosts_regexp() {
    // The test harness has no start function: the host's RegExp is installed here.
    aps_migratable::bindings::install_host();
    let cases = [
        (
            r#"{"format": "email"}"#,
            r#""joe.bloggs@example.com""#,
            true,
        ),
        (
            r#"{"format": "email"}"#,
            r#""\"joe bloggs\"@[IPv6:::1]""#,
            true,
        ),
        (r#"{"format": "email"}"#, r#""not an e-mail""#, false),
        (
            r#"{"format": "iri"}"#,
            r#""http://ƒøø.ßår/?q=\udb80\udc00#𐌀""#,
            true,
        ),
        (
            r#"{"format": "iri"}"#,
            r#""http://[::ffff:192.168.0.01]""#,
            false,
        ),
        (
            r#"{"format": "uri"}"#,
            r#""http://example.com:80/%41?b#c""#,
            true,
        ),
        (
            r#"{"format": "uri"}"#,
            r#""http://a@b@example.com/""#,
            false,
        ),
        (
            r#"{"format": "uri-template"}"#,
            r#""{/path*}{?q,r:3}a\ud83d\ude00""#,
            true,
        ),
        (r#"{"format": "ipv6"}"#, r#""1::2:192.168.256.1""#, false),
        (r#"{"format": "duration"}"#, r#""P1Y2D""#, false),
        (r#"{"format": "regex"}"#, r#""\\p{L}+""#, true),
        (r#"{"format": "regex"}"#, r#""\\a""#, false),
        (r#"{"pattern": "^\\p{Lu}\\p{Ll}+$"}"#, r#""Ärger""#, true),
        (r#"{"pattern": "^.$"}"#, r#""😀""#, true),
        // IDNA2008 over the host's Unicode property escapes (\p{Changes_When_NFKC_Casefolded}, scripts).
        (r#"{"format": "idn-hostname"}"#, r#""실례.테스트""#, true),
        (r#"{"format": "idn-hostname"}"#, r#""l·l""#, true),
        (r#"{"format": "idn-hostname"}"#, r#""a·l""#, false),
        (r#"{"format": "idn-hostname"}"#, r#""A׳ב""#, false),
        (r#"{"format": "idn-hostname"}"#, r#""〮실례.테스트""#, false),
        (
            r#"{"format": "hostname"}"#,
            r#""xn--ihqwcrb4cv8a8dqg056pqjye""#,
            true,
        ),
        (r#"{"format": "hostname"}"#, r#""xn--X""#, false),
        (r#"{"format": "idn-email"}"#, r#""실례@실례.테스트""#, true),
        (r#"{"format": "idn-email"}"#, r#""2962""#, false),
    ];
    for (schema, value, valid) in cases {
        let result = validate(js(schema), js(value), None).expect("valid schema");
        assert_eq!(
            get(&result, "valid").as_bool(),
            Some(valid),
            "{schema} {value}"
        );
    }
}
