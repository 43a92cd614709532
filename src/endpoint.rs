//! Rules about an endpoint URL alone, at the bottom of the layers: whether it is loopback and whether a
//! request sent there is a pretend one. `config` (which accepts endpoints), `api` (which decides the
//! journal's `sandbox` per request) and the journal (which labels attempts) all ask the same two
//! questions, so the answers live here, below all of them. `config` and `api::target` re-export them.

use std::net::IpAddr;

use url::Url;

/// Whether a URL's host is a loopback address or `localhost`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Whether a request sent to this endpoint is a pretend one: plain `http://` is accepted only to loopback
/// (the rule of `config::parse_endpoint`), where no real Huawei Cloud service answers, so it can
/// never buy, pay or activate anything real. Decided per request by the endpoint that request goes to (an
/// order by CCM's, a pay or cancel by BSS's), never by another service's. Decides the journal (sandbox or
/// real), the SANDBOX words, and how `history` labels an attempt.
pub fn is_pretend_endpoint(url: &Url) -> bool {
    url.scheme() == "http"
}
