//! What JSON Schema and the messages need of a `serde_json::Value` beyond serde_json itself:
//! equality and integers as JSON Schema defines them, and the compact text of a value as
//! messages show it.

use serde_json::{Map, Number, Value};

/// Why a text is not JSON, in plain words with the place: the text ends too early, or it is
/// not well-formed (a byte JSON does not allow there, bad UTF-8, a lone surrogate, a number out
/// of range, or nesting of 128 levels or more). Columns count bytes.
pub fn parse_error_text(error: &serde_json::Error) -> String {
    parse_error_text_on(error, error.line())
}

/// [`parse_error_text`] of a text that is line `line` of a larger one (an NDJSON line).
pub fn parse_error_text_on(error: &serde_json::Error, line: usize) -> String {
    let what = match error.classify() {
        serde_json::error::Category::Eof => "the text ends too early",
        // serde_json says so only in its message: "lone leading surrogate in hex escape" (a
        // trailing half, or a leading one and another escape) or "unexpected end of hex escape"
        // (a leading half, or an escape of fewer than four digits). A JS string holding half of a
        // UTF-16 pair reaches the module as such an escape, written by JSON.stringify.
        _ if is_escape_error(&error.to_string()) => {
            "it holds a lone surrogate (half of a UTF-16 pair) or a broken \\u escape"
        }
        _ => "it is not well-formed JSON or nests 128 levels or more",
    };
    format!("{what} (line {line}, column {})", error.column())
}

/// True for serde_json's messages of a `\\u` escape it cannot read.
fn is_escape_error(message: &str) -> bool {
    message.starts_with("lone leading surrogate") || message.starts_with("unexpected end of hex")
}

/// The number as an `f64` (serde_json holds every number as one of u64, i64 or f64).
pub fn to_f64(n: &Number) -> f64 {
    n.as_f64().unwrap_or(f64::NAN)
}

/// True when the number has no fractional part (as JSON Schema and JavaScript see it: `1.0` is one).
pub fn is_integer(n: &Number) -> bool {
    if n.is_i64() || n.is_u64() {
        return true;
    }
    let f = to_f64(n);
    f.is_finite() && f.fract() == 0.0
}

/// Structural equality where numbers compare by value (`1` equals `1.0`), as JSON Schema requires.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => to_f64(x) == to_f64(y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

/// Objects up to this size are searched by comparing keys, which costs less than serde_json's
/// map lookup (it hashes the key with SipHash first).
const LINEAR_LOOKUP: usize = 16;

/// The member `key` of an object.
pub fn member<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if map.len() <= LINEAR_LOOKUP {
        map.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        map.get(key)
    }
}

/// True when the object has a member `key`.
pub fn has_member(map: &Map<String, Value>, key: &str) -> bool {
    member(map, key).is_some()
}

/// FNV-1a hash of a text (stable, no allocation).
pub fn hash_text(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A hash under which equal JSON values (numbers by value, objects in any key order) collide.
pub fn hash_value(value: &Value) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mix = |h: u64, x: u64| (h ^ x).wrapping_mul(PRIME);
    match value {
        Value::Null => 1,
        Value::Bool(b) => 2 + u64::from(*b),
        Value::Number(n) => {
            let f = to_f64(n);
            mix(4, if f == 0.0 { 0 } else { f.to_bits() })
        }
        Value::String(t) => mix(5, hash_text(t)),
        Value::Array(items) => items.iter().fold(6, |h, item| mix(h, hash_value(item))),
        // Entries combine by addition, so key order does not change the hash.
        Value::Object(map) => map.iter().fold(7, |h, (k, v)| {
            h.wrapping_add(mix(hash_text(k), hash_value(v)))
        }),
    }
}

/// A number as JavaScript writes exponents (`1e+21`, where serde_json writes `1e21`).
fn push_number(out: &mut String, n: &Number) {
    let text = n.to_string();
    match text.split_once('e') {
        Some((mantissa, exponent)) if !exponent.starts_with(['-', '+']) => {
            out.push_str(mantissa);
            out.push_str("e+");
            out.push_str(exponent);
        }
        _ => out.push_str(&text),
    }
}

fn push_text(out: &mut String, value: &Value) {
    match value {
        Value::Number(n) => push_number(out, n),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_text(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).unwrap_or_default());
                out.push(':');
                push_text(out, item);
            }
            out.push('}');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap_or_default()),
    }
}

/// A value as compact JSON text, as messages show it (`1e+21`, `0.5`, `"text"`, `[1,2]`).
pub fn to_text(value: &Value) -> String {
    let mut out = String::new();
    push_text(&mut out, value);
    out
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
