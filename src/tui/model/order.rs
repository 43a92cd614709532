//! The order flow: the five input steps (period, quantity, renewal, project, review), the submit of a
//! confirmed order, and its outcome screens. `mod.rs` routes actions here when no overlay is up; billing
//! and activation flows sit beside this file the same way.

use std::time::Duration;

use tui_input::{Input, InputRequest};

use super::flow::Current;
use super::{
    Effect, Load, MAX_COUNT_CHARS, MAX_FIELD_CHARS, Model, Notice, Overlay, Pending, PriceQuote,
    ProjectChoice, ProjectMode, ProjectRow, RenewalFocus, ReviewFocus, Step, TextField,
};
use crate::api::{CallError, Outcome};
use crate::order::limits::DEFAULT_ENTERPRISE_PROJECT_ID;
use crate::order::validate::{self, Field, FieldError, QuotaLeft};
use crate::order::{OrderDraft, OrderRequest, PeriodUnit};
use crate::tui::keymap::Action;

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
        }
    }

    /// The quota when known, for validation.
    pub fn quota_left(&self) -> Option<QuotaLeft> {
        match self.quota {
            Load::Loaded(q) => Some(q),
            _ => None,
        }
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

pub(super) fn on_quota(model: &mut Model, result: Result<QuotaLeft, CallError>) {
    let Current::Order(form) = &mut model.flow else {
        return;
    };
    if !form.quota.is_loading() {
        return;
    }
    form.quota = match result {
        Ok(q) => Load::Loaded(q),
        Err(e) => Load::Failed(e),
    };
    // A quota lower than the quantity already entered sends the user back to fix it: a later step must
    // never hold an invalid value.
    let past_quantity = matches!(form.step, Step::Renewal | Step::Project | Step::Review);
    if past_quantity && form.quantity().is_err() {
        form.step = Step::Quantity;
        if matches!(
            model.overlay,
            Some(Overlay::Confirm(_) | Overlay::Json { .. })
        ) {
            model.overlay = None;
        }
        model.notice = Some(Notice::QuotaShrank);
    }
}

pub(super) fn on_projects(model: &mut Model, result: Result<Vec<ProjectChoice>, CallError>) {
    let Current::Order(form) = &mut model.flow else {
        return;
    };
    if !form.projects.is_loading() {
        return;
    }
    match result {
        Ok(list) => {
            form.projects = Load::Loaded(list);
            if form.project_mode == ProjectMode::List {
                form.place_project_cursor();
            }
        }
        Err(e) => {
            form.projects = Load::Failed(e);
            if form.project_mode == ProjectMode::List {
                form.project_mode = ProjectMode::Typed;
                form.project_id_input = Input::new(form.enterprise_project_id.clone());
            }
        }
    }
}

pub(super) fn on_submitted(model: &mut Model, outcome: Outcome, effects: &mut Vec<Effect>) {
    let Current::Order(form) = &mut model.flow else {
        return;
    };
    let Some(request) = form.in_flight.take() else {
        return;
    };
    if model.overlay == Some(Overlay::ConfirmQuit) {
        model.overlay = None;
    }
    form.step = match outcome {
        Outcome::Done(_) => Step::Result,
        _ => Step::Error,
    };
    model.session.attempts.push((request, outcome));
    super::billing::on_order_done(model, effects);
    if model.input_closed {
        effects.push(Effect::Quit(model.exit_code()));
    }
}

pub(super) fn on_period(model: &mut Model, action: Action) {
    let Current::Order(form) = &mut model.flow else {
        return;
    };
    match action {
        Action::Next => {
            if form.period_num().is_ok() {
                form.step = Step::Quantity;
            }
        }
        Action::Toggle => {
            form.period_unit = match form.period_unit {
                PeriodUnit::Month => PeriodUnit::Year,
                PeriodUnit::Year => PeriodUnit::Month,
            };
        }
        _ => form.edit(TextField::PeriodCount, action),
    }
}

pub(super) fn on_quantity(model: &mut Model, action: Action) {
    let Current::Order(form) = &mut model.flow else {
        return;
    };
    match action {
        Action::Next => {
            if form.quantity().is_ok() {
                form.step = Step::Renewal;
            }
        }
        _ => form.edit(TextField::Quantity, action),
    }
}

pub(super) fn on_renewal(model: &mut Model, action: Action) {
    let Current::Order(form) = &mut model.flow else {
        return;
    };
    let slot = match form.renewal_focus {
        RenewalFocus::AutoRenew => &mut form.auto_renew,
        RenewalFocus::AutoPay => &mut form.auto_pay,
    };
    match action {
        Action::Toggle => *slot = !*slot,
        Action::SetYes => *slot = true,
        Action::SetNo => *slot = false,
        Action::Next => form.step = Step::Project,
        Action::Up => form.renewal_focus = RenewalFocus::AutoRenew,
        Action::Down => form.renewal_focus = RenewalFocus::AutoPay,
        _ => {}
    }
}

/// Whether two project ids name the same project: UUIDs match whatever their case.
pub(super) fn same_project(a: &str, b: &str) -> bool {
    validate::normalize_project_id(a) == validate::normalize_project_id(b)
}

pub(super) fn on_project(model: &mut Model, action: Action) {
    let Current::Order(form) = &mut model.flow else {
        return;
    };
    match form.project_mode {
        ProjectMode::List => match action {
            Action::Up => form.move_project_cursor(false),
            Action::Down => form.move_project_cursor(true),
            Action::Next => choose_listed_project(form, &mut model.notice),
            _ => {
                let before = form.project_filter.value().to_string();
                form.edit(TextField::ProjectFilter, action);
                if form.project_filter.value() != before {
                    form.place_project_cursor();
                }
            }
        },
        ProjectMode::Typed => match action {
            Action::Up => {
                form.project_mode = ProjectMode::List;
                form.place_project_cursor();
            }
            Action::Next => {
                if form.typed_project_error().is_none() {
                    form.enterprise_project_id =
                        validate::normalize_project_id(form.project_id_input.value());
                    form.step = Step::Review;
                    form.review_focus = ReviewFocus::PlaceOrder;
                }
            }
            _ => form.edit(TextField::ProjectId, action),
        },
    }
}

pub(super) fn choose_listed_project(form: &mut OrderForm, notice: &mut Option<Notice>) {
    let rows = form.project_rows();
    match rows.get(form.project_cursor).copied() {
        Some(ProjectRow::Project(i)) => {
            let list = form.project_list();
            if let Some(p) = list.get(i)
                && p.enabled
            {
                if validate::enterprise_project_id(&p.id).is_ok() {
                    form.enterprise_project_id = validate::normalize_project_id(&p.id);
                    form.step = Step::Review;
                    form.review_focus = ReviewFocus::PlaceOrder;
                } else {
                    *notice = Some(Notice::ProjectIdInvalid);
                }
            }
        }
        Some(ProjectRow::EnterId) => {
            form.project_mode = ProjectMode::Typed;
            form.project_id_input = Input::new(form.enterprise_project_id.clone());
        }
        None => {}
    }
}

pub(super) fn on_review(model: &mut Model, action: Action) {
    let Current::Order(form) = &mut model.flow else {
        return;
    };
    match action {
        Action::ShowJson => model.overlay = Some(Overlay::Json { scroll: 0 }),
        Action::SwitchFocus => toggle_review_focus(form),
        Action::Next => match form.review_focus {
            ReviewFocus::Promotion => {
                if form.promotion_error().is_none() {
                    form.review_focus = ReviewFocus::PlaceOrder;
                }
            }
            ReviewFocus::PlaceOrder => match form.request() {
                Ok(request) => {
                    model.overlay = Some(Overlay::Confirm(Pending::Order {
                        request,
                        earlier_may_exist: model.earlier_may_exist(),
                    }));
                }
                Err(_) => {
                    if form.promotion_error().is_some() {
                        form.review_focus = ReviewFocus::Promotion;
                    }
                }
            },
        },
        _ if form.review_focus == ReviewFocus::Promotion => {
            form.edit(TextField::Promotion, action);
        }
        _ => {}
    }
}

pub(super) fn on_result(model: &mut Model, action: Action, effects: &mut Vec<Effect>) {
    match action {
        Action::Leave => effects.push(Effect::Quit(model.exit_code())),
        Action::Copy => {
            if let Some(Outcome::Done(created)) = model.outcome() {
                effects.push(Effect::Copy(created.order_id.clone()));
                model.notice = Some(Notice::Copied);
            }
        }
        _ => {}
    }
}

pub(super) fn on_error(model: &mut Model, action: Action, effects: &mut Vec<Effect>) {
    let Current::Order(form) = &mut model.flow else {
        return;
    };
    match action {
        Action::Leave => effects.push(Effect::Quit(model.exit_code())),
        Action::Review => {
            form.step = Step::Review;
            form.review_focus = ReviewFocus::PlaceOrder;
        }
        _ => {}
    }
}

pub(super) fn toggle_review_focus(form: &mut OrderForm) {
    form.review_focus = match form.review_focus {
        ReviewFocus::Promotion => ReviewFocus::PlaceOrder,
        ReviewFocus::PlaceOrder => ReviewFocus::Promotion,
    };
}

/// Sends the confirmed request exactly as the question showed it: only from the review, only once.
pub(super) fn submit(model: &mut Model, pending: Pending, effects: &mut Vec<Effect>) {
    let Current::Order(form) = &mut model.flow else {
        return;
    };
    if form.step != Step::Review || form.in_flight.is_some() {
        return;
    }
    match pending {
        Pending::Order { request, .. } => {
            form.in_flight = Some(request.clone());
            model.journal_warning = None;
            model.elapsed = Duration::ZERO;
            form.step = Step::Submitting;
            effects.push(Effect::Submit(request));
        }
        Pending::Pay { .. } | Pending::Cancel { .. } => {}
        // Sent by the activation host, never from the order's review.
        Pending::Activate { .. } => {}
    }
}

pub(super) fn back(model: &mut Model) {
    let Current::Order(form) = &mut model.flow else {
        return;
    };
    form.step = match form.step {
        Step::Period => Step::Period,
        Step::Quantity => Step::Period,
        Step::Renewal => Step::Quantity,
        Step::Project => Step::Renewal,
        Step::Review => {
            if form.project_mode == ProjectMode::List {
                form.place_project_cursor();
            }
            Step::Project
        }
        Step::Submitting => Step::Submitting,
        Step::Result => Step::Result,
        Step::Acting => Step::Acting,
        Step::Tracking => Step::Tracking,
        Step::ActFailed => Step::ActFailed,
        Step::Error => {
            form.review_focus = ReviewFocus::PlaceOrder;
            Step::Review
        }
    };
}
