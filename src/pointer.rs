//! JSON Pointers (RFC 6901) as the engine and the messages use them: `instancePath`s, `schemaPath`
//! fragments (percent-encoded as ajv writes them), and resolving a pointer inside a document.

use serde_json::Value;

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

/// Appends `/index` to a JSON Pointer.
pub fn push_index(pointer: &mut String, index: usize) {
    use std::fmt::Write;
    let _ = write!(pointer, "/{index}");
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

/// A plain JSON Pointer as a `schemaPath` fragment (each token percent-encoded).
pub fn encode_pointer(pointer: &str) -> String {
    pointer
        .split('/')
        .map(encode_fragment)
        .collect::<Vec<_>>()
        .join("/")
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

/// A JSON Pointer as a person reads a field: `/mappings/0/value` → `mappings[0].value`.
pub fn field_label(pointer: &str) -> String {
    let mut out = String::new();
    for token in pointer.split('/').skip(1) {
        let token = unescape_token(token);
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(&token);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    out
}
