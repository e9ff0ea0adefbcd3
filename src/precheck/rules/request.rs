//! The request itself: a well-formed migration set naming a valid APS id of an account that
//! exists and does not own the subscription already.

use super::{pass_if, Facts, Outcome, Request};
use crate::aps::same_aps_id;
use crate::precheck::report::RuleParams;

pub fn migration_set_valid(facts: &Facts<'_>) -> Outcome {
    match facts.request {
        Request::Target(_) => Outcome::Pass,
        Request::Malformed(errors) => Outcome::Fail(RuleParams::Errors {
            errors: errors.clone(),
        }),
    }
}

pub fn target_id_valid(facts: &Facts<'_>) -> Outcome {
    match facts.request {
        Request::Malformed(_) => Outcome::Skip,
        Request::Target(_) => pass_if(facts.target_id().is_some(), || RuleParams::None {}),
    }
}

pub fn target_not_owner(facts: &Facts<'_>) -> Outcome {
    let Some(id) = facts.target_id() else {
        return Outcome::Skip;
    };
    let owner = facts.context.subscription.owner_account_id.as_str();
    pass_if(!same_aps_id(owner, id), || RuleParams::None {})
}

pub fn target_account_exists(facts: &Facts<'_>) -> Outcome {
    if facts.target_id().is_none() {
        return Outcome::Skip;
    }
    pass_if(facts.target().is_some(), || RuleParams::None {})
}
