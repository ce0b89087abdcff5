//! convergence: the French e-health "convergence" self-assessment as questionnaire-as-code.
//!
//! Data flows one way: [`load`] reads the repository into a typed [`model`] and
//! [`diagnostics`]; [`validate`] adds cross-file checks; `score` turns the model into numbers;
//! the portal turns model and scores into `public/`. [`cli`] is the shell around it all.

pub mod campaign;
pub mod charts;
pub mod cli;
pub mod demo;
pub mod diagnostics;
pub mod diff;
pub mod export;
pub mod load;
pub mod migrate;
pub mod model;
pub mod scaffold;
pub mod schema;
pub mod score;
pub mod serve;
pub mod site;
pub mod source;
pub mod validate;
pub mod workflow;
