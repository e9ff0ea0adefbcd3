//! Values across the boundary.
//!
//! In: a JS value crosses as its `JSON.stringify` text, written into wasm memory by
//! `TextEncoder.encodeInto` and parsed by serde_json (straight into the domain's types where
//! there are some). Measured in one Node process on the allowed context of docs/rules-and-policy.md, that path took
//! 4.3 µs per `PreChecker.check` against 5.9 µs through serde-wasm-bindgen; it also refuses what
//! JSON cannot hold (a `Set` for an array, a BigInt for a number, cycles, throwing getters) the
//! way the rest of the module does, and serde-wasm-bindgen reads only the declared fields, so
//! `deny_unknown_fields` would never fire. Sizes are checked against `limits` before anything is
//! copied into wasm memory (which never shrinks).
//!
//! Out: results are serialised by serde; see [`to_js`] for which way each takes.

use crate::limits::{self, Exceeded};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/bindings/stage.js")]
extern "C" {
    /// Stages `JSON.stringify(value)`: its length in UTF-16 units, -1 when the value has no
    /// JSON form (`undefined`, a function, a symbol), -2 when it threw (see `staged_error`).
    fn stage_json(value: &JsValue) -> i32;
    /// Stages text as it is: a string (its length in UTF-16 units), a `Uint8Array` (`-3 -` its
    /// length in bytes; a copy when it is a view of `memory`, this module's), -1 (neither) or -2
    /// (a string with a lone surrogate); not staged unless text.
    fn stage_text(value: &JsValue, memory: &JsValue) -> f64;
    /// The message of the error the last `stage_json` caught, if it has one.
    fn staged_error() -> Option<String>;
    /// `TextEncoder.encodeInto(staged.substring(from), memory[at .. at + room])` (bytes: all of
    /// them): the bytes written when that was the rest of the text (then dropped unless `keep`),
    /// else `-1 -` the bytes written, with the units read in `staged_read`.
    fn staged_into(from: u32, memory: &JsValue, at: u32, room: u32, keep: bool) -> i32;
    /// The UTF-16 units the last `staged_into` read, when it did not reach the end.
    fn staged_read() -> u32;
    /// Drops the staged string.
    fn unstage();
    /// `{canMigrate: true}`, or `{canMigrate: false, message}`.
    pub fn precheck_answer(message: Option<&str>) -> JsValue;
    /// `{valid: true, errors: []}`.
    pub fn valid_answer() -> JsValue;
    /// `{valid, errors, value}` with `value` parsed from the staged text (which it drops), and
    /// `errors` from JSON text (`None`: valid).
    pub fn contract_answer(errors: Option<String>) -> JsValue;
    /// Drops the staged string.
    #[wasm_bindgen(js_name = unstage)]
    pub fn drop_staged();
    /// `JSON.parse(text)` of text this module wrote.
    fn parse_json(text: &str) -> JsValue;
    /// `new Error(message)` with `name` and `code`.
    pub fn make_error(name: &str, code: &str, message: &str) -> js_sys::Error;
}

/// Why a JS value could not be read.
pub enum Unreadable {
    /// It has no JSON form (`undefined`, a function, a symbol).
    Absent,
    /// It cannot be serialised as JSON (the reason).
    NotJson(String),
    /// It is larger than a limit allows.
    Limit(Exceeded),
}

/// Why text given as it is ([`given_text`]) could not be read.
pub enum TextError {
    /// It is neither a string nor a `Uint8Array` (or the array's buffer is detached).
    NotText,
    /// A string with a lone surrogate, which has no UTF-8 form.
    LoneSurrogate,
    /// It is larger than a limit allows.
    Limit(Exceeded),
}

/// Why a string with a lone surrogate is not text.
pub const LONE_SURROGATE: &str =
    "the string holds a lone surrogate (half of a UTF-16 pair), which text cannot hold";

/// The JSON text of a JS value, as UTF-8 bytes in wasm memory.
pub fn json_text(value: &JsValue) -> Result<Vec<u8>, Unreadable> {
    staged_text(value, false)
}

/// [`json_text`], keeping the text staged in JS for [`contract_answer`] (or [`drop_staged`]).
pub fn json_text_kept(value: &JsValue) -> Result<Vec<u8>, Unreadable> {
    staged_text(value, true)
}

fn staged_text(value: &JsValue, keep: bool) -> Result<Vec<u8>, Unreadable> {
    let length = stage_json(value);
    if length == -1 {
        return Err(Unreadable::Absent);
    }
    let Ok(units) = usize::try_from(length) else {
        return Err(Unreadable::NotJson(describe(staged_error())));
    };
    if let Err(limit) = limits::check_text(units) {
        unstage();
        return Err(Unreadable::Limit(limit));
    }
    Ok(staged_utf8(units, keep))
}

/// JSON text as a JSON value (the limits checked).
pub fn parse_value(bytes: &[u8]) -> Result<serde_json::Value, Unreadable> {
    let parsed: serde_json::Value = crate::exact::from_slice(bytes)
        .map_err(|e| Unreadable::NotJson(crate::value::parse_error_text(&e)))?;
    limits::check_value(&parsed, bytes.len()).map_err(Unreadable::Limit)?;
    Ok(parsed)
}

/// A JS value as a JSON value (the limits checked).
pub fn json_value(value: &JsValue) -> Result<serde_json::Value, Unreadable> {
    parse_value(&json_text(value)?)
}

/// Text given as it is: a JS string or UTF-8 bytes (a `Uint8Array`, such as a request body as it
/// arrived), in wasm memory: nothing is parsed or serialised in JS. Its size (UTF-16 units or
/// bytes) is checked against `max` bytes before it is copied. Two calls into JS in all (the copy
/// writes a string's ASCII at once), where each call into JS costs a server more than in a loop
/// (docs/host.md, "The check alone, inside the same host").
pub fn given_text(value: &JsValue, max: usize) -> Result<Vec<u8>, TextError> {
    let staged = MEMORY.with(|memory| stage_text(value, memory));
    if staged == -1.0 {
        return Err(TextError::NotText);
    }
    if staged == -2.0 {
        return Err(TextError::LoneSurrogate);
    }
    // Lengths of strings and arrays are integers below 2^53: the casts are exact.
    let (units, bytes) = if staged >= 0.0 {
        (staged as usize, false)
    } else {
        ((-3.0 - staged) as usize, true)
    };
    if let Err(limit) = limits::check_bytes(units, max) {
        unstage();
        return Err(TextError::Limit(limit));
    }
    Ok(if bytes {
        staged_bytes(units)
    } else {
        staged_utf8(units, false)
    })
}

thread_local! {
    /// This instance's memory, asked for once (each `wasm_bindgen::memory()` is a call into JS).
    static MEMORY: JsValue = wasm_bindgen::memory();
}

/// One copy of the staged text, from unit `read`, into `bytes[written..]`: the units read
/// (`None`: all the rest) and the bytes written.
fn copy_staged(
    bytes: &mut [u8],
    read: usize,
    written: usize,
    keep: bool,
) -> (Option<usize>, usize) {
    let room = bytes.len().saturating_sub(written);
    // wasm32 addresses and our sizes (at most 3 × 64 MiB, under 2^31) fit in u32 and i32. The
    // pointer is a mutable one: the encoder writes through it.
    let at = bytes.as_mut_ptr() as usize + written;
    let answer =
        MEMORY.with(|memory| staged_into(read as u32, memory, at as u32, room as u32, keep));
    if answer >= 0 {
        return (None, (answer as usize).min(room));
    }
    let wrote = (-1 - answer) as usize;
    (Some(staged_read() as usize), wrote.min(room))
}

/// The staged bytes (a `Uint8Array` of `length` bytes), copied into wasm memory.
fn staged_bytes(length: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; length];
    let (rest, written) = copy_staged(&mut bytes, 0, 0, false);
    if rest.is_some() {
        unstage();
    }
    bytes.truncate(written);
    bytes
}

/// The staged string's UTF-8 bytes: room for one byte per UTF-16 unit first (all that ASCII
/// needs), then three per unit still to go. Releases the staged string unless `keep`.
fn staged_utf8(units: usize, keep: bool) -> Vec<u8> {
    let mut bytes = vec![0u8; units];
    let (mut read, mut written) = (0usize, 0usize);
    while read < units {
        let (advanced, wrote) = copy_staged(&mut bytes, read, written, keep);
        written += wrote;
        let Some(advanced) = advanced else {
            // All of it is written, and stage.js has dropped it unless `keep`.
            bytes.truncate(written);
            return bytes;
        };
        if advanced == 0 && bytes.len() - written >= 3 {
            break; // cannot happen (three bytes hold any UTF-16 unit); never spin
        }
        read += advanced;
        if read < units {
            bytes.resize(written + (units - read) * 3, 0);
        }
    }
    if !keep {
        unstage();
    }
    bytes.truncate(written);
    bytes
}

fn describe(message: Option<String>) -> String {
    let message = message.unwrap_or_else(|| "JSON.stringify failed".to_owned());
    format!("it cannot be serialised as JSON ({message})")
}

/// A result of a fixed, small shape (lists of names) as a plain JS value, through
/// serde-wasm-bindgen (`json_compatible`: objects, not `Map`s). Its serializer refuses integers
/// beyond 2^53, so results that carry the caller's data go through [`to_js_via_text`]; and each
/// type serialised both ways would ship its serialisation code twice.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// A result as a plain JS value, through JSON text and `JSON.parse` (large integers become the
/// nearest double, as JavaScript itself gives them).
pub fn to_js_via_text<T: Serialize + ?Sized>(value: &T) -> JsValue {
    match serde_json::to_string(value) {
        Ok(text) => parse_json(&text),
        Err(_) => JsValue::NULL,
    }
}
