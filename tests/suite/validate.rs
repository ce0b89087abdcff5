//! `convergence validate` on fixture repositories.
