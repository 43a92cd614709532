//! The order flow: the five input steps (period, quantity, renewal, project, review), the submit of a
//! confirmed order, and its outcome screens. [`OrderForm`] is a [`Flow`]: the wizard hands it the keys
//! no overlay took and the answers of its fetches; billing and activation sit beside this file the same
//! way.

use std::time::Duration;

use tui_input::{Input, InputRequest};

use super::flow::{Flow, Handoff, Shell};
use super::json_view::JsonView;
use super::{
    Bill, Effect, Load, MAX_COUNT_CHARS, MAX_FIELD_CHARS, Msg, Notice, Overlay, Pending,
    PriceAnswer, PriceQuote, ProjectChoice, ProjectMode, ProjectRow, RenewalFocus, ReviewFocus,
    Session, Step, TextField,
};
use crate::api::{CallError, Outcome};
use crate::exit;
use crate::order::limits::DEFAULT_ENTERPRISE_PROJECT_ID;
use crate::order::validate::{self, Field, FieldError, QuotaLeft};
use crate::order::{ConsoleConfig, OrderDraft, OrderRequest, PeriodUnit};
use crate::tui::keymap::{Action, Context};

/// The order form: the five input steps (period, quantity, renewal, project, review), the order in
/// flight and its failure. The wizard's [`Current::Order`](super::flow::Current::Order) holds it; once
/// the order is created, billing takes over and the form is gone (what was sent is in the session).
#[derive(Debug, Clone)]
pub struct OrderForm {
    /// Where the order form is ([`Model::step`] says where the wizard is).
    pub step: Step,
    /// Month or year: decides the count's range.
    pub period_unit: PeriodUnit,
    /// The period count as typed.
    pub period_input: Input,
    /// The quantity as typed.
    pub quantity_input: Input,
    /// The account's CA quota.
    pub quota: Load<QuotaLeft>,
    /// What the region sells (its console configuration), read in the background as the form opens:
    /// the review says when the region sells no yearly/monthly CA, and then asks nothing.
    pub console: Load<ConsoleConfig>,
    /// Renew automatically.
    pub auto_renew: bool,
    /// Pay at once; off leaves the order pending payment in the console.
    pub auto_pay: bool,
    /// Focus on the renewal step.
    pub renewal_focus: RenewalFocus,
    /// The EPS project list.
    pub projects: Load<Vec<ProjectChoice>>,
    /// List or typed: decides which field has the keyboard on step 4.
    pub project_mode: ProjectMode,
    /// Filter text for the list.
    pub project_filter: Input,
    /// Highlighted row of the filtered list.
    pub project_cursor: usize,
    /// The typed project id.
    pub project_id_input: Input,
    /// The project id chosen when leaving the project step.
    pub enterprise_project_id: String,
    /// The promotion text.
    pub promotion_input: Input,
    /// Focus on the review.
    pub review_focus: ReviewFocus,
    /// The order in flight; set once per confirmation, cleared by its outcome.
    pub in_flight: Option<OrderRequest>,
    /// The price on the review, for the choices it was asked for; `None` until the review is reached.
    pub price: Option<PriceQuote>,
    /// The exact JSON body over the screen ([`JsonView`]): it takes the keys while shown.
    pub json: JsonView,
}

impl Default for OrderForm {
    fn default() -> Self {
        OrderForm::new()
    }
}

impl OrderForm {
    /// A form at step 1 with every default valid (1 month, 1 CA, no auto-renew, no auto-pay, project 0).
    pub fn new() -> Self {
        let draft = OrderDraft::default();
        OrderForm {
            step: Step::Period,
            period_unit: draft.period_unit,
            period_input: Input::new(draft.period_num.to_string()),
            quantity_input: Input::new(draft.subscription_num.to_string()),
            quota: Load::Loading,
            console: Load::Loading,
            auto_renew: draft.is_auto_renew,
            auto_pay: draft.is_auto_pay,
            renewal_focus: RenewalFocus::AutoRenew,
            projects: Load::Loading,
            project_mode: ProjectMode::List,
            project_filter: Input::default(),
            project_cursor: 0,
            project_id_input: Input::new(draft.enterprise_project_id.clone()),
            enterprise_project_id: draft.enterprise_project_id,
            promotion_input: Input::new(draft.promotion_info),
            review_focus: ReviewFocus::PlaceOrder,
            in_flight: None,
            price: None,
            json: JsonView::default(),
        }
    }

    /// The quota when known, for validation.
    pub fn quota_left(&self) -> Option<QuotaLeft> {
        match self.quota {
            Load::Loaded(q) => Some(q),
            _ => None,
        }
    }

    /// Whether the region said, in so many words, that it sells no yearly/monthly CA: the review says
    /// so and refuses to ask. Unknown (loading, unreadable, not said) never refuses.
    pub fn region_refuses(&self) -> bool {
        matches!(&self.console, Load::Loaded(c) if c.refuses_order())
    }

    /// The period count, checked against the unit's range.
    pub fn period_num(&self) -> Result<u64, FieldError> {
        let n = validate::parse_count(Field::PeriodNum, self.period_input.value())?;
        validate::period_num(self.period_unit, n)
    }

    /// The quantity, checked against our range and the quota when known.
    pub fn quantity(&self) -> Result<u64, FieldError> {
        let n = validate::parse_count(Field::SubscriptionNum, self.quantity_input.value())?;
        validate::subscription_num(n, self.quota_left())
    }

    /// The typed project id's problem, if any.
    pub fn typed_project_error(&self) -> Option<FieldError> {
        validate::enterprise_project_id(self.project_id_input.value()).err()
    }

    /// The promotion text's problem, if any.
    pub fn promotion_error(&self) -> Option<FieldError> {
        validate::promotion_info(self.promotion_input.value()).err()
    }

    /// The user's choices as a draft; fails on a count that is not a number.
    pub fn draft(&self) -> Result<OrderDraft, Vec<FieldError>> {
        let period = validate::parse_count(Field::PeriodNum, self.period_input.value());
        let quantity = validate::parse_count(Field::SubscriptionNum, self.quantity_input.value());
        match (period, quantity) {
            (Ok(period_num), Ok(subscription_num)) => Ok(OrderDraft {
                period_unit: self.period_unit,
                period_num,
                subscription_num,
                is_auto_renew: self.auto_renew,
                is_auto_pay: self.auto_pay,
                enterprise_project_id: self.enterprise_project_id.clone(),
                promotion_info: self.promotion_input.value().to_string(),
            }),
            (p, q) => Err([p.err(), q.err()].into_iter().flatten().collect()),
        }
    }

    /// The exact wire body the choices make, or every broken rule.
    pub fn request(&self) -> Result<OrderRequest, Vec<FieldError>> {
        self.draft()?.validate(self.quota_left())
    }

    /// The project list as offered: EPS's list with the default project first (added when EPS lacks it).
    pub fn project_list(&self) -> Vec<ProjectChoice> {
        let mut list = match &self.projects {
            Load::Loaded(list) => list.clone(),
            _ => Vec::new(),
        };
        if let Some(pos) = list
            .iter()
            .position(|p| p.id == DEFAULT_ENTERPRISE_PROJECT_ID)
        {
            let default = list.remove(pos);
            list.insert(0, default);
        } else {
            list.insert(0, ProjectChoice::default_project());
        }
        list
    }

    /// The rows the filter leaves, then "Enter an ID…".
    pub fn project_rows(&self) -> Vec<ProjectRow> {
        let filter = self.project_filter.value().trim().to_lowercase();
        let mut rows: Vec<ProjectRow> = self
            .project_list()
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                filter.is_empty()
                    || p.name.to_lowercase().contains(&filter)
                    || p.id.to_lowercase().contains(&filter)
                    || p.description.to_lowercase().contains(&filter)
            })
            .map(|(i, _)| ProjectRow::Project(i))
            .collect();
        rows.push(ProjectRow::EnterId);
        rows
    }

    /// The name of the chosen project, when the list knows it.
    pub fn project_name(&self, id: &str) -> Option<String> {
        self.project_list()
            .into_iter()
            .find(|p| same_project(&p.id, id))
            .map(|p| p.name)
    }

    /// How many lines the JSON overlay holds (the URL line, then the body or its broken rules); its
    /// scroll stops at the last one.
    pub fn json_lines(&self) -> usize {
        1 + match self.request() {
            Ok(request) => request.to_json_pretty().lines().count(),
            Err(errors) => errors.len(),
        }
    }

    /// The input behind a text field.
    pub fn input(&self, field: TextField) -> &Input {
        match field {
            TextField::PeriodCount => &self.period_input,
            TextField::Quantity => &self.quantity_input,
            TextField::ProjectFilter => &self.project_filter,
            TextField::ProjectId => &self.project_id_input,
            TextField::Promotion => &self.promotion_input,
        }
    }

    pub(super) fn input_mut(&mut self, field: TextField) -> &mut Input {
        match field {
            TextField::PeriodCount => &mut self.period_input,
            TextField::Quantity => &mut self.quantity_input,
            TextField::ProjectFilter => &mut self.project_filter,
            TextField::ProjectId => &mut self.project_id_input,
            TextField::Promotion => &mut self.promotion_input,
        }
    }

    fn selectable(list: &[ProjectChoice], row: ProjectRow) -> bool {
        match row {
            ProjectRow::EnterId => true,
            ProjectRow::Project(i) => list.get(i).is_some_and(|p| p.enabled),
        }
    }

    /// Puts the cursor on the chosen project's row, or the first selectable one.
    pub(super) fn place_project_cursor(&mut self) {
        let rows = self.project_rows();
        let list = self.project_list();
        let chosen = rows.iter().position(|r| match r {
            ProjectRow::Project(i) => list
                .get(*i)
                .is_some_and(|p| p.enabled && same_project(&p.id, &self.enterprise_project_id)),
            ProjectRow::EnterId => false,
        });
        self.project_cursor = chosen
            .or_else(|| rows.iter().position(|r| Self::selectable(&list, *r)))
            .unwrap_or(0);
    }

    pub(super) fn move_project_cursor(&mut self, down: bool) {
        let rows = self.project_rows();
        let list = self.project_list();
        let mut i = self.project_cursor.min(rows.len().saturating_sub(1));
        loop {
            let next = if down {
                i + 1
            } else if i == 0 {
                return;
            } else {
                i - 1
            };
            let Some(row) = rows.get(next) else { return };
            i = next;
            if Self::selectable(&list, *row) {
                self.project_cursor = i;
                return;
            }
        }
    }

    /// Applies an edit to a text field. Control characters never enter a field.
    fn edit(&mut self, field: TextField, action: Action) {
        let request = match action {
            Action::Insert(c) => {
                if crate::sanitize::hidden(c)
                    || self.input(field).value().chars().count() >= max_chars(field)
                {
                    return;
                }
                InputRequest::InsertChar(c)
            }
            Action::Edit(request) => request,
            _ => return,
        };
        self.input_mut(field).handle(request);
    }
}

/// How many characters a field takes.
pub(super) fn max_chars(field: TextField) -> usize {
    match field {
        TextField::PeriodCount | TextField::Quantity => MAX_COUNT_CHARS,
        _ => MAX_FIELD_CHARS,
    }
}

/// What the order form reacts to: keys, the quota and project fetches, the order's outcome, the price.
#[derive(Debug, Clone)]
pub enum OrderMsg {
    /// What a key asked for (resolved by the keymap).
    Action(Action),
    /// The quota fetch finished.
    QuotaLoaded(Result<QuotaLeft, CallError>),
    /// The EPS fetch finished.
    ProjectsLoaded(Result<Vec<ProjectChoice>, CallError>),
    /// The console configuration read finished.
    ConsoleLoaded(Result<ConsoleConfig, CallError>),
    /// The order finished.
    Submitted(Outcome),
    /// The price asked for a request arrived (or could not be had).
    PriceLoaded(Box<PriceAnswer>),
}

impl Flow for OrderForm {
    type Msg = OrderMsg;

    fn action(action: Action) -> OrderMsg {
        OrderMsg::Action(action)
    }

    fn accept(msg: Msg) -> Option<OrderMsg> {
        match msg {
            Msg::Action(action) => Some(OrderMsg::Action(action)),
            Msg::QuotaLoaded(result) => Some(OrderMsg::QuotaLoaded(result)),
            Msg::ProjectsLoaded(result) => Some(OrderMsg::ProjectsLoaded(result)),
            Msg::ConsoleLoaded(result) => Some(OrderMsg::ConsoleLoaded(result)),
            Msg::Submitted(outcome) => Some(OrderMsg::Submitted(outcome)),
            Msg::PriceLoaded(answer) => Some(OrderMsg::PriceLoaded(answer)),
            _ => None,
        }
    }

    fn context(&self, _session: &Session) -> Context {
        if self.json.shown {
            return Context::Json;
        }
        match self.step {
            Step::Period => Context::Period,
            Step::Quantity => Context::Quantity,
            Step::Renewal => Context::Renewal,
            Step::Project => match self.project_mode {
                ProjectMode::List => Context::ProjectList,
                ProjectMode::Typed => Context::ProjectTyped,
            },
            Step::Review => match self.review_focus {
                ReviewFocus::Promotion => Context::ReviewPromotion,
                ReviewFocus::PlaceOrder if self.region_refuses() => Context::ReviewRefused,
                ReviewFocus::PlaceOrder => Context::Review,
            },
            Step::Submitting => Context::Submitting,
            // Billing takes over as soon as the order is created: never on screen in this flow.
            Step::Result => Context::Result,
            Step::Error => Context::Error,
        }
    }

    /// The quota, the project list and what the region sells, fetched in the background as the
    /// wizard opens (after its first frame: the runtime draws before it runs effects).
    fn start(&mut self) -> Vec<Effect> {
        self.quota = Load::Loading;
        self.projects = Load::Loading;
        self.console = Load::Loading;
        vec![Effect::LoadQuota, Effect::LoadProjects, Effect::LoadConsole]
    }

    fn update(&mut self, shell: &mut Shell<'_>, msg: OrderMsg) -> Vec<Effect> {
        let mut effects = Vec::new();
        match msg {
            OrderMsg::Action(action) => self.on_action(shell, action, &mut effects),
            OrderMsg::QuotaLoaded(result) => self.on_quota(shell, result),
            OrderMsg::ProjectsLoaded(result) => self.on_projects(result),
            OrderMsg::ConsoleLoaded(result) => self.on_console(shell, result),
            OrderMsg::Submitted(outcome) => self.on_submitted(shell, outcome, &mut effects),
            OrderMsg::PriceLoaded(answer) => super::billing::on_price(self, *answer),
        }
        effects
    }

    /// Sends the confirmed request exactly as the question showed it: only from the review, only once.
    fn confirm(&mut self, shell: &mut Shell<'_>, pending: Pending) -> Vec<Effect> {
        // The region sells none: a question that was up when that was read sends nothing.
        if self.step != Step::Review || self.in_flight.is_some() || self.region_refuses() {
            return Vec::new();
        }
        match pending {
            Pending::Order { request, .. } => {
                self.in_flight = Some(request.clone());
                *shell.journal_warning = None;
                *shell.elapsed = Duration::ZERO;
                self.step = Step::Submitting;
                vec![Effect::Submit(request)]
            }
            // Another flow's question: nothing of the order's to send.
            Pending::Pay { .. }
            | Pending::Cancel { .. }
            | Pending::Activate { .. }
            | Pending::Lifecycle { .. } => Vec::new(),
            Pending::SaveSubject { .. } => Vec::new(),
        }
    }

    fn paste(&mut self, shell: &mut Shell<'_>, text: &str) {
        let Some(field) = self.text_field() else {
            return;
        };
        *shell.notice = None;
        let before = self.project_filter.value().to_string();
        let input = self.input_mut(field);
        for c in text.chars().filter(|c| !crate::sanitize::hidden(*c)) {
            if input.value().chars().count() >= max_chars(field) {
                break;
            }
            input.handle(InputRequest::InsertChar(c));
        }
        if field == TextField::ProjectFilter && self.project_filter.value() != before {
            self.place_project_cursor();
        }
    }

    fn reconcile(&mut self, effects: &mut Vec<Effect>) {
        super::billing::reconcile_price(self, effects);
    }

    fn request_in_flight(&self) -> bool {
        self.in_flight.is_some()
    }

    fn json_shown(&self) -> bool {
        self.json.shown
    }

    fn wants_ticks(&self) -> bool {
        self.quota.is_loading()
            || self.projects.is_loading()
            || self.in_flight.is_some()
            || super::billing::price_loading(self)
    }
}

impl OrderForm {
    /// The focused text field of the step on screen, if any.
    pub fn text_field(&self) -> Option<TextField> {
        if self.json.shown {
            return None;
        }
        match self.step {
            Step::Period => Some(TextField::PeriodCount),
            Step::Quantity => Some(TextField::Quantity),
            Step::Project => Some(match self.project_mode {
                ProjectMode::List => TextField::ProjectFilter,
                ProjectMode::Typed => TextField::ProjectId,
            }),
            Step::Review if self.review_focus == ReviewFocus::Promotion => {
                Some(TextField::Promotion)
            }
            _ => None,
        }
    }

    /// A key (the wizard handled Quit, Help and its overlay before).
    fn on_action(&mut self, shell: &mut Shell<'_>, action: Action, effects: &mut Vec<Effect>) {
        if self.json.shown {
            self.on_json(action);
            return;
        }
        if action == Action::Back {
            self.back();
            return;
        }
        if action == Action::PrevField {
            self.prev_field();
            return;
        }
        match self.step {
            Step::Period => self.on_period(action),
            Step::Quantity => self.on_quantity(action),
            Step::Renewal => self.on_renewal(action),
            Step::Project => self.on_project(shell, action),
            Step::Review => self.on_review(shell, action),
            Step::Error => self.on_error(action, effects),
            // In flight; and billing takes over once the order is created.
            Step::Submitting | Step::Result => {}
        }
    }

    /// The JSON over the screen takes every key: ↑↓ scroll (never past its last line), any other key
    /// closes it.
    fn on_json(&mut self, action: Action) {
        let last = u16::try_from(self.json_lines().saturating_sub(1)).unwrap_or(u16::MAX);
        match action {
            Action::ScrollUp => self.json.scroll = self.json.scroll.saturating_sub(1),
            Action::ScrollDown => self.json.scroll = self.json.scroll.saturating_add(1).min(last),
            _ => self.json.close(),
        }
    }

    fn on_quota(&mut self, shell: &mut Shell<'_>, result: Result<QuotaLeft, CallError>) {
        if !self.quota.is_loading() {
            return;
        }
        self.quota = match result {
            Ok(q) => Load::Loaded(q),
            Err(e) => Load::Failed(e),
        };
        // A quota lower than the quantity already entered sends the user back to fix it: a later step
        // must never hold an invalid value.
        let past_quantity = matches!(self.step, Step::Renewal | Step::Project | Step::Review);
        if past_quantity && self.quantity().is_err() {
            self.step = Step::Quantity;
            if matches!(shell.overlay, Some(Overlay::Confirm(_))) {
                *shell.overlay = None;
            }
            self.json.close();
            *shell.notice = Some(Notice::QuotaShrank);
        }
    }

    /// What the region sells arrived (or could not be read: unknown, nothing blocked). A "no" that
    /// arrives while the question is up withdraws it: the review then says why.
    fn on_console(&mut self, shell: &mut Shell<'_>, result: Result<ConsoleConfig, CallError>) {
        if !self.console.is_loading() {
            return;
        }
        self.console = match result {
            Ok(c) => {
                shell.session.console = Some(c.clone());
                Load::Loaded(c)
            }
            Err(e) => Load::Failed(e),
        };
        if self.region_refuses()
            && matches!(shell.overlay, Some(Overlay::Confirm(Pending::Order { .. })))
        {
            *shell.overlay = None;
        }
    }

    fn on_projects(&mut self, result: Result<Vec<ProjectChoice>, CallError>) {
        if !self.projects.is_loading() {
            return;
        }
        match result {
            Ok(list) => {
                self.projects = Load::Loaded(list);
                if self.project_mode == ProjectMode::List {
                    self.place_project_cursor();
                }
            }
            Err(e) => {
                self.projects = Load::Failed(e);
                if self.project_mode == ProjectMode::List {
                    self.project_mode = ProjectMode::Typed;
                    self.project_id_input = Input::new(self.enterprise_project_id.clone());
                }
            }
        }
    }

    /// The order's outcome: kept in the session's record; a created order hands the wizard to its
    /// billing, anything else shows the error screen.
    fn on_submitted(&mut self, shell: &mut Shell<'_>, outcome: Outcome, effects: &mut Vec<Effect>) {
        let Some(request) = self.in_flight.take() else {
            return;
        };
        if *shell.overlay == Some(Overlay::ConfirmQuit) {
            *shell.overlay = None;
        }
        self.step = match outcome {
            Outcome::Done(_) => Step::Result,
            _ => Step::Error,
        };
        shell.session.note_sent(outcome.exit_code());
        shell.session.attempts.push((request, outcome));
        if let Some((bill, started)) = Bill::for_created_order(shell.session, shell.poll_schedule) {
            effects.extend(started);
            shell.handoff = Some(Handoff::Billing(Box::new(bill)));
        }
        if shell.input_closed {
            // The wizard puts the session's code in place of this one.
            effects.push(Effect::Quit(exit::CANCELLED));
        }
    }

    fn on_period(&mut self, action: Action) {
        match action {
            Action::Next => {
                if self.period_num().is_ok() {
                    self.step = Step::Quantity;
                }
            }
            Action::Toggle => {
                self.period_unit = match self.period_unit {
                    PeriodUnit::Month => PeriodUnit::Year,
                    PeriodUnit::Year => PeriodUnit::Month,
                };
            }
            _ => self.edit(TextField::PeriodCount, action),
        }
    }

    fn on_quantity(&mut self, action: Action) {
        match action {
            Action::Next => {
                if self.quantity().is_ok() {
                    self.step = Step::Renewal;
                }
            }
            _ => self.edit(TextField::Quantity, action),
        }
    }

    fn on_renewal(&mut self, action: Action) {
        let slot = match self.renewal_focus {
            RenewalFocus::AutoRenew => &mut self.auto_renew,
            RenewalFocus::AutoPay => &mut self.auto_pay,
        };
        match action {
            Action::Toggle => *slot = !*slot,
            Action::SetYes => *slot = true,
            Action::SetNo => *slot = false,
            Action::Next => self.step = Step::Project,
            Action::Up => self.renewal_focus = RenewalFocus::AutoRenew,
            Action::Down => self.renewal_focus = RenewalFocus::AutoPay,
            _ => {}
        }
    }

    fn on_project(&mut self, shell: &mut Shell<'_>, action: Action) {
        match self.project_mode {
            ProjectMode::List => match action {
                Action::Up => self.move_project_cursor(false),
                Action::Down => self.move_project_cursor(true),
                Action::Next => self.choose_listed_project(shell.notice),
                _ => {
                    let before = self.project_filter.value().to_string();
                    self.edit(TextField::ProjectFilter, action);
                    if self.project_filter.value() != before {
                        self.place_project_cursor();
                    }
                }
            },
            ProjectMode::Typed => match action {
                Action::Up => {
                    self.project_mode = ProjectMode::List;
                    self.place_project_cursor();
                }
                Action::Next => {
                    if self.typed_project_error().is_none() {
                        self.enterprise_project_id =
                            validate::normalize_project_id(self.project_id_input.value());
                        self.step = Step::Review;
                        self.review_focus = ReviewFocus::PlaceOrder;
                    }
                }
                _ => self.edit(TextField::ProjectId, action),
            },
        }
    }

    fn choose_listed_project(&mut self, notice: &mut Option<Notice>) {
        let rows = self.project_rows();
        match rows.get(self.project_cursor).copied() {
            Some(ProjectRow::Project(i)) => {
                let list = self.project_list();
                if let Some(p) = list.get(i)
                    && p.enabled
                {
                    if validate::enterprise_project_id(&p.id).is_ok() {
                        self.enterprise_project_id = validate::normalize_project_id(&p.id);
                        self.step = Step::Review;
                        self.review_focus = ReviewFocus::PlaceOrder;
                    } else {
                        *notice = Some(Notice::ProjectIdInvalid);
                    }
                }
            }
            Some(ProjectRow::EnterId) => {
                self.project_mode = ProjectMode::Typed;
                self.project_id_input = Input::new(self.enterprise_project_id.clone());
            }
            None => {}
        }
    }

    fn on_review(&mut self, shell: &mut Shell<'_>, action: Action) {
        match action {
            Action::ShowJson => self.json.open(),
            Action::SwitchFocus => self.toggle_review_focus(),
            Action::Next => match self.review_focus {
                ReviewFocus::Promotion => {
                    if self.promotion_error().is_none() {
                        self.review_focus = ReviewFocus::PlaceOrder;
                    }
                }
                // The review says why; no question is asked.
                ReviewFocus::PlaceOrder if self.region_refuses() => {}
                ReviewFocus::PlaceOrder => match self.request() {
                    Ok(request) => {
                        *shell.overlay = Some(Overlay::Confirm(Pending::Order {
                            request,
                            earlier_may_exist: shell.session.earlier_may_exist(),
                        }));
                    }
                    Err(_) => {
                        if self.promotion_error().is_some() {
                            self.review_focus = ReviewFocus::Promotion;
                        }
                    }
                },
            },
            _ if self.review_focus == ReviewFocus::Promotion => {
                self.edit(TextField::Promotion, action);
            }
            _ => {}
        }
    }

    fn on_error(&mut self, action: Action, effects: &mut Vec<Effect>) {
        match action {
            // The wizard puts the session's code in place of this one.
            Action::Leave => effects.push(Effect::Quit(exit::CANCELLED)),
            Action::Review => {
                self.step = Step::Review;
                self.review_focus = ReviewFocus::PlaceOrder;
            }
            _ => {}
        }
    }

    fn toggle_review_focus(&mut self) {
        self.review_focus = match self.review_focus {
            ReviewFocus::Promotion => ReviewFocus::PlaceOrder,
            ReviewFocus::PlaceOrder => ReviewFocus::Promotion,
        };
    }

    /// Shift-Tab: the previous field, or one step back from the field the step opens on (auto-renew
    /// on the renewal step; the button on the review, whose promotion field Shift-Tab leaves for it).
    fn prev_field(&mut self) {
        match (self.step, self.renewal_focus, self.review_focus) {
            (Step::Renewal, RenewalFocus::AutoPay, _) => {
                self.renewal_focus = RenewalFocus::AutoRenew
            }
            (Step::Review, _, ReviewFocus::Promotion) => {
                self.review_focus = ReviewFocus::PlaceOrder
            }
            _ => self.back(),
        }
    }

    /// One step back; nothing typed or chosen is lost.
    fn back(&mut self) {
        self.step = match self.step {
            Step::Quantity => Step::Period,
            Step::Renewal => Step::Quantity,
            Step::Project => Step::Renewal,
            Step::Review => {
                if self.project_mode == ProjectMode::List {
                    self.place_project_cursor();
                }
                Step::Project
            }
            Step::Error => {
                self.review_focus = ReviewFocus::PlaceOrder;
                Step::Review
            }
            other => other,
        };
    }
}

/// Whether two project ids name the same project: UUIDs match whatever their case.
pub(super) fn same_project(a: &str, b: &str) -> bool {
    validate::normalize_project_id(a) == validate::normalize_project_id(b)
}
