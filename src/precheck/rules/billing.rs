//! The billing platform: no migration already in flight there, and a valid request for it.

use super::{pass_if, Facts, Outcome};
use crate::billing::condense;
use crate::precheck::report::RuleParams;

pub fn no_migration_in_flight(facts: &Facts<'_>) -> Outcome {
    let Some(billing) = facts.billing else {
        return Outcome::Skip;
    };
    match &billing.in_flight {
        None => Outcome::Pass,
        Some(reference) => Outcome::Fail(RuleParams::InFlight {
            reference: reference.clone(),
            platform: billing.platform.display_name(),
        }),
    }
}

pub fn request_valid(facts: &Facts<'_>) -> Outcome {
    let Some(billing) = facts.billing else {
        return Outcome::Skip;
    };
    pass_if(billing.request_errors.is_empty(), || {
        let problems: Vec<String> = condense(&billing.request_errors)
            .iter()
            .map(|e| e.message.clone())
            .collect();
        RuleParams::Request {
            platform: billing.platform.display_name(),
            count: problems.len(),
            problems,
        }
    })
}
