//! What a policy's schema cannot say: message templates may only use their rule's placeholders,
//! custom rule ids are unique, and custom rules' schemas compile. These checks read the policy as
//! written (a JSON value), so they report their problems beside the schema's, whatever else is
//! wrong: one `PolicyError` lists every problem.

use super::messages::placeholders;
use super::rules::{BuiltInRule, COMMON_PARAMS};
use crate::pointer::push_pointer;
use crate::schema::{ErrorKeyword, Params, ValidationError, Validator};
use serde_json::{Map, Value};

fn policy_error(
    path: &str,
    keyword: ErrorKeyword,
    params: Params,
    message: String,
) -> ValidationError {
    ValidationError {
        instance_path: path.to_owned(),
        schema_path: String::new(),
        keyword,
        params,
        message,
    }
}

/// Checks that a template only uses the placeholders a rule provides (and the common ones).
fn check_placeholders(
    template: &str,
    allowed: &[&'static str],
    path: &str,
    errors: &mut Vec<ValidationError>,
) {
    for name in placeholders(template) {
        if !allowed.contains(&name) && !COMMON_PARAMS.contains(&name) {
            let mut known: Vec<&'static str> = allowed.to_vec();
            known.extend_from_slice(COMMON_PARAMS);
            let message = format!(
                "unknown placeholder {{{name}}}; this message may use {}",
                known.join(", ")
            );
            let params = Params::Placeholder {
                placeholder: name.to_owned(),
                allowed: known,
            };
            errors.push(policy_error(
                path,
                ErrorKeyword::Placeholder,
                params,
                message,
            ));
        }
    }
}

/// The placeholders of each text of a `{locale: text}` object at `path`.
fn check_texts(
    texts: Option<&Value>,
    allowed: &[&'static str],
    path: &str,
    errors: &mut Vec<ValidationError>,
) {
    let Some(Value::Object(texts)) = texts else {
        return;
    };
    for (tag, text) in texts {
        if let Some(text) = text.as_str() {
            let mut at = path.to_owned();
            push_pointer(&mut at, tag);
            check_placeholders(text, allowed, &at, errors);
        }
    }
}

/// The built-in rules' message overrides.
fn check_rules(rules: &Map<String, Value>, errors: &mut Vec<ValidationError>) {
    for (id, settings) in rules {
        let Some(rule) = BuiltInRule::from_name(id) else {
            continue; // the schema reports it
        };
        for (key, allowed) in [
            ("messages", rule.params()),
            ("missingDataMessages", &["data"][..]),
        ] {
            let mut path = String::from("/rules");
            push_pointer(&mut path, id);
            push_pointer(&mut path, key);
            check_texts(settings.get(key), allowed, &path, errors);
        }
    }
}

/// A custom rule's schema: a `schema` error when it does not compile.
fn check_schema(schema: Option<&Value>, path: String, errors: &mut Vec<ValidationError>) {
    let Some(schema @ (Value::Object(_) | Value::Bool(_))) = schema else {
        return; // absent (when: true) or not a schema (the schema reports it)
    };
    if let Err(e) = Validator::new(schema) {
        let params = Params::Schema {
            code: e.code,
            schema_path: e.schema_path.clone(),
        };
        errors.push(policy_error(&path, ErrorKeyword::Schema, params, e.message));
    }
}

/// The custom rules: unique ids, schemas that compile, placeholders (none of their own).
fn check_custom_rules(rules: &[Value], errors: &mut Vec<ValidationError>) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let at = format!("/customRules/{i}");
        if let Some(id) = rule.get("id").and_then(Value::as_str) {
            if BuiltInRule::from_name(id).is_some() || seen.contains(&id) {
                errors.push(policy_error(
                    &format!("{at}/id"),
                    ErrorKeyword::UniqueId,
                    Params::None {},
                    format!("rule id \"{id}\" is already used by another rule"),
                ));
            }
            seen.push(id);
        }
        if rule.get("enabled") == Some(&Value::Bool(false)) {
            continue; // a rule that is off is not compiled
        }
        check_schema(rule.get("when"), format!("{at}/when"), errors);
        check_schema(rule.get("require"), format!("{at}/require"), errors);
        check_texts(rule.get("message"), &[], &format!("{at}/message"), errors);
    }
}

/// Every problem of a policy that its schema does not find.
pub fn check(policy: &Value) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    if let Some(Value::Object(rules)) = policy.get("rules") {
        check_rules(rules, &mut errors);
    }
    if let Some(Value::Array(rules)) = policy.get("customRules") {
        check_custom_rules(rules, &mut errors);
    }
    errors
}
