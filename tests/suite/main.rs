//! Integration tests: the real `convergence` binary on fixture repositories.
//! See `tests/README.md` for how to add a case.

mod harness;
mod site;
mod validate;
