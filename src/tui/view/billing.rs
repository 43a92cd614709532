//! Billing on screen: the review's price row (spinner while BSS answers, the amount with what it buys,
//! the list price and discount when one applies, or why the price cannot be had) and the amount the
//! buy question names.

use ratatui::text::{Line, Span};

use super::Canvas;
use crate::billing::{Amount, Price};
use crate::tui::model::{Load, Model, PriceQuote, Step};

/// Whether the screen shows an amount (the review's price), so the sandbox banner adds that its
/// prices are pretend.
pub(super) fn shows_money(model: &Model) -> bool {
    model.step == Step::Review && model.price.is_some()
}

/// Money as shown everywhere: two decimals and the currency ("1200.00 CNY"), from the exact decimal.
pub(super) fn money(amount: &Amount, currency: &str) -> String {
    format!("{} {currency}", amount.fixed(2))
}

/// What the buy question names: the amount to pay, when the price for those choices is known.
pub(super) fn amount_to_pay(price: &Price) -> String {
    money(&price.to_pay, &price.currency)
}

/// The review's price row under the label column `label_w`: at most two rows (the value, then the
/// discount or the rest of a long reason). Nothing while no price was asked for (a count is invalid).
pub(super) fn price_rows(model: &Model, c: &mut Canvas, label_w: u16) {
    let t = c.text;
    let Some(PriceQuote { key, load }) = &model.price else {
        return;
    };
    let indent = 2 + label_w + 1;
    let y = c.y;
    c.labelled(t.price, label_w, Line::raw(""), false);
    c.y = y;
    match load {
        Load::Loading => c.wrapped(
            indent,
            Line::from(vec![Span::styled(
                format!("{} {}", Canvas::spinner(model.spinner), t.price_loading),
                c.theme.dim(),
            )]),
            1,
        ),
        Load::Loaded(price) => {
            c.wrapped(
                indent,
                Line::styled(
                    t.price_value(
                        &amount_to_pay(price),
                        key.quantity,
                        key.period_num,
                        key.unit,
                    ),
                    c.theme.title(),
                ),
                1,
            );
            if let Some(d) = &price.discount {
                c.wrapped(
                    indent,
                    Line::styled(
                        t.price_discount(
                            &money(&price.list, &price.currency),
                            &money(&d.discount_amount, &price.currency),
                        ),
                        c.theme.dim(),
                    ),
                    1,
                );
            }
        }
        Load::Failed(e) => {
            c.wrapped(
                indent,
                Line::styled(t.price_unavailable, c.theme.error()),
                1,
            );
            c.wrapped(indent, Line::styled(t.call_error(e), c.theme.dim()), 1);
        }
    }
}
