//! The APS type dialect: any type document × structure name. Input: `type document JSON` NUL
//! `structure name` [NUL `value JSON`]. Without a name every structure of the document is
//! translated; without a value the document itself is validated.
#![no_main]
use aps_migratable::aps::{structure_schema, structure_validator};
use aps_migratable::schema::Validator;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0);
    let Ok(document) = serde_json::from_slice::<Value>(parts.next().unwrap_or_default()) else {
        return;
    };
    let names: Vec<String> = match parts.next() {
        Some(name) => vec![String::from_utf8_lossy(name).into_owned()],
        None => {
            let mut names: Vec<String> = document
                .get("structures")
                .and_then(Value::as_object)
                .map(|s| s.keys().take(8).cloned().collect())
                .unwrap_or_default();
            names.push("MigrationSet".to_owned());
            names
        }
    };
    let value = match parts.next() {
        Some(bytes) => serde_json::from_slice(bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned())),
        None => document.clone(),
    };
    for name in &names {
        let schema = structure_schema(&document, name);
        let validator = structure_validator(&document, name);
        match (&schema, &validator) {
            (Ok(schema), Ok(validator)) => {
                // The translation is a schema the engine compiles to the same verdicts.
                let again = Validator::new(schema).unwrap_or_else(|e| panic!("{e:?}"));
                let errors = validator.errors(&value);
                assert_eq!(errors, again.errors(&value));
                assert_eq!(validator.is_valid(&value), errors.is_empty());
                let _ = validator.with_defaults(&value);
            }
            (Ok(_), Err(_)) => {} // translated, but uses a keyword the engine refuses
            (Err(a), Err(b)) => assert_eq!(a, b),
            (Err(e), Ok(_)) => panic!("validator without a schema: {e:?}"),
        }
    }
});
