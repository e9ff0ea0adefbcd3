//! The compiled form of a schema: nodes in an arena, each with its keywords; `$ref`s and
//! subschemas are node indices, so recursive schemas compile to a graph.

use super::keywords::Keyword;
use serde_json::Value;

/// A compiled schema node.
#[derive(Debug)]
pub enum Node {
    /// `true` or `false` as a schema.
    Bool(bool),
    /// A `$ref` alone (or, in draft-07, with siblings, which it replaces).
    Ref(usize),
    /// An object schema: its keywords, in the order they are evaluated.
    Keywords(Vec<Keyword>),
    /// A node reserved for a `$ref` target that is still being compiled.
    Pending,
}

/// A compiled node and the location of its schema (the prefix of `schemaPath`s: `#/...`, or
/// `uri#/...` in another document).
#[derive(Debug)]
pub struct CompiledNode {
    pub node: Node,
    pub path: String,
    /// Property defaults declared under `properties` (name → default), used to normalise values.
    pub defaults: Vec<(String, Value)>,
    /// `errorMessage` (the ajv-errors convention): custom messages by keyword, `*` for all.
    pub messages: Vec<(String, String)>,
}

impl CompiledNode {
    /// The schema's own `errorMessage` for this keyword (or for all), if it has one.
    pub fn custom_message(&self, keyword: &str) -> Option<&str> {
        self.messages
            .iter()
            .find(|(k, _)| k == keyword || k == "*")
            .map(|(_, text)| text.as_str())
    }
}

/// The compiled document: nodes in an arena, the root at index 0.
#[derive(Debug)]
pub struct Compiled {
    pub nodes: Vec<CompiledNode>,
}

impl Compiled {
    /// True when node `index` is the `false` schema (keywords then fail without descending).
    pub fn is_false(&self, index: usize) -> bool {
        matches!(
            self.nodes.get(index).map(|n| &n.node),
            Some(Node::Bool(false))
        )
    }
}
