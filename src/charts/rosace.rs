//! The frames of the charts over one questionnaire's axes, drawn once per build and lent to
//! every chart of it: the radar's, and the bars' for each choice of one or two axes (a radar
//! with fewer than three spokes is a line, so such charts show bars).
//!
//! The radar frame is written up front: it is a few strings per spoke count. A bars frame is
//! drawn by plotters the first time a chart needs it: a questionnaire of eight axes has 36 choices
//! of one or two, a build uses a handful, and each costs plotters about as much as 25 radars.

use super::{bars, radar};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Frames of the charts over a list of axes.
#[derive(Debug)]
pub struct Frames {
    /// The radar's grids and labels, for any of the axes.
    pub radar: radar::Frame,
    /// Full name of each axis, for the bars' frames.
    names: Vec<String>,
    /// Bars frames by the positions of their one or two axes, drawn on first use (`None`
    /// where plotters failed: a radar is drawn instead).
    bars: BTreeMap<Vec<usize>, OnceLock<Option<bars::Frame>>>,
}

impl Frames {
    /// Frames over `axes` (short label, full label).
    pub fn new(axes: &[(String, String)]) -> Frames {
        let mut choices: Vec<Vec<usize>> = Vec::new();
        for i in 0..axes.len() {
            choices.push(vec![i]);
            choices.extend((i + 1..axes.len()).map(|j| vec![i, j]));
        }
        Frames {
            radar: radar::Frame::new(axes),
            names: axes.iter().map(|(_, name)| name.clone()).collect(),
            bars: choices
                .into_iter()
                .map(|at| (at, OnceLock::new()))
                .collect(),
        }
    }

    /// The bars frame over the axes at `positions` (one or two, in order), if any.
    pub fn bars(&self, positions: &[usize]) -> Option<&bars::Frame> {
        self.bars
            .get(positions)?
            .get_or_init(|| {
                let names = positions.iter().map(|&i| self.names[i].clone()).collect();
                bars::Frame::new(names).ok()
            })
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Bars frames for every one or two axes in order, labelled with their names; none beyond.
    #[test]
    fn bars_frames_cover_one_or_two_axes() {
        let axes: Vec<(String, String)> = ["A1", "A2", "A3"]
            .iter()
            .map(|a| (a.to_string(), format!("Axe {a}")))
            .collect();
        let frames = Frames::new(&axes);
        assert_eq!(frames.bars(&[1]).unwrap().names(), [["Axe A2"]]);
        assert_eq!(
            frames.bars(&[0, 2]).unwrap().names(),
            [["Axe A1"], ["Axe A3"]]
        );
        assert!(frames.bars(&[2, 0]).is_none());
        assert!(frames.bars(&[0, 1, 2]).is_none());
        assert!(frames.bars(&[]).is_none());
    }
}
