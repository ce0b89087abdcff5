//! The review workflow around the data: who may change which file (organisation owners and
//! maintainers), the claims on shared entries (regions, editors), the generated `CODEOWNERS`, and the git access that `check` and `diff` need.

pub mod claims;
pub mod codeowners;
pub mod git;
pub mod migrations;
pub mod ownership;
pub mod revision;

pub use ownership::{Author, Policy};
