//! Integration tests: the real `convergence` binary on fixture repositories.
//! See `tests/README.md` for how to add a case.

mod contracts;
mod harness;
mod hostile;
mod site;
mod validate;
