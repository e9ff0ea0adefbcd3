//! What the `unevaluated*` keywords see: which properties (or items) of a value the keywords
//! beside them evaluated, counting the subschemas applied in place (`allOf`, the branches of
//! `anyOf`/`oneOf`/`if` that the value matched, `$ref`, `dependentSchemas`...). A subschema
//! whose failure leaves its parent valid counts only when it validates, as the specification's
//! annotation rules say; one whose failure fails its parent counts either way (`mark_node`). Each keyword marks its own part
//! (`Keyword::mark`); this module walks the nodes.

use super::keywords::Keyword;
use super::node::{CompiledNode, Node};
use super::run::Run;
use serde_json::Value;

/// What a set of marks is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The members of an object.
    Properties,
    /// The items of an array.
    Items,
}

/// The members (or items) of one value that some keyword evaluated, by position.
#[derive(Debug)]
pub struct Marks {
    pub target: Target,
    seen: Vec<bool>,
}

impl Marks {
    /// No member of a value with `len` members (or items) marked yet.
    pub fn new(target: Target, len: usize) -> Marks {
        Marks {
            target,
            seen: vec![false; len],
        }
    }

    /// Marks position `i`.
    pub fn set(&mut self, i: usize) {
        if let Some(flag) = self.seen.get_mut(i) {
            *flag = true;
        }
    }

    /// Marks the first `n` positions.
    pub fn first(&mut self, n: usize) {
        for flag in self.seen.iter_mut().take(n) {
            *flag = true;
        }
    }

    /// Marks every position.
    pub fn all(&mut self) {
        self.first(self.seen.len());
    }

    /// True when position `i` is marked.
    pub fn is_set(&self, i: usize) -> bool {
        self.seen.get(i).copied().unwrap_or(false)
    }

    /// True when every position is marked: nothing more to find.
    pub fn complete(&self) -> bool {
        self.seen.iter().all(|f| *f)
    }
}

/// Marks what node `index` evaluates of `value` when it validates it: for a subschema whose
/// failure leaves the schema above valid (a branch of `anyOf`/`oneOf`, an `if`), which contributes
/// nothing when it fails.
pub fn mark_valid(run: &mut Run<'_>, index: usize, value: &Value, marks: &mut Marks) {
    if !marks.complete() && run.probe(index, value) {
        mark_node(run, index, value, marks);
    }
}

/// Marks what node `index`'s keywords evaluate of `value`, valid or not: for a subschema whose
/// failure fails the schema above (`allOf`, `$ref`, `then`/`else`, `dependentSchemas`). The
/// verdict is the same either way, and the error list then says once what is wrong: an invalid
/// property reached through a `$ref` is not also unevaluated (as ajv reports it).
pub fn mark_node(run: &mut Run<'_>, index: usize, value: &Value, marks: &mut Marks) {
    if marks.complete() {
        return;
    }
    let Some(at) = run.node_at(index) else {
        return;
    };
    run.nested(|run| match &at.node {
        Node::Ref(target) => mark_node(run, *target, value, marks),
        Node::Keywords(keywords) => {
            for keyword in keywords {
                keyword.mark(run, value, marks);
            }
        }
        Node::Bool(_) | Node::Pending => {}
    });
}

/// What the keywords of node `at` other than the `unevaluated*` ones evaluate of `value` (a
/// value with `len` members or items).
pub fn siblings(
    run: &mut Run<'_>,
    at: &CompiledNode,
    value: &Value,
    target: Target,
    len: usize,
) -> Marks {
    let mut marks = Marks::new(target, len);
    if let Node::Keywords(keywords) = &at.node {
        for keyword in keywords {
            if !matches!(keyword, Keyword::Unevaluated(_)) {
                keyword.mark(run, value, &mut marks);
            }
        }
    }
    marks
}
