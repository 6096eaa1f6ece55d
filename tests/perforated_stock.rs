//! Printing on perforated card stock: Avery 5388 and 5389 built in, any other stock from a
//! YAML file. Each card's rectangle is read back from the PDF (a card face clips to its
//! card, so its clip path is the card's outline) and compared with the stock's published
//! cells; backs must land behind their fronts after the flip; no text comes within the
//! safe inset of a perforation, and nothing is drawn outside the cards (no crop marks).

mod common;

use common::pdf::{Page, Pdf};
use common::{Scratch, crate_dir, streams, studypack};

const INCH: f64 = 72.0;
const MM: f64 = 72.0 / 25.4;
/// How far a card may be from its published cell.
const TOLERANCE: f64 = 0.5;
/// The least distance from a card's edge (its perforation) to any text.
const SAFE_INSET: f64 = 0.125 * INCH;
/// The demo deck.
const CARDS: usize = 37;

/// A stock as its maker publishes it: sheet and card size, and each cell's top-left
/// corner measured from the sheet's top-left corner, row by row; in points.
struct Published {
    sheet: (f64, f64),
    card: (f64, f64),
    cells: Vec<(f64, f64)>,
}

/// Avery 5388: 5 × 3 in cards, 1 × 3, margins 1.75 in left and right, 1 in top and bottom.
fn avery_5388() -> Published {
    let cells = (0..3).map(|row| (1.75 * INCH, (1.0 + 3.0 * row as f64) * INCH)).collect();
    Published { sheet: (8.5 * INCH, 11.0 * INCH), card: (5.0 * INCH, 3.0 * INCH), cells }
}

/// Avery 5389: 6 × 4 in cards, 1 × 2, margins 1.25 in left and right, 1.5 in top and bottom.
fn avery_5389() -> Published {
    let cells = (0..2).map(|row| (1.25 * INCH, (1.5 + 4.0 * row as f64) * INCH)).collect();
    Published { sheet: (8.5 * INCH, 11.0 * INCH), card: (6.0 * INCH, 4.0 * INCH), cells }
}

/// tests/fixtures/stock/a7-cards-a4.yaml: A7 cards 2 × 2 on landscape A4, 10 mm apart,
/// from 38.5 mm left and 20 mm top.
fn a7_cards_a4() -> Published {
    let cells = [(38.5, 20.0), (153.5, 20.0), (38.5, 104.0), (153.5, 104.0)];
    Published {
        sheet: (297.0 * MM, 210.0 * MM),
        card: (105.0 * MM, 74.0 * MM),
        cells: cells.iter().map(|(x, y)| (x * MM, y * MM)).collect(),
    }
}

fn stock_file() -> String {
    crate_dir().join("tests/fixtures/stock/a7-cards-a4.yaml").display().to_string()
}

/// Builds the demo's cards with `flags`: the PDF and the summary line.
fn build_cards(scratch: &Scratch, out: &str, flags: &[&str]) -> (Pdf, String) {
    let mut args = vec!["build", "--only", "cards", "--out", out];
    args.extend(flags);
    let output = studypack(&scratch.0, &args);
    let (o, e) = streams(&output);
    assert!(output.status.success(), "{flags:?}: {o}{e}");
    let summary = o.lines().find(|l| l.contains("cue-cards.pdf")).unwrap_or_default().to_string();
    (Pdf::open(&scratch.path(out).join("cue-cards.pdf")), summary)
}

/// A card on a page: its rectangle from the top-left corner of the sheet (x, y, width,
/// height) and the deck number its label shows.
#[derive(Debug, Clone, Copy)]
struct Card {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    number: usize,
}

/// The cards of a page: each clip path the size of a card is one card, named by the
/// single "n/37" label inside it.
fn cards(page: &Page, card: (f64, f64)) -> Vec<Card> {
    let mut out = Vec::new();
    for [left, bottom, right, top] in &page.clips {
        let (w, h) = (right - left, top - bottom);
        if (w - card.0).abs() > TOLERANCE || (h - card.1).abs() > TOLERANCE {
            continue;
        }
        let labels: Vec<usize> = page
            .runs
            .iter()
            .filter(|r| r.x >= *left && r.x <= *right && r.y >= *bottom && r.y <= *top)
            .filter_map(|r| {
                let (n, total) = r.text.split_once('/')?;
                (total == CARDS.to_string()).then(|| n.parse().ok()).flatten()
            })
            .collect();
        assert_eq!(labels.len(), 1, "a card at ({left:.1}, {bottom:.1}) shows labels {labels:?}");
        out.push(Card { x: *left, y: page.height - top, w, h, number: labels[0] });
    }
    out
}

/// Where a card of the front lands on the back page after turning the sheet over its long
/// or short edge: mirrored across the hinge's axis.
fn turned(c: &Card, sheet: (f64, f64), edge: &str) -> (f64, f64) {
    let landscape = sheet.0 > sheet.1;
    let hinge_is_horizontal = (edge == "long-edge") == landscape;
    if hinge_is_horizontal { (c.x, sheet.1 - c.y - c.h) } else { (sheet.0 - c.x - c.w, c.y) }
}

fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() <= TOLERANCE && (a.1 - b.1).abs() <= TOLERANCE
}

/// Every check of a perforated stock on one built deck: page size, each card on its cell,
/// each back behind its front, text clear of the perforations, nothing outside the cards.
fn check_stock(name: &str, pdf: &Pdf, stock: &Published, edge: &str) {
    let per_sheet = stock.cells.len();
    assert_eq!(pdf.pages.len(), 2 * CARDS.div_ceil(per_sheet), "{name}: pages");
    let mut backs_checked = 0;
    for (sheet, pair) in pdf.pages.chunks(2).enumerate() {
        for page in pair {
            assert!(
                (page.width - stock.sheet.0).abs() < 0.01 && (page.height - stock.sheet.1).abs() < 0.01,
                "{name}: a page is {} × {} pt",
                page.width,
                page.height
            );
            text_keeps_the_safe_inset(name, page, &cards(page, stock.card));
            nothing_is_drawn_outside_the_cards(name, page, &cards(page, stock.card));
        }
        let (front, back) = (cards(&pair[0], stock.card), cards(&pair[1], stock.card));
        let expected = per_sheet.min(CARDS - sheet * per_sheet);
        assert_eq!(front.len(), expected, "{name} sheet {}: cards on the front", sheet + 1);
        assert_eq!(back.len(), expected, "{name} sheet {}: cards on the back", sheet + 1);
        // Fronts fill the cells in order, the deck in order.
        for (i, card) in front.iter().enumerate() {
            assert!(
                close((card.x, card.y), stock.cells[i]),
                "{name} sheet {}: card {} is at ({:.2}, {:.2}), its cell at ({:.2}, {:.2})",
                sheet + 1,
                card.number,
                card.x,
                card.y,
                stock.cells[i].0,
                stock.cells[i].1
            );
            assert_eq!(card.number, sheet * per_sheet + i + 1, "{name}: cards in deck order");
            let want = turned(card, stock.sheet, edge);
            let behind = back.iter().find(|b| b.number == card.number).expect("its back is on the next page");
            assert!(
                close((behind.x, behind.y), want),
                "{name}: card {}'s back is at ({:.2}, {:.2}); its front turns over to ({:.2}, {:.2})",
                card.number,
                behind.x,
                behind.y,
                want.0,
                want.1
            );
            backs_checked += 1;
        }
    }
    assert_eq!(backs_checked, CARDS, "{name}");
}

/// Every run of text lies on a card, at least the safe inset inside its edges: from its
/// origin to its advance across, and from a descender (0.3 em) below the baseline to a
/// full em above it.
fn text_keeps_the_safe_inset(name: &str, page: &Page, cards: &[Card]) {
    assert!(!page.runs.is_empty());
    for run in &page.runs {
        let (y_top, y_base) = (page.height - run.y - run.size, page.height - run.y + 0.3 * run.size);
        let card =
            cards.iter().find(|c| run.x >= c.x && run.x <= c.x + c.w && y_base >= c.y && y_top <= c.y + c.h);
        let card = card.unwrap_or_else(|| panic!("{name}: `{}` is on no card", run.text));
        let room =
            [run.x - card.x, card.x + card.w - run.x - run.width, y_top - card.y, card.y + card.h - y_base];
        let least = room.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(
            least >= SAFE_INSET,
            "{name}: `{}` on card {} comes {least:.2} pt from the perforation ({room:.2?})",
            run.text,
            card.number
        );
    }
}

/// Every straight line drawn lies on a card (its own clip path runs along its edges):
/// no crop marks, nothing in the margins.
fn nothing_is_drawn_outside_the_cards(name: &str, page: &Page, cards: &[Card]) {
    let on_a_card = |(x, y): (f64, f64)| {
        let y = page.height - y;
        cards.iter().any(|c| {
            x >= c.x - TOLERANCE
                && x <= c.x + c.w + TOLERANCE
                && y >= c.y - TOLERANCE
                && y <= c.y + c.h + TOLERANCE
        })
    };
    for (a, b) in &page.segments {
        assert!(
            on_a_card(*a) && on_a_card(*b),
            "{name}: a line {a:?}–{b:?} is outside the cards (a crop mark?)"
        );
    }
}

#[test]
fn avery_5388_and_5389_put_every_card_on_its_perforated_cell_with_each_back_behind_its_front() {
    let scratch = Scratch::new("avery");
    for (sheet, stock, per_sheet, name) in
        [("avery-5388", avery_5388(), 3, "Avery 5388"), ("avery-5389", avery_5389(), 2, "Avery 5389")]
    {
        for edge in ["long-edge", "short-edge"] {
            let out = format!("{sheet}-{edge}");
            let (pdf, summary) = build_cards(&scratch, &out, &["--sheet", sheet, "--duplex", edge]);
            check_stock(&out, &pdf, &stock, edge);
            let want = format!("{per_sheet} per sheet, {name}, duplex {edge}");
            assert!(
                summary.contains(&format!("), {want}, smallest text ")),
                "the summary `{summary}` does not say `{want}`"
            );
        }
    }
}

#[test]
fn a_stock_file_puts_every_card_on_its_cells_across_the_gaps() {
    let scratch = Scratch::new("stock-file");
    let file = stock_file();
    for edge in ["long-edge", "short-edge"] {
        let (pdf, summary) = build_cards(&scratch, edge, &["--stock", &file, "--duplex", edge]);
        check_stock(&format!("a7-cards-a4 {edge}"), &pdf, &a7_cards_a4(), edge);
        assert!(
            summary.contains(&format!("), 4 per sheet, A7 cards 2x2 on A4, duplex {edge}, smallest text ")),
            "{summary}"
        );
    }
}

#[test]
fn a_card_size_that_matches_the_stock_is_accepted_and_one_that_does_not_is_an_error() {
    let scratch = Scratch::new("stock-card");
    build_cards(&scratch, "same", &["--sheet", "avery-5389", "--card", "4x6in"]);
    for (flags, message) in [
        (
            vec!["--sheet", "avery-5388", "--card", "4x6in"],
            "error: --card 4x6in conflicts with --sheet avery-5388, whose cards are 5 x 3 in\n",
        ),
        (
            vec!["--stock", "STOCK", "--card", "3x5in"],
            "error: --card 3x5in conflicts with the stock in STOCK, whose cards are 4.13 x 2.91 in\n",
        ),
        (
            vec!["--stock", "STOCK", "--sheet", "card"],
            "error: --stock STOCK and --sheet card both say what the cards are printed on\n",
        ),
        (
            vec!["--sheet", "avery-5389", "--duplex", "off"],
            "error: --duplex off puts front and back side by side, and a cell of --sheet avery-5389 holds one face\n",
        ),
    ] {
        let file = stock_file();
        let flags: Vec<&str> = flags.iter().map(|f| if *f == "STOCK" { file.as_str() } else { f }).collect();
        let output = studypack(&scratch.0, &[&["build", "--out", "refused"][..], &flags].concat());
        let (_, err) = streams(&output);
        assert_eq!(output.status.code(), Some(1), "{flags:?}: {err}");
        assert!(err.starts_with(&message.replace("STOCK", &file)), "{flags:?}: {err}");
        assert!(err.contains("= hint: "), "{err}");
        assert!(!scratch.path("refused").exists(), "{flags:?} wrote outputs");
    }
}

#[test]
fn a_stock_that_cannot_be_printed_is_an_error_at_the_value_to_change() {
    let scratch = Scratch::new("stock-bad");
    let good = std::fs::read_to_string(stock_file()).unwrap();
    let cases = [
        (
            "columns: 2",
            "columns: 3",
            "10:10: error: the cards run past the sheet: left margin 1.516in (38.5mm) + 3 × 4.134in (105mm) cards + 2 × 0.394in (10mm) column gap = 14.705in (373.5mm), but the sheet's width is 11.693in (297mm)",
        ),
        (
            "  row: 10mm",
            "  row: -2mm",
            "19:8: error: a row gap of -0.079in (-2mm) makes the cards above each other overlap",
        ),
        (
            "  width: 105mm",
            "  width: 300mm",
            "8:10: error: a card 11.811in (300mm) in width does not fit a sheet 11.693in (297mm) in width",
        ),
        (
            "  bottom: 32mm",
            "  bottom: 30mm",
            "16:11: error: the margins do not add up: top margin 0.787in (20mm) + 2 × 2.913in (74mm) cards + 1 × 0.394in (10mm) row gap + bottom margin 1.181in (30mm) = 8.189in (208mm), but the sheet's height is 8.268in (210mm)",
        ),
        (
            "  top: 20mm",
            "  top: 20",
            "14:8: error: margins.top: `20` has no unit: write it as 20in, 20mm or 20pt",
        ),
        ("columns: 2", "colums: 2", "10:1: error: unknown field `colums`"),
    ];
    for (from, to, message) in cases {
        assert!(good.contains(from), "{from}");
        std::fs::write(scratch.path("bad.yaml"), good.replacen(from, to, 1)).unwrap();
        let output = studypack(&scratch.0, &["build", "--stock", "bad.yaml"]);
        let (_, err) = streams(&output);
        assert_eq!(output.status.code(), Some(1), "{to}: {err}");
        assert!(err.starts_with(&format!("bad.yaml:{message}")), "{to}:\n{err}");
        assert!(err.contains("= hint: "), "{to}: no hint in {err}");
        assert!(!scratch.path("out").exists(), "{to}: wrote outputs");
    }
}

#[test]
fn help_lists_the_built_in_stocks_with_their_card_sizes() {
    let output = studypack(&crate_dir(), &["build", "--help"]);
    let (out, _) = streams(&output);
    assert!(
        out.contains("avery-5388: Avery 5388 perforated index cards: three 5 x 3 in cards on a letter sheet"),
        "{out}"
    );
    assert!(
        out.contains("avery-5389: Avery 5389 perforated postcards: two 6 x 4 in cards on a letter sheet"),
        "{out}"
    );
    assert!(out.contains("--stock <FILE>"), "{out}");
}
