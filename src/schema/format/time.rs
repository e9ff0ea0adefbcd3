//! Dates and times: `date-time`, `date` and `time` (RFC 3339) and `duration` (ISO 8601, as RFC 3339
//! appendix A). The rules are ajv-formats' ("full" mode) where those follow RFC 3339; where
//! ajv-formats is looser than the RFC (`+08` offsets, hour 24 with a leap second) this engine
//! follows the RFC and the official test suite.

use super::fixed::Fixed;

/// The number that the ASCII digits `text` write (none: empty, another character, or past
/// `u32`).
fn digits(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u32, |n, b| {
        let digit = b.checked_sub(b'0').filter(|d| *d <= 9)?;
        n.checked_mul(10)?.checked_add(u32::from(digit))
    })
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
pub fn is_time(text: &str) -> bool {
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
/// A date is ten ASCII characters, none a separator, and a time has no separator either: so
/// the one separator is the character after the tenth byte.
pub fn is_date_time(text: &str) -> bool {
    let (Some(date), Some(rest)) = (text.get(..10), text.get(10..)) else {
        return false;
    };
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c == 't' || c == 'T' || is_js_space(c) => {
            is_date(date) && is_time(chars.as_str())
        }
        _ => false,
    }
}

/// An ISO 8601 duration as RFC 3339 appendix A writes it: `P` and weeks alone, or a date part of
/// consecutive units (years, months, days: `1Y2M`, `2M3D`, not `1Y3D`) and a time part after `T`
/// of consecutive units (hours, minutes, seconds), at least one of the two. ajv-formats takes
/// units that skip one (`P1Y3D`); the official suite (2019-09, 2020-12) does not, nor does this.
static DURATION: Fixed = Fixed::new(concat!(
    "^P(?!$)(?:[0-9]+W|(?:[0-9]+Y(?:[0-9]+M(?:[0-9]+D)?)?|[0-9]+M(?:[0-9]+D)?|[0-9]+D)?",
    "(?:T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))?)$"
));

pub fn is_duration(text: &str) -> bool {
    DURATION.is_match(text)
}

#[cfg(test)]
pub(super) const ALL: &[&Fixed] = &[&DURATION];
