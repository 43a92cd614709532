//! Runs the built-in sandbox in the foreground until the `pca-order sandbox` subcommand is wired:
//! `cargo run --example sandbox -- 127.0.0.1:0`. Used by `scripts/sdk-check.sh`.

use std::net::SocketAddr;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listen: SocketAddr = match std::env::args().nth(1) {
        Some(arg) => arg.parse().map_err(|e| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{arg}: {e}"))
        })?,
        None => SocketAddr::from(([127, 0, 0, 1], 0)),
    };
    pca_order::sandbox::run_standalone(pca_order::sandbox::SandboxConfig::default(), listen).await
}
