//! Compiles a JSON Schema document (draft-07, 2019-09 or 2020-12, by its `$schema`) into nodes
//! (see `node`): each object schema's keywords are compiled by their modules (`keywords`), in
//! the order of the dispatch table. `$ref`s become node indices, resolved through the index of
//! every reachable document (`resources`), so every referenced subschema is compiled once.

use super::draft::Draft;
use super::error::{SchemaError, SchemaErrorCode};
use super::keywords;
use super::node::{Compiled, CompiledNode, Node};
use super::registry::Registry;
use super::resources::{address, Index, Place, Scope};
use super::uri;
use super::words::WordMap;
use crate::pointer::{percent_decode, push_fragment, push_pointer, resolve_pointer};
use serde_json::{Map, Value};

/// Deepest schema nesting the compiler follows; deeper documents are refused, not overflowed.
pub const MAX_SCHEMA_DEPTH: usize = 256;

/// The object schema whose keywords are being compiled.
pub struct Site<'s> {
    /// Its members.
    pub map: &'s Map<String, Value>,
    /// Its place, as the prefix of `schemaPath`s: `#/...` (percent-encoded where ajv encodes),
    /// or `uri#/...` in another document.
    pub path: &'s str,
    /// How deep it is nested.
    pub depth: usize,
    /// The draft it is read with.
    pub draft: Draft,
    scope: Scope,
}

impl<'s> Site<'s> {
    /// The value of one of its keywords.
    pub fn get(&self, keyword: &str) -> Option<&'s Value> {
        self.map.get(keyword)
    }
}

/// The location of `keyword` at `path`.
pub fn keyword_path(path: &str, keyword: &str) -> String {
    let mut at = path.to_owned();
    push_pointer(&mut at, keyword);
    at
}

/// `INVALID_SCHEMA` for a keyword whose value is not what it must be.
pub fn invalid(path: &str, keyword: &str, expected: &str) -> SchemaError {
    SchemaError::located(
        keyword_path(path, keyword),
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

/// Compiles a schema document; `$ref`s may also name the registry's documents.
pub fn compile(root: &Value, registry: &Registry) -> Result<Compiled, SchemaError> {
    let mut index = Index::default();
    index.add("", root, Draft::Draft7)?;
    let draft = index.scope(root).map_or(Draft::Draft7, |s| s.draft);
    let mut compiler = Compiler {
        index,
        registry,
        indexed: vec![false; registry.documents().count()],
        draft,
        nodes: Vec::new(),
        shared: WordMap::default(),
    };
    // The root is reached like any `$ref` target, so `{"$ref": "#"}` finds it at index 0.
    let scope = compiler.index.scope(root).unwrap_or_default();
    compiler.shared(root, "#".to_owned(), 0, scope)?;
    compiler.check_ref_cycles()?;
    Ok(Compiled {
        nodes: compiler.nodes,
    })
}

/// The compiler's state: the documents' index, the nodes so far, and the shared nodes (the
/// targets of `$ref`s and the definitions) by the address of their schema.
pub struct Compiler<'a> {
    index: Index<'a>,
    registry: &'a Registry,
    /// Which of the registry's documents are in the index: each is indexed when first needed,
    /// so a document no `$ref` reaches costs nothing (and a broken one fails no compilation).
    indexed: Vec<bool>,
    /// The compiled document's draft: that of the documents that declare none.
    draft: Draft,
    nodes: Vec<CompiledNode>,
    shared: WordMap,
}

impl<'a> Compiler<'a> {
    fn push(&mut self, node: Node, path: String) -> usize {
        self.nodes.push(CompiledNode {
            node,
            path,
            defaults: Vec::new(),
            messages: Vec::new(),
        });
        self.nodes.len() - 1
    }

    fn node(
        &mut self,
        schema: &Value,
        path: String,
        depth: usize,
        inherited: Scope,
    ) -> Result<usize, SchemaError> {
        if depth > MAX_SCHEMA_DEPTH {
            return Err(SchemaError::located(
                path,
                SchemaErrorCode::SchemaTooDeep,
                format!("schema nesting exceeds {MAX_SCHEMA_DEPTH} levels"),
            ));
        }
        let map = match schema {
            Value::Bool(b) => return Ok(self.push(Node::Bool(*b), path)),
            Value::Object(map) => map,
            _ => {
                return Err(SchemaError::located(
                    path,
                    SchemaErrorCode::InvalidSchema,
                    "a schema must be an object or a boolean".to_owned(),
                ))
            }
        };
        let scope = self.index.scope(schema).unwrap_or(inherited);
        if let Some(name) = scope.draft.refused(map) {
            return Err(SchemaError::located(
                keyword_path(&path, name),
                SchemaErrorCode::UnsupportedKeyword,
                format!(
                    "keyword \"{name}\" is not supported by this engine (draft {})",
                    scope.draft.name()
                ),
            ));
        }
        let site = Site {
            map,
            path: &path,
            depth,
            draft: scope.draft,
            scope,
        };
        if !scope.draft.is_2019_or_later() {
            // Draft-07: a `$ref` replaces its siblings.
            if let Some(reference) = map.get("$ref") {
                let target = self.reference(reference, &site)?;
                return Ok(self.push(Node::Ref(target), path));
            }
        }
        let index = self.push(Node::Pending, path.clone());
        let mut compiled = Vec::new();
        for compile in keywords::COMPILERS {
            compile(self, &site, &mut compiled)?;
        }
        self.definitions(&site)?;
        let defaults = defaults(map);
        let messages = error_messages(map, &path)?;
        let node = match compiled.as_slice() {
            // A `$ref` alone: a plain reference, so loops of them are found like draft-07's.
            [keywords::Keyword::Ref(r)] if defaults.is_empty() && messages.is_empty() => {
                Node::Ref(r.target)
            }
            _ => Node::Keywords(compiled),
        };
        if let Some(slot) = self.nodes.get_mut(index) {
            slot.node = node;
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
        self.node(schema, at, site.depth + 1, site.scope)
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

    /// Definitions (`definitions`, and from 2019-09 `$defs`) are compiled even when unused, so
    /// a broken one fails at compile time.
    fn definitions(&mut self, site: &Site<'_>) -> Result<(), SchemaError> {
        for keyword in ["definitions", "$defs"] {
            if keyword == "$defs" && !site.draft.is_2019_or_later() {
                continue;
            }
            let Some(v) = site.get(keyword) else {
                continue;
            };
            let defs = v
                .as_object()
                .ok_or_else(|| invalid(site.path, keyword, "an object of schemas"))?;
            for (name, def) in defs {
                let mut at = keyword_path(site.path, keyword);
                push_fragment(&mut at, name);
                self.shared(def, at, site.depth + 1, site.scope)?;
            }
        }
        Ok(())
    }

    /// Compiles the node a `$ref` at `site` names, once per target.
    pub fn reference(&mut self, value: &Value, site: &Site<'_>) -> Result<usize, SchemaError> {
        let text = value
            .as_str()
            .ok_or_else(|| invalid(site.path, "$ref", "a string"))?;
        let at = keyword_path(site.path, "$ref");
        let absolute = uri::resolve(self.index.base(site.scope), text);
        let (resource, fragment) = uri::split_fragment(&absolute);
        let unresolved = || {
            SchemaError::located(
                at.clone(),
                SchemaErrorCode::UnresolvedRef,
                format!("$ref \"{text}\" does not resolve"),
            )
        };
        let Some(place) = self.resource(resource)? else {
            return Err(SchemaError::located(
                at.clone(),
                SchemaErrorCode::UnsupportedRef,
                format!(
                    "$ref \"{text}\" names \"{resource}\", which is neither in this document nor registered; schemas are never fetched"
                ),
            ));
        };
        let target = match fragment {
            None | Some("") => place,
            Some(f) if f.starts_with('/') => {
                let pointer = percent_decode(f).ok_or_else(unresolved)?;
                let schema = resolve_pointer(place.schema, &pointer).ok_or_else(unresolved)?;
                // Shown as the `$ref` writes it, as ajv shows it.
                Place {
                    schema,
                    location: format!("{}{f}", place.location),
                }
            }
            Some(anchor) => self
                .index
                .find(&format!("{resource}#{anchor}"))
                .cloned()
                .ok_or_else(unresolved)?,
        };
        let scope = self.index.scope(target.schema).unwrap_or(site.scope);
        self.shared(target.schema, target.location, site.depth + 1, scope)
    }

    /// The resource a URI (without fragment) names: in a document indexed so far, else in the
    /// registered document of that URI, a shipped schema, or (for an `$id` inside one) any
    /// registered document, each indexed on first use.
    fn resource(&mut self, uri: &str) -> Result<Option<Place<'a>>, SchemaError> {
        if let Some(place) = self.index.find(uri) {
            return Ok(Some(place.clone()));
        }
        let registry = self.registry;
        let named = registry.documents().position(|(key, _)| key == uri);
        if let Some(i) = named {
            self.index_registered(i)?;
        } else if let Some(document) = registry.shipped(uri) {
            self.index.add(uri, document, Draft::Draft7)?;
        } else {
            // An `$id` inside a registered document: index them all. One that does not index
            // (an unknown `$schema`) names nothing; it fails the compilations that name it.
            for i in 0..self.indexed.len() {
                let _ = self.index_registered(i);
            }
        }
        Ok(self.index.find(uri).cloned())
    }

    /// Indexes registered document `i` unless it is already.
    fn index_registered(&mut self, i: usize) -> Result<(), SchemaError> {
        let registry = self.registry;
        match (self.indexed.get_mut(i), registry.documents().nth(i)) {
            (Some(done), Some((uri, document))) if !*done => {
                *done = true;
                self.index.add(uri, document, self.draft)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// The node of a subschema that may be reached more than once (a `$ref` target, a
    /// definition): compiled the first time, found by its address after.
    fn shared(
        &mut self,
        schema: &Value,
        path: String,
        depth: usize,
        scope: Scope,
    ) -> Result<usize, SchemaError> {
        if let Some(index) = self.shared.get(address(schema)) {
            return Ok(index);
        }
        // Reserve the slot first so a recursive reference finds it.
        let slot = self.push(Node::Pending, path.clone());
        self.shared.insert(address(schema), slot);
        let compiled = self.node(schema, path, depth, scope)?;
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
                    return Err(SchemaError::located(
                        path.clone(),
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
