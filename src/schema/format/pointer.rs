//! `json-pointer` (RFC 6901) and `relative-json-pointer` (draft-handrews-relative-json-pointer-01).

/// Empty, or `/`-separated reference tokens in which every `~` is `~0` or `~1`.
pub fn is_json_pointer(text: &str) -> bool {
    (text.is_empty() || text.starts_with('/')) && escapes_ok(text)
}

fn escapes_ok(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter()
        .enumerate()
        .all(|(i, c)| *c != b'~' || matches!(b.get(i + 1), Some(b'0' | b'1')))
}

/// A non-negative integer (ASCII digits, no leading zero) followed by `#` or a JSON Pointer.
pub fn is_relative_json_pointer(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (Some(number), Some(rest)) = (text.get(..digits), text.get(digits..)) else {
        return false;
    };
    if number.is_empty() || (number.len() > 1 && number.starts_with('0')) {
        return false;
    }
    rest == "#" || is_json_pointer(rest)
}
