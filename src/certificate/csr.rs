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

    #[test]
    fn first_is_the_first_of_several_and_none_of_none() {
        let several = ["a", "b", "c"].map(String::from);
        assert_eq!(first(several.into_iter()), Some("a".to_string()));
        assert_eq!(
            first(std::iter::once("only".to_string())),
            Some("only".into())
        );
        assert_eq!(first(std::iter::empty()), None);
    }

    /// DER type-length-value (lengths below 256 bytes: the test's names are small).
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let len = u8::try_from(content.len()).expect("a small value");
        let mut v = if len < 0x80 {
            vec![tag, len]
        } else {
            vec![tag, 0x81, len]
        };
        v.extend_from_slice(content);
        v
    }

    /// One relative distinguished name: the attribute `2.5.4.<kind>` with a value of DER type `tag`.
    fn rdn(kind: u8, tag: u8, value: &str) -> Vec<u8> {
        let oid = tlv(0x06, &[0x55, 0x04, kind]);
        let atv = tlv(0x30, &[oid, tlv(tag, value.as_bytes())].concat());
        tlv(0x31, &atv)
    }

    const UTF8: u8 = 0x0c;
    const PRINTABLE: u8 = 0x13;
    const OCTETS: u8 = 0x04;

    /// A name as a CA may write it but rcgen cannot: a part twice (the first value is kept), a value
    /// that is not a string (absent, yet counted), a part CCM has no field for (counted).
    #[test]
    fn a_part_given_twice_keeps_its_first_value_and_a_non_string_reads_as_absent() {
        let name = tlv(
            0x30,
            &[
                rdn(6, PRINTABLE, "CN"),
                rdn(8, UTF8, "Guangdong"),
                rdn(7, UTF8, "Shenzhen"),
                rdn(10, OCTETS, "not a string"),
                rdn(10, UTF8, "Second Org"),
                rdn(11, UTF8, "PKI"),
                rdn(11, UTF8, "Other Unit"),
                rdn(3, UTF8, "First CN"),
                rdn(3, UTF8, "Second CN"),
                rdn(5, PRINTABLE, "12345"), // serialNumber: not a CCM part
            ]
            .concat(),
        );
        let (rest, parsed) = X509Name::from_der(&name).expect("a name");
        assert!(rest.is_empty());
        assert_eq!(
            subject_parts(&parsed),
            SubjectParts {
                common_name: Some("First CN".into()),
                country: Some("CN".into()),
                state: Some("Guangdong".into()),
                locality: Some("Shenzhen".into()),
                organization: Some("Second Org".into()),
                organizational_unit: Some("PKI".into()),
                count: 10,
            }
        );
        // Only values that are not strings: the part is absent.
        let odd = tlv(0x30, &rdn(3, OCTETS, "x"));
        let (_, parsed) = X509Name::from_der(&odd).expect("a name");
        assert_eq!(
            subject_parts(&parsed),
            SubjectParts {
                count: 1,
                ..SubjectParts::default()
            }
        );
    }
}
