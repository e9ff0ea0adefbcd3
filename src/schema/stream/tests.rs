use crate::schema::Validator;
use serde_json::json;

fn streamed(schema: serde_json::Value, text: &str) -> bool {
    let validator = Validator::new(&schema).unwrap();
    validator.is_valid_text(text.as_bytes())
}

#[test]
fn accepts_only_what_the_tree_accepts() {
    let schema = json!({
        "type": "object",
        "required": ["a", "b"],
        "additionalProperties": false,
        "properties": {"a": {"type": "integer", "minimum": 1}, "b": {"enum": ["x", "y"]},
                        "c": {"type": "array", "items": {"type": "string"}, "maxItems": 2}}
    });
    assert!(streamed(
        schema.clone(),
        r#"{"a": 2, "b": "x", "c": ["p", "q"]}"#
    ));
    assert!(!streamed(schema.clone(), r#"{"a": 0, "b": "x"}"#));
    assert!(!streamed(schema.clone(), r#"{"a": 2}"#));
    assert!(!streamed(schema.clone(), r#"{"a": 2, "b": "z"}"#));
    assert!(!streamed(schema.clone(), r#"{"a": 2, "b": "x", "d": 1}"#));
    assert!(!streamed(
        schema.clone(),
        r#"{"a": 2, "b": "x", "c": ["p", "q", "r"]}"#
    ));
    assert!(!streamed(schema.clone(), r#"{"a": 2, "b": "x", "c": [1]}"#));
    assert!(!streamed(schema.clone(), r#"[]"#));
    assert!(!streamed(schema, r#"{"a": 2, "b": "x"} x"#));
}

#[test]
fn in_place_applicators() {
    let schema = json!({
        "allOf": [{"if": {"properties": {"t": {"const": "S"}}, "required": ["t"]},
                   "then": {"required": ["d"]}}],
        "anyOf": [{"required": ["x"]}, {"required": ["y"]}],
        "not": {"required": ["z"]},
        "oneOf": [{"properties": {"x": {"type": "string"}}}, {"properties": {"x": {"type": "integer"}}}]
    });
    assert!(streamed(schema.clone(), r#"{"x": "a"}"#));
    assert!(streamed(schema.clone(), r#"{"x": 1, "t": "S", "d": 0}"#));
    assert!(!streamed(schema.clone(), r#"{"x": 1, "t": "S"}"#));
    assert!(!streamed(schema.clone(), r#"{"q": 1}"#));
    assert!(!streamed(schema.clone(), r#"{"x": "a", "z": 1}"#));
    assert!(!streamed(schema, r#"{"x": true}"#));
}

#[test]
fn leaves_to_the_tree_what_it_cannot_judge_exactly() {
    // A fraction is read exactly by the tree only.
    assert!(!streamed(json!({"type": "number"}), "1.5"));
    assert!(streamed(json!({"type": "number"}), "15"));
    // A repeated name counts once: maxProperties is judged on the value's tree.
    assert!(streamed(json!({"maxProperties": 1}), r#"{"a": 1, "a": 2}"#));
    assert!(!streamed(
        json!({"maxProperties": 1}),
        r#"{"a": 1, "b": 2}"#
    ));
    // enum of an object needs the whole value, and so does a fraction inside it.
    assert!(streamed(json!({"enum": [{"a": 1}]}), r#"{"a": 1}"#));
    assert!(!streamed(json!({"enum": [{"a": 1.5}]}), r#"{"a": 1.5}"#));
    // The tree is built for that value only.
    assert!(streamed(
        json!({"properties": {"p": {"enum": [{"a": 1}]}}}),
        r#"{"p": {"a": 1}, "q": [1, 2]}"#
    ));
    assert!(!streamed(json!(true), "{"));
    assert!(!streamed(json!(true), "\"\\ud800\""));
}

#[test]
fn a_recursive_schema_stops_where_the_tree_would() {
    let schema = json!({"anyOf": [{"$ref": "#"}, {"type": "object"}]});
    assert!(!streamed(schema, "{}"));
}

#[test]
fn a_repeated_name_is_left_to_the_tree() {
    // The tree keeps the last value: "Now", so `then` applies and refuses `d`.
    let schema = json!({
        "if": {"properties": {"t": {"const": "Now"}}},
        "then": {"not": {"required": ["d"]}}
    });
    assert!(!streamed(
        schema.clone(),
        r#"{"t": "Later", "d": 1, "t": "Now"}"#
    ));
    assert!(streamed(schema, r#"{"t": "Later", "d": 1}"#));
}

#[test]
fn nesting_is_limited_as_the_tree_reads_it() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let wrapped = |n: usize| format!("{{\"a\": 1, \"b\": {}}}", deep(n));
    let schema = json!({"properties": {"a": {"type": "integer"}}});
    assert!(streamed(schema.clone(), &wrapped(126)));
    assert!(!streamed(schema, &wrapped(127)));
    assert!(serde_json::from_str::<serde_json::Value>(&wrapped(126)).is_ok());
    assert!(serde_json::from_str::<serde_json::Value>(&wrapped(127)).is_err());
}
