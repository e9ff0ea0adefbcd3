//! Strings judged as read: the verdict of the nodes that apply to a string, from its text, with
//! no value built and no run of the tree engine. Only the keywords that can refuse a string are
//! asked (`type`, `enum`, `const`, the lengths, `pattern`, `format`), through the in-place
//! applicators; every keyword of other types says nothing of a string. Anything else
//! (`unevaluated*`, a limit) is left to the tree engine (`None`).
//!
//! It never stops at the first failure, so it counts at least the steps the tree engine would:
//! a limit the tree would reach is reached here first, and the value is left to the tree.

use super::Walk;
use crate::limits::MAX_NESTING;
use crate::schema::keywords::combinators::{AllOf, AnyOf, OneOf};
use crate::schema::keywords::types::JsonType;
use crate::schema::keywords::Keyword;
use crate::schema::node::Node;

impl Walk<'_, '_> {
    /// The verdict of `node` (entered `depth` nested schemas deep) on the string `text`, and
    /// the steps it took; `None` when it is left to the tree engine.
    pub(super) fn string_verdict(
        &self,
        node: usize,
        text: &str,
        depth: usize,
    ) -> Option<(bool, u64)> {
        let mut steps = 0;
        let ok = self.node_on_str(node, text, depth, &mut steps)?;
        Some((ok, steps))
    }

    fn node_on_str(&self, node: usize, text: &str, depth: usize, steps: &mut u64) -> Option<bool> {
        *steps += 1;
        if depth >= MAX_NESTING {
            return None;
        }
        match self.compiled.nodes.get(node).map(|n| &n.node) {
            None | Some(Node::Pending) => Some(true),
            Some(Node::Bool(b)) => Some(*b),
            Some(Node::Ref(target)) => self.node_on_str(*target, text, depth + 1, steps),
            Some(Node::Keywords(keywords)) => {
                let mut ok = true;
                for keyword in keywords {
                    ok &= self.keyword_on_str(keyword, text, depth + 1, steps)?;
                }
                Some(ok)
            }
        }
    }

    /// How many of `schemas` the string `text` passes (every one is asked).
    fn passing(
        &self,
        schemas: &[usize],
        text: &str,
        inner: usize,
        steps: &mut u64,
    ) -> Option<usize> {
        let mut count = 0;
        for schema in schemas {
            count += usize::from(self.node_on_str(*schema, text, inner, steps)?);
        }
        Some(count)
    }

    /// What one keyword says of the string `text` (its subschemas entered `inner` deep).
    fn keyword_on_str(
        &self,
        keyword: &Keyword,
        text: &str,
        inner: usize,
        steps: &mut u64,
    ) -> Option<bool> {
        Some(match keyword {
            Keyword::Type(t) => t.admits(JsonType::String),
            Keyword::Enum(e) => e.admits_str(text),
            Keyword::Const(c) => c.admits_str(text),
            Keyword::Size(s) => s.admits_str(text),
            Keyword::Pattern(p) => p.admits_str(text),
            Keyword::Format(f) => f.admits_str(text),
            Keyword::Ref(r) => self.node_on_str(r.target, text, inner, steps)?,
            Keyword::AllOf(AllOf { schemas }) => {
                self.passing(schemas, text, inner, steps)? == schemas.len()
            }
            Keyword::AnyOf(AnyOf { schemas }) => self.passing(schemas, text, inner, steps)? > 0,
            Keyword::OneOf(OneOf { schemas }) => self.passing(schemas, text, inner, steps)? == 1,
            Keyword::Not(not) => !self.node_on_str(not.schema(), text, inner, steps)?,
            Keyword::IfThenElse(k) => {
                let (condition, then, otherwise) = k.branches();
                let matched = self.node_on_str(condition, text, inner, steps)?;
                match if matched { then } else { otherwise } {
                    Some(branch) => self.node_on_str(branch, text, inner, steps)?,
                    None => true,
                }
            }
            // Keywords of objects, arrays and numbers: a string is none of those.
            Keyword::Required(_)
            | Keyword::Properties(_)
            | Keyword::PatternProperties(_)
            | Keyword::AdditionalProperties(_)
            | Keyword::PropertyNames(_)
            | Keyword::Dependencies(_)
            | Keyword::Items(_)
            | Keyword::TupleItems(_)
            | Keyword::AdditionalItems(_)
            | Keyword::Contains(_)
            | Keyword::UniqueItems(_)
            | Keyword::Bound(_)
            | Keyword::MultipleOf(_) => true,
            Keyword::Unevaluated(_) => return None,
        })
    }
}
