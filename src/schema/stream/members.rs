//! Members and items: which subschemas of a frame's nodes apply to each member of an object or
//! item of an array, and what the frame's nodes say of the whole once every one is read.

use super::program::{all_bits, keywords, ObjectProgram};
use super::{Task, Walk};
use crate::schema::keywords::properties::Extra;
use crate::schema::keywords::Keyword;
use std::ops::Range;

impl<'c> Walk<'c, '_> {
    /// The keywords of the frame's slot `s`.
    fn keywords_of(&self, s: usize) -> &'c [Keyword] {
        let compiled = self.compiled;
        self.buf
            .slots
            .get(s)
            .map_or(&[], |slot| keywords(compiled, slot.node))
    }

    /// A task for subschema `node` of slot `owner`.
    fn push_task(&mut self, node: usize, owner: usize) {
        let depth = self.buf.slots.get(owner).map_or(0, |s| s.depth + 1);
        self.buf.tasks.push(Task {
            node,
            owner,
            depth,
            ok: true,
        });
    }

    fn fail(&mut self, s: usize) {
        if let Some(slot) = self.buf.slots.get_mut(s) {
            slot.ok = false;
        }
    }

    /// The tasks of member `name` of the object whose frame starts at `base`.
    pub(super) fn route_member(&mut self, base: usize, name: &str) {
        for s in base..self.buf.slots.len() {
            // `properties` comes before `additionalProperties` in a node's keywords.
            let mut declared = false;
            for keyword in self.keywords_of(s) {
                match keyword {
                    Keyword::Properties(p) => {
                        if let Some(node) = p.schema_of(name) {
                            declared = true;
                            self.push_task(node, s);
                        }
                    }
                    Keyword::PatternProperties(p) => {
                        // `None`: a name too long to match, an error as in `check`.
                        let matched = p.schemas_of(name, |node| self.push_task(node, s));
                        if matched.is_none() {
                            self.fail(s);
                        }
                    }
                    Keyword::AdditionalProperties(a) => self.extra(s, a.extra(name, declared)),
                    Keyword::Required(r) => {
                        if let (Some(i), Some(slot)) = (r.position(name), self.buf.slots.get_mut(s))
                        {
                            slot.seen |= 1 << i;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// The tasks of member `name` (its key `key`) of an object laid out by the programs
    /// `plans`: what `route_member` would give, from their tables.
    pub(super) fn route_planned(&mut self, plans: Range<usize>, key: u64, name: &str) {
        for p in plans {
            let Some((at, program)) = self.plan(p) else {
                continue;
            };
            let route = program.route(key, name);
            for &(node, owner) in &route.tasks {
                self.push_task(node, at + owner);
            }
            for &s in &route.fails {
                self.fail(at + s);
            }
            for &(s, bits) in &route.seen {
                if let Some(slot) = self.buf.slots.get_mut(at + s) {
                    slot.seen |= bits;
                }
            }
        }
    }

    /// The object laid out by the programs `plans` is read: `required`, from their tables.
    pub(super) fn settle_planned(&mut self, plans: Range<usize>) {
        for p in plans.clone() {
            let Some((at, program)) = self.plan(p) else {
                continue;
            };
            for &(s, all) in &program.required {
                if self
                    .buf
                    .slots
                    .get(at + s)
                    .is_some_and(|slot| slot.seen & all != all)
                {
                    self.fail(at + s);
                }
            }
        }
        self.buf.plans.truncate(plans.start);
    }

    /// Plan `p`: where its slots start, and its program.
    fn plan(&self, p: usize) -> Option<(usize, &'c ObjectProgram)> {
        let (at, node) = self.buf.plans.get(p).copied()?;
        let programs = self.programs;
        Some((at, programs.object(self.compiled, node)?))
    }

    /// The tasks of item `i` of the array whose frame starts at `base`.
    pub(super) fn route_item(&mut self, base: usize, i: usize) {
        for s in base..self.buf.slots.len() {
            for keyword in self.keywords_of(s) {
                match keyword {
                    Keyword::Items(items) => self.push_task(items.schema, s),
                    Keyword::TupleItems(t) => {
                        if let Some(node) = t.schema_at(i) {
                            self.push_task(node, s);
                        }
                    }
                    // A `false` schema is judged by the count (`settle_array`): the item routed
                    // last, after the last one, is never read.
                    Keyword::AdditionalItems(a) => {
                        if let Extra::Schema(node) = a.extra(i) {
                            self.push_task(node, s);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// What `additional*` says of one member or item (`None`: a name too long to match).
    fn extra(&mut self, s: usize, extra: Option<Extra>) {
        match extra {
            Some(Extra::Known) => {}
            Some(Extra::Schema(node)) => self.push_task(node, s),
            Some(Extra::Forbidden) | None => self.fail(s),
        }
    }

    /// A member's or item's tasks are read: their verdicts go to the slots that asked.
    pub(super) fn collect(&mut self, from: usize) {
        for t in from..self.buf.tasks.len() {
            if let Some(task) = self.buf.tasks.get(t).copied() {
                if !task.ok {
                    self.fail(task.owner);
                }
            }
        }
        self.buf.tasks.truncate(from);
    }

    /// The object is read: `required` names every member it needs.
    pub(super) fn settle_object(&mut self, base: usize) {
        for s in base..self.buf.slots.len() {
            for keyword in self.keywords_of(s) {
                if let Keyword::Required(r) = keyword {
                    let all = all_bits(r.count());
                    if self
                        .buf
                        .slots
                        .get(s)
                        .is_some_and(|slot| slot.seen & all != all)
                    {
                        self.fail(s);
                    }
                }
            }
        }
    }

    /// The array of `count` items is read: `minItems`, `maxItems`, and no item where
    /// `additionalItems` is `false`.
    pub(super) fn settle_array(&mut self, base: usize, count: usize) {
        for s in base..self.buf.slots.len() {
            for keyword in self.keywords_of(s) {
                let refused = match keyword {
                    Keyword::Size(size) => size.admits_items(count) == Some(false),
                    Keyword::AdditionalItems(a) => {
                        count > 0 && a.extra(count - 1) == Extra::Forbidden
                    }
                    _ => false,
                };
                if refused {
                    self.fail(s);
                }
            }
        }
    }
}
