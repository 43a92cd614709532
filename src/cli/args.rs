//! The flag types (clap) and command-line parsing: what every command accepts, checked before anything
//! runs, so a typo never starts a sandbox, reads a secret or sends.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::io::Io;
use crate::journal::ActionKind;
use crate::order::validate::{Field, parse_count};
use crate::order::{FieldError, OrderDraft, OrderRequest, PeriodUnit};
use crate::text::{Lang, Text};

/// What `--version` prints after the name: the package version, then ` (commit abc1234)` when the binary
/// was built in a git checkout (build.rs), so a bug report names the exact source; nothing about a commit
/// when that is unknown.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), env!("PCA_ORDER_COMMIT_NOTE"));

/// Buy Huawei Cloud private CAs: a terminal wizard, a scriptable `order` command, and a built-in sandbox.
#[derive(Debug, Parser)]
#[command(name = "pca-order", version = VERSION, about, long_about = None)]
pub struct Cli {
    /// Options every client command shares.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do; none opens the wizard.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where to send, who signs, how to print: listed under their own heading ([`SHARED_HEADING`]) after a
/// command's own flags, and only those the command reads (see [`shared_flags_read`]).
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = SHARED_HEADING)]
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
    /// Talk to a built-in sandbox started in this process, on the one pretend account every --sandbox
    /// command shares (kept beside the sandbox journal; `pca-order sandbox --reset` starts it over):
    /// nothing real is bought.
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// Order journal path (default $XDG_STATE_HOME/pca-order/orders.jsonl).
    #[arg(long, global = true, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Seconds to wait for an answer (1-600); connecting has its own limit, 10 s or this if lower.
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// How results are printed: text for people (in --lang), json for scripts (English, stable).
    #[arg(long, global = true, value_enum, default_value_t = Output::Text)]
    pub output: Output,
    /// Read an IAM token from this file (`-` for stdin) instead of env or the credentials file.
    #[arg(long, global = true, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
    /// Use this KooCLI (`hcloud`) profile of ~/.hcloud/config.json: its region, account id and, when
    /// stored in plain text, its keys (`mode: ecsAgency` uses the ECS metadata service).
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Language of every command's text and of the wizard (default from LC_ALL / LC_MESSAGES / LANG);
    /// JSON stays English.
    #[arg(long, global = true, value_name = "LANG", value_parser = LangParser)]
    pub lang: Option<Lang>,
}

impl GlobalArgs {
    /// What a suggested command ("Next: `pca-order status CS… --wait`") adds to reach the same account
    /// this one reached: `--sandbox`, or the region, profile and endpoint flags given on this command
    /// line, each repeated as given (shell-quoted when it needs it). A standalone sandbox is reached by
    /// its URL, never by `--sandbox` (another pretend account); nothing given, nothing added.
    pub fn reach_flags(&self) -> String {
        if self.sandbox {
            return " --sandbox".to_string();
        }
        [
            ("--region", &self.region),
            ("--profile", &self.profile),
            ("--endpoint", &self.endpoint),
            ("--iam-endpoint", &self.iam_endpoint),
            ("--eps-endpoint", &self.eps_endpoint),
            ("--bss-endpoint", &self.bss_endpoint),
        ]
        .into_iter()
        .filter_map(|(flag, value)| {
            value
                .as_deref()
                .map(|v| format!(" {flag} {}", shell_word(v)))
        })
        .collect()
    }
}

/// `v` as one shell word: as it is when it holds only characters no shell treats specially, else in
/// single quotes (a `'` inside written `'\''`).
fn shell_word(v: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c);
    if !v.is_empty() && v.chars().all(plain) {
        v.to_string()
    } else {
        format!("'{}'", v.replace('\'', "'\\''"))
    }
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
    /// Text for people, in the chosen language.
    Text,
    /// One JSON document on stdout.
    Json,
}

/// The subcommands; none runs the wizard.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Place an order from flags (for scripts); asks before buying unless --yes.
    Order(OrderArgs),
    /// Run the CCM/IAM/EPS emulator on loopback, for trying and testing without an account.
    Sandbox(SandboxArgs),
    /// Print the order journal: real orders; with --sandbox, the pretend ones (sandbox, plain-http loopback).
    History,
    /// Print what an order with these flags would cost (nothing is bought).
    Price(OrderSpec),
    /// Pay an order that waits for payment; asks with the amount unless --yes.
    Pay(ActArgs),
    /// Show an order's status, amounts, times and CAs; --wait follows it to completion.
    Status(StatusArgs),
    /// Cancel an order that waits for payment; asks unless --yes.
    Cancel(ActArgs),
    /// List the account's CAs (follows the API's paging).
    Cas(CasArgs),
    /// Show one CA.
    Ca(CaArgs),
    /// Activate a bought (PENDING) CA; asks before sending unless --yes.
    Activate(ActivateArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) for pca-order.
    Completions(CompletionsArgs),
    /// Print the manual page (roff; read it with `man -l -`), of pca-order or of one command.
    Man(ManArgs),
    /// Print an activated CA's certificate as PEM (--chain adds its chain), or save it with --out.
    Export(ExportArgs),
    /// A bought PENDING subordinate signed by your own root: save its subject and key algorithm
    /// (INFERRED API step, asks unless --yes; skipped when already saved) and print its CSR.
    Csr(CsrArgs),
    /// Import the certificate your root signed for a PENDING subordinate's CSR; checks the files
    /// first, asks unless --yes, then reads the CA back (it must read ACTIVED).
    Import(ImportArgs),
    /// Renew yearly/monthly CAs' subscriptions; shows the price and asks with the amount unless --yes.
    Renew(RenewArgs),
    /// List CAs whose subscription or certificate ends soon and that will not renew themselves; exit 6
    /// when there are some (for cron and CI), 0 when none.
    Expiring(ExpiringArgs),
    /// Switch a CA's auto-renew on or off (BSS); asks unless --yes.
    AutoRenew(AutoRenewArgs),
    /// End a CA (--what ca) or only its renewed periods not yet started (--what renewals), with the
    /// refund breakdown; on a terminal `--what ca` asks for the CA's name to be typed.
    Unsubscribe(UnsubscribeArgs),
    /// Open the wizard on "My CAs": the account's CAs, paid until, auto-renew, not after (a terminal
    /// only; `cas` is the list for scripts).
    Manage(ManageArgs),
}

/// What running a subcommand means, implemented by each command's file for its argument type: the
/// dispatch ([`Command::run`]) calls it, so a new command needs no arm outside this file and its own.
/// Defined here (not in a command file) so that `args` imports no command and no file circle forms.
pub(crate) trait RunCommand {
    /// Runs the command with the shared flags `g`, writing through `io` in the words of `t`, and
    /// returns its exit code.
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32;
}

/// `history`, which has no flags of its own: the type its [`RunCommand`] is implemented for.
pub(crate) struct History;

/// `pay` or `cancel`: the shared flags and which of the two, so one [`RunCommand`] serves both.
pub(crate) struct Act<'a> {
    /// Pay or cancel.
    pub kind: ActionKind,
    /// The order id and `--yes`.
    pub args: &'a ActArgs,
}

impl Command {
    /// Runs this subcommand through its [`RunCommand`] and returns the exit code.
    pub(crate) async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        match self {
            Command::Order(a) => a.run(io, g, t).await,
            Command::Sandbox(a) => a.run(io, g, t).await,
            Command::History => History.run(io, g, t).await,
            Command::Price(a) => a.run(io, g, t).await,
            Command::Pay(args) => {
                let kind = ActionKind::Pay;
                Act { kind, args }.run(io, g, t).await
            }
            Command::Status(a) => a.run(io, g, t).await,
            Command::Cancel(args) => {
                let kind = ActionKind::Cancel;
                Act { kind, args }.run(io, g, t).await
            }
            Command::Cas(a) => a.run(io, g, t).await,
            Command::Ca(a) => a.run(io, g, t).await,
            Command::Activate(a) => a.run(io, g, t).await,
            Command::Completions(a) => a.run(io, g, t).await,
            Command::Man(a) => a.run(io, g, t).await,
            Command::Export(a) => a.run(io, g, t).await,
            Command::Csr(a) => a.run(io, g, t).await,
            Command::Import(a) => a.run(io, g, t).await,
            Command::Renew(a) => a.run(io, g, t).await,
            Command::Expiring(a) => a.run(io, g, t).await,
            Command::AutoRenew(a) => a.run(io, g, t).await,
            Command::Unsubscribe(a) => a.run(io, g, t).await,
            Command::Manage(a) => a.run(io, g, t).await,
        }
    }
}

/// What an order buys and how it is paid: `order`'s flags and all of `price`'s.
#[derive(Debug, Args, Clone)]
pub struct OrderSpec {
    /// Billing period unit.
    #[arg(long, value_enum, default_value_t = UnitArg::Month)]
    pub period_unit: UnitArg,
    /// Number of months (1-12) or years (1-5) (pca-order's limits for a purchase).
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
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "",
        hide_default_value = true
    )]
    pub promotion: String,
}

/// `order` flags: what it buys ([`OrderSpec`], shared with `price`), then how it is sent.
#[derive(Debug, Args, Clone)]
pub struct OrderArgs {
    /// What the order buys.
    #[command(flatten)]
    pub spec: OrderSpec,
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

/// `--period-unit` values, shared by `order`, `price`, `renew` and `auto-renew`: their words name no
/// limit, since each command has its own (each `--period` says which).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    /// The period counts months.
    Month,
    /// The period counts years.
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
    /// Where the pretend account is kept; by default the one every `--sandbox` command uses
    /// ($XDG_STATE_HOME/pca-order/sandbox-state.json).
    #[arg(long, value_name = "PATH")]
    pub state: Option<std::path::PathBuf>,
    /// Start the pretend account over (forget its orders and CAs), then exit.
    #[arg(long)]
    pub reset: bool,
    /// The region whose console configuration (what it sells) the sandbox answers, as a real CCM
    /// endpoint answers for its own (default cn-north-4). Try sandbox-no-yearly, sandbox-no-sm2,
    /// sandbox-console-503.
    #[arg(long, value_name = "REGION")]
    pub console_region: Option<String>,
    /// How long the temporary credentials of its metadata and pod identity endpoints last, in seconds
    /// (under 2400 makes pca-order fetch fresh ones before every request).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub temporary_ttl: Option<u64>,
}

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

/// `export` arguments.
#[derive(Debug, Args, Clone)]
pub struct ExportArgs {
    /// The CA's id (36 characters).
    #[arg(value_name = "CA_ID")]
    pub ca_id: String,
    /// Append the chain (the issuers' certificates, nearest first) after the certificate.
    #[arg(long)]
    pub chain: bool,
    /// Write the certificate to FILE (mode 0644) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// Write the chain to its own FILE (with --out).
    #[arg(long = "chain-out", value_name = "FILE", requires = "out")]
    pub chain_out: Option<std::path::PathBuf>,
    /// Replace an existing file (never a symlink, a directory or a FIFO).
    #[arg(long)]
    pub force: bool,
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
    /// The subject and key algorithm.
    #[command(flatten)]
    pub subject: SubjectFlags,
    /// SHA256, SHA384, SHA512 (SM3 with SM2, where the region offers them).
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
        default_value = "",
        hide_default_value = true
    )]
    pub validity: String,
    /// Path length 0-6 (subordinate).
    #[arg(
        long,
        value_name = "N",
        default_value = "",
        allow_hyphen_values = true,
        hide_default_value = true
    )]
    pub path_length: String,
    /// Activate without asking (required off a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Print the request (secrets redacted) and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `completions` arguments.
#[derive(Debug, Args, Clone)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: clap_complete::Shell,
}

/// `man` arguments.
#[derive(Debug, Args, Clone)]
pub struct ManArgs {
    /// A command whose own page to print (e.g. `order`: its every flag); none prints pca-order's page.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// The subject and key-algorithm flags `activate` and `csr` share: one definition, so their names,
/// help and defaults cannot drift apart (the activation's subject rules check both).
#[derive(Debug, Args, Clone)]
pub struct SubjectFlags {
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
    /// RSA2048, RSA4096, EC256, EC384 (SM2 where the region offers it: its console configuration says;
    /// unread, the China website's cn-* regions).
    #[arg(
        long,
        value_name = "ALG",
        default_value = "",
        hide_default_value = true
    )]
    pub key_algorithm: String,
}

impl SubjectFlags {
    /// The distinguished name these flags describe, for the shared rules to check.
    pub fn distinguished_name(&self) -> crate::activation::DistinguishedName {
        crate::activation::DistinguishedName {
            common_name: self.common_name.clone(),
            country: self.country.clone(),
            state: self.state.clone(),
            locality: self.locality.clone(),
            organization: self.organization.clone(),
            organizational_unit: self.organizational_unit.clone(),
        }
    }

    /// Whether no subject or key flag was given (with the other flags, `activate` then opens the wizard).
    pub fn is_empty(&self) -> bool {
        [&self.common_name, &self.country, &self.key_algorithm]
            .iter()
            .all(|v| v.is_empty())
            && [
                &self.organization,
                &self.organizational_unit,
                &self.state,
                &self.locality,
            ]
            .iter()
            .all(|v| v.is_none())
    }
}

/// The flag a user typed for an activation or subject field (`activate`, `csr`), so an error names it.
pub fn subject_flag_for(field: crate::activation::rules::Field) -> &'static str {
    use crate::activation::rules::Field;
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

/// `csr` flags: the subject and key algorithm saved for a bought subordinate (the activation's
/// subject rules apply), and where the CSR goes.
#[derive(Debug, Args, Clone)]
pub struct CsrArgs {
    /// The bought (PENDING) subordinate CA's id.
    #[arg(value_name = "CA_ID")]
    pub ca_id: String,
    /// The subject and key algorithm.
    #[command(flatten)]
    pub subject: SubjectFlags,
    /// Write the CSR to this new file (never overwritten, never through a symlink) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// Save the subject without asking (required off a terminal when it is not saved yet).
    #[arg(long)]
    pub yes: bool,
}

/// `import` flags: the certificate signed outside, and its issuers.
#[derive(Debug, Args, Clone)]
pub struct ImportArgs {
    /// The PENDING subordinate CA's id (its CSR was printed by `csr`).
    #[arg(value_name = "CA_ID")]
    pub ca_id: String,
    /// The CA's certificate, PEM (one certificate).
    #[arg(long, value_name = "FILE")]
    pub certificate: std::path::PathBuf,
    /// Its issuers, PEM, nearest first up to the root.
    #[arg(long, value_name = "FILE")]
    pub chain: Option<std::path::PathBuf>,
    /// Import without asking (required off a terminal).
    #[arg(long)]
    pub yes: bool,
}

/// `pay` and `cancel` flags.
#[derive(Debug, Args, Clone)]
pub struct ActArgs {
    /// The order id (`CS…`), as `order` printed it.
    #[arg(value_name = "ORDER_ID")]
    pub order_id: String,
    /// Do it without asking (required off a terminal).
    #[arg(long)]
    pub yes: bool,
}

/// `renew` flags.
#[derive(Debug, Args, Clone)]
pub struct RenewArgs {
    /// The CAs to renew (1-10 CA ids, as `cas` lists them).
    #[arg(value_name = "CA_ID", required = true, num_args = 1..)]
    pub ca_ids: Vec<String>,
    /// The unit of the renewal period.
    #[arg(long, value_enum)]
    pub period_unit: UnitArg,
    /// How many: 1-11 months or 1-3 years (BSS's limits for a renewal).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub period: String,
    /// Pay the renewal order from the account balance now; otherwise it waits for `pca-order pay`.
    #[arg(long)]
    pub auto_pay: bool,
    /// Show the renewal price and the request that would be sent; send nothing that renews.
    #[arg(long)]
    pub dry_run: bool,
    /// Renew without asking (required off a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Follow the renewal order to completion (with --auto-pay), then read the new paid-until date.
    #[arg(long)]
    pub wait: bool,
}

/// `expiring` flags.
#[derive(Debug, Args, Clone)]
pub struct ExpiringArgs {
    /// The window: a whole number and a unit, h (hours), d (days) or w (weeks), e.g. 12h, 30d, 2w; at
    /// most 3650 days (pca-order's rules, not an API's).
    #[arg(
        long,
        value_name = "DURATION",
        default_value = "30d",
        allow_hyphen_values = true
    )]
    pub within: String,
}

/// `status` flags.
#[derive(Debug, Args, Clone)]
pub struct StatusArgs {
    /// The order id (`CS…`).
    #[arg(value_name = "ORDER_ID")]
    pub order_id: String,
    /// Follow the order until it completes (exit 0) or ends otherwise (exit 3); exit 4 at the time limit.
    #[arg(long)]
    pub wait: bool,
    /// How long `--wait` follows the order, in seconds (the official tooling waits 20 minutes).
    #[arg(long, value_name = "SECONDS", default_value_t = 1200,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub wait_limit: u64,
}

impl GlobalArgs {
    /// The region asked for (`--region`, else `HUAWEICLOUD_SDK_REGION`, else the default), for the
    /// website rule (SM2 only on the China website), which decides when the region's console
    /// configuration cannot be read or is silent.
    pub fn rules_region(&self) -> String {
        self.region
            .clone()
            .or_else(|| std::env::var("HUAWEICLOUD_SDK_REGION").ok())
            .unwrap_or_else(|| crate::config::DEFAULT_REGION.to_string())
    }
}

/// The clap flag name for a draft field, so messages name what the user typed.
pub fn flag_for(field: Field) -> &'static str {
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
        self.spec.order()
    }
}

impl OrderSpec {
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

/// Whether the raw command line asks for JSON output, looked up before parsing so that even clap's own
/// errors can be given in the format the caller reads.
pub(super) fn asks_for_json(args: &[std::ffi::OsString]) -> bool {
    args.iter()
        .zip(args.iter().skip(1).map(Some).chain([None]))
        .take_while(|(a, _)| *a != "--")
        .any(|(a, next)| {
            a == "--output=json" || (a == "--output" && next.is_some_and(|n| n == "json"))
        })
}

/// A shared (global) flag given twice, anywhere, as a usage error naming it. clap refuses a flag given
/// twice on one level, but a global flag given before and after the subcommand is silently last-wins
/// (its matches keep no trace of the first), which hides a typo in a purchase: `--bss-endpoint A pay
/// --bss-endpoint B` would pay through B. The flags are every `global` argument of `cmd` (switches such
/// as `--sandbox` too), so a shared flag added later follows the same rule. Counted on the raw
/// arguments, up to a `--`.
pub(super) fn repeated_shared_flag(
    cmd: &mut clap::Command,
    args: &[std::ffi::OsString],
) -> Option<clap::Error> {
    let shared: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    shared.into_iter().find_map(|flag| {
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

/// The heading the shared flags are listed under in every command's help, after the command's own.
pub const SHARED_HEADING: &str = "Shared options";

/// Every shared flag (by its clap id), in the order `GlobalArgs` declares them.
const SHARED_FLAGS: [&str; 12] = [
    "region",
    "endpoint",
    "iam_endpoint",
    "eps_endpoint",
    "bss_endpoint",
    "sandbox",
    "journal",
    "timeout",
    "output",
    "token_file",
    "profile",
    "lang",
];

/// The shared flags a subcommand reads (clap ids), so its help lists only those. clap still accepts the
/// others (a shared flag is global), but a command ignores them, and offering them would suggest
/// otherwise. `None` for a name that is not a subcommand.
pub fn shared_flags_read(subcommand: &str) -> Option<&'static [&'static str]> {
    const ALL: &[&str] = &SHARED_FLAGS;
    // Reads endpoints, credentials and BSS, but writes no journal.
    const READS: &[&str] = &[
        "region",
        "endpoint",
        "iam_endpoint",
        "eps_endpoint",
        "bss_endpoint",
        "sandbox",
        "timeout",
        "output",
        "token_file",
        "profile",
        "lang",
    ];
    // CCM only: no BSS, no journal.
    const CCM_READS: &[&str] = &[
        "region",
        "endpoint",
        "iam_endpoint",
        "eps_endpoint",
        "sandbox",
        "timeout",
        "output",
        "token_file",
        "profile",
        "lang",
    ];
    // CCM only, and they send and journal (no BSS).
    const CCM_SENDS: &[&str] = &[
        "region",
        "endpoint",
        "iam_endpoint",
        "eps_endpoint",
        "sandbox",
        "journal",
        "timeout",
        "output",
        "token_file",
        "lang",
    ];
    Some(match subcommand {
        "csr" | "import" => CCM_SENDS,
        // They send and journal (activate also reads the CA's order from BSS, and opens the wizard;
        // renew reads its price and the subscriptions from BSS).
        "order" | "pay" | "cancel" | "activate" | "renew" => ALL,
        // They send and journal (and read the CA and its subscription).
        "auto-renew" | "unsubscribe" => ALL,
        // `cas` and `expiring` read the CAs' subscriptions from BSS too.
        "price" | "status" | "cas" | "expiring" => READS,
        "ca" | "export" => CCM_READS,
        // The wizard on My CAs: it reads CCM and BSS, and activates (journaled) from there.
        "manage" => ALL,
        // The journal, real or pretend; nothing is sent.
        "history" => &["sandbox", "journal", "output", "lang"],
        // The emulator is given only its own flags and the language of its messages.
        "sandbox" => &["lang"],
        // Generated from the flags themselves: English, plain text, nothing read or sent.
        "completions" | "man" => &[],
        "help" => ALL,
        _ => return None,
    })
}

/// The command line's clap command, built, with each subcommand's help listing only the shared flags it
/// reads ([`shared_flags_read`]): what parsing and every `--help` (and `help COMMAND`) use.
pub fn command() -> clap::Command {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    // Building propagates the global flags into each subcommand, where they can then be hidden.
    cmd.build();
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let Some(read) = shared_flags_read(&name) else {
            continue;
        };
        // In place (`mut_args`): `mut_arg` moves the argument to the end, which a built command's
        // index of flags does not follow.
        cmd = cmd.mut_subcommand(&name, |sub| {
            sub.mut_args(|a| {
                let unread = SHARED_FLAGS.contains(&a.get_id().as_str())
                    && !read.contains(&a.get_id().as_str());
                if unread { a.hide(true) } else { a }
            })
        });
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::parse_command_line;
    use crate::exit;

    /// `activate` and `csr` offer the same subject and key flags, in the same order, with the same
    /// value names and help, and read them into the same distinguished name.
    #[test]
    fn activate_and_csr_share_one_set_of_subject_flags() {
        let cmd = command();
        let flags = |name: &str| -> Vec<(String, String, String)> {
            let sub = cmd.find_subcommand(name).expect("the command exists");
            sub.get_arguments()
                .filter(|a| {
                    a.get_long().is_some_and(|l| {
                        [
                            "common-name",
                            "country",
                            "organization",
                            "organizational-unit",
                            "state",
                            "locality",
                            "key-algorithm",
                        ]
                        .contains(&l)
                    })
                })
                .map(|a| {
                    (
                        a.get_long().unwrap_or_default().to_string(),
                        format!("{:?}", a.get_value_names()),
                        a.get_help().map(|h| h.to_string()).unwrap_or_default(),
                    )
                })
                .collect()
        };
        assert_eq!(flags("activate").len(), 7);
        assert_eq!(flags("activate"), flags("csr"));
        let subject = [
            "--common-name",
            "a.example",
            "--country",
            "CN",
            "--organization",
            "O",
            "--organizational-unit",
            "U",
            "--state",
            "S",
            "--locality",
            "L",
            "--key-algorithm",
            "EC256",
        ];
        let read = |cmd: &str| {
            let mut args = vec![cmd, "X"];
            args.extend(subject);
            match parse(&args).map(|c| c.command) {
                Ok(Some(Command::Activate(a))) => a.subject,
                Ok(Some(Command::Csr(a))) => a.subject,
                _ => panic!("{cmd} does not parse"),
            }
        };
        let (a, c) = (read("activate"), read("csr"));
        assert_eq!(a.distinguished_name(), c.distinguished_name());
        assert_eq!(
            a.distinguished_name().organizational_unit.as_deref(),
            Some("U")
        );
        assert_eq!(a.key_algorithm, "EC256");
        assert!(!a.is_empty());
        let bare = match parse(&["activate", "X"]).map(|c| c.command) {
            Ok(Some(Command::Activate(a))) => a.subject,
            _ => panic!("activate X does not parse"),
        };
        assert!(bare.is_empty());
    }

    fn parse(args: &[&str]) -> Result<Cli, i32> {
        parse_command_line(
            std::iter::once("pca-order")
                .chain(args.iter().copied())
                .map(Into::into),
        )
    }

    /// Every shared flag, with a value it accepts (empty for a switch).
    const EVERY_SHARED_FLAG: [(&str, &str); 12] = [
        ("--region", "cn-north-4"),
        ("--endpoint", "http://127.0.0.1:9"),
        ("--iam-endpoint", "http://127.0.0.1:9"),
        ("--eps-endpoint", "http://127.0.0.1:9"),
        ("--bss-endpoint", "http://127.0.0.1:9"),
        ("--sandbox", ""),
        ("--journal", "/tmp/j.jsonl"),
        ("--timeout", "5"),
        ("--output", "json"),
        ("--token-file", "/tmp/t"),
        ("--profile", "dev"),
        ("--lang", "en"),
    ];

    fn flag(name: &str, value: &str, joined: bool) -> Vec<String> {
        match (value.is_empty(), joined) {
            (true, _) => vec![name.to_string()],
            (false, true) => vec![format!("{name}={value}")],
            (false, false) => vec![name.to_string(), value.to_string()],
        }
    }

    #[test]
    fn the_test_list_is_every_shared_flag() {
        let cmd = <Cli as clap::CommandFactory>::command();
        let mut global: Vec<String> = cmd
            .get_arguments()
            .filter(|a| a.is_global_set())
            .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
            .collect();
        global.sort();
        let mut listed: Vec<String> = EVERY_SHARED_FLAG
            .iter()
            .map(|(f, _)| f.to_string())
            .collect();
        listed.sort();
        assert_eq!(global, listed);
    }

    /// Every shared flag is in [`SHARED_FLAGS`] (so a new one is hidden where unread), and every
    /// subcommand says which it reads (so a new command's help is thought through).
    #[test]
    fn every_shared_flag_and_every_subcommand_is_placed() {
        let cmd = <Cli as clap::CommandFactory>::command();
        let mut global: Vec<&str> = cmd
            .get_arguments()
            .filter(|a| a.is_global_set())
            .map(|a| a.get_id().as_str())
            .collect();
        global.sort_unstable();
        let mut listed = SHARED_FLAGS.to_vec();
        listed.sort_unstable();
        assert_eq!(global, listed);
        for sub in command().get_subcommands() {
            let read = shared_flags_read(sub.get_name());
            assert!(
                read.is_some(),
                "{} reads which shared flags?",
                sub.get_name()
            );
            assert!(
                read.unwrap_or_default()
                    .iter()
                    .all(|f| SHARED_FLAGS.contains(f))
            );
        }
    }

    #[test]
    fn every_shared_flag_given_twice_anywhere_is_a_usage_error() {
        for (name, value) in EVERY_SHARED_FLAG {
            // Once is fine, before or after the subcommand.
            let once: Vec<String> = flag(name, value, false)
                .into_iter()
                .chain(["history".into()])
                .collect();
            let once: Vec<&str> = once.iter().map(String::as_str).collect();
            assert!(parse(&once).is_ok(), "{once:?}");
            let layouts: [(bool, bool, bool); 5] = [
                // (first after the subcommand, second after it, second joined with '=')
                (false, true, false),
                (false, true, true),
                (false, false, false),
                (true, true, false),
                (true, true, true),
            ];
            for (first_after, second_after, joined) in layouts {
                let mut args: Vec<String> = Vec::new();
                let first = flag(name, value, false);
                let second = flag(name, value, joined);
                if !first_after {
                    args.extend(first.clone());
                }
                if !second_after {
                    args.extend(second.clone());
                }
                args.push("history".into());
                if first_after {
                    args.extend(first);
                }
                if second_after {
                    args.extend(second);
                }
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                assert_eq!(parse(&args).err(), Some(exit::USAGE), "{args:?}");
            }
        }
    }

    #[test]
    fn a_shared_flag_after_a_double_dash_is_not_counted() {
        // `--` ends the flags: nothing after it is a flag, so nothing there is counted as one.
        let err = repeated_shared_flag(
            &mut <Cli as clap::CommandFactory>::command(),
            &["pca-order", "--sandbox", "history", "--", "--sandbox"].map(Into::into),
        );
        assert!(err.is_none());
    }

    /// A suggested command repeats what reached this account: `--sandbox` alone, or each endpoint,
    /// region and profile flag given (none: nothing), a word a shell would split or expand quoted.
    #[test]
    fn reach_flags_repeat_the_flags_given_and_quote_what_a_shell_would_change() {
        let flags = |args: &[&str]| match parse(args) {
            Ok(cli) => cli.global.reach_flags(),
            Err(code) => panic!("{args:?}: {code}"),
        };
        assert_eq!(flags(&["history"]), "");
        assert_eq!(flags(&["--sandbox", "history"]), " --sandbox");
        let u = "http://127.0.0.1:8080";
        assert_eq!(
            flags(&["history", "--endpoint", u, "--bss-endpoint", u]),
            format!(" --endpoint {u} --bss-endpoint {u}")
        );
        assert_eq!(
            flags(&[
                "history",
                "--region",
                "cn-north-4",
                "--profile",
                "it's mine",
                "--iam-endpoint",
                "http://[::1]:1",
                "--eps-endpoint",
                u,
            ]),
            format!(
                " --region cn-north-4 --profile 'it'\\''s mine' --iam-endpoint 'http://[::1]:1' --eps-endpoint {u}"
            )
        );
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("$HOME"), "'$HOME'");
        assert_eq!(shell_word("A-z_0.9/:@%+=,"), "A-z_0.9/:@%+=,");
    }

    /// The long help of `pca-order <name>`.
    fn long_help(name: &str) -> String {
        let mut cmd = command();
        cmd.find_subcommand_mut(name)
            .map(|c| c.render_long_help().to_string())
            .unwrap_or_default()
    }

    /// Each command's --help names its own period limits: a purchase's (1-12 months, 1-5 years) only
    /// where a purchase is made; a renewal's (BSS's, `billing::renew`) for `renew`; none for
    /// `auto-renew`, which takes only the unit.
    #[test]
    fn period_help_names_each_command_s_own_limits() {
        use crate::billing::renew::{MONTHS, YEARS};
        let purchase = ["1-12", "1-5"];
        for name in ["order", "price"] {
            let help = long_help(name);
            assert!(purchase.iter().all(|l| help.contains(l)), "{name}: {help}");
        }
        let renew = long_help("renew");
        let limits = format!("1-{} months or 1-{} years", MONTHS.1, YEARS.1);
        assert!(renew.contains(&limits), "{renew}");
        for (name, help) in [("renew", renew), ("auto-renew", long_help("auto-renew"))] {
            assert!(help.contains("--period-unit"), "{name}: {help}");
            for l in purchase {
                assert!(
                    !help.contains(l),
                    "{name} names the purchase limit {l}: {help}"
                );
            }
        }
    }
}

// ---- auto-renew and unsubscribe (issue 20, part 2) ----

/// `auto-renew`'s switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SwitchArg {
    /// Renew automatically before the paid period ends.
    On,
    /// No automatic renewal.
    Off,
}

/// `auto-renew` arguments.
#[derive(Debug, Args, Clone)]
pub struct AutoRenewArgs {
    /// The CA's id (36 characters): its BSS resource id.
    #[arg(value_name = "CA_ID")]
    pub ca_id: String,
    /// on or off.
    #[arg(value_enum, value_name = "on|off")]
    pub switch: SwitchArg,
    /// With on: how many renewals, 0-99 (0 = renew until switched off; absent = BSS's default, no
    /// limit on a first switch-on).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub times: Option<String>,
    /// With on: what each renewal buys, a month or a year (absent = the last order's period type).
    #[arg(long, value_enum)]
    pub period_unit: Option<UnitArg>,
    /// Switch without asking (required off a terminal).
    #[arg(long)]
    pub yes: bool,
}

/// `unsubscribe --what`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WhatArg {
    /// The CA and its renewed periods: the CA stops working and is deleted (unsubscribe_type 1).
    Ca,
    /// Only the renewed periods not yet started: the CA keeps running (unsubscribe_type 2).
    Renewals,
}

/// `unsubscribe` arguments.
#[derive(Debug, Args, Clone)]
pub struct UnsubscribeArgs {
    /// The CA's id (36 characters): its BSS resource id.
    #[arg(value_name = "CA_ID")]
    pub ca_id: String,
    /// What ends: ca (the CA and its renewals) or renewals (only those not yet started). Required:
    /// there is no default.
    #[arg(long, value_enum)]
    pub what: Option<WhatArg>,
    /// Unsubscribe without asking (required off a terminal; --what must still be given).
    #[arg(long)]
    pub yes: bool,
}
/// `manage`, which has no flags of its own (the shared ones pick the account, `--sandbox` included).
#[derive(Debug, Args, Clone)]
pub struct ManageArgs {}
