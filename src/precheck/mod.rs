//! The Migratable `migrationPreCheck`: built-in rules and policy-defined custom rules over a
//! context the host assembles, with one plain-text, localized message for the user.

pub mod messages;
pub mod rules;

use crate::aps;
use crate::json;
use crate::json::{display_value, object, push_pointer};
use crate::json::{Map, Value};
use crate::schema::{errors_to_json, SchemaError, ValidationError, Validator};
use messages::{catalog_for, fill, pick_localized, placeholders, Catalog};
use rules::{built_in, Facts, Outcome, BUILT_IN, COMMON_PARAMS};
use std::sync::OnceLock;

/// The JSON Schema of the pre-check context.
pub const CONTEXT_SCHEMA: &str = embedded_json!("precheck/context.schema.json");
/// The JSON Schema of a pre-check policy.
pub const POLICY_SCHEMA: &str = embedded_json!("precheck/policy.schema.json");

/// Longest text of one parameter in a message; longer input is cut with `…`.
const PARAM_DISPLAY_CHARS: usize = 64;
/// Longest text of one problem of an invalid billing request in a message.
const PROBLEM_DISPLAY_CHARS: usize = 160;
/// How many items of a list parameter (orders, subscriptions, problems) a message names.
const LIST_DISPLAY_ITEMS: usize = 3;

/// A misuse by the calling program: a policy or a context that does not match its schema.
#[derive(Clone, Debug, PartialEq)]
pub struct PrecheckError {
    /// `INVALID_POLICY`, `INVALID_CONTEXT` or `INTERNAL`.
    pub code: &'static str,
    /// Plain-text summary naming the first problems.
    pub message: String,
    /// Every problem, in the engine's error shape.
    pub errors: Vec<ValidationError>,
}

impl PrecheckError {
    fn from_errors(code: &'static str, what: &str, errors: Vec<ValidationError>) -> PrecheckError {
        let listed: Vec<String> = errors
            .iter()
            .take(3)
            .map(|e| {
                let at = if e.instance_path.is_empty() {
                    "/"
                } else {
                    &e.instance_path
                };
                format!("{at} {}", e.message)
            })
            .collect();
        let more = errors.len().saturating_sub(listed.len());
        let tail = if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        };
        PrecheckError {
            code,
            message: format!("invalid {what}: {}{tail}", listed.join("; ")),
            errors,
        }
    }

    fn internal(error: &SchemaError) -> PrecheckError {
        PrecheckError {
            code: "INTERNAL",
            message: format!("built-in schema failed to compile: {error}"),
            errors: Vec::new(),
        }
    }
}

impl std::fmt::Display for PrecheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The embedded schemas, compiled once per instance of the module.
struct Shared {
    context: Validator,
    policy: Validator,
    migration_set: Validator,
}

fn shared() -> Result<&'static Shared, PrecheckError> {
    static SHARED: OnceLock<Result<Shared, SchemaError>> = OnceLock::new();
    let built = SHARED.get_or_init(|| {
        let parse = |text: &str| crate::json::from_str(text).unwrap_or(Value::Null);
        Ok(Shared {
            context: Validator::new(&parse(CONTEXT_SCHEMA))?,
            policy: Validator::new(&parse(POLICY_SCHEMA))?,
            migration_set: aps::structure_validator(&aps::migratable_type(), "MigrationSet")?,
        })
    });
    built.as_ref().map_err(PrecheckError::internal)
}

/// The context schema as JSON.
pub fn context_schema() -> Value {
    crate::json::from_str(CONTEXT_SCHEMA).unwrap_or(Value::Null)
}

/// The policy schema as JSON.
pub fn policy_schema() -> Value {
    crate::json::from_str(POLICY_SCHEMA).unwrap_or(Value::Null)
}

/// A custom rule from a policy.
#[derive(Debug)]
struct CustomRule {
    id: String,
    code: String,
    when: Validator,
    require: Validator,
    messages: Map,
}

/// A compiled policy, ready to check any number of moves.
#[derive(Debug)]
pub struct PreChecker {
    /// The locale the policy asked for: overrides and custom messages are looked up by it.
    requested_locale: String,
    /// The built-in catalogue it resolved to (exact tag, language, or English).
    catalog: &'static Catalog,
    disabled: Vec<&'static str>,
    overrides: Vec<(&'static str, Map)>,
    final_states: Vec<String>,
    custom: Vec<CustomRule>,
    /// Custom rules the policy turned off.
    disabled_custom: Vec<String>,
}

/// One rule that refused the move.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// The rule id.
    pub rule: String,
    /// The refusal code.
    pub code: String,
    /// The localized sentence for this reason.
    pub message: String,
    /// What the rule found.
    pub params: Map,
}

/// The full outcome of a pre-check.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Every rule that refused, most important first.
    pub failed: Vec<Failure>,
    /// Rules that held.
    pub passed: Vec<String>,
    /// Rules that could not be judged because an earlier refusal took away what they need.
    pub skipped: Vec<String>,
    /// Rules the policy turned off.
    pub disabled: Vec<String>,
    /// The locale of the messages.
    pub locale: String,
    /// The context's `now`.
    pub checked_at: String,
    /// The one message for the user, when the move is refused.
    pub message: Option<String>,
}

impl Report {
    /// True when no rule refused.
    pub fn can_migrate(&self) -> bool {
        self.failed.is_empty()
    }

    /// The APS `MigrationPreCheckResult`: `{canMigrate: true}` or `{canMigrate: false, message}`.
    pub fn result(&self) -> Value {
        match &self.message {
            None => json!({ "canMigrate": true }),
            Some(message) => json!({ "canMigrate": false, "message": message }),
        }
    }

    /// The whole report as JSON.
    pub fn to_json(&self) -> Value {
        let failed: Vec<Value> = self
            .failed
            .iter()
            .map(|f| {
                json!({ "rule": f.rule, "code": f.code, "message": f.message, "params": f.params })
            })
            .collect();
        let mut out = json!({
            "canMigrate": self.can_migrate(),
            "locale": self.locale,
            "checkedAt": self.checked_at,
            "failed": failed,
            "passed": self.passed,
            "skipped": self.skipped,
            "disabled": self.disabled,
        });
        if let (Some(message), Value::Object(map)) = (&self.message, &mut out) {
            map.insert("message".to_owned(), Value::String(message.clone()));
        }
        out
    }
}

fn policy_error(path: &str, keyword: &'static str, message: String) -> ValidationError {
    ValidationError {
        instance_path: path.to_owned(),
        schema_path: String::new(),
        keyword,
        params: json!({}),
        message,
    }
}

/// Checks that a template only uses the placeholders a rule provides.
fn check_placeholders(
    template: &str,
    allowed: &[&str],
    path: &str,
    errors: &mut Vec<ValidationError>,
) {
    for name in placeholders(template) {
        if !allowed.contains(&name) && !COMMON_PARAMS.contains(&name) {
            let mut known: Vec<&str> = allowed.to_vec();
            known.extend_from_slice(COMMON_PARAMS);
            errors.push(ValidationError {
                params: json!({ "placeholder": name, "allowed": known }),
                ..policy_error(
                    path,
                    "placeholder",
                    format!(
                        "unknown placeholder {{{name}}}; this message may use {}",
                        known.join(", ")
                    ),
                )
            });
        }
    }
}

impl PreChecker {
    /// Compiles a policy (`null` means the defaults); every problem is reported at once.
    pub fn new(policy: &Value) -> Result<PreChecker, PrecheckError> {
        let shared = shared()?;
        let policy = if policy.is_null() {
            json!({})
        } else {
            policy.clone()
        };
        let errors = shared.policy.errors(&policy);
        if !errors.is_empty() {
            return Err(PrecheckError::from_errors(
                "INVALID_POLICY",
                "policy",
                errors,
            ));
        }
        let policy = shared.policy.with_defaults(&policy);
        let mut errors = Vec::new();
        let locale = policy
            .get("locale")
            .and_then(Value::as_str)
            .unwrap_or("en")
            .to_owned();
        let catalog = catalog_for(&locale).ok_or_else(|| PrecheckError {
            code: "INTERNAL",
            message: "no message catalogue is available".to_owned(),
            errors: Vec::new(),
        })?;
        let mut disabled = Vec::new();
        let mut overrides = Vec::new();
        if let Some(Value::Object(rules)) = policy.get("rules") {
            for (id, settings) in rules {
                let Some(rule) = built_in(id) else { continue };
                if settings.get("enabled") == Some(&Value::Bool(false)) {
                    disabled.push(rule.id);
                }
                if let Some(Value::Object(texts)) = settings.get("messages") {
                    for (tag, text) in texts {
                        let mut path = String::from("/rules");
                        for token in [id.as_str(), "messages", tag.as_str()] {
                            push_pointer(&mut path, token);
                        }
                        check_placeholders(
                            text.as_str().unwrap_or(""),
                            rule.params,
                            &path,
                            &mut errors,
                        );
                    }
                    overrides.push((rule.id, texts.clone()));
                }
            }
        }
        let final_states = policy
            .get("finalOrderStates")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let mut custom: Vec<CustomRule> = Vec::new();
        let mut disabled_custom = Vec::new();
        let mut seen_ids: Vec<String> = Vec::new();
        let empty = Vec::new();
        let custom_rules = policy
            .get("customRules")
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        for (i, rule) in custom_rules.iter().enumerate() {
            let at = format!("/customRules/{i}");
            let id = rule
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            if built_in(&id).is_some() || seen_ids.contains(&id) {
                errors.push(policy_error(
                    &format!("{at}/id"),
                    "uniqueId",
                    format!("rule id \"{id}\" is already used by another rule"),
                ));
            }
            seen_ids.push(id.clone());
            if rule.get("enabled") == Some(&Value::Bool(false)) {
                disabled_custom.push(id);
                continue;
            }
            let mut compile =
                |key: &str| match Validator::new(rule.get(key).unwrap_or(&Value::Bool(true))) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        errors.push(ValidationError {
                            params: json!({ "code": e.code, "schemaPath": e.schema_path }),
                            ..policy_error(&format!("{at}/{key}"), "schema", e.message)
                        });
                        None
                    }
                };
            let (when, require) = (compile("when"), compile("require"));
            let messages = match rule.get("message") {
                Some(Value::Object(m)) => m.clone(),
                _ => Map::new(),
            };
            for (tag, text) in &messages {
                let mut path = format!("{at}/message");
                push_pointer(&mut path, tag);
                check_placeholders(text.as_str().unwrap_or(""), &[], &path, &mut errors);
            }
            if let (Some(when), Some(require)) = (when, require) {
                let code = rule
                    .get("code")
                    .and_then(Value::as_str)
                    .unwrap_or("CUSTOM_RULE")
                    .to_owned();
                custom.push(CustomRule {
                    id,
                    code,
                    when,
                    require,
                    messages,
                });
            }
        }
        if !errors.is_empty() {
            return Err(PrecheckError::from_errors(
                "INVALID_POLICY",
                "policy",
                errors,
            ));
        }
        Ok(PreChecker {
            requested_locale: locale,
            catalog,
            disabled,
            overrides,
            final_states,
            custom,
            disabled_custom,
        })
    }
    /// The locale of the built-in messages (the requested one, its language, or `en`).
    pub fn locale(&self) -> &str {
        &self.catalog.locale
    }

    /// `MigrationPreCheckResult` for a move; any `migration_set` value is answered.
    pub fn check(&self, migration_set: &Value, context: &Value) -> Result<Value, PrecheckError> {
        Ok(self.evaluate(migration_set, context, false)?.result())
    }

    /// The full report for a move; fails only when the context does not match its schema.
    pub fn explain(&self, migration_set: &Value, context: &Value) -> Result<Report, PrecheckError> {
        self.evaluate(migration_set, context, true)
    }

    /// The report; without `full` (for `check`) only the failures and the message are filled
    /// in, which is all the answer needs.
    fn evaluate(
        &self,
        migration_set: &Value,
        context: &Value,
        full: bool,
    ) -> Result<Report, PrecheckError> {
        let shared = shared()?;
        let errors = shared.context.errors(context);
        if !errors.is_empty() {
            return Err(PrecheckError::from_errors(
                "INVALID_CONTEXT",
                "context",
                errors,
            ));
        }
        // Only custom rules see the schema's defaults (the built-in ones treat an absent list as
        // empty), so the copy that fills them in is made only when there are custom rules.
        let defaulted;
        let context = if self.custom.is_empty() {
            context
        } else {
            defaulted = shared.context.with_defaults(context);
            &defaulted
        };
        let empty = Map::new();
        let context_map = context.as_object().unwrap_or(&empty);
        let migration_set_errors = shared.migration_set.errors(migration_set);
        let requested = if migration_set_errors.is_empty() {
            migration_set.get("targetAccount").and_then(Value::as_str)
        } else {
            None
        };
        let now = context_map.get("now").and_then(Value::as_str).unwrap_or("");
        let billing = match context_map.get("billing") {
            Some(part) => Some(crate::billing::facts(part, now).map_err(|errors| {
                PrecheckError::from_errors("INVALID_CONTEXT", "context (billing.latest)", errors)
            })?),
            None => None,
        };
        let facts = Facts::new(
            &migration_set_errors,
            requested,
            context_map,
            &self.final_states,
            billing.as_ref(),
        );
        // Only messages use them, so they are made on the first failure.
        let mut common: Option<Map> = None;
        let mut report = Report {
            failed: Vec::new(),
            passed: Vec::new(),
            skipped: Vec::new(),
            disabled: Vec::new(),
            locale: self.catalog.locale.clone(),
            checked_at: context_map
                .get("now")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
            message: None,
        };
        for rule in BUILT_IN {
            if self.disabled.contains(&rule.id) {
                if full {
                    report.disabled.push(rule.id.to_owned());
                }
                continue;
            }
            match facts.judge(rule.id) {
                Outcome::Pass if full => report.passed.push(rule.id.to_owned()),
                Outcome::Skip if full => report.skipped.push(rule.id.to_owned()),
                Outcome::Pass | Outcome::Skip => {}
                Outcome::Fail(params) => {
                    let template = self.template(rule.id);
                    let common =
                        common.get_or_insert_with(|| self.common_params(requested, context_map));
                    let message = self.render(template, rule.params, &params, common);
                    report.failed.push(Failure {
                        rule: rule.id.to_owned(),
                        code: rule.code.to_owned(),
                        message,
                        params,
                    });
                }
            }
        }
        if full {
            report.disabled.extend(self.disabled_custom.iter().cloned());
        }
        for rule in &self.custom {
            if !rule.when.is_valid(context) {
                if full {
                    report.skipped.push(rule.id.clone());
                }
                continue;
            }
            let errors = rule.require.errors(context);
            if errors.is_empty() {
                if full {
                    report.passed.push(rule.id.clone());
                }
                continue;
            }
            let template = pick_localized(&rule.messages, &self.requested_locale)
                .or_else(|| pick_localized(&rule.messages, "en"))
                .unwrap_or("");
            let params = match object([("errors", errors_to_json(&errors))]) {
                Value::Object(map) => map,
                _ => Map::new(),
            };
            report.failed.push(Failure {
                rule: rule.id.clone(),
                code: rule.code.clone(),
                message: self.render(
                    template,
                    &[],
                    &params,
                    common.get_or_insert_with(|| self.common_params(requested, context_map)),
                ),
                params,
            });
        }
        report.message = self.compose(&report.failed);
        Ok(report)
    }

    /// The template for a built-in rule: the policy's override, else the catalogue's.
    fn template<'a>(&'a self, id: &'a str) -> &'a str {
        let overridden = self
            .overrides
            .iter()
            .find(|(rule, _)| *rule == id)
            .and_then(|(_, texts)| pick_localized(texts, &self.requested_locale));
        overridden
            .or_else(|| self.catalog.rule(id))
            .or_else(|| catalog_for("en").and_then(|c| c.rule(id)))
            .unwrap_or(id)
    }

    fn common_params(&self, requested: Option<&str>, context: &Map) -> Map {
        let subscription = rules::name_or_id(context.get("subscription"));
        let mut map = Map::new();
        map.insert(
            "targetAccount".to_owned(),
            requested.map_or(Value::Null, |r| Value::String(r.to_owned())),
        );
        map.insert("subscription".to_owned(), subscription);
        map
    }
    /// Fills a template with display forms of the parameters the rule declares (`allowed`)
    /// and the common ones; other data in `params` (e.g. a custom rule's errors) never shows.
    fn render(&self, template: &str, allowed: &[&str], params: &Map, common: &Map) -> String {
        let lookup = |name: &str| {
            let value = if allowed.contains(&name) {
                params.get(name)
            } else {
                common.get(name)
            }?;
            Some(self.display(name, value))
        };
        fill(template, &lookup)
    }

    /// A parameter as the user reads it: labels from the catalogue, lists cut short.
    fn display(&self, name: &str, value: &Value) -> String {
        let label = |prefix: &str, v: &Value| {
            let key = format!("{prefix}.{}", v.as_str().unwrap_or(""));
            self.catalog
                .value(&key)
                .map(str::to_owned)
                .unwrap_or_else(|| display_value(v, PARAM_DISPLAY_CHARS))
        };
        match (name, value) {
            ("status", v) => label("status", v),
            ("state", v) => label("state", v),
            ("problems", Value::Array(items)) => {
                self.list(items, "; ", |p| {
                    // The template ends the sentence; drop the problem's own full stop.
                    display_value(p, PROBLEM_DISPLAY_CHARS)
                        .trim_end_matches('.')
                        .to_owned()
                })
            }
            ("orders", Value::Array(items)) => self.list(items, ", ", |o| {
                display_value(o.get("id").unwrap_or(&Value::Null), PARAM_DISPLAY_CHARS)
            }),
            ("subscriptions", Value::Array(items)) => self.list(items, ", ", |s| {
                let who = rules::name_or_id(Some(s));
                let why = label("reason", s.get("reason").unwrap_or(&Value::Null));
                format!("{} ({why})", display_value(&who, PARAM_DISPLAY_CHARS))
            }),
            (_, Value::Null) => "?".to_owned(),
            (_, v) => display_value(v, PARAM_DISPLAY_CHARS),
        }
    }

    fn list(&self, items: &[Value], separator: &str, show: impl Fn(&Value) -> String) -> String {
        let mut shown: Vec<String> = items.iter().take(LIST_DISPLAY_ITEMS).map(show).collect();
        let rest = items.len().saturating_sub(LIST_DISPLAY_ITEMS);
        if rest > 0 {
            let count = rest.to_string();
            shown.push(fill(self.catalog.phrase("more"), &|n| {
                (n == "count").then(|| count.clone())
            }));
        }
        shown.join(separator)
    }

    /// One message stating every reason, most important first.
    fn compose(&self, failed: &[Failure]) -> Option<String> {
        match failed {
            [] => None,
            [only] => Some(only.message.clone()),
            many => {
                let count = many.len().to_string();
                let mut text = fill(self.catalog.phrase("summary"), &|n| {
                    (n == "count").then(|| count.clone())
                });
                for (i, failure) in many.iter().enumerate() {
                    text.push_str(&format!(" {}) {}", i + 1, failure.message));
                }
                Some(text)
            }
        }
    }
}

/// One-shot pre-check with an optional policy (compiled on every call; reuse a
/// [`PreChecker`] for many calls).
pub fn migration_pre_check(
    migration_set: &Value,
    context: &Value,
    policy: &Value,
) -> Result<Value, PrecheckError> {
    PreChecker::new(policy)?.check(migration_set, context)
}

/// One-shot full report with an optional policy.
pub fn explain_pre_check(
    migration_set: &Value,
    context: &Value,
    policy: &Value,
) -> Result<Report, PrecheckError> {
    PreChecker::new(policy)?.explain(migration_set, context)
}
