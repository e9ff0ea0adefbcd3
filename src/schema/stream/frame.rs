//! The frame of an object or an array: every node that applies to it in place, laid out depth
//! first before the value is read, and the verdicts worked out from them once it is read. The
//! two walks take the same path through the same nodes, so each finds its slots where the other
//! put them.

use super::program::ObjectProgram;
use super::{Slot, Walk};
use crate::limits::MAX_NESTING;
use crate::schema::keywords::combinators::{AllOf, AnyOf, OneOf};
use crate::schema::keywords::types::JsonType;
use crate::schema::keywords::Keyword;
use crate::schema::node::Node;
use std::ops::Range;

/// The kind of value a frame is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Object,
    Array,
}

impl Kind {
    fn json_type(self) -> JsonType {
        match self {
            Kind::Object => JsonType::Object,
            Kind::Array => JsonType::Array,
        }
    }
}

/// Most slots one frame holds: a schema that branches in place past this is left to the tree.
const MAX_SLOTS: usize = 256;

impl<'c> Walk<'c, '_> {
    /// Lays out the frame of the value that `tasks` apply to. False when it cannot be read
    /// here: a node needs the whole value (read it into a tree), or the walk is undecided.
    /// When every task of an object has a program, its slots are copied from them, and
    /// `plans` says where each one starts (the members are then routed by the programs).
    pub(super) fn lay_out(&mut self, tasks: Range<usize>, kind: Kind) -> bool {
        let base = self.buf.slots.len();
        let plans = self.buf.plans.len();
        let mut programmed = kind == Kind::Object;
        for t in tasks {
            let Some(task) = self.buf.tasks.get(t).copied() else {
                return false;
            };
            let laid_out = match self.program(task.node, kind) {
                Some(program) => self.copy_slots(program, task, base),
                None => {
                    programmed = false;
                    self.expand(task.node, task.depth, kind, base)
                }
            };
            if !laid_out {
                self.buf.slots.truncate(base);
                self.buf.plans.truncate(plans);
                return false;
            }
        }
        if !programmed {
            self.buf.plans.truncate(plans);
        }
        true
    }

    fn program(&self, node: usize, kind: Kind) -> Option<&'c ObjectProgram> {
        let programs = self.programs;
        match kind {
            Kind::Object => programs.object(self.compiled, node),
            Kind::Array => None,
        }
    }

    /// Lays out `task`'s slots from its program, as `expand` would (the same steps, the same
    /// limits).
    fn copy_slots(&mut self, program: &ObjectProgram, task: super::Task, base: usize) -> bool {
        self.step(program.slots.len() as u64);
        let count = self.buf.slots.len() - base + program.slots.len();
        if task.depth + program.deepest >= MAX_NESTING || count > MAX_SLOTS {
            self.undecided = true;
        }
        if self.undecided {
            return false;
        }
        let at = self.buf.slots.len();
        let slots = program.slots.iter().map(|s| Slot {
            depth: s.depth + task.depth,
            ..*s
        });
        self.buf.slots.extend(slots);
        self.buf.plans.push((at, task.node));
        true
    }

    /// Adds the slot of `node` (entered `depth` nested schemas deep), then its in-place
    /// children's, depth first.
    fn expand(&mut self, node: usize, depth: usize, kind: Kind, base: usize) -> bool {
        // The tree engine counts a step and a level on entering a node.
        self.step(1);
        if depth >= MAX_NESTING || self.buf.slots.len() - base >= MAX_SLOTS {
            self.undecided = true;
        }
        if self.undecided {
            return false;
        }
        let index = self.buf.slots.len();
        self.buf.slots.push(Slot {
            node,
            depth,
            ok: true,
            seen: 0,
        });
        let compiled = self.compiled;
        let mut ok = true;
        let laid_out = match compiled.nodes.get(node).map(|n| &n.node) {
            None | Some(Node::Pending) => true,
            Some(Node::Bool(b)) => {
                ok = *b;
                true
            }
            Some(Node::Ref(target)) => self.expand(*target, depth + 1, kind, base),
            Some(Node::Keywords(keywords)) => keywords
                .iter()
                .all(|k| self.keyword(k, depth + 1, kind, base, &mut ok)),
        };
        if let Some(slot) = self.buf.slots.get_mut(index) {
            slot.ok = ok;
        }
        laid_out
    }

    /// What one keyword of a node adds to the frame (its in-place subschemas, `inner` deep),
    /// or what it says of the value's kind; false when it needs the whole value.
    fn keyword(
        &mut self,
        keyword: &Keyword,
        inner: usize,
        kind: Kind,
        base: usize,
        ok: &mut bool,
    ) -> bool {
        match keyword {
            Keyword::Ref(r) => self.expand(r.target, inner, kind, base),
            Keyword::AllOf(AllOf { schemas })
            | Keyword::AnyOf(AnyOf { schemas })
            | Keyword::OneOf(OneOf { schemas }) => {
                schemas.iter().all(|s| self.expand(*s, inner, kind, base))
            }
            Keyword::Not(not) => self.expand(not.schema(), inner, kind, base),
            Keyword::IfThenElse(k) => {
                let (condition, then, otherwise) = k.branches();
                self.expand(condition, inner, kind, base)
                    && then.map_or(true, |t| self.expand(t, inner, kind, base))
                    && otherwise.map_or(true, |e| self.expand(e, inner, kind, base))
            }
            Keyword::Type(t) => {
                *ok &= t.admits(kind.json_type());
                true
            }
            // One bit per name (`Slot::seen`).
            Keyword::Required(r) => kind == Kind::Array || r.count() <= 64,
            // A repeated name counts once in the tree; members are not told apart here.
            Keyword::Size(s) => !(kind == Kind::Object && s.measures_properties()),
            // Routed member by member, item by item (`members`).
            Keyword::Properties(_)
            | Keyword::PatternProperties(_)
            | Keyword::AdditionalProperties(_)
            | Keyword::Items(_)
            | Keyword::TupleItems(_)
            | Keyword::AdditionalItems(_) => true,
            // Keywords of strings and numbers: nothing to say of an object or an array.
            Keyword::Pattern(_)
            | Keyword::Bound(_)
            | Keyword::MultipleOf(_)
            | Keyword::Format(_) => true,
            Keyword::PropertyNames(_) | Keyword::Dependencies(_) => kind == Kind::Array,
            Keyword::Contains(_) | Keyword::UniqueItems(_) => kind == Kind::Object,
            // The whole value, or what the other keywords evaluated of it.
            Keyword::Enum(_) | Keyword::Const(_) | Keyword::Unevaluated(_) => false,
        }
    }

    /// Once the value is read: the verdict of each of `tasks` from the frame laid out at
    /// `base`, which is then dropped.
    pub(super) fn verdicts(&mut self, tasks: Range<usize>, base: usize) {
        let mut cursor = base;
        for t in tasks {
            let ok = self.verdict(&mut cursor);
            if let Some(task) = self.buf.tasks.get_mut(t) {
                task.ok = ok;
            }
        }
        self.buf.slots.truncate(base);
    }

    /// The verdict of the slot at `cursor` and its in-place children (every child is visited,
    /// whatever the verdict, so the cursor moves as `expand` laid them out).
    fn verdict(&self, cursor: &mut usize) -> bool {
        let Some(slot) = self.buf.slots.get(*cursor).copied() else {
            return false;
        };
        *cursor += 1;
        match self.compiled.nodes.get(slot.node).map(|n| &n.node) {
            Some(Node::Ref(_)) => self.verdict(cursor) & slot.ok,
            Some(Node::Keywords(keywords)) => keywords
                .iter()
                .fold(slot.ok, |ok, k| self.applied(k, cursor) & ok),
            _ => slot.ok,
        }
    }

    /// What one keyword's in-place subschemas make of the value.
    fn applied(&self, keyword: &Keyword, cursor: &mut usize) -> bool {
        match keyword {
            Keyword::Ref(_) => self.verdict(cursor),
            Keyword::AllOf(AllOf { schemas }) => schemas
                .iter()
                .fold(true, |all, _| self.verdict(cursor) & all),
            Keyword::AnyOf(AnyOf { schemas }) => schemas
                .iter()
                .fold(false, |any, _| self.verdict(cursor) | any),
            Keyword::OneOf(OneOf { schemas }) => {
                schemas.iter().filter(|_| self.verdict(cursor)).count() == 1
            }
            Keyword::Not(_) => !self.verdict(cursor),
            Keyword::IfThenElse(k) => {
                let (_, then, otherwise) = k.branches();
                let matched = self.verdict(cursor);
                let then = then.map(|_| self.verdict(cursor));
                let otherwise = otherwise.map(|_| self.verdict(cursor));
                if matched { then } else { otherwise }.unwrap_or(true)
            }
            _ => true,
        }
    }
}
