//! The `format` values the engine checks: the formats of draft-07 that ajv-formats' "full" mode
//! checks (and `duration`, which 2019-09 adds), as it checks them, except where ajv-formats and the
//! official test suite disagree: there the engine follows the suite (docs/engine.md lists each
//! difference). `idn-email` and `idn-hostname`, and the A-labels of `hostname`, need IDNA2008
//! (`idna`, `punycode`, `idn_hostname`): that is built with the feature `idna` only, which the
//! package does not turn on until the browser module's size budget has room for it (2.9 KB gzip);
//! without it they are unchecked, as in ajv-formats.
//!
//! One module per family: dates and times (`time`), IP addresses, URIs and IRIs (`uri`, on the
//! engine's ECMA-262 regular expressions), host names (`hostname`), e-mail addresses (`email`),
//! JSON Pointers (`pointer`). A format the engine does not know is an annotation, as the
//! specification says.

mod email;
mod fixed;
mod hostname;
#[cfg(feature = "idna")]
mod idn_hostname;
#[cfg(feature = "idna")]
mod idna;
mod pointer;
#[cfg(feature = "idna")]
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
        Format::from_name(name).filter(|f| cfg!(feature = "idna") || !f.needs_idna())
    }

    /// Whether the format is checked only in a build with the feature `idna`.
    fn needs_idna(self) -> bool {
        matches!(self, Format::IdnEmail | Format::IdnHostname)
    }

    /// True when `text` is in this format.
    pub fn matches(self, text: &str) -> bool {
        match self {
            Format::DateTime => time::is_date_time(text),
            Format::Date => time::is_date(text),
            Format::Time => time::is_time(text),
            Format::Duration => time::is_duration(text),
            Format::Email => email::is_email(text),
            #[cfg(feature = "idna")]
            Format::IdnEmail => email::is_idn_email(text),
            Format::Hostname => hostname::is_hostname(text),
            #[cfg(feature = "idna")]
            Format::IdnHostname => hostname::is_idn_hostname(text),
            // Not checked without the feature: `parse` leaves them out, so this is not reached.
            #[cfg(not(feature = "idna"))]
            Format::IdnEmail | Format::IdnHostname => true,
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
