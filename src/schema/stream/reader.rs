//! The serde side: a `DeserializeSeed` that reads one value against the tasks that apply to it,
//! scalars judged by the tree engine, objects and arrays member by member through their frame.

use super::frame::Kind;
use super::{Task, Walk};
use crate::schema::run::verdict_at;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// Reads one value against `walk.buf.tasks[from..]`, leaving their verdicts there.
pub struct Seed<'w, 'c, 'b> {
    walk: &'w mut Walk<'c, 'b>,
    from: usize,
}

impl<'w, 'c, 'b> Seed<'w, 'c, 'b> {
    pub fn new(walk: &'w mut Walk<'c, 'b>, from: usize) -> Seed<'w, 'c, 'b> {
        Seed { walk, from }
    }

    fn has_tasks(&self) -> bool {
        self.walk.buf.tasks.len() > self.from
    }

    /// The tree engine's verdict of each task on `value` (a scalar, or a value read into a tree).
    fn judge<E: de::Error>(mut self, value: &Value) -> Result<(), E> {
        // Only a number with a fraction or an exponent can have been read inexactly.
        let compiled = self.walk.compiled;
        if crate::exact::holds_fraction(value)
            || !self.set_verdicts(|_, task| verdict_at(compiled, task.node, value, task.depth))
        {
            return undecided(self.walk);
        }
        Ok(())
    }

    /// Judges the string `text` from its text (`strings`); false when a task is left to the
    /// tree engine (which then judges them all again: steps counted twice are a bound still).
    fn judge_str(&mut self, text: &str) -> bool {
        self.set_verdicts(|walk, task| walk.string_verdict(task.node, text, task.depth))
    }

    /// Sets each task's verdict, `verdict`'s (with the steps it took); false at the first task
    /// it cannot judge, or when the steps reach the limit.
    fn set_verdicts(
        &mut self,
        mut verdict: impl FnMut(&Walk<'c, 'b>, Task) -> Option<(bool, u64)>,
    ) -> bool {
        for t in self.from..self.walk.buf.tasks.len() {
            let Some(task) = self.walk.buf.tasks.get(t).copied() else {
                return false;
            };
            let Some((ok, steps)) = verdict(self.walk, task) else {
                return false;
            };
            self.walk.step(steps);
            if let Some(task) = self.walk.buf.tasks.get_mut(t) {
                task.ok = ok;
            }
        }
        !self.walk.undecided
    }
}

/// Stops the parse: the value cannot be judged here.
fn undecided<E: de::Error>(walk: &mut Walk<'_, '_>) -> Result<(), E> {
    walk.undecided = true;
    Err(E::custom("undecided while parsing"))
}

impl<'de> DeserializeSeed<'de> for Seed<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.judge(&Value::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.judge(&Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.judge(&Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.judge(&Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        undecided(self.walk)
    }

    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<(), E> {
        if !self.has_tasks() || self.judge_str(v) {
            return Ok(());
        }
        let value = self.walk.string(v);
        let walk = &mut *self.walk;
        let judged = Seed::new(walk, self.from).judge(&value);
        self.walk.buf.text = value;
        judged
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let tasks = self.from..self.walk.buf.tasks.len();
        if tasks.is_empty() {
            // Read, not skipped: serde_json's skipping has no nesting limit, and its reading
            // refuses the 128th level, as the tree's reading does.
            while map.next_key::<IgnoredAny>()?.is_some() {
                let none = self.walk.buf.tasks.len();
                map.next_value_seed(Seed::new(&mut *self.walk, none))?;
            }
            return Ok(());
        }
        let walk = self.walk;
        let base = walk.buf.slots.len();
        let plans = walk.buf.plans.len();
        let tree = |map| Value::deserialize(MapAccessDeserializer::new(map));
        let Some(mut map) = frame(walk, tasks.clone(), Kind::Object, map, tree)? else {
            return Ok(());
        };
        let names = walk.buf.names.len();
        // Laid out by programs: routed by their tables.
        let plans = plans..walk.buf.plans.len();
        while let Some(name) = map.next_key_seed(Key)? {
            let key = super::name_key(&name);
            if !walk.first_time(names, key) {
                return undecided(walk);
            }
            let child = walk.buf.tasks.len();
            if plans.is_empty() {
                walk.route_member(base, &name);
            } else {
                walk.route_planned(plans.clone(), key, &name);
            }
            map.next_value_seed(Seed::new(&mut *walk, child))?;
            walk.collect(child);
        }
        walk.buf.names.truncate(names);
        if plans.is_empty() {
            walk.settle_object(base);
        } else {
            walk.settle_planned(plans);
        }
        walk.verdicts(tasks, base);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let tasks = self.from..self.walk.buf.tasks.len();
        if tasks.is_empty() {
            let none = self.walk.buf.tasks.len();
            while seq
                .next_element_seed(Seed::new(&mut *self.walk, none))?
                .is_some()
            {}
            return Ok(());
        }
        let walk = self.walk;
        let base = walk.buf.slots.len();
        let tree = |seq| Value::deserialize(SeqAccessDeserializer::new(seq));
        let Some(mut seq) = frame(walk, tasks.clone(), Kind::Array, seq, tree)? else {
            return Ok(());
        };
        let mut count = 0;
        loop {
            let child = walk.buf.tasks.len();
            walk.route_item(base, count);
            let read = seq.next_element_seed(Seed::new(&mut *walk, child))?;
            walk.collect(child);
            if read.is_none() {
                break;
            }
            count += 1;
        }
        walk.settle_array(base, count);
        walk.verdicts(tasks, base);
        Ok(())
    }
}

/// Lays out the frame of the object or array that `tasks` apply to, and gives its reader
/// back; when a node needs the whole value, reads it into a tree (`tree`) and judges it there
/// (`None`: it is judged).
fn frame<A, E: de::Error>(
    walk: &mut Walk<'_, '_>,
    tasks: Range<usize>,
    kind: Kind,
    access: A,
    tree: impl FnOnce(A) -> Result<Value, E>,
) -> Result<Option<A>, E> {
    if walk.lay_out(tasks.clone(), kind) {
        return Ok(Some(access));
    }
    if walk.undecided {
        return undecided(walk).map(|()| None);
    }
    let value = tree(access)?;
    Seed::new(walk, tasks.start).judge(&value).map(|()| None)
}

/// A member's name, borrowed from the text when it has no escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}
