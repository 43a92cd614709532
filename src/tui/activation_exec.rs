//! Runs the activation flow's effects against CCM: the lists and the read-back are plain calls; the
//! activate request goes through [`CcmClient::activate_ca`], which journals `sending` (fsynced) before it
//! leaves and the outcome after, and never retries. Kept apart from the order's runtime so the flow can
//! be driven (and tested) without a terminal; the wizard's runtime spawns it for the activation flow.

use crate::api::CcmClient;
use crate::api::client::CaFilter;
use crate::journal::Journal;

use super::model::activation::{ActivationEffect, ActivationMsg};

/// Performs one effect and returns the messages that answer it, in order: for an activation whose outcome
/// could not be journaled, the warning first, then the outcome.
pub async fn execute(
    effect: ActivationEffect,
    client: &CcmClient,
    journal: &Journal,
) -> Vec<ActivationMsg> {
    let list = |status: &str| CaFilter {
        status: Some(status.to_string()),
        ..CaFilter::default()
    };
    match effect {
        ActivationEffect::LoadPending => vec![ActivationMsg::PendingLoaded(
            client.list_cas(&list("PENDING")).await,
        )],
        ActivationEffect::LoadIssuers => vec![ActivationMsg::IssuersLoaded(
            client.list_cas(&list("ACTIVED")).await,
        )],
        ActivationEffect::Activate(request) => {
            let activated = client.activate_ca(&request, journal).await;
            let mut answers: Vec<ActivationMsg> = activated
                .journal_warning
                .map(ActivationMsg::JournalWarning)
                .into_iter()
                .collect();
            answers.push(ActivationMsg::Activated(activated.outcome));
            answers
        }
        ActivationEffect::ShowCa(id) => vec![ActivationMsg::Shown(client.show_ca(&id).await)],
        ActivationEffect::ReadClock => vec![ActivationMsg::Clock(time::OffsetDateTime::now_utc())],
    }
}
