//! The card fit in bulk, outside the layout: every card face is set at the largest size, in
//! half points, at which its text fits its space (as `fit` in cards.typ does with `measure`),
//! found for all faces at once in a few compiles without `measure`:
//!
//! 1. the cards compile with the sizes remembered so far; a face without one is left blank
//!    and reports its space (`sys.inputs.studypack-fit` = "bulk"). With none left blank,
//!    that is the document.
//! 2. Each blank face's body is laid out on a page of its own, as tall as its text, at its
//!    largest size ("probe"); from the height there (text takes room with the square of its
//!    size) comes a guess, and the next probe lays the misses out at the guess and a half
//!    point above it. Almost every face is settled then: the guess fits, the step above
//!    does not. The few others are bisected, in bulk too.
//! 3. The cards compile once more with every size known, exactly as the typst CLI compiles
//!    the exported layouts with that `data/sizes.json`.
//!
//! A face the probes cannot settle (it overflows even at the minimum, or its heights do not
//! grow with its size) is left to the layout's own fit in step 3, which measures it and
//! reports an overflow as before. A layout that knows nothing of the bulk fit (an older one
//! of a person's own) fits itself in step 1.

use super::world::{DataFiles, PROBE_PATH, SIZES_PATH};
use super::{CARD_MIN_PT, FaceKey, Renderer, labelled_metadata, lock, sizes_json};
use crate::diag::Diagnostics;
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;
use typst_layout::PagedDocument;

/// At most this many faces are probed in one compile: a large deck's probes run as several
/// documents (in parallel), so no compile holds every face's layout at once.
const PROBE_CHUNK: usize = 160;

/// A face the bulk attempt left blank: which it is and the space its text has.
#[derive(Debug, Clone, Deserialize)]
struct Unfitted {
    card: usize,
    face: String,
    key: String,
    space: String,
    /// The space's width and height in points, exactly as the layout had them.
    width: f64,
    height: f64,
    /// The face's largest text size in points.
    max: f64,
}

/// Where one face's search stands.
#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Searching,
    Fitted(f64),
    /// Left to the layout's own fit: nothing fits, or the heights contradict each other.
    ToLayout,
}

/// One face's search over its sizes, `steps` in half points from the minimum up.
struct Search {
    face: Unfitted,
    steps: Vec<f64>,
    /// The largest step shown to fit and the smallest shown not to (`steps.len()`: none yet).
    lo: Option<usize>,
    hi: usize,
    /// The height at the largest size, once probed.
    tallest: Option<f64>,
    state: State,
}

impl Search {
    fn new(face: Unfitted) -> Search {
        // As cards.typ: range(int(min * 2), int(max * 2) + 1), halved.
        let steps: Vec<f64> =
            ((CARD_MIN_PT * 2.0) as i64..=(face.max * 2.0) as i64).map(|x| x as f64 / 2.0).collect();
        let state = if steps.is_empty() { State::ToLayout } else { State::Searching };
        let hi = steps.len();
        Search { face, steps, lo: None, hi, tallest: None, state }
    }

    /// The steps to probe next: the largest first; then every step between two guesses
    /// from the height there; then the middle of what is left.
    fn asks(&self) -> Vec<usize> {
        if self.state != State::Searching {
            return Vec::new();
        }
        let last = self.steps.len() - 1;
        let Some(tallest) = self.tallest else { return vec![last] };
        if self.lo.is_none() && self.hi == last {
            // Between two guesses: the size at which the height shrinks with the size (the
            // lines stay as they are) and the one at which it shrinks with its square (the
            // text reflows into fewer, longer lines); faces measured fall in between, often
            // at the upper end, so one step above it is probed too.
            let ratio = self.face.height / tallest;
            let step =
                |size: f64| ((size - CARD_MIN_PT) / 0.5).floor().clamp(0.0, last as f64 - 1.0) as usize;
            let (low, high) = (step(ratio * self.steps[last]), step(ratio.sqrt() * self.steps[last]));
            return (low..=high + 1).filter(|&s| s < self.hi).collect();
        }
        let lo = self.lo.map_or(-1, |lo| lo as i64);
        vec![(lo + self.hi as i64).div_euclid(2) as usize]
    }

    /// Takes the height of the text at `steps[step]`.
    fn learn(&mut self, step: usize, height: f64) {
        if self.state != State::Searching {
            return;
        }
        if step == self.steps.len() - 1 && self.tallest.is_none() {
            self.tallest = Some(height);
        }
        let fits = height <= self.face.height;
        let contradicts = if fits { step >= self.hi } else { self.lo.is_some_and(|lo| lo >= step) };
        if contradicts {
            self.state = State::ToLayout;
        } else if fits {
            self.lo = Some(self.lo.map_or(step, |lo| lo.max(step)));
        } else {
            self.hi = self.hi.min(step);
        }
    }

    /// Settles the search when no step is left between the largest fit and the smallest miss.
    fn settle(&mut self) {
        if self.state != State::Searching {
            return;
        }
        let lo = self.lo.map_or(-1, |lo| lo as i64);
        if self.hi as i64 - lo <= 1 {
            self.state = match self.lo {
                Some(lo) => State::Fitted(self.steps[lo]),
                None => State::ToLayout,
            };
        }
    }
}

/// `data/probe.json` for a compile of the cards themselves: `"bulk"` leaves faces without
/// a remembered size blank, `"final"` has the layout fit them itself (the same pages when
/// every face has its size).
pub(super) fn fit_mode(mode: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({ "mode": mode })).expect("the mode serializes")
}

impl Renderer {
    /// The cards document of `data` with every face fitted, and how many faces were fitted
    /// in bulk for it; `data` is left with the sizes it was made with.
    pub(super) fn fit_cards(
        &self,
        data: &mut DataFiles,
        warnings: &mut Diagnostics,
    ) -> Result<(PagedDocument, usize), Diagnostics> {
        let mut sizes = lock(&self.card_sizes).clone();
        data.set(SIZES_PATH, sizes_json(&sizes));
        let layout = super::Output::Cards.layout();
        let mut first_warnings = Diagnostics::default();
        data.set(PROBE_PATH, fit_mode("bulk"));
        let world = self.studio.document(layout, data);
        let first = self.compile_in(&world, &mut first_warnings)?;
        let unfitted: Vec<Unfitted> = labelled_metadata(&first, "studypack-unfitted")
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect();
        if unfitted.is_empty() {
            warnings.extend(first_warnings);
            return Ok((first, 0));
        }
        drop(first);
        let keys: Vec<FaceKey> = unfitted.iter().map(|f| (f.key.clone(), f.space.clone())).collect();
        let fitted = self.search(data, unfitted);
        let count = fitted.len();
        sizes.extend(fitted);
        data.set(SIZES_PATH, sizes_json(&sizes));
        // With every size known, the same mode as the first compile, so the pages are what
        // the next build's first compile makes (Typst's caches serve both, and its hash
        // shows the document unchanged); otherwise the layout fits the rest itself.
        let all = keys.iter().all(|key| sizes.contains_key(key));
        data.set(PROBE_PATH, fit_mode(if all { "bulk" } else { "final" }));
        let world = self.studio.document(layout, data);
        Ok((self.compile_in(&world, warnings)?, count))
    }

    /// The sizes of `faces`, found by probing all of them together, round after round; the
    /// faces the probes cannot settle are left out.
    fn search(&self, data: &DataFiles, faces: Vec<Unfitted>) -> Vec<(FaceKey, f64)> {
        // A face shown twice in the deck (the same key and space) is searched once.
        let mut unique: BTreeMap<FaceKey, Unfitted> = BTreeMap::new();
        for face in faces {
            unique.entry((face.key.clone(), face.space.clone())).or_insert(face);
        }
        let mut searches: Vec<Search> = unique.into_values().map(Search::new).collect();
        loop {
            let asks: Vec<(usize, Vec<usize>)> = searches
                .iter()
                .enumerate()
                .map(|(i, s)| (i, s.asks()))
                .filter(|(_, steps)| !steps.is_empty())
                .collect();
            if asks.is_empty() {
                break;
            }
            // In two halves at least, so both cores probe while the other documents are done.
            let chunk = asks.len().div_ceil(2).clamp(1, PROBE_CHUNK);
            let heights: Option<Vec<Vec<Vec<f64>>>> =
                asks.par_chunks(chunk).map(|chunk| self.probe(data, &searches, chunk)).collect();
            let Some(heights) = heights else {
                // A layout that cannot probe fits its faces itself.
                searches.iter_mut().for_each(|s| s.state = State::ToLayout);
                break;
            };
            for ((i, steps), heights) in asks.iter().zip(heights.into_iter().flatten()) {
                for (&step, height) in steps.iter().zip(heights) {
                    searches[*i].learn(step, height);
                }
                searches[*i].settle();
            }
        }
        searches
            .into_iter()
            .filter_map(|s| match s.state {
                State::Fitted(size) => Some(((s.face.key, s.face.space), size)),
                State::Searching | State::ToLayout => None,
            })
            .collect()
    }

    /// The heights of the faces' text at the steps asked, one list per face; `None` when
    /// the layout does not give one page per step asked.
    fn probe(
        &self,
        data: &DataFiles,
        searches: &[Search],
        asks: &[(usize, Vec<usize>)],
    ) -> Option<Vec<Vec<f64>>> {
        let mut faces = serde_json::Map::new();
        let mut order = Vec::new();
        for (i, steps) in asks {
            let face = &searches[*i].face;
            // The width as Rust prints an f64, which Typst's `float` reads back exactly.
            let sizes: Vec<f64> = steps.iter().map(|&s| searches[*i].steps[s]).collect();
            faces.insert(
                format!("{} {}", face.card, face.face),
                json!({ "width": format!("{:?}", face.width), "sizes": sizes }),
            );
            order.push(json!({ "card": face.card, "face": face.face }));
        }
        let mut data = data.clone();
        let probe = json!({ "mode": "probe", "faces": faces, "order": order });
        data.set(PROBE_PATH, serde_json::to_vec(&probe).expect("probe data serializes"));
        let world = self.studio.document(super::Output::Cards.layout(), &data);
        let document = typst::compile::<PagedDocument>(&world).output;
        debug_assert!(
            document.is_ok() || self.studio.layouts_dir().is_some(),
            "the built-in cards layout failed to probe: {:?}",
            document.as_ref().err()
        );
        let document = document.ok()?;
        let mut pages = document.pages().iter().map(|page| page.frame.height().to_pt());
        let heights: Vec<Vec<f64>> =
            asks.iter().map(|(_, steps)| pages.by_ref().take(steps.len()).collect()).collect();
        let complete =
            pages.next().is_none() && heights.iter().zip(asks).all(|(h, (_, steps))| h.len() == steps.len());
        complete.then_some(heights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a face's search against `height_at` as the probes would, round by round.
    fn run(max: f64, room: f64, height_at: impl Fn(f64) -> f64) -> (State, usize) {
        let face = Unfitted {
            card: 0,
            face: "back".into(),
            key: "k".into(),
            space: "s".into(),
            width: 200.0,
            height: room,
            max,
        };
        let mut search = Search::new(face);
        let mut rounds = 0;
        loop {
            let asks = search.asks();
            if asks.is_empty() {
                return (search.state, rounds);
            }
            rounds += 1;
            for step in asks {
                let size = search.steps[step];
                search.learn(step, height_at(size));
            }
            search.settle();
        }
    }

    #[test]
    fn the_search_finds_the_largest_half_point_that_fits_whatever_the_growth() {
        let steps: Vec<f64> = (18..=28).map(|x| x as f64 / 2.0).collect();
        for power in [1.0, 1.3, 1.7, 2.0, 2.5] {
            for room in (60..=400).step_by(7).map(f64::from) {
                // Lines come whole: the height grows in steps, as text does.
                let height_at = |size: f64| (size.powf(power) * 0.9).ceil() * 1.0;
                let expected = steps.iter().rev().find(|&&s| height_at(s) <= room).copied();
                let (state, rounds) = run(14.0, room, height_at);
                match expected {
                    Some(size) => assert_eq!(state, State::Fitted(size), "power {power}, room {room}"),
                    None => assert_eq!(state, State::ToLayout, "power {power}, room {room}"),
                }
                assert!(rounds <= 6, "power {power}, room {room}: {rounds} rounds");
            }
        }
    }

    #[test]
    fn a_face_whose_heights_do_not_grow_with_its_size_is_left_to_the_layout() {
        // 9 pt and 11 pt fit, 9.5 pt does not: no size is shown to be the largest that
        // fits, so the layout's own fit decides, as it did before the bulk fit.
        let (state, rounds) = run(14.0, 100.0, |size| if size == 9.0 || size == 11.0 { 90.0 } else { 150.0 });
        assert_eq!((state, rounds), (State::ToLayout, 2));
        // Nothing fits even at the minimum: the layout reports the overflow.
        assert_eq!(run(14.0, 10.0, |size| size * 10.0).0, State::ToLayout);
    }
}
