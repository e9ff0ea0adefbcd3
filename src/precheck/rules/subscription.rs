//! The subscription: neither terminated nor in the middle of a provisioning operation.

use super::{or_missing, pass_if, Datum, Facts, Outcome};
use crate::precheck::context::SubscriptionState;
use crate::precheck::report::RuleParams;

/// Terminated as the platform says it apart from the state (`isTerminated`), else by the state.
pub fn not_terminated(facts: &Facts<'_>) -> Outcome {
    let subscription = &facts.context.subscription;
    let terminated = match (subscription.terminated, subscription.state) {
        (Some(terminated), _) => terminated,
        (None, state) => or_missing!(state, Datum::State) == SubscriptionState::Terminated,
    };
    pass_if(!terminated, || RuleParams::None {})
}

pub fn not_in_transition(facts: &Facts<'_>) -> Outcome {
    let state = or_missing!(facts.context.subscription.state, Datum::State);
    pass_if(!state.in_transition(), || RuleParams::State { state })
}
