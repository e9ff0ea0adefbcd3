//! E-mail addresses: `email` (RFC 5321 `Mailbox`). ajv-formats checks it with one expression that
//! takes neither a quoted local part nor an address literal; both are valid RFC 5321 mailboxes,
//! the official suite takes them, and so does this engine.

use super::fixed::Fixed;
use super::hostname;
use super::uri;

/// RFC 5321's limit on a local part, in octets.
const MAX_LOCAL: usize = 64;

/// A dot-atom or a quoted string of ASCII.
static LOCAL: Fixed = Fixed::new(concat!(
    "^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-]+)*",
    "|\"(?:[\\u{20}\\u{21}\\u{23}-\\u{5B}\\u{5D}-\\u{7E}]|\\\\[\\u{20}-\\u{7E}])*\")$"
));

/// `local@domain`.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    local.len() <= MAX_LOCAL && LOCAL.is_match(local) && is_domain(domain)
}

/// A host name of two labels or more (as ajv-formats), `[IPv4]` or `[IPv6:address]`.
fn is_domain(domain: &str) -> bool {
    is_literal(domain).unwrap_or_else(|| domain.contains('.') && hostname::is_hostname(domain))
}

/// Whether an address literal (`[IPv4]`, `[IPv6:address]`) is valid; `None` when it is not one.
fn is_literal(domain: &str) -> Option<bool> {
    let literal = domain.strip_prefix('[')?.strip_suffix(']')?;
    Some(match literal.get(..5) {
        Some(tag) if tag.eq_ignore_ascii_case("IPv6:") => {
            literal.get(5..).is_some_and(uri::is_ipv6)
        }
        _ => uri::is_ipv4(literal),
    })
}

/// `idn-email` (RFC 6531: the local part and the domain may hold any character beyond ASCII).
pub fn is_idn_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    local.len() <= MAX_LOCAL
        && IDN_LOCAL.is_match(local)
        && is_literal(domain).unwrap_or_else(|| {
            domain.contains(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'])
                && hostname::is_idn_hostname(domain)
        })
}

/// The same as `LOCAL` with every character beyond ASCII allowed (RFC 6531 `UTF8-non-ascii`).
static IDN_LOCAL: Fixed = Fixed::new(concat!(
    "^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u{80}-\\u{10FFFF}]+",
    "(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u{80}-\\u{10FFFF}]+)*",
    "|\"(?:[\\u{20}\\u{21}\\u{23}-\\u{5B}\\u{5D}-\\u{7E}\\u{80}-\\u{10FFFF}]|\\\\[\\u{20}-\\u{7E}])*\")$"
));

#[cfg(test)]
pub(super) const IDN: &[&Fixed] = &[&IDN_LOCAL];

#[cfg(test)]
pub(super) const ALL: &[&Fixed] = &[&LOCAL];
