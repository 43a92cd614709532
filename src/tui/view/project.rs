//! Step 4: the enterprise project — picked from EPS's list (filterable) or typed.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Canvas, fit, pad};
use crate::tui::model::{Load, Model, Notice, ProjectMode, ProjectRow, TextField};

/// Step 4: the enterprise project, from the list or typed.
pub(super) fn project(model: &Model, c: &mut Canvas) {
    let Some(form) = model.order_form() else {
        return;
    };
    let t = c.text;
    c.line(Line::styled(t.project_question, c.theme.title()));
    c.gap();
    match form.project_mode {
        ProjectMode::List => project_list(model, c),
        ProjectMode::Typed => {
            let focused = model.text_focus() == Some(TextField::ProjectId);
            c.field(
                t.project_id,
                &form.project_id_input,
                40,
                focused,
                Line::raw(""),
            );
            let error = form.typed_project_error().map(|e| t.rule(&e.rule));
            c.under_field(error, Some(t.project_id_hint));
            c.gap();
        }
    }
    match &form.projects {
        Load::Loading => c.line(Line::from(vec![
            Span::raw("  "),
            Span::styled(Canvas::spinner(model.spinner), c.theme.title()),
            Span::raw(" "),
            Span::styled(t.projects_loading, c.theme.dim()),
        ])),
        Load::Failed(e) => {
            let why = t.projects_failed(&fit(&t.call_error(e), 160));
            c.wrapped(2, Line::styled(why, c.theme.warn()), 3);
        }
        Load::Loaded(_) => {}
    }
    if model.notice == Some(Notice::ProjectIdInvalid) {
        c.wrapped(2, Line::styled(t.project_id_invalid, c.theme.warn()), 2);
    }
}

fn project_list(model: &Model, c: &mut Canvas) {
    let Some(form) = model.order_form() else {
        return;
    };
    let t = c.text;
    let focused = model.text_focus() == Some(TextField::ProjectFilter);
    c.quiet_field(t.filter, &form.project_filter, 30, focused);
    c.gap();
    let list = form.project_list();
    let rows = form.project_rows();
    // Room for the rows, keeping two lines for the status below.
    let room = usize::from(c.rows_left().saturating_sub(2)).max(1);
    let cursor = form.project_cursor.min(rows.len().saturating_sub(1));
    let first = cursor.saturating_sub(room.saturating_sub(1));
    if rows.len() == 1 {
        c.line(Line::styled(format!("  {}", t.no_match), c.theme.dim()));
    }
    for (i, row) in rows.iter().enumerate().skip(first).take(room) {
        let selected = i == cursor;
        if selected {
            c.mark_focus();
        }
        let marker = if selected { "▸ " } else { "  " };
        let (text, enabled) = match row {
            ProjectRow::Project(p) => match list.get(*p) {
                Some(p) => {
                    let mut name = p.name.clone();
                    if p.id == "0" && !name.eq_ignore_ascii_case("default") {
                        name = format!("{name} {}", t.default_project);
                    }
                    let status = if p.enabled { "" } else { t.disabled };
                    (
                        // Cut by display width with a visible "…", then padded: the id column stays put
                        // whatever the name holds (wide CJK, combining marks).
                        format!(
                            "{} {} {status}",
                            pad(&fit(&name, 26), 26),
                            pad(&fit(&p.id, 36), 36)
                        ),
                        p.enabled,
                    )
                }
                None => continue,
            },
            ProjectRow::EnterId => (t.enter_id_row.to_string(), true),
        };
        let style = if selected {
            c.theme.focus()
        } else if enabled {
            Style::new()
        } else {
            c.theme.dim()
        };
        let width = usize::from(c.area.width.saturating_sub(4));
        c.line(Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("{marker}{}", fit(text.trim_end(), width)), style),
        ]));
    }
}
