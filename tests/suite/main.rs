//! Integration tests: the real `convergence` binary on fixture repositories.
//! See `tests/README.md` for how to add a case.

mod cartography;
mod contracts;
mod demo;
mod diff;
mod forge;
mod fuzz;
mod harness;
mod hostile;
mod migrate;
mod scaffold;
mod score;
mod site;
mod validate;
mod workflow;
