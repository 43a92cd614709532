//! The records the sandbox keeps about what it sold — a CA and what activation set on it — and the random
//! ids it hands out. They sit below both the in-memory state (`state.rs`) and the file store (`store.rs`),
//! so the state uses the store and the store uses these records, without a circle.

use crate::activation::rules::ActivateRequest;

/// A CA bought through the sandbox.
#[derive(Debug, Clone)]
pub(crate) struct CaRecord {
    pub ca_id: String,
    pub order_id: String,
    pub enterprise_project_id: String,
    /// Unix milliseconds, as CCM reports `create_time`.
    pub create_time: i64,
    /// Set by activation (type, subject, algorithms, serial, validity); `None` while PENDING.
    pub activation: Option<Activation>,
    /// Whether its subscription renews itself (BSS `expire_policy` 3): the order's `is_auto_renew`.
    pub auto_renew: bool,
    /// Unsubscribed (type 1) at this Unix millisecond: the CA reads DELETED, its subscription closed.
    pub closed_ms: Option<i64>,
    /// Renewal orders whose periods were unsubscribed (type 2) for this CA: they no longer extend it.
    pub cut_renewals: Vec<String>,
    /// The unsubscribe orders made for this CA and their refund lines.
    pub refunds: Vec<Refund>,
}

/// An unsubscribe order the sandbox made, and what it refunds (ours: see `sandbox/bss.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refund {
    /// The unsubscribe order's id.
    pub order_id: String,
    /// The refund line's amount, as BSS writes it (negative = refunded).
    pub amount: String,
}

/// What activation set on a CA: held here, with the CA it belongs to, so the state needs nothing from
/// the CCM routes (`cas.rs`) that read and write it.
#[derive(Debug, Clone)]
pub(crate) struct Activation {
    pub request: ActivateRequest,
    pub issuer_name: Option<String>,
    pub serial_number: String,
    pub not_before: i64,
    pub not_after: i64,
}

/// Mutable state behind the lock.
/// 32 lowercase hex characters: request ids, trace ids.
pub(crate) fn hex_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// `n` random characters from `A-Z0-9`, for order ids.
pub(crate) fn upper_alnum(n: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut out = String::with_capacity(n);
    while out.len() < n {
        // Bytes 6 and 8 carry the UUID version and variant bits: not random, so skipped.
        for (i, b) in uuid::Uuid::new_v4().into_bytes().into_iter().enumerate() {
            if out.len() == n {
                break;
            }
            if i == 6 || i == 8 {
                continue;
            }
            // 252 = 7 * 36: drop the top values so every character is equally likely.
            if b < 252 {
                out.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_alnum_has_the_asked_length_and_alphabet() {
        let s = upper_alnum(5);
        assert_eq!(s.len(), 5);
        assert!(
            s.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        );
    }
}
