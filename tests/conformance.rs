//! The engine against the official JSON-Schema-Test-Suite, one test per draft (draft-07, 2019-09,
//! 2020-12), vendored in tests/data with its licence. Every top-level file of each draft runs, with
//! the suite's `remotes/` registered under `http://localhost:1234/` as the suite asks.
//!
//! Each draft has an exact count of agreeing cases, an exact list of the groups the engine refuses
//! on purpose (each must fail to compile with an `UNSUPPORTED_*` code, never validate wrongly), and
//! an exact list of the cases where we knowingly differ (docs/engine.md lists them with the reason).
//! `CONFORMANCE_DUMP=1 cargo test --test conformance` prints the refused groups and the differing
//! cases as Rust literals, for updating the lists after a change to the engine or the suite.

use aps_migratable::schema::{Registry, Validator};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const SUITE: &str = "tests/data/json-schema-test-suite";

struct Expected {
    draft: &'static str,
    passed: usize,
    /// (file, group) that must be refused at compile time.
    refused: &'static [(&'static str, &'static str)],
    /// (file, group, case) whose verdict knowingly differs from the suite's.
    deviations: &'static [(&'static str, &'static str, &'static str)],
}

/// Groups whose schema `$ref`s a metaschema that itself uses what we refuse (`$recursiveRef`,
/// `$dynamicRef`), or declares custom vocabularies: refused with `UNSUPPORTED_*`.
const REFUSED_07: &[(&str, &str)] = &[
    ("definitions.json", "validate definition against metaschema"),
    ("ref.json", "remote ref, containing refs itself"),
];

/// `$recursiveRef` (and the metaschemas built on it).
const REFUSED_2019: &[(&str, &str)] = &[
    ("defs.json", "validate definition against metaschema"),
    (
        "recursiveRef.json",
        "$recursiveRef without $recursiveAnchor works like $ref",
    ),
    ("recursiveRef.json", "$recursiveRef without using nesting"),
    ("recursiveRef.json", "$recursiveRef with nesting"),
    (
        "recursiveRef.json",
        "$recursiveRef with $recursiveAnchor: false works like $ref",
    ),
    (
        "recursiveRef.json",
        "$recursiveRef with no $recursiveAnchor works like $ref",
    ),
    (
        "recursiveRef.json",
        "$recursiveRef with no $recursiveAnchor in the initial target schema resource",
    ),
    (
        "recursiveRef.json",
        "$recursiveRef with no $recursiveAnchor in the outer schema resource",
    ),
    (
        "recursiveRef.json",
        "multiple dynamic paths to the $recursiveRef keyword",
    ),
    (
        "recursiveRef.json",
        "dynamic $recursiveRef destination (not predictable at schema compile time)",
    ),
    ("ref.json", "remote ref, containing refs itself"),
    (
        "unevaluatedItems.json",
        "unevaluatedItems with $recursiveRef",
    ),
    (
        "unevaluatedProperties.json",
        "unevaluatedProperties with $recursiveRef",
    ),
    (
        "vocabulary.json",
        "schema that uses custom metaschema with with no validation vocabulary",
    ),
    ("vocabulary.json", "ignore unrecognized optional vocabulary"),
];

/// `$dynamicRef` (and the metaschemas built on it).
const REFUSED_2020: &[(&str, &str)] = &[
    ("defs.json", "validate definition against metaschema"),
    ("dynamicRef.json", "A $dynamicRef to a $dynamicAnchor in the same schema resource behaves like a normal $ref to an $anchor"),
    ("dynamicRef.json", "A $dynamicRef to an $anchor in the same schema resource behaves like a normal $ref to an $anchor"),
    ("dynamicRef.json", "A $dynamicRef resolves to the first $dynamicAnchor still in scope that is encountered when the schema is evaluated"),
    ("dynamicRef.json", "A $dynamicRef without anchor in fragment behaves identical to $ref"),
    ("dynamicRef.json", "A $dynamicRef with intermediate scopes that don't include a matching $dynamicAnchor does not affect dynamic scope resolution"),
    ("dynamicRef.json", "An $anchor with the same name as a $dynamicAnchor is not used for dynamic scope resolution"),
    ("dynamicRef.json", "A $dynamicRef without a matching $dynamicAnchor in the same schema resource behaves like a normal $ref to $anchor"),
    ("dynamicRef.json", "A $dynamicRef with a non-matching $dynamicAnchor in the same schema resource behaves like a normal $ref to $anchor"),
    ("dynamicRef.json", "A $dynamicRef that initially resolves to a schema with a matching $dynamicAnchor resolves to the first $dynamicAnchor in the dynamic scope"),
    ("dynamicRef.json", "A $dynamicRef that initially resolves to a schema without a matching $dynamicAnchor behaves like a normal $ref to $anchor"),
    ("dynamicRef.json", "multiple dynamic paths to the $dynamicRef keyword"),
    ("dynamicRef.json", "after leaving a dynamic scope, it is not used by a $dynamicRef"),
    ("dynamicRef.json", "strict-tree schema, guards against misspelled properties"),
    ("dynamicRef.json", "tests for implementation dynamic anchor and reference link"),
    ("dynamicRef.json", "$ref and $dynamicAnchor are independent of order - $defs first"),
    ("dynamicRef.json", "$ref and $dynamicAnchor are independent of order - $ref first"),
    ("dynamicRef.json", "$ref to $dynamicRef finds detached $dynamicAnchor"),
    ("dynamicRef.json", "$dynamicRef points to a boolean schema"),
    ("dynamicRef.json", "$dynamicRef skips over intermediate resources - direct reference"),
    ("dynamicRef.json", "$dynamicRef avoids the root of each schema, but scopes are still registered"),
    ("ref.json", "remote ref, containing refs itself"),
    ("unevaluatedItems.json", "unevaluatedItems with $dynamicRef"),
    ("unevaluatedProperties.json", "unevaluatedProperties with $dynamicRef"),
    ("vocabulary.json", "schema that uses custom metaschema with with no validation vocabulary"),
    ("vocabulary.json", "ignore unrecognized optional vocabulary"),
];

/// 2020-12 makes `format` an annotation by default; we assert it in every draft, as ajv does, so
/// the suite's "only an annotation by default" cases are invalid for us.
const FORMAT_ASSERTED_2020: &[(&str, &str, &str)] = &[
    (
        "format.json",
        "email format",
        "invalid email string is only an annotation by default",
    ),
    (
        "format.json",
        "idn-email format",
        "invalid idn-email string is only an annotation by default",
    ),
    (
        "format.json",
        "regex format",
        "invalid regex string is only an annotation by default",
    ),
    (
        "format.json",
        "ipv4 format",
        "invalid ipv4 string is only an annotation by default",
    ),
    (
        "format.json",
        "ipv6 format",
        "invalid ipv6 string is only an annotation by default",
    ),
    (
        "format.json",
        "idn-hostname format",
        "invalid idn-hostname string is only an annotation by default",
    ),
    (
        "format.json",
        "hostname format",
        "invalid hostname string is only an annotation by default",
    ),
    (
        "format.json",
        "date format",
        "invalid date string is only an annotation by default",
    ),
    (
        "format.json",
        "date-time format",
        "invalid date-time string is only an annotation by default",
    ),
    (
        "format.json",
        "time format",
        "invalid time string is only an annotation by default",
    ),
    (
        "format.json",
        "json-pointer format",
        "invalid json-pointer string is only an annotation by default",
    ),
    (
        "format.json",
        "relative-json-pointer format",
        "invalid relative-json-pointer string is only an annotation by default",
    ),
    (
        "format.json",
        "iri format",
        "invalid iri string is only an annotation by default",
    ),
    (
        "format.json",
        "iri-reference format",
        "invalid iri-reference string is only an annotation by default",
    ),
    (
        "format.json",
        "uri format",
        "invalid uri string is only an annotation by default",
    ),
    (
        "format.json",
        "uri-reference format",
        "invalid uri-reference string is only an annotation by default",
    ),
    (
        "format.json",
        "uri-template format",
        "invalid uri-template string is only an annotation by default",
    ),
    (
        "format.json",
        "uuid format",
        "invalid uuid string is only an annotation by default",
    ),
    (
        "format.json",
        "duration format",
        "invalid duration string is only an annotation by default",
    ),
];

/// Draft-07's optional cases we knowingly differ from: `contentMediaType` and `contentEncoding`
/// are annotations (as in ajv: draft-07 lets a validator assert them or not), and a multiple of
/// 0.5 past 1e308 overflows an f64, as in JavaScript and ajv.
const OPTIONAL_07: &[(&str, &str, &str)] = &[
    (
        "content.json",
        "validation of string-encoded content based on media type",
        "an invalid JSON document",
    ),
    (
        "content.json",
        "validation of binary string-encoding",
        "an invalid base64 string (% is not a valid character)",
    ),
    (
        "content.json",
        "validation of binary-encoded media type documents",
        "a validly-encoded invalid JSON document",
    ),
    (
        "content.json",
        "validation of binary-encoded media type documents",
        "an invalid base64 string that is valid JSON",
    ),
    (
        "float-overflow.json",
        "all integers are multiples of 0.5, if overflow is handled",
        "valid if optional overflow handling is implemented",
    ),
];

const DRAFTS: &[Expected] = &[
    Expected {
        draft: "draft7",
        passed: 923,
        refused: REFUSED_07,
        deviations: &[],
    },
    Expected {
        draft: "draft2019-09",
        passed: 1212,
        refused: REFUSED_2019,
        deviations: &[],
    },
    Expected {
        draft: "draft2020-12",
        passed: 1225,
        refused: REFUSED_2020,
        deviations: FORMAT_ASSERTED_2020,
    },
    Expected {
        draft: "draft7/optional/format",
        passed: 676,
        refused: &[],
        deviations: &[],
    },
    Expected {
        draft: "draft2019-09/optional/format",
        passed: 757,
        refused: &[],
        deviations: &[],
    },
    Expected {
        draft: "draft2020-12/optional/format",
        passed: 764,
        refused: &[],
        deviations: &[],
    },
    Expected {
        draft: "draft7/optional",
        passed: 113,
        refused: &[],
        deviations: OPTIONAL_07,
    },
];

fn json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn register_remotes(registry: &mut Registry, dir: &Path, prefix: &str) {
    for path in sorted(dir) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_dir() {
            register_remotes(registry, &path, &format!("{prefix}{name}/"));
        } else if name.ends_with(".json") {
            registry.add(
                &format!("http://localhost:1234/{prefix}{name}"),
                json(&path),
            );
        }
    }
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
}

#[derive(Default, Debug)]
struct Outcome {
    passed: usize,
    refused: Vec<(String, String, String)>,
    differing: Vec<(String, String, String)>,
    broken: Vec<String>,
}

fn run(draft: &str) -> Outcome {
    let mut registry = Registry::new();
    register_remotes(&mut registry, &Path::new(SUITE).join("remotes"), "");
    let mut outcome = Outcome::default();
    let files = sorted(&Path::new(SUITE).join(draft));
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        for group in json(path).as_array().into_iter().flatten() {
            run_group(&file, group, &registry, &mut outcome);
        }
    }
    outcome
}

fn run_group(file: &str, group: &Value, registry: &Registry, outcome: &mut Outcome) {
    let description = group["description"].as_str().unwrap_or_default().to_owned();
    let validator = match Validator::with_registry(&group["schema"], registry) {
        Ok(v) => v,
        Err(e) if e.code.name().starts_with("UNSUPPORTED") => {
            outcome
                .refused
                .push((file.to_owned(), description, e.code.name().to_owned()));
            return;
        }
        Err(e) => {
            outcome
                .broken
                .push(format!("{file} / {description}: does not compile: {e}"));
            return;
        }
    };
    for case in group["tests"].as_array().into_iter().flatten() {
        let expected = case["valid"].as_bool().unwrap_or_default();
        let errors = validator.errors(&case["data"]);
        let quick = validator.is_valid(&case["data"]);
        let name = case["description"].as_str().unwrap_or_default().to_owned();
        if errors.is_empty() != quick {
            outcome.broken.push(format!(
                "{file} / {description} / {name}: errors() and is_valid() disagree"
            ));
        } else if let Some(why) = streamed_disagrees(&validator, &case["data"], quick) {
            // Validity while parsing: the same verdicts as the tree (feature stream-check).
            outcome
                .broken
                .push(format!("{file} / {description} / {name}: {why}"));
        } else if quick == expected {
            outcome.passed += 1;
        } else {
            outcome
                .differing
                .push((file.to_owned(), description.clone(), name));
        }
    }
}

/// Validity while parsing (`judge_text_with`) must be the tree's verdict, valid or invalid,
/// except for values with a fraction, which it leaves to the tree (undecided).
#[cfg(feature = "stream-check")]
fn streamed_disagrees(validator: &Validator, data: &Value, tree: bool) -> Option<&'static str> {
    use aps_migratable::schema::{TextBuffers, TextVerdict};
    let text = serde_json::to_vec(data).ok()?;
    let streamed = validator.judge_text_with(&text, &mut TextBuffers::default());
    if streamed == TextVerdict::Valid && !validator.is_valid_text(&text) {
        return Some("is_valid_text and judge_text_with disagree");
    }
    match (streamed, tree, aps_migratable::exact::holds_fraction(data)) {
        (TextVerdict::Valid, false, _) => Some("valid while parsing, invalid on the tree"),
        (TextVerdict::Invalid, true, _) => Some("invalid while parsing, valid on the tree"),
        (TextVerdict::Valid | TextVerdict::Invalid, _, true) => {
            Some("a fraction was judged while parsing")
        }
        (TextVerdict::Undecided, _, false) => Some("undecided while parsing, with no fraction"),
        _ => None,
    }
}

#[cfg(not(feature = "stream-check"))]
fn streamed_disagrees(_: &Validator, _: &Value, _: bool) -> Option<&'static str> {
    None
}

fn check(expected: &Expected) {
    let outcome = run(expected.draft);
    println!(
        "{}: {} cases agree, {} groups refused, {} known deviations",
        expected.draft,
        outcome.passed,
        outcome.refused.len(),
        outcome.differing.len()
    );
    if std::env::var_os("CONFORMANCE_DUMP").is_some() {
        for (f, g, _) in &outcome.refused {
            println!("    ({f:?}, {g:?}),");
        }
        for (f, g, c) in &outcome.differing {
            println!("    ({f:?}, {g:?}, {c:?}),");
        }
    }
    assert!(
        outcome.broken.is_empty(),
        "{}:\n{}",
        expected.draft,
        outcome.broken.join("\n")
    );
    let refused: Vec<(&str, &str)> = outcome
        .refused
        .iter()
        .map(|(f, g, _)| (f.as_str(), g.as_str()))
        .collect();
    assert_eq!(
        refused, expected.refused,
        "{}: refused groups",
        expected.draft
    );
    let differing: Vec<(&str, &str, &str)> = outcome
        .differing
        .iter()
        .map(|(f, g, c)| (f.as_str(), g.as_str(), c.as_str()))
        .collect();
    let deviations: Vec<(&str, &str, &str)> = expected.deviations.to_vec();
    assert_eq!(
        differing, deviations,
        "{}: cases that differ",
        expected.draft
    );
    assert_eq!(
        outcome.passed, expected.passed,
        "{}: agreeing cases",
        expected.draft
    );
}

#[test]
fn draft7() {
    check(&DRAFTS[0]);
}

#[test]
fn draft2019_09() {
    check(&DRAFTS[1]);
}

#[test]
fn draft2020_12() {
    check(&DRAFTS[2]);
}

/// Every draft-07 format (`optional/format/`).
#[test]
fn draft7_formats() {
    check(&DRAFTS[3]);
}

/// The rest of draft-07's optional cases: ECMA-262 regular expressions, big numbers, `$id`.
#[test]
fn draft7_optional() {
    check(&DRAFTS[6]);
}

/// Every 2019-09 format, `duration` and `uuid` among them.
#[test]
fn draft2019_09_formats() {
    check(&DRAFTS[4]);
}

/// Every 2020-12 format (asserted, as ajv does, not only annotations).
#[test]
fn draft2020_12_formats() {
    check(&DRAFTS[5]);
}
