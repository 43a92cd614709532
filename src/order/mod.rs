//! What an order is: the user's choices, the exact wire body and every rule it obeys.
//! Knows nothing of HTTP or terminals; shared by the wizard, the `order` command and the sandbox.

pub mod console;
pub mod draft;
pub mod limits;
pub mod period;
pub mod validate;

pub use console::ConsoleConfig;
pub use draft::{OrderDraft, OrderRequest, PeriodUnit, ProductInfo};
pub use validate::{Field, FieldError, LimitSource, QuotaLeft, Rule};
