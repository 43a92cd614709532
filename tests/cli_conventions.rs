//! The command-line conventions people expect (issue 22): shell completions and a man page generated
//! from the clap definition, and `--version` naming the commit the binary was built from. Each runs the
//! real binary; the bash and man checks run the real bash and man (skipped, saying so, where absent).

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::text;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_pca-order")
}

fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .env_clear()
        .env("HOME", "/nonexistent")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("runs")
}

/// Whether `tool` can be started here (it answers `--version`).
fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn every_shell_gets_a_script_naming_pca_order() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = run(&["completions", shell]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(0), "{shell}: {err}");
        assert!(err.is_empty(), "{shell}: {err}");
        assert!(out.contains("pca-order"), "{shell}: {out}");
        // Generated from the definition: the newest commands are in every script.
        for word in ["order", "activate", "completions"] {
            assert!(out.contains(word), "{shell} lacks {word}");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let o = run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2), "{:?}", text(&o));
    assert!(o.stdout.is_empty());
}

/// Runs `script` in bash after sourcing the completions from `file`; its stdout.
fn in_bash(file: &Path, script: &str) -> Output {
    Command::new("bash")
        .arg("--norc")
        .arg("--noprofile")
        .arg("-c")
        .arg(format!("source '{}'\n{script}", file.display()))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("bash runs")
}

/// What bash offers after `words` (the last one being completed), through the function the script
/// registered for pca-order, one word a line.
fn offered(file: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "f=$(complete -p pca-order | sed -E 's/.*-F ([^ ]+).*/\\1/')\n\
         COMP_WORDS=({words})\nCOMP_CWORD={cword}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\n\
         COMP_POINT=${{#COMP_LINE}}\n\
         \"$f\" pca-order '{cur}' '{prev}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = quoted.join(" "),
        cword = words.len() - 1,
        cur = words[words.len() - 1],
        prev = words[words.len().saturating_sub(2)],
    );
    let o = in_bash(file, &script);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    out.lines().map(str::to_string).collect()
}

#[test]
fn the_bash_script_parses_and_completes_the_commands_and_their_flags() {
    if !have("bash") {
        eprintln!("skipped: bash is not installed here");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("pca-order.bash");
    let o = run(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::write(&file, &o.stdout).expect("written");

    let parsed = Command::new("bash")
        .arg("-n")
        .arg(&file)
        .output()
        .expect("bash -n");
    assert!(parsed.status.success(), "bash -n: {:?}", text(&parsed));

    let registered = in_bash(&file, "complete -p pca-order");
    let (out, err) = text(&registered);
    assert!(registered.status.success(), "{err}");
    assert!(out.contains("-F ") && out.ends_with("pca-order\n"), "{out}");

    let commands = offered(&file, &["pca-order", ""]);
    for c in ["order", "price", "pay", "activate", "completions", "man"] {
        assert!(commands.iter().any(|w| w == c), "{c} not in {commands:?}");
    }
    let flags = offered(&file, &["pca-order", "order", "--peri"]);
    assert!(flags.iter().any(|w| w == "--period-unit"), "{flags:?}");
    let shells = offered(&file, &["pca-order", "completions", ""]);
    for s in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(shells.iter().any(|w| w == s), "{s} not in {shells:?}");
    }
}

/// The page rendered by the real `man`, as plain text, wide enough that no command name is hyphenated.
fn rendered(page: &[u8]) -> (String, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("pca-order.1");
    std::fs::write(&file, page).expect("written");
    let o = Command::new("man")
        .args(["--warnings", "-l"])
        .arg(&file)
        .env("MANWIDTH", "200")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("LANG", "C.UTF-8")
        .env_remove("MANOPT")
        .output()
        .expect("man runs");
    assert!(o.status.success(), "man -l: {:?}", text(&o));
    text(&o)
}

#[test]
fn the_man_page_renders_and_names_every_command_and_the_exit_codes() {
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let page = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{page}");
    if !have("man") {
        eprintln!("skipped rendering: man is not installed here");
        return;
    }
    let (shown, warnings) = rendered(&o.stdout);
    assert!(warnings.trim().is_empty(), "groff warns: {warnings}");
    for c in ["order", "price", "activate", "completions", "man"] {
        assert!(shown.contains(&format!("pca-order-{c}(1)")), "{c}: {shown}");
    }
    assert!(shown.contains("EXIT STATUS"), "{shown}");
    assert!(shown.contains("--sandbox"), "{shown}");
}

#[test]
fn a_command_has_its_own_page_and_an_unknown_one_is_a_usage_error() {
    let o = run(&["man", "order"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    if have("man") {
        let (shown, warnings) = rendered(&o.stdout);
        assert!(warnings.trim().is_empty(), "groff warns: {warnings}");
        assert!(shown.contains("pca-order-order"), "{shown}");
        assert!(shown.contains("--period-unit"), "{shown}");
    }
    let o = run(&["man", "ordr"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out} {err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("'ordr'") && err.contains("order"), "{err}");
}

#[test]
fn version_names_the_package_and_the_commit_it_was_built_from() {
    let o = run(&["--version"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let expected = format!("pca-order {}", env!("CARGO_PKG_VERSION"));
    let rest = out
        .strip_prefix(&expected)
        .unwrap_or_else(|| panic!("{out:?} starts with {expected:?}"));
    let rest = rest.strip_suffix('\n').expect("one line");
    // Built in a git checkout (as every developer's and CI's build is): the commit, as git abbreviates it.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let head = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success() && root.join(".git").exists());
    match head {
        Some(h) => {
            let hash = String::from_utf8_lossy(&h.stdout).trim().to_string();
            assert_eq!(rest, format!(" (commit {hash})"), "{out}");
        }
        None => assert_eq!(rest, "", "no git here, so no commit: {out}"),
    }
}
