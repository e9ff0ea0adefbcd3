//! What a pre-check answers: the APS `MigrationPreCheckResult` ([`Answer`]) and the full
//! [`Report`] (every failed rule with its code, message and parameters; the passed, skipped and
//! disabled rules).

use super::context::{AccountStatus, Dependent, Label, Order, SubscriptionState};
use super::messages::{fill, Catalog, Labels};
use super::rules::{BuiltInRule, Datum, RefusalCode};
use crate::schema::ValidationError;
use crate::value::{display_text, display_value};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// Longest text of one parameter in a message; longer input is cut with `…`.
const PARAM_DISPLAY_CHARS: usize = 64;
/// Longest text of one problem of an invalid billing request in a message.
const PROBLEM_DISPLAY_CHARS: usize = 160;
/// How many items of a list parameter (orders, subscriptions, problems) a message names.
const LIST_DISPLAY_ITEMS: usize = 3;

/// The APS `MigrationPreCheckResult`: `{canMigrate: true}` or `{canMigrate: false, message}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Allowed,
    Refused(String),
}

impl Answer {
    /// True when the move may go ahead.
    pub fn can_migrate(&self) -> bool {
        matches!(self, Answer::Allowed)
    }

    /// The message for the user, when refused.
    pub fn message(&self) -> Option<&str> {
        match self {
            Answer::Allowed => None,
            Answer::Refused(message) => Some(message),
        }
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Shape<'a> {
            can_migrate: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            message: Option<&'a str>,
        }
        Shape {
            can_migrate: self.can_migrate(),
            message: self.message(),
        }
        .serialize(serializer)
    }
}

/// A rule: built-in, or a policy's custom rule by its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RuleRef {
    BuiltIn(BuiltInRule),
    Custom(String),
}

/// A refusal code: a built-in rule's, or the one a custom rule declares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Code {
    BuiltIn(RefusalCode),
    Custom(String),
}

/// What a rule found when it refused, with the names its message templates use.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
pub enum RuleParams {
    /// The migration set's errors, or the errors of a custom rule's `require`.
    Errors { errors: Vec<ValidationError> },
    /// The target's status.
    Status { status: AccountStatus },
    /// The reseller account (its name, else its id).
    SourceAccount { source_account: Value },
    /// Both vendors, as the host gave them.
    Vendors {
        source_vendor: Value,
        target_vendor: Value,
    },
    /// Both brands, as the host gave them.
    Brands {
        source_brand: Value,
        target_brand: Value,
    },
    /// The subscription's state.
    State { state: SubscriptionState },
    /// The migration in flight.
    InFlight {
        reference: Value,
        platform: &'static str,
    },
    /// The orders that are not final.
    Orders {
        orders: Vec<Order<'static>>,
        count: usize,
    },
    /// The dependent subscriptions.
    Dependents {
        subscriptions: Vec<Dependent<'static>>,
        count: usize,
    },
    /// Why the billing request would be refused.
    Request {
        platform: &'static str,
        problems: Vec<String>,
        count: usize,
    },
    /// What the context lacks (the policy refuses a rule that cannot be judged).
    Missing { data: Datum },
    /// Nothing beside the common parameters.
    None {},
}

/// A name to show, falling back to the id when the name is absent or empty.
pub fn name_or_id(name: Option<&Label<'_>>, id: Value) -> Value {
    match name.map(Label::as_str).filter(|n| !n.is_empty()) {
        Some(name) => Value::String(name.to_owned()),
        None => id,
    }
}

/// A parameter value as the user reads it (`?` for none).
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "?".to_owned(),
        v => display_value(v, PARAM_DISPLAY_CHARS),
    }
}

/// The first items of a list, then "and N more".
fn list(
    catalog: &Catalog,
    items: impl ExactSizeIterator<Item = String>,
    separator: &str,
) -> String {
    let rest = items.len().saturating_sub(LIST_DISPLAY_ITEMS);
    let mut shown: Vec<String> = items.take(LIST_DISPLAY_ITEMS).collect();
    if rest > 0 {
        let count = rest.to_string();
        shown.push(fill(catalog.more, &|n| {
            (n == "count").then(|| count.clone())
        }));
    }
    shown.join(separator)
}

impl RuleParams {
    /// Parameter `name` as the user reads it: labels from the catalogue, lists cut short.
    /// `None` when the rule has no such parameter.
    pub fn display(&self, name: &str, catalog: &Catalog) -> Option<String> {
        Some(match (self, name) {
            (RuleParams::Status { status }, "status") => {
                Labels::of(catalog.values.status, status.name())
                    .unwrap_or(status.name())
                    .to_owned()
            }
            (RuleParams::State { state }, "state") => {
                Labels::of(catalog.values.state, state.name())
                    .unwrap_or(state.name())
                    .to_owned()
            }
            (RuleParams::SourceAccount { source_account }, "sourceAccount") => {
                shown(source_account)
            }
            (RuleParams::Vendors { source_vendor, .. }, "sourceVendor") => shown(source_vendor),
            (RuleParams::Vendors { target_vendor, .. }, "targetVendor") => shown(target_vendor),
            (RuleParams::Brands { source_brand, .. }, "sourceBrand") => shown(source_brand),
            (RuleParams::Brands { target_brand, .. }, "targetBrand") => shown(target_brand),
            (RuleParams::InFlight { reference, .. }, "reference") => shown(reference),
            (RuleParams::Missing { data }, "data") => Labels::of(catalog.values.data, data.name())
                .unwrap_or(data.name())
                .to_owned(),
            (
                RuleParams::InFlight { platform, .. } | RuleParams::Request { platform, .. },
                "platform",
            ) => (*platform).to_owned(),
            (
                RuleParams::Orders { count, .. }
                | RuleParams::Dependents { count, .. }
                | RuleParams::Request { count, .. },
                "count",
            ) => count.to_string(),
            (RuleParams::Orders { orders, .. }, "orders") => list(
                catalog,
                orders.iter().map(|o| shown(&o.id.to_value())),
                ", ",
            ),
            (RuleParams::Dependents { subscriptions, .. }, "subscriptions") => list(
                catalog,
                subscriptions.iter().map(|s| {
                    let who = name_or_id(s.name.as_ref(), s.id.to_value());
                    let why = Labels::of(catalog.values.reason, s.reason.name())
                        .unwrap_or(s.reason.name());
                    format!("{} ({why})", shown(&who))
                }),
                ", ",
            ),
            // The template ends the sentence; drop the problem's own full stop.
            (RuleParams::Request { problems, .. }, "problems") => list(
                catalog,
                problems.iter().map(|p| {
                    display_text(p, PROBLEM_DISPLAY_CHARS)
                        .trim_end_matches('.')
                        .to_owned()
                }),
                "; ",
            ),
            _ => return None,
        })
    }
}

/// One rule that refused the move.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Failure {
    /// The rule.
    pub rule: RuleRef,
    /// The refusal code.
    pub code: Code,
    /// The localized sentence for this reason.
    pub message: String,
    /// What the rule found.
    pub params: RuleParams,
}

/// A rule that was not judged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub rule: RuleRef,
    /// What the context lacks, when that is why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Datum>,
}

/// The full outcome of a pre-check.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// True when no rule refused.
    pub can_migrate: bool,
    /// The locale of the messages.
    pub locale: String,
    /// The context's `now`.
    pub checked_at: String,
    /// Every rule that refused, most important first.
    pub failed: Vec<Failure>,
    /// Rules that held.
    pub passed: Vec<RuleRef>,
    /// Rules that were not judged: an earlier refusal took away what they need, they do not
    /// apply, or the context lacks their data (`data`).
    pub skipped: Vec<Skipped>,
    /// Rules the policy turned off.
    pub disabled: Vec<RuleRef>,
    /// The one message for the user, when the move is refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl Report {
    /// The APS answer of this report.
    pub fn answer(&self) -> Answer {
        match &self.message {
            None => Answer::Allowed,
            Some(message) => Answer::Refused(message.clone()),
        }
    }
}
