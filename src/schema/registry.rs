//! The schema documents a `$ref` may name besides the one being compiled: those a caller
//! registers by URI, and the module's own shipped schemas (looked up by their `$id`, so a
//! contract or the context schema can be referenced from any schema). Nothing is fetched.

use super::uri;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Looks up a shipped schema by URI.
pub type Shipped = fn(&str) -> Option<&'static Value>;

/// Extra schema documents, by the URI a `$ref` names them with.
#[derive(Debug, Default)]
pub struct Registry {
    documents: Vec<(String, Value)>,
    shipped: Option<Shipped>,
}

impl Registry {
    /// No documents but the shipped schemas.
    pub fn new() -> Registry {
        Registry {
            documents: Vec::new(),
            shipped: Some(crate::catalog::schema),
        }
    }

    /// Registers `document` under `uri` (its fragment, if any, is dropped: a document is named
    /// by the URI without one). A document's own `$id` names it too.
    pub fn add(&mut self, uri: &str, document: Value) -> &mut Registry {
        let uri = uri::split_fragment(uri).0.to_owned();
        self.documents.push((uri, document));
        self
    }

    /// The registered documents.
    pub fn documents(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.documents.iter().map(|(uri, doc)| (uri.as_str(), doc))
    }

    /// The shipped schema named `uri`, if any.
    pub fn shipped(&self, uri: &str) -> Option<&'static Value> {
        self.shipped.and_then(|lookup| lookup(uri))
    }
}

/// A validator's options, as a caller writes them: `{"schemas": {"<uri>": <schema>, ...}}`.
#[derive(Debug, Default, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct ValidatorOptions {
    /// Schema documents a `$ref` may name, by URI.
    #[serde(default)]
    pub schemas: Map<String, Value>,
}

object_only!(ValidatorOptions);

impl ValidatorOptions {
    /// The registry of these options (with the shipped schemas).
    pub fn into_registry(self) -> Registry {
        let mut registry = Registry::new();
        for (uri, document) in self.schemas {
            registry.add(&uri, document);
        }
        registry
    }
}
