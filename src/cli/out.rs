//! Writing to stdout and stderr without ever panicking: `println!` panics when the stream is closed
//! ("failed printing to stdout: Broken pipe"), which would end a command with exit 101 after its order
//! was placed. Here a failed write (EPIPE from `cmd | head`, a closed stderr) is dropped: the outcome is
//! already journaled, and the exit code stays the outcome's. SIGPIPE stays ignored (Rust's start-up sets
//! it so), so a closed pipe is an error to ignore, never a signal that kills the process mid-order.
//! The macros write to the process's streams; a command given an [`super::io::Io`] writes through it.

/// Writes `text` to stdout as it is, and flushes it.
pub fn text(text: &str) {
    super::io::write_to(&mut std::io::stdout().lock(), text);
}

/// Writes `line` and a newline to stdout.
pub fn line(line: &str) {
    super::io::write_to(
        &mut std::io::stdout().lock(),
        &format!(
            "{line}
"
        ),
    );
}

/// Writes `text` to stderr as it is (a prompt, a progress mark).
pub fn err_text(text: &str) {
    super::io::write_to(&mut std::io::stderr().lock(), text);
}

/// Writes `line` and a newline to stderr.
pub fn err_line(line: &str) {
    super::io::write_to(
        &mut std::io::stderr().lock(),
        &format!(
            "{line}
"
        ),
    );
}

/// `println!` that never panics: formats into a string, then [`line`].
#[macro_export]
macro_rules! outln {
    () => { $crate::cli::out::line("") };
    ($($arg:tt)*) => { $crate::cli::out::line(&format!($($arg)*)) };
}

/// `print!` that never panics.
#[macro_export]
macro_rules! out_text {
    ($($arg:tt)*) => { $crate::cli::out::text(&format!($($arg)*)) };
}

/// `eprintln!` that never panics.
#[macro_export]
macro_rules! errln {
    () => { $crate::cli::out::err_line("") };
    ($($arg:tt)*) => { $crate::cli::out::err_line(&format!($($arg)*)) };
}

/// `eprint!` that never panics.
#[macro_export]
macro_rules! err_text {
    ($($arg:tt)*) => { $crate::cli::out::err_text(&format!($($arg)*)) };
}
