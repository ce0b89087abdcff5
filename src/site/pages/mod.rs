//! Every page of the portal, one module per family; each adds its jobs to the list.

pub mod answers;
pub mod axis_extras;
pub mod conformity;
pub mod content;
pub mod groups;
pub mod home;
pub mod html;
pub mod labels;
pub mod occupation;
pub mod questionnaires;
pub mod service_filters;
pub mod subjects;
pub mod synthesis;
pub mod time;
pub mod time_panel;
pub mod zones;

use super::index::Index;
use super::output::Sink;
use super::views::PageJob;
use anyhow::Result;

type Jobs<'a> = Result<Vec<PageJob<'a>>>;

fn family<'a>(add: impl FnOnce(&mut Vec<PageJob<'a>>) -> Result<()>) -> Jobs<'a> {
    let mut jobs = Vec::new();
    add(&mut jobs)?;
    Ok(jobs)
}

/// Every page to render, in a fixed order; the questionnaires' JSON files are written along
/// the way. The families are listed in parallel: group and questionnaire pages compute their
/// figures and charts here.
pub fn all<'a>(ix: &'a Index<'a>, out: &dyn Sink) -> Jobs<'a> {
    let (((home, quest), time), (subjects, (groups, content))) = rayon::join(
        || {
            rayon::join(
                || {
                    rayon::join(
                        || family(|j| home::add(ix, j)),
                        || family(|j| questionnaires::add(ix, j, out)),
                    )
                },
                || time::prepare(ix),
            )
        },
        || {
            rayon::join(
                || family(|j| subjects::add(ix, j)),
                || {
                    rayon::join(
                        || family(|j| groups::add(ix, j)),
                        || family(|j| content::add(ix, j, &content::downloads())),
                    )
                },
            )
        },
    );
    let mut jobs = home?;
    for more in [quest?, subjects?, groups?, content?] {
        jobs.extend(more);
    }
    time?.add(ix, &mut jobs);
    // Last: it adds its section to the sheets listed above.
    conformity::add(ix, &mut jobs)?;
    labels::add(ix, &mut jobs, out)?;
    Ok(jobs)
}
