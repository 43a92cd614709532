//! Reading a request's query string, for the router and the handlers alike. Its own module so the
//! handlers (auth, bss, cas) do not reach back into the router that calls them (issue 8's cycles).

use axum::http::request::Parts;

/// The query pairs, decoded (`+` as space, as form encoding and the SDKs' `%20` both mean).
pub(crate) fn query_pairs(parts: &Parts) -> Vec<(String, String)> {
    parts
        .uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default()
}
