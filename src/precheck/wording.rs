//! The wording of a policy's or a context's errors for the person who wrote it: an unknown
//! property and a property name that is not allowed are named in the message, with what is
//! allowed (`unknown property "locle"; allowed: locale, rules, finalOrderStates, customRules`).
//! `keyword` and `params` stay ajv's, for programs.

use crate::pointer::{percent_decode, resolve_pointer};
use crate::schema::{ErrorKeyword, Params, ValidationError};
use crate::value::display_text;

/// Longest text of a name quoted in a message (names come from the caller's input).
const NAME_CHARS: usize = 64;
use serde_json::Value;

/// The schema node an error's `schemaPath` names, without its last token (the keyword).
fn keyword_owner<'s>(schema: &'s Value, schema_path: &str) -> Option<&'s Value> {
    let path = schema_path.strip_prefix('#')?;
    let (owner, _keyword) = path.rsplit_once('/')?;
    resolve_pointer(schema, &percent_decode(owner)?)
}

/// The property names a schema node declares.
fn declared(node: &Value) -> Vec<&str> {
    node.get("properties")
        .and_then(Value::as_object)
        .map(|props| props.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// The values an `enum` allows, as text.
fn allowed_values(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| {
            v.as_str()
                .map_or_else(|| crate::value::to_text(v), str::to_owned)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The errors with messages that name the culprit (see the module's documentation).
pub fn name_culprits(mut errors: Vec<ValidationError>, schema: &Value) -> Vec<ValidationError> {
    for i in 0..errors.len() {
        let Some(error) = errors.get(i) else { continue };
        match (&error.keyword, &error.params) {
            (
                ErrorKeyword::AdditionalProperties,
                Params::AdditionalProperties {
                    additional_property,
                },
            ) => {
                let additional_property = display_text(additional_property, NAME_CHARS);
                let allowed = keyword_owner(schema, &error.schema_path)
                    .map(declared)
                    .unwrap_or_default();
                let message = if allowed.is_empty() {
                    format!("unknown property \"{additional_property}\"")
                } else {
                    format!(
                        "unknown property \"{additional_property}\"; allowed: {}",
                        allowed.join(", ")
                    )
                };
                if let Some(e) = errors.get_mut(i) {
                    e.message = message;
                }
            }
            (ErrorKeyword::PropertyNames, Params::PropertyNames { property_name }) => {
                let (name, base) = (
                    display_text(property_name, NAME_CHARS),
                    format!("{}/", error.schema_path),
                );
                // The name's own errors come just before it, under this propertyNames.
                for j in (0..i).rev() {
                    let Some(inner) = errors.get_mut(j) else {
                        break;
                    };
                    if !inner.schema_path.starts_with(&base) {
                        break;
                    }
                    inner.message = match &inner.params {
                        Params::Enum {
                            allowed_values: values,
                        } => {
                            format!(
                                "property name \"{name}\" is not one of {}",
                                allowed_values(values)
                            )
                        }
                        _ => format!("property name \"{name}\" {}", inner.message),
                    };
                }
                if let Some(e) = errors.get_mut(i) {
                    e.message = format!("property name \"{name}\" is not valid");
                }
            }
            _ => {}
        }
    }
    errors
}
