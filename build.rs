//! Embeds the JSON documents (schemas, contracts, message catalogues) without insignificant
//! whitespace: they are parsed before use, so the module ships fewer bytes for the same data.
//! The two documents kept byte-for-byte as published (the APS Migratable type and Pismo's
//! customer_outgoing schema) are included from src/ directly and not listed here.

use std::{env, fs, path::Path};

const DOCUMENTS: &[&str] = &[
    "precheck/context.schema.json",
    "precheck/policy.schema.json",
    "precheck/messages/en.json",
    "precheck/messages/de.json",
    "billing/chargebee/resource_migration.json",
    "billing/chargebee/retrieve_latest.json",
    "billing/fusebill/subscription_migrate.json",
    "billing/billforward/migration_request.json",
    "billing/billforward/migration_amendment.json",
    "billing/pismo/customer_incoming_1.json",
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
}
