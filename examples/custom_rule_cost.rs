//! What a custom rule costs a check, by step: `cargo run --release --example custom_rule_cost
//! <context.json> <policy.json>` (a profile aid, like profile_precheck; not a test).

use aps_migratable::precheck::PreChecker;
use aps_migratable::schema::Validator;
use std::time::Instant;

fn per_call(label: &str, n: u32, mut f: impl FnMut()) {
    for _ in 0..n / 10 {
        f();
    }
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    println!(
        "{label}: {:.2} µs",
        start.elapsed().as_secs_f64() * 1e6 / f64::from(n)
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(context), Some(policy)) = (args.get(1), args.get(2)) else {
        return Err("usage: custom_rule_cost <context.json> <policy.json>".into());
    };
    let context = std::fs::read(context)?;
    let policy: serde_json::Value = serde_json::from_slice(&std::fs::read(policy)?)?;
    let with_rule = PreChecker::new(&policy).map_err(|e| e.message)?;
    let built_in = PreChecker::new(&serde_json::json!({})).map_err(|e| e.message)?;
    let set = br#"{"targetAccount":"aaaaaaaa-0000-4000-8000-000000000002"}"#;
    let n = 50_000;
    per_call("check, built-in rules", n, || {
        let _ = built_in.check_json(Some(set), &context);
    });
    per_call("check, with the custom rule", n, || {
        let _ = with_rule.check_json(Some(set), &context);
    });
    let value: serde_json::Value = serde_json::from_slice(&context)?;
    per_call("parse the context to a value", n, || {
        let _: serde_json::Value = serde_json::from_slice(&context).unwrap_or_default();
    });
    let schema =
        Validator::new(&aps_migratable::precheck::context_schema()).map_err(|e| e.message)?;
    per_call("with_defaults", n, || {
        let _ = schema.with_defaults(&value);
    });
    per_call("clone the value", n, || {
        let _ = value.clone();
    });
    Ok(())
}
