//! The order flow: the five input steps (period, quantity, renewal, project, review), the submit of a
//! confirmed order, and its outcome screens. `mod.rs` routes actions here when no overlay is up; billing
//! and activation flows sit beside this file the same way.

use std::time::Duration;

use tui_input::Input;

use super::{
    Effect, Load, Model, Notice, Overlay, Pending, ProjectChoice, ProjectMode, ProjectRow,
    RenewalFocus, ReviewFocus, Step, TextField, edit,
};
use crate::api::{CallError, Outcome};
use crate::order::PeriodUnit;
use crate::order::validate::{self, QuotaLeft};
use crate::tui::keymap::Action;

pub(super) fn on_quota(model: &mut Model, result: Result<QuotaLeft, CallError>) {
    if !model.quota.is_loading() {
        return;
    }
    model.quota = match result {
        Ok(q) => Load::Loaded(q),
        Err(e) => Load::Failed(e),
    };
    // A quota lower than the quantity already entered sends the user back to fix it: a later step must
    // never hold an invalid value.
    let past_quantity = matches!(
        model.order_step,
        Step::Renewal | Step::Project | Step::Review
    );
    if past_quantity && model.quantity().is_err() {
        model.order_step = Step::Quantity;
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
    if !model.projects.is_loading() {
        return;
    }
    match result {
        Ok(list) => {
            model.projects = Load::Loaded(list);
            if model.project_mode == ProjectMode::List {
                model.place_project_cursor();
            }
        }
        Err(e) => {
            model.projects = Load::Failed(e);
            if model.project_mode == ProjectMode::List {
                model.project_mode = ProjectMode::Typed;
                model.project_id_input = Input::new(model.enterprise_project_id.clone());
            }
        }
    }
}

pub(super) fn on_submitted(model: &mut Model, outcome: Outcome, effects: &mut Vec<Effect>) {
    let Some(request) = model.in_flight.take() else {
        return;
    };
    if model.overlay == Some(Overlay::ConfirmQuit) {
        model.overlay = None;
    }
    model.order_step = match outcome {
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
    match action {
        Action::Next => {
            if model.period_num().is_ok() {
                model.order_step = Step::Quantity;
            }
        }
        Action::Toggle => {
            model.period_unit = match model.period_unit {
                PeriodUnit::Month => PeriodUnit::Year,
                PeriodUnit::Year => PeriodUnit::Month,
            };
        }
        _ => edit(model, TextField::PeriodCount, action),
    }
}

pub(super) fn on_quantity(model: &mut Model, action: Action) {
    match action {
        Action::Next => {
            if model.quantity().is_ok() {
                model.order_step = Step::Renewal;
            }
        }
        _ => edit(model, TextField::Quantity, action),
    }
}

pub(super) fn on_renewal(model: &mut Model, action: Action) {
    let slot = match model.renewal_focus {
        RenewalFocus::AutoRenew => &mut model.auto_renew,
        RenewalFocus::AutoPay => &mut model.auto_pay,
    };
    match action {
        Action::Toggle => *slot = !*slot,
        Action::SetYes => *slot = true,
        Action::SetNo => *slot = false,
        Action::Next => model.order_step = Step::Project,
        Action::Up => model.renewal_focus = RenewalFocus::AutoRenew,
        Action::Down => model.renewal_focus = RenewalFocus::AutoPay,
        _ => {}
    }
}

/// Whether two project ids name the same project: UUIDs match whatever their case.
pub(super) fn same_project(a: &str, b: &str) -> bool {
    validate::normalize_project_id(a) == validate::normalize_project_id(b)
}

pub(super) fn on_project(model: &mut Model, action: Action) {
    match model.project_mode {
        ProjectMode::List => match action {
            Action::Up => model.move_project_cursor(false),
            Action::Down => model.move_project_cursor(true),
            Action::Next => choose_listed_project(model),
            _ => {
                let before = model.project_filter.value().to_string();
                edit(model, TextField::ProjectFilter, action);
                if model.project_filter.value() != before {
                    model.place_project_cursor();
                }
            }
        },
        ProjectMode::Typed => match action {
            Action::Up => {
                model.project_mode = ProjectMode::List;
                model.place_project_cursor();
            }
            Action::Next => {
                if model.typed_project_error().is_none() {
                    model.enterprise_project_id =
                        validate::normalize_project_id(model.project_id_input.value());
                    model.order_step = Step::Review;
                    model.review_focus = ReviewFocus::PlaceOrder;
                }
            }
            _ => edit(model, TextField::ProjectId, action),
        },
    }
}

pub(super) fn choose_listed_project(model: &mut Model) {
    let rows = model.project_rows();
    match rows.get(model.project_cursor).copied() {
        Some(ProjectRow::Project(i)) => {
            let list = model.project_list();
            if let Some(p) = list.get(i)
                && p.enabled
            {
                if validate::enterprise_project_id(&p.id).is_ok() {
                    model.enterprise_project_id = validate::normalize_project_id(&p.id);
                    model.order_step = Step::Review;
                    model.review_focus = ReviewFocus::PlaceOrder;
                } else {
                    model.notice = Some(Notice::ProjectIdInvalid);
                }
            }
        }
        Some(ProjectRow::EnterId) => {
            model.project_mode = ProjectMode::Typed;
            model.project_id_input = Input::new(model.enterprise_project_id.clone());
        }
        None => {}
    }
}

pub(super) fn on_review(model: &mut Model, action: Action) {
    match action {
        Action::ShowJson => model.overlay = Some(Overlay::Json { scroll: 0 }),
        Action::SwitchFocus => toggle_review_focus(model),
        Action::Next => match model.review_focus {
            ReviewFocus::Promotion => {
                if model.promotion_error().is_none() {
                    model.review_focus = ReviewFocus::PlaceOrder;
                }
            }
            ReviewFocus::PlaceOrder => match model.request() {
                Ok(request) => {
                    model.overlay = Some(Overlay::Confirm(Pending::Order {
                        request,
                        earlier_may_exist: model.earlier_may_exist(),
                    }));
                }
                Err(_) => {
                    if model.promotion_error().is_some() {
                        model.review_focus = ReviewFocus::Promotion;
                    }
                }
            },
        },
        _ if model.review_focus == ReviewFocus::Promotion => {
            edit(model, TextField::Promotion, action);
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
    match action {
        Action::Leave => effects.push(Effect::Quit(model.exit_code())),
        Action::Review => {
            model.order_step = Step::Review;
            model.review_focus = ReviewFocus::PlaceOrder;
        }
        _ => {}
    }
}

pub(super) fn toggle_review_focus(model: &mut Model) {
    model.review_focus = match model.review_focus {
        ReviewFocus::Promotion => ReviewFocus::PlaceOrder,
        ReviewFocus::PlaceOrder => ReviewFocus::Promotion,
    };
}

/// Sends the confirmed request exactly as the question showed it: only from the review, only once.
pub(super) fn submit(model: &mut Model, pending: Pending, effects: &mut Vec<Effect>) {
    if model.order_step != Step::Review || model.in_flight.is_some() {
        return;
    }
    match pending {
        Pending::Order { request, .. } => {
            model.in_flight = Some(request.clone());
            model.journal_warning = None;
            model.elapsed = Duration::ZERO;
            model.order_step = Step::Submitting;
            effects.push(Effect::Submit(request));
        }
        Pending::Pay { .. } | Pending::Cancel { .. } => {}
        // Sent by the activation host, never from the order's review.
        Pending::Activate { .. } => {}
    }
}

pub(super) fn back(model: &mut Model) {
    model.order_step = match model.order_step {
        Step::Period => Step::Period,
        Step::Quantity => Step::Period,
        Step::Renewal => Step::Quantity,
        Step::Project => Step::Renewal,
        Step::Review => {
            if model.project_mode == ProjectMode::List {
                model.place_project_cursor();
            }
            Step::Project
        }
        Step::Submitting => Step::Submitting,
        Step::Result => Step::Result,
        Step::Acting => Step::Acting,
        Step::Tracking => Step::Tracking,
        Step::ActFailed => Step::ActFailed,
        Step::Error => {
            model.review_focus = ReviewFocus::PlaceOrder;
            Step::Review
        }
    };
}
