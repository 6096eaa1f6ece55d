//! `studypack build` with no arguments: the demo persona's four PDFs, opened and checked.

mod common;

use common::pdf::{Pdf, squeeze};
use common::{Scratch, crate_dir, demo_pack, names, streams, studypack};
use std::collections::BTreeSet;

const LETTER: (f64, f64) = (612.0, 792.0);
const CARD: (f64, f64) = (360.0, 216.0); // 5 x 3 in, landscape

fn open(name: &str) -> Pdf {
    Pdf::open(&demo_pack().join(name))
}

#[test]
fn build_writes_four_pdfs_and_prints_a_line_for_each() {
    let scratch = Scratch::new("lines");
    let output = studypack(&scratch.0, &["build"]);
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    for (line, name) in lines.iter().zip(["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf", "answers.pdf"])
    {
        let pdf = Pdf::open(&scratch.path("out").join(name));
        let pages =
            if pdf.pages.len() == 1 { "1 page".to_string() } else { format!("{} pages", pdf.pages.len()) };
        assert!(line.starts_with(&format!("out/{name}  {pages}  ")), "{line}");
        assert!(line.ends_with(" ms"), "{line}");
    }
    assert!(lines[0].contains("11 questions"), "{}", lines[0]);
    assert!(lines[4].starts_with("out/cue-cards.apkg  deck Interview prep::"), "{}", lines[4]);
    assert!(lines[4].ends_with(" ms"), "{}", lines[4]);
    assert!(lines[5].starts_with("done in "), "{}", lines[5]);
}

#[test]
fn cheat_sheet_is_exactly_one_letter_page() {
    let pdf = open("cheat-sheet.pdf");
    assert_eq!(pdf.pages.len(), 1);
    assert_eq!((pdf.pages[0].width, pdf.pages[0].height), LETTER);
}

#[test]
fn checklist_is_on_letter_pages() {
    let pdf = open("checklist.pdf");
    assert!(pdf.pages.iter().all(|p| (p.width, p.height) == LETTER));
}

/// The four 3x5 cells of a landscape letter sheet, centred: left and bottom edges in PDF space.
fn card_cells() -> Vec<(f64, f64)> {
    let (pw, ph) = (LETTER.1, LETTER.0);
    let (x0, y0) = ((pw - 2.0 * CARD.0) / 2.0, (ph - 2.0 * CARD.1) / 2.0);
    vec![(x0, y0), (x0 + CARD.0, y0), (x0, y0 + CARD.1), (x0 + CARD.0, y0 + CARD.1)]
}

#[test]
fn cue_cards_are_3x5_cards_four_to_a_landscape_letter_sheet() {
    let pdf = open("cue-cards.pdf");
    assert!(pdf.pages.len() >= 2 && pdf.pages.len().is_multiple_of(2), "fronts and backs alternate");
    let cells = card_cells();
    for (n, page) in pdf.pages.iter().enumerate() {
        assert_eq!((page.width, page.height), (LETTER.1, LETTER.0), "page {}", n + 1);
        let mut used = BTreeSet::new();
        for run in &page.runs {
            let cell = cells.iter().position(|(x, y)| {
                run.x >= x + 5.0 && run.x < x + CARD.0 - 5.0 && run.y >= y + 5.0 && run.y < y + CARD.1 - 5.0
            });
            let cell =
                cell.unwrap_or_else(|| panic!("page {}: {:?} lies outside every 3x5 card", n + 1, run));
            used.insert(cell);
        }
        if n + 2 < pdf.pages.len() {
            assert_eq!(used.len(), 4, "page {} should hold four cards", n + 1);
        }
        // Crop marks: short vertical marks at every cut line x, horizontal ones at every y.
        let near = |a: f64, b: f64| (a - b).abs() < 0.01;
        let (x0, y0) = cells[0];
        let outside =
            |p: (f64, f64)| p.0 < x0 || p.0 > x0 + 2.0 * CARD.0 || p.1 < y0 || p.1 > y0 + 2.0 * CARD.1;
        let marks: Vec<_> = page.segments.iter().filter(|(a, b)| outside(*a) && outside(*b)).collect();
        let mark_xs: BTreeSet<i64> =
            marks.iter().filter(|(a, b)| near(a.0, b.0)).map(|(a, _)| (a.0 * 100.0).round() as i64).collect();
        let mark_ys: BTreeSet<i64> =
            marks.iter().filter(|(a, b)| near(a.1, b.1)).map(|(a, _)| (a.1 * 100.0).round() as i64).collect();
        let want_xs: BTreeSet<i64> =
            (0..3).map(|i| ((x0 + i as f64 * CARD.0) * 100.0).round() as i64).collect();
        let want_ys: BTreeSet<i64> =
            (0..3).map(|i| ((y0 + i as f64 * CARD.1) * 100.0).round() as i64).collect();
        assert_eq!(mark_xs, want_xs, "page {}: vertical cut lines", n + 1);
        assert_eq!(mark_ys, want_ys, "page {}: horizontal cut lines", n + 1);
    }
}

#[test]
fn pdfs_hold_the_demo_numbers_and_the_guide_prompts() {
    let cards = squeeze(&open("cue-cards.pdf").text());
    let sheet = squeeze(&open("cheat-sheet.pdf").text());
    for figure in ["89%", "45ms", "120ms", "$1.2M", "50K", "0.92", "27%", "21%"] {
        assert!(cards.contains(figure), "cards lack {figure}");
        assert!(sheet.contains(figure), "cheat sheet lacks {figure}");
    }
    for prompt in ["Walk me through your most impactful ML project", "How do you handle missing data?"] {
        assert!(cards.contains(&squeeze(prompt)), "cards lack {prompt:?}");
        assert!(sheet.contains(&squeeze(prompt)), "cheat sheet lacks {prompt:?}");
    }
}

#[test]
fn pdfs_carry_title_and_author() {
    for (name, title) in [
        ("cue-cards.pdf", "Cue cards: Alex Morgan"),
        ("cheat-sheet.pdf", "Cheat sheet: Alex Morgan"),
        ("checklist.pdf", "Day-before checklist: Alex Morgan"),
    ] {
        let pdf = open(name);
        assert_eq!(pdf.title.as_deref(), Some(title), "{name}");
        assert_eq!(pdf.author.as_deref(), Some("Alex Morgan"), "{name}");
    }
}

#[test]
fn pdfs_are_tagged_pdf_ua_1() {
    for name in ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf"] {
        let bytes = std::fs::read(demo_pack().join(name)).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let catalog = doc.catalog().unwrap();
        assert!(catalog.has(b"StructTreeRoot"), "{name} is not tagged");
        let metadata = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
        let xmp = doc.get_object(metadata).unwrap().as_stream().unwrap();
        let xmp =
            String::from_utf8_lossy(&xmp.decompressed_content().unwrap_or(xmp.content.clone())).to_string();
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{name} does not claim PDF/UA-1");
    }
}

/// The PostScript names of the fonts shipped in `fonts/`.
fn bundled_font_names() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(crate_dir().join("fonts")).unwrap() {
        let path = entry.unwrap().path();
        if !matches!(path.extension().and_then(|e| e.to_str()), Some("ttf" | "otf")) {
            continue;
        }
        let data = typst::foundations::Bytes::new(std::fs::read(&path).unwrap());
        let font = typst::text::Font::new(data, 0).unwrap();
        names.insert(font.post_script_name().unwrap());
    }
    names
}

#[test]
fn every_font_is_embedded_and_comes_from_the_fonts_folder() {
    let bundled = bundled_font_names();
    assert_eq!(bundled.len(), 9, "{bundled:?}");
    for name in ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf"] {
        let pdf = open(name);
        assert!(!pdf.fonts.is_empty());
        for font in &pdf.fonts {
            assert!(font.embedded, "{name}: {} is not embedded", font.name);
            assert!(bundled.contains(&font.name), "{name}: {} is not a bundled font", font.name);
        }
    }
}

#[test]
fn two_builds_give_identical_bytes() {
    let scratch = Scratch::new("twice");
    for out in ["a", "b"] {
        let output = studypack(&scratch.0, &["build", "--out", out]);
        assert!(output.status.success(), "{}", streams(&output).1);
    }
    for name in ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf"] {
        let a = std::fs::read(scratch.path("a").join(name)).unwrap();
        let b = std::fs::read(scratch.path("b").join(name)).unwrap();
        assert!(a == b, "{name} differs between two builds");
    }
}

#[test]
fn source_date_epoch_sets_the_creation_date_reproducibly() {
    let scratch = Scratch::new("epoch");
    let run = |out: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_studypack"))
            .args(["build", "--only", "checklist", "--out", out])
            .current_dir(&scratch.0)
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", streams(&output).1);
        std::fs::read(scratch.path(out).join("checklist.pdf")).unwrap()
    };
    let (a, b) = (run("a"), run("b"));
    assert!(a == b, "same SOURCE_DATE_EPOCH, different bytes");
    let doc = lopdf::Document::load_mem(&a).unwrap();
    let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
    let date = String::from_utf8_lossy(info.get(b"CreationDate").unwrap().as_str().unwrap()).to_string();
    assert!(date.starts_with("D:20231114221320"), "{date}");
}

#[test]
fn broken_layout_names_file_line_column_and_leaves_out_untouched() {
    let scratch = Scratch::new("broken");
    let first = studypack(&scratch.0, &["build"]);
    assert!(first.status.success());
    let before: Vec<Vec<u8>> =
        ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf", "answers.pdf", "cue-cards.apkg"]
            .iter()
            .map(|n| std::fs::read(scratch.path("out").join(n)).unwrap())
            .collect();
    let layouts = crate_dir().join("tests/fixtures/broken-layouts");
    let output = studypack(&scratch.0, &["build", "--layouts", layouts.to_str().unwrap()]);
    let (out, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    // The whole sum is underlined, as the typst CLI marks it.
    let expected = format!(
        "{}:4:7: error: cannot add string and integer\n  |\n4 | #text(pack.person.name + 1)\n  |       {}\n",
        layouts.join("cards.typ").display(),
        "^".repeat("pack.person.name + 1".len())
    );
    assert_eq!(err, expected);
    assert_eq!(out, "", "nothing is reported as written");
    for (n, name) in ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf", "answers.pdf", "cue-cards.apkg"]
        .iter()
        .enumerate()
    {
        assert!(std::fs::read(scratch.path("out").join(name)).unwrap() == before[n], "{name} was changed");
    }
    let entries = names(&scratch.path("out"));
    assert_eq!(
        entries,
        [
            ".studypack-fit.json",
            "answers.pdf",
            "cheat-sheet.pdf",
            "checklist.pdf",
            "cue-cards.apkg",
            "cue-cards.pdf"
        ],
        "no temporary files are left"
    );
}

#[test]
fn a_broken_layout_error_keeps_typsts_trace_of_calls() {
    let scratch = Scratch::new("broken-trace");
    let layouts = crate_dir().join("tests/fixtures/broken-layout-trace");
    let output = studypack(&scratch.0, &["build", "--only", "cards", "--layouts", layouts.to_str().unwrap()]);
    let (out, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    // Where the error happens (in the helper), then the call in cards.typ that led there.
    let expected = format!(
        "{parts}:3:8: error: cannot add string and integer
  |
3 |   text(person.name + 1)
  |        {under}
  |
{cards}:5:2: note: while calling `name-line`
  |
5 | #name-line(pack.person)
  |  {call}
",
        parts = layouts.join("parts.typ").display(),
        cards = layouts.join("cards.typ").display(),
        under = "^".repeat("person.name + 1".len()),
        call = "-".repeat("name-line(pack.person)".len()),
    );
    assert_eq!(err, expected);
    assert!(!err.contains('\x1b'), "a piped run has no colour");
}
