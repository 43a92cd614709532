//! `cas`, `ca` and `activate`: the CAs after the purchase. Their words come from the catalog
//! ([`crate::text`]); their final outputs are the report types of [`super::report`].

use std::io::IsTerminal;

use clap::Args;

use super::report::{self, ActivateEnd, ActivateReport, CaReport, CasReport, DryRunReport};
use super::{
    GlobalArgs, Output, build_target, confirm, fail, fail_config, fail_t, stop_on_signals,
};
use crate::activation::ca::format_millis;
use crate::activation::rules::{self, ActivateRequest, Field, FieldError, Site};
use crate::activation::{ActivationDraft, CaInfo, CaStatus, CaType, DistinguishedName};
use crate::api::Outcome;
use crate::api::client::{CaFilter, CcmClient};
use crate::config;
use crate::exit;
use crate::journal::Journal;
use crate::text::Text;

/// `cas` flags.
#[derive(Debug, Args, Clone)]
pub struct CasArgs {
    /// Only CAs in this status: PENDING, ACTIVED, DISABLED, DELETED or EXPIRED.
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// Only CAs of this type: root or subordinate.
    #[arg(long = "type", value_name = "T")]
    pub ca_type: Option<String>,
}

/// `ca` arguments.
#[derive(Debug, Args, Clone)]
pub struct CaArgs {
    /// The CA's id (36 characters).
    #[arg(value_name = "CA_ID")]
    pub ca_id: String,
}

/// `activate` flags: one per field of the activate body (required for the scripted path). On a
/// terminal, `activate` alone opens the wizard's activation flow on the chooser of PENDING CAs, and
/// `activate CA_ID` alone opens it for that CA. So the fields are optional to clap and required by the
/// rules (an empty one is refused naming its flag, exit 2).
#[derive(Debug, Args, Clone)]
pub struct ActivateArgs {
    /// The bought (PENDING) CA's id. On a terminal, `activate` alone lets you choose one in the wizard,
    /// and `activate CA_ID` alone opens the wizard for it.
    #[arg(value_name = "CA_ID")]
    pub ca_id: Option<String>,
    /// root or subordinate.
    #[arg(
        long = "type",
        value_name = "TYPE",
        default_value = "",
        hide_default_value = true
    )]
    pub ca_type: String,
    /// The issuing CA's id (subordinate only; it must be ACTIVED).
    #[arg(
        long,
        value_name = "CA_ID",
        default_value = "",
        hide_default_value = true
    )]
    pub issuer: String,
    /// Subject common name, up to 64 characters (may hold *).
    #[arg(long, value_name = "CN", default_value = "", hide_default_value = true)]
    pub common_name: String,
    /// Subject country: 2 letters.
    #[arg(long, value_name = "CC", default_value = "", hide_default_value = true)]
    pub country: String,
    /// Subject organization, up to 64 characters.
    #[arg(long, value_name = "O")]
    pub organization: Option<String>,
    /// Subject organizational unit, up to 64 characters.
    #[arg(long, value_name = "OU")]
    pub organizational_unit: Option<String>,
    /// Subject state or province, up to 128 characters.
    #[arg(long, value_name = "S")]
    pub state: Option<String>,
    /// Subject locality, up to 128 characters.
    #[arg(long, value_name = "L")]
    pub locality: Option<String>,
    /// RSA2048, RSA4096, EC256, EC384 (SM2 on the China website).
    #[arg(
        long,
        value_name = "ALG",
        default_value = "",
        hide_default_value = true
    )]
    pub key_algorithm: String,
    /// SHA256, SHA384, SHA512 (SM3 with SM2 on the China website).
    #[arg(
        long,
        value_name = "ALG",
        default_value = "",
        hide_default_value = true
    )]
    pub signature_algorithm: String,
    /// How long the CA's certificate lasts: N then y, m, d or h (root at most 30 years, subordinate 20).
    #[arg(
        long,
        value_name = "N{y|m|d|h}",
        allow_hyphen_values = true,
        default_value = ""
    )]
    pub validity: String,
    /// Path length 0-6 (subordinate).
    #[arg(long, value_name = "N", default_value = "", allow_hyphen_values = true)]
    pub path_length: String,
    /// Activate without asking (required off a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Print the request (secrets redacted) and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// The flag a user typed for an activation field, so an error names it.
fn flag_for(field: Field) -> &'static str {
    match field {
        Field::CaId => "CA_ID",
        Field::Type => "--type",
        Field::IssuerId => "--issuer",
        Field::CommonName | Field::DistinguishedName => "--common-name",
        Field::Country => "--country",
        Field::State => "--state",
        Field::Locality => "--locality",
        Field::Organization => "--organization",
        Field::OrganizationalUnit => "--organizational-unit",
        Field::KeyAlgorithm => "--key-algorithm",
        Field::SignatureAlgorithm => "--signature-algorithm",
        Field::Validity | Field::StartFrom => "--validity",
        Field::PathLength => "--path-length",
        Field::Body => "activate",
    }
}

/// Every broken flag, one a line, each naming its flag, its field and the rule in this language.
fn errors_text(errors: &[FieldError], t: &Text) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            let rule = t.activation_rule(&e.rule);
            format!("{} ({}): {rule}", flag_for(e.field), e.field)
        })
        .collect();
    format!("{}\n  {}", t.cli_nothing_sent, lines.join("\n  "))
}

fn region(g: &GlobalArgs) -> String {
    g.region
        .clone()
        .or_else(|| std::env::var("HUAWEICLOUD_SDK_REGION").ok())
        .unwrap_or_else(|| "cn-north-4".to_string())
}

impl ActivateArgs {
    /// The draft these flags describe, for the shared rules to check.
    pub fn draft(&self) -> ActivationDraft {
        ActivationDraft {
            ca_id: self.ca_id.clone().unwrap_or_default(),
            ca_type: self.ca_type.clone(),
            issuer_id: self.issuer.clone(),
            subject: DistinguishedName {
                common_name: self.common_name.clone(),
                country: self.country.clone(),
                state: self.state.clone(),
                locality: self.locality.clone(),
                organization: self.organization.clone(),
                organizational_unit: self.organizational_unit.clone(),
            },
            key_algorithm: self.key_algorithm.clone(),
            signature_algorithm: self.signature_algorithm.clone(),
            validity: self.validity.clone(),
            path_length: self.path_length.clone(),
        }
    }
}

async fn client_for(
    g: &GlobalArgs,
    need_credentials: bool,
    t: &Text,
) -> Result<(super::Target, CcmClient), i32> {
    let env = config::process_env;
    let target = match build_target(g, &env, need_credentials, t).await {
        Ok(t) => t,
        Err(e) => return Err(fail_config(g.output, &e, t)),
    };
    match CcmClient::new(&target.config) {
        Ok(c) => Ok((target, c)),
        Err(e) => Err(fail(g.output, exit::NOT_SENT, &e)),
    }
}

/// `pca-order cas`.
pub async fn run_cas(g: &GlobalArgs, args: &CasArgs, t: &'static Text) -> i32 {
    let out = g.output;
    let status = args
        .status
        .as_deref()
        .map(|s| s.trim().to_ascii_uppercase());
    if let Some(s) = &status
        && !CaStatus::DOCUMENTED.contains(&s.as_str())
    {
        let list = CaStatus::DOCUMENTED.join(", ");
        return fail_t(out, exit::USAGE, t, |t| t.cas_bad_status(&list));
    }
    let ca_type = match args.ca_type.as_deref().map(CaType::parse) {
        None => None,
        Some(Ok(t)) => Some(t.as_str().to_string()),
        Some(Err(e)) => {
            return fail_t(out, exit::USAGE, t, |t| {
                format!("--type: {}", t.activation_rule(&e.rule))
            });
        }
    };
    let (_target, client) = match client_for(g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let filter = CaFilter {
        status,
        ca_type,
        name: None,
    };
    match client.list_cas(&filter).await {
        Ok(cas) => {
            report::emit(&CasReport { cas: &cas, t }, out);
            exit::ORDERED
        }
        Err(e) => read_failed(out, &e, t),
    }
}

fn read_failed(out: Output, e: &crate::api::CallError, t: &Text) -> i32 {
    fail_t(out, exit::for_failed_read(e), t, |t| {
        t.cas_read_failed(&t.call_error(e))
    })
}

fn or_dash(s: Option<&str>) -> String {
    s.filter(|s| !s.is_empty()).unwrap_or("-").to_string()
}

/// The CAs as an aligned table: id, type, status, common name, key algorithm, not-after.
pub fn cas_table(cas: &[CaInfo], t: &Text) -> String {
    let mut rows = vec![
        [
            t.cas_col_id,
            t.cas_col_type,
            t.cas_col_status,
            t.cas_col_common_name,
            t.cas_col_key,
            t.cas_col_not_after,
        ]
        .map(String::from)
        .to_vec(),
    ];
    for c in cas {
        rows.push(vec![
            c.ca_id.clone(),
            or_dash(c.ca_type.as_deref()),
            c.status.as_str().to_string(),
            or_dash(c.subject.common_name.as_deref()),
            or_dash(c.key_algorithm.as_deref()),
            c.not_after.map_or("-".to_string(), format_millis),
        ]);
    }
    super::report::aligned(&rows)
}

/// One CA in words, a line per field (what `ca` and a successful `activate` print).
pub fn describe_ca(c: &CaInfo, t: &Text) -> String {
    let s = &c.subject;
    let mut r = vec![
        (t.ca_id, c.ca_id.clone()),
        (t.ca_type, or_dash(c.ca_type.as_deref())),
        (t.ca_status, c.status.as_str().to_string()),
        (t.ca_common_name, or_dash(s.common_name.as_deref())),
        (t.ca_country, or_dash(s.country.as_deref())),
    ];
    for (label, v) in [
        (t.ca_organization, &s.organization),
        (t.ca_unit, &s.organizational_unit),
        (t.ca_state, &s.state),
        (t.ca_locality, &s.locality),
        (t.ca_issuer, &c.issuer_id),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            r.push((label, v.to_string()));
        }
    }
    r.push((t.ca_key_algorithm, or_dash(c.key_algorithm.as_deref())));
    r.push((
        t.ca_signature_algorithm,
        or_dash(c.signature_algorithm.as_deref()),
    ));
    r.push((t.ca_serial, or_dash(c.serial_number.as_deref())));
    r.push((
        t.ca_not_before,
        c.not_before.map_or("-".into(), format_millis),
    ));
    r.push((
        t.ca_not_after,
        c.not_after.map_or("-".into(), format_millis),
    ));
    super::order::rows(&r)
}

/// `pca-order ca CA_ID`.
pub async fn run_ca(g: &GlobalArgs, args: &CaArgs, t: &'static Text) -> i32 {
    let out = g.output;
    let ca_id = rules::normalize_ca_id(&args.ca_id);
    if let Err(e) = rules::ca_id(Field::CaId, &ca_id) {
        return fail_t(out, exit::USAGE, t, |t| {
            format!("CA_ID: {}", t.activation_rule(&e.rule))
        });
    }
    let (_target, client) = match client_for(g, true, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    match client.show_ca(&ca_id).await {
        Ok(ca) => {
            report::emit(&CaReport { ca: &ca, t }, out);
            exit::ORDERED
        }
        Err(e) => read_failed(out, &e, t),
    }
}

/// What the answer to the question activates, before the question.
fn review(req: &ActivateRequest, sandbox: bool, t: &Text) -> String {
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
    r.push((t.ca_validity, req.validity.short()));
    if let Some(p) = req.path_length {
        r.push((t.ca_path_length, p.to_string()));
    }
    r.push((t.ca_body, req.to_json()));
    format!(
        "{}\n{}",
        t.act_cli_review_title(&req.ca_id, sandbox),
        super::order::rows(&r)
    )
}

impl ActivateArgs {
    /// No field flag, no `--yes`, no `--dry-run`: on a terminal this is the wizard's activation flow
    /// (issue 10), not the scripted path.
    fn wizard_only(&self) -> bool {
        let text = [
            &self.ca_type,
            &self.issuer,
            &self.common_name,
            &self.country,
            &self.key_algorithm,
            &self.signature_algorithm,
            &self.validity,
            &self.path_length,
        ];
        let optional = [
            &self.organization,
            &self.organizational_unit,
            &self.state,
            &self.locality,
        ];
        text.iter().all(|v| v.is_empty())
            && optional.iter().all(|v| v.is_none())
            && !self.yes
            && !self.dry_run
    }
}

/// `pca-order activate`.
pub async fn run_activate(g: &GlobalArgs, args: &ActivateArgs, t: &'static Text) -> i32 {
    let out = g.output;
    let on_terminal = std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal();
    // ---- the wizard's activation flow (issue 10) ----
    if args.ca_id.is_none() && !on_terminal {
        return super::fail_t(out, exit::USAGE, t, |t| {
            t.act_cli_ca_id_required.to_string()
        });
    }
    if on_terminal && args.wizard_only() {
        let ca_ids = match &args.ca_id {
            Some(id) => {
                let id = rules::normalize_ca_id(id);
                if let Err(e) = rules::ca_id(Field::CaId, &id) {
                    let rule = e.rule.clone();
                    return super::fail_t(out, exit::USAGE, t, |t| {
                        format!("CA_ID: {}", t.activation_rule(&rule))
                    });
                }
                vec![id]
            }
            None => Vec::new(),
        };
        let lang = crate::text::Lang::detect(g.lang, &config::process_env);
        let start = crate::tui::model::activation::ActivationStart {
            ca_ids,
            period: None,
        };
        return super::wizard::open_wizard(g, lang, Some(start)).await;
    }
    let site = Site::for_region(&region(g));
    // Every field is checked before anything else: a typo never starts a sandbox, reads a secret or sends.
    let request = match args.draft().validate(site) {
        Ok(r) => r,
        Err(errors) => return fail_t(out, exit::USAGE, t, |t| errors_text(&errors, t)),
    };
    if !(args.yes || args.dry_run || on_terminal) {
        return fail_t(out, exit::USAGE, t, |t| t.act_cli_needs_yes.to_string());
    }
    let (target, client) = match client_for(g, !args.dry_run, t).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let cfg = &target.config;
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
        report::emit(&report, out);
        return exit::ORDERED;
    }
    // From here a signal no longer kills the process: at the question it cancels, and with the request
    // in flight the first one waits for the answer (as for an order).
    let mut signals = crate::signals::Termination::new().with_interrupt();
    if !args.yes {
        crate::err_text!("{}", review(&request, cfg.sandbox, t));
        if !confirm(&t.act_cli_question(&request.ca_id), &mut signals).await {
            return super::cancelled(out, t);
        }
    }
    let journal = Journal::new(cfg.journal_path.clone());
    let wait = crate::api::client::in_flight_wait(cfg.timeout);
    let stop = stop_on_signals(&mut signals, wait, t.cli_request_in_flight(wait.as_secs()));
    let activated = client.activate_ca_until(&request, &journal, stop).await;
    if let Some(w) = &activated.journal_warning {
        crate::errln!("{}", t.cli_warning(w));
    }
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
    report::emit(&report, out);
    report.exit_code()
}

/// Activation attempts from the journal, one line each, for `history`.
pub fn activations_table(attempts: &[crate::journal::ActivationAttempt], t: &Text) -> String {
    use crate::journal::ActivationEvent as E;
    let mut text = format!("{}\n", t.act_cli_history_title);
    for a in attempts {
        let sandbox = matches!(a.sending, Some(E::Sending { sandbox: true, .. }));
        let result = match &a.outcome {
            Some(E::Activated) => t.act_cli_history_activated.to_string(),
            Some(E::Rejected {
                status, error_code, ..
            }) => t.act_cli_history_rejected(*status, error_code),
            Some(E::Unknown { reason }) => {
                t.act_cli_history_unknown(&a.ca_id, &crate::sanitize::cut(reason, 60))
            }
            Some(E::NotSent { reason }) => {
                t.act_cli_history_not_sent(&crate::sanitize::cut(reason, 60))
            }
            Some(E::Sending { .. }) | None => t.act_cli_history_no_answer(&a.ca_id),
        };
        let when = a.ts.get(..19).unwrap_or(&a.ts).replace('T', " ");
        text.push_str(&format!(
            "  {when}  activate {}{}  {result}\n",
            a.ca_id,
            if sandbox { t.history_sandbox } else { "" }
        ));
    }
    text
}
