//! The command line: clap definitions and the `order`, `sandbox` and `history` subcommands. The wizard
//! (no subcommand) is started from here too. Every path ends in a DESIGN.md exit code.

use std::io::{BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::api::client::CcmClient;
use crate::api::credentials::{CredentialSource, Credentials, ResolvedCredentials};
use crate::api::error::Outcome;
use crate::config::{
    self, Config, ConfigError, EndpointFlags, EnvLookup, read_credentials_file,
    resolve_credentials, resolve_endpoints,
};
use crate::exit;
use crate::journal::{Event, Journal};
use crate::order::validate::{Field, parse_count};
use crate::order::{FieldError, OrderDraft, OrderRequest, PeriodUnit, QuotaLeft};
use crate::sandbox::{self, RunningSandbox, SandboxConfig};
use crate::tui::{self, WizardContext, text::Lang};

mod activation;

pub use activation::{ActivateArgs, CaArgs, CasArgs};

/// Buy Huawei Cloud private CAs: a terminal wizard, a scriptable `order` command, and a built-in sandbox.
#[derive(Debug, Parser)]
#[command(name = "pca-order", version, about, long_about = None)]
pub struct Cli {
    /// Options every client command shares.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do; none opens the wizard.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where to send, who signs, how to print.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Region id (env HUAWEICLOUD_SDK_REGION; default cn-north-4).
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// CCM endpoint URL, instead of the region's.
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint: Option<String>,
    /// IAM endpoint URL (env HUAWEICLOUD_SDK_IAM_ENDPOINT).
    #[arg(long, global = true, value_name = "URL")]
    pub iam_endpoint: Option<String>,
    /// EPS endpoint URL (default https://eps.myhuaweicloud.com).
    #[arg(long, global = true, value_name = "URL")]
    pub eps_endpoint: Option<String>,
    /// Talk to a built-in sandbox started in this process: nothing real is bought.
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// Order journal path (default $XDG_STATE_HOME/pca-order/orders.jsonl).
    #[arg(long, global = true, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Whole-request timeout in seconds (1-600).
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Output::Text)]
    pub output: Output,
    /// Read an IAM token from this file (`-` for stdin) instead of env or the credentials file.
    #[arg(long, global = true, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
    /// Wizard language (default from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("\"{s}\" is not a supported language (en, zh-CN)"))
}

/// `text` for people, `json` for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// Human-readable.
    Text,
    /// One JSON document on stdout.
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Place an order from flags (for scripts); asks before buying unless --yes.
    Order(OrderArgs),
    /// Run the CCM/IAM/EPS emulator on loopback, for trying and testing without an account.
    Sandbox(SandboxArgs),
    /// Print the order journal.
    History,
    /// List the account's CAs (follows the API's paging).
    Cas(CasArgs),
    /// Show one CA.
    Ca(CaArgs),
    /// Activate a bought (PENDING) CA; asks before sending unless --yes.
    Activate(ActivateArgs),
}

/// `order` flags.
#[derive(Debug, Args, Clone)]
pub struct OrderArgs {
    /// Billing period unit.
    #[arg(long, value_enum, default_value_t = UnitArg::Month)]
    pub period_unit: UnitArg,
    /// Number of months (1-12) or years (1-5).
    #[arg(
        long,
        value_name = "N",
        default_value = "1",
        allow_hyphen_values = true
    )]
    pub period: String,
    /// How many CAs (1-100, and at most what the quota leaves).
    #[arg(
        long,
        value_name = "N",
        default_value = "1",
        allow_hyphen_values = true
    )]
    pub quantity: String,
    /// Renew automatically when the period ends.
    #[arg(long)]
    pub auto_renew: bool,
    /// Pay from the account balance now; otherwise the order waits for payment in the console.
    #[arg(long)]
    pub auto_pay: bool,
    /// Enterprise project id: 0 (default project) or a UUID.
    #[arg(long, value_name = "ID", default_value = "0")]
    pub enterprise_project: String,
    /// Discount text (promotion_info), up to 2048 characters.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub promotion: String,
    /// Buy without asking (required off a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Print the request (secrets redacted) and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `--period-unit` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    /// Months.
    Month,
    /// Years.
    Year,
}

/// `sandbox` flags.
#[derive(Debug, Args, Clone)]
pub struct SandboxArgs {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Token the sandbox accepts.
    #[arg(long)]
    pub token: Option<String>,
    /// Access key id the sandbox accepts.
    #[arg(long)]
    pub ak: Option<String>,
    /// Secret key the sandbox accepts (a fake, sandbox-only secret).
    #[arg(long)]
    pub sk: Option<String>,
    /// Account (domain) id the sandbox reports.
    #[arg(long)]
    pub domain_id: Option<String>,
}

/// The clap flag name for a draft field, so messages name what the user typed.
fn flag_for(field: Field) -> &'static str {
    match field {
        Field::PeriodNum | Field::PeriodType => "--period",
        Field::SubscriptionNum => "--quantity",
        Field::EnterpriseProjectId => "--enterprise-project",
        Field::PromotionInfo => "--promotion",
        Field::IsAutoRenew => "--auto-renew",
        Field::IsAutoPay => "--auto-pay",
        _ => "order",
    }
}

/// `--period (period_num): must be ...`: the flag, the wire field and the rule.
pub fn describe_field_error(e: &FieldError) -> String {
    format!("{} ({}): {}", flag_for(e.field), e.field, e.rule)
}

impl OrderArgs {
    /// The draft these flags describe and its wire body, or every flag that breaks a rule.
    pub fn order(&self) -> Result<(OrderDraft, OrderRequest), Vec<FieldError>> {
        let period = parse_count(Field::PeriodNum, &self.period);
        let quantity = parse_count(Field::SubscriptionNum, &self.quantity);
        let draft = OrderDraft {
            period_unit: match self.period_unit {
                UnitArg::Month => PeriodUnit::Month,
                UnitArg::Year => PeriodUnit::Year,
            },
            period_num: *period.as_ref().unwrap_or(&1),
            subscription_num: *quantity.as_ref().unwrap_or(&1),
            is_auto_renew: self.auto_renew,
            is_auto_pay: self.auto_pay,
            enterprise_project_id: self.enterprise_project.trim().to_string(),
            promotion_info: self.promotion.clone(),
        };
        // Report every bad flag at once: parse failures, then the rules of the fields that did parse.
        let mut errors: Vec<FieldError> = [period.err(), quantity.err()]
            .into_iter()
            .flatten()
            .collect();
        match draft.validate(None) {
            Ok(request) if errors.is_empty() => Ok((draft, request)),
            Ok(_) => Err(errors),
            Err(rule_errors) => {
                let unparsed: Vec<Field> = errors.iter().map(|e| e.field).collect();
                errors.extend(
                    rule_errors
                        .into_iter()
                        .filter(|e| !unparsed.contains(&e.field)),
                );
                Err(errors)
            }
        }
    }
}

/// Runs the parsed command line and returns the exit code.
pub async fn run(cli: Cli) -> i32 {
    let out = cli.global.output;
    match cli.command {
        None => run_wizard(&cli.global).await,
        Some(Command::Order(args)) => run_order(&cli.global, &args).await,
        Some(Command::Sandbox(args)) => run_sandbox(&args).await,
        Some(Command::History) => run_history(&cli.global, out),
        Some(Command::Cas(args)) => activation::run_cas(&cli.global, &args).await,
        Some(Command::Ca(args)) => activation::run_ca(&cli.global, &args).await,
        Some(Command::Activate(args)) => activation::run_activate(&cli.global, &args).await,
    }
}

/// Prints a failure in the chosen format and returns its exit code.
fn fail(out: Output, code: i32, message: &str) -> i32 {
    match out {
        Output::Text => eprintln!("pca-order: {message}"),
        Output::Json => println!(
            "{}",
            json!({"outcome": "error", "exit_code": code, "message": message})
        ),
    }
    code
}

/// A running in-process sandbox (kept alive while the command runs) and the config pointing at it.
struct Target {
    config: Config,
    _sandbox: Option<RunningSandbox>,
}

/// `--journal`, else the default path for real or sandbox orders.
fn journal_path(g: &GlobalArgs, env: EnvLookup<'_>) -> Result<PathBuf, ConfigError> {
    match &g.journal {
        Some(p) => Ok(p.clone()),
        None => config::default_journal_path(env, g.sandbox).ok_or_else(|| {
            ConfigError::Usage(
                "--journal: no HOME or XDG_STATE_HOME to put the journal in; pass --journal PATH"
                    .into(),
            )
        }),
    }
}

/// Resolves endpoints, credentials and the journal; with `--sandbox`, starts the sandbox first.
/// Without `need_credentials` (a dry run), missing credentials become a labelled placeholder.
async fn build_target(
    g: &GlobalArgs,
    env: EnvLookup<'_>,
    need_credentials: bool,
) -> Result<Target, ConfigError> {
    let timeout = Duration::from_secs(g.timeout);
    let journal_path = journal_path(g, env)?;
    let (region, endpoints, credentials, running) = if g.sandbox {
        if g.endpoint.is_some() || g.iam_endpoint.is_some() || g.eps_endpoint.is_some() {
            return Err(ConfigError::Usage(
                "--sandbox runs its own endpoints; drop --endpoint/--iam-endpoint/--eps-endpoint"
                    .into(),
            ));
        }
        let sc = SandboxConfig::default();
        let running = sandbox::start(sc.clone(), ([127, 0, 0, 1], 0).into())
            .await
            .map_err(|e| {
                ConfigError::Usage(format!(
                    "--sandbox: cannot start the sandbox on 127.0.0.1 ({e})"
                ))
            })?;
        let base = running.base_url();
        let flags = EndpointFlags {
            region: g.region.clone(),
            endpoint: Some(base.clone()),
            iam_endpoint: Some(base.clone()),
            eps_endpoint: Some(base),
        };
        let (region, endpoints) = resolve_endpoints(&flags, env, None)?;
        let credentials = ResolvedCredentials {
            credentials: Credentials::ak_sk(sc.ak, sc.sk, None, Some(sc.domain_id)),
            source: CredentialSource::Sandbox,
        };
        (region, endpoints, credentials, Some(running))
    } else {
        let file = match config::credentials_file_path(env) {
            Some(path) => read_credentials_file(&path)?,
            None => None,
        };
        let flags = EndpointFlags {
            region: g.region.clone(),
            endpoint: g.endpoint.clone(),
            iam_endpoint: g.iam_endpoint.clone(),
            eps_endpoint: g.eps_endpoint.clone(),
        };
        let file_iam = file.as_ref().and_then(|f| f.iam_endpoint.as_deref());
        let (region, endpoints) = resolve_endpoints(&flags, env, file_iam)?;
        let stdin = &mut std::io::stdin();
        let credentials =
            match resolve_credentials(g.token_file.as_deref(), env, stdin, file.as_ref()) {
                Ok(c) => c,
                Err(e) if !need_credentials => {
                    eprintln!("note: {e}\nnote: showing placeholder credentials in this dry run");
                    ResolvedCredentials {
                        credentials: Credentials::token("<none>"),
                        source: CredentialSource::Missing,
                    }
                }
                Err(e) => return Err(e),
            };
        (region, endpoints, credentials, None)
    };
    let sandbox = running.is_some();
    Ok(Target {
        config: Config {
            region,
            endpoints,
            credentials,
            journal_path,
            timeout,
            sandbox,
        },
        _sandbox: running,
    })
}

async fn run_wizard(g: &GlobalArgs) -> i32 {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "pca-order: the wizard needs a terminal (stdin and stdout are not both a TTY).\n\
             For scripts, use `pca-order order --help`."
        );
        return exit::USAGE;
    }
    if g.token_file.as_deref() == Some(std::path::Path::new("-")) {
        eprintln!(
            "pca-order: --token-file - reads stdin, which the wizard needs for keys; pass a file path"
        );
        return exit::USAGE;
    }
    let env = config::process_env;
    let target = match build_target(g, &env, true).await {
        Ok(t) => t,
        Err(e) => return fail(Output::Text, e.exit_code(), &e.to_string()),
    };
    let client = match CcmClient::new(&target.config) {
        Ok(c) => c,
        Err(e) => return fail(Output::Text, exit::NOT_SENT, &e),
    };
    let journal = Journal::new(target.config.journal_path.clone());
    let lang = Lang::detect(g.lang, &env);
    tui::run(WizardContext {
        config: target.config.clone(),
        client,
        journal,
        lang,
    })
    .await
}

async fn run_order(g: &GlobalArgs, args: &OrderArgs) -> i32 {
    let out = g.output;
    // Validate flags before anything else: a typo never starts a sandbox, reads a secret or sends.
    let (draft, request) = match args.order() {
        Ok(order) => order,
        Err(errors) => return fail(out, exit::USAGE, &field_errors_text(&errors)),
    };
    // The review and the question go to stderr, the answer comes from stdin: all must be the terminal.
    let on_terminal = std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal();
    if !(args.yes || args.dry_run || on_terminal) {
        return fail(
            out,
            exit::USAGE,
            "not on a terminal, so there is no one to confirm the purchase: add --yes to buy (or --dry-run to see the request)",
        );
    }
    let env = config::process_env;
    let target = match build_target(g, &env, !args.dry_run).await {
        Ok(t) => t,
        Err(e) => return fail(out, e.exit_code(), &e.to_string()),
    };
    let client = match CcmClient::new(&target.config) {
        Ok(c) => c,
        Err(e) => return fail(out, exit::NOT_SENT, &e),
    };
    if !target.config.sandbox
        && request
            .promotion_info
            .as_deref()
            .is_some_and(|p| p.contains("sandbox:"))
    {
        eprintln!(
            "note: --promotion holds sandbox: directives; only the sandbox obeys them, the real API gets them as discount text"
        );
    }
    if args.dry_run {
        print_dry_run(&client, &request, &target.config, out);
        return exit::ORDERED;
    }
    // Check the quota first, when it can be read, so an order the account cannot hold is caught here.
    let quota = match client.show_ca_quota().await {
        Ok(q) => Some(q),
        Err(e) => {
            if out == Output::Text {
                eprintln!("note: could not read the CA quota ({e}); ordering without checking it");
            }
            None
        }
    };
    if let Err(errors) = draft.validate(quota) {
        return fail(out, exit::USAGE, &field_errors_text(&errors));
    }
    if !args.yes {
        print_review(&request, &target.config, quota);
        if !confirm(&confirm_question(&request)) {
            eprintln!("Cancelled; nothing was sent.");
            return exit::CANCELLED;
        }
    }
    let journal = Journal::new(target.config.journal_path.clone());
    let placed = client.create_ca_order(&request, &journal).await;
    if let Some(warning) = &placed.journal_warning {
        eprintln!("warning: {warning}");
    }
    let outcome = placed.outcome;
    print_outcome(&outcome, &request, &target.config, out);
    outcome.exit_code()
}

fn field_errors_text(errors: &[FieldError]) -> String {
    let lines: Vec<String> = errors.iter().map(describe_field_error).collect();
    format!("nothing was sent:\n  {}", lines.join("\n  "))
}

/// "1 private CA", "3 private CAs".
pub fn describe_quantity(n: u64) -> String {
    if n == 1 {
        "1 private CA".to_string()
    } else {
        format!("{n} private CAs")
    }
}

/// "1 month", "2 years".
pub fn describe_period(req: &OrderRequest) -> String {
    let unit = match (req.period_unit(), req.period_num) {
        (PeriodUnit::Month, 1) => "month",
        (PeriodUnit::Month, _) => "months",
        (PeriodUnit::Year, 1) => "year",
        (PeriodUnit::Year, _) => "years",
    };
    format!("{} {unit}", req.period_num)
}

/// The one question asked before buying.
pub fn confirm_question(req: &OrderRequest) -> String {
    format!(
        "Buy {} for {}? [y/N] ",
        describe_quantity(req.subscription_num),
        describe_period(req)
    )
}

fn print_review(req: &OrderRequest, cfg: &Config, quota: Option<QuotaLeft>) {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    eprintln!(
        "About to order{}:",
        if cfg.sandbox {
            " (SANDBOX: nothing real is bought)"
        } else {
            ""
        }
    );
    eprintln!(
        "  what:               {} for {}",
        describe_quantity(req.subscription_num),
        describe_period(req)
    );
    eprintln!("  auto-renew:         {}", yes_no(req.is_auto_renew == 1));
    eprintln!(
        "  auto-pay:           {}",
        if req.auto_pay() {
            "yes, from the account balance now"
        } else {
            "no, the order waits for payment in the console"
        }
    );
    eprintln!(
        "  enterprise project: {}",
        req.enterprise_project_id.as_deref().unwrap_or("0")
    );
    if let Some(p) = req.promotion_info.as_deref().filter(|p| !p.is_empty()) {
        eprintln!("  promotion:          {p}");
    }
    if let Some(q) = quota {
        eprintln!(
            "  CA quota:           {} of {} used, up to {} more",
            q.used,
            q.quota,
            q.left()
        );
    }
    eprintln!("  region:             {}", cfg.region);
    eprintln!(
        "  endpoint:           {}",
        crate::api::client::endpoint_url(&cfg.endpoints.ccm, crate::api::client::ORDER_PATH, &[])
    );
    eprintln!(
        "  credentials:        {} from {}",
        cfg.credentials.credentials, cfg.credentials.source
    );
}

fn confirm(question: &str) -> bool {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(_) => matches!(line.trim(), "y" | "Y" | "yes" | "YES" | "Yes"),
        Err(_) => false,
    }
}

fn print_dry_run(client: &CcmClient, req: &OrderRequest, cfg: &Config, out: Output) {
    let prepared = client.prepare_order(req);
    match out {
        Output::Json => {
            let headers: serde_json::Map<String, serde_json::Value> = prepared
                .redacted_headers()
                .into_iter()
                .map(|(k, v)| (k, json!(v)))
                .collect();
            println!(
                "{}",
                json!({
                    "outcome": "dry_run",
                    "method": prepared.method.as_str(),
                    "url": prepared.url.as_str(),
                    "headers": headers,
                    "body": req,
                    "credential_source": cfg.credentials.source.to_string(),
                    "sandbox": cfg.sandbox,
                })
            );
        }
        Output::Text => {
            println!(
                "# dry run: nothing is sent{}",
                if cfg.sandbox { " (sandbox)" } else { "" }
            );
            println!(
                "# credentials: {} from {}",
                cfg.credentials.credentials, cfg.credentials.source
            );
            println!("{} {}", prepared.method, prepared.url);
            for (k, v) in prepared.redacted_headers() {
                println!("{k}: {v}");
            }
            println!();
            println!("{}", req.to_json());
        }
    }
}

/// What to do after an order, in one or two plain lines.
pub fn next_steps(req: &OrderRequest, order_id: &str) -> Vec<String> {
    let mut lines = Vec::new();
    if req.auto_pay() {
        lines.push("Paid from the account balance (auto-pay).".to_string());
    } else {
        lines.push(format!(
            "Pay for order {order_id} in the Huawei Cloud console (Billing Center > Orders > My Orders): it waits for payment."
        ));
    }
    lines.push(
        "Each CA is PENDING until you activate it (console, or POST /v1/private-certificate-authorities/{ca_id}/activate)."
            .to_string(),
    );
    lines
}

/// What to do after a failure, by outcome class: the wizard's English advice, so the two never differ.
pub fn advice(outcome: &Outcome) -> &'static str {
    crate::tui::view::outcome::advice(outcome, Lang::En.text())
}

fn print_outcome(outcome: &Outcome, req: &OrderRequest, cfg: &Config, out: Output) {
    let journal = cfg.journal_path.display().to_string();
    if out == Output::Json {
        let v = match outcome {
            Outcome::Created(c) => {
                json!({"outcome": "created", "order_id": c.order_id, "ca_ids": c.ca_ids,
                "auto_pay": req.auto_pay(), "sandbox": cfg.sandbox, "journal": journal})
            }
            Outcome::Rejected(e) => {
                json!({"outcome": "rejected", "status": e.status, "error_code": e.code,
                "error_msg": e.message, "request_id": e.request_id, "advice": advice(outcome), "sandbox": cfg.sandbox, "journal": journal})
            }
            Outcome::Unknown(r) => {
                json!({"outcome": "unknown", "reason": r, "advice": advice(outcome), "sandbox": cfg.sandbox, "journal": journal})
            }
            Outcome::NotSent(r) => {
                json!({"outcome": "not_sent", "reason": r, "advice": advice(outcome), "sandbox": cfg.sandbox, "journal": journal})
            }
        };
        println!("{v}");
        return;
    }
    let sandbox_note = if cfg.sandbox {
        "SANDBOX: nothing real was bought. "
    } else {
        ""
    };
    match outcome {
        Outcome::Created(c) => {
            println!(
                "{sandbox_note}Ordered {} for {}.",
                describe_quantity(req.subscription_num),
                describe_period(req)
            );
            println!("  order id: {}", c.order_id);
            for (i, id) in c.ca_ids.iter().enumerate() {
                println!("  {} {id}", if i == 0 { "CA ids:  " } else { "         " });
            }
            println!("  journal:  {journal}");
            for line in next_steps(req, &c.order_id) {
                println!("Next: {line}");
            }
        }
        Outcome::Rejected(e) => {
            eprintln!(
                "{sandbox_note}{}",
                crate::tui::view::outcome::rejected_title(e, Lang::En.text())
            );
            eprintln!("  status:     HTTP {}", e.status);
            eprintln!("  error code: {}", e.code);
            eprintln!("  message:    {}", e.message);
            eprintln!(
                "  request id: {}",
                e.request_id.as_deref().unwrap_or("(none)")
            );
            eprintln!("  journal:    {journal}");
            eprintln!("What to do: {}", advice(outcome));
        }
        Outcome::Unknown(r) => {
            eprintln!("{sandbox_note}Outcome unknown: {r}");
            eprintln!("  journal: {journal}");
            eprintln!("What to do: {}", advice(outcome));
        }
        Outcome::NotSent(r) => {
            eprintln!("{sandbox_note}Not sent: {r}");
            eprintln!("What to do: {}", advice(outcome));
        }
    }
}

async fn run_sandbox(args: &SandboxArgs) -> i32 {
    if !args.listen.ip().is_loopback() {
        eprintln!(
            "pca-order sandbox: --listen {}: the sandbox serves well-known test credentials, so it listens \
             only on loopback (127.0.0.0/8 or ::1)",
            args.listen
        );
        return exit::USAGE;
    }
    let mut sc = SandboxConfig::default();
    if let Some(t) = &args.token {
        sc.token = t.clone();
    }
    if let Some(ak) = &args.ak {
        sc.ak = ak.clone();
    }
    if let Some(sk) = &args.sk {
        sc.sk = sk.clone();
    }
    if let Some(d) = &args.domain_id {
        sc.domain_id = d.clone();
    }
    match sandbox::run_standalone(sc, args.listen).await {
        Ok(()) => exit::ORDERED,
        Err(e) => {
            eprintln!("pca-order sandbox: cannot listen on {} ({e})", args.listen);
            exit::NOT_SENT
        }
    }
}

fn run_history(g: &GlobalArgs, out: Output) -> i32 {
    let path = match journal_path(g, &config::process_env) {
        Ok(p) => p,
        Err(e) => return fail(out, e.exit_code(), &e.to_string()),
    };
    let history = match Journal::new(path.clone()).read() {
        Ok(h) => h,
        Err(e) => {
            return fail(
                out,
                exit::NOT_SENT,
                &format!("cannot read the journal {} ({e})", path.display()),
            );
        }
    };
    if out == Output::Json {
        println!(
            "{}",
            json!({"journal": path.display().to_string(), "attempts": history.attempts,
            "activations": history.activations,
            "unreadable_lines": history.unreadable_lines})
        );
        return exit::ORDERED;
    }
    if history.attempts.is_empty() {
        println!("No orders in {}.", path.display());
    } else {
        print!("{}", history_table(&history.attempts));
        println!("journal: {}", path.display());
    }
    if !history.activations.is_empty() {
        print!("{}", activation::activations_table(&history.activations));
    }
    if !history.unreadable_lines.is_empty() {
        eprintln!(
            "warning: lines {:?} of {} could not be read",
            history.unreadable_lines,
            path.display()
        );
    }
    exit::ORDERED
}

/// The journal as an aligned text table, one row per attempt.
pub fn history_table(attempts: &[crate::journal::Attempt]) -> String {
    let mut rows = vec![
        ["TIME (UTC)", "STATE", "ORDER", "WHAT", "REGION", "RESULT"]
            .map(String::from)
            .to_vec(),
    ];
    for a in attempts {
        let (what, region, sandbox) = match &a.sending {
            Some(s) => (
                format!(
                    "{} × {}",
                    s.request.subscription_num,
                    describe_period(&s.request)
                ),
                s.region.clone(),
                s.sandbox,
            ),
            None => ("?".into(), "?".into(), false),
        };
        let (state, order, result) = match &a.outcome {
            Some(Event::Created { order_id, ca_ids }) => (
                "created",
                order_id.clone(),
                format!("{} CA ids", ca_ids.len()),
            ),
            Some(Event::Rejected {
                status,
                error_code,
                request_id,
                ..
            }) => (
                "rejected",
                "-".into(),
                format!(
                    "HTTP {status} {error_code}{}",
                    request_id
                        .as_ref()
                        .map(|r| format!(" req {r}"))
                        .unwrap_or_default()
                ),
            ),
            Some(Event::Unknown { reason }) => (
                "UNKNOWN",
                "?".into(),
                format!("check the console: {}", crate::sanitize::cut(reason, 60)),
            ),
            Some(Event::NotSent { reason }) => {
                ("not sent", "-".into(), crate::sanitize::cut(reason, 60))
            }
            Some(Event::Sending { .. }) | None => (
                "NO ANSWER",
                "?".into(),
                "stopped mid-request: check the console".into(),
            ),
        };
        let state = if sandbox {
            format!("{state} (sandbox)")
        } else {
            state.to_string()
        };
        // RFC 3339 to the second reads better in a table; the JSON output keeps the full time.
        let when = a.ts.get(..19).unwrap_or(&a.ts).replace('T', " ");
        rows.push(vec![when, state, order, what, region, result]);
    }
    let widths: Vec<usize> = (0..6)
        .map(|i| {
            rows.iter()
                .map(|r| unicode_width::UnicodeWidthStr::width(r[i].as_str()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                format!(
                    "{c}{}",
                    " ".repeat(w - unicode_width::UnicodeWidthStr::width(c.as_str()))
                )
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}
