//! Where a command writes and what it reads of its surroundings: stdout, stderr, whether it runs on a
//! terminal, and the environment. The binary uses [`Io::process`]; a test gives buffers and a made-up
//! environment ([`Io::capture`]) and runs the command in-process. A failed write (a closed pipe) is
//! dropped, never a panic: the outcome is already journaled, the exit code stays the outcome's.

use std::fmt::Display;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

/// A command's output streams, its terminal and its environment.
pub struct Io {
    out: Box<dyn Write + Send>,
    err: ErrWriter,
    terminal: Terminal,
    env: Env,
}

/// The environment a command reads, shareable while its [`Io`] is borrowed for writing.
pub type Env = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// A handle on stderr that can be kept while the [`Io`] is borrowed elsewhere: what a request in flight
/// says on the first signal while its command waits for the answer.
#[derive(Clone)]
pub struct ErrWriter(Arc<Mutex<Box<dyn Write + Send>>>);

impl ErrWriter {
    /// Writes `text` to stderr as it is.
    pub fn text(&self, text: impl Display) {
        let mut w = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        write_to(&mut **w, &text.to_string());
    }

    /// Writes `line` and a newline to stderr.
    pub fn line(&self, line: impl Display) {
        self.text(format_args!("{line}\n"));
    }
}

/// Which of the three standard streams is a terminal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    /// stdin is a terminal (someone can answer a question).
    pub stdin: bool,
    /// stdout is a terminal.
    pub stdout: bool,
    /// stderr is a terminal.
    pub stderr: bool,
}

impl Terminal {
    /// The process's own streams, as they are now.
    pub fn process() -> Self {
        use std::io::IsTerminal;
        Terminal {
            stdin: std::io::stdin().is_terminal(),
            stdout: std::io::stdout().is_terminal(),
            stderr: std::io::stderr().is_terminal(),
        }
    }
}

impl Io {
    /// The process's stdout, stderr, terminal and environment (unset and empty variables are none).
    pub fn process() -> Self {
        Io {
            out: Box::new(std::io::stdout()),
            err: ErrWriter(Arc::new(Mutex::new(Box::new(std::io::stderr())))),
            terminal: Terminal::process(),
            env: Arc::new(crate::config::process_env),
        }
    }

    /// Any writers, terminal and environment: what a test runs a command with.
    pub fn new(
        out: Box<dyn Write + Send>,
        err: Box<dyn Write + Send>,
        terminal: Terminal,
        env: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        Io {
            out,
            err: ErrWriter(Arc::new(Mutex::new(err))),
            terminal,
            env: Arc::new(env),
        }
    }

    /// Output into memory, no terminal, and only the `env` pairs as the environment (an empty value is
    /// none, as in [`crate::config::process_env`]): returns the `Io` and what reads its output back.
    pub fn capture(env: &[(&str, &str)]) -> (Self, Captured) {
        let captured = Captured::default();
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        let io = Io::new(
            Box::new(Shared(Arc::clone(&captured.out))),
            Box::new(Shared(Arc::clone(&captured.err))),
            Terminal::default(),
            move |name| {
                env.iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .filter(|v| !v.trim().is_empty())
            },
        );
        (io, captured)
    }

    /// Writes `text` to stdout as it is, and flushes it.
    pub fn text(&mut self, text: impl Display) {
        write_to(&mut *self.out, &text.to_string());
    }

    /// Writes `line` and a newline to stdout.
    pub fn line(&mut self, line: impl Display) {
        write_to(&mut *self.out, &format!("{line}\n"));
    }

    /// Writes `text` to stderr as it is (a prompt, a progress mark).
    pub fn err_text(&mut self, text: impl Display) {
        self.err.text(text);
    }

    /// Writes `line` and a newline to stderr.
    pub fn err_line(&mut self, line: impl Display) {
        self.err.line(line);
    }

    /// A handle on stderr that outlives a borrow of this `Io`.
    pub fn err_writer(&self) -> ErrWriter {
        self.err.clone()
    }

    /// stdout itself, for a document streamed as it is serialized; write errors are the caller's to drop.
    pub fn stdout(&mut self) -> &mut (dyn Write + Send) {
        &mut *self.out
    }

    /// Which streams are a terminal.
    pub fn terminal(&self) -> Terminal {
        self.terminal
    }

    /// stdin, stdout and stderr are all the terminal: someone can read a review and answer a question.
    pub fn on_terminal(&self) -> bool {
        self.terminal.stdin && self.terminal.stdout && self.terminal.stderr
    }

    /// The environment (`&*io.env()` is what the config functions take).
    pub fn env(&self) -> Env {
        Arc::clone(&self.env)
    }
}

/// Writes and flushes, dropping a failure (a closed pipe): never a panic.
pub(super) fn write_to(w: &mut dyn Write, text: &str) {
    let _ = w.write_all(text.as_bytes());
    let _ = w.flush();
}

/// What a captured [`Io`] wrote, readable while and after the command runs.
#[derive(Clone, Default)]
pub struct Captured {
    out: Arc<Mutex<Vec<u8>>>,
    err: Arc<Mutex<Vec<u8>>>,
}

impl Captured {
    /// Everything written to stdout so far.
    pub fn stdout(&self) -> String {
        read(&self.out)
    }

    /// Everything written to stderr so far.
    pub fn stderr(&self) -> String {
        read(&self.err)
    }
}

fn read(buf: &Mutex<Vec<u8>>) -> String {
    String::from_utf8_lossy(&buf.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
}

/// A writer into a buffer shared with [`Captured`].
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
