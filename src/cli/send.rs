//! The one confirm-and-send sequence of every state-changing command (order, pay, cancel, activate):
//! from [`Guard::start`] a signal no longer kills the process; at the question it is a no
//! ([`Guard::ask`]); with the request in flight the first one only says so and the wait for the answer
//! goes on, bounded, and a second one stops it ([`Guard::send`]). The request itself is journaled and
//! sent once by `api`; this module never retries.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use super::args::Output;
use super::fail::cancelled;
use super::io::{ErrWriter, Io};
use crate::api::Reason;
use crate::signals::Termination;
use crate::text::Text;

/// What ends the wait for a request's answer, handed to the `api` call that sends it.
pub(super) type Stop<'a> = Pin<Box<dyn Future<Output = Reason> + Send + 'a>>;

/// Holds the signals from before the question to the end of the command.
pub(super) struct Guard {
    signals: Termination,
}

impl Guard {
    /// Takes SIGINT, SIGTERM and SIGHUP from now on: called before the review is printed, so a signal at
    /// any point after it is answered (a no at the question, a bounded wait with a request in flight).
    pub(super) fn start() -> Self {
        Guard {
            signals: Termination::new().with_interrupt(),
        }
    }

    /// Asks the question on stderr; `Ok` only for an explicit yes. On a no (or a signal) prints that
    /// nothing was sent, in the chosen format, and returns the exit code to end with.
    pub(super) async fn ask(
        &mut self,
        io: &mut Io,
        question: &str,
        out: Output,
        t: &Text,
    ) -> Result<(), i32> {
        if confirm(io, question, &mut self.signals).await {
            Ok(())
        } else {
            Err(cancelled(io, out, t))
        }
    }

    /// Sends through `send` (the `api` call, given what stops its wait) and waits for its answer. The
    /// first signal prints `in_flight(seconds)` and keeps waiting, at most the in-flight wait of
    /// `timeout`; a second one, or the end of that wait, stops it (the `api` call journals the outcome
    /// as unknown). Then prints the journal's warning, when `warning` finds one in the result.
    pub(super) async fn send<'s, R, Fut>(
        &'s mut self,
        io: &mut Io,
        timeout: Duration,
        in_flight: impl FnOnce(u64) -> String,
        t: &Text,
        send: impl FnOnce(Stop<'s>) -> Fut,
        warning: impl FnOnce(&R) -> Option<&str>,
    ) -> R
    where
        Fut: Future<Output = R>,
    {
        let wait = crate::api::client::in_flight_wait(timeout);
        let words = in_flight(wait.as_secs());
        let stop: Stop<'s> = Box::pin(stop_on_signals(
            &mut self.signals,
            io.err_writer(),
            wait,
            words,
        ));
        let result = send(stop).await;
        if let Some(w) = warning(&result) {
            io.err_line(t.cli_warning(w));
        }
        result
    }

    /// Asks a question answered by typing (the CA's name before `unsubscribe --what ca`), with the
    /// signals held: the line typed, or none on a signal, the end of input or a read error. Type-ahead
    /// is discarded first, as for a yes or no.
    pub(super) async fn ask_line(&mut self, io: &mut Io, question: &str) -> Option<String> {
        answer(io, question, &mut self.signals).await
    }

    /// The signals, for what follows the request (`order --wait`, `status --wait`: one leaves the wait).
    pub(super) fn signals(&mut self) -> &mut Termination {
        &mut self.signals
    }
}

/// What ends the wait for a state-changing request's answer (order, pay, cancel, activate): the first
/// signal only says the request is in flight (`in_flight`) and keeps waiting, at most `wait`; a second
/// signal, or the end of that wait, stops it, and the outcome is journaled as unknown with the reason.
async fn stop_on_signals(
    signals: &mut Termination,
    err: ErrWriter,
    wait: Duration,
    in_flight: String,
) -> Reason {
    signals.recv().await;
    err.line(format_args!("pca-order: {in_flight}"));
    tokio::select! {
        () = signals.recv() => Reason::SecondSignal,
        () = tokio::time::sleep(wait) => Reason::SignalWait { secs: wait.as_secs() },
    }
}

/// Asks the question; yes only for an explicit "y"/"yes". A signal (Ctrl-C at the prompt) is a no.
/// Input typed before the question appeared is discarded first: it never answers it.
async fn confirm(io: &mut Io, question: &str, signals: &mut Termination) -> bool {
    answer(io, question, signals)
        .await
        .is_some_and(|line| matches!(line.trim(), "y" | "Y" | "yes" | "YES" | "Yes"))
}

/// Asks a question that is not a yes or no (which CA to activate), with signals held only while it is
/// asked: the line typed, or none on a signal (Ctrl-C at the prompt), the end of input or a read error.
pub(super) async fn ask_line(io: &mut Io, question: &str) -> Option<String> {
    let mut signals = Termination::new().with_interrupt();
    answer(io, question, &mut signals).await
}

/// Asks on stderr and reads one line from stdin, after discarding what was typed before the question
/// appeared; none on a signal, the end of input or a read error.
async fn answer(io: &mut Io, question: &str, signals: &mut Termination) -> Option<String> {
    io.discard_type_ahead();
    io.err_text(format_args!("{question}"));
    // A plain thread, not a runtime task: a read that never returns must not hold up the exit.
    let (tx, rx) = tokio::sync::oneshot::channel();
    let input = io.input();
    std::thread::spawn(move || {
        let line = match input.read_line() {
            Ok(line) if !line.is_empty() => Some(line),
            _ => None,
        };
        let _ = tx.send(line);
    });
    tokio::select! {
        answer = rx => answer.unwrap_or(None),
        () = signals.recv() => {
            io.err_line("");
            None
        }
    }
}
