//! The built-in pre-check rules, from the platform's subscription transfer requirements.

use crate::aps::{is_aps_id, same_aps_id};
use crate::json::object;
use crate::json::{Map, Value};

/// A built-in rule: its stable id (used in policies), the code it refuses with, and the
/// parameters its message may use.
#[derive(Debug)]
pub struct Rule {
    /// Stable id, e.g. `same-brand`.
    pub id: &'static str,
    /// Stable refusal code, e.g. `BRAND_MISMATCH`.
    pub code: &'static str,
    /// The `{name}` parameters its message templates may use.
    pub params: &'static [&'static str],
}

/// Parameters every message may use, built-in or custom.
pub const COMMON_PARAMS: &[&str] = &["targetAccount", "subscription"];

/// The built-in rules, most important first: this is the order of reasons in a message.
pub const BUILT_IN: &[Rule] = &[
    Rule {
        id: "migration-set-valid",
        code: "MIGRATION_SET_INVALID",
        params: &[],
    },
    Rule {
        id: "target-id-valid",
        code: "TARGET_ID_INVALID",
        params: &[],
    },
    Rule {
        id: "target-not-owner",
        code: "TARGET_IS_OWNER",
        params: &[],
    },
    Rule {
        id: "target-account-exists",
        code: "TARGET_ACCOUNT_NOT_FOUND",
        params: &[],
    },
    Rule {
        id: "target-account-active",
        code: "TARGET_ACCOUNT_INACTIVE",
        params: &["status"],
    },
    Rule {
        id: "not-reseller-subscription",
        code: "RESELLER_SUBSCRIPTION",
        params: &["sourceAccount"],
    },
    Rule {
        id: "same-vendor",
        code: "VENDOR_MISMATCH",
        params: &["sourceVendor", "targetVendor"],
    },
    Rule {
        id: "same-brand",
        code: "BRAND_MISMATCH",
        params: &["sourceBrand", "targetBrand"],
    },
    Rule {
        id: "subscription-not-terminated",
        code: "SUBSCRIPTION_TERMINATED",
        params: &[],
    },
    Rule {
        id: "subscription-not-in-transition",
        code: "SUBSCRIPTION_IN_TRANSITION",
        params: &["state"],
    },
    Rule {
        id: "billing-no-migration-in-flight",
        code: "BILLING_MIGRATION_IN_FLIGHT",
        params: &["platform", "reference"],
    },
    Rule {
        id: "orders-final",
        code: "ORDERS_NOT_FINAL",
        params: &["orders", "count"],
    },
    Rule {
        id: "no-dependent-subscriptions",
        code: "DEPENDENT_SUBSCRIPTIONS",
        params: &["subscriptions", "count"],
    },
    Rule {
        id: "billing-request-valid",
        code: "BILLING_REQUEST_INVALID",
        params: &["platform", "problems", "count"],
    },
];

/// The built-in rule with this id.
pub fn built_in(id: &str) -> Option<&'static Rule> {
    BUILT_IN.iter().find(|r| r.id == id)
}

/// Subscription states in which a provisioning operation is still running.
pub const TRANSITION_STATES: &[&str] = &[
    "provisioning",
    "starting",
    "stopping",
    "removing",
    "changing_plan",
];

/// What one rule found.
#[derive(Debug)]
pub enum Outcome {
    /// The rule holds.
    Pass,
    /// The rule refuses, with these parameters.
    Fail(Map),
    /// The rule could not be judged because an earlier one already refused what it needs.
    Skip,
}

/// What the rules look at: the validated (defaults applied) context and the request.
pub struct Facts<'a> {
    /// Errors of the migration set against the Migratable `MigrationSet` structure.
    pub migration_set_errors: &'a [crate::schema::ValidationError],
    /// `targetAccount` of the migration set, when it is a string.
    pub requested: Option<&'a str>,
    /// The context.
    pub context: &'a Map,
    /// Order states that count as final.
    pub final_states: &'a [String],
    /// What the context's `billing` part says, when it has one.
    pub billing: Option<&'a crate::billing::BillingFacts>,
    /// The requested target id, when it is a valid APS id (worked out once).
    target_id: Option<&'a str>,
    /// The context's target account, when it is the requested one (worked out once).
    target: Option<&'a Value>,
}

/// `value.name`, when both exist.
pub fn field<'a>(value: Option<&'a Value>, name: &str) -> Option<&'a Value> {
    value?.get(name)
}

/// The text of an id: strings as they are, whole numbers in decimal (`1.0` is `1`).
fn ref_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => Some(i.to_string()),
            (_, Some(u), _) => Some(u.to_string()),
            // Whole floats within i64 (the schema only admits integers) print without ".0".
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some((f as i64).to_string()),
            _ => Some(crate::json::to_text(&Value::Number(*n))),
        },
        _ => None,
    }
}

/// Ids compare as text, so a host may send `7`, `7.0` or `"7"`.
fn same_ref(a: Option<&Value>, b: Option<&Value>) -> bool {
    let left = ref_text(a);
    left.is_some() && left == ref_text(b)
}

/// A name to show, falling back to the id when the name is absent or empty.
pub fn name_or_id(holder: Option<&Value>) -> Value {
    field(holder, "name")
        .filter(|n| n.as_str().is_some_and(|t| !t.is_empty()))
        .or_else(|| field(holder, "id"))
        .cloned()
        .unwrap_or(Value::Null)
}

fn params<const N: usize>(pairs: [(&str, Value); N]) -> Map {
    match object(pairs) {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

impl<'a> Facts<'a> {
    fn subscription(&self) -> Option<&Value> {
        self.context.get("subscription")
    }

    /// What the rules look at; the target is worked out once here.
    pub fn new(
        migration_set_errors: &'a [crate::schema::ValidationError],
        requested: Option<&'a str>,
        context: &'a Map,
        final_states: &'a [String],
        billing: Option<&'a crate::billing::BillingFacts>,
    ) -> Facts<'a> {
        let target_id = requested.filter(|id| is_aps_id(id));
        let target = target_id.and_then(|id| {
            let account = context.get("targetAccount").filter(|a| a.is_object())?;
            let found = account.get("id")?.as_str()?;
            same_aps_id(found, id).then_some(account)
        });
        Facts {
            migration_set_errors,
            requested,
            context,
            final_states,
            billing,
            target_id,
            target,
        }
    }

    /// The requested target id, when the request names a valid APS id.
    fn target_id(&self) -> Option<&'a str> {
        self.target_id
    }

    /// The target account from the context, when it is the requested one.
    fn target(&self) -> Option<&'a Value> {
        self.target
    }

    /// Judges built-in rule `id`.
    pub fn judge(&self, id: &str) -> Outcome {
        let request_ok = self.migration_set_errors.is_empty() && self.requested.is_some();
        let source = self.context.get("sourceAccount");
        let sub = self.subscription();
        match id {
            "migration-set-valid" => {
                if request_ok {
                    Outcome::Pass
                } else {
                    let errors = crate::schema::errors_to_json(self.migration_set_errors);
                    Outcome::Fail(params([("errors", errors)]))
                }
            }
            "target-id-valid" if !request_ok => Outcome::Skip,
            "target-id-valid" => self.pass_if(self.target_id().is_some(), Map::new),
            "target-not-owner" => match self.target_id() {
                None => Outcome::Skip,
                Some(id) => {
                    let owner = field(sub, "ownerAccountId")
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    self.pass_if(!same_aps_id(owner, id), Map::new)
                }
            },
            "target-account-exists" => match self.target_id() {
                None => Outcome::Skip,
                Some(_) => self.pass_if(self.target().is_some(), Map::new),
            },
            "target-account-active" => match self.target() {
                None => Outcome::Skip,
                Some(target) => {
                    let status = field(Some(target), "status")
                        .cloned()
                        .unwrap_or(Value::Null);
                    self.pass_if(status == "active", || params([("status", status)]))
                }
            },
            "not-reseller-subscription" => {
                let reseller = field(source, "kind").is_some_and(|k| k == "reseller");
                self.pass_if(!reseller, || {
                    params([("sourceAccount", name_or_id(source))])
                })
            }
            "same-vendor" | "same-brand" => {
                let Some(target) = self.target() else {
                    return Outcome::Skip;
                };
                let (key, from, to) = if id == "same-vendor" {
                    ("vendorId", "sourceVendor", "targetVendor")
                } else {
                    ("brandId", "sourceBrand", "targetBrand")
                };
                let (a, b) = (field(source, key), field(Some(target), key));
                self.pass_if(same_ref(a, b), || {
                    params([
                        (from, a.cloned().unwrap_or(Value::Null)),
                        (to, b.cloned().unwrap_or(Value::Null)),
                    ])
                })
            }
            "subscription-not-terminated" => {
                let terminated = field(sub, "state").is_some_and(|s| s == "terminated");
                self.pass_if(!terminated, Map::new)
            }
            "subscription-not-in-transition" => {
                let state = field(sub, "state").and_then(Value::as_str).unwrap_or("");
                let busy = TRANSITION_STATES.contains(&state);
                self.pass_if(!busy, || {
                    params([("state", Value::String(state.to_owned()))])
                })
            }
            "orders-final" => {
                let is_open = |o: &&Value| {
                    let state = o.get("state").and_then(Value::as_str).unwrap_or("");
                    !self
                        .final_states
                        .iter()
                        .any(|f| f.eq_ignore_ascii_case(state))
                };
                self.pass_if(!self.list("orders").any(|o| is_open(&o)), || {
                    let open: Vec<Value> = self.list("orders").filter(is_open).cloned().collect();
                    let count = Value::from(open.len());
                    params([("orders", Value::Array(open)), ("count", count)])
                })
            }
            "no-dependent-subscriptions" => {
                self.pass_if(self.list("dependentSubscriptions").next().is_none(), || {
                    let deps: Vec<Value> = self.list("dependentSubscriptions").cloned().collect();
                    let count = Value::from(deps.len());
                    params([("subscriptions", Value::Array(deps)), ("count", count)])
                })
            }
            "billing-no-migration-in-flight" => match self.billing {
                None => Outcome::Skip,
                Some(b) => match &b.in_flight {
                    None => Outcome::Pass,
                    Some(found) => {
                        let mut found = found.clone();
                        found.insert("platform".to_owned(), Value::String(b.platform.to_owned()));
                        Outcome::Fail(found)
                    }
                },
            },
            "billing-request-valid" => match self.billing {
                None => Outcome::Skip,
                Some(b) => self.pass_if(b.request_errors.is_empty(), || {
                    let problems: Vec<Value> = crate::billing::condense(&b.request_errors)
                        .iter()
                        .map(|e| Value::String(e.message.clone()))
                        .collect();
                    let count = Value::from(problems.len());
                    params([
                        ("platform", Value::String(b.platform.to_owned())),
                        ("problems", Value::Array(problems)),
                        ("count", count),
                    ])
                }),
            },
            _ => Outcome::Skip,
        }
    }

    fn list(&self, name: &str) -> impl Iterator<Item = &Value> {
        self.context
            .get(name)
            .and_then(Value::as_array)
            .map(|a| a.iter())
            .into_iter()
            .flatten()
    }

    /// Pass when `ok`; otherwise fail with what `found` builds (only built on failure).
    fn pass_if(&self, ok: bool, found: impl FnOnce() -> Map) -> Outcome {
        if ok {
            Outcome::Pass
        } else {
            Outcome::Fail(found())
        }
    }
}
