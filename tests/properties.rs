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
//! 4. the message of a refusal names every refusal; a broken context is an INVALID_CONTEXT error.
//!
//! Values come from a small generator of JSON Schema (below): it covers the keywords the shipped
//! schemas use and panics on one it does not know, so a new keyword cannot make a property vacuous.
//! Each property runs CASES cases by default (`PROPTEST_CASES` overrides it). Failures are saved to
//! tests/properties.proptest-regressions (checked in) and replayed first on every run.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency

use aps_migratable::aps::{migratable_type, structure_schema};
use aps_migratable::billing::{contract_ids, contract_schema};
use aps_migratable::json;
use aps_migratable::json::push_pointer;
use aps_migratable::json::{Map, Value};
use aps_migratable::precheck::rules::BUILT_IN;
use aps_migratable::precheck::{context_schema, policy_schema, PreChecker, Report};
use aps_migratable::schema::Validator;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

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

fn resolve<'a>(root: &'a Value, reference: &str) -> &'a Value {
    let pointer = reference.strip_prefix('#').expect("a local $ref");
    root.pointer(pointer)
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
            base.remove("anyOf");
            base.remove("oneOf");
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
        merged.remove("allOf");
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
                .any(|k| map.contains_key(k)) =>
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
            .filter(|n| !properties.contains_key(n))
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
                if let Some(k) = forced.filter(|k| !properties.contains_key(k)) {
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
                    out.remove(name);
                }
            }
            "properties" => {
                for (name, s) in v.as_object().into_iter().flatten() {
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
        .map(|id| (id.to_owned(), contract_schema(id).expect("a contract")))
        .collect();
    all.push(("context".to_owned(), context_schema()));
    all.push(("policy".to_owned(), policy_schema()));
    for name in ["MigrationSet", "MigrationPreCheckResult"] {
        let schema = structure_schema(&migratable_type(), name).expect("a structure");
        all.push((format!("aps {name}"), schema));
    }
    all
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
                aps_migratable::json::push_index(pointer, i);
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
            place.as_object_mut().expect("an object").remove(name);
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
            && e.keyword == b.keyword
            && b.params.as_ref().map_or(true, |p| &e.params == p)
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
                        .filter(|e| e.keyword == "additionalProperties")
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
                        &additional[0].params,
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
    let gen = |id: &str| generator_for(&contract_schema(id).expect("a contract"), &[]);
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
        checker.explain(migration_set, context).map(|r| r.result()),
        checker.check(migration_set, context),
    ] {
        let Err(e) = result else {
            return Err(TestCaseError::fail(format!(
                "{b:?}: the broken context was accepted: {context}"
            )));
        };
        prop_assert_eq!(e.code, "INVALID_CONTEXT");
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
    BUILT_IN.iter().map(|r| r.id).collect()
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
    if result != report.result() {
        return Err(TestCaseError::fail(format!(
            "check {result} != explain {:?}",
            report.result()
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
        subsequence(rule_ids(), 0..=BUILT_IN.len()),
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
                if base.can_migrate() {
                    prop_assert!(
                        relaxed.can_migrate(),
                        "allowed with {fewer:?} disabled, refused with {more:?}: {:?}",
                        relaxed.failed
                    );
                }
                // What refuses with more rules off refused before too, and no disabled rule refuses.
                for failure in &relaxed.failed {
                    prop_assert!(
                        !more.contains(&failure.rule.as_str()),
                        "{} is disabled",
                        failure.rule
                    );
                    prop_assert!(
                        base.failed.iter().any(|f| f.rule == failure.rule),
                        "{} refuses only when more rules are off",
                        failure.rule
                    );
                }
                for id in &more {
                    prop_assert!(
                        relaxed.disabled.iter().any(|d| d == id),
                        "{id} not listed as disabled"
                    );
                }
                let seen = if base.can_migrate() {
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
                let result = report.result();
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
