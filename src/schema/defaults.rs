//! Fills absent properties with their schema `default`s, following `$ref`, `allOf`,
//! `properties` and `items`.

use super::keywords::DefaultTargets;
use super::node::{Compiled, Node};
use crate::limits::MAX_NESTING;
use serde_json::Value;

/// True when [`apply`] would fill in anything: a default of node `index` (or of a subschema it
/// applies) is declared for a property that `value` lacks.
pub fn applies(compiled: &Compiled, index: usize, value: &Value, depth: usize) -> bool {
    if depth > MAX_NESTING {
        return false;
    }
    let Some(at) = compiled.nodes.get(index) else {
        return false;
    };
    match &at.node {
        Node::Ref(target) => applies(compiled, *target, value, depth + 1),
        Node::Keywords(keywords) => {
            if let Value::Object(map) = value {
                if at.defaults.iter().any(|(name, _)| !map.contains_key(name)) {
                    return true;
                }
            }
            keywords
                .iter()
                .any(|keyword| match (keyword.default_targets(), value) {
                    (DefaultTargets::Properties(props), Value::Object(map)) => {
                        props.iter().any(|(name, sub)| {
                            map.get(name)
                                .is_some_and(|v| applies(compiled, *sub, v, depth + 1))
                        })
                    }
                    (DefaultTargets::Items(sub), Value::Array(items)) => items
                        .iter()
                        .any(|item| applies(compiled, sub, item, depth + 1)),
                    (DefaultTargets::Same(list), _) => list
                        .iter()
                        .any(|sub| applies(compiled, *sub, value, depth + 1)),
                    _ => false,
                })
        }
        Node::Bool(_) | Node::Pending => false,
    }
}

/// Fills in the defaults of node `index` (and its subschemas) in `value`.
pub fn apply(compiled: &Compiled, index: usize, value: &mut Value, depth: usize) {
    if depth > MAX_NESTING {
        return;
    }
    let Some(at) = compiled.nodes.get(index) else {
        return;
    };
    match &at.node {
        Node::Ref(target) => apply(compiled, *target, value, depth + 1),
        Node::Keywords(keywords) => {
            if let Value::Object(map) = value {
                for (name, default) in &at.defaults {
                    if !map.contains_key(name) {
                        map.insert(name.clone(), default.clone());
                    }
                }
            }
            for keyword in keywords {
                match keyword.default_targets() {
                    DefaultTargets::Properties(props) => {
                        if let Value::Object(map) = value {
                            for (name, sub) in props {
                                if let Some(v) = map.get_mut(name) {
                                    apply(compiled, *sub, v, depth + 1);
                                }
                            }
                        }
                    }
                    DefaultTargets::Items(sub) => {
                        if let Value::Array(items) = value {
                            for item in items {
                                apply(compiled, sub, item, depth + 1);
                            }
                        }
                    }
                    DefaultTargets::Same(list) => {
                        for sub in list {
                            apply(compiled, *sub, value, depth + 1);
                        }
                    }
                    DefaultTargets::None => {}
                }
            }
        }
        Node::Bool(_) | Node::Pending => {}
    }
}
