//! The signals that end a command or the wizard from outside (SIGTERM, SIGHUP, SIGINT where asked). Below
//! both `cli` and `tui`: each takes its signal handling from here, neither from the other.

/// The signals that end the wizard or a command from outside: SIGTERM and SIGHUP, and SIGINT where asked
/// ([`Termination::with_interrupt`]). Registered once, when made, and kept: tokio never restores a signal's default action, so a
/// handler dropped halfway would leave later signals swallowed.
pub struct Termination {
    #[cfg(unix)]
    signals: Vec<tokio::signal::unix::Signal>,
}

impl Termination {
    /// Registers SIGTERM and SIGHUP now (a signal that cannot be registered is simply not waited for).
    pub fn new() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let signals = [SignalKind::terminate(), SignalKind::hangup()]
                .into_iter()
                .filter_map(|kind| signal(kind).ok())
                .collect();
            Termination { signals }
        }
        #[cfg(not(unix))]
        Termination {}
    }

    /// Also ends on SIGINT: for a command line whose terminal stays in cooked mode, where Ctrl-C is a signal,
    /// and for the wizard, where (the Ctrl-C key being a key in raw mode) it can only come from outside.
    pub fn with_interrupt(mut self) -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            if let Ok(sig) = signal(SignalKind::interrupt()) {
                self.signals.push(sig);
            }
        }
        self
    }

    /// The signals that stop the wait for an in-flight answer after the wizard has ended: SIGINT (Ctrl-C,
    /// now that the terminal is back in cooked mode) and SIGTERM. Not SIGHUP: a hang-up means the terminal
    /// is gone, not that someone asked to stop waiting — and it often arrives just after the loop already
    /// ended on the failed draw it caused, where it would cut short the (bounded) wait for the order id.
    pub fn stop_waiting() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let signals = [SignalKind::interrupt(), SignalKind::terminate()]
                .into_iter()
                .filter_map(|kind| signal(kind).ok())
                .collect();
            Termination { signals }
        }
        #[cfg(not(unix))]
        Termination {}
    }

    /// Completes when any of the signals arrives; never, if none could be registered.
    pub async fn recv(&mut self) {
        #[cfg(unix)]
        {
            if self.signals.is_empty() {
                return std::future::pending().await;
            }
            let waits = self.signals.iter_mut().map(|s| Box::pin(s.recv()));
            let _ = futures_util::future::select_all(waits).await;
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await
    }
}

impl Default for Termination {
    fn default() -> Self {
        Self::new()
    }
}
