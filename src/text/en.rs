//! English: the reference language; every other language file translates these entries one for one.

use super::{RangeWhat, Text};
use crate::activation::ValidityUnit;
use crate::activation::rules::Rule as ActivationRule;
use crate::api::credentials::CredentialSource;
use crate::api::error::{CallError, Reason};
use crate::config::{IoWhy, Problem, ValueRule, Where};
use crate::journal::ActionKind;
use crate::order::{LimitSource, PeriodUnit, Rule};

/// The English catalog.
pub static EN: Text = Text {
    step_period: "Period",
    step_quantity: "Quantity",
    step_renewal: "Renewal & payment",
    step_project: "Enterprise project",
    step_review: "Review",
    step_submitting: "Placing the order",
    step_result: "Order placed",
    step_error: "Order rejected",
    step_unknown: "Outcome unknown",
    step_not_sent: "Order not sent",
    sandbox_banner: "SANDBOX — nothing real is bought",
    sandbox_prices_pretend: "prices are pretend",
    credentials: "Credentials",
    region: "Region",

    hint_next: "next",
    hint_back: "back",
    hint_choose: "choose",
    hint_unit: "month/year",
    hint_change: "change",
    hint_help: "help",
    hint_quit: "quit",
    hint_filter: "filter",
    hint_json: "JSON",
    hint_place: "place order",
    hint_buy: "buy",
    hint_cancel: "cancel",
    hint_copy: "copy order ID",
    hint_review: "back to review",
    hint_close: "close",
    hint_scroll: "scroll",
    more_above: "↑ more above",
    more_below: "↓ more below",
    hint_list: "list",
    hint_wait: "waiting for the answer",
    hint_yes_no: "yes/no",
    hint_yes: "yes",
    hint_no: "no",
    any_key: "any key",

    period_question: "How long should the CAs run?",
    period_note: "Prepaid: the whole period is billed when the order is paid.",
    unit: "Unit",
    month: "Month",
    year: "Year",
    count: "Count",

    quantity_question: "How many private CAs to buy?",
    quantity: "Quantity",
    quota_loading: "Reading the account's CA quota…",
    quota_shrank: "The CA quota has arrived and allows fewer CAs than entered: change the quantity.",
    project_id_invalid: "This project's id is not 0 or a UUID, so it cannot be ordered into: pick another, or \"Enter an ID…\".",

    renewal_question: "How should the CAs be renewed and paid for?",
    auto_renew: "Auto-renew",
    auto_pay: "Auto-pay",
    yes: "Yes",
    no: "No",
    renew_yes: "Renews for the same period when it ends, billed to the account.",
    renew_no: "The CAs expire at the end of the period unless renewed by hand.",
    pay_yes: "Pays from the account balance as soon as the order is placed.",
    pay_no: |pay| {
        format!(
            "The order waits for payment: pay it right after ordering ({pay} on the result), or later in the console's Billing Center."
        )
    },

    project_question: "Which enterprise project should the CAs belong to?",
    filter: "Filter",
    enter_id_row: "Enter an ID…",
    disabled: "(disabled)",
    default_project: "(default)",
    projects_loading: "Loading enterprise projects…",
    project_id: "Project ID",
    project_id_hint: "0 is the default project; others are UUIDs. ↑ back to the list.",
    no_match: "No project matches the filter.",

    review_intro: "Check the order. Nothing is sent until you confirm.",
    period: "Period",
    project: "Enterprise project",
    promotion: "Promotion",
    promotion_hint: "optional, up to 2048 characters",
    sent_to: "Sent to",
    place_order: "Place order",
    price: "Price",
    price_loading: "fetching the price…",
    price_unavailable: "price unavailable — buying is still possible",
    price_unread: "price unavailable",
    json_title: "Request body",
    renew_value_yes: "Yes — renews automatically",
    renew_value_no: "No",
    pay_value_yes: "Yes — paid from the balance at once",
    pay_value_no: "No — pay on the next screen, or later in the console",
    quit_in_flight: |yes_no| format!("The order may still go through. Quit anyway? {yes_no}"),

    submitting_note: |quit| {
        format!("The request is in flight. {quit} asks first: the order may still go through.")
    },

    result_title: "The order was placed.",
    order_id: "Order ID",
    ca_ids: "CA IDs",
    next_title: "Next",
    next_pay: "Pay for the order in the console: Billing Center → My Orders → Pending payment.",
    next_paid: "Paid from the account balance: nothing left to pay.",
    next_activate: "Each CA stays PENDING until it is activated: once the order is paid, pca-order follows it and offers to activate the CAs; later, run pca-order activate.",
    journal: "Journal",
    journal_warning: "Warning: the outcome was not written to the journal. Note the order ID now:",
    confirm_again_warning: "An earlier attempt may have bought CAs: check the console's orders first.",
    copied: "Order ID sent to the terminal's clipboard (OSC 52): may not be supported.",
    copied_ca: "CA ID sent to the terminal's clipboard (OSC 52): may not be supported.",
    copied_cas: "CA IDs sent to the terminal's clipboard (OSC 52): may not be supported.",

    error_rejected: "The API rejected the order. Nothing was bought.",
    error_redirect: "The endpoint redirected the order elsewhere. The redirect was not followed: nothing was bought there.",
    error_unknown: "The order was sent, but its outcome is unknown. It may exist.",
    error_not_sent: "The order was not sent. Nothing was bought.",
    http_status: "HTTP status",
    error_code: "Error code",
    message: "Message",
    request_id: "Request ID",
    reason: "Reason",
    what_to_do: "What to do",
    advice_400: |review| {
        format!(
            "Fix the field the message names: {review} goes back to the review, then back to its step."
        )
    },
    advice_400_after: "Fix the field the message names, then start the wizard again.",
    advice_401: "Check the credentials: the token may have expired, or the AK/SK or signature is wrong.",
    advice_403: "The user lacks the pca:ca:create permission (or the account is on the other site); ask an admin.",
    advice_429: "Too many requests: wait a minute, then retry.",
    advice_400_cli: "Fix the flag the message names (see `pca-order order --help`) and run the command again.",
    advice_redirect: "Check --endpoint (or the region): the order must go straight to the CCM endpoint, and pca-order never follows a redirect with an order.",
    advice_other: "The request was refused; the code and message say why.",
    advice_unknown: "Check the console's orders (Billing Center → My Orders) before retrying — do not just resend, or you may buy twice.",
    advice_not_sent: "Nothing left this machine, so it is safe to retry once the cause is fixed.",
    retry_note: "A retry goes through the review and the same confirmation.",
    none: "—",

    help_title: "Keys",
    help_footer: |yes| {
        format!("Nothing is sent until you answer {yes} on the review. Any key closes this help.")
    },
    // `order` and its reports on the command line.
    cli_not_on_terminal: "not on a terminal, so there is no one to confirm the purchase: add --yes to buy (or --dry-run to see the request)",
    cli_cancelled: "Cancelled; nothing was sent.",
    cli_review_title: "About to order:",
    cli_review_title_sandbox: "About to order (SANDBOX: nothing real is bought):",
    cli_quota: "CA quota",
    cli_sandbox_note: "SANDBOX: nothing real was bought. ",
    cli_next: "Next: ",
    cli_dry_run: "# dry run: nothing is sent",
    cli_dry_run_sandbox: " (sandbox)",
    cli_dry_run_credentials: "# credentials: ",
    cli_what: "what",
    cli_auto_renew: "auto-renew",
    cli_auto_pay: "auto-pay",
    cli_project: "enterprise project",
    cli_promotion: "promotion",
    cli_region: "region",
    cli_endpoint: "endpoint",
    cli_credentials: "credentials",
    cli_yes: "yes",
    cli_no: "no",
    cli_pay_now: "yes, from the account balance now",
    cli_pay_later: "no, the order waits for payment in the console",
    cli_next_paid: "Paid from the account balance (auto-pay).",
    cli_next_activate: |flags| {
        format!(
            "Each CA is PENDING until you activate it, once the order is complete: `pca-order activate{flags}` (asks on a terminal), or the console."
        )
    },
    act_cli_ca_id_required: "CA_ID: required off a terminal (`pca-order cas --status PENDING` lists the CAs to activate); on a terminal, `pca-order activate` alone lets you choose",
    act_cli_pending_title: "PENDING CAs of this account, each with its order:",
    act_cli_no_pending: "No PENDING CA to activate: `pca-order cas` lists the account's CAs, `pca-order order` buys one.",
    act_cli_order_unknown: "order not in this machine's journal (bought elsewhere?): the service decides",
    act_cli_order_paid: "paid, complete",
    act_cli_order_unpaid: "NOT PAID",
    cli_order_id: "order id",
    cli_journal: "journal",
    cli_status: "status",
    cli_error_code: "error code",
    cli_message: "message",
    cli_request_id: "request id",
    cli_none: "(none)",
    cli_what_to_do: "What to do: ",
    cli_unknown: "Outcome unknown: ",
    cli_not_sent: "Not sent: ",
    cli_nothing_sent: "nothing was sent:",
    cli_promotion_sandbox: "--promotion holds sandbox: directives; only the sandbox obeys them, the real API gets them as discount text",
    // `history`.
    history_time: "TIME (UTC)",
    history_state: "STATE",
    history_order: "ORDER",
    history_what: "WHAT",
    history_region: "REGION",
    history_result: "RESULT",
    history_created: "created",
    history_rejected: "rejected",
    history_unknown: "UNKNOWN",
    history_not_sent: "not sent",
    history_no_answer: "NO ANSWER",
    history_sandbox: " (sandbox)",
    history_stopped: "stopped mid-request: check the console",
    // Billing after the order in the wizard (issue 9).
    hint_pay: "pay now",
    hint_cancel_order: "cancel order",
    hint_back_order: "back to the order",
    step_paying: "Paying",
    step_cancelling: "Cancelling the order",
    step_tracking: "Following the order",
    step_tracking_completed: "Order completed",
    ca_status_pending: "pending activation",
    ca_status_active: "active",
    ca_status_disabled: "disabled",
    ca_status_deleted: "scheduled for deletion",
    ca_status_expired: "expired",
    step_tracking_ended: "No longer following the order",
    step_pay_failed: "Payment not done",
    step_cancel_failed: "Cancellation not done",
    amount_to_pay: "To pay",
    amount_loading: "reading the amount…",
    amount_unknown: "could not be read — the console shows it",
    next_pay_now: |pay| {
        format!(
            "Press {pay} to pay now from the account balance (asked once), or pay in the console: Billing Center → My Orders → Pending payment."
        )
    },
    next_cancel: |cancel| format!("Press {cancel} to cancel the unpaid order (asked once)."),
    status_label: "Status",
    status_first_read: "reading the order's status…",
    paying_note: |quit| {
        format!("The payment is in flight. {quit} asks first: it may still go through.")
    },
    cancelling_note: |quit| {
        format!("The cancellation is in flight. {quit} asks first: it may still go through.")
    },
    quit_pay_in_flight: |yes_no| format!("The payment may still go through. Quit anyway? {yes_no}"),
    quit_cancel_in_flight: |yes_no| {
        format!("The cancellation may still go through. Quit anyway? {yes_no}")
    },
    tracking_title_paid: "The order was paid.",
    tracking_title_cancelled: "The order was cancelled. Nothing was paid.",
    tracking_title_checking: "Following the order to find out what happened.",
    tracking_completed: |activate, or| {
        format!(
            "Completed: the CAs are bought. Each stays PENDING until it is activated: press {activate} (or {or}) to activate them now."
        )
    },
    tracking_timed_out: "The wait's time limit passed before the order completed; it goes on without us.",
    pay_rejected: "The payment was refused. Nothing was paid.",
    pay_not_sent: "The payment was not sent. Nothing was paid.",
    pay_unknown: "The payment was sent, but its outcome is unknown. It may have been paid.",
    cancel_rejected: "The cancellation was refused. The order is unchanged.",
    cancel_not_sent: "The cancellation was not sent. The order is unchanged.",
    cancel_unknown: "The cancellation was sent, but its outcome is unknown. The order may be cancelled.",
    act_advice_rejected: |back| {
        format!(
            "Nothing changed. Read the error (too little balance, a permission), then try again from the order ({back}) or use the console."
        )
    },
    act_advice_not_sent: |back| {
        format!(
            "Nothing was sent: fix what the reason names (the network, the credentials, the journal), then try again from the order ({back})."
        )
    },
    pay_advice_unknown: |back| {
        format!(
            "Check the console's orders (Billing Center → My Orders) before paying again: it may have been paid. {back} follows the order's status here."
        )
    },
    cancel_advice_unknown: |back| {
        format!(
            "Check the order's status before acting again: it may be cancelled. {back} follows the order's status here."
        )
    },
    summary_pay: "Payment",
    summary_cancel: "Cancellation",
    summary_done: "done",
    summary_rejected: "refused — nothing changed",
    summary_not_sent: "not sent — nothing changed",
    summary_unknown: "UNKNOWN — it may have happened: check the console's orders before paying again",
    summary_left_in_flight: "left before its answer — it may have happened: check the console's orders before paying again",

    act_title: "Activate a private CA",
    act_choose: "Choose a PENDING CA to activate",
    act_loading: "Loading…",
    act_none_pending: "No PENDING CA in this account: nothing to activate.",
    act_load_failed: "Could not read the CAs:",
    act_type: "Type",
    act_root: "Root CA (signs itself)",
    act_subordinate_of: "Subordinate of",
    act_no_issuer: "No active CA to issue a subordinate: root only.",
    act_subordinate: "Subordinate CA",
    act_issuer: "Issuer",
    act_subject: "Subject",
    act_common_name: "Common name",
    act_organization: "Organisation",
    act_unit: "Unit",
    act_country: "Country",
    act_state: "State",
    act_locality: "Locality",
    act_keys: "Keys",
    act_key_algorithm: "Key algorithm",
    act_signature_algorithm: "Signature",
    act_sm_china_only: "SM2/SM3 are offered on the China website only.",
    act_sm_region_no: "This region does not offer SM2/SM3 (its console configuration says so).",
    act_sm_unchecked: "Whether this region offers SM2/SM3 could not be checked: they are offered by the website rule.",
    console_silent: "its console configuration does not say",
    life_summary_title: "My CAs — renewals, auto-renew and unsubscribe sent:",
    act_validity: "Validity",
    act_validity_note: "N then y|m|d|h; at most 30 y for a root, 20 y for a subordinate",
    act_validity_default_period: "Default: the period bought — the CA is paid for that long, and Terraform activates with the same (pca-order's choice).",
    act_validity_default_year: "Default: 1 year — the period bought is not known here (pca-order's choice).",
    act_dates: "Dates",
    act_dates_note: "If sent now; the service counts from when it activates the CA.",
    act_path_length: "Path length",
    act_path_length_note: "CA levels allowed below this one (0: it signs end-entity certificates only). Default 6, the most allowed (pca-order's choice).",
    act_issuers_path_zero: "Active CAs with path length 0 are not listed: they cannot sign a CA.",
    act_review: "Review",
    act_ca: "CA",
    act_json_hint: |json, next| {
        format!("{json} shows the exact JSON; {next} asks once before sending.")
    },
    act_question: |yes_no| format!("Activate this CA with these values? {yes_no}"),
    act_activating: "Activating… (sent once, never retried)",
    act_done: "Activated",
    act_status: "Status",
    act_serial: "Serial number",
    act_not_before: "Not before",
    act_not_after: "Not after",
    act_next_ca: |next| format!("{next}: activate the next CA with the same answers"),
    act_next_ca_under: |next, root| {
        format!("{next}: activate the next CA as a subordinate of {root} (root is still offered)")
    },
    validity_words: |value, unit| {
        let one = value == 1;
        let word = match unit {
            ValidityUnit::Year if one => "year",
            ValidityUnit::Year => "years",
            ValidityUnit::Month if one => "month",
            ValidityUnit::Month => "months",
            ValidityUnit::Day if one => "day",
            ValidityUnit::Day => "days",
            ValidityUnit::Hour if one => "hour",
            ValidityUnit::Hour => "hours",
        };
        format!("{value} {word}")
    },
    act_dates_value: |from, to| format!("{from} to {to}"),
    act_defaulted: |value| format!("{value} (default)"),
    act_leave: |leave| format!("{leave}: leave"),
    act_rejected: "Activation rejected: nothing changed.",
    act_not_sent: "Activation not sent: nothing changed.",
    act_unknown: |status| {
        format!(
            "Outcome unknown: the CA may be activated. Press {status} to read its status before trying again."
        )
    },
    hint_field: "next field",
    hint_activate: "activate",
    hint_status: "read status",
    hint_next_ca: "next CA",
    hint_prev_field: "previous field (back from the first)",
    hint_clear_field: "clear the field",
    hint_copy_ca: "copy CA ID",
    hint_copy_cas: "copy CA IDs",
    hint_my_cas: "My CAs",
    hint_show: "details",
    hint_clear_filter: "clear filter",
    hint_reload: "reload",
    hint_auto_renew: "auto-renew on/off",
    hint_unsubscribe: "unsubscribe",
    hint_renew: "renew",
    hint_count: "how many",
    hint_pay_now: "pay now",
    hint_price: "price",
    hint_back_to_list: "back to the list",
    hint_retry: "retry",
    hint_export: "export",
    exp_title: "Export certificate",
    exp_working: "Reading the certificate and writing the files…",
    exp_done: "✓ Saved the certificate",
    exp_failed: "Not exported:",
    exp_certificate_file: "certificate",
    exp_chain_file: "chain",
    hint_csr: "CSR (own root)",
    csr_title: "CSR: sign by my own root",
    csr_form_note: "The subject and key of this PENDING subordinate are saved (an INFERRED use of the API; they cannot be changed afterwards), then its CSR is written to a file here for your own root to sign.",
    csr_working: "Saving the subject, reading the CSR and writing the file…",
    csr_done: "✓ Wrote the CSR",
    csr_file: "CSR file",
    csr_next_label: "next",
    csr_next_note: "Have your root CA sign the CSR as a CA certificate, then run the command above with the signed certificate (and its chain). Nothing else changed on the service.",
    csr_saved_now: "The subject was saved (journaled).",
    csr_skipped: "The CA already had this subject saved: it was not saved again.",
    csr_failed: "No CSR written:",
    csr_changed: "The CA changed since My CAs read it (it has no subject saved now). Nothing was sent: go back and open it again.",
    csr_rejected: "Saving the subject was rejected: nothing changed.",
    csr_not_sent: "Saving the subject was not sent: nothing changed.",
    csr_unknown: "Whether the subject was saved is unknown: it may be. Read the CA in My CAs before trying again; the journal has the request.",
    exp_next: "PEM files, to put into trust stores and configuration. What is shown is read from the certificate itself; nothing changed on the service.",
    manage_title: "My CAs",
    manage_detail_title: "My CAs · details",
    manage_loading: "Reading the CAs and their subscriptions…",
    manage_unsub_title: "My CAs · unsubscribe",
    manage_unsub_ca: "The CA: it stops issuing and is deleted",
    manage_unsub_renewals: "Only the renewed periods not yet started: the CA keeps running",
    manage_life_title: "My CAs · paid life",
    manage_life_sending: "Sending (journaled); waiting for the answer…",
    manage_renew_title: "My CAs · renew",
    manage_renew_period: "Renew for",
    manage_renew_pay_now: "Pay now",
    manage_renew_yes: "Yes — paid now from the account balance",
    manage_renew_no: "No — the renewal order waits for payment",
    manage_renew_rating: "Reading the renewal price…",
    manage_renew_paid_now: "It is paid now from the account balance.",
    manage_typed_label: "Type it here:",
    manage_refund_loading: "Reading the refund breakdown…",
    manage_load_failed: "Could not read the CAs:",
    manage_none: "This account has no CAs.",
    manage_no_match: "No CA matches the filter.",
    manage_filter: "Filter",
    manage_paid_until: "paid until (subscription)",
    manage_auto_renew: "auto-renew",
    manage_subscription: "subscription",
    manage_cert_not_after: "not after (certificate)",
    manage_dates_note: "Paid until is when the subscription ends (BSS); not after is when the CA's certificate ends. They are different dates, and it is not documented that renewing moves not after.",
    manage_unlisted: "not listed by BSS",
    cli_manage_no_terminal: "`pca-order manage` is a full-screen view and needs a terminal (stdin and stdout a TTY, no --output json). For scripts, `pca-order cas` lists the same CAs with PAID UNTIL, AUTO-RENEW and NOT AFTER.",
    manage_quit_in_flight: |yes_no| {
        format!("The auto-renew switch or unsubscribe may still go through. Quit anyway? {yes_no}")
    },
    act_quit_in_flight: |yes_no| {
        format!("The activation may still go through. Quit anyway? {yes_no}")
    },
    act_journal_warning: "Warning: this activation's outcome was not written to the journal:",
    act_again_warning: "An earlier attempt may have activated this CA: read its status first.",
    act_may_have_activated: |status| {
        format!(
            "An earlier attempt for this CA had an unknown outcome: it may be active already. Press {status} to read its status before activating again."
        )
    },
    step_of: |n, total, name| format!("Step {n} of {total} · {name}"),
    period_value,
    quantity_value,
    range_note: |min, max, what| match what {
        RangeWhat::CasQuota if max < min => {
            "none left (the account's CA quota is used up)".to_string()
        }
        RangeWhat::Months => format!("{min}–{max} months (pca-order's limit; the API sets none)"),
        RangeWhat::Years => format!("{min}–{max} years (pca-order's limit; the API sets none)"),
        RangeWhat::Cas => format!("{min}–{max} (pca-order's limit; the API sets none)"),
        RangeWhat::CasQuota => format!("{min}–{max} (the account's CA quota)"),
    },
    quota_line: |used, quota, left| format!("CA quota: {used} of {quota} used, up to {left} more"),
    quota_failed: |reason| format!("Could not read the CA quota ({reason}); going on without it."),
    projects_failed: |reason| {
        format!("Could not load enterprise projects ({reason}); type an ID instead: 0 or a UUID.")
    },
    project_value: |id, name| match name {
        _ if id == "0" => "0 (default)".to_string(),
        Some(name) if !name.is_empty() => format!("{name} ({id})"),
        _ => id.to_string(),
    },
    confirm: |quantity, period_num, unit, yes_no| {
        format!(
            "Buy {} for {}? {yes_no}",
            quantity_value(quantity),
            period_value(period_num, unit)
        )
    },
    confirm_priced: |quantity, period_num, unit, amount, yes_no| {
        format!(
            "Buy {} for {} for {amount}? {yes_no}",
            quantity_value(quantity),
            period_value(period_num, unit)
        )
    },
    price_value: |amount, quantity, period_num, unit| {
        format!(
            "{amount} for {} × {}",
            quantity_value(quantity),
            period_value(period_num, unit)
        )
    },
    price_offer: |offer, off| format!("list price; offer −{off} ({offer}) not applied"),
    credential_source: |source| match source {
        CredentialSource::TokenFile(p) => format!("--token-file {}", p.display()),
        CredentialSource::TokenStdin => "--token-file - (stdin)".to_string(),
        CredentialSource::EnvToken => "env HUAWEICLOUD_AUTH_TOKEN".to_string(),
        CredentialSource::EnvHuaweicloudSdk => "env HUAWEICLOUD_SDK_AK/SK".to_string(),
        CredentialSource::EnvCloudSdk => "env CLOUD_SDK_AK/SK".to_string(),
        CredentialSource::CredentialsFile(p) => format!("{} [global]", p.display()),
        CredentialSource::Metadata => "ECS agency (metadata)".to_string(),
        CredentialSource::PodIdentity => "CCE pod identity".to_string(),
        CredentialSource::KooCli(name) => format!("KooCLI profile {name}"),
        CredentialSource::Sandbox => "sandbox (built-in test credentials)".to_string(),
        CredentialSource::Missing => "none found: a real request would not be sent".to_string(),
    },
    waiting_for_answer: |secs| {
        format!(
            "The order is still in flight: waiting up to {secs} s for its answer so it is journaled (Ctrl-C stops waiting)…"
        )
    },
    submitting: |secs| format!("Placing the order… {secs:.1} s"),
    more_ids: |n| format!("…and {n} more (all in the journal)"),
    too_small: |need_w, need_h, w, h, quit| {
        format!(
            "Terminal too small (need {need_w}×{need_h}, have {w}×{h}). Enlarge it, or press {quit} to quit."
        )
    },
    rule,
    reason_sentence,
    call_error,
    activation_rule,
    // `order` and its reports on the command line.
    cli_confirm: |quantity, period_num, unit, price| {
        let price = price.map(|p| format!(" for {p}")).unwrap_or_default();
        format!(
            "Buy {} for {}{price}? [y/N] ",
            quantity_value(quantity),
            period_value(period_num, unit)
        )
    },
    cli_ordered: |quantity, period_num, unit| {
        format!(
            "Ordered {} for {}.",
            quantity_value(quantity),
            period_value(period_num, unit)
        )
    },
    cli_purchase: |quantity, period_num, unit| {
        format!(
            "{} for {}",
            quantity_value(quantity),
            period_value(period_num, unit)
        )
    },
    cli_credentials_value: |kind, source| format!("{kind} from {source}"),
    cli_quota_value: |used, quota, left| format!("{used} of {quota} used, up to {left} more"),
    cli_quota_unread: |reason| {
        format!("could not read the CA quota ({reason}); ordering without checking it")
    },
    region_sells_none: |region| {
        format!(
            "region {region} does not sell yearly/monthly private CAs (its console configuration says so): \
             an order here would be refused, so none is placed. Choose another region."
        )
    },
    console_unread_sm: |region, reason| {
        format!(
            "could not check whether region {region} offers SM2/SM3 ({reason}); pca-order's website rule decides (only cn-* regions offer them)"
        )
    },
    console_unread: |region, reason| {
        format!("could not check what region {region} sells ({reason}); nothing is blocked")
    },
    cli_in_flight: |secs| {
        format!(
            "the order is in flight: waiting up to {secs} s for its answer so it is journaled (a second signal stops waiting)…"
        )
    },
    cli_next_pay: |order_id, flags| {
        format!(
            "Order {order_id} waits for payment: `pca-order pay {order_id}{flags}` (asks, naming the amount), or the Huawei Cloud console (Billing Center > Orders > My Orders)."
        )
    },
    // `history`.
    history_empty: |path| format!("No orders in {path}."),
    history_pretend: |n| {
        format!(
            "{n} sandbox attempt{} not listed: sent to the sandbox or a plain-http loopback endpoint, so nothing real was bought (`pca-order history --sandbox` lists them).",
            if n == 1 { "" } else { "s" }
        )
    },
    history_sandbox_elsewhere: |n| {
        format!(
            "The sandbox journal holds {n} attempt{}: `pca-order history --sandbox`.",
            if n == 1 { "" } else { "s" }
        )
    },
    history_damaged: |n, path, lines| {
        format!(
            "{n} damaged line{} skipped in {path} (line {lines}): invalid UTF-8, not JSON, or cut short",
            if n == 1 { "" } else { "s" }
        )
    },
    history_ca_ids: |n| format!("{n} CA ids"),
    history_check: |reason| format!("check the console: {reason}"),
    history_unreadable: |path, error| format!("cannot read the journal {path} ({error})"),
    // Billing after the order in the wizard (issue 9).
    confirm_pay: |order_id, amount, yes_no| match amount {
        Some(a) => format!("Pay {a} for order {order_id} now? {yes_no}"),
        None => format!("Pay order {order_id} now (its amount could not be read)? {yes_no}"),
    },
    confirm_cancel: |order_id, yes_no| format!("Cancel the unpaid order {order_id}? {yes_no}"),
    acting_pay: |secs| format!("Paying… {secs:.1} s"),
    acting_cancel: |secs| format!("Cancelling the order… {secs:.1} s"),
    status_with_code: |name, code| format!("{name} (status {code})"),
    journal_readable: |path, mode| {
        format!(
            "the journal {path} can be read by other users (mode {mode}); it holds your order ids and requests: chmod 600 {path}"
        )
    },
    tracking_elapsed: |secs| format!("following for {secs} s"),
    tracking_ended: |status| format!("The order ended as {status}: nothing more to follow."),
    tracking_poll_failed: |reason| {
        format!("Could not read the order this time ({reason}); still following.")
    },
    tracking_leave: |order_id, leave, flags| {
        format!(
            "{leave} leaves at any time; the order goes on. Follow it again with `pca-order status{flags} {order_id} --wait`."
        )
    },
    manage_waiting_for_answer: |secs| {
        format!(
            "The auto-renew switch or unsubscribe is still in flight: waiting up to {secs} s for its answer so it is journaled (Ctrl-C stops waiting)…"
        )
    },
    waiting_for_act: |secs| {
        format!(
            "The payment or cancellation is still in flight: waiting up to {secs} s for its answer so it is journaled (Ctrl-C stops waiting)…"
        )
    },
    // The command line beyond `order` and `history` (issue 8): notes, credentials, billing, CAs.
    cli_token_stdin_wait: "Waiting for the IAM token on stdin (--token-file -): paste it, press Enter, then Ctrl-D.",
    cli_placeholder_credentials: "showing placeholder credentials in this dry run",
    cli_wizard_no_json: "the wizard has no JSON output: --output json needs a command (`pca-order --help` lists them)",
    cli_wizard_token_stdin: "--token-file - reads stdin, which the wizard needs for keys; pass a file path",
    cli_journal_unusable: |error| format!("{error}; nothing was sent"),
    credential_token: "IAM token",
    bill_price_title: "Price",
    bill_price_row: "price",
    bill_pretend: " (SANDBOX: a pretend price list)",
    bill_pay_needs_yes: "not on a terminal, so there is no one to confirm the payment: add --yes to pay",
    bill_cancel_needs_yes: "not on a terminal, so there is no one to confirm the cancellation: add --yes to cancel",
    bill_unknown_advice: |order_id, flags| {
        format!(
            "It may have happened: check the order with `pca-order status {order_id}{flags}` (or the console's orders) before trying again."
        )
    },
    bill_rejected_advice: |order_id, flags| {
        format!(
            "Nothing changed. Read the error, then check the order with `pca-order status {order_id}{flags}`."
        )
    },
    bill_not_sent_advice: "Nothing was sent: fix what the reason names (the network, the credentials, the journal), then try again.",
    bill_wait_limit: |order_id| {
        format!(
            "the wait's time limit was reached before the order completed; it goes on without us: check it later with `pca-order status {order_id}`"
        )
    },
    bill_wait_left: |order_id| {
        format!(
            "left the wait on a signal; the order goes on without us: check it later with `pca-order status {order_id}`"
        )
    },
    bill_sandbox_paid: "SANDBOX: nothing real was paid. ",
    bill_sandbox_cancelled: "SANDBOX: nothing real was cancelled. ",
    bill_dry_run_price: "not asked: a dry run sends nothing (`pca-order price` with the same flags asks for it)",
    bill_no_credentials: "no credentials to ask with",
    bill_amount: "amount",
    bill_list_price: "list price",
    bill_created: "created",
    bill_paid: "paid",
    bill_pay_before: "pay before",
    cas_none: "No CAs.",
    cas_col_id: "CA ID",
    cas_col_type: "TYPE",
    cas_col_status: "STATUS",
    cas_col_common_name: "COMMON NAME",
    cas_col_key: "KEY",
    cas_col_not_after: "NOT AFTER",
    cas_col_paid_until: "PAID UNTIL",
    cas_col_auto_renew: "AUTO-RENEW",
    cas_auto_renew_on: "on",
    cas_auto_renew_off: "off",
    cas_unknown: "unknown",
    renew_needs_yes: "not on a terminal, so there is no one to confirm the renewal: add --yes to renew (or --dry-run to see the price)",
    renew_price_title: "Renewal price:",
    renew_what: "renews",
    renew_discount: "discount offered",
    renew_nothing_renewable: "Nothing was renewed and nothing was sent: BSS will not renew any of these CAs.",
    renew_dry_run: "Dry run: nothing was renewed. This renew request would be sent:",
    renew_nothing_renewed: "BSS accepted the request but renewed none of the CAs:",
    renew_sandbox: "SANDBOX: nothing real was renewed.\n",
    renew_unknown_advice: "a renewal order may exist: look for it with `pca-order history` and in the console's orders (renewal, pending payment) before renewing again",
    renew_follow_not_moved: "BSS's records do not show the new paid-until yet; going back to the list reads them again.",
    renew_not_after_note: "The certificate's NOT AFTER is shown as read: whether renewing the subscription moves it is not documented.",
    renew_history_title: "Renewals:",
    renew_history_no_answer: "no answer recorded: a renewal order may exist; check the console",
    expiring_col_why: "WHY",
    expiring_why_subscription: "subscription ends, auto-renew off",
    expiring_why_certificate: "certificate ends",
    expiring_why_certificate_auto_renew: "certificate ends (auto-renew renews the subscription, not the certificate)",
    ca_id: "CA id",
    ca_type: "type",
    ca_status: "status",
    ca_common_name: "common name",
    ca_country: "country",
    ca_organization: "organization",
    ca_unit: "organizational unit",
    ca_state: "state",
    ca_locality: "locality",
    ca_issuer: "issuer",
    ca_key_algorithm: "key algorithm",
    ca_signature_algorithm: "signature algorithm",
    ca_serial: "serial number",
    ca_not_before: "not before",
    ca_not_after: "not after",
    export_subject: "subject",
    export_fingerprint: "SHA-256",
    export_root_no_chain: "the CA is a root: it has no chain",
    ca_keys: "keys",
    ca_validity: "validity",
    ca_path_length: "path length",
    ca_path_length_why: "the most allowed, so this CA may sign further CAs (pca-order's choice; --path-length 0-6 to change)",
    ca_dates: "dates",
    ca_body: "body",
    act_cli_needs_yes: "not on a terminal, so there is no one to confirm the activation: add --yes to activate (or --dry-run to see the request)",
    act_cli_fix_and_retry: "Nothing changed; fix what the message names and try again.",
    act_cli_safe_retry: "Nothing changed; it is safe to try again.",
    act_cli_sandbox_note: "SANDBOX: nothing real was activated. ",
    act_cli_history_title: "Activations:",
    act_cli_history_activated: "activated",
    history_subject_saved: "subject saved",
    history_imported: "imported",
    file_exists: "it exists; pca-order never overwrites a file",
    csr_what: "Saving the subject",
    import_what: "Import",
    ca_op_safe_retry: "Nothing changed; it is safe to try again.",
    import_rule_not_ca: "it is not a CA certificate (basic constraints CA:TRUE is missing)",
    import_rule_key: "its public key is not the CSR's: it was not issued for this CA's CSR (`pca-order csr CA_ID` prints it)",
    file_not_regular: "not a regular file (a directory, FIFO or device is refused)",
    history_paid: "paid",
    history_cancelled: "cancelled",
    history_done: "done",
    history_action_stopped: "stopped mid-request: check the order",
    cli_note: |message| format!("note: {message}"),
    cli_warning: |message| format!("warning: {message}"),
    sandbox_reset: |path| {
        format!("The sandbox's pretend account ({path}) starts over: no orders, no CAs.")
    },
    man_unknown_command: |name, known| {
        format!("there is no command '{name}' to show a manual page for; the commands are: {known}")
    },
    config_problem,
    cli_request_in_flight: |secs| {
        format!(
            "the request is in flight: waiting up to {secs} s for its answer so it is journaled (a second signal stops waiting)…"
        )
    },
    credential_ak: |masked, temporary| {
        format!("AK {masked}{}", if temporary { " (temporary)" } else { "" })
    },
    bill_what: |quantity, period_num, unit| {
        let cas = if quantity == 1 { "CA" } else { "CAs" };
        format!("{quantity} {cas} × {}", period_value(period_num, unit))
    },
    bill_price_value: |amount, what| format!("{amount} for {what} (list price)"),
    bill_price_offer: |amount, what, offer, off, name| {
        let name = if name.is_empty() {
            String::new()
        } else {
            format!(" ({name})")
        };
        format!(
            "{amount} for {what} (list price; an offer of −{off}{name}, {offer}, is not applied: pca-order orders and pays without discounts)"
        )
    },
    bill_price_unavailable: |why| format!("price unavailable ({why}); buying is still possible"),
    bill_bad_order_id: |shown, min, max| {
        format!(
            "ORDER_ID: \"{shown}\" must be {min}-{max} letters, digits, - or _ (like CS2611291200ABCDE)"
        )
    },
    bill_pay_question: |order_id, amount| match amount {
        Some(a) => format!("Pay {a} for order {order_id} now? [y/N] "),
        None => format!("Pay order {order_id} now (its amount could not be read)? [y/N] "),
    },
    bill_cancel_question: |order_id| format!("Cancel the unpaid order {order_id}? [y/N] "),
    bill_not_payable: |kind, order_id, status, code| {
        let what = match kind {
            ActionKind::Pay => "paid",
            ActionKind::Cancel => "cancelled",
        };
        format!(
            "order {order_id} is {status} (status {code}): only an order pending payment can be {what}; nothing was sent"
        )
    },
    bill_cannot_read: |order_id, error| format!("cannot read order {order_id}: {error}"),
    bill_done: |kind, order_id| match kind {
        ActionKind::Pay => format!("Paid order {order_id}."),
        ActionKind::Cancel => format!("Cancelled order {order_id}."),
    },
    bill_next_status: |order_id, flags| {
        format!("Next: follow it with `pca-order status {order_id} --wait{flags}`.")
    },
    bill_next_renewed: |command| {
        format!(
            "Next: the renewal extended its CAs' subscriptions; `{command}` shows the new paid-until dates."
        )
    },
    bill_next_activate: |command| {
        format!("Next: activate the CAs (each stays PENDING until then): `{command}`.")
    },
    bill_wait_spinner: |frame, secs| {
        format!("{frame} {secs}s waiting for the order; Ctrl-C leaves, the order goes on")
    },
    act_cli_pending_row: |n, ca_id, order, state| {
        format!("{n:>3}. CA {ca_id}  order {order}: {state}")
    },
    act_cli_order_unread: |error| format!("order could not be read ({error})"),
    act_cli_order_other: |status, code| format!("{status} (status {code})"),
    act_cli_choose: |count| {
        format!("Activate which CA? Its number (1-{count}); Enter alone cancels: ")
    },
    act_cli_unpaid: |order_id, flags| {
        format!(
            "pay order {order_id} first: `pca-order pay {order_id}{flags}`, then `pca-order status {order_id} --wait{flags}`; a CA can be activated once its order is complete. Nothing was sent"
        )
    },
    act_cli_not_complete: |order_id, status, code, flags| {
        format!(
            "order {order_id} is {status} (status {code}); a CA can be activated once its order is complete: `pca-order status {order_id} --wait{flags}`. Nothing was sent"
        )
    },
    bill_refused: |kind, order_id, error| {
        format!("Refused ({} of order {order_id}): {error}", kind.word())
    },
    bill_unknown: |kind, order_id, reason| {
        format!(
            "Outcome unknown ({} of order {order_id}): {reason}",
            kind.word()
        )
    },
    bill_not_sent: |kind, order_id, reason| {
        format!("Not sent ({} of order {order_id}): {reason}", kind.word())
    },
    bill_order_line: |order_id, sandbox, status, code| {
        let sandbox = if sandbox { " (SANDBOX)" } else { "" };
        format!("Order {order_id}{sandbox}: {status} (status {code})")
    },
    bill_ca_line: |ca_id, status, ca_status| format!("CA {ca_id}: {status}, CA status {ca_status}"),
    bill_ca_unread: |ca_id, status, error| {
        format!("CA {ca_id}: {status}, CA status not read ({error})")
    },
    bill_progress: |secs, status, code| format!("{secs:>4}s  {status} (status {code})"),
    bill_still_waiting: |error| {
        format!("could not read the order this time ({error}); still waiting")
    },
    bill_last_seen: |status, code| format!(" (last seen: {status}, status {code})"),
    bill_following: |order_id, status, code| {
        format!(
            "Following order {order_id}: {status} (status {code}); Ctrl-C leaves, the order goes on."
        )
    },
    bill_following_new: |order_id| {
        format!("Following order {order_id}; Ctrl-C leaves, the order goes on.")
    },
    bill_follow_unconfirmed: |order_id, flags| {
        format!(
            "order {order_id} was placed; its completion could not be confirmed here, so this ends as unknown (exit 4): check it with `pca-order status {order_id}{flags}` and do not order again"
        )
    },
    bill_wait_unpaid: |order_id| {
        format!(
            "--wait: the order waits for payment; pay it with `pca-order pay {order_id}`, then `pca-order status {order_id} --wait`"
        )
    },
    // English is the documented name, stated once in `billing` (the JSON's `status_name` too).
    order_status: |status| status.name().to_string(),
    resource_status: |status| crate::billing::resource_status_name(status.0).to_string(),
    history_action_refused: |kind| format!("{} refused", kind.word()),
    history_action_unknown: |kind| format!("{} UNKNOWN", kind.word()),
    history_action_not_sent: |kind| format!("{} not sent", kind.word()),
    history_action_no_answer: |kind| format!("{} NO ANSWER", kind.word()),
    history_action_what: |kind| format!("└ {}", kind.word()),
    history_check_order: |reason| format!("check the order: {reason}"),
    cas_bad_status: |list| format!("--status: must be one of {list}"),
    cas_read_failed: |error| format!("could not read the CAs: {error}"),
    export_not_exportable: |status| {
        format!(
            "the CA is {status}: only an ACTIVED, EXPIRED or DISABLED CA can export its certificate"
        )
    },
    export_failed: |error| format!("could not export the certificate: {error}"),
    export_wrote: |path| format!("wrote {path}"),
    export_chain_checked: |count, verified| {
        let how = if verified {
            "every signature verified"
        } else {
            "names and key identifiers match (a signature algorithm this tool cannot verify)"
        };
        let noun = if count == 1 {
            "certificate"
        } else {
            "certificates"
        };
        format!("chain: {count} {noun}, {how}")
    },
    save_exists: |path| format!("{path} exists; nothing was written (--force replaces it)"),
    save_symlink: |path| {
        format!("{path} is a symbolic link; nothing was written (refused even with --force)")
    },
    save_directory: |path| format!("{path} is a directory; nothing was written"),
    save_not_regular: |path| {
        format!("{path} is not a regular file (a FIFO, socket or device); nothing was written")
    },
    exp_taken: |taken, used| {
        format!("{taken} was already there and is left alone; saved as {used}")
    },
    exp_all_taken: |path| {
        format!("{path} and every numbered name before it are taken; nothing was written")
    },
    save_io: |path, error| format!("could not write {path}: {error}; nothing was written"),
    cas_paid_until: |date, days| format!("{date} ({days} d left)"),
    cas_paid_expired: |date| format!("{date} (ended)"),
    cas_paid_closed: |date| format!("{date} (ended: closed)"),
    renew_rule,
    renew_rate_failed: |error| {
        format!("could not read the renewal price, so nothing was sent: {error}")
    },
    renew_question: |cas, period, amount| {
        let s = if cas == 1 { "" } else { "s" };
        format!("Renew {cas} CA{s} for {period}, for {amount}? [y/N] ")
    },
    renew_what_value: |cas, period| {
        let s = if cas == 1 { "" } else { "s" };
        format!("{cas} CA{s} × {period}")
    },
    renew_discount_value: |amount, name| {
        if name.is_empty() {
            amount.to_string()
        } else {
            format!("{amount} ({name})")
        }
    },
    renew_failure,
    renew_order_completed: |order_id| format!("Renewal order {order_id} completed."),
    renew_order_not_completed: |order_id, flags| {
        format!(
            "Renewal order {order_id} did not complete while waiting; it exists: follow it with `pca-order status{flags} {order_id} --wait`, do not renew again"
        )
    },
    renew_after: |ca_id, paid_until, not_after| {
        format!("  {ca_id}: paid until {paid_until}; certificate NOT AFTER {not_after}")
    },
    renew_done: |order_ids| format!("Renewal order {order_ids} created."),
    renew_paid_summary: |order_id, flags| {
        format!(
            "Paid from the account balance; follow it with `pca-order status{flags} {order_id} --wait`."
        )
    },
    life_summary_renew: |ca, words| format!("CA {ca}: {words}"),
    renew_pay_next: |order_id, flags| {
        format!(
            "It waits for payment: pay it with `pca-order pay{flags} {order_id}`, then follow it with `pca-order status{flags} {order_id} --wait`."
        )
    },
    renew_follow_waiting: |order_id, status, secs| {
        format!("Renewal order {order_id}: {status}… following for {secs} s")
    },
    renew_follow_ended: |order_id, status, flags| {
        format!(
            "Renewal order {order_id} ended as {status} and will not complete: check it with `pca-order status{flags} {order_id}`."
        )
    },
    renew_follow_unreadable: |order_id, error, flags| {
        format!(
            "Renewal order {order_id} could not be read ({error}); no longer following it. The order exists: check it with `pca-order status{flags} {order_id} --wait`, do not renew again."
        )
    },
    renew_follow_leave: |order_id, flags| {
        format!(
            "Going back to the list stops following; the order goes on: follow it later with `pca-order status{flags} {order_id} --wait`."
        )
    },
    renew_paid_moved: |ca_id, paid_until, was, not_after| {
        format!("  {ca_id}: paid until {paid_until} (was {was}); certificate NOT AFTER {not_after}")
    },
    renew_refused: |error| format!("The renewal was refused; nothing was renewed: {error}"),
    renew_unknown: |reason| format!("The renewal's outcome is unknown: {reason}"),
    renew_not_sent: |reason| format!("The renewal was not sent; nothing was renewed: {reason}"),
    expiring_bad_within: |given| {
        format!(
            "--within: \"{given}\" is not a window: a whole number and h (hours), d (days) or w (weeks), 1 hour to 3650 days, e.g. 30d"
        )
    },
    expiring_none: |within| {
        format!(
            "No CA's subscription or certificate ends within {within} without renewing itself (exit 0)."
        )
    },
    expiring_summary: |count, within| {
        if count == 1 {
            format!("1 CA needs attention within {within} (exit 6).")
        } else {
            format!("{count} CAs need attention within {within} (exit 6).")
        }
    },
    expiring_unread: |error| {
        format!(
            "the subscriptions could not be read, so whether a CA's paid period ends is unknown (exit 4): {error}"
        )
    },
    renew_history_renewed: |order_ids| format!("renewal order {order_ids}"),
    renew_history_unknown: |reason| {
        format!("unknown ({reason}): a renewal order may exist; check the console")
    },
    manage_count: |shown, total| {
        if shown == total {
            format!("{total} CA{}", if total == 1 { "" } else { "s" })
        } else {
            format!("{shown} of {total} CAs")
        }
    },
    manage_subscription_status: |name, code| format!("{name} (status {code})"),
    cas_paid_unread: |error| {
        format!(
            "the subscriptions could not be read from BSS, so PAID UNTIL and AUTO-RENEW are unknown: {error}"
        )
    },
    act_cli_review_title: |ca_id, sandbox| {
        format!(
            "About to activate CA {ca_id}{}:",
            if sandbox { " (SANDBOX)" } else { "" }
        )
    },
    act_cli_keys_value: |key, signature| format!("{key} signed with {signature}"),
    csr_review_title: |ca_id, sandbox| {
        format!(
            "About to save the subject and key algorithm of subordinate CA {ca_id}{} — CreateCertificateAuthority with its ca_id, an INFERRED use of the API (from the SDK's field description; not verified against the real service). The subject cannot be changed afterwards:",
            if sandbox { " (SANDBOX)" } else { "" }
        )
    },
    csr_question: |ca_id| format!("Save this subject for CA {ca_id} (inferred step)? [y/N] "),
    csr_skip_saved: |ca_id| {
        format!("CA {ca_id} already has this subject saved: not saving it again, reading its CSR.")
    },
    csr_saved_differs: |ca_id, saved| {
        format!(
            "CA {ca_id} already has another subject saved ({saved}); it cannot be changed. Nothing was sent. Run `pca-order csr {ca_id}` with that subject to read its CSR."
        )
    },
    ca_op_wrong_state: |ca_id, status| {
        format!(
            "CA {ca_id} is {status}: a CSR and an import are only for a PENDING subordinate. Nothing was sent."
        )
    },
    csr_bad_answer: |detail| {
        format!("the CSR the service returned is not a CSR ({detail}); nothing was printed")
    },
    csr_subject_differs: |got| {
        format!(
            "the CSR the service returned is for {got}, not the subject saved; nothing was printed"
        )
    },
    csr_written: |path| format!("Wrote the CSR to {path}."),
    csr_next: |ca_id, flags| {
        format!(
            "Next: have your root CA sign it (as a CA certificate), then: pca-order import{flags} {ca_id} --certificate sub.pem [--chain chain.pem]"
        )
    },
    csr_out_failed: |path, error| format!("cannot write {path}: {error}"),
    csr_wiz_question: |ca_id, yes_no| {
        format!("Save this subject for CA {ca_id} (inferred step)? {yes_no}")
    },
    csr_other_ca: |ca_id, answered| {
        format!(
            "Accepted, but the answer named another CA ({answered}): whether the subject of CA {ca_id} was saved is unknown."
        )
    },
    ca_op_refused: |what, status, code, message, request_id| {
        let rid = request_id
            .map(|r| format!(" (request id {r})"))
            .unwrap_or_default();
        format!("{what} refused: HTTP {status} {code}: {message}{rid}")
    },
    ca_op_unknown_advice: |ca_id| {
        format!(
            "it may have taken effect: run `pca-order ca {ca_id}` to read the CA before trying again (it is never retried on its own)"
        )
    },
    ca_op_needs_yes: |command| {
        format!("not on a terminal, so there is no one to confirm: add --yes to {command}")
    },
    file_unreadable: |path, why| format!("cannot read {path}: {why}"),
    file_too_big: |max| format!("larger than {max} bytes"),
    import_file_bad: |path, rule| format!("{path}: {rule}. Nothing was sent."),
    import_rule_unreadable: |detail| format!("not a PEM certificate ({detail})"),
    import_rule_not_one: |count| {
        format!(
            "it holds {count} certificates; give the CA's own certificate alone, and its issuers with --chain"
        )
    },
    import_rule_chain: |detail| {
        format!("the chain does not link the certificate to its issuers ({detail})")
    },
    import_rule_too_long: |len, max| {
        format!("it is {len} characters as PEM, more than the documented {max}")
    },
    import_review_title: |ca_id, sandbox| {
        format!(
            "About to import this certificate for CA {ca_id}{}:",
            if sandbox { " (SANDBOX)" } else { "" }
        )
    },
    import_summary: |subject, issuer, serial, valid, sha256, chain| {
        let noun = if chain == 1 {
            "certificate"
        } else {
            "certificates"
        };
        format!(
            "  subject      {subject}\n  issuer       {issuer}\n  serial       {serial}\n  valid        {valid}\n  SHA-256      {sha256}\n  chain        {chain} {noun}, linked\n"
        )
    },
    import_question: |ca_id| format!("Import it for CA {ca_id}? [y/N] "),
    import_imported: |ca_id| format!("Imported: CA {ca_id} is active."),
    import_not_active: |ca_id, status| {
        format!(
            "Accepted (204), but CA {ca_id} reads {status}, not active: the outcome is unknown."
        )
    },
    import_other_ca: |ca_id, read_id| {
        format!(
            "Accepted (204), but reading CA {ca_id} back returned another CA ({read_id}): whether it is active is unknown."
        )
    },
    import_unreadable: |error| {
        format!("Accepted (204), but the CA could not be read back: {error}")
    },
    act_cli_question: |ca_id| format!("Activate CA {ca_id}? [y/N] "),
    act_cli_unknown_advice: |ca_id| {
        format!(
            "the CA may have been activated: run `pca-order ca {ca_id}` to read its status before trying again (activation is never retried on its own)"
        )
    },
    act_cli_refused: |status, code, message, request_id| {
        let rid = request_id
            .map(|r| format!(" (request id {r})"))
            .unwrap_or_default();
        format!("Activation refused: HTTP {status} {code}: {message}{rid}")
    },
    act_cli_unknown: |reason| format!("Outcome unknown: {reason}"),
    act_cli_not_sent: |reason| format!("Not sent: {reason}"),
    act_cli_accepted: |ca_id| format!("Activation of CA {ca_id} accepted."),
    act_cli_activated: |ca_id| format!("Activated CA {ca_id}."),
    act_cli_not_active: |ca_id, status| {
        format!("Accepted (204), but CA {ca_id} reads {status}, not active.")
    },
    act_cli_unreadable: |error| {
        format!("Accepted (204), but the CA could not be read back: {error}")
    },
    act_cli_other_ca: |ca_id, read_id, status| {
        format!(
            "Accepted (204), but reading CA {ca_id} back returned another CA ({read_id}, {status}): whether {ca_id} is active is unknown."
        )
    },
    act_cli_history_rejected: |status, code| format!("rejected: HTTP {status} {code}"),
    act_cli_history_unknown: |ca_id, reason| {
        format!("UNKNOWN: run `pca-order ca {ca_id}` ({reason})")
    },
    act_cli_history_not_sent: |reason| format!("not sent: {reason}"),
    act_cli_history_no_answer: |ca_id| {
        format!("NO ANSWER: stopped mid-request; run `pca-order ca {ca_id}`")
    },
    // ---- auto-renew and unsubscribe (issue 20, part 2) ----
    lc_auto_renew_needs_yes: "not on a terminal, so there is no one to confirm the switch: add --yes to switch auto-renew",
    lc_unsubscribe_needs_yes: "not on a terminal, so there is no one to confirm the unsubscribe: add --yes (and --what) to unsubscribe",
    lc_what_required: "--what is required: ca (the CA and its renewed periods: the CA stops working and is deleted) or renewals (only renewed periods not yet started: the CA keeps running)",
    lc_bad_times: "--times: must be a whole number from 0 to 99 (0 = renew until switched off)",
    lc_on_only: "--times and --period-unit go with `on` only",
    lc_ca_warning: "This ends the CA:\n  - it stops issuing at once and is deleted;\n  - every certificate it signed loses its issuer: chains up to it stop validating once it is gone;\n  - it cannot be restored once deleted;\n  - a refund may be reduced by a handling fee or what was used. BSS may refund in full within 5 days of purchase; that rule is BSS's, not pca-order's to promise.",
    lc_renewals_warning: "This ends only the renewed periods that have not started: the CA keeps running until its current paid period ends, which moves back to that date. A refund may be reduced by a handling fee.",
    lc_typed_mismatch: "What was typed is not the CA's common name or its id: nothing was sent.",
    lc_refund_title: "Refund breakdown (negative = refunded to you, positive = used or a fee):",
    lc_refund_none: "BSS lists no refund line for this unsubscribe (yet).",
    lc_sandbox_note: "SANDBOX: nothing real changed.\n",
    lc_readback_missing: "BSS does not list this CA's subscription, so the setting could not be read back.",
    lc_history_title: "Auto-renew and unsubscribe:",
    lc_history_accepted: "accepted",
    lc_auto_renew_question: |on, ca_id, common_name, times| {
        let cn = common_name.map(|c| format!(" ({c})")).unwrap_or_default();
        if on {
            let times = match times {
                Some("0") => " Renewals: until switched off.".to_string(),
                Some(n) => format!(" Renewals: {n}."),
                None => " Renewals: BSS's default (no limit on a first switch-on).".to_string(),
            };
            format!(
                "Switch auto-renew ON for CA {ca_id}{cn}? BSS then charges the renewal 7 days before the paid period ends, at 03:00, and retries daily at 03:00 until it is paid or the retention period ends.{times} [y/N] "
            )
        } else {
            format!(
                "Switch auto-renew OFF for CA {ca_id}{cn}? The CA then ends with its paid period unless it is renewed by hand. [y/N] "
            )
        }
    },
    lc_auto_renew_done: |on, ca_id| {
        format!(
            "Auto-renew switched {} for CA {ca_id}.",
            if on { "on" } else { "off" }
        )
    },
    lc_readback: |on, agrees| {
        let state = if on { "on" } else { "off" };
        if agrees {
            format!("BSS now reads auto-renew: {state}.")
        } else {
            format!(
                "But BSS reads auto-renew: {state}. The switch was accepted; read it again in a minute with `pca-order cas`."
            )
        }
    },
    lc_readback_failed: |error| {
        format!("the setting could not be read back (the switch stands): {error}")
    },
    lc_auto_renew_refused: |ca_id, error| {
        format!("Auto-renew switch refused for CA {ca_id}: {error}")
    },
    lc_auto_renew_unknown: |ca_id, reason| {
        format!("Auto-renew switch for CA {ca_id}: outcome unknown: {reason}")
    },
    lc_auto_renew_not_sent: |reason| format!("Not sent: {reason}"),
    lc_auto_renew_unknown_advice: |ca_id| {
        format!(
            "the switch may have taken effect: read it with `pca-order cas` before trying again (CA {ca_id}; never retried on its own)"
        )
    },
    lc_code: |code| {
        use crate::billing::lifecycle::LifecycleCode as C;
        match code {
            C::NoSuchResource => "BSS has no such resource: check the CA id (a CA whose order is not paid has no subscription yet)",
            C::ExpiredOrFrozen => "the subscription has expired or is frozen, so it cannot be set to auto-renew: renew it first",
            C::AlreadyGone => "the CA is already unsubscribed or deleted",
            C::UnpaidOrder => "the CA is in an order that is not paid: pay or cancel that order first",
            C::NoRenewals => "the CA has no renewed period that has not started: there is nothing to unsubscribe with --what renewals",
            C::AsAWhole => "this resource must be unsubscribed together with the resources it was bought with",
            C::Invoiced => "the order has been invoiced, so it cannot be unsubscribed here",
            C::Trial => "a trial cannot be unsubscribed",
            C::InProgress => "a transaction on this resource is in progress: try again when it has finished",
            C::Frozen => "the resource is frozen, so it cannot be unsubscribed",
            C::SavingsPlan => "the resource is covered by a savings plan, so it cannot be unsubscribed",
        }
        .to_string()
    },
    lc_unsubscribe_title: |ca_id, common_name, status, paid_until, sandbox| {
        let mut s = format!(
            "About to unsubscribe CA {ca_id}{}",
            if sandbox { " (SANDBOX)" } else { "" }
        );
        if let Some(c) = common_name {
            s.push_str(&format!("\n  common name: {c}"));
        }
        if let Some(st) = status {
            s.push_str(&format!("\n  status:      {st}"));
        }
        if let Some(p) = paid_until {
            s.push_str(&format!("\n  paid until:  {p}"));
        }
        s
    },
    lc_type_question: |common_name, ca_id| match common_name {
        Some(c) => format!("To unsubscribe, type the CA's common name ({c}) or its id ({ca_id}): "),
        None => format!("To unsubscribe, type the CA's id ({ca_id}): "),
    },
    lc_renewals_question: |ca_id| {
        format!("End the renewed periods not yet started of CA {ca_id}? [y/N] ")
    },
    lc_unsubscribed: |ca, ca_id, order_ids| {
        let orders = if order_ids.is_empty() {
            String::new()
        } else {
            format!(" Unsubscribe order: {order_ids}.")
        };
        if ca {
            format!("Unsubscribed CA {ca_id}: it stops working and is being deleted.{orders}")
        } else {
            format!("Ended the renewed periods not yet started of CA {ca_id}.{orders}")
        }
    },
    lc_unsubscribe_refused: |ca_id, error| format!("Unsubscribe refused for CA {ca_id}: {error}"),
    lc_unsubscribe_unknown: |ca_id, reason| {
        format!("Unsubscribe of CA {ca_id}: outcome unknown: {reason}")
    },
    lc_unsubscribe_not_sent: |reason| format!("Not sent: {reason}"),
    lc_unsubscribe_unknown_advice: |ca_id| {
        format!(
            "the CA may have been unsubscribed: read it with `pca-order ca {ca_id}` and check the console's orders before trying again (never retried on its own)"
        )
    },
    lc_refund_total: |amount| format!("total: {amount}"),
    lc_refund_unread: |order_id, error| {
        format!(
            "the refund breakdown of {order_id} could not be read (the unsubscribe stands): {error}"
        )
    },
    lc_history_auto_renew: |on, times| match (on, times) {
        (false, _) => "auto-renew off".to_string(),
        (true, Some("0")) => "auto-renew on (until switched off)".to_string(),
        (true, Some(n)) => format!("auto-renew on ({n} times)"),
        (true, None) => "auto-renew on".to_string(),
    },
    lc_history_unsubscribe: |ca| {
        if ca {
            "unsubscribe the CA"
        } else {
            "unsubscribe renewals"
        }
        .to_string()
    },
    lc_history_rejected: |status, code| format!("refused: HTTP {status} {code}"),
    lc_history_unknown: |ca_id, reason| {
        format!("UNKNOWN: read CA {ca_id}'s subscription ({reason})")
    },
    lc_history_not_sent: |reason| format!("not sent: {reason}"),
    lc_history_no_answer: |ca_id| {
        format!(
            "NO ANSWER: stopped mid-request; read CA {ca_id}'s subscription with `pca-order cas`"
        )
    },
};

fn period_value(n: u64, unit: PeriodUnit) -> String {
    match unit {
        PeriodUnit::Month if n == 1 => "1 month".to_string(),
        PeriodUnit::Month => format!("{n} months"),
        PeriodUnit::Year if n == 1 => "1 year".to_string(),
        PeriodUnit::Year => format!("{n} years"),
    }
}

fn quantity_value(n: u64) -> String {
    if n == 1 {
        "1 private CA".to_string()
    } else {
        format!("{n} private CAs")
    }
}

fn rule(rule: &Rule) -> String {
    match rule {
        Rule::Required => "a value is required".to_string(),
        Rule::NotANumber => "must be a whole number (digits only)".to_string(),
        Rule::WrongType(ty) => format!("must be of JSON type {ty}"),
        Rule::Range {
            min,
            max,
            unit,
            source,
        } => {
            let mut s = format!("must be {min} to {max} {unit}");
            if *source == LimitSource::Ours {
                s.push_str(" (pca-order's limit against typos; the API documents no maximum)");
            }
            s
        }
        Rule::AtLeast { min } => format!("must be at least {min}"),
        Rule::QuotaExceeded { left, used, quota } => {
            format!("the account's CA quota allows {left} more ({used} of {quota} used)")
        }
        Rule::OneOf(codes) => {
            let list: Vec<String> = codes.iter().map(i64::to_string).collect();
            format!("must be one of {}", list.join(", "))
        }
        Rule::Length { min, max } => format!("must be {min} to {max} characters long"),
        Rule::Fixed(value) => format!("must be \"{value}\""),
        Rule::Items { max } => format!("must hold at most {max} items"),
        Rule::ProjectIdFormat => {
            "must be 0 (the default project) or a UUID like 3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f"
                .to_string()
        }
        Rule::NoControlCharacters => "must not hold control characters (line breaks, tabs, escapes) or invisible formatting characters".to_string(),
    }
}

fn rid(request_id: &Option<String>) -> String {
    request_id
        .as_ref()
        .map(|r| format!(" (request id {r})"))
        .unwrap_or_default()
}

fn reason_sentence(reason: &Reason) -> String {
    match reason {
        // The journal keeps this English sentence as it always was: the detail already is English.
        Reason::Connect { host, detail } => format!("could not connect to {host}: {detail}"),
        Reason::HttpSetup { detail } | Reason::TaskFailed { detail } => detail.clone(),
        Reason::CredentialRefresh { source, detail } => format!(
            "the temporary credentials ({source}) have expired and fresh ones could not be fetched ({detail}); nothing was sent"
        ),
        Reason::AccountLookup { detail } => {
            format!("could not look up the account id via IAM: {detail}")
        }
        Reason::Journal { path, detail } => {
            format!("cannot write the order journal {path} ({detail}); nothing was sent")
        }
        Reason::Timeout { host, detail } => {
            format!("no answer from {host} within the timeout ({detail})")
        }
        Reason::ConnectionLost { host, detail } => {
            format!("the connection to {host} failed after sending: {detail}")
        }
        Reason::TooLarge {
            status,
            kib,
            request_id,
        } => format!(
            "HTTP {status}: the answer is larger than {kib} KiB and was not read{}",
            rid(request_id)
        ),
        Reason::BodyCut {
            status,
            detail,
            request_id,
        } => format!(
            "HTTP {status}: the answer was cut short ({detail}){}",
            rid(request_id)
        ),
        Reason::ServerError(e) => format!(
            "the service answered {e}; a server error does not tell whether the order was made"
        ),
        Reason::ActionServerError(e) => format!(
            "the service answered {e}; a server error does not tell whether it took effect"
        ),
        Reason::NoOrderId {
            status,
            request_id,
            excerpt,
        } => format!(
            "HTTP {status} but the answer holds no usable order_id (1-64 characters){}; the order may exist: \
             check the console's orders. The answer was: {excerpt}",
            rid(request_id)
        ),
        Reason::UnexpectedAnswer {
            status,
            request_id,
            excerpt,
        } => format!(
            "HTTP {status} is not the answer this request documents for success{}; it was sent and may \
             have taken effect: check before trying again. The answer was: {}",
            rid(request_id),
            if excerpt.is_empty() { "(empty)" } else { excerpt }
        ),
        Reason::SecondSignal => "interrupted: a second signal stopped the wait for the answer; the request was sent and may have taken effect (an order may exist, a payment or activation may have happened)".to_string(),
        Reason::LeftInFlight => {
            "the wizard ended before the answer arrived; the order was sent and may exist".to_string()
        }
        Reason::SignalWait { secs } => format!(
            "interrupted: no answer within {secs} s of the signal; the request was sent and may have taken effect (an order may exist, a payment or activation may have happened)"
        ),
    }
}

fn call_error(error: &CallError) -> String {
    match error {
        CallError::Api(e) => e.to_string(),
        CallError::Send(r) => reason_sentence(r),
        CallError::Network(detail) => detail.clone(),
    }
}

fn activation_rule(rule: &ActivationRule) -> String {
    match rule {
        ActivationRule::Required => "a value is required".to_string(),
        ActivationRule::WrongType(t) => format!("must be of JSON type {t}"),
        ActivationRule::MaxLength(n) => format!("must be at most {n} characters long"),
        ActivationRule::Characters { star, found } => format!(
            "may hold only letters, digits, Chinese characters, - _ space . ,{} (found {:?})",
            if *star { " and *" } else { "" },
            found
        ),
        ActivationRule::CountryCode => {
            "must be exactly 2 letters (a country code like CN)".to_string()
        }
        ActivationRule::OneOf(words) => format!("must be one of {}", words.join(", ")),
        ActivationRule::ChinaOnly => {
            "SM2 and SM3 are offered on the China website (cn-* regions) only".to_string()
        }
        ActivationRule::RegionNoSm => {
            "this region does not offer SM2/SM3 (its console configuration, is_support_sm2, says so)"
                .to_string()
        }
        ActivationRule::Pair { key, needs } => format!(
            "a {key} key signs with {needs} (pca-order's rule: SM2 goes with SM3 only, RSA and EC with SHA256/384/512)"
        ),
        ActivationRule::ValidityFormat => {
            "must be a whole number of at least 1 followed by y, m, d or h (e.g. 10y, 6m, 30d, 12h)"
                .to_string()
        }
        ActivationRule::ValidityMax { years, ca_type } => format!(
            "a {ca_type} CA's certificate lasts at most {years} years (a year is 12 months, a month 31 days)"
        ),
        ActivationRule::StartFromPast => {
            "must not be earlier than now minus 5 minutes (ms since the epoch)".to_string()
        }
        ActivationRule::Range { min, max } => format!("must be {min} to {max}"),
        ActivationRule::CaIdFormat => {
            "must be a CA id: 36 characters like 3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f".to_string()
        }
        ActivationRule::IssuerRequired => {
            "a subordinate CA needs the id of its issuing (active) CA".to_string()
        }
        ActivationRule::IssuerNotForRoot => {
            "a root CA signs itself and takes no issuer (pca-order's rule; drop the issuer)"
                .to_string()
        }
        ActivationRule::PathLengthNotForRoot => {
            "is for a subordinate CA only: the service stores 7 for a root whatever is sent (pca-order's rule; drop it)"
                .to_string()
        }
    }
}

fn place(at: &Where) -> String {
    match at {
        Where::Name(name) => name.clone(),
        Where::File { path, key } if path.is_empty() => format!("credentials file {key}"),
        Where::File { path, key: "" } => format!("credentials file {path}"),
        Where::File { path, key } => format!("credentials file {path} [global] {key}"),
        Where::Builtin => "pca-order's built-in default".to_string(),
    }
}

fn config_problem(problem: &Problem) -> String {
    match problem {
        Problem::Value { at, shown, rule } => {
            let rule = match rule {
                ValueRule::NotRegionId => "is not a region id (lower-case letters and digits in words joined by '-', like cn-north-4; at most 32 characters)".to_string(),
                ValueRule::NotUrl(e) => format!("is not a URL ({e})"),
                ValueRule::UserInUrl => "must not hold a user name or password".to_string(),
                ValueRule::QueryInUrl => "must not hold a query or fragment".to_string(),
                ValueRule::PlainHttp => "must use https (plain http is allowed only to 127.0.0.1, ::1 or localhost)".to_string(),
                ValueRule::NotHttps => "must be an https:// URL".to_string(),
                ValueRule::NoHost => "has no host".to_string(),
                ValueRule::ControlCharacter => "holds a control character (a line break, tab or escape); a credential is one line of text".to_string(),
                ValueRule::EmptyToken => "the token is empty".to_string(),
                ValueRule::TokenNotOneLine => "the token holds spaces, line breaks or non-ASCII characters; a token is one line".to_string(),
                ValueRule::NotDomainId => "an account (domain) id is 1-64 letters and digits".to_string(),
                ValueRule::NotAk => "an access key id holds only letters and digits".to_string(),
            };
            match shown {
                Some(v) => format!("{}: \"{v}\" {rule}", place(at)),
                None => format!("{}: {rule}", place(at)),
            }
        }
        Problem::NoRegionEndpoint { region, known } => format!(
            "--region: \"{region}\" has no CCM endpoint in the official SDK (known: {known}); pass --endpoint URL to use it anyway"
        ),
        Problem::HalfKey { set, missing } => format!("{set} is set but {missing} is not"),
        Problem::FileHalfKey { path } => format!(
            "credentials file {path} [global]: both ak and sk are needed, only one is set"
        ),
        Problem::NamedFileMissing { path } => {
            format!("HUAWEICLOUD_SDK_CREDENTIALS_FILE: {path}: no such file")
        }
        Problem::Unreadable { at, why } => {
            let why = match why {
                IoWhy::PermissionDenied => "cannot be read (permission denied)".to_string(),
                IoWhy::NotFound => "no such file".to_string(),
                IoWhy::NotUtf8 => "is not UTF-8 text".to_string(),
                IoWhy::WritableByOthers => "any user may write this file, so it is not read; run chmod o-w on it".to_string(),
                IoWhy::Other(e) => e.clone(),
            };
            format!("{}: {why}", place(at))
        }
        Problem::NotIni { path, detail } => {
            format!("credentials file {path}: not valid INI ({detail})")
        }
        Problem::NoCredentials => "no credentials found. Tried, in order: --token-file, HUAWEICLOUD_AUTH_TOKEN, HUAWEICLOUD_SDK_AK/SK, \
             CLOUD_SDK_AK/SK, the [global] section of ~/.huaweicloud/credentials \
             (or HUAWEICLOUD_SDK_CREDENTIALS_FILE), the current profile of ~/.hcloud/config.json (KooCLI), \
             an ECS agency (metadata service) and CCE pod identity. Use --sandbox to try pca-order without an account.".to_string(),
        Problem::KooCliNoProfile { path, name, known } if known.is_empty() => {
            format!("--profile: KooCLI file {path} has no profile \"{name}\" (it has none, or does not exist)")
        }
        Problem::KooCliNoProfile { path, name, known } => {
            format!("--profile: KooCLI file {path} has no profile \"{name}\"; it has: {known}")
        }
        Problem::KooCliEncrypted { path, name } => format!(
            "KooCLI profile \"{name}\" in {path} keeps its keys encrypted, which only KooCLI itself can read. \
             Store them in plain text with `{}` (then re-enter them with `hcloud configure set`), or use \
             HUAWEICLOUD_SDK_AK/SK, ~/.huaweicloud/credentials or --token-file instead",
            crate::config::KOOCLI_PLAINTEXT_SETTING
        ),
        Problem::KooCliNoKeys { path, name, mode } => format!(
            "KooCLI profile \"{name}\" in {path} (mode \"{mode}\") holds no access keys pca-order can use"
        ),
        Problem::KooCliNotJson { path, detail } => {
            format!("KooCLI file {path}: not valid JSON ({detail})")
        }
        Problem::Temporary { source, why } => format!(
            "{}: no temporary credentials: {}",
            (EN.credential_source)(source),
            temporary_why(why)
        ),
        Problem::NoJournalHome => {
            "--journal: no HOME or XDG_STATE_HOME to put the journal in; pass --journal PATH".to_string()
        }
        Problem::SandboxWithEndpoints { bss: false } => {
            "--sandbox runs its own endpoints; drop --endpoint/--iam-endpoint/--eps-endpoint".to_string()
        }
        Problem::SandboxWithEndpoints { bss: true } => {
            "--sandbox runs its own endpoints; drop --bss-endpoint".to_string()
        }
        Problem::SandboxStart(e) => format!("--sandbox: cannot start the sandbox on 127.0.0.1 ({e})"),
        Problem::SandboxState { path, damaged: true, detail } => format!(
            "the sandbox state file {path} is damaged and was left as it is ({detail}); move it away, or start \
             the pretend account over with `pca-order sandbox --reset`"
        ),
        Problem::SandboxState { path, damaged: false, detail } => {
            format!("cannot use the sandbox state file {path} ({detail})")
        }
    }
}

fn renew_rule(rule: &crate::billing::renew::RenewRule) -> String {
    use crate::billing::renew::{MAX_IDS, RenewRule, RenewUnit};
    match rule {
        RenewRule::NoIds => "name at least one CA id to renew".to_string(),
        RenewRule::TooManyIds { given } => {
            format!("{given} CA ids; at most {MAX_IDS} can be renewed at once")
        }
        RenewRule::Duplicate { id } => format!("\"{id}\" is named twice"),
        RenewRule::NotCaId { id } => {
            format!(
                "\"{id}\" is not a CA id (36 characters, a UUID, as `pca-order cas` lists them)"
            )
        }
        RenewRule::Period { unit, given } => {
            let (min, max) = unit.range();
            let unit = match unit {
                RenewUnit::Month => "months",
                RenewUnit::Year => "years",
            };
            format!("\"{given}\" is not allowed: a renewal is {min} to {max} {unit}")
        }
    }
}

fn renew_failure(ca_id: &str, code: &str, message: &str) -> String {
    let why = match code {
        "CBC.30050013" => "this product does not support renewal".to_string(),
        "CBC.30050009" => "it has expired and been deleted, or does not exist".to_string(),
        "CBC.30050010" => {
            "it is in an order waiting for payment: pay or cancel that order first".to_string()
        }
        "CBC.30050007" => {
            "it is not a main resource (only main resources can be renewed)".to_string()
        }
        "CBC.30050008" => "this period cannot be chosen for it".to_string(),
        "CBC.30050011" => "it is being unsubscribed or changed".to_string(),
        _ => "BSS refused it".to_string(),
    };
    format!("{ca_id}: not renewed — {why} ({code}: {message})")
}
/// Why temporary credentials could not be fetched, in words (no server text is ever in it).
fn temporary_why(why: &crate::api::temporary::TemporaryError) -> String {
    use crate::api::temporary::TemporaryError as E;
    match why {
        E::Unreachable => "nothing answered".to_string(),
        E::Timeout => "no answer in time".to_string(),
        E::NoAgency => {
            "this ECS has no agency; attach one in the ECS console (Cloud Service Agency)"
                .to_string()
        }
        E::Unauthorized(s) => format!("refused with HTTP {s}"),
        E::Status(s) => format!("answered HTTP {s}"),
        E::Garbage => "the answer is not the documented credential".to_string(),
        E::Expired => "the credential it gave has already expired".to_string(),
        E::TokenFile(why) => format!("the authorization token file cannot be used ({why})"),
        E::Setup(why) => why.clone(),
    }
}
