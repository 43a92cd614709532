//! What `import` checks on the user's files before anything is asked or sent (issue 21): the
//! certificate file holds one certificate, it is a CA certificate, its public key is the CSR's, the
//! chain (when given) links it to its issuers, and both are within the documented sizes
//! (ImportCertificateAuthorityCertificate: `certificate` 1-32768, `certificate_chain` 0-2097152,
//! LIFECYCLE.md section 2.1). The sizes are measured on what is sent: the normalised PEM.

use super::chain::{ChainError, Link, check_chain};
use super::parse::{CertError, Certificate, parse_pem};

/// The longest `certificate` sent (documented).
pub const CERTIFICATE_MAX: usize = 32_768;
/// The longest `certificate_chain` sent (documented).
pub const CHAIN_MAX: usize = 2_097_152;

/// Which file a rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `--certificate`.
    Certificate,
    /// `--chain`.
    Chain,
}

/// The first rule the files break, in the order they are checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// A file does not parse as certificates.
    Unreadable {
        /// Which file.
        part: Part,
        /// Why.
        error: CertError,
    },
    /// The certificate file holds more than one certificate (the chain goes in `--chain`).
    NotOne {
        /// How many it holds.
        count: usize,
    },
    /// The certificate is not a CA certificate (basic constraints CA:TRUE).
    NotCa,
    /// Its public key is not the CSR's.
    KeyMismatch,
    /// The chain does not link the certificate to its issuers.
    Chain(ChainError),
    /// A file, normalised, is longer than its documented limit.
    TooLong {
        /// Which file.
        part: Part,
        /// Its normalised length.
        len: usize,
        /// The limit.
        max: usize,
    },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Unreadable { error, .. } => write!(f, "not a PEM certificate: {error}"),
            ImportError::NotOne { count } => write!(
                f,
                "it holds {count} certificates; give the CA's own certificate alone and the rest with --chain"
            ),
            ImportError::NotCa => {
                write!(f, "it is not a CA certificate (basic constraints CA:TRUE)")
            }
            ImportError::KeyMismatch => write!(f, "its public key is not the CSR's"),
            ImportError::Chain(e) => write!(f, "the chain does not link: {e}"),
            ImportError::TooLong { len, max, .. } => {
                write!(f, "it is {len} characters as PEM, more than {max}")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// The files as they passed: what is sent, and what was read from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The certificate.
    pub certificate: Certificate,
    /// The chain's certificates, nearest issuer first.
    pub chain: Vec<Certificate>,
    /// How each link (certificate → chain[0] → …) was checked.
    pub links: Vec<Link>,
    /// `certificate` as sent: normalised PEM.
    pub certificate_pem: String,
    /// `certificate_chain` as sent, when a chain was given.
    pub chain_pem: Option<String>,
}

/// Checks the files' text against the CSR's public key (`csr_spki`), in order: the certificate
/// parses, is alone, is a CA, carries the CSR's key, fits; the chain parses, links, fits.
pub fn check_import(
    certificate: &str,
    chain: Option<&str>,
    csr_spki: &[u8],
) -> Result<Checked, ImportError> {
    let mut certs = parse_pem(certificate).map_err(|error| ImportError::Unreadable {
        part: Part::Certificate,
        error,
    })?;
    if certs.len() != 1 {
        return Err(ImportError::NotOne { count: certs.len() });
    }
    let cert = certs.remove(0);
    if !cert.summary().is_ca {
        return Err(ImportError::NotCa);
    }
    if cert.spki() != csr_spki {
        return Err(ImportError::KeyMismatch);
    }
    let certificate_pem = cert.pem();
    fits(Part::Certificate, &certificate_pem, CERTIFICATE_MAX)?;
    let chain_certs = match chain {
        None => Vec::new(),
        Some(text) => parse_pem(text).map_err(|error| ImportError::Unreadable {
            part: Part::Chain,
            error,
        })?,
    };
    let mut all = Vec::with_capacity(chain_certs.len() + 1);
    all.push(cert);
    all.extend(chain_certs);
    let links = check_chain(&all).map_err(ImportError::Chain)?;
    let cert = all.remove(0);
    let chain_pem = chain.map(|_| all.iter().map(Certificate::pem).collect::<String>());
    if let Some(text) = &chain_pem {
        fits(Part::Chain, text, CHAIN_MAX)?;
    }
    Ok(Checked {
        certificate: cert,
        chain: all,
        links,
        certificate_pem,
        chain_pem,
    })
}

/// Whether `text` is within `max` characters (PEM is ASCII: bytes are characters).
fn fits(part: Part, text: &str, max: usize) -> Result<(), ImportError> {
    if text.len() > max {
        return Err(ImportError::TooLong {
            part,
            len: text.len(),
            max,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_inclusive() {
        assert_eq!(fits(Part::Chain, "abc", 3), Ok(()));
        assert_eq!(
            fits(Part::Chain, "abcd", 3),
            Err(ImportError::TooLong {
                part: Part::Chain,
                len: 4,
                max: 3
            })
        );
        assert_eq!(CERTIFICATE_MAX, 32_768);
        assert_eq!(CHAIN_MAX, 2_097_152);
    }
}
