//! The "My CAs" flow (issue 20): the account's CAs with their paid life, read in the background,
//! sorted by what ends soonest, narrowed by a filter, one shown in detail, a PENDING one handed to the
//! activation flow. Pure like every flow: keys arrive as resolved [`Action`]s, the read's answer as
//! [`ManageMsg::Loaded`], and the read itself is asked for with [`ManageEffect::Load`].
//!
//! Two dates are kept apart everywhere: the subscription's end (BSS `expire_time`, "paid until") and
//! the certificate's `not_after`. Whether renewing moves `not_after` is not documented, so nothing here
//! relates them.
//!
//! A later action (renew, auto-renew, unsubscribe, export) plugs in as one keymap binding on the list
//! and detail contexts and one arm in [`ManageFlow::on_action`] that hands off to its flow.

use std::collections::HashMap;

use time::OffsetDateTime;
use tui_input::{Input, InputRequest};

use crate::activation::{CaInfo, CaStatus};
use crate::api::CallError;
use crate::billing::subscription::{self, Subscription};
use crate::text::Lang;
use crate::tui::keymap::{Action, Context};

use super::Load;
use super::activation::ActivationStart;

/// Rows PgUp/PgDn move the highlighted row by (ours: the list's window is the view's to know; ten
/// rows fit the smallest terminal's body).
pub const PAGE_ROWS: usize = 10;

/// Longest filter kept: far past any CA id or common name (a runaway paste cannot eat memory).
const MAX_FILTER_CHARS: usize = 128;

/// Where the flow is once the CAs are read (reading and its failure are [`ManageFlow::cas`]'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManageStep {
    /// The table, keys on the highlighted row.
    List,
    /// The filter field has the keyboard: typing narrows the table.
    Filter,
    /// One CA's every field, both dates labelled apart.
    Detail,
}

/// What is known of one CA's subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paid<'a> {
    /// BSS could not be read: unknown (the screen says why once).
    Unknown,
    /// BSS does not list the CA (pay-per-use, or not yet provisioned).
    Unlisted,
    /// BSS's record of it.
    Known(&'a Subscription),
}

impl<'a> Paid<'a> {
    /// The subscription, when BSS listed it.
    pub fn subscription(self) -> Option<&'a Subscription> {
        match self {
            Paid::Known(s) => Some(s),
            Paid::Unknown | Paid::Unlisted => None,
        }
    }
}

/// One row of the table: the CA and what is known of its subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<'a> {
    /// The CA as CCM listed it.
    pub ca: &'a CaInfo,
    /// Its subscription as BSS listed it.
    pub paid: Paid<'a>,
}

/// What one background read brought: the CAs (every page), their subscriptions (one BSS query per 50;
/// `None` when there was nothing to ask, the CA list having failed or being empty), and the time of the
/// read (the model reads no clock: days left are counted from it).
#[derive(Debug, Clone)]
pub struct ManageRead {
    /// CCM's list, every page.
    pub cas: Result<Vec<CaInfo>, CallError>,
    /// BSS's subscriptions of those CAs.
    pub paid: Option<Result<Vec<Subscription>, CallError>>,
    /// When the read ended.
    pub now: OffsetDateTime,
}

/// What can happen to the flow: keys, and the read's answer.
#[derive(Debug, Clone)]
pub enum ManageMsg {
    /// What a key asked for (resolved by the keymap).
    Action(Action),
    /// The background read finished (boxed: far larger than a key).
    Loaded(Box<ManageRead>),
    /// An answer for the paid-life actions (auto-renew, unsubscribe; `lifecycle.rs`).
    Life(Box<super::lifecycle::LifeMsg>),
}

/// What the flow asks the runtime to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManageEffect {
    /// Read the CAs and their subscriptions; answer with [`ManageMsg::Loaded`].
    Load,
}

/// What the flow asks the wizard for besides effects: another flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManageHandoff {
    /// Activate this PENDING CA in the activation flow.
    Activate(ActivationStart),
    /// The CSR path for this PENDING subordinate (issue 21; boxed: a CA is large).
    Csr(Box<CaInfo>),
    /// Export this CA's certificate (handed off only for a status that can export).
    Export {
        /// The CA.
        ca_id: String,
        /// Its status as listed.
        status: CaStatus,
    },
}

/// Everything the flow knows; the screens read it, only [`ManageFlow::update`] changes it.
#[derive(Debug, Clone)]
pub struct ManageFlow {
    /// Where the flow is once the CAs are read.
    pub step: ManageStep,
    /// The account's CAs: loading, read, or why not.
    pub cas: Load<Vec<CaInfo>>,
    /// Their subscriptions by lower-case id, or why BSS could not be read.
    pub paid: Result<HashMap<String, Subscription>, CallError>,
    /// When the last read ended: days left are counted from it.
    pub now: Option<OffsetDateTime>,
    /// The filter as typed.
    pub filter: Input,
    /// The highlighted row, among the rows the filter leaves.
    pub cursor: usize,
    /// The CA the detail shows.
    pub shown: Option<String>,
    /// The paid-life action on screen over the list, if any (`lifecycle.rs`).
    pub life: super::lifecycle::Life,
}

impl Default for ManageFlow {
    fn default() -> Self {
        ManageFlow::new()
    }
}

impl ManageFlow {
    /// A flow about to read the account's CAs.
    pub fn new() -> Self {
        ManageFlow {
            step: ManageStep::List,
            cas: Load::Loading,
            paid: Ok(HashMap::new()),
            now: None,
            filter: Input::default(),
            cursor: 0,
            shown: None,
            life: super::lifecycle::Life::default(),
        }
    }

    /// The read to start when the flow opens (and on retry).
    pub fn start_effects(&mut self) -> Vec<ManageEffect> {
        self.cas = Load::Loading;
        vec![ManageEffect::Load]
    }

    /// What is known of this CA's subscription.
    pub fn paid_of(&self, ca_id: &str) -> Paid<'_> {
        match &self.paid {
            Err(_) => Paid::Unknown,
            Ok(map) => map
                .get(&ca_id.to_ascii_lowercase())
                .map_or(Paid::Unlisted, Paid::Known),
        }
    }

    /// The rows the filter leaves, sorted by what ends soonest ([`ends_at`]); empty until read.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let Load::Loaded(cas) = &self.cas else {
            return Vec::new();
        };
        let mut rows: Vec<Row<'_>> = cas
            .iter()
            .filter(|ca| matches_filter(ca, self.filter.value()))
            .map(|ca| Row {
                ca,
                paid: self.paid_of(&ca.ca_id),
            })
            .collect();
        rows.sort_by_key(|r| sort_key(r.ca, r.paid.subscription()));
        rows
    }

    /// The highlighted row's CA.
    pub fn highlighted(&self) -> Option<&CaInfo> {
        self.rows().get(self.cursor).map(|r| r.ca)
    }

    /// The CA the detail shows, as last read.
    pub fn shown_ca(&self) -> Option<&CaInfo> {
        let id = self.shown.as_deref()?;
        match &self.cas {
            Load::Loaded(cas) => cas.iter().find(|c| c.ca_id == id),
            _ => None,
        }
    }

    /// Whether the filter narrows the table.
    pub fn filtered(&self) -> bool {
        !self.filter.value().trim().is_empty()
    }

    /// The CA the keys act on: the detail's, else the highlighted row's.
    pub fn current(&self) -> Option<&CaInfo> {
        match self.step {
            ManageStep::Detail => self.shown_ca(),
            ManageStep::List | ManageStep::Filter => self.highlighted(),
        }
    }

    /// Whether the CA the keys act on may be activated (PENDING).
    pub fn current_pending(&self) -> bool {
        self.current()
            .is_some_and(|c| c.status == CaStatus::Pending)
    }

    /// Whether the CA the keys act on can export its certificate (the command line's rule): `e` is
    /// offered only then. No CA (an empty table) cannot.
    pub fn current_can_export(&self) -> bool {
        self.current().is_some_and(|c| c.status.can_export())
    }

    /// The keymap context of the table, the filter or the detail once the CAs are read (the flow's
    /// `context` covers reading, its failure and a paid-life action's screens): one context per
    /// combination of the row's facts, so footer, help and dispatch read the same table.
    pub fn table_context(&self) -> Context {
        // PENDING, exportable, or neither (DELETED, or no row): the first two exclude each other.
        let row = if self.current_pending() {
            Some(true)
        } else if self.current_can_export() {
            None
        } else {
            Some(false)
        };
        let sub = self.current_subscribed();
        match self.step {
            ManageStep::Filter => Context::ManageFilter,
            ManageStep::Detail => match (row, sub) {
                (Some(true), true) => Context::ManageDetailPendingSub,
                (Some(true), false) => Context::ManageDetailPending,
                (Some(false), true) => Context::ManageDetailNoExportSub,
                (Some(false), false) => Context::ManageDetailNoExport,
                (None, true) => Context::ManageDetailSub,
                (None, false) => Context::ManageDetail,
            },
            ManageStep::List => match (row, self.filtered(), sub) {
                (Some(true), true, true) => Context::ManageListPendingSubFiltered,
                (Some(true), false, true) => Context::ManageListPendingSub,
                (Some(true), true, false) => Context::ManageListPendingFiltered,
                (Some(true), false, false) => Context::ManageListPending,
                (Some(false), true, true) => Context::ManageListNoExportSubFiltered,
                (Some(false), false, true) => Context::ManageListNoExportSub,
                (Some(false), true, false) => Context::ManageListNoExportFiltered,
                (Some(false), false, false) => Context::ManageListNoExport,
                (None, true, true) => Context::ManageListSubFiltered,
                (None, false, true) => Context::ManageListSub,
                (None, true, false) => Context::ManageListFiltered,
                (None, false, false) => Context::ManageList,
            },
        }
    }

    fn clamp_cursor(&mut self) {
        let n = self.rows().len();
        self.cursor = self.cursor.min(n.saturating_sub(1));
    }

    /// Applies one message; returns the reads to start and the flow to hand over to, if any.
    pub fn update(&mut self, msg: ManageMsg) -> (Vec<ManageEffect>, Option<ManageHandoff>) {
        match msg {
            ManageMsg::Action(action) => self.on_action(action),
            ManageMsg::Loaded(read) => {
                // An answer nobody waits for (a read already answered) changes nothing.
                if self.cas.is_loading() {
                    self.on_loaded(*read);
                }
                (Vec::new(), None)
            }
            // Handled before this by `lifecycle.rs`.
            ManageMsg::Life(_) => (Vec::new(), None),
        }
    }

    fn on_loaded(&mut self, read: ManageRead) {
        self.now = Some(read.now);
        match read.cas {
            Ok(cas) => {
                self.paid = match read.paid {
                    None => Ok(HashMap::new()),
                    Some(Ok(subs)) => Ok(subscription::by_id(subs)),
                    Some(Err(e)) => Err(e),
                };
                self.cas = Load::Loaded(cas);
                // The detail of a CA no longer listed has nothing to show.
                if self.step == ManageStep::Detail && self.shown_ca().is_none() {
                    self.step = ManageStep::List;
                    self.shown = None;
                }
                self.clamp_cursor();
            }
            Err(e) => self.cas = Load::Failed(e),
        }
    }

    fn on_action(&mut self, action: Action) -> (Vec<ManageEffect>, Option<ManageHandoff>) {
        let mut effects = Vec::new();
        let mut handoff = None;
        match &self.cas {
            Load::Loading => return (effects, handoff),
            Load::Failed(_) => {
                if action == Action::Reload {
                    effects = self.start_effects();
                }
                return (effects, handoff);
            }
            Load::Loaded(_) => {}
        }
        match (self.step, action) {
            (ManageStep::Filter, Action::Insert(c))
                if !crate::sanitize::hidden(c)
                    && self.filter.value().chars().count() < MAX_FILTER_CHARS =>
            {
                self.filter.handle(InputRequest::InsertChar(c));
                self.cursor = 0;
            }
            (ManageStep::Filter, Action::Edit(request)) => {
                self.filter.handle(request);
                self.cursor = 0;
            }
            // Esc in the field clears the filter and gives the keys back to the table.
            (ManageStep::Filter, Action::Back) => {
                self.filter = Input::default();
                self.step = ManageStep::List;
                self.clamp_cursor();
            }
            // Esc on the table clears a filter left standing (the keymap offers it only then).
            (ManageStep::List, Action::Back) => {
                self.filter = Input::default();
                self.clamp_cursor();
            }
            (ManageStep::List, Action::Filter) => self.step = ManageStep::Filter,
            (ManageStep::List | ManageStep::Filter, Action::Up) => {
                self.cursor = self.cursor.saturating_sub(1);
            }
            (ManageStep::List | ManageStep::Filter, Action::Down) => {
                self.cursor += 1;
                self.clamp_cursor();
            }
            (ManageStep::List | ManageStep::Filter, Action::PageUp) => {
                self.cursor = self.cursor.saturating_sub(PAGE_ROWS);
            }
            (ManageStep::List | ManageStep::Filter, Action::PageDown) => {
                self.cursor = self.cursor.saturating_add(PAGE_ROWS);
                self.clamp_cursor();
            }
            (ManageStep::List | ManageStep::Filter, Action::Next) => {
                if let Some(id) = self.highlighted().map(|c| c.ca_id.clone()) {
                    self.shown = Some(id);
                    self.step = ManageStep::Detail;
                }
            }
            (ManageStep::List, Action::Reload) => effects = self.start_effects(),
            (ManageStep::Detail, Action::Back) => {
                self.step = ManageStep::List;
                self.shown = None;
            }
            (ManageStep::List | ManageStep::Detail, Action::ActivateCas) => {
                if let Some(ca) = self.current().filter(|c| c.status == CaStatus::Pending) {
                    handoff = Some(ManageHandoff::Activate(ActivationStart {
                        ca_ids: vec![ca.ca_id.clone()],
                        period: None,
                    }));
                }
            }
            // The CSR path (issue 21): a PENDING CA highlighted or shown.
            (ManageStep::List | ManageStep::Detail, Action::Csr) => {
                if let Some(ca) = self.current().filter(|c| c.status == CaStatus::Pending) {
                    handoff = Some(ManageHandoff::Csr(Box::new(ca.clone())));
                }
            }
            // Export (issue 21): the highlighted or shown CA, if its status can export (the keymap
            // offers `e` only then; a PENDING or DELETED CA opens no screen).
            (ManageStep::List | ManageStep::Detail, Action::Export) => {
                handoff = self
                    .current()
                    .filter(|ca| ca.status.can_export())
                    .map(|ca| ManageHandoff::Export {
                        ca_id: ca.ca_id.clone(),
                        status: ca.status.clone(),
                    });
            }
            _ => {}
        }
        (effects, handoff)
    }
}

/// When a CA's paid life or certificate ends, whichever comes first, in seconds since the epoch: the
/// table's order ("what ends soonest"). `None` when neither is known (a PENDING CA not listed by BSS).
pub fn ends_at(ca: &CaInfo, sub: Option<&Subscription>) -> Option<i64> {
    let paid = sub
        .and_then(|s| s.expire_time)
        .map(OffsetDateTime::unix_timestamp);
    let cert = ca.not_after.map(|ms| ms.div_euclid(1000));
    match (paid, cert) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The table's sort key: what ends soonest first (ended ones before all), the CAs with no known end
/// last; ties by common name, then id, so the order never depends on the server's.
pub fn sort_key(ca: &CaInfo, sub: Option<&Subscription>) -> (bool, i64, String, String) {
    let end = ends_at(ca, sub);
    (
        end.is_none(),
        end.unwrap_or(i64::MAX),
        ca.subject
            .common_name
            .as_deref()
            .unwrap_or_default()
            .to_lowercase(),
        ca.ca_id.to_ascii_lowercase(),
    )
}

/// Whether a CA stays in the table under `filter`: empty keeps all; otherwise the filter (trimmed,
/// without case) is found in the common name, the id, the API's status word, or the status as either
/// language words it.
pub fn matches_filter(ca: &CaInfo, filter: &str) -> bool {
    let needle = filter.trim().to_lowercase();
    if needle.is_empty() {
        return true;
    }
    let status_words = Lang::ALL
        .iter()
        .map(|l| l.text().ca_status_words(&ca.status));
    [
        ca.subject.common_name.clone().unwrap_or_default(),
        ca.ca_id.clone(),
        ca.status.as_str().to_string(),
    ]
    .into_iter()
    .chain(status_words)
    .any(|hay| hay.to_lowercase().contains(&needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::subscription::ResourceStatus;
    use time::macros::datetime;

    fn ca(id: &str, cn: Option<&str>, status: CaStatus, not_after_s: Option<i64>) -> CaInfo {
        CaInfo {
            ca_id: id.into(),
            ca_type: Some("ROOT".into()),
            status,
            subject: crate::activation::ca::CaSubject {
                common_name: cn.map(str::to_string),
                ..Default::default()
            },
            key_algorithm: None,
            signature_algorithm: None,
            issuer_id: None,
            path_length: None,
            serial_number: None,
            create_time: None,
            not_before: None,
            not_after: not_after_s.map(|s| s * 1000),
        }
    }

    fn sub(id: &str, end: Option<OffsetDateTime>) -> Subscription {
        Subscription {
            resource_id: id.into(),
            status: ResourceStatus::InUse,
            effective_time: None,
            expire_time: end,
            expire_policy: None,
            region_code: String::new(),
            is_main_resource: Some(1),
        }
    }

    #[test]
    fn ends_at_is_the_earlier_of_both_dates_or_the_one_known() {
        let end = datetime!(2027-01-01 00:00 UTC);
        let t = end.unix_timestamp();
        let s = sub("a", Some(end));
        let c = |na| ca("a", None, CaStatus::Actived, na);
        assert_eq!(ends_at(&c(Some(t + 1)), Some(&s)), Some(t));
        assert_eq!(ends_at(&c(Some(t - 1)), Some(&s)), Some(t - 1));
        assert_eq!(ends_at(&c(Some(t)), Some(&s)), Some(t));
        assert_eq!(ends_at(&c(None), Some(&s)), Some(t));
        assert_eq!(ends_at(&c(Some(t)), None), Some(t));
        assert_eq!(ends_at(&c(Some(t)), Some(&sub("a", None))), Some(t));
        assert_eq!(ends_at(&c(None), None), None);
        // Milliseconds before the epoch round down, not towards zero.
        let mut neg = c(None);
        neg.not_after = Some(-1);
        assert_eq!(ends_at(&neg, None), Some(-1));
    }

    #[test]
    fn sorted_soonest_first_unknown_last_ties_by_name_then_id() {
        let a = ca("b-id", Some("Beta"), CaStatus::Actived, Some(100));
        let b = ca("a-id", Some("alpha"), CaStatus::Actived, Some(100));
        let c = ca("c-id", Some("Alpha"), CaStatus::Actived, Some(100));
        let d = ca("d-id", None, CaStatus::Pending, None);
        let e = ca("e-id", Some("Soon"), CaStatus::Actived, Some(50));
        let mut all = [&a, &b, &c, &d, &e];
        all.sort_by_key(|x| sort_key(x, None));
        let ids: Vec<&str> = all.iter().map(|x| x.ca_id.as_str()).collect();
        assert_eq!(ids, ["e-id", "a-id", "c-id", "b-id", "d-id"]);
        // An end at the very last second still sorts before "no end known".
        let last = ca("z", None, CaStatus::Actived, None);
        let s = sub(
            "z",
            Some(OffsetDateTime::from_unix_timestamp(i64::from(i32::MAX)).unwrap()),
        );
        assert!(sort_key(&last, Some(&s)) < sort_key(&d, None));
    }

    #[test]
    fn the_filter_finds_name_id_and_status_in_either_language_without_case() {
        let c = ca("3B2D-id", Some("Team Root"), CaStatus::Actived, None);
        for hit in [
            "",
            "  ",
            "team",
            "ROOT",
            "3b2d",
            "actived",
            "Active",
            "已激活",
            " team ",
        ] {
            assert!(matches_filter(&c, hit), "{hit:?}");
        }
        for miss in ["pending", "xyz", "team  root"] {
            assert!(!matches_filter(&c, miss), "{miss:?}");
        }
        let nameless = ca("id-1", None, CaStatus::Pending, None);
        assert!(matches_filter(&nameless, "pend"));
        assert!(matches_filter(&nameless, "待激活"));
        assert!(!matches_filter(&nameless, "team"));
    }

    fn loaded(cas: Vec<CaInfo>, paid: Option<Result<Vec<Subscription>, CallError>>) -> ManageFlow {
        let mut f = ManageFlow::new();
        f.update(ManageMsg::Loaded(Box::new(ManageRead {
            cas: Ok(cas),
            paid,
            now: datetime!(2026-12-07 00:00 UTC),
        })));
        f
    }

    #[test]
    fn keys_move_within_the_rows_and_pages_stop_at_both_ends() {
        let cas: Vec<CaInfo> = (0..25)
            .map(|i| ca(&format!("id-{i:02}"), None, CaStatus::Actived, Some(i)))
            .collect();
        let mut f = loaded(cas, None);
        f.update(ManageMsg::Action(Action::Up));
        assert_eq!(f.cursor, 0);
        f.update(ManageMsg::Action(Action::PageDown));
        assert_eq!(f.cursor, PAGE_ROWS);
        f.update(ManageMsg::Action(Action::PageDown));
        f.update(ManageMsg::Action(Action::PageDown));
        assert_eq!(f.cursor, 24);
        f.update(ManageMsg::Action(Action::Down));
        assert_eq!(f.cursor, 24);
        f.update(ManageMsg::Action(Action::PageUp));
        assert_eq!(f.cursor, 24 - PAGE_ROWS);
        f.update(ManageMsg::Action(Action::Down));
        assert_eq!(f.cursor, 25 - PAGE_ROWS);
        f.update(ManageMsg::Action(Action::Up));
        assert_eq!(f.cursor, 24 - PAGE_ROWS);
        f.update(ManageMsg::Action(Action::PageUp));
        f.update(ManageMsg::Action(Action::PageUp));
        assert_eq!(f.cursor, 0);
    }

    #[test]
    fn only_a_pending_ca_is_handed_to_activation() {
        let mut f = loaded(
            vec![
                ca("act", None, CaStatus::Actived, Some(1)),
                ca("pen", None, CaStatus::Pending, None),
            ],
            None,
        );
        assert!(!f.current_pending());
        assert_eq!(f.update(ManageMsg::Action(Action::ActivateCas)).1, None);
        f.update(ManageMsg::Action(Action::Down));
        assert!(f.current_pending());
        let (_, handoff) = f.update(ManageMsg::Action(Action::ActivateCas));
        assert_eq!(
            handoff,
            Some(ManageHandoff::Activate(ActivationStart {
                ca_ids: vec!["pen".into()],
                period: None
            }))
        );
    }

    #[test]
    fn the_filter_takes_printable_characters_up_to_its_cap_and_esc_clears_it() {
        let mut f = loaded(vec![ca("a", None, CaStatus::Actived, None)], None);
        f.update(ManageMsg::Action(Action::Filter));
        assert_eq!(f.step, ManageStep::Filter);
        f.update(ManageMsg::Action(Action::Insert('\u{1b}')));
        assert_eq!(f.filter.value(), "", "a hidden character is dropped");
        for _ in 0..MAX_FILTER_CHARS + 5 {
            f.update(ManageMsg::Action(Action::Insert('x')));
        }
        assert_eq!(f.filter.value().chars().count(), MAX_FILTER_CHARS);
        assert!(f.filtered());
        assert!(f.rows().is_empty());
        f.update(ManageMsg::Action(Action::Back));
        assert_eq!(f.step, ManageStep::List);
        assert!(!f.filtered());
        assert_eq!(f.rows().len(), 1);
    }

    #[test]
    fn a_refresh_that_drops_the_shown_ca_goes_back_to_the_table_and_keeps_the_row_in_range() {
        let mut f = loaded(
            vec![
                ca("a", None, CaStatus::Actived, Some(1)),
                ca("b", None, CaStatus::Actived, Some(2)),
            ],
            None,
        );
        f.update(ManageMsg::Action(Action::Down));
        f.update(ManageMsg::Action(Action::Next));
        assert_eq!(f.step, ManageStep::Detail);
        assert_eq!(f.shown.as_deref(), Some("b"));
        // Refresh is offered on the table; a reload answered while on the detail still applies.
        f.cas = Load::Loading;
        f.update(ManageMsg::Loaded(Box::new(ManageRead {
            cas: Ok(vec![ca("a", None, CaStatus::Actived, Some(1))]),
            paid: None,
            now: datetime!(2026-12-07 00:00 UTC),
        })));
        assert_eq!(f.step, ManageStep::List);
        assert_eq!(f.shown, None);
        assert_eq!(f.cursor, 0);
        // A refresh that still lists the shown CA keeps its detail on screen.
        f.update(ManageMsg::Action(Action::Next));
        f.cas = Load::Loading;
        f.update(ManageMsg::Loaded(Box::new(ManageRead {
            cas: Ok(vec![ca("a", None, CaStatus::Actived, Some(1))]),
            paid: None,
            now: datetime!(2026-12-07 00:00 UTC),
        })));
        assert_eq!(f.step, ManageStep::Detail);
        assert_eq!(f.shown.as_deref(), Some("a"));
    }

    #[test]
    fn an_unread_bss_leaves_every_paid_life_unknown_and_an_unlisted_ca_unlisted() {
        let f = loaded(
            vec![ca("a", None, CaStatus::Actived, None)],
            Some(Err(CallError::Network("down".into()))),
        );
        assert_eq!(f.paid_of("a"), Paid::Unknown);
        let g = loaded(
            vec![
                ca("A", None, CaStatus::Actived, None),
                ca("b", None, CaStatus::Actived, None),
            ],
            Some(Ok(vec![sub("a", None)])),
        );
        assert!(matches!(g.paid_of("A"), Paid::Known(_)));
        assert_eq!(g.paid_of("b"), Paid::Unlisted);
        assert_eq!(Paid::Unlisted.subscription(), None);
    }
}
