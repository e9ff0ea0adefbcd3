//! Input limits (src/limits.rs): no input may make validation hang or memory grow unbounded.

use aps_migratable::billing::{validate_many, BatchError};
use aps_migratable::json;
use aps_migratable::json::Value;
use aps_migratable::limits::{
    self, MAX_BATCH_LINES, MAX_ERRORS, MAX_ITEMS, MAX_LINE_BYTES, MAX_STRING_BYTES,
};
use aps_migratable::schema::Validator;

/// Runs `f` on a thread with a large stack: unoptimised (debug) test builds use far larger
/// frames than the release wasm build.
fn with_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

/// Each level tries both branches on the same value: 2^depth evaluations without a limit.
/// The nesting limit stops it at the first path that reaches it; the step budget (for schemas
/// that branch widely without nesting) is exercised against the release build in
/// tests/js/limits.test.mjs, because an unoptimised build needs tens of seconds for it.
#[test]
fn a_schema_that_branches_without_descending_stops_at_the_nesting_limit() {
    with_big_stack(|| {
        let schema = json!({"anyOf": [{"$ref": "#"}, {"$ref": "#"}]});
        let validator = Validator::new(&schema).unwrap();
        for errors in [
            validator.errors(&json!(1)),
            Validator::new(&json!({"not": schema}))
                .unwrap()
                .errors(&json!(1)),
        ] {
            let last = errors.last().unwrap();
            assert_eq!(last.keyword, "limit");
            assert_eq!(
                last.params,
                json!({"limit": "depth", "max": limits::MAX_NESTING})
            );
        }
        assert!(!validator.is_valid(&json!(1)));
    });
}

/// A value 126 levels deep under a recursive schema stays within the nesting limit.
#[test]
fn deep_values_under_recursive_schemas_validate() {
    with_big_stack(|| {
        let mut value = json!({});
        for _ in 0..125 {
            value = json!({ "a": value });
        }
        let validator = Validator::new(&json!({"properties": {"a": {"$ref": "#"}}})).unwrap();
        assert!(validator.errors(&value).is_empty());
        let required =
            Validator::new(&json!({"properties": {"a": {"$ref": "#"}}, "required": ["a"]}))
                .unwrap();
        let errors = required.errors(&value);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].keyword, "required");
    });
}

#[test]
fn errors_are_capped_with_a_final_limit_error() {
    let validator = Validator::new(&json!({"items": {"type": "string"}})).unwrap();
    let value = Value::Array((0..MAX_ERRORS + 500).map(|i| json!(i)).collect());
    let errors = validator.errors(&value);
    assert_eq!(errors.len(), MAX_ERRORS + 1);
    let last = errors.last().unwrap();
    assert_eq!(last.keyword, "limit");
    assert_eq!(last.params, json!({"limit": "errors", "max": MAX_ERRORS}));
    assert_eq!(
        last.message,
        format!("validation stopped after {MAX_ERRORS} errors")
    );
}

#[test]
fn many_refs_compile_in_linear_time_and_deep_chains_are_refused() {
    // 20,000 definitions, each a short chain to one target: every node is followed once.
    let n = 20_000;
    let mut definitions = json::Map::new();
    for i in 0..n {
        definitions.insert(format!("d{i}"), json!({"$ref": "#/definitions/hop"}));
    }
    definitions.insert("hop".to_owned(), json!({"$ref": "#/definitions/target"}));
    definitions.insert("target".to_owned(), json!({"type": "integer"}));
    let schema = json!({"$ref": "#/definitions/d0", "definitions": definitions});
    let validator = Validator::new(&schema).unwrap();
    assert!(validator.is_valid(&json!(3)));
    assert!(!validator.is_valid(&json!("3")));
    // A chain deeper than the schema nesting limit is refused, not followed.
    let mut chain = json::Map::new();
    for i in 0..1000 {
        chain.insert(
            format!("c{i}"),
            json!({"$ref": format!("#/definitions/c{}", i + 1)}),
        );
    }
    chain.insert("c1000".to_owned(), json!(true));
    let deep = json!({"$ref": "#/definitions/c0", "definitions": chain});
    assert_eq!(Validator::new(&deep).unwrap_err().code, "SCHEMA_TOO_DEEP");
    let looped = json!({"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}});
    assert_eq!(Validator::new(&looped).unwrap_err().code, "INVALID_SCHEMA");
}

#[test]
fn strings_and_collections_over_the_limits_are_refused_with_their_place() {
    let long = "x".repeat(MAX_STRING_BYTES + 1);
    let value = json!({"a": [1, {"b": long}]});
    let text_len = json::to_text(&value).len();
    let exceeded = limits::check_value(&value, text_len).unwrap_err();
    assert_eq!(
        (exceeded.limit, exceeded.max, exceeded.at.as_str()),
        ("string", MAX_STRING_BYTES, "/a/1/b")
    );
    assert_eq!(
        exceeded.message(),
        format!("input too large: a string is longer than {MAX_STRING_BYTES} bytes at /a/1/b")
    );
    let many = Value::Array(vec![json!(0); MAX_ITEMS + 1]);
    let exceeded = limits::check_value(&many, 2 * (MAX_ITEMS + 1)).unwrap_err();
    assert_eq!((exceeded.limit, exceeded.at.as_str()), ("items", ""));
    let fine = Value::Array(vec![json!(0); MAX_ITEMS]);
    assert!(limits::check_value(&fine, 2 * MAX_ITEMS).is_ok());
    assert!(limits::check_text(limits::MAX_VALUE_BYTES).is_ok());
    assert_eq!(
        limits::check_text(limits::MAX_VALUE_BYTES + 1)
            .unwrap_err()
            .limit,
        "bytes"
    );
}

const ID: &str = "chargebee/retrieve_latest";

#[test]
fn a_line_longer_than_the_limit_is_an_error_on_that_line() {
    let good = r#"{"from_site":"site","entity_type":"customer","entity_id":"c1"}"#;
    let long = format!(r#"{{"from_site":"{}"}}"#, "x".repeat(MAX_LINE_BYTES));
    let batch = format!("{good}\n{long}\n{good}\n");
    let result = validate_many(ID, batch.as_bytes(), 100).unwrap();
    assert_eq!((result.total, result.valid, result.invalid), (3, 2, 1));
    let (line, error) = &result.errors[0];
    assert_eq!((*line, error.keyword), (2, "limit"));
    assert_eq!(
        error.params,
        json!({"limit": "lineBytes", "max": MAX_LINE_BYTES})
    );
}

#[test]
fn a_batch_over_the_line_or_byte_limit_is_refused_whole() {
    let lines = "1\n".repeat(MAX_BATCH_LINES + 1);
    match validate_many(ID, lines.as_bytes(), 10) {
        Err(BatchError::Limit(e)) => assert_eq!((e.limit, e.max), ("lines", MAX_BATCH_LINES)),
        other => panic!("expected a lines limit, got {other:?}"),
    }
    let exactly = "1\n".repeat(MAX_BATCH_LINES);
    let result = validate_many(ID, exactly.as_bytes(), 10).unwrap();
    assert_eq!(
        (result.total, result.invalid, result.truncated),
        (MAX_BATCH_LINES, MAX_BATCH_LINES, true)
    );
    let big = vec![b' '; limits::MAX_BATCH_BYTES + 1];
    match validate_many(ID, &big, 10) {
        Err(BatchError::Limit(e)) => assert_eq!(e.limit, "bytes"),
        other => panic!("expected a bytes limit, got {other:?}"),
    }
}

#[test]
fn max_errors_is_capped() {
    let lines = "1\n".repeat(limits::MAX_BATCH_ERRORS + 10);
    let result = validate_many(ID, lines.as_bytes(), usize::MAX).unwrap();
    assert_eq!(result.errors.len(), limits::MAX_BATCH_ERRORS);
    assert!(result.truncated);
    assert_eq!(result.invalid, limits::MAX_BATCH_ERRORS + 10);
}
