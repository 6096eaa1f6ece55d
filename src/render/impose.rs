//! Imposition: where each card face goes on which page, for card stock, N-up on paper or
//! the cells of a perforated card stock, so that after a duplex flip every back lands
//! behind its own front.

use serde::Serialize;

const INCH: f64 = 72.0;
const MM: f64 = 72.0 / 25.4;
/// The closest a card may come to the paper's edge: home printers print to ~4 mm, and the
/// crop marks go in this band.
pub(crate) const MIN_MARGIN: f64 = 0.25 * INCH;

/// Paper for `--sheet paper` and for the cheat sheet and checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    Letter,
    A4,
}

impl Paper {
    pub(crate) const ALL: [Paper; 2] = [Paper::Letter, Paper::A4];

    /// The name the command line uses: `letter`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Paper::Letter => "letter",
            Paper::A4 => "a4",
        }
    }

    /// Portrait width and height in points.
    pub(crate) fn size(self) -> (f64, f64) {
        match self {
            Paper::Letter => (8.5 * INCH, 11.0 * INCH),
            Paper::A4 => (210.0 * MM, 297.0 * MM),
        }
    }
}

/// Card sizes, all landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CardSize {
    #[serde(rename = "3x5in")]
    In3x5,
    #[serde(rename = "4x6in")]
    In4x6,
    #[serde(rename = "a6")]
    A6,
    #[serde(rename = "a7")]
    A7,
}

impl CardSize {
    pub(crate) const ALL: [CardSize; 4] = [CardSize::In3x5, CardSize::In4x6, CardSize::A6, CardSize::A7];

    /// The name the command line uses: `3x5in`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            CardSize::In3x5 => "3x5in",
            CardSize::In4x6 => "4x6in",
            CardSize::A6 => "a6",
            CardSize::A7 => "a7",
        }
    }

    /// Landscape width and height in points.
    pub(crate) fn size(self) -> (f64, f64) {
        match self {
            CardSize::In3x5 => (5.0 * INCH, 3.0 * INCH),
            CardSize::In4x6 => (6.0 * INCH, 4.0 * INCH),
            CardSize::A6 => (148.0 * MM, 105.0 * MM),
            CardSize::A7 => (105.0 * MM, 74.0 * MM),
        }
    }
}

/// One card per page (card stock), as many as fit on paper, or one per perforated cell.
/// A cell holds one face, so a stock is printed two-sided: the print settings refuse it
/// with `Duplex::Off`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sheet {
    Card,
    Paper,
    Stock(Stock),
}

/// The layouts read the kind only (`"paper"` draws crop marks); a stock's cells are in
/// the imposition's `stock`.
impl Serialize for Sheet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            Sheet::Card => "card",
            Sheet::Paper => "paper",
            Sheet::Stock(_) => "stock",
        })
    }
}

/// A sheet of perforated cards: the sheet, the card, and where the cells are. Lengths in
/// points; the first cell's corner is (`left`, `top`), the others follow at the card size
/// plus the gaps (0 where neighbouring cards meet at a perforation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stock {
    /// How the build's summary names it ("Avery 5388").
    pub name: &'static str,
    pub sheet_width: f64,
    pub sheet_height: f64,
    pub card_width: f64,
    pub card_height: f64,
    pub columns: usize,
    pub rows: usize,
    pub left: f64,
    pub top: f64,
    pub column_gap: f64,
    pub row_gap: f64,
}

impl Stock {
    /// Avery 5388 index cards: three 5 × 3 in cards on a letter sheet, touching at the perforations.
    pub(crate) const AVERY_5388: Stock = Stock {
        name: "Avery 5388",
        sheet_width: 8.5 * INCH,
        sheet_height: 11.0 * INCH,
        card_width: 5.0 * INCH,
        card_height: 3.0 * INCH,
        columns: 1,
        rows: 3,
        left: 1.75 * INCH,
        top: 1.0 * INCH,
        column_gap: 0.0,
        row_gap: 0.0,
    };

    /// Avery 5389 postcards: two 6 × 4 in cards on a letter sheet, touching at the perforation.
    pub(crate) const AVERY_5389: Stock = Stock {
        name: "Avery 5389",
        sheet_width: 8.5 * INCH,
        sheet_height: 11.0 * INCH,
        card_width: 6.0 * INCH,
        card_height: 4.0 * INCH,
        columns: 1,
        rows: 2,
        left: 1.25 * INCH,
        top: 1.5 * INCH,
        column_gap: 0.0,
        row_gap: 0.0,
    };

    /// The block of cells.
    fn grid(&self) -> Grid {
        Grid {
            x: self.left,
            y: self.top,
            columns: self.columns,
            rows: self.rows,
            cell_width: self.card_width,
            cell_height: self.card_height,
            column_gap: self.column_gap,
            row_gap: self.row_gap,
        }
    }
}

/// How the printer turns the sheet for the second side; `off` puts both faces side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Duplex {
    LongEdge,
    ShortEdge,
    Off,
}

impl Duplex {
    pub(crate) const ALL: [Duplex; 3] = [Duplex::LongEdge, Duplex::ShortEdge, Duplex::Off];

    /// The name the command line and the summary use.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Duplex::LongEdge => "long-edge",
            Duplex::ShortEdge => "short-edge",
            Duplex::Off => "off",
        }
    }
}

/// Which side of a card a slot shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Face {
    Front,
    Back,
}

/// A card face placed on a page: top-left corner in points, and the deck index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Slot {
    pub x: f64,
    pub y: f64,
    pub card: usize,
    pub face: Face,
}

/// One printed page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Page {
    pub width: f64,
    pub height: f64,
    /// The block of card cells, for crop marks: left, top, columns, rows, cell size.
    pub grid: Grid,
    pub slots: Vec<Slot>,
}

/// A block of equal cells, row by row; with `--duplex off` a cell holds a front and its
/// back. Cells touch (cut apart on paper) unless a stock has gaps between them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct Grid {
    pub x: f64,
    pub y: f64,
    pub columns: usize,
    pub rows: usize,
    pub cell_width: f64,
    pub cell_height: f64,
    pub column_gap: f64,
    pub row_gap: f64,
}

impl Grid {
    /// The top-left corner of cell `i`.
    fn cell(&self, i: usize) -> (f64, f64) {
        let (column, row) = ((i % self.columns) as f64, (i / self.columns) as f64);
        (
            self.x + column * (self.cell_width + self.column_gap),
            self.y + row * (self.cell_height + self.row_gap),
        )
    }
}

/// The cards' pages and the settings they were made with.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Imposition {
    /// The named card size, when the cards have one (a stock's own size may not).
    pub card: Option<CardSize>,
    pub card_width: f64,
    pub card_height: f64,
    pub sheet: Sheet,
    /// The perforated stock the cards are placed on, cell by cell.
    pub stock: Option<Stock>,
    pub paper: Paper,
    pub duplex: Duplex,
    pub per_page: usize,
    pub pages: Vec<Page>,
}

impl Imposition {
    /// The cards' width and height in points.
    pub(crate) fn card_size(&self) -> (f64, f64) {
        (self.card_width, self.card_height)
    }

    /// For the build's summary: "3 per sheet, Avery 5388, duplex long-edge".
    pub(crate) fn describe(&self) -> String {
        match &self.stock {
            Some(stock) => {
                format!("{} per sheet, {}, duplex {}", self.per_page, stock.name, self.duplex.name())
            }
            None => format!("{} per sheet, duplex {}", self.per_page, self.duplex.name()),
        }
    }
}

/// Lays out `cards` cards (each with a front and a back); on a perforated stock the cards
/// take the stock's size, not `card`'s.
pub(crate) fn impose(cards: usize, card: CardSize, sheet: Sheet, paper: Paper, duplex: Duplex) -> Imposition {
    let stock = match sheet {
        Sheet::Stock(stock) => Some(stock),
        Sheet::Card | Sheet::Paper => None,
    };
    let (w, h) = stock.map_or(card.size(), |s| (s.card_width, s.card_height));
    let named = CardSize::ALL.into_iter().find(|c| c.size() == (w, h));
    // A cell is one face, or a front and its back side by side when folding.
    let (cell_w, cell_h) = if duplex == Duplex::Off { (2.0 * w, h) } else { (w, h) };
    let (page_w, page_h, grid) = match sheet {
        Sheet::Card => centred((cell_w, cell_h, 1, 1), (cell_w, cell_h)),
        Sheet::Paper => centred(best_orientation(paper, cell_w, cell_h), (cell_w, cell_h)),
        Sheet::Stock(stock) => (stock.sheet_width, stock.sheet_height, stock.grid()),
    };
    let per_page = grid.columns * grid.rows;
    let mut pages = Vec::new();
    for first in (0..cards).step_by(per_page.max(1)) {
        let batch: Vec<usize> = (first..cards.min(first + per_page)).collect();
        let page = |slots| Page { width: page_w, height: page_h, grid, slots };
        if duplex == Duplex::Off {
            let slots = batch
                .iter()
                .enumerate()
                .flat_map(|(i, &card)| {
                    let (x, y) = grid.cell(i);
                    [Slot { x, y, card, face: Face::Front }, Slot { x: x + w, y, card, face: Face::Back }]
                })
                .collect();
            pages.push(page(slots));
            continue;
        }
        let fronts = batch.iter().enumerate().map(|(i, &card)| {
            let (x, y) = grid.cell(i);
            Slot { x, y, card, face: Face::Front }
        });
        let backs = batch.iter().enumerate().map(|(i, &card)| {
            let (x, y) = flip(grid.cell(i), (w, h), (page_w, page_h), duplex);
            Slot { x, y, card, face: Face::Back }
        });
        pages.push(page(fronts.collect()));
        pages.push(page(backs.collect()));
    }
    Imposition { card: named, card_width: w, card_height: h, sheet, stock, paper, duplex, per_page, pages }
}

/// A page of `columns` × `rows` touching cells in the middle: page size and grid.
fn centred(
    (page_w, page_h, columns, rows): (f64, f64, usize, usize),
    (cell_w, cell_h): (f64, f64),
) -> (f64, f64, Grid) {
    let grid = Grid {
        x: (page_w - columns as f64 * cell_w) / 2.0,
        y: (page_h - rows as f64 * cell_h) / 2.0,
        columns,
        rows,
        cell_width: cell_w,
        cell_height: cell_h,
        column_gap: 0.0,
        row_gap: 0.0,
    };
    (page_w, page_h, grid)
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
    fn avery_5388_puts_one_card_on_each_of_its_three_cells() {
        let imp = impose(4, CardSize::A7, Sheet::Stock(Stock::AVERY_5388), Paper::A4, Duplex::LongEdge);
        assert_eq!((imp.card, imp.card_width, imp.card_height), (Some(CardSize::In3x5), 360.0, 216.0));
        assert_eq!(imp.pages.len(), 4);
        assert!(imp.pages.iter().all(|p| (p.width, p.height) == (612.0, 792.0)));
        let corners: Vec<(f64, f64)> = imp.pages[0].slots.iter().map(|s| (s.x, s.y)).collect();
        assert_eq!(corners, [(126.0, 72.0), (126.0, 288.0), (126.0, 504.0)]);
        // Long edge on a portrait sheet turns it over the vertical edge: the cells are centred,
        // so each back is on the cell behind its front.
        assert_eq!(
            imp.pages[1].slots,
            imp.pages[0].slots.iter().map(|s| Slot { face: Face::Back, ..s.clone() }).collect::<Vec<_>>()
        );
        assert_eq!(imp.describe(), "3 per sheet, Avery 5388, duplex long-edge");
    }

    #[test]
    fn a_stock_with_gaps_places_cells_apart_and_short_edge_mirrors_rows() {
        let stock = Stock {
            name: "test",
            column_gap: 10.0,
            row_gap: 20.0,
            columns: 2,
            rows: 2,
            left: 30.0,
            top: 40.0,
            card_width: 100.0,
            card_height: 50.0,
            sheet_width: 300.0,
            sheet_height: 400.0,
        };
        let imp = impose(4, CardSize::In3x5, Sheet::Stock(stock), Paper::Letter, Duplex::ShortEdge);
        let corners: Vec<(f64, f64)> = imp.pages[0].slots.iter().map(|s| (s.x, s.y)).collect();
        assert_eq!(corners, [(30.0, 40.0), (140.0, 40.0), (30.0, 110.0), (140.0, 110.0)]);
        let backs: Vec<(f64, f64)> = imp.pages[1].slots.iter().map(|s| (s.x, s.y)).collect();
        assert_eq!(backs, [(30.0, 310.0), (140.0, 310.0), (30.0, 240.0), (140.0, 240.0)]);
        assert_eq!(imp.card, None);
    }

    #[test]
    fn card_stock_is_one_face_per_page() {
        let imp = impose(3, CardSize::A7, Sheet::Card, Paper::A4, Duplex::ShortEdge);
        assert_eq!(imp.pages.len(), 6);
        assert!(imp.pages.iter().all(|p| p.slots.len() == 1 && p.slots[0].x == 0.0));
    }
}
