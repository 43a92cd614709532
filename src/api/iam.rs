//! IAM and EPS reads over the shared [`Transport`]: the region's project id (the price API wants one)
//! and the account's enterprise projects. The account id a signature carries is the transport's own
//! lookup (`Transport::lookup_domain_id`).

use std::sync::Arc;

use reqwest::Method;
use serde::Deserialize;
use tokio::sync::OnceCell;

use super::error::CallError;
use super::transport::{Transport, endpoint_url};
use crate::billing;
use crate::sanitize::{clean, cut};

/// Path of EPS ListEnterpriseProject.
pub const EPS_PATH: &str = "/v1.0/enterprise-projects";
/// EPS pages we follow at most (1000 projects a page; an account holds 100 by default).
const MAX_EPS_PAGES: usize = 10;

/// An enterprise project as EPS lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct EnterpriseProject {
    /// `"0"` for the default project, else a UUID.
    pub id: String,
    /// The name the console shows, so the user can recognise the project in the list.
    #[serde(default)]
    pub name: String,
    /// The console's description, kept to tell similarly named projects apart.
    #[serde(default)]
    pub description: String,
    /// 1 enabled, 2 disabled.
    #[serde(default)]
    pub status: u8,
}

impl EnterpriseProject {
    /// Only enabled projects can hold new resources.
    pub fn enabled(&self) -> bool {
        self.status == 1
    }
}

/// The region's IAM project id, looked up once and shared by clones: what the IAM client answers and what
/// BSS's price request carries (BSS keeps its own, so it holds the transport, not an IAM client).
#[derive(Clone, Debug, Default)]
pub(crate) struct ProjectId(Arc<OnceCell<String>>);

impl ProjectId {
    /// The IAM project id of the transport's region (`GET /v3/projects?name=REGION`), looked up on
    /// first use.
    pub(crate) async fn get(&self, transport: &Transport) -> Result<String, CallError> {
        let id = self
            .0
            .get_or_try_init(|| {
                Box::pin(async {
                    let region = transport.region().to_string();
                    let url = endpoint_url(
                        &transport.endpoints().iam,
                        billing::IAM_PROJECTS_PATH,
                        &[("name".to_string(), region.clone())],
                    );
                    let body = transport.read(Method::GET, url, None, false).await?;
                    billing::parse_project_id(&body, &region).map_err(CallError::Network)
                })
            })
            .await?;
        Ok(id.clone())
    }
}

/// Talks to IAM (project id) and EPS (enterprise projects) over one [`Transport`]. Cheap to clone; the
/// project id is looked up once per client and its clones.
#[derive(Clone, Debug)]
pub struct IamClient {
    transport: Transport,
    project_id: ProjectId,
}

impl IamClient {
    /// An IAM/EPS client on `transport`.
    pub fn on(transport: Transport) -> IamClient {
        IamClient {
            transport,
            project_id: ProjectId::default(),
        }
    }

    /// The IAM project id of the configured region (`GET /v3/projects?name=REGION`), looked up once.
    pub async fn project_id(&self) -> Result<String, CallError> {
        self.project_id.get(&self.transport).await
    }

    /// Every enterprise project of the account (enabled and disabled), following pages.
    pub async fn list_enterprise_projects(&self) -> Result<Vec<EnterpriseProject>, CallError> {
        #[derive(Deserialize)]
        struct Page {
            enterprise_projects: Vec<EnterpriseProject>,
            #[serde(default)]
            total_count: Option<u64>,
        }
        let limit = 1000usize;
        let domain_id = self.transport.signing_domain().await?;
        let mut all = Vec::new();
        for page in 0..MAX_EPS_PAGES {
            let query = vec![
                ("limit".to_string(), limit.to_string()),
                ("offset".to_string(), (page * limit).to_string()),
            ];
            let url = endpoint_url(&self.transport.endpoints().eps, EPS_PATH, &query);
            let v = self.transport.get_json(url, domain_id.as_deref()).await?;
            let parsed: Page = serde_json::from_value(v).map_err(|e| {
                CallError::Network(format!(
                    "the enterprise project list is not in the documented shape ({e})"
                ))
            })?;
            let got = parsed.enterprise_projects.len();
            all.extend(parsed.enterprise_projects.into_iter().map(|mut p| {
                p.name = cut(&clean(&p.name), 64);
                p.description = cut(&clean(&p.description), 256);
                p
            }));
            let total = parsed.total_count.unwrap_or(all.len() as u64);
            if got < limit || all.len() as u64 >= total {
                break;
            }
        }
        Ok(all)
    }
}
