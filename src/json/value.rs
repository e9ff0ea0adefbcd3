//! The JSON value every module works on: `Value`, `Number` and an insertion-ordered `Map`.
//!
//! The API follows `serde_json`'s (which the crate used before) so code reads the same, but
//! the representation is ours: objects are a `Vec` of entries scanned linearly while small,
//! with a sorted index once they grow, so parsing and looking up keys needs no hashing, and
//! the code is a fraction of serde_json's + indexmap's in the `.wasm`.

use std::ops::{Index, IndexMut};

/// A JSON value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number: an integer when it has no fraction or exponent and fits, else an `f64`.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, in the order its members were written.
    Object(Map),
}

/// A JSON number, kept as the integer it was written as when that is exact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number(N);

#[derive(Clone, Copy, Debug, PartialEq)]
enum N {
    PosInt(u64),
    NegInt(i64),
    Float(f64),
}

impl Number {
    /// A number from a finite `f64`; `None` for NaN and the infinities (JSON has neither).
    pub fn from_f64(f: f64) -> Option<Number> {
        f.is_finite().then_some(Number(N::Float(f)))
    }
    /// True when it is held as an `i64` (any integer from `i64::MIN` to `i64::MAX`).
    pub fn is_i64(&self) -> bool {
        match self.0 {
            N::PosInt(u) => i64::try_from(u).is_ok(),
            N::NegInt(_) => true,
            N::Float(_) => false,
        }
    }
    /// True when it is held as a non-negative integer.
    pub fn is_u64(&self) -> bool {
        matches!(self.0, N::PosInt(_))
    }
    /// True when it is held as a float (written with a fraction or exponent, or too large).
    pub fn is_f64(&self) -> bool {
        matches!(self.0, N::Float(_))
    }
    /// The integer, when it is one that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::PosInt(u) => i64::try_from(u).ok(),
            N::NegInt(i) => Some(i),
            N::Float(_) => None,
        }
    }
    /// The integer, when it is a non-negative one.
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::PosInt(u) => Some(u),
            _ => None,
        }
    }
    /// The number as an `f64` (always `Some`; the `Option` mirrors serde_json).
    pub fn as_f64(&self) -> Option<f64> {
        Some(self.to_f64())
    }
    /// The number as an `f64`, as JavaScript holds it.
    // Integers above 2^53 round, as they do in JavaScript.
    #[allow(clippy::cast_precision_loss)]
    pub fn to_f64(&self) -> f64 {
        match self.0 {
            N::PosInt(u) => u as f64,
            N::NegInt(i) => i as f64,
            N::Float(f) => f,
        }
    }
    pub(crate) fn write(&self, out: &mut String) {
        match self.0 {
            N::PosInt(u) => push_u64(out, u),
            N::NegInt(i) => {
                out.push('-');
                push_u64(out, i.unsigned_abs());
            }
            N::Float(f) => super::write::push_f64(out, f),
        }
    }
    pub(crate) fn float(f: f64) -> Number {
        Number(N::Float(f))
    }
}

/// Appends the decimal digits of `n`.
pub(crate) fn push_u64(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(d) = digits.get_mut(start) {
            // n % 10 < 10, so the cast cannot truncate.
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    for d in digits.iter().skip(start) {
        out.push(char::from(*d));
    }
}

macro_rules! number_from_unsigned {
    ($($t:ty)*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number(N::PosInt(n as u64))
            }
        }
    )*};
}
macro_rules! number_from_signed {
    ($($t:ty)*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                match u64::try_from(n) {
                    Ok(u) => Number(N::PosInt(u)),
                    Err(_) => Number(N::NegInt(n as i64)),
                }
            }
        }
    )*};
}
number_from_unsigned!(u8 u16 u32 u64 usize);
number_from_signed!(i8 i16 i32 i64 isize);

/// Objects up to this many members are searched linearly; larger ones get a sorted index.
const SMALL: usize = 12;

/// A JSON object: members in insertion order, with unique keys.
#[derive(Clone, Debug, Default)]
pub struct Map {
    entries: Vec<(String, Value)>,
    /// Positions in `entries` sorted by key; empty while the map is small.
    index: Vec<u32>,
}

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map::default()
    }
    /// An empty object with room for `n` members.
    pub fn with_capacity(n: usize) -> Map {
        Map {
            entries: Vec::with_capacity(n),
            index: Vec::new(),
        }
    }
    /// Builds an object from members in order; a repeated key keeps its first place and its
    /// last value (as `JSON.parse` does).
    pub fn from_entries(mut entries: Vec<(String, Value)>) -> Map {
        if entries.len() <= SMALL {
            let mut duplicate = false;
            for (i, (key, _)) in entries.iter().enumerate() {
                if entries.iter().take(i).any(|(k, _)| k == key) {
                    duplicate = true;
                    break;
                }
            }
            if !duplicate {
                return Map {
                    entries,
                    index: Vec::new(),
                };
            }
            let mut map = Map::with_capacity(entries.len());
            for (k, v) in entries {
                map.insert(k, v);
            }
            return map;
        }
        let mut index = sorted_positions(&entries);
        // Runs of equal keys are adjacent in the index, first written first.
        let mut remove = Vec::new();
        let mut run = 0;
        for i in 1..=index.len() {
            let same = match (index.get(i), index.get(run)) {
                (Some(&a), Some(&b)) => key_at(&entries, a) == key_at(&entries, b),
                _ => false,
            };
            if same {
                continue;
            }
            if i - run > 1 {
                let (Some(&first), Some(&last)) = (index.get(run), index.get(i - 1)) else {
                    break;
                };
                let value = entries
                    .get_mut(last as usize)
                    .map(|e| std::mem::take(&mut e.1))
                    .unwrap_or_default();
                if let Some(e) = entries.get_mut(first as usize) {
                    e.1 = value;
                }
                remove.extend(index.get(run + 1..i).unwrap_or(&[]).iter().copied());
            }
            run = i;
        }
        if !remove.is_empty() {
            remove.sort_unstable();
            let mut position = 0u32;
            let mut next = remove.iter().peekable();
            entries.retain(|_| {
                let keep = next.peek().map_or(true, |&&r| r != position);
                if !keep {
                    next.next();
                }
                position += 1;
                keep
            });
            index = sorted_positions(&entries);
        }
        Map { entries, index }
    }
    /// The number of members.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// True when there are no members.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    fn position(&self, key: &str) -> Option<usize> {
        if self.index.is_empty() {
            return self.entries.iter().position(|(k, _)| k == key);
        }
        let found = self
            .index
            .binary_search_by(|&p| key_at(&self.entries, p).cmp(key))
            .ok()?;
        self.index.get(found).map(|&p| p as usize)
    }
    /// The value of a member.
    pub fn get(&self, key: &str) -> Option<&Value> {
        let p = self.position(key)?;
        self.entries.get(p).map(|(_, v)| v)
    }
    /// The value of a member, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        let p = self.position(key)?;
        self.entries.get_mut(p).map(|(_, v)| v)
    }
    /// True when the object has the member.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }
    /// Sets a member: a new key goes last; an existing one keeps its place. Answers the value
    /// it replaced.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        if let Some(p) = self.position(&key) {
            return self
                .entries
                .get_mut(p)
                .map(|e| std::mem::replace(&mut e.1, value));
        }
        let at = self.entries.len();
        self.entries.push((key, value));
        if self.entries.len() > SMALL {
            if self.index.is_empty() {
                self.index = sorted_positions(&self.entries);
            } else if let (Ok(p), Some((k, _))) = (u32::try_from(at), self.entries.get(at)) {
                let slot = self
                    .index
                    .partition_point(|&q| key_at(&self.entries, q) < k.as_str());
                self.index.insert(slot, p);
            }
        }
        None
    }
    /// The value of a member, set to `null` first when absent.
    fn slot(&mut self, key: &str) -> &mut Value {
        let p = match self.position(key) {
            Some(p) => p,
            None => {
                self.insert(key.to_owned(), Value::Null);
                self.entries.len() - 1
            }
        };
        // `p` is the member found, or the one just pushed.
        #[allow(clippy::indexing_slicing)]
        &mut self.entries[p].1
    }
    /// The member `key`, to set it when absent.
    pub fn entry(&mut self, key: String) -> Entry<'_> {
        Entry { map: self, key }
    }
    /// Removes a member, keeping the others in order; answers its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let p = self.position(key)?;
        if p >= self.entries.len() {
            return None;
        }
        let (_, value) = self.entries.remove(p);
        self.index = if self.entries.len() > SMALL {
            sorted_positions(&self.entries)
        } else {
            Vec::new()
        };
        Some(value)
    }
    /// The members in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.entries.iter())
    }
    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }
}

/// A member that may be absent (`Map::entry`).
pub struct Entry<'a> {
    map: &'a mut Map,
    key: String,
}

impl<'a> Entry<'a> {
    /// The member's value, set to `make()` first when absent.
    pub fn or_insert_with(self, make: impl FnOnce() -> Value) -> &'a mut Value {
        if !self.map.contains_key(&self.key) {
            self.map.insert(self.key.clone(), make());
        }
        self.map.slot(&self.key)
    }
    /// The member's value, set to `value` first when absent.
    pub fn or_insert(self, value: Value) -> &'a mut Value {
        self.or_insert_with(|| value)
    }
}

fn key_at(entries: &[(String, Value)], p: u32) -> &str {
    entries.get(p as usize).map_or("", |(k, _)| k.as_str())
}

/// Positions `0..len` sorted by key, then by position.
fn sorted_positions(entries: &[(String, Value)]) -> Vec<u32> {
    let mut index: Vec<u32> = (0..u32::try_from(entries.len()).unwrap_or(u32::MAX)).collect();
    index.sort_unstable_by(|&a, &b| key_at(entries, a).cmp(key_at(entries, b)).then(a.cmp(&b)));
    index
}

/// Two objects are equal when they have the same members, in any order.
impl PartialEq for Map {
    fn eq(&self, other: &Map) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

/// The members of a `Map` in order.
pub struct Iter<'a>(std::slice::Iter<'a, (String, Value)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a String, &'a Value);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k, v))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Map {
        Map::from_entries(iter.into_iter().collect())
    }
}

static NULL: Value = Value::Null;

impl Value {
    /// The string, when it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    /// The boolean, when it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    /// The object, when it is one.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    /// The object, to change it, when it is one.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    /// The array, when it is one.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    /// The array, to change it, when it is one.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    /// The number, when it is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
    /// The number as an `f64`, when it is one.
    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().map(Number::to_f64)
    }
    /// The number as a `u64`, when it is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number().and_then(Number::as_u64)
    }
    /// The number as an `i64`, when it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(Number::as_i64)
    }
    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    /// True for `true` and `false`.
    pub fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }
    /// True for numbers.
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }
    /// True for numbers held as a float.
    pub fn is_f64(&self) -> bool {
        self.as_number().is_some_and(Number::is_f64)
    }
    /// True for integers that fit an `i64`.
    pub fn is_i64(&self) -> bool {
        self.as_number().is_some_and(Number::is_i64)
    }
    /// True for non-negative integers.
    pub fn is_u64(&self) -> bool {
        self.as_number().is_some_and(Number::is_u64)
    }
    /// True for strings.
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }
    /// True for arrays.
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }
    /// True for objects.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }
    /// A member of an object (by key) or an item of an array (by position).
    pub fn get<K: Key>(&self, key: K) -> Option<&Value> {
        key.find(self)
    }
    /// A member or item, to change it.
    pub fn get_mut<K: Key>(&mut self, key: K) -> Option<&mut Value> {
        key.find_mut(self)
    }
    /// The value at an RFC 6901 JSON Pointer (`""` is the value itself).
    pub fn pointer(&self, pointer: &str) -> Option<&Value> {
        super::resolve_pointer(self, pointer)
    }
    /// The value at an RFC 6901 JSON Pointer, to change it.
    pub fn pointer_mut(&mut self, pointer: &str) -> Option<&mut Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut current = self;
        for raw in pointer.strip_prefix('/')?.split('/') {
            let token = super::unescape_token(raw);
            current = match current {
                Value::Object(map) => map.get_mut(&token)?,
                Value::Array(items) => items.get_mut(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(current)
    }
    /// Takes the value, leaving `null`.
    pub fn take(&mut self) -> Value {
        std::mem::take(self)
    }
}

/// What `Value::get` and indexing accept: a key (`&str`, `String`) or a position (`usize`).
pub trait Key {
    /// The member or item it names.
    fn find<'v>(&self, value: &'v Value) -> Option<&'v Value>;
    /// The member or item it names, to change it.
    fn find_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value>;
    /// The member or item it names, made when absent (see `IndexMut for Value`).
    fn find_or_make<'v>(&self, value: &'v mut Value) -> &'v mut Value;
}

impl Key for str {
    fn find<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        value.as_object()?.get(self)
    }
    fn find_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value> {
        value.as_object_mut()?.get_mut(self)
    }
    fn find_or_make<'v>(&self, value: &'v mut Value) -> &'v mut Value {
        if !value.is_object() {
            *value = Value::Object(Map::new());
        }
        match value {
            Value::Object(map) => map.slot(self),
            other => other,
        }
    }
}

impl Key for String {
    fn find<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        Key::find(self.as_str(), value)
    }
    fn find_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value> {
        Key::find_mut(self.as_str(), value)
    }
    fn find_or_make<'v>(&self, value: &'v mut Value) -> &'v mut Value {
        Key::find_or_make(self.as_str(), value)
    }
}

impl Key for usize {
    fn find<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        value.as_array()?.get(*self)
    }
    fn find_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value> {
        value.as_array_mut()?.get_mut(*self)
    }
    fn find_or_make<'v>(&self, value: &'v mut Value) -> &'v mut Value {
        if !value.is_array() {
            *value = Value::Array(Vec::new());
        }
        match value {
            Value::Array(items) => {
                if items.len() <= *self {
                    items.resize(*self + 1, Value::Null);
                }
                // The array was just made long enough.
                #[allow(clippy::indexing_slicing)]
                &mut items[*self]
            }
            other => other,
        }
    }
}

impl<K: Key + ?Sized> Key for &K {
    fn find<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        (**self).find(value)
    }
    fn find_mut<'v>(&self, value: &'v mut Value) -> Option<&'v mut Value> {
        (**self).find_mut(value)
    }
    fn find_or_make<'v>(&self, value: &'v mut Value) -> &'v mut Value {
        (**self).find_or_make(value)
    }
}

/// `map[key]`: the member, or `null` when there is none.
impl Index<&str> for Map {
    type Output = Value;
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

/// `value[key]`: the member or item, or `null` when there is none.
impl<K: Key> Index<K> for Value {
    type Output = Value;
    fn index(&self, key: K) -> &Value {
        key.find(self).unwrap_or(&NULL)
    }
}

/// `value[key] = …`: sets a member or item. Unlike serde_json this never panics: a value that
/// is not an object (for a key) or an array (for a position) is replaced by one, and an array
/// grows with `null`s up to the position, as a JavaScript assignment would.
impl<K: Key> IndexMut<K> for Value {
    fn index_mut(&mut self, key: K) -> &mut Value {
        key.find_or_make(self)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::String(s.clone())
    }
}
impl From<Number> for Value {
    fn from(n: Number) -> Value {
        Value::Number(n)
    }
}
impl From<Map> for Value {
    fn from(m: Map) -> Value {
        Value::Object(m)
    }
}
impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}
/// A finite float as a number; NaN and the infinities become `null` (as in `JSON.stringify`).
impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}
macro_rules! value_from_integer {
    ($($t:ty)*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(Number::from(n))
            }
        }
    )*};
}
value_from_integer!(u8 u16 u32 u64 usize i8 i16 i32 i64 isize);

impl PartialEq<str> for Value {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}
impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}
impl PartialEq<String> for Value {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == Some(other.as_str())
    }
}
impl PartialEq<bool> for Value {
    fn eq(&self, other: &bool) -> bool {
        self.as_bool() == Some(*other)
    }
}
impl PartialEq<i64> for Value {
    fn eq(&self, other: &i64) -> bool {
        self.as_i64() == Some(*other)
    }
}
impl PartialEq<u64> for Value {
    fn eq(&self, other: &u64) -> bool {
        self.as_u64() == Some(*other)
    }
}
impl PartialEq<f64> for Value {
    fn eq(&self, other: &f64) -> bool {
        self.as_f64() == Some(*other)
    }
}

/// What `json!` accepts in an interpolated expression (it takes a reference, as serde_json's).
pub trait ToJson {
    /// The value as JSON.
    fn to_json(&self) -> Value;
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}
impl ToJson for Map {
    fn to_json(&self) -> Value {
        Value::Object(self.clone())
    }
}
impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_owned())
    }
}
impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}
impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}
impl ToJson for f64 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}
macro_rules! to_json_integer {
    ($($t:ty)*) => {$(
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::from(*self)
            }
        }
    )*};
}
to_json_integer!(u8 u16 u32 u64 usize i8 i16 i32 i64 isize);
impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}
impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}
impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}
impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}
impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}
/// `json!`'s conversion of an interpolated expression.
pub fn to_value<T: ToJson + ?Sized>(value: &T) -> Value {
    value.to_json()
}
