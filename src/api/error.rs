//! What can come back from Huawei Cloud. The outcome types live in [`crate::outcome`] (below both `api`
//! and the journal) and are re-exported here so `api::error::X` paths keep working; the kind of a network
//! failure, read from the HTTP stack's errors, stays with the client.

pub use crate::outcome::*;

/// The kind of a network failure, so the screen can say in the user's language what happened (the
/// HTTP library's own English is kept only as the detail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetKind {
    /// Nothing listens at the port (ECONNREFUSED).
    Refused,
    /// The peer reset or closed the connection.
    Reset,
    /// No answer in time.
    TimedOut,
    /// The host name could not be resolved (DNS).
    NameNotFound,
    /// The TLS handshake or the certificate check failed.
    Tls,
    /// Anything else.
    Other,
}

impl NetKind {
    /// Walks an error and its sources: an `io::Error`'s kind decides first, then a rustls error, then
    /// the words of the connector's errors (hyper-util's "dns error", "tcp connect error").
    pub fn of_error(e: &(dyn std::error::Error + 'static)) -> NetKind {
        let mut text = Vec::new();
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
        while let Some(err) = cur {
            if let Some(io) = err.downcast_ref::<std::io::Error>() {
                match io.kind() {
                    std::io::ErrorKind::ConnectionRefused => return NetKind::Refused,
                    std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::UnexpectedEof => return NetKind::Reset,
                    std::io::ErrorKind::TimedOut => return NetKind::TimedOut,
                    _ => {}
                }
                // A wrapped error is the io::Error's payload, not its source: look inside.
                if io
                    .get_ref()
                    .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
                {
                    return NetKind::Tls;
                }
            }
            if err.downcast_ref::<rustls::Error>().is_some() {
                return NetKind::Tls;
            }
            text.push(err.to_string());
            cur = err.source();
        }
        NetKind::of_detail(&text.join(": "))
    }

    /// The kind named in an error chain's text (a reason read back from the journal holds only text).
    pub fn of_detail(detail: &str) -> NetKind {
        let d = detail.to_ascii_lowercase();
        if d.contains("connection refused") {
            NetKind::Refused
        } else if d.contains("dns error")
            || d.contains("failed to lookup address")
            || d.contains("name or service not known")
            || d.contains("no address associated")
        {
            NetKind::NameNotFound
        } else if d.contains("certificate") || d.contains("tls") || d.contains("handshake") {
            NetKind::Tls
        } else if d.contains("timed out") || d.contains("timeout") {
            NetKind::TimedOut
        } else if d.contains("connection reset")
            || d.contains("connection closed")
            || d.contains("broken pipe")
            || d.contains("incomplete message")
        {
            NetKind::Reset
        } else {
            NetKind::Other
        }
    }
}

#[cfg(test)]
mod net_kind_tests {
    use super::NetKind;
    use std::io::{Error, ErrorKind};

    /// An error wrapping another, as reqwest wraps hyper-util wraps io.
    #[derive(Debug)]
    struct Wrap(&'static str, Error);
    impl std::fmt::Display for Wrap {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl std::error::Error for Wrap {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.1)
        }
    }

    #[test]
    fn the_io_kind_down_the_chain_decides() {
        for (kind, want) in [
            (ErrorKind::ConnectionRefused, NetKind::Refused),
            (ErrorKind::ConnectionReset, NetKind::Reset),
            (ErrorKind::TimedOut, NetKind::TimedOut),
        ] {
            let e = Wrap("client error (Connect)", Error::new(kind, "x"));
            assert_eq!(NetKind::of_error(&e), want, "{kind:?}");
        }
        let tls = Wrap(
            "client error (Connect)",
            Error::other(rustls::Error::General("bad".into())),
        );
        assert_eq!(NetKind::of_error(&tls), NetKind::Tls);
    }

    #[test]
    fn connector_words_name_dns_and_tls() {
        let dns = Wrap(
            "dns error",
            Error::other("failed to lookup address information"),
        );
        assert_eq!(NetKind::of_error(&dns), NetKind::NameNotFound);
        assert_eq!(
            NetKind::of_detail(
                "error sending request: client error (Connect): invalid peer certificate: UnknownIssuer"
            ),
            NetKind::Tls
        );
        assert_eq!(
            NetKind::of_detail(
                "error sending request for url (http://127.0.0.1:1/): client error (Connect): tcp connect error: Connection refused (os error 111)"
            ),
            NetKind::Refused
        );
        assert_eq!(NetKind::of_detail("something odd"), NetKind::Other);
    }
}
