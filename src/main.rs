//! The `pca-order` binary: parse flags, run the chosen mode on a tokio runtime, exit with its code.

fn main() {
    let cli = match pca_order::cli::parse_command_line(std::env::args_os()) {
        Ok(cli) => cli,
        Err(code) => std::process::exit(code),
    };
    // One worker: the wizard's loop runs on this thread (block_on) and the network on the worker, so a
    // TLS handshake or the one read of the trust store never delays a frame; a second worker only cost
    // start-up time and memory (issue 7).
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("pca-order: cannot start the async runtime ({e})");
            std::process::exit(pca_order::exit::NOT_SENT);
        }
    };
    let code = runtime.block_on(pca_order::cli::run(cli));
    // Don't wait for background tasks (a sandbox server, a pending fetch): the outcome is decided.
    runtime.shutdown_background();
    std::process::exit(code);
}
