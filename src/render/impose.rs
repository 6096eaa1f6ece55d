//! Imposition: where each card face goes on which page, for card stock or N-up on paper,
//! so that after a duplex flip every back lands behind its own front.

use serde::Serialize;

const INCH: f64 = 72.0;
const MM: f64 = 72.0 / 25.4;
/// The closest a card may come to the paper's edge: home printers print to ~4 mm, and the
/// crop marks go in this band.
pub const MIN_MARGIN: f64 = 0.25 * INCH;

/// Paper for `--sheet paper` and for the cheat sheet and checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    Letter,
    A4,
}

impl Paper {
    /// Portrait width and height in points.
    pub fn size(self) -> (f64, f64) {
        match self {
            Paper::Letter => (8.5 * INCH, 11.0 * INCH),
            Paper::A4 => (210.0 * MM, 297.0 * MM),
        }
    }
}

/// Card sizes, all landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
pub enum CardSize {
    #[value(name = "3x5in")]
    #[serde(rename = "3x5in")]
    In3x5,
    #[value(name = "4x6in")]
    #[serde(rename = "4x6in")]
    In4x6,
    #[value(name = "a6")]
    #[serde(rename = "a6")]
    A6,
    #[value(name = "a7")]
    #[serde(rename = "a7")]
    A7,
}

impl CardSize {
    /// Landscape width and height in points.
    pub fn size(self) -> (f64, f64) {
        match self {
            CardSize::In3x5 => (5.0 * INCH, 3.0 * INCH),
            CardSize::In4x6 => (6.0 * INCH, 4.0 * INCH),
            CardSize::A6 => (148.0 * MM, 105.0 * MM),
            CardSize::A7 => (105.0 * MM, 74.0 * MM),
        }
    }
}

/// One card per page (card stock), or as many as fit on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sheet {
    Card,
    Paper,
}

/// How the printer turns the sheet for the second side; `off` puts both faces side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Duplex {
    LongEdge,
    ShortEdge,
    Off,
}

/// Which side of a card a slot shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Face {
    Front,
    Back,
}

/// A card face placed on a page: top-left corner in points, and the deck index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slot {
    pub x: f64,
    pub y: f64,
    pub card: usize,
    pub face: Face,
}

/// One printed page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    /// The block of card cells, for crop marks: left, top, columns, rows, cell size.
    pub grid: Grid,
    pub slots: Vec<Slot>,
}

/// A block of equal cells; with `--duplex off` a cell holds a front and its back.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Grid {
    pub x: f64,
    pub y: f64,
    pub columns: usize,
    pub rows: usize,
    pub cell_width: f64,
    pub cell_height: f64,
}

/// The cards' pages and the settings they were made with.
#[derive(Debug, Clone, Serialize)]
pub struct Imposition {
    pub card: CardSize,
    pub card_width: f64,
    pub card_height: f64,
    pub sheet: Sheet,
    pub paper: Paper,
    pub duplex: Duplex,
    pub per_page: usize,
    pub pages: Vec<Page>,
}

/// Lays out `cards` cards (each with a front and a back).
pub fn impose(cards: usize, card: CardSize, sheet: Sheet, paper: Paper, duplex: Duplex) -> Imposition {
    let (w, h) = card.size();
    // A cell is one face, or a front and its back side by side when folding.
    let (cell_w, cell_h) = if duplex == Duplex::Off { (2.0 * w, h) } else { (w, h) };
    let (page_w, page_h, columns, rows) = match sheet {
        Sheet::Card => (cell_w, cell_h, 1, 1),
        Sheet::Paper => best_orientation(paper, cell_w, cell_h),
    };
    let grid = Grid {
        x: (page_w - columns as f64 * cell_w) / 2.0,
        y: (page_h - rows as f64 * cell_h) / 2.0,
        columns,
        rows,
        cell_width: cell_w,
        cell_height: cell_h,
    };
    let per_page = columns * rows;
    let mut pages = Vec::new();
    for first in (0..cards).step_by(per_page.max(1)) {
        let batch: Vec<usize> = (first..cards.min(first + per_page)).collect();
        let cell = |i: usize| {
            let (col, row) = (i % columns, i / columns);
            (grid.x + col as f64 * cell_w, grid.y + row as f64 * cell_h)
        };
        let page = |slots| Page { width: page_w, height: page_h, grid, slots };
        if duplex == Duplex::Off {
            let slots = batch
                .iter()
                .enumerate()
                .flat_map(|(i, &card)| {
                    let (x, y) = cell(i);
                    [Slot { x, y, card, face: Face::Front }, Slot { x: x + w, y, card, face: Face::Back }]
                })
                .collect();
            pages.push(page(slots));
            continue;
        }
        let fronts = batch.iter().enumerate().map(|(i, &card)| {
            let (x, y) = cell(i);
            Slot { x, y, card, face: Face::Front }
        });
        let backs = batch.iter().enumerate().map(|(i, &card)| {
            let (x, y) = flip(cell(i), (w, h), (page_w, page_h), duplex);
            Slot { x, y, card, face: Face::Back }
        });
        pages.push(page(fronts.collect()));
        pages.push(page(backs.collect()));
    }
    Imposition { card, card_width: w, card_height: h, sheet, paper, duplex, per_page, pages }
}

/// The paper orientation that holds the most cells: page size and grid.
fn best_orientation(paper: Paper, cell_w: f64, cell_h: f64) -> (f64, f64, usize, usize) {
    let (pw, ph) = paper.size();
    let fit = |page_w: f64, page_h: f64| {
        let columns = ((page_w - 2.0 * MIN_MARGIN) / cell_w + 1e-9).floor().max(0.0) as usize;
        let rows = ((page_h - 2.0 * MIN_MARGIN) / cell_h + 1e-9).floor().max(0.0) as usize;
        (page_w, page_h, columns.max(1), rows.max(1), columns * rows)
    };
    let portrait = fit(pw, ph);
    let landscape = fit(ph, pw);
    let best = if landscape.4 > portrait.4 { landscape } else { portrait };
    (best.0, best.1, best.2, best.3)
}

/// Where the back of the face at `at` must go so that it lands behind it after the flip.
/// Turning a sheet over a horizontal edge mirrors top and bottom; over a vertical edge,
/// left and right. The long edge is horizontal on a landscape page.
fn flip(at: (f64, f64), card: (f64, f64), page: (f64, f64), duplex: Duplex) -> (f64, f64) {
    let landscape = page.0 > page.1;
    let over_horizontal_edge = match duplex {
        Duplex::LongEdge => landscape,
        Duplex::ShortEdge => !landscape,
        Duplex::Off => return at,
    };
    if over_horizontal_edge { (at.0, page.1 - at.1 - card.1) } else { (page.0 - at.0 - card.0, at.1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_by_five_on_letter_is_four_up_landscape() {
        let imp = impose(5, CardSize::In3x5, Sheet::Paper, Paper::Letter, Duplex::LongEdge);
        assert_eq!(imp.per_page, 4);
        assert_eq!((imp.pages[0].width, imp.pages[0].height), (792.0, 612.0));
        assert_eq!(imp.pages.len(), 4);
        assert_eq!(imp.pages[2].slots.len(), 1);
    }

    #[test]
    fn long_edge_back_mirrors_rows_on_landscape_paper() {
        let imp = impose(4, CardSize::In3x5, Sheet::Paper, Paper::Letter, Duplex::LongEdge);
        let front = &imp.pages[0].slots[0];
        let back = imp.pages[1].slots.iter().find(|s| s.card == 0).unwrap();
        assert_eq!(back.x, front.x);
        assert_eq!(back.y, 612.0 - front.y - 216.0);
    }

    #[test]
    fn card_stock_is_one_face_per_page() {
        let imp = impose(3, CardSize::A7, Sheet::Card, Paper::A4, Duplex::ShortEdge);
        assert_eq!(imp.pages.len(), 6);
        assert!(imp.pages.iter().all(|p| p.slots.len() == 1 && p.slots[0].x == 0.0));
    }
}
