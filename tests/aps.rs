//! The APS side: the Migratable type document, its structures as validators, the translation of
//! the APS type dialect into JSON Schema, and APS resource ids.

use aps_migratable::aps::{
    is_aps_id, migratable_type, same_aps_id, structure_schema, structure_validator,
    MIGRATABLE_TYPE, MIGRATABLE_TYPE_ID,
};
use aps_migratable::schema::{SchemaError, Validator};
use serde_json::{json, Value};

/// The JSON block of the seed document (`/work/shared/seeds/004_56f6123cd13945ba.txt`,
/// "The Migratable schema"), copied byte for byte with its closing line's newline.
const SEED_MIGRATABLE: &str = r##"{
    "apsVersion": "2.0",
    "name": "SubscriptionMigratable",
    "id": "http://aps-standard.org/types/core/subscription/migratable/1.0",
    "operations": {
        "migrationPreCheck": {
            "path": "/migrationPreCheck",
            "verb": "POST",
            "response": { "type": "MigrationPreCheckResult" },
            "parameters": { "body": { "kind": "body", "type": "MigrationSet" } }
        }
    },
    "structures": {
        "MigrationSet": {
            "type": "object",
            "properties": {
                "targetAccount": {
                    "type": "string",
                    "required": true
                }
            }
        },
        "MigrationPreCheckResult": {
            "type": "object",
            "properties": {
                "canMigrate": {
                    "type": "boolean",
                    "required": true,
                    "description": "True if migration is allowed"
                },
                "message": {
                    "type": "string",
                    "description": "This string will be shown to user in case if migration is not possible"
                }
            }
        }
    }
}
"##;

fn seed() -> Value {
    serde_json::from_str(SEED_MIGRATABLE).unwrap()
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

fn errors(v: &Validator, value: Value) -> Value {
    let list = v.errors(&value);
    assert_eq!(v.is_valid(&value), list.is_empty());
    Value::Array(list.iter().map(|e| e.to_value()).collect())
}

fn type_error(doc: &Value, name: &str) -> SchemaError {
    match structure_schema(doc, name) {
        Ok(schema) => panic!("translated but should not: {schema}"),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------- the Migratable type

/// The document in src/ is the seed byte for byte; the module embeds it without whitespace.
#[test]
fn migratable_type_text_is_the_seed_verbatim() {
    assert_eq!(include_str!("../src/aps/migratable.json"), SEED_MIGRATABLE);
    assert_eq!(
        serde_json::from_str::<Value>(MIGRATABLE_TYPE).unwrap(),
        serde_json::from_str::<Value>(SEED_MIGRATABLE).unwrap()
    );
    assert!(!MIGRATABLE_TYPE.contains('\n'));
}

#[test]
fn migratable_type_json() {
    assert_eq!(migratable_type(), seed());
    assert_eq!(
        migratable_type(),
        serde_json::from_str::<Value>(include_str!("../src/aps/migratable.json")).unwrap()
    );
    assert_eq!(migratable_type()["id"], json!(MIGRATABLE_TYPE_ID));
    assert_eq!(
        MIGRATABLE_TYPE_ID,
        "http://aps-standard.org/types/core/subscription/migratable/1.0"
    );
}

#[test]
fn migratable_structures_translate_to_json_schema() {
    let expected_definitions = json!({
        "MigrationSet": {
            "type": "object",
            "properties": { "targetAccount": { "type": "string" } },
            "required": ["targetAccount"]
        },
        "MigrationPreCheckResult": {
            "type": "object",
            "properties": {
                "canMigrate": { "type": "boolean", "description": "True if migration is allowed" },
                "message": {
                    "type": "string",
                    "description": "This string will be shown to user in case if migration is not possible"
                }
            },
            "required": ["canMigrate"]
        }
    });
    for name in ["MigrationSet", "MigrationPreCheckResult"] {
        assert_eq!(
            structure_schema(&seed(), name).unwrap(),
            json!({
                "$schema": "http://json-schema.org/draft-07/schema#",
                "$ref": format!("#/definitions/{name}"),
                "definitions": expected_definitions
            })
        );
    }
}

#[test]
fn migration_set_validation() {
    let v = structure_validator(&seed(), "MigrationSet").unwrap();
    assert_eq!(
        errors(
            &v,
            json!({"targetAccount": "0f6c1a4e-4d2b-4b8e-9c1a-1234567890ab"})
        ),
        json!([])
    );
    // Structurally any string is a valid targetAccount, and extra members are allowed.
    assert_eq!(errors(&v, json!({"targetAccount": ""})), json!([]));
    assert_eq!(
        errors(&v, json!({"targetAccount": "x", "more": 1})),
        json!([])
    );
    assert_eq!(
        errors(&v, json!({})),
        json!([err(
            "",
            "#/definitions/MigrationSet/required",
            "required",
            json!({"missingProperty": "targetAccount"}),
            "must have required property 'targetAccount'"
        )])
    );
    assert_eq!(
        errors(&v, json!({"targetAccount": 5})),
        json!([err(
            "/targetAccount",
            "#/definitions/MigrationSet/properties/targetAccount/type",
            "type",
            json!({"type": "string"}),
            "must be string"
        )])
    );
    assert_eq!(
        errors(&v, json!({"targetAccount": null})),
        json!([err(
            "/targetAccount",
            "#/definitions/MigrationSet/properties/targetAccount/type",
            "type",
            json!({"type": "string"}),
            "must be string"
        )])
    );
    for not_object in [json!(null), json!(42), json!([]), json!("x")] {
        assert_eq!(
            errors(&v, not_object),
            json!([err(
                "",
                "#/definitions/MigrationSet/type",
                "type",
                json!({"type": "object"}),
                "must be object"
            )])
        );
    }
}

#[test]
fn migration_pre_check_result_validation() {
    let v = structure_validator(&seed(), "MigrationPreCheckResult").unwrap();
    assert_eq!(errors(&v, json!({"canMigrate": true})), json!([]));
    assert_eq!(
        errors(&v, json!({"canMigrate": false, "message": "No."})),
        json!([])
    );
    assert_eq!(
        errors(&v, json!({"canMigrate": "yes"})),
        json!([err(
            "/canMigrate",
            "#/definitions/MigrationPreCheckResult/properties/canMigrate/type",
            "type",
            json!({"type": "boolean"}),
            "must be boolean"
        )])
    );
    assert_eq!(
        errors(&v, json!({"message": 1})),
        json!([
            err(
                "",
                "#/definitions/MigrationPreCheckResult/required",
                "required",
                json!({"missingProperty": "canMigrate"}),
                "must have required property 'canMigrate'"
            ),
            err(
                "/message",
                "#/definitions/MigrationPreCheckResult/properties/message/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
        ])
    );
}

// ---------------------------------------------------------------- the APS dialect

const SHOP_ID: &str = "http://example.com/types/shop/1.0";

fn shop() -> Value {
    json!({
        "apsVersion": "2.0",
        "name": "Shop",
        "id": SHOP_ID,
        "structures": {
            "Address": {
                "type": "object",
                "properties": {
                    "city": { "type": "string", "required": true },
                    "zip": { "type": "string", "minLength": 5, "maxLength": 10 },
                    "country": { "type": "string", "enum": ["DE", "US"], "default": "DE" }
                }
            },
            "Person": {
                "type": "object",
                "properties": {
                    "name": { "type": "string", "required": true, "title": "Name" },
                    "age": { "type": "integer", "minimum": 0, "required": false },
                    "home": { "type": "Address", "required": true },
                    "work": { "type": "http://example.com/types/shop/1.0#Address", "description": "Office" },
                    "previous": { "type": "array", "items": { "type": "Address" }, "maxItems": 2 },
                    "meta": {
                        "type": "object",
                        "properties": {
                            "tag": { "type": "string", "required": true },
                            "score": { "type": "number", "exclusiveMinimum": 0 }
                        }
                    },
                    "email": {
                        "type": "string", "format": "email", "readonly": true, "encrypted": false,
                        "unit": "item", "headline": true, "final": true
                    },
                    "tags": { "type": "array", "items": { "type": "string" }, "uniqueItems": true }
                }
            },
            "Node": {
                "type": "object",
                "properties": {
                    "value": { "type": "integer", "required": true },
                    "children": { "type": "array", "items": { "type": "Node" } }
                }
            },
            "Line/Item": {
                "type": "object",
                "properties": { "qty": { "type": "integer", "required": true } }
            },
            "Order": {
                "type": "object",
                "properties": { "lines": { "type": "array", "items": { "type": "Line/Item" } } }
            }
        }
    })
}

#[test]
fn dialect_translation() {
    let schema = structure_schema(&shop(), "Person").unwrap();
    assert_eq!(schema["$ref"], json!("#/definitions/Person"));
    assert_eq!(
        schema["definitions"]["Person"],
        json!({
            "type": "object",
            "properties": {
                "name": { "type": "string", "title": "Name" },
                "age": { "type": "integer", "minimum": 0 },
                "home": { "$ref": "#/definitions/Address" },
                "work": { "description": "Office", "allOf": [{ "$ref": "#/definitions/Address" }] },
                "previous": { "type": "array", "maxItems": 2, "items": { "$ref": "#/definitions/Address" } },
                "meta": {
                    "type": "object",
                    "properties": {
                        "tag": { "type": "string" },
                        "score": { "type": "number", "exclusiveMinimum": 0 }
                    },
                    "required": ["tag"]
                },
                "email": { "type": "string", "format": "email" },
                "tags": { "type": "array", "items": { "type": "string" }, "uniqueItems": true }
            },
            "required": ["name", "home"]
        })
    );
    assert_eq!(
        schema["definitions"]["Address"],
        json!({
            "type": "object",
            "properties": {
                "city": { "type": "string" },
                "zip": { "type": "string", "minLength": 5, "maxLength": 10 },
                "country": { "type": "string", "enum": ["DE", "US"], "default": "DE" }
            },
            "required": ["city"]
        })
    );
    assert_eq!(
        schema["definitions"]["Order"]["properties"]["lines"]["items"],
        json!({ "$ref": "#/definitions/Line~1Item" })
    );
}

#[test]
fn dialect_validation_with_exact_errors() {
    let v = structure_validator(&shop(), "Person").unwrap();
    assert_eq!(
        errors(&v, json!({"name": "Ann", "home": {"city": "Berlin"}})),
        json!([])
    );
    assert_eq!(
        errors(
            &v,
            json!({
                "name": "Ann",
                "home": {"city": "Berlin", "zip": "123"},
                "work": {},
                "previous": [{"city": "X"}, {"zip": 5}],
                "meta": {},
                "email": "not an e-mail address",
                "tags": ["a", "a"]
            })
        ),
        json!([
            err(
                "/home/zip",
                "#/definitions/Address/properties/zip/minLength",
                "minLength",
                json!({"limit": 5}),
                "must NOT have fewer than 5 characters"
            ),
            err(
                "/work",
                "#/definitions/Address/required",
                "required",
                json!({"missingProperty": "city"}),
                "must have required property 'city'"
            ),
            err(
                "/previous/1",
                "#/definitions/Address/required",
                "required",
                json!({"missingProperty": "city"}),
                "must have required property 'city'"
            ),
            err(
                "/previous/1/zip",
                "#/definitions/Address/properties/zip/type",
                "type",
                json!({"type": "string"}),
                "must be string"
            ),
            err(
                "/meta",
                "#/definitions/Person/properties/meta/required",
                "required",
                json!({"missingProperty": "tag"}),
                "must have required property 'tag'"
            ),
            err(
                "/email",
                "#/definitions/Person/properties/email/format",
                "format",
                json!({"format": "email"}),
                "must match format \"email\""
            ),
            err(
                "/tags",
                "#/definitions/Person/properties/tags/uniqueItems",
                "uniqueItems",
                json!({"i": 1, "j": 0}),
                "must NOT have duplicate items (items ## 0 and 1 are identical)"
            ),
        ])
    );
    assert_eq!(
        errors(
            &v,
            json!({"age": -1, "home": {"city": "B", "country": "FR"}})
        ),
        json!([
            err(
                "",
                "#/definitions/Person/required",
                "required",
                json!({"missingProperty": "name"}),
                "must have required property 'name'"
            ),
            err(
                "/age",
                "#/definitions/Person/properties/age/minimum",
                "minimum",
                json!({"comparison": ">=", "limit": 0}),
                "must be >= 0"
            ),
            err(
                "/home/country",
                "#/definitions/Address/properties/country/enum",
                "enum",
                json!({"allowedValues": ["DE", "US"]}),
                "must be equal to one of the allowed values"
            ),
        ])
    );
}

#[test]
fn dialect_recursive_structures_and_escaped_names() {
    let v = structure_validator(&shop(), "Node").unwrap();
    assert_eq!(
        errors(
            &v,
            json!({"value": 1, "children": [{"value": 2, "children": [{}]}]})
        ),
        json!([err(
            "/children/0/children/0",
            "#/definitions/Node/required",
            "required",
            json!({"missingProperty": "value"}),
            "must have required property 'value'"
        )])
    );
    let order = structure_validator(&shop(), "Order").unwrap();
    assert_eq!(
        errors(&order, json!({"lines": [{"qty": 1}, {"qty": "2"}]})),
        json!([err(
            "/lines/1/qty",
            "#/definitions/Line~1Item/properties/qty/type",
            "type",
            json!({"type": "integer"}),
            "must be integer"
        )])
    );
    let line = structure_validator(&shop(), "Line/Item").unwrap();
    assert!(line.is_valid(&json!({"qty": 3})));
    assert!(!line.is_valid(&json!({})));
}

#[test]
fn dialect_defaults_fill_through_structure_references() {
    let v = structure_validator(&shop(), "Person").unwrap();
    assert_eq!(
        v.with_defaults(&json!({"name": "A", "home": {"city": "B"}, "previous": [{"city": "C", "country": "US"}]})),
        json!({"name": "A", "home": {"city": "B", "country": "DE"}, "previous": [{"city": "C", "country": "US"}]})
    );
}

#[test]
fn unknown_structure() {
    let e = type_error(&seed(), "Nope");
    assert_eq!(e.code.name(), "UNKNOWN_STRUCTURE");
    assert_eq!(e.schema_path, "#/structures");
    assert_eq!(
        e.message,
        "no structure \"Nope\" in this type document (it has: MigrationSet, MigrationPreCheckResult)"
    );
    // Structure names are case-sensitive.
    assert_eq!(
        type_error(&seed(), "migrationset").code.name(),
        "UNKNOWN_STRUCTURE"
    );
    // A document without structures has none to offer.
    let e = type_error(&json!({"id": "x"}), "MigrationSet");
    assert_eq!(e.code.name(), "UNKNOWN_STRUCTURE");
    assert!(structure_validator(&seed(), "Nope").is_err());
}

#[test]
fn unresolved_types() {
    let mut doc = shop();
    doc["structures"]["Person"]["properties"]["work"]["type"] =
        json!("http://example.com/types/other/1.0#Address");
    let e = type_error(&doc, "Person");
    assert_eq!(e.code.name(), "UNRESOLVED_TYPE");
    assert_eq!(e.schema_path, "#/structures/Person/properties/work/type");
    assert_eq!(
        e.message,
        "type \"http://example.com/types/other/1.0#Address\" belongs to another APS type document; only structures of this document can be resolved"
    );
    // Every structure of the document is translated, so the broken one fails any request.
    assert_eq!(type_error(&doc, "Address").code.name(), "UNRESOLVED_TYPE");

    let mut doc = shop();
    doc["structures"]["Order"]["properties"]["lines"]["items"]["type"] = json!("Missing");
    let e = type_error(&doc, "Order");
    assert_eq!(e.code.name(), "UNRESOLVED_TYPE");
    assert_eq!(
        e.schema_path,
        "#/structures/Order/properties/lines/items/type"
    );
    assert_eq!(
        e.message,
        "type \"Missing\" is neither a JSON type nor a structure of this document"
    );

    // This document's id with an unknown structure name.
    let mut doc = shop();
    doc["structures"]["Person"]["properties"]["meta"]["properties"]["tag"]["type"] =
        json!(format!("{SHOP_ID}#Missing"));
    let e = type_error(&doc, "Person");
    assert_eq!(e.code.name(), "UNRESOLVED_TYPE");
    assert_eq!(
        e.schema_path,
        "#/structures/Person/properties/meta/properties/tag/type"
    );

    // Without a document id, no `typeId#Name` resolves.
    let mut doc = shop();
    doc.as_object_mut().unwrap().shift_remove("id");
    assert_eq!(type_error(&doc, "Person").code.name(), "UNRESOLVED_TYPE");
}

#[test]
fn invalid_type_documents() {
    for not_object in [json!(null), json!([]), json!("doc"), json!(1)] {
        let e = type_error(&not_object, "MigrationSet");
        assert_eq!(
            (e.code.name(), e.schema_path.as_str()),
            ("INVALID_TYPE_DOCUMENT", "#")
        );
        assert_eq!(e.message, "an APS type document must be a JSON object");
    }

    let e = type_error(&json!({"structures": []}), "X");
    assert_eq!(
        (e.code.name(), e.schema_path.as_str()),
        ("INVALID_TYPE_DOCUMENT", "#/structures")
    );

    let mut doc = seed();
    doc["structures"]["MigrationSet"]["properties"]["targetAccount"]["required"] = json!("yes");
    let e = type_error(&doc, "MigrationSet");
    assert_eq!(e.code.name(), "INVALID_TYPE_DOCUMENT");
    assert_eq!(
        e.schema_path,
        "#/structures/MigrationSet/properties/targetAccount"
    );
    assert_eq!(e.message, "\"required\" on a property must be a boolean");

    let mut doc = seed();
    doc["structures"]["MigrationSet"]["properties"]["targetAccount"] = json!(5);
    let e = type_error(&doc, "MigrationSet");
    assert_eq!(
        (e.code.name(), e.schema_path.as_str()),
        (
            "INVALID_TYPE_DOCUMENT",
            "#/structures/MigrationSet/properties/targetAccount"
        )
    );
    assert_eq!(e.message, "a property declaration must be an object");

    let mut doc = seed();
    doc["structures"]["MigrationSet"]["properties"]["targetAccount"]["type"] = json!(["string"]);
    let e = type_error(&doc, "MigrationSet");
    assert_eq!(
        (e.code.name(), e.schema_path.as_str()),
        (
            "INVALID_TYPE_DOCUMENT",
            "#/structures/MigrationSet/properties/targetAccount"
        )
    );
    assert_eq!(e.message, "\"type\" must be a string");

    let mut doc = seed();
    doc["structures"]["MigrationSet"]["properties"] = json!([]);
    let e = type_error(&doc, "MigrationSet");
    assert_eq!(
        (e.code.name(), e.schema_path.as_str()),
        (
            "INVALID_TYPE_DOCUMENT",
            "#/structures/MigrationSet/properties"
        )
    );

    let mut doc = seed();
    doc["structures"]["MigrationSet"] = json!("object");
    let e = type_error(&doc, "MigrationSet");
    assert_eq!(
        (e.code.name(), e.schema_path.as_str()),
        ("INVALID_TYPE_DOCUMENT", "#/structures/MigrationSet")
    );
}

#[test]
fn aps_pattern_and_format_are_validated_as_the_type_language_says() {
    let mut doc = seed();
    let target = &mut doc["structures"]["MigrationSet"]["properties"]["targetAccount"];
    target["pattern"] = json!("^[a-f0-9-]+$");
    let v = structure_validator(&doc, "MigrationSet").unwrap();
    assert!(v.is_valid(&json!({ "targetAccount": "b0000000-3333-4000-8000-00000000000b" })));
    let errors = v.errors(&json!({ "targetAccount": "B0000000" }));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].keyword.name(), "pattern");
    assert_eq!(errors[0].instance_path, "/targetAccount");
    assert_eq!(
        errors[0].schema_path,
        "#/definitions/MigrationSet/properties/targetAccount/pattern"
    );
    // A pattern that is not an ECMA-262 expression is refused when compiling.
    doc["structures"]["MigrationSet"]["properties"]["targetAccount"]["pattern"] = json!("(");
    let e = structure_validator(&doc, "MigrationSet").unwrap_err();
    assert_eq!(e.code.name(), "INVALID_SCHEMA");
    assert_eq!(
        e.schema_path,
        "#/definitions/MigrationSet/properties/targetAccount/pattern"
    );

    let mut doc = seed();
    doc["structures"]["MigrationSet"]["properties"]["targetAccount"]["minLength"] = json!(-1);
    let e = structure_validator(&doc, "MigrationSet").unwrap_err();
    assert_eq!(e.code.name(), "INVALID_SCHEMA");
    assert_eq!(
        e.schema_path,
        "#/definitions/MigrationSet/properties/targetAccount/minLength"
    );
}

#[test]
fn required_list_on_inline_objects_is_enforced() {
    let doc = json!({
        "id": "http://example.com/t/1.0",
        "structures": {
            "S": {
                "type": "object",
                "required": ["a"],
                "properties": {
                    "a": { "type": "string" },
                    "inner": { "type": "object", "required": ["b"], "properties": { "b": { "type": "integer" } } }
                }
            }
        }
    });
    let v = structure_validator(&doc, "S").unwrap();
    assert!(
        !v.is_valid(&json!({})),
        "structure-level required list ignored"
    );
    assert!(
        !v.is_valid(&json!({"a": "x", "inner": {}})),
        "inline object required list ignored"
    );
}

// ---------------------------------------------------------------- APS ids

#[test]
fn aps_ids() {
    for good in [
        "0f6c1a4e-4d2b-4b8e-9c1a-1234567890ab",
        "0F6C1A4E-4D2B-4B8E-9C1A-1234567890AB",
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ] {
        assert!(is_aps_id(good), "{good}");
    }
    for bad in [
        "",
        "0f6c1a4e-4d2b-4b8e-9c1a-1234567890a",
        "0f6c1a4e-4d2b-4b8e-9c1a-1234567890abc",
        "0f6c1a4e4d2b4b8e9c1a1234567890ab",
        "0f6c1a4e-4d2b-4b8e-9c1a1234567890ab-",
        "0f6c1a4e_4d2b_4b8e_9c1a_1234567890ab",
        "0g6c1a4e-4d2b-4b8e-9c1a-1234567890ab",
        "0f6c1a4e-4d2b-4b8e-9c1a-1234567890aZ",
        " 0f6c1a4e-4d2b-4b8e-9c1a-1234567890a",
        "urn:uuid:0f6c1a4e-4d2b-4b8e-9c1a-1234567890ab",
        "{0f6c1a4e-4d2b-4b8e-9c1a-1234567890}",
        "0f6c1a4é-4d2b-4b8e-9c1a-1234567890a",
    ] {
        assert!(!is_aps_id(bad), "{bad}");
    }
}

#[test]
fn same_aps_ids() {
    assert!(same_aps_id(
        "0f6c1a4e-4d2b-4b8e-9c1a-1234567890ab",
        "0F6C1A4E-4D2B-4B8E-9C1A-1234567890AB"
    ));
    assert!(same_aps_id(
        "0f6c1a4e-4d2b-4b8e-9c1a-1234567890ab",
        "0f6c1a4e-4d2b-4b8e-9c1a-1234567890ab"
    ));
    assert!(!same_aps_id(
        "0f6c1a4e-4d2b-4b8e-9c1a-1234567890ab",
        "0f6c1a4e-4d2b-4b8e-9c1a-1234567890ac"
    ));
    assert!(!same_aps_id("0f6c1a4e-4d2b-4b8e-9c1a-1234567890ab", ""));
}
