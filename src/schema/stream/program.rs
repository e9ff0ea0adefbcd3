//! The compiled frames of objects: for a schema node, what `frame` lays out for an object it
//! applies to, and what `members` routes for each member name, worked out once per node by the
//! same code, so that reading an object costs a copy of its slots and one table lookup per
//! member instead of a walk over every keyword of every slot.
//!
//! A node gets a program when its frame and its routes do not depend on the value: no slot has
//! `patternProperties` (a name's route would depend on matching it), the frame needs no tree,
//! and it fits the limits whatever the depth it is entered at. Any other node is laid out and
//! routed keyword by keyword, as before; both ways leave the same slots and the same tasks.

use super::{name_key, Buffers, Slot, Task, Walk};
use crate::schema::keywords::Keyword;
use crate::schema::node::{Compiled, Node};
use std::sync::OnceLock;

/// Most names one program routes: past this, making it (every name routed through every slot)
/// would cost more than reading the objects it is for, and the node is routed keyword by keyword.
const MAX_NAMES: usize = 1024;

/// The programs of a compiled schema, one per node, each made the first time it is needed.
#[derive(Debug, Default)]
pub struct Programs {
    objects: Vec<OnceLock<Option<ObjectProgram>>>,
}

/// What one member name does to a frame: the tasks it gets, and the slots it marks.
#[derive(Debug, Default, Clone)]
pub(super) struct Route {
    /// (subschema, slot it reports to), the slot relative to the frame's first.
    pub tasks: Vec<(usize, usize)>,
    /// Slots it fails (`additionalProperties: false`, say).
    pub fails: Vec<usize>,
    /// (slot, bits of its `required` names) it marks as seen.
    pub seen: Vec<(usize, u64)>,
}

/// The frame of one node for an object, and its routes.
#[derive(Debug)]
pub(super) struct ObjectProgram {
    /// The slots `expand` lays out from depth 0 (add the node's depth to each).
    pub slots: Vec<Slot>,
    /// The deepest slot's depth.
    pub deepest: usize,
    /// The names some slot declares or requires, with their keys and routes.
    pub names: Vec<(u64, String, Route)>,
    /// The route of any other name.
    pub other: Route,
    /// (slot, bits of all its `required` names): a slot whose bits are not all seen fails.
    pub required: Vec<(usize, u64)>,
}

impl Programs {
    /// Room for the programs of `compiled`'s nodes (none made yet).
    pub fn new(compiled: &Compiled) -> Programs {
        Programs {
            objects: compiled.nodes.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The program of `node` for objects, made on first use; `None` when it has none.
    pub(super) fn object(&self, compiled: &Compiled, node: usize) -> Option<&ObjectProgram> {
        self.objects
            .get(node)?
            .get_or_init(|| ObjectProgram::make(compiled, node))
            .as_ref()
    }
}

impl ObjectProgram {
    /// Lays out `node`'s frame and routes every name, on a walk of its own.
    fn make(compiled: &Compiled, node: usize) -> Option<ObjectProgram> {
        let programs = Programs::default();
        let mut buffers = Buffers::default();
        let mut walk = Walk::new(compiled, &programs, &mut buffers);
        walk.buf.tasks.push(Task {
            node,
            owner: usize::MAX,
            depth: 0,
            ok: true,
        });
        if !walk.lay_out(0..1, super::frame::Kind::Object) || walk.undecided {
            return None;
        }
        let slots = walk.buf.slots.clone();
        let mut names: Vec<String> = Vec::new();
        for slot in &slots {
            for keyword in keywords(compiled, slot.node) {
                match keyword {
                    Keyword::PatternProperties(_) => return None,
                    Keyword::Properties(p) => {
                        names.extend(p.schemas.iter().map(|(n, _)| n.clone()))
                    }
                    Keyword::Required(r) => names.extend(r.names().iter().cloned()),
                    _ => {}
                }
            }
        }
        names.sort();
        names.dedup();
        if names.len() > MAX_NAMES {
            return None;
        }
        // A name no slot declares: longer than every one that is.
        let unknown = "\0".repeat(names.iter().map(String::len).max().unwrap_or(0) + 1);
        let other = route(&mut walk, &slots, &unknown);
        let routed = names
            .into_iter()
            .map(|name| {
                let route = route(&mut walk, &slots, &name);
                (name_key(&name), name, route)
            })
            .collect();
        let required = slots
            .iter()
            .enumerate()
            .flat_map(|(s, slot)| {
                keywords(compiled, slot.node)
                    .iter()
                    .filter_map(move |k| match k {
                        Keyword::Required(r) => Some((s, all_bits(r.count()))),
                        _ => None,
                    })
            })
            .collect();
        Some(ObjectProgram {
            deepest: slots.iter().map(|s| s.depth).max().unwrap_or(0),
            slots,
            names: routed,
            other,
            required,
        })
    }

    /// The route of member `name`, whose key is `key`.
    pub fn route(&self, key: u64, name: &str) -> &Route {
        self.names
            .iter()
            .find(|(k, n, _)| *k == key && n == name)
            .map_or(&self.other, |(_, _, route)| route)
    }
}

/// The bits of a `required` list of `count` names.
pub fn all_bits(count: usize) -> u64 {
    if count >= 64 {
        u64::MAX
    } else {
        (1 << count) - 1
    }
}

/// The keywords of node `node` (none for a `$ref` alone or a boolean schema).
pub(super) fn keywords(compiled: &Compiled, node: usize) -> &[Keyword] {
    match compiled.nodes.get(node).map(|n| &n.node) {
        Some(Node::Keywords(keywords)) => keywords,
        _ => &[],
    }
}

/// What `route_member` does for `name` to a fresh copy of `slots`.
fn route(walk: &mut Walk<'_, '_>, slots: &[Slot], name: &str) -> Route {
    walk.buf.slots.clear();
    walk.buf.slots.extend_from_slice(slots);
    walk.buf.tasks.clear();
    walk.route_member(0, name);
    Route {
        tasks: walk.buf.tasks.iter().map(|t| (t.node, t.owner)).collect(),
        fails: (0..slots.len())
            .filter(|&s| walk.buf.slots.get(s).is_some_and(|slot| !slot.ok))
            .filter(|&s| slots.get(s).is_some_and(|slot| slot.ok))
            .collect(),
        seen: walk
            .buf
            .slots
            .iter()
            .enumerate()
            .filter(|(_, slot)| slot.seen != 0)
            .map(|(s, slot)| (s, slot.seen))
            .collect(),
    }
}
