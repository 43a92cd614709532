//! Link-time settings for the `pca-order` binary only (issue 7: memory at the first frame).
//!
//! On Linux with glibc, relative relocations are packed (`-z pack-relative-relocs`, DT_RELR): the ~10 000
//! relocations the loader applies to a position-independent binary shrink from a 238 KB table, read in
//! full at every start, to 3 KB. Same addresses, same ASLR, same full RELRO; measured with
//! scripts/bench-start.sh and /proc/PID/smaps as ~0.2 MB less resident at the first frame. It needs GNU ld
//! 2.38+ (or lld 15+) to link and glibc 2.36+ to run (Debian 12, Ubuntu 22.10 and later); the binary is
//! built where it runs (`cargo run`, `cargo install`).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
