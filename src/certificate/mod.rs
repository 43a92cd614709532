//! X.509 certificates as the user receives and sends them (issue 21): PEM text normalised the one way a
//! file should hold it, a certificate read into the summary a person checks (subject, issuer, serial,
//! validity, SHA-256 fingerprint, CA or not), and a chain checked link by link. Pure: bytes in, values
//! out, no I/O and no clock, so `export`, `import` and the sandbox's own tests read certificates alike.
//!
//! Reading is done by an X.509 parser (`x509-parser`), never by slicing strings; a chain's signatures
//! are verified with aws-lc-rs (the crypto rustls already builds).

pub mod chain;
pub mod csr;
pub mod import;
pub mod parse;
pub mod pem;

pub use chain::{ChainError, Link, check_chain};
pub use csr::{Csr, CsrError, SubjectParts, parse_csr};
pub use import::{Checked, ImportError, Part, check_import};
pub use parse::{CertError, Certificate, Summary, parse_der, parse_pem};
pub use pem::{Block, PemError, normalise};
