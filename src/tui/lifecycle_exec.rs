//! Runs the paid-life effects of "My CAs": an auto-renew switch or an unsubscribe through BSS's
//! journaled calls (the `sending` line fsynced before the request leaves, the outcome after, sent once,
//! never retried), and the reads around them: the renewal price, the refund breakdown after an
//! unsubscribe, and a renewal order's status while it is followed. Kept apart from the runtime so
//! the flow can be driven (and tested) without a terminal.

use crate::api::bss::BssClient;
use crate::api::{CallError, Outcome, Reason};
use crate::journal::Journal;

use super::model::lifecycle::{LifeAnswer, LifeEffect, LifeMsg, LifeRequest, Refunds};

/// Performs one effect and returns its answer. A request is waited for until its answer or the
/// transport's own time limit: the wizard's runtime already waits for a request in flight when a
/// signal comes, so nothing here stops it early.
pub async fn execute(effect: LifeEffect, bss: &BssClient, journal: &Journal) -> LifeMsg {
    let wait = std::future::pending::<Reason>;
    match effect {
        LifeEffect::Send(LifeRequest::AutoRenew { ca_id, switch, .. }) => {
            let sent = bss.auto_renew_until(&ca_id, switch, journal, wait()).await;
            LifeMsg::Sent {
                answer: LifeAnswer::Switched(sent.outcome),
                journal_warning: sent.journal_warning,
            }
        }
        LifeEffect::Send(LifeRequest::Unsubscribe { ca_id, what, .. }) => {
            let sent = bss.unsubscribe_until(&ca_id, what, journal, wait()).await;
            LifeMsg::Sent {
                answer: LifeAnswer::Unsubscribed(sent.outcome),
                journal_warning: sent.journal_warning,
            }
        }
        LifeEffect::Send(LifeRequest::Renew { req, auto_pay, .. }) => {
            let sent = bss
                .renew_until(&req, &req.resource_ids, auto_pay, journal, wait())
                .await;
            LifeMsg::Sent {
                answer: LifeAnswer::Renewed(sent.outcome),
                journal_warning: sent.journal_warning,
            }
        }
        LifeEffect::RenewRate(req) => LifeMsg::Rated(bss.renew_rate(&req).await),
        // The read `status --wait` makes (the id's shape is checked before it goes into the path).
        LifeEffect::ReadOrder(order_id) => {
            let result = bss.order_details(&order_id).await.map(|d| d.status);
            LifeMsg::OrderRead { order_id, result }
        }
        LifeEffect::Refunds(order_id) => {
            let lines = bss.refund_lines(&order_id).await;
            let currency = bss.currency().await.to_string();
            LifeMsg::Refunds(lines.map(|lines| Refunds {
                order_id,
                lines,
                currency,
            }))
        }
    }
}

/// The answer of an effect whose task died: a request may have left, so its outcome is unknown; a
/// read failed.
pub fn died(effect: &LifeEffect, detail: String) -> LifeMsg {
    match effect {
        LifeEffect::Send(LifeRequest::AutoRenew { .. }) => LifeMsg::Sent {
            answer: LifeAnswer::Switched(Outcome::Unknown(Reason::TaskFailed { detail })),
            journal_warning: None,
        },
        LifeEffect::Send(LifeRequest::Unsubscribe { .. }) => LifeMsg::Sent {
            answer: LifeAnswer::Unsubscribed(Outcome::Unknown(Reason::TaskFailed { detail })),
            journal_warning: None,
        },
        LifeEffect::Send(LifeRequest::Renew { .. }) => LifeMsg::Sent {
            answer: LifeAnswer::Renewed(Outcome::Unknown(Reason::TaskFailed { detail })),
            journal_warning: None,
        },
        LifeEffect::Refunds(_) => LifeMsg::Refunds(Err(CallError::Network(detail))),
        LifeEffect::RenewRate(_) => LifeMsg::Rated(Err(CallError::Network(detail))),
        LifeEffect::ReadOrder(order_id) => LifeMsg::OrderRead {
            order_id: order_id.clone(),
            result: Err(CallError::Network(detail)),
        },
    }
}
