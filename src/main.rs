//! The `pca-order` binary: parse flags, run the chosen mode on a tokio runtime, exit with its code.

use tokio::sync::oneshot;

fn main() {
    let cli = match pca_order::cli::parse_command_line(std::env::args_os()) {
        Ok(cli) => cli,
        Err(code) => std::process::exit(code),
    };
    // Two threads, as with one multi-thread worker, at a lower start-up cost (issue 7): the wizard's loop
    // runs on this thread (`Handle::block_on`) and the network on the driver thread, which runs every
    // spawned task and the I/O, timer and signal drivers, so a TLS handshake or the one read of the trust
    // store never delays a frame. The single-threaded scheduler is less code to page in at start, and it
    // leaves libm out of the process: the multi-thread scheduler's statistics (`powf`) were its only use.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            pca_order::errln!("pca-order: cannot start the async runtime ({e})");
            std::process::exit(pca_order::exit::NOT_SENT);
        }
    };
    let handle = runtime.handle().clone();
    // Never sent: the driver runs until the process exits. Don't wait for its tasks (a sandbox server, a
    // pending fetch) at the end: the outcome is decided.
    let (_keep_driving, until_exit) = oneshot::channel::<()>();
    if let Err(e) = std::thread::Builder::new()
        .name("pca-order-net".into())
        .spawn(move || runtime.block_on(async move { _ = until_exit.await }))
    {
        pca_order::errln!("pca-order: cannot start the network thread ({e})");
        std::process::exit(pca_order::exit::NOT_SENT);
    }
    let code = handle.block_on(pca_order::cli::run(cli));
    std::process::exit(code);
}
