//! Runs the "My CAs" flow's read: every page of CCM's CA list, then their subscriptions from BSS (one
//! resources query per 50 ids, never one request per CA). Reads only: nothing here changes anything,
//! so nothing is journaled. Kept apart from the runtime so the read can be tested without a terminal.

use crate::api::bss::BssClient;
use crate::api::client::CaFilter;

use super::model::manage::ManageRead;

/// Reads the account's CAs and their subscriptions. BSS is asked only when CCM listed a CA (an empty
/// id list would mean "every resource of the account"); its failure leaves the CAs readable.
pub async fn read(bss: &BssClient) -> ManageRead {
    let cas = bss.ccm().list_cas(&CaFilter::default()).await;
    let paid = match &cas {
        Ok(list) if !list.is_empty() => {
            let ids: Vec<String> = list.iter().map(|c| c.ca_id.clone()).collect();
            Some(bss.subscriptions(&ids).await)
        }
        _ => None,
    };
    ManageRead {
        cas,
        paid,
        now: time::OffsetDateTime::now_utc(),
    }
}
