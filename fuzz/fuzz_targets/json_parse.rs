//! Our JSON parser and writer against serde_json (the reference, which agrees with
//! `JSON.parse`): the same verdict on any bytes, the same error kind, and for valid UTF-8 the
//! same place; on success the same value, and our text reads back to it.
#![no_main]

use aps_migratable::json::{self, ParseErrorKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let ours = json::from_slice(bytes);
    let reference = serde_json::from_slice::<serde_json::Value>(bytes);
    match (&ours, &reference) {
        (Ok(v), Ok(r)) => {
            let text = json::to_text(v);
            assert_eq!(text, serde_json::to_string(r).unwrap_or_default());
            assert_eq!(json::from_str(&text).as_ref(), Ok(v));
        }
        (Err(e), Err(r)) => {
            let kind = match r.classify() {
                serde_json::error::Category::Eof => ParseErrorKind::Eof,
                _ => ParseErrorKind::Syntax,
            };
            assert_eq!(e.kind, kind, "{e} vs {r}");
            if std::str::from_utf8(bytes).is_ok() {
                assert_eq!((e.line, e.column), (r.line(), r.column()), "{e} vs {r}");
            }
        }
        _ => panic!("verdicts differ: ours {ours:?}, serde_json {reference:?}"),
    }
});
