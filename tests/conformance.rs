//! The engine against the official JSON-Schema-Test-Suite (draft-07 files for the keywords we
//! implement, vendored in tests/data with their licence).

use aps_migratable::schema::Validator;
use serde_json::Value;
use std::fs;

/// Exactly the groups whose schemas use what the engine refuses on purpose (`$id`-based or remote
/// `$ref`s, `pattern`): each must fail to compile with a clear code, never validate wrongly, and
/// every group that fails to compile must be listed here.
const REFUSED: &[(&str, &str)] = &[
    ("ref.json", "Recursive references between schemas"),
    ("ref.json", "refs with relative uris and defs"),
    ("ref.json", "relative refs with absolute uris and defs"),
    (
        "ref.json",
        "$id must be resolved against nearest parent, not just immediate parent",
    ),
    ("ref.json", "simple URN base URI with $ref via the URN"),
    ("ref.json", "URN base URI with URN and JSON pointer ref"),
    ("ref.json", "URN base URI with URN and anchor ref"),
    ("ref.json", "Location-independent identifier"),
    (
        "ref.json",
        "Location-independent identifier with base URI change in subschema",
    ),
    ("ref.json", "remote ref, containing refs itself"),
    (
        "ref.json",
        "$ref prevents a sibling $id from changing the base uri",
    ),
    ("ref.json", "ref to if"),
    ("ref.json", "ref to then"),
    ("ref.json", "ref to else"),
    ("ref.json", "ref with absolute-path-reference"),
    ("definitions.json", "validate definition against metaschema"),
    ("ref.json", "Reference an anchor with a non-relative URI"),
];

/// Cases of the suite's files that agree with the engine (every case of every group not refused).
const PASSED: usize = 855;

#[test]
fn json_schema_test_suite() {
    let mut dir: Vec<_> = fs::read_dir("tests/data/json-schema-test-suite")
        .expect("the vendored suite")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    dir.sort();
    let mut passed = 0;
    let mut refused = Vec::new();
    let mut compiled = Vec::new();
    let mut failures = Vec::new();
    for path in &dir {
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let groups: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        for group in groups.as_array().unwrap() {
            let description = group["description"].as_str().unwrap();
            let validator = match Validator::new(&group["schema"]) {
                Ok(v) => v,
                Err(e)
                    if e.code.name().starts_with("UNSUPPORTED")
                        || e.code.name() == "UNRESOLVED_REF" =>
                {
                    refused.push((file.clone(), description.to_owned()));
                    continue;
                }
                Err(e) => {
                    failures.push(format!("{file} / {description}: does not compile: {e}"));
                    continue;
                }
            };
            compiled.push((file.clone(), description.to_owned()));
            for case in group["tests"].as_array().unwrap() {
                let expected = case["valid"].as_bool().unwrap();
                let errors = validator.errors(&case["data"]);
                let quick = validator.is_valid(&case["data"]);
                if errors.is_empty() != expected || quick != expected {
                    failures.push(format!(
                        "{file} / {description} / {}: expected valid={expected}, got {} errors, is_valid={quick}",
                        case["description"].as_str().unwrap(),
                        errors.len()
                    ));
                } else {
                    passed += 1;
                }
            }
        }
    }
    println!(
        "conformance: {passed} cases agree, {} groups refused as unsupported",
        refused.len()
    );
    let listed = |(f, d): &(String, String)| REFUSED.iter().any(|(lf, ld)| lf == f && ld == d);
    let unlisted: Vec<_> = refused.iter().filter(|g| !listed(g)).collect();
    assert!(
        unlisted.is_empty(),
        "refused but not in REFUSED: {unlisted:?}"
    );
    let not_refused: Vec<_> = REFUSED
        .iter()
        .filter(|(f, d)| !refused.iter().any(|(rf, rd)| rf == f && rd == d))
        .map(|(f, d)| (f, d, compiled.iter().any(|(cf, cd)| cf == f && cd == d)))
        .collect();
    assert!(
        not_refused.is_empty(),
        "listed in REFUSED but not refused (file, group, compiled instead): {not_refused:?}"
    );
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(passed, PASSED, "cases that agree");
}
