//! The engine: any schema × any value. Input: `schema JSON` NUL `value JSON` (NUL never occurs
//! in JSON text). Without a NUL the schema is validated against itself.
#![no_main]
use aps_migratable::schema::Validator;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(2, |b| *b == 0);
    let schema_bytes = parts.next().unwrap_or_default();
    let Ok(schema) = serde_json::from_slice::<Value>(schema_bytes) else {
        return;
    };
    let value = match parts.next() {
        None => schema.clone(),
        Some(bytes) => match serde_json::from_slice(bytes) {
            Ok(value) => value,
            // Text that is not JSON is still a value: a string.
            Err(_) => Value::String(String::from_utf8_lossy(bytes).into_owned()),
        },
    };
    let Ok(validator) = Validator::new(&schema) else {
        return;
    };
    let errors = validator.errors(&value);
    // Validity while parsing accepts only what the tree accepts (a text that is not JSON, never),
    // and refuses only what the tree refuses (a text that is not JSON for the tree's reader
    // either, or a value with an error).
    if let Some(bytes) = data.splitn(2, |b| *b == 0).nth(1) {
        if validator.is_valid_text(bytes) {
            assert!(
                serde_json::from_slice::<Value>(bytes).is_ok() && errors.is_empty(),
                "valid while parsing, not on the tree: {errors:?}"
            );
        }
        let mut buffers = aps_migratable::schema::TextBuffers::default();
        if validator.judge_text_with(bytes, &mut buffers) == aps_migratable::schema::TextVerdict::Invalid {
            if let Ok(tree) = aps_migratable::exact::from_slice(bytes) {
                assert!(!validator.is_valid(&tree), "invalid while parsing, valid on the tree");
            }
        }
    }
    // The short-circuiting check and the collecting one must agree.
    assert_eq!(
        validator.is_valid(&value),
        errors.is_empty(),
        "is_valid disagrees with errors(): {errors:?}"
    );
    let report = serde_json::to_value(validator.report(&value)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["valid"], Value::Bool(errors.is_empty()));
    for error in &errors {
        let _ = error.to_value();
    }
    // Defaults: filling them in must terminate and give a value the engine can judge again.
    let filled = validator.with_defaults(&value);
    let _ = validator.errors(&filled);
    let _ = aps_migratable::value::to_text(&filled);
});
