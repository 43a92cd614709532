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
/// Only from `expiring`: some CA's subscription or certificate ends within the window and will not
/// renew itself — something needs attention (cron and CI branch on it).
pub const EXPIRING: i32 = 6;
