//! `completions SHELL` and `man [COMMAND]`: a shell's completion script and the roff manual page, both
//! generated from the one clap definition ([`super::args::command`]) when asked for, so they list
//! exactly the commands and flags the binary accepts and never drift from them. Nothing is read or sent.

use super::args::{CompletionsArgs, GlobalArgs, ManArgs, RunCommand, command};
use super::fail::fail_t;
use super::io::Io;
use crate::exit;
use crate::text::Text;

/// The name the scripts complete and the page is titled with: the binary's.
const BIN: &str = "pca-order";

impl RunCommand for CompletionsArgs {
    /// Reads no shared flag: the script is the same whatever the region, language or output.
    async fn run(&self, io: &mut Io, _: &GlobalArgs, _: &'static Text) -> i32 {
        let mut script = Vec::new();
        clap_complete::generate(self.shell, &mut command(), BIN, &mut script);
        if self.shell == clap_complete::Shell::Bash {
            script = bash_hyphen_fix(&String::from_utf8_lossy(&script)).into_bytes();
        }
        write_out(io, &script);
        exit::ORDERED
    }
}

/// clap_complete's bash script for a binary whose name has a hyphen never completes past the command
/// (clap-rs/clap#6421, open in 4.6.12): its loop names the state `pca__order__subcmd__order`, its case
/// arms `pca__subcmd__order__subcmd__order`, so no arm matches and `pca-order order --<Tab>` offers
/// nothing. This spells the arms as the loop does; once clap_complete does so itself, nothing here
/// matches and the script passes unchanged.
pub(crate) fn bash_hyphen_fix(script: &str) -> String {
    let wrong = format!("{}__subcmd__", BIN.replace('-', "__subcmd__"));
    let right = format!("{}__subcmd__", BIN.replace('-', "__"));
    script.replace(&wrong, &right)
}

impl RunCommand for ManArgs {
    /// pca-order's page, or with a command name that command's own (`pca-order-order(1)`); an unknown
    /// name is a usage error naming the commands that have one.
    async fn run(&self, io: &mut Io, g: &GlobalArgs, t: &'static Text) -> i32 {
        match man_page(self.command.as_deref()) {
            Ok(page) => {
                write_out(io, &page);
                exit::ORDERED
            }
            Err(Unknown { name, known }) => fail_t(io, g.output, exit::USAGE, t, |t| {
                t.man_unknown_command(&name, &known.join(", "))
            }),
        }
    }
}

/// `man NAME` named no command: the name, and the commands that have a page.
#[derive(Debug)]
pub(crate) struct Unknown {
    /// What was asked for.
    pub name: String,
    /// Every command with a page, in `--help`'s order.
    pub known: Vec<String>,
}

/// The roff page of pca-order (`None`) or of one of its commands, with the exit codes every command
/// shares and, on the main page, the commands' own pages under SEE ALSO.
pub(crate) fn man_page(name: Option<&str>) -> Result<Vec<u8>, Unknown> {
    // `help COMMAND` is --help's; its page would only say so.
    let root = command().mut_subcommand("help", |h| h.hide(true));
    let known: Vec<String> = root
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect();
    let cmd = match name {
        None => root.clone(),
        Some(name) => match root.find_subcommand(name).filter(|c| !c.is_hide_set()) {
            Some(sub) => sub.clone(),
            None => {
                let name = name.to_string();
                return Err(Unknown { name, known });
            }
        },
    };
    let mut page = Vec::new();
    // Into a Vec, which cannot fail; the Result is the writer's.
    let _ = clap_mangen::Man::new(cmd).render(&mut page);
    page.extend_from_slice(EXIT_STATUS.as_bytes());
    if name.is_none() {
        let pages: Vec<String> = known
            .iter()
            .map(|c| format!(".BR {BIN}\\-{} (1)", c.replace('-', "\\-")))
            .collect();
        page.extend_from_slice(format!(".SH \"SEE ALSO\"\n{}\n", pages.join(",\n")).as_bytes());
    }
    Ok(page)
}

/// The exit codes of DESIGN.md (`crate::exit`), which every command and the wizard share, as a roff section.
const EXIT_STATUS: &str = ".SH \"EXIT STATUS\"
.TP
0
Done.
.TP
1
Cancelled by the user; nothing was sent.
.TP
2
Usage or validation error; nothing was sent.
.TP
3
Rejected by the API; nothing happened.
.TP
4
Outcome unknown: it was sent and may have happened. Check before trying again.
.TP
5
Not sent (network, credentials, configuration); safe to try again.
";

/// Writes generated text to stdout. A closed stdout (`| head`) is not an error worth a message: the
/// reader took what it wanted.
fn write_out(io: &mut Io, bytes: &[u8]) {
    let out = io.stdout();
    let _ = out.write_all(bytes).and_then(|()| out.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: Option<&str>) -> String {
        String::from_utf8(man_page(name).expect("a page")).expect("utf-8")
    }

    #[test]
    fn the_main_page_names_every_command_and_its_page() {
        let p = page(None);
        assert!(p.starts_with(".ie"), "{p}");
        for c in ["order", "activate", "completions", "man"] {
            assert!(p.contains(&format!("{BIN}\\-{c}")), "{c}: {p}");
        }
        assert!(p.contains(".SH \"EXIT STATUS\""), "{p}");
    }

    #[test]
    fn a_command_page_has_its_own_flags_and_no_see_also() {
        let p = page(Some("order"));
        assert!(p.contains("\\-\\-period\\-unit"), "{p}");
        assert!(!p.contains("SEE ALSO"), "{p}");
    }

    #[test]
    fn the_bash_arms_are_spelt_as_the_loop_names_the_state() {
        let arm = "        pca__subcmd__order__subcmd__activate)\n";
        assert_eq!(
            bash_hyphen_fix(arm),
            "        pca__order__subcmd__activate)\n"
        );
        // Already right (a fixed clap_complete), or the top level: unchanged.
        for same in [
            "pca__order__subcmd__activate)",
            "        pca__order)",
            "cmd=\"pca__order\"",
        ] {
            assert_eq!(bash_hyphen_fix(same), same);
        }
    }

    #[test]
    fn an_unknown_command_has_no_page_and_the_known_are_listed() {
        let e = man_page(Some("ordr")).expect_err("no such command");
        assert_eq!(e.name, "ordr");
        assert!(e.known.iter().any(|c| c == "order"));
        assert!(!e.known.iter().any(|c| c == "help"));
    }
}
