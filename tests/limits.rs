//! Input limits through the public API, each just at and just over its documented value.
//!
//! The values are those of docs/limits.md, written out here as literals: the tests hold the module
//! to what is documented, not to whatever src/limits.rs says (a constant changed there fails here).

use aps_migratable::billing::{validate_many, BatchError, BatchOptions, BatchResult};
use aps_migratable::limits;
use aps_migratable::schema::{ValidationError, Validator};
use aps_migratable::value::{parse_error_text, to_text};
use serde_json::{json, Map, Value};

/// JSON text of one value: 16 MiB.
const VALUE_BYTES: usize = 16 * 1024 * 1024;
/// Nesting of arrays and objects in a value: 127 levels (the 128th is refused).
const NESTING_LEVELS: usize = 127;
/// One string: 1 MiB of UTF-8.
const STRING_BYTES: usize = 1024 * 1024;
/// Items in one array, or members in one object.
const ITEMS: usize = 100_000;
/// One NDJSON batch: 64 MiB and 1,000,000 lines.
const BATCH_BYTES: usize = 64 * 1024 * 1024;
const BATCH_LINES: usize = 1_000_000;
/// One NDJSON line: 1 MiB.
const LINE_BYTES: usize = 1024 * 1024;
/// Errors one validate_many call returns, at most.
const BATCH_ERRORS: usize = 100_000;
/// Errors one validation collects.
const ERRORS: usize = 10_000;
/// Nested schemas while validating ($ref hops included).
const SCHEMA_NESTING: usize = 400;
/// Schema nesting at compile time (levels below the root).
const SCHEMA_DEPTH: usize = 256;

const ID: &str = "chargebee/retrieve_latest";

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

fn batch(text: &str, max_errors: usize) -> BatchResult {
    validate_many(ID, text.as_bytes(), BatchOptions { max_errors }).unwrap()
}

/// The (line, keyword, params) of every error of a batch.
fn batch_errors(result: &BatchResult) -> Vec<(usize, &'static str, Value)> {
    result
        .errors
        .iter()
        .map(|e| (e.line, e.error.keyword.name(), e.error.params.to_value()))
        .collect()
}

fn limit_error(limit: &str, max: usize) -> Value {
    json!({ "limit": limit, "max": max })
}

#[test]
fn the_json_text_of_a_value_may_be_16_mib() {
    assert!(limits::check_text(VALUE_BYTES).is_ok());
    let over = limits::check_text(VALUE_BYTES + 1).unwrap_err();
    assert_eq!(
        (over.limit.name(), over.max, over.at.as_str()),
        ("bytes", 16_777_216, "")
    );
    assert_eq!(
        over.message(),
        "input too large: the JSON text is longer than 16777216 bytes"
    );
}

/// `levels` arrays, one inside the other.
fn nested_arrays(levels: usize) -> String {
    format!("{}{}", "[".repeat(levels), "]".repeat(levels))
}

#[test]
fn a_lone_surrogate_is_named_as_such() {
    // How JSON.stringify writes a JS string holding half of a UTF-16 pair: an escape.
    for text in [
        r#""\ud800""#,
        r#""\udc00""#,
        r#""a\ud800b""#,
        r#""\ud800\u0041""#,
    ] {
        let error = serde_json::from_str::<Value>(text).unwrap_err();
        assert!(
            parse_error_text(&error).starts_with(
                "it holds a lone surrogate (half of a UTF-16 pair) or a broken \\u escape (line 1"
            ),
            "{text}: {}",
            parse_error_text(&error)
        );
    }
    // A pair is text; any other error is named as before.
    assert!(serde_json::from_str::<Value>(r#""\ud83d\ude00""#).is_ok());
    let other = serde_json::from_str::<Value>(r#""\x""#).unwrap_err();
    assert!(parse_error_text(&other).starts_with("it is not well-formed JSON"));
}

#[test]
fn values_may_nest_127_levels_and_not_128() {
    assert!(serde_json::from_str::<Value>(&nested_arrays(NESTING_LEVELS)).is_ok());
    let over = serde_json::from_str::<Value>(&nested_arrays(NESTING_LEVELS + 1)).unwrap_err();
    assert_eq!(
        parse_error_text(&over),
        "it is not well-formed JSON or nests 128 levels or more (line 1, column 128)"
    );
    // In a batch: the line at the limit is judged, the one over it is not JSON.
    let text = format!(
        "{}\n{}\n",
        nested_arrays(NESTING_LEVELS),
        nested_arrays(NESTING_LEVELS + 1)
    );
    let keywords: Vec<_> = batch_errors(&batch(&text, 10))
        .into_iter()
        .map(|(line, keyword, _)| (line, keyword))
        .collect();
    assert_eq!(keywords, [(1, "type"), (2, "json")]);
}

#[test]
fn a_string_may_hold_1_mib_of_utf8() {
    for unit in ["x", "é", "😀"] {
        let at_limit = unit.repeat(STRING_BYTES / unit.len());
        assert_eq!(at_limit.len(), 1_048_576);
        let value = json!({ "a": [1, { "b": at_limit.clone() }] });
        assert!(limits::check_value(&value, to_text(&value).len()).is_ok());
        let value = json!({ "a": [1, { "b": format!("{at_limit}{unit}") }] });
        let over = limits::check_value(&value, to_text(&value).len()).unwrap_err();
        assert_eq!(
            (over.limit.name(), over.max, over.at.as_str()),
            ("string", 1_048_576, "/a/1/b")
        );
        assert_eq!(
            over.message(),
            "input too large: a string is longer than 1048576 bytes at /a/1/b"
        );
    }
    // A key counts as a string too.
    let mut map = Map::new();
    map.insert("k".repeat(STRING_BYTES + 1), json!(1));
    let value = json!({ "a": Value::Object(map) });
    let over = limits::check_value(&value, STRING_BYTES + 10).unwrap_err();
    assert_eq!((over.limit.name(), over.at.as_str()), ("string", "/a"));
}

/// A JSON array of `n` zeros, and an object of `n` members.
fn array_text(n: usize) -> String {
    format!("[{}]", vec!["0"; n].join(","))
}
fn object_text(n: usize) -> String {
    let members: Vec<String> = (0..n).map(|i| format!("\"{i}\":0")).collect();
    format!("{{{}}}", members.join(","))
}

#[test]
fn an_array_or_object_may_hold_100000_items() {
    // One NDJSON line each: at the limit the line is judged against the contract (an object is
    // due), over it the line is refused with a `limit` error.
    let judged = |text: String| -> Vec<&'static str> {
        let result = batch(&text, 1);
        assert_eq!((result.total, result.invalid), (1, 1));
        result
            .errors
            .iter()
            .map(|e| e.error.keyword.name())
            .collect()
    };
    assert_eq!(judged(array_text(ITEMS)), ["type"]);
    assert_eq!(
        judged(object_text(ITEMS)),
        ["required"],
        "the first of its errors"
    );
    for text in [array_text(ITEMS + 1), object_text(ITEMS + 1)] {
        let result = batch(&text, 10);
        assert_eq!(
            batch_errors(&result),
            [(1, "limit", limit_error("items", 100_000))]
        );
    }
    let many: Value = serde_json::from_str(&array_text(ITEMS + 1)).unwrap();
    let over = limits::check_value(&many, 2 * ITEMS + 1).unwrap_err();
    assert_eq!(
        (over.limit.name(), over.max, over.at.as_str()),
        ("items", 100_000, "")
    );
    assert_eq!(
        over.message(),
        "input too large: an array or object has more items than 100000"
    );
    let fine: Value = serde_json::from_str(&array_text(ITEMS)).unwrap();
    assert!(limits::check_value(&fine, 2 * ITEMS + 1).is_ok());
}

#[test]
fn a_batch_may_hold_64_mib_and_1000000_lines() {
    let blank = vec![b' '; BATCH_BYTES];
    let result = validate_many(ID, &blank, BatchOptions { max_errors: 10 }).unwrap();
    assert_eq!((result.total, result.invalid), (0, 0));
    let blank = vec![b' '; BATCH_BYTES + 1];
    match validate_many(ID, &blank, BatchOptions { max_errors: 10 }) {
        Err(BatchError::Limit(e)) => assert_eq!((e.limit.name(), e.max), ("bytes", 67_108_864)),
        other => panic!("expected a bytes limit, got {other:?}"),
    }
    let result = batch(&"1\n".repeat(BATCH_LINES), 10);
    assert_eq!(
        (result.total, result.invalid, result.truncated),
        (1_000_000, 1_000_000, true)
    );
    match validate_many(
        ID,
        "1\n".repeat(BATCH_LINES + 1).as_bytes(),
        BatchOptions { max_errors: 10 },
    ) {
        Err(BatchError::Limit(e)) => assert_eq!((e.limit.name(), e.max), ("lines", 1_000_000)),
        other => panic!("expected a lines limit, got {other:?}"),
    }
}

#[test]
fn a_line_may_be_1_mib() {
    // {"from_site":"xx…"}: 16 bytes around the string.
    let line = |len: usize| format!(r#"{{"from_site":"{}"}}"#, "x".repeat(len - 16));
    assert_eq!(line(LINE_BYTES).len(), 1_048_576);
    let good = r#"{"from_site":"site","entity_type":"customer","entity_id":"c1"}"#;
    let text = format!(
        "{good}\n{}\n{}\n{good}\n",
        line(LINE_BYTES),
        line(LINE_BYTES + 1)
    );
    let result = batch(&text, 100);
    assert_eq!((result.total, result.valid, result.invalid), (4, 2, 2));
    let keywords: Vec<_> = batch_errors(&result)
        .into_iter()
        .map(|(line, keyword, params)| (line, keyword, params.get("limit").cloned()))
        .collect();
    assert_eq!(
        keywords,
        [
            (2, "required", None),
            (2, "required", None),
            (2, "maxLength", Some(json!(50))),
            (3, "limit", Some(json!("lineBytes"))),
        ]
    );
    assert_eq!(
        result.errors[3].error.params.to_value(),
        limit_error("lineBytes", 1_048_576)
    );
}

#[test]
fn a_batch_returns_at_most_100000_errors() {
    let result = batch(&"1\n".repeat(BATCH_ERRORS), usize::MAX);
    assert_eq!((result.errors.len(), result.truncated), (100_000, false));
    let result = batch(&"1\n".repeat(BATCH_ERRORS + 1), usize::MAX);
    assert_eq!(
        (result.errors.len(), result.truncated, result.invalid),
        (100_000, true, 100_001)
    );
}

#[test]
fn one_validation_collects_10000_errors_then_a_limit_error() {
    let validator = Validator::new(&json!({"items": {"type": "string"}})).unwrap();
    let ints = |n: usize| Value::Array((0..n).map(|i| json!(i)).collect());
    let errors = validator.errors(&ints(ERRORS));
    assert_eq!(errors.len(), 10_000);
    assert!(errors.iter().all(|e| e.keyword.name() == "type"));
    let errors = validator.errors(&ints(ERRORS + 1));
    assert_eq!(errors.len(), 10_001);
    let last = errors.last().unwrap();
    assert_eq!(
        (last.keyword.name(), &last.params.to_value()),
        ("limit", &limit_error("errors", 10_000))
    );
    assert_eq!(last.message, "validation stopped after 10000 errors");
    assert!(!validator.is_valid(&ints(ERRORS + 1)));
}

/// `levels` arrays, one inside the other, built directly (no parser, so deeper than 127 is possible).
fn nested_values(levels: usize) -> Value {
    let mut value = json!([]);
    for _ in 1..levels {
        value = Value::Array(vec![value]);
    }
    value
}

fn depth_errors(errors: &[ValidationError]) -> Vec<Value> {
    errors
        .iter()
        .filter(|e| e.keyword.name() == "limit")
        .map(|e| e.params.to_value())
        .collect()
}

/// Under `{"items": {"allOf": [{"$ref": "#"}]}}` each level of the value nests four schemas (the
/// schema, its `items`, the `allOf` member and the `$ref` hop): 100 levels nest exactly 400, 101
/// levels would nest 404.
#[test]
fn validation_nests_at_most_400_schemas() {
    with_big_stack(|| {
        let validator = Validator::new(&json!({"items": {"allOf": [{"$ref": "#"}]}})).unwrap();
        assert_eq!(SCHEMA_NESTING / 4, 100);
        assert!(validator.errors(&nested_values(100)).is_empty());
        assert!(validator.is_valid(&nested_values(100)));
        let errors = validator.errors(&nested_values(101));
        assert_eq!(depth_errors(&errors), [limit_error("depth", 400)]);
        assert_eq!(
            errors.last().unwrap().message,
            "validation stopped at 400 nested schemas: the schema recurses too deeply for this value"
        );
        assert!(!validator.is_valid(&nested_values(101)));
        // A schema that branches without descending into the value stops there too, also under not.
        let branching = json!({"anyOf": [{"$ref": "#"}, {"$ref": "#"}]});
        for schema in [branching.clone(), json!({"not": branching})] {
            let errors = Validator::new(&schema).unwrap().errors(&json!(1));
            assert_eq!(
                errors.last().unwrap().params.to_value(),
                limit_error("depth", 400)
            );
        }
    });
}

/// A chain of `hops` `$ref`s below the root: the last target lies `hops + 1` levels down.
fn ref_chain(hops: usize) -> Value {
    let mut definitions = Map::new();
    for i in 0..hops {
        definitions.insert(
            format!("c{i}"),
            json!({"$ref": format!("#/definitions/c{}", i + 1)}),
        );
    }
    definitions.insert(format!("c{hops}"), json!({"type": "integer"}));
    json!({"$ref": "#/definitions/c0", "definitions": definitions})
}

#[test]
fn a_schema_may_nest_256_levels_when_compiled() {
    // 255 hops: the integer schema lies 256 levels below the root, and compiles. (Validating with
    // it stops at the nesting limit above, since every hop is two nested schemas there.)
    assert!(Validator::new(&ref_chain(SCHEMA_DEPTH - 1)).is_ok());
    let refused = Validator::new(&ref_chain(SCHEMA_DEPTH)).unwrap_err();
    assert_eq!(refused.code.name(), "SCHEMA_TOO_DEEP");
    assert_eq!(refused.schema_path, "#/definitions/c256");
    assert!(
        refused
            .message
            .contains("schema nesting exceeds 256 levels"),
        "{}",
        refused.message
    );
}

#[test]
fn many_refs_compile_in_linear_time_and_loops_are_refused() {
    // 20,000 definitions, each a short chain to one target: every node is followed once.
    let mut definitions = Map::new();
    for i in 0..20_000 {
        definitions.insert(format!("d{i}"), json!({"$ref": "#/definitions/hop"}));
    }
    definitions.insert("hop".to_owned(), json!({"$ref": "#/definitions/target"}));
    definitions.insert("target".to_owned(), json!({"type": "integer"}));
    let validator =
        Validator::new(&json!({"$ref": "#/definitions/d0", "definitions": definitions})).unwrap();
    assert!(validator.is_valid(&json!(3)));
    assert!(!validator.is_valid(&json!("3")));
    let looped = json!({"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}});
    assert_eq!(
        Validator::new(&looped).unwrap_err().code.name(),
        "INVALID_SCHEMA"
    );
}

/// `{"items": {"allOf": [true × 49]}}` visits fifty schemas per item (the items schema and its 49
/// members) and a couple more for the array: 99,999 items stay about fifty visits under the budget
/// of 5,000,000, and 100,000 items (still within the items limit) go about fifty over it.
#[test]
fn one_validation_visits_at_most_5000000_schemas() {
    let validator = Validator::new(&json!({"items": {"allOf": vec![json!(true); 49]}})).unwrap();
    let zeros = |n: usize| Value::Array(vec![json!(0); n]);
    assert!(validator.errors(&zeros(99_999)).is_empty());
    let errors = validator.errors(&zeros(100_000));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].params.to_value(), limit_error("steps", 5_000_000));
    assert!(!validator.is_valid(&zeros(100_000)));
}
