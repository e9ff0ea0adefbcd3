//! Where the schemas a compilation can reach live: for every subschema of every document, its
//! base URI (from the `$id`s around it) and its draft; and which URIs (`$id`) and anchors
//! (`$anchor`, `$dynamicAnchor`, draft-07's `"$id": "#name"`) name which subschema. Only the
//! places that hold schemas are walked, so an `$id` inside an `enum` or an unknown keyword names
//! nothing, as the specification says.

use super::compile::MAX_SCHEMA_DEPTH;
use super::draft::Draft;
use super::error::SchemaError;
use super::uri;
use super::words::WordMap;
use crate::pointer::{push_fragment, push_index, push_pointer};
use serde_json::Value;

/// Keywords whose value is a schema, or an array of schemas.
const SCHEMAS: &[&str] = &[
    "additionalProperties",
    "additionalItems",
    "items",
    "prefixItems",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];

/// Keywords whose value is an object of schemas.
const SCHEMA_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "definitions",
    "$defs",
    "dependencies",
    "dependentSchemas",
];

/// The base URI and draft a subschema is read with.
#[derive(Clone, Copy, Debug)]
pub struct Scope {
    base: usize,
    pub draft: Draft,
}

impl Scope {
    /// The scope in one word, so that the index's scopes fit a [`WordMap`] like its other tables.
    fn pack(self) -> usize {
        let draft = match self.draft {
            Draft::Draft7 => 0,
            Draft::Draft2019 => 1,
            Draft::Draft2020 => 2,
        };
        self.base << 2 | draft
    }

    fn unpack(word: usize) -> Scope {
        let draft = match word & 3 {
            1 => Draft::Draft2019,
            2 => Draft::Draft2020,
            _ => Draft::Draft7,
        };
        Scope {
            base: word >> 2,
            draft,
        }
    }
}

impl Default for Scope {
    /// The compiled document's, before its `$id` and `$schema` are read.
    fn default() -> Scope {
        Scope {
            base: 0,
            draft: Draft::Draft7,
        }
    }
}

/// A subschema someone can name: where it is.
#[derive(Clone, Debug)]
pub struct Place<'a> {
    pub schema: &'a Value,
    /// Its location as schema paths show it: `#/...`, or `uri#/...` in another document
    /// (keywords as written, names percent-encoded, as ajv writes them).
    pub location: String,
}

/// The index of every document a compilation can reach.
#[derive(Default)]
pub struct Index<'a> {
    /// The base URIs met (by `Scope::base`).
    bases: Vec<String>,
    /// Every subschema's scope ([`Scope::pack`]), by its address.
    scopes: WordMap,
    /// Subschemas by URI (`$id`, without fragment) and by `uri#anchor`, the first of two equal
    /// names only.
    named: Vec<Named<'a>>,
    /// The first of `named` by the hash of its name; the others of the same hash follow `next`.
    by_hash: WordMap,
}

/// A name and the place it names.
struct Named<'a> {
    name: String,
    place: Place<'a>,
    /// The next name of the same hash.
    next: Option<usize>,
}

/// The hash of a name, as a key of `by_hash` (equal hashes are told apart by the names).
fn name_hash(name: &str) -> usize {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(name) as usize
}

/// A subschema's identity: its address (documents are borrowed for the whole compilation).
pub fn address(schema: &Value) -> usize {
    schema as *const Value as usize
}

impl<'a> Index<'a> {
    /// Indexes a document retrieved from `uri` (empty for the schema being compiled), read as
    /// `draft` unless its `$schema` says otherwise.
    pub fn add(&mut self, uri: &str, root: &'a Value, draft: Draft) -> Result<(), SchemaError> {
        let base = self.base_index(uri);
        let draft = Draft::of(root, &format!("{uri}#"), draft)?;
        self.name(uri.to_owned(), root, format!("{uri}#"));
        let mut walk = Walk {
            index: self,
            shown: format!("{uri}#"),
        };
        walk.schema(root, Scope { base, draft }, 0)
    }

    /// The scope of an indexed subschema.
    pub fn scope(&self, schema: &Value) -> Option<Scope> {
        self.scopes.get(address(schema)).map(Scope::unpack)
    }

    /// The base URI of a scope.
    pub fn base(&self, scope: Scope) -> &str {
        self.bases.get(scope.base).map_or("", String::as_str)
    }

    /// The subschema a URI (`uri` or `uri#anchor`) names.
    pub fn find(&self, name: &str) -> Option<&Place<'a>> {
        self.find_hashed(name_hash(name), name)
    }

    fn find_hashed(&self, hash: usize, name: &str) -> Option<&Place<'a>> {
        let mut at = self.by_hash.get(hash);
        while let Some(named) = at.and_then(|i| self.named.get(i)) {
            if named.name == name {
                return Some(&named.place);
            }
            at = named.next;
        }
        None
    }

    fn base_index(&mut self, uri: &str) -> usize {
        self.bases.push(uri.to_owned());
        self.bases.len() - 1
    }

    /// Names a subschema; the first of two equal names wins.
    fn name(&mut self, name: String, schema: &'a Value, location: String) {
        let hash = name_hash(&name);
        if self.find_hashed(hash, &name).is_some() {
            return;
        }
        let next = self.by_hash.insert(hash, self.named.len());
        self.named.push(Named {
            name,
            place: Place { schema, location },
            next,
        });
    }
}

/// One walk over a document, keeping the location of the subschema it is at.
struct Walk<'i, 'a> {
    index: &'i mut Index<'a>,
    shown: String,
}

impl<'a> Walk<'_, 'a> {
    fn schema(
        &mut self,
        schema: &'a Value,
        inherited: Scope,
        depth: usize,
    ) -> Result<(), SchemaError> {
        // Deeper documents are refused by the compiler; the walk just stops.
        let Value::Object(map) = schema else {
            return Ok(());
        };
        if depth > MAX_SCHEMA_DEPTH {
            return Ok(());
        }
        let scope = self.identify(schema, inherited)?;
        self.index.scopes.insert(address(schema), scope.pack());
        for keyword in SCHEMAS {
            match map.get(*keyword) {
                Some(Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        self.under(&[keyword], Some(i), item, scope, depth)?;
                    }
                }
                Some(sub) => self.under(&[keyword], None, sub, scope, depth)?,
                None => {}
            }
        }
        for keyword in SCHEMA_MAPS {
            if let Some(Value::Object(subs)) = map.get(*keyword) {
                for (name, sub) in subs {
                    self.under(&[keyword, name], None, sub, scope, depth)?;
                }
            }
        }
        Ok(())
    }

    /// Walks `sub`, found under `tokens` (and item `i`) of the current subschema.
    fn under(
        &mut self,
        tokens: &[&str],
        i: Option<usize>,
        sub: &'a Value,
        scope: Scope,
        depth: usize,
    ) -> Result<(), SchemaError> {
        let len = self.shown.len();
        if let Some((keyword, names)) = tokens.split_first() {
            push_pointer(&mut self.shown, keyword);
            for name in names {
                push_fragment(&mut self.shown, name);
            }
        }
        if let Some(i) = i {
            push_index(&mut self.shown, i);
        }
        let result = self.schema(sub, scope, depth + 1);
        self.shown.truncate(len);
        result
    }

    /// The scope a subschema opens: a new base URI for an `$id`, a new draft for a `$schema`
    /// beside it; and the names it gives itself.
    fn identify(&mut self, schema: &'a Value, inherited: Scope) -> Result<Scope, SchemaError> {
        let mut scope = inherited;
        let draft = inherited.draft;
        // In draft-07 a `$ref` replaces its siblings, `$id` included.
        let id = match schema.get("$id") {
            Some(Value::String(id)) if draft.is_2019_or_later() || schema.get("$ref").is_none() => {
                Some(id)
            }
            _ => None,
        };
        if let Some(id) = id {
            let resolved = uri::resolve(self.index.base(inherited), id);
            let (resource, fragment) = uri::split_fragment(&resolved);
            // `"$id": "#name"` (draft-07) only names; any other `$id` opens a resource.
            if !id.starts_with('#') {
                scope.base = self.index.base_index(resource);
                self.index
                    .name(resource.to_owned(), schema, self.shown.clone());
                scope.draft = Draft::of(schema, &self.shown, draft)?;
            }
            if let Some(anchor) = fragment.filter(|f| !f.is_empty() && !f.starts_with('/')) {
                self.anchor(scope, anchor, schema);
            }
        }
        if scope.draft.is_2019_or_later() {
            for keyword in ["$anchor", "$dynamicAnchor"] {
                if let Some(Value::String(anchor)) = schema.get(keyword) {
                    self.anchor(scope, anchor, schema);
                }
            }
        }
        Ok(scope)
    }

    fn anchor(&mut self, scope: Scope, anchor: &str, schema: &'a Value) {
        let name = format!("{}#{anchor}", self.index.base(scope));
        self.index.name(name, schema, self.shown.clone());
    }
}
