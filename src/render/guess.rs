//! Card faces set at a guessed size and checked by probes, instead of measured inside the
//! layout. A face whose text no earlier build fitted (a `watch` rebuild after an edit, the
//! other jobs of a run, a re-run with other numbers) usually fits best at the size the face
//! in the same place had in the last build, or close to it. `data/guesses.json` gives that
//! size by card, side and space, as `data/sizes.json` gives remembered ones; the cards
//! layout sets such a face at it without `measure` (which makes Typst lay the whole deck out
//! a second time) and adds, after the cards, probe pages: the face's text alone, as tall as
//! it is, at the guess and half a point above. A guess is right when the text fits its space
//! at the guess and not above it (or the guess is the largest size); with every guess right,
//! the probe pages are cut off and the document is the one a measuring fit makes. A wrong
//! guess is replaced by the size the probe heights predict, within what earlier probes
//! showed, and the cards compile again (the right guesses unchanged, so Typst's caches give
//! their faces at once); after [`GUESS_ROUNDS`] rounds, or for a face that does not fit even
//! at the smallest size, the layout measures the face itself, as it does for every face when
//! the typst CLI compiles the exported layouts.

use super::world::{DataFiles, GUESSES_PATH, SIZES_PATH};
use super::{CARD_MIN_PT, FaceKey, Output, Renderer, labelled_metadata, lock, sizes_json};
use crate::diag::Diagnostics;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use typst_layout::PagedDocument;

/// Sizes to try by card (its number in the deck, as text), side ("front", "back") and the
/// space the face had: the same kind of value as the sizes fitted before.
pub(super) type Guesses = BTreeMap<String, BTreeMap<String, BTreeMap<String, f64>>>;

/// The size of every card face of the last build: what a face whose text changed is first
/// tried at.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub(super) struct LastFaces {
    /// The cards' width and height in points: sizes on other cards are no guesses.
    card: (f64, f64),
    /// By the pack's place in the build.
    packs: BTreeMap<usize, Guesses>,
}

/// A face's place in the deck: its card (as text) and side.
type Place = (String, String);

/// Compiles with guesses before the faces still unsettled are left to the layout.
const GUESS_ROUNDS: usize = 3;

/// How a face's text height grows with its size, to predict a size from a height: between
/// the lines staying as they are (1) and the text reflowing into fewer lines (2). For the 79
/// faces of the reference packs that do not fit at the largest size, 1.6 predicted 21 from
/// the height at the largest size exactly and 69 within a half point.
const HEIGHT_POWER: f64 = 1.6;

/// A face the layout set at its guess: one it reports (metadata `<studypack-size>`) as set
/// at a size not measured, which the build did not give it.
#[derive(Debug, Clone, Deserialize)]
struct Guessed {
    card: usize,
    face: String,
    key: String,
    space: String,
    size: f64,
    /// The face's largest size, and its text's space, in points.
    max: f64,
    width: f64,
    height: f64,
}

/// A probe page's metadata (`<studypack-probe>`): whose text it holds, at which size, and
/// the width it was laid out in.
#[derive(Debug, Clone, Deserialize)]
struct Probe {
    card: usize,
    face: String,
    size: f64,
    width: f64,
}

/// What the probes say of a guess.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    /// The guess is the largest size that fits.
    Right,
    /// Another size is: set the face at it.
    Settled(f64),
    /// Try this size next.
    Retry(f64),
    /// Leave the face to the layout's own fit.
    ToLayout,
}

/// What the probes of a face have shown so far: the largest size that fits and the smallest
/// that does not.
#[derive(Debug, Default, Clone, Copy)]
struct Bracket {
    fits: Option<f64>,
    overflows: Option<f64>,
}

impl Bracket {
    fn learn(&mut self, size: f64, fits: bool) {
        if fits {
            self.fits = Some(self.fits.map_or(size, |s| s.max(size)));
        } else {
            self.overflows = Some(self.overflows.map_or(size, |s| s.min(size)));
        }
    }
}

/// The verdict on `guess` from its text's height at the guess and half a point above (`None`
/// when not probed, as above the largest size), with what earlier probes of the face showed.
fn judge(guess: &Guessed, bracket: &mut Bracket, at: Option<f64>, above: Option<f64>) -> Verdict {
    let Some(at) = at else { return Verdict::ToLayout };
    bracket.learn(guess.size, at <= guess.height);
    let above_max = guess.size + 0.5 > guess.max;
    match above {
        Some(above) => bracket.learn(guess.size + 0.5, above <= guess.height),
        None if !above_max => return Verdict::ToLayout,
        None => {}
    }
    let half = |size: f64| (size * 2.0).floor() / 2.0;
    match (bracket.fits, bracket.overflows) {
        (Some(fits), _) if fits >= guess.max => return settle(guess, guess.max),
        (Some(fits), Some(overflows)) if overflows - fits <= 0.5 => return settle(guess, fits),
        (None, Some(overflows)) if overflows <= CARD_MIN_PT => return Verdict::ToLayout,
        _ => {}
    }
    // The size at which the text would just fill its space, from its height at the largest
    // size probed that fits, or else at the smallest that overflows; within what is left open.
    let (size, height) = match above {
        Some(above) if above <= guess.height => (guess.size + 0.5, above),
        _ => (guess.size, at),
    };
    let predicted = half(size * (guess.height / height).powf(1.0 / HEIGHT_POWER));
    let low = bracket.fits.map_or(CARD_MIN_PT, |s| s + 0.5);
    let high = bracket.overflows.map_or(guess.max, |s| s - 0.5);
    Verdict::Retry(predicted.clamp(low, high))
}

/// The verdict for a face shown to fit best at `size`.
fn settle(guess: &Guessed, size: f64) -> Verdict {
    if size == guess.size { Verdict::Right } else { Verdict::Settled(size) }
}

impl Renderer {
    /// Sizes to try for the cards of the pack in `place` of a build, on cards `card` wide and
    /// high: its faces' sizes in the last build, or else those of the first pack of this one
    /// (the other jobs of a run); none when the last build's cards had another size.
    pub(super) fn guesses(&self, place: usize, card: (f64, f64)) -> Guesses {
        let last = lock(&self.last_faces);
        if last.card != card {
            return Guesses::new();
        }
        last.packs.get(&place).or_else(|| last.packs.get(&0)).cloned().unwrap_or_default()
    }

    /// Keeps the size of every face the cards (`card` wide and high) of the pack in `place`
    /// report (`reported`: their metadata `<studypack-size>`), by card, side and space, for
    /// the next build's guesses.
    pub(super) fn keep_faces(&self, place: usize, card: (f64, f64), reported: &[serde_json::Value]) {
        let mut faces = Guesses::new();
        for value in reported {
            if let (Some(card), Some(face), Some(space), Some(size)) = (
                value["card"].as_u64(),
                value["face"].as_str(),
                value["space"].as_str(),
                value["size"].as_f64(),
            ) {
                let sizes = BTreeMap::from([(space.to_string(), size)]);
                faces.entry(card.to_string()).or_default().insert(face.to_string(), sizes);
            }
        }
        let mut last = lock(&self.last_faces);
        if last.card != card {
            *last = LastFaces { card, packs: BTreeMap::new() };
        }
        last.packs.insert(place, faces);
    }

    /// The cards of `data` (a document of `pages` pages), faces without a size in `sizes` set
    /// at their guess and checked, round after round; also how many faces were set at a
    /// guess that their probes confirmed (the layout reports them as set at a size not
    /// measured, as the faces it remembered). A right guess stays as it is from round to
    /// round, so Typst's caches give its face at once; a wrong one is replaced. After
    /// [`GUESS_ROUNDS`] rounds, the faces not shown right are measured by the layout.
    pub(super) fn compile_guessing(
        &self,
        data: &DataFiles,
        pages: usize,
        sizes: &BTreeMap<FaceKey, f64>,
        guesses: &Guesses,
        warnings: &mut Diagnostics,
    ) -> Result<(PagedDocument, usize), Diagnostics> {
        let mut data = data.clone();
        data.set(SIZES_PATH, sizes_json(sizes));
        if guesses.is_empty() {
            // Nothing to check (a first build): the layout measures every face it does not know.
            data.set(GUESSES_PATH, serde_json::to_vec(guesses).expect("guesses serialize"));
            return Ok((self.compile(Output::Cards, &data, warnings)?, 0));
        }
        let mut guesses = guesses.clone();
        let mut brackets: HashMap<FaceKey, Bracket> = HashMap::new();
        for round in 0..=GUESS_ROUNDS {
            data.set(GUESSES_PATH, serde_json::to_vec(&guesses).expect("guesses serialize"));
            let mut round_warnings = Diagnostics::default();
            let document = self.compile(Output::Cards, &data, &mut round_warnings)?;
            let set: Vec<serde_json::Value> = labelled_metadata(&document, "studypack-size")
                .into_iter()
                .filter(|v| v["measured"] == false)
                .filter(|v| match (v["key"].as_str(), v["space"].as_str()) {
                    (Some(key), Some(space)) => !sizes.contains_key(&(key.to_string(), space.to_string())),
                    _ => false,
                })
                .collect();
            let guessed: Vec<Guessed> =
                set.iter().filter_map(|v| serde_json::from_value(v.clone()).ok()).collect();
            if guessed.len() < set.len() {
                // Guesses the build cannot check (a layout that reports no space): measured.
                break;
            }
            let heights = probe_heights(&document, pages);
            // Faces whose guess is right, and faces whose right size is known now.
            let (mut right, mut settled): (Vec<Place>, Vec<Place>) = (Vec::new(), Vec::new());
            for g in &guessed {
                let height = |size: f64| {
                    heights.get(&(g.card, g.face.clone(), half_points(size))).and_then(|&(width, height)| {
                        // Laid out in another width than the face's text has, a probe says nothing.
                        (width == g.width).then_some(height)
                    })
                };
                let bracket = brackets.entry((g.key.clone(), g.space.clone())).or_default();
                let verdict = judge(g, bracket, height(g.size), height(g.size + 0.5));
                let sides = guesses.entry(g.card.to_string()).or_default();
                match verdict {
                    Verdict::Right => right.push((g.card.to_string(), g.face.clone())),
                    Verdict::Settled(size) => {
                        sides.insert(g.face.clone(), BTreeMap::from([(g.space.clone(), size)]));
                        settled.push((g.card.to_string(), g.face.clone()));
                    }
                    Verdict::Retry(size) => {
                        sides.insert(g.face.clone(), BTreeMap::from([(g.space.clone(), size)]));
                    }
                    Verdict::ToLayout => {
                        sides.remove(&g.face);
                    }
                }
            }
            if right.len() == guessed.len() {
                warnings.extend(round_warnings);
                return Ok((cut(document, pages), guessed.len()));
            }
            if round + 1 == GUESS_ROUNDS {
                // The last round keeps only the guesses shown right; the layout measures the rest.
                right.extend(settled);
                for (card, sides) in guesses.iter_mut() {
                    sides.retain(|side, _| right.contains(&(card.clone(), side.clone())));
                }
            }
        }
        // What no guess settled, the layout measures.
        data.set(GUESSES_PATH, serde_json::to_vec(&Guesses::new()).expect("guesses serialize"));
        Ok((self.compile(Output::Cards, &data, warnings)?, 0))
    }
}

/// A size in half points, to look probes up by.
fn half_points(size: f64) -> i64 {
    (size * 2.0).round() as i64
}

/// The probe pages after the first `pages` of `document`: by card, side and size (in half
/// points), the width their text was laid out in and its height. Nothing when the pages and
/// their metadata do not match one to one.
fn probe_heights(document: &PagedDocument, pages: usize) -> HashMap<(usize, String, i64), (f64, f64)> {
    let probes: Vec<Probe> = labelled_metadata(document, "studypack-probe")
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect();
    let frames = document.pages().get(pages..).unwrap_or_default();
    if probes.len() != frames.len() {
        return HashMap::new();
    }
    probes
        .into_iter()
        .zip(frames)
        .map(|(p, page)| ((p.card, p.face, half_points(p.size)), (p.width, page.frame.height().to_pt())))
        .collect()
}

/// `document` without the pages after the first `pages` (the probes).
fn cut(document: PagedDocument, pages: usize) -> PagedDocument {
    if document.pages().len() <= pages {
        return document;
    }
    let info = typst::model::Document::info(&document).clone();
    PagedDocument::new(document.pages()[..pages].iter().cloned().collect(), info)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A guess of `size` for a face whose text has 100 pt of height, up to 14 pt.
    fn guess(size: f64) -> Guessed {
        let (card, face, key, space) = (0, "back".to_string(), String::new(), String::new());
        Guessed { card, face, key, space, size, max: 14.0, width: 200.0, height: 100.0 }
    }

    fn judge_new(size: f64, at: Option<f64>, above: Option<f64>) -> Verdict {
        judge(&guess(size), &mut Bracket::default(), at, above)
    }

    #[test]
    fn a_guess_that_fits_when_half_a_point_more_does_not_is_right() {
        assert_eq!(judge_new(11.0, Some(100.0), Some(100.5)), Verdict::Right);
        assert_eq!(judge_new(14.0, Some(60.0), None), Verdict::Right, "the largest size has nothing above");
    }

    #[test]
    fn a_guess_too_large_retries_below_it_as_the_height_predicts() {
        // The 1.6th root of 100/130 is 0.849: 12 pt predicts 10.19, so 10 pt.
        assert_eq!(judge_new(12.0, Some(130.0), Some(140.0)), Verdict::Retry(10.0));
        // Barely over: still at least half a point down.
        assert_eq!(judge_new(12.0, Some(100.01), Some(110.0)), Verdict::Retry(11.5));
        // Far over: never below the smallest size.
        assert_eq!(judge_new(12.0, Some(900.0), Some(950.0)), Verdict::Retry(CARD_MIN_PT));
    }

    #[test]
    fn a_guess_too_small_retries_above_the_step_that_also_fits() {
        // 10.5 pt still fits at 60: 10.5 × (100/60)^(1/1.6) is 14.9, so the largest, 14.
        assert_eq!(judge_new(10.0, Some(50.0), Some(60.0)), Verdict::Retry(14.0));
        // Barely under: one step above the step shown to fit.
        assert_eq!(judge_new(10.0, Some(90.0), Some(99.99)), Verdict::Retry(11.0));
    }

    #[test]
    fn what_earlier_rounds_showed_settles_a_face_between_them() {
        let mut bracket = Bracket::default();
        // 11 and 11.5 fit: try 12, which the height predicts.
        assert_eq!(judge(&guess(11.0), &mut bracket, Some(90.0), Some(96.0)), Verdict::Retry(12.0));
        // 12 overflows: 11.5 is the largest that fits, though neither probe of this round says so.
        assert_eq!(judge(&guess(12.0), &mut bracket, Some(101.0), Some(106.0)), Verdict::Settled(11.5));
        // A prediction never leaves what is still open: 11.5 fits, 13 overflows, so 12 or 12.5.
        let mut bracket = Bracket { fits: Some(11.5), overflows: Some(13.0) };
        assert_eq!(judge(&guess(12.5), &mut bracket, Some(150.0), Some(160.0)), Verdict::Retry(12.0));
        // The largest size fits: settled there, whatever the guess was.
        let mut bracket = Bracket::default();
        assert_eq!(judge(&guess(13.5), &mut bracket, Some(50.0), Some(52.0)), Verdict::Settled(14.0));
    }

    #[test]
    fn a_face_without_probes_or_too_long_at_the_smallest_size_is_left_to_the_layout() {
        assert_eq!(judge_new(11.0, None, None), Verdict::ToLayout);
        assert_eq!(judge_new(11.0, Some(90.0), None), Verdict::ToLayout);
        assert_eq!(judge_new(CARD_MIN_PT, Some(120.0), Some(125.0)), Verdict::ToLayout);
    }
}
