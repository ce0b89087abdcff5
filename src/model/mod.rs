//! Plain typed data read from the repository: no I/O here.
//!
//! Every input struct denies unknown fields, so a misspelt key is reported with the expected keys.
//! The JSON Schemas under `schemas/` are generated from these types (see [`crate::schema`]).

pub mod answers;
pub mod assessment;
pub mod campaign;
pub mod config;
pub mod date;
pub mod label;
pub mod page;
pub mod paths;
pub mod questionnaire;
pub mod referential;
pub mod repository;
pub mod scale;

pub use answers::*;
pub use assessment::*;
pub use campaign::*;
pub use config::*;
pub use date::{DATE_PATTERN, Date, ParseDateError, QUARTER_PATTERN, Quarter};
pub use label::*;
pub use page::*;
pub use paths::*;
pub use questionnaire::*;
pub use referential::*;
pub use repository::*;
pub use scale::*;
