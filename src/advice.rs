//! What to tell the user after an outcome — the title of a rejection and the one line of what to do —
//! shared by the wizard's screens and the command line's reports, so the two never differ in substance.
//! It lives outside `tui` so the CLI does not reach into the wizard's views.

use crate::api::{ApiError, Outcome};
use crate::text::Text;

/// The title of a rejection: a 4xx bought nothing; a redirect was not followed. (A 5xx is never a
/// rejection: its outcome is unknown.)
pub fn rejected_title(e: &ApiError, t: &Text) -> &'static str {
    if (300..400).contains(&e.status) {
        t.error_redirect
    } else {
        t.error_rejected
    }
}

/// The plain-language line on what to do for an outcome's class, naming no key: the wizard's error
/// screen words a 400 itself (`advice_400`, with the key back to the review from the keymap); the
/// command line words it with its flags (`advice_400_cli`).
pub fn advice(outcome: &Outcome, t: &Text) -> &'static str {
    match outcome {
        Outcome::Rejected(ApiError { status, .. }) => match status {
            400 => t.advice_400_after,
            401 => t.advice_401,
            403 => t.advice_403,
            429 => t.advice_429,
            300..=399 => t.advice_redirect,
            _ => t.advice_other,
        },
        Outcome::Unknown(_) => t.advice_unknown,
        Outcome::NotSent(_) => t.advice_not_sent,
        Outcome::Done(_) => "",
    }
}

/// [`advice`] for the summary printed after the wizard ended: the error screen's keys are gone there,
/// so the advice says what to do from the shell (as [`advice`] does).
pub fn advice_after(outcome: &Outcome, t: &Text) -> &'static str {
    advice(outcome, t)
}
