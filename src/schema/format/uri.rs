//! IP addresses, URIs and IRIs (RFC 3986, RFC 3987) and URI templates (RFC 6570), each one regular
//! expression written from the RFC's ABNF, rule by rule (the macros below). ajv-formats' own
//! expressions are looser than the RFCs in places the official test suite checks (a leading zero
//! in an IPv4 part of an IPv6 literal, a second `@` in an authority, a colon in a relative
//! reference's first segment, an apostrophe in a URI template); these follow the RFCs and the
//! suite.

use super::fixed::Fixed;

/// RFC 3986 `dec-octet`: 0 to 255, no leading zero.
macro_rules! dec_octet {
    () => {
        "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
    };
}
macro_rules! ipv4 {
    () => {
        concat!("(?:", dec_octet!(), "\\.){3}", dec_octet!())
    };
}
macro_rules! h16 {
    () => {
        "[0-9A-Fa-f]{1,4}"
    };
}
macro_rules! ls32 {
    () => {
        concat!("(?:", h16!(), ":", h16!(), "|", ipv4!(), ")")
    };
}
/// RFC 3986 `IPv6address`: its nine forms.
macro_rules! ipv6 {
    () => {
        concat!(
            "(?:(?:",
            h16!(),
            ":){6}",
            ls32!(),
            "|::(?:",
            h16!(),
            ":){5}",
            ls32!(),
            "|(?:",
            h16!(),
            ")?::(?:",
            h16!(),
            ":){4}",
            ls32!(),
            "|(?:(?:",
            h16!(),
            ":){0,1}",
            h16!(),
            ")?::(?:",
            h16!(),
            ":){3}",
            ls32!(),
            "|(?:(?:",
            h16!(),
            ":){0,2}",
            h16!(),
            ")?::(?:",
            h16!(),
            ":){2}",
            ls32!(),
            "|(?:(?:",
            h16!(),
            ":){0,3}",
            h16!(),
            ")?::",
            h16!(),
            ":",
            ls32!(),
            "|(?:(?:",
            h16!(),
            ":){0,4}",
            h16!(),
            ")?::",
            ls32!(),
            "|(?:(?:",
            h16!(),
            ":){0,5}",
            h16!(),
            ")?::",
            h16!(),
            "|(?:(?:",
            h16!(),
            ":){0,6}",
            h16!(),
            ")?::)"
        )
    };
}
macro_rules! pct {
    () => {
        "%[0-9A-Fa-f]{2}"
    };
}
/// The characters of `unreserved` and `sub-delims`, for a class.
macro_rules! unreserved {
    () => {
        "A-Za-z0-9\\-._~!$&'()*+,;="
    };
}
/// RFC 3987 `ucschar`, what an IRI adds to `unreserved`, for a class.
macro_rules! ucschar {
    () => {
        concat!(
            "\u{A0}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFEF}\u{10000}-\u{1FFFD}\u{20000}-\u{2FFFD}",
            "\u{30000}-\u{3FFFD}\u{40000}-\u{4FFFD}\u{50000}-\u{5FFFD}\u{60000}-\u{6FFFD}",
            "\u{70000}-\u{7FFFD}\u{80000}-\u{8FFFD}\u{90000}-\u{9FFFD}\u{A0000}-\u{AFFFD}",
            "\u{B0000}-\u{BFFFD}\u{C0000}-\u{CFFFD}\u{D0000}-\u{DFFFD}\u{E1000}-\u{EFFFD}"
        )
    };
}
/// RFC 3987 `iprivate`, allowed in an IRI's query, for a class.
macro_rules! iprivate {
    () => {
        "\u{E000}-\u{F8FF}\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}"
    };
}
/// `segment`: any number of `pchar` (`$x`: what an IRI adds).
macro_rules! segment {
    ($x:expr) => {
        concat!("(?:[", unreserved!(), $x, ":@]|", pct!(), ")*")
    };
}
/// A first segment of one `pchar` or more (`$colon`: `":"`, or `""` for `segment-nz-nc`).
macro_rules! first_segment {
    ($x:expr, $colon:expr) => {
        concat!(
            "(?:[",
            unreserved!(),
            $x,
            $colon,
            "@]|",
            pct!(),
            ")+(?:/",
            segment!($x),
            ")*"
        )
    };
}
/// `hier-part` (or, with a first segment without a colon, `relative-part`): an authority and a
/// path, an absolute path, a rootless path or nothing.
macro_rules! part {
    ($x:expr, $colon:expr) => {
        concat!(
            "(?://(?:(?:[",
            unreserved!(),
            $x,
            ":]|",
            pct!(),
            ")*@)?",
            "(?:\\[(?:",
            ipv6!(),
            "|[Vv][0-9A-Fa-f]+\\.[",
            unreserved!(),
            ":]+)\\]",
            "|(?:[",
            unreserved!(),
            $x,
            "]|",
            pct!(),
            ")*)",
            "(?::[0-9]*)?(?:/",
            segment!($x),
            ")*",
            "|/(?:",
            first_segment!($x, ":"),
            ")?",
            "|",
            first_segment!($x, $colon),
            "|)"
        )
    };
}
/// The query (`$p`: the private characters an IRI's query may hold) and the fragment.
macro_rules! query_fragment {
    ($x:expr, $p:expr) => {
        concat!(
            "(?:\\?(?:[",
            unreserved!(),
            $x,
            $p,
            ":@/?]|",
            pct!(),
            ")*)?",
            "(?:#(?:[",
            unreserved!(),
            $x,
            ":@/?]|",
            pct!(),
            ")*)?$"
        )
    };
}
macro_rules! scheme {
    () => {
        "[A-Za-z][A-Za-z0-9+\\-.]*:"
    };
}
macro_rules! absolute {
    ($x:expr, $p:expr) => {
        concat!("^", scheme!(), part!($x, ":"), query_fragment!($x, $p))
    };
}
/// A relative reference (a URI reference is a URI or one of these).
macro_rules! relative {
    ($x:expr, $p:expr) => {
        concat!("^", part!($x, ""), query_fragment!($x, $p))
    };
}
macro_rules! varspec {
    () => {
        concat!(
            "(?:[A-Za-z0-9_]|",
            pct!(),
            ")(?:\\.?(?:[A-Za-z0-9_]|",
            pct!(),
            "))*",
            "(?::[1-9][0-9]{0,3}|\\*)?"
        )
    };
}

static IPV4: Fixed = Fixed::new(concat!("^", ipv4!(), "$"));
static IPV6: Fixed = Fixed::new(concat!("^", ipv6!(), "$"));
static URI: Fixed = Fixed::new(absolute!("", ""));
static RELATIVE: Fixed = Fixed::new(relative!("", ""));
static IRI: Fixed = Fixed::new(absolute!(ucschar!(), iprivate!()));
static IRI_RELATIVE: Fixed = Fixed::new(relative!(ucschar!(), iprivate!()));
/// RFC 6570: literals (with the apostrophe, as the RFC's erratum 6937 and the test suite) and
/// expressions of an optional operator and varspecs with a prefix or explode modifier.
static URI_TEMPLATE: Fixed = Fixed::new(concat!(
    "^(?:[!#$&'()*+,\\-./0-9:;=?@A-Z\\[\\]_a-z~",
    ucschar!(),
    iprivate!(),
    "]|",
    pct!(),
    "|\\{[+#./;?&=,!@|]?",
    varspec!(),
    "(?:,",
    varspec!(),
    ")*\\})*$"
));

/// A dotted-quad IPv4 address, no leading zeros.
pub fn is_ipv4(text: &str) -> bool {
    IPV4.is_match(text)
}

/// An IPv6 address in any of RFC 4291's text forms, with no zone and no prefix length.
pub fn is_ipv6(text: &str) -> bool {
    IPV6.is_match(text)
}

pub fn is_uri(text: &str) -> bool {
    URI.is_match(text)
}

pub fn is_uri_reference(text: &str) -> bool {
    URI.is_match(text) || RELATIVE.is_match(text)
}

pub fn is_iri(text: &str) -> bool {
    IRI.is_match(text)
}

pub fn is_iri_reference(text: &str) -> bool {
    IRI.is_match(text) || IRI_RELATIVE.is_match(text)
}

pub fn is_uri_template(text: &str) -> bool {
    URI_TEMPLATE.is_match(text)
}

#[cfg(test)]
pub(super) const ALL: &[&Fixed] = &[
    &IPV4,
    &IPV6,
    &URI,
    &RELATIVE,
    &IRI,
    &IRI_RELATIVE,
    &URI_TEMPLATE,
];
