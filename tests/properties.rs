//! Property tests (proptest) over the shipped schemas and the pre-check, each on valid AND invalid
//! input:
//!
//! 1. a value generated from a schema validates against it (every contract, the context and
//!    the policy schema, the APS structures), and the same value broken in one place (a member
//!    removed, retyped, out of its enum, its length or range, or its format) is invalid, with an
//!    error of the broken keyword at that place;
//! 2. adding an unknown property to a closed object (`additionalProperties: false`) gives exactly
//!    one `additionalProperties` error, at that object, naming that property (every closed object
//!    of every shipped schema; outside `anyOf`/`oneOf` it is the only error);
//! 3. disabling rules never turns an allowed move into a refused one, and never makes a broken
//!    context acceptable (it is refused with INVALID_CONTEXT and the breaking error);
//! 4. the message of a refusal names every refusal; a broken context is an INVALID_CONTEXT error;
//! 5. the types and the schemas agree: a generated or mutated context deserializes into the typed
//!    `Context` (from its text and from its value) if and only if it validates against
//!    `context_schema()`, and a policy into `Policy` if and only if it validates against
//!    `policy_schema()` (the pre-check trusts the types on its fast path and the schema for its
//!    error lists); plain tests pin the same at each bound (lengths, counts, billing rules);
//! 6. custom rules judge the part of a context their schemas reach (Cargo feature
//!    `pruned-context`) exactly as they judge the whole context: the same report.
//!
//! Values come from a small generator of JSON Schema (below): it covers the keywords the shipped
//! schemas use and panics on one it does not know, so a new keyword cannot make a property vacuous.
//! Each property runs CASES cases by default (`PROPTEST_CASES` overrides it). Failures are saved to
//! tests/properties.proptest-regressions (checked in) and replayed first on every run.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency

use aps_migratable::aps::{migratable_type, structure_schema};
use aps_migratable::billing::{contract_ids, contract_schema, ContractId};
use aps_migratable::pointer::{push_index, push_pointer};
use aps_migratable::precheck::context::Context;
use aps_migratable::precheck::policy::Policy;
use aps_migratable::precheck::rules::BuiltInRule;
use aps_migratable::precheck::{
    context_schema, policy_schema, ContextInputError, PreChecker, Report, RuleRef,
};
use aps_migratable::schema::Validator;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence, Index};
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::OnceLock;

/// A JSON object.
type Map = serde_json::Map<String, Value>;

/// Cases per property (per schema, per closed object) unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 1000;

/// Where failing cases are saved, and replayed from before any new case.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/properties.proptest-regressions"
);

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(CASES)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))),
        ..Config::default()
    })
}

// ------------------------------------------------------------------ a JSON Schema generator

/// One step of the path that a generated value must contain (to reach a closed object).
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Item,
    /// The end of the path: an object.
    Object,
}

/// Keywords that do not constrain a value (or that the generator satisfies by construction).
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "title",
    "description",
    "examples",
    "default",
    "errorMessage",
    "definitions",
];

/// The target of a `$ref` in `root`: a place in it, or a shipped schema (by its `$id`; the
/// shipped schemas that others reference have no `$ref`s of their own).
fn resolve<'a>(root: &'a Value, reference: &str) -> &'a Value {
    let (document, pointer) = reference.split_once('#').unwrap_or((reference, ""));
    let document: &'a Value = if document.is_empty() {
        root
    } else {
        aps_migratable::catalog::schema(document).expect("a shipped schema")
    };
    document
        .pointer(pointer)
        .unwrap_or_else(|| panic!("unresolved {reference}"))
}

/// `{not: {}}` and `false`: no value is valid.
fn unsatisfiable(schema: &Value) -> bool {
    schema == &Value::Bool(false)
        || schema
            .get("not")
            .is_some_and(|n| n == &json!({}) || n == &Value::Bool(true))
}

/// `a` and `b` as one schema (for `allOf` members and `anyOf`/`oneOf` branches); `required`
/// and `properties` add up, other keywords of `b` win.
fn merge(a: &Value, b: &Value) -> Value {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return b.clone();
    };
    let mut out = a.clone();
    for (k, v) in b {
        match (k.as_str(), out.get_mut(k)) {
            ("required", Some(Value::Array(have))) => {
                for name in v.as_array().into_iter().flatten() {
                    if !have.contains(name) {
                        have.push(name.clone());
                    }
                }
            }
            ("properties", Some(Value::Object(have))) => {
                for (name, s) in v.as_object().into_iter().flatten() {
                    have.entry(name.clone()).or_insert_with(|| s.clone());
                }
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(out)
}

fn any_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-1000i64..1000).prop_map(Value::from),
        text(0, 6),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(Value::Array),
            vec((select(vec!["a", "b", "x y", "ü"]), inner), 0..3).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
    .boxed()
}

const CHARS: &[char] = &[
    'a', 'b', 'z', 'A', 'Q', '0', '7', '-', '_', ' ', '.', '/', '"', '\\', '{', '}', 'é', 'ß',
    '中', '😀', '\u{7f}', '\n',
];

/// A string of `min..=max` Unicode code points.
fn text(min: usize, max: usize) -> BoxedStrategy<Value> {
    vec(select(CHARS), min..=max)
        .prop_map(|c| Value::String(c.into_iter().collect()))
        .boxed()
}

fn date() -> impl Strategy<Value = String> {
    (1970u32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn date_time() -> BoxedStrategy<Value> {
    (
        date(),
        0u32..24,
        0u32..60,
        0u32..60,
        select(vec!["", ".0", ".123", ".000001"]),
        select(vec!["Z", "z", "+00:00", "-05:30", "+14:00"]),
    )
        .prop_map(|(d, h, mi, s, frac, zone)| {
            Value::String(format!("{d}T{h:02}:{mi:02}:{s:02}{frac}{zone}"))
        })
        .boxed()
}

fn uuid() -> BoxedStrategy<Value> {
    vec(
        select("0123456789abcdefABCDEF".chars().collect::<Vec<_>>()),
        32,
    )
    .prop_map(|h| {
        let h: String = h.into_iter().collect();
        Value::String(format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        ))
    })
    .boxed()
}

struct Gen<'a> {
    root: &'a Value,
}

impl Gen<'_> {
    /// Values valid against `schema` that contain the path `force`.
    fn value(&self, schema: &Value, force: &[Step], depth: usize) -> BoxedStrategy<Value> {
        assert!(depth < 24, "schema too deep for the generator");
        let map = match schema {
            Value::Bool(true) => return any_json(),
            Value::Object(map) => map,
            other => panic!("cannot generate from {other}"),
        };
        if let Some(Value::String(reference)) = map.get("$ref") {
            // draft-07: keywords beside $ref are ignored.
            return self.value(resolve(self.root, reference), force, depth + 1);
        }
        for k in map.keys() {
            let known = ANNOTATIONS.contains(&k.as_str())
                || matches!(
                    k.as_str(),
                    "type"
                        | "enum"
                        | "const"
                        | "properties"
                        | "required"
                        | "additionalProperties"
                        | "propertyNames"
                        | "minProperties"
                        | "items"
                        | "minItems"
                        | "maxItems"
                        | "uniqueItems"
                        | "minLength"
                        | "maxLength"
                        | "minimum"
                        | "maximum"
                        | "exclusiveMinimum"
                        | "exclusiveMaximum"
                        | "format"
                        | "anyOf"
                        | "oneOf"
                        | "allOf"
                );
            assert!(known, "the generator does not know the keyword {k:?}");
        }
        if let Some(Value::Array(branches)) = map.get("anyOf").or_else(|| map.get("oneOf")) {
            let mut base = map.clone();
            base.shift_remove("anyOf");
            base.shift_remove("oneOf");
            let base = Value::Object(base);
            let options: Vec<BoxedStrategy<Value>> = branches
                .iter()
                .map(|b| match b.get("$ref").and_then(Value::as_str) {
                    Some(r) => merge(&base, resolve(self.root, r)),
                    None => merge(&base, b),
                })
                .filter(|b| force.is_empty() || self.can_hold(b, &force[0]))
                .map(|b| self.value(&b, force, depth + 1))
                .collect();
            assert!(!options.is_empty(), "no branch can hold {force:?}");
            return proptest::strategy::Union::new(options).boxed();
        }
        // allOf: schemas merge; if/then/else members become conditions applied afterwards.
        let mut merged = map.clone();
        merged.shift_remove("allOf");
        let mut merged = Value::Object(merged);
        let mut conditions = Vec::new();
        for member in map
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if member.get("if").is_some() {
                conditions.push(member.clone());
            } else {
                let member = match member.get("$ref").and_then(Value::as_str) {
                    Some(r) => resolve(self.root, r).clone(),
                    None => member.clone(),
                };
                merged = merge(&merged, &member);
            }
        }
        let map = merged.as_object().expect("an object schema").clone();
        if let Some(Value::Array(values)) = map.get("enum") {
            assert!(force.is_empty(), "cannot force a path through an enum");
            return select(values.clone()).boxed();
        }
        if let Some(value) = map.get("const") {
            return Just(value.clone()).boxed();
        }
        let types: Vec<String> = match map.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(t)) => t
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
            _ if map.contains_key("properties") || map.contains_key("required") => {
                vec!["object".to_owned()]
            }
            _ if ["format", "minLength", "maxLength"]
                .iter()
                .any(|k| map.contains_key(*k)) =>
            {
                vec!["string".to_owned()]
            }
            _ => return any_json(),
        };
        let types: Vec<String> = match force.first() {
            Some(Step::Key(_) | Step::Object) => {
                types.into_iter().filter(|t| t == "object").collect()
            }
            Some(Step::Item) => types.into_iter().filter(|t| t == "array").collect(),
            None => types,
        };
        assert!(!types.is_empty(), "cannot force {force:?} through {schema}");
        let options: Vec<BoxedStrategy<Value>> = types
            .iter()
            .map(|t| self.typed(t, &map, &conditions, force, depth))
            .collect();
        proptest::strategy::Union::new(options).boxed()
    }

    fn can_hold(&self, schema: &Value, step: &Step) -> bool {
        let schema = match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => resolve(self.root, r),
            None => schema,
        };
        let want = match step {
            Step::Key(_) | Step::Object => "object",
            Step::Item => "array",
        };
        match schema.get("type") {
            Some(Value::String(t)) => t == want,
            Some(Value::Array(t)) => t.iter().any(|t| t == want),
            _ => true,
        }
    }

    fn typed(
        &self,
        ty: &str,
        map: &Map,
        conditions: &[Value],
        force: &[Step],
        depth: usize,
    ) -> BoxedStrategy<Value> {
        let num = |k: &str| map.get(k).and_then(Value::as_f64);
        match ty {
            "null" => Just(Value::Null).boxed(),
            "boolean" => any::<bool>().prop_map(Value::Bool).boxed(),
            "integer" | "number" => {
                let lo = num("minimum")
                    .or(num("exclusiveMinimum").map(|m| m.floor() + 1.0))
                    .unwrap_or(-1e6) as i64;
                let hi = num("maximum")
                    .or(num("exclusiveMaximum").map(|m| m.ceil() - 1.0))
                    .unwrap_or(1e6) as i64;
                // Integers, the bounds themselves, and integers written as floats (`5.0`).
                let ints = prop_oneof![
                    (lo..=hi).prop_map(Value::from),
                    select(vec![lo, hi]).prop_map(Value::from),
                    (lo..=hi).prop_map(|i| json!(i as f64)),
                ];
                if ty == "number" && hi > lo {
                    prop_oneof![ints, (lo..hi).prop_map(|i| json!(i as f64 + 0.5))].boxed()
                } else {
                    ints.boxed()
                }
            }
            "string" => match map.get("format").and_then(Value::as_str) {
                Some("date-time") => date_time(),
                Some("date") => date().prop_map(Value::String).boxed(),
                Some("uuid") => uuid(),
                Some(other) => panic!("the generator does not know the format {other:?}"),
                None => {
                    let min = num("minLength").unwrap_or(0.0) as usize;
                    let max = num("maxLength").map_or(min + 12, |m| (m as usize).min(min + 12));
                    text(min, max)
                }
            },
            "array" => {
                let items = map.get("items").cloned().unwrap_or(Value::Bool(true));
                assert!(
                    items.is_object() || items.is_boolean(),
                    "tuple items are not generated"
                );
                let min = num("minItems").unwrap_or(0.0) as usize;
                let max = num("maxItems").map_or(min + 3, |m| (m as usize).min(min + 3));
                let (min, rest) = match force.first() {
                    Some(Step::Item) => (min.max(1), &force[1..]),
                    _ => (min, &[][..]),
                };
                let first = self.value(&items, rest, depth + 1);
                let others = self.value(&items, &[], depth + 1);
                let unique = map.get("uniqueItems") == Some(&Value::Bool(true));
                (first, vec(others, min.saturating_sub(1)..max.max(min)))
                    .prop_map(move |(first, others)| {
                        let mut all = Vec::new();
                        if min > 0 || !others.is_empty() {
                            all.push(first);
                        }
                        all.extend(others);
                        if unique {
                            let mut seen = Vec::new();
                            all.retain(|v| {
                                let fresh = !seen.contains(v);
                                seen.push(v.clone());
                                fresh
                            });
                        }
                        Value::Array(all)
                    })
                    .prop_filter("minItems", move |v| v.as_array().map_or(0, Vec::len) >= min)
                    .boxed()
            }
            "object" => self.object(map, conditions, force, depth),
            other => panic!("unknown type {other}"),
        }
    }

    fn object(
        &self,
        map: &Map,
        conditions: &[Value],
        force: &[Step],
        depth: usize,
    ) -> BoxedStrategy<Value> {
        let empty = Map::new();
        let properties = map
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let required: Vec<&str> = map
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let forced = match force.first() {
            Some(Step::Key(k)) => Some(k.as_str()),
            _ => None,
        };
        let rest = force.get(1..).unwrap_or(&[]).to_vec();
        // Declared properties: (name, always present, value, spare value for the conditions).
        let mut declared: Vec<BoxedStrategy<(String, bool, Value, Value)>> = Vec::new();
        for (name, schema) in properties {
            if unsatisfiable(schema) {
                continue;
            }
            let here = forced == Some(name.as_str());
            let value = self.value(schema, if here { &rest } else { &[] }, depth + 1);
            let spare = self.value(schema, &[], depth + 1);
            let always = here || required.contains(&name.as_str());
            let name = name.clone();
            declared.push(
                (value, spare, any::<bool>())
                    .prop_map(move |(v, s, coin)| (name.clone(), always || coin, v, s))
                    .boxed(),
            );
        }
        // Required names the object does not declare take additionalProperties' schema.
        let undeclared: Vec<String> = required
            .iter()
            .filter(|n| !properties.contains_key(**n))
            .map(|n| (*n).to_owned())
            .collect();
        // Further properties: additionalProperties as a schema, or an open object.
        let extra: BoxedStrategy<Vec<(String, Value)>> = match map.get("additionalProperties") {
            Some(Value::Bool(false)) => {
                assert!(
                    forced.map_or(true, |k| properties.contains_key(k)) && undeclared.is_empty(),
                    "cannot force {force:?} / require {undeclared:?} on a closed object"
                );
                Just(Vec::new()).boxed()
            }
            additional => {
                let schema = additional.cloned().unwrap_or(Value::Bool(true));
                let names: BoxedStrategy<String> = match map.get("propertyNames") {
                    Some(names) => self
                        .value(names, &[], depth + 1)
                        .prop_map(|n| n.as_str().unwrap_or("x").to_owned())
                        .boxed(),
                    None => text(1, 6)
                        .prop_map(|n| n.as_str().unwrap_or("x").to_owned())
                        .boxed(),
                };
                let declared_names: Vec<String> = properties.keys().cloned().collect();
                let min = map
                    .get("minProperties")
                    .and_then(Value::as_u64)
                    .unwrap_or(0) as usize;
                let pairs = vec((names, self.value(&schema, &[], depth + 1)), min..min + 3);
                let mut musts: Vec<BoxedStrategy<(String, Value)>> = undeclared
                    .iter()
                    .map(|k| {
                        let k = k.clone();
                        self.value(&schema, &[], depth + 1)
                            .prop_map(move |v| (k.clone(), v))
                            .boxed()
                    })
                    .collect();
                if let Some(k) = forced.filter(|k| !properties.contains_key(*k)) {
                    let k = k.to_owned();
                    musts.push(
                        self.value(&schema, &rest, depth + 1)
                            .prop_map(move |v| (k.clone(), v))
                            .boxed(),
                    );
                }
                (pairs, musts)
                    .prop_map(move |(pairs, musts)| {
                        let mut out: Vec<(String, Value)> = pairs
                            .into_iter()
                            .filter(|(k, _)| !declared_names.contains(k))
                            .collect();
                        out.extend(musts);
                        out
                    })
                    .boxed()
            }
        };
        let min_properties = map
            .get("minProperties")
            .and_then(Value::as_u64)
            .unwrap_or(0) as usize;
        let conditions = conditions.to_vec();
        let forced_owned = forced.map(str::to_owned);
        (declared, extra)
            .prop_map(move |(declared, extra)| {
                let mut out = Map::new();
                let mut spares = Map::new();
                for (name, present, value, spare) in declared {
                    if present {
                        out.insert(name.clone(), value);
                    }
                    spares.insert(name, spare);
                }
                for (k, v) in extra {
                    out.insert(k, v);
                }
                for condition in &conditions {
                    apply_condition(condition, &mut out, &spares, forced_owned.as_deref());
                }
                Value::Object(out)
            })
            .prop_filter("minProperties", move |v| {
                v.as_object().map_or(0, Map::len) >= min_properties
            })
            .boxed()
    }
}

/// Whether `value` matches an `if` schema: only `type`, `required`, `properties`, `const`
/// and `enum` are understood (the shipped schemas' conditions use nothing else).
fn matches(schema: &Value, value: &Value) -> bool {
    let Some(map) = schema.as_object() else {
        return schema != &Value::Bool(false);
    };
    map.iter().all(|(k, v)| match k.as_str() {
        "type" => {
            let is = |t: &str| match t {
                "object" => value.is_object(),
                "array" => value.is_array(),
                "string" => value.is_string(),
                "null" => value.is_null(),
                "boolean" => value.is_boolean(),
                "integer" => value.as_f64().is_some_and(|f| f.fract() == 0.0),
                "number" => value.is_number(),
                _ => panic!("type {t}"),
            };
            match v {
                Value::String(t) => is(t),
                Value::Array(ts) => ts.iter().any(|t| is(t.as_str().unwrap_or(""))),
                _ => panic!("type {v}"),
            }
        }
        "required" => value.as_object().map_or(true, |o| {
            v.as_array()
                .into_iter()
                .flatten()
                .all(|n| o.contains_key(n.as_str().unwrap_or("")))
        }),
        "properties" => value.as_object().map_or(true, |o| {
            v.as_object()
                .into_iter()
                .flatten()
                .all(|(name, s)| o.get(name).map_or(true, |p| matches(s, p)))
        }),
        "const" => value == v,
        "enum" => v.as_array().is_some_and(|e| e.contains(value)),
        "not" => !matches(v, value),
        _ if ANNOTATIONS.contains(&k.as_str()) => true,
        _ => panic!("the generator's condition matcher does not know {k:?}"),
    })
}

/// Makes `out` satisfy `{if, then, else}`: adds required properties from the spares, removes
/// those a `not: {required}` forbids, and sets properties to the `const`/`null` a branch asks.
fn apply_condition(condition: &Value, out: &mut Map, spares: &Map, forced: Option<&str>) {
    let object = Value::Object(out.clone());
    let branch = if matches(&condition["if"], &object) {
        condition.get("then")
    } else {
        condition.get("else")
    };
    let Some(Value::Object(branch)) = branch else {
        return;
    };
    for (k, v) in branch {
        match k.as_str() {
            "required" => {
                for name in v.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if !out.contains_key(name) {
                        let spare = spares
                            .get(name)
                            .unwrap_or_else(|| panic!("no spare {name}"));
                        out.insert(name.to_owned(), spare.clone());
                    }
                }
            }
            "not" => {
                for name in v["required"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    assert_ne!(
                        Some(name),
                        forced,
                        "a condition removes the forced property"
                    );
                    out.shift_remove(name);
                }
            }
            "properties" => {
                for (name, s) in v.as_object().into_iter().flatten() {
                    // `{not: {}}`: the property must be absent.
                    if s.get("not") == Some(&Value::Object(Map::new())) {
                        assert_ne!(
                            Some(name.as_str()),
                            forced,
                            "a condition removes the forced property"
                        );
                        out.shift_remove(name);
                        continue;
                    }
                    if let Some(present) = out.get_mut(name) {
                        if matches(s, present) {
                            continue;
                        }
                        *present = match (s.get("const"), s.get("type")) {
                            (Some(c), _) => c.clone(),
                            (None, Some(t)) if t == "null" => Value::Null,
                            _ => panic!("cannot satisfy {s}"),
                        };
                    }
                }
            }
            _ if ANNOTATIONS.contains(&k.as_str()) => {}
            _ => panic!("the generator's conditions do not know {k:?}"),
        }
    }
}

/// Every shipped schema, by name.
fn shipped_schemas() -> Vec<(String, Value)> {
    let mut all: Vec<(String, Value)> = contract_ids()
        .into_iter()
        .map(|id| (id.to_owned(), contract_schema(contract(id))))
        .collect();
    all.push(("context".to_owned(), context_schema()));
    all.push(("policy".to_owned(), policy_schema()));
    for name in ["MigrationSet", "MigrationPreCheckResult"] {
        let schema = structure_schema(&migratable_type(), name).expect("a structure");
        all.push((format!("aps {name}"), schema));
    }
    all
}

/// The contract with this id (which must exist).
fn contract(id: &str) -> ContractId {
    ContractId::parse(id).expect("a contract")
}

fn generator_for(schema: &Value, force: &[Step]) -> BoxedStrategy<Value> {
    Gen { root: schema }.value(schema, force, 0)
}

// ------------------------------------------------------------------ breaking a valid value

/// One change to a valid value.
#[derive(Clone, Debug)]
enum Change {
    /// The value at the place becomes this one.
    Replace(Value),
    /// The object at the place loses this member.
    Remove(String),
    /// The object at the place gains this member.
    Add(String, Value),
}

/// A change that makes a valid value invalid, and the error the engine must then report.
#[derive(Clone, Debug)]
struct Break {
    /// JSON Pointer of the value changed.
    at: String,
    change: Change,
    /// The error it must cause: its instancePath, keyword and (where they are fixed) params.
    error_at: String,
    keyword: &'static str,
    params: Option<Value>,
}

/// Whether a value is of a JSON Schema type.
fn is_type(t: &str, value: &Value) -> bool {
    match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "integer" => value.as_f64().is_some_and(|f| f.fract() == 0.0),
        "number" => value.is_number(),
        _ => panic!("type {t}"),
    }
}

/// A number `offset` away from a bound, as an integer where the bound is one.
fn beside(bound: &Value, offset: f64) -> Value {
    match bound.as_i64() {
        Some(i) => json!(i + offset as i64),
        None => json!(bound.as_f64().unwrap_or(0.0) + offset),
    }
}

/// Every single change that makes `value` (valid against `schema`) invalid, with its error.
/// `anyOf`/`oneOf` branches and `if`/`then`/`else` are not entered: whether a change there fails
/// depends on the other branches; the keywords beside them (and `allOf` members) always apply.
fn breaks(root: &Value, schema: &Value, value: &Value, pointer: &mut String, out: &mut Vec<Break>) {
    let Some(map) = schema.as_object() else {
        return;
    };
    if let Some(Value::String(reference)) = map.get("$ref") {
        return breaks(root, resolve(root, reference), value, pointer, out);
    }
    let mut merged = Value::Object(map.clone());
    for member in map
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if member.get("if").is_none() {
            let member = match member.get("$ref").and_then(Value::as_str) {
                Some(r) => resolve(root, r),
                None => member,
            };
            merged = merge(&merged, member);
        }
    }
    let map = merged.as_object().expect("an object schema").clone();
    let here = pointer.clone();
    let mut push =
        |change: Change, error_at: &str, keyword: &'static str, params: Option<Value>| {
            out.push(Break {
                at: here.clone(),
                change,
                error_at: error_at.to_owned(),
                keyword,
                params,
            });
        };
    for (keyword, v) in &map {
        match keyword.as_str() {
            "type" => {
                let types: Vec<&str> = match v {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => panic!("type {v}"),
                };
                let candidates = [
                    json!("x"),
                    json!(1.5),
                    json!(7),
                    json!(true),
                    Value::Null,
                    json!([]),
                    json!({}),
                ];
                if let Some(wrong) = candidates
                    .into_iter()
                    .find(|c| !types.iter().any(|t| is_type(t, c)))
                {
                    push(
                        Change::Replace(wrong),
                        &here,
                        "type",
                        Some(json!({ "type": v.clone() })),
                    );
                }
            }
            "enum" => push(
                Change::Replace(json!("\u{1}not in the enum")),
                &here,
                "enum",
                Some(json!({ "allowedValues": v.clone() })),
            ),
            "const" => push(
                Change::Replace(json!("\u{1}not the const")),
                &here,
                "const",
                Some(json!({ "allowedValue": v.clone() })),
            ),
            "minLength" => {
                let n = v.as_u64().expect("minLength") as usize;
                if n > 0 {
                    push(
                        Change::Replace(Value::String("a".repeat(n - 1))),
                        &here,
                        "minLength",
                        Some(json!({ "limit": n })),
                    );
                }
            }
            "maxLength" => {
                let n = v.as_u64().expect("maxLength") as usize;
                push(
                    Change::Replace(Value::String("a".repeat(n + 1))),
                    &here,
                    "maxLength",
                    Some(json!({ "limit": n })),
                );
            }
            "minimum" => push(Change::Replace(beside(v, -1.0)), &here, "minimum", None),
            "maximum" => push(Change::Replace(beside(v, 1.0)), &here, "maximum", None),
            "exclusiveMinimum" | "exclusiveMaximum" => {
                let keyword = if keyword == "exclusiveMinimum" {
                    "exclusiveMinimum"
                } else {
                    "exclusiveMaximum"
                };
                push(Change::Replace(v.clone()), &here, keyword, None);
            }
            "format" => {
                let format = v.as_str().expect("format");
                assert!(
                    ["date", "date-time", "uuid"].contains(&format),
                    "the breaker does not know the format {format:?}"
                );
                push(
                    Change::Replace(json!("not a date, a date-time or a uuid")),
                    &here,
                    "format",
                    Some(json!({ "format": format })),
                );
            }
            _ => {}
        }
    }
    if let Value::Object(object) = value {
        let declared = map.get("properties").and_then(Value::as_object);
        for name in map
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if object.contains_key(name) {
                push(
                    Change::Remove(name.to_owned()),
                    &here,
                    "required",
                    Some(json!({ "missingProperty": name })),
                );
            }
        }
        if map.get("additionalProperties") == Some(&Value::Bool(false)) {
            let name = "zz not declared";
            push(
                Change::Add(name.to_owned(), json!(1)),
                &here,
                "additionalProperties",
                Some(json!({ "additionalProperty": name })),
            );
        }
        for (name, sub) in declared.into_iter().flatten() {
            if unsatisfiable(sub) && !object.contains_key(name) {
                let mut at = here.clone();
                push_pointer(&mut at, name);
                let keyword = if sub == &Value::Bool(false) {
                    "false schema"
                } else {
                    "not"
                };
                push(Change::Add(name.clone(), json!(1)), &at, keyword, None);
            }
        }
        for (name, member) in object {
            let sub = match declared.and_then(|d| d.get(name)) {
                Some(sub) => sub,
                None => match map.get("additionalProperties") {
                    Some(sub @ Value::Object(_)) => sub,
                    _ => continue,
                },
            };
            let len = pointer.len();
            push_pointer(pointer, name);
            breaks(root, sub, member, pointer, out);
            pointer.truncate(len);
        }
    }
    if let Value::Array(items) = value {
        let count = |k: &str| map.get(k).and_then(Value::as_u64).map(|n| n as usize);
        if let Some(n) = count("minItems").filter(|n| *n > 0) {
            out.push(Break {
                at: here.clone(),
                change: Change::Replace(Value::Array(items[..n - 1].to_vec())),
                error_at: here.clone(),
                keyword: "minItems",
                params: Some(json!({ "limit": n })),
            });
        }
        if let (Some(n), false) = (count("maxItems"), items.is_empty()) {
            let longer = (0..=n).map(|i| items[i % items.len()].clone()).collect();
            out.push(Break {
                at: here.clone(),
                change: Change::Replace(Value::Array(longer)),
                error_at: here.clone(),
                keyword: "maxItems",
                params: Some(json!({ "limit": n })),
            });
        }
        if map.get("uniqueItems") == Some(&Value::Bool(true)) && !items.is_empty() {
            let mut doubled = items.clone();
            doubled.push(items[0].clone());
            out.push(Break {
                at: here.clone(),
                change: Change::Replace(Value::Array(doubled)),
                error_at: here.clone(),
                keyword: "uniqueItems",
                params: None,
            });
        }
        if let Some(sub @ Value::Object(_)) = map.get("items") {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                push_index(pointer, i);
                breaks(root, sub, item, pointer, out);
                pointer.truncate(len);
            }
        }
    }
}

/// Every break of a valid value against `schema`.
fn all_breaks(schema: &Value, value: &Value) -> Vec<Break> {
    let mut out = Vec::new();
    breaks(schema, schema, value, &mut String::new(), &mut out);
    out
}

/// `value` with one break applied.
fn broken(value: &Value, b: &Break) -> Value {
    let mut value = value.clone();
    let place = value.pointer_mut(&b.at).expect("the place of a break");
    match &b.change {
        Change::Replace(v) => *place = v.clone(),
        Change::Remove(name) => {
            place.as_object_mut().expect("an object").shift_remove(name);
        }
        Change::Add(name, v) => {
            place
                .as_object_mut()
                .expect("an object")
                .insert(name.clone(), v.clone());
        }
    }
    value
}

/// Whether `errors` hold the error a break must cause.
fn reports(errors: &[aps_migratable::schema::ValidationError], b: &Break) -> bool {
    errors.iter().any(|e| {
        e.instance_path == b.error_at
            && e.keyword.name() == b.keyword
            && b.params
                .as_ref()
                .map_or(true, |p| &e.params.to_value() == p)
    })
}

// ------------------------------------------------------------------ 1. generated values validate, broken ones do not

#[test]
fn values_generated_from_a_schema_validate_and_broken_ones_do_not() {
    for (name, schema) in shipped_schemas() {
        let validator = Validator::new(&schema).expect("compiles");
        let strategy = (generator_for(&schema, &[]), any::<prop::sample::Index>());
        let broken_seen = std::cell::Cell::new(0u32);
        runner()
            .run(&strategy, |(value, pick)| {
                let errors = validator.errors(&value);
                prop_assert!(errors.is_empty(), "{name}: {value} has errors {errors:?}");
                prop_assert!(validator.is_valid(&value));
                prop_assert!(
                    streamed(&validator, &value) != Some(false),
                    "{name}: {value} not valid while parsing"
                );
                // Filling in defaults keeps a valid value valid.
                prop_assert!(
                    validator.is_valid(&validator.with_defaults(&value)),
                    "{name}: defaults of {value}"
                );
                let breaks = all_breaks(&schema, &value);
                if breaks.is_empty() {
                    return Ok(());
                }
                let b = &breaks[pick.index(breaks.len())];
                let bad = broken(&value, b);
                let errors = validator.errors(&bad);
                prop_assert!(
                    reports(&errors, b),
                    "{name}: {b:?} of {value} gives {errors:?}"
                );
                prop_assert!(!validator.is_valid(&bad), "{name}: {bad} is valid");
                prop_assert!(
                    streamed(&validator, &bad) != Some(true),
                    "{name}: {bad} valid while parsing"
                );
                broken_seen.set(broken_seen.get() + 1);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        // Nearly every generated value has a place to break (an empty object under an open
        // schema has none): the invalid half of the property is not vacuous.
        assert!(
            broken_seen.get() * 10 >= cases() * 9,
            "{name}: only {} broken values",
            broken_seen.get()
        );
    }
}

/// The verdict while parsing (feature stream-check) of `value`'s JSON text; `None` when it
/// holds a fraction (left to the tree).
#[cfg(feature = "stream-check")]
fn streamed(validator: &Validator, value: &Value) -> Option<bool> {
    if aps_migratable::exact::holds_fraction(value) {
        return None;
    }
    let text = serde_json::to_vec(value).ok()?;
    Some(validator.is_valid_text(&text))
}

#[cfg(not(feature = "stream-check"))]
fn streamed(_: &Validator, _: &Value) -> Option<bool> {
    None
}

// ------------------------------------------------------------------ 2. closed objects

/// A closed object: where it is, and whether it sits under an `anyOf`/`oneOf` branch.
#[derive(Debug)]
struct Closed {
    path: Vec<Step>,
    declared: Vec<String>,
    under_alternative: bool,
}

fn closed_objects(root: &Value) -> Vec<Closed> {
    fn walk(
        root: &Value,
        schema: &Value,
        path: &mut Vec<Step>,
        alternative: bool,
        refs: &mut Vec<String>,
        out: &mut Vec<Closed>,
    ) {
        let Some(map) = schema.as_object() else {
            return;
        };
        if let Some(Value::String(r)) = map.get("$ref") {
            if refs.contains(r) {
                return;
            }
            refs.push(r.clone());
            walk(root, resolve(root, r), path, alternative, refs, out);
            refs.pop();
            return;
        }
        let properties = map.get("properties").and_then(Value::as_object);
        if map.get("additionalProperties") == Some(&Value::Bool(false)) {
            out.push(Closed {
                path: path.clone(),
                declared: properties
                    .map(|p| p.keys().cloned().collect())
                    .unwrap_or_default(),
                under_alternative: alternative,
            });
        }
        for (name, sub) in properties.into_iter().flatten() {
            if unsatisfiable(sub) {
                continue;
            }
            path.push(Step::Key(name.clone()));
            walk(root, sub, path, alternative, refs, out);
            path.pop();
        }
        if let Some(sub @ Value::Object(_)) = map.get("additionalProperties") {
            // A name the object's propertyNames accepts.
            let name = map
                .get("propertyNames")
                .and_then(|p| p.get("enum"))
                .and_then(|e| e.get(0))
                .and_then(Value::as_str)
                .unwrap_or("extra");
            path.push(Step::Key(name.to_owned()));
            walk(root, sub, path, alternative, refs, out);
            path.pop();
        }
        if let Some(items @ Value::Object(_)) = map.get("items") {
            path.push(Step::Item);
            walk(root, items, path, alternative, refs, out);
            path.pop();
        }
        for key in ["anyOf", "oneOf"] {
            for branch in map.get(key).and_then(Value::as_array).into_iter().flatten() {
                walk(root, branch, path, true, refs, out);
            }
        }
        for member in map
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if member.get("if").is_none() {
                walk(root, member, path, alternative, refs, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        root,
        root,
        &mut Vec::new(),
        false,
        &mut Vec::new(),
        &mut out,
    );
    out
}

fn at_path<'a>(value: &'a mut Value, path: &[Step], pointer: &mut String) -> &'a mut Value {
    match path.split_first() {
        None => value,
        Some((Step::Key(k), rest)) => {
            push_pointer(pointer, k);
            at_path(
                value.get_mut(k.as_str()).expect("forced key"),
                rest,
                pointer,
            )
        }
        Some((Step::Item, rest)) => {
            pointer.push_str("/0");
            at_path(value.get_mut(0).expect("forced item"), rest, pointer)
        }
        Some((Step::Object, _)) => value,
    }
}

#[test]
fn an_unknown_property_on_a_closed_object_is_exactly_one_additional_properties_error() {
    let mut checked = Vec::new();
    for (name, schema) in shipped_schemas() {
        let validator = Validator::new(&schema).expect("compiles");
        for closed in closed_objects(&schema) {
            let mut force = closed.path.clone();
            force.push(Step::Object);
            let strategy = (generator_for(&schema, &force), text(1, 8), any_json());
            runner()
                .run(&strategy, |(mut value, extra, extra_value)| {
                    let extra = extra.as_str().unwrap_or("x").to_owned();
                    if closed.declared.contains(&extra) {
                        return Err(TestCaseError::reject("a declared name"));
                    }
                    let mut pointer = String::new();
                    let object = at_path(&mut value, &closed.path, &mut pointer);
                    let Some(object) = object.as_object_mut() else {
                        return Err(TestCaseError::fail(format!("{pointer} is not an object")));
                    };
                    object.insert(extra.clone(), extra_value);
                    let errors = validator.errors(&value);
                    let additional: Vec<_> = errors
                        .iter()
                        .filter(|e| e.keyword.name() == "additionalProperties")
                        .collect();
                    prop_assert_eq!(
                        additional.len(),
                        1,
                        "{} at {:?}: {:?}",
                        name,
                        pointer,
                        errors
                    );
                    prop_assert_eq!(&additional[0].instance_path, &pointer);
                    prop_assert_eq!(
                        &additional[0].params.to_value(),
                        &json!({ "additionalProperty": extra })
                    );
                    if !closed.under_alternative {
                        prop_assert_eq!(errors.len(), 1, "{} at {:?}: {:?}", name, pointer, errors);
                    }
                    Ok(())
                })
                .unwrap_or_else(|e| panic!("{name} {:?}: {e}", closed.path));
            checked.push(format!("{name} {:?}", closed.path));
        }
    }
    eprintln!(
        "closed objects checked ({}): {}",
        checked.len(),
        checked.join("; ")
    );
    // Every contract that is closed, the context's and the policy's objects.
    assert!(
        checked.len() >= 15,
        "only {} closed objects found: {checked:?}",
        checked.len()
    );
}

// ------------------------------------------------------------------ valid contexts and policies

const ACCOUNTS: &[&str] = &[
    "aaaaaaaa-0000-4000-8000-000000000001",
    "aaaaaaaa-0000-4000-8000-000000000002",
    "AAAAAAAA-0000-4000-8000-000000000002",
    "aaaaaaaa-0000-4000-8000-000000000003",
];

fn account(id: impl Strategy<Value = &'static str>) -> impl Strategy<Value = Value> {
    (
        id,
        select(vec!["customer", "customer", "customer", "reseller"]),
        select(vec![json!(1), json!(1), json!(2), json!("v1")]),
        select(vec![json!("b1"), json!("b1"), json!("b2"), json!(7)]),
        select(vec!["active", "active", "active", "credit_hold", "admin_hold", "suspended", "cancelled", "deleted"]),
        proptest::option::of(select(vec!["Alpha GmbH", "Beta AG", "x"])),
    )
        .prop_map(|(id, kind, vendor, brand, status, name)| {
            let mut a = json!({ "id": id, "kind": kind, "vendorId": vendor, "brandId": brand, "status": status });
            if let Some(name) = name {
                a["name"] = json!(name);
            }
            a
        })
}

/// A valid billing part: `latest` and `request` come from the contracts' own generators.
fn billing() -> BoxedStrategy<Value> {
    let gen = |id: &str| generator_for(&contract_schema(contract(id)), &[]);
    let fusebill = (gen("fusebill/subscription_migrate"), proptest::option::of(gen("fusebill/subscription_migrate")))
        .prop_map(|(latest, request)| json!({ "platform": "fusebill", "latest": latest, "request": request }));
    let chargebee = proptest::option::of(gen("chargebee/resource_migration"))
        .prop_map(|latest| json!({ "platform": "chargebee", "latest": latest }));
    let billforward = (
        proptest::option::of(gen("billforward/migration_amendment")),
        proptest::option::of(gen("billforward/migration_request")),
    )
        .prop_map(|(latest, request)| json!({ "platform": "billforward", "latest": latest, "request": request }));
    let pismo = (
        any::<bool>(),
        gen("pismo/customer_incoming/1"),
        gen("pismo/customer_outgoing/1"),
        proptest::option::of(gen("pismo/customer_incoming/1")),
    )
        .prop_map(|(incoming, i, o, request)| {
            let (event, latest) = if incoming { ("customer_incoming", i) } else { ("customer_outgoing", o) };
            json!({ "platform": "pismo", "latestEvent": event, "latest": latest, "request": request })
        });
    // A request that breaks its contract (billing-request-valid refuses it).
    let bad_request = select(vec![
        json!({ "platform": "fusebill", "request": { "customerId": 1, "planFamilyRelationshipId": 2, "migrationTimingOption": "Now", "scheduledMigrationDate": "2020-05-10" } }),
        json!({ "platform": "billforward", "request": { "product_rate_plan": "x" } }),
        json!({ "platform": "pismo", "request": { "entity": {} } }),
    ]);
    prop_oneof![fusebill, chargebee, billforward, pismo, bad_request].boxed()
}

/// Valid pre-check contexts, drawn from small pools so that every rule passes and fails.
fn contexts() -> impl Strategy<Value = Value> {
    let subscription = (
        select(ACCOUNTS),
        select(vec!["active", "active", "active", "stopped", "graced", "expired", "provisioning", "starting", "stopping", "removing", "changing_plan", "terminated"]),
        proptest::option::of(select(vec!["Mail 25", "Web 5"])),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|(owner, state, name, trial, disabled)| {
            let mut s = json!({ "id": "55555555-0000-4000-8000-000000000001", "ownerAccountId": owner, "state": state });
            if let Some(name) = name { s["name"] = json!(name); }
            if let Some(trial) = trial { s["trial"] = json!(trial); }
            if let Some(disabled) = disabled { s["disabled"] = json!(disabled); }
            s
        });
    let orders = vec(
        (
            select(vec![json!("ORD-1"), json!(1002), json!("ORD-3")]),
            select(vec![
                "completed",
                "cancelled",
                "failed",
                "rejected",
                "processing",
                "pending",
            ]),
        )
            .prop_map(|(id, state)| json!({ "id": id, "state": state })),
        0..5,
    );
    let dependents = vec(
        (
            select(vec![json!("SUB-9"), json!(9)]),
            select(vec!["shared_domains", "shared_users", "shared_resources"]),
            proptest::option::of(Just("Web 5")),
        )
            .prop_map(|(id, reason, name)| {
                let mut d = json!({ "id": id, "reason": reason, "resourceTypes": ["domains"] });
                if let Some(name) = name {
                    d["name"] = json!(name);
                }
                d
            }),
        0..5,
    );
    (
        date_time(),
        subscription,
        account(select(ACCOUNTS)),
        prop_oneof![
            Just(None),
            Just(Some(Value::Null)),
            account(select(ACCOUNTS)).prop_map(Some)
        ],
        proptest::option::weighted(0.3, orders),
        proptest::option::weighted(0.3, dependents),
        proptest::option::weighted(0.3, billing()),
    )
        .prop_map(
            |(now, subscription, mut source, target, orders, dependents, billing)| {
                source["id"] = subscription["ownerAccountId"].clone();
                let mut c =
                    json!({ "now": now, "subscription": subscription, "sourceAccount": source });
                if let Some(target) = target {
                    c["targetAccount"] = target;
                }
                if let Some(orders) = orders {
                    c["orders"] = Value::Array(orders);
                }
                if let Some(dependents) = dependents {
                    c["dependentSubscriptions"] = Value::Array(dependents);
                }
                if let Some(billing) = billing {
                    c["billing"] = billing;
                }
                c
            },
        )
}

/// Contexts, a quarter of them broken in one place (with the break, to check its error).
fn contexts_valid_or_broken() -> impl Strategy<Value = (Value, Option<Break>)> {
    let schema = context_schema();
    (
        contexts(),
        proptest::bool::weighted(0.25),
        any::<prop::sample::Index>(),
    )
        .prop_map(move |(context, break_it, pick)| {
            if !break_it {
                return (context, None);
            }
            let breaks = all_breaks(&schema, &context);
            let b = breaks[pick.index(breaks.len())].clone();
            (broken(&context, &b), Some(b))
        })
}

/// A broken context is refused by `check` and `explain` with INVALID_CONTEXT and the break's error.
fn refuses_context(
    policy: &Value,
    migration_set: &Value,
    context: &Value,
    b: &Break,
) -> Result<(), TestCaseError> {
    let checker = PreChecker::new(policy)
        .map_err(|e| TestCaseError::fail(format!("policy {policy}: {e}")))?;
    for result in [
        checker.explain(migration_set, context).map(|r| r.answer()),
        checker.check(migration_set, context),
    ] {
        let Err(e) = result else {
            return Err(TestCaseError::fail(format!(
                "{b:?}: the broken context was accepted: {context}"
            )));
        };
        prop_assert_eq!(e.code.as_str(), "INVALID_CONTEXT");
        prop_assert!(!e.message.is_empty());
        prop_assert!(reports(&e.errors, b), "{:?}: errors {:?}", b, e.errors);
    }
    Ok(())
}

fn migration_sets() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => select(ACCOUNTS).prop_map(|id| json!({ "targetAccount": id })),
        1 => Just(json!({ "targetAccount": "not-an-id" })),
        1 => Just(json!({ "targetAccount": 7 })),
        1 => Just(json!({})),
        1 => any_json(),
    ]
}

fn rule_ids() -> Vec<&'static str> {
    BuiltInRule::ALL.iter().map(|r| r.name()).collect()
}

/// The id of a rule (built-in or custom), as reports name it.
fn rule_name(rule: &RuleRef) -> &str {
    match rule {
        RuleRef::BuiltIn(rule) => rule.name(),
        RuleRef::Custom(id) => id,
    }
}

/// An answer as JSON, as the JS API shows it.
fn answer_json(report: &Report) -> Value {
    serde_json::to_value(report.answer()).expect("an answer is JSON")
}

/// A policy: the disabled rules, a locale, maybe the host's custom rule, maybe message overrides.
fn policy(disabled: &[&str], locale: &str, custom: bool, overrides: &[&str]) -> Value {
    let mut rules = Map::new();
    for id in disabled {
        rules.insert((*id).to_owned(), json!({ "enabled": false }));
    }
    for id in overrides {
        let entry = rules.entry((*id).to_owned()).or_insert_with(|| json!({}));
        entry["messages"] = json!({
            "en": format!("Rule {id} says no to {{targetAccount}} for {{subscription}}."),
            "de": format!("Regel {id}: nein."),
        });
    }
    let mut p = json!({ "locale": locale, "rules": rules });
    if custom {
        p["customRules"] = json!([{
            "id": "no-trial-moves", "code": "TRIAL_SUBSCRIPTION",
            "when": { "properties": { "subscription": { "properties": { "trial": { "const": true } } } } },
            "require": false,
            "message": { "en": "Trial subscription {subscription} cannot be moved.", "de": "Testabonnement {subscription} kann nicht verschoben werden." }
        }]);
    }
    p
}

fn explain(
    policy: &Value,
    migration_set: &Value,
    context: &Value,
) -> Result<Report, TestCaseError> {
    let checker = PreChecker::new(policy)
        .map_err(|e| TestCaseError::fail(format!("policy {policy}: {e}")))?;
    let report = checker.explain(migration_set, context).map_err(|e| {
        TestCaseError::fail(format!("the generated context was refused: {e}\n{context}"))
    })?;
    let result = checker
        .check(migration_set, context)
        .expect("check agrees with explain");
    if result != report.answer() {
        return Err(TestCaseError::fail(format!(
            "check {result:?} != explain {:?}",
            report.answer()
        )));
    }
    // The same move given as JSON text gives the same report and answer: read straight into
    // the types (Cargo feature typed-text) without custom rules, through a value with them.
    let (set_text, context_text) = (migration_set.to_string(), context.to_string());
    let from_text = checker
        .explain_json(Some(set_text.as_bytes()), context_text.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("explain_json refused the context: {e:?}")))?;
    if from_text != report {
        return Err(TestCaseError::fail(format!(
            "explain_json {from_text:?} != explain {report:?}"
        )));
    }
    let answer = checker
        .check_json(Some(set_text.as_bytes()), context_text.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("check_json refused the context: {e:?}")))?;
    if answer != result {
        return Err(TestCaseError::fail(format!(
            "check_json {answer:?} != check {result:?}"
        )));
    }
    Ok(report)
}

// ------------------------------------------------------------------ 3. disabling rules

#[test]
fn disabling_rules_never_turns_an_allowed_move_into_a_refused_one() {
    let strategy = (
        migration_sets(),
        contexts_valid_or_broken(),
        subsequence(rule_ids(), 0..=BuiltInRule::ALL.len()),
        any::<prop::sample::Index>(),
        select(vec!["en", "de", "de-AT", "fr"]),
        any::<bool>(),
    );
    let allowed_seen = std::cell::Cell::new(0);
    let refused_seen = std::cell::Cell::new(0);
    let broken_seen = std::cell::Cell::new(0);
    runner()
        .run(
            &strategy,
            |(migration_set, (context, broken), more, cut, locale, custom)| {
                // fewer ⊆ more: both random, the smaller a prefix of the larger.
                let fewer: Vec<&str> = more[..cut.index(more.len() + 1)].to_vec();
                if let Some(b) = &broken {
                    // No set of disabled rules makes a broken context acceptable.
                    for disabled in [&fewer, &more] {
                        refuses_context(
                            &policy(disabled, locale, custom, &[]),
                            &migration_set,
                            &context,
                            b,
                        )?;
                    }
                    broken_seen.set(broken_seen.get() + 1);
                    return Ok(());
                }
                let base = explain(
                    &policy(&fewer, locale, custom, &[]),
                    &migration_set,
                    &context,
                )?;
                let relaxed = explain(
                    &policy(&more, locale, custom, &[]),
                    &migration_set,
                    &context,
                )?;
                if base.can_migrate {
                    prop_assert!(
                        relaxed.can_migrate,
                        "allowed with {fewer:?} disabled, refused with {more:?}: {:?}",
                        relaxed.failed
                    );
                }
                // What refuses with more rules off refused before too, and no disabled rule refuses.
                for failure in &relaxed.failed {
                    let rule = rule_name(&failure.rule);
                    prop_assert!(!more.contains(&rule), "{} is disabled", rule);
                    prop_assert!(
                        base.failed.iter().any(|f| f.rule == failure.rule),
                        "{} refuses only when more rules are off",
                        rule
                    );
                }
                for id in &more {
                    prop_assert!(
                        relaxed.disabled.iter().any(|d| rule_name(d) == *id),
                        "{id} not listed as disabled"
                    );
                }
                let seen = if base.can_migrate {
                    &allowed_seen
                } else {
                    &refused_seen
                };
                seen.set(seen.get() + 1);
                Ok(())
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    // The generator reaches every outcome, each in a good share of the cases.
    let (allowed, refused, broken) = (allowed_seen.get(), refused_seen.get(), broken_seen.get());
    eprintln!(
        "disabling rules: {allowed} cases allowed, {refused} refused with the fewer rules off, {broken} broken contexts"
    );
    let share = cases() / 20;
    assert!(
        allowed > share && refused > share && broken > share,
        "allowed {allowed}, refused {refused}, broken {broken}"
    );
}

// ------------------------------------------------------------------ 4. the message names every refusal

#[test]
fn the_message_names_every_refusal() {
    let strategy = (
        migration_sets(),
        contexts_valid_or_broken(),
        subsequence(rule_ids(), 0..4),
        subsequence(rule_ids(), 0..4),
        select(vec!["en", "de", "de-AT", "fr"]),
        any::<bool>(),
    );
    let multiple = std::cell::Cell::new(0);
    let broken_seen = std::cell::Cell::new(0);
    runner()
        .run(
            &strategy,
            |(migration_set, (context, broken), disabled, overrides, locale, custom)| {
                if let Some(b) = &broken {
                    broken_seen.set(broken_seen.get() + 1);
                    return refuses_context(
                        &policy(&disabled, locale, custom, &overrides),
                        &migration_set,
                        &context,
                        b,
                    );
                }
                let report = explain(
                    &policy(&disabled, locale, custom, &overrides),
                    &migration_set,
                    &context,
                )?;
                let message = report.message.clone();
                match report.failed.as_slice() {
                    [] => prop_assert_eq!(message, None),
                    [only] => prop_assert_eq!(message.as_deref(), Some(only.message.as_str())),
                    many => {
                        multiple.set(multiple.get() + 1);
                        let message = message.expect("a message");
                        prop_assert!(message.contains(&format!("({} ", many.len())), "{message}");
                        let mut from = 0;
                        for (i, failure) in many.iter().enumerate() {
                            prop_assert!(!failure.message.is_empty());
                            let item = format!("{}) {}", i + 1, failure.message);
                            // In order, most important first.
                            let at = message[from..].find(&item);
                            prop_assert!(at.is_some(), "{message:?} lacks {item:?}");
                            from += at.unwrap_or(0) + item.len();
                        }
                    }
                }
                let result = answer_json(&report);
                prop_assert_eq!(
                    result["canMigrate"].as_bool(),
                    Some(report.failed.is_empty())
                );
                Ok(())
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "message: {} refusals with several reasons, {} broken contexts",
        multiple.get(),
        broken_seen.get()
    );
    let share = cases() / 20;
    assert!(
        multiple.get() > share && broken_seen.get() > share,
        "only {} refusals with several reasons, {} broken contexts",
        multiple.get(),
        broken_seen.get()
    );
}

// ------------------------------------------------------------------ 5. the types and the schemas agree

/// How a value is changed in one place.
#[derive(Clone, Copy, Debug)]
enum Mutation {
    /// The value becomes one of `replacements()`.
    Replace,
    /// The value becomes a number written as one of `NUMBER_TEXTS`.
    Number,
    /// The value becomes `null`.
    Null,
    /// The value becomes a copy of the value at another place of the document.
    Copy,
    /// The member is removed from its object.
    Drop,
    /// The member moves to another name (one of `member_names()` or of the document's).
    Rename,
    /// The object gains a member (a name as for `Rename`, a value of `replacements()`).
    Add,
    /// The array gains a copy of its first item (or a replacement when it is empty).
    Grow,
    /// The array or object loses every item.
    Empty,
}

const MUTATIONS: &[Mutation] = &[
    Mutation::Replace,
    Mutation::Number,
    Mutation::Null,
    Mutation::Copy,
    Mutation::Drop,
    Mutation::Rename,
    Mutation::Add,
    Mutation::Grow,
    Mutation::Empty,
];

/// Numbers as a host may write them: whole numbers as floats and exponents are integers for
/// JSON Schema (and JavaScript), `1.5` is not.
const NUMBER_TEXTS: &[&str] = &[
    "1.0",
    "1e2",
    "1E2",
    "2.5e1",
    "1.5",
    "0.1",
    "-0",
    "-0.0",
    "100",
    "-7",
    "1e300",
    "18446744073709551616",
    "-9223372036854775809",
];

/// A string that stands for a number of `NUMBER_TEXTS` until the text is written.
fn number_marker(text: &str) -> Value {
    Value::String(format!("\u{1}number:{text}"))
}

/// Values a mutation puts in: every JSON type, the enums' names in other cases, ids and dates
/// that are not quite right, and strings at and over each length bound (in characters, with
/// multi-byte ones).
fn replacements() -> &'static [Value] {
    static VALUES: OnceLock<Vec<Value>> = OnceLock::new();
    VALUES.get_or_init(|| {
        let mut out = vec![
            json!(true),
            json!(false),
            json!(0),
            json!(7),
            json!(-1),
            json!(""),
            json!("x"),
            json!([]),
            json!({}),
            json!([1]),
            json!({ "a": 1 }),
            json!("active"),
            json!("Active"),
            json!("customer"),
            json!("reseller"),
            json!("terminated"),
            json!("shared_users"),
            json!("pismo"),
            json!("chargebee"),
            json!("fusebill"),
            json!("customer_incoming"),
            json!("customer_outgoing"),
            json!("same-brand"),
            json!({ "en": "x" }),
            json!({ "de": "x" }),
            json!({ "enabled": false }),
            json!("aaaaaaaa-0000-4000-8000-000000000009"),
            json!("AAAAAAAA-0000-4000-8000-000000000009"),
            json!("aaaaaaaa-0000-4000-8000-00000000000"),
            json!("aaaaaaaa-0000-4000-8000-0000000000099"),
            json!("gaaaaaaa-0000-4000-8000-000000000009"),
            json!("aaaaaaaa00000-4000-8000-000000000009"),
            json!("urn:uuid:aaaaaaaa-0000-4000-8000-000000000009"),
            json!("{aaaaaaaa-0000-4000-8000-00000000009}"),
            json!("2024-05-01T10:00:00Z"),
            json!("2024-05-01t10:00:00.5+02:00"),
            json!("2016-12-31T23:59:60Z"),
            json!("2024-05-01T23:59:60Z"),
            json!("2024-02-30T00:00:00Z"),
            json!("2024-05-01"),
            json!("2024-05-01T10:00:00+08"),
            json!("2024-05-01 10:00:00Z"),
        ];
        for (unit, counts) in [
            ("x", &[1, 2, 35, 36, 64, 65, 100, 1000, 1001][..]),
            ("é", &[2, 35, 36, 64, 65, 256, 257][..]),
            ("😀", &[1, 2, 64, 65, 256, 257][..]),
        ] {
            for n in counts {
                out.push(Value::String(unit.repeat(*n)));
            }
        }
        out
    })
}

/// Member names a mutation gives: near misses of the real ones, and names no object has.
fn member_names() -> &'static [&'static str] {
    &[
        "zz",
        "ID",
        "Id",
        "id",
        "name",
        "state",
        "extra",
        "latestevent",
        "latestEvent",
        "request",
        "latest",
        "__proto__",
        "",
        "en",
        "same-brand",
        "no-such-rule",
        "enabled",
        "messages",
        "resourceTypes",
        "trial",
    ]
}

/// A place in a document: its JSON Pointer, and its parent's pointer and member name when its
/// parent is an object.
struct Place {
    pointer: String,
    member: Option<(String, String)>,
}

fn places(
    value: &Value,
    pointer: &mut String,
    out: &mut Vec<Place>,
    member: Option<(String, String)>,
) {
    out.push(Place {
        pointer: pointer.clone(),
        member,
    });
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                let len = pointer.len();
                push_pointer(pointer, key);
                let parent = pointer[..len].to_owned();
                places(item, pointer, out, Some((parent, key.clone())));
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                push_index(pointer, i);
                places(item, pointer, out, None);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn all_places(value: &Value) -> Vec<Place> {
    let mut out = Vec::new();
    places(value, &mut String::new(), &mut out, None);
    out
}

fn all_member_names(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                out.push(key.clone());
                all_member_names(item, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| all_member_names(item, out)),
        _ => {}
    }
}

/// A name for a member: one of `member_names()` or one the document uses somewhere.
fn some_name(value: &Value, pick: Index) -> String {
    let mut names: Vec<String> = member_names().iter().map(|n| (*n).to_owned()).collect();
    all_member_names(value, &mut names);
    names[pick.index(names.len())].clone()
}

/// Applies one mutation at the place `place` picks; a mutation that does not fit the place
/// (dropping the root, growing a string) changes nothing.
fn mutate(value: &mut Value, (mutation, place, pick): &(Mutation, Index, Index)) {
    let list = all_places(value);
    let at = &list[place.index(list.len())];
    let replacement = replacements()[pick.index(replacements().len())].clone();
    let new_name = some_name(value, *pick);
    let copy = {
        let from = &list[pick.index(list.len())];
        value.pointer(&from.pointer).cloned().unwrap_or(Value::Null)
    };
    let member = at.member.clone();
    let target = value
        .pointer_mut(&at.pointer)
        .expect("a place of the document");
    match mutation {
        Mutation::Replace => *target = replacement,
        Mutation::Number => *target = number_marker(NUMBER_TEXTS[pick.index(NUMBER_TEXTS.len())]),
        Mutation::Null => *target = Value::Null,
        Mutation::Copy => *target = copy,
        Mutation::Add => {
            if let Value::Object(map) = target {
                map.insert(new_name, replacement);
            }
        }
        Mutation::Grow => {
            if let Value::Array(items) = target {
                let item = items.first().cloned().unwrap_or(replacement);
                items.push(item);
            }
        }
        Mutation::Empty => match target {
            Value::Array(items) => items.clear(),
            Value::Object(map) => map.clear(),
            _ => {}
        },
        Mutation::Drop | Mutation::Rename => {
            let Some((parent, key)) = member else {
                return;
            };
            let map = value
                .pointer_mut(&parent)
                .and_then(Value::as_object_mut)
                .expect("the parent object");
            let moved = map.shift_remove(&key);
            if let (Mutation::Rename, Some(moved)) = (mutation, moved) {
                map.insert(new_name, moved);
            }
        }
    }
}

/// The document as JSON text, its number markers written as the numbers they stand for.
fn text_of(value: &Value) -> String {
    let mut text = serde_json::to_string(value).expect("a value is JSON");
    for number in NUMBER_TEXTS {
        let marker = serde_json::to_string(&number_marker(number)).expect("a string is JSON");
        text = text.replace(&marker, number);
    }
    text
}

/// Up to three mutations, a quarter of the documents none.
fn mutations() -> impl Strategy<Value = Vec<(Mutation, Index, Index)>> {
    vec((select(MUTATIONS), any::<Index>(), any::<Index>()), 0..4)
}

/// The JSON text of a document after the mutations.
fn mutated(mut value: Value, changes: &[(Mutation, Index, Index)]) -> String {
    for change in changes {
        mutate(&mut value, change);
    }
    text_of(&value)
}

/// Whether a context is accepted, when the types (reading the text, and reading its value)
/// and the context schema agree; what each says when they do not.
fn judge_context(validator: &Validator, text: &str) -> Result<bool, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e}): {text}"))?;
    let errors = validator.errors(&value);
    let from_text = serde_json::from_str::<Context>(text).map(drop);
    let from_value = <Context<'_> as Deserialize>::deserialize(&value).map(drop);
    let schema = errors.is_empty();
    if from_text.is_ok() == schema && from_value.is_ok() == schema {
        return Ok(schema);
    }
    Err(format!(
        "types and schema disagree on a context:\n  text: {text}\n  Context from the text: {from_text:?}\n  Context from the value: {from_value:?}\n  schema errors: {:?}",
        errors.iter().map(|e| format!("{} {}", e.instance_path, e.message)).collect::<Vec<_>>()
    ))
}

/// Whether a policy is accepted, when `Policy` and the policy schema agree.
fn judge_policy(validator: &Validator, value: &Value) -> Result<bool, String> {
    let errors = validator.errors(value);
    let typed = <Policy as Deserialize>::deserialize(value).map(drop);
    let schema = errors.is_empty();
    if typed.is_ok() == schema {
        return Ok(schema);
    }
    Err(format!(
        "types and schema disagree on a policy:\n  value: {value}\n  Policy: {typed:?}\n  schema errors: {:?}",
        errors.iter().map(|e| format!("{} {}", e.instance_path, e.message)).collect::<Vec<_>>()
    ))
}

/// Counts of accepted and refused documents, to show neither half of a property is vacuous.
#[derive(Default)]
struct Verdicts {
    accepted: std::cell::Cell<u32>,
    refused: std::cell::Cell<u32>,
}

impl Verdicts {
    fn count(&self, accepted: bool) {
        let cell = if accepted {
            &self.accepted
        } else {
            &self.refused
        };
        cell.set(cell.get() + 1);
    }

    fn assert_both(&self, what: &str) {
        let (accepted, refused) = (self.accepted.get(), self.refused.get());
        eprintln!("{what}: {accepted} accepted, {refused} refused");
        let share = cases() / 10;
        assert!(
            accepted > share && refused > share,
            "{what}: {accepted} accepted, {refused} refused"
        );
    }
}

#[test]
fn a_context_deserializes_into_the_types_if_and_only_if_it_validates_against_its_schema() {
    let schema = context_schema();
    let validator = Validator::new(&schema).expect("compiles");
    let documents = prop_oneof![contexts().boxed(), generator_for(&schema, &[])];
    let verdicts = Verdicts::default();
    runner()
        .run(&(documents, mutations()), |(context, changes)| {
            let text = mutated(context, &changes);
            let accepted = judge_context(&validator, &text).map_err(TestCaseError::fail)?;
            verdicts.count(accepted);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    verdicts.assert_both("contexts");
}

#[test]
fn a_policy_deserializes_into_the_types_if_and_only_if_it_validates_against_its_schema() {
    let schema = policy_schema();
    let validator = Validator::new(&schema).expect("compiles");
    let realistic = (
        subsequence(rule_ids(), 0..4),
        select(vec!["en", "de", "de-AT", "fr"]),
        any::<bool>(),
        subsequence(rule_ids(), 0..4),
    )
        .prop_map(|(disabled, locale, custom, overrides)| {
            policy(&disabled, locale, custom, &overrides)
        });
    let documents = prop_oneof![realistic.boxed(), generator_for(&schema, &[])];
    let verdicts = Verdicts::default();
    runner()
        .run(&(documents, mutations()), |(policy, changes)| {
            let text = mutated(policy, &changes);
            let value: Value = serde_json::from_str(&text)
                .map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
            let accepted = judge_policy(&validator, &value).map_err(TestCaseError::fail)?;
            verdicts.count(accepted);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    verdicts.assert_both("policies");
}

/// A context every rule allows, with every optional member present.
fn full_context() -> Value {
    json!({
        "now": "2024-05-01T10:00:00Z",
        "subscription": {
            "id": "5b0e1a2c-1111-4000-8000-000000000001", "ownerAccountId": "a0000000-2222-4000-8000-00000000000a",
            "name": "Office 365", "state": "active", "trial": false, "disabled": false
        },
        "sourceAccount": {
            "id": "a0000000-2222-4000-8000-00000000000a", "name": "Acme Ltd", "kind": "customer",
            "vendorId": 1, "brandId": "brand-1", "status": "active"
        },
        "targetAccount": {
            "id": "b0000000-3333-4000-8000-00000000000b", "name": "Beta GmbH", "kind": "customer",
            "vendorId": 1, "brandId": "brand-1", "status": "active"
        },
        "orders": [{ "id": 100, "state": "completed" }],
        "dependentSubscriptions": [{ "id": "SUB-9", "name": "Web 5", "reason": "shared_users", "resourceTypes": ["domains"] }],
        "billing": { "platform": "fusebill", "latest": null, "request": null }
    })
}

/// `full_context()` with the member at `pointer` set to `value` (`None`: removed).
fn context_with(pointer: &str, value: Option<Value>) -> Value {
    let mut c = full_context();
    let (parent, key) = pointer.rsplit_once('/').expect("a member pointer");
    let holder = c
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {parent}"));
    match value {
        Some(v) => {
            holder.insert(key.to_owned(), v);
        }
        None => {
            holder.shift_remove(key);
        }
    }
    c
}

/// A long text cut for a failure message (10,001 orders are too many to read).
fn shorten(text: &str) -> String {
    match text.char_indices().nth(2000) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

fn strings(unit: &str, len: usize) -> Value {
    Value::String(unit.repeat(len))
}

fn items(item: Value, n: usize) -> Value {
    Value::Array(vec![item; n])
}

/// A bound case: what it is, the document's JSON text, and whether the schema accepts it.
type Bound = (String, String, bool);

fn bound(what: impl Into<String>, context: Value, accepted: bool) -> Bound {
    (what.into(), text_of(&context), accepted)
}

/// Fails with every case where the types and the schema disagree, or agree on another verdict.
fn assert_bounds(cases: &[Bound], judge: impl Fn(&str) -> Result<bool, String>) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(what, text, accepted)| match judge(text) {
            Ok(verdict) if verdict == *accepted => None,
            Ok(verdict) => Some(format!("{what}: accepted {verdict}, expected {accepted}")),
            Err(why) => Some(format!("{what}: {}", shorten(&why))),
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Names: up to 256 characters (one- to four-byte ones), empty allowed, null not.
fn label_bounds() -> Vec<Bound> {
    let mut out = Vec::new();
    for at in [
        "/subscription/name",
        "/sourceAccount/name",
        "/targetAccount/name",
        "/dependentSubscriptions/0/name",
    ] {
        for unit in ["x", "é", "😀"] {
            out.push(bound(
                format!("{at}: 256 × {unit}"),
                context_with(at, Some(strings(unit, 256))),
                true,
            ));
            out.push(bound(
                format!("{at}: 257 × {unit}"),
                context_with(at, Some(strings(unit, 257))),
                false,
            ));
        }
        out.push(bound(
            format!("{at}: empty"),
            context_with(at, Some(json!(""))),
            true,
        ));
        out.push(bound(
            format!("{at}: null"),
            context_with(at, Some(Value::Null)),
            false,
        ));
        out.push(bound(format!("{at}: absent"), context_with(at, None), true));
    }
    out
}

/// Vendor, brand, order and dependent ids: a string of 1 to 256 characters or an integer.
fn ref_bounds() -> Vec<Bound> {
    let mut out = Vec::new();
    for at in [
        "/sourceAccount/vendorId",
        "/sourceAccount/brandId",
        "/targetAccount/vendorId",
        "/targetAccount/brandId",
        "/orders/0/id",
        "/dependentSubscriptions/0/id",
    ] {
        for (unit, len, accepted) in [
            ("x", 256, true),
            ("😀", 256, true),
            ("x", 257, false),
            ("😀", 257, false),
            ("", 0, false),
        ] {
            let value = strings(unit, len);
            out.push(bound(
                format!("{at}: {len} × {unit:?}"),
                context_with(at, Some(value)),
                accepted,
            ));
        }
        for (value, accepted) in [
            (json!(-3), true),
            (json!(1.5), false),
            (json!(true), false),
            (Value::Null, false),
        ] {
            out.push(bound(
                format!("{at}: {value}"),
                context_with(at, Some(value)),
                accepted,
            ));
        }
    }
    // Written as a host may write a whole number: an integer for JSON Schema and JavaScript.
    for (number, accepted) in [
        ("1.0", true),
        ("1e2", true),
        ("1E+2", true),
        ("-0", true),
        ("1.5", false),
        ("1e-1", false),
    ] {
        let text =
            text_of(&full_context()).replace("\"vendorId\":1,", &format!("\"vendorId\":{number},"));
        out.push((format!("vendorId {number}"), text, accepted));
    }
    out
}

/// APS ids: 8-4-4-4-12 hexadecimal digits in any case, nothing more.
fn aps_id_bounds() -> Vec<Bound> {
    let mut out = Vec::new();
    for at in [
        "/subscription/id",
        "/subscription/ownerAccountId",
        "/sourceAccount/id",
        "/targetAccount/id",
    ] {
        for (id, accepted) in [
            ("AAAAAAAA-2222-4000-8000-00000000000A", true),
            ("a0000000-2222-4000-8000-00000000000", false),
            ("urn:uuid:a0000000-2222-4000-8000-00000000000a", false),
            ("a0000000222240008000000000000000000a", false),
        ] {
            out.push(bound(
                format!("{at}: {id}"),
                context_with(at, Some(json!(id))),
                accepted,
            ));
        }
        out.push(bound(
            format!("{at}: a number"),
            context_with(at, Some(json!(5))),
            false,
        ));
    }
    out
}

/// Order states, resource types and the lists' lengths.
fn length_and_count_bounds() -> Vec<Bound> {
    let mut out = Vec::new();
    let types = "/dependentSubscriptions/0/resourceTypes";
    for (len, accepted) in [(0, false), (1, true), (64, true), (65, false)] {
        let state = Some(strings("ß", len));
        out.push(bound(
            format!("order state of {len}"),
            context_with("/orders/0/state", state),
            accepted,
        ));
    }
    for (len, accepted) in [(0, false), (1, true), (256, true), (257, false)] {
        let one = Some(json!([strings("é", len)]));
        out.push(bound(
            format!("resource type of {len}"),
            context_with(types, one),
            accepted,
        ));
    }
    for (n, accepted) in [(100, true), (101, false)] {
        let many = Some(items(json!("disk"), n));
        out.push(bound(
            format!("{n} resource types"),
            context_with(types, many),
            accepted,
        ));
    }
    let order = json!({ "id": 1, "state": "open" });
    let dependent = json!({ "id": 1, "reason": "shared_users" });
    for (n, accepted) in [(10_000, true), (10_001, false)] {
        let orders = Some(items(order.clone(), n));
        out.push(bound(
            format!("{n} orders"),
            context_with("/orders", orders),
            accepted,
        ));
        let dependents = Some(items(dependent.clone(), n));
        out.push(bound(
            format!("{n} dependents"),
            context_with("/dependentSubscriptions", dependents),
            accepted,
        ));
    }
    out
}

/// Null where absent is allowed and where it is not, and unknown members at every level.
fn null_and_unknown_member_bounds() -> Vec<Bound> {
    let mut out = Vec::new();
    for (at, accepted) in [
        ("/targetAccount", true),
        ("/billing/latest", true),
        ("/billing/request", true),
        ("/billing/latestEvent", false),
        ("/billing", false),
        ("/orders", false),
        ("/dependentSubscriptions", false),
        ("/dependentSubscriptions/0/resourceTypes", false),
        ("/subscription/trial", false),
        ("/subscription/disabled", false),
    ] {
        out.push(bound(
            format!("{at}: null"),
            context_with(at, Some(Value::Null)),
            accepted,
        ));
    }
    for parent in [
        "",
        "/subscription",
        "/sourceAccount",
        "/targetAccount",
        "/orders/0",
        "/dependentSubscriptions/0",
        "/billing",
    ] {
        let context = context_with(&format!("{parent}/zz"), Some(json!(1)));
        out.push(bound(
            format!("an unknown member of {parent:?}"),
            context,
            false,
        ));
    }
    out
}

/// Dates and enumerated names.
fn format_and_enum_bounds() -> Vec<Bound> {
    [
        ("/now", json!("2024-02-30T10:00:00Z"), false),
        ("/now", json!("2024-05-01T10:00:00+08"), false),
        ("/now", json!("2016-12-31T23:59:60Z"), true),
        ("/now", json!("2024-05-01 10:00:00z"), true),
        ("/subscription/state", json!("Active"), false),
        ("/sourceAccount/kind", json!("partner"), false),
        ("/targetAccount/status", json!("frozen"), false),
        ("/dependentSubscriptions/0/reason", json!("shared"), false),
        ("/billing/platform", json!("stripe"), false),
    ]
    .into_iter()
    .map(|(at, value, accepted)| {
        bound(
            format!("{at}: {value}"),
            context_with(at, Some(value)),
            accepted,
        )
    })
    .collect()
}

/// The rules between billing members: a Pismo record says which event it is, Chargebee has no
/// request.
fn billing_rule_bounds() -> Vec<Bound> {
    let pismo = json!({ "migration": {}, "entity": {} });
    [
        (json!({ "platform": "pismo", "latest": pismo }), false),
        (
            json!({ "platform": "pismo", "latest": pismo, "latestEvent": "customer_incoming" }),
            true,
        ),
        (json!({ "platform": "pismo", "latest": null }), true),
        (json!({ "platform": "pismo" }), true),
        (
            json!({ "platform": "pismo", "latestEvent": "customer_outgoing" }),
            true,
        ),
        (json!({ "platform": "chargebee", "request": {} }), false),
        (json!({ "platform": "chargebee", "request": null }), true),
        (
            json!({ "platform": "chargebee", "latest": {}, "latestEvent": "customer_incoming" }),
            true,
        ),
        (json!({ "platform": "fusebill", "request": {} }), true),
        (
            json!({ "platform": "billforward", "latest": [], "request": {} }),
            false,
        ),
        (json!({ "latest": null }), false),
    ]
    .into_iter()
    .map(|(billing, accepted)| {
        bound(
            format!("billing {billing}"),
            context_with("/billing", Some(billing)),
            accepted,
        )
    })
    .collect()
}

/// Each bound of the context schema, at and over it, and each rule between members: the types
/// and the schema agree, and on what the schema says.
#[test]
fn context_types_and_schema_agree_at_every_bound() {
    let validator = Validator::new(&context_schema()).expect("compiles");
    let cases = [
        vec![bound("the full context", full_context(), true)],
        label_bounds(),
        ref_bounds(),
        aps_id_bounds(),
        length_and_count_bounds(),
        null_and_unknown_member_bounds(),
        format_and_enum_bounds(),
        billing_rule_bounds(),
    ]
    .concat();
    assert_bounds(&cases, |text| judge_context(&validator, text));
}

/// `{"customRules": [rule]}` for a valid custom rule with `changes` made to it.
fn custom_rule(changes: Value) -> Value {
    let mut rule = json!({ "id": "c", "require": true, "message": { "en": "no" } });
    for (k, v) in changes.as_object().expect("an object") {
        rule[k] = v.clone();
    }
    json!({ "customRules": [rule] })
}

/// The policy's members, one wrong at a time.
fn policy_member_bounds() -> Vec<(&'static str, Value, bool)> {
    vec![
        ("no policy", json!({}), true),
        (
            "a full policy",
            policy(&["same-brand"], "de-AT", true, &["orders-final"]),
            true,
        ),
        ("a string", json!("policy"), false),
        ("a number", json!(1), false),
        ("an unknown member", json!({ "colour": "red" }), false),
        ("null rules", json!({ "rules": null }), false),
        (
            "an unknown rule",
            json!({ "rules": { "no-such-rule": {} } }),
            false,
        ),
        (
            "a rule set to null",
            json!({ "rules": { "same-brand": null } }),
            false,
        ),
        (
            "a rule with an unknown member",
            json!({ "rules": { "same-brand": { "on": true } } }),
            false,
        ),
        (
            "enabled: null",
            json!({ "rules": { "same-brand": { "enabled": null } } }),
            false,
        ),
        (
            "messages: null",
            json!({ "rules": { "same-brand": { "messages": null } } }),
            false,
        ),
        (
            "no messages",
            json!({ "rules": { "same-brand": { "messages": {} } } }),
            false,
        ),
        (
            "an empty rule",
            json!({ "rules": { "same-brand": {} } }),
            true,
        ),
        ("null custom rules", json!({ "customRules": null }), false),
        ("a custom rule", custom_rule(json!({})), true),
        (
            "without require",
            json!({ "customRules": [{ "id": "c", "message": { "en": "no" } }] }),
            false,
        ),
        (
            "without en",
            custom_rule(json!({ "message": { "de": "nein" } })),
            false,
        ),
        (
            "with EN",
            custom_rule(json!({ "message": { "EN": "no" } })),
            false,
        ),
        ("when: a number", custom_rule(json!({ "when": 1 })), false),
        ("when: null", custom_rule(json!({ "when": null })), false),
        ("when: false", custom_rule(json!({ "when": false })), true),
        (
            "require: a schema the engine refuses",
            custom_rule(json!({ "require": { "pattern": "x" } })),
            true,
        ),
        (
            "require: an array",
            custom_rule(json!({ "require": [] })),
            false,
        ),
        (
            "enabled: a string",
            custom_rule(json!({ "enabled": "no" })),
            false,
        ),
        ("code: null", custom_rule(json!({ "code": null })), false),
        (
            "final states listed twice",
            json!({ "finalOrderStates": ["a", "a"] }),
            false,
        ),
        (
            "final states differing in case",
            json!({ "finalOrderStates": ["a", "A"] }),
            true,
        ),
        ("no final states", json!({ "finalOrderStates": [] }), false),
        (
            "a final state that is a number",
            json!({ "finalOrderStates": [1] }),
            false,
        ),
    ]
}

/// Lengths of texts and lists, at and over each bound.
fn policy_length_bounds() -> Vec<(String, Value, bool)> {
    let mut out = Vec::new();
    for (len, accepted) in [(1, false), (2, true), (35, true), (36, false)] {
        let tag = strings("é", len);
        out.push((
            format!("locale of {len}"),
            json!({ "locale": tag }),
            accepted,
        ));
        let messages =
            json!({ "rules": { "same-brand": { "messages": { tag.as_str().unwrap(): "x" } } } });
        out.push((format!("message locale of {len}"), messages, accepted));
    }
    for (len, accepted) in [(0, false), (1, true), (1000, true), (1001, false)] {
        let text = strings("😀", len);
        let messages = json!({ "rules": { "same-brand": { "messages": { "en": text } } } });
        out.push((format!("message of {len}"), messages, accepted));
        let custom = custom_rule(json!({ "message": { "en": text } }));
        out.push((format!("custom message of {len}"), custom, accepted));
    }
    for (len, accepted) in [(0, false), (1, true), (64, true), (65, false)] {
        let text = strings("ß", len);
        out.push((
            format!("custom id of {len}"),
            custom_rule(json!({ "id": text })),
            accepted,
        ));
        out.push((
            format!("custom code of {len}"),
            custom_rule(json!({ "code": text })),
            accepted,
        ));
        out.push((
            format!("final state of {len}"),
            json!({ "finalOrderStates": [text] }),
            accepted,
        ));
    }
    for (n, accepted) in [(100, true), (101, false)] {
        let states: Vec<Value> = (0..n).map(|i| json!(format!("s{i}"))).collect();
        out.push((
            format!("{n} final states"),
            json!({ "finalOrderStates": states }),
            accepted,
        ));
        let rules: Vec<Value> = (0..n)
            .map(|i| custom_rule(json!({ "id": format!("c{i}") }))["customRules"][0].clone())
            .collect();
        out.push((
            format!("{n} custom rules"),
            json!({ "customRules": rules }),
            accepted,
        ));
    }
    out
}

/// Each bound of the policy schema, at and over it: the types and the schema agree, and on what
/// the schema says.
#[test]
fn policy_types_and_schema_agree_at_every_bound() {
    let validator = Validator::new(&policy_schema()).expect("compiles");
    let members = policy_member_bounds()
        .into_iter()
        .map(|(what, p, ok)| (what.to_owned(), p, ok));
    let cases: Vec<Bound> = members
        .chain(policy_length_bounds())
        .map(|(what, policy, accepted)| (what, text_of(&policy), accepted))
        .collect();
    assert_bounds(&cases, |text| {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("{e}: {text}"))?;
        judge_policy(&validator, &value)
    });
}

/// serde reads a struct from a JSON array of its fields in order as well as from an object; the
/// schemas want objects. Contexts and policies (and each object in them) written as arrays must be
/// refused by the types as by the schema, and a context so written is an INVALID_CONTEXT error of
/// the pre-check, whether given as a value or as text.
#[test]
fn structs_written_as_arrays_are_refused_as_the_schema_refuses_them() {
    let sub = "5b0e1a2c-1111-4000-8000-000000000001";
    let src = "a0000000-2222-4000-8000-00000000000a";
    let tgt = "b0000000-3333-4000-8000-00000000000b";
    let account = |id: &str| json!([id, "Acme", "customer", 1, "b", "active"]);
    let contexts = [
        (
            "the whole context",
            json!([
                "2024-05-01T10:00:00Z",
                [sub, src, "Office", "active"],
                account(src),
                account(tgt)
            ]),
        ),
        (
            "the subscription",
            context_with("/subscription", Some(json!([sub, src, "Office", "active"]))),
        ),
        (
            "the source account",
            context_with("/sourceAccount", Some(account(src))),
        ),
        (
            "the target account",
            context_with("/targetAccount", Some(account(tgt))),
        ),
        (
            "an order",
            context_with("/orders", Some(json!([[7, "open"]]))),
        ),
        (
            "a dependent",
            context_with(
                "/dependentSubscriptions",
                Some(json!([[7, "Web", "shared_users"]])),
            ),
        ),
        (
            "the billing part",
            context_with("/billing", Some(json!(["fusebill"]))),
        ),
    ];
    let context_validator = Validator::new(&context_schema()).expect("compiles");
    let checker = PreChecker::new(&Value::Null).expect("the default policy");
    let set = json!({ "targetAccount": tgt });
    let set_text = set.to_string();
    let mut failures = Vec::new();
    for (what, context) in &contexts {
        let text = text_of(context);
        match judge_context(&context_validator, &text) {
            Ok(false) => {}
            Ok(true) => failures.push(format!("{what}: accepted by types and schema: {text}")),
            Err(why) => failures.push(format!("{what}: {why}")),
        }
        let checked = checker.check(&set, context);
        if !matches!(&checked, Err(e) if e.code.as_str() == "INVALID_CONTEXT") {
            failures.push(format!(
                "{what}: check answers {checked:?}, not INVALID_CONTEXT: {text}"
            ));
        }
        let fast = checker.check_json(Some(set_text.as_bytes()), text.as_bytes());
        if !matches!(&fast, Err(ContextInputError::Invalid(e)) if e.code.as_str() == "INVALID_CONTEXT")
        {
            failures.push(format!(
                "{what}: check_json answers {fast:?}, not INVALID_CONTEXT: {text}"
            ));
        }
    }
    let policy_validator = Validator::new(&policy_schema()).expect("compiles");
    for (what, policy) in [
        ("the whole policy", json!([])),
        ("the whole policy, with a locale", json!(["de"])),
        (
            "a rule's settings",
            json!({ "rules": { "same-brand": [] } }),
        ),
        (
            "a rule's settings, with enabled",
            json!({ "rules": { "same-brand": [false] } }),
        ),
        (
            "a custom rule",
            json!({ "customRules": [["c", "CODE", true, true, false, { "en": "no" }]] }),
        ),
    ] {
        match judge_policy(&policy_validator, &policy) {
            Ok(false) => {}
            Ok(true) => failures.push(format!("{what}: accepted by types and schema: {policy}")),
            Err(why) => failures.push(format!("{what}: {why}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ------------------------------------------------------------------ 6. custom rules see the part they reach

/// Custom rules over the context, each `(when, require)`: between them they use every keyword
/// that `src/precheck/reach.rs` cuts the context by (members by name, presence, combinators,
/// conditionals, dependencies), keywords of scalars and arrays, defaults (`trial`, `orders`),
/// open records (`billing.latest`, with fractions) and one keyword that takes a member whole.
fn custom_rule_pool() -> Vec<(Value, Value)> {
    vec![
        (
            json!({ "properties": { "subscription": { "properties": { "trial": { "const": true } } } } }),
            json!(false),
        ),
        (
            json!({ "properties": { "subscription": { "required": ["name"] } } }),
            json!({ "properties": { "subscription": { "properties": { "name": { "minLength": 6 } } } } }),
        ),
        (
            json!(true),
            json!({ "properties": { "orders": { "maxItems": 1, "items": { "properties": { "state": { "enum": ["completed", "cancelled"] } } } } } }),
        ),
        (
            json!({ "required": ["billing"], "properties": { "billing": { "properties": { "platform": { "enum": ["fusebill", "pismo"] } } } } }),
            json!({ "properties": { "billing": { "required": ["request"], "properties": { "request": { "type": "object", "required": ["customerId"] } } } } }),
        ),
        (
            json!({ "anyOf": [{ "properties": { "targetAccount": { "type": "null" } } }, { "not": { "required": ["targetAccount"] } }] }),
            json!(false),
        ),
        (
            json!({
                "if": { "properties": { "sourceAccount": { "properties": { "kind": { "const": "reseller" } } } } },
                "then": { "properties": { "subscription": { "properties": { "disabled": { "const": false } } } } },
                "else": false
            }),
            json!({ "dependentRequired": { "billing": ["orders"] }, "properties": { "dependentSubscriptions": { "maxItems": 0 } } }),
        ),
        (
            json!({ "properties": { "billing": { "properties": { "latest": { "type": "object" } } } } }),
            json!({ "properties": { "billing": { "properties": { "latest": { "required": ["id"], "properties": { "id": { "type": "string", "maxLength": 8 } } } } } } }),
        ),
        (
            json!({ "dependentSchemas": { "targetAccount": { "properties": { "targetAccount": { "properties": { "brandId": { "const": "b1" } } } } } } }),
            json!({ "properties": { "subscription": { "properties": { "state": { "not": { "enum": ["graced", "expired"] } } } } } }),
        ),
        (
            json!({ "properties": { "sourceAccount": { "additionalProperties": { "type": "string" } } } }),
            json!({ "allOf": [{ "properties": { "now": { "format": "date-time", "pattern": "^2" } } }, { "properties": { "orders": { "items": { "properties": { "id": { "type": "string" } } } } } }] }),
        ),
    ]
}

/// A policy of custom rules (`rules` index the pool); with `whole`, the first rule's `when`
/// also has `minProperties: 0`, which changes no verdict but can see every member of the
/// context, so that policy's rules are given the whole context.
fn custom_policy(rules: &[usize], locale: &str, whole: bool) -> Value {
    let pool = custom_rule_pool();
    let mut custom = Vec::new();
    for (n, (when, require)) in rules.iter().filter_map(|&i| pool.get(i)).enumerate() {
        let mut when = when.clone();
        if whole && n == 0 {
            when = match when {
                Value::Object(mut map) => {
                    map.insert("minProperties".to_owned(), json!(0));
                    Value::Object(map)
                }
                Value::Bool(true) => json!({ "minProperties": 0 }),
                _ => json!({ "minProperties": 0, "not": {} }),
            };
        }
        custom.push(json!({
            "id": format!("rule-{n}"), "code": format!("RULE_{n}"), "when": when, "require": require,
            "message": { "en": format!("Rule {n} refuses {{subscription}}."), "de": format!("Regel {n}: nein.") }
        }));
    }
    json!({ "locale": locale, "customRules": custom })
}

#[test]
fn custom_rules_judge_the_part_of_the_context_they_reach_as_they_judge_the_whole() {
    let pool = custom_rule_pool().len();
    let strategy = (
        migration_sets(),
        contexts(),
        vec(0..pool, 1..4),
        select(vec!["en", "de"]),
    );
    let refused_seen = std::cell::Cell::new(0);
    runner()
        .run(&strategy, |(migration_set, context, rules, locale)| {
            // explain() also holds check, explain_json and check_json to the same report: the
            // part read from the text and the part copied from the value.
            let part = explain(
                &custom_policy(&rules, locale, false),
                &migration_set,
                &context,
            )?;
            let whole = explain(
                &custom_policy(&rules, locale, true),
                &migration_set,
                &context,
            )?;
            prop_assert_eq!(&part, &whole);
            if part
                .failed
                .iter()
                .any(|f| matches!(f.rule, RuleRef::Custom(_)))
            {
                refused_seen.set(refused_seen.get() + 1);
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let refused = refused_seen.get();
    eprintln!("custom rules on part of the context: {refused} cases refused by a custom rule");
    assert!(
        refused > cases() / 10,
        "refused by a custom rule in {refused} cases"
    );
}
