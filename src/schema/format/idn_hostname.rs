//! Host names (`hostname` re-exports these): `hostname` with RFC 5890's
//! A-labels checked as IDNA2008 says, and `idn-hostname` (RFC 5890: labels of ASCII, A-labels or
//! U-labels, separated by the full stop or one of the three other dots of RFC 3490 section 3.1).
//! ajv-formats takes any `xn--` label, and has no `idn-hostname`.

use super::hostname::{is_ldh_label, MAX_LABEL, MAX_NAME};
use super::idna;
use super::punycode;

const ACE_PREFIX: &str = "xn--";

/// `hostname`: ASCII only.
pub fn is_hostname(text: &str) -> bool {
    text.is_ascii() && is_name(text.split('.'))
}

/// `idn-hostname`: any of the four dots between labels.
pub fn is_idn_hostname(text: &str) -> bool {
    is_name(text.split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}']))
}

/// Every label valid, the name within its length in ASCII, and the Bidi rule met.
fn is_name<'a>(parts: impl Iterator<Item = &'a str>) -> bool {
    let mut labels = Vec::new();
    let mut length = 0;
    for part in parts {
        let Some((label, ascii)) = label(part) else {
            return false;
        };
        length += ascii + 1;
        labels.push(label);
    }
    length <= MAX_NAME + 1 && idna::bidi_ok(&labels)
}

/// One label: an ASCII label (letters, digits, hyphens), an A-label or a U-label, with the length
/// of its ASCII form; the label returned is its Unicode form.
fn label(part: &str) -> Option<(String, usize)> {
    let lower = part.to_ascii_lowercase();
    if !part.is_ascii() {
        let ascii = ACE_PREFIX.len() + punycode::encode(&lower)?.len();
        return (ascii <= MAX_LABEL && idna::is_u_label(&lower)).then_some((lower, ascii));
    }
    match lower.strip_prefix(ACE_PREFIX) {
        _ if !is_ldh_label(part) => None,
        // An A-label: Punycode of a U-label beyond ASCII that encodes back to it.
        Some(encoded) => {
            let decoded = punycode::decode(encoded)?;
            let canonical = !decoded.is_ascii()
                && punycode::encode(&decoded)? == encoded
                && idna::is_u_label(&decoded);
            canonical.then_some((decoded, part.len()))
        }
        None => Some((lower, part.len())),
    }
}
