//! No subcommand: the wizard, once the terminal, credentials and journal are known to be usable.

use super::args::{GlobalArgs, ManageArgs, Output, RunCommand};
use super::fail::{fail, fail_config, fail_t};
use super::io::Io;
use super::target::{bss_for, build_target, warn_journal};
use crate::api::client::CcmClient;
use crate::exit;
use crate::journal::Journal;
use crate::text::Lang;
use crate::text::Text;
use crate::tui::{self, WizardContext, WizardStart};

pub(super) async fn run_wizard(io: &mut Io, g: &GlobalArgs, lang: Lang) -> i32 {
    open_wizard(io, g, lang, WizardStart::Order).await
}

/// The wizard, opened on the order's first step, straight into the activation flow (`pca-order
/// activate` on a terminal, issue 10), or on "My CAs" (`pca-order manage`, issue 20).
pub(super) async fn open_wizard(
    io: &mut Io,
    g: &GlobalArgs,
    lang: Lang,
    start: WizardStart,
) -> i32 {
    // The wizard is for people: asked for JSON, a script still gets one document saying so.
    if g.output == Output::Json {
        return fail_t(io, Output::Json, exit::USAGE, lang.text(), |t| {
            t.cli_wizard_no_json.to_string()
        });
    }
    if !io.terminal().stdin || !io.terminal().stdout {
        io.err_line(format_args!(
            "pca-order: the wizard needs a terminal (stdin and stdout are not both a TTY).\n\
             For scripts, use `pca-order order --help`."
        ));
        return exit::USAGE;
    }
    if let Some(problem) = tui::terminal_problem(&|name| std::env::var(name).ok()) {
        io.err_line(format_args!("pca-order: {problem}"));
        return exit::USAGE;
    }
    if g.token_file.as_deref() == Some(std::path::Path::new("-")) {
        io.err_line(format_args!(
            "pca-order: {}",
            lang.text().cli_wizard_token_stdin
        ));
        return exit::USAGE;
    }
    let env = io.env();
    let target = match build_target(io, g, &*env, true, lang.text()).await {
        Ok(t) => t,
        Err(e) => return fail_config(io, Output::Text, &e, lang.text()),
    };
    let client = match CcmClient::new(&target.config) {
        Ok(c) => c,
        Err(e) => return fail(io, Output::Text, exit::NOT_SENT, &e),
    };
    let bss = match bss_for(g, &target, client.clone()) {
        Ok(b) => b,
        Err(e) => return fail_config(io, Output::Text, &e, lang.text()),
    };
    let journal = Journal::new(target.config.journal_path.clone());
    // Pays and cancels go to BSS: real or pretend by its endpoint, so their journal may be the other one.
    let bss_journal = Journal::new(target.journal_for(bss.is_pretend()));
    let mut checked = vec![&journal];
    if bss_journal.path() != journal.path() {
        checked.push(&bss_journal);
    }
    for j in checked {
        match j.check() {
            Ok(warning) => warn_journal(io, warning, lang.text()),
            Err(e) => {
                let e = e.to_string();
                let t = lang.text();
                return fail_t(io, Output::Text, exit::NOT_SENT, t, |t| {
                    t.cli_journal_unusable(&e)
                });
            }
        }
    }
    tui::run(WizardContext {
        config: target.config.clone(),
        client,
        bss,
        journal,
        bss_journal,
        lang,
        start,
    })
    .await
}

impl RunCommand for ManageArgs {
    /// `pca-order manage`: the wizard on "My CAs". It is for people: off a terminal, or asked for
    /// JSON, it refuses (exit 2) and names `pca-order cas`, which lists the same CAs for scripts.
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        let lang = Lang::detect(g.lang, &*io.env());
        if g.output == Output::Json || !io.terminal().stdin || !io.terminal().stdout {
            return fail_t(io, g.output, exit::USAGE, t, |t| {
                t.cli_manage_no_terminal.to_string()
            });
        }
        open_wizard(io, g, lang, WizardStart::Manage).await
    }
}
