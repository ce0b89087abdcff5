//! Every page of the portal, one module per family; each adds its jobs to the list.

pub mod axis_extras;
pub mod content;
pub mod groups;
pub mod home;
pub mod questionnaires;
pub mod subjects;

use super::index::Index;
use super::output::Sink;
use super::views::PageJob;
use anyhow::Result;

/// Every page to render; the questionnaires' JSON files are written along the way.
pub fn all<'a>(ix: &'a Index<'a>, out: &dyn Sink) -> Result<Vec<PageJob<'a>>> {
    let mut jobs = Vec::new();
    home::add(ix, &mut jobs)?;
    questionnaires::add(ix, &mut jobs, out)?;
    subjects::add(ix, &mut jobs)?;
    groups::add(ix, &mut jobs)?;
    content::add(ix, &mut jobs, &content::downloads())?;
    Ok(jobs)
}
