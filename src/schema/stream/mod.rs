//! Validity while parsing: a JSON text is judged against a compiled schema as serde_json reads
//! it, without building a value tree, when the schema's keywords allow it. A batch's lines are
//! mostly valid, and a valid line needs no error list: for those this is the whole work. Any
//! other line (invalid, or undecidable here) is read again into a tree and validated there, so
//! errors, their order and their wording are the tree's, always.
//!
//! The promise: [`judge_text`] answers `Valid` only when the tree would find no error, and
//! `Invalid` only when it would find one. It answers `Undecided` for a value it cannot judge
//! exactly while parsing:
//!
//! - a number with a fraction or an exponent (the tree reads those exactly, `crate::exact`), or
//!   one serde_json reads as out of range;
//! - an object that repeats a member name (the tree keeps the last value);
//! - a text longer than the limits' walk threshold (`limits::check_value` then looks at it);
//! - a text that is not UTF-8 (the tree's reader says where);
//! - a validation that would reach a limit (`MAX_NESTING`, `MAX_STEPS`).
//!
//! How: every value is read against the list of schema nodes that apply to it ([`Task`]s, each
//! feeding its verdict to the node that asked). An object or an array first lays out, depth
//! first, every node that applies to it in place (`$ref`, `allOf`, `anyOf`, `oneOf`, `not`,
//! `if`/`then`/`else`: `frame`), routes each member or item to the subschemas the frame's nodes
//! name for it (`members`), and once it is read works out each node's verdict from its own
//! keywords and its in-place children. A node with a keyword that needs the whole value
//! (`enum`, `uniqueItems`, `unevaluated*`, …) makes that one value be read into a tree, and the
//! tree engine judges it there. Scalars are judged by the tree engine directly (a scalar is its
//! own tree).
//!
//! The frame of an object, and the route of each member name, depend only on the nodes, not on
//! the value: `program` works them out once per node (by the same code, on a walk of its own),
//! so an object is laid out by copying its slots and each member routed by one table lookup.

mod frame;
mod members;
mod program;
mod reader;
mod strings;

pub use program::Programs;

use super::node::Compiled;
use crate::limits::{MAX_ITEMS, MAX_STEPS, MAX_STRING_BYTES};

/// Texts longer than this are left to the tree: `limits::check_value` walks those.
pub const MAX_STREAMED_BYTES: usize = if MAX_STRING_BYTES < MAX_ITEMS * 2 {
    MAX_STRING_BYTES
} else {
    MAX_ITEMS * 2
};

/// The buffers of validations while parsing, kept from one text to the next (a batch's lines).
#[derive(Debug, Default)]
pub struct Buffers {
    /// The nodes of the values being read, innermost last.
    tasks: Vec<Task>,
    /// The frames of the objects and arrays being read, innermost last.
    slots: Vec<Slot>,
    /// The keys of the member names of the objects being read, innermost last.
    names: Vec<u64>,
    /// The programs that laid out the frames being read: (first slot, node), innermost last.
    plans: Vec<(usize, usize)>,
    /// A string value being judged (its buffer is reused).
    text: serde_json::Value,
}

/// What validity while parsing found of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// One JSON value that the schema accepts: the tree would find no error.
    Valid,
    /// Not JSON, or a value the schema refuses: the tree would find an error.
    Invalid,
    /// Not decided here (see the module doc): validate the tree.
    Undecided,
}

/// Whether `text` is valid, invalid or undecided, found while parsing it. `Invalid` is as exact
/// as `Valid`: a text that is not JSON is not JSON for the tree either (the one exception, a
/// number out of `f64`'s range, which the tree reads exactly, is undecided), and a value the
/// schema refuses while parsing is refused on the tree (the conformance suite checks both).
pub fn judge_text(
    compiled: &Compiled,
    programs: &Programs,
    text: &[u8],
    buffers: &mut Buffers,
) -> Verdict {
    if text.len() > MAX_STREAMED_BYTES {
        return Verdict::Undecided;
    }
    // UTF-8 checked once for the whole text (words at a time for ASCII), not string by string:
    // a text that is not UTF-8 is left to the tree, which says where.
    let Ok(text) = std::str::from_utf8(text) else {
        return Verdict::Undecided;
    };
    let mut walk = Walk::new(compiled, programs, buffers);
    walk.buf.tasks.push(Task {
        node: 0,
        owner: usize::MAX,
        depth: 0,
        ok: true,
    });
    let mut de = serde_json::Deserializer::from_str(text);
    let read = serde::de::DeserializeSeed::deserialize(reader::Seed::new(&mut walk, 0), &mut de)
        .and_then(|()| de.end());
    match read {
        _ if walk.undecided => Verdict::Undecided,
        Ok(()) if walk.buf.tasks.first().is_some_and(|t| t.ok) => Verdict::Valid,
        Ok(()) => Verdict::Invalid,
        Err(e) if (e.is_syntax() || e.is_eof()) && !crate::exact::is_out_of_range(&e) => {
            Verdict::Invalid
        }
        Err(_) => Verdict::Undecided,
    }
}

/// A schema node a value is read against, and its verdict so far.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Task {
    node: usize,
    /// The slot (of the enclosing object or array's frame) whose verdict this one feeds.
    owner: usize,
    /// Nested schemas above it, as the tree engine counts them.
    depth: usize,
    ok: bool,
}

/// A node that applies in place to the object or array being read.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Slot {
    node: usize,
    depth: usize,
    /// Its own keywords' verdict so far (not its in-place children's).
    ok: bool,
    /// The names of its `required` seen so far, one bit each.
    seen: u64,
}

/// The state of one streamed validation.
struct Walk<'c, 'b> {
    compiled: &'c Compiled,
    programs: &'c Programs,
    buf: &'b mut Buffers,
    /// Nodes visited, counted as the tree engine counts them (bounded by `MAX_STEPS`).
    steps: u64,
    /// Set when the value cannot be judged here.
    undecided: bool,
}

impl<'c, 'b> Walk<'c, 'b> {
    /// A walk over the buffers, emptied (a text that stopped the last walk midway left some).
    fn new(compiled: &'c Compiled, programs: &'c Programs, buf: &'b mut Buffers) -> Walk<'c, 'b> {
        buf.tasks.clear();
        buf.slots.clear();
        buf.names.clear();
        buf.plans.clear();
        Walk {
            compiled,
            programs,
            buf,
            steps: 0,
            undecided: false,
        }
    }

    /// Notes the member whose name's key is `key`, of the object whose names start at `from`:
    /// false when it repeats one (or shares its key with one).
    fn first_time(&mut self, from: usize, key: u64) -> bool {
        if self
            .buf
            .names
            .get(from..)
            .is_some_and(|seen| seen.contains(&key))
        {
            return false;
        }
        self.buf.names.push(key);
        true
    }

    /// `text` as a string value, in the reused buffer.
    fn string(&mut self, text: &str) -> serde_json::Value {
        let mut value = std::mem::take(&mut self.buf.text);
        if let serde_json::Value::String(buffer) = &mut value {
            buffer.clear();
            buffer.push_str(text);
            value
        } else {
            serde_json::Value::String(text.to_owned())
        }
    }

    /// Counts `n` steps; past the limit the value is left to the tree (which stops there).
    fn step(&mut self, n: u64) {
        self.steps += n;
        if self.steps > MAX_STEPS {
            self.undecided = true;
        }
    }
}

/// A cheap key of a member name: its length, first and last eight bytes. Equal names have equal
/// keys; two names that share one are taken for a repeat, and the line goes to the tree.
fn name_key(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let (first, last) = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        (Some(first), Some(last)) => (u64::from_le_bytes(*first), u64::from_le_bytes(*last)),
        // Shorter than eight bytes: the name itself, padded with zeros, is both.
        _ => {
            let mut buffer = [0u8; 8];
            for (to, from) in buffer.iter_mut().zip(bytes) {
                *to = *from;
            }
            let word = u64::from_le_bytes(buffer);
            (word, word)
        }
    };
    (bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ first ^ last.rotate_left(29)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
