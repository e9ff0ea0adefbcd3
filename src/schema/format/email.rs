//! E-mail addresses: `email` (RFC 5321 `Mailbox`) and `idn-email` (RFC 6531, which lets the local
//! part and the domain hold any character beyond ASCII). ajv-formats checks `email` with one
//! expression that takes neither a quoted local part nor an address literal; both are valid
//! RFC 5321 mailboxes and are taken here.

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

/// The same with every character beyond ASCII allowed (RFC 6531 `UTF8-non-ascii`).
static IDN_LOCAL: Fixed = Fixed::new(
    concat!(
        "^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u{80}-\\u{10FFFF}]+",
        "(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u{80}-\\u{10FFFF}]+)*",
        "|\"(?:[\\u{20}\\u{21}\\u{23}-\\u{5B}\\u{5D}-\\u{7E}\\u{80}-\\u{10FFFF}]|\\\\[\\u{20}-\\u{7E}])*\")$"
    )
);

/// `local@domain`; with `idn`, an `idn-email`.
pub fn is_email(text: &str, idn: bool) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let local_ok = local.len() <= MAX_LOCAL
        && if idn {
            IDN_LOCAL.is_match(local)
        } else {
            LOCAL.is_match(local)
        };
    local_ok && is_domain(domain, idn)
}

/// A host name of two labels or more (as ajv-formats), `[IPv4]` or `[IPv6:address]`.
fn is_domain(domain: &str, idn: bool) -> bool {
    if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        return match literal.get(..5) {
            Some(tag) if tag.eq_ignore_ascii_case("IPv6:") => {
                literal.get(5..).is_some_and(uri::is_ipv6)
            }
            _ => uri::is_ipv4(literal),
        };
    }
    if idn {
        domain.contains(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'])
            && hostname::is_idn_hostname(domain)
    } else {
        domain.contains('.') && hostname::is_hostname(domain)
    }
}

#[cfg(test)]
pub(super) const ALL: &[&Fixed] = &[&LOCAL, &IDN_LOCAL];
