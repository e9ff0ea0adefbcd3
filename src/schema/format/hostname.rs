//! `hostname` without the feature `idna` (`hostname_idna.rs` is the module with it): RFC 1123 labels of letters, digits and inner hyphens, 1 to 63 octets each and 253 in
//! all. ajv-formats also takes a trailing dot; the official test suite refuses it, and so does
//! this engine. An `xn--` label is taken as ajv-formats takes it, by its letters: its Punycode and
//! the IDNA2008 rules of the U-label it stands for are not checked (docs/engine.md lists the
//! suite's cases this leaves out).

/// The longest name, in octets.
const MAX_NAME: usize = 253;
/// The longest label, in octets.
const MAX_LABEL: usize = 63;

pub fn is_hostname(text: &str) -> bool {
    text.len() <= MAX_NAME && text.split('.').all(is_label)
}

fn is_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= MAX_LABEL
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}
