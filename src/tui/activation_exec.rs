//! Runs the activation flow's effects against CCM: the lists and the read-back are plain calls; the
//! activate request goes through [`CcmClient::activate_ca`], which journals `sending` (fsynced) before it
//! leaves and the outcome after, and never retries. Kept apart from the order's runtime so the flow can
//! be driven (and tested) without a terminal; the wizard's runtime spawns it for the hosted flow.

use crate::api::CcmClient;
use crate::api::client::CaFilter;
use crate::journal::Journal;

use super::model::activation::{ActEffect, ActMsg};

/// Performs one effect and returns the message that answers it; `None` for [`ActEffect::Quit`], which
/// the caller handles (it ends the flow).
pub async fn execute(effect: ActEffect, client: &CcmClient, journal: &Journal) -> Option<ActMsg> {
    let list = |status: &str| CaFilter {
        status: Some(status.to_string()),
        ..CaFilter::default()
    };
    Some(match effect {
        ActEffect::LoadPending => ActMsg::PendingLoaded(client.list_cas(&list("PENDING")).await),
        ActEffect::LoadIssuers => ActMsg::IssuersLoaded(client.list_cas(&list("ACTIVED")).await),
        ActEffect::Activate(request) => {
            ActMsg::Activated(client.activate_ca(&request, journal).await.outcome)
        }
        ActEffect::ShowCa(id) => ActMsg::Shown(client.show_ca(&id).await),
        ActEffect::Quit(_) => return None,
    })
}
