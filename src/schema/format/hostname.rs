//! `hostname`: RFC 1123 labels of letters, digits and inner hyphens, 1 to 63 octets each and 253
//! in all. ajv-formats also takes a trailing dot; the official test suite refuses it, and so does
//! this engine. Without the feature `idna`, an `xn--` label is taken as ajv-formats takes it, by
//! its letters; with it, `idn_hostname` checks its Punycode and IDNA2008 too, and gives
//! `idn-hostname` (docs/engine.md lists the suite's cases the plain build leaves out).

#[cfg(feature = "idna")]
pub use super::idn_hostname::{is_hostname, is_idn_hostname};

/// The longest name, in octets of its ASCII form.
pub const MAX_NAME: usize = 253;
/// The longest label, in octets of its ASCII form.
pub const MAX_LABEL: usize = 63;

#[cfg(not(feature = "idna"))]
pub fn is_hostname(text: &str) -> bool {
    text.len() <= MAX_NAME && text.split('.').all(is_ldh_label)
}

/// A label of letters, digits and inner hyphens, 1 to 63 octets.
pub fn is_ldh_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= MAX_LABEL
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}
