//! Compiles a draft-07 JSON Schema document into nodes (see `node`): each object schema's
//! keywords are compiled by their modules (`keywords`), in the order of the dispatch table.
//! `$ref`s to places inside the document become node indices, so every referenced subschema is
//! compiled once.

use super::error::{SchemaError, SchemaErrorCode};
use super::keywords;
use super::node::{Compiled, CompiledNode, Node};
use crate::pointer::{
    encode_pointer, percent_decode, push_fragment, push_pointer, resolve_pointer,
};
use crate::value::hash_text;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Deepest schema nesting the compiler follows; deeper documents are refused, not overflowed.
pub const MAX_SCHEMA_DEPTH: usize = 256;

/// Keywords this engine does not implement: refusing them beats a silently wrong verdict.
const UNSUPPORTED: &[&str] = &[];

/// The object schema whose keywords are being compiled.
pub struct Site<'s> {
    /// Its members.
    pub map: &'s Map<String, Value>,
    /// Its place, as the prefix of `schemaPath`s (percent-encoded where ajv encodes).
    pub path: &'s str,
    /// How deep it is nested.
    pub depth: usize,
}

impl<'s> Site<'s> {
    /// The value of one of its keywords.
    pub fn get(&self, keyword: &str) -> Option<&'s Value> {
        self.map.get(keyword)
    }
}

/// `INVALID_SCHEMA` for a keyword whose value is not what it must be.
pub fn invalid(path: &str, keyword: &str, expected: &str) -> SchemaError {
    let mut at = path.to_owned();
    push_pointer(&mut at, keyword);
    SchemaError::at(
        &at,
        SchemaErrorCode::InvalidSchema,
        format!("keyword \"{keyword}\" must be {expected}"),
    )
}

/// A keyword's value as a non-negative integer (`2.0` counts).
pub fn non_negative(site: &Site<'_>, keyword: &str, value: &Value) -> Result<u64, SchemaError> {
    match value {
        Value::Number(n) if n.is_u64() => n.as_u64().ok_or_else(|| invalid(site.path, keyword, "")),
        Value::Number(n) if crate::value::is_integer(n) && crate::value::to_f64(n) >= 0.0 => {
            Ok(crate::value::to_f64(n) as u64)
        }
        _ => Err(invalid(site.path, keyword, "a non-negative integer")),
    }
}

/// A keyword's value as a number.
pub fn number(site: &Site<'_>, keyword: &str, value: &Value) -> Result<f64, SchemaError> {
    match value {
        Value::Number(n) => Ok(crate::value::to_f64(n)),
        _ => Err(invalid(site.path, keyword, "a number")),
    }
}

/// A keyword's value as an array of strings.
pub fn string_list(path: &str, keyword: &str, value: &Value) -> Result<Vec<String>, SchemaError> {
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

/// The compiler's state: the document, the nodes so far, and the `$ref` targets compiled.
pub struct Compiler<'a> {
    root: &'a Value,
    nodes: Vec<CompiledNode>,
    /// `$ref` targets compiled so far (hash of the plain JSON Pointer → entries of `ref_pointers`).
    refs: HashMap<u64, Vec<usize>>,
    /// The pointers behind `refs`: (plain pointer, node).
    ref_pointers: Vec<(String, usize)>,
}

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
            return Err(SchemaError::at(
                &path,
                SchemaErrorCode::SchemaTooDeep,
                format!("schema nesting exceeds {MAX_SCHEMA_DEPTH} levels"),
            ));
        }
        let map = match schema {
            Value::Bool(b) => return Ok(self.push(Node::Bool(*b), path)),
            Value::Object(map) => map,
            _ => {
                return Err(SchemaError::at(
                    &path,
                    SchemaErrorCode::InvalidSchema,
                    "a schema must be an object or a boolean".to_owned(),
                ))
            }
        };
        if let Some(reference) = map.get("$ref") {
            let target = self.reference(reference, &path, depth)?;
            return Ok(self.push(Node::Ref(target), path));
        }
        if let Some(name) = UNSUPPORTED.iter().find(|name| map.contains_key(**name)) {
            let mut at = path.clone();
            push_pointer(&mut at, name);
            return Err(SchemaError::at(
                &at,
                SchemaErrorCode::UnsupportedKeyword,
                format!("keyword \"{name}\" is not supported by this engine"),
            ));
        }
        let index = self.push(Node::Pending, path.clone());
        let site = Site {
            map,
            path: &path,
            depth,
        };
        let mut compiled = Vec::new();
        for compile in keywords::COMPILERS {
            compile(self, &site, &mut compiled)?;
        }
        self.definitions(&site)?;
        let defaults = defaults(map);
        let messages = error_messages(map, &path)?;
        if let Some(slot) = self.nodes.get_mut(index) {
            slot.node = Node::Keywords(compiled);
            slot.defaults = defaults;
            slot.messages = messages;
        }
        Ok(index)
    }

    /// Compiles the subschema `schema` found under `tokens` of `site`: the first token is a
    /// keyword (written as is, like ajv), the rest property names or indices (percent-encoded
    /// like ajv's schemaPath).
    pub fn child(
        &mut self,
        schema: &Value,
        site: &Site<'_>,
        tokens: &[&str],
    ) -> Result<usize, SchemaError> {
        let mut at = site.path.to_owned();
        for (i, token) in tokens.iter().enumerate() {
            if i == 0 {
                push_pointer(&mut at, token);
            } else {
                push_fragment(&mut at, token);
            }
        }
        self.node(schema, at, site.depth + 1)
    }

    /// A keyword's non-empty array of subschemas.
    pub fn schema_list(
        &mut self,
        value: &Value,
        site: &Site<'_>,
        keyword: &str,
    ) -> Result<Vec<usize>, SchemaError> {
        let items = match value.as_array() {
            Some(items) if !items.is_empty() => items,
            _ => return Err(invalid(site.path, keyword, "a non-empty array of schemas")),
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(self.child(item, site, &[keyword, &i.to_string()])?);
        }
        Ok(out)
    }

    /// A keyword's object of subschemas, by name.
    pub fn schema_map(
        &mut self,
        value: &Value,
        site: &Site<'_>,
        keyword: &str,
    ) -> Result<Vec<(String, usize)>, SchemaError> {
        let map = value
            .as_object()
            .ok_or_else(|| invalid(site.path, keyword, "an object of schemas"))?;
        let mut out = Vec::with_capacity(map.len());
        for (name, sub) in map {
            out.push((name.clone(), self.child(sub, site, &[keyword, name])?));
        }
        Ok(out)
    }

    /// True when node `index` is the `false` schema.
    pub fn is_false(&self, index: usize) -> bool {
        matches!(
            self.nodes.get(index).map(|n| &n.node),
            Some(Node::Bool(false))
        )
    }

    /// Definitions are compiled even when unused, so a broken one fails at compile time.
    fn definitions(&mut self, site: &Site<'_>) -> Result<(), SchemaError> {
        let Some(v) = site.get("definitions") else {
            return Ok(());
        };
        let defs = v
            .as_object()
            .ok_or_else(|| invalid(site.path, "definitions", "an object of schemas"))?;
        for name in defs.keys() {
            // `pointer` takes a plain (decoded) JSON Pointer, the same key a `$ref` gives.
            let mut at = percent_decode(site.path).unwrap_or_else(|| site.path.to_owned());
            push_pointer(&mut at, "definitions");
            push_pointer(&mut at, name);
            self.pointer(&at, site.depth + 1)?;
        }
        Ok(())
    }

    /// Compiles the node a `$ref` names, once per target.
    fn reference(&mut self, value: &Value, path: &str, depth: usize) -> Result<usize, SchemaError> {
        let text = value
            .as_str()
            .ok_or_else(|| invalid(path, "$ref", "a string"))?;
        let mut at = path.to_owned();
        push_pointer(&mut at, "$ref");
        let fragment = text.strip_prefix('#').ok_or_else(|| {
            SchemaError::at(
                &at,
                SchemaErrorCode::UnsupportedRef,
                format!("$ref \"{text}\" points outside this document; only \"#...\" references are supported"),
            )
        })?;
        let pointer = percent_decode(fragment)
            .ok_or_else(|| invalid(path, "$ref", "a valid URI fragment"))?;
        self.pointer(&pointer, depth + 1).map_err(|e| {
            if e.code == SchemaErrorCode::UnresolvedRef {
                SchemaError::at(
                    &at,
                    SchemaErrorCode::UnresolvedRef,
                    format!("$ref \"{text}\" does not resolve inside this document"),
                )
            } else {
                e
            }
        })
    }

    /// The node of the schema at a plain JSON Pointer of the document, compiled once.
    fn pointer(&mut self, pointer: &str, depth: usize) -> Result<usize, SchemaError> {
        let known = self.refs.get(&hash_text(pointer)).and_then(|candidates| {
            candidates
                .iter()
                .filter_map(|i| self.ref_pointers.get(*i))
                .find(|(p, _)| p == pointer)
                .map(|(_, node)| *node)
        });
        if let Some(index) = known {
            return Ok(index);
        }
        let target = resolve_pointer(self.root, pointer).ok_or_else(|| {
            SchemaError::at(pointer, SchemaErrorCode::UnresolvedRef, String::new())
        })?;
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
                    return Err(SchemaError::at(
                        path,
                        SchemaErrorCode::InvalidSchema,
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

/// Property defaults declared under `properties` (name → default).
fn defaults(map: &Map<String, Value>) -> Vec<(String, Value)> {
    match map.get("properties") {
        Some(Value::Object(props)) => props
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.get("default")?.clone())))
            .collect(),
        _ => Vec::new(),
    }
}

/// `errorMessage`: one text for every keyword, or texts by keyword.
fn error_messages(
    map: &Map<String, Value>,
    path: &str,
) -> Result<Vec<(String, String)>, SchemaError> {
    let expected = "a string or an object of strings";
    match map.get("errorMessage") {
        None => Ok(Vec::new()),
        Some(Value::String(text)) => Ok(vec![("*".to_owned(), text.clone())]),
        Some(Value::Object(by_keyword)) => by_keyword
            .iter()
            .map(|(keyword, text)| {
                let text = text
                    .as_str()
                    .ok_or_else(|| invalid(path, "errorMessage", expected))?;
                Ok((keyword.clone(), text.to_owned()))
            })
            .collect(),
        Some(_) => Err(invalid(path, "errorMessage", expected)),
    }
}
