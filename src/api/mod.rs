//! Speaking to Huawei Cloud: one client per service (`ccm`, `iam` for IAM/EPS, `bss`) over one
//! `transport` (HTTP, TLS, signing, the journaled send), request signing, credentials and error shapes.

pub mod bss;
pub mod ccm;
pub mod client;
pub mod credentials;
pub mod error;
pub mod iam;
pub mod sign;
pub mod target;
pub mod temporary;
pub mod transport;

pub use ccm::CcmClient;
pub use credentials::{CredentialSource, Credentials, ResolvedCredentials};
pub use error::{ApiError, CallError, Created, Outcome, Reason};
pub use iam::EnterpriseProject;
pub use transport::Placed;
