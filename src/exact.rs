//! JSON text as a value, with every number read exactly (the nearest double, as `JSON.parse`
//! reads it), without serde_json's `float_roundtrip` tables (about 9 KB gzip of the `.wasm`).
//!
//! serde_json's own reader is exact for a number whose digits (leading zeros aside) fit in 15
//! and whose decimal exponent is within ±22: one correctly rounded multiplication or division of
//! two exact doubles. Those are almost all the numbers records carry (amounts, counts, ids,
//! timestamps). Any other number ("hard": `0.30000000000000004`, `1e-30`, an integer past u64)
//! is read again from its text by the host's exact reader: JavaScript's `parseFloat` in the wasm
//! builds (the bindings install it, at no cost in size), Rust's `str::parse` natively.
//!
//! The text is only scanned again when the value holds a number that is not an integer (the
//! only kind a hard number can become); the scan then walks the text and the value together and
//! sets each hard number to its exact reading.

use serde_json::{Number, Value};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Reads a JSON number's text exactly (`NaN` when it is not a number).
pub type ExactReader = fn(&str) -> f64;

static READER: OnceLock<ExactReader> = OnceLock::new();

/// Installs the exact reader (once per instance; later calls are ignored).
pub fn install(reader: ExactReader) {
    let _ = READER.set(reader);
}

fn read_exactly(token: &str) -> f64 {
    match READER.get() {
        Some(reader) => reader(token),
        None => built_in(token),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn built_in(token: &str) -> f64 {
    token.parse().unwrap_or(f64::NAN)
}

#[cfg(target_arch = "wasm32")]
fn built_in(_: &str) -> f64 {
    f64::NAN
}

/// JSON text as a value, numbers read exactly.
pub fn from_slice(text: &[u8]) -> Result<Value, serde_json::Error> {
    match serde_json::from_slice::<Value>(text) {
        Ok(mut value) => {
            if holds_fraction(&value) {
                Walk::new(text).value(&mut value);
            }
            Ok(value)
        }
        // A hard number near the largest double can overflow serde_json's approximate reading
        // (1.7976931348623157e308): read the text with those numbers as 0, then set them.
        Err(error) if is_out_of_range(&error) => from_overflowing(text).ok_or(error),
        Err(error) => Err(error),
    }
}

/// serde_json's "number out of range" (its error codes are private; the message is stable).
pub(crate) fn is_out_of_range(error: &serde_json::Error) -> bool {
    error.is_syntax() && error.to_string().starts_with("number out of range")
}

/// `text` read with its hard numbers zeroed, then set exactly; `None` if it is still not JSON
/// or a number is out of range even when read exactly.
fn from_overflowing(text: &[u8]) -> Option<Value> {
    let zeroed = zero_hard_numbers(text)?;
    let mut value = serde_json::from_slice::<Value>(&zeroed).ok()?;
    let mut walk = Walk::new(text);
    walk.value(&mut value);
    (!walk.overflowed).then_some(value)
}

/// True when some number of `value` is held as a double (it had a fraction or an exponent, or
/// overflowed u64): only those can have been read inexactly.
pub fn holds_fraction(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.is_f64(),
        Value::Array(items) => items.iter().any(holds_fraction),
        Value::Object(map) => map.values().any(holds_fraction),
        _ => false,
    }
}

/// A copy of `text` with each hard number replaced by `0` (`None` when there is none).
fn zero_hard_numbers(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    let mut zeroed = false;
    while let Some(&byte) = text.get(at) {
        if byte == b'"' {
            let end = string_end(text, at);
            out.extend_from_slice(text.get(at..end).unwrap_or_default());
            at = end;
        } else if byte == b'-' || byte.is_ascii_digit() {
            let end = number_end(text, at);
            let token = text.get(at..end).unwrap_or_default();
            if is_number(token) && is_hard(token) {
                out.push(b'0');
                zeroed = true;
            } else {
                out.extend_from_slice(token);
            }
            at = end;
        } else {
            out.push(byte);
            at += 1;
        }
    }
    zeroed.then_some(out)
}

/// Where the string starting at `start` (its opening quote) ends, after its closing quote.
fn string_end(text: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while let Some(&byte) = text.get(at) {
        at += match byte {
            b'\\' => 2,
            b'"' => return at + 1,
            _ => 1,
        };
    }
    text.len()
}

/// Where the number starting at `start` ends.
fn number_end(text: &[u8], start: usize) -> usize {
    let mut at = start;
    while text
        .get(at)
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
    {
        at += 1;
    }
    at
}

/// True when `token` is a number as JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_number(token: &[u8]) -> bool {
    let digits = |at: usize| {
        token.get(at..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        })
    };
    let mut at = usize::from(token.first() == Some(&b'-'));
    let int = digits(at);
    if int == 0 || (int > 1 && token.get(at) == Some(&b'0')) {
        return false;
    }
    at += int;
    if token.get(at) == Some(&b'.') {
        let fraction = digits(at + 1);
        if fraction == 0 {
            return false;
        }
        at += 1 + fraction;
    }
    if matches!(token.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(token.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let exponent = digits(at);
        if exponent == 0 {
            return false;
        }
        at += exponent;
    }
    at == token.len()
}

/// True when serde_json's reading of the number `token` may not be the nearest double: more
/// than 15 significant digits, a decimal exponent beyond ±22, or an integer past u64 / i64.
fn is_hard(token: &[u8]) -> bool {
    let (mantissa, exponent) = match token.iter().position(|b| matches!(b, b'e' | b'E')) {
        Some(e) => (token.get(..e).unwrap_or_default(), token.get(e + 1..)),
        None => (token, None),
    };
    let fraction = mantissa
        .iter()
        .position(|b| *b == b'.')
        .map_or(0, |dot| mantissa.len() - dot - 1);
    let digits = mantissa
        .iter()
        .filter(|b| b.is_ascii_digit())
        .skip_while(|d| **d == b'0')
        .count();
    if exponent.is_none() && fraction == 0 {
        // An integer: serde_json reads it exactly when it fits in u64 (or i64 when negative).
        let text = std::str::from_utf8(mantissa).unwrap_or_default();
        return text.parse::<u64>().is_err() && text.parse::<i64>().is_err();
    }
    if digits > 15 {
        return true;
    }
    let written = exponent
        .and_then(|e| std::str::from_utf8(e).ok())
        .map_or(Some(0), |e| e.parse::<i64>().ok());
    let Some(written) = written else {
        return true;
    };
    let trailing = i64::try_from(fraction).unwrap_or(i64::MAX);
    !(-22..=22).contains(&written.saturating_sub(trailing))
}

/// The name a key's text (quotes included) stands for: the text itself unless it has escapes.
fn key_text(quoted: &[u8]) -> Option<Cow<'_, str>> {
    let inner = quoted.get(1..quoted.len().saturating_sub(1))?;
    if inner.contains(&b'\\') {
        return serde_json::from_slice::<String>(quoted)
            .ok()
            .map(Cow::Owned);
    }
    std::str::from_utf8(inner).ok().map(Cow::Borrowed)
}

/// The text and the value read from it, walked together (the text is well-formed JSON).
struct Walk<'t> {
    text: &'t [u8],
    at: usize,
    /// A hard number is out of range even when read exactly.
    overflowed: bool,
}

impl<'t> Walk<'t> {
    fn new(text: &'t [u8]) -> Walk<'t> {
        Walk {
            text,
            at: 0,
            overflowed: false,
        }
    }

    fn peek(&mut self) -> Option<u8> {
        while self.text.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
        self.text.get(self.at).copied()
    }

    /// Walks one value of the text, setting the hard numbers of `value` (the value read from
    /// it; `None` where the text holds a member the value does not keep).
    fn value(&mut self, value: &mut Value) {
        self.walk(Some(value));
    }

    fn walk(&mut self, value: Option<&mut Value>) {
        match self.peek() {
            Some(b'{') => self.object(value),
            Some(b'[') => self.array(value),
            Some(b'"') => self.at = string_end(self.text, self.at),
            Some(b'-' | b'0'..=b'9') => self.number(value),
            Some(_) => self.literal(),
            None => {}
        }
    }

    fn literal(&mut self) {
        while self.text.get(self.at).is_some_and(u8::is_ascii_alphabetic) {
            self.at += 1;
        }
    }

    fn number(&mut self, value: Option<&mut Value>) {
        let end = number_end(self.text, self.at);
        let token = self.text.get(self.at..end).unwrap_or_default();
        self.at = end;
        if !is_hard(token) {
            return;
        }
        let exact = read_exactly(std::str::from_utf8(token).unwrap_or_default());
        match (value, Number::from_f64(exact)) {
            (Some(slot), Some(number)) => *slot = Value::Number(number),
            (_, None) => self.overflowed = true,
            (None, Some(_)) => {}
        }
    }

    fn array(&mut self, mut value: Option<&mut Value>) {
        self.at += 1;
        let mut index = 0;
        loop {
            match self.peek() {
                Some(b']') | None => break,
                Some(b',') => self.at += 1,
                Some(_) => {
                    let item = match value.as_deref_mut() {
                        Some(Value::Array(items)) => items.get_mut(index),
                        _ => None,
                    };
                    self.walk(item);
                    index += 1;
                }
            }
        }
        self.at += 1;
    }

    fn object(&mut self, mut value: Option<&mut Value>) {
        self.at += 1;
        loop {
            match self.peek() {
                Some(b'}') | None => break,
                Some(b',') => self.at += 1,
                Some(b'"') => {
                    let start = self.at;
                    self.at = string_end(self.text, start);
                    let key = self.text.get(start..self.at).unwrap_or_default();
                    if self.peek() == Some(b':') {
                        self.at += 1;
                    }
                    // A repeated key keeps its last value: walking the members in order, the
                    // last one sets the value last.
                    let member = match value.as_deref_mut() {
                        Some(Value::Object(map)) => key_text(key).and_then(|k| map.get_mut(&*k)),
                        _ => None,
                    };
                    self.walk(member);
                }
                Some(_) => self.at += 1,
            }
        }
        self.at += 1;
    }
}

// A failing test panics: that is what the lints above the library forbid for input.
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Each number as serde_json's float_roundtrip (and JSON.parse) reads it: the nearest double.
    const NUMBERS: &[&str] = &[
        "0.30000000000000004",
        "0.1",
        "1.5",
        "-2.5e-3",
        "9007199254740993.5",
        "123456789012345678901234567890",
        "-123456789012345678901234567890",
        "1e-30",
        "2.2250738585072014e-308",
        "4.9e-324",
        "1.7976931348623157e308",
        "0.01e310",
        "1.00000000000000011102230246251565404236316680908203125",
        "7.038531e-26",
        "12345678901234567890",
        "-9223372036854775808",
        "100000000000000000000000.0",
    ];

    #[test]
    fn every_number_is_the_nearest_double() {
        for text in NUMBERS {
            let exact: f64 = text.parse().unwrap();
            let array = format!("[{text}, {{\"a\": [{text}], \"s\": \"{text}\"}}]");
            let value = from_slice(array.as_bytes()).unwrap();
            assert_eq!(value[0].as_f64(), Some(exact), "{text}");
            assert_eq!(
                value[1]["a"][0].as_f64(),
                Some(exact),
                "{text} in an object"
            );
            assert_eq!(
                value[1]["s"].as_str(),
                Some(*text),
                "{text} as a string is untouched"
            );
        }
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value_exactly() {
        let value = from_slice(br#"{"a": 0.30000000000000004, "b": "x\"}", "a": 1e-30}"#).unwrap();
        assert_eq!(value["a"].as_f64(), Some(1e-30));
        assert_eq!(value["b"], "x\"}");
    }

    #[test]
    fn numbers_out_of_range_and_bad_text_stay_errors() {
        for text in [
            "1e400",
            "[1.8e308]",
            "-1e999",
            "[0.3000000000000000444, ",
            "01",
            "1.",
            "[1.8e308, 1.]",
            "[1e400, 1.7976931348623157e308]",
        ] {
            assert!(from_slice(text.as_bytes()).is_err(), "{text}");
        }
    }

    #[test]
    fn numbers_are_told_from_malformed_tokens() {
        for good in ["0", "-0", "1.5", "10e-1", "1E+0", "-0.0e5"] {
            assert!(is_number(good.as_bytes()), "{good}");
        }
        for bad in [
            "01", "1.", ".5", "+1", "-", "1e", "1e+", "--1", "1.5.5", "1e5e5",
        ] {
            assert!(!is_number(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn hard_numbers_are_told_from_easy_ones() {
        for easy in [
            "0",
            "-1",
            "18446744073709551615",
            "-9223372036854775808",
            "1.5",
            "123456789012345",
            "1e22",
            "1.5e-21",
        ] {
            assert!(!is_hard(easy.as_bytes()), "{easy}");
        }
        for hard in [
            "18446744073709551616",
            "1234567890123456.0",
            "1e23",
            "1e-23",
            "0.30000000000000004",
        ] {
            assert!(is_hard(hard.as_bytes()), "{hard}");
        }
    }
}
