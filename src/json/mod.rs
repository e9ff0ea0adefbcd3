//! JSON: the value type every module works on (`Value`, `Map`, `Number`), its parser and
//! writer, the `json!` macro, and small helpers shared by the domain modules.

mod float;
#[macro_use]
mod macros;
mod parse;
mod value;
mod write;

pub use parse::{from_slice, from_str, ParseError, ParseErrorKind, Reader, MAX_NESTING};
pub use value::{to_value, Entry, Iter, Key, Map, Number, ToJson, Value};
pub use write::{push_string, push_value, to_text};

/// True when the number has no fractional part (as JSON Schema and JavaScript see it: `1.0` is one).
pub fn is_integer(n: &Number) -> bool {
    if n.is_i64() || n.is_u64() {
        return true;
    }
    let f = n.to_f64();
    f.is_finite() && f.fract() == 0.0
}

/// Structural equality where numbers compare by value (`1` equals `1.0`), as JSON Schema requires.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.to_f64() == y.to_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

/// Appends `/token` to a JSON Pointer, escaping `~` and `/` as RFC 6901 says.
pub fn push_pointer(pointer: &mut String, token: &str) {
    pointer.push('/');
    if !token.bytes().any(|b| b == b'~' || b == b'/') {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            _ => pointer.push(c),
        }
    }
}

/// Appends `/index` to a JSON Pointer without allocating.
pub fn push_index(pointer: &mut String, index: usize) {
    pointer.push('/');
    value::push_u64(pointer, index as u64);
}

/// Appends `/token` to a JSON Pointer used as a URI fragment (a `schemaPath`): escaped as
/// RFC 6901 says, then percent-encoded as JavaScript's `encodeURIComponent` does (as ajv does).
pub fn push_fragment(pointer: &mut String, token: &str) {
    let mut escaped = String::new();
    push_pointer(&mut escaped, token);
    pointer.push('/');
    pointer.push_str(&encode_fragment(escaped.get(1..).unwrap_or("")));
}

/// Percent-encodes every byte but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`, as `encodeURIComponent`.
pub fn encode_fragment(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            let hex = |nibble: u8| HEX.get(usize::from(nibble)).map_or('0', |h| char::from(*h));
            out.push('%');
            out.push(hex(b >> 4));
            out.push(hex(b & 15));
        }
    }
    out
}

/// Undoes RFC 6901 escaping in one pointer token (`~1` is `/`, `~0` is `~`).
pub fn unescape_token(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('1') => out.push('/'),
            Some('0') => out.push('~'),
            Some(other) => {
                out.push('~');
                out.push(other);
            }
            None => out.push('~'),
        }
    }
    out
}

/// Resolves an RFC 6901 JSON Pointer (without the leading `#`) inside `root`.
pub fn resolve_pointer<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let rest = pointer.strip_prefix('/')?;
    let mut current = root;
    for raw in rest.split('/') {
        let token = unescape_token(raw);
        current = match current {
            Value::Object(map) => map.get(&token)?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// Decodes `%XX` escapes in a URI fragment; `None` when an escape is malformed or not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Builds a JSON object from key/value pairs.
pub fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    let mut map = Map::new();
    for (k, v) in pairs {
        map.insert(k.to_owned(), v);
    }
    Value::Object(map)
}

/// Shortens text to at most `max` characters for display, marking the cut with `…`, and
/// replaces control characters and line/paragraph separators with spaces so a message stays
/// one line.
pub fn display_text(text: &str, max: usize) -> String {
    // Printable ASCII (the usual case) has nothing to replace and one byte per character.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        if text.len() <= max {
            return text.to_owned();
        }
        let mut out = text.get(..max).unwrap_or(text).to_owned();
        out.push('…');
        return out;
    }
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count + 1 > max {
            out.push('…');
            return out;
        }
        let breaks_line = c.is_control() || c == '\u{2028}' || c == '\u{2029}';
        out.push(if breaks_line { ' ' } else { c });
    }
    out
}

/// A short plain-text rendering of any value for a message parameter.
pub fn display_value(value: &Value, max: usize) -> String {
    match value {
        Value::String(s) => display_text(s, max),
        other => display_text(&to_text(other), max),
    }
}

/// FNV-1a hash of a text (stable, no allocation).
pub fn hash_text(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
