//! The pre-check: any migrationSet, context and policy. Input: `migrationSet` NUL `context` NUL
//! `policy`. A part that is not JSON becomes a string (as a JS caller could pass one); an empty
//! or missing context is a known good one, so that mutations of the other parts reach the rules.
#![no_main]
use aps_migratable::precheck::PreChecker;
use libfuzzer_sys::fuzz_target;
use aps_migratable::json::{self, Value};

const GOOD_CONTEXT: &str = r#"{"now": "2026-11-21T10:00:00Z",
    "subscription": {"id": "11111111-1111-4111-8111-111111111111",
        "ownerAccountId": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "state": "active", "name": "Mail 25"},
    "sourceAccount": {"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "kind": "customer", "vendorId": 1,
        "brandId": "b1", "status": "active"},
    "targetAccount": {"id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "kind": "customer", "vendorId": 1,
        "brandId": "b1", "status": "active"}}"#;

fn value(bytes: &[u8]) -> Value {
    json::from_slice(bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0);
    let migration_set = value(parts.next().unwrap_or_default());
    let context = match parts.next() {
        None | Some(b"") => json::from_str(GOOD_CONTEXT).unwrap_or(Value::Null),
        Some(bytes) => value(bytes),
    };
    let policy = match parts.next() {
        None | Some(b"") => Value::Null,
        Some(bytes) => value(bytes),
    };
    let checker = match PreChecker::new(&policy) {
        Ok(checker) => checker,
        Err(e) => {
            assert_eq!(e.code, "INVALID_POLICY", "{e:?}");
            assert!(!e.message.is_empty());
            return;
        }
    };
    let checked = checker.check(&migration_set, &context);
    let explained = checker.explain(&migration_set, &context);
    match (checked, explained) {
        (Ok(result), Ok(report)) => {
            assert_eq!(result, report.result());
            let _ = report.to_json();
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
            assert_eq!(a, b);
            assert_eq!(a.code, "INVALID_CONTEXT", "{a:?}");
        }
        (a, b) => panic!(
            "check and explain disagree: {a:?} / {:?}",
            b.map(|r| r.to_json())
        ),
    }
});
