//! `hostname`: RFC 1123 labels of letters, digits and inner hyphens, 1 to 63 octets each and 253
//! in all. ajv-formats also takes a trailing dot; the official test suite refuses it, and so does
//! this engine. An `xn--` label's Punycode and IDNA2008 rules are checked too (`idn_hostname`,
//! which also gives `idn-hostname`); ajv-formats takes such a label by its letters.

pub use super::idn_hostname::{is_hostname, is_idn_hostname};

/// The longest name, in octets of its ASCII form.
pub const MAX_NAME: usize = 253;
/// The longest label, in octets of its ASCII form.
pub const MAX_LABEL: usize = 63;

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
