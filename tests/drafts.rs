//! Drafts 2019-09 and 2020-12 (chosen by `$schema`), references between documents, and the
//! errors of the keywords they add, in ajv's shape (each expected error is what `ajv/dist/2019`
//! or `ajv/dist/2020` reports, unless a comment says otherwise).

use aps_migratable::schema::{Registry, Validator, ValidatorOptions};
use serde_json::{json, Value};

const D2019: &str = "https://json-schema.org/draft/2019-09/schema";
const D2020: &str = "https://json-schema.org/draft/2020-12/schema";

/// `schema` with `$schema` set to `draft`.
fn with_draft(draft: &str, mut schema: Value) -> Value {
    schema["$schema"] = json!(draft);
    schema
}

fn compile(schema: &Value) -> Validator {
    Validator::new(schema).unwrap_or_else(|e| panic!("{schema} does not compile: {e}"))
}

/// Every error of `value`, as JSON; `is_valid` must agree.
fn errors(schema: &Value, value: Value) -> Value {
    let v = compile(schema);
    let list = v.errors(&value);
    assert_eq!(v.is_valid(&value), list.is_empty(), "is_valid disagrees");
    Value::Array(list.iter().map(|e| e.to_value()).collect())
}

fn valid(schema: &Value, value: Value) -> bool {
    errors(schema, value).as_array().is_some_and(Vec::is_empty)
}

fn err(instance: &str, schema: &str, keyword: &str, params: Value, message: &str) -> Value {
    json!({
        "instancePath": instance,
        "schemaPath": schema,
        "keyword": keyword,
        "params": params,
        "message": message,
    })
}

fn code(schema: &Value) -> String {
    match Validator::new(schema) {
        Ok(_) => panic!("{schema} compiled"),
        Err(e) => e.code.name().to_owned(),
    }
}

// ---------------------------------------------------------------- choosing the draft

#[test]
fn the_draft_is_the_schema_s_own() {
    let schema = json!({"prefixItems": [{"type": "string"}], "items": false});
    // Draft-07 (no `$schema`): `prefixItems` is no keyword, `items: false` refuses every item.
    assert!(!valid(&schema, json!(["a"])));
    assert!(valid(&schema, json!([])));
    // 2020-12: one string, then nothing.
    let schema = with_draft(D2020, schema);
    assert!(valid(&schema, json!(["a"])));
    assert!(!valid(&schema, json!([1])));
    assert!(!valid(&schema, json!(["a", "b"])));
    // 2019-09 has no `prefixItems` either.
    let schema = with_draft(D2019, json!({"prefixItems": [{"type": "string"}]}));
    assert!(valid(&schema, json!([1])));
}

#[test]
fn keywords_of_later_drafts_are_ignored_in_draft_07() {
    let schema = json!({
        "unevaluatedProperties": false,
        "dependentRequired": {"a": ["b"]},
        "contains": {"type": "string"},
        "minContains": 2
    });
    assert!(valid(&schema, json!({"a": 1, "x": 2})));
    assert!(valid(&schema, json!(["one"])));
    // The same schema in 2019-09 says what it says.
    let schema = with_draft(D2019, schema);
    assert!(!valid(&schema, json!({"a": 1, "b": 2})));
    assert!(!valid(&schema, json!(["one"])));
}

#[test]
fn ref_beside_other_keywords() {
    let schema = json!({
        "$defs": {"big": {"minimum": 3}},
        "$ref": "#/$defs/big",
        "type": "integer"
    });
    // Draft-07: `$ref` replaces its siblings (and `$defs` is only a place to point at).
    assert!(valid(&schema, json!(3.5)));
    let schema = with_draft(D2020, schema);
    assert_eq!(
        errors(&schema, json!(1.5)),
        json!([
            err(
                "",
                "#/type",
                "type",
                json!({"type": "integer"}),
                "must be integer"
            ),
            err(
                "",
                "#/$defs/big/minimum",
                "minimum",
                json!({"comparison": ">=", "limit": 3}),
                "must be >= 3"
            ),
        ])
    );
}

// ---------------------------------------------------------------- the keywords they add

#[test]
fn dependent_required_and_schemas() {
    let schema = with_draft(
        D2019,
        json!({
            "dependentRequired": {"a": ["b", "c"]},
            "dependentSchemas": {"a": {"required": ["d"]}}
        }),
    );
    assert_eq!(
        errors(&schema, json!({"a": 1, "c": 2})),
        json!([
            err(
                "",
                "#/dependentRequired",
                "dependentRequired",
                json!({"property": "a", "missingProperty": "b", "depsCount": 2, "deps": "b, c"}),
                "must have properties b, c when property a is present"
            ),
            err(
                "",
                "#/dependentSchemas/a/required",
                "required",
                json!({"missingProperty": "d"}),
                "must have required property 'd'"
            ),
        ])
    );
    assert!(valid(&schema, json!({"b": 1})));
    assert_eq!(
        code(&with_draft(
            D2019,
            json!({"dependentRequired": {"a": {"type": "string"}}})
        )),
        "INVALID_SCHEMA"
    );
}

#[test]
fn prefix_items_and_the_items_after_them() {
    let schema = with_draft(
        D2020,
        json!({"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}),
    );
    assert_eq!(
        errors(&schema, json!([1, 2, "x"])),
        json!([
            err(
                "/0",
                "#/prefixItems/0/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "/2",
                "#/items/type",
                "type",
                json!({"type": "integer"}),
                "must be integer"
            ),
        ])
    );
    let closed = with_draft(D2020, json!({"prefixItems": [true, true], "items": false}));
    assert_eq!(
        errors(&closed, json!([1, 2, 3])),
        json!([err(
            "",
            "#/items",
            "items",
            json!({"limit": 2}),
            "must NOT have more than 2 items"
        )])
    );
    // In 2020-12 a tuple is `prefixItems`: an array `items` is a schema error, not ignored.
    assert_eq!(
        code(&with_draft(D2020, json!({"items": [{}]}))),
        "INVALID_SCHEMA"
    );
}

#[test]
fn min_and_max_contains() {
    let schema = with_draft(
        D2020,
        json!({"contains": {"type": "string"}, "minContains": 2, "maxContains": 3}),
    );
    assert_eq!(
        errors(&schema, json!(["a", 1])),
        json!([
            err(
                "/1",
                "#/contains/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "",
                "#/contains",
                "contains",
                json!({"minContains": 2, "maxContains": 3}),
                "must contain at least 2 and no more than 3 valid item(s)"
            ),
        ])
    );
    assert!(valid(&schema, json!(["a", "b", 1])));
    assert!(!valid(&schema, json!(["a", "b", "c", "d"])));
    let at_most = with_draft(
        D2019,
        json!({"contains": {"type": "string"}, "maxContains": 1}),
    );
    assert_eq!(
        errors(&at_most, json!(["a", "b"])),
        json!([err(
            "",
            "#/contains",
            "contains",
            json!({"minContains": 1, "maxContains": 1}),
            "must contain at least 1 and no more than 1 valid item(s)"
        )])
    );
    // `minContains: 0` makes `contains` pass on any array.
    let optional = with_draft(
        D2020,
        json!({"contains": {"type": "string"}, "minContains": 0}),
    );
    assert!(valid(&optional, json!([1, 2])));
    assert!(valid(&optional, json!([])));
}

#[test]
fn unevaluated_properties() {
    let schema = with_draft(
        D2020,
        json!({
            "properties": {"a": true},
            "anyOf": [
                {"properties": {"b": true}, "required": ["b"]},
                {"properties": {"c": true}, "required": ["c"]}
            ],
            "unevaluatedProperties": false
        }),
    );
    assert!(valid(&schema, json!({"a": 1, "b": 2})));
    assert!(valid(&schema, json!({"b": 2, "c": 3})));
    // `d` is evaluated by nobody; `c` only by a branch that fails (no `required` match).
    assert_eq!(
        errors(&schema, json!({"b": 1, "d": 2})),
        json!([err(
            "",
            "#/unevaluatedProperties",
            "unevaluatedProperties",
            json!({"unevaluatedProperty": "d"}),
            "must NOT have unevaluated properties"
        )])
    );
    // A failing `if` evaluates nothing; its `else` does.
    let conditional = with_draft(
        D2019,
        json!({
            "if": {"properties": {"kind": {"const": "a"}}, "required": ["kind"]},
            "then": {"properties": {"x": true}},
            "else": {"properties": {"y": true}},
            "unevaluatedProperties": false
        }),
    );
    assert!(valid(&conditional, json!({"kind": "a", "x": 1})));
    assert!(!valid(&conditional, json!({"kind": "b", "x": 1})));
    assert!(
        !valid(&conditional, json!({"kind": "b", "y": 1})),
        "kind is evaluated only by a matching if"
    );
    assert!(valid(&conditional, json!({"y": 1})));
    // As a schema, it judges what is left, each at its own path.
    let typed = with_draft(
        D2020,
        json!({"properties": {"a": true}, "unevaluatedProperties": {"type": "string"}}),
    );
    assert_eq!(
        errors(&typed, json!({"a": 1, "b": 2, "c": "x"})),
        json!([err(
            "/b",
            "#/unevaluatedProperties/type",
            "type",
            json!({"type": "string"}),
            "must be string"
        )])
    );
}

#[test]
fn unevaluated_properties_see_through_refs_and_nested_unevaluated() {
    let schema = with_draft(
        D2020,
        json!({
            "$defs": {"named": {"properties": {"name": {"type": "string"}}}},
            "$ref": "#/$defs/named",
            "properties": {"inner": {"unevaluatedProperties": false}},
            "unevaluatedProperties": false
        }),
    );
    assert!(valid(&schema, json!({"name": "n", "inner": {}})));
    assert!(!valid(&schema, json!({"name": "n", "other": 1})));
    assert!(!valid(&schema, json!({"inner": {"x": 1}})));
}

#[test]
fn unevaluated_items() {
    let schema = with_draft(
        D2020,
        json!({"prefixItems": [true], "unevaluatedItems": false}),
    );
    assert_eq!(
        errors(&schema, json!([1, 2, 3])),
        json!([err(
            "",
            "#/unevaluatedItems",
            "unevaluatedItems",
            json!({"limit": 1}),
            "must NOT have more than 1 items"
        )])
    );
    // 2020-12's `contains` evaluates the items it matches (ajv 8 does not: the suite decides).
    let contains = with_draft(
        D2020,
        json!({"contains": {"type": "string"}, "unevaluatedItems": false}),
    );
    assert!(valid(&contains, json!(["a", "b"])));
    assert!(!valid(&contains, json!(["a", 1])));
    // ... and 2019-09's does not.
    let contains = with_draft(
        D2019,
        json!({"contains": {"type": "string"}, "unevaluatedItems": false}),
    );
    assert!(!valid(&contains, json!(["a"])));
    let typed = with_draft(
        D2019,
        json!({"items": [true], "unevaluatedItems": {"type": "string"}}),
    );
    assert_eq!(
        errors(&typed, json!([1, 2, "x"])),
        json!([err(
            "/1",
            "#/unevaluatedItems/type",
            "type",
            json!({"type": "string"}),
            "must be string"
        )])
    );
}

#[test]
fn refused_dynamic_references() {
    assert_eq!(
        code(&with_draft(D2020, json!({"$dynamicRef": "#meta"}))),
        "UNSUPPORTED_KEYWORD"
    );
    assert_eq!(
        code(&with_draft(D2019, json!({"$recursiveRef": "#"}))),
        "UNSUPPORTED_KEYWORD"
    );
    // An anchor alone changes nothing: it is a name, like `$anchor`.
    let anchored = with_draft(
        D2020,
        json!({"$defs": {"s": {"$dynamicAnchor": "s", "type": "string"}}, "$ref": "#s"}),
    );
    assert!(!valid(&anchored, json!(1)));
}

// ---------------------------------------------------------------- identifiers and documents

#[test]
fn anchors_and_ids_inside_a_document() {
    let schema = with_draft(
        D2020,
        json!({
            "$id": "https://example.com/root.json",
            "properties": {
                "a": {"$ref": "#text"},
                "b": {"$ref": "item.json"},
                "c": {"$ref": "https://example.com/root.json#/$defs/t"}
            },
            "$defs": {
                "t": {"$anchor": "text", "type": "string"},
                "i": {"$id": "item.json", "type": "integer", "minimum": 5}
            }
        }),
    );
    assert_eq!(
        errors(&schema, json!({"a": 1, "b": 2.5, "c": "s"})),
        json!([
            err(
                "/a",
                "#/$defs/t/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "/b",
                "#/$defs/i/type",
                "type",
                json!({"type": "integer"}),
                "must be integer"
            ),
            err(
                "/b",
                "#/$defs/i/minimum",
                "minimum",
                json!({"comparison": ">=", "limit": 5}),
                "must be >= 5"
            ),
        ])
    );
    assert_eq!(
        errors(&schema, json!({"c": 1})),
        json!([err(
            "/c",
            "#/$defs/t/type",
            "type",
            json!({"type": "string"}),
            "must be string"
        )])
    );
    // A `$ref` to an unknown anchor is unresolved; an `$id` inside `enum` names nothing.
    assert_eq!(
        code(&with_draft(D2020, json!({"$ref": "#nope"}))),
        "UNRESOLVED_REF"
    );
    assert_eq!(
        code(&with_draft(
            D2020,
            json!({"enum": [{"$id": "https://x.example/e"}], "$ref": "https://x.example/e"})
        )),
        "UNSUPPORTED_REF"
    );
}

#[test]
fn draft_07_ids_name_fragments_and_are_replaced_by_a_sibling_ref() {
    let schema = json!({
        "allOf": [{"$ref": "#item"}],
        "definitions": {"i": {"$id": "#item", "type": "integer"}}
    });
    assert!(!valid(&schema, json!("x")));
    // The `$id` beside a draft-07 `$ref` is ignored, so `x.json` stays relative to the root.
    let schema = json!({
        "$id": "http://example.com/a/root.json",
        "definitions": {
            "x": {"$id": "http://example.com/a/x.json", "type": "string"},
            "y": {"$id": "http://example.com/b/", "$ref": "x.json"}
        },
        "allOf": [{"$ref": "#/definitions/y"}]
    });
    assert!(valid(&schema, json!("s")));
    assert!(!valid(&schema, json!(1)));
}

#[test]
fn registered_documents() {
    let address = json!({
        "$id": "https://example.com/address.json",
        "type": "object",
        "required": ["city"],
        "properties": {"city": {"type": "string"}, "zip": {"$ref": "#/$defs/zip"}},
        "$defs": {"zip": {"type": "string", "minLength": 5}}
    });
    let mut registry = Registry::new();
    registry.add("https://example.com/address.json", address);
    let schema = json!({"properties": {"home": {"$ref": "https://example.com/address.json"}}});
    let v = Validator::with_registry(&schema, &registry).unwrap();
    let found: Vec<Value> = v
        .errors(&json!({"home": {"zip": "1"}}))
        .iter()
        .map(|e| e.to_value())
        .collect();
    assert_eq!(
        found,
        vec![
            err(
                "/home",
                "https://example.com/address.json#/required",
                "required",
                json!({"missingProperty": "city"}),
                "must have required property 'city'"
            ),
            err(
                "/home/zip",
                "https://example.com/address.json#/$defs/zip/minLength",
                "minLength",
                json!({"limit": 5}),
                "must NOT have fewer than 5 characters"
            ),
        ]
    );
    // Without the registry, the same `$ref` is never fetched.
    assert_eq!(code(&schema), "UNSUPPORTED_REF");
    // A registered document is found by its own `$id` too, and a broken one fails only the
    // compilations that reach it.
    let mut registry = Registry::new();
    registry.add(
        "https://example.com/broken.json",
        json!({"$schema": "https://example.com/meta"}),
    );
    registry.add(
        "https://example.com/by-key.json",
        json!({"$id": "https://example.com/by-id.json", "type": "string"}),
    );
    let v = Validator::with_registry(
        &json!({"$ref": "https://example.com/by-id.json"}),
        &registry,
    )
    .unwrap();
    assert!(!v.is_valid(&json!(1)));
    let broken = Validator::with_registry(
        &json!({"$ref": "https://example.com/broken.json"}),
        &registry,
    );
    assert_eq!(
        broken.err().map(|e| e.code.name()),
        Some("UNSUPPORTED_KEYWORD")
    );
}

#[test]
fn validator_options_are_read_strictly() {
    let options: ValidatorOptions =
        serde_json::from_value(json!({"schemas": {"urn:x": {"type": "string"}}})).unwrap();
    let v = Validator::with_registry(&json!({"$ref": "urn:x"}), &options.into_registry()).unwrap();
    assert!(v.is_valid(&json!("s")));
    assert!(
        serde_json::from_value::<ValidatorOptions>(json!({"schema": {}})).is_err(),
        "a misspelt option"
    );
    assert!(
        serde_json::from_value::<ValidatorOptions>(json!([{}])).is_err(),
        "not an object"
    );
}

#[test]
fn shipped_schemas_are_referenced_by_their_ids() {
    let wrapped = json!({
        "type": "object",
        "required": ["context"],
        "properties": {"context": {"$ref": "urn:aps-migratable:context"}}
    });
    let v = compile(&wrapped);
    let errors = v.errors(&json!({"context": {"now": "yesterday"}}));
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .all(|e| e.schema_path.starts_with("urn:aps-migratable:context#/")),
        "{errors:?}"
    );
    for id in aps_migratable::billing::contract_ids() {
        let uri = format!("urn:aps-migratable:contract:{id}");
        let schema = aps_migratable::billing::contract_schema(
            aps_migratable::billing::ContractId::parse(id).unwrap(),
        );
        // Pismo's outgoing event schema is kept as published, with Pismo's own `$id`.
        if id != "pismo/customer_outgoing/1" {
            assert_eq!(schema["$id"], json!(uri), "{id}");
        }
        assert!(Validator::new(&json!({"$ref": uri})).is_ok(), "{id}");
    }
    assert_eq!(
        code(&json!({"$ref": "urn:aps-migratable:contract:nope"})),
        "UNSUPPORTED_REF"
    );
}

#[test]
fn an_invalid_property_reached_through_ref_or_all_of_is_not_also_unevaluated() {
    // ajv/dist/2019 reports only the `type` error; so do we (the verdict is the same either way).
    let schema = with_draft(
        D2019,
        json!({
            "$defs": {"named": {"$anchor": "named", "properties": {"name": {"type": "string"}}}},
            "$ref": "#named",
            "allOf": [{"properties": {"id": {"type": "integer"}}}],
            "unevaluatedProperties": false
        }),
    );
    assert_eq!(
        errors(&schema, json!({"name": 1, "id": "x"})),
        json!([
            err(
                "/name",
                "#/$defs/named/properties/name/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "/id",
                "#/allOf/0/properties/id/type",
                "type",
                json!({"type": "integer"}),
                "must be integer"
            ),
        ])
    );
    // A failing anyOf branch, whose failure leaves the anyOf valid, evaluates nothing.
    let branches = with_draft(
        D2020,
        json!({
            "anyOf": [{"properties": {"a": {"type": "string"}}}, {"required": ["b"]}],
            "unevaluatedProperties": false
        }),
    );
    assert!(!valid(&branches, json!({"a": 1, "b": 2})));
    assert!(valid(&branches, json!({"a": "s"})));
}
