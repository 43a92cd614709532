//! SDK-HMAC-SHA256, the AK/SK request signature of Huawei Cloud's official SDKs (CONTRACT.md section 5).
//!
//! Pure functions: the caller supplies every input, including the `X-Sdk-Date` header, so the output is
//! reproducible and the official SDK's vectors can be checked byte for byte. The sandbox verifies with the
//! same code over what it received.

use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::macros::format_description;

/// The algorithm name that starts the `Authorization` value and the string to sign.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The header that carries the signing time.
pub const HEADER_SDK_DATE: &str = "X-Sdk-Date";

/// Everything but letters, digits and `-_.~` is percent-encoded, as the SDK's `quote(s, safe='~')`.
const ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The parts of an HTTP request that the signature covers.
#[derive(Debug, Clone)]
pub struct SignRequest<'a> {
    /// `GET`, `POST`, ...
    pub method: &'a str,
    /// Host (with `:port` when not the default); added as a `Host` header when `headers` has none.
    pub host: &'a str,
    /// The path, plain or percent-encoded (it is decoded, then encoded segment by segment).
    pub path: &'a str,
    /// Query pairs, decoded; a repeated key appears once per value.
    pub query: &'a [(String, String)],
    /// Request headers as they will be sent; must include `X-Sdk-Date`.
    pub headers: &'a [(String, String)],
    /// The exact body bytes.
    pub body: &'a [u8],
}

/// Every intermediate string of a signature, so tests and the sandbox can compare each step.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    /// `h1;h2;...`
    pub signed_headers: String,
    /// The canonical request.
    pub canonical_request: String,
    /// `SDK-HMAC-SHA256\n{date}\n{hex sha256 of canonical request}`
    pub string_to_sign: String,
    /// Hex HMAC-SHA256 of the string to sign. A secret-derived value: never logged.
    pub signature: String,
    /// The full `Authorization` header value.
    pub authorization: String,
}

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signature")
            .field("signed_headers", &self.signed_headers)
            .field("signature", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// Signs a request with an AK and SK. `sk` is borrowed only for the HMAC and never stored.
pub fn sign(req: &SignRequest<'_>, ak: &str, sk: &str) -> Signature {
    let mut headers: Vec<(String, String)> = req.headers.to_vec();
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        headers.push(("Host".to_string(), req.host.to_string()));
    }
    let signed = signed_header_names(&headers);
    sign_with_signed_headers(
        req.method, req.path, req.query, &headers, &signed, req.body, ak, sk,
    )
}

/// The `SignedHeaders` list the SDK derives from a set of headers: every name lower-cased and sorted,
/// skipping names that contain `_`.
pub fn signed_header_names(headers: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> = headers
        .iter()
        .filter(|(k, _)| !k.contains('_'))
        .map(|(k, _)| k.to_ascii_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Computes the signature over the given list of signed headers (what a verifier does with the list it
/// received). A signed header missing from `headers` is canonicalised with an empty value.
#[allow(clippy::too_many_arguments)]
pub fn sign_with_signed_headers(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    signed: &[String],
    body: &[u8],
    ak: &str,
    sk: &str,
) -> Signature {
    let date = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(HEADER_SDK_DATE))
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    let signed_headers = signed.join(";");
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        method.to_ascii_uppercase(),
        canonical_uri(path),
        canonical_query(query),
        canonical_headers(headers, signed),
        signed_headers,
        hex::encode(Sha256::digest(body)),
    );
    let string_to_sign = format!(
        "{ALGORITHM}\n{date}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let signature = hmac_hex(sk.as_bytes(), string_to_sign.as_bytes());
    let authorization =
        format!("{ALGORITHM} Access={ak}, SignedHeaders={signed_headers}, Signature={signature}");
    Signature {
        signed_headers,
        canonical_request,
        string_to_sign,
        signature,
        authorization,
    }
}

/// Hex HMAC-SHA256.
pub fn hmac_hex(key: &[u8], data: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    hex::encode(mac.finalize().into_bytes())
}

/// The path decoded, each segment encoded, with a trailing `/`.
pub fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut out: String = decoded
        .split('/')
        .map(|seg| utf8_percent_encode(seg, ENCODE).to_string())
        .collect::<Vec<_>>()
        .join("/");
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// Pairs sorted by key then value, each side encoded, joined by `&`.
pub fn canonical_query(query: &[(String, String)]) -> String {
    let mut pairs: Vec<&(String, String)> = query.iter().collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                utf8_percent_encode(k, ENCODE),
                utf8_percent_encode(v, ENCODE)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// `name:trimmed-value\n` for each signed header.
fn canonical_headers(headers: &[(String, String)], signed: &[String]) -> String {
    signed
        .iter()
        .map(|name| {
            let value = headers
                .iter()
                .rev()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim())
                .unwrap_or("");
            format!("{name}:{value}\n")
        })
        .collect()
}

/// Formats a time as `X-Sdk-Date` wants it: `YYYYMMDDTHHMMSSZ`, UTC.
pub fn sdk_date(t: OffsetDateTime) -> String {
    let fmt = format_description!("[year][month][day]T[hour][minute][second]Z");
    t.to_offset(time::UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_default()
}

/// Parses an `X-Sdk-Date` value.
pub fn parse_sdk_date(value: &str) -> Option<OffsetDateTime> {
    let fmt = format_description!("[year][month][day]T[hour][minute][second]Z");
    time::PrimitiveDateTime::parse(value.trim(), &fmt)
        .ok()
        .map(|p| p.assume_utc())
}

/// The three parts of an `Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...` value.
#[derive(Clone, PartialEq, Eq)]
pub struct ParsedAuthorization {
    /// The access key id.
    pub access: String,
    /// Lower-case header names.
    pub signed_headers: Vec<String>,
    /// The hex signature presented.
    pub signature: String,
}

impl std::fmt::Debug for ParsedAuthorization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParsedAuthorization")
            .field("access", &self.access)
            .field("signed_headers", &self.signed_headers)
            .field("signature", &"<redacted>")
            .finish()
    }
}

/// Parses an `Authorization` header of this algorithm; `None` when it is of another form.
pub fn parse_authorization(value: &str) -> Option<ParsedAuthorization> {
    let rest = value.trim().strip_prefix(ALGORITHM)?.trim_start();
    let (mut access, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (k, v) = part.trim().split_once('=')?;
        match k.trim() {
            "Access" => access = Some(v.trim().to_string()),
            "SignedHeaders" => {
                signed = Some(
                    v.trim()
                        .split(';')
                        .map(|s| s.trim().to_ascii_lowercase())
                        .collect::<Vec<_>>(),
                )
            }
            "Signature" => signature = Some(v.trim().to_string()),
            _ => return None,
        }
    }
    Some(ParsedAuthorization {
        access: access?,
        signed_headers: signed?,
        signature: signature?,
    })
}

/// Compares two strings in time that does not depend on where they differ (for signatures and tokens).
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
