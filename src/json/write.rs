//! JSON text from `Value`: compact, keys in order, strings escaped as serde_json and
//! `JSON.stringify` do (quote, backslash and control characters only).

use super::value::Value;

/// Appends a value as compact JSON text.
pub fn push_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => n.write(out),
        Value::String(s) => push_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_string(out, key);
                out.push(':');
                push_value(out, item);
            }
            out.push('}');
        }
    }
}

/// Appends a string as a JSON string literal.
pub fn push_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(text.get(start..i).unwrap_or(""));
        if escape.is_empty() {
            let hex = |nibble: u8| HEX.get(usize::from(nibble)).map_or('0', |h| char::from(*h));
            out.push_str("\\u00");
            out.push(hex(b >> 4));
            out.push(hex(b & 15));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(text.get(start..).unwrap_or(""));
    out.push('"');
}

/// Appends a float in its shortest form that reads back exactly, written as serde_json wrote
/// it (`1.0`, `0.1`, `1e+21`, `1e-7`); NaN and the infinities, which JSON lacks, as `null`.
pub fn push_f64(out: &mut String, f: f64) {
    if !f.is_finite() {
        out.push_str("null");
        return;
    }
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(f);
    match text.split_once('e') {
        // ryu writes `1e21`; serde_json and JavaScript write `1e+21`.
        Some((mantissa, exponent)) if !exponent.starts_with('-') => {
            out.push_str(mantissa);
            out.push_str("e+");
            out.push_str(exponent);
        }
        _ => out.push_str(text),
    }
}

/// A value as compact JSON text.
pub fn to_text(value: &Value) -> String {
    let mut out = String::new();
    push_value(&mut out, value);
    out
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&to_text(self))
    }
}
