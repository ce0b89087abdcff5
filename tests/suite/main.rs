//! Integration tests: the real `convergence` binary on fixture repositories.
//! See `tests/README.md` for how to add a case.

mod analyses;
mod campaign;
mod cartography;
mod cascades;
mod cli;
mod conformity;
mod contracts;
mod csv_safety;
mod demo;
mod diff;
mod drafts;
mod forge;
mod fuzz;
mod harness;
mod hostile;
mod invalid;
mod migrate;
mod new_update;
mod new_version;
mod one_pass;
#[cfg(unix)]
mod pipes;
mod scaffold;
mod score;
mod search;
mod site;
mod suggest;
mod time_pages;
mod validate;
mod workflow;
mod yaml_errors;
mod yml;
