//! Real X.509 certificates for the CAs the sandbox activates (issue 21), made with rcgen over aws-lc-rs:
//! a ROOT signs itself, a SUBORDINATE is signed by its issuer's key. The certificate holds what the
//! activation asked for — the subject, the key algorithm, the validity (the CA's `not_before` and
//! `not_after`, to the second), the serial number (the CA's `serial_number`), the path length (7 for a
//! root, as CCM reports it) and the default key usages (digitalSignature, keyCertSign, cRLSign;
//! ACTIVATION.md) — so that openssl reads and verifies what `export` returns.
//!
//! Rules of ours (the real service's choices are not documented):
//! - The signature's hash is the requested `signature_algorithm` for an RSA issuer; an ECDSA issuer
//!   signs with its curve's hash (P-256 with SHA-256, P-384 with SHA-384), the pairs rcgen offers.
//! - SM2 keys and SM3 signatures cannot be made by rcgen: such a CA is still activated (the sandbox
//!   plays the China website), but it has no certificate, and exporting it says so ([`IssueError`]).
//! - The keys are kept in the pretend account's state file (mode 0600): it is a pretend account.

use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    PKCS_ECDSA_P256_SHA256, PKCS_ECDSA_P384_SHA384, PKCS_RSA_SHA256, PKCS_RSA_SHA384,
    PKCS_RSA_SHA512, RsaKeySize, SerialNumber, SignatureAlgorithm as Alg,
};
use time::OffsetDateTime;

use crate::activation::rules::{ActivateRequest, CaType, DEFAULT_PATH_LENGTH};
use crate::activation::{KeyAlgorithm, SignatureAlgorithm};

/// The path length CCM shows for a root (documented: 7 is stored), written into its certificate too.
pub(crate) const ROOT_PATH_LENGTH: u8 = 7;

/// A CA's key and certificate, both PEM. The key never reaches a log: `Debug` leaves it out.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Issued {
    /// PKCS#8 `PRIVATE KEY`.
    pub key_pem: String,
    /// `CERTIFICATE`.
    pub certificate_pem: String,
}

impl std::fmt::Debug for Issued {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issued")
            .field("certificate_pem", &self.certificate_pem)
            .finish_non_exhaustive()
    }
}

/// Why no certificate could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum IssueError {
    /// The sandbox cannot make this algorithm (SM2, SM3).
    Unsupported(&'static str),
    /// The issuer has no certificate (it cannot have one, see `Unsupported`).
    IssuerWithout,
    /// The crate refused (its words).
    Crypto(String),
}

impl std::fmt::Display for IssueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IssueError::Unsupported(what) => write!(
                f,
                "(sandbox) the sandbox cannot make {what} certificates, so this CA has none to export; \
                 the real service can"
            ),
            IssueError::IssuerWithout => write!(
                f,
                "(sandbox) the issuing CA has no certificate (the sandbox cannot make SM2/SM3 \
                 certificates), so this CA has none either"
            ),
            IssueError::Crypto(e) => write!(f, "(sandbox) the certificate could not be made: {e}"),
        }
    }
}

fn crypto(e: rcgen::Error) -> IssueError {
    IssueError::Crypto(e.to_string())
}

/// The rcgen algorithm a key of `key` signs with when `hash` is asked for (see the module's rules).
pub(crate) fn signing_alg(
    key: KeyAlgorithm,
    hash: SignatureAlgorithm,
) -> Result<&'static Alg, IssueError> {
    match (key, hash) {
        (KeyAlgorithm::Sm2, _) => Err(IssueError::Unsupported("SM2")),
        (_, SignatureAlgorithm::Sm3) => Err(IssueError::Unsupported("SM3")),
        (KeyAlgorithm::Rsa2048 | KeyAlgorithm::Rsa4096, SignatureAlgorithm::Sha256) => {
            Ok(&PKCS_RSA_SHA256)
        }
        (KeyAlgorithm::Rsa2048 | KeyAlgorithm::Rsa4096, SignatureAlgorithm::Sha384) => {
            Ok(&PKCS_RSA_SHA384)
        }
        (KeyAlgorithm::Rsa2048 | KeyAlgorithm::Rsa4096, SignatureAlgorithm::Sha512) => {
            Ok(&PKCS_RSA_SHA512)
        }
        (KeyAlgorithm::Ec256, _) => Ok(&PKCS_ECDSA_P256_SHA256),
        (KeyAlgorithm::Ec384, _) => Ok(&PKCS_ECDSA_P384_SHA384),
    }
}

/// A new key of `key`'s kind.
fn new_key(key: KeyAlgorithm) -> Result<KeyPair, IssueError> {
    match key {
        KeyAlgorithm::Rsa2048 => KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_2048),
        KeyAlgorithm::Rsa4096 => KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_4096),
        KeyAlgorithm::Ec256 => KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256),
        KeyAlgorithm::Ec384 => KeyPair::generate_for(&PKCS_ECDSA_P384_SHA384),
        KeyAlgorithm::Sm2 => return Err(IssueError::Unsupported("SM2")),
    }
    .map_err(crypto)
}

fn time_of(ms: i64) -> Result<OffsetDateTime, IssueError> {
    OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .map_err(|e| IssueError::Crypto(e.to_string()))
}

/// A name of the subject's parts, in the order CCM's certificates hold them (C, ST, L, O, OU, CN).
fn name_of(dn: &crate::activation::DistinguishedName) -> rcgen::DistinguishedName {
    let mut name = rcgen::DistinguishedName::new();
    name.push(DnType::CountryName, dn.country.as_str());
    for (ty, part) in [
        (DnType::StateOrProvinceName, &dn.state),
        (DnType::LocalityName, &dn.locality),
        (DnType::OrganizationName, &dn.organization),
        (DnType::OrganizationalUnitName, &dn.organizational_unit),
    ] {
        if let Some(v) = part {
            name.push(ty, v.as_str());
        }
    }
    name.push(DnType::CommonName, dn.common_name.as_str());
    name
}

/// A new key for a subordinate whose CSR is signed outside (PKCS#8 PEM).
pub(crate) fn subject_key(key: KeyAlgorithm) -> Result<String, IssueError> {
    Ok(new_key(key)?.serialize_pem())
}

/// A CSR (PEM) for `dn`, signed by the saved key `key_pem` of kind `key`: what ExportCertificateAuthorityCsr
/// returns for a bought subordinate.
pub(crate) fn csr_pem(
    dn: &crate::activation::DistinguishedName,
    key: KeyAlgorithm,
    key_pem: &str,
) -> Result<String, IssueError> {
    let alg = signing_alg(key, SignatureAlgorithm::Sha256)?;
    let pair = KeyPair::from_pkcs8_pem_and_sign_algo(key_pem, alg).map_err(crypto)?;
    let mut p = CertificateParams::default();
    p.distinguished_name = name_of(dn);
    p.serialize_request(&pair)
        .and_then(|csr| csr.pem())
        .map_err(crypto)
}

/// The certificate's fields from the activation.
fn params(
    request: &ActivateRequest,
    serial_number: &str,
    not_before_ms: i64,
    not_after_ms: i64,
) -> Result<CertificateParams, IssueError> {
    let mut p = CertificateParams::default();
    p.distinguished_name = name_of(&request.distinguished_name);
    let path_length = match request.ca_type {
        CaType::Root => ROOT_PATH_LENGTH,
        CaType::Subordinate => {
            u8::try_from(request.path_length.unwrap_or(DEFAULT_PATH_LENGTH)).unwrap_or(u8::MAX)
        }
    };
    p.is_ca = IsCa::Ca(BasicConstraints::Constrained(path_length));
    p.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
    ];
    let serial = hex::decode(serial_number)
        .map_err(|e| IssueError::Crypto(format!("serial number: {e}")))?;
    p.serial_number = Some(SerialNumber::from_slice(&serial));
    p.not_before = time_of(not_before_ms)?;
    p.not_after = time_of(not_after_ms)?;
    p.use_authority_key_identifier_extension = request.ca_type == CaType::Subordinate;
    Ok(p)
}

/// The issuer of a subordinate: its key algorithm and what it was issued.
pub(crate) struct IssuerCa<'a> {
    /// The issuer's `key_algorithm`.
    pub key_algorithm: KeyAlgorithm,
    /// Its key and certificate.
    pub issued: &'a Issued,
}

/// Makes a CA's key and certificate: self-signed for a root (`issuer` `None`), else signed by
/// `issuer`'s key. Times are milliseconds since the epoch, used to the second.
pub(crate) fn issue(
    request: &ActivateRequest,
    serial_number: &str,
    not_before_ms: i64,
    not_after_ms: i64,
    issuer: Option<IssuerCa<'_>>,
) -> Result<Issued, IssueError> {
    let p = params(request, serial_number, not_before_ms, not_after_ms)?;
    let (key, certificate) = match issuer {
        None => {
            let alg = signing_alg(request.key_algorithm, request.signature_algorithm)?;
            // Made for its kind, then read back for the hash asked for (an RSA key signs with any).
            let made = new_key(request.key_algorithm)?;
            let key = KeyPair::from_pkcs8_pem_and_sign_algo(&made.serialize_pem(), alg)
                .map_err(crypto)?;
            let cert = p.self_signed(&key).map_err(crypto)?;
            (key, cert)
        }
        Some(by) => {
            let alg = signing_alg(by.key_algorithm, request.signature_algorithm)?;
            let key = new_key(request.key_algorithm)?;
            let issuer_key =
                KeyPair::from_pkcs8_pem_and_sign_algo(&by.issued.key_pem, alg).map_err(crypto)?;
            // Read from the issuer's certificate, so the issuer name is its subject byte for byte.
            let issuer =
                Issuer::from_ca_cert_pem(&by.issued.certificate_pem, issuer_key).map_err(crypto)?;
            let cert = p.signed_by(&key, &issuer).map_err(crypto)?;
            (key, cert)
        }
    };
    Ok(Issued {
        key_pem: key.serialize_pem(),
        certificate_pem: certificate.pem(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::rules::{self, Site};
    use crate::certificate::{Link, check_chain, parse_pem};
    use serde_json::json;

    const NOW: i64 = 1_767_225_600_000; // 2026-01-01

    fn request(body: serde_json::Value) -> ActivateRequest {
        rules::wire_body(
            "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f",
            &body,
            Site::China,
            NOW,
        )
        .expect("valid")
    }

    fn root(key: &str, hash: &str) -> ActivateRequest {
        request(json!({"type": "ROOT",
            "distinguished_name": {"common_name": "Sandbox Root", "country": "CN", "organization": "Ex"},
            "key_algorithm": key, "signature_algorithm": hash, "validity": {"type": "YEAR", "value": 10}}))
    }

    fn sub(key: &str, hash: &str) -> ActivateRequest {
        request(
            json!({"type": "SUBORDINATE", "issuer_id": "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f",
            "distinguished_name": {"common_name": "Sandbox Sub", "country": "CN", "state": "BJ",
                "locality": "Haidian", "organization": "Ex", "organizational_unit": "Ops"},
            "key_algorithm": key, "signature_algorithm": hash, "validity": {"type": "YEAR", "value": 5},
            "path_length": 2}),
        )
    }

    #[test]
    fn a_root_and_its_subordinate_chain() {
        let r = root("EC384", "SHA384");
        let ri = issue(&r, "0abc", NOW, NOW + 86_400_000, None).expect("root");
        let s = sub("EC256", "SHA256");
        let si = issue(
            &s,
            "7f01",
            NOW + 1_500,
            NOW + 3_600_000,
            Some(IssuerCa {
                key_algorithm: KeyAlgorithm::Ec384,
                issued: &ri,
            }),
        )
        .expect("sub");
        let rc = parse_pem(&ri.certificate_pem)
            .expect("root parses")
            .remove(0);
        let sc = parse_pem(&si.certificate_pem)
            .expect("sub parses")
            .remove(0);
        assert_eq!(rc.summary().subject, "C=CN, O=Ex, CN=Sandbox Root");
        assert_eq!(rc.summary().issuer, rc.summary().subject);
        assert_eq!(rc.summary().path_length, Some(7));
        assert_eq!(rc.summary().serial, "0abc");
        assert_eq!(
            sc.summary().subject,
            "C=CN, ST=BJ, L=Haidian, O=Ex, OU=Ops, CN=Sandbox Sub"
        );
        assert_eq!(sc.summary().issuer, rc.summary().subject);
        assert_eq!(sc.summary().path_length, Some(2));
        assert!(sc.summary().is_ca);
        assert_eq!(sc.summary().serial, "7f01");
        // Whole seconds: 1.5 s after NOW reads as 1 s after it.
        assert_eq!(rules::to_millis(sc.summary().not_before), NOW + 1_000);
        assert_eq!(rules::to_millis(sc.summary().not_after), NOW + 3_600_000);
        assert_eq!(check_chain(&[sc, rc]), Ok(vec![Link::Signature]));
        assert!(!format!("{ri:?}").contains("PRIVATE KEY"));
    }

    #[test]
    fn sm2_and_sm3_have_no_certificate() {
        assert_eq!(
            issue(&root("SM2", "SM3"), "01", NOW, NOW + 1000, None),
            Err(IssueError::Unsupported("SM2"))
        );
        let ri = issue(&root("EC256", "SHA256"), "01", NOW, NOW + 10_000, None).expect("root");
        let by = || {
            Some(IssuerCa {
                key_algorithm: KeyAlgorithm::Ec256,
                issued: &ri,
            })
        };
        // An SM2 subordinate asks for SM3, which its EC issuer cannot sign with here.
        assert_eq!(
            issue(&sub("SM2", "SM3"), "02", NOW, NOW + 1000, by()),
            Err(IssueError::Unsupported("SM3"))
        );
        // An issuer with an SM2 key cannot sign here, whatever it signs.
        assert_eq!(
            issue(
                &sub("EC256", "SHA256"),
                "02",
                NOW,
                NOW + 1000,
                Some(IssuerCa {
                    key_algorithm: KeyAlgorithm::Sm2,
                    issued: &ri,
                })
            ),
            Err(IssueError::Unsupported("SM2"))
        );
        assert!(IssueError::Unsupported("SM2").to_string().contains("SM2"));
    }

    #[test]
    fn signing_algorithms() {
        use KeyAlgorithm as K;
        use SignatureAlgorithm as S;
        assert_eq!(signing_alg(K::Rsa2048, S::Sha256), Ok(&PKCS_RSA_SHA256));
        assert_eq!(signing_alg(K::Rsa4096, S::Sha384), Ok(&PKCS_RSA_SHA384));
        assert_eq!(signing_alg(K::Rsa2048, S::Sha512), Ok(&PKCS_RSA_SHA512));
        assert_eq!(
            signing_alg(K::Ec256, S::Sha512),
            Ok(&PKCS_ECDSA_P256_SHA256)
        );
        assert_eq!(
            signing_alg(K::Ec384, S::Sha256),
            Ok(&PKCS_ECDSA_P384_SHA384)
        );
        assert_eq!(
            signing_alg(K::Rsa2048, S::Sm3),
            Err(IssueError::Unsupported("SM3"))
        );
        assert_eq!(
            signing_alg(K::Sm2, S::Sha256),
            Err(IssueError::Unsupported("SM2"))
        );
    }
}
