//! What an activation is: the user's choices for a bought CA (type, subject, algorithms, validity), the
//! exact `activate` body, every documented rule (plus ours, labelled), and the CA object CCM reports.
//! Pure: no I/O, no clock (times are parameters). Shared by the CLI, the wizard and the sandbox, so all
//! three refuse exactly the same values.

pub mod ca;
pub mod rules;
pub mod subordinate;

pub use ca::{CaInfo, CaList, CaStatus};
pub use rules::{
    ActivateRequest, ActivationDraft, CaType, DistinguishedName, Field, FieldError, KeyAlgorithm,
    Rule, SignatureAlgorithm, Site, Validity, ValidityUnit,
};
pub use subordinate::{SaveSubjectRequest, SubjectDraft};
