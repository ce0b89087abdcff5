//! Every page of the portal, one module per family; each adds its jobs to the list.

pub mod axis_extras;
pub mod content;
pub mod groups;
pub mod home;
pub mod questionnaires;
pub mod subjects;

use super::index::Index;
use super::output::Output;
use super::views::PageJob;
use anyhow::Result;

/// Every page to render, and the data files written along the way.
pub fn all(ix: &Index, out: &mut Output) -> Result<Vec<PageJob>> {
    let mut jobs = Vec::new();
    home::add(ix, &mut jobs)?;
    questionnaires::add(ix, &mut jobs, out)?;
    subjects::add(ix, &mut jobs)?;
    groups::add(ix, &mut jobs)?;
    let downloads = content::downloads(ix, out)?;
    content::add(ix, &mut jobs, &downloads)?;
    Ok(jobs)
}
