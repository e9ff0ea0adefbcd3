//! What else the subscription is tied to: its orders are final, and no other subscription
//! depends on it.

use super::{pass_if, Facts, Outcome};
use crate::precheck::context::Order;
use crate::precheck::report::RuleParams;

pub fn orders_final(facts: &Facts<'_>) -> Outcome {
    // Order states compare without case: hosts write "completed", "Completed" or "COMPLETED".
    let is_open = |o: &&Order<'_>| {
        !facts
            .final_states
            .iter()
            .any(|f| f.eq_ignore_ascii_case(&o.state))
    };
    let orders = &facts.context.orders;
    pass_if(!orders.iter().any(|o| is_open(&o)), || {
        let open: Vec<Order<'static>> = orders.iter().filter(is_open).map(Order::owned).collect();
        RuleParams::Orders {
            count: open.len(),
            orders: open,
        }
    })
}

pub fn no_dependent_subscriptions(facts: &Facts<'_>) -> Outcome {
    let dependents = &facts.context.dependent_subscriptions;
    pass_if(dependents.is_empty(), || RuleParams::Dependents {
        count: dependents.len(),
        subscriptions: dependents.iter().map(|d| d.owned()).collect(),
    })
}
