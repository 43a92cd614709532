//! Process exit codes (DESIGN.md), the same for the `order` command and the wizard, so scripts can branch.

/// The order was placed.
pub const ORDERED: i32 = 0;
/// The user cancelled; nothing was sent.
pub const CANCELLED: i32 = 1;
/// Usage or validation error; nothing was sent.
pub const USAGE: i32 = 2;
/// The API answered with an error; nothing was bought.
pub const REJECTED: i32 = 3;
/// Sent, but no complete answer: check the console's orders before retrying.
pub const UNKNOWN: i32 = 4;
/// Not sent: network, credentials or configuration.
pub const NOT_SENT: i32 = 5;

/// The exit code of a read that failed (`cas`, `ca`, `price`, `status`, an activation's read-back
/// when nothing was changed): one rule for every command, so a script branches the same way on each.
/// 3 the API refused the read (a 4xx: permission, an unknown id) — retrying will not help; 4 the
/// server failed (a 5xx): the answer is not known, a later read may work; 5 no usable answer came
/// (connect, TLS, timeout, an answer not in the documented shape, credentials or configuration).
pub fn for_failed_read(e: &crate::api::CallError) -> i32 {
    use crate::api::CallError;
    match e {
        CallError::Api(a) if a.status >= 500 => UNKNOWN,
        CallError::Api(_) => REJECTED,
        CallError::Network(_) | CallError::Send(_) => NOT_SENT,
    }
}
