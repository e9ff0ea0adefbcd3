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

#[test]
fn programs_and_keyword_walks_agree_in_one_frame() {
    // Member `a` gets two tasks: one node with a program, one (patternProperties) without, so
    // its frame is laid out and routed keyword by keyword; the root has a program.
    let schema = json!({
        "properties": {"a": {"properties": {"x": {"type": "integer"}}, "required": ["x"]}},
        "allOf": [{"properties": {"a": {"patternProperties": {"^y": {"type": "string"}}}}}],
        "required": ["a"],
        "additionalProperties": false
    });
    let validator = Validator::new(&schema).unwrap();
    let mut buffers = crate::schema::TextBuffers::default();
    let mut valid = |text: &str| validator.is_valid_text_with(text.as_bytes(), &mut buffers);
    // Twice each: the second reading runs on the programs the first one made.
    for _ in 0..2 {
        assert!(valid(r#"{"a": {"x": 1, "y": "s"}}"#));
        assert!(valid(r#"{"a": {"x": 1, "z": {"q": []}}}"#));
        assert!(!valid(r#"{"a": {"x": "1"}}"#));
        assert!(!valid(r#"{"a": {"x": 1, "y": 1}}"#));
        assert!(!valid(r#"{"a": {"y": "s"}}"#));
        assert!(!valid(r#"{"a": {"x": 1}, "b": 0}"#));
        assert!(!valid(r#"{}"#));
        // A repeated name is left to the tree.
        assert!(!valid(r#"{"a": {"x": 1, "x": 2}}"#));
    }
}

#[test]
fn programs_route_in_place_branches() {
    // The root's program holds the slots of allOf, if and then: `t` is routed to three.
    let schema = json!({
        "type": "object",
        "properties": {"t": {"enum": ["S", "N"]}, "d": {"type": "string"}},
        "allOf": [{"if": {"properties": {"t": {"const": "S"}}, "required": ["t"]},
                   "then": {"required": ["d"]}}]
    });
    let validator = Validator::new(&schema).unwrap();
    let mut buffers = crate::schema::TextBuffers::default();
    let mut valid = |text: &str| validator.is_valid_text_with(text.as_bytes(), &mut buffers);
    for _ in 0..2 {
        assert!(valid(r#"{"t": "N"}"#));
        assert!(valid(r#"{"t": "S", "d": "x"}"#));
        assert!(valid(r#"{"d": "x", "e": 1}"#));
        assert!(!valid(r#"{"t": "S"}"#));
        assert!(!valid(r#"{"t": "Q", "d": "x"}"#));
        assert!(!valid(r#"{"t": "S", "d": 1}"#));
        assert!(!valid(r#"[]"#));
    }
}

#[test]
fn strings_are_judged_from_their_text() {
    let schema = json!({
        "properties": {
            "d": {"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]},
            "e": {"enum": ["A", 1]},
            "c": {"const": "K"},
            "n": {"minLength": 2, "maxLength": 3},
            "p": {"pattern": "^x+$"},
            "o": {"oneOf": [{"minLength": 1}, {"maxLength": 1}]},
            "i": {"if": {"const": "S"}, "then": {"maxLength": 0}, "else": {"not": {"const": "T"}}},
            "r": {"$ref": "#/properties/c"},
            "t": {"type": ["integer", "object"], "minimum": 3}
        }
    });
    let validator = Validator::new(&schema).unwrap();
    let valid = |text: &str| validator.is_valid_text(text.as_bytes());
    assert!(valid(
        r#"{"d": "2024-02-29", "e": "A", "c": "K", "n": "ab", "p": "xx", "o": "", "i": "U", "r": "K"}"#
    ));
    assert!(valid(
        r#"{"d": "2024-02-29T10:00:00Z", "n": "abc", "o": "abc"}"#
    ));
    assert!(valid(r#"{"n": "ñé", "t": 3}"#));
    for bad in [
        r#"{"d": "2023-02-29"}"#,
        r#"{"e": "B"}"#,
        r#"{"c": "k"}"#,
        r#"{"n": "a"}"#,
        r#"{"n": "abcd"}"#,
        r#"{"p": "xy"}"#,
        r#"{"o": "a"}"#,
        r#"{"i": "S"}"#,
        r#"{"i": "T"}"#,
        r#"{"r": "Q"}"#,
        r#"{"t": "3"}"#,
    ] {
        assert!(!valid(bad), "{bad}");
    }
}

#[test]
fn a_node_with_too_many_names_for_a_program_is_routed_keyword_by_keyword() {
    let properties: serde_json::Map<String, serde_json::Value> = (0..1500)
        .map(|i| (format!("p{i}"), json!({"type": "integer"})))
        .collect();
    let schema =
        json!({"properties": properties, "required": ["p1499"], "additionalProperties": false});
    assert!(streamed(schema.clone(), r#"{"p0": 1, "p1499": 2}"#));
    assert!(!streamed(schema.clone(), r#"{"p0": 1}"#));
    assert!(!streamed(schema.clone(), r#"{"p1499": "2"}"#));
    assert!(!streamed(schema, r#"{"p1499": 2, "q": 0}"#));
}

#[test]
fn invalid_is_decided_only_where_the_tree_would_refuse() {
    use crate::schema::TextVerdict::{Invalid, Undecided, Valid};
    let validator = Validator::new(&json!({
        "type": "object",
        "properties": {"n": {"type": "integer", "minimum": 1}, "s": {"enum": ["a"]}}
    }))
    .unwrap();
    let mut buffers = crate::schema::TextBuffers::default();
    let mut judge = |text: &[u8]| validator.judge_text_with(text, &mut buffers);
    assert_eq!(judge(br#"{"n": 2, "s": "a"}"#), Valid);
    assert_eq!(judge(br#"{"n": 0}"#), Invalid);
    assert_eq!(judge(br#"{"s": "b"}"#), Invalid);
    assert_eq!(judge(b"[]"), Invalid);
    // Not JSON, for the tree's reader too.
    for text in [&b"{"[..], b"nope", b"{\"n\": 1,}", b"{} {}", b"\"\\ud800\""] {
        assert_eq!(judge(text), Invalid, "{}", String::from_utf8_lossy(text));
        assert!(crate::exact::from_slice(text).is_err());
    }
    // Left to the tree: a fraction, a repeated name, a text that is not UTF-8, and a number
    // serde_json reads as out of range where the tree reads it exactly.
    assert_eq!(judge(br#"{"n": 2.5}"#), Undecided);
    assert_eq!(judge(br#"{"n": 1, "n": 2}"#), Undecided);
    assert_eq!(judge(b"{\"s\": \"\xff\"}"), Undecided);
    let near_max = br#"{"n": 1.7976931348623158e308}"#;
    assert_eq!(judge(near_max), Undecided);
    let tree = crate::exact::from_slice(near_max).unwrap();
    assert!(validator.is_valid(&tree));
}
