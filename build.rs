//! Link-time settings for the `pca-order` binary only (issue 7: memory at the first frame).
//!
//! On Linux with glibc 2.36 or later, relative relocations are packed (`-z pack-relative-relocs`,
//! DT_RELR): the ~10 000 relocations the loader applies to a position-independent binary shrink from a
//! 238 KB table, read in full at every start, to 3 KB. Same addresses, same ASLR, same full RELRO;
//! measured with scripts/bench-start.sh and /proc/PID/smaps as ~0.2 MB less resident at the first frame.
//! An older glibc's loader does not know DT_RELR, so the flag is passed only when this machine's glibc
//! (`getconf GNU_LIBC_VERSION`) is new enough and the binary is built for this machine, not cross-built.
//! GNU ld older than 2.38 ignores the option with a warning.
//!
//! The binary then needs glibc 2.36 where it runs (without: 2.34). To build one to copy to an older
//! system (RHEL 9, Ubuntu 22.04), or with a toolchain that links against older glibc stubs than this
//! machine's, set `PCA_ORDER_PLAIN_RELOCS=1`.
//!
//! It also tells `--version` which commit the binary was built from (issue 22): `PCA_ORDER_COMMIT_NOTE`
//! is set for the crate to ` (commit abc1234)` when this is a git checkout and `git` can read its
//! `HEAD`, and to nothing otherwise (a source archive, no git): the version then says nothing about a
//! commit. Nothing here can fail the build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PCA_ORDER_PLAIN_RELOCS");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let native = var("HOST") == var("TARGET");
    if native
        && var("PCA_ORDER_PLAIN_RELOCS").is_empty()
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && glibc_at_least(2, 36)
    {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    let note = match commit() {
        Some(hash) => format!(" (commit {hash})"),
        None => String::new(),
    };
    println!("cargo:rustc-env=PCA_ORDER_COMMIT_NOTE={note}");
}

/// The short hash of the checkout's `HEAD`, when the crate sits in a git checkout (`.git`, a directory
/// or a worktree's file) and `git` answers; `None` otherwise. Asks to be run again when `HEAD` moves:
/// the checkout's `HEAD` file, the branch it names (loose, or in `packed-refs`).
fn commit() -> Option<String> {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    if !root.join(".git").exists() {
        return None;
    }
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(&root)
            .args(args)
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        out.status.success().then(|| text.trim().to_string())
    };
    // A worktree keeps its HEAD in its own git directory and its branches in the common one.
    let git_dir = absolute(&root, &git(&["rev-parse", "--git-dir"])?);
    let common_dir = git(&["rev-parse", "--git-common-dir"])
        .map_or_else(|| git_dir.clone(), |d| absolute(&root, &d));
    let head = git_dir.join("HEAD");
    rerun_if_exists(&head);
    if let Some(branch) = std::fs::read_to_string(&head)
        .ok()
        .and_then(|h| h.trim().strip_prefix("ref: ").map(str::to_string))
    {
        rerun_if_exists(&common_dir.join(branch));
        rerun_if_exists(&common_dir.join("packed-refs"));
    }
    let hash = git(&["rev-parse", "--short", "HEAD"])?;
    let plausible = (4..=64).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit());
    plausible.then_some(hash)
}

/// `path` as git printed it (relative to the checkout, or absolute), made absolute.
fn absolute(root: &Path, path: &str) -> PathBuf {
    let p = Path::new(path);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        root.join(p)
    }
}

/// Asks cargo to run this script again when `path` changes; only for a file that exists, since cargo
/// runs a script whose watched file is missing at every build.
fn rerun_if_exists(path: &Path) {
    if path.is_file() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

/// Whether `getconf GNU_LIBC_VERSION` (e.g. "glibc 2.36") names at least `major.minor`; false when it
/// cannot tell.
fn glibc_at_least(major: u32, minor: u32) -> bool {
    let Ok(out) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(version) = text.trim().strip_prefix("glibc ") else {
        return false;
    };
    let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(a), Some(b)) => (a, b) >= (major, minor),
        _ => false,
    }
}
