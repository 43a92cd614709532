//! Runs the activation flow's effects against CCM: the lists and the read-back are plain calls; the
//! activate request goes through [`CcmClient::activate_ca`], which journals `sending` (fsynced) before it
//! leaves and the outcome after, and never retries. Kept apart from the order's runtime so the flow can
//! be driven (and tested) without a terminal; the wizard's runtime spawns it for the hosted flow.

use crate::api::CcmClient;
use crate::api::client::CaFilter;
use crate::journal::Journal;

use super::model::activation::{ActEffect, ActMsg};

/// Performs one effect and returns the messages that answer it, in order: for an activation whose outcome
/// could not be journaled, the warning first, then the outcome. Nothing for [`ActEffect::Quit`], which the
/// caller handles (it ends the flow).
pub async fn execute(effect: ActEffect, client: &CcmClient, journal: &Journal) -> Vec<ActMsg> {
    let list = |status: &str| CaFilter {
        status: Some(status.to_string()),
        ..CaFilter::default()
    };
    match effect {
        ActEffect::LoadPending => vec![ActMsg::PendingLoaded(
            client.list_cas(&list("PENDING")).await,
        )],
        ActEffect::LoadIssuers => vec![ActMsg::IssuersLoaded(
            client.list_cas(&list("ACTIVED")).await,
        )],
        ActEffect::Activate(request) => {
            let activated = client.activate_ca(&request, journal).await;
            let mut answers: Vec<ActMsg> = activated
                .journal_warning
                .map(ActMsg::JournalWarning)
                .into_iter()
                .collect();
            answers.push(ActMsg::Activated(activated.outcome));
            answers
        }
        ActEffect::ShowCa(id) => vec![ActMsg::Shown(client.show_ca(&id).await)],
        ActEffect::Quit(_) => Vec::new(),
    }
}
