//! The activation flow's state machine: from a bought PENDING CA to an ACTIVED one (issue 10).
//!
//! Type → Subject → Keys → Validity → Review → Activating → the CA read back. Pure like the order's
//! [`update`](super::update): keys arrive as resolved [`Action`]s, background answers as [`ActivationMsg`]s, and
//! the I/O it needs comes back as [`ActivationEffect`]s. Every value is checked with the same rules the CLI and
//! the sandbox use ([`crate::activation`]), so the three refuse exactly the same input.
//!
//! Money-safety as for the order: the activate request is built once, held by the wizard's question
//! that asks for it ([`Pending::Activate`] in the one [`Overlay`]), sent only on its `y`
//! ([`ActivationFlow::send`]), never retried on its own; an unknown outcome offers to read the CA's status
//! instead of sending again. The flow is one of the wizard's [`Flow`](super::flow::Flow)s.

use time::OffsetDateTime;
use tui_input::{Input, InputRequest};

use crate::activation::rules::{self, algorithms};
use crate::activation::{
    ActivateRequest, ActivationDraft, CaInfo, CaStatus, CaType, DistinguishedName, Field,
    FieldError, KeyAlgorithm, SignatureAlgorithm, Site, Validity, ValidityUnit,
};
use crate::api::{CallError, Outcome};
use crate::exit;
use crate::order::{ConsoleConfig, PeriodUnit};

use super::json_view::JsonView;
use super::session::combined;
use super::{Effect, Load, Overlay, Pending, Session};
use crate::tui::keymap::Action;

/// Longest text a subject or validity field keeps: past every rule, so a runaway paste cannot eat memory.
pub const MAX_FIELD_CHARS: usize = 256;

/// Where the flow was opened from: a completed order (its CA ids and the period bought, so the validity
/// defaults to it), or nothing (`pca-order activate` with no CA id: the account's PENDING CAs are listed
/// to choose from). The billing screens build this; the flow needs nothing else from them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivationStart {
    /// The CAs to activate, in order; empty opens the chooser of PENDING CAs.
    pub ca_ids: Vec<String>,
    /// The period bought, the validity's default.
    pub period: Option<(PeriodUnit, u64)>,
}

/// Where the activation flow is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActStep {
    /// Pick one of the account's PENDING CAs (opened without a CA id).
    Choose,
    /// 1: root, or subordinate of an ACTIVED CA of the account.
    Type,
    /// 2: the distinguished name.
    Subject,
    /// 3: key and signature algorithms.
    Keys,
    /// 4: how long the CA's certificate lasts.
    Validity,
    /// 5: every value in words; `v` shows the JSON; Enter asks once.
    Review,
    /// The activate request is in flight.
    Activating,
    /// Activated: the CA is read back (serial, not-before, not-after).
    Done,
    /// Rejected, not sent, or unknown: the screen says which and what to do.
    Error,
}

/// A subject field, in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectField {
    /// `common_name` (required).
    CommonName,
    /// `organization`.
    Organization,
    /// `organizational_unit`.
    OrganizationalUnit,
    /// `country` (required, 2 letters).
    Country,
    /// `state`.
    State,
    /// `locality`.
    Locality,
}

impl SubjectField {
    /// Every subject field in the order the screen shows them.
    pub const ALL: [SubjectField; 6] = [
        SubjectField::CommonName,
        SubjectField::Organization,
        SubjectField::OrganizationalUnit,
        SubjectField::Country,
        SubjectField::State,
        SubjectField::Locality,
    ];

    /// The rule module's field, so errors name the same field as the CLI's.
    pub fn field(self) -> Field {
        match self {
            SubjectField::CommonName => Field::CommonName,
            SubjectField::Organization => Field::Organization,
            SubjectField::OrganizationalUnit => Field::OrganizationalUnit,
            SubjectField::Country => Field::Country,
            SubjectField::State => Field::State,
            SubjectField::Locality => Field::Locality,
        }
    }

    /// Its place in [`SubjectField::ALL`] (and in a form's six inputs).
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// Which list has focus on the keys step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeysFocus {
    /// The key algorithm.
    Key,
    /// The signature algorithm.
    Signature,
    /// The path length (a subordinate only): how many CA levels may sit below the new CA.
    PathLength,
}

/// Where the validity's default came from, so the screen can say why it is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidityDefault {
    /// The period bought: the CA is paid for that long (Terraform activates a prepaid CA with the same).
    Period,
    /// Nothing bought is known here (opened on a CA id or the chooser): one year, valid for both types
    /// (pca-order's choice).
    OneYear,
}

/// What the type step's rows offer: a root, or a subordinate signed by one of the loaded issuers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeRow {
    /// A root CA (signs itself).
    Root,
    /// A subordinate CA signed by the issuer at this index of [`ActivationFlow::issuers`].
    Subordinate(usize),
}

/// What can happen to the activation flow besides keys: the background answers.
// One message at a time, a handful per session: boxing would only cost readability.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum ActivationMsg {
    /// What a key asked for (resolved by the keymap).
    Action(Action),
    /// The account's PENDING CAs (for the chooser).
    PendingLoaded(Result<Vec<CaInfo>, CallError>),
    /// The account's ACTIVED CAs (the issuers a subordinate may have).
    IssuersLoaded(Result<Vec<CaInfo>, CallError>),
    /// The activate request finished.
    Activated(Outcome<()>),
    /// What the region offers (its console configuration) was read, or could not be.
    ConsoleLoaded(Result<ConsoleConfig, CallError>),
    /// The CA was read back (after activation, or on `s` after an unknown outcome).
    Shown(Result<CaInfo, CallError>),
    /// The time now, asked for with [`ActivationEffect::ReadClock`]: the dates the validity produces
    /// are shown from it (the model itself reads no clock).
    Clock(OffsetDateTime),
    /// The activation's outcome could not be journaled (sent just before [`ActivationMsg::Activated`]): the
    /// screen says so, since the journal is where an unknown outcome is looked up later.
    JournalWarning(String),
}

/// What the activation flow asks the runtime to do.
// Same: a few effects per session, so the request is held inline, exactly as confirmed.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivationEffect {
    /// List the PENDING CAs; answer with [`ActivationMsg::PendingLoaded`].
    LoadPending,
    /// List the ACTIVED CAs; answer with [`ActivationMsg::IssuersLoaded`].
    LoadIssuers,
    /// Send this exact request once (journaled first); answer with [`ActivationMsg::Activated`].
    Activate(ActivateRequest),
    /// Read the CA; answer with [`ActivationMsg::Shown`].
    ShowCa(String),
    /// Read the clock; answer with [`ActivationMsg::Clock`] (the validity's dates are shown from it).
    ReadClock,
}

/// Everything the activation flow knows; screens read it, only [`update`] changes it.
#[derive(Debug, Clone)]
pub struct ActivationFlow {
    /// Whether SM2/SM3 are offered and accepted: the region's console configuration when it says
    /// (see [`ActivationFlow::region_site`]), else the website rule.
    pub site: Site,
    /// The website the region is on by pca-order's rule (`cn-*`: China): what [`ActivationFlow::site`]
    /// stays while the console configuration is unknown.
    pub region_site: Site,
    /// What the region offers (its console configuration), read in the background as the flow opens.
    pub console: Load<ConsoleConfig>,
    /// Where the flow is.
    pub step: ActStep,
    /// The CAs still to activate, the current one first.
    pub queue: Vec<String>,
    /// The CAs activated in this session, in order.
    pub activated: Vec<String>,
    /// The PENDING CAs to choose from (chooser only).
    pub pending: Load<Vec<CaInfo>>,
    /// Highlighted row of the chooser.
    pub choose_cursor: usize,
    /// The ACTIVED CAs a subordinate may be signed by.
    pub issuers: Load<Vec<CaInfo>>,
    /// The chosen type row.
    pub type_row: TypeRow,
    /// The subject fields, in [`SubjectField::ALL`] order.
    pub subject: [Input; 6],
    /// The focused subject field.
    pub subject_focus: SubjectField,
    /// The chosen key algorithm.
    pub key: KeyAlgorithm,
    /// The chosen signature algorithm (always a valid pair with the key).
    pub signature: SignatureAlgorithm,
    /// Which list the keys step moves.
    pub keys_focus: KeysFocus,
    /// The validity as typed (`N{y|m|d|h}`).
    pub validity_input: Input,
    /// Why the validity's default is what it is.
    pub validity_default: ValidityDefault,
    /// The default validity (`N{y|m|d|h}`), so the review can say a value is the default.
    pub default_validity: String,
    /// The subordinate's path length (0-6); sent for a subordinate only.
    pub path_length: u64,
    /// The time the runtime last told (on entering the validity and review steps): the dates shown
    /// are computed from it; `None` until it is known.
    pub now: Option<OffsetDateTime>,
    /// The CAs read back ACTIVED in this session, as read: they can issue the next CA's certificate at
    /// once, whatever list was read when the flow opened.
    pub actived_here: Vec<CaInfo>,
    /// ACTIVED CAs left out of the issuers because their path length is 0 (they cannot sign a CA).
    pub issuers_path_zero: usize,
    /// The exact JSON, shown on the review in place of its words ([`JsonView`]).
    pub json: JsonView,
    /// The request in flight.
    pub in_flight: Option<ActivateRequest>,
    /// Every attempt of this session, oldest first.
    pub attempts: Vec<(ActivateRequest, Outcome<()>)>,
    /// The CA as read back.
    pub read_back: Option<Load<CaInfo>>,
    /// The CAs read back ACTIVED in this session: success is the CA reading ACTIVED, not the 204 alone
    /// (as for the CLI), and a CA read ACTIVED after an unknown outcome did activate.
    pub read_actived: Vec<String>,
    /// Why the current attempt's outcome is not in the journal, if it is not (shown on its screen).
    pub journal_warning: Option<String>,
    /// Every such warning of the session, for the summary printed when the wizard ends.
    pub journal_warnings: Vec<String>,
    /// Where each attempt's exit code sits on the session's record ([`Session::sent`]), by attempt.
    sent_places: Vec<usize>,
}

/// The signature algorithm that pairs with a key by default (SM2 needs SM3; the others SHA-256).
fn default_signature(key: KeyAlgorithm) -> SignatureAlgorithm {
    if key == KeyAlgorithm::Sm2 {
        SignatureAlgorithm::Sm3
    } else {
        SignatureAlgorithm::Sha256
    }
}

const ALL_KEYS: [KeyAlgorithm; 5] = [
    KeyAlgorithm::Rsa2048,
    KeyAlgorithm::Rsa4096,
    KeyAlgorithm::Ec256,
    KeyAlgorithm::Ec384,
    KeyAlgorithm::Sm2,
];

const ALL_SIGNATURES: [SignatureAlgorithm; 4] = [
    SignatureAlgorithm::Sha256,
    SignatureAlgorithm::Sha384,
    SignatureAlgorithm::Sha512,
    SignatureAlgorithm::Sm3,
];

/// The validity a period bought gives (the same as the CLI's `Validity::from_period`).
fn period_validity(period: Option<(PeriodUnit, u64)>) -> Validity {
    match period {
        Some((unit, n)) => Validity::from_period(unit.period_type(), n),
        // Nothing bought known: one year, valid for both types.
        None => Validity {
            unit: ValidityUnit::Year,
            value: 1,
            start_from: None,
        },
    }
}

impl ActivationFlow {
    /// A flow for these CAs (or the chooser when none), with every default valid: root, common name
    /// "Private CA", country CN, RSA2048/SHA256, the validity of the period bought.
    pub fn new(start: ActivationStart, site: Site) -> Self {
        let validity = period_validity(start.period);
        let validity_default = if start.period.is_some() {
            ValidityDefault::Period
        } else {
            ValidityDefault::OneYear
        };
        let subject = subject_inputs();
        ActivationFlow {
            site,
            region_site: site,
            console: Load::Loading,
            step: if start.ca_ids.is_empty() {
                ActStep::Choose
            } else {
                ActStep::Type
            },
            queue: start.ca_ids,
            activated: Vec::new(),
            pending: Load::Loading,
            choose_cursor: 0,
            issuers: Load::Loading,
            type_row: TypeRow::Root,
            subject,
            subject_focus: SubjectField::CommonName,
            key: KeyAlgorithm::Rsa2048,
            signature: SignatureAlgorithm::Sha256,
            keys_focus: KeysFocus::Key,
            validity_input: Input::new(validity.short()),
            validity_default,
            default_validity: validity.short(),
            path_length: rules::DEFAULT_PATH_LENGTH,
            now: None,
            actived_here: Vec::new(),
            issuers_path_zero: 0,
            json: JsonView::default(),
            in_flight: None,
            attempts: Vec::new(),
            read_back: None,
            read_actived: Vec::new(),
            journal_warning: None,
            journal_warnings: Vec::new(),
            sent_places: Vec::new(),
        }
    }

    /// The background fetches to start when the flow opens: the issuers, and the PENDING CAs when
    /// there is nothing to activate yet.
    pub(super) fn start_effects(&self) -> Vec<Effect> {
        let mut effects = vec![Effect::Activation(ActivationEffect::LoadIssuers)];
        // Unless an earlier flow of the session read it and handed it over ([`Session::console`]).
        if self.console.is_loading() {
            effects.push(Effect::LoadConsole);
        }
        if self.step == ActStep::Choose {
            effects.insert(0, Effect::Activation(ActivationEffect::LoadPending));
        }
        effects
    }

    /// `y` on the wizard's question: sends exactly the request it held, once, unless the screen has moved
    /// on (not on the review, or one is in flight already).
    pub(super) fn send(&mut self, request: ActivateRequest) -> Vec<Effect> {
        if self.step != ActStep::Review || self.in_flight.is_some() {
            return Vec::new();
        }
        self.journal_warning = None;
        self.in_flight = Some(request.clone());
        self.step = ActStep::Activating;
        vec![Effect::Activation(ActivationEffect::Activate(request))]
    }

    /// What the region offers arrived: SM2/SM3 follow it when it says (an unreadable one keeps the
    /// website rule). A chosen SM2/SM3 the region does not offer goes back to the default pair, so the
    /// form never holds a value it no longer offers.
    pub(super) fn set_console(&mut self, result: Result<ConsoleConfig, CallError>) {
        if !self.console.is_loading() {
            return;
        }
        self.console = match result {
            Ok(c) => Load::Loaded(c),
            Err(e) => Load::Failed(e),
        };
        let config = match &self.console {
            Load::Loaded(c) => Some(c),
            _ => None,
        };
        self.site = self.region_site.with_region(config.and_then(|c| c.sm2));
        if algorithms(self.key, self.signature, self.site).is_err() {
            self.key = KeyAlgorithm::Rsa2048;
            self.signature = default_signature(self.key);
        }
    }

    /// What the region's console configuration said of SM2/SM3; `None` while it is loading, when it
    /// could not be read, or when it left it out (the screen then says it could not be checked).
    pub fn sm2_checked(&self) -> Option<bool> {
        match &self.console {
            Load::Loaded(c) => c.sm2,
            _ => None,
        }
    }

    /// The CA being activated.
    pub fn ca_id(&self) -> Option<&str> {
        self.queue.first().map(String::as_str)
    }

    /// The key algorithms offered on this website (SM2 only on the China website, by the rule).
    pub fn offered_keys(&self) -> Vec<KeyAlgorithm> {
        keys_offered(self.site)
    }

    /// The signature algorithms that pair with the chosen key on this website.
    pub fn offered_signatures(&self) -> Vec<SignatureAlgorithm> {
        ALL_SIGNATURES
            .into_iter()
            .filter(|s| algorithms(self.key, *s, self.site).is_ok())
            .collect()
    }

    /// The type step's rows: root, then one per loaded issuer.
    pub fn type_rows(&self) -> Vec<TypeRow> {
        let mut rows = vec![TypeRow::Root];
        if let Load::Loaded(list) = &self.issuers {
            rows.extend((0..list.len()).map(TypeRow::Subordinate));
        }
        rows
    }

    /// The chosen type.
    pub fn ca_type(&self) -> CaType {
        match self.type_row {
            TypeRow::Root => CaType::Root,
            TypeRow::Subordinate(_) => CaType::Subordinate,
        }
    }

    /// The chosen issuer's CA id (subordinate only).
    pub fn issuer_id(&self) -> Option<String> {
        self.issuer().map(|c| c.ca_id.clone())
    }

    /// The chosen issuer as read (subordinate only): the review names it by its common name.
    pub fn issuer(&self) -> Option<&CaInfo> {
        match (self.type_row, &self.issuers) {
            (TypeRow::Subordinate(i), Load::Loaded(list)) => list.get(i),
            _ => None,
        }
    }

    /// The not-before and not-after the request would produce if sent at the time last told
    /// ([`rules::validity_dates`]); `None` while the validity is broken or the time unknown.
    pub fn dates(&self) -> Option<(OffsetDateTime, OffsetDateTime)> {
        rules::validity_dates(&self.validity().ok()?, self.now?)
    }

    /// Whether the path length is asked for: a subordinate only (a root's is stored as 7).
    pub fn asks_path_length(&self) -> bool {
        self.ca_type() == CaType::Subordinate
    }

    /// Sets the issuers from a list read (or re-read): only ACTIVED CAs that may sign a CA (path
    /// length not 0), with those activated in this session added when the read missed them, the
    /// chosen issuer kept by its id.
    fn set_issuers(&mut self, read: Vec<CaInfo>) {
        let chosen = self.issuer_id();
        let mut list: Vec<CaInfo> = read
            .into_iter()
            .filter(|c| c.status == CaStatus::Actived)
            .collect();
        for ca in &self.actived_here {
            if !list.iter().any(|c| c.ca_id == ca.ca_id) {
                list.insert(0, ca.clone());
            }
        }
        let before = list.len();
        list.retain(|c| c.path_length != Some(0));
        self.issuers_path_zero = before - list.len();
        self.type_row = match chosen.and_then(|id| list.iter().position(|c| c.ca_id == id)) {
            Some(i) => TypeRow::Subordinate(i),
            None => TypeRow::Root,
        };
        self.issuers = Load::Loaded(list);
    }

    /// The text of a subject field.
    pub fn subject_value(&self, field: SubjectField) -> &str {
        self.subject[field.index()].value()
    }

    /// The input behind a subject field (for the cursor).
    pub fn subject_input(&self, field: SubjectField) -> &Input {
        &self.subject[field.index()]
    }

    /// The subject as typed, trimmed, empty optional parts left out.
    pub fn distinguished_name(&self) -> DistinguishedName {
        subject_of(&self.subject)
    }

    /// The broken rule of one subject field, checked as typed (shown under the field).
    pub fn subject_error(&self, field: SubjectField) -> Option<FieldError> {
        subject_field_error(field, self.subject_value(field))
    }

    /// The validity as typed, checked against the chosen type's documented maximum.
    pub fn validity(&self) -> Result<Validity, FieldError> {
        let v = Validity::parse(self.validity_input.value())?;
        v.check(self.ca_type())?;
        Ok(v)
    }

    /// The choices as the rule module's draft, so the wizard builds the body exactly as the CLI does.
    pub fn draft(&self) -> ActivationDraft {
        let dn = self.distinguished_name();
        ActivationDraft {
            ca_id: self.ca_id().unwrap_or_default().to_string(),
            ca_type: self.ca_type().as_str().to_string(),
            issuer_id: self.issuer_id().unwrap_or_default(),
            subject: dn,
            key_algorithm: self.key.as_str().to_string(),
            signature_algorithm: self.signature.as_str().to_string(),
            validity: self.validity_input.value().trim().to_string(),
            path_length: if self.asks_path_length() {
                self.path_length.to_string()
            } else {
                String::new()
            },
        }
    }

    /// The exact request the choices make, or every broken rule.
    pub fn request(&self) -> Result<ActivateRequest, Vec<FieldError>> {
        self.draft().validate(self.site)
    }

    /// The exit code if the flow ended now: 4 while an activation is in flight, 1 when nothing was
    /// sent, else the session's one rule ([`combined`]) over its attempts' codes
    /// ([`ActivationFlow::attempt_code`]).
    pub fn exit_code(&self) -> i32 {
        if self.in_flight.is_some() {
            return exit::UNKNOWN;
        }
        let codes: Vec<i32> = (0..self.attempts.len())
            .map(|i| self.attempt_code(i))
            .collect();
        combined(&codes).unwrap_or(exit::CANCELLED)
    }

    /// Attempt `i`'s exit code as the session records it. The last attempt succeeded (0) only when its
    /// CA reads ACTIVED (a 204 whose read-back failed or says otherwise is unknown, 4, as for the CLI;
    /// an unknown outcome whose CA then reads ACTIVED did activate, 0). An earlier attempt that was
    /// accepted counts as done (0) and an unknown one stays unknown (4), so a later failure cannot hide
    /// it; refused 3, not sent 5.
    pub fn attempt_code(&self, i: usize) -> i32 {
        let Some((request, outcome)) = self.attempts.get(i) else {
            return exit::CANCELLED;
        };
        let last = i + 1 == self.attempts.len();
        let actived = self.read_actived.contains(&request.ca_id);
        match outcome {
            Outcome::Done(()) | Outcome::Unknown(_) if last && actived => exit::ORDERED,
            Outcome::Done(()) if last => exit::UNKNOWN,
            Outcome::Done(()) => exit::ORDERED,
            other => other.exit_code(),
        }
    }

    /// Puts each answered attempt's code on the session's record, once, and settles the codes the
    /// latest answer or read changed (the last attempt's read-back; the one before it, no longer last).
    pub fn record_sent(&mut self, session: &mut Session) {
        for i in 0..self.attempts.len() {
            let code = self.attempt_code(i);
            match self.sent_places.get(i) {
                Some(&place) => session.settle(place, code),
                None => self.sent_places.push(session.note_sent(code)),
            }
        }
    }

    /// An attempt for the current CA had an unknown outcome: it may have activated, so trying again
    /// warns and offers reading the CA's status first.
    pub fn may_have_activated(&self) -> bool {
        let Some(id) = self.ca_id() else {
            return false;
        };
        self.attempts
            .iter()
            .any(|(r, o)| r.ca_id == id && matches!(o, Outcome::Unknown(_)))
    }

    /// The last attempt's outcome, for the error screen.
    pub fn outcome(&self) -> Option<&Outcome<()>> {
        self.attempts.last().map(|(_, o)| o)
    }

    /// Whether the last outcome is unknown: the screen advises reading the CA's status (`s`).
    pub fn unknown(&self) -> bool {
        matches!(self.outcome(), Some(Outcome::Unknown(_)))
    }

    fn focused_input(&mut self) -> Option<&mut Input> {
        match self.step {
            ActStep::Subject => Some(&mut self.subject[self.subject_focus.index()]),
            ActStep::Validity => Some(&mut self.validity_input),
            _ => None,
        }
    }

    /// The root just activated and read back ACTIVED, when there is one: the next CA is offered as its
    /// subordinate.
    pub fn root_just_activated(&self) -> Option<&CaInfo> {
        let (request, _) = self.attempts.last()?;
        if request.ca_type != CaType::Root || self.ca_id() != Some(request.ca_id.as_str()) {
            return None;
        }
        match &self.read_back {
            Some(Load::Loaded(ca))
                if ca.status == CaStatus::Actived && ca.ca_id == request.ca_id =>
            {
                Some(ca)
            }
            _ => None,
        }
    }

    /// On to the next CA with the same answers. After a root, the type step opens with that root
    /// chosen as the issuer (a chain in one sitting; root is still offered); otherwise the subject
    /// step, the common name left for the user (two CAs rarely share one). The issuers are re-read,
    /// the list kept until the answer comes.
    fn next_ca_prefilled(&mut self, effects: &mut Vec<Effect>) {
        let root = self.root_just_activated().map(|c| c.ca_id.clone());
        if !self.queue.is_empty() {
            let done = self.queue.remove(0);
            self.activated.push(done);
        }
        self.read_back = None;
        self.json.close();
        if self.queue.is_empty() {
            return;
        }
        self.subject[SubjectField::CommonName.index()] = Input::default();
        self.subject_focus = SubjectField::CommonName;
        // The first read of the issuers has not answered (or failed): the list starts from the CAs
        // activated here, and the answer, when it comes, keeps the choice by its id.
        if root.is_some() && !matches!(self.issuers, Load::Loaded(_)) {
            self.set_issuers(Vec::new());
        }
        let issuer_row = match (&root, &self.issuers) {
            (Some(id), Load::Loaded(list)) => list.iter().position(|c| &c.ca_id == id),
            _ => None,
        };
        match issuer_row {
            Some(i) => {
                self.type_row = TypeRow::Subordinate(i);
                self.step = ActStep::Type;
            }
            None => self.step = ActStep::Subject,
        }
        effects.push(Effect::Activation(ActivationEffect::LoadIssuers));
    }
}

/// The key algorithms a website offers (SM2 only on the China website, by the rule): the activation's
/// key step and the CSR flow's key row offer the same.
pub fn keys_offered(site: Site) -> Vec<KeyAlgorithm> {
    ALL_KEYS
        .into_iter()
        .filter(|k| algorithms(*k, default_signature(*k), site).is_ok())
        .collect()
}

/// The six subject fields as a new form shows them: the activation's defaults (common name "Private
/// CA", country CN), shared with the CSR flow's form.
pub fn subject_inputs() -> [Input; 6] {
    let mut subject: [Input; 6] = Default::default();
    subject[SubjectField::CommonName.index()] = Input::new("Private CA".to_string());
    subject[SubjectField::Country.index()] = Input::new("CN".to_string());
    subject
}

/// The subject the six fields (in [`SubjectField::ALL`] order) make: trimmed, empty optional parts left
/// out. One reading for the activation and the CSR flow.
pub fn subject_of(inputs: &[Input; 6]) -> DistinguishedName {
    let value = |f: SubjectField| inputs[f.index()].value().trim();
    let opt = |f: SubjectField| {
        let v = value(f);
        (!v.is_empty()).then(|| v.to_string())
    };
    DistinguishedName {
        common_name: value(SubjectField::CommonName).to_string(),
        country: value(SubjectField::Country).to_string(),
        state: opt(SubjectField::State),
        locality: opt(SubjectField::Locality),
        organization: opt(SubjectField::Organization),
        organizational_unit: opt(SubjectField::OrganizationalUnit),
    }
}

/// The broken rule of one subject field's text, checked as typed (shown under the field): the
/// activation's rules, shared with the CSR flow.
pub fn subject_field_error(field: SubjectField, value: &str) -> Option<FieldError> {
    let value = value.trim();
    match field {
        SubjectField::Country => rules::country(value).err(),
        SubjectField::CommonName => rules::subject_part(field.field(), value, true).err(),
        _ => rules::subject_part(field.field(), value, false).err(),
    }
}

/// Applies one message to the activation flow and returns the effects to run. Pure. The question it asks
/// goes into the wizard's `overlay`; an [`Effect::Quit`] carries the flow's code (the wizard puts the
/// session's in its place).
pub(super) fn update(
    flow: &mut ActivationFlow,
    overlay: &mut Option<Overlay>,
    msg: ActivationMsg,
) -> Vec<Effect> {
    let mut effects = Vec::new();
    match msg {
        ActivationMsg::Action(action) => on_action(flow, overlay, action, &mut effects),
        ActivationMsg::PendingLoaded(result) => {
            flow.pending = match result {
                Ok(list) => Load::Loaded(
                    list.into_iter()
                        .filter(|c| c.status == CaStatus::Pending)
                        .collect(),
                ),
                Err(e) => Load::Failed(e),
            };
            flow.choose_cursor = 0;
        }
        ActivationMsg::IssuersLoaded(result) => match result {
            Ok(list) => flow.set_issuers(list),
            // A re-read that fails keeps the list known (it still holds the CAs activated here).
            Err(_) if matches!(flow.issuers, Load::Loaded(_)) => {}
            Err(_) if !flow.actived_here.is_empty() => flow.set_issuers(Vec::new()),
            Err(e) => {
                flow.issuers = Load::Failed(e);
                flow.type_row = TypeRow::Root;
            }
        },
        ActivationMsg::Clock(now) => flow.now = Some(now),
        ActivationMsg::ConsoleLoaded(result) => flow.set_console(result),
        ActivationMsg::Activated(outcome) => {
            // An answer with nothing in flight belongs to no question of this screen: ignored.
            let Some(request) = flow.in_flight.take() else {
                return effects;
            };
            let done = matches!(outcome, Outcome::Done(()));
            flow.attempts.push((request, outcome));
            if done {
                flow.step = ActStep::Done;
                if let Some(id) = flow.ca_id().map(str::to_string) {
                    flow.read_back = Some(Load::Loading);
                    effects.push(Effect::Activation(ActivationEffect::ShowCa(id)));
                }
            } else {
                flow.step = ActStep::Error;
            }
        }
        ActivationMsg::JournalWarning(why) => {
            super::note_journal_warning(
                &mut flow.journal_warnings,
                &mut flow.journal_warning,
                &why,
            );
        }
        ActivationMsg::Shown(result) => {
            flow.read_back = Some(match result {
                Ok(info) => {
                    if info.status == CaStatus::Actived {
                        if !flow.read_actived.contains(&info.ca_id) {
                            flow.read_actived.push(info.ca_id.clone());
                        }
                        // It can issue the next CA's certificate now: the issuers follow.
                        flow.actived_here.retain(|c| c.ca_id != info.ca_id);
                        flow.actived_here.push(info.clone());
                        if let Load::Loaded(list) = &flow.issuers {
                            let list = list.clone();
                            flow.set_issuers(list);
                        } else if matches!(flow.issuers, Load::Failed(_)) {
                            flow.set_issuers(Vec::new());
                        }
                    }
                    Load::Loaded(info)
                }
                Err(e) => Load::Failed(e),
            });
        }
    }
    effects
}

/// A key (the wizard handled Quit, Help and its overlay, the question included, before).
fn on_action(
    flow: &mut ActivationFlow,
    overlay: &mut Option<Overlay>,
    action: Action,
    effects: &mut Vec<Effect>,
) {
    if let Some(input) = flow.focused_input() {
        match action {
            Action::Insert(c) => {
                if !crate::sanitize::hidden(c) && input.value().chars().count() < MAX_FIELD_CHARS {
                    input.handle(InputRequest::InsertChar(c));
                }
                return;
            }
            Action::Edit(request) => {
                input.handle(request);
                return;
            }
            _ => {}
        }
    }
    if action == Action::Back {
        // Esc closes what covers the review before it goes back a step.
        if flow.json.shown {
            flow.json.close();
        } else {
            back(flow);
        }
        return;
    }
    if action == Action::PrevField {
        prev_field(flow);
        return;
    }
    match flow.step {
        ActStep::Choose => on_choose(flow, action),
        ActStep::Type => on_type(flow, action),
        ActStep::Subject => on_subject(flow, action),
        ActStep::Keys => on_keys(flow, action, effects),
        ActStep::Validity => {
            if action == Action::Next && flow.validity().is_ok() {
                flow.step = ActStep::Review;
                // The dates shown are computed from the time now.
                effects.push(Effect::Activation(ActivationEffect::ReadClock));
            }
        }
        ActStep::Review => match action {
            Action::ShowJson => flow.json.toggle(),
            // After an unknown outcome: read the CA's status before asking again.
            Action::ReadStatus => read_status(flow, effects),
            // Asked once, in the wizard's one overlay: `y` sends exactly what it shows.
            Action::Next | Action::Confirm => {
                if let Ok(request) = flow.request() {
                    *overlay = Some(Overlay::Confirm(Pending::Activate {
                        request: Box::new(request),
                        earlier_may_have_activated: flow.may_have_activated(),
                    }));
                }
            }
            _ => {}
        },
        ActStep::Activating => {}
        ActStep::Done => match action {
            Action::Next => {
                flow.next_ca_prefilled(effects);
                if flow.queue.is_empty() {
                    effects.push(Effect::Quit(flow.exit_code()));
                }
            }
            // Leaving ends the session, even with CAs still waiting (they stay PENDING).
            Action::Leave => effects.push(Effect::Quit(flow.exit_code())),
            _ => {}
        },
        ActStep::Error => on_error(flow, action, effects),
    }
}

/// Shift-Tab: the field above the focused one, or one step back from the first field.
fn prev_field(flow: &mut ActivationFlow) {
    match flow.step {
        ActStep::Subject if flow.subject_focus.index() > 0 => {
            flow.subject_focus = SubjectField::ALL[flow.subject_focus.index() - 1];
        }
        ActStep::Keys if flow.keys_focus != KeysFocus::Key => on_keys_row(flow, false),
        _ => back(flow),
    }
}

/// The keys step's rows, drawn one above the other: key, signature, and path length for a subordinate.
fn on_keys_row(flow: &mut ActivationFlow, down: bool) {
    let rows: &[KeysFocus] = if flow.asks_path_length() {
        &[KeysFocus::Key, KeysFocus::Signature, KeysFocus::PathLength]
    } else {
        &[KeysFocus::Key, KeysFocus::Signature]
    };
    let at = rows.iter().position(|r| *r == flow.keys_focus).unwrap_or(0);
    let to = if down {
        (at + 1).min(rows.len() - 1)
    } else {
        at.saturating_sub(1)
    };
    flow.keys_focus = rows[to];
}

/// One step back; nothing typed or chosen is lost.
fn back(flow: &mut ActivationFlow) {
    flow.step = match flow.step {
        ActStep::Subject => ActStep::Type,
        ActStep::Keys => ActStep::Subject,
        ActStep::Validity => ActStep::Keys,
        ActStep::Review => ActStep::Validity,
        other => other,
    };
    flow.json.close();
}

fn on_choose(flow: &mut ActivationFlow, action: Action) {
    let Load::Loaded(list) = &flow.pending else {
        return;
    };
    match action {
        Action::Up => flow.choose_cursor = flow.choose_cursor.saturating_sub(1),
        Action::Down if flow.choose_cursor + 1 < list.len() => flow.choose_cursor += 1,
        Action::Next => {
            if let Some(ca) = list.get(flow.choose_cursor) {
                flow.queue = vec![ca.ca_id.clone()];
                flow.step = ActStep::Type;
            }
        }
        _ => {}
    }
}

fn on_type(flow: &mut ActivationFlow, action: Action) {
    let rows = flow.type_rows();
    let at = rows.iter().position(|r| *r == flow.type_row).unwrap_or(0);
    match action {
        Action::Up => flow.type_row = rows[at.saturating_sub(1)],
        Action::Down => flow.type_row = rows[(at + 1).min(rows.len() - 1)],
        Action::Next => {
            // A subordinate's maximum is lower: the validity is re-checked on its own step.
            flow.step = ActStep::Subject;
        }
        _ => {}
    }
}

fn on_subject(flow: &mut ActivationFlow, action: Action) {
    let i = flow.subject_focus.index();
    match action {
        Action::Up => flow.subject_focus = SubjectField::ALL[i.saturating_sub(1)],
        Action::Down | Action::SwitchFocus => {
            flow.subject_focus = SubjectField::ALL[(i + 1).min(SubjectField::ALL.len() - 1)];
        }
        Action::Next => {
            match SubjectField::ALL
                .into_iter()
                .find(|f| flow.subject_error(*f).is_some())
            {
                // The first broken field takes the focus, its error under it.
                Some(bad) => flow.subject_focus = bad,
                None => flow.step = ActStep::Keys,
            }
        }
        _ => {}
    }
}

fn on_keys(flow: &mut ActivationFlow, action: Action, effects: &mut Vec<Effect>) {
    // A root has no path length: its focus cannot stay there after the type changed.
    if flow.keys_focus == KeysFocus::PathLength && !flow.asks_path_length() {
        flow.keys_focus = KeysFocus::Key;
    }
    match action {
        // Rows drawn one above the other: ↑↓ and Tab move between them, as on the renewal step.
        Action::Up | Action::Down => on_keys_row(flow, action == Action::Down),
        // Choices drawn across: ←→ choose in the focused row.
        Action::ValueLeft | Action::ValueRight => {
            let down = action == Action::ValueRight;
            match flow.keys_focus {
                KeysFocus::Key => {
                    let keys = flow.offered_keys();
                    let at = keys.iter().position(|k| *k == flow.key).unwrap_or(0);
                    let to = if down {
                        (at + 1).min(keys.len().saturating_sub(1))
                    } else {
                        at.saturating_sub(1)
                    };
                    if let Some(k) = keys.get(to) {
                        flow.key = *k;
                    }
                    if algorithms(flow.key, flow.signature, flow.site).is_err() {
                        flow.signature = default_signature(flow.key);
                    }
                }
                KeysFocus::Signature => {
                    let sigs = flow.offered_signatures();
                    let at = sigs.iter().position(|s| *s == flow.signature).unwrap_or(0);
                    let to = if down {
                        (at + 1).min(sigs.len().saturating_sub(1))
                    } else {
                        at.saturating_sub(1)
                    };
                    if let Some(s) = sigs.get(to) {
                        flow.signature = *s;
                    }
                }
                KeysFocus::PathLength => {
                    flow.path_length = if down {
                        (flow.path_length + 1).min(rules::PATH_LENGTH_MAX)
                    } else {
                        flow.path_length.saturating_sub(1)
                    };
                }
            }
        }
        Action::Next => {
            flow.step = ActStep::Validity;
            // The validity step shows the dates as typed, from the time now.
            effects.push(Effect::Activation(ActivationEffect::ReadClock));
        }
        _ => {}
    }
}

fn on_error(flow: &mut ActivationFlow, action: Action, effects: &mut Vec<Effect>) {
    match action {
        // Read the CA's status instead of sending again: after an unknown outcome it may be ACTIVED.
        Action::ReadStatus => read_status(flow, effects),
        Action::Review => {
            flow.step = ActStep::Review;
        }
        Action::Leave => effects.push(Effect::Quit(flow.exit_code())),
        _ => {}
    }
}

/// Reads the current CA back (its status decides whether an unknown outcome activated it).
fn read_status(flow: &mut ActivationFlow, effects: &mut Vec<Effect>) {
    if let Some(id) = flow.ca_id().map(str::to_string) {
        flow.read_back = Some(Load::Loading);
        effects.push(Effect::Activation(ActivationEffect::ShowCa(id)));
    }
}
