//! Times the pre-check natively, split into its parts, to see where a call's time goes
//! (`cargo run --release --example profile_precheck`). The JS-side numbers are in bench/.

use aps_migratable::precheck::context::Context;
use aps_migratable::precheck::{Answer, PreChecker};
use aps_migratable::schema::Validator;
use serde_json::{json, Value};
use std::time::Instant;

fn time(label: &str, runs: u32, mut f: impl FnMut()) {
    for _ in 0..runs / 10 {
        f();
    }
    let start = Instant::now();
    for _ in 0..runs {
        f();
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / f64::from(runs);
    println!("{label:<40} {per:>8.2} µs");
}

fn main() {
    let context = json!({
        "now": "2026-11-21T10:00:00Z",
        "subscription": {"id": "11111111-1111-4111-8111-111111111111", "ownerAccountId": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "state": "active", "name": "Mail 25"},
        "sourceAccount": {"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "kind": "customer", "vendorId": 1, "brandId": "b1", "status": "active"},
        "targetAccount": {"id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "kind": "customer", "vendorId": 1, "brandId": "b1", "status": "active"},
        "orders": [{"id": "SO-1", "state": "completed"}]
    });
    // REFUSED=1: the bench's refused context (seven failed rules, a Fusebill request).
    let refused = json!({
        "now": "2026-11-21T10:00:00Z",
        "subscription": {"id": "11111111-1111-4111-8111-111111111111", "ownerAccountId": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "name": "Mail 25", "state": "changing_plan"},
        "sourceAccount": {"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "kind": "customer", "vendorId": 1, "brandId": "b1", "status": "active"},
        "targetAccount": {"id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "kind": "customer", "vendorId": 1, "brandId": "b2", "status": "suspended"},
        "orders": [{"id": "SO-1", "state": "completed"}, {"id": "SO-2", "state": "processing"}, {"id": 7, "state": "Pending"}],
        "dependentSubscriptions": [{"id": "22222222-2222-4222-8222-222222222222", "name": "Web 5", "reason": "shared_domains"}],
        "billing": {
            "platform": "fusebill",
            "latest": {"customerId": 12874295, "planFamilyRelationshipId": 407766, "migrationTimingOption": "SpecificDate", "scheduledMigrationDate": "2026-12-01"},
            "request": {"customerId": 12874295, "planFamilyRelationshipId": 407766, "migrationTimingOption": "Now", "scheduledMigrationDate": "2026-12-01"}
        }
    });
    let context = if std::env::var("REFUSED").is_ok_and(|r| r == "1") {
        refused
    } else {
        context
    };
    let request = json!({"targetAccount": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"});
    let checker = PreChecker::new(&Value::Null).unwrap_or_else(|e| panic!("{e}"));
    let text = serde_json::to_string(&context).unwrap_or_else(|e| panic!("{e}"));
    let request_text = serde_json::to_vec(&request).unwrap_or_else(|e| panic!("{e}"));
    let schema = aps_migratable::precheck::context_schema();
    let validator = Validator::new(&schema).unwrap_or_else(|e| panic!("{e}"));
    let runs: u32 = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200_000);
    time("check (whole)", runs, || {
        let _ = checker.check(&request, &context);
    });
    // What the JS API calls: both arguments as JSON text.
    time("check_json (whole, from text)", runs, || {
        let _ = checker.check_json(Some(&request_text), text.as_bytes());
    });
    if std::env::var("ONLY").is_ok_and(|o| o == "check") {
        return;
    }
    time("parse context text", 200_000, || {
        let _: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    });
    time("context types: from text", 200_000, || {
        let _ = serde_json::from_str::<Context>(&text);
    });
    time("context schema: errors()", 200_000, || {
        let _ = validator.errors(&context);
    });
    time("context schema: with_defaults()", 200_000, || {
        let _ = validator.with_defaults(&context);
    });
    time("result to text", 200_000, || {
        let _ = serde_json::to_string(&Answer::Allowed);
    });
}
