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

/// A request made by rcgen with `dn` (in order) and a fresh key of `alg`: its PEM, its DER and its key.
fn request(alg: &'static SignatureAlgorithm, dn: &[(DnType, &str)]) -> (String, Vec<u8>, KeyPair) {
    let key = KeyPair::generate_for(alg).expect("key");
    let mut p = CertificateParams::default();
    p.distinguished_name = rcgen::DistinguishedName::new();
    for (t, v) in dn {
        p.distinguished_name.push(t.clone(), *v);
    }
    let csr = p.serialize_request(&key).expect("csr");
    (csr.pem().expect("pem"), csr.der().to_vec(), key)
}

/// `der` as one PEM block labelled `label`.
fn pem_of(label: &str, der: &[u8]) -> String {
    pca_order::certificate::pem::encode(&pca_order::certificate::Block {
        label: label.to_string(),
        der: der.to_vec(),
    })
}

/// Every accessor of a parsed CSR reads back exactly what the request holds: its DER, its subject
/// (in the request's order), each of the six parts a CCM name has, the key's SubjectPublicKeyInfo, and
/// the request written as a normal `CERTIFICATE REQUEST` block whichever label it came under.
#[test]
fn a_csr_reads_back_its_der_subject_parts_key_and_pem() {
    use pca_order::certificate::{SubjectParts, parse_csr};
    let (pem, der, key) = request(
        &PKCS_ECDSA_P256_SHA256,
        &[
            (DnType::CountryName, "CN"),
            (DnType::StateOrProvinceName, "Guangdong"),
            (DnType::LocalityName, "Shenzhen"),
            (DnType::OrganizationName, "Example"),
            (DnType::OrganizationalUnitName, "PKI"),
            (DnType::CommonName, "Example Sub CA"),
        ],
    );
    let csr = parse_csr(&pem).expect("a CSR");
    assert_eq!(csr.der(), der.as_slice());
    assert_eq!(
        csr.subject(),
        "C=CN, ST=Guangdong, L=Shenzhen, O=Example, OU=PKI, CN=Example Sub CA"
    );
    assert_eq!(
        csr.parts(),
        &SubjectParts {
            common_name: Some("Example Sub CA".into()),
            country: Some("CN".into()),
            state: Some("Guangdong".into()),
            locality: Some("Shenzhen".into()),
            organization: Some("Example".into()),
            organizational_unit: Some("PKI".into()),
            count: 6,
        }
    );
    let key_spki = rcgen::PublicKeyData::subject_public_key_info(&key);
    assert_eq!(csr.spki(), key_spki.as_slice());
    assert_eq!(csr.pem(), pem_of("CERTIFICATE REQUEST", &der));
    assert!(
        csr.pem()
            .starts_with("-----BEGIN CERTIFICATE REQUEST-----\n")
    );
    // The older label, and line ends as a Windows editor writes them: the same request, written normally.
    let older = pem_of("NEW CERTIFICATE REQUEST", &der).replace('\n', "\r\n");
    let again = parse_csr(&older).expect("the older label");
    assert_eq!(again, csr);
    assert_eq!(again.pem(), csr.pem());
}

/// Parts the name does not have are absent, not empty; a part CCM has no field for still counts; the
/// subject is cleaned of characters that do not show.
#[test]
fn a_csr_s_absent_parts_are_none_and_every_attribute_counts() {
    use pca_order::certificate::{SubjectParts, parse_csr};
    let (pem, _, _) = request(
        &PKCS_ECDSA_P256_SHA256,
        &[
            (DnType::OrganizationName, "Example"),
            (
                DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1]),
                "pki@example.com",
            ),
            (DnType::CommonName, "Root\u{1b}[2J CA"),
        ],
    );
    let csr = parse_csr(&pem).expect("a CSR");
    assert_eq!(
        csr.parts(),
        &SubjectParts {
            common_name: Some("Root [2J CA".into()),
            organization: Some("Example".into()),
            count: 3,
            ..SubjectParts::default()
        }
    );
    assert!(!csr.subject().contains('\u{1b}'), "{}", csr.subject());
    assert!(
        csr.subject().starts_with("O=Example, "),
        "{}",
        csr.subject()
    );
    assert!(
        csr.subject().ends_with(", CN=Root [2J CA"),
        "{}",
        csr.subject()
    );
    // An empty name: every part absent, none counted.
    let (empty, _, _) = request(&PKCS_ECDSA_P256_SHA256, &[]);
    let csr = parse_csr(&empty).expect("a CSR");
    assert_eq!(csr.parts(), &SubjectParts::default());
    assert_eq!(csr.subject(), "");
}

/// The request's self-signature is checked: one flipped byte in it, and the request is refused; the
/// same request untouched, and bytes after it, on both sides. An algorithm the verifier does not know
/// (P-521 with SHA-512 here, SM2 at the service) is taken on its structure.
#[test]
fn a_csr_whose_signature_does_not_verify_is_refused() {
    use pca_order::certificate::{CsrError, parse_csr};
    let (_, der, _) = request(&PKCS_ECDSA_P256_SHA256, &[(DnType::CommonName, "Signed")]);
    assert!(parse_csr(&pem_of("CERTIFICATE REQUEST", &der)).is_ok());
    // The last byte is the signature's (ECDSA's s); the structure stays whole.
    let mut forged = der.clone();
    let last = forged.len() - 1;
    forged[last] ^= 0x01;
    assert_eq!(
        parse_csr(&pem_of("CERTIFICATE REQUEST", &forged)),
        Err(CsrError::BadSignature)
    );
    // A byte after the request.
    let mut longer = der.clone();
    longer.push(0);
    assert!(matches!(
        parse_csr(&pem_of("CERTIFICATE REQUEST", &longer)),
        Err(CsrError::Malformed { detail }) if detail == "1 bytes after the request"
    ));
    // Cut short.
    assert!(matches!(
        parse_csr(&pem_of("CERTIFICATE REQUEST", &der[..der.len() - 4])),
        Err(CsrError::Malformed { .. })
    ));
    // Unverifiable here, so read on its structure; even forged it is not called bad (the service checks).
    let (pem521, der521, key521) =
        request(&PKCS_ECDSA_P521_SHA512, &[(DnType::CommonName, "P521")]);
    let csr = parse_csr(&pem521).expect("taken on its structure");
    assert_eq!(
        csr.spki(),
        rcgen::PublicKeyData::subject_public_key_info(&key521).as_slice()
    );
    let mut forged521 = der521.clone();
    let last = forged521.len() - 1;
    forged521[last] ^= 0x01;
    assert!(parse_csr(&pem_of("CERTIFICATE REQUEST", &forged521)).is_ok());
}
