//! The built-in pre-check rules, from the platform's subscription transfer requirements. Each
//! family of rules is a module; `BuiltInRule::judge` dispatches to them.

mod accounts;
mod billing;
mod related;
mod request;
mod subscription;

use super::context::{Account, Context};
use super::report::RuleParams;
use crate::aps::{is_aps_id, same_aps_id};
use crate::billing::BillingFacts;
use crate::schema::ValidationError;
use serde::Serialize;
use std::borrow::Cow;

named_enum! {
    /// A built-in rule, by its stable id (used in policies), most important first: this is
    /// the order of reasons in a message.
    pub enum BuiltInRule {
        MigrationSetValid = "migration-set-valid",
        TargetIdValid = "target-id-valid",
        TargetNotOwner = "target-not-owner",
        TargetAccountExists = "target-account-exists",
        TargetAccountActive = "target-account-active",
        NotResellerSubscription = "not-reseller-subscription",
        SameVendor = "same-vendor",
        SameBrand = "same-brand",
        SubscriptionNotTerminated = "subscription-not-terminated",
        SubscriptionNotInTransition = "subscription-not-in-transition",
        BillingNoMigrationInFlight = "billing-no-migration-in-flight",
        OrdersFinal = "orders-final",
        NoDependentSubscriptions = "no-dependent-subscriptions",
        BillingRequestValid = "billing-request-valid",
    }
}

named_enum! {
    /// The stable code a built-in rule refuses with.
    pub enum RefusalCode {
        MigrationSetInvalid = "MIGRATION_SET_INVALID",
        TargetIdInvalid = "TARGET_ID_INVALID",
        TargetIsOwner = "TARGET_IS_OWNER",
        TargetAccountNotFound = "TARGET_ACCOUNT_NOT_FOUND",
        TargetAccountInactive = "TARGET_ACCOUNT_INACTIVE",
        ResellerSubscription = "RESELLER_SUBSCRIPTION",
        VendorMismatch = "VENDOR_MISMATCH",
        BrandMismatch = "BRAND_MISMATCH",
        SubscriptionTerminated = "SUBSCRIPTION_TERMINATED",
        SubscriptionInTransition = "SUBSCRIPTION_IN_TRANSITION",
        BillingMigrationInFlight = "BILLING_MIGRATION_IN_FLIGHT",
        OrdersNotFinal = "ORDERS_NOT_FINAL",
        DependentSubscriptions = "DEPENDENT_SUBSCRIPTIONS",
        BillingRequestInvalid = "BILLING_REQUEST_INVALID",
        /// A rule could not be judged for want of data, and the policy refuses then.
        DataMissing = "DATA_MISSING",
    }
}

named_enum! {
    /// What the context lacks when a rule cannot be judged (the context's member names).
    pub enum Datum {
        Kind = "kind",
        VendorId = "vendorId",
        BrandId = "brandId",
        Status = "status",
        State = "state",
    }
}

/// Parameters every message may use, built-in or custom.
pub const COMMON_PARAMS: &[&str] = &["targetAccount", "subscription"];

impl BuiltInRule {
    /// The code it refuses with.
    pub fn code(self) -> RefusalCode {
        match self {
            Self::MigrationSetValid => RefusalCode::MigrationSetInvalid,
            Self::TargetIdValid => RefusalCode::TargetIdInvalid,
            Self::TargetNotOwner => RefusalCode::TargetIsOwner,
            Self::TargetAccountExists => RefusalCode::TargetAccountNotFound,
            Self::TargetAccountActive => RefusalCode::TargetAccountInactive,
            Self::NotResellerSubscription => RefusalCode::ResellerSubscription,
            Self::SameVendor => RefusalCode::VendorMismatch,
            Self::SameBrand => RefusalCode::BrandMismatch,
            Self::SubscriptionNotTerminated => RefusalCode::SubscriptionTerminated,
            Self::SubscriptionNotInTransition => RefusalCode::SubscriptionInTransition,
            Self::BillingNoMigrationInFlight => RefusalCode::BillingMigrationInFlight,
            Self::OrdersFinal => RefusalCode::OrdersNotFinal,
            Self::NoDependentSubscriptions => RefusalCode::DependentSubscriptions,
            Self::BillingRequestValid => RefusalCode::BillingRequestInvalid,
        }
    }

    /// The `{name}` parameters its message templates may use (beside [`COMMON_PARAMS`]).
    pub fn params(self) -> &'static [&'static str] {
        match self {
            Self::TargetAccountActive => &["status"],
            Self::NotResellerSubscription => &["sourceAccount"],
            Self::SameVendor => &["sourceVendor", "targetVendor"],
            Self::SameBrand => &["sourceBrand", "targetBrand"],
            Self::SubscriptionNotInTransition => &["state"],
            Self::BillingNoMigrationInFlight => &["platform", "reference"],
            Self::OrdersFinal => &["orders", "count"],
            Self::NoDependentSubscriptions => &["subscriptions", "count"],
            Self::BillingRequestValid => &["platform", "problems", "count"],
            _ => &[],
        }
    }

    /// What the rule finds.
    pub fn judge(self, facts: &Facts<'_>) -> Outcome {
        match self {
            Self::MigrationSetValid => request::migration_set_valid(facts),
            Self::TargetIdValid => request::target_id_valid(facts),
            Self::TargetNotOwner => request::target_not_owner(facts),
            Self::TargetAccountExists => request::target_account_exists(facts),
            Self::TargetAccountActive => accounts::target_account_active(facts),
            Self::NotResellerSubscription => accounts::not_reseller_subscription(facts),
            Self::SameVendor => accounts::same_vendor(facts),
            Self::SameBrand => accounts::same_brand(facts),
            Self::SubscriptionNotTerminated => subscription::not_terminated(facts),
            Self::SubscriptionNotInTransition => subscription::not_in_transition(facts),
            Self::BillingNoMigrationInFlight => billing::no_migration_in_flight(facts),
            Self::OrdersFinal => related::orders_final(facts),
            Self::NoDependentSubscriptions => related::no_dependent_subscriptions(facts),
            Self::BillingRequestValid => billing::request_valid(facts),
        }
    }
}

/// `{id, code, params}`: a built-in rule as `builtInRules()` lists it.
#[derive(Clone, Debug, Serialize)]
pub struct RuleInfo {
    pub id: BuiltInRule,
    pub code: RefusalCode,
    pub params: &'static [&'static str],
}

/// Every built-in rule, most important first.
pub fn rule_infos() -> Vec<RuleInfo> {
    BuiltInRule::ALL
        .iter()
        .map(|&id| RuleInfo {
            id,
            code: id.code(),
            params: id.params(),
        })
        .collect()
}

/// What one rule found.
#[derive(Debug)]
pub enum Outcome {
    /// The rule holds.
    Pass,
    /// The rule refuses, with these parameters.
    Fail(RuleParams),
    /// The rule could not be judged because an earlier one already refused what it needs, or
    /// it does not apply (no billing part).
    Skip,
    /// The rule could not be judged: the context lacks this datum.
    Missing(Datum),
}

/// The datum, or `Outcome::Missing` from the function (`let Some(x) = ... else`).
macro_rules! or_missing {
    ($value:expr, $datum:expr) => {
        match $value {
            Some(value) => value,
            None => return Outcome::Missing($datum),
        }
    };
}
pub(crate) use or_missing;

/// Pass when `ok`; otherwise fail with what `found` builds (only built on failure).
fn pass_if(ok: bool, found: impl FnOnce() -> RuleParams) -> Outcome {
    if ok {
        Outcome::Pass
    } else {
        Outcome::Fail(found())
    }
}

/// The requested move: the target id the migration set names, or why it names none.
#[derive(Debug)]
pub enum Request<'a> {
    /// `targetAccount` of a well-formed migration set.
    Target(Cow<'a, str>),
    /// The migration set's errors against the Migratable `MigrationSet` structure.
    Malformed(Vec<ValidationError>),
}

/// What the rules look at: the request, the context and what the billing platform says.
pub struct Facts<'a> {
    pub request: &'a Request<'a>,
    pub context: &'a Context<'a>,
    /// Order states that count as final.
    pub final_states: &'a [String],
    pub billing: Option<&'a BillingFacts>,
    /// The requested target id, when it is a valid APS id (worked out once).
    target_id: Option<&'a str>,
    /// The context's target account, when it is the requested one (worked out once).
    target: Option<&'a Account<'a>>,
}

impl<'a> Facts<'a> {
    /// What the rules look at; the target is worked out once here.
    pub fn new(
        request: &'a Request<'a>,
        context: &'a Context<'a>,
        final_states: &'a [String],
        billing: Option<&'a BillingFacts>,
    ) -> Facts<'a> {
        let target_id = match request {
            Request::Target(id) if is_aps_id(id) => Some(id.as_ref()),
            _ => None,
        };
        let target = target_id.and_then(|id| {
            let account = context.target_account.as_ref()?;
            same_aps_id(account.id.as_str(), id).then_some(account)
        });
        Facts {
            request,
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
    fn target(&self) -> Option<&'a Account<'a>> {
        self.target
    }
}
