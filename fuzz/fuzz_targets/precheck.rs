//! The pre-check: any migrationSet, context and policy. Input: `migrationSet` NUL `context` NUL
//! `policy`. A part that is not JSON becomes a string (as a JS caller could pass one); an empty
//! or missing context is a known good one, so that mutations of the other parts reach the rules.
#![no_main]
use aps_migratable::precheck::{context_schema, ContextInputError, PreChecker, PrecheckErrorCode};
use aps_migratable::schema::Validator;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::sync::OnceLock;

const GOOD_CONTEXT: &str = r#"{"now": "2026-11-21T10:00:00Z",
    "subscription": {"id": "11111111-1111-4111-8111-111111111111",
        "ownerAccountId": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "state": "active", "name": "Mail 25"},
    "sourceAccount": {"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "kind": "customer", "vendorId": 1,
        "brandId": "b1", "status": "active"},
    "targetAccount": {"id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "kind": "customer", "vendorId": 1,
        "brandId": "b1", "status": "active"}}"#;

/// The context schema, compiled once.
fn context_validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| Validator::new(&context_schema()).unwrap_or_else(|e| panic!("{e}")))
}

fn value(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0);
    let migration_set = value(parts.next().unwrap_or_default());
    let context_text = match parts.next() {
        None | Some(b"") => GOOD_CONTEXT.as_bytes(),
        Some(bytes) => bytes,
    };
    let context = value(context_text);
    let policy = match parts.next() {
        None | Some(b"") => Value::Null,
        Some(bytes) => value(bytes),
    };
    let checker = match PreChecker::new(&policy) {
        Ok(checker) => checker,
        Err(e) => {
            assert_eq!(e.code, PrecheckErrorCode::InvalidPolicy, "{e:?}");
            assert!(!e.message.is_empty());
            return;
        }
    };
    let checked = checker.check(&migration_set, &context);
    let explained = checker.explain(&migration_set, &context);
    match (&checked, explained) {
        (Ok(answer), Ok(report)) => {
            // Only a context its schema accepts is judged: the types that read it on the fast
            // path must not be looser than the schema.
            assert!(
                context_validator().is_valid(&context),
                "judged a context its schema refuses: {context}"
            );
            assert_eq!(*answer, report.answer());
            assert_eq!(report.can_migrate, report.failed.is_empty());
            let _ = serde_json::to_value(&report);
            let result = serde_json::to_value(answer).unwrap_or_else(|e| panic!("{e}"));
            match (&result["canMigrate"], result.get("message")) {
                (Value::Bool(true), None) => assert!(report.failed.is_empty()),
                (Value::Bool(false), Some(Value::String(message))) => {
                    assert!(!report.failed.is_empty());
                    assert!(!message.is_empty());
                    // The message names every refusal.
                    for failure in &report.failed {
                        assert!(
                            message.contains(&failure.message),
                            "{message:?} lacks {:?}",
                            failure.message
                        );
                    }
                }
                other => panic!("not a MigrationPreCheckResult: {result} ({other:?})"),
            }
            let object = result.as_object().map(|o| o.len()).unwrap_or(0);
            assert!(object == 1 || object == 2, "{result}");
        }
        (Err(a), Err(b)) => {
            assert_eq!(*a, b);
            assert_eq!(a.code, PrecheckErrorCode::InvalidContext, "{a:?}");
        }
        (a, b) => panic!(
            "check and explain disagree: {a:?} / {:?}",
            b.map(|r| serde_json::to_value(&r).ok())
        ),
    }
    // The context as JSON text (the path the JS API takes) is judged as the parsed value is
    // (a repeated key keeps its last value in both). Text that is not JSON is left out: the
    // value path judges it as a string. Limits are checked on the text path alone.
    if serde_json::from_slice::<Value>(context_text).is_err() {
        return;
    }
    let set_text = serde_json::to_vec(&migration_set).unwrap_or_else(|e| panic!("{e}"));
    match (checker.check_json(Some(&set_text), context_text), checked) {
        (Ok(fast), Ok(slow)) => assert_eq!(fast, slow),
        (Err(ContextInputError::Invalid(fast)), Err(slow)) => assert_eq!(fast, slow),
        (Err(ContextInputError::Limit(_)), _) => {}
        (fast, slow) => panic!("check_json and check disagree: {fast:?} / {slow:?}"),
    }
});
