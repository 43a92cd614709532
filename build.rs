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
