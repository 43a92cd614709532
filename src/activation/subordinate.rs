//! A bought subordinate signed by an outside root (issue 21, LIFECYCLE.md section 2.2): its subject and
//! key algorithm saved with CreateCertificateAuthority carrying its `ca_id` — **inferred** from the SDK's
//! field description ("if not empty, saves the yearly/monthly CA's information"), not verified against
//! the real service — then its CSR read and compared with what was saved. Pure: the request, its rules
//! (the activation's subject rules, not a copy), the sandbox's reading of it, and the comparison.

use serde::Serialize;
use serde_json::{Map, Value};

use super::rules::{
    self, CaType, DistinguishedName, Field, FieldError, KeyAlgorithm, Rule, Site, normalize_ca_id,
    subject_errors,
};
use crate::certificate::SubjectParts;

/// The exact body of `POST /v1/private-certificate-authorities` that saves a bought subordinate's
/// subject and key algorithm: no issuer, validity or signature algorithm (the SDK: omitting one of them
/// creates a subordinate without activating it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SaveSubjectRequest {
    /// `ca_id`: the bought CA.
    pub ca_id: String,
    /// `type`: always SUBORDINATE (a root is activated, not signed outside).
    #[serde(rename = "type")]
    pub ca_type: CaType,
    /// `distinguished_name`.
    pub distinguished_name: DistinguishedName,
    /// `key_algorithm`.
    pub key_algorithm: KeyAlgorithm,
}

impl SaveSubjectRequest {
    /// The body as a JSON value (sent, journaled and shown).
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The body as sent.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}

/// What the user typed for `csr`, before any rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubjectDraft {
    /// The CA.
    pub ca_id: String,
    /// The subject.
    pub subject: DistinguishedName,
    /// The key algorithm word.
    pub key_algorithm: String,
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl SubjectDraft {
    /// Applies the CA id, subject and key rules (the activation's own) and builds the body, or returns
    /// every broken one in form order. SM2 is the China website's only (documented).
    pub fn validate(&self, site: Site) -> Result<SaveSubjectRequest, Vec<FieldError>> {
        let mut errors = Vec::new();
        let ca = normalize_ca_id(&self.ca_id);
        errors.extend(rules::ca_id(Field::CaId, &ca).err());
        let s = &self.subject;
        let dn = DistinguishedName {
            common_name: s.common_name.trim().to_string(),
            country: s.country.trim().to_ascii_uppercase(),
            state: non_empty(s.state.as_deref()),
            locality: non_empty(s.locality.as_deref()),
            organization: non_empty(s.organization.as_deref()),
            organizational_unit: non_empty(s.organizational_unit.as_deref()),
        };
        errors.extend(subject_errors(&dn));
        let key = match KeyAlgorithm::parse(&self.key_algorithm) {
            Ok(KeyAlgorithm::Sm2) if site == Site::International => {
                errors.push(FieldError::new(Field::KeyAlgorithm, Rule::ChinaOnly));
                None
            }
            Ok(k) => Some(k),
            Err(e) => {
                errors.push(e);
                None
            }
        };
        match key {
            Some(key_algorithm) if errors.is_empty() => Ok(SaveSubjectRequest {
                ca_id: ca,
                ca_type: CaType::Subordinate,
                distinguished_name: dn,
                key_algorithm,
            }),
            _ => Err(errors),
        }
    }
}

/// Reads a received CreateCertificateAuthority body that carries a `ca_id` (the sandbox's check, as the
/// real service would: exact words, no trimming). `type` must be SUBORDINATE, and the fields that would
/// activate (`issuer_id`, `validity`, `signature_algorithm`) must be absent (the sandbox's rule: with all
/// three the real service would issue, which the sandbox does through `activate` instead).
pub fn wire_save_subject(obj: &Map<String, Value>) -> Result<SaveSubjectRequest, FieldError> {
    let ca = match obj.get("ca_id") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => return Err(FieldError::new(Field::CaId, Rule::Required)),
        Some(_) => return Err(FieldError::new(Field::CaId, Rule::WrongType("string"))),
    };
    rules::ca_id(Field::CaId, &ca)?;
    match obj.get("type") {
        Some(Value::String(t)) if t == "SUBORDINATE" => {}
        None | Some(Value::Null) => return Err(FieldError::new(Field::Type, Rule::Required)),
        Some(_) => return Err(FieldError::new(Field::Type, Rule::OneOf(&["SUBORDINATE"]))),
    }
    let dn = rules::wire_subject(obj)?;
    let key_algorithm = match obj.get("key_algorithm") {
        Some(Value::String(w)) if rules::KEY_ALGORITHMS.contains(&w.as_str()) => {
            KeyAlgorithm::parse(w)?
        }
        None | Some(Value::Null) => {
            return Err(FieldError::new(Field::KeyAlgorithm, Rule::Required));
        }
        Some(_) => {
            return Err(FieldError::new(
                Field::KeyAlgorithm,
                Rule::OneOf(rules::KEY_ALGORITHMS),
            ));
        }
    };
    Ok(SaveSubjectRequest {
        ca_id: ca,
        ca_type: CaType::Subordinate,
        distinguished_name: dn,
        key_algorithm,
    })
}

/// Whether a CSR's subject is exactly the saved one: each part equal (absent on both sides, or the
/// same text) and no other attribute in the name (ours: a CSR for another subject is not printed).
pub fn csr_matches(dn: &DistinguishedName, csr: &SubjectParts) -> bool {
    let pairs = [
        (Some(&dn.common_name), &csr.common_name),
        (Some(&dn.country), &csr.country),
        (dn.state.as_ref(), &csr.state),
        (dn.locality.as_ref(), &csr.locality),
        (dn.organization.as_ref(), &csr.organization),
        (dn.organizational_unit.as_ref(), &csr.organizational_unit),
    ];
    let expected = pairs.iter().filter(|(want, _)| want.is_some()).count();
    pairs
        .iter()
        .all(|(want, got)| want.map(String::as_str) == got.as_deref())
        && csr.count == expected
}

/// Whether the CA already has a subject or key algorithm saved (a bought CA has neither).
pub fn has_saved_subject(ca: &super::CaInfo) -> bool {
    ca.key_algorithm.is_some() || ca.subject.common_name.is_some()
}

/// Whether what the CA has saved is what `req` asks for: every subject part and the key algorithm.
pub fn saved_is(ca: &super::CaInfo, req: &SaveSubjectRequest) -> bool {
    let dn = &req.distinguished_name;
    let s = &ca.subject;
    s.common_name.as_deref() == Some(dn.common_name.as_str())
        && s.country.as_deref() == Some(dn.country.as_str())
        && s.state == dn.state
        && s.locality == dn.locality
        && s.organization == dn.organization
        && s.organizational_unit == dn.organizational_unit
        && ca.key_algorithm.as_deref() == Some(req.key_algorithm.as_str())
}

/// The saved subject in one line, for the refusal that names it (the CLI's and the wizard's).
pub fn saved_words(ca: &super::CaInfo) -> String {
    let s = &ca.subject;
    [
        ("CN", &s.common_name),
        ("O", &s.organization),
        ("OU", &s.organizational_unit),
        ("L", &s.locality),
        ("ST", &s.state),
        ("C", &s.country),
    ]
    .iter()
    .filter_map(|(k, v)| {
        v.as_ref()
            .map(|v| format!("{k}={}", crate::sanitize::clean(v)))
    })
    .chain(ca.key_algorithm.iter().map(|k| crate::sanitize::clean(k)))
    .collect::<Vec<_>>()
    .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CA: &str = "3b2d4c1e-0f6a-4b8c-9d7e-1a2b3c4d5e6f";

    fn draft(key: &str) -> SubjectDraft {
        SubjectDraft {
            ca_id: format!(" {} ", CA.to_uppercase()),
            subject: DistinguishedName {
                common_name: " Sub ".into(),
                country: "cn".into(),
                organization: Some("Ex".into()),
                state: Some("  ".into()),
                ..DistinguishedName::default()
            },
            key_algorithm: key.into(),
        }
    }

    #[test]
    fn the_body_is_the_inferred_one() {
        let r = draft("ec256").validate(Site::China).expect("valid");
        assert_eq!(
            r.to_value(),
            json!({"ca_id": CA, "type": "SUBORDINATE",
                "distinguished_name": {"common_name": "Sub", "country": "CN", "organization": "Ex"},
                "key_algorithm": "EC256"})
        );
        assert_eq!(r.to_json(), r.to_value().to_string());
    }

    #[test]
    fn every_broken_rule_is_listed_and_sm2_is_china_only() {
        let mut d = draft("RSA1024");
        d.ca_id = "x".into();
        d.subject.country = "CHN".into();
        let fields: Vec<Field> = d
            .validate(Site::China)
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec![Field::CaId, Field::Country, Field::KeyAlgorithm]
        );
        assert_eq!(
            draft("SM2").validate(Site::International),
            Err(vec![FieldError::new(Field::KeyAlgorithm, Rule::ChinaOnly)])
        );
        assert!(draft("SM2").validate(Site::China).is_ok());
        assert_eq!(
            draft("").validate(Site::China),
            Err(vec![FieldError::new(Field::KeyAlgorithm, Rule::Required)])
        );
    }

    #[test]
    fn the_wire_body_is_read_strictly() {
        let body = |v: Value| v.as_object().cloned().unwrap_or_default();
        let good = json!({"ca_id": CA, "type": "SUBORDINATE",
            "distinguished_name": {"common_name": "Sub", "country": "CN"}, "key_algorithm": "RSA2048"});
        let r = wire_save_subject(&body(good.clone())).expect("ok");
        assert_eq!(r.key_algorithm, KeyAlgorithm::Rsa2048);
        let with = |k: &str, v: Value| {
            let mut b = body(good.clone());
            b.insert(k.into(), v);
            wire_save_subject(&b).map(|_| ()).map_err(|e| e.field)
        };
        assert_eq!(with("ca_id", json!(null)), Err(Field::CaId));
        assert_eq!(with("ca_id", json!(7)), Err(Field::CaId));
        assert_eq!(with("ca_id", json!("nope")), Err(Field::CaId));
        assert_eq!(with("type", json!("ROOT")), Err(Field::Type));
        assert_eq!(with("type", json!(null)), Err(Field::Type));
        assert_eq!(
            with("key_algorithm", json!("rsa2048")),
            Err(Field::KeyAlgorithm)
        );
        assert_eq!(with("key_algorithm", json!(null)), Err(Field::KeyAlgorithm));
        assert_eq!(
            with(
                "distinguished_name",
                json!({"common_name": "Sub", "country": "CHN"})
            ),
            Err(Field::Country)
        );
    }

    #[test]
    fn a_csr_matches_only_the_same_subject() {
        let dn = DistinguishedName {
            common_name: "Sub".into(),
            country: "CN".into(),
            organization: Some("Ex".into()),
            ..DistinguishedName::default()
        };
        let parts = SubjectParts {
            common_name: Some("Sub".into()),
            country: Some("CN".into()),
            organization: Some("Ex".into()),
            count: 3,
            ..SubjectParts::default()
        };
        assert!(csr_matches(&dn, &parts));
        assert!(!csr_matches(
            &dn,
            &SubjectParts {
                count: 4,
                ..parts.clone()
            }
        ));
        assert!(!csr_matches(
            &dn,
            &SubjectParts {
                organization: None,
                count: 2,
                ..parts.clone()
            }
        ));
        assert!(!csr_matches(
            &dn,
            &SubjectParts {
                common_name: Some("Other".into()),
                ..parts.clone()
            }
        ));
        assert!(!csr_matches(
            &dn,
            &SubjectParts {
                locality: Some("X".into()),
                count: 4,
                ..parts
            }
        ));
    }
}
