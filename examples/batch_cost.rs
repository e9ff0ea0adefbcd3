//! Where a batch's time goes, natively: `cargo run --release --example batch_cost <contract>
//! <file.ndjson>` times `validate_many` on the file, then its parts: serde_json alone (skipping
//! every value), the validity while parsing of every line, and the tree (parse into a value,
//! then validate it). Best of 5 runs each. With `BATCH_COST_STREAM_ONLY` set it runs only the
//! validity while parsing, five times, for a profiler (`perf record`).

use aps_migratable::billing::{contracts, validate_many, BatchOptions, ContractId};
use std::time::Instant;

fn best(mut f: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn lines(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    aps_migratable::billing::lines::lines(text)
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(id), Some(file)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: batch_cost <contract> <file.ndjson>");
        std::process::exit(2);
    };
    let text = std::fs::read(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let contract = ContractId::parse(id).unwrap_or_else(|e| panic!("{}", e.message()));
    let validator = contracts::validator(contract).unwrap_or_else(|e| panic!("{e:?}"));
    let mb = text.len() as f64 / 1e6;
    let report =
        |what: &str, ms: f64| println!("{what:<40} {ms:8.1} ms {:8.1} MB/s", mb / ms * 1e3);
    let mut buffers = aps_migratable::schema::TextBuffers::default();
    if std::env::var_os("BATCH_COST_STREAM_ONLY").is_some() {
        for _ in 0..5 {
            for line in lines(&text) {
                std::hint::black_box(validator.is_valid_text_with(line, &mut buffers));
            }
        }
        return;
    }
    let mut result = None;
    report(
        "validate_many",
        best(|| result = validate_many(id, &text, BatchOptions::default()).ok()),
    );
    let valid = lines(&text).filter(|l| validator.is_valid_text(l)).count();
    report(
        "serde_json, skipping every value",
        best(|| {
            for line in lines(&text) {
                let _ = serde_json::from_slice::<serde::de::IgnoredAny>(line);
            }
        }),
    );
    report(
        "validity while parsing, every line",
        best(|| {
            for line in lines(&text) {
                std::hint::black_box(validator.is_valid_text_with(line, &mut buffers));
            }
        }),
    );
    report(
        "tree: parse, then validate, every line",
        best(|| {
            for line in lines(&text) {
                if let Ok(value) = serde_json::from_slice::<serde_json::Value>(line) {
                    std::hint::black_box(validator.is_valid(&value));
                }
            }
        }),
    );
    if let Some(r) = result {
        println!(
            "{} lines, {} valid ({valid} while parsing), {} invalid",
            r.total, r.valid, r.invalid
        );
    }
}
