//! The `format` values the engine checks: the formats of draft-07 that ajv-formats' "full" mode
//! checks (and `duration`, which 2019-09 adds), as it checks them, except where ajv-formats and the
//! official test suite disagree: there the engine follows the suite (docs/engine.md lists each
//! difference). `idn-email` and `idn-hostname`, and the A-labels of `hostname`, need IDNA2008
//! (`idna`, `punycode`, `idn_hostname`; about 3 KB gzip of the browser module), which ajv-formats
//! does not check: there the suite is the referee.
//!
//! One module per family: dates and times (`time`), IP addresses, URIs and IRIs (`uri`, on the
//! engine's ECMA-262 regular expressions), host names (`hostname`), e-mail addresses (`email`),
//! JSON Pointers (`pointer`). A format the engine does not know is an annotation, as the
//! specification says.

mod email;
mod fixed;
mod hostname;
mod idn_hostname;
mod idna;
mod pointer;
mod punycode;
mod time;
mod uri;

pub use time::{is_date, is_date_time};

named_enum! {
    /// A checked string format.
    pub enum Format {
        DateTime = "date-time",
        Date = "date",
        Time = "time",
        Duration = "duration",
        Email = "email",
        IdnEmail = "idn-email",
        Hostname = "hostname",
        IdnHostname = "idn-hostname",
        Ipv4 = "ipv4",
        Ipv6 = "ipv6",
        Uri = "uri",
        UriReference = "uri-reference",
        Iri = "iri",
        IriReference = "iri-reference",
        UriTemplate = "uri-template",
        JsonPointer = "json-pointer",
        RelativeJsonPointer = "relative-json-pointer",
        Regex = "regex",
        Uuid = "uuid",
    }
}

impl Format {
    /// The format for a `format` keyword value, `None` when it is not one this engine checks.
    pub fn parse(name: &str) -> Option<Format> {
        Format::from_name(name)
    }

    /// True when `text` is in this format.
    pub fn matches(self, text: &str) -> bool {
        match self {
            Format::DateTime => time::is_date_time(text),
            Format::Date => time::is_date(text),
            Format::Time => time::is_time(text),
            Format::Duration => time::is_duration(text),
            Format::Email => email::is_email(text),
            Format::IdnEmail => email::is_idn_email(text),
            Format::Hostname => hostname::is_hostname(text),
            Format::IdnHostname => hostname::is_idn_hostname(text),
            Format::Ipv4 => uri::is_ipv4(text),
            Format::Ipv6 => uri::is_ipv6(text),
            Format::Uri => uri::is_uri(text),
            Format::UriReference => uri::is_uri_reference(text),
            Format::Iri => uri::is_iri(text),
            Format::IriReference => uri::is_iri_reference(text),
            Format::UriTemplate => uri::is_uri_template(text),
            Format::JsonPointer => pointer::is_json_pointer(text),
            Format::RelativeJsonPointer => pointer::is_relative_json_pointer(text),
            Format::Regex => is_regex(text),
            Format::Uuid => is_hyphenated_uuid(text),
        }
    }
}

/// An ECMA-262 regular expression: it compiles with the `u` flag, as JSON Schema patterns are
/// compiled (which also refuses `\Z`, the Python and PCRE anchor ajv-formats refuses). ajv-formats
/// compiles without the flag, so takes `\a`, which the official suite refuses.
fn is_regex(text: &str) -> bool {
    crate::schema::regex::compile(text, "u").is_ok()
}

/// `uuid`: exactly 8-4-4-4-12 hexadecimal digits (any case), nothing around them (RFC 4122).
/// ajv-formats also takes a `urn:uuid:` prefix; the official suite (2019-09, 2020-12) refuses it,
/// and so does this engine.
pub fn is_hyphenated_uuid(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests;
