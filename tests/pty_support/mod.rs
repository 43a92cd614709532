//! A real terminal for end-to-end tests: the `pca-order` binary runs in a pseudo-terminal with a clean
//! environment, a reader thread drains everything it writes into a `vt100` screen (and keeps the raw
//! bytes), and tests wait for text on that screen with a deadline instead of sleeping. A timeout panics
//! with the screen as it was, so a failure shows what the user would have seen.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long a test waits for a screen or an exit. Generous: CI machines are small and busy, and a
/// passing test never waits this long.
pub const DEADLINE: Duration = Duration::from_secs(20);
/// How often the screen is checked while waiting.
const POLL: Duration = Duration::from_millis(20);

/// Keys as a terminal sends them.
pub mod key {
    /// Enter (a terminal sends CR).
    pub const ENTER: &str = "\r";
    /// Tab.
    pub const TAB: &str = "\t";
    /// Shift-Tab (back tab).
    pub const SHIFT_TAB: &str = "\x1b[Z";
    /// Ctrl-C.
    pub const CTRL_C: &str = "\x03";
    /// Up arrow.
    pub const UP: &str = "\x1b[A";
    /// Down arrow.
    pub const DOWN: &str = "\x1b[B";
    /// Right arrow.
    pub const RIGHT: &str = "\x1b[C";
    /// Left arrow.
    pub const LEFT: &str = "\x1b[D";
    /// Backspace (DEL, as xterm sends it).
    pub const BACKSPACE: &str = "\x7f";
    /// Start of a bracketed paste.
    pub const PASTE_START: &str = "\x1b[200~";
    /// End of a bracketed paste.
    pub const PASTE_END: &str = "\x1b[201~";
}

/// What the emulated terminal noticed besides the screen: clipboard writes (OSC 52) and cursor
/// position queries it still has to answer.
#[derive(Default)]
pub struct Noticed {
    /// Base64 payloads of every OSC 52 clipboard write, in order.
    pub clipboard: Vec<Vec<u8>>,
    /// Cursor position reports (`ESC [ 6 n`) asked for and not yet answered.
    pending_cpr: usize,
}

impl vt100::Callbacks for Noticed {
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }

    fn unhandled_csi(
        &mut self,
        _: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        if c == 'n' && i1.is_none() && params.first().and_then(|p| p.first()) == Some(&6) {
            self.pending_cpr += 1;
        }
    }
}

/// The terminal's state shared with the reader thread.
struct Shared {
    parser: vt100::Parser<Noticed>,
    /// The screen as of the last complete frame: what a person would see, never a half-drawn frame.
    frame: vt100::Screen,
    raw: Vec<u8>,
    /// The reader hit end of file: every process holding the terminal has closed it.
    eof: bool,
}

/// Options for one run.
#[derive(Clone, Debug)]
pub struct Spawn {
    /// Arguments after the binary (the journal flag is added unless `journal` is false).
    pub args: Vec<String>,
    /// Terminal columns.
    pub cols: u16,
    /// Terminal rows.
    pub rows: u16,
    /// Extra environment on top of HOME, TERM, LANG and PATH.
    pub env: Vec<(String, String)>,
    /// `LANG` (C.UTF-8 unless a test needs another).
    pub lang: String,
    /// Pass `--journal <tmp>/j.jsonl`.
    pub journal: bool,
}

impl Spawn {
    /// `pca-order ARGS` on a 100x30 terminal.
    pub fn new(args: &[&str]) -> Self {
        Spawn {
            args: args.iter().map(|a| a.to_string()).collect(),
            cols: 100,
            rows: 30,
            env: Vec::new(),
            lang: "C.UTF-8".to_string(),
            journal: true,
        }
    }

    /// On a terminal of this size.
    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }

    /// With this environment variable too.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Starts the binary.
    pub fn start(self) -> Term {
        Term::start(self)
    }
}

/// The binary under test, running in a pseudo-terminal.
pub struct Term {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    shared: Arc<Mutex<Shared>>,
    reader: Option<JoinHandle<()>>,
    exit: Option<i32>,
    home: tempfile::TempDir,
    /// The journal the run writes (`<tmp>/j.jsonl`).
    pub journal: PathBuf,
}

/// Locks, ignoring poisoning: a panicking test thread must not hide the screen from the report.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Term {
    fn start(opts: Spawn) -> Term {
        let home = tempfile::tempdir().expect("temp HOME");
        let journal = home.path().join("j.jsonl");
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: opts.rows,
                cols: opts.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");

        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_pca-order"));
        cmd.args(&opts.args);
        if opts.journal {
            cmd.arg("--journal");
            cmd.arg(&journal);
        }
        cmd.env_clear();
        cmd.env("HOME", home.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", &opts.lang);
        cmd.env(
            "PATH",
            std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into()),
        );
        for (k, v) in &opts.env {
            cmd.env(k, v);
        }
        cmd.cwd(home.path());

        let child = pty.slave.spawn_command(cmd).expect("spawn pca-order");
        // Only the child may hold the slave side, so the reader sees end of file when it exits.
        drop(pty.slave);

        let mut source = pty.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pty.master.take_writer().expect("pty writer")));
        let parser = vt100::Parser::new_with_callbacks(
            NonZeroU16::new(opts.rows).expect("rows > 0"),
            NonZeroU16::new(opts.cols).expect("cols > 0"),
            0,
            Noticed::default(),
        );
        let shared = Arc::new(Mutex::new(Shared {
            frame: parser.screen().clone(),
            parser,
            raw: Vec::new(),
            eof: false,
        }));

        let reader = {
            let shared = Arc::clone(&shared);
            let writer = Arc::clone(&writer);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match source.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            let answers = {
                                let mut s = lock(&shared);
                                s.raw.extend_from_slice(&buf[..n]);
                                s.parser.process(&buf[..n]);
                                if !s.parser.screen().alternate_screen() || frame_ended(&s.raw) {
                                    s.frame = s.parser.screen().clone();
                                }
                                let pending =
                                    std::mem::take(&mut s.parser.callbacks_mut().pending_cpr);
                                let (row, col) = s.parser.screen().cursor_position();
                                (pending, row, col)
                            };
                            // Answer cursor position queries as a real terminal would, so a program
                            // that asks does not stall waiting.
                            let (pending, row, col) = answers;
                            for _ in 0..pending {
                                let mut w = lock(&writer);
                                let _ = write!(w, "\x1b[{};{}R", row + 1, col + 1);
                                let _ = w.flush();
                            }
                        }
                    }
                }
                lock(&shared).eof = true;
            })
        };

        Term {
            child,
            master: pty.master,
            writer,
            shared,
            reader: Some(reader),
            exit: None,
            home,
            journal,
        }
    }

    /// The temporary HOME the run uses.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a process id")
    }

    /// Types text (or any bytes a terminal would send).
    pub fn send(&self, text: &str) {
        self.send_keys(text.as_bytes());
    }

    /// Sends raw bytes as the terminal's keyboard would.
    pub fn send_keys(&self, bytes: &[u8]) {
        let mut w = lock(&self.writer);
        w.write_all(bytes).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the emulated screen with it.
    pub fn resize(&self, cols: u16, rows: u16) {
        // Resize the emulated screen first, so nothing drawn for the new size lands on the old one.
        lock(&self.shared).parser.screen_mut().set_size(
            NonZeroU16::new(rows).expect("rows > 0"),
            NonZeroU16::new(cols).expect("cols > 0"),
        );
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// A bracketed paste of `text`, as a terminal sends it when the program enabled bracketed paste.
    pub fn paste(&self, text: &str) {
        self.send(&format!("{}{text}{}", key::PASTE_START, key::PASTE_END));
    }

    /// The screen's text as of the last complete frame, row by row.
    pub fn screen(&self) -> String {
        lock(&self.shared).frame.contents()
    }

    /// The screen's text this instant, possibly half-way through drawing a frame (for failure reports).
    pub fn live_screen(&self) -> String {
        lock(&self.shared).parser.screen().contents()
    }

    /// The screen's text with every run of whitespace (line breaks included) made one space, so text
    /// that wrapped across rows can be matched as one phrase.
    pub fn flat_screen(&self) -> String {
        flatten(&self.screen())
    }

    /// Every byte the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        lock(&self.shared).raw.clone()
    }

    /// Runs `f` on the emulated screen as of the last complete frame (for cursor, modes, cells).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(&lock(&self.shared).frame)
    }

    /// Base64 payloads of the OSC 52 clipboard writes seen so far.
    pub fn clipboard(&self) -> Vec<Vec<u8>> {
        lock(&self.shared).parser.callbacks().clipboard.clone()
    }

    /// Waits until the screen satisfies `pred`; panics after [`DEADLINE`] with `what` and the screen.
    #[track_caller]
    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if start.elapsed() > DEADLINE {
                let eof = lock(&self.shared).eof;
                panic!(
                    "timed out after {DEADLINE:?} waiting for {what}{}\n--- screen ---\n{}\n--- end of screen ---{}",
                    if eof {
                        " (the program closed the terminal)"
                    } else {
                        ""
                    },
                    screen,
                    self.live_note(&screen)
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the emulated terminal's state (cursor, modes, cells) satisfies `pred`; panics after
    /// [`DEADLINE`] with `what` and the screen.
    #[track_caller]
    pub fn wait_screen<T>(&self, what: &str, pred: impl Fn(&vt100::Screen) -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            if let Some(v) = self.with_screen(&pred) {
                return v;
            }
            if start.elapsed() > DEADLINE {
                let screen = self.screen();
                panic!(
                    "timed out after {DEADLINE:?} waiting for {what}\n--- screen ---\n{}\n--- end of screen ---{}",
                    screen,
                    self.live_note(&screen)
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// The screen as drawn so far, when it differs from the last complete frame.
    fn live_note(&self, frame: &str) -> String {
        let live = self.live_screen();
        if live == frame {
            String::new()
        } else {
            format!("\n--- screen mid-frame ---\n{live}\n--- end ---")
        }
    }

    /// Waits until `text` is on the screen (whitespace-insensitive, so it may wrap); returns the screen.
    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
        let want = flatten(text);
        self.wait_until(&format!("{text:?} on the screen"), |s| {
            flatten(s).contains(&want)
        })
    }

    /// Waits until `text` is no longer on the screen.
    #[track_caller]
    pub fn wait_gone(&self, text: &str) -> String {
        let want = flatten(text);
        self.wait_until(&format!("{text:?} to leave the screen"), |s| {
            !flatten(s).contains(&want)
        })
    }

    /// Waits for the program to exit and for its last output to be read; returns the exit code. Kills
    /// it and panics (with the screen) if it has not exited by the deadline; panics on a signal death.
    #[track_caller]
    pub fn wait_exit(&mut self) -> i32 {
        if let Some(code) = self.exit {
            return code;
        }
        let start = Instant::now();
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) => {}
                Err(e) => panic!("cannot wait for pca-order: {e}"),
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "pca-order did not exit within {DEADLINE:?}; killed it\n--- screen ---\n{}\n--- end of screen ---",
                    self.screen()
                );
            }
            std::thread::sleep(POLL);
        };
        // The child is gone; drain what it wrote before the reader stops.
        let start = Instant::now();
        while !lock(&self.shared).eof && start.elapsed() < DEADLINE {
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take()
            && lock(&self.shared).eof
        {
            let _ = reader.join();
        }
        if let Some(signal) = status.signal() {
            panic!(
                "pca-order died of a signal ({signal})\n--- screen ---\n{}\n--- end of screen ---",
                self.screen()
            );
        }
        let code = i32::try_from(status.exit_code()).expect("exit code fits i32");
        self.exit = Some(code);
        code
    }

    /// Whether the terminal is back in cooked mode (canonical input and echo on), as a shell expects it
    /// after the program ends. `None` where the pty cannot report its modes.
    pub fn cooked_mode(&self) -> Option<bool> {
        let termios = self.master.get_termios()?;
        // Linux values of ICANON and ECHO (termios.h); the lflag bits are the same on every Linux arch.
        const ICANON: u64 = 0o000002;
        const ECHO: u64 = 0o000010;
        if !cfg!(target_os = "linux") {
            return None;
        }
        let bits = u64::from(termios.local_flags.bits());
        Some(bits & ICANON != 0 && bits & ECHO != 0)
    }

    /// The journal's lines (none when the file does not exist).
    pub fn journal_lines(&self) -> Vec<serde_json::Value> {
        match std::fs::read_to_string(&self.journal) {
            Ok(text) => text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    serde_json::from_str(l)
                        .unwrap_or_else(|e| panic!("journal line is JSON ({e}): {l}"))
                })
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => panic!("cannot read the journal {}: {e}", self.journal.display()),
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        // A test that failed half-way must not leave the program running.
        if self.exit.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Collapses every run of whitespace into one space and trims the ends.
pub fn flatten(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds `CS` followed by exactly 15 ASCII uppercase letters or digits (a CCM order id) in `text`.
pub fn find_order_id(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() == 17
                && w.starts_with("CS")
                && w[2..]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .map(str::to_string)
}

/// Where `needle` last occurs in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Where `needle` first occurs in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether the output so far ends with the end of a ratatui frame: after the cells, ratatui either hides
/// the cursor (`ESC[?25l`) or shows it and moves it to the focused field (`ESC[?25h ESC[row;colH`).
fn frame_ended(raw: &[u8]) -> bool {
    if raw.ends_with(b"\x1b[?25l") {
        return true;
    }
    let tail = &raw[raw.len().saturating_sub(32)..];
    let Some(show) = rfind(tail, b"\x1b[?25h") else {
        return false;
    };
    let rest = &tail[show + b"\x1b[?25h".len()..];
    let Some(pos) = rest
        .strip_prefix(b"\x1b[")
        .and_then(|r| r.strip_suffix(b"H"))
    else {
        return false;
    };
    let mut parts = pos.split(|&b| b == b';');
    let (Some(row), Some(col), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    [row, col]
        .iter()
        .all(|p| !p.is_empty() && p.iter().all(u8::is_ascii_digit))
}

#[test]
fn frame_end_is_recognised_only_after_the_cursor_is_placed() {
    assert!(frame_ended(b"cells\x1b[0m\x1b[?25h\x1b[10;21H"));
    assert!(frame_ended(b"cells\x1b[0m\x1b[?25l"));
    assert!(
        !frame_ended(b"cells\x1b[0m\x1b[?25h"),
        "shown, not yet placed"
    );
    assert!(
        !frame_ended(b"cells\x1b[0m\x1b[?25h\x1b[10;2"),
        "cut mid-sequence"
    );
    assert!(!frame_ended(b"\x1b[?25h\x1b[10;21Hmore cells"));
    assert!(!frame_ended(b"\x1b[1;1Hcells"));
    assert!(!frame_ended(b""));
}
