//! The JSON Schema (draft-07) engine: exact ajv-shaped errors per keyword, formats, `$ref`,
//! defaults and compile errors.

use aps_migratable::schema::{SchemaError, Validator};
use serde_json::{json, Value};

/// Compiles `schema` (which must compile).
fn validator(schema: Value) -> Validator {
    Validator::new(&schema).unwrap_or_else(|e| panic!("schema does not compile: {e}"))
}

/// Every error of `value` against `schema`, as JSON; also checks `is_valid` and `report` agree.
fn errors(schema: Value, value: Value) -> Value {
    let v = validator(schema);
    let list = v.errors(&value);
    assert_eq!(v.is_valid(&value), list.is_empty(), "is_valid disagrees");
    let json = Value::Array(list.iter().map(|e| e.to_value()).collect());
    assert_eq!(
        serde_json::to_value(v.report(&value)).unwrap(),
        json!({ "valid": list.is_empty(), "errors": json })
    );
    json
}

fn valid(schema: Value, value: Value) -> bool {
    let v = validator(schema);
    let ok = v.errors(&value).is_empty();
    assert_eq!(v.is_valid(&value), ok, "is_valid disagrees");
    ok
}

/// One error object.
fn err(instance: &str, schema: &str, keyword: &str, params: Value, message: &str) -> Value {
    json!({
        "instancePath": instance,
        "schemaPath": schema,
        "keyword": keyword,
        "params": params,
        "message": message,
    })
}

fn compile_error(schema: Value) -> SchemaError {
    match Validator::new(&schema) {
        Ok(_) => panic!("schema compiled but should not: {schema}"),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------- type

#[test]
fn type_integer_rejects_fraction_and_accepts_whole_floats() {
    let schema = json!({ "type": "integer" });
    assert!(valid(schema.clone(), json!(1)));
    assert!(valid(schema.clone(), json!(1.0)));
    assert!(valid(schema.clone(), json!(-3)));
    assert!(valid(schema.clone(), json!(18446744073709551615u64)));
    assert_eq!(
        errors(schema.clone(), json!(1.5)),
        json!([err(
            "",
            "#/type",
            "type",
            json!({"type": "integer"}),
            "must be integer"
        )])
    );
    assert_eq!(
        errors(schema, json!("1")),
        json!([err(
            "",
            "#/type",
            "type",
            json!({"type": "integer"}),
            "must be integer"
        )])
    );
}

#[test]
fn type_number_accepts_integers() {
    let schema = json!({ "type": "number" });
    assert!(valid(schema.clone(), json!(1)));
    assert!(valid(schema.clone(), json!(1.5)));
    assert_eq!(
        errors(schema, json!(null)),
        json!([err(
            "",
            "#/type",
            "type",
            json!({"type": "number"}),
            "must be number"
        )])
    );
}

#[test]
fn type_each_primitive() {
    let samples = [
        ("null", json!(null)),
        ("boolean", json!(true)),
        ("string", json!("s")),
        ("array", json!([])),
        ("object", json!({})),
        ("integer", json!(0)),
        ("number", json!(0.5)),
    ];
    for (name, _) in &samples {
        for (other, value) in &samples {
            let expected = name == other || (*name == "number" && *other == "integer");
            assert_eq!(
                valid(json!({ "type": name }), value.clone()),
                expected,
                "type {name} against {value}"
            );
        }
    }
}

#[test]
fn type_list_is_joined_with_commas() {
    let schema = json!({ "type": ["string", "null"] });
    assert!(valid(schema.clone(), json!(null)));
    assert!(valid(schema.clone(), json!("x")));
    assert_eq!(
        errors(schema, json!(5)),
        json!([err(
            "",
            "#/type",
            "type",
            json!({"type": ["string", "null"]}),
            "must be string,null"
        )])
    );
}

// ---------------------------------------------------------------- enum / const

#[test]
fn enum_error() {
    let schema = json!({ "enum": ["a", 1, null, {"k": [1]}] });
    assert!(valid(schema.clone(), json!("a")));
    assert!(valid(schema.clone(), json!(1.0)), "1.0 equals 1");
    assert!(valid(schema.clone(), json!(null)));
    assert!(valid(schema.clone(), json!({"k": [1.0]})));
    assert_eq!(
        errors(schema, json!("b")),
        json!([err(
            "",
            "#/enum",
            "enum",
            json!({"allowedValues": ["a", 1, null, {"k": [1]}]}),
            "must be equal to one of the allowed values"
        )])
    );
}

#[test]
fn const_error() {
    let schema = json!({ "const": {"a": [1, 2]} });
    assert!(valid(schema.clone(), json!({"a": [1, 2.0]})));
    assert_eq!(
        errors(schema.clone(), json!({"a": [2, 1]})),
        json!([err(
            "",
            "#/const",
            "const",
            json!({"allowedValue": {"a": [1, 2]}}),
            "must be equal to constant"
        )])
    );
    assert_eq!(
        errors(json!({"const": false}), json!(0)),
        json!([err(
            "",
            "#/const",
            "const",
            json!({"allowedValue": false}),
            "must be equal to constant"
        )])
    );
}

// ---------------------------------------------------------------- objects

#[test]
fn required_reports_the_object_path_and_each_missing_property() {
    let schema = json!({
        "properties": { "a": { "type": "object", "required": ["x", "y", "z"] } }
    });
    assert_eq!(
        errors(schema, json!({"a": {"y": 1}})),
        json!([
            err(
                "/a",
                "#/properties/a/required",
                "required",
                json!({"missingProperty": "x"}),
                "must have required property 'x'"
            ),
            err(
                "/a",
                "#/properties/a/required",
                "required",
                json!({"missingProperty": "z"}),
                "must have required property 'z'"
            ),
        ])
    );
}

#[test]
fn required_ignores_non_objects() {
    assert!(valid(json!({"required": ["a"]}), json!([1])));
    assert!(valid(json!({"required": ["a"]}), json!("a")));
    assert!(valid(json!({"required": ["a"]}), json!({"a": null})));
}

#[test]
fn additional_properties_false() {
    let schema = json!({
        "properties": { "a": {} },
        "additionalProperties": false
    });
    assert!(valid(schema.clone(), json!({"a": 1})));
    assert_eq!(
        errors(schema, json!({"a": 1, "b": 2, "c": 3})),
        json!([
            err(
                "",
                "#/additionalProperties",
                "additionalProperties",
                json!({"additionalProperty": "b"}),
                "must NOT have additional properties"
            ),
            err(
                "",
                "#/additionalProperties",
                "additionalProperties",
                json!({"additionalProperty": "c"}),
                "must NOT have additional properties"
            ),
        ])
    );
}

#[test]
fn additional_properties_as_a_schema() {
    let schema = json!({
        "properties": { "a": { "type": "string" } },
        "additionalProperties": { "type": "integer" }
    });
    assert!(valid(schema.clone(), json!({"a": "s", "b": 2})));
    assert_eq!(
        errors(schema, json!({"a": "s", "b": "two", "c": 3})),
        json!([err(
            "/b",
            "#/additionalProperties/type",
            "type",
            json!({"type": "integer"}),
            "must be integer"
        )])
    );
}

#[test]
fn properties_validate_present_members_only() {
    let schema = json!({
        "properties": {
            "a": { "type": "string" },
            "b": { "properties": { "c": { "type": "boolean" } } }
        }
    });
    assert!(valid(schema.clone(), json!({})));
    assert!(valid(schema.clone(), json!({"x": 1})));
    assert!(valid(schema.clone(), json!("not an object")));
    assert_eq!(
        errors(schema, json!({"a": 1, "b": {"c": "no"}})),
        json!([
            err(
                "/a",
                "#/properties/a/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "/b/c",
                "#/properties/b/properties/c/type",
                "type",
                json!({"type": "boolean"}),
                "must be boolean"
            ),
        ])
    );
}

#[test]
fn false_schema_property() {
    assert_eq!(
        errors(json!({"properties": {"a": false}}), json!({"a": 1})),
        json!([err(
            "/a",
            "#/properties/a/false schema",
            "false schema",
            json!({}),
            "boolean schema is false"
        )])
    );
    assert!(valid(json!(true), json!({"anything": [1]})));
    assert!(!valid(json!(false), json!(null)));
}

#[test]
fn json_pointer_escaping_in_instance_path() {
    let schema = json!({
        "properties": {
            "a/b": { "type": "string" },
            "c~d": { "type": "string" }
        },
        "additionalProperties": { "type": "string" }
    });
    assert_eq!(
        errors(schema, json!({"a/b": 1, "c~d": 2, "~/": 3})),
        json!([
            err(
                "/a~1b",
                "#/properties/a~1b/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "/c~0d",
                "#/properties/c~0d/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "/~0~1",
                "#/additionalProperties/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
        ])
    );
}

// ---------------------------------------------------------------- arrays

#[test]
fn items_as_one_schema() {
    let schema = json!({ "items": { "type": "string" } });
    assert!(valid(schema.clone(), json!([])));
    assert!(valid(schema.clone(), json!(["a", "b"])));
    assert_eq!(
        errors(schema, json!([1, "a", 2])),
        json!([
            err(
                "/0",
                "#/items/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "/2",
                "#/items/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
        ])
    );
}

#[test]
fn items_as_a_tuple_with_additional_items_false() {
    let schema = json!({
        "items": [{ "type": "integer" }, { "type": "string" }],
        "additionalItems": false
    });
    assert!(valid(schema.clone(), json!([1, "a"])));
    assert!(valid(schema.clone(), json!([1])), "shorter tuples are fine");
    assert_eq!(
        errors(schema.clone(), json!(["a", 1])),
        json!([
            err(
                "/0",
                "#/items/0/type",
                "type",
                json!({"type": "integer"}),
                "must be integer"
            ),
            err(
                "/1",
                "#/items/1/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
        ])
    );
    assert_eq!(
        errors(schema, json!([1, "a", 3])),
        json!([err(
            "",
            "#/additionalItems",
            "additionalItems",
            json!({"limit": 2}),
            "must NOT have more than 2 items"
        )])
    );
    assert_eq!(
        errors(
            json!({"items": [{}], "additionalItems": false}),
            json!([1, 2])
        ),
        json!([err(
            "",
            "#/additionalItems",
            "additionalItems",
            json!({"limit": 1}),
            "must NOT have more than 1 items"
        )])
    );
}

#[test]
fn additional_items_as_a_schema() {
    let schema = json!({
        "items": [{}],
        "additionalItems": { "type": "integer" }
    });
    assert!(valid(schema.clone(), json!(["x", 1, 2])));
    assert_eq!(
        errors(schema, json!(["x", 1, "y"])),
        json!([err(
            "/2",
            "#/additionalItems/type",
            "type",
            json!({"type": "integer"}),
            "must be integer"
        )])
    );
    // Without a tuple `items`, additionalItems is ignored.
    assert!(valid(
        json!({"items": {}, "additionalItems": false}),
        json!([1, 2, 3])
    ));
}

#[test]
fn min_and_max_items() {
    let schema = json!({ "minItems": 2, "maxItems": 3 });
    assert!(valid(schema.clone(), json!([1, 2])));
    assert!(valid(schema.clone(), json!("not an array")));
    assert_eq!(
        errors(schema.clone(), json!([1])),
        json!([err(
            "",
            "#/minItems",
            "minItems",
            json!({"limit": 2}),
            "must NOT have fewer than 2 items"
        )])
    );
    assert_eq!(
        errors(schema, json!([1, 2, 3, 4])),
        json!([err(
            "",
            "#/maxItems",
            "maxItems",
            json!({"limit": 3}),
            "must NOT have more than 3 items"
        )])
    );
    assert_eq!(
        errors(json!({"minItems": 1}), json!([])),
        json!([err(
            "",
            "#/minItems",
            "minItems",
            json!({"limit": 1}),
            "must NOT have fewer than 1 items"
        )])
    );
}

#[test]
fn unique_items_reports_i_and_j() {
    let schema = json!({ "uniqueItems": true });
    assert!(valid(schema.clone(), json!([1, "1", [1], {"a": 1}, true])));
    assert!(valid(schema.clone(), json!([{"a": 1, "b": 2}, {"a": 1}])));
    assert_eq!(
        errors(schema.clone(), json!([1, 2, 1])),
        json!([err(
            "",
            "#/uniqueItems",
            "uniqueItems",
            json!({"i": 2, "j": 0}),
            "must NOT have duplicate items (items ## 0 and 2 are identical)"
        )])
    );
    // Numbers compare by value; objects regardless of key order.
    assert_eq!(
        errors(
            schema.clone(),
            json!([{"a": 1, "b": 2}, 3, {"b": 2.0, "a": 1}])
        ),
        json!([err(
            "",
            "#/uniqueItems",
            "uniqueItems",
            json!({"i": 2, "j": 0}),
            "must NOT have duplicate items (items ## 0 and 2 are identical)"
        )])
    );
    assert_eq!(
        errors(schema.clone(), json!([1, 1, 1]))[0]["params"],
        json!({"i": 2, "j": 1})
    );
    assert!(valid(json!({"uniqueItems": false}), json!([1, 1])));
    // 0 and -0.0 are the same number.
    let zeros: Value = serde_json::from_str("[0, -0.0]").unwrap();
    assert_eq!(
        errors(schema.clone(), zeros)[0]["params"],
        json!({"i": 1, "j": 0})
    );
    assert!(valid(schema, json!([1, 1.5, "1", [1, 2], [2, 1]])));
}

// ---------------------------------------------------------------- strings

#[test]
fn string_lengths_count_code_points() {
    let schema = json!({ "minLength": 2, "maxLength": 3 });
    assert!(valid(schema.clone(), json!("ab")));
    assert!(
        valid(schema.clone(), json!("äöü")),
        "3 code points, 6 bytes"
    );
    assert!(
        valid(schema.clone(), json!("😀😀😀")),
        "3 code points, 6 UTF-16 units"
    );
    assert!(
        valid(schema.clone(), json!(12345)),
        "non-strings are ignored"
    );
    assert_eq!(
        errors(schema.clone(), json!("😀")),
        json!([err(
            "",
            "#/minLength",
            "minLength",
            json!({"limit": 2}),
            "must NOT have fewer than 2 characters"
        )])
    );
    assert_eq!(
        errors(schema, json!("abcd")),
        json!([err(
            "",
            "#/maxLength",
            "maxLength",
            json!({"limit": 3}),
            "must NOT have more than 3 characters"
        )])
    );
    assert!(valid(json!({"maxLength": 1}), json!("😀")));
    assert_eq!(
        errors(json!({"maxLength": 1}), json!("ab")),
        json!([err(
            "",
            "#/maxLength",
            "maxLength",
            json!({"limit": 1}),
            "must NOT have more than 1 characters"
        )])
    );
}

// ---------------------------------------------------------------- numbers

#[test]
fn minimum_and_maximum() {
    let schema = json!({ "minimum": 3, "maximum": 5.5 });
    assert!(valid(schema.clone(), json!(3)));
    assert!(valid(schema.clone(), json!(5.5)));
    assert!(valid(schema.clone(), json!("1")), "non-numbers are ignored");
    assert_eq!(
        errors(schema.clone(), json!(2.9)),
        json!([err(
            "",
            "#/minimum",
            "minimum",
            json!({"comparison": ">=", "limit": 3}),
            "must be >= 3"
        )])
    );
    assert_eq!(
        errors(schema, json!(6)),
        json!([err(
            "",
            "#/maximum",
            "maximum",
            json!({"comparison": "<=", "limit": 5.5}),
            "must be <= 5.5"
        )])
    );
}

#[test]
fn exclusive_minimum_and_maximum() {
    let schema = json!({ "exclusiveMinimum": 0, "exclusiveMaximum": 10 });
    assert!(valid(schema.clone(), json!(0.001)));
    assert!(valid(schema.clone(), json!(9)));
    assert_eq!(
        errors(schema.clone(), json!(0)),
        json!([err(
            "",
            "#/exclusiveMinimum",
            "exclusiveMinimum",
            json!({"comparison": ">", "limit": 0}),
            "must be > 0"
        )])
    );
    assert_eq!(
        errors(schema, json!(10)),
        json!([err(
            "",
            "#/exclusiveMaximum",
            "exclusiveMaximum",
            json!({"comparison": "<", "limit": 10}),
            "must be < 10"
        )])
    );
}

#[test]
fn multiple_of() {
    assert!(valid(json!({"multipleOf": 2}), json!(10)));
    assert!(valid(json!({"multipleOf": 1.5}), json!(4.5)));
    assert!(valid(json!({"multipleOf": 0.5}), json!(-2.5)));
    assert!(valid(json!({"multipleOf": 2}), json!("7")));
    assert_eq!(
        errors(json!({"multipleOf": 2}), json!(7)),
        json!([err(
            "",
            "#/multipleOf",
            "multipleOf",
            json!({"multipleOf": 2}),
            "must be multiple of 2"
        )])
    );
    assert_eq!(
        errors(json!({"multipleOf": 0.5}), json!(0.3)),
        json!([err(
            "",
            "#/multipleOf",
            "multipleOf",
            json!({"multipleOf": 0.5}),
            "must be multiple of 0.5"
        )])
    );
}

// ---------------------------------------------------------------- combinators

#[test]
fn all_of_reports_each_failing_branch() {
    let schema = json!({ "allOf": [{ "type": "integer" }, { "minimum": 5 }, { "maximum": 10 }] });
    assert!(valid(schema.clone(), json!(7)));
    assert_eq!(
        errors(schema, json!(2.5)),
        json!([
            err(
                "",
                "#/allOf/0/type",
                "type",
                json!({"type": "integer"}),
                "must be integer"
            ),
            err(
                "",
                "#/allOf/1/minimum",
                "minimum",
                json!({"comparison": ">=", "limit": 5}),
                "must be >= 5"
            ),
        ])
    );
}

#[test]
fn any_of() {
    let schema = json!({ "anyOf": [{ "type": "string" }, { "minimum": 5 }] });
    assert!(valid(schema.clone(), json!("x")));
    assert!(valid(schema.clone(), json!(6)));
    assert_eq!(
        errors(schema, json!(1)),
        json!([
            err(
                "",
                "#/anyOf/0/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "",
                "#/anyOf/1/minimum",
                "minimum",
                json!({"comparison": ">=", "limit": 5}),
                "must be >= 5"
            ),
            err(
                "",
                "#/anyOf",
                "anyOf",
                json!({}),
                "must match a schema in anyOf"
            ),
        ])
    );
}

#[test]
fn one_of_none_and_several() {
    let schema = json!({ "oneOf": [{ "type": "integer" }, { "minimum": 2 }] });
    assert!(valid(schema.clone(), json!(1)));
    assert!(valid(schema.clone(), json!(2.5)));
    assert_eq!(
        errors(schema.clone(), json!(3)),
        json!([err(
            "",
            "#/oneOf",
            "oneOf",
            json!({"passingSchemas": [0, 1]}),
            "must match exactly one schema in oneOf"
        )])
    );
    assert_eq!(
        errors(schema, json!(1.5)),
        json!([
            err(
                "",
                "#/oneOf/0/type",
                "type",
                json!({"type": "integer"}),
                "must be integer"
            ),
            err(
                "",
                "#/oneOf/1/minimum",
                "minimum",
                json!({"comparison": ">=", "limit": 2}),
                "must be >= 2"
            ),
            err(
                "",
                "#/oneOf",
                "oneOf",
                json!({"passingSchemas": null}),
                "must match exactly one schema in oneOf"
            ),
        ])
    );
}

#[test]
fn not_keyword() {
    let schema = json!({ "not": { "type": "string" } });
    assert!(valid(schema.clone(), json!(1)));
    assert_eq!(
        errors(schema, json!("s")),
        json!([err("", "#/not", "not", json!({}), "must NOT be valid")])
    );
}

#[test]
fn if_then_else() {
    let schema = json!({
        "if": { "type": "integer" },
        "then": { "minimum": 0 },
        "else": { "type": "string" }
    });
    assert!(valid(schema.clone(), json!(3)));
    assert!(valid(schema.clone(), json!("x")));
    assert_eq!(
        errors(schema.clone(), json!(-1)),
        json!([
            err(
                "",
                "#/then/minimum",
                "minimum",
                json!({"comparison": ">=", "limit": 0}),
                "must be >= 0"
            ),
            err(
                "",
                "#/if",
                "if",
                json!({"failingKeyword": "then"}),
                "must match \"then\" schema"
            ),
        ])
    );
    assert_eq!(
        errors(schema, json!(1.5)),
        json!([
            err(
                "",
                "#/else/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "",
                "#/if",
                "if",
                json!({"failingKeyword": "else"}),
                "must match \"else\" schema"
            ),
        ])
    );
    // `if` alone, or `then`/`else` without `if`, constrain nothing.
    assert!(valid(json!({"if": false}), json!(1)));
    assert!(valid(json!({"then": false, "else": false}), json!(1)));
    assert!(valid(json!({"if": true, "else": false}), json!(1)));
}

// ---------------------------------------------------------------- $ref

#[test]
fn ref_to_definitions() {
    let schema = json!({
        "definitions": { "pos": { "type": "integer", "minimum": 1 } },
        "properties": { "a": { "$ref": "#/definitions/pos" }, "b": { "$ref": "#/definitions/pos" } }
    });
    assert!(valid(schema.clone(), json!({"a": 1, "b": 2})));
    assert_eq!(
        errors(schema, json!({"a": 0, "b": "x"})),
        json!([
            err(
                "/a",
                "#/definitions/pos/minimum",
                "minimum",
                json!({"comparison": ">=", "limit": 1}),
                "must be >= 1"
            ),
            err(
                "/b",
                "#/definitions/pos/type",
                "type",
                json!({"type": "integer"}),
                "must be integer"
            ),
        ])
    );
}

#[test]
fn ref_ignores_siblings() {
    let schema = json!({
        "definitions": { "s": { "type": "string" } },
        "properties": { "a": { "$ref": "#/definitions/s", "maxLength": 1 } }
    });
    assert!(valid(schema, json!({"a": "long string"})));
}

#[test]
fn recursive_ref() {
    let schema = json!({
        "$ref": "#/definitions/node",
        "definitions": {
            "node": {
                "type": "object",
                "required": ["value"],
                "properties": {
                    "value": { "type": "integer" },
                    "children": { "type": "array", "items": { "$ref": "#/definitions/node" } }
                }
            }
        }
    });
    assert!(valid(
        schema.clone(),
        json!({"value": 1, "children": [{"value": 2, "children": [{"value": 3}]}]})
    ));
    assert_eq!(
        errors(
            schema.clone(),
            json!({"value": 1, "children": [{"value": 2, "children": [{"value": "3"}, {}]}]})
        ),
        json!([
            err(
                "/children/0/children/0/value",
                "#/definitions/node/properties/value/type",
                "type",
                json!({"type": "integer"}),
                "must be integer"
            ),
            err(
                "/children/0/children/1",
                "#/definitions/node/required",
                "required",
                json!({"missingProperty": "value"}),
                "must have required property 'value'"
            ),
        ])
    );
    // Recursion through the root itself.
    let root = json!({
        "type": "object",
        "properties": { "next": { "$ref": "#" }, "n": { "type": "integer" } }
    });
    assert_eq!(
        errors(root, json!({"next": {"next": {"n": "x"}}})),
        json!([err(
            "/next/next/n",
            "#/properties/n/type",
            "type",
            json!({"type": "integer"}),
            "must be integer"
        )])
    );
}

#[test]
fn ref_with_escaped_and_percent_encoded_pointer() {
    let schema = json!({
        "definitions": { "a/b": { "type": "integer" }, "c d": { "type": "string" } },
        "properties": {
            "x": { "$ref": "#/definitions/a~1b" },
            "y": { "$ref": "#/definitions/c%20d" }
        }
    });
    assert!(valid(schema.clone(), json!({"x": 1, "y": "s"})));
    assert!(!valid(schema.clone(), json!({"x": "1"})));
    assert!(!valid(schema, json!({"y": 1})));
}

// ---------------------------------------------------------------- formats

fn format_ok(format: &str, text: &str) -> bool {
    valid(json!({ "format": format }), json!(text))
}

#[test]
fn format_date_time() {
    for good in [
        "2021-01-01T00:00:00Z",
        "2020-02-29T12:30:45Z",
        "2000-02-29T12:30:45Z",
        "2021-06-30T23:59:59.123456Z",
        "2021-06-30t23:59:59z",
        "2021-06-30 23:59:59Z",
        "2021-06-30T10:00:00+05:30",
        "2021-06-30T10:00:00-08:00",
        "1998-12-31T23:59:60Z",
        "1998-12-31T15:59:60-08:00",
    ] {
        assert!(format_ok("date-time", good), "{good} should be valid");
    }
    for bad in [
        "2021-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2021-01-01T00:00:00+08",
        "2021-01-01T00:00:00+0800",
        "2021-01-01T00:00:00",
        "2021-01-01",
        "2021-13-01T00:00:00Z",
        "2021-04-31T00:00:00Z",
        "2021-01-01T24:00:00Z",
        "2021-01-01T23:60:00Z",
        "2021-01-01T22:59:60Z",
        "2021-01-01T00:00:00.Z",
        "2021-01-01T00:00:00+24:00",
        "2021-1-01T00:00:00Z",
        "2021-01-01TT00:00:00Z",
        "",
        "now",
    ] {
        assert!(!format_ok("date-time", bad), "{bad} should be invalid");
    }
    assert_eq!(
        errors(
            json!({"format": "date-time"}),
            json!("2021-02-29T00:00:00Z")
        ),
        json!([err(
            "",
            "#/format",
            "format",
            json!({"format": "date-time"}),
            "must match format \"date-time\""
        )])
    );
    assert!(valid(json!({"format": "date-time"}), json!(20210101)));
}

#[test]
fn format_date() {
    for good in [
        "2020-02-29",
        "2000-02-29",
        "2021-02-28",
        "2021-12-31",
        "0001-01-01",
    ] {
        assert!(format_ok("date", good), "{good} should be valid");
    }
    for bad in [
        "2021-02-29",
        "1900-02-29",
        "2021-04-31",
        "2021-00-10",
        "2021-01-00",
        "2021-13-01",
        "2021-1-01",
        "20210101",
        "2021-01-01T00:00:00Z",
        "２０２１-01-01",
        "",
    ] {
        assert!(!format_ok("date", bad), "{bad} should be invalid");
    }
    assert_eq!(
        errors(json!({"format": "date"}), json!("2021-02-29")),
        json!([err(
            "",
            "#/format",
            "format",
            json!({"format": "date"}),
            "must match format \"date\""
        )])
    );
}

#[test]
fn format_uuid() {
    for good in [
        "123e4567-e89b-12d3-a456-426614174000",
        "123E4567-E89B-12D3-A456-426614174000",
        "00000000-0000-0000-0000-000000000000",
    ] {
        assert!(format_ok("uuid", good), "{good} should be valid");
    }
    for bad in [
        "123e4567e89b12d3a456426614174000",
        "123e4567-e89b-12d3-a456-42661417400",
        "123e4567-e89b-12d3-a456-4266141740000",
        "g23e4567-e89b-12d3-a456-426614174000",
        "{123e4567-e89b-12d3-a456-426614174000}",
        // ajv-formats takes the URN form; the official suite (2019-09, 2020-12) does not.
        "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
        "",
    ] {
        assert!(!format_ok("uuid", bad), "{bad} should be invalid");
    }
    assert_eq!(
        errors(json!({"format": "uuid"}), json!("nope")),
        json!([err(
            "",
            "#/format",
            "format",
            json!({"format": "uuid"}),
            "must match format \"uuid\""
        )])
    );
}

#[test]
fn unknown_keywords_and_formats_are_ignored_known_formats_checked() {
    assert!(valid(
        json!({"foo": 1, "x-extension": {"type": "nonsense"}, "type": "string"}),
        json!("s")
    ));
    assert!(!valid(json!({"format": "email"}), json!("not an email")));
    assert!(valid(json!({"format": "made-up"}), json!("anything")));
    assert!(valid(json!({"format": "int32"}), json!("not a number")));
    // Annotations are allowed.
    assert!(valid(
        json!({"title": "t", "description": "d", "$comment": "c", "examples": [1], "$schema": "http://json-schema.org/draft-07/schema#"}),
        json!(1)
    ));
}

// ---------------------------------------------------------------- collection of errors

#[test]
fn every_error_is_collected() {
    let schema = json!({
        "type": "object",
        "required": ["a"],
        "properties": {
            "b": { "type": "string" },
            "c": { "minimum": 5 },
            "d": { "enum": [1] }
        },
        "additionalProperties": false
    });
    let value = json!({"b": 1, "c": 1, "d": 2, "e": 0});
    let v = validator(schema.clone());
    assert!(!v.is_valid(&value));
    assert_eq!(
        errors(schema, value),
        json!([
            err(
                "",
                "#/required",
                "required",
                json!({"missingProperty": "a"}),
                "must have required property 'a'"
            ),
            err(
                "/b",
                "#/properties/b/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "/c",
                "#/properties/c/minimum",
                "minimum",
                json!({"comparison": ">=", "limit": 5}),
                "must be >= 5"
            ),
            err(
                "/d",
                "#/properties/d/enum",
                "enum",
                json!({"allowedValues": [1]}),
                "must be equal to one of the allowed values"
            ),
            err(
                "",
                "#/additionalProperties",
                "additionalProperties",
                json!({"additionalProperty": "e"}),
                "must NOT have additional properties"
            ),
        ])
    );
}

#[test]
fn is_valid_agrees_with_errors() {
    let schema = json!({
        "type": "object",
        "properties": {
            "a": { "anyOf": [{ "type": "string" }, { "type": "integer", "minimum": 0 }] },
            "b": { "not": { "const": 0 } },
            "c": { "items": { "uniqueItems": true } },
            "d": { "if": { "minimum": 10 }, "then": { "multipleOf": 5 } },
            "e": { "oneOf": [{ "maxLength": 2 }, { "minLength": 2 }] }
        }
    });
    let v = validator(schema);
    let samples = [
        json!({}),
        json!({"a": "x"}),
        json!({"a": -1}),
        json!({"a": 1.5}),
        json!({"b": 0}),
        json!({"b": 0.0}),
        json!({"b": 1}),
        json!({"c": [[1, 2], [1, 1]]}),
        json!({"c": [[1, 2], [2, 1]]}),
        json!({"d": 12}),
        json!({"d": 15}),
        json!({"d": 3}),
        json!({"e": "ab"}),
        json!({"e": "a"}),
        json!({"e": "abc"}),
        json!([]),
        json!(null),
    ];
    for sample in &samples {
        assert_eq!(
            v.is_valid(sample),
            v.errors(sample).is_empty(),
            "disagreement on {sample}"
        );
    }
}

// ---------------------------------------------------------------- defaults

#[test]
fn defaults_fill_absent_properties_only() {
    let v = validator(json!({
        "properties": {
            "a": { "default": 1 },
            "b": { "type": "object", "properties": { "c": { "default": "x" } } },
            "d": { "default": {}, "properties": { "e": { "default": [true] } } }
        }
    }));
    assert_eq!(
        v.with_defaults(&json!({"b": {}})),
        json!({"a": 1, "b": {"c": "x"}, "d": {"e": [true]}})
    );
    // Present values, null included, are kept.
    assert_eq!(
        v.with_defaults(&json!({"a": null, "b": {"c": 0}, "d": {"e": 5}})),
        json!({"a": null, "b": {"c": 0}, "d": {"e": 5}})
    );
    // `b` is absent and has no default: nothing is invented inside it.
    let filled = v.with_defaults(&json!({}));
    assert!(filled.get("b").is_none());
    // Non-objects are returned as they are.
    assert_eq!(v.with_defaults(&json!([1])), json!([1]));
}

#[test]
fn defaults_do_not_touch_the_input() {
    let v = validator(json!({ "properties": { "a": { "default": 1 } } }));
    let input = json!({});
    let filled = v.with_defaults(&input);
    assert_eq!(input, json!({}));
    assert_eq!(filled, json!({"a": 1}));
}

#[test]
fn defaults_through_ref_items_and_all_of() {
    let v = validator(json!({
        "definitions": {
            "item": { "properties": { "k": { "default": 0 } } },
            "holder": { "properties": { "list": { "type": "array", "items": { "$ref": "#/definitions/item" } } } }
        },
        "properties": {
            "p": { "$ref": "#/definitions/item" },
            "h": { "$ref": "#/definitions/holder" },
            "q": { "allOf": [{ "properties": { "z": { "default": "zz" } } }] }
        }
    }));
    assert_eq!(
        v.with_defaults(&json!({"p": {}, "h": {"list": [{}, {"k": 9}]}, "q": {}})),
        json!({"p": {"k": 0}, "h": {"list": [{"k": 0}, {"k": 9}]}, "q": {"z": "zz"}})
    );
    let root_ref = validator(json!({
        "$ref": "#/definitions/item",
        "definitions": { "item": { "properties": { "k": { "default": 0 } } } }
    }));
    assert_eq!(root_ref.with_defaults(&json!({})), json!({"k": 0}));
}

// ---------------------------------------------------------------- compile errors

fn assert_compile_error(schema: Value, code: &str, path: &str) -> SchemaError {
    let e = compile_error(schema.clone());
    assert_eq!(
        (e.code.name(), e.schema_path.as_str()),
        (code, path),
        "{schema}: {e:?}"
    );
    e
}

#[test]
fn invalid_keyword_values() {
    let e = assert_compile_error(json!({"minLength": -1}), "INVALID_SCHEMA", "#/minLength");
    assert_eq!(
        e.message,
        "keyword \"minLength\" must be a non-negative integer"
    );
    assert_eq!(
        e.to_string(),
        "invalid schema at #/minLength: keyword \"minLength\" must be a non-negative integer"
    );
    let e = assert_compile_error(json!({"type": "foo"}), "INVALID_SCHEMA", "#/type");
    assert_eq!(
        e.message,
        "keyword \"type\" must be a type name or an array of type names"
    );
    for (schema, path) in [
        (json!({"maxLength": 1.5}), "#/maxLength"),
        (json!({"minItems": "1"}), "#/minItems"),
        (json!({"type": []}), "#/type"),
        (json!({"type": ["string", 5]}), "#/type"),
        (json!({"type": 5}), "#/type"),
        (json!({"enum": "a"}), "#/enum"),
        (json!({"required": "a"}), "#/required"),
        (json!({"required": [1]}), "#/required"),
        (json!({"minimum": "0"}), "#/minimum"),
        (json!({"multipleOf": 0}), "#/multipleOf"),
        (json!({"multipleOf": -2}), "#/multipleOf"),
        (json!({"uniqueItems": "yes"}), "#/uniqueItems"),
        (json!({"format": 5}), "#/format"),
        (json!({"allOf": []}), "#/allOf"),
        (json!({"anyOf": {}}), "#/anyOf"),
        (json!({"properties": []}), "#/properties"),
        (json!({"definitions": 1}), "#/definitions"),
        (json!({"$ref": 5}), "#/$ref"),
        (
            json!({"properties": {"a": {"minLength": -1}}}),
            "#/properties/a/minLength",
        ),
        (json!({"properties": {"a": 5}}), "#/properties/a"),
        (json!({"items": [{}, "x"]}), "#/items/1"),
        (
            json!({"definitions": {"d": {"type": "foo"}}}),
            "#/definitions/d/type",
        ),
    ] {
        assert_compile_error(schema, "INVALID_SCHEMA", path);
    }
    assert_compile_error(json!(5), "INVALID_SCHEMA", "#");
    assert_compile_error(json!(null), "INVALID_SCHEMA", "#");
    // Whole floats are integers for the size keywords.
    assert!(valid(json!({"minLength": 2.0}), json!("ab")));
}

#[test]
fn unsupported_keywords() {
    // Each draft's dynamic references are refused, never ignored.
    let e = assert_compile_error(
        json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "$dynamicRef": "#meta"}),
        "UNSUPPORTED_KEYWORD",
        "#/$dynamicRef",
    );
    assert_eq!(
        e.message,
        "keyword \"$dynamicRef\" is not supported by this engine (draft 2020-12)"
    );
    assert_compile_error(
        json!({"$schema": "https://json-schema.org/draft/2019-09/schema", "properties": {"a": {"$recursiveRef": "#"}}}),
        "UNSUPPORTED_KEYWORD",
        "#/properties/a/$recursiveRef",
    );
    // A draft this engine does not implement is refused, not read as draft-07.
    let e = assert_compile_error(
        json!({"$schema": "http://json-schema.org/draft-04/schema#"}),
        "UNSUPPORTED_KEYWORD",
        "#/$schema",
    );
    assert!(e.message.contains("draft-04"), "{e}");
    // In draft-07 those names are no keywords at all.
    assert!(valid(json!({"$dynamicRef": "#meta"}), json!(1)));
}

#[test]
fn unsupported_and_unresolved_refs() {
    let e = assert_compile_error(
        json!({"$ref": "http://example.com/schema.json"}),
        "UNSUPPORTED_REF",
        "#/$ref",
    );
    assert!(e.message.contains("http://example.com/schema.json"), "{e}");
    assert_compile_error(
        json!({"properties": {"a": {"$ref": "other.json#/x"}}}),
        "UNSUPPORTED_REF",
        "#/properties/a/$ref",
    );
    let e = assert_compile_error(
        json!({"$ref": "#/definitions/missing"}),
        "UNRESOLVED_REF",
        "#/$ref",
    );
    assert_eq!(e.message, "$ref \"#/definitions/missing\" does not resolve");
    assert_compile_error(
        json!({"definitions": {"a": {}}, "properties": {"p": {"$ref": "#/definitions/missing"}}}),
        "UNRESOLVED_REF",
        "#/properties/p/$ref",
    );
}

#[test]
fn ref_loops_are_refused() {
    let e = assert_compile_error(json!({"$ref": "#"}), "INVALID_SCHEMA", "#");
    assert_eq!(
        e.message,
        "$ref references form a loop that never reaches a schema"
    );
    let e = compile_error(json!({
        "definitions": { "a": { "$ref": "#/definitions/b" }, "b": { "$ref": "#/definitions/a" } },
        "properties": { "x": { "$ref": "#/definitions/a" } }
    }));
    assert_eq!(e.code.name(), "INVALID_SCHEMA");
}

#[test]
fn deep_schemas_are_refused_not_overflowed() {
    // Debug builds have large frames: give the compiler the stack a release build would not need.
    let run = std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(|| {
            let nest = |depth: usize| {
                let mut schema = json!({"type": "string"});
                for _ in 0..depth {
                    let mut map = serde_json::Map::new();
                    map.insert("items".to_owned(), schema);
                    schema = Value::Object(map);
                }
                schema
            };
            let max = aps_migratable::schema::MAX_SCHEMA_DEPTH;
            assert!(Validator::new(&nest(max - 10)).is_ok());
            let e = compile_error(nest(max + 10));
            assert_eq!(e.code.name(), "SCHEMA_TOO_DEEP");
            assert_eq!(e.message, format!("schema nesting exceeds {max} levels"));
        })
        .unwrap();
    run.join().unwrap();
}
