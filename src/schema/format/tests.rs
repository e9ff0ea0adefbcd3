//! Unit tests of the formats' parts (the official suite's optional/format cases run in
//! tests/conformance.rs).

use super::*;

#[test]
fn every_fixed_expression_compiles() {
    for fixed in uri::ALL.iter().chain(email::ALL).chain(time::ALL) {
        assert_eq!(fixed.compiles(), Ok(()));
    }
}

/// `good` is in the format named `name`, `bad` is not.
fn assert_format(name: &str, good: &str, bad: &str) {
    let format = Format::parse(name).unwrap_or_else(|| panic!("{name}"));
    assert!(format.matches(good), "{name}: {good}");
    assert!(!format.matches(bad), "{name}: {bad}");
}

#[test]
fn formats_by_name() {
    for (name, good, bad) in [
        ("duration", "P1Y2M3DT4H5M6S", "P1Y2W"),
        ("duration", "PT0S", "PT"),
        ("duration", "P2W", "P"),
        ("duration", "P12345678901234567890D", "P1DT"),
        ("duration", "P1Y2M3D", "P1Y3D"),
        ("duration", "PT1H2M", "PT1H2S"),
        (
            "uuid",
            "2EB8AA08-AA98-11EA-B4AA-73B441D16380",
            "urn:uuid:2eb8aa08-aa98-11ea-b4aa-73b441d16380",
        ),
        ("json-pointer", "/a~0b/~1", "/a~2"),
        ("relative-json-pointer", "0#", "01"),
        ("regex", "^a+$", "a\\Z"),
        (
            "email",
            "\"joe bloggs\"@example.com",
            "joe bloggs@example.com",
        ),
        ("email", "joe@[127.0.0.1]", "joe@[127.0.0.300]"),
        ("email", "joe@[IPv6:::1]", "joe@[IPv6:::g]"),
        ("email", "joe@example.com", "joe@localhost"),
        ("hostname", "xn--bcher-kva.example", "example."),
        ("hostname", "a-b.c", "a_b.c"),
        ("ipv6", "::ffff:192.168.0.1", "::ffff:192.168.0.01"),
        ("uri", "urn:isbn:0451450523", "urn isbn"),
        ("iri-reference", "//\u{E9}t\u{E9}/", "//\u{E9}t\u{E9}/ x"),
        ("uri-template", "{/path*}{?q,r:3}", "{q"),
    ] {
        assert_format(name, good, bad);
    }
}

mod idna_rules {
    use super::super::*;

    #[test]
    fn idna_expressions_compile() {
        for fixed in idna::ALL.iter().chain(email::IDN) {
            assert_eq!(fixed.compiles(), Ok(()));
        }
    }

    #[test]
    fn punycode_round_trips_rfc_3492_samples() {
        // RFC 3492 section 7.1: (A) Arabic (Egyptian), (L) Japanese, and a short one.
        let samples = [
            ("egbpdaj6bu4bxfgehfvwxn", "\u{644}\u{64A}\u{647}\u{645}\u{627}\u{628}\u{62A}\u{643}\u{644}\u{645}\u{648}\u{634}\u{639}\u{631}\u{628}\u{64A}\u{61F}"),
            ("3B-ww4c5e180e575a65lsy2b", "3\u{5E74}B\u{7D44}\u{91D1}\u{516B}\u{5148}\u{751F}"),
            ("bcher-kva", "b\u{FC}cher"),
        ];
        for (encoded, decoded) in samples {
            assert_eq!(
                punycode::decode(encoded).as_deref(),
                Some(decoded),
                "{encoded}"
            );
            assert_eq!(
                punycode::encode(decoded).as_deref(),
                Some(encoded),
                "{encoded}"
            );
        }
    }

    #[test]
    fn punycode_refuses_what_it_cannot_decode() {
        for bad in ["X", "99999999999999", "a\u{e9}-b"] {
            let decoded = punycode::decode(bad);
            assert!(decoded.is_none(), "{bad} decoded to {decoded:?}");
        }
    }

    #[test]
    fn idn_formats() {
        for (name, good, bad) in [
            (
                "idn-email",
                "\u{C2E4}@\u{C2E4}\u{3002}example",
                "\u{C2E4}@\u{C2E4}",
            ),
            ("hostname", "xn--bcher-kva.example", "xn--bcher-kvb.example"),
            ("idn-hostname", "b\u{FC}cher.example", "B\u{DC}CHER.example"),
        ] {
            super::assert_format(name, good, bad);
        }
    }
}

#[test]
fn date_times_split_at_their_one_separator() {
    let date_time = Format::parse("date-time").unwrap_or_else(|| panic!("date-time"));
    for good in [
        "2024-02-29T23:59:59Z",
        "2024-02-29t23:59:59z",
        "2024-02-29 23:59:59.5+01:00",
        "2024-02-29\u{3000}23:59:59Z",
        "2016-12-31T23:59:60Z",
    ] {
        assert!(date_time.matches(good), "{good}");
    }
    for bad in [
        "2024-02-29TT23:59:59Z",
        "2024-02-29T23:59:59ZT",
        "2024-02-29T23:59:59Z ",
        "2024-2-29T23:59:59Z",
        "2024-02-30T23:59:59Z",
        "2024-02-29",
        "2024-02-29T",
        "2024-02-2é23:59:59Z",
        "2024-02-29X23:59:59Z",
        "2024-02-29T99:59:59Z",
        "2024-02-29T23:59:59+1:00",
        "2024-02-29T23:59:59+99999999999:00",
    ] {
        assert!(!date_time.matches(bad), "{bad}");
    }
}
