//! The `format` values the engine checks: `date-time`, `date` and `uuid`. The rules are ajv-formats'
//! ("full" mode) where those follow RFC 3339; where ajv-formats is looser than the RFC (`+08`
//! offsets, hour 24 with a leap second) this engine follows the RFC and the official test suite.

/// A checked string format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    DateTime,
    Date,
    Uuid,
}

impl Format {
    /// The format for a `format` keyword value, `None` when it is not one this engine checks.
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "date-time" => Some(Format::DateTime),
            "date" => Some(Format::Date),
            "uuid" => Some(Format::Uuid),
            _ => None,
        }
    }

    /// The keyword value, as written in schemas.
    pub fn name(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Uuid => "uuid",
        }
    }

    /// True when `text` is in this format.
    pub fn matches(self, text: &str) -> bool {
        match self {
            Format::DateTime => is_date_time(text),
            Format::Date => is_date(text),
            Format::Uuid => is_uuid(text),
        }
    }
}

fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `YYYY-MM-DD` with a real day of that month (leap years counted).
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (
        text.get(0..4).and_then(digits),
        text.get(5..7).and_then(digits),
        text.get(8..10).and_then(digits),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `HH:MM:SS[.fraction]` with a required zone `Z` or `±HH:MM`; a leap second is allowed
/// only at 23:59 UTC.
fn is_time(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 8 || b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
        return false;
    }
    let (Some(hour), Some(minute)) = (
        text.get(0..2).and_then(digits),
        text.get(3..5).and_then(digits),
    ) else {
        return false;
    };
    let Some(rest) = text.get(6..) else {
        return false;
    };
    // Seconds: two digits and an optional fraction of one or more digits.
    let Some(second) = rest.get(0..2).and_then(digits) else {
        return false;
    };
    let mut zone = rest.get(2..).unwrap_or("");
    if let Some(fraction) = zone.strip_prefix('.') {
        let count = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if count == 0 {
            return false;
        }
        zone = fraction.get(count..).unwrap_or("");
    }
    let (sign, zone_hour, zone_minute) = match zone.as_bytes().first() {
        Some(b'z' | b'Z') if zone.len() == 1 => (1i64, 0u32, 0u32),
        Some(&s @ (b'+' | b'-')) => {
            let offset = zone.get(1..).unwrap_or("");
            // RFC 3339 `time-numoffset` is `±HH:MM` (ajv-formats also takes `±HH` and `±HHMM`).
            let (h, m) = match offset.len() {
                5 if offset.as_bytes().get(2) == Some(&b':') => (
                    offset.get(0..2).unwrap_or(""),
                    offset.get(3..5).unwrap_or(""),
                ),
                _ => return false,
            };
            let (Some(h), Some(m)) = (digits(h), digits(m)) else {
                return false;
            };
            (if s == b'-' { -1 } else { 1 }, h, m)
        }
        _ => return false,
    };
    // Unlike ajv-formats, an hour of 24 or a minute of 60 is never valid, whatever the zone.
    if zone_hour > 23 || zone_minute > 59 || hour > 23 || minute > 59 {
        return false;
    }
    if hour <= 23 && minute <= 59 && second < 60 {
        return true;
    }
    // A leap second: 23:59:60 in UTC.
    let utc_minute = i64::from(minute) - i64::from(zone_minute) * sign;
    let utc_hour =
        i64::from(hour) - i64::from(zone_hour) * sign - if utc_minute < 0 { 1 } else { 0 };
    (utc_hour == 23 || utc_hour == -1) && (utc_minute == 59 || utc_minute == -1) && second < 61
}

/// The whitespace JavaScript's `\s` matches, which ajv-formats accepts between date and time.
fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// RFC 3339 `date-time`: a date, `T`, `t` or a space, and a time with its zone.
pub fn is_date_time(text: &str) -> bool {
    let mut parts = text.split(|c: char| c == 't' || c == 'T' || is_js_space(c));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(date), Some(time), None) => is_date(date) && is_time(time),
        _ => false,
    }
}

/// A UUID in 8-4-4-4-12 hexadecimal form, any case, optionally prefixed by `urn:uuid:`.
pub fn is_uuid(text: &str) -> bool {
    let body = match text.get(..9) {
        Some(prefix) if prefix.eq_ignore_ascii_case("urn:uuid:") => text.get(9..).unwrap_or(""),
        _ => text,
    };
    is_hyphenated_uuid(body)
}

/// Exactly 8-4-4-4-12 hexadecimal digits (any case), nothing around them.
pub fn is_hyphenated_uuid(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}
