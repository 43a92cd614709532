//! Whether certificates form a chain: each one's issuer is the next one's subject, the next one is a
//! CA, and the next one's key made the signature. Signatures are verified with aws-lc-rs wherever it
//! knows the algorithm (RSA PKCS#1 and PSS, ECDSA P-256/P-384, Ed25519); for another (SM2 with SM3) the
//! link is taken on the names and the key identifiers (the child's authority key id equals the
//! parent's subject key id), and says so ([`Link::KeyIds`]). With neither, the link is refused.

use x509_parser::error::X509Error;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::parse::Certificate;

/// How one link was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The parent's public key verifies the child's signature.
    Signature,
    /// The signature's algorithm cannot be verified here; names and key identifiers match.
    KeyIds,
}

/// Why certificates do not form a chain. `index` is the child's place, from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainError {
    /// No certificate at all.
    Empty,
    /// The child's issuer is not the next certificate's subject.
    IssuerMismatch {
        /// The child.
        index: usize,
    },
    /// The next certificate is not a CA (basic constraints CA:FALSE or absent).
    IssuerNotCa {
        /// The child.
        index: usize,
    },
    /// The next certificate's key did not make the child's signature.
    BadSignature {
        /// The child.
        index: usize,
    },
    /// The signature cannot be verified here and the key identifiers do not show the link.
    Unverifiable {
        /// The child.
        index: usize,
    },
}

impl std::fmt::Display for ChainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainError::Empty => write!(f, "there is no certificate"),
            ChainError::IssuerMismatch { index } => write!(
                f,
                "certificate {index}'s issuer is not certificate {}'s subject",
                index + 1
            ),
            ChainError::IssuerNotCa { index } => {
                write!(f, "certificate {} is not a CA certificate", index + 1)
            }
            ChainError::BadSignature { index } => write!(
                f,
                "certificate {index} was not signed by certificate {}'s key",
                index + 1
            ),
            ChainError::Unverifiable { index } => write!(
                f,
                "certificate {index}'s signature cannot be checked here and its key identifiers do not \
                 name certificate {}",
                index + 1
            ),
        }
    }
}

impl std::error::Error for ChainError {}

fn key_ids(child: &X509Certificate<'_>, parent: &X509Certificate<'_>) -> bool {
    let aki = child
        .iter_extensions()
        .find_map(|e| match e.parsed_extension() {
            x509_parser::extensions::ParsedExtension::AuthorityKeyIdentifier(a) => {
                a.key_identifier.as_ref().map(|k| k.0.to_vec())
            }
            _ => None,
        });
    let ski = parent
        .iter_extensions()
        .find_map(|e| match e.parsed_extension() {
            x509_parser::extensions::ParsedExtension::SubjectKeyIdentifier(k) => Some(k.0.to_vec()),
            _ => None,
        });
    matches!((aki, ski), (Some(a), Some(s)) if a == s)
}

/// One link: `child` issued by `parent`; `index` is the child's place from 1.
fn link(child: &Certificate, parent: &Certificate, index: usize) -> Result<Link, ChainError> {
    if child.issuer_der() != parent.subject_der() {
        return Err(ChainError::IssuerMismatch { index });
    }
    if !parent.summary().is_ca {
        return Err(ChainError::IssuerNotCa { index });
    }
    // Both parsed before, so they parse again; a failure here is still refused, never a panic.
    let bad = ChainError::BadSignature { index };
    let (_, c) = X509Certificate::from_der(child.der()).map_err(|_| bad.clone())?;
    let (_, p) = X509Certificate::from_der(parent.der()).map_err(|_| bad.clone())?;
    match c.verify_signature(Some(p.public_key())) {
        Ok(()) => Ok(Link::Signature),
        Err(X509Error::SignatureUnsupportedAlgorithm) if key_ids(&c, &p) => Ok(Link::KeyIds),
        Err(X509Error::SignatureUnsupportedAlgorithm) => Err(ChainError::Unverifiable { index }),
        Err(_) => Err(bad),
    }
}

/// Checks that `certs` form a chain, first the leaf (or the CA) and each next one its issuer, as CCM
/// orders `certificate_chain` ("intermediate … root"). One certificate alone is a chain of no links.
/// Returns how each link was checked.
pub fn check_chain(certs: &[Certificate]) -> Result<Vec<Link>, ChainError> {
    if certs.is_empty() {
        return Err(ChainError::Empty);
    }
    certs
        .windows(2)
        .enumerate()
        .map(|(i, pair)| link(&pair[0], &pair[1], i + 1))
        .collect()
}
