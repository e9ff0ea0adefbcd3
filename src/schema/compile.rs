//! Compiles a draft-07 JSON Schema document into a tree of nodes that the validator walks.
//!
//! `$ref`s to places inside the document become node indices, so recursive schemas compile to a
//! graph and every referenced subschema is compiled once.

use super::format::Format;
use super::SchemaError;
use crate::json::{
    encode_fragment, hash_text, percent_decode, push_fragment, push_pointer, resolve_pointer,
};
use crate::json::{Map, Value};
use std::collections::HashMap;

/// Deepest schema nesting the compiler follows; deeper documents are refused, not overflowed.
pub const MAX_SCHEMA_DEPTH: usize = 256;

/// The JSON Schema primitive types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    fn parse(name: &str) -> Option<JsonType> {
        Some(match name {
            "null" => JsonType::Null,
            "boolean" => JsonType::Boolean,
            "integer" => JsonType::Integer,
            "number" => JsonType::Number,
            "string" => JsonType::String,
            "array" => JsonType::Array,
            "object" => JsonType::Object,
            _ => return None,
        })
    }
}

/// What a `dependencies` entry asks for.
#[derive(Debug)]
pub enum Dependency {
    Properties(Vec<String>),
    Schema(usize),
}

/// One compiled keyword. Subschemas are node indices.
#[derive(Debug)]
pub enum Keyword {
    Type(Vec<JsonType>, Value),
    Enum(Vec<Value>),
    Const(Value),
    Properties(Vec<(String, usize)>),
    Required(Vec<String>),
    /// The subschema for properties not named in `properties`, and those names.
    AdditionalProperties(usize, Vec<String>),
    PropertyNames(usize),
    MinProperties(u64),
    MaxProperties(u64),
    Dependencies(Vec<(String, Dependency)>),
    Items(usize),
    TupleItems(Vec<usize>),
    AdditionalItems(usize, usize),
    Contains(usize),
    MinItems(u64),
    MaxItems(u64),
    UniqueItems,
    MinLength(u64),
    MaxLength(u64),
    /// Bounds keep the number as written, for messages (`>= 3`, not `>= 3.0`).
    Minimum(f64, Value),
    Maximum(f64, Value),
    ExclusiveMinimum(f64, Value),
    ExclusiveMaximum(f64, Value),
    MultipleOf(f64, Value),
    Format(Format),
    AllOf(Vec<usize>),
    AnyOf(Vec<usize>),
    OneOf(Vec<usize>),
    Not(usize),
    IfThenElse(usize, Option<usize>, Option<usize>),
}

/// A compiled schema node.
#[derive(Debug)]
pub enum Node {
    /// `true` or `false` as a schema.
    Bool(bool),
    /// A `$ref` (siblings are ignored, as draft-07 says).
    Ref(usize),
    /// An object schema: its keywords, in a fixed order, and its `default`s by property name.
    Keywords(Vec<Keyword>),
    /// A node reserved for a `$ref` target that is still being compiled.
    Pending,
}

/// A compiled node and the JSON Pointer of its schema (the prefix of `schemaPath`s).
#[derive(Debug)]
pub struct CompiledNode {
    pub node: Node,
    pub path: String,
    /// Property defaults declared under `properties` (name → default), used to normalise values.
    pub defaults: Vec<(String, Value)>,
    /// `errorMessage` (the ajv-errors convention): custom messages by keyword, `*` for all.
    pub messages: Vec<(String, String)>,
}

/// The compiled document: nodes in an arena, the root at index 0.
#[derive(Debug)]
pub struct Compiled {
    pub nodes: Vec<CompiledNode>,
}

/// Compiles a schema document.
pub fn compile(root: &Value) -> Result<Compiled, SchemaError> {
    let mut compiler = Compiler {
        root,
        nodes: Vec::new(),
        refs: HashMap::new(),
        ref_pointers: Vec::new(),
    };
    // The root is reached like any `$ref` target, so `{"$ref": "#"}` finds it at index 0.
    compiler.pointer("", 0)?;
    compiler.check_ref_cycles()?;
    Ok(Compiled {
        nodes: compiler.nodes,
    })
}

struct Compiler<'a> {
    root: &'a Value,
    nodes: Vec<CompiledNode>,
    /// `$ref` targets compiled so far (plain JSON Pointer → node).
    refs: HashMap<u64, Vec<usize>>,
    /// The pointers behind `refs` (by the hash of the pointer): (plain pointer, node).
    ref_pointers: Vec<(String, usize)>,
}

fn error(path: &str, code: &'static str, message: String) -> SchemaError {
    SchemaError {
        code,
        schema_path: format!("#{path}"),
        message,
    }
}

fn invalid(path: &str, keyword: &str, expected: &str) -> SchemaError {
    let mut at = path.to_owned();
    push_pointer(&mut at, keyword);
    error(
        &at,
        "INVALID_SCHEMA",
        format!("keyword \"{keyword}\" must be {expected}"),
    )
}

fn non_negative(path: &str, keyword: &str, value: &Value) -> Result<u64, SchemaError> {
    match value {
        Value::Number(n) if n.is_u64() => n.as_u64().ok_or_else(|| invalid(path, keyword, "")),
        Value::Number(n) if crate::json::is_integer(n) && n.to_f64() >= 0.0 => {
            Ok(n.to_f64() as u64)
        }
        _ => Err(invalid(path, keyword, "a non-negative integer")),
    }
}

fn number(path: &str, keyword: &str, value: &Value) -> Result<f64, SchemaError> {
    match value {
        Value::Number(n) => Ok(n.to_f64()),
        _ => Err(invalid(path, keyword, "a number")),
    }
}

fn string_list(path: &str, keyword: &str, value: &Value) -> Result<Vec<String>, SchemaError> {
    let items = value
        .as_array()
        .ok_or_else(|| invalid(path, keyword, "an array of strings"))?;
    items
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| invalid(path, keyword, "an array of strings"))
        })
        .collect()
}

/// A plain JSON Pointer as a `schemaPath` fragment (each token percent-encoded).
fn encode_pointer(pointer: &str) -> String {
    pointer
        .split('/')
        .map(encode_fragment)
        .collect::<Vec<_>>()
        .join("/")
}

/// A `schemaPath` fragment back to a plain JSON Pointer.
fn decode_fragment(path: &str) -> String {
    percent_decode(path).unwrap_or_else(|| path.to_owned())
}

/// Keywords this engine does not implement: refusing them beats a silently wrong verdict.
const UNSUPPORTED: &[&str] = &["pattern", "patternProperties"];

impl Compiler<'_> {
    fn push(&mut self, node: Node, path: String) -> usize {
        self.nodes.push(CompiledNode {
            node,
            path,
            defaults: Vec::new(),
            messages: Vec::new(),
        });
        self.nodes.len() - 1
    }

    fn node(&mut self, schema: &Value, path: String, depth: usize) -> Result<usize, SchemaError> {
        if depth > MAX_SCHEMA_DEPTH {
            return Err(error(
                &path,
                "SCHEMA_TOO_DEEP",
                format!("schema nesting exceeds {MAX_SCHEMA_DEPTH} levels"),
            ));
        }
        let map = match schema {
            Value::Bool(b) => return Ok(self.push(Node::Bool(*b), path)),
            Value::Object(map) => map,
            _ => {
                return Err(error(
                    &path,
                    "INVALID_SCHEMA",
                    "a schema must be an object or a boolean".to_owned(),
                ))
            }
        };
        if let Some(reference) = map.get("$ref") {
            let target = self.reference(reference, &path, depth)?;
            return Ok(self.push(Node::Ref(target), path));
        }
        for name in UNSUPPORTED {
            if map.contains_key(name) {
                let mut at = path.clone();
                push_pointer(&mut at, name);
                return Err(error(
                    &at,
                    "UNSUPPORTED_KEYWORD",
                    format!("keyword \"{name}\" is not supported by this engine"),
                ));
            }
        }
        let index = self.push(Node::Pending, path.clone());
        let keywords = self.keywords(map, &path, depth)?;
        let defaults = match map.get("properties") {
            Some(Value::Object(props)) => props
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.get("default")?.clone())))
                .collect(),
            _ => Vec::new(),
        };
        let messages = match map.get("errorMessage") {
            None => Vec::new(),
            Some(Value::String(text)) => vec![("*".to_owned(), text.clone())],
            Some(Value::Object(by_keyword)) => {
                let mut list = Vec::with_capacity(by_keyword.len());
                for (keyword, text) in by_keyword {
                    let text = text.as_str().ok_or_else(|| {
                        invalid(&path, "errorMessage", "a string or an object of strings")
                    })?;
                    list.push((keyword.clone(), text.to_owned()));
                }
                list
            }
            Some(_) => {
                return Err(invalid(
                    &path,
                    "errorMessage",
                    "a string or an object of strings",
                ))
            }
        };
        if let Some(slot) = self.nodes.get_mut(index) {
            slot.node = Node::Keywords(keywords);
            slot.defaults = defaults;
            slot.messages = messages;
        }
        Ok(index)
    }

    fn child(
        &mut self,
        schema: &Value,
        path: &str,
        tokens: &[&str],
        depth: usize,
    ) -> Result<usize, SchemaError> {
        let mut at = path.to_owned();
        // The first token is a keyword (written as is, like ajv); the rest are property
        // names or indices, percent-encoded like ajv's schemaPath.
        for (i, token) in tokens.iter().enumerate() {
            if i == 0 {
                push_pointer(&mut at, token);
            } else {
                push_fragment(&mut at, token);
            }
        }
        self.node(schema, at, depth + 1)
    }

    fn schema_list(
        &mut self,
        value: &Value,
        path: &str,
        keyword: &str,
        depth: usize,
    ) -> Result<Vec<usize>, SchemaError> {
        let items = match value.as_array() {
            Some(items) if !items.is_empty() => items,
            _ => return Err(invalid(path, keyword, "a non-empty array of schemas")),
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(self.child(item, path, &[keyword, &i.to_string()], depth)?);
        }
        Ok(out)
    }

    fn schema_map(
        &mut self,
        value: &Value,
        path: &str,
        keyword: &str,
        depth: usize,
    ) -> Result<Vec<(String, usize)>, SchemaError> {
        let map = value
            .as_object()
            .ok_or_else(|| invalid(path, keyword, "an object of schemas"))?;
        let mut out = Vec::with_capacity(map.len());
        for (name, sub) in map {
            out.push((
                name.clone(),
                self.child(sub, path, &[keyword, name], depth)?,
            ));
        }
        Ok(out)
    }

    fn keywords(
        &mut self,
        map: &Map,
        path: &str,
        depth: usize,
    ) -> Result<Vec<Keyword>, SchemaError> {
        let mut out = Vec::new();
        if let Some(v) = map.get("type") {
            let names: Vec<&str> = match v {
                Value::String(s) => vec![s.as_str()],
                Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            let count = v.as_array().map_or(1, Vec::len);
            let types: Option<Vec<JsonType>> = names.iter().map(|n| JsonType::parse(n)).collect();
            match types {
                Some(types) if !types.is_empty() && types.len() == count => {
                    out.push(Keyword::Type(types, v.clone()))
                }
                _ => {
                    return Err(invalid(
                        path,
                        "type",
                        "a type name or an array of type names",
                    ))
                }
            }
        }
        if let Some(v) = map.get("enum") {
            let items = v
                .as_array()
                .ok_or_else(|| invalid(path, "enum", "an array"))?;
            out.push(Keyword::Enum(items.clone()));
        }
        if let Some(v) = map.get("const") {
            out.push(Keyword::Const(v.clone()));
        }
        if let Some(v) = map.get("required") {
            out.push(Keyword::Required(string_list(path, "required", v)?));
        }
        if let Some(v) = map.get("properties") {
            out.push(Keyword::Properties(self.schema_map(
                v,
                path,
                "properties",
                depth,
            )?));
        }
        if let Some(v) = map.get("additionalProperties") {
            let known = match map.get("properties") {
                Some(Value::Object(props)) => props.keys().cloned().collect(),
                _ => Vec::new(),
            };
            let index = self.child(v, path, &["additionalProperties"], depth)?;
            out.push(Keyword::AdditionalProperties(index, known));
        }
        if let Some(v) = map.get("propertyNames") {
            out.push(Keyword::PropertyNames(self.child(
                v,
                path,
                &["propertyNames"],
                depth,
            )?));
        }
        if let Some(v) = map.get("minProperties") {
            out.push(Keyword::MinProperties(non_negative(
                path,
                "minProperties",
                v,
            )?));
        }
        if let Some(v) = map.get("maxProperties") {
            out.push(Keyword::MaxProperties(non_negative(
                path,
                "maxProperties",
                v,
            )?));
        }
        if let Some(v) = map.get("dependencies") {
            let deps = v
                .as_object()
                .ok_or_else(|| invalid(path, "dependencies", "an object"))?;
            let mut list = Vec::with_capacity(deps.len());
            for (name, dep) in deps {
                let dependency = match dep {
                    Value::Array(_) => {
                        Dependency::Properties(string_list(path, "dependencies", dep)?)
                    }
                    _ => {
                        Dependency::Schema(self.child(dep, path, &["dependencies", name], depth)?)
                    }
                };
                list.push((name.clone(), dependency));
            }
            out.push(Keyword::Dependencies(list));
        }
        match map.get("items") {
            Some(Value::Array(items)) => {
                let mut list = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    list.push(self.child(item, path, &["items", &i.to_string()], depth)?);
                }
                let count = list.len();
                out.push(Keyword::TupleItems(list));
                if let Some(v) = map.get("additionalItems") {
                    out.push(Keyword::AdditionalItems(
                        self.child(v, path, &["additionalItems"], depth)?,
                        count,
                    ));
                }
            }
            Some(v) => out.push(Keyword::Items(self.child(v, path, &["items"], depth)?)),
            None => {}
        }
        if let Some(v) = map.get("contains") {
            out.push(Keyword::Contains(self.child(
                v,
                path,
                &["contains"],
                depth,
            )?));
        }
        if let Some(v) = map.get("minItems") {
            out.push(Keyword::MinItems(non_negative(path, "minItems", v)?));
        }
        if let Some(v) = map.get("maxItems") {
            out.push(Keyword::MaxItems(non_negative(path, "maxItems", v)?));
        }
        match map.get("uniqueItems") {
            Some(Value::Bool(true)) => out.push(Keyword::UniqueItems),
            Some(Value::Bool(false)) | None => {}
            Some(_) => return Err(invalid(path, "uniqueItems", "a boolean")),
        }
        if let Some(v) = map.get("minLength") {
            out.push(Keyword::MinLength(non_negative(path, "minLength", v)?));
        }
        if let Some(v) = map.get("maxLength") {
            out.push(Keyword::MaxLength(non_negative(path, "maxLength", v)?));
        }
        if let Some(v) = map.get("minimum") {
            out.push(Keyword::Minimum(number(path, "minimum", v)?, v.clone()));
        }
        if let Some(v) = map.get("maximum") {
            out.push(Keyword::Maximum(number(path, "maximum", v)?, v.clone()));
        }
        if let Some(v) = map.get("exclusiveMinimum") {
            out.push(Keyword::ExclusiveMinimum(
                number(path, "exclusiveMinimum", v)?,
                v.clone(),
            ));
        }
        if let Some(v) = map.get("exclusiveMaximum") {
            out.push(Keyword::ExclusiveMaximum(
                number(path, "exclusiveMaximum", v)?,
                v.clone(),
            ));
        }
        if let Some(v) = map.get("multipleOf") {
            let n = number(path, "multipleOf", v)?;
            if n <= 0.0 {
                return Err(invalid(path, "multipleOf", "a number greater than 0"));
            }
            out.push(Keyword::MultipleOf(n, v.clone()));
        }
        if let Some(v) = map.get("format") {
            let name = v
                .as_str()
                .ok_or_else(|| invalid(path, "format", "a string"))?;
            // Unknown formats are annotations only, as the specification says.
            if let Some(format) = Format::parse(name) {
                out.push(Keyword::Format(format));
            }
        }
        if let Some(v) = map.get("allOf") {
            out.push(Keyword::AllOf(self.schema_list(v, path, "allOf", depth)?));
        }
        if let Some(v) = map.get("anyOf") {
            out.push(Keyword::AnyOf(self.schema_list(v, path, "anyOf", depth)?));
        }
        if let Some(v) = map.get("oneOf") {
            out.push(Keyword::OneOf(self.schema_list(v, path, "oneOf", depth)?));
        }
        if let Some(v) = map.get("not") {
            out.push(Keyword::Not(self.child(v, path, &["not"], depth)?));
        }
        if let Some(v) = map.get("if") {
            let condition = self.child(v, path, &["if"], depth)?;
            let then = match map.get("then") {
                Some(t) => Some(self.child(t, path, &["then"], depth)?),
                None => None,
            };
            let otherwise = match map.get("else") {
                Some(e) => Some(self.child(e, path, &["else"], depth)?),
                None => None,
            };
            if then.is_some() || otherwise.is_some() {
                out.push(Keyword::IfThenElse(condition, then, otherwise));
            }
        }
        // Definitions are compiled even when unused, so a broken one fails at compile time.
        if let Some(v) = map.get("definitions") {
            let defs = v
                .as_object()
                .ok_or_else(|| invalid(path, "definitions", "an object of schemas"))?;
            for name in defs.keys() {
                // `pointer` takes a plain (decoded) JSON Pointer, the same key a `$ref` gives.
                let mut at = decode_fragment(path);
                push_pointer(&mut at, "definitions");
                push_pointer(&mut at, name);
                self.pointer(&at, depth + 1)?;
            }
        }
        Ok(out)
    }

    /// Compiles the node a `$ref` names, once per target.
    fn reference(&mut self, value: &Value, path: &str, depth: usize) -> Result<usize, SchemaError> {
        let text = value
            .as_str()
            .ok_or_else(|| invalid(path, "$ref", "a string"))?;
        let fragment = text.strip_prefix('#').ok_or_else(|| {
            let mut at = path.to_owned();
            push_pointer(&mut at, "$ref");
            error(
                &at,
                "UNSUPPORTED_REF",
                format!("$ref \"{text}\" points outside this document; only \"#...\" references are supported"),
            )
        })?;
        let pointer = percent_decode(fragment)
            .ok_or_else(|| invalid(path, "$ref", "a valid URI fragment"))?;
        self.pointer(&pointer, depth + 1).map_err(|e| {
            if e.code == "UNRESOLVED_REF" {
                let mut at = path.to_owned();
                push_pointer(&mut at, "$ref");
                error(
                    &at,
                    "UNRESOLVED_REF",
                    format!("$ref \"{text}\" does not resolve inside this document"),
                )
            } else {
                e
            }
        })
    }

    fn pointer(&mut self, pointer: &str, depth: usize) -> Result<usize, SchemaError> {
        let known = self.refs.get(&hash_text(pointer)).and_then(|candidates| {
            candidates
                .iter()
                .filter_map(|i| self.ref_pointers.get(*i))
                .find(|(p, _)| p == pointer)
                .map(|(_, node)| node)
        });
        if let Some(index) = known {
            let index = *index;
            return Ok(index);
        }
        let target = resolve_pointer(self.root, pointer)
            .ok_or_else(|| error(pointer, "UNRESOLVED_REF", String::new()))?;
        // Reserve the slot first so a recursive reference finds it.
        let shown = encode_pointer(pointer);
        let slot = self.push(Node::Pending, shown.clone());
        self.refs
            .entry(hash_text(pointer))
            .or_default()
            .push(self.ref_pointers.len());
        self.ref_pointers.push((pointer.to_owned(), slot));
        let compiled = self.node(target, shown, depth)?;
        if let Some(entry) = self.nodes.get_mut(slot) {
            entry.node = Node::Ref(compiled);
        }
        Ok(slot)
    }

    /// Refuses references that only lead to more references in a loop (`{"$ref": "#"}`):
    /// they could never validate anything.
    fn check_ref_cycles(&self) -> Result<(), SchemaError> {
        // Each node is followed once: `done` marks the chains already known to end in a schema.
        let mut done = vec![false; self.nodes.len()];
        for start in 0..self.nodes.len() {
            let mut chain = Vec::new();
            let mut current = start;
            while let Some(CompiledNode {
                node: Node::Ref(next),
                path,
                ..
            }) = self.nodes.get(current)
            {
                if done.get(current).copied().unwrap_or(true) {
                    break;
                }
                if chain.contains(&current) || chain.len() > self.nodes.len() {
                    return Err(error(
                        path,
                        "INVALID_SCHEMA",
                        "$ref references form a loop that never reaches a schema".to_owned(),
                    ));
                }
                chain.push(current);
                current = *next;
            }
            for node in chain {
                if let Some(flag) = done.get_mut(node) {
                    *flag = true;
                }
            }
        }
        Ok(())
    }
}
