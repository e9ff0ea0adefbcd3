//! Embeds the JSON documents (schemas, contracts) without insignificant whitespace: they are
//! parsed before use, so the module ships fewer bytes for the same data. The message catalogues
//! become Rust data (`catalogs.rs`): read at build time, so the module carries no code to parse
//! them, and a catalogue that is not an object of texts fails the build.
//! The two documents kept in src/ byte for byte as published (the APS Migratable type and Pismo's
//! customer_outgoing schema) are embedded the same way: they are parsed before use too.

use std::{env, fs, path::Path};

const DOCUMENTS: &[&str] = &[
    "precheck/context.schema.json",
    "precheck/policy.schema.json",
    "billing/chargebee/resource_migration.json",
    "billing/chargebee/retrieve_latest.json",
    "billing/chargebee/retrieve_latest_result.json",
    "billing/fusebill/subscription_migrate.json",
    "billing/billforward/migration_request.json",
    "billing/billforward/migration_amendment.json",
    "billing/pismo/customer_incoming_1.json",
    "billing/pismo/customer_outgoing_1.json",
    "aps/migratable.json",
];

/// Drops whitespace outside JSON strings.
fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

const CATALOGS: &[&str] = &["precheck/messages/en.json", "precheck/messages/de.json"];

/// A JSON string as a Rust string literal.
fn literal(value: &serde_json::Value, what: &str) -> String {
    match value.as_str() {
        Some(text) => format!("{text:?}"),
        None => panic!("{what} must be a string"),
    }
}

/// `&[("key", "text"), ...]` of a JSON object of texts.
fn pairs(value: Option<&serde_json::Value>, what: &str) -> String {
    let Some(map) = value.and_then(serde_json::Value::as_object) else {
        panic!("{what} must be an object of texts");
    };
    let items: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("({k:?}, {})", literal(v, &format!("{what}.{k}"))))
        .collect();
    format!("&[{}]", items.join(", "))
}

/// One catalogue as a `Catalog` expression.
fn catalog(name: &str) -> String {
    let source = Path::new("src").join(name);
    println!("cargo:rerun-if-changed={}", source.display());
    let text = fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let doc: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let field = |key: &str| {
        doc.get(key)
            .unwrap_or_else(|| panic!("{name}: no \"{key}\""))
    };
    let values = field("values");
    let label = |kind: &str| pairs(values.get(kind), &format!("{name}: values.{kind}"));
    format!(
        "Catalog {{ locale: {}, summary: {}, more: {}, missing_data: {}, rules: {}, values: Labels {{ state: {}, status: {}, reason: {}, data: {} }} }}",
        literal(field("locale"), "locale"),
        literal(field("summary"), "summary"),
        literal(field("more"), "more"),
        literal(field("missingData"), "missingData"),
        pairs(Some(field("rules")), &format!("{name}: rules")),
        label("state"),
        label("status"),
        label("reason"),
        label("data"),
    )
}

fn main() {
    let out_dir = env::var("OUT_DIR").unwrap_or_else(|_| ".".to_owned());
    for name in DOCUMENTS {
        let source = Path::new("src").join(name);
        println!("cargo:rerun-if-changed={}", source.display());
        let text =
            fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        let target = Path::new(&out_dir).join(name);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        fs::write(&target, minify(&text)).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
    let catalogs: Vec<String> = CATALOGS.iter().map(|name| catalog(name)).collect();
    let code = format!("&[{}]\n", catalogs.join(",\n"));
    let target = Path::new(&out_dir).join("catalogs.rs");
    fs::write(&target, code).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}
