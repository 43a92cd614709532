//! A certificate read into what a person checks before trusting it, by an X.509 parser.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::pem::{self, Block, PemError};

/// The only PEM label read as a certificate (RFC 7468 section 5).
pub const LABEL: &str = "CERTIFICATE";

/// Why bytes or text are not a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertError {
    /// The text is not PEM (see [`PemError`]).
    Pem(PemError),
    /// A PEM block holds something else: a private key, a CSR, … (its label, never its bytes).
    NotACertificate {
        /// The block's label.
        label: String,
        /// Its place among the blocks, from 1.
        index: usize,
    },
    /// The bytes are not a DER X.509 certificate (the parser's words).
    Malformed {
        /// Its place among the blocks, from 1.
        index: usize,
        /// What the parser found wrong.
        detail: String,
    },
}

impl std::fmt::Display for CertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CertError::Pem(e) => e.fmt(f),
            CertError::NotACertificate { label, index } => {
                write!(f, "PEM block {index} is a {label}, not a CERTIFICATE")
            }
            CertError::Malformed { index, detail } => {
                write!(
                    f,
                    "PEM block {index} is not an X.509 certificate ({detail})"
                )
            }
        }
    }
}

impl std::error::Error for CertError {}

impl From<PemError> for CertError {
    fn from(e: PemError) -> CertError {
        CertError::Pem(e)
    }
}

/// What a person checks in a certificate, read from the certificate itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The subject, as `C=CN, O=…, CN=…` (cleaned of characters that do not show).
    pub subject: String,
    /// The issuer, written the same way.
    pub issuer: String,
    /// The serial number: lowercase hex, no separators, without the sign byte DER may add (so it reads
    /// as CCM's `serial_number`).
    pub serial: String,
    /// Valid from.
    pub not_before: OffsetDateTime,
    /// Valid until.
    pub not_after: OffsetDateTime,
    /// SHA-256 of the DER, upper-case hex pairs joined by `:` (as `openssl x509 -fingerprint -sha256`).
    pub sha256: String,
    /// Basic constraints say CA:TRUE.
    pub is_ca: bool,
    /// The basic constraints' path length, when there is one.
    pub path_length: Option<u32>,
}

/// A certificate: its DER, the [`Summary`], and the raw parts the chain and key checks compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    der: Vec<u8>,
    summary: Summary,
    spki: Vec<u8>,
    subject_der: Vec<u8>,
    issuer_der: Vec<u8>,
}

impl Certificate {
    /// The DER bytes.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// What a person checks.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// The SubjectPublicKeyInfo's DER: equal bytes are the same public key (import compares it with
    /// the CSR's).
    pub fn spki(&self) -> &[u8] {
        &self.spki
    }

    /// The subject name's DER (the chain check compares it with the issuer name below it).
    pub fn subject_der(&self) -> &[u8] {
        &self.subject_der
    }

    /// The issuer name's DER.
    pub fn issuer_der(&self) -> &[u8] {
        &self.issuer_der
    }

    /// The certificate as a normal PEM block (64-character lines, one trailing newline).
    pub fn pem(&self) -> String {
        pem::encode(&Block {
            label: LABEL.to_string(),
            der: self.der.clone(),
        })
    }
}

/// Lowercase hex of `bytes` without its leading zero bytes; `"00"` for zero.
pub fn serial_hex(bytes: &[u8]) -> String {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    if start == bytes.len() {
        return "00".to_string();
    }
    hex::encode(&bytes[start..])
}

/// Upper-case hex pairs joined by `:`, as openssl writes a fingerprint.
pub fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// `index` is the certificate's place among PEM blocks (1 when there is one), for the error.
fn read(der: &[u8], index: usize) -> Result<Certificate, CertError> {
    let malformed = |detail: String| CertError::Malformed { index, detail };
    let (rest, x) = X509Certificate::from_der(der).map_err(|e| malformed(e.to_string()))?;
    if !rest.is_empty() {
        return Err(malformed(format!(
            "{} bytes after the certificate",
            rest.len()
        )));
    }
    let bc = x
        .basic_constraints()
        .map_err(|e| malformed(e.to_string()))?
        .map(|b| b.value);
    let name = |n: &x509_parser::x509::X509Name<'_>| crate::sanitize::clean(&n.to_string());
    let summary = Summary {
        subject: name(x.subject()),
        issuer: name(x.issuer()),
        serial: serial_hex(x.raw_serial()),
        not_before: x.validity().not_before.to_datetime(),
        not_after: x.validity().not_after.to_datetime(),
        sha256: fingerprint(der),
        is_ca: bc.is_some_and(|b| b.ca),
        path_length: bc.and_then(|b| b.path_len_constraint),
    };
    Ok(Certificate {
        der: der.to_vec(),
        summary,
        spki: x.public_key().raw.to_vec(),
        subject_der: x.subject().as_raw().to_vec(),
        issuer_der: x.issuer().as_raw().to_vec(),
    })
}

/// One DER certificate, nothing after it.
pub fn parse_der(der: &[u8]) -> Result<Certificate, CertError> {
    read(der, 1)
}

/// Every certificate of PEM `text` (a certificate, or a chain), in order. Refuses text that is not
/// PEM, a block that is not a `CERTIFICATE` (a key, a CSR) and one that does not parse.
pub fn parse_pem(text: &str) -> Result<Vec<Certificate>, CertError> {
    pem::blocks(text)?
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if b.label != LABEL {
                return Err(CertError::NotACertificate {
                    label: b.label.clone(),
                    index: i + 1,
                });
            }
            read(&b.der, i + 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_drop_only_leading_zero_bytes() {
        assert_eq!(serial_hex(&[0x00, 0x80, 0x01]), "8001");
        assert_eq!(serial_hex(&[0x01, 0x00]), "0100");
        assert_eq!(serial_hex(&[0x00, 0x00, 0x0a]), "0a");
        assert_eq!(serial_hex(&[0x00]), "00");
        assert_eq!(serial_hex(&[]), "00");
        assert_eq!(serial_hex(&[0xff]), "ff");
    }

    #[test]
    fn fingerprints_are_openssl_style() {
        let f = fingerprint(b"");
        assert!(f.starts_with("E3:B0:C4:42:98:FC:1C:14"), "{f}");
        assert_eq!(f.len(), 32 * 3 - 1);
    }

    #[test]
    fn non_certificates_are_refused() {
        let key = "-----BEGIN PRIVATE KEY-----\nAQID\n-----END PRIVATE KEY-----\n";
        assert_eq!(
            parse_pem(key),
            Err(CertError::NotACertificate {
                label: "PRIVATE KEY".into(),
                index: 1
            })
        );
        let e = parse_pem("-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n")
            .unwrap_err();
        assert!(matches!(e, CertError::Malformed { index: 1, .. }), "{e:?}");
        assert!(e.to_string().contains("block 1"));
        assert_eq!(
            parse_pem("<html><body>502 Bad Gateway</body></html>"),
            Err(CertError::Pem(PemError::Junk { line: 1 }))
        );
        assert!(matches!(
            parse_der(&[0x30, 0x03, 0x02, 0x01, 0x01]),
            Err(CertError::Malformed { index: 1, .. })
        ));
    }
}
