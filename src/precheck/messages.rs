//! Message catalogues (JSON files, one per locale) and plain-text template filling.

use crate::json::{Map, Value};
use std::sync::OnceLock;

/// The built-in catalogues, English first (the fallback).
const SOURCES: &[&str] = &[
    embedded_json!("precheck/messages/en.json"),
    embedded_json!("precheck/messages/de.json"),
];

/// One locale's texts.
#[derive(Debug)]
pub struct Catalog {
    /// The locale tag, e.g. `de`.
    pub locale: String,
    document: Map,
}

impl Catalog {
    fn text(&self, section: Option<&str>, key: &str) -> Option<&str> {
        let holder = match section {
            Some(name) => self.document.get(name)?,
            None => return self.document.get(key)?.as_str(),
        };
        holder.get(key)?.as_str()
    }

    /// The template of a built-in rule.
    pub fn rule(&self, id: &str) -> Option<&str> {
        self.text(Some("rules"), id)
    }

    /// The display label of an enumerated value, e.g. `status.suspended`.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.text(Some("values"), key)
    }

    /// A top-level text: `summary` or `more`.
    pub fn phrase(&self, key: &str) -> &str {
        self.text(None, key).unwrap_or_default()
    }

    /// The whole catalogue as JSON.
    pub fn to_json(&self) -> Value {
        Value::Object(self.document.clone())
    }
}

/// Every built-in catalogue, English first.
pub fn catalogs() -> &'static [Catalog] {
    static CATALOGS: OnceLock<Vec<Catalog>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        SOURCES
            .iter()
            .filter_map(|source| match crate::json::from_str(source) {
                Ok(Value::Object(document)) => Some(Catalog {
                    locale: document.get("locale")?.as_str()?.to_owned(),
                    document,
                }),
                _ => None,
            })
            .collect()
    })
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

/// Picks the text for `locale` from a `{locale: text}` map: exact tag, then language, then `en`.
pub fn pick_localized<'a>(texts: &'a Map, locale: &str) -> Option<&'a str> {
    let find = |tag: &str| {
        texts
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(tag))
            .and_then(|(_, v)| v.as_str())
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

/// `pieces` without collecting them: calls `f` with each piece in order.
fn each_piece<'t>(template: &'t str, mut out: impl FnMut(Piece<'t>)) {
    let mut text_start = 0;
    let mut i = 0;
    while let Some(open) = template
        .get(i..)
        .and_then(|rest| rest.find('{'))
        .map(|o| o + i)
    {
        let after = open + 1;
        let close = template
            .get(after..)
            .and_then(|rest| rest.find(['{', '}']))
            .map(|c| c + after);
        match close {
            Some(close) if template.get(close..close + 1) == Some("}") => {
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
