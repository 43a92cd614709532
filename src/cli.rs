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
    self, Config, ConfigError, EndpointFlags, EnvLookup, resolve_credentials, resolve_endpoints,
};
use crate::exit;
use crate::journal::{Event, Journal};
use crate::order::validate::{Field, parse_count};
use crate::order::{FieldError, OrderDraft, OrderRequest, PeriodUnit, QuotaLeft};
use crate::sandbox::{self, RunningSandbox, SandboxConfig};
use crate::tui::runtime::Termination;
use crate::tui::{self, WizardContext, text::Lang};

mod activation;
mod billing;

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
    /// BSS (billing) endpoint URL (default: the account's website, detected once).
    #[arg(long, global = true, value_name = "URL")]
    pub bss_endpoint: Option<String>,
    /// Talk to a built-in sandbox started in this process: nothing real is bought.
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// Order journal path (default $XDG_STATE_HOME/pca-order/orders.jsonl).
    #[arg(long, global = true, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Seconds to wait for an answer (1-600); connecting has its own limit, 10 s or this if lower.
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
    #[arg(long, global = true, value_name = "LANG", value_parser = LangParser)]
    pub lang: Option<Lang>,
}

/// `--lang`: accepts what [`Lang::parse`] does (`zh`, `zh_CN`, `en-GB`…) while listing the two languages
/// in `--help` and in the error, which a plain function parser cannot.
#[derive(Debug, Clone, Copy)]
struct LangParser;

impl clap::builder::TypedValueParser for LangParser {
    type Value = Lang;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Lang, clap::Error> {
        let text = value.to_string_lossy();
        Lang::parse(&text).ok_or_else(|| {
            let mut err = clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd);
            use clap::error::{ContextKind, ContextValue};
            if let Some(arg) = arg {
                err.insert(
                    ContextKind::InvalidArg,
                    ContextValue::String(arg.to_string()),
                );
            }
            err.insert(
                ContextKind::InvalidValue,
                ContextValue::String(text.into_owned()),
            );
            err.insert(
                ContextKind::ValidValue,
                ContextValue::Strings(vec!["en".into(), "zh-CN".into()]),
            );
            err
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            [
                clap::builder::PossibleValue::new("en").help("English"),
                clap::builder::PossibleValue::new("zh-CN").help("简体中文 (also zh, zh_CN)"),
            ]
            .into_iter(),
        ))
    }
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
    /// Print the order journal: real orders; with --sandbox, the pretend ones (sandbox, plain-http loopback).
    History,
    /// Print what an order with these flags would cost (nothing is bought).
    Price(OrderArgs),
    /// Pay an order that waits for payment; asks with the amount unless --yes.
    Pay(billing::ActArgs),
    /// Show an order's status, amounts, times and CAs; --wait follows it to completion.
    Status(billing::StatusArgs),
    /// Cancel an order that waits for payment; asks unless --yes.
    Cancel(billing::ActArgs),
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
    /// After an auto-paid order, follow it until it completes (like `status --wait`).
    #[arg(long)]
    pub wait: bool,
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
    /// How long a paid order stays "processing" before it reads "completed", in milliseconds.
    #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(0..=3_600_000))]
    pub settle_ms: Option<u64>,
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

/// The single-valued flags shared by every command. Global, so each may be given before or after the
/// subcommand; given on both sides clap would keep the last silently, which hides a typo in a purchase.
const SHARED_VALUE_FLAGS: [&str; 9] = [
    "region",
    "endpoint",
    "iam_endpoint",
    "eps_endpoint",
    "journal",
    "timeout",
    "output",
    "token_file",
    "lang",
];

/// Whether the raw command line asks for JSON output, looked up before parsing so that even clap's own
/// errors can be given in the format the caller reads.
fn asks_for_json(args: &[std::ffi::OsString]) -> bool {
    args.iter()
        .zip(args.iter().skip(1).map(Some).chain([None]))
        .take_while(|(a, _)| *a != "--")
        .any(|(a, next)| {
            a == "--output=json" || (a == "--output" && next.is_some_and(|n| n == "json"))
        })
}

/// A shared flag given twice (clap refuses that on one level, but a global flag given before and after
/// the subcommand is silently last-wins, and its matches keep no trace of the first), as a usage error.
/// Counted on the raw arguments, up to a `--`.
fn repeated_shared_flag(
    cmd: &mut clap::Command,
    args: &[std::ffi::OsString],
) -> Option<clap::Error> {
    SHARED_VALUE_FLAGS.iter().find_map(|id| {
        let flag = format!("--{}", id.replace('_', "-"));
        let with_value = format!("{flag}=");
        let count = args
            .iter()
            .skip(1)
            .map(|a| a.to_string_lossy())
            .take_while(|a| a != "--")
            .filter(|a| *a == flag || a.starts_with(&with_value))
            .count();
        (count > 1).then(|| {
            cmd.error(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "{flag} is given {count} times; give it once (the last would win silently)"
                ),
            )
        })
    })
}

/// Parses the command line. On a usage error returns the exit code (2) after printing the error: as
/// JSON on stdout when `--output json` is on the command line, so a script reads one format whatever
/// went wrong; `--help` and `--version` print and return 0.
pub fn parse_command_line(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Cli, i32> {
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let parsed = cmd.try_get_matches_from_mut(&args).and_then(|m| {
        match repeated_shared_flag(&mut cmd, &args) {
            Some(e) => Err(e),
            None => Cli::from_arg_matches(&m).map_err(|e| e.with_cmd(&cmd)),
        }
    });
    let e = match parsed {
        Ok(cli) => return Ok(cli),
        Err(e) => e,
    };
    if !e.use_stderr() || !asks_for_json(&args) {
        // Help and version go to stdout with exit 0; errors to stderr with exit 2.
        let _ = e.print();
        return Err(e.exit_code());
    }
    let message = e.render().to_string();
    let message = message.trim().trim_start_matches("error: ").to_string();
    Err(fail(Output::Json, exit::USAGE, &message))
}

/// Runs the parsed command line and returns the exit code.
pub async fn run(cli: Cli) -> i32 {
    let out = cli.global.output;
    match cli.command {
        None => run_wizard(&cli.global).await,
        Some(Command::Order(args)) => run_order(&cli.global, &args).await,
        Some(Command::Sandbox(args)) => run_sandbox(&args).await,
        Some(Command::History) => run_history(&cli.global, out),
        Some(Command::Price(args)) => billing::run_price(&cli.global, &args).await,
        Some(Command::Pay(args)) => {
            billing::run_act(&cli.global, &args, crate::journal::ActionKind::Pay).await
        }
        Some(Command::Status(args)) => billing::run_status(&cli.global, &args).await,
        Some(Command::Cancel(args)) => {
            billing::run_act(&cli.global, &args, crate::journal::ActionKind::Cancel).await
        }
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

/// `--journal`, else the default path for real or sandbox (pretend) orders.
fn journal_path(g: &GlobalArgs, env: EnvLookup<'_>, sandbox: bool) -> Result<PathBuf, ConfigError> {
    match &g.journal {
        Some(p) => Ok(p.clone()),
        None => config::default_journal_path(env, sandbox).ok_or_else(|| {
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
        let file = config::load_credentials_file(env)?;
        let flags = EndpointFlags {
            region: g.region.clone(),
            endpoint: g.endpoint.clone(),
            iam_endpoint: g.iam_endpoint.clone(),
            eps_endpoint: g.eps_endpoint.clone(),
        };
        let file_iam = file.as_ref().and_then(|f| f.iam_endpoint.as_deref());
        let (region, endpoints) = resolve_endpoints(&flags, env, file_iam)?;
        let stdin = &mut std::io::stdin();
        if g.token_file.as_deref() == Some(std::path::Path::new("-")) && stdin.is_terminal() {
            // Otherwise the command just sits there, looking hung.
            eprintln!(
                "Waiting for the IAM token on stdin (--token-file -): paste it, press Enter, then Ctrl-D."
            );
        }
        let credentials =
            match resolve_credentials(g.token_file.as_deref(), env, stdin, file.as_ref()) {
                Ok(c) => c,
                Err(e @ ConfigError::Credentials(_)) if !need_credentials => {
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
    // A plain-http (loopback-only) CCM endpoint, such as a standalone `pca-order sandbox`, can never take a
    // real purchase: its orders are pretend ones, journaled and labelled as sandbox orders.
    let sandbox = running.is_some() || config::is_pretend_endpoint(&endpoints.ccm);
    let journal_path = journal_path(g, env, sandbox)?;
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
    if let Some(problem) = tui::terminal_problem(&|name| std::env::var(name).ok()) {
        eprintln!("pca-order: {problem}");
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
    match journal.check() {
        Ok(warning) => warn_journal(warning),
        Err(e) => {
            return fail(
                Output::Text,
                exit::NOT_SENT,
                &format!("{e}; nothing was sent"),
            );
        }
    }
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
        billing::price_note(g, &target, &request).await;
        return exit::ORDERED;
    }
    let journal = Journal::new(target.config.journal_path.clone());
    match journal.check() {
        Ok(warning) => warn_journal(warning),
        Err(e) => return fail(out, exit::NOT_SENT, &format!("{e}; nothing was sent")),
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
    // From here a signal (Ctrl-C, SIGTERM, SIGHUP) no longer kills the process: at the question it
    // cancels, and with the order in flight it must not cost the answer.
    let mut signals = Termination::new().with_interrupt();
    if !args.yes {
        print_review(&request, &target.config, quota);
        let price = billing::price_note(g, &target, &request).await;
        let question = billing::question_with_price(confirm_question(&request), price.as_ref());
        if !confirm(&question, &mut signals).await {
            eprintln!("Cancelled; nothing was sent.");
            return exit::CANCELLED;
        }
    }
    let journal = Journal::new(target.config.journal_path.clone());
    let wait = crate::api::client::in_flight_wait(target.config.timeout);
    let stop = async {
        // The first signal: keep waiting for the answer (bounded), as the wizard does when it quits
        // with an order in flight; a second one stops the wait.
        signals.recv().await;
        eprintln!(
            "pca-order: the order is in flight: waiting up to {} s for its answer so it is journaled (a second signal stops waiting)…",
            wait.as_secs()
        );
        tokio::select! {
            () = signals.recv() => crate::api::Reason::SecondSignal,
            () = tokio::time::sleep(wait) => crate::api::Reason::SignalWait { secs: wait.as_secs() },
        }
    };
    let placed = client.create_ca_order_until(&request, &journal, stop).await;
    if let Some(warning) = &placed.journal_warning {
        eprintln!("warning: {warning}");
    }
    let outcome = placed.outcome;
    print_outcome(&outcome, &request, &target.config, out);
    if let (true, Outcome::Created(c)) = (args.wait, &outcome) {
        return billing::wait_after_order(g, &target, &request, &c.order_id).await;
    }
    outcome.exit_code()
}

/// Prints the journal's warning (others can read it) on stderr, before anything is sent or drawn.
fn warn_journal(warning: Option<String>) {
    if let Some(w) = warning {
        eprintln!("warning: {w}");
    }
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

/// Asks the question; yes only for an explicit "y"/"yes". A signal (Ctrl-C at the prompt) is a no.
async fn confirm(question: &str, signals: &mut Termination) -> bool {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    // A plain thread, not a runtime task: a read that never returns must not hold up the exit.
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let yes = match std::io::stdin().lock().read_line(&mut line) {
            Ok(_) => matches!(line.trim(), "y" | "Y" | "yes" | "YES" | "Yes"),
            Err(_) => false,
        };
        let _ = tx.send(yes);
    });
    tokio::select! {
        answer = rx => answer.unwrap_or(false),
        () = signals.recv() => {
            eprintln!();
            false
        }
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
            if cfg.credentials.source == CredentialSource::Missing {
                println!("# credentials: {}", cfg.credentials.source);
            } else {
                println!(
                    "# credentials: {} from {}",
                    cfg.credentials.credentials, cfg.credentials.source
                );
            }
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

/// What to do after a failure, by outcome class, written for the command line: the wizard's English
/// advice (so the two never differ in substance), except where that names a wizard key.
pub fn advice(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Rejected(crate::api::ApiError { status: 400, .. }) => {
            "Fix the flag the message names (see `pca-order order --help`) and run the command again."
        }
        _ => crate::tui::view::outcome::advice(outcome, Lang::En.text()),
    }
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
                json!({"outcome": "unknown", "reason": r.to_string(), "advice": advice(outcome), "sandbox": cfg.sandbox, "journal": journal})
            }
            Outcome::NotSent(r) => {
                json!({"outcome": "not_sent", "reason": r.to_string(), "advice": advice(outcome), "sandbox": cfg.sandbox, "journal": journal})
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
    if let Some(ms) = args.settle_ms {
        sc.settle = Duration::from_millis(ms);
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
    let env = config::process_env;
    let path = match journal_path(g, &env, g.sandbox) {
        Ok(p) => p,
        Err(e) => return fail(out, e.exit_code(), &e.to_string()),
    };
    let journal = Journal::new(path.clone());
    let history = match journal.read() {
        Ok(h) => h,
        Err(e) => {
            return fail(
                out,
                exit::NOT_SENT,
                &format!("cannot read the journal {} ({e})", path.display()),
            );
        }
    };
    if let Ok(Some(w)) = journal.check()
        && out == Output::Text
    {
        eprintln!("warning: {w}");
    }
    // The real history never lists a pretend order (sandbox, or sent over loopback-only plain http) as
    // real: those are listed by `history --sandbox` and only counted here.
    let (attempts, pretend): (Vec<_>, Vec<_>) = if g.sandbox {
        (history.attempts, Vec::new())
    } else {
        history.attempts.into_iter().partition(|a| !a.is_pretend())
    };
    let (activations, pretend_activations): (Vec<_>, Vec<_>) = if g.sandbox {
        (history.activations, Vec::new())
    } else {
        history
            .activations
            .into_iter()
            .partition(|a| !a.is_pretend())
    };
    // Pretend orders, payments and activations alike: only `history --sandbox` lists them.
    let pretend_count = pretend.len() + pretend_activations.len();
    let damaged = history.unreadable_lines.len();
    // With the default real journal empty, say where sandbox orders are, if there are any.
    let sandbox_elsewhere = if g.sandbox || g.journal.is_some() || !attempts.is_empty() {
        0
    } else {
        config::default_journal_path(&env, true)
            .and_then(|p| Journal::new(p).read().ok())
            .map_or(0, |h| h.attempts.len())
    };
    if out == Output::Json {
        println!(
            "{}",
            json!({"journal": path.display().to_string(), "attempts": attempts,
            "activations": activations,
            "damaged_lines": damaged, "unreadable_lines": history.unreadable_lines,
            "sandbox_attempts_not_listed": pretend_count + sandbox_elsewhere})
        );
        return exit::ORDERED;
    }
    if attempts.is_empty() {
        println!("No orders in {}.", path.display());
    } else {
        print!("{}", history_table(&attempts));
        println!("journal: {}", path.display());
    }
    if pretend_count > 0 {
        println!(
            "{} not listed: sent to the sandbox or a plain-http loopback endpoint, so nothing real was \
             bought (`pca-order history --sandbox` lists them).",
            plural(pretend_count, "sandbox attempt")
        );
    }
    if sandbox_elsewhere > 0 {
        println!(
            "The sandbox journal holds {}: `pca-order history --sandbox`.",
            plural(sandbox_elsewhere, "attempt")
        );
    }
    if !activations.is_empty() {
        print!("{}", activation::activations_table(&activations));
    }
    if damaged > 0 {
        eprintln!(
            "warning: {} skipped in {} (line {}): invalid UTF-8, not JSON, or cut short",
            plural(damaged, "damaged line"),
            path.display(),
            history
                .unreadable_lines
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    exit::ORDERED
}

/// "1 attempt", "2 attempts".
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The journal as an aligned text table, one row per attempt.
pub fn history_table(attempts: &[crate::journal::Attempt]) -> String {
    let mut rows = vec![
        ["TIME (UTC)", "STATE", "ORDER", "WHAT", "REGION", "RESULT"]
            .map(String::from)
            .to_vec(),
    ];
    for a in billing::beside_orders(attempts) {
        if let Some(action) = &a.action {
            rows.push(billing::action_row(a, action));
            continue;
        }
        let (what, region, sandbox) = match &a.sending {
            Some(s) => (
                format!(
                    "{} × {}",
                    s.request.subscription_num,
                    describe_period(&s.request)
                ),
                s.region.clone(),
                a.is_pretend(),
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
            Some(Event::Sending { .. } | Event::ActionSending { .. } | Event::Done { .. })
            | None => (
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
        // Journal text may hold anything an older version, a hand edit or a server wrote: never print
        // a control character from it (an escape sequence would steer the terminal).
        let row = [when, state, order, what, region, result];
        rows.push(row.iter().map(|c| crate::sanitize::clean(c)).collect());
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
