//! The accounts: the target is active, the subscription is not a reseller's, and both accounts
//! are under the same vendor and brand.

use super::{or_missing, pass_if, Datum, Facts, Outcome};
use crate::precheck::context::{AccountKind, AccountStatus, Ref};
use crate::precheck::report::{name_or_id, RuleParams};

pub fn target_account_active(facts: &Facts<'_>) -> Outcome {
    let Some(target) = facts.target() else {
        return Outcome::Skip;
    };
    let status = or_missing!(target.status, Datum::Status);
    pass_if(status == AccountStatus::Active, || RuleParams::Status {
        status,
    })
}

pub fn not_reseller_subscription(facts: &Facts<'_>) -> Outcome {
    let source = &facts.context.source_account;
    let kind = or_missing!(source.kind, Datum::Kind);
    pass_if(kind != AccountKind::Reseller, || {
        RuleParams::SourceAccount {
            source_account: name_or_id(source.name.as_ref(), source.id.as_str().into()),
        }
    })
}

/// Ids compare as text, so a host may send `7`, `7.0` or `"7"`.
fn same_ref(a: &Ref<'_>, b: &Ref<'_>) -> bool {
    a.key() == b.key()
}

pub fn same_vendor(facts: &Facts<'_>) -> Outcome {
    let Some(target) = facts.target() else {
        return Outcome::Skip;
    };
    let a = or_missing!(&facts.context.source_account.vendor_id, Datum::VendorId);
    let b = or_missing!(&target.vendor_id, Datum::VendorId);
    pass_if(same_ref(a, b), || RuleParams::Vendors {
        source_vendor: a.to_value(),
        target_vendor: b.to_value(),
    })
}

pub fn same_brand(facts: &Facts<'_>) -> Outcome {
    let Some(target) = facts.target() else {
        return Outcome::Skip;
    };
    let a = or_missing!(&facts.context.source_account.brand_id, Datum::BrandId);
    let b = or_missing!(&target.brand_id, Datum::BrandId);
    pass_if(same_ref(a, b), || RuleParams::Brands {
        source_brand: a.to_value(),
        target_brand: b.to_value(),
    })
}
