//! A certificate signing request (PKCS #10) read into what `csr` and `import` check: its subject, part
//! by part, and its public key (the SubjectPublicKeyInfo a certificate to import must carry). Read by
//! the X.509 parser, never by slicing strings; its self-signature is verified where aws-lc-rs knows the
//! algorithm (an SM2 request is taken on its structure).

use x509_parser::error::X509Error;
use x509_parser::prelude::{FromDer, X509CertificationRequest};
use x509_parser::x509::X509Name;

use super::pem::{self, Block, PemError};

/// The PEM labels read as a CSR: RFC 7468's, and the older one openssl still writes with `-new`.
pub const LABELS: [&str; 2] = ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"];

/// Why text is not one CSR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsrError {
    /// The text is not PEM.
    Pem(PemError),
    /// A block holds something else (its label, never its bytes).
    NotACsr {
        /// The block's label.
        label: String,
    },
    /// More than one block: a CSR is one.
    Several {
        /// How many blocks there are.
        count: usize,
    },
    /// The bytes are not a PKCS #10 request (the parser's words).
    Malformed {
        /// What the parser found wrong.
        detail: String,
    },
    /// The request's signature is not made by its own key.
    BadSignature,
}

impl std::fmt::Display for CsrError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CsrError::Pem(e) => e.fmt(f),
            CsrError::NotACsr { label } => {
                write!(f, "the PEM block is a {label}, not a CERTIFICATE REQUEST")
            }
            CsrError::Several { count } => {
                write!(f, "the text holds {count} PEM blocks, not one CSR")
            }
            CsrError::Malformed { detail } => write!(f, "it is not a PKCS #10 request ({detail})"),
            CsrError::BadSignature => write!(f, "its signature was not made by its own key"),
        }
    }
}

impl std::error::Error for CsrError {}

/// The subject of a request (or a certificate), part by part: the parts a CCM distinguished name has.
/// A part that appears twice keeps its first value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubjectParts {
    /// CN.
    pub common_name: Option<String>,
    /// C.
    pub country: Option<String>,
    /// ST.
    pub state: Option<String>,
    /// L.
    pub locality: Option<String>,
    /// O.
    pub organization: Option<String>,
    /// OU.
    pub organizational_unit: Option<String>,
    /// How many attributes the name holds in all (a part CCM does not have counts too).
    pub count: usize,
}

/// A parsed CSR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Csr {
    der: Vec<u8>,
    subject: String,
    parts: SubjectParts,
    spki: Vec<u8>,
}

impl Csr {
    /// The DER bytes.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The subject as `C=CN, O=…, CN=…` (cleaned of characters that do not show).
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The subject, part by part, to compare with what was saved.
    pub fn parts(&self) -> &SubjectParts {
        &self.parts
    }

    /// The SubjectPublicKeyInfo's DER: a certificate for this request carries the same bytes.
    pub fn spki(&self) -> &[u8] {
        &self.spki
    }

    /// The request as a normal PEM block.
    pub fn pem(&self) -> String {
        pem::encode(&Block {
            label: LABELS[0].to_string(),
            der: self.der.clone(),
        })
    }
}

fn first(it: impl Iterator<Item = String>) -> Option<String> {
    it.into_iter().next()
}

/// The parts of a name (values that are not strings read as absent).
pub fn subject_parts(name: &X509Name<'_>) -> SubjectParts {
    let text = |a: &x509_parser::x509::AttributeTypeAndValue<'_>| {
        a.as_str().ok().map(crate::sanitize::clean)
    };
    SubjectParts {
        common_name: first(name.iter_common_name().filter_map(text)),
        country: first(name.iter_country().filter_map(text)),
        state: first(name.iter_state_or_province().filter_map(text)),
        locality: first(name.iter_locality().filter_map(text)),
        organization: first(name.iter_organization().filter_map(text)),
        organizational_unit: first(name.iter_organizational_unit().filter_map(text)),
        count: name.iter_attributes().count(),
    }
}

/// One CSR from PEM `text` (line breaks however they arrive, as [`pem::blocks`] reads them).
pub fn parse_csr(text: &str) -> Result<Csr, CsrError> {
    let blocks = pem::blocks(text).map_err(CsrError::Pem)?;
    if blocks.len() != 1 {
        return Err(CsrError::Several {
            count: blocks.len(),
        });
    }
    let block = &blocks[0];
    if !LABELS.contains(&block.label.as_str()) {
        return Err(CsrError::NotACsr {
            label: block.label.clone(),
        });
    }
    let malformed = |detail: String| CsrError::Malformed { detail };
    let (rest, req) =
        X509CertificationRequest::from_der(&block.der).map_err(|e| malformed(e.to_string()))?;
    if !rest.is_empty() {
        return Err(malformed(format!("{} bytes after the request", rest.len())));
    }
    match req.verify_signature() {
        Ok(()) | Err(X509Error::SignatureUnsupportedAlgorithm) => {}
        Err(_) => return Err(CsrError::BadSignature),
    }
    let info = &req.certification_request_info;
    Ok(Csr {
        der: block.der.clone(),
        subject: crate::sanitize::clean(&info.subject.to_string()),
        parts: subject_parts(&info.subject),
        spki: info.subject_pki.raw.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_text_is_refused() {
        assert_eq!(parse_csr(""), Err(CsrError::Pem(PemError::Empty)));
        let cert = "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n";
        assert_eq!(
            parse_csr(cert),
            Err(CsrError::NotACsr {
                label: "CERTIFICATE".into()
            })
        );
        let two = format!(
            "{}{}",
            cert.replace("CERTIFICATE", "CERTIFICATE REQUEST"),
            cert.replace("CERTIFICATE", "CERTIFICATE REQUEST")
        );
        assert_eq!(parse_csr(&two), Err(CsrError::Several { count: 2 }));
        let junk = cert.replace("CERTIFICATE", "NEW CERTIFICATE REQUEST");
        assert!(matches!(parse_csr(&junk), Err(CsrError::Malformed { .. })));
        for e in [
            CsrError::Several { count: 2 },
            CsrError::BadSignature,
            CsrError::NotACsr { label: "X".into() },
        ] {
            assert!(!e.to_string().is_empty());
        }
    }
}
