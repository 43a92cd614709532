//! Every word a user reads — wizard screens, rule messages, credential sources, the reasons an order or a
//! call failed — in one catalog per language, so a translation is one file and no screen hard-codes words.
//!
//! [`catalog!`] declares [`Text`]: fixed strings are `&'static str` fields, strings with values are
//! `fn(..) -> String` fields with a method of the same name (call sites read `t.quantity_value(3)`), and
//! `entries()` renders every message with sample values for the test that walks them all. Each language
//! file holds one complete `Text` literal ([`en::EN`], [`zh_cn::ZH`]), so the compiler refuses a language
//! that misses a message.
//!
//! Adding a language: copy `en.rs` to a new file (say `ja.rs`, `pub static JA: Text`), translate every
//! entry, declare the module below, and add one [`Lang`] variant with its arm in [`Lang::text`] and its
//! `--lang` spelling in [`Lang::parse`] (and, for the locale, in [`Lang::detect`]). The walking test
//! (`tests/catalog.rs`) then checks the new language's entries as it does the others.
//! A new message is one field in the `catalog!` call below plus one entry in every language file.
//! A message that names a wizard key takes the key as a value, which the view reads from the keymap
//! (`keymap::key_label`, `keymap::yes_no`) where it draws the message; `tests/keys.rs` fails on a key
//! written into a message by hand, and lists which binding each key-taking message names.

/// Declares the catalog struct: fixed strings as `&'static str` fields, strings with values as
/// `fn(..) -> String` fields with a method of the same name (so call sites read `t.quantity_value(3)`),
/// and `entries()`, which renders every message — each formatted one with every sample argument list
/// given — so a test can walk the whole catalog of each language.
#[macro_export]
macro_rules! catalog {
    (
        $(#[$sm:meta])*
        pub struct $name:ident {
            fixed {
                $( $(#[$fm:meta])* $f:ident, )*
            }
            rows {
                $( $(#[$rm:meta])* $r:ident, )*
            }
            formatted {
                $( $(#[$gm:meta])* $g:ident ( $($a:ident : $t:ty),* ) samples [ $( ( $($s:expr),* ) ),+ $(,)? ], )*
            }
        }
    ) => {
        $(#[$sm])*
        pub struct $name {
            $( $(#[$fm])* pub $f: &'static str, )*
            $( $(#[$rm])* pub $r: &'static [(&'static str, &'static str)], )*
            $( $(#[$gm])* pub $g: fn($($t),*) -> String, )*
        }

        impl $name {
            $(
                $(#[$gm])*
                pub fn $g(&self, $($a: $t),*) -> String {
                    (self.$g)($($a),*)
                }
            )*

            /// Every message with its name, formatted ones once per sample (with the values each sample
            /// must show), table rows one per row: what the catalog tests walk, so none can be missed.
            pub fn entries(&self) -> Vec<$crate::text::Entry> {
                #[allow(unused_mut)] // a catalog without tables never pushes
                let mut all = vec![
                    $( $crate::text::Entry::fixed(stringify!($f), self.$f), )*
                    $( $( $crate::text::Entry {
                        name: stringify!($g),
                        text: (self.$g)($($s),*),
                        samples: [$($crate::text::Sample::shown(&$s)),*].into_iter().flatten().collect(),
                    }, )+ )*
                ];
                $( for (key, meaning) in self.$r {
                    all.push($crate::text::Entry::fixed(concat!(stringify!($r), ".key"), key));
                    all.push($crate::text::Entry::fixed(stringify!($r), meaning));
                } )*
                all
            }
        }
    };
}

use crate::activation::ValidityUnit;
use crate::activation::rules::Rule as ActivationRule;
use crate::api::credentials::CredentialSource;
use crate::api::error::{ApiError, CallError, Reason};
use crate::billing::OrderStatus;
use crate::billing::lifecycle::LifecycleCode;
use crate::billing::renew::{RenewRule, RenewUnit};
use crate::config::{IoWhy, Problem, ValueRule, Where};
use crate::journal::ActionKind;
use crate::order::{PeriodUnit, Rule};

mod display;
pub mod en;
mod hint;
pub use hint::Hint;
pub mod format;
pub mod zh_cn;

/// One rendered message of a catalog, for the tests that walk every message of every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The field's name in [`Text`] (`help_rows.key` for a help row's key column).
    pub name: &'static str,
    /// The message as a user would read it.
    pub text: String,
    /// The sample values the message was rendered with, as they must appear in it (values with no
    /// one fixed rendering, such as enums, are not listed).
    pub samples: Vec<String>,
}

impl Entry {
    /// A message without values.
    pub fn fixed(name: &'static str, text: &str) -> Entry {
        Entry {
            name,
            text: text.to_string(),
            samples: Vec::new(),
        }
    }
}

/// How a sample argument must show up in the rendered message, so the walking test can prove that a
/// formatted message really prints the values it is given (`None`: the value is a choice, such as an
/// enum, that the message words rather than prints).
pub trait Sample {
    /// The value's expected rendering, if it has exactly one.
    fn shown(&self) -> Option<String>;
}

macro_rules! shown_by_display {
    ($($t:ty),*) => {$(
        impl Sample for $t {
            fn shown(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}
shown_by_display!(str, u8, u16, u32, u64, usize, i32, i64, f64);

macro_rules! worded {
    ($($t:ty),*) => {$(
        impl Sample for $t {
            fn shown(&self) -> Option<String> {
                None
            }
        }
    )*};
}
worded!(
    PeriodUnit,
    RangeWhat,
    Rule,
    CredentialSource,
    Reason,
    CallError,
    ActivationRule,
    ValidityUnit,
    Option<&str>,
    bool,
    ActionKind,
    OrderStatus,
    ResourceStatus,
    Problem,
    RenewRule,
    LifecycleCode
);

impl<T: Sample + ?Sized> Sample for &T {
    fn shown(&self) -> Option<String> {
        (**self).shown()
    }
}

/// The user's display language; chosen by `--lang` or the locale environment, used by the wizard and by
/// every command's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English, the default for any locale that is not Chinese.
    En,
    /// Simplified Chinese, for `zh*` locales or `--lang zh-CN`.
    ZhCn,
}

impl Lang {
    /// Every language, for tests that walk all catalogs.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// Parses a `--lang` value: `en` (or `en-*`), `zh-CN` / `zh` / `zh_CN` / `zh-Hans`, case-insensitive.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase().replace('_', "-");
        match s.as_str() {
            "en" => Some(Lang::En),
            "zh" | "zh-cn" | "zh-hans" | "zh-hans-cn" | "zh-sg" => Some(Lang::ZhCn),
            _ if s.starts_with("en-") => Some(Lang::En),
            _ => None,
        }
    }

    /// The language to use: the flag if given, else the first set of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// (POSIX precedence); a `zh*` locale means Chinese, anything else English.
    pub fn detect(flag: Option<Lang>, env: &dyn Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| env(name))
            .find(|v| !v.trim().is_empty());
        match locale {
            Some(v) if v.trim().to_ascii_lowercase().starts_with("zh") => Lang::ZhCn,
            _ => Lang::En,
        }
    }

    /// This language's catalog: the one place a screen or a command gets its words from.
    pub fn text(self) -> &'static Text {
        match self {
            Lang::En => &en::EN,
            Lang::ZhCn => &zh_cn::ZH,
        }
    }
}

/// A bought resource's billing status as BSS numbers it (absent when BSS did not say), for
/// [`Text::resource_status`] to put in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceStatus(pub Option<i64>);

/// What a count field counts, for [`Text::range_note`]: the note says whose limit the range is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeWhat {
    /// Months, bounded by pca-order's own limit.
    Months,
    /// Years, bounded by pca-order's own limit.
    Years,
    /// CAs, bounded by pca-order's own limit.
    Cas,
    /// CAs, bounded by the account's quota.
    CasQuota,
}

crate::catalog! {
    /// The words of one language: every message a user can read, each as a field, so a language file that
    /// misses one does not compile.
    #[derive(Debug)]
    pub struct Text {
        fixed {
        /// Name of step 1 (period), in the header's step line.
        step_period,
        /// Name of step 2 (quantity), in the header's step line.
        step_quantity,
        /// Name of step 3 (renewal and payment), in the header's step line.
        step_renewal,
        /// Name of step 4 (enterprise project), in the header's step line.
        step_project,
        /// Name of step 5 (review), in the header's step line.
        step_review,
        /// While the order is in flight.
        step_submitting,
        /// After a created order.
        step_result,
        /// After a rejected order.
        step_error,
        /// After an order whose outcome is unknown.
        step_unknown,
        /// After an order that was not sent.
        step_not_sent,
        /// The sandbox banner.
        sandbox_banner,
        /// Appended to the sandbox banner on screens that show an amount: the sandbox's price list is
        /// made up, so nobody takes its numbers for Huawei Cloud's.
        sandbox_prices_pretend,
        /// Header label before the credential source.
        credentials,
        /// Header label before the region.
        region,

        /// Footer hint for the key that goes to the next step.
        hint_next,
        /// Footer hint for the key that goes back a step.
        hint_back,
        /// Footer hint for the keys that move through a list.
        hint_choose,
        /// Footer hint for switching the period unit between months and years.
        hint_unit,
        /// Footer hint for flipping a yes/no choice.
        hint_change,
        /// Footer hint for opening the help.
        hint_help,
        /// Footer hint for quitting.
        hint_quit,
        /// Footer hint for typing into the project filter.
        hint_filter,
        /// Footer hint for showing the exact request body.
        hint_json,
        /// Footer hint for placing the order (which asks to confirm first).
        hint_place,
        /// Footer hint, on the confirmation, for the key that buys.
        hint_buy,
        /// Footer hint, on the confirmation, for the keys that cancel.
        hint_cancel,
        /// Footer hint for copying the order id to the clipboard.
        hint_copy,
        /// Footer hint, on the error screen, for going back to the review.
        hint_review,
        /// Footer hint for closing an overlay.
        hint_close,
        /// Footer hint for scrolling a long overlay.
        hint_scroll,
        /// On the rule above a screen scrolled down: there is more above.
        more_above,
        /// On the rule below a screen whose content goes on: there is more below.
        more_below,
        /// Footer hint for going back from the typed project id to the list.
        hint_list,
        /// Footer text while the order is in flight and no key acts.
        hint_wait,
        /// Footer/help words for the yes/no keys of a toggle.
        hint_yes_no,
        /// Footer word for the key that answers a question yes (the question names what yes does).
        hint_yes,
        /// Footer word for the keys that answer a question no.
        hint_no,
        /// How a footer writes a binding that any key triggers (closing help, answering no).
        any_key,

        /// The period step's question.
        period_question,
        /// Under the period question: prepaid billing covers the whole period.
        period_note,
        /// Label of the period unit choice.
        unit,
        /// The month unit's name in the unit choice.
        month,
        /// The year unit's name in the unit choice.
        year,
        /// Label of the period count field.
        count,

        /// The quantity step's question.
        quantity_question,
        /// Label of the quantity field and of the review's quantity row.
        quantity,
        /// Shown while the account's CA quota is still being read.
        quota_loading,
        /// Quantity step: the quota read later and is lower than what was entered.
        quota_shrank,
        /// Enter on a listed project whose id cannot be sent.
        project_id_invalid,

        /// The renewal step's question.
        renewal_question,
        /// Label of the auto-renew choice and review row.
        auto_renew,
        /// Label of the auto-pay choice and review row.
        auto_pay,
        /// The word for a yes choice.
        yes,
        /// The word for a no choice.
        no,
        /// Renewal step: meaning of auto-renew on.
        renew_yes,
        /// Renewal step: meaning of auto-renew off.
        renew_no,
        /// Renewal step: meaning of auto-pay on.
        pay_yes,

        /// The project step's question.
        project_question,
        /// Label of the project list's filter field.
        filter,
        /// Project step: the row that switches to typing an id.
        enter_id_row,
        /// Marker beside a disabled enterprise project.
        disabled,
        /// Project step: the default project's marker.
        default_project,
        /// Shown while the enterprise projects are still loading.
        projects_loading,
        /// Label of the typed project id field.
        project_id,
        /// Under the typed project id: which ids are valid and how to get back to the list.
        project_id_hint,
        /// Shown when the filter hides every project.
        no_match,

        /// The review's first line: nothing is sent before the confirmation.
        review_intro,
        /// Review row label for the period.
        period,
        /// Review row label for the enterprise project.
        project,
        /// Label of the optional promotion field on the review.
        promotion,
        /// Placeholder of the empty promotion field: it is optional, and its limit.
        promotion_hint,
        /// Review row label for the endpoint the order goes to.
        sent_to,
        /// The review's button that asks to confirm the order.
        place_order,
        /// Review row label for what the order costs (fetched from BSS in the background).
        price,
        /// The price row while BSS has not answered yet: the user sees it is coming, not missing.
        price_loading,
        /// The price row when BSS could not give the price (the reason follows on the next row): the
        /// order can still be placed, so the user is not left thinking it is blocked.
        price_unavailable,
        /// The price row when BSS could not give the price in a region whose console configuration
        /// refuses the order: said plainly, since nothing can be bought there (the refusal is beside it).
        price_unread,
        /// Title of the JSON overlay, which shows the exact request body.
        json_title,
        /// Review value of auto-renew when on, with what it means.
        renew_value_yes,
        /// Review value of auto-renew when off.
        renew_value_no,
        /// Review value of auto-pay when on, with what it means.
        pay_value_yes,
        /// Review value of auto-pay when off, with where the order then waits.
        pay_value_no,


        /// The result screen's title after an order was created.
        result_title,
        /// Label of the order id (the user finds the order in the console by it).
        order_id,
        /// Label of the CA ids an order bought.
        ca_ids,
        /// Heading above the steps that follow an order.
        next_title,
        /// Next step when auto-pay was off: pay in the console.
        next_pay,
        /// Next step when auto-pay was on: nothing left to pay.
        next_paid,
        /// Next step for every order: the CAs stay PENDING until activated.
        next_activate,
        /// Label of the journal path on the result and error screens.
        journal,
        /// Result and error, when the outcome line could not be journaled.
        journal_warning,
        /// Above the confirmation when an earlier attempt may have bought (unknown outcome or a 5xx).
        confirm_again_warning,
        /// After the order id was written to the terminal as OSC 52: the terminal may not act on it (tmux
        /// without `set-clipboard`, many terminals), so it says "sent", never "copied".
        copied,
        /// The same for the id of the CA just activated.
        copied_ca,
        /// The same for the order's CA ids, one a line.
        copied_cas,

        /// Title of a rejected order: the API said no, nothing was bought.
        error_rejected,
        /// Error title for a redirect answer: not followed, so the order was not processed there.
        error_redirect,
        /// Title of an unknown outcome: sent, no complete answer, the order may exist.
        error_unknown,
        /// Title of an order that never left this machine: nothing was bought.
        error_not_sent,
        /// Error screen label for the HTTP status.
        http_status,
        /// Error screen label for the API's error code.
        error_code,
        /// Error screen label for the API's error message.
        message,
        /// Error screen label for the request id support asks for.
        request_id,
        /// Error screen label for why an order was not sent or has no known outcome.
        reason,
        /// Error screen label above the advice.
        what_to_do,
        /// Advice for a 400 in the summary printed after the wizard ended: no key goes back there.
        advice_400_after,
        /// Advice for a 401: the credentials are wrong or expired.
        advice_401,
        /// Advice for a 403: a permission is missing.
        advice_403,
        /// Advice for a 429: too many requests, wait.
        advice_429,
        /// What to do after a 400 from the command line: the wizard's advice names a key, a script needs
        /// the flag and its help.
        advice_400_cli,
        /// Advice for a redirect: the endpoint is likely wrong.
        advice_redirect,
        /// Advice for any other refusal: the code and message say why.
        advice_other,
        /// Advice for an unknown outcome: check the console before resending, or buy twice.
        advice_unknown,
        /// Advice for an order not sent: retrying is safe once the cause is fixed.
        advice_not_sent,
        /// How a retry works: back through the review and the same confirmation.
        retry_note,
        /// Shown for a missing value.
        none,

        /// Title of the help overlay.
        help_title,
        /// Title of the activation flow, on every one of its screens.
        act_title,
        /// Heading of the chooser of PENDING CAs (`pca-order activate` with no CA id).
        act_choose,
        /// Shown while a CA list is read in the background.
        act_loading,
        /// The account has no PENDING CA: nothing to activate.
        act_none_pending,
        /// A CA list could not be read; the reason follows.
        act_load_failed,
        /// Heading of the type step.
        act_type,
        /// The root choice of the type step.
        act_root,
        /// A subordinate choice of the type step; the issuer's name and id follow.
        act_subordinate_of,
        /// No ACTIVED CA can issue a subordinate, so only a root is offered.
        act_no_issuer,
        /// The subordinate type on the review (its issuer on the next row).
        act_subordinate,
        /// Label of the issuer on the review: its common name and id.
        act_issuer,
        /// Heading of the subject step.
        act_subject,
        /// Label of the common-name field.
        act_common_name,
        /// Label of the organisation field.
        act_organization,
        /// Label of the organisational-unit field.
        act_unit,
        /// Label of the country field.
        act_country,
        /// Label of the state or province field.
        act_state,
        /// Label of the locality field.
        act_locality,
        /// Heading of the keys step.
        act_keys,
        /// Label of the key algorithm choice.
        act_key_algorithm,
        /// Label of the signature algorithm choice.
        act_signature_algorithm,
        /// Why SM2/SM3 are missing off the China website.
        act_sm_china_only,
        /// The keys step: the region's console configuration says it offers no SM2/SM3.
        act_sm_region_no,
        /// The keys step: what the region offers could not be read, so SM2/SM3 follow the website rule.
        act_sm_unchecked,
        /// Why SM2/SM3 could not be checked: the region's console configuration left `is_support_sm2` out.
        console_silent,
        /// The exit summary's heading over the paid-life actions sent from My CAs.
        life_summary_title,
        /// Heading and label of the validity step.
        act_validity,
        /// How a validity is typed and its documented maxima.
        act_validity_note,
        /// Why the validity's default is the period bought (and that it is pca-order's choice).
        act_validity_default_period,
        /// Why the validity's default is one year when the period bought is not known.
        act_validity_default_year,
        /// Label of the dates the validity produces (not before, not after).
        act_dates,
        /// Under the dates: computed as if sent now; the service counts from its activation.
        act_dates_note,
        /// Label of the path length choice (subordinate only).
        act_path_length,
        /// What the path length means and why its default is 6 (pca-order's choice).
        act_path_length_note,
        /// Under the issuers: active CAs of path length 0 are left out, and why.
        act_issuers_path_zero,
        /// Heading of the review step.
        act_review,
        /// Label of the CA id being activated.
        act_ca,
        /// Shown while the activate request is in flight.
        act_activating,
        /// Heading once the CA is activated.
        act_done,
        /// Label of the CA's status as read back.
        act_status,
        /// Label of the serial number read back.
        act_serial,
        /// Label of the certificate's start read back.
        act_not_before,
        /// Label of the certificate's end read back.
        act_not_after,
        /// The activation was refused (4xx): nothing changed.
        act_rejected,
        /// The activation never left: nothing changed, safe to try again.
        act_not_sent,
        /// Footer hint, on the activation's subject and keys steps, for moving to the next field or list.
        hint_field,
        /// Footer hint, on the activation's review, for the key that asks once before activating.
        hint_activate,
        /// Footer hint for reading the CA's status (after an unknown activation outcome).
        hint_status,
        /// Footer hint, once a CA is activated, for offering the next CA of the order.
        hint_next_ca,
        /// Help row for Shift-Tab on a screen of several fields: the previous field, back from the first.
        hint_prev_field,
        /// Help row for Ctrl-U in a text field: empty it.
        hint_clear_field,
        /// Footer hint, once a CA is activated, for copying its id.
        hint_copy_ca,
        /// Help row, on the order's screens, for copying its CA ids.
        hint_copy_cas,
        // ---- "My CAs" (issue 20) ----
        /// Footer: open the "My CAs" screen.
        hint_my_cas,
        /// Footer: show the highlighted CA's details.
        hint_show,
        /// Footer: clear the table's filter.
        hint_clear_filter,
        /// Footer: read the CAs again.
        hint_reload,
        /// Footer: switch the CA's auto-renew to the other state.
        hint_auto_renew,
        /// Footer: unsubscribe the CA.
        hint_unsubscribe,
        /// Footer: renew the CA.
        hint_renew,
        /// Footer: how many months or years.
        hint_count,
        /// Footer: pay the renewal at once or not.
        hint_pay_now,
        /// Footer: read the renewal's price.
        hint_price,
        /// Footer: from an outcome back to the list.
        hint_back_to_list,
        /// Footer: read again after a failure.
        hint_retry,
        /// Footer: save the CA's certificate (and chain) to files named after it.
        hint_export,
        /// Export: the header's title.
        exp_title,
        /// Export: the line while the CA is read, its certificate exported and the files written.
        exp_working,
        /// Export: the written result's first line.
        exp_done,
        /// Export: before why nothing (or not everything) was written.
        exp_failed,
        /// Export: label of the certificate's file.
        exp_certificate_file,
        /// Export: label of the chain's file.
        exp_chain_file,
        /// Export: what the files are for, below the result.
        exp_next,
        /// Footer: the CSR path of a PENDING subordinate (its certificate signed by the user's own root).
        hint_csr,
        /// CSR (wizard): the header's title.
        csr_title,
        /// CSR (wizard): what the form is for, above the fields (names the inferred step).
        csr_form_note,
        /// CSR (wizard): the line while the subject is saved, the CSR read and written.
        csr_working,
        /// CSR (wizard): the written result's first line.
        csr_done,
        /// CSR (wizard): label of the CSR's file.
        csr_file,
        /// CSR (wizard): label of the next command.
        csr_next_label,
        /// CSR (wizard): what the next command is for, below it.
        csr_next_note,
        /// CSR (wizard): the subject was saved in this run (journaled).
        csr_saved_now,
        /// CSR (wizard): the CA had this subject saved already: not saved again.
        csr_skipped,
        /// CSR (wizard): before why no CSR was written.
        csr_failed,
        /// CSR (wizard): the CA listed with this subject saved has none now; nothing was sent.
        csr_changed,
        /// CSR (wizard): the save was refused (4xx): nothing changed.
        csr_rejected,
        /// CSR (wizard): the save never left: nothing changed.
        csr_not_sent,
        /// CSR (wizard): the save's outcome is unknown: it may be saved.
        csr_unknown,
        /// My CAs: the header's title of the table.
        manage_title,
        /// My CAs: the header's title of one CA's details.
        manage_detail_title,
        /// My CAs: the line while the CAs and subscriptions are read.
        manage_loading,
        // ---- "My CAs": auto-renew and unsubscribe (issue 20) ----
        /// Header: the unsubscribe choice.
        manage_unsub_title,
        /// Unsubscribe choice: the CA itself.
        manage_unsub_ca,
        /// Unsubscribe choice: only the renewals not yet started.
        manage_unsub_renewals,
        /// Header: an auto-renew switch or an unsubscribe in flight, or its outcome.
        manage_life_title,
        /// A paid-life request in flight: journaled, waiting for its one answer.
        manage_life_sending,
        /// Renew: the screen's title.
        manage_renew_title,
        /// Renew: the period's label.
        manage_renew_period,
        /// Renew: the pay-now label (`is_auto_pay`).
        manage_renew_pay_now,
        /// Renew: pay-now on.
        manage_renew_yes,
        /// Renew: pay-now off (the order then waits for `pay`).
        manage_renew_no,
        /// Renew: the price is being read.
        manage_renew_rating,
        /// Renew: the question's note when pay-now is on.
        manage_renew_paid_now,
        /// The typed question's field label.
        manage_typed_label,
        /// The refund breakdown is being read.
        manage_refund_loading,
        /// My CAs: before why the CAs could not be read.
        manage_load_failed,
        /// My CAs: the account has no CA.
        manage_none,
        /// My CAs: the filter leaves no CA.
        manage_no_match,
        /// My CAs: the filter field's label.
        manage_filter,
        /// My CAs detail: the subscription's end (BSS `expire_time`), labelled apart from the certificate's.
        manage_paid_until,
        /// My CAs detail: whether the subscription renews itself.
        manage_auto_renew,
        /// My CAs detail: BSS's status of the subscription.
        manage_subscription,
        /// My CAs detail: the certificate's end (`not_after`), labelled apart from the subscription's.
        manage_cert_not_after,
        /// My CAs detail: the two dates are different, and renewal is not documented to move `not_after`.
        manage_dates_note,
        /// My CAs: a paid life BSS does not list (pay-per-use, not provisioned yet).
        manage_unlisted,
        /// `manage` off a terminal: the screen needs one, `cas` is the list for scripts.
        cli_manage_no_terminal,
        /// On the activation question after an unknown outcome for the same CA: it may be ACTIVED.
        act_again_warning,
        /// The activation's outcome could not be written to the journal; the reason follows.
        act_journal_warning,

        // `order` and its reports on the command line.
        /// `order` off a terminal without --yes: no one can confirm, so name the flags that go on.
        cli_not_on_terminal,
        /// `order`: the answer to the question was no (or a signal).
        cli_cancelled,
        /// `order`: the review's heading before the question.
        cli_review_title,
        /// `order`: the review's heading when sending to a sandbox.
        cli_review_title_sandbox,
        /// Label of the review's CA quota row.
        cli_quota,
        /// Start of every result line sent to a sandbox: nothing real was bought.
        cli_sandbox_note,
        /// Before each next step after an order.
        cli_next,
        /// The dry run's first line: nothing is sent.
        cli_dry_run,
        /// Added to the dry run's first line when aimed at a sandbox.
        cli_dry_run_sandbox,
        /// The dry run's credentials line label.
        cli_dry_run_credentials,
        /// `order` review label: what is bought.
        cli_what,
        /// `order` review label: auto-renew.
        cli_auto_renew,
        /// `order` review label: auto-pay.
        cli_auto_pay,
        /// `order` review label: the enterprise project.
        cli_project,
        /// `order` review label: the promotion text.
        cli_promotion,
        /// `order` review label: the region.
        cli_region,
        /// `order` review label: the endpoint the order goes to.
        cli_endpoint,
        /// `order` review label: the credentials that pay.
        cli_credentials,
        /// `order` review: a plain yes.
        cli_yes,
        /// `order` review: a plain no.
        cli_no,
        /// `order` review: auto-pay on, paid at once.
        cli_pay_now,
        /// `order` review: auto-pay off, the order waits for payment.
        cli_pay_later,
        /// After an order with auto-pay: nothing left to pay.
        cli_next_paid,
        /// `activate` off a terminal without a CA id: where to find one, and the wizard's way.
        act_cli_ca_id_required,
        /// `activate` alone on a terminal: above the list of the account's PENDING CAs and their orders.
        act_cli_pending_title,
        /// `activate` alone: the account has no PENDING CA.
        act_cli_no_pending,
        /// `activate` alone: a CA whose order this machine's journal does not know (bought elsewhere).
        act_cli_order_unknown,
        /// `activate` alone: the CA's order is paid and complete.
        act_cli_order_paid,
        /// `activate` alone: the CA's order waits for payment.
        act_cli_order_unpaid,
        /// Label of the order id in the result.
        cli_order_id,
        /// Label of the journal path in the results.
        cli_journal,
        /// Label of the HTTP status of a refusal.
        cli_status,
        /// Label of the API's error code of a refusal.
        cli_error_code,
        /// Label of the API's message of a refusal.
        cli_message,
        /// Label of the request id of a refusal.
        cli_request_id,
        /// Shown for a missing request id.
        cli_none,
        /// Before the advice after a failure.
        cli_what_to_do,
        /// Title of an order with an unknown outcome.
        cli_unknown,
        /// Title of an order not sent.
        cli_not_sent,
        /// Above the list of broken flags: nothing was sent.
        cli_nothing_sent,
        /// `--promotion` with `sandbox:` directives sent to the real API: only the sandbox obeys them.
        cli_promotion_sandbox,

        // `history`.
        /// `history` table header: time column.
        history_time,
        /// `history` table header: state column.
        history_state,
        /// `history` table header: order column.
        history_order,
        /// `history` table header: what was ordered.
        history_what,
        /// `history` table header: region column.
        history_region,
        /// `history` table header: result column.
        history_result,
        /// `history` state of a created order.
        history_created,
        /// `history` state of a rejected order.
        history_rejected,
        /// `history` state of an order with an unknown outcome (upper case: it needs checking).
        history_unknown,
        /// `history` state of an order that was not sent.
        history_not_sent,
        /// `history` state of an attempt with no answer journaled (upper case: it needs checking).
        history_no_answer,
        /// Marker after a state sent to a sandbox.
        history_sandbox,
        /// `history` result of an attempt stopped mid-request.
        history_stopped,

        // Billing after the order in the wizard (issue 9).
        /// Footer hint for paying the order now (asked once).
        hint_pay,
        /// Footer hint for cancelling the unpaid order (asked once).
        hint_cancel_order,
        /// Footer hint for going from a failed pay or cancel back to the order.
        hint_back_order,
        /// Header while a payment is in flight.
        step_paying,
        /// Header while a cancellation is in flight.
        step_cancelling,
        /// Header of the screen that follows the order's status.
        step_tracking,
        /// Header of that screen once the order completed.
        step_tracking_completed,
        /// A CA's status in words: PENDING.
        ca_status_pending,
        /// A CA's status in words: ACTIVED (CCM's spelling stays in JSON and `--verbose`).
        ca_status_active,
        /// A CA's status in words: DISABLED.
        ca_status_disabled,
        /// A CA's status in words: DELETED.
        ca_status_deleted,
        /// A CA's status in words: EXPIRED.
        ca_status_expired,
        /// Header of that screen once following ended otherwise (cancelled, another end state, time
        /// limit reached).
        step_tracking_ended,
        /// Header after a payment that was refused, not sent, or has no known outcome.
        step_pay_failed,
        /// Header after a cancellation that was refused, not sent, or has no known outcome.
        step_cancel_failed,
        /// Label of the amount an unpaid order costs, on the result screen.
        amount_to_pay,
        /// The amount while the order's details are read.
        amount_loading,
        /// The amount when neither the review nor the order's details gave it.
        amount_unknown,
        /// Label of the order's status on the tracking screen and in the summary.
        status_label,
        /// The status before the first read came back.
        status_first_read,
        /// Tracking screen title after this session paid the order.
        tracking_title_paid,
        /// Tracking screen title after this session cancelled the order.
        tracking_title_cancelled,
        /// Tracking screen title after a pay or cancel whose outcome is unknown: the status will tell.
        tracking_title_checking,
        /// The follow's time limit passed; the order goes on.
        tracking_timed_out,
        /// Title of a refused payment.
        pay_rejected,
        /// Title of a payment that was not sent.
        pay_not_sent,
        /// Title of a payment with no known outcome.
        pay_unknown,
        /// Title of a refused cancellation.
        cancel_rejected,
        /// Title of a cancellation that was not sent.
        cancel_not_sent,
        /// Title of a cancellation with no known outcome.
        cancel_unknown,
        /// Summary label of a payment attempt.
        summary_pay,
        /// Summary label of a cancellation attempt.
        summary_cancel,
        /// Summary: the pay or cancel was done.
        summary_done,
        /// Summary: the pay or cancel was refused.
        summary_rejected,
        /// Summary: the pay or cancel was not sent.
        summary_not_sent,
        /// Summary: the pay or cancel has no known outcome.
        summary_unknown,
        /// Summary: the wizard ended before the pay or cancel answered.
        summary_left_in_flight,
        // The command line beyond `order` and `history` (issue 8): notes, credentials, billing, CAs.
        /// While `--token-file -` waits on a terminal, so the command does not look hung.
        cli_token_stdin_wait,
        /// A dry run without credentials: it goes on with a placeholder in their place.
        cli_placeholder_credentials,
        /// `--output json` with no command (the wizard): a usage error, as one JSON document.
        cli_wizard_no_json,
        /// The wizard with `--token-file -`: stdin is the keyboard, so the token must come from a file.
        cli_wizard_token_stdin,
        /// The kind of credentials that is an IAM token (the AK kinds are [`Text::credential_ak`]).
        credential_token,
        /// `price`: the heading before the price line.
        bill_price_title,
        /// `order`'s review: the price row's label, beside the other lower-case review labels.
        bill_price_row,
        /// Added to the price label when a sandbox answered: its price list is made up.
        bill_pretend,
        /// `pay` off a terminal without --yes: no one can confirm a payment.
        bill_pay_needs_yes,
        /// `cancel` off a terminal without --yes: no one can confirm a cancellation.
        bill_cancel_needs_yes,
        /// After a pay or cancel that never left: nothing was sent, retrying is safe.
        bill_not_sent_advice,
        /// Start of every pay result sent to a sandbox: no real money moved.
        bill_sandbox_paid,
        /// Start of every cancel result sent to a sandbox: no real order was cancelled.
        bill_sandbox_cancelled,
        /// `order --dry-run`'s price row: not asked, since a dry run sends nothing; `price` asks.
        bill_dry_run_price,
        /// The price could not be asked for: there are no credentials.
        bill_no_credentials,
        /// `status` label: the amount to pay.
        bill_amount,
        /// `status` label: the list price.
        bill_list_price,
        /// `status` label: when the order was created.
        bill_created,
        /// `status` label: when the order was paid.
        bill_paid,
        /// `status` label: the deadline to pay.
        bill_pay_before,
        /// `cas` with no CA to list.
        cas_none,
        /// `cas` table header: the CA's id.
        cas_col_id,
        /// `cas` table header: root or subordinate.
        cas_col_type,
        /// `cas` table header: the CA's status.
        cas_col_status,
        /// `cas` table header: the subject's common name.
        cas_col_common_name,
        /// `cas` table header: the key algorithm.
        cas_col_key,
        /// `cas` table header: when the certificate ends.
        cas_col_not_after,
        /// `cas` table header: when the subscription (BSS `expire_time`) ends, with the days left.
        cas_col_paid_until,
        /// `cas` table header: whether the subscription renews itself.
        cas_col_auto_renew,
        /// `cas`: auto-renew is on (`expire_policy` 3).
        cas_auto_renew_on,
        /// `cas`: auto-renew is off.
        cas_auto_renew_off,
        /// `cas`: a paid-life cell when BSS could not be read.
        cas_unknown,
        /// `renew` off a terminal without --yes: no one can confirm.
        renew_needs_yes,
        /// `renew`: the heading of the price block.
        renew_price_title,
        /// `renew` price label: what is renewed.
        renew_what,
        /// `renew` price label: the best discount offered.
        renew_discount,
        /// `renew`: every CA failed at the price, nothing was sent.
        renew_nothing_renewable,
        /// `renew --dry-run`: the heading before the body that would be sent.
        renew_dry_run,
        /// `renew`: accepted, but BSS renewed none of the CAs.
        renew_nothing_renewed,
        /// `renew` against a sandbox: nothing real was renewed.
        renew_sandbox,
        /// `renew` unknown: what to do (look for a renewal order before trying again).
        renew_unknown_advice,
        /// `renew --wait`: the certificate's not_after is not known to move with the subscription.
        renew_not_after_note,
        /// The wizard after a followed renewal order completed: the CA read again still shows the old
        /// paid-until (BSS's records lag); going back reads the list again.
        renew_follow_not_moved,
        /// `history`: the heading of the renewals.
        renew_history_title,
        /// `history`: a renewal with no outcome line.
        renew_history_no_answer,
        /// `expiring` table header: why the CA is listed.
        expiring_col_why,
        /// `expiring`: the subscription ends and auto-renew is off.
        expiring_why_subscription,
        /// `expiring`: the certificate ends.
        expiring_why_certificate,
        /// `expiring`: the certificate ends though auto-renew is on (it renews the subscription only).
        expiring_why_certificate_auto_renew,
        /// `ca` / `activate` label: the CA's id.
        ca_id,
        /// `ca` / `activate` label: root or subordinate.
        ca_type,
        /// `ca` / `activate` label: the CA's status.
        ca_status,
        /// `ca` / `activate` label: the subject's common name.
        ca_common_name,
        /// `ca` / `activate` label: the subject's country.
        ca_country,
        /// `ca` / `activate` label: the subject's organization.
        ca_organization,
        /// `ca` / `activate` label: the subject's organizational unit.
        ca_unit,
        /// `ca` / `activate` label: the subject's state or province.
        ca_state,
        /// `ca` / `activate` label: the subject's locality.
        ca_locality,
        /// `ca` / `activate` label: the issuing CA.
        ca_issuer,
        /// `ca` label: the key algorithm.
        ca_key_algorithm,
        /// `ca` label: the signature algorithm.
        ca_signature_algorithm,
        /// `ca` label: the certificate's serial number.
        ca_serial,
        /// `ca` label: when the certificate starts.
        ca_not_before,
        /// `ca` label: when the certificate ends.
        ca_not_after,
        /// `export` label: the certificate's subject.
        export_subject,
        /// `export` label: the SHA-256 fingerprint of the certificate.
        export_fingerprint,
        /// `export --chain` / `--chain-out` of a root: it has no chain (CCM sends null).
        export_root_no_chain,
        /// `activate` review label: key and signature algorithms together.
        ca_keys,
        /// `activate` review label: how long the certificate lasts.
        ca_validity,
        /// `activate` review label: the path length.
        ca_path_length,
        /// Beside a subordinate's default path length in the CLI's review: why 6 (pca-order's choice).
        ca_path_length_why,
        /// Label of the dates a validity produces, in the CLI's review.
        ca_dates,
        /// `activate` review label: the exact body that will be sent.
        ca_body,
        /// `activate` off a terminal without --yes: no one can confirm the activation.
        act_cli_needs_yes,
        /// After a refused activation: nothing changed, fix what the message names.
        act_cli_fix_and_retry,
        /// After an activation that never left: nothing changed, retrying is safe.
        act_cli_safe_retry,
        /// Start of an activation result sent to a sandbox: nothing real was activated.
        act_cli_sandbox_note,
        /// `history`: the heading above the activation attempts.
        act_cli_history_title,
        /// `history`: an activation that succeeded.
        act_cli_history_activated,
        /// `history`: saving a subordinate's subject that succeeded.
        history_subject_saved,
        /// `history`: an import that succeeded.
        history_imported,
        /// A file that must be new already exists.
        file_exists,
        /// What `csr` sends, in a refusal: "Saving the subject refused".
        csr_what,
        /// What `import` sends, in a refusal.
        import_what,
        /// After a save or import that never left: nothing changed.
        ca_op_safe_retry,
        /// `import`: the certificate is not a CA's.
        import_rule_not_ca,
        /// `import`: the certificate's key is not the CSR's.
        import_rule_key,
        /// A file to read is not a regular file.
        file_not_regular,
        /// `history`: the state of a paid order.
        history_paid,
        /// `history`: the state of a cancelled order.
        history_cancelled,
        /// `history`: the result of a pay or cancel that took effect.
        history_done,
        /// `history`: a pay or cancel stopped mid-request.
        history_action_stopped,
        // ---- auto-renew and unsubscribe (issue 20, part 2) ----
        /// `auto-renew` off a terminal without `--yes`.
        lc_auto_renew_needs_yes,
        /// `unsubscribe` off a terminal without `--yes`.
        lc_unsubscribe_needs_yes,
        /// `unsubscribe` without `--what`: what each choice ends.
        lc_what_required,
        /// `--times` outside 0-99 (0 = until switched off).
        lc_bad_times,
        /// `--times` or `--period-unit` given with `off`.
        lc_on_only,
        /// What `unsubscribe --what ca` ends, before the typed question.
        lc_ca_warning,
        /// What `unsubscribe --what renewals` ends, before its question.
        lc_renewals_warning,
        /// The typed answer was not the CA's common name or id: nothing sent.
        lc_typed_mismatch,
        /// Heading of the refund breakdown.
        lc_refund_title,
        /// BSS lists no refund line for the unsubscribe order.
        lc_refund_none,
        /// Every lifecycle result from the sandbox says so.
        lc_sandbox_note,
        /// BSS does not list the CA's subscription, so the switch could not be read back.
        lc_readback_missing,
        /// `history`: the heading above the auto-renew and unsubscribe attempts.
        lc_history_title,
        /// `history`: an auto-renew or unsubscribe that was accepted.
        lc_history_accepted,
        }
        rows {}
        formatted {
            /// The header's step line: "Step 2 of 5 · Quantity".
            step_of(n: u8, total: u8, name: &str) samples [(2, 5, "Quantity")],
            /// A period in words: "1 month", "3 years" / "1 个月", "3 年".
            period_value(n: u64, unit: PeriodUnit) samples [
                (1, PeriodUnit::Month), (3, PeriodUnit::Month), (1, PeriodUnit::Year), (2, PeriodUnit::Year)
            ],
            /// A CA count in words: "1 private CA", "3 private CAs".
            quantity_value(n: u64) samples [(1), (3)],
            /// The allowed range beside a count field, saying whose limit it is.
            range_note(min: u64, max: u64, what: RangeWhat) samples [
                (1, 12, RangeWhat::Months), (1, 5, RangeWhat::Years), (1, 100, RangeWhat::Cas),
                (1, 88, RangeWhat::CasQuota), (1, 0, RangeWhat::CasQuota)
            ],
            /// The quota line on the quantity step: "CA quota: 12 of 100 used, up to 88 more".
            quota_line(used: u64, quota: u64, left: u64) samples [(12, 100, 88)],
            /// The quota could not be read: why (already in this language), and that the wizard goes on.
            quota_failed(reason: &str) samples [("HTTP 500")],
            /// The project list could not be loaded: why (already in this language), and to type an id.
            projects_failed(reason: &str) samples [("HTTP 403")],
            /// The project in plain words: "0 (default)" or "name (id)", or the bare id.
            project_value(id: &str, name: Option<&str>) samples [
                ("0", None), ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", Some("财务")), ("0a1b", None)
            ],
            /// The buy confirmation: "Buy 1 private CA for 1 month? y/N" (the answers from the keymap).
            confirm(quantity: u64, period_num: u64, unit: PeriodUnit, yes_no: &str) samples [
                (1, 1, PeriodUnit::Month, "⟨y/N⟩"), (3, 2, PeriodUnit::Year, "⟨y/N⟩")
            ],
            /// The buy confirmation once the price is known, naming the amount that will be paid.
            confirm_priced(quantity: u64, period_num: u64, unit: PeriodUnit, amount: &str, yes_no: &str) samples [
                (1, 1, PeriodUnit::Month, "12.5 CNY", "⟨y/N⟩"), (3, 2, PeriodUnit::Year, "3240 USD", "⟨y/N⟩")
            ],
            /// The review's price row: what the order charges (amount and currency) and what it buys.
            price_value(amount: &str, quantity: u64, period_num: u64, unit: PeriodUnit) samples [
                ("12.5 CNY", 1, 1, PeriodUnit::Month), ("3240 USD", 3, 2, PeriodUnit::Year)
            ],
            /// Under the price row when a discount is offered: the offer's amount and what it would take
            /// off, labelled as not applied (the row above is the list price, what the order charges).
            price_offer(offer: &str, off: &str) samples [("3240 CNY", "360 CNY")],
            /// Where the credentials came from, for the header and the command output, so the user knows
            /// which account pays.
            credential_source(source: &CredentialSource) samples [
                (&CredentialSource::TokenFile(std::path::PathBuf::from("/home/u/token"))),
                (&CredentialSource::TokenStdin),
                (&CredentialSource::EnvToken),
                (&CredentialSource::EnvHuaweicloudSdk),
                (&CredentialSource::EnvCloudSdk),
                (&CredentialSource::CredentialsFile(std::path::PathBuf::from("/home/u/.huaweicloud/credentials"))),
                (&CredentialSource::Metadata),
                (&CredentialSource::PodIdentity),
                (&CredentialSource::KooCli("dev".into())),
                (&CredentialSource::Sandbox),
                (&CredentialSource::Missing)
            ],
            /// After the wizard ended with an order in flight: waiting for its answer so it is journaled.
            waiting_for_answer(secs: u64) samples [(30)],
            /// The in-flight line with elapsed seconds.
            submitting(secs: f64) samples [(2.5)],
            /// More CA ids than fit on screen: how many more, and that the journal has them all.
            more_ids(n: usize) samples [(7)],
            /// The too-small screen: the size needed, the size there is, and the key that quits.
            too_small(need_w: u16, need_h: u16, w: u16, h: u16, quit: &str) samples [(60, 20, 40, 10, "⟨Ctrl-C⟩")],
            /// A broken input rule, for the line under a field and for command-line errors.
            rule(rule: &Rule) samples [
                (&Rule::Required), (&Rule::NotANumber), (&Rule::WrongType("string")),
                (&Rule::Range { min: 1, max: 12, unit: "months", source: crate::order::LimitSource::Ours }),
                (&Rule::Range { min: 1, max: 9, unit: "years", source: crate::order::LimitSource::Documented }),
                (&Rule::Range { min: 1, max: 100, unit: "CAs", source: crate::order::LimitSource::Ours }),
                (&Rule::AtLeast { min: 1 }),
                (&Rule::QuotaExceeded { left: 88, used: 12, quota: 100 }),
                (&Rule::OneOf(&[0, 1])), (&Rule::Length { min: 1, max: 2048 }), (&Rule::Fixed("PCA")),
                (&Rule::Items { max: 100 }), (&Rule::ProjectIdFormat), (&Rule::NoControlCharacters)
            ],
            /// A broken activation rule (the CA's names, algorithms, validity), for command-line errors.
            activation_rule(rule: &ActivationRule) samples [
                (&ActivationRule::Required), (&ActivationRule::WrongType("string")),
                (&ActivationRule::MaxLength(64)),
                (&ActivationRule::Characters { star: true, found: '!' }),
                (&ActivationRule::Characters { star: false, found: '!' }),
                (&ActivationRule::CountryCode), (&ActivationRule::OneOf(&["ROOT", "SUBORDINATE"])),
                (&ActivationRule::ChinaOnly), (&ActivationRule::RegionNoSm),
                (&ActivationRule::Pair { key: "SM2", needs: "SM3" }),
                (&ActivationRule::ValidityFormat),
                (&ActivationRule::ValidityMax { years: 30, ca_type: "ROOT" }),
                (&ActivationRule::StartFromPast), (&ActivationRule::Range { min: 0, max: 6 }),
                (&ActivationRule::CaIdFormat), (&ActivationRule::IssuerRequired),
                (&ActivationRule::IssuerNotForRoot), (&ActivationRule::PathLengthNotForRoot)
            ],
            /// Why a read-only call (quota, projects) failed, for the line that says the wizard goes on
            /// without it: the API's answer as it came, or the failure on the way in this language.
            call_error(error: &CallError) samples [
                (&CallError::Api(ApiError {
                    status: 403,
                    code: "APIGW.0302".into(),
                    message: "not authorized".into(),
                    request_id: Some("rid-3".into()),
                })),
                (&CallError::Send(Reason::Connect { host: "eps.example".into(), detail: "connection refused".into() }))
            ],
            /// Why an order was not sent or has no known outcome, for the error screen, the summary and
            /// the journal: the sentence in this language, then the technical detail as it came.
            reason_sentence(reason: &Reason) samples [
                (&Reason::Connect { host: "pca.example".into(), detail: "dns error".into() }),
                (&Reason::HttpSetup { detail: "cannot set up HTTPS: no roots".into() }),
                (&Reason::AccountLookup { detail: "HTTP 401 APIGW.0301: bad signature".into() }),
                (&Reason::CredentialRefresh { source: "ECS agency (metadata)".into(), detail: "nothing answered".into() }),
                (&Reason::Journal { path: "/tmp/j.jsonl".into(), detail: "disk full".into() }),
                (&Reason::Timeout { host: "pca.example".into(), detail: "operation timed out".into() }),
                (&Reason::ConnectionLost { host: "pca.example".into(), detail: "connection reset".into() }),
                (&Reason::TooLarge { status: 200, kib: 1024, request_id: Some("rid-1".into()) }),
                (&Reason::BodyCut { status: 200, detail: "unexpected EOF".into(), request_id: None }),
                (&Reason::ServerError(ApiError {
                    status: 502,
                    code: "APIGW.0202".into(),
                    message: "backend unavailable".into(),
                    request_id: Some("rid-2".into()),
                })),
                (&Reason::ActionServerError(ApiError {
                    status: 503,
                    code: "CBC.0999".into(),
                    message: "other error".into(),
                    request_id: Some("rid-3".into()),
                })),
                (&Reason::NoOrderId { status: 200, request_id: None, excerpt: "{}".into() }),
                (&Reason::UnexpectedAnswer { status: 200, request_id: Some("rid-4".into()), excerpt: "<html><title>Sign in</title>".into() }),
                (&Reason::UnexpectedAnswer { status: 202, request_id: None, excerpt: String::new() }),
                (&Reason::SecondSignal),
                (&Reason::LeftInFlight),
                (&Reason::SignalWait { secs: 30 }),
                (&Reason::TaskFailed { detail: "panicked".into() })
            ],

            // `order` and its reports on the command line.
            /// `order`'s question, with the price when it is known: "Buy 1 private CA for 1 month? [y/N] ".
            cli_confirm(quantity: u64, period_num: u64, unit: PeriodUnit, price: Option<&str>) samples [
                (1, 1, PeriodUnit::Month, None), (3, 2, PeriodUnit::Year, Some("CNY 4800.00"))
            ],
            /// `order` created an order: "Ordered 2 private CAs for 1 month.".
            cli_ordered(quantity: u64, period_num: u64, unit: PeriodUnit) samples [
                (1, 1, PeriodUnit::Month), (2, 3, PeriodUnit::Year)
            ],
            /// What an order buys, in one phrase: "1 private CA for 1 month".
            cli_purchase(quantity: u64, period_num: u64, unit: PeriodUnit) samples [
                (1, 1, PeriodUnit::Month), (2, 3, PeriodUnit::Year)
            ],
            /// The credentials line: their kind and where they came from (already in this language).
            cli_credentials_value(kind: &str, source: &str) samples [("IAM token", "env HUAWEICLOUD_AUTH_TOKEN")],
            /// The review's quota row value: "12 of 100 used, up to 88 more".
            cli_quota_value(used: u64, quota: u64, left: u64) samples [(12, 100, 88)],
            /// `order` could not read the quota (why, already in this language) and orders without it.
            cli_quota_unread(reason: &str) samples [("HTTP 500")],
            /// The region's console configuration says it sells no yearly/monthly CA (what pca-order buys):
            /// said before anything is confirmed, by `order` and the wizard's review alike.
            region_sells_none(region: &str) samples [("sandbox-no-yearly")],
            /// What the region sells could not be read (why, already in this language): nothing is blocked.
            console_unread(region: &str, reason: &str) samples [("cn-north-4", "HTTP 503")],
            /// `activate`/`csr` asked for SM2/SM3 and the region's console configuration could not be
            /// read (why, already in this language) or did not say: the website rule decides.
            console_unread_sm(region: &str, reason: &str) samples [("cn-north-4", "HTTP 503")],
            /// The first signal with the order in flight: waiting (bounded) for its answer.
            cli_in_flight(secs: u64) samples [(30)],
            /// After an order without auto-pay: pay it in the console, by its id.
            /// After an order not auto-paid: how to pay it (`flags`: " --sandbox" for a pretend one, so the
            /// command goes to the same pretend account).
            cli_next_pay(order_id: &str, flags: &str) samples [("CS1803192259ROA8U", ""), ("CS1803192259ROA8U", " --sandbox")],
            /// After every order: each CA is PENDING until activated, and how.
            cli_next_activate(flags: &str) samples [(""), (" --sandbox")],
            /// After a pay or cancel with an unknown outcome: read the order before trying again.
            bill_unknown_advice(order_id: &str, flags: &str) samples [("CS2611291200ABCDE", ""), ("CS2611291200ABCDE", " --sandbox")],
            /// After a refused pay or cancel: nothing changed, read the order.
            bill_rejected_advice(order_id: &str, flags: &str) samples [("CS2611291200ABCDE", "")],
            /// `status --wait` ran out of time: the order goes on without us.
            bill_wait_limit(order_id: &str) samples [("CS2611291200ABCDE")],
            /// `order --wait` left on a signal: the order goes on without us.
            bill_wait_left(order_id: &str) samples [("CS2611291200ABCDE")],

            // `history`.
            /// `history` with no orders in the journal.
            history_empty(path: &str) samples [("/home/u/.local/state/pca-order/orders.jsonl")],
            /// `history`: pretend attempts counted but not listed, and how to list them.
            history_pretend(n: usize) samples [(1), (3)],
            /// `history`: the default journal is empty, the sandbox journal is not.
            history_sandbox_elsewhere(n: usize) samples [(2)],
            /// `history`: damaged journal lines skipped, where, and which.
            history_damaged(n: usize, path: &str, lines: &str) samples [(2, "/tmp/j.jsonl", "3, 7")],
            /// `history` result of a created order: how many CA ids.
            history_ca_ids(n: usize) samples [(2)],
            /// `history` result of an unknown outcome: check the console, and why.
            history_check(reason: &str) samples [("timed out")],
            /// `history` could not read the journal: which file, and the system's error as it came.
            history_unreadable(path: &str, error: &str) samples [("/tmp/j.jsonl", "Permission denied")],

            // Billing after the order in the wizard (issue 9).
            /// The pay question, naming the order and the amount when it is known.
            confirm_pay(order_id: &str, amount: Option<&str>, yes_no: &str) samples [("CS2611291200ABCDE", Some("1200.00 CNY"), "⟨y/N⟩"), ("CS2611291200ABCDE", None, "⟨y/N⟩")],
            /// The cancel question, naming the order.
            confirm_cancel(order_id: &str, yes_no: &str) samples [("CS2611291200ABCDE", "⟨y/N⟩")],
            /// The in-flight line of a payment, with elapsed seconds.
            acting_pay(secs: f64) samples [(2.5)],
            /// The in-flight line of a cancellation, with elapsed seconds.
            acting_cancel(secs: f64) samples [(2.5)],
            /// An order's status in words (from [`Text::order_status`]) with BSS's number beside it:
            /// "pending payment (status 6)" — the number is what support and the console search by.
            status_with_code(name: &str, code: i64) samples [("pending payment", 6), ("completed", 5)],
            /// Before anything is sent: other users can read the journal, with the fix (pca-order never
            /// changes the mode of a file it did not create).
            journal_readable(path: &str, mode: &str) samples [("/home/u/.local/state/pca-order/orders.jsonl", "0644")],
            /// Beside the status while following: how long it has been followed.
            tracking_elapsed(secs: u64) samples [(12)],
            /// The followed order ended without completing (its status already in words).
            tracking_ended(status: &str) samples [("cancelled (status 4)")],
            /// A read of the order failed (why, already in words); following goes on.
            tracking_poll_failed(reason: &str) samples [("HTTP 503")],
            /// Leaving the tracking screen (this key) loses nothing: the order goes on, and how to follow it again.
            tracking_leave(order_id: &str, leave: &str, flags: &str) samples [("CS2611291200ABCDE", "⟨q⟩", ""), ("CS2611291200ABCDE", "⟨q⟩", " --sandbox")],
            /// After the wizard ended with a pay or cancel in flight: waiting for its answer so it is journaled.
            waiting_for_act(secs: u64) samples [(30)],
            /// After the wizard ended: an auto-renew switch or an unsubscribe is still in flight.
            manage_waiting_for_answer(secs: u64) samples [(30)],
            // Sentences that name keys (issue 18): each key is a value the view takes from the keymap
            // (`keymap::key_label`, `keymap::yes_no`), so no sentence writes a key by hand; samples write
            // keys as ⟨key⟩ so tests/keys.rs can tell a key passed in from one typed into a sentence.
            /// Ctrl-C while the order is in flight: it may still go through; the answers from the keymap.
            quit_in_flight(yes_no: &str) samples [("⟨y/N⟩")],
            /// While the order is in flight: that the quit key asks first, since the order may still go through.
            submitting_note(quit: &str) samples [("⟨Ctrl-C⟩")],
            /// On the activation review: the key that shows the exact JSON, and the key that asks once before sending.
            act_json_hint(json: &str, next: &str) samples [("⟨v⟩", "⟨Enter⟩")],
            /// The one confirmation before the activate request is sent.
            act_question(yes_no: &str) samples [("⟨y/N⟩")],
            /// On the done screen when more CAs of the order wait: the key that offers the next one.
            act_next_ca(next: &str) samples [("⟨Enter⟩")],
            /// On the done screen after a root, more CAs waiting: the key that activates the next one
            /// as a subordinate of this root (named by its common name), root still offered.
            act_next_ca_under(next: &str, root: &str) samples [("⟨Enter⟩", "Example Root CA")],
            /// A validity in words: "1 month", "10 years".
            validity_words(value: u64, unit: ValidityUnit) samples [(1, ValidityUnit::Month), (10, ValidityUnit::Year), (30, ValidityUnit::Day), (12, ValidityUnit::Hour)],
            /// The span of dates a validity produces, from and to (both already formatted).
            act_dates_value(from: &str, to: &str) samples [("2026-03-01 10:00:00 UTC", "2036-03-01 10:00:00 UTC")],
            /// A value on a review that is the default (the reason is on its step).
            act_defaulted(value: &str) samples [("6")],
            /// On the done screen when no CA waits: the key that leaves.
            act_leave(leave: &str) samples [("⟨Enter⟩")],
            /// The outcome is unknown: read the status (this key) before trying again.
            act_unknown(status: &str) samples [("⟨s⟩")],
            /// On the activation review after an unknown outcome: read the status (this key) first.
            act_may_have_activated(status: &str) samples [("⟨s⟩")],
            /// Ctrl-C while the activate request is in flight: it may still go through.
            act_quit_in_flight(yes_no: &str) samples [("⟨y/N⟩")],
            /// Ctrl-C while an auto-renew switch or an unsubscribe is in flight (My CAs).
            manage_quit_in_flight(yes_no: &str) samples [("⟨y/N⟩")],
            /// Next step for an unpaid order: pay here with this key (asked once) or in the console.
            next_pay_now(pay: &str) samples [("⟨p⟩")],
            /// Next step for an unpaid order: cancel it with this key (asked once).
            next_cancel(cancel: &str) samples [("⟨x⟩")],
            /// While a payment is in flight: the quit key asks first.
            paying_note(quit: &str) samples [("⟨Ctrl-C⟩")],
            /// While a cancellation is in flight: the quit key asks first.
            cancelling_note(quit: &str) samples [("⟨Ctrl-C⟩")],
            /// Ctrl-C while a payment is in flight.
            quit_pay_in_flight(yes_no: &str) samples [("⟨y/N⟩")],
            /// Ctrl-C while a cancellation is in flight.
            quit_cancel_in_flight(yes_no: &str) samples [("⟨y/N⟩")],
            /// The followed order completed: the key that activates its CAs now, and the other key that does.
            tracking_completed(activate: &str, or: &str) samples [("⟨a⟩", "⟨Enter⟩")],
            /// Renewal step: meaning of auto-pay off, naming the result's pay key.
            pay_no(pay: &str) samples [("⟨p⟩")],
            /// Error advice for a 400 on the wizard's error screen, naming the key back to the review.
            advice_400(review: &str) samples [("⟨r⟩")],
            /// Closing line of the help overlay: nothing is sent before the yes key, and how to close it.
            help_footer(yes: &str) samples [("⟨y⟩")],
            /// What to do after a refused pay or cancel, naming the key back to the order.
            act_advice_rejected(back: &str) samples [("⟨r⟩")],
            /// What to do after a pay or cancel that was not sent, naming the key back to the order.
            act_advice_not_sent(back: &str) samples [("⟨r⟩")],
            /// What to do after a payment with no known outcome, naming the key that follows the order.
            pay_advice_unknown(back: &str) samples [("⟨r⟩")],
            /// What to do after a cancellation with no known outcome, naming the key that follows the order.
            cancel_advice_unknown(back: &str) samples [("⟨r⟩")],
            // The command line beyond `order` and `history` (issue 8): notes, credentials, billing, CAs.
            /// A note on stderr: something the user should know that does not stop the command.
            cli_note(message: &str) samples [("the quota could not be read")],
            /// A warning on stderr: something the user should fix, though the command goes on.
            cli_warning(message: &str) samples [("the journal is readable by others")],
            /// `pca-order sandbox --reset`: the pretend account was started over.
            sandbox_reset(path: &str) samples [("/home/u/.local/state/pca-order/sandbox-state.json")],
            /// `pca-order man NAME` where NAME is no command: the name and the commands that have a page.
            man_unknown_command(name: &str, known: &str) samples [("ordr", "order, price, pay")],
            /// The first signal with a pay, cancel or activation in flight: waiting (bounded) for its answer.
            cli_request_in_flight(secs: u64) samples [(30)],
            /// The journal cannot take the `sending` line (the system's reason): nothing is sent.
            cli_journal_unusable(error: &str) samples [("/tmp/j.jsonl is a symlink")],
            /// What is wrong with a flag, a variable or the credentials file, naming where it came from.
            config_problem(problem: &Problem) samples [
                (&Problem::Value { at: Where::Name("--region".into()), shown: Some("cn north".into()), rule: ValueRule::NotRegionId }),
                (&Problem::Value { at: Where::Builtin, shown: Some("x".into()), rule: ValueRule::NotUrl("relative URL without a base".into()) }),
                (&Problem::Value { at: Where::Name("--endpoint".into()), shown: Some("https://u:p@h".into()), rule: ValueRule::UserInUrl }),
                (&Problem::Value { at: Where::Name("--endpoint".into()), shown: Some("https://h/?a".into()), rule: ValueRule::QueryInUrl }),
                (&Problem::Value { at: Where::Name("--endpoint".into()), shown: Some("http://h".into()), rule: ValueRule::PlainHttp }),
                (&Problem::Value { at: Where::Name("--endpoint".into()), shown: Some("ftp://h".into()), rule: ValueRule::NotHttps }),
                (&Problem::Value { at: Where::File { path: String::new(), key: "iam_endpoint" }, shown: Some("https://".into()), rule: ValueRule::NoHost }),
                (&Problem::Value { at: Where::File { path: "/home/u/c".into(), key: "sk" }, shown: None, rule: ValueRule::ControlCharacter }),
                (&Problem::Value { at: Where::Name("HUAWEICLOUD_AUTH_TOKEN".into()), shown: None, rule: ValueRule::EmptyToken }),
                (&Problem::Value { at: Where::Name("HUAWEICLOUD_AUTH_TOKEN".into()), shown: None, rule: ValueRule::TokenNotOneLine }),
                (&Problem::Value { at: Where::Name("HUAWEICLOUD_SDK_DOMAIN_ID".into()), shown: None, rule: ValueRule::NotDomainId }),
                (&Problem::Value { at: Where::Name("HUAWEICLOUD_SDK_AK".into()), shown: None, rule: ValueRule::NotAk }),
                (&Problem::NoRegionEndpoint { region: "xx-east-9".into(), known: "cn-north-4, ap-southeast-1".into() }),
                (&Problem::HalfKey { set: "CLOUD_SDK_AK".into(), missing: "CLOUD_SDK_SK".into() }),
                (&Problem::FileHalfKey { path: "/home/u/.huaweicloud/credentials".into() }),
                (&Problem::NamedFileMissing { path: "/tmp/nope".into() }),
                (&Problem::Unreadable { at: Where::File { path: "/home/u/c".into(), key: "" }, why: IoWhy::PermissionDenied }),
                (&Problem::Unreadable { at: Where::File { path: "/home/u/c".into(), key: "" }, why: IoWhy::NotFound }),
                (&Problem::Unreadable { at: Where::File { path: "/home/u/c".into(), key: "" }, why: IoWhy::NotUtf8 }),
                (&Problem::Unreadable { at: Where::Name("--token-file -".into()), why: IoWhy::Other("Is a directory (os error 21)".into()) }),
                (&Problem::NotIni { path: "/home/u/c".into(), detail: "1:3 expecting \"]\"".into() }),
                (&Problem::NoCredentials),
                (&Problem::KooCliNoProfile { path: "/home/u/.hcloud/config.json".into(), name: "prod".into(), known: "dev, test".into() }),
                (&Problem::KooCliNoProfile { path: "/home/u/.hcloud/config.json".into(), name: "prod".into(), known: String::new() }),
                (&Problem::KooCliEncrypted { path: "/home/u/.hcloud/config.json".into(), name: "dev".into() }),
                (&Problem::KooCliNoKeys { path: "/home/u/.hcloud/config.json".into(), name: "dev".into(), mode: "SSO".into() }),
                (&Problem::KooCliNotJson { path: "/home/u/.hcloud/config.json".into(), detail: "EOF".into() }),
                (&Problem::Temporary { source: CredentialSource::Metadata, why: crate::api::temporary::TemporaryError::NoAgency }),
                (&Problem::Temporary { source: CredentialSource::PodIdentity, why: crate::api::temporary::TemporaryError::Timeout }),
                (&Problem::Unreadable { at: Where::File { path: "/home/u/.hcloud/config.json".into(), key: "" }, why: IoWhy::WritableByOthers }),
                (&Problem::NoJournalHome),
                (&Problem::SandboxWithEndpoints { bss: false }),
                (&Problem::SandboxWithEndpoints { bss: true }),
                (&Problem::SandboxStart("address in use".into())),
                (&Problem::SandboxState { path: "/home/u/.local/state/pca-order/sandbox-state.json".into(), damaged: true, detail: "EOF while parsing".into() }),
                (&Problem::SandboxState { path: "/home/u/.local/state/pca-order/sandbox-state.json".into(), damaged: false, detail: "it is a symbolic link".into() })
            ],
            /// The kind of credentials that is an access key: its masked id, and whether it is temporary.
            credential_ak(masked: &str, temporary: bool) samples [("HPUA…WXYZ", false), ("HPUA…WXYZ", true)],
            /// What an order buys, short, for the price line: "3 CAs × 2 years".
            bill_what(quantity: u64, period_num: u64, unit: PeriodUnit) samples [
                (1, 1, PeriodUnit::Month), (3, 2, PeriodUnit::Year)
            ],
            /// The price line without a discount: amount and what it buys.
            bill_price_value(amount: &str, what: &str) samples [("2400.00 CNY", "2 CAs × 1 month")],
            /// The price line with a discount offered: what the order charges (the list price), what
            /// it buys, the offer's amount, what it would take off and its name if any — labelled as
            /// an offer pca-order does not apply (it pays with `use_discount: NO`).
            bill_price_offer(amount: &str, what: &str, offer: &str, off: &str, name: &str) samples [
                ("72000.00 CNY", "3 CAs × 2 years", "64800.00 CNY", "7200.00 CNY", "10% off"),
                ("72000.00 CNY", "3 CAs × 2 years", "64800.00 CNY", "7200.00 CNY", "")
            ],
            /// No price could be had (why, already in this language); buying is still possible.
            bill_price_unavailable(why: &str) samples [("HTTP 403 CBC.99006006: denied")],
            /// An ORDER_ID argument that is not one, naming the rule.
            bill_bad_order_id(shown: &str, min: usize, max: usize) samples [("C$", 1, 64)],
            /// `pay`'s question, with the amount when the order could be read.
            bill_pay_question(order_id: &str, amount: Option<&str>) samples [
                ("CS2611291200ABCDE", Some("1200.00 CNY")), ("CS2611291200ABCDE", None)
            ],
            /// `cancel`'s question.
            bill_cancel_question(order_id: &str) samples [("CS2611291200ABCDE")],
            /// Pay or cancel of an order that is not pending payment: nothing is sent.
            bill_not_payable(kind: ActionKind, order_id: &str, status: &str, code: i64) samples [
                (ActionKind::Pay, "CS2611291200ABCDE", "completed", 5),
                (ActionKind::Cancel, "CS2611291200ABCDE", "cancelled", 4)
            ],
            /// An order could not be read (why, already in this language).
            bill_cannot_read(order_id: &str, error: &str) samples [("CS2611291200ABCDE", "HTTP 404 CBC.0101: no such order")],
            /// A pay or cancel that took effect.
            bill_done(kind: ActionKind, order_id: &str) samples [
                (ActionKind::Pay, "CS2611291200ABCDE"), (ActionKind::Cancel, "CS2611291200ABCDE")
            ],
            /// After a payment: how to follow the order.
            bill_next_status(order_id: &str, flags: &str) samples [("CS2611291200ABCDE", ""), ("CS2611291200ABCDE", " --sandbox")],
            /// After an order reads completed with PENDING CAs (`status`, the end of `--wait`): activate
            /// them, with the command to run.
            bill_next_activate(command: &str) samples [("pca-order activate --sandbox")],
            /// After a completed renewal order (order_type 2): its CAs' subscriptions were extended
            /// (there is nothing to activate), and the command that shows the new paid-until dates.
            bill_next_renewed(command: &str) samples [("pca-order cas --sandbox")],
            /// `--wait` on a terminal: the spinner's frame and the seconds waited so far (stderr, redrawn).
            bill_wait_spinner(frame: &str, secs: u64) samples [("|", 75)],
            /// `activate` alone: one PENDING CA, its order and that order's state (already in words).
            act_cli_pending_row(n: usize, ca_id: &str, order: &str, state: &str) samples [
                (1, "4284547e-68ef-4a94-adea-9df1e5d8ad65", "CS2611291200ABCDE", "paid")
            ],
            /// `activate` alone: the CA's order could not be read (why, in this language).
            act_cli_order_unread(error: &str) samples [("HTTP 500")],
            /// `activate` alone: the CA's order in another state (its name in words, its code).
            act_cli_order_other(status: &str, code: i64) samples [("processing", 3)],
            /// `activate` alone: which CA (by its number in the list); Enter alone cancels.
            act_cli_choose(count: usize) samples [(3)],
            /// `activate`: refused before the steps, the CA's order is not paid; how to pay it.
            act_cli_unpaid(order_id: &str, flags: &str) samples [("CS2611291200ABCDE", " --sandbox")],
            /// `activate`: refused before the steps, the CA's order is paid but not complete (or ended).
            act_cli_not_complete(order_id: &str, status: &str, code: i64, flags: &str) samples [
                ("CS2611291200ABCDE", "processing", 3, "")
            ],
            /// A pay or cancel the API refused, with its error.
            bill_refused(kind: ActionKind, order_id: &str, error: &str) samples [
                (ActionKind::Pay, "CS2611291200ABCDE", "HTTP 400 CBC.0151: balance")
            ],
            /// A pay or cancel with no known outcome, and why.
            bill_unknown(kind: ActionKind, order_id: &str, reason: &str) samples [
                (ActionKind::Cancel, "CS2611291200ABCDE", "timed out")
            ],
            /// A pay or cancel that never left, and why.
            bill_not_sent(kind: ActionKind, order_id: &str, reason: &str) samples [
                (ActionKind::Pay, "CS2611291200ABCDE", "connection refused")
            ],
            /// `status`'s first line: the order, its status in words and its number.
            bill_order_line(order_id: &str, sandbox: bool, status: &str, code: i64) samples [
                ("CS2611291200ABCDE", false, "completed", 5), ("CS2611291200ABCDE", true, "completed", 5)
            ],
            /// `status`: one CA of the order, its billing status, and (when CCM could be read) its own.
            bill_ca_line(ca_id: &str, status: &str, ca_status: &str) samples [
                ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "in use", "ACTIVED")
            ],
            /// `status`: a CA whose own status could not be read from CCM, and why.
            bill_ca_unread(ca_id: &str, status: &str, error: &str) samples [
                ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "in use", "HTTP 403 PCA.403: denied")
            ],
            /// `--wait`: a status change, seconds since the wait began.
            bill_progress(secs: u64, status: &str, code: i64) samples [(10, "processing", 3)],
            /// `--wait`: the order could not be read this time (why); the wait goes on.
            bill_still_waiting(error: &str) samples [("timed out")],
            /// `--wait` at its limit: the last status seen.
            bill_last_seen(status: &str, code: i64) samples [("processing", 3)],
            /// `status --wait` starts following: the current status, and that Ctrl-C only leaves.
            bill_following(order_id: &str, status: &str, code: i64) samples [("CS2611291200ABCDE", "pending payment", 6)],
            /// `order --wait` starts following a new order; Ctrl-C only leaves.
            bill_following_new(order_id: &str) samples [("CS2611291200ABCDE")],
            /// `order --wait` for an order that waits for payment: how to pay and then follow it.
            bill_wait_unpaid(order_id: &str) samples [("CS2611291200ABCDE")],
            /// `order --wait` did not see the order complete (a refused read, a stop): the order exists,
            /// the outcome is unknown, check it and do not order again.
            bill_follow_unconfirmed(order_id: &str, flags: &str) samples [("CS2611291200ABCDE", ""), ("CS2611291200ABCDE", " --sandbox")],
            /// An order's status in words (BSS numbers them).
            order_status(status: OrderStatus) samples [
                (OrderStatus::PendingPayment), (OrderStatus::Processing), (OrderStatus::Completed),
                (OrderStatus::Cancelled), (OrderStatus::PendingApproval), (OrderStatus::PendingRefund),
                (OrderStatus::ToBeConfirmed), (OrderStatus::Other(10)), (OrderStatus::Other(11)),
                (OrderStatus::Other(12)), (OrderStatus::Other(13)), (OrderStatus::Other(99))
            ],
            /// A bought resource's billing status in words (BSS numbers them).
            resource_status(status: ResourceStatus) samples [
                (ResourceStatus(Some(2))), (ResourceStatus(Some(3))), (ResourceStatus(Some(4))),
                (ResourceStatus(Some(5))), (ResourceStatus(None))
            ],
            /// `history`: the state of a pay or cancel the API refused.
            history_action_refused(kind: ActionKind) samples [(ActionKind::Pay), (ActionKind::Cancel)],
            /// `history`: the state of a pay or cancel with no known outcome (upper case: it needs checking).
            history_action_unknown(kind: ActionKind) samples [(ActionKind::Pay), (ActionKind::Cancel)],
            /// `history`: the state of a pay or cancel that never left.
            history_action_not_sent(kind: ActionKind) samples [(ActionKind::Pay), (ActionKind::Cancel)],
            /// `history`: the state of a pay or cancel with no answer journaled.
            history_action_no_answer(kind: ActionKind) samples [(ActionKind::Pay), (ActionKind::Cancel)],
            /// `history`: the "what" cell of a pay or cancel row, under its order.
            history_action_what(kind: ActionKind) samples [(ActionKind::Pay), (ActionKind::Cancel)],
            /// `history`: result of a pay or cancel with no known outcome: read the order, and why.
            history_check_order(reason: &str) samples [("timed out")],
            /// `cas --status` that is not a documented status.
            cas_bad_status(list: &str) samples [("PENDING, ACTIVED")],
            /// The CAs could not be read (why, already in this language).
            cas_read_failed(error: &str) samples [("HTTP 403 PCA.403: denied")],
            /// `export` of a CA in a state that cannot export, naming the states that can.
            export_not_exportable(status: &str) samples [("PENDING")],
            /// The export failed or its answer was refused (why, already in this language).
            export_failed(error: &str) samples [("the certificate is not a certificate: line 1 is outside every PEM block")],
            /// `export --out`: where the certificate (or chain) went.
            export_wrote(path: &str) samples [("ca.pem")],
            /// `export`: the chain was checked, and how (`verified`: every signature; else by key ids).
            export_chain_checked(count: usize, verified: bool) samples [(1, true), (2, false)],
            /// A file is there and `--force` was not given.
            save_exists(path: &str) samples [("ca.pem")],
            /// A symlink is there: refused even with `--force`.
            save_symlink(path: &str) samples [("ca.pem")],
            /// A directory is there.
            save_directory(path: &str) samples [("out")],
            /// A FIFO, socket or device is there.
            save_not_regular(path: &str) samples [("ca.pem")],
            /// The system refused to write (read-only directory, no space, …).
            save_io(path: &str, error: &str) samples [("ro/ca.pem", "Permission denied (os error 13)")],
            /// Export (wizard): a file of that name was there; it was left alone and the files took the next number.
            exp_taken(taken: &str, used: &str) samples [("/home/u/Team_Root.pem", "/home/u/Team_Root-1.pem")],
            /// Export (wizard): every numbered name up to this one is taken; nothing was written.
            exp_all_taken(path: &str) samples [("/home/u/Team_Root-99.pem")],
            /// `cas`: a closed (unsubscribed) subscription: ended, with the date it had been paid until.
            cas_paid_closed(date: &str) samples [("2027-01-31 10:00 UTC")],
            /// `cas`: a subscription's end and the whole days left.
            cas_paid_until(date: &str, days: i64) samples [("2027-01-31 10:00 UTC", 365), ("2027-01-31 10:00 UTC", 0)],
            /// `cas`: a subscription that has ended.
            cas_paid_expired(date: &str) samples [("2027-01-31 10:00 UTC")],
            /// `cas`: BSS could not be read, so paid-until and auto-renew are unknown (why, in this language).
            cas_paid_unread(error: &str) samples [("HTTP 403 CBC.0151: Access denied. (request id 5f2a)")],
            /// `renew`: a broken rule of its flags.
            renew_rule(rule: &RenewRule) samples [
                (&RenewRule::NoIds), (&RenewRule::TooManyIds { given: 11 }),
                (&RenewRule::Duplicate { id: "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f".into() }),
                (&RenewRule::NotCaId { id: "ca-1".into() }),
                (&RenewRule::Period { unit: RenewUnit::Month, given: "12".into() }),
                (&RenewRule::Period { unit: RenewUnit::Year, given: "4".into() })
            ],
            /// `renew`: the price could not be read (why, in this language); nothing was sent.
            renew_rate_failed(error: &str) samples [("HTTP 403 CBC.0151: Access denied.")],
            /// `renew`'s question, with the amount.
            renew_question(cas: usize, period: &str, amount: &str) samples [(2, "1 year", "2,400.00 CNY")],
            /// `renew` price row: how many CAs, by how much.
            renew_what_value(cas: usize, period: &str) samples [(1, "3 months"), (2, "1 year")],
            /// `renew` price row: the discount's amount and name.
            renew_discount_value(amount: &str, name: &str) samples [("1,000.00 CNY", "promo"), ("1,000.00 CNY", "")],
            /// `renew`: a CA BSS will not renew, worded by its code.
            renew_failure(ca_id: &str, code: &str, message: &str) samples [
                ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "CBC.30050013", "not supported"),
                ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "CBC.30050009", "absent"),
                ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "CBC.30050010", "unpaid"),
                ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "CBC.30050007", "x"),
                ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "CBC.30050008", "x"),
                ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "CBC.30050011", "x"),
                ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "CBC.99999999", "other")
            ],
            /// `renew --wait`: the renewal order completed.
            renew_order_completed(order_id: &str) samples [("CS2612070234T4JPR")],
            /// `renew --wait`: the renewal order did not complete in the wait; it exists.
            renew_order_not_completed(order_id: &str, flags: &str) samples [("CS2612070234T4JPR", ""), ("CS2612070234T4JPR", " --sandbox")],
            /// `renew --wait`: a CA's dates after the renewal: paid until, and the certificate's end beside it.
            renew_after(ca_id: &str, paid_until: &str, not_after: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "2028-01-31 10:00 UTC", "2027-01-31 10:00:00 UTC")],
            /// `renew`: done, naming the renewal order(s).
            renew_done(order_ids: &str) samples [("CS2612070234T4JPR")],
            /// `renew` without --auto-pay: how to pay the renewal order.
            renew_pay_next(order_id: &str, flags: &str) samples [("CS2612070234T4JPR", ""), ("CS2612070234T4JPR", " --sandbox")],
            /// The exit summary: a renewal paid at once, and how to follow its order later.
            renew_paid_summary(order_id: &str, flags: &str) samples [("CS2612070234T4JPR", ""), ("CS2612070234T4JPR", " --sandbox")],
            /// The exit summary: a renewal's words after the CA it is for (`ca`: name and id).
            life_summary_renew(ca: &str, words: &str) samples [("Walk Root (46ef7abc-c0e9-4ff3-8491-7e46ee7f17ff)", "Renewal order CS2612070234T4JPR created.")],
            /// The wizard following a renewal paid at once: the order's status as last read (or "reading"), and for how long.
            renew_follow_waiting(order_id: &str, status: &str, secs: u64) samples [("CS2612070234T4JPR", "processing (status 3)", 12)],
            /// The wizard following a renewal: the order ended in a status other than completed.
            renew_follow_ended(order_id: &str, status: &str, flags: &str) samples [("CS2612070234T4JPR", "cancelled (status 4)", ""), ("CS2612070234T4JPR", "cancelled (status 4)", " --sandbox")],
            /// The wizard following a renewal: BSS refused to read the order (status, code, request id); following stops.
            renew_follow_unreadable(order_id: &str, error: &str, flags: &str) samples [("CS2612070234T4JPR", "HTTP 403 CBC.0151: no permission (request id req-1)", ""), ("CS2612070234T4JPR", "HTTP 404 CBC.0101: no such order", " --sandbox")],
            /// The wizard following a renewal: going back stops following; how to follow it later.
            renew_follow_leave(order_id: &str, flags: &str) samples [("CS2612070234T4JPR", ""), ("CS2612070234T4JPR", " --sandbox")],
            /// The wizard after a followed renewal completed: the CA's new paid-until beside the one before, and its certificate's end.
            renew_paid_moved(ca_id: &str, paid_until: &str, was: &str, not_after: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "2028-01-07 00:00 UTC", "2027-01-07 00:00 UTC", "2030-01-01 00:00:00 UTC")],
            /// `renew` refused (4xx): why, with status, code and request id.
            renew_refused(error: &str) samples [("HTTP 400 CBC.99003100: unpaid order")],
            /// `renew` unknown: why.
            renew_unknown(reason: &str) samples [("timed out")],
            /// `renew` not sent: why.
            renew_not_sent(reason: &str) samples [("connection refused")],
            /// `history`: a renewal's renewal order(s).
            renew_history_renewed(order_ids: &str) samples [("CS2612070234T4JPR")],
            /// `expiring --within` not in the documented shape (the rules are ours).
            expiring_bad_within(given: &str) samples [("30m")],
            /// `expiring`: nothing needs attention in the window (exit 0).
            expiring_none(within: &str) samples [("30d")],
            /// `expiring`: how many need attention, and that this is exit 6.
            expiring_summary(count: usize, within: &str) samples [(1, "30d"), (3, "2w")],
            /// `expiring`: BSS could not be read, so the answer is unknown (exit 4; why, in English).
            expiring_unread(error: &str) samples [("HTTP 403 CBC.0151")],
            /// `history`: a renewal with no known outcome.
            renew_history_unknown(reason: &str) samples [("timed out")],
            /// My CAs: how many CAs the table shows of how many read.
            manage_count(shown: usize, total: usize) samples [(3, 5), (1, 1)],
            /// My CAs detail: BSS's subscription status (its name and number).
            manage_subscription_status(name: &str, code: i64) samples [("in use", 2)],
            /// `activate`'s review heading, naming the CA (and the sandbox).
            act_cli_review_title(ca_id: &str, sandbox: bool) samples [
                ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", false), ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", true)
            ],
            /// `activate`'s review: the key algorithm signed with the signature algorithm.
            act_cli_keys_value(key: &str, signature: &str) samples [("RSA2048", "SHA256")],
            /// `csr`'s review title (step 1: save the subject; inferred API use).
            csr_review_title(ca_id: &str, sandbox: bool) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", false), ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", true)],
            /// `csr`'s question.
            csr_question(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// `csr`: the subject is saved already; step 1 skipped.
            csr_skip_saved(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// `csr`: another subject is saved; nothing sent.
            csr_saved_differs(ca_id: &str, saved: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "CN=Old, C=CN")],
            /// `csr`/`import`: the CA is not a PENDING subordinate; nothing sent.
            ca_op_wrong_state(ca_id: &str, status: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "ACTIVED")],
            /// `csr`: the service's answer is not a usable CSR.
            csr_bad_answer(detail: &str) samples [("line 1 is outside every PEM block")],
            /// `csr`: the CSR is for another subject.
            csr_subject_differs(got: &str) samples [("C=CN, CN=Other")],
            /// `csr --out`: where the CSR went.
            csr_written(path: &str) samples [("sub.csr")],
            /// `csr`: what to do next.
            csr_next(ca_id: &str, flags: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", ""), ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", " --sandbox")],
            /// `csr --out`: the file could not be written.
            csr_out_failed(path: &str, error: &str) samples [("sub.csr", "it exists")],
            /// `csr`: the save's answer named another CA.
            csr_other_ca(ca_id: &str, answered: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "other")],
            /// CSR (wizard): the one question, after the request (the inferred step named above it).
            csr_wiz_question(ca_id: &str, yes_no: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "⟨y/N⟩")],
            /// A save or import the API refused.
            ca_op_refused(what: &str, status: u16, code: &str, message: &str, request_id: Option<&str>) samples [("Import", 400, "PCA.10010004", "Certificate public key and private key does not match", Some("rid-1")), ("Import", 403, "PCA.403", "denied", None)],
            /// After a save or import with an unknown outcome.
            ca_op_unknown_advice(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// `csr`/`import` without a terminal or --yes.
            ca_op_needs_yes(command: &str) samples [("import")],
            /// A file to read could not be read.
            file_unreadable(path: &str, why: &str) samples [("sub.pem", "No such file or directory")],
            /// A file to read is larger than the limit.
            file_too_big(max: usize) samples [(2_097_152)],
            /// `import`: a file breaks a rule; nothing sent.
            import_file_bad(path: &str, rule: &str) samples [("sub.pem", "it is not a CA certificate")],
            /// `import`: the file is not PEM certificates.
            import_rule_unreadable(detail: &str) samples [("line 1 is outside every PEM block")],
            /// `import`: the certificate file holds several.
            import_rule_not_one(count: usize) samples [(3)],
            /// `import`: the chain does not link.
            import_rule_chain(detail: &str) samples [("certificate 1's issuer is not certificate 2's subject")],
            /// `import`: a file longer than the documented limit.
            import_rule_too_long(len: usize, max: usize) samples [(40_000, 32_768)],
            /// `import`'s review title.
            import_review_title(ca_id: &str, sandbox: bool) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", false), ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", true)],
            /// `import`'s review: what the certificate says.
            import_summary(subject: &str, issuer: &str, serial: &str, valid: &str, sha256: &str, chain: usize) samples [("CN=Sub", "CN=Root", "7f01", "2026-01-01 00:00:00 UTC → 2031-01-01 00:00:00 UTC", "AB:CD", 1)],
            /// `import`'s question.
            import_question(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// `import`: done, the CA reads ACTIVED.
            import_imported(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// `import`: 204, but the CA reads another status.
            import_not_active(ca_id: &str, status: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "PENDING")],
            /// `import`: 204, but the read-back is another CA.
            import_other_ca(ca_id: &str, read_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "other")],
            /// `import`: 204, but the CA could not be read back.
            import_unreadable(error: &str) samples [("timed out")],
            /// `activate`'s question.
            act_cli_question(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// After an activation with an unknown outcome: read the CA before trying again.
            act_cli_unknown_advice(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// An activation the API refused: status, code, message and request id.
            act_cli_refused(status: u16, code: &str, message: &str, request_id: Option<&str>) samples [
                (400, "PCA.10010002", "bad subject", Some("rid-1")), (403, "PCA.403", "denied", None)
            ],
            /// An activation with no known outcome, and why.
            act_cli_unknown(reason: &str) samples [("timed out")],
            /// An activation that never left, and why.
            act_cli_not_sent(reason: &str) samples [("connection refused")],
            /// The activation was accepted (before reading the CA back).
            act_cli_accepted(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// The CA reads ACTIVED after the activation.
            act_cli_activated(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// Accepted, but the CA reads another status: the outcome is unknown.
            act_cli_not_active(ca_id: &str, status: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "PENDING")],
            /// Accepted, but the CA could not be read back (why): the outcome is unknown.
            act_cli_unreadable(error: &str) samples [("timed out")],
            /// Accepted, but reading the CA back returned another CA (its id and status): the outcome
            /// of the one activated is unknown.
            act_cli_other_ca(ca_id: &str, read_id: &str, status: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "99999999-0000-4000-8000-000000000000", "ACTIVED")],
            /// `history`: an activation the API refused.
            act_cli_history_rejected(status: u16, code: &str) samples [(400, "PCA.10010002")],
            /// `history`: an activation with no known outcome: read the CA, and why.
            act_cli_history_unknown(ca_id: &str, reason: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "timed out")],
            /// `history`: an activation that never left, and why.
            act_cli_history_not_sent(reason: &str) samples [("connection refused")],
            /// `history`: an activation with no answer journaled: read the CA.
            act_cli_history_no_answer(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            // ---- auto-renew and unsubscribe (issue 20, part 2) ----
            /// `auto-renew`'s question: on (with what BSS then does, and the times) or off, naming the CA.
            lc_auto_renew_question(on: bool, ca_id: &str, common_name: Option<&str>, times: Option<&str>) samples [
                (true, "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", Some("Example Root"), Some("3")), (true, "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", None, None), (false, "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", Some("Example Root"), None)
            ],
            /// Auto-renew switched (204).
            lc_auto_renew_done(on: bool, ca_id: &str) samples [(true, "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f"), (false, "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// The state BSS reads after the switch, and whether it is what was asked.
            lc_readback(on: bool, agrees: bool) samples [(true, true), (false, false)],
            /// The switch could not be read back (why).
            lc_readback_failed(error: &str) samples [("HTTP 500 CBC.0999")],
            /// An auto-renew switch refused (the worded error).
            lc_auto_renew_refused(ca_id: &str, error: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "HTTP 400 CBC.99003012")],
            /// An auto-renew switch with no known outcome (why).
            lc_auto_renew_unknown(ca_id: &str, reason: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "timed out")],
            /// An auto-renew switch that never left (why).
            lc_auto_renew_not_sent(reason: &str) samples [("connection refused")],
            /// After an unknown switch: read it before trying again.
            lc_auto_renew_unknown_advice(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// What a documented BSS code of auto-renew or unsubscribe means.
            lc_code(code: LifecycleCode) samples [(LifecycleCode::NoSuchResource), (LifecycleCode::NoRenewals)],
            /// `unsubscribe`'s review heading: the CA, its common name, status and paid-until.
            lc_unsubscribe_title(ca_id: &str, common_name: Option<&str>, status: Option<&str>, paid_until: Option<&str>, sandbox: bool) samples [
                ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", Some("Example Root"), Some("active"), Some("2027-01-31 10:00 UTC"), false), ("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", None, None, None, true)
            ],
            /// The typed question of `unsubscribe --what ca`.
            lc_type_question(common_name: Option<&str>, ca_id: &str) samples [(Some("Example Root"), "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f"), (None, "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// The y/N question of `unsubscribe --what renewals`.
            lc_renewals_question(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// Unsubscribed: what ended and the unsubscribe orders.
            lc_unsubscribed(ca: bool, ca_id: &str, order_ids: &str) samples [(true, "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "CS2612070101ABCDE"), (false, "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "")],
            /// An unsubscribe refused (the worded error).
            lc_unsubscribe_refused(ca_id: &str, error: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "HTTP 400 CBC.99003128")],
            /// An unsubscribe with no known outcome (why).
            lc_unsubscribe_unknown(ca_id: &str, reason: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "timed out")],
            /// An unsubscribe that never left (why).
            lc_unsubscribe_not_sent(reason: &str) samples [("connection refused")],
            /// After an unknown unsubscribe: read the CA and the orders before trying again.
            lc_unsubscribe_unknown_advice(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
            /// The refund breakdown's total (negative = refunded).
            lc_refund_total(amount: &str) samples [("-12.34 CNY")],
            /// The refund breakdown could not be read (why): the unsubscribe stands.
            lc_refund_unread(order_id: &str, error: &str) samples [("CS2612070101ABCDE", "HTTP 500 CBC.0999")],
            /// `history`: what an auto-renew attempt asked.
            lc_history_auto_renew(on: bool, times: Option<&str>) samples [(true, Some("3")), (true, None), (false, None)],
            /// `history`: what an unsubscribe attempt asked.
            lc_history_unsubscribe(ca: bool) samples [(true), (false)],
            /// `history`: an auto-renew or unsubscribe the API refused.
            lc_history_rejected(status: u16, code: &str) samples [(400, "CBC.99003128")],
            /// `history`: an auto-renew or unsubscribe with no known outcome (why).
            lc_history_unknown(ca_id: &str, reason: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f", "timed out")],
            /// `history`: an auto-renew or unsubscribe that never left (why).
            lc_history_not_sent(reason: &str) samples [("connection refused")],
            /// `history`: an auto-renew or unsubscribe with no answer journaled.
            lc_history_no_answer(ca_id: &str) samples [("3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f")],
        }
    }
}

impl Text {
    /// What kind of credentials pays, in this language, for the review and the dry run: "IAM token",
    /// or the access key masked to its first and last 4 characters (never a secret).
    pub fn credential_kind(&self, credentials: &crate::api::credentials::Credentials) -> String {
        use crate::api::credentials::{Credentials, mask_ak};
        match credentials {
            Credentials::Token(_) => self.credential_token.to_string(),
            Credentials::AkSk {
                ak, security_token, ..
            } => self.credential_ak(&mask_ak(ak), security_token.is_some()),
        }
    }
}

impl Text {
    /// Why a file was not written ([`crate::save::SaveError`]), naming the path, in this language: the
    /// command line's `export --out` and the wizard's export say it the same way.
    pub fn save_error(&self, e: &crate::save::SaveError) -> String {
        use crate::save::SaveError;
        let p = e.path().display().to_string();
        match e {
            SaveError::Exists(_) => self.save_exists(&p),
            SaveError::Symlink(_) => self.save_symlink(&p),
            SaveError::Directory(_) => self.save_directory(&p),
            SaveError::NotRegular(_) => self.save_not_regular(&p),
            SaveError::Io(_, err) => self.save_io(&p, &err.to_string()),
        }
    }
}

impl Text {
    /// A CA's status as a person reads it ("active"), in this language; a status this version does
    /// not know is shown as CCM wrote it. JSON and `--verbose` keep CCM's word (`ACTIVED`).
    pub fn ca_status_words(&self, status: &crate::activation::ca::CaStatus) -> String {
        use crate::activation::ca::CaStatus;
        match status {
            CaStatus::Pending => self.ca_status_pending,
            CaStatus::Actived => self.ca_status_active,
            CaStatus::Disabled => self.ca_status_disabled,
            CaStatus::Deleted => self.ca_status_deleted,
            CaStatus::Expired => self.ca_status_expired,
            CaStatus::Other(s) => return crate::sanitize::clean(s),
        }
        .to_string()
    }

    /// An order's status as the wizard's tracking screen and summary show it: its name in this language
    /// with BSS's number ("completed (status 5)"), both from one place each.
    pub fn order_status_with_code(&self, status: crate::billing::OrderStatus) -> String {
        self.status_with_code(&self.order_status(status), status.code())
    }
}

impl Text {
    /// The unit's name in a choice list (a fixed word of this language, picked by the unit).
    pub fn unit_name(&self, unit: PeriodUnit) -> &'static str {
        match unit {
            PeriodUnit::Month => self.month,
            PeriodUnit::Year => self.year,
        }
    }
}

impl Text {
    /// The words a footer or the help writes for a keymap [`Hint`]: the keymap names what a key does,
    /// the catalog says it in each language.
    pub fn hint(&self, hint: Hint) -> &'static str {
        match hint {
            Hint::Next => self.hint_next,
            Hint::Back => self.hint_back,
            Hint::Choose => self.hint_choose,
            Hint::Unit => self.hint_unit,
            Hint::Change => self.hint_change,
            Hint::YesNo => self.hint_yes_no,
            Hint::Help => self.hint_help,
            Hint::Quit => self.hint_quit,
            Hint::Filter => self.hint_filter,
            Hint::Json => self.hint_json,
            Hint::Place => self.hint_place,
            Hint::Yes => self.hint_yes,
            Hint::No => self.hint_no,
            Hint::Copy => self.hint_copy,
            Hint::Review => self.hint_review,
            Hint::Close => self.hint_close,
            Hint::Scroll => self.hint_scroll,
            Hint::List => self.hint_list,
            Hint::Wait => self.hint_wait,
            Hint::Pay => self.hint_pay,
            Hint::CancelOrder => self.hint_cancel_order,
            Hint::BackToOrder => self.hint_back_order,
            Hint::Field => self.hint_field,
            Hint::Activate => self.hint_activate,
            Hint::Status => self.hint_status,
            Hint::NextCa => self.hint_next_ca,
            Hint::PrevField => self.hint_prev_field,
            Hint::ClearField => self.hint_clear_field,
            Hint::CopyCa => self.hint_copy_ca,
            Hint::CopyCas => self.hint_copy_cas,
            Hint::MyCas => self.hint_my_cas,
            Hint::Show => self.hint_show,
            Hint::ClearFilter => self.hint_clear_filter,
            Hint::Reload => self.hint_reload,
            Hint::AutoRenew => self.hint_auto_renew,
            Hint::Renew => self.hint_renew,
            Hint::Count => self.hint_count,
            Hint::PayNow => self.hint_pay_now,
            Hint::Price => self.hint_price,
            Hint::Unsubscribe => self.hint_unsubscribe,
            Hint::BackToList => self.hint_back_to_list,
            Hint::Retry => self.hint_retry,
            Hint::Export => self.hint_export,
            Hint::Csr => self.hint_csr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Entry;

    crate::catalog! {
        /// A two-message catalog to prove the macro.
        pub struct Demo {
            fixed {
                /// A fixed word.
                hello,
            }
            rows {}
            formatted {
                /// A counted word.
                things(n: u64) samples [(1), (2)],
            }
        }
    }

    static EN: Demo = Demo {
        hello: "hello",
        things: |n| format!("{n} thing{}", if n == 1 { "" } else { "s" }),
    };

    #[test]
    fn methods_call_the_language_s_function_and_entries_walk_every_sample() {
        assert_eq!(EN.things(3), "3 things");
        let entry = |name, text: &str, samples: &[&str]| Entry {
            name,
            text: text.to_string(),
            samples: samples.iter().map(|s| s.to_string()).collect(),
        };
        assert_eq!(
            EN.entries(),
            vec![
                entry("hello", "hello", &[]),
                entry("things", "1 thing", &["1"]),
                entry("things", "2 things", &["2"]),
            ]
        );
    }
}
