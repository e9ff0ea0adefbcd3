//! Message catalogues (JSON files, one per locale) and plain-text template filling.

use serde_json::{Map, Value};
use std::sync::OnceLock;

/// The built-in catalogues, English first (the fallback).
const SOURCES: &[&str] = &[
    include_str!("messages/en.json"),
    include_str!("messages/de.json"),
];

/// One locale's texts.
#[derive(Debug)]
pub struct Catalog {
    /// The locale tag, e.g. `de`.
    pub locale: String,
    document: Map<String, Value>,
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
            .filter_map(|source| match serde_json::from_str(source) {
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
pub fn pick_localized<'a>(texts: &'a Map<String, Value>, locale: &str) -> Option<&'a str> {
    let find = |tag: &str| {
        texts
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(tag))
            .and_then(|(_, v)| v.as_str())
    };
    find(locale).or_else(|| find(language(locale)))
}

/// The `{name}` placeholders of a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = rest.get(start + 1..).unwrap_or("");
        match after.find('}') {
            Some(end) => {
                let name = after.get(..end).unwrap_or("");
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.push(name);
                }
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => break,
        }
    }
    out
}

/// Replaces each `{name}` with `lookup(name)`; unknown names are left as written.
/// The result is plain text: nothing is escaped or interpreted.
pub fn fill(template: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start + 1..).unwrap_or("");
        let replaced = after
            .find('}')
            .and_then(|end| Some((lookup(after.get(..end)?)?, end)));
        match replaced {
            Some((text, end)) => {
                out.push_str(&text);
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
