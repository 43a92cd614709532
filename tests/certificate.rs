//! The certificate module on real certificates (made here with rcgen): what a summary reads, which
//! texts are refused, and how a chain is checked — each rule pinned on both sides.

use pca_order::certificate::{
    CertError, ChainError, Link, PemError, check_chain, normalise, parse_der, parse_pem,
};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    PKCS_ECDSA_P256_SHA256, PKCS_ECDSA_P384_SHA384, PKCS_ECDSA_P521_SHA512, SerialNumber,
    SignatureAlgorithm,
};
use time::macros::datetime;

fn params(cn: &str, ca: Option<u8>, aki: bool) -> CertificateParams {
    let mut p = CertificateParams::default();
    p.distinguished_name = rcgen::DistinguishedName::new();
    p.distinguished_name.push(DnType::CountryName, "CN");
    p.distinguished_name
        .push(DnType::OrganizationName, "Example");
    p.distinguished_name.push(DnType::CommonName, cn);
    p.is_ca = match ca {
        Some(n) => IsCa::Ca(BasicConstraints::Constrained(n)),
        None => IsCa::ExplicitNoCa,
    };
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    p.not_before = datetime!(2025-01-02 03:04:05 UTC);
    p.not_after = datetime!(2035-01-02 03:04:05 UTC);
    p.serial_number = Some(SerialNumber::from_slice(&[0x80, 0x01, 0x02]));
    p.use_authority_key_identifier_extension = aki;
    p
}

struct Made {
    pem: String,
    key: KeyPair,
    params: CertificateParams,
}

fn root(alg: &'static SignatureAlgorithm, cn: &str, ca: Option<u8>) -> Made {
    let key = KeyPair::generate_for(alg).expect("key");
    let params = params(cn, ca, false);
    let pem = params.self_signed(&key).expect("self-signed").pem();
    Made { pem, key, params }
}

fn signed(alg: &'static SignatureAlgorithm, cn: &str, by: &Made, aki: bool) -> Made {
    let key = KeyPair::generate_for(alg).expect("key");
    let params = params(cn, Some(0), aki);
    let issuer = Issuer::from_params(&by.params, &by.key);
    let pem = params.signed_by(&key, &issuer).expect("signed").pem();
    Made { pem, key, params }
}

fn one(pem: &str) -> pca_order::certificate::Certificate {
    let mut v = parse_pem(pem).expect("a certificate");
    assert_eq!(v.len(), 1);
    v.remove(0)
}

#[test]
fn a_summary_is_read_from_the_certificate() {
    let r = root(&PKCS_ECDSA_P256_SHA256, "Example Root CA", Some(3));
    let c = one(&r.pem);
    let s = c.summary();
    assert_eq!(s.subject, "C=CN, O=Example, CN=Example Root CA");
    assert_eq!(s.issuer, s.subject);
    assert_eq!(s.serial, "800102");
    assert_eq!(s.not_before, datetime!(2025-01-02 03:04:05 UTC));
    assert_eq!(s.not_after, datetime!(2035-01-02 03:04:05 UTC));
    assert!(s.is_ca);
    assert_eq!(s.path_length, Some(3));
    assert_eq!(
        s.sha256,
        pca_order::certificate::parse::fingerprint(c.der())
    );
    assert_eq!(s.sha256.len(), 95);
    // The SPKI is the key's own.
    let key_spki = rcgen::PublicKeyData::subject_public_key_info(&r.key);
    assert_eq!(c.spki(), key_spki.as_slice());
    assert_eq!(parse_der(c.der()).expect("der"), c);
    // The PEM written back is the normal form of what came in.
    assert_eq!(c.pem(), normalise(&r.pem).expect("normal"));
    assert!(c.pem().ends_with("-----END CERTIFICATE-----\n"));

    let leaf = root(&PKCS_ECDSA_P256_SHA256, "leaf", None);
    let s = one(&leaf.pem).summary().clone();
    assert!(!s.is_ca);
    assert_eq!(s.path_length, None);
    // No basic constraints at all: not a CA either.
    let mut p = params("bare", None, false);
    p.is_ca = IsCa::NoCa;
    let k = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).expect("key");
    let s = one(&p.self_signed(&k).expect("cert").pem())
        .summary()
        .clone();
    assert!(!s.is_ca);
    // Unconstrained CA: a CA with no path length.
    let mut p = params("open", None, false);
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let s = one(&p.self_signed(&k).expect("cert").pem())
        .summary()
        .clone();
    assert!(s.is_ca);
    assert_eq!(s.path_length, None);
}

#[test]
fn the_service_s_line_ends_are_read() {
    let r = root(&PKCS_ECDSA_P256_SHA256, "Root", Some(1));
    let want = one(&r.pem);
    for nl in ["\r\n", "\\r\\n", "\\n", "\r"] {
        let wire = r.pem.replace('\n', nl);
        assert_eq!(one(&wire), want, "{nl:?}");
        assert_eq!(normalise(&wire).expect("normal"), want.pem());
    }
    let no_trailing = r.pem.trim_end();
    assert_eq!(normalise(no_trailing).expect("normal"), want.pem());
}

#[test]
fn a_chain_text_is_read_in_order() {
    let r = root(&PKCS_ECDSA_P384_SHA384, "Root", Some(2));
    let s = signed(&PKCS_ECDSA_P256_SHA256, "Sub", &r, true);
    let text = format!("{}{}", s.pem, r.pem).replace('\n', "\\r\\n");
    let v = parse_pem(&text).expect("two");
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].summary().subject, "C=CN, O=Example, CN=Sub");
    assert_eq!(v[0].summary().issuer, "C=CN, O=Example, CN=Root");
    assert_eq!(check_chain(&v), Ok(vec![Link::Signature]));
}

#[test]
fn what_is_not_a_certificate_is_refused() {
    let r = root(&PKCS_ECDSA_P256_SHA256, "Root", Some(1));
    // A private key, alone or beside the certificate.
    let key = r.key.serialize_pem();
    assert_eq!(
        parse_pem(&key),
        Err(CertError::NotACertificate {
            label: "PRIVATE KEY".into(),
            index: 1
        })
    );
    assert_eq!(
        parse_pem(&format!("{}{key}", r.pem)),
        Err(CertError::NotACertificate {
            label: "PRIVATE KEY".into(),
            index: 2
        })
    );
    let shown = parse_pem(&key).unwrap_err().to_string();
    assert!(
        !shown.contains(key.lines().nth(1).expect("body")),
        "{shown}"
    );
    // A CSR.
    let csr = CertificateParams::new(vec!["example.com".to_string()])
        .expect("params")
        .serialize_request(&r.key)
        .expect("csr")
        .pem()
        .expect("pem");
    assert!(matches!(
        parse_pem(&csr),
        Err(CertError::NotACertificate { label, .. }) if label == "CERTIFICATE REQUEST"
    ));
    // An HTML error page, JSON, nothing.
    assert_eq!(
        parse_pem("<html><body><h1>502 Bad Gateway</h1></body></html>\n"),
        Err(CertError::Pem(PemError::Junk { line: 1 }))
    );
    assert_eq!(
        parse_pem("{\"error_code\":\"PCA.1\"}"),
        Err(CertError::Pem(PemError::Junk { line: 1 }))
    );
    assert_eq!(parse_pem(""), Err(CertError::Pem(PemError::Empty)));
    // A certificate with bytes after it, and one cut short.
    let mut der = one(&r.pem).der().to_vec();
    der.push(0);
    assert!(matches!(
        parse_der(&der),
        Err(CertError::Malformed { index: 1, detail }) if detail.contains("1 bytes after")
    ));
    der.truncate(der.len() - 10);
    assert!(matches!(parse_der(&der), Err(CertError::Malformed { .. })));
}

#[test]
fn a_chain_links_by_name_ca_and_signature() {
    let r = root(&PKCS_ECDSA_P384_SHA384, "Root", Some(2));
    let s = signed(&PKCS_ECDSA_P256_SHA256, "Sub", &r, false);
    let rc = one(&r.pem);
    let sc = one(&s.pem);
    assert_eq!(
        check_chain(&[sc.clone(), rc.clone()]),
        Ok(vec![Link::Signature])
    );
    assert_eq!(check_chain(std::slice::from_ref(&rc)), Ok(vec![]));
    assert_eq!(check_chain(&[]), Err(ChainError::Empty));
    // Wrong order: the root's issuer is not the sub's subject.
    assert_eq!(
        check_chain(&[rc.clone(), sc.clone()]),
        Err(ChainError::IssuerMismatch { index: 1 })
    );
    // A same-named root with another key did not sign it.
    let impostor = one(&root(&PKCS_ECDSA_P384_SHA384, "Root", Some(2)).pem);
    assert_eq!(
        check_chain(&[sc.clone(), impostor.clone()]),
        Err(ChainError::BadSignature { index: 1 })
    );
    // A parent that is not a CA.
    let leafish = root(&PKCS_ECDSA_P384_SHA384, "Root", None);
    let child = one(&signed(&PKCS_ECDSA_P256_SHA256, "Child", &leafish, false).pem);
    assert_eq!(
        check_chain(&[child, one(&leafish.pem)]),
        Err(ChainError::IssuerNotCa { index: 1 })
    );
    // Three long: the second link is numbered 2.
    let s2 = one(&signed(&PKCS_ECDSA_P256_SHA256, "Sub2", &s, false).pem);
    assert_eq!(
        check_chain(&[s2.clone(), sc.clone(), rc.clone()]),
        Ok(vec![Link::Signature, Link::Signature])
    );
    assert_eq!(
        check_chain(&[s2.clone(), sc.clone(), impostor]),
        Err(ChainError::BadSignature { index: 2 })
    );
    assert_eq!(
        check_chain(&[
            s2,
            sc,
            s.params
                .self_signed(&s.key)
                .map(|c| one(&c.pem()))
                .expect("c")
        ]),
        Err(ChainError::IssuerMismatch { index: 2 })
    );
    for e in [
        ChainError::Empty,
        ChainError::IssuerMismatch { index: 1 },
        ChainError::IssuerNotCa { index: 1 },
        ChainError::BadSignature { index: 1 },
        ChainError::Unverifiable { index: 1 },
    ] {
        assert!(!e.to_string().is_empty());
    }
    assert!(
        ChainError::IssuerNotCa { index: 1 }
            .to_string()
            .contains("certificate 2")
    );
}

#[test]
fn an_algorithm_the_verifier_lacks_links_by_key_ids_only() {
    // P-521 with SHA-512: aws-lc-rs signs it, x509-parser's verifier does not know it.
    let r = root(&PKCS_ECDSA_P521_SHA512, "Root521", Some(1));
    let with_aki = one(&signed(&PKCS_ECDSA_P256_SHA256, "Sub", &r, true).pem);
    assert_eq!(
        check_chain(&[with_aki, one(&r.pem)]),
        Ok(vec![Link::KeyIds])
    );
    let without = one(&signed(&PKCS_ECDSA_P256_SHA256, "Sub", &r, false).pem);
    assert_eq!(
        check_chain(&[without, one(&r.pem)]),
        Err(ChainError::Unverifiable { index: 1 })
    );
    // Key ids that name another key do not link.
    let other = root(&PKCS_ECDSA_P521_SHA512, "Root521", Some(1));
    let foreign = one(&signed(&PKCS_ECDSA_P256_SHA256, "Sub", &other, true).pem);
    assert_eq!(
        check_chain(&[foreign, one(&r.pem)]),
        Err(ChainError::Unverifiable { index: 1 })
    );
}

/// `import`'s local checks on real certificates, each refusal on both sides: one certificate, a CA, the
/// CSR's key (here: the certificate's own key stands for the CSR's), and a chain that links.
#[test]
fn import_checks_one_ca_certificate_with_the_csr_s_key_and_a_linked_chain() {
    use pca_order::certificate::{ImportError, check_import};
    let r = root(&PKCS_ECDSA_P256_SHA256, "Outside Root", Some(2));
    let sub = signed(&PKCS_ECDSA_P256_SHA256, "Sub", &r, true);
    let spki = one(&sub.pem).spki().to_vec();
    // The good case: one CA certificate, the CSR's key, the chain linking it.
    let ok = check_import(&sub.pem, Some(&r.pem), &spki).expect("accepted");
    assert!(!ok.certificate_pem.is_empty());
    // Two certificates in the certificate file.
    let two = format!("{}{}", sub.pem, r.pem);
    assert!(matches!(
        check_import(&two, None, &spki),
        Err(ImportError::NotOne { count: 2 })
    ));
    // Not a CA: a leaf with the CSR's key is still refused.
    let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).expect("key");
    let leaf_params = params("Leaf", None, true);
    let leaf = leaf_params
        .signed_by(&key, &Issuer::from_params(&r.params, &r.key))
        .expect("leaf")
        .pem();
    let leaf_spki = one(&leaf).spki().to_vec();
    assert!(matches!(
        check_import(&leaf, None, &leaf_spki),
        Err(ImportError::NotCa)
    ));
    // Another key than the CSR's.
    let other = root(&PKCS_ECDSA_P256_SHA256, "Other", Some(0));
    assert!(matches!(
        check_import(&sub.pem, None, one(&other.pem).spki()),
        Err(ImportError::KeyMismatch)
    ));
    // A chain that does not link it.
    assert!(matches!(
        check_import(&sub.pem, Some(&other.pem), &spki),
        Err(ImportError::Chain(_))
    ));
}
