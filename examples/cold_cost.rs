//! What a check costs with cold caches, natively: `cargo run --release --example cold_cost
//! <context.json> [MiB]` touches a buffer of that many MiB (one byte in 64) before each call, as
//! a server's other work does between two requests (a profile aid, like custom_rule_cost).

use aps_migratable::precheck::PreChecker;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let Some(context) = args.get(1) else {
        return Err("usage: cold_cost <context.json> [MiB]".into());
    };
    let mib: usize = args.get(2).map_or(Ok(4), |s| s.parse())?;
    let context = std::fs::read(context)?;
    let checker = PreChecker::new(&serde_json::json!({})).map_err(|e| e.message)?;
    let set = br#"{"targetAccount":"aaaaaaaa-0000-4000-8000-000000000002"}"#;
    let mut buffer = vec![0u8; mib << 20];
    for _ in 0..20_000 {
        std::hint::black_box(checker.check_json(Some(set), &context).is_ok());
    }
    let calls = 3_000u32;
    let mut total = 0.0;
    for _ in 0..calls {
        for byte in buffer.iter_mut().step_by(64) {
            *byte = byte.wrapping_add(1);
        }
        std::hint::black_box(&buffer);
        let start = Instant::now();
        std::hint::black_box(checker.check_json(Some(set), &context).is_ok());
        total += start.elapsed().as_secs_f64();
    }
    println!("{mib} MiB: {:.2} µs", total * 1e6 / f64::from(calls));
    Ok(())
}
