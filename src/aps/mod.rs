//! The APS 2 side: the Migratable type document, APS resource ids, and the APS type dialect
//! translated into JSON Schema so any APS structure can be validated by the engine.

use crate::pointer::push_pointer;
use crate::schema::{SchemaError, SchemaErrorCode, Validator};
use serde_json::{Map, Value};

/// The Migratable type document of the APS 2 type library (embedded without whitespace).
pub const MIGRATABLE_TYPE: &str = embedded_json!("aps/migratable.json");

/// The Migratable type id.
pub const MIGRATABLE_TYPE_ID: &str =
    "http://aps-standard.org/types/core/subscription/migratable/1.0";

/// The Migratable type document as JSON.
pub fn migratable_type() -> Value {
    serde_json::from_slice(MIGRATABLE_TYPE.as_bytes()).unwrap_or(Value::Null)
}

/// True when `text` is an APS resource id: a UUID in 8-4-4-4-12 hexadecimal form.
///
/// Controllers issue lowercase ids; uppercase hex digits are accepted and compare equal
/// (see [`same_aps_id`]).
pub fn is_aps_id(text: &str) -> bool {
    crate::schema::is_hyphenated_uuid(text)
}

/// True when two APS ids name the same resource (hex digits compare without case).
pub fn same_aps_id(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn type_error(path: &str, code: SchemaErrorCode, message: String) -> SchemaError {
    SchemaError::at(path, code, message)
}

/// Property attributes that mean the same in APS and JSON Schema and are copied as they are.
const SHARED_KEYWORDS: &[&str] = &[
    "enum",
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "default",
    "const",
    "title",
    "description",
];

const PRIMITIVES: &[&str] = &["string", "number", "integer", "boolean", "object", "array"];

struct Translator<'a> {
    structures: &'a Map<String, Value>,
    type_id: Option<&'a str>,
}

impl Translator<'_> {
    /// The `#/definitions/...` reference for a structure type name, if it names one of ours.
    fn structure_ref(&self, type_name: &str, path: &str) -> Result<Value, SchemaError> {
        let local = match type_name.split_once('#') {
            Some((id, name)) if Some(id) == self.type_id => name,
            Some(_) => {
                return Err(type_error(
                    path,
                    SchemaErrorCode::UnresolvedType,
                    format!("type \"{type_name}\" belongs to another APS type document; only structures of this document can be resolved"),
                ))
            }
            None => type_name,
        };
        if !self.structures.contains_key(local) {
            return Err(type_error(
                path,
                SchemaErrorCode::UnresolvedType,
                format!(
                    "type \"{type_name}\" is neither a JSON type nor a structure of this document"
                ),
            ));
        }
        let mut pointer = String::from("#/definitions");
        push_pointer(&mut pointer, local);
        let mut out = Map::new();
        out.insert("$ref".to_owned(), Value::String(pointer));
        Ok(Value::Object(out))
    }

    /// Translates one APS property (or `items`) declaration.
    fn property(&self, decl: &Value, path: &str, depth: usize) -> Result<Value, SchemaError> {
        if depth > crate::schema::MAX_SCHEMA_DEPTH {
            return Err(type_error(
                path,
                SchemaErrorCode::SchemaTooDeep,
                "type document is nested too deeply".to_owned(),
            ));
        }
        let map = decl.as_object().ok_or_else(|| {
            type_error(
                path,
                SchemaErrorCode::InvalidTypeDocument,
                "a property declaration must be an object".to_owned(),
            )
        })?;
        let mut out = Map::new();
        for key in SHARED_KEYWORDS {
            if let Some(v) = map.get(*key) {
                out.insert((*key).to_owned(), v.clone());
            }
        }
        let mut structure = None;
        match map.get("type") {
            None => {}
            Some(Value::String(name)) if PRIMITIVES.contains(&name.as_str()) => {
                out.insert("type".to_owned(), Value::String(name.clone()));
            }
            Some(Value::String(name)) => {
                let mut at = path.to_owned();
                push_pointer(&mut at, "type");
                structure = Some(self.structure_ref(name, &at)?);
            }
            Some(_) => {
                return Err(type_error(
                    path,
                    SchemaErrorCode::InvalidTypeDocument,
                    "\"type\" must be a string".to_owned(),
                ))
            }
        }
        if let Some(items) = map.get("items") {
            let mut at = path.to_owned();
            push_pointer(&mut at, "items");
            out.insert("items".to_owned(), self.property(items, &at, depth + 1)?);
        }
        if map.contains_key("properties") {
            self.object_members(map, path, depth, &mut out)?;
        }
        Ok(match structure {
            // `$ref` ignores its siblings in draft-07, so keep them beside it under `allOf`.
            Some(reference) if out.is_empty() => reference,
            Some(reference) => {
                out.insert("allOf".to_owned(), Value::Array(vec![reference]));
                Value::Object(out)
            }
            None => Value::Object(out),
        })
    }

    /// Translates `properties`, lifting each property's `"required": true` to the object.
    fn object_members(
        &self,
        map: &Map<String, Value>,
        path: &str,
        depth: usize,
        out: &mut Map<String, Value>,
    ) -> Result<(), SchemaError> {
        let mut at = path.to_owned();
        push_pointer(&mut at, "properties");
        let props = match map.get("properties") {
            Some(Value::Object(props)) => props,
            None => return Ok(()),
            Some(_) => {
                return Err(type_error(
                    &at,
                    SchemaErrorCode::InvalidTypeDocument,
                    "\"properties\" must be an object".to_owned(),
                ))
            }
        };
        let mut translated = Map::new();
        let mut required = Vec::new();
        for (name, decl) in props {
            let mut prop_path = at.clone();
            push_pointer(&mut prop_path, name);
            match decl.get("required") {
                Some(Value::Bool(true)) => required.push(Value::String(name.clone())),
                Some(Value::Bool(false)) | None => {}
                // JSON Schema style: a list of required names on an inline object.
                Some(Value::Array(_)) => {}
                Some(_) => {
                    return Err(type_error(
                        &prop_path,
                        SchemaErrorCode::InvalidTypeDocument,
                        "\"required\" on a property must be a boolean".to_owned(),
                    ))
                }
            }
            translated.insert(name.clone(), self.property(decl, &prop_path, depth + 1)?);
        }
        out.insert("properties".to_owned(), Value::Object(translated));
        // A JSON Schema style list on the object itself counts too.
        if let Some(Value::Array(names)) = map.get("required") {
            for name in names {
                if name.is_string() && !required.contains(name) {
                    required.push(name.clone());
                }
            }
        }
        if !required.is_empty() {
            out.insert("required".to_owned(), Value::Array(required));
        }
        Ok(())
    }
}

/// The JSON Schema (draft-07) for structure `name` of an APS type document, with every
/// structure of the document under `definitions`.
pub fn structure_schema(type_document: &Value, name: &str) -> Result<Value, SchemaError> {
    let empty = Map::new();
    let doc = type_document.as_object().ok_or_else(|| {
        type_error(
            "",
            SchemaErrorCode::InvalidTypeDocument,
            "an APS type document must be a JSON object".to_owned(),
        )
    })?;
    let structures = match doc.get("structures") {
        Some(Value::Object(s)) => s,
        None => &empty,
        Some(_) => {
            return Err(type_error(
                "/structures",
                SchemaErrorCode::InvalidTypeDocument,
                "\"structures\" must be an object".to_owned(),
            ))
        }
    };
    if !structures.contains_key(name) {
        let known: Vec<&str> = structures.keys().map(String::as_str).collect();
        return Err(type_error(
            "/structures",
            SchemaErrorCode::UnknownStructure,
            format!(
                "no structure \"{}\" in this type document (it has: {})",
                crate::value::display_text(name, 80),
                known.join(", ")
            ),
        ));
    }
    let translator = Translator {
        structures,
        type_id: doc.get("id").and_then(Value::as_str),
    };
    let mut definitions = Map::new();
    for (structure, decl) in structures {
        let mut path = String::from("/structures");
        push_pointer(&mut path, structure);
        definitions.insert(structure.clone(), translator.property(decl, &path, 0)?);
    }
    let mut root = Map::new();
    root.insert(
        "$schema".to_owned(),
        Value::String("http://json-schema.org/draft-07/schema#".to_owned()),
    );
    let mut reference = String::from("#/definitions");
    push_pointer(&mut reference, name);
    root.insert("$ref".to_owned(), Value::String(reference));
    root.insert("definitions".to_owned(), Value::Object(definitions));
    Ok(Value::Object(root))
}

/// A compiled validator for structure `name` of an APS type document.
pub fn structure_validator(type_document: &Value, name: &str) -> Result<Validator, SchemaError> {
    Validator::new(&structure_schema(type_document, name)?)
}
