//! Step 1: the billing period — unit (month or year) and count, with the allowed range beside it.

use ratatui::text::Line;

use super::{COUNT_W, Canvas, LABEL_W, choice};
use crate::order::PeriodUnit;
use crate::order::validate::period_range;
use crate::tui::model::{Model, TextField};
use crate::tui::text::RangeWhat;

/// Step 1: unit and count.
pub(super) fn period(model: &Model, c: &mut Canvas) {
    let Some(form) = model.order_form() else {
        return;
    };
    let t = c.text;
    c.line(Line::styled(t.period_question, c.theme.title()));
    c.gap();
    for (i, unit) in [PeriodUnit::Month, PeriodUnit::Year]
        .into_iter()
        .enumerate()
    {
        let label = if i == 0 { t.unit } else { "" };
        let value = Line::from(choice(c, form.period_unit == unit, t.unit_name(unit)));
        c.labelled(label, LABEL_W, value, false);
    }
    let (min, max) = period_range(form.period_unit);
    let what = match form.period_unit {
        PeriodUnit::Month => RangeWhat::Months,
        PeriodUnit::Year => RangeWhat::Years,
    };
    let note = Line::styled(t.range_note(min, max, what), c.theme.dim());
    let focused = model.text_focus() == Some(TextField::PeriodCount);
    c.field(t.count, &form.period_input, COUNT_W, focused, note);
    c.under_field(form.period_num().err().map(|e| t.rule(&e.rule)), None);
    c.line(Line::styled(t.period_note, c.theme.dim()));
}
