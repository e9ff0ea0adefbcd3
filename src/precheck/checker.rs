//! A compiled policy ([`PreChecker`]) and the evaluation of a move: every built-in rule, then
//! the policy's custom rules, and one message naming every reason.

use super::context::Context;
use super::error::{ContextInputError, PrecheckError, PrecheckErrorCode};
use super::messages::{catalog_for, fill, pick_localized, Catalog};
use super::policy::{Messages, OnMissingData, Policy};
use super::report::{name_or_id, Answer, Code, Failure, Report, RuleParams, RuleRef, Skipped};
use super::rules::{BuiltInRule, Datum, Facts, Outcome, RefusalCode, Request};
use super::{load, shared};
use crate::billing::BillingFacts;
use crate::limits;
use crate::schema::Validator;
use crate::value::display_value;
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;

/// Longest text of a common parameter in a message.
const PARAM_DISPLAY_CHARS: usize = 64;

/// A custom rule from a policy.
#[derive(Debug)]
struct CustomRule {
    id: String,
    code: String,
    when: Validator,
    require: Validator,
    messages: Messages,
}

/// A compiled policy, ready to check any number of moves.
#[derive(Debug)]
pub struct PreChecker {
    /// The locale the policy asked for: overrides and custom messages are looked up by it.
    requested_locale: String,
    /// The built-in catalogue it resolved to (exact tag, language, or English).
    catalog: &'static Catalog,
    disabled: Vec<BuiltInRule>,
    overrides: Vec<(BuiltInRule, Messages)>,
    /// Rules that refuse when their data is missing, with the policy's message for that.
    refuse_missing: Vec<(BuiltInRule, Option<Messages>)>,
    final_states: Vec<String>,
    custom: Vec<CustomRule>,
    /// Custom rules the policy turned off.
    disabled_custom: Vec<String>,
    /// The part of the context the custom rules can see, when it is not all of it.
    #[cfg(feature = "pruned-context")]
    reach: Option<super::reach::Reach>,
}

/// The `migrationSet` as the rules see it: the Migratable `MigrationSet` is an object whose
/// `targetAccount` is a string (other members are allowed).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MigrationSet<'a> {
    #[serde(borrow)]
    target_account: Cow<'a, str>,
}

/// What a migration set given as a value asks for.
fn request(migration_set: &Value) -> Result<Request<'_>, PrecheckError> {
    // An array would deserialize into the struct too (serde reads structs from sequences).
    if migration_set.is_object() {
        if let Ok(set) = MigrationSet::deserialize(migration_set) {
            return Ok(Request::Target(set.target_account));
        }
    }
    Ok(Request::Malformed(
        shared()?.migration_set.errors(migration_set),
    ))
}

/// What a migration set given as JSON text asks for (`None`: it could not be read, and is
/// judged as `null`). It is read as a value (the limits checked) and judged against the
/// Migratable structure. (Reading it straight into [`MigrationSet`] from the text would save
/// about 0.5 µs of a check, for 1.5 KB gzip of the `.wasm`.)
fn request_from_text(text: Option<&[u8]>) -> Result<Request<'_>, PrecheckError> {
    let bytes = text.unwrap_or(b"null");
    let value = crate::exact::from_slice(bytes)
        .ok()
        .filter(|v| limits::check_value(v, bytes.len()).is_ok())
        .unwrap_or(Value::Null);
    Ok(match request(&value)? {
        Request::Target(target) => Request::Target(Cow::Owned(target.into_owned())),
        Request::Malformed(errors) => Request::Malformed(errors),
    })
}

impl PreChecker {
    /// Compiles a policy (`null` means the defaults); every problem is reported at once.
    pub fn new(policy: &Value) -> Result<PreChecker, PrecheckError> {
        let shared = shared()?;
        let empty = Value::Object(serde_json::Map::new());
        let policy = if policy.is_null() { &empty } else { policy };
        let mut errors =
            super::wording::name_culprits(shared.policy.errors(policy), &super::policy_schema());
        errors.extend(super::policy_checks::check(policy));
        if !errors.is_empty() {
            return Err(PrecheckError::from_errors(
                PrecheckErrorCode::InvalidPolicy,
                "policy",
                errors,
            ));
        }
        let policy = <Policy as Deserialize>::deserialize(policy).map_err(|e| {
            PrecheckError::internal(format!(
                "the policy's types refuse what its schema accepts: {e}"
            ))
        })?;
        let catalog = catalog_for(&policy.locale.0).ok_or_else(|| {
            PrecheckError::internal("no message catalogue is available".to_owned())
        })?;
        let mut checker = PreChecker {
            requested_locale: policy.locale.0.clone(),
            catalog,
            disabled: Vec::new(),
            overrides: Vec::new(),
            refuse_missing: Vec::new(),
            final_states: policy.final_order_states.clone(),
            custom: Vec::new(),
            disabled_custom: Vec::new(),
            #[cfg(feature = "pruned-context")]
            reach: None,
        };
        checker.built_in_settings(&policy);
        checker.custom_rules(&policy)?;
        Ok(checker)
    }

    /// The policy's settings of built-in rules: which are off, and their message overrides.
    fn built_in_settings(&mut self, policy: &Policy) {
        for (rule, settings) in &policy.rules {
            if !settings.enabled {
                self.disabled.push(*rule);
            }
            if settings.on_missing_data == Some(OnMissingData::Refuse) {
                self.refuse_missing
                    .push((*rule, settings.missing_data_messages.clone()));
            }
            if let Some(messages) = &settings.messages {
                self.overrides.push((*rule, messages.clone()));
            }
        }
    }

    /// The policy's custom rules, compiled (`policy_checks` has found that they compile).
    fn custom_rules(&mut self, policy: &Policy) -> Result<(), PrecheckError> {
        let compile = |schema: &Value| {
            Validator::new(schema).map_err(|e| {
                PrecheckError::internal(format!("a custom rule's schema stopped compiling: {e}"))
            })
        };
        #[cfg(feature = "pruned-context")]
        let mut reach = super::reach::Reach::none();
        for rule in &policy.custom_rules {
            let id = rule.id.0.clone();
            if !rule.enabled {
                self.disabled_custom.push(id);
                continue;
            }
            #[cfg(feature = "pruned-context")]
            {
                reach.add(&rule.when.0, 0);
                reach.add(&rule.require.0, 0);
            }
            self.custom.push(CustomRule {
                id,
                code: rule.code.0.clone(),
                when: compile(&rule.when.0)?,
                require: compile(&rule.require.0)?,
                messages: rule.message.clone(),
            });
        }
        #[cfg(feature = "pruned-context")]
        {
            self.reach = (!self.custom.is_empty() && !reach.is_all()).then_some(reach);
        }
        Ok(())
    }

    /// The locale of the built-in messages (the requested one, its language, or `en`).
    pub fn locale(&self) -> &str {
        self.catalog.locale
    }

    /// `MigrationPreCheckResult` for a move; any `migration_set` value is answered.
    pub fn check(&self, migration_set: &Value, context: &Value) -> Result<Answer, PrecheckError> {
        Ok(self.explain_value(migration_set, context, false)?.answer())
    }

    /// The full report for a move; fails only when the context is not a valid one.
    pub fn explain(&self, migration_set: &Value, context: &Value) -> Result<Report, PrecheckError> {
        self.explain_value(migration_set, context, true)
    }

    /// [`PreChecker::check`] of a migration set and a context given as JSON text (the fast
    /// path); `None` for a migration set that could not be read (judged as `null`).
    pub fn check_json(
        &self,
        migration_set: Option<&[u8]>,
        context: &[u8],
    ) -> Result<Answer, ContextInputError> {
        Ok(self
            .explain_json_as(migration_set, context, false)?
            .answer())
    }

    /// [`PreChecker::explain`] of a migration set and a context given as JSON text.
    pub fn explain_json(
        &self,
        migration_set: Option<&[u8]>,
        context: &[u8],
    ) -> Result<Report, ContextInputError> {
        self.explain_json_as(migration_set, context, true)
    }

    fn explain_value(
        &self,
        migration_set: &Value,
        context: &Value,
        full: bool,
    ) -> Result<Report, PrecheckError> {
        let typed = load::from_value(context)?;
        let defaulted = self.custom_context(context)?;
        self.evaluate(request(migration_set)?, &typed, defaulted.as_ref(), full)
    }

    /// The report of a move given as JSON text; without `full` (for an answer) only the failures
    /// and the message are filled in ([`PreChecker::check_json`] and
    /// [`PreChecker::explain_json`] with a fixed `full`).
    pub fn explain_json_as(
        &self,
        migration_set: Option<&[u8]>,
        context: &[u8],
        full: bool,
    ) -> Result<Report, ContextInputError> {
        let request = request_from_text(migration_set)?;
        if self.reads_types_from_text() {
            let mut scratch = Vec::new();
            let typed = load::from_slice(context, &mut scratch)?;
            // A number serde_json alone may have read inexactly is read exactly below, through
            // a value, so that every build and every policy see the same numbers.
            if !typed.holds_fraction() {
                let part = self.part_from_text(context)?;
                return Ok(self.evaluate(request, &typed, part.as_ref(), full)?);
            }
        }
        // The text is read once, into a JSON value, and the types are read from that value; the
        // custom rules, if any, see the value (with its defaults).
        let value = load::checked_value(context)?;
        let typed = load::from_value(&value)?;
        let defaulted = self.custom_context(&value)?;
        Ok(self.evaluate(request, &typed, defaulted.as_ref(), full)?)
    }

    /// Whether a context given as text is read straight into the types (Cargo feature
    /// `typed-text`): without custom rules, or with custom rules that see only part of it
    /// (`pruned-context`), which is then read from the text too.
    fn reads_types_from_text(&self) -> bool {
        if self.custom.is_empty() {
            return cfg!(feature = "typed-text");
        }
        #[cfg(all(feature = "typed-text", feature = "pruned-context"))]
        if self.reach.is_some() {
            return true;
        }
        false
    }

    /// The custom rules' part of a context given as text, with its defaults; `None` without
    /// custom rules. It is read from the text, the rest skipped (or, should the part hold a
    /// number to read exactly, copied from the whole text's value).
    fn part_from_text(&self, context: &[u8]) -> Result<Option<Value>, ContextInputError> {
        #[cfg(feature = "pruned-context")]
        if let Some(reach) = &self.reach {
            let mut part = match reach.read(context) {
                Some(part) => part,
                None => reach.part_of(&load::checked_value(context)?),
            };
            shared()?.context.fill_defaults(&mut part);
            return Ok(Some(part));
        }
        #[cfg(not(feature = "pruned-context"))]
        let _ = context;
        Ok(None)
    }

    /// Only custom rules see the context as JSON, with the schema's defaults filled in (the
    /// built-in ones read the types), so it is made only when there are custom rules, and only
    /// in the part they can see (`reach`).
    fn custom_context(&self, value: &Value) -> Result<Option<Value>, PrecheckError> {
        if self.custom.is_empty() {
            return Ok(None);
        }
        #[cfg(feature = "pruned-context")]
        if let Some(reach) = &self.reach {
            let mut part = reach.part_of(value);
            shared()?.context.fill_defaults(&mut part);
            return Ok(Some(part));
        }
        Ok(Some(shared()?.context.with_defaults(value)))
    }

    /// The report; without `full` (for `check`) only the failures and the message are filled
    /// in, which is all the answer needs.
    fn evaluate(
        &self,
        request: Request<'_>,
        context: &Context<'_>,
        defaulted: Option<&Value>,
        full: bool,
    ) -> Result<Report, PrecheckError> {
        let billing = billing_facts(context)?;
        let facts = Facts::new(&request, context, &self.final_states, billing.as_ref());
        // An answer needs neither the locale nor the time (two allocations a check).
        let (locale, checked_at) = if full {
            (
                self.catalog.locale.to_owned(),
                context.now.as_str().to_owned(),
            )
        } else {
            (String::new(), String::new())
        };
        let mut report = Report {
            can_migrate: true,
            locale,
            checked_at,
            failed: Vec::new(),
            passed: Vec::new(),
            skipped: Vec::new(),
            disabled: Vec::new(),
            message: None,
        };
        for &rule in BuiltInRule::ALL {
            if self.disabled.contains(&rule) {
                if full {
                    report.disabled.push(RuleRef::BuiltIn(rule));
                }
                continue;
            }
            match rule.judge(&facts) {
                Outcome::Pass if full => report.passed.push(RuleRef::BuiltIn(rule)),
                Outcome::Skip if full => report.skipped.push(Skipped {
                    rule: RuleRef::BuiltIn(rule),
                    data: None,
                }),
                Outcome::Pass | Outcome::Skip => {}
                Outcome::Missing(data) => {
                    if let Some(failure) = self.refusal_for_missing(rule, data, &request, context) {
                        report.failed.push(failure);
                    } else if full {
                        report.skipped.push(Skipped {
                            rule: RuleRef::BuiltIn(rule),
                            data: Some(data),
                        });
                    }
                }
                Outcome::Fail(params) => {
                    let message = self.render(self.template(rule), |name| {
                        if rule.params().contains(&name) {
                            params.display(name, self.catalog)
                        } else {
                            self.common(name, &request, context)
                        }
                    });
                    report.failed.push(Failure {
                        rule: RuleRef::BuiltIn(rule),
                        code: Code::BuiltIn(rule.code()),
                        message,
                        params,
                    });
                }
            }
        }
        if full {
            report
                .disabled
                .extend(self.disabled_custom.iter().cloned().map(RuleRef::Custom));
        }
        if let Some(value) = defaulted {
            self.judge_custom(value, &request, context, full, &mut report);
        }
        report.can_migrate = report.failed.is_empty();
        report.message = self.compose(&report.failed);
        Ok(report)
    }

    /// The custom rules, over the context as JSON with its defaults.
    fn judge_custom(
        &self,
        value: &Value,
        request: &Request<'_>,
        context: &Context<'_>,
        full: bool,
        report: &mut Report,
    ) {
        for rule in &self.custom {
            if !rule.when.is_valid(value) {
                if full {
                    report.skipped.push(Skipped {
                        rule: RuleRef::Custom(rule.id.clone()),
                        data: None,
                    });
                }
                continue;
            }
            let errors = rule.require.errors(value);
            if errors.is_empty() {
                if full {
                    report.passed.push(RuleRef::Custom(rule.id.clone()));
                }
                continue;
            }
            let template = pick_localized(&rule.messages.0, &self.requested_locale)
                .or_else(|| pick_localized(&rule.messages.0, "en"))
                .unwrap_or("");
            // A custom rule's messages see only the common parameters: its errors never show.
            let message = self.render(template, |name| self.common(name, request, context));
            report.failed.push(Failure {
                rule: RuleRef::Custom(rule.id.clone()),
                code: Code::Custom(rule.code.clone()),
                message,
                params: RuleParams::Errors { errors },
            });
        }
    }

    /// The refusal of a rule whose data is missing, when the policy refuses then: its own
    /// message (by locale), else the catalogue's.
    fn refusal_for_missing(
        &self,
        rule: BuiltInRule,
        data: Datum,
        request: &Request<'_>,
        context: &Context<'_>,
    ) -> Option<Failure> {
        let (_, texts) = self.refuse_missing.iter().find(|(r, _)| *r == rule)?;
        let template = texts
            .as_ref()
            .and_then(|t| {
                pick_localized(&t.0, &self.requested_locale).or_else(|| pick_localized(&t.0, "en"))
            })
            .unwrap_or(self.catalog.missing_data);
        let params = RuleParams::Missing { data };
        let message = self.render(template, |name| {
            if name == "data" {
                params.display(name, self.catalog)
            } else {
                self.common(name, request, context)
            }
        });
        Some(Failure {
            rule: RuleRef::BuiltIn(rule),
            code: Code::BuiltIn(RefusalCode::DataMissing),
            message,
            params,
        })
    }

    /// The template for a built-in rule: the policy's override, else the catalogue's.
    fn template(&self, rule: BuiltInRule) -> &str {
        let overridden = self
            .overrides
            .iter()
            .find(|(r, _)| *r == rule)
            .and_then(|(_, texts)| pick_localized(&texts.0, &self.requested_locale));
        overridden
            .or_else(|| self.catalog.rule(rule))
            .or_else(|| catalog_for("en").and_then(|c| c.rule(rule)))
            .unwrap_or(rule.name())
    }

    /// A parameter every message may use: the requested target, the subscription's name.
    fn common(&self, name: &str, request: &Request<'_>, context: &Context<'_>) -> Option<String> {
        match name {
            "targetAccount" => Some(match request {
                Request::Target(id) => {
                    display_value(&Value::String(id.to_string()), PARAM_DISPLAY_CHARS)
                }
                Request::Malformed(_) => "?".to_owned(),
            }),
            "subscription" => {
                let s = &context.subscription;
                let shown = name_or_id(s.name.as_ref(), s.id.as_str().into());
                Some(display_value(&shown, PARAM_DISPLAY_CHARS))
            }
            _ => None,
        }
    }

    /// Fills a template; names nothing provides are left as written.
    fn render<'t>(&self, template: &str, lookup: impl Fn(&str) -> Option<String> + 't) -> String {
        fill(template, &lookup)
    }

    /// One message stating every reason, most important first.
    fn compose(&self, failed: &[Failure]) -> Option<String> {
        match failed {
            [] => None,
            [only] => Some(only.message.clone()),
            many => {
                let count = many.len().to_string();
                let mut text = fill(self.catalog.summary, &|n| {
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

/// What the context's billing part says; a `latest` record that does not match its contract
/// makes the context invalid.
fn billing_facts(context: &Context<'_>) -> Result<Option<BillingFacts>, PrecheckError> {
    let Some(billing) = &context.billing else {
        return Ok(None);
    };
    crate::billing::facts(
        billing.platform,
        billing.latest.as_ref(),
        billing.latest_event,
        billing.request.as_ref(),
        context.now.as_str(),
    )
    .map(Some)
    .map_err(|errors| {
        PrecheckError::from_errors(
            PrecheckErrorCode::InvalidContext,
            "context (billing.latest)",
            errors,
        )
    })
}
