//! A strict JSON parser (RFC 8259) into `Value`, built for small `.wasm` and few allocations:
//! arrays and objects are collected on two scratch stacks and moved out at their exact size,
//! strings without escapes are copied in one go, and keys are never hashed.
//!
//! It accepts and rejects what serde_json did (which the module used before): at most 127
//! levels of nesting, no lone surrogates in `\u` escapes, no numbers that overflow `f64`, and
//! a repeated key keeps its first place and its last value. Errors name the line and column
//! the same way (columns in bytes).

use super::value::{Map, Number, Value};

/// Containers may nest this deep and no deeper (serde_json's recursion limit).
pub const MAX_NESTING: u32 = 127;

/// Why a text is not JSON, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// 1-based line.
    pub line: usize,
    /// Column in bytes: of the offending byte (1-based), or the end of the text for `Eof`.
    pub column: usize,
}

/// The two kinds of parse failure people need to tell apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// The text ends in the middle of a value.
    Eof,
    /// A byte that JSON does not allow there (including bad UTF-8, lone surrogates, numbers
    /// out of range and nesting over the limit).
    Syntax,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl ParseError {
    /// Plain words with the place, as the module's messages quote it.
    pub fn text(&self) -> String {
        let what = match self.kind {
            ParseErrorKind::Eof => "the text ends too early",
            ParseErrorKind::Syntax => "it is not well-formed JSON or nests 128 levels or more",
        };
        format!("{what} (line {}, column {})", self.line, self.column)
    }
}

/// Parses JSON text.
pub fn from_str(text: &str) -> Result<Value, ParseError> {
    Parser::new(text.as_bytes()).document()
}

/// Parses JSON from bytes, which must be UTF-8 (checked inside strings, where serde_json checks
/// it: a string with bytes that are not UTF-8 fails at its closing quote).
pub fn from_slice(bytes: &[u8]) -> Result<Value, ParseError> {
    Parser::new(bytes).document()
}

/// A parser for many documents in a row (NDJSON lines): it keeps its scratch stacks between
/// documents instead of growing new ones for each.
#[derive(Default)]
pub struct Reader {
    items: Vec<Value>,
    members: Vec<(String, Value)>,
}

impl Reader {
    /// Parses one document, as `from_slice` does.
    pub fn parse(&mut self, bytes: &[u8]) -> Result<Value, ParseError> {
        let mut parser = Parser::new(bytes);
        parser.items = std::mem::take(&mut self.items);
        parser.members = std::mem::take(&mut self.members);
        let result = parser.value_then_end();
        self.items = std::mem::take(&mut parser.items);
        self.members = std::mem::take(&mut parser.members);
        // After an error the stacks may hold a half-built document; it is not reused.
        self.items.clear();
        self.members.clear();
        result
    }
}

/// The bytes that end a run of plain string content: the quote, the backslash and the control
/// characters. One table load per byte instead of three comparisons.
// Built at compile time: an index out of range would fail the build, not a call.
#[allow(clippy::indexing_slicing)]
static ENDS_CHUNK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: u32,
    items: Vec<Value>,
    members: Vec<(String, Value)>,
}

type Result<T, E = ParseError> = std::result::Result<T, E>;

impl<'a> Parser<'a> {
    fn new(bytes: &'a [u8]) -> Parser<'a> {
        Parser {
            bytes,
            pos: 0,
            depth: 0,
            items: Vec::new(),
            members: Vec::new(),
        }
    }

    /// An error about the byte at `at` (or, for `Eof`, the end of the text). The place is
    /// serde_json's: the line and the byte count within it up to and including that byte.
    fn error_at(&self, kind: ParseErrorKind, at: usize) -> ParseError {
        let end = match kind {
            ParseErrorKind::Eof => self.bytes.len(),
            ParseErrorKind::Syntax => (at + 1).min(self.bytes.len()),
        };
        let before = self.bytes.get(..end).unwrap_or(self.bytes);
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let line = 1 + before
            .iter()
            .take(line_start)
            .filter(|&&b| b == b'\n')
            .count();
        ParseError {
            kind,
            line,
            column: end - line_start,
        }
    }

    /// The text ended.
    fn eof(&self) -> ParseError {
        self.error_at(ParseErrorKind::Eof, self.bytes.len())
    }

    /// The byte at `pos` is wrong (or, at the end, the text ended).
    fn unexpected(&self) -> ParseError {
        if self.pos >= self.bytes.len() {
            self.eof()
        } else {
            self.error_at(ParseErrorKind::Syntax, self.pos)
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn document(mut self) -> Result<Value> {
        self.value_then_end()
    }

    fn value_then_end(&mut self) -> Result<Value> {
        let value = self.value()?;
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            return Err(self.error_at(ParseErrorKind::Syntax, self.pos));
        }
        Ok(value)
    }

    fn value(&mut self) -> Result<Value> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'"') => {
                self.pos += 1;
                self.string().map(Value::String)
            }
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'n') => self.literal(b"null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            _ => Err(self.unexpected()),
        }
    }

    fn literal(&mut self, word: &[u8], value: Value) -> Result<Value> {
        for &expected in word {
            if self.peek() != Some(expected) {
                return Err(self.unexpected());
            }
            self.pos += 1;
        }
        Ok(value)
    }

    fn enter(&mut self) -> Result<()> {
        if self.depth >= MAX_NESTING {
            return Err(self.error_at(ParseErrorKind::Syntax, self.pos));
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    fn array(&mut self) -> Result<Value> {
        self.enter()?;
        let start = self.items.len();
        if !self.closes_at_once(b']') {
            loop {
                let item = self.value()?;
                self.items.push(item);
                if self.comma_or_close(b']')? {
                    break;
                }
            }
        }
        Ok(Value::Array(self.items.split_off(start)))
    }

    fn object(&mut self) -> Result<Value> {
        self.enter()?;
        let start = self.members.len();
        if !self.closes_at_once(b'}') {
            loop {
                self.eat(b'"')?;
                let key = self.string()?;
                self.eat(b':')?;
                let value = self.value()?;
                self.members.push((key, value));
                if self.comma_or_close(b'}')? {
                    break;
                }
            }
        }
        Ok(Value::Object(Map::from_entries(
            self.members.split_off(start),
        )))
    }

    /// After whitespace, `byte` must come next; it is consumed.
    fn eat(&mut self, byte: u8) -> Result<()> {
        self.skip_whitespace();
        if self.peek() != Some(byte) {
            return Err(self.unexpected());
        }
        self.pos += 1;
        Ok(())
    }

    /// True (and the container left) when `close` follows its opening at once.
    fn closes_at_once(&mut self, close: u8) -> bool {
        self.skip_whitespace();
        let closes = self.peek() == Some(close);
        if closes {
            self.pos += 1;
            self.depth -= 1;
        }
        closes
    }

    /// After a member: `,` (more follow: false) or `close` (the container is left: true).
    fn comma_or_close(&mut self, close: u8) -> Result<bool> {
        self.skip_whitespace();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                self.depth -= 1;
                Ok(true)
            }
            _ => Err(self.unexpected()),
        }
    }

    /// The text from `from` to `to` (both at ASCII bytes of valid UTF-8, so always a `str`).
    fn text(&self, from: usize, to: usize) -> &'a str {
        self.bytes
            .get(from..to)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// A string's contents, after its opening quote.
    fn string(&mut self) -> Result<String> {
        let mut escaped: Option<String> = None;
        let mut bad: Option<usize> = None;
        loop {
            let start = self.pos;
            let rest = self.bytes.get(start..).unwrap_or(&[]);
            let Some(stop) = rest
                .iter()
                .position(|&b| ENDS_CHUNK.get(usize::from(b)).copied().unwrap_or(true))
            else {
                return Err(self.eof());
            };
            self.pos = start + stop;
            let chunk = rest.get(..stop).unwrap_or(&[]);
            // Bytes that are not UTF-8 fail at the closing quote (so an unterminated string
            // is still "ends too early"), placed at the first bad byte or the backslash after it.
            let chunk = match std::str::from_utf8(chunk) {
                Ok(text) => text,
                Err(e) => {
                    bad.get_or_insert(if self.peek() == Some(b'"') {
                        start + e.valid_up_to()
                    } else {
                        self.pos
                    });
                    ""
                }
            };
            match self.peek() {
                Some(b'"') => {
                    if let Some(at) = bad {
                        return Err(self.error_at(ParseErrorKind::Syntax, at));
                    }
                    self.pos += 1;
                    return Ok(match escaped {
                        None => chunk.to_owned(),
                        Some(mut text) => {
                            text.push_str(chunk);
                            text
                        }
                    });
                }
                Some(b'\\') => {
                    escaped.get_or_insert_with(String::new).push_str(chunk);
                    self.pos += 1;
                    let c = self.escape()?;
                    if let Some(text) = escaped.as_mut() {
                        text.push(c);
                    }
                }
                // A control character.
                _ => return Err(self.unexpected()),
            }
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self) -> Result<char> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4()?;
                return match unit {
                    0xD800..=0xDBFF => {
                        if self.peek() != Some(b'\\') {
                            return Err(self.unexpected());
                        }
                        self.pos += 1;
                        if self.peek() != Some(b'u') {
                            return Err(self.unexpected());
                        }
                        self.pos += 1;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error_at(ParseErrorKind::Syntax, self.pos - 1));
                        }
                        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(code)
                            .ok_or_else(|| self.error_at(ParseErrorKind::Syntax, self.pos - 1))
                    }
                    _ => char::from_u32(unit)
                        .ok_or_else(|| self.error_at(ParseErrorKind::Syntax, self.pos - 1)),
                };
            }
            _ => return Err(self.unexpected()),
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32> {
        let start = self.pos;
        let Some(hex) = self.bytes.get(start..start + 4) else {
            return Err(self.eof());
        };
        let mut unit = 0;
        for &b in hex {
            let Some(digit) = char::from(b).to_digit(16) else {
                // Reported after the four characters, as serde_json does.
                return Err(self.error_at(ParseErrorKind::Syntax, start + 3));
            };
            unit = unit * 16 + digit;
        }
        self.pos = start + 4;
        Ok(unit)
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn number(&mut self) -> Result<Number> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.unexpected());
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected()),
        }
        let int_end = self.pos;
        let mut float = false;
        if self.peek() == Some(b'.') {
            float = true;
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected());
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            float = true;
            let significand = self.bytes.get(start..self.pos).unwrap_or(&[]);
            let zero = significand.iter().all(|&b| !matches!(b, b'1'..=b'9'));
            self.pos += 1;
            let negative_exponent = self.peek() == Some(b'-');
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected());
            }
            // serde_json's rule: an exponent past i32 is an error where it overflows, unless
            // the number is zero or the exponent negative (then the value is zero).
            let mut exponent: i32 = 0;
            while let Some(b @ b'0'..=b'9') = self.peek() {
                let next = exponent
                    .checked_mul(10)
                    .and_then(|e| e.checked_add(i32::from(b - b'0')));
                match next {
                    Some(e) => exponent = e,
                    None if !zero && !negative_exponent => {
                        return Err(self.error_at(ParseErrorKind::Syntax, self.pos));
                    }
                    None => exponent = i32::MAX,
                }
                self.pos += 1;
            }
        }
        if !float {
            let digits = self.bytes.get(start + usize::from(negative)..int_end);
            if let Some(n) = digits.and_then(|d| integer(d, negative)) {
                return Ok(n);
            }
        }
        let f = super::float::parse(self.text(start, self.pos));
        if f.is_finite() {
            Ok(Number::float(f))
        } else {
            // Out of range: reported at the number's last character, as serde_json does.
            Err(self.error_at(ParseErrorKind::Syntax, self.pos - 1))
        }
    }
}

/// An integer that fits its kind: `u64` when positive, `i64` when negative. `-0` is the float
/// `-0.0` (as in serde_json and JavaScript).
fn integer(digits: &[u8], negative: bool) -> Option<Number> {
    let mut n: u64 = 0;
    for &b in digits {
        n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    if !negative {
        return Some(Number::from(n));
    }
    if n == 0 {
        return Some(Number::float(-0.0));
    }
    let magnitude = i64::try_from(n - 1).ok()?;
    Some(Number::from(-magnitude - 1))
}
