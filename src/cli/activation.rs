//! `cas`, `ca` and `activate`: the CAs after the purchase. Their words come from the catalog
//! ([`crate::text`]); their final outputs are the report types of [`super::report`].

use serde_json::{Value, json};

use super::args::{ActivateArgs, CaArgs, CasArgs, GlobalArgs, Output, RunCommand};
use super::fail::{fail_t, read_failed, subject_errors_text};
use super::format::{PaidLives, cas_table, describe_ca, paid_life, rows};
use super::io::Io;
use super::report::{self, DryRunReport, Report, ca_json, paid_json};
use super::send::Guard;
use super::target::{client_for, clients};
use crate::activation::rules::{self, ActivateRequest, Field, Site};
use crate::activation::{ActivationDraft, CaInfo, CaStatus, CaType};
use crate::activation::{KeyAlgorithm, SignatureAlgorithm};
use crate::api::bss::BssClient;
use crate::api::client::CaFilter;
use crate::api::{CallError, Outcome};
use crate::billing::subscription;
use crate::exit;
use crate::journal::Journal;
use crate::text::{Lang, Text};

impl ActivateArgs {
    /// The draft these flags describe, for the shared rules to check.
    pub fn draft(&self) -> ActivationDraft {
        ActivationDraft {
            ca_id: self.ca_id.clone().unwrap_or_default(),
            ca_type: self.ca_type.clone(),
            issuer_id: self.issuer.clone(),
            subject: self.subject.distinguished_name(),
            key_algorithm: self.subject.key_algorithm.clone(),
            signature_algorithm: self.signature_algorithm.clone(),
            validity: self.validity.clone(),
            path_length: self.path_length.clone(),
        }
    }
}

impl RunCommand for CasArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_cas(io, g, self, t).await
    }
}

/// `pca-order cas`.
pub async fn run_cas(io: &mut Io, g: &GlobalArgs, args: &CasArgs, t: &'static Text) -> i32 {
    let out = g.output;
    let status = args
        .status
        .as_deref()
        .map(|s| s.trim().to_ascii_uppercase());
    if let Some(s) = &status
        && !CaStatus::DOCUMENTED.contains(&s.as_str())
    {
        let list = CaStatus::DOCUMENTED.join(", ");
        return fail_t(io, out, exit::USAGE, t, |t| t.cas_bad_status(&list));
    }
    let ca_type = match args.ca_type.as_deref().map(CaType::parse) {
        None => None,
        Some(Ok(t)) => Some(t.as_str().to_string()),
        Some(Err(e)) => {
            return fail_t(io, out, exit::USAGE, t, |t| {
                format!("--type: {}", t.activation_rule(&e.rule))
            });
        }
    };
    let (_target, bss) = match clients(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let filter = CaFilter {
        status,
        ca_type,
        name: None,
    };
    match bss.ccm().list_cas(&filter).await {
        Ok(cas) => {
            let (paid, paid_error) = read_paid_lives(io, &bss, &cas, t).await;
            let now = time::OffsetDateTime::now_utc();
            let report = CasReport {
                cas: &cas,
                paid: &paid,
                paid_error: paid_error.as_deref(),
                now,
                t,
            };
            report::emit(io, &report, out);
            exit::ORDERED
        }
        Err(e) => read_failed(io, out, &e, t),
    }
}

/// The subscriptions of these CAs (one BSS query per 50), or — when BSS cannot be read — `None` and
/// the English reason for the JSON, after a warning line on stderr (status, code and request id): the
/// CA list is still worth showing, its paid-life columns then say unknown.
pub(super) async fn read_paid_lives(
    io: &mut Io,
    bss: &BssClient,
    cas: &[CaInfo],
    t: &Text,
) -> (PaidLives, Option<String>) {
    match read_paid_lives_quiet(bss, cas).await {
        Ok(lives) => (lives, None),
        Err(e) => {
            io.err_line(t.cli_warning(&t.cas_paid_unread(&t.call_error(&e))));
            let en = Lang::En.text();
            (None, Some(en.cas_paid_unread(&en.call_error(&e))))
        }
    }
}

/// The CAs' subscriptions from BSS, or why they could not be read, with nothing printed: for a
/// command whose own error says why (`expiring`), so the reason is printed once.
pub(super) async fn read_paid_lives_quiet(
    bss: &BssClient,
    cas: &[CaInfo],
) -> Result<PaidLives, CallError> {
    let ids: Vec<String> = cas.iter().map(|c| c.ca_id.clone()).collect();
    let subs = bss.subscriptions(&ids).await?;
    Ok(Some(subscription::by_id(subs)))
}

impl RunCommand for CaArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_ca(io, g, self, t).await
    }
}

/// `pca-order ca CA_ID`.
pub async fn run_ca(io: &mut Io, g: &GlobalArgs, args: &CaArgs, t: &'static Text) -> i32 {
    let out = g.output;
    let ca_id = rules::normalize_ca_id(&args.ca_id);
    if let Err(e) = rules::ca_id(Field::CaId, &ca_id) {
        return fail_t(io, out, exit::USAGE, t, |t| {
            format!("CA_ID: {}", t.activation_rule(&e.rule))
        });
    }
    let (_target, client) = match client_for(io, g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    match client.show_ca(&ca_id).await {
        Ok(ca) => {
            report::emit(io, &CaReport { ca: &ca, t }, out);
            exit::ORDERED
        }
        Err(e) => read_failed(io, out, &e, t),
    }
}

/// What the answer to the question activates, before the question.
/// `path_defaulted`: no `--path-length` was given, so a subordinate's is pca-order's default (sent,
/// and said so here rather than left silent).
fn review(req: &ActivateRequest, sandbox: bool, path_defaulted: bool, t: &Text) -> String {
    let dn = &req.distinguished_name;
    let mut r = vec![(t.ca_type, req.ca_type.as_str().to_string())];
    if let Some(i) = &req.issuer_id {
        r.push((t.ca_issuer, i.clone()));
    }
    r.push((t.ca_common_name, dn.common_name.clone()));
    r.push((t.ca_country, dn.country.clone()));
    for (label, v) in [
        (t.ca_organization, &dn.organization),
        (t.ca_unit, &dn.organizational_unit),
        (t.ca_state, &dn.state),
        (t.ca_locality, &dn.locality),
    ] {
        if let Some(v) = v {
            r.push((label, v.clone()));
        }
    }
    r.push((
        t.ca_keys,
        t.act_cli_keys_value(req.key_algorithm.as_str(), req.signature_algorithm.as_str()),
    ));
    r.push((
        t.ca_validity,
        format!(
            "{} ({})",
            t.validity_words(req.validity.value, req.validity.unit),
            req.validity.short()
        ),
    ));
    // The dates it produces if sent now (calendar months and years; the service counts from its
    // own activation).
    if let Some((from, to)) = rules::validity_dates(&req.validity, time::OffsetDateTime::now_utc())
    {
        let show = |at| crate::activation::ca::format_millis(rules::to_millis(at));
        r.push((t.ca_dates, t.act_dates_value(&show(from), &show(to))));
    }
    if let Some(p) = req.path_length {
        let value = if path_defaulted {
            format!(
                "{} — {}",
                t.act_defaulted(&p.to_string()),
                t.ca_path_length_why
            )
        } else {
            p.to_string()
        };
        r.push((t.ca_path_length, value));
    }
    r.push((t.ca_body, req.to_json()));
    format!(
        "{}\n{}",
        t.act_cli_review_title(&req.ca_id, sandbox),
        rows(&r)
    )
}

impl ActivateArgs {
    /// No field flag, no `--yes`, no `--dry-run`: on a terminal this is the wizard's activation flow
    /// (issue 10), not the scripted path.
    fn wizard_only(&self) -> bool {
        let text = [
            &self.ca_type,
            &self.issuer,
            &self.signature_algorithm,
            &self.validity,
            &self.path_length,
        ];
        text.iter().all(|v| v.is_empty()) && self.subject.is_empty() && !self.yes && !self.dry_run
    }
}

impl RunCommand for ActivateArgs {
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        run_activate(io, g, self, t).await
    }
}

/// `pca-order activate`.
pub async fn run_activate(
    io: &mut Io,
    g: &GlobalArgs,
    args: &ActivateArgs,
    t: &'static Text,
) -> i32 {
    let out = g.output;
    let on_terminal = io.on_terminal();
    // ---- the wizard's activation flow (issue 10) ----
    if args.ca_id.is_none() && !on_terminal {
        return fail_t(io, out, exit::USAGE, t, |t| {
            t.act_cli_ca_id_required.to_string()
        });
    }
    if on_terminal && args.wizard_only() {
        let ca_ids = match &args.ca_id {
            Some(id) => {
                let id = rules::normalize_ca_id(id);
                if let Err(e) = rules::ca_id(Field::CaId, &id) {
                    let rule = e.rule.clone();
                    return fail_t(io, out, exit::USAGE, t, |t| {
                        format!("CA_ID: {}", t.activation_rule(&rule))
                    });
                }
                vec![id]
            }
            None => Vec::new(),
        };
        // Text only: the wizard refuses JSON on its own, before anything is read.
        if out == Output::Text {
            match choose_paid_ca(io, g, ca_ids.first().map(String::as_str), t).await {
                Ok(Some(id)) => {
                    let lang = crate::text::Lang::detect(g.lang, &*io.env());
                    let start = crate::tui::model::activation::ActivationStart {
                        ca_ids: vec![id],
                        period: None,
                    };
                    return super::wizard::open_wizard(
                        io,
                        g,
                        lang,
                        crate::tui::WizardStart::Activation(start),
                    )
                    .await;
                }
                Ok(None) => {}
                Err(code) => return code,
            }
        }
        let lang = crate::text::Lang::detect(g.lang, &*io.env());
        let start = crate::tui::model::activation::ActivationStart {
            ca_ids,
            period: None,
        };
        return super::wizard::open_wizard(io, g, lang, crate::tui::WizardStart::Activation(start))
            .await;
    }
    let by_site = Site::for_region(&g.rules_region());
    // Every field is checked before anything else: a typo never starts a sandbox, reads a secret or
    // sends. SM2/SM3 are checked against the region below, once its configuration can be read.
    let draft = args.draft();
    let request = match checked_but_sm(|site| draft.validate(site), by_site) {
        Ok(r) => r,
        Err(errors) => return fail_t(io, out, exit::USAGE, t, |t| subject_errors_text(&errors, t)),
    };
    // A dry run reads nothing: the website rule decides.
    if args.dry_run
        && let Err(e) = rules::region_algorithms(
            request.key_algorithm,
            Some(request.signature_algorithm),
            None,
            by_site,
        )
    {
        return fail_t(io, out, exit::USAGE, t, |t| {
            subject_errors_text(std::slice::from_ref(&e), t)
        });
    }
    if !(args.yes || args.dry_run || on_terminal) {
        return fail_t(io, out, exit::USAGE, t, |t| t.act_cli_needs_yes.to_string());
    }
    let (target, client) = match client_for(io, g, !args.dry_run, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let cfg = &target.config;
    if !args.dry_run
        && let Err(code) = region_sm(
            io,
            out,
            &client,
            (&cfg.region, by_site),
            (request.key_algorithm, Some(request.signature_algorithm)),
            t,
        )
        .await
    {
        return code;
    }
    if args.dry_run {
        let prepared = client.prepare_activate(&request);
        let report = DryRunReport {
            method: prepared.method.as_str().to_string(),
            url: prepared.url.as_str().to_string(),
            headers: prepared.redacted_headers(),
            body: request.to_value(),
            body_text: request.to_json(),
            credentials: None,
            sandbox: cfg.sandbox,
            t,
        };
        report::emit(io, &report, out);
        return exit::ORDERED;
    }
    // From here a signal no longer kills the process: at the question it cancels, and with the request
    // in flight the first one waits for the answer (as for an order).
    let mut guard = Guard::start();
    if !args.yes {
        let path_defaulted = args.path_length.trim().is_empty();
        io.err_text(review(&request, cfg.sandbox, path_defaulted, t));
        if let Err(code) = guard
            .ask(io, &t.act_cli_question(&request.ca_id), out, t)
            .await
        {
            return code;
        }
    }
    let journal = Journal::new(cfg.journal_path.clone());
    let activated = guard
        .send(
            io,
            cfg.timeout,
            |secs| t.cli_request_in_flight(secs),
            t,
            |stop| client.activate_ca_until(&request, &journal, stop),
            |a| a.journal_warning.as_deref(),
        )
        .await;
    let journal = cfg.journal_path.display().to_string();
    let outcome = activated.outcome;
    let ca_id = request.ca_id.as_str();
    // 204: read the CA back; only ACTIVED is success.
    let read_back = match &outcome {
        Outcome::Done(()) => Some(client.show_ca(ca_id).await),
        _ => None,
    };
    let end = match &read_back {
        None => ActivateEnd::Failed {
            outcome: &outcome,
            ca_id,
            journal,
        },
        // The read-back must be the CA that was activated: a server answering with another (ACTIVED)
        // CA proves nothing about this one.
        Some(Ok(ca)) if !ca.ca_id.eq_ignore_ascii_case(ca_id) => {
            ActivateEnd::OtherCa { ca_id, ca, journal }
        }
        Some(Ok(ca)) if ca.status == CaStatus::Actived => ActivateEnd::Activated {
            ca,
            sandbox: cfg.sandbox,
            journal,
        },
        Some(Ok(ca)) => ActivateEnd::NotActive { ca, journal },
        Some(Err(e)) => ActivateEnd::Unreadable {
            ca_id,
            error: e.clone(),
            journal,
        },
    };
    let report = ActivateReport { end, t };
    report::emit(io, &report, out);
    report.exit_code()
}

/// A draft's rules with SM2/SM3 allowed (the region decides those, [`region_sm`]); when any other rule
/// is broken, every broken one by the website rule, so a user sees them all at once. `validate` is the
/// draft's own check for a website.
pub(super) fn checked_but_sm<R>(
    validate: impl Fn(Site) -> Result<R, Vec<rules::FieldError>>,
    by_site: Site,
) -> Result<R, Vec<rules::FieldError>> {
    validate(Site::China).map_err(|errors| validate(by_site).err().unwrap_or(errors))
}

/// SM2/SM3 follow what the region offers, as in the wizard: when the request asks for them, the
/// region's console configuration is read now and decides when it says; when it cannot be read or is
/// silent, the website rule decides and that is said (stderr). `Err`: the exit code, the refusal
/// written (2, nothing sent). Another algorithm reads nothing.
pub(super) async fn region_sm(
    io: &mut Io,
    out: Output,
    client: &crate::api::CcmClient,
    (region, by_site): (&str, Site),
    (key, signature): (KeyAlgorithm, Option<SignatureAlgorithm>),
    t: &'static Text,
) -> Result<(), i32> {
    if !rules::asks_sm(key, signature) {
        return Ok(());
    }
    let said = match client.show_console_config().await {
        Ok(c) => c.sm2.ok_or_else(|| t.console_silent.to_string()),
        Err(e) => Err(t.call_error(&e)),
    };
    let said = match said {
        Ok(offered) => Some(offered),
        Err(reason) => {
            io.err_line(t.cli_warning(&t.console_unread_sm(region, &reason)));
            None
        }
    };
    rules::region_algorithms(key, signature, said, by_site).map_err(|e| {
        fail_t(io, out, exit::USAGE, t, |t| {
            subject_errors_text(std::slice::from_ref(&e), t)
        })
    })
}

// ---- `activate` alone on a terminal: the PENDING CAs, their orders, and whether each is paid ----

/// Where a PENDING CA's order stands, as far as this machine can tell.
#[derive(Clone)]
enum OrderState {
    /// The order is not in this machine's journal (bought in the console, or elsewhere): the service
    /// decides whether the CA can be activated.
    Unknown,
    /// The order is in the journal but could not be read (why, in the user's language): the service
    /// decides.
    Unread(String),
    /// The order as BSS reports it.
    Read(crate::billing::OrderStatus),
}

/// One PENDING CA and its order.
struct PendingCa {
    ca_id: String,
    order_id: Option<String>,
    state: OrderState,
}

impl PendingCa {
    /// What stops this CA from being activated, in words, or none: its order is known not to be
    /// complete. Our rule, from the documented path (ACTIVATION.md: pay, wait for status 5, then
    /// activate); an order that cannot be read leaves the decision to the service.
    fn refusal(&self, flags: &str, t: &Text) -> Option<String> {
        use crate::billing::OrderStatus;
        let (OrderState::Read(status), Some(order_id)) = (&self.state, &self.order_id) else {
            return None;
        };
        match status {
            OrderStatus::Completed => None,
            s if s.payable() => Some(t.act_cli_unpaid(order_id, flags)),
            s => Some(t.act_cli_not_complete(order_id, &t.order_status(*s), s.code(), flags)),
        }
    }

    /// The order's state in words.
    fn state_words(&self, t: &Text) -> String {
        use crate::billing::OrderStatus;
        match &self.state {
            OrderState::Unknown => t.act_cli_order_unknown.to_string(),
            OrderState::Unread(why) => t.act_cli_order_unread(why),
            OrderState::Read(OrderStatus::Completed) => t.act_cli_order_paid.to_string(),
            OrderState::Read(s) if s.payable() => t.act_cli_order_unpaid.to_string(),
            OrderState::Read(s) => t.act_cli_order_other(&t.order_status(*s), s.code()),
        }
    }
}

/// Each CA's order, from the journal's created orders (CCM's CA object documents no order id).
fn orders_of_cas(journal: &std::path::Path) -> std::collections::HashMap<String, String> {
    let mut of = std::collections::HashMap::new();
    if let Ok(history) = Journal::new(journal.to_path_buf()).read() {
        for a in history.attempts {
            if let Some(crate::journal::Event::Created { order_id, ca_ids }) = a.outcome {
                for ca in ca_ids {
                    of.insert(ca.to_ascii_lowercase(), order_id.clone());
                }
            }
        }
    }
    of
}

/// `activate` alone on a terminal lists the account's PENDING CAs, each with its order and whether that
/// order is paid, and asks which one; `activate CA_ID` checks that CA's order. A CA whose order is known
/// not to be complete is refused here, before the wizard's steps ("pay order CS… first"). Returns the CA
/// to open the wizard for, `Ok(None)` to open it as before (the CAs could not be listed: the wizard's
/// own chooser says why), or the exit code to end with.
async fn choose_paid_ca(
    io: &mut Io,
    g: &GlobalArgs,
    given: Option<&str>,
    t: &'static Text,
) -> Result<Option<String>, i32> {
    let out = Output::Text;
    let (target, bss) = super::target::clients(io, g, true, t).await?;
    let flags = g.reach_flags();
    let flags = flags.as_str();
    let ids: Vec<String> = match given {
        Some(id) => vec![id.to_string()],
        None => {
            let filter = CaFilter {
                status: Some("PENDING".into()),
                ca_type: None,
                name: None,
            };
            match bss.ccm().list_cas(&filter).await {
                Ok(cas) => cas.into_iter().map(|c| c.ca_id).collect(),
                Err(_) => return Ok(None),
            }
        }
    };
    if ids.is_empty() {
        io.err_line(t.act_cli_no_pending);
        return Err(exit::ORDERED);
    }
    let orders = orders_of_cas(&target.config.journal_path);
    let mut read = std::collections::HashMap::new();
    let mut cas = Vec::new();
    for ca_id in ids {
        let order_id = orders.get(&ca_id.to_ascii_lowercase()).cloned();
        let state = match &order_id {
            None => OrderState::Unknown,
            Some(o) => {
                if !read.contains_key(o) {
                    let state = match bss.order_details(o).await {
                        Ok(d) => OrderState::Read(d.status),
                        Err(e) => OrderState::Unread(t.call_error(&e)),
                    };
                    read.insert(o.clone(), state);
                }
                read.get(o).cloned().unwrap_or(OrderState::Unknown)
            }
        };
        cas.push(PendingCa {
            ca_id,
            order_id,
            state,
        });
    }
    let chosen = match given {
        Some(_) => 0,
        None => {
            io.err_line(t.act_cli_pending_title);
            for (i, c) in cas.iter().enumerate() {
                let order = c.order_id.clone().unwrap_or_else(|| "-".into());
                io.err_line(t.act_cli_pending_row(i + 1, &c.ca_id, &order, &c.state_words(t)));
            }
            let line = super::send::ask_line(io, &t.act_cli_choose(cas.len())).await;
            let n = line
                .as_deref()
                .map(str::trim)
                .and_then(|l| l.parse::<usize>().ok());
            match n {
                Some(n) if (1..=cas.len()).contains(&n) => n - 1,
                _ => return Err(super::fail::cancelled(io, out, t)),
            }
        }
    };
    let chosen = &cas[chosen];
    if chosen.refusal(flags, t).is_some() {
        return Err(fail_t(io, out, exit::REJECTED, t, |t| {
            chosen.refusal(flags, t).unwrap_or_default()
        }));
    }
    Ok(Some(chosen.ca_id.clone()))
}

// ---- the report (text and JSON from one value) ----

/// The end of `cas`: the account's CAs (filtered as asked) with their paid life, as a table or one
/// JSON document.
pub struct CasReport<'a> {
    /// The CAs as CCM listed them (already filtered by --status/--type).
    pub cas: &'a [CaInfo],
    /// Their subscriptions, or `None` when BSS could not be read.
    pub paid: &'a PaidLives,
    /// Why BSS could not be read (English, for the JSON).
    pub paid_error: Option<&'a str>,
    /// When the days left are counted from.
    pub now: time::OffsetDateTime,
    /// The language of the text.
    pub t: &'a Text,
}

impl Report for CasReport<'_> {
    fn json(&self) -> Value {
        let cas: Vec<Value> = self
            .cas
            .iter()
            .map(|c| {
                let mut v = ca_json(c);
                if let Value::Object(m) = &mut v {
                    m.extend(paid_json(paid_life(self.paid, &c.ca_id), self.now));
                }
                v
            })
            .collect();
        json!({"outcome": "list", "total": self.cas.len(), "certificate_authorities": cas,
               "subscriptions": if self.paid.is_some() { "read" } else { "unknown" },
               "subscriptions_error": self.paid_error})
    }

    fn text(&self) -> String {
        if self.cas.is_empty() {
            format!("{}\n", self.t.cas_none)
        } else {
            cas_table(self.cas, self.paid, self.now, self.t)
        }
    }

    fn to_stderr(&self) -> bool {
        false
    }
}

/// The end of `ca`: one CA as CCM reports it.
pub struct CaReport<'a> {
    /// The CA as CCM reports it.
    pub ca: &'a CaInfo,
    /// The language of the text.
    pub t: &'a Text,
}

impl Report for CaReport<'_> {
    fn json(&self) -> Value {
        let mut v = ca_json(self.ca);
        v["outcome"] = json!("ca");
        v
    }

    fn text(&self) -> String {
        describe_ca(self.ca, self.t)
    }

    fn to_stderr(&self) -> bool {
        false
    }
}

/// How an `activate` ended: the outcome of the one request sent, and for a 204 what reading the CA
/// back showed (only ACTIVED is success).
pub enum ActivateEnd<'a> {
    /// The request was refused, not sent, or has no known outcome.
    Failed {
        /// What became of the request (never `Done`).
        outcome: &'a Outcome<()>,
        /// The CA the request was for.
        ca_id: &'a str,
        /// Where the attempt is journaled.
        journal: String,
    },
    /// Accepted, and the CA reads ACTIVED.
    Activated {
        /// The CA as read back.
        ca: &'a CaInfo,
        /// Sent to a sandbox: nothing real was activated.
        sandbox: bool,
        /// Where the attempt is journaled.
        journal: String,
    },
    /// Accepted (204), but the CA read back in another status: the outcome is unknown.
    NotActive {
        /// The CA as read back.
        ca: &'a CaInfo,
        /// Where the attempt is journaled.
        journal: String,
    },
    /// Accepted (204), but the read-back is another CA than the one activated (a server that answers
    /// for the wrong CA): what was read is shown, and the outcome is unknown.
    OtherCa {
        /// The CA the request was for.
        ca_id: &'a str,
        /// The CA the read-back returned.
        ca: &'a CaInfo,
        /// Where the attempt is journaled.
        journal: String,
    },
    /// Accepted (204), but the CA could not be read back: the outcome is unknown.
    Unreadable {
        /// The CA the request was for.
        ca_id: &'a str,
        /// Why reading it back failed.
        error: CallError,
        /// Where the attempt is journaled.
        journal: String,
    },
}

/// The end of `activate`, in the user's language for the text (the JSON stays English).
pub struct ActivateReport<'a> {
    /// How the activation ended.
    pub end: ActivateEnd<'a>,
    /// The language of the text.
    pub t: &'a Text,
}

impl ActivateReport<'_> {
    /// DESIGN.md's exit code: 0 only for a CA that reads ACTIVED; a 204 that cannot be confirmed is
    /// unknown (4).
    pub fn exit_code(&self) -> i32 {
        match &self.end {
            ActivateEnd::Failed { outcome, .. } => outcome.exit_code(),
            ActivateEnd::Activated { .. } => crate::exit::ORDERED,
            ActivateEnd::NotActive { .. }
            | ActivateEnd::OtherCa { .. }
            | ActivateEnd::Unreadable { .. } => crate::exit::UNKNOWN,
        }
    }
}

impl Report for ActivateReport<'_> {
    fn json(&self) -> Value {
        let en = Lang::En.text();
        match &self.end {
            ActivateEnd::Failed {
                outcome,
                ca_id,
                journal,
            } => match outcome {
                Outcome::Rejected(e) => json!({"outcome": "rejected", "ca_id": ca_id,
                    "status": e.status, "error_code": e.code, "error_msg": e.message,
                    "request_id": e.request_id, "advice": en.act_cli_fix_and_retry,
                    "journal": journal}),
                Outcome::Unknown(r) => {
                    json!({"outcome": "unknown", "ca_id": ca_id, "reason": r.to_string(),
                    "advice": en.act_cli_unknown_advice(ca_id), "journal": journal})
                }
                Outcome::NotSent(r) => {
                    json!({"outcome": "not_sent", "ca_id": ca_id, "reason": r.to_string(),
                        "advice": en.act_cli_safe_retry, "journal": journal})
                }
                Outcome::Done(()) => json!({"outcome": "done", "ca_id": ca_id, "journal": journal}),
            },
            ActivateEnd::Activated {
                ca,
                sandbox,
                journal,
            } => json!({"outcome": "activated", "ca_id": ca.ca_id, "ca": ca_json(ca),
                "sandbox": sandbox, "journal": journal}),
            ActivateEnd::NotActive { ca, journal } => json!({"outcome": "unknown",
                "ca_id": ca.ca_id, "ca": ca_json(ca),
                "reason": "accepted (204) but the CA does not read ACTIVED",
                "advice": en.act_cli_unknown_advice(&ca.ca_id), "journal": journal}),
            ActivateEnd::OtherCa { ca_id, ca, journal } => json!({"outcome": "unknown",
                "ca_id": ca_id, "read_back": ca_json(ca),
                "reason": "accepted (204) but reading the CA back returned another CA",
                "advice": en.act_cli_unknown_advice(ca_id), "journal": journal}),
            ActivateEnd::Unreadable {
                ca_id,
                error,
                journal,
            } => json!({"outcome": "unknown", "ca_id": ca_id,
                "reason": format!("accepted (204) but the CA could not be read back: {}", en.call_error(error)),
                "advice": en.act_cli_unknown_advice(ca_id), "journal": journal}),
        }
    }

    fn text(&self) -> String {
        let t = self.t;
        let journal = |j: &str| rows(&[(t.cli_journal, j.to_string())]);
        let advice =
            |ca_id: &str| format!("{}{}\n", t.cli_what_to_do, t.act_cli_unknown_advice(ca_id));
        match &self.end {
            ActivateEnd::Failed {
                outcome,
                ca_id,
                journal: j,
            } => match outcome {
                Outcome::Rejected(e) => format!(
                    "{}\n{}{}\n",
                    t.act_cli_refused(e.status, &e.code, &e.message, e.request_id.as_deref()),
                    journal(j),
                    t.act_cli_fix_and_retry
                ),
                Outcome::Unknown(r) => format!(
                    "{}\n{}{}",
                    t.act_cli_unknown(&t.reason_sentence(r)),
                    journal(j),
                    advice(ca_id)
                ),
                Outcome::NotSent(r) => format!(
                    "{}\n{}\n",
                    t.act_cli_not_sent(&t.reason_sentence(r)),
                    t.act_cli_safe_retry
                ),
                Outcome::Done(()) => format!("{}\n", t.act_cli_accepted(ca_id)),
            },
            ActivateEnd::Activated {
                ca,
                sandbox,
                journal: j,
            } => format!(
                "{}{}\n{}{}",
                if *sandbox { t.act_cli_sandbox_note } else { "" },
                t.act_cli_activated(&ca.ca_id),
                describe_ca(ca, t),
                journal(j)
            ),
            ActivateEnd::NotActive { ca, .. } => format!(
                "{}\n{}",
                t.act_cli_not_active(&ca.ca_id, ca.status.as_str()),
                advice(&ca.ca_id)
            ),
            ActivateEnd::OtherCa { ca_id, ca, .. } => format!(
                "{}\n{}{}",
                t.act_cli_other_ca(ca_id, &ca.ca_id, ca.status.as_str()),
                describe_ca(ca, t),
                advice(ca_id)
            ),
            ActivateEnd::Unreadable { ca_id, error, .. } => format!(
                "{}\n{}",
                t.act_cli_unreadable(&t.call_error(error)),
                advice(ca_id)
            ),
        }
    }

    fn to_stderr(&self) -> bool {
        !matches!(self.end, ActivateEnd::Activated { .. })
    }
}
