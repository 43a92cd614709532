//! The wizard's CSR path (issue 21): a bought PENDING subordinate whose certificate the user's own root
//! signs. Opened from "My CAs" (row or detail); a subject form (the activation's fields and rules, not a
//! copy) and a key algorithm row, then the wizard's one question with the exact request — saving the
//! subject is CreateCertificateAuthority with the CA's `ca_id`, an **inferred** use of the API, said so
//! in the question as the CLI says it — then, in one background effect, the journaled save (skipped
//! when the CA already has this very subject saved), the CSR read and checked, and written to
//! `<name>.csr` in the current directory through the one safe writer. The result names the file, the
//! subject and the exact `pca-order import` command that comes next. Esc goes back to "My CAs".
//!
//! Pure like every flow: keys arrive as resolved [`Action`]s, the work's answer as [`CsrMsg::Done`].

use tui_input::{Input, InputRequest};

use crate::activation::subordinate::{
    SaveSubjectRequest, SubjectDraft, has_saved_subject, saved_is, saved_words,
};
use crate::activation::{CaInfo, CaStatus, KeyAlgorithm, Site};
use crate::api::{ApiError, CallError, Reason};
use crate::exit;
use crate::order::console::ConsoleConfig;
use crate::save::SaveError;
use crate::tui::keymap::Action;

use super::activation::{
    MAX_FIELD_CHARS, SubjectField, keys_offered, subject_field_error, subject_inputs, subject_of,
};
use super::manage::ManageFlow;
use super::session::Session;

/// What the flow knows of the CA when it opens: the CA as "My CAs" listed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrStart {
    /// The CA, as last read (its status, and any subject already saved).
    pub ca: CaInfo,
}

/// Where the flow is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsrStep {
    /// The subject's text fields.
    Subject,
    /// The key algorithm row; Enter asks.
    Key,
    /// The save (if any), the CSR read and the write are running.
    Working,
    /// The CSR was written: where, the subject, the next command.
    Done,
    /// Nothing (or not everything) was done: why.
    Failed,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrWritten {
    /// The CSR's file.
    pub path: String,
    /// The name first tried, when a file was already there (left alone; the next free number taken).
    pub taken: Option<String>,
    /// The CSR's subject, read from the CSR itself.
    pub subject: String,
}

/// Why no CSR was written.
#[derive(Debug, Clone)]
pub enum CsrFailure {
    /// The CA is not PENDING (or is a root with a subject saved): the status word CCM uses.
    NotPending(String),
    /// The CA already has another subject saved (it cannot be changed): what is saved.
    SavedDiffers(String),
    /// The CA listed with this subject saved has none now: nothing was asked, so nothing was sent.
    Changed,
    /// Saving the subject was refused (4xx): nothing changed.
    Rejected(ApiError),
    /// Saving the subject never left: nothing changed.
    NotSent(Reason),
    /// Saving the subject left without a complete answer: it may be saved.
    Unknown(Reason),
    /// The save was accepted but the answer named another CA: whether it was saved is unknown.
    OtherCa(String),
    /// The CA or its CSR could not be read.
    Read(CallError),
    /// The answer is not a CSR.
    BadCsr(String),
    /// The CSR is for another subject than the one saved: this subject.
    SubjectDiffers(String),
    /// The CSR could not be written.
    Write(SaveError),
}

/// What the work did: whether it sent the save (and so decides the exit code), and how it ended.
#[derive(Debug, Clone)]
pub struct CsrResult {
    /// The save was sent in this run (`false` when it was skipped, or never left the machine).
    pub saved_now: bool,
    /// The CA had this subject saved already: the save was skipped (the screen says so).
    pub skipped: bool,
    /// The CSR written, or why not.
    pub end: Result<CsrWritten, CsrFailure>,
}

/// What can happen to the flow: keys, and the work's answer.
#[derive(Debug, Clone)]
pub enum CsrMsg {
    /// What a key asked for (resolved by the keymap).
    Action(Action),
    /// The work ended.
    Done(Box<CsrResult>),
    /// What the region offers (its console configuration) was read, or could not be.
    ConsoleLoaded(Result<ConsoleConfig, CallError>),
}

/// What the flow asks the runtime to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsrEffect {
    /// Read the CA; save `request` (journaled, once) only when `confirmed` and the CA has no subject
    /// saved; then read the CSR, check it, write it; answer with [`CsrMsg::Done`].
    Run {
        /// The exact body confirmed (or, unconfirmed, the subject the CA must already have).
        request: Box<SaveSubjectRequest>,
        /// The user said `y` to this request: it may be sent.
        confirmed: bool,
    },
}

/// What the flow asks the wizard besides effects.
#[derive(Debug)]
pub enum CsrHandoff {
    /// Esc: back to "My CAs", with this flow as it ended when it sent a save or wrote a CSR (its
    /// code still counts, and the wizard prints it when it ends).
    Back(Box<ManageFlow>, Option<Box<CsrFlow>>),
}

/// Everything the CSR flow knows; the screen reads it, only [`CsrFlow::update`] changes it.
#[derive(Debug, Clone)]
pub struct CsrFlow {
    /// The CA as "My CAs" listed it.
    pub ca: CaInfo,
    /// Whether SM2 is offered: the region's console configuration when it says, else the website rule
    /// (as activation's).
    pub site: Site,
    /// The website the region is on by pca-order's rule: what [`CsrFlow::site`] stays while the
    /// console configuration is unknown.
    region_site: Site,
    /// Where the flow is.
    pub step: CsrStep,
    /// The subject fields, in [`SubjectField::ALL`] order.
    pub subject: [Input; 6],
    /// The focused subject field.
    pub focus: SubjectField,
    /// The key algorithm chosen.
    pub key: KeyAlgorithm,
    /// The request last asked about or run (shown while working and on the result).
    pub request: Option<SaveSubjectRequest>,
    /// The save is (or may be) in flight: confirmed and not answered yet.
    pub in_flight: bool,
    /// The work's answer, once in.
    pub result: Option<CsrResult>,
    /// Where Esc goes (taken when it does).
    back: Option<Box<ManageFlow>>,
    /// Where this flow's code sits on the session's record ([`Session::sent`]) once it has one.
    sent_place: Option<usize>,
}

impl CsrFlow {
    /// The flow for `start`'s CA on `site`, going back to `back`. A subject the CA already has saved
    /// is prefilled (it cannot be changed); otherwise the activation's defaults.
    pub fn new(start: CsrStart, site: Site, back: Box<ManageFlow>) -> Self {
        let offered = keys_offered(site);
        let mut subject = subject_inputs();
        let s = &start.ca.subject;
        if has_saved_subject(&start.ca) {
            for (field, value) in [
                (SubjectField::CommonName, &s.common_name),
                (SubjectField::Organization, &s.organization),
                (SubjectField::OrganizationalUnit, &s.organizational_unit),
                (SubjectField::Country, &s.country),
                (SubjectField::State, &s.state),
                (SubjectField::Locality, &s.locality),
            ] {
                let v = crate::sanitize::clean(value.as_deref().unwrap_or_default());
                subject[field.index()] = Input::new(v);
            }
        }
        let saved_key = start
            .ca
            .key_algorithm
            .as_deref()
            .and_then(|k| KeyAlgorithm::parse(k).ok())
            .filter(|k| offered.contains(k));
        let key = saved_key
            .or_else(|| offered.first().copied())
            .unwrap_or(KeyAlgorithm::Rsa2048);
        CsrFlow {
            ca: start.ca,
            site,
            region_site: site,
            step: CsrStep::Subject,
            subject,
            focus: SubjectField::CommonName,
            key,
            request: None,
            in_flight: false,
            result: None,
            back: Some(back),
            sent_place: None,
        }
    }

    /// What the region offers arrived: SM2 follows it when it says (an unreadable one keeps the website
    /// rule). A chosen SM2 the region does not offer goes back to the first offered key, so the form
    /// never holds a value it no longer offers.
    pub fn set_console(&mut self, config: Option<&ConsoleConfig>) {
        self.site = self.region_site.with_region(config.and_then(|c| c.sm2));
        let offered = keys_offered(self.site);
        if !offered.contains(&self.key) {
            self.key = offered.first().copied().unwrap_or(KeyAlgorithm::Rsa2048);
        }
    }

    /// The key algorithms offered (the activation's: SM2 on the China website only).
    pub fn offered_keys(&self) -> Vec<KeyAlgorithm> {
        keys_offered(self.site)
    }

    /// The exact request the form makes, or every broken rule (the CLI's `csr` rules).
    pub fn draft_request(&self) -> Result<SaveSubjectRequest, Vec<crate::activation::FieldError>> {
        SubjectDraft {
            ca_id: self.ca.ca_id.clone(),
            subject: subject_of(&self.subject),
            key_algorithm: self.key.as_str().to_string(),
        }
        .validate(self.site)
    }

    /// The first subject field whose text breaks a rule, in form order.
    pub fn first_bad_field(&self) -> Option<SubjectField> {
        SubjectField::ALL
            .into_iter()
            .find(|f| subject_field_error(*f, self.subject[f.index()].value()).is_some())
    }

    /// The written CSR, once it was.
    pub fn written(&self) -> Option<&CsrWritten> {
        self.result.as_ref().and_then(|r| r.end.as_ref().ok())
    }

    /// Why not, once that is known.
    pub fn failure(&self) -> Option<&CsrFailure> {
        self.result.as_ref().and_then(|r| r.end.as_ref().err())
    }

    /// Whether the focused step has a text field.
    pub fn typing(&self) -> bool {
        self.step == CsrStep::Subject
    }

    /// The session's code as this flow decides it: a save sent here counts as an activation does
    /// (`None` when nothing was sent). Done and the CSR written: 0; refused: 3; unknown: 4; not sent:
    /// 5. After a save that took effect, a later failure counts as the CLI's `csr` counts it: a read
    /// refused is unknown (4), a CSR that is not one or not this subject, or a write that failed, 5.
    pub fn exit_code(&self) -> Option<i32> {
        if self.in_flight {
            return Some(exit::UNKNOWN);
        }
        let result = self.result.as_ref()?;
        match &result.end {
            Err(CsrFailure::Rejected(_)) => Some(exit::REJECTED),
            Err(CsrFailure::NotSent(_)) => Some(exit::NOT_SENT),
            Err(CsrFailure::Unknown(_) | CsrFailure::OtherCa(_)) => Some(exit::UNKNOWN),
            _ if !result.saved_now => None,
            Ok(_) => Some(exit::ORDERED),
            Err(CsrFailure::Read(e)) => Some(match e.read_exit_code() {
                exit::REJECTED => exit::UNKNOWN,
                c => c,
            }),
            Err(_) => Some(exit::NOT_SENT),
        }
    }

    /// Puts the flow's code ([`CsrFlow::exit_code`]) on the session's record once its answer is in,
    /// and settles it as the work after the save (the CSR's read and write) changes it.
    pub fn record_sent(&mut self, session: &mut Session) {
        if self.in_flight {
            return;
        }
        match (self.exit_code(), self.sent_place) {
            (Some(code), Some(place)) => session.settle(place, code),
            (Some(code), None) => self.sent_place = Some(session.note_sent(code)),
            (None, _) => {}
        }
    }

    /// `y` on the question: runs exactly the request it held (nothing recomputed), once.
    pub fn confirm_request(&mut self, request: SaveSubjectRequest) -> Vec<CsrEffect> {
        if self.step != CsrStep::Key || self.in_flight {
            return Vec::new();
        }
        self.step = CsrStep::Working;
        self.in_flight = true;
        // A save sent again is a request of its own: its code takes a new place on the record.
        self.sent_place = None;
        self.request = Some(request.clone());
        vec![CsrEffect::Run {
            request: Box::new(request),
            confirmed: true,
        }]
    }

    /// Applies one message; returns the work to start, the request to ask about (the wizard puts it
    /// into its one overlay), and where to go, if anywhere.
    pub fn update(
        &mut self,
        msg: CsrMsg,
    ) -> (
        Vec<CsrEffect>,
        Option<SaveSubjectRequest>,
        Option<CsrHandoff>,
    ) {
        match msg {
            CsrMsg::Done(result) => {
                // An answer nobody waits for changes nothing.
                if self.step == CsrStep::Working {
                    self.in_flight = false;
                    self.step = if result.end.is_ok() {
                        CsrStep::Done
                    } else {
                        CsrStep::Failed
                    };
                    self.result = Some(*result);
                }
                (Vec::new(), None, None)
            }
            CsrMsg::ConsoleLoaded(result) => {
                self.set_console(result.as_ref().ok());
                (Vec::new(), None, None)
            }
            CsrMsg::Action(action) => self.on_action(action),
        }
    }

    fn back_to_manage(&mut self) -> Option<CsrHandoff> {
        let back = self.back.take()?;
        let kept = self.worth_keeping().then(|| Box::new(self.clone()));
        Some(CsrHandoff::Back(back, kept))
    }

    /// Whether the session must remember this flow: it sent a save, or wrote a CSR.
    pub fn worth_keeping(&self) -> bool {
        self.exit_code().is_some() || self.written().is_some()
    }

    fn on_action(
        &mut self,
        action: Action,
    ) -> (
        Vec<CsrEffect>,
        Option<SaveSubjectRequest>,
        Option<CsrHandoff>,
    ) {
        let i = self.focus.index();
        let last = SubjectField::ALL.len() - 1;
        match (self.step, action) {
            (CsrStep::Subject, Action::Insert(c)) => {
                let input = &mut self.subject[i];
                if !crate::sanitize::hidden(c) && input.value().chars().count() < MAX_FIELD_CHARS {
                    input.handle(InputRequest::InsertChar(c));
                }
            }
            (CsrStep::Subject, Action::Edit(request)) => {
                self.subject[i].handle(request);
            }
            (CsrStep::Subject, Action::Up) => self.focus = SubjectField::ALL[i.saturating_sub(1)],
            // Down (Tab) past the last field is the key row.
            (CsrStep::Subject, Action::Down) if i == last => self.step = CsrStep::Key,
            (CsrStep::Subject, Action::Down) => self.focus = SubjectField::ALL[i + 1],
            (CsrStep::Subject, Action::PrevField) if i > 0 => {
                self.focus = SubjectField::ALL[i - 1];
            }
            (CsrStep::Subject, Action::Back | Action::PrevField) => {
                return (Vec::new(), None, self.back_to_manage());
            }
            // Enter checks every field; the first broken one takes the focus, its rule under it.
            (CsrStep::Subject, Action::Next) => match self.first_bad_field() {
                Some(bad) => self.focus = bad,
                None => self.step = CsrStep::Key,
            },
            (CsrStep::Key, Action::Up | Action::Back | Action::PrevField) => {
                self.step = CsrStep::Subject;
            }
            (CsrStep::Key, Action::ValueLeft | Action::ValueRight) => {
                let keys = self.offered_keys();
                let at = keys.iter().position(|k| *k == self.key).unwrap_or(0);
                let to = if action == Action::ValueRight {
                    (at + 1).min(keys.len().saturating_sub(1))
                } else {
                    at.saturating_sub(1)
                };
                if let Some(k) = keys.get(to) {
                    self.key = *k;
                }
            }
            (CsrStep::Key, Action::Next) => return self.ask(),
            (CsrStep::Done | CsrStep::Failed, Action::Back) => {
                return (Vec::new(), None, self.back_to_manage());
            }
            _ => {}
        }
        (Vec::new(), None, None)
    }

    /// Enter on the key row: the request, checked as the CLI checks it. A broken subject field takes
    /// the focus; a CA with this subject already saved needs no question (nothing is sent: the CSR is
    /// read); one with another subject saved, or no longer PENDING as listed, is said so at once.
    fn ask(
        &mut self,
    ) -> (
        Vec<CsrEffect>,
        Option<SaveSubjectRequest>,
        Option<CsrHandoff>,
    ) {
        let request = match self.draft_request() {
            Ok(r) => r,
            Err(_) => {
                if let Some(bad) = self.first_bad_field() {
                    self.focus = bad;
                }
                self.step = CsrStep::Subject;
                return (Vec::new(), None, None);
            }
        };
        let fail = |flow: &mut CsrFlow, failure| {
            flow.step = CsrStep::Failed;
            flow.result = Some(CsrResult {
                saved_now: false,
                skipped: false,
                end: Err(failure),
            });
        };
        if self.ca.status != CaStatus::Pending {
            let word = crate::sanitize::clean(self.ca.status.as_str());
            fail(self, CsrFailure::NotPending(word));
            return (Vec::new(), None, None);
        }
        if has_saved_subject(&self.ca) {
            if !saved_is(&self.ca, &request) {
                let saved = saved_words(&self.ca);
                fail(self, CsrFailure::SavedDiffers(saved));
                return (Vec::new(), None, None);
            }
            self.step = CsrStep::Working;
            self.request = Some(request.clone());
            let run = CsrEffect::Run {
                request: Box::new(request),
                confirmed: false,
            };
            return (vec![run], None, None);
        }
        (Vec::new(), Some(request), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn flow(saved: bool) -> CsrFlow {
        let mut v = json!({"ca_id": "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "type": "SUBORDINATE",
            "status": "PENDING"});
        if saved {
            v["distinguished_name"] = json!({"common_name": "Old", "country": "CN"});
            v["key_algorithm"] = json!("SM2");
        }
        let ca = CaInfo::from_json(&v).expect("ca");
        CsrFlow::new(CsrStart { ca }, Site::International, Box::default())
    }

    fn ended(saved_now: bool, end: Result<CsrWritten, CsrFailure>) -> Option<i32> {
        let mut f = flow(false);
        f.result = Some(CsrResult {
            saved_now,
            skipped: false,
            end,
        });
        f.exit_code()
    }

    #[test]
    fn sm2_follows_the_regions_configuration_and_a_chosen_one_it_refuses_goes() {
        use crate::order::console::ConsoleConfig;
        let says = |sm2| ConsoleConfig {
            sm2,
            ..ConsoleConfig::default()
        };
        // Off the China website, a region that offers SM2 offers it (the saved SM2 is kept when the
        // flow is made on that site).
        let mut f = flow(false);
        f.set_console(Some(&says(Some(true))));
        assert_eq!(f.site, Site::China);
        assert!(f.offered_keys().contains(&KeyAlgorithm::Sm2));
        f.key = KeyAlgorithm::Sm2;
        // It says no: SM2 goes, and the chosen SM2 with it (the first offered key instead).
        f.set_console(Some(&says(Some(false))));
        assert_eq!(f.site, Site::International);
        assert!(!f.offered_keys().contains(&KeyAlgorithm::Sm2));
        assert_eq!(f.key, KeyAlgorithm::Rsa2048);
        // A key it still offers is kept.
        f.key = KeyAlgorithm::Ec384;
        f.set_console(Some(&says(Some(false))));
        assert_eq!(f.key, KeyAlgorithm::Ec384);
        // Silent or unread: the website rule (this flow's region is off the China website).
        for config in [Some(says(None)), None] {
            let mut f = flow(false);
            f.set_console(config.as_ref());
            assert_eq!(f.site, Site::International);
        }
        // A message carries it the same way.
        let mut f = flow(false);
        let (effects, ask, handoff) = f.update(CsrMsg::ConsoleLoaded(Ok(says(Some(true)))));
        assert!(effects.is_empty() && ask.is_none() && handoff.is_none());
        assert_eq!(f.site, Site::China);
        let mut f = flow(false);
        f.update(CsrMsg::ConsoleLoaded(Err(CallError::Network(
            "down".into(),
        ))));
        assert_eq!(f.site, Site::International);
    }

    #[test]
    fn the_exit_code_counts_a_sent_save_as_the_cli_does() {
        let reason = || Reason::LeftInFlight;
        let written = || CsrWritten {
            path: "a.csr".into(),
            taken: None,
            subject: "CN=a".into(),
        };
        let refused = ApiError {
            status: 400,
            code: "X".into(),
            message: "no".into(),
            request_id: None,
        };
        assert_eq!(flow(false).exit_code(), None, "nothing yet");
        let mut f = flow(false);
        f.in_flight = true;
        assert_eq!(f.exit_code(), Some(exit::UNKNOWN));
        assert_eq!(ended(true, Ok(written())), Some(exit::ORDERED));
        assert_eq!(ended(false, Ok(written())), None, "skipped: nothing sent");
        assert_eq!(
            ended(true, Err(CsrFailure::Rejected(refused))),
            Some(exit::REJECTED)
        );
        assert_eq!(
            ended(false, Err(CsrFailure::NotSent(reason()))),
            Some(exit::NOT_SENT)
        );
        assert_eq!(
            ended(true, Err(CsrFailure::Unknown(reason()))),
            Some(exit::UNKNOWN)
        );
        assert_eq!(
            ended(true, Err(CsrFailure::OtherCa("x".into()))),
            Some(exit::UNKNOWN)
        );
        assert_eq!(ended(false, Err(CsrFailure::Changed)), None);
        assert_eq!(ended(false, Err(CsrFailure::BadCsr("x".into()))), None);
        assert_eq!(
            ended(true, Err(CsrFailure::BadCsr("x".into()))),
            Some(exit::NOT_SENT)
        );
        let net = CallError::Network("reset".into());
        let code = net.read_exit_code();
        let want = if code == exit::REJECTED {
            exit::UNKNOWN
        } else {
            code
        };
        assert_eq!(ended(true, Err(CsrFailure::Read(net))), Some(want));
    }

    #[test]
    fn a_saved_subject_is_prefilled_and_sm2_only_where_offered() {
        let f = flow(true);
        assert_eq!(f.subject[SubjectField::CommonName.index()].value(), "Old");
        // SM2 is not offered on the international website: the first offered key instead.
        assert_eq!(f.key, KeyAlgorithm::Rsa2048);
        assert!(!f.offered_keys().contains(&KeyAlgorithm::Sm2));
        let f = flow(false);
        assert_eq!(
            f.subject[SubjectField::CommonName.index()].value(),
            "Private CA"
        );
    }

    #[test]
    fn the_key_row_stops_at_both_ends() {
        let mut f = flow(false);
        f.step = CsrStep::Key;
        f.update(CsrMsg::Action(Action::ValueLeft));
        assert_eq!(f.key, f.offered_keys()[0]);
        for _ in 0..10 {
            f.update(CsrMsg::Action(Action::ValueRight));
        }
        assert_eq!(f.key, *f.offered_keys().last().expect("keys"));
    }
}
