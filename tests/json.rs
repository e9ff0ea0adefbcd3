//! The JSON layer (`aps_migratable::json`): our parser, float reader and writer against
//! serde_json (which the crate used before, and which agrees with `JSON.parse` on what JSON
//! is) and against Rust's own `str::parse::<f64>`, on fixed cases and on millions of
//! generated ones.
#![cfg(not(target_arch = "wasm32"))] // serde_json and proptest are native-only dev-dependencies

use aps_migratable::json;
use aps_migratable::json::{ParseErrorKind, Value};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// serde_json's verdict on a text, as (value as our JSON text) or (error kind, line, column).
fn reference(bytes: &[u8]) -> Result<String, (ParseErrorKind, usize, usize)> {
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(v) => Ok(serde_json::to_string(&v).unwrap()),
        Err(e) => {
            let kind = match e.classify() {
                serde_json::error::Category::Eof => ParseErrorKind::Eof,
                _ => ParseErrorKind::Syntax,
            };
            Err((kind, e.line(), e.column()))
        }
    }
}

/// Generated cases per test: `PROPTEST_CASES` when set (the long runs in the README use
/// 1,000,000), else `default` (what `make test` runs).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

fn ours(bytes: &[u8]) -> Result<String, (ParseErrorKind, usize, usize)> {
    json::from_slice(bytes)
        .map(|v| json::to_text(&v))
        .map_err(|e| (e.kind, e.line, e.column))
}

fn agree(text: &str) {
    assert_eq!(
        ours(text.as_bytes()),
        reference(text.as_bytes()),
        "on {text:?}"
    );
}

#[test]
fn accepts_and_writes_what_serde_json_does() {
    for text in [
        "null", "true", "false", "0", "-0", "1", "-1", "0.5", "-0.0", "1e3", "1E+3", "1e-3",
        "123456789012345678901234567890", "18446744073709551615", "18446744073709551616",
        "-9223372036854775808", "-9223372036854775809", "1.7976931348623157e308",
        "2.2250738585072014e-308", "5e-324", "1e-400", "0.1", "0.30000000000000004",
        "9007199254740993", "9007199254740993.0", "\"\"", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"",
        "\"\\u0000\\u001f\\u007f\\u00e9\\u20ac\\ud83d\\ude00\"", "\"é€😀\"", "[]", "{}",
        " [ 1 , [ 2 , { \"a\" : [ ] } ] ] ", "{\"a\":1,\"b\":2,\"a\":3}",
        "{\"z\":1,\"y\":2,\"x\":3,\"w\":4,\"v\":5,\"u\":6,\"t\":7,\"s\":8,\"r\":9,\"q\":10,\"p\":11,\"o\":12,\"n\":13,\"z\":14}",
        "\t\r\n 7 \n",
    ] {
        agree(text);
    }
}

#[test]
fn rejects_what_serde_json_rejects_at_the_same_place() {
    for text in [
        "",
        " ",
        "nul",
        "nulx",
        "tru",
        "[",
        "[1",
        "[1,",
        "[1,]",
        "[,1]",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1,}",
        "{a:1}",
        "{\"a\" 1}",
        "01",
        "-",
        "-a",
        "1.",
        "1.e3",
        "1e",
        "1e+",
        ".5",
        "+1",
        "1e400",
        "-1e400",
        "\"abc",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"\\ud800\"",
        "\"\\ud800\\u0041\"",
        "\"\\udc00\"",
        "\"a\nb\"",
        "\"\t\"",
        "1 2",
        "[] x",
        "\n\n  [1,\n  2 x",
        "NaN",
        "Infinity",
        "[1]]",
        "{}}",
        "\u{feff}1",
    ] {
        agree(text);
    }
}

#[test]
fn bytes_that_are_not_utf8_fail_where_serde_json_says() {
    for bytes in [
        &b"\"\xff\""[..],
        b"[1, \"\xc3\"]",
        b"\xff",
        b"[1, 2 \xff]",
        b"[x \xff]",
        b"\"\xe2\x82\"",
    ] {
        assert_eq!(ours(bytes), reference(bytes), "on {bytes:?}");
    }
}

#[test]
fn nesting_stops_at_128_levels_like_serde_json() {
    for depth in [126, 127, 128, 129, 500] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        agree(&text);
        let text = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        agree(&text);
    }
}

#[test]
fn repeated_keys_keep_the_first_place_and_the_last_value() {
    let v = json::from_str(r#"{"a":1,"b":2,"a":3}"#).unwrap();
    assert_eq!(json::to_text(&v), r#"{"a":3,"b":2}"#);
    // The same in a large object, which has a sorted index.
    let mut text = String::from("{");
    for i in 0..100 {
        text.push_str(&format!("\"k{}\":{i},", i % 40));
    }
    text.push_str("\"last\":true}");
    let v = json::from_str(&text).unwrap();
    let map = v.as_object().unwrap();
    assert_eq!(map.len(), 41);
    assert_eq!(map.keys().next().unwrap(), "k0");
    assert_eq!(map["k0"], json!(80));
    assert_eq!(map["k39"], json!(79));
    assert_eq!(json::to_text(&v), reference(text.as_bytes()).unwrap());
}

#[test]
fn large_objects_find_every_key_and_keep_order_when_changed() {
    let mut map = json::Map::new();
    for i in (0..200).rev() {
        assert!(map.insert(format!("key{i}"), json!(i)).is_none());
    }
    assert_eq!(
        map.insert("key7".to_owned(), json!("seven")),
        Some(json!(7))
    );
    for i in 0..200 {
        assert!(map.contains_key(&format!("key{i}")), "key{i}");
    }
    assert_eq!(map["key7"], json!("seven"));
    assert_eq!(map.keys().next().unwrap(), "key199");
    assert_eq!(map.remove("key199"), Some(json!(199)));
    assert_eq!(map.keys().next().unwrap(), "key198");
    assert!(!map.contains_key("key199"));
    assert_eq!(map.get("key0"), Some(&json!(0)));
    // Equality ignores order, as JSON's does.
    let a = json::from_str(r#"{"x":1,"y":[1,{"z":null}]}"#).unwrap();
    let b = json::from_str(r#"{"y":[1,{"z":null}],"x":1}"#).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, json::from_str(r#"{"y":[{"z":null},1],"x":1}"#).unwrap());
}

#[test]
fn index_assignment_never_panics() {
    let mut v = json!(5);
    v["a"]["b"] = json!(1);
    assert_eq!(v, json!({"a": {"b": 1}}));
    let mut list = json!([]);
    list[2] = json!("c");
    assert_eq!(list, json!([null, null, "c"]));
    assert_eq!(v["missing"][3], Value::Null);
}

#[test]
fn floats_read_exactly_like_rust_on_hard_cases() {
    for text in [
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "4.9406564584124654e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1.7976931348623158e308",
        "9007199254740992.5",
        "9007199254740993",
        "9007199254740994.9999999999999999999",
        "0.1000000000000000055511151231257827021181583404541015625",
        "0.10000000000000000555111512312578270211815834045410156250000000000000001",
        "1448997445238699",
        "7.038531e-26",
        "8.98846567431158e307",
        "1e23",
        "1e22",
        "1e-22",
        "123456789.123456789e-5",
        "0.000000000000000000000000000000000000001",
        "4503599627370496.5",
        "4503599627370497.5",
        "1090544144181609348835077142190",
    ] {
        let expected: f64 = text.parse().unwrap();
        let got = json::from_str(text).unwrap().as_f64().unwrap();
        assert_eq!(got.to_bits(), expected.to_bits(), "{text}");
    }
    // 800 digits (more than the slow path keeps) ending in a tie-breaker.
    let long = format!("1.{}1e-300", "0".repeat(800));
    let expected: f64 = long.parse().unwrap();
    assert_eq!(
        json::from_str(&long).unwrap().as_f64().unwrap().to_bits(),
        expected.to_bits()
    );
}

#[test]
fn floats_round_trip_and_read_like_rust_on_random_inputs() {
    let mut runner = TestRunner::new(Config {
        cases: cases(20_000),
        ..Config::default()
    });
    // Any finite double, written shortest (ryu), in exponent form and with 17 digits.
    runner
        .run(&any::<u64>(), |bits| {
            let f = f64::from_bits(bits);
            if !f.is_finite() {
                return Ok(());
            }
            for text in [
                json::to_text(&json!(f)),
                format!("{f:e}"),
                format!("{f:.17e}"),
                format!("{:.30}", f.abs()),
            ] {
                let expected: f64 = text.parse().unwrap();
                let got = json::from_str(&text).map(|v| v.as_f64().unwrap_or(f64::NAN));
                prop_assert_eq!(got.map(f64::to_bits), Ok(expected.to_bits()), "{}", text);
            }
            Ok(())
        })
        .unwrap();
    // Decimal texts near the edges: many digits, large and small exponents.
    let text = (
        "[1-9][0-9]{0,40}",
        proptest::option::of("[0-9]{1,40}"),
        proptest::option::of(-340i32..320),
    )
        .prop_map(|(int, frac, exp)| {
            let mut t = int;
            if let Some(f) = frac {
                t.push('.');
                t.push_str(&f);
            }
            if let Some(e) = exp {
                t.push_str(&format!("e{e}"));
            }
            t
        });
    runner
        .run(&text, |text| {
            let expected: f64 = text.parse().unwrap();
            let got = json::from_str(&text);
            if expected.is_finite() {
                let got = got.map(|v| v.as_f64().unwrap_or(f64::NAN).to_bits());
                prop_assert_eq!(got, Ok(expected.to_bits()), "{}", text);
            } else {
                prop_assert!(got.is_err(), "{} overflows", text);
            }
            Ok(())
        })
        .unwrap();
}

/// Random JSON-ish texts: valid documents, then the same with a byte changed, dropped or added.
fn texts() -> impl Strategy<Value = Vec<u8>> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        any::<i64>().prop_map(|i| i.to_string()),
        any::<f64>().prop_map(|f| if f.is_finite() {
            format!("{f:e}")
        } else {
            "1.5".to_owned()
        }),
        "[ -~é😀\\\\\"]{0,8}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        "\\\\u[0-9a-fA-F]{4}".prop_map(|s| format!("\"{s}\"")),
    ];
    let doc = leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6)
                .prop_map(|v| format!("[{}]", v.join(","))),
            proptest::collection::vec(("[a-d]{1,2}", inner), 0..6).prop_map(|v| {
                let members: Vec<String> =
                    v.iter().map(|(k, v)| format!("\"{k}\" : {v}")).collect();
                format!("{{ {} }}", members.join(" ,\n"))
            }),
        ]
    });
    (doc, 0usize..4, any::<prop::sample::Index>(), any::<u8>()).prop_map(|(doc, how, at, byte)| {
        let mut bytes = doc.into_bytes();
        if bytes.is_empty() || how == 0 {
            return bytes;
        }
        let i = at.index(bytes.len());
        let pick = [
            b'"', b'\\', b',', b':', b'[', b']', b'{', b'}', b'e', b'.', b'-', b'0', b'\n', 0xff,
            byte,
        ];
        let b = pick[usize::from(byte) % pick.len()];
        match how {
            1 => bytes[i] = b,
            2 => {
                bytes.remove(i);
            }
            _ => bytes.insert(i, b),
        }
        bytes
    })
}

#[test]
fn random_texts_get_serde_jsons_verdict_value_and_error_place() {
    let mut runner = TestRunner::new(Config {
        cases: cases(20_000),
        ..Config::default()
    });
    runner
        .run(&texts(), |bytes| {
            let (ours, reference) = (ours(&bytes), reference(&bytes));
            let text = String::from_utf8_lossy(&bytes);
            if std::str::from_utf8(&bytes).is_ok() {
                prop_assert_eq!(ours, reference, "{:?}", text);
            } else {
                // Not UTF-8: the same verdict and kind; serde_json's column for a bad byte
                // before an escape depends on the escape, which we do not copy.
                let kind = |r: &Result<String, (ParseErrorKind, usize, usize)>| {
                    r.as_ref().map_err(|e| e.0).cloned()
                };
                prop_assert_eq!(kind(&ours), kind(&reference), "{:?}", text);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_reader_parses_document_after_document_like_from_slice() {
    let mut reader = json::Reader::default();
    for text in [
        r#"{"a":[1,2,{"b":"c"}],"d":{}}"#,
        r#"{"a":[1,2,{"b":"#,
        "[[[",
        r#"{"x":[{"y":1}]}"#,
        "",
        "[1,2]",
        r#"{"a":1,"a":2}"#,
        "nul",
        "7",
    ] {
        assert_eq!(
            reader.parse(text.as_bytes()),
            json::from_slice(text.as_bytes()),
            "{text}"
        );
    }
}
