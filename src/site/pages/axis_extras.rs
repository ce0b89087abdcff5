//! What an axis page adds to its figures, as in §6.2 of the publication: the projected national
//! rate per quarter, small-multiple maps of the regions at each date, and the doctrine page's
//! target, dependencies and proposals.

use crate::charts::{Chart, lines, map};
use crate::model::{Axis, PageSection, Questionnaire, Region};
use crate::score::GroupBy;
use crate::site::index::Index;
use crate::site::markdown;
use crate::site::scores::Figures;
use crate::site::urls;
use anyhow::Result;

/// The figures of every region on a questionnaire, at each moment: computed once per
/// questionnaire and shared by its axis pages.
pub fn region_figures<'a>(ix: &Index<'a>, q: &Questionnaire) -> Vec<(&'a Region, Vec<Figures>)> {
    ix.repo
        .regions
        .iter()
        .flat_map(|r| &r.value.regions)
        .map(|reg| (reg, ix.figures(q, GroupBy::Region, &reg.code)))
        .collect()
}

/// One map of the regions per moment (at date, then each projection date), coloured by the
/// regions' rate on axis number `axis` of the questionnaire; links go up `root`.
pub fn axis_maps(
    ix: &Index,
    axis: &Axis,
    index: usize,
    regions: &[(&Region, Vec<Figures>)],
    root: &str,
) -> Vec<Chart> {
    ix.moment_labels
        .iter()
        .enumerate()
        .map(|(m, label)| {
            let fills = regions
                .iter()
                .map(|(reg, figs)| {
                    let f = figs.get(m).and_then(|f| f.axes.get(index));
                    let fill = map::Fill {
                        rate: f.and_then(|a| a.rate),
                        count: f.map_or(0, |a| a.count),
                        href: Some(format!("{root}{}", urls::region(&reg.slug))),
                    };
                    (reg.code.clone(), fill)
                })
                .collect();
            let Ok(chart) = crate::charts::draw(
                &format!("carte-{}-{m}", urls::slug(&axis.id)),
                &format!("{} {} par région, en % — {label}", axis.id, axis.title),
                &map::Choropleth {
                    geo: &ix.geo,
                    fills: &fills,
                },
            );
            let n: usize = fills.values().map(|f| f.count).sum();
            chart.with_note(format!("{n} répondants dans les régions"))
        })
        .collect()
}

/// The national rate of the axis projected at the end of each quarter.
pub fn axis_trajectory(ix: &Index, q: &Questionnaire, axis: &Axis) -> Result<Chart> {
    let labels: Vec<String> = super::home::quarters(ix)
        .iter()
        .map(|q| q.to_string())
        .collect();
    let values = ix
        .scores
        .trajectory
        .iter()
        .map(|p| {
            p.questionnaires
                .iter()
                .find(|a| a.questionnaire == q.id)
                .and_then(|a| a.axes.iter().find(|x| x.axis == axis.id))
                .and_then(|x| x.rate)
        })
        .collect();
    crate::charts::draw(
        &format!("trajectoire-{}", urls::slug(&axis.id)),
        &format!(
            "Taux de maturité national projeté à la fin de chaque trimestre, en % — {} {}",
            axis.id, axis.title
        ),
        &lines::Lines {
            quarters: &labels,
            moment: "Trimestre",
            series: &[lines::Line {
                name: format!("{} {}", axis.id, axis.title),
                values,
            }],
        },
    )
}

/// The doctrine page of the axis, rendered (sanitised) for inclusion in the axis page.
pub fn doctrine_html(ix: &Index, axis: &Axis) -> Option<String> {
    let slug = axis.doctrine.as_deref()?;
    ix.repo
        .pages
        .iter()
        .find(|p| p.section == PageSection::Doctrine && p.slug == slug)
        .map(|p| markdown::render(&p.body))
}
