//! Words a card's edge would cut. The fit makes each face's text tall enough to fit; a word
//! wider than the card's text (a URL with no place to break, a long compound) still runs
//! past the right edge, where the face's box clips it. This finds such words in the pages
//! as laid out, with the card they are on.

use super::impose::{Face, Imposition};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// How far past its card's edge a word may reach and still print whole (a glyph's side
/// bearing, rounding).
const TOLERANCE_PT: f64 = 0.5;

/// A word cut off at a card's edge: the card (deck index), the side, and the word.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Clipped {
    pub card: usize,
    pub face: Face,
    pub word: String,
}

/// Every word the cards' clips cut, once per card side and word, in page order.
pub(super) fn clipped_words(document: &PagedDocument, cards: &Imposition) -> Vec<Clipped> {
    let mut out: Vec<Clipped> = Vec::new();
    for (page, layout) in document.pages().iter().zip(&cards.pages) {
        let mut cut = Vec::new();
        walk(&page.frame, Transform::identity(), None, &mut cut);
        for (clip, text) in cut {
            let (x, y) = ((clip.0 + clip.2) / 2.0, (clip.1 + clip.3) / 2.0);
            let Some(slot) = layout.slots.iter().find(|s| {
                (s.x..s.x + cards.card_width).contains(&x) && (s.y..s.y + cards.card_height).contains(&y)
            }) else {
                continue;
            };
            // The line's longest word is the one too wide for it.
            let word =
                text.split_whitespace().max_by_key(|w| w.chars().count()).unwrap_or_default().to_string();
            let found = Clipped { card: slot.card, face: slot.face, word };
            if !out.contains(&found) {
                out.push(found);
            }
        }
    }
    out
}

/// Left, top, right, bottom in page space, points.
type Bounds = (f64, f64, f64, f64);

/// The box around `points` once `ts` has placed them on the page.
fn bounds(points: &[Point], ts: Transform) -> Bounds {
    let placed: Vec<Point> = points.iter().map(|p| p.transform(ts)).collect();
    let xs = placed.iter().map(|p| p.x.to_pt());
    let ys = placed.iter().map(|p| p.y.to_pt());
    (
        xs.clone().fold(f64::INFINITY, f64::min),
        ys.clone().fold(f64::INFINITY, f64::min),
        xs.fold(f64::NEG_INFINITY, f64::max),
        ys.fold(f64::NEG_INFINITY, f64::max),
    )
}

/// Collects into `out` each text run that reaches past the innermost clipping group it is
/// in (`clip`), with that group's bounds.
fn walk(frame: &Frame, ts: Transform, clip: Option<Bounds>, out: &mut Vec<(Bounds, String)>) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => {
                let inner = here.pre_concat(group.transform);
                let size = group.frame.size();
                let clip = match group.clip {
                    Some(_) => Some(bounds(&[Point::zero(), Point::new(size.x, size.y)], inner)),
                    None => clip,
                };
                walk(&group.frame, inner, clip, out);
            }
            FrameItem::Text(text) => {
                let Some(edges) = clip else { continue };
                // The run's baseline, from its start to its end.
                let run = bounds(&[Point::zero(), Point::new(text.width(), Abs::zero())], here);
                if run.0 < edges.0 - TOLERANCE_PT || run.2 > edges.2 + TOLERANCE_PT {
                    out.push((edges, text.text.to_string()));
                }
            }
            _ => {}
        }
    }
}
