//! Message catalogues (JSON files, one per locale) and plain-text template filling.

use super::rules::BuiltInRule;

/// One locale's texts (the files in `messages/`, turned into data by build.rs).
#[derive(Debug)]
pub struct Catalog {
    /// The locale tag, e.g. `de`.
    pub locale: &'static str,
    /// The head of a message with several reasons (`{count}`).
    pub summary: &'static str,
    /// The end of a list cut short (`{count}`).
    pub more: &'static str,
    /// The refusal when a rule's data is missing and the policy refuses then (`{data}`).
    pub missing_data: &'static str,
    /// The template of each built-in rule, by rule id.
    pub rules: &'static [(&'static str, &'static str)],
    /// Display labels of enumerated values.
    pub values: Labels,
}

/// Display labels of enumerated values (by their JSON names), by kind.
#[derive(Debug)]
pub struct Labels {
    pub state: &'static [(&'static str, &'static str)],
    pub status: &'static [(&'static str, &'static str)],
    pub reason: &'static [(&'static str, &'static str)],
    /// What each datum a rule may miss is, in words (`brandId`: "the brand of each account").
    pub data: &'static [(&'static str, &'static str)],
}

impl Labels {
    /// The label of the value named `name`, when the catalogue has one.
    pub fn of(list: &'static [(&'static str, &'static str)], name: &str) -> Option<&'static str> {
        list.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }
}

impl Catalog {
    /// The template of a built-in rule.
    pub fn rule(&self, rule: BuiltInRule) -> Option<&'static str> {
        Labels::of(self.rules, rule.name())
    }
}

/// Every built-in catalogue, English first (the fallback).
pub fn catalogs() -> &'static [Catalog] {
    const CATALOGS: &[Catalog] = include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));
    CATALOGS
}

/// The catalogue for a locale tag: the exact tag, else its language, else English.
pub fn catalog_for(locale: &str) -> Option<&'static Catalog> {
    let all = catalogs();
    let pick = |tag: &str| all.iter().find(|c| c.locale.eq_ignore_ascii_case(tag));
    pick(locale)
        .or_else(|| pick(language(locale)))
        .or_else(|| all.first())
}

/// The language subtag of a BCP 47 tag (`de` for `de-AT`).
pub fn language(locale: &str) -> &str {
    locale.split(['-', '_']).next().unwrap_or(locale)
}

/// Picks the text for `locale` from `(locale, text)` pairs: the exact tag, then its language.
pub fn pick_localized<'a>(texts: &'a [(String, String)], locale: &str) -> Option<&'a str> {
    let find = |tag: &str| {
        texts
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(tag))
            .map(|(_, v)| v.as_str())
    };
    find(locale).or_else(|| find(language(locale)))
}

/// A piece of a message template.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    /// Text to copy as it is.
    Text(&'a str),
    /// `{name}`: a parameter, where `name` is ASCII letters, digits and `_`.
    Param(&'a str),
}

fn is_param_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Splits a template into text and `{name}` parameters. A `{` that does not open a valid
/// `{name}` is text. The placeholder check and the filler both read templates through this,
/// so they cannot disagree about what a template uses.
pub fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    each_piece(template, |piece| out.push(piece));
    out
}

/// The position of the first byte at or after `from` for which `hit` holds (`{` and `}` are
/// ASCII, so a byte scan finds them).
fn next_of(bytes: &[u8], from: usize, hit: impl Fn(u8) -> bool) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| hit(b))
        .map(|p| p + from)
}

/// `pieces` without collecting them: calls `f` with each piece in order.
fn each_piece<'t>(template: &'t str, mut out: impl FnMut(Piece<'t>)) {
    let bytes = template.as_bytes();
    let mut text_start = 0;
    let mut i = 0;
    while let Some(open) = next_of(bytes, i, |b| b == b'{') {
        let after = open + 1;
        match next_of(bytes, after, |b| b == b'{' || b == b'}') {
            Some(close) if bytes.get(close) == Some(&b'}') => {
                let name = template.get(after..close).unwrap_or("");
                if is_param_name(name) {
                    if open > text_start {
                        out(Piece::Text(template.get(text_start..open).unwrap_or("")));
                    }
                    out(Piece::Param(name));
                    text_start = close + 1;
                }
                i = close + 1;
            }
            // Another `{` comes first (or none closes): this one is text; rescan from the next.
            Some(next) => i = next,
            None => break,
        }
    }
    if text_start < template.len() {
        out(Piece::Text(template.get(text_start..).unwrap_or("")));
    }
}

/// The `{name}` placeholders of a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    pieces(template)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Param(name) => Some(name),
            Piece::Text(_) => None,
        })
        .collect()
}

/// Replaces each `{name}` with `lookup(name)`; names it does not know are left as written.
/// The result is plain text: nothing is escaped or interpreted.
pub fn fill(template: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    each_piece(template, |piece| match piece {
        Piece::Text(text) => out.push_str(text),
        Piece::Param(name) => match lookup(name) {
            Some(value) => out.push_str(&value),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        },
    });
    out
}
