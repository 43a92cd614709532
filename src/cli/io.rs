//! Where a command writes and what it reads of its surroundings: stdout, stderr, stdin, whether it runs
//! on a terminal, and the environment. The binary uses [`Io::process`]; a test gives buffers and a made-up
//! environment ([`Io::capture`]) and runs the command in-process. A failed write (a closed pipe) is
//! dropped, never a panic: the outcome is already journaled, the exit code stays the outcome's.

use std::fmt::Display;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex, PoisonError};

/// A command's output streams, its terminal and its environment.
pub struct Io {
    out: Box<dyn Write + Send>,
    err: ErrWriter,
    input: Input,
    terminal: Terminal,
    env: Env,
    /// The process's own streams: only then is a terminal's type-ahead flushed.
    process: bool,
}

/// stdin, shareable with the thread that waits for an answer (a read that never returns must not hold
/// up the command's exit).
#[derive(Clone)]
pub struct Input(Arc<Mutex<Box<dyn Read + Send>>>);

impl Input {
    /// One line, up to and including its newline (or the end of input), read a byte at a time so nothing
    /// after it is taken from the stream. Not UTF-8: an error.
    pub fn read_line(&self) -> std::io::Result<String> {
        let mut r = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while r.read(&mut byte)? == 1 {
            line.push(byte[0]);
            if byte[0] == b'\n' {
                break;
            }
        }
        String::from_utf8(line).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .read(buf)
    }
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
            input: Input(Arc::new(Mutex::new(Box::new(std::io::stdin())))),
            terminal: Terminal::process(),
            env: Arc::new(crate::config::process_env),
            process: true,
        }
    }

    /// Any writers, terminal and environment, and an empty stdin ([`Io::with_input`] gives one): what a
    /// test runs a command with.
    pub fn new(
        out: Box<dyn Write + Send>,
        err: Box<dyn Write + Send>,
        terminal: Terminal,
        env: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        Io {
            out,
            err: ErrWriter(Arc::new(Mutex::new(err))),
            input: Input(Arc::new(Mutex::new(Box::new(std::io::empty())))),
            terminal,
            env: Arc::new(env),
            process: false,
        }
    }

    /// The same, reading `input` as stdin (a script's answers, a token).
    pub fn with_input(mut self, input: impl Read + Send + 'static) -> Self {
        self.input = Input(Arc::new(Mutex::new(Box::new(input))));
        self
    }

    /// The same, with these streams counted as a terminal (a review and a question are shown).
    pub fn with_terminal(mut self, terminal: Terminal) -> Self {
        self.terminal = terminal;
        self
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

    /// stdin, for a question's answer or a token.
    pub fn input(&self) -> Input {
        self.input.clone()
    }

    /// Throws away what was typed on the terminal but not yet read, so type-ahead (a "y⏎" typed while the
    /// price or the order was being read) never answers a question the user has not seen. Only the
    /// process's own stdin, and only when it is a terminal: a pipe or file holds a script's answers,
    /// which are meant for the question.
    pub fn discard_type_ahead(&self) {
        #[cfg(unix)]
        if self.process && self.terminal.stdin {
            // SAFETY: tcflush only takes a descriptor and a constant; it touches no memory of ours.
            let _ = unsafe { libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH) };
        }
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
