//! The subscription: neither terminated nor in the middle of a provisioning operation.

use super::{pass_if, Facts, Outcome};
use crate::precheck::context::SubscriptionState;
use crate::precheck::report::RuleParams;

pub fn not_terminated(facts: &Facts<'_>) -> Outcome {
    let state = facts.context.subscription.state;
    pass_if(state != SubscriptionState::Terminated, || {
        RuleParams::None {}
    })
}

pub fn not_in_transition(facts: &Facts<'_>) -> Outcome {
    let state = facts.context.subscription.state;
    pass_if(!state.in_transition(), || RuleParams::State { state })
}
