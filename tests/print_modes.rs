//! Print-ready cards: every card size on card stock and on paper, the most cards per
//! sheet, backs landing behind their fronts after a long- or short-edge flip, folding
//! cards, fitting text, and errors that name what does not fit. Geometry is read from the
//! PDFs: page sizes, text positions, crop marks.

mod common;

use common::pdf::{Page, Pdf, squeeze};
use common::{Scratch, crate_dir, streams, studypack};
use std::collections::BTreeMap;

const INCH: f64 = 72.0;
const MM: f64 = 72.0 / 25.4;
/// Home printers print to about 4 mm: cards keep a quarter inch from the paper's edge.
const MARGIN: f64 = 0.25 * INCH;

fn card_size(card: &str) -> (f64, f64) {
    match card {
        "3x5in" => (5.0 * INCH, 3.0 * INCH),
        "4x6in" => (6.0 * INCH, 4.0 * INCH),
        "a6" => (148.0 * MM, 105.0 * MM),
        "a7" => (105.0 * MM, 74.0 * MM),
        _ => unreachable!(),
    }
}

fn paper_size(paper: &str) -> (f64, f64) {
    match paper {
        "letter" => (8.5 * INCH, 11.0 * INCH),
        "a4" => (210.0 * MM, 297.0 * MM),
        _ => unreachable!(),
    }
}

/// The most `w`×`h` cards that fit inside the margins, trying both orientations of the
/// paper, by counting: (page width, page height, columns, rows).
fn most_cards(paper: (f64, f64), w: f64, h: f64) -> (f64, f64, usize, usize) {
    let mut best = (0.0, 0.0, 0, 0);
    for (pw, ph) in [paper, (paper.1, paper.0)] {
        let columns = (1..20).take_while(|c| *c as f64 * w <= pw - 2.0 * MARGIN + 1e-6).last().unwrap_or(0);
        let rows = (1..20).take_while(|r| *r as f64 * h <= ph - 2.0 * MARGIN + 1e-6).last().unwrap_or(0);
        if columns * rows > best.2 * best.3 {
            best = (pw, ph, columns, rows);
        }
    }
    best
}

fn build_cards(scratch: &Scratch, out: &str, flags: &[&str]) -> Pdf {
    let mut args = vec!["build", "--only", "cards", "--out", out];
    args.extend(flags);
    let output = studypack(&scratch.0, &args);
    let (o, e) = streams(&output);
    assert!(output.status.success(), "{flags:?}: {o}{e}");
    Pdf::open(&scratch.path(out).join("cue-cards.pdf"))
}

/// Each "n/N" deck label on the page: card number → (x, y) of the label.
fn labels(page: &Page) -> BTreeMap<usize, Vec<(f64, f64)>> {
    let mut out: BTreeMap<usize, Vec<(f64, f64)>> = BTreeMap::new();
    for run in &page.runs {
        if let Some((n, total)) = run.text.split_once('/')
            && let (Ok(n), Ok(_)) = (n.parse::<usize>(), total.parse::<usize>())
        {
            out.entry(n).or_default().push((run.x, run.y));
        }
    }
    out
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn every_card_size_on_card_stock_is_one_face_per_page_at_the_card_size() {
    let scratch = Scratch::new("card-stock");
    for card in ["3x5in", "4x6in", "a6", "a7"] {
        let pdf = build_cards(&scratch, card, &["--card", card, "--sheet", "card"]);
        let (w, h) = card_size(card);
        assert_eq!(pdf.pages.len(), 2 * 37, "{card}: a front and a back page per card");
        for (i, page) in pdf.pages.iter().enumerate() {
            assert!(
                near(page.width, w) && near(page.height, h),
                "{card} page {}: {}x{}",
                i + 1,
                page.width,
                page.height
            );
            let l = labels(page);
            assert_eq!(l.keys().copied().collect::<Vec<_>>(), vec![i / 2 + 1], "{card} page {}", i + 1);
            assert!(
                page.runs.iter().all(|r| r.x >= 0.0 && r.x < w && r.y >= 0.0 && r.y < h),
                "{card}: text off the card"
            );
        }
    }
}

#[test]
fn on_paper_each_size_gets_the_most_cards_that_fit_with_crop_marks_at_the_cuts() {
    let scratch = Scratch::new("paper");
    for paper in ["letter", "a4"] {
        for card in ["3x5in", "4x6in", "a6", "a7"] {
            let pdf = build_cards(&scratch, &format!("{paper}-{card}"), &["--card", card, "--paper", paper]);
            let (w, h) = card_size(card);
            let (pw, ph, columns, rows) = most_cards(paper_size(paper), w, h);
            let per_sheet = columns * rows;
            assert_eq!(pdf.pages.len(), 2 * 37usize.div_ceil(per_sheet), "{paper} {card}");
            let (x0, y0) = ((pw - columns as f64 * w) / 2.0, (ph - rows as f64 * h) / 2.0);
            for (i, page) in pdf.pages.iter().enumerate() {
                assert!(near(page.width, pw) && near(page.height, ph), "{paper} {card} page {}", i + 1);
                if i + 2 < pdf.pages.len() {
                    assert_eq!(
                        labels(page).len(),
                        per_sheet,
                        "{paper} {card} page {}: cards on the sheet",
                        i + 1
                    );
                }
                // Crop marks: one vertical mark above and below at each cut line x, one
                // horizontal mark left and right at each cut line y, all outside the cards.
                let xs: Vec<f64> = (0..=columns).map(|c| x0 + c as f64 * w).collect();
                let ys: Vec<f64> = (0..=rows).map(|r| y0 + r as f64 * h).collect();
                let outside = |p: (f64, f64)| {
                    p.0 < x0 - 0.5 || p.0 > xs[columns] + 0.5 || p.1 < y0 - 0.5 || p.1 > ys[rows] + 0.5
                };
                let marks: Vec<_> =
                    page.segments.iter().filter(|(a, b)| outside(*a) && outside(*b)).collect();
                assert_eq!(
                    marks.len(),
                    2 * (columns + 1) + 2 * (rows + 1),
                    "{paper} {card} page {}: crop marks",
                    i + 1
                );
                for (a, b) in marks {
                    let on_x = near(a.0, b.0) && xs.iter().any(|x| near(*x, a.0));
                    let on_y = near(a.1, b.1) && ys.iter().any(|y| near(*y, a.1));
                    assert!(on_x || on_y, "{paper} {card}: a crop mark {a:?}–{b:?} is on no cut line");
                    for p in [a, b] {
                        assert!(
                            p.0 >= 0.0 && p.0 <= pw && p.1 >= 0.0 && p.1 <= ph,
                            "{paper} {card}: crop mark off the page"
                        );
                    }
                }
            }
        }
    }
}

/// Where a point of the front lands on the back page after turning the sheet over its
/// long or short edge (the hinge): mirrored across the hinge's axis.
fn turned(p: (f64, f64), page: (f64, f64), edge: &str) -> (f64, f64) {
    let landscape = page.0 > page.1;
    let hinge_is_horizontal = (edge == "long-edge") == landscape;
    if hinge_is_horizontal { (p.0, page.1 - p.1) } else { (page.0 - p.0, p.1) }
}

#[test]
fn each_back_lands_behind_its_own_front_after_the_flip() {
    let scratch = Scratch::new("duplex");
    // Landscape sheets (3x5 on letter) and portrait ones (A6 on A4).
    for (card, paper) in [("3x5in", "letter"), ("a6", "a4")] {
        for edge in ["long-edge", "short-edge"] {
            let pdf = build_cards(
                &scratch,
                &format!("{card}-{edge}"),
                &["--card", card, "--paper", paper, "--duplex", edge],
            );
            let (w, h) = card_size(card);
            let mut checked = 0;
            for pair in pdf.pages.chunks(2) {
                let (front, back) = (&pair[0], &pair[1]);
                let size = (front.width, front.height);
                for (n, spots) in labels(front) {
                    // The card's rectangle: its label sits in the bottom-right corner, so
                    // the card is the cell of the sheet's grid that holds the label.
                    let (lx, ly) = spots[0];
                    let card_of = |x: f64, y: f64, page: &Page| -> (f64, f64) {
                        let (columns, rows) = ((page.width / w) as usize, (page.height / h) as usize);
                        let (x0, y0) =
                            ((page.width - columns as f64 * w) / 2.0, (page.height - rows as f64 * h) / 2.0);
                        (x0 + ((x - x0) / w).floor() * w, y0 + ((y - y0) / h).floor() * h)
                    };
                    let (fx, fy) = card_of(lx, ly, front);
                    // The front card's corners, turned over: where its back must be.
                    let a = turned((fx, fy), size, edge);
                    let b = turned((fx + w, fy + h), size, edge);
                    let (want_x, want_y) = (a.0.min(b.0), a.1.min(b.1));
                    let back_label = labels(back)
                        .get(&n)
                        .unwrap_or_else(|| panic!("card {n}'s back is not on the next page"))[0];
                    let (bx, by) = card_of(back_label.0, back_label.1, back);
                    assert!(
                        (bx - want_x).abs() <= MM && (by - want_y).abs() <= MM,
                        "{card} on {paper}, {edge}: card {n}'s back is at ({bx:.1}, {by:.1}), its front turns over to ({want_x:.1}, {want_y:.1})"
                    );
                    // And every piece of the back's text is within that card.
                    let inside = |r: &&common::pdf::Run| {
                        r.x >= want_x && r.x <= want_x + w && r.y >= want_y && r.y <= want_y + h
                    };
                    let back_text: Vec<_> = back.runs.iter().filter(inside).collect();
                    assert!(back_text.iter().any(|r| r.text == format!("{n}/37")));
                    checked += 1;
                }
            }
            assert_eq!(checked, 37, "{card} {edge}");
        }
    }
}

#[test]
fn folding_cards_print_front_and_back_side_by_side() {
    let scratch = Scratch::new("fold");
    let pdf = build_cards(&scratch, "fold", &["--duplex", "off"]);
    let (w, _) = card_size("3x5in");
    let mut seen = 0;
    for page in &pdf.pages {
        for (n, spots) in labels(page) {
            assert_eq!(spots.len(), 2, "card {n}: front and back on the same page");
            assert!(
                near((spots[1].0 - spots[0].0).abs(), w),
                "card {n}: the back is one card width from its front"
            );
            assert!(near(spots[0].1, spots[1].1));
            seen += 1;
        }
    }
    assert_eq!(seen, 37);
}

fn profile_with(scratch: &Scratch, extra: &str) -> String {
    let jordan = std::fs::read_to_string(crate_dir().join("tests/fixtures/person/jordan.yaml")).unwrap();
    std::fs::write(scratch.path("me.yaml"), format!("{jordan}{extra}")).unwrap();
    "me.yaml".to_string()
}

#[test]
fn a_card_that_cannot_fit_at_9_pt_is_an_error_naming_it() {
    let scratch = Scratch::new("overflow");
    let words = "decisive ".repeat(80);
    let cues = format!(
        "questions:\n  - id: model-choice\n    cues:\n      context: {words}\n      challenge: {words}\n      approach: {words}\n      result: {words}\n      learning: {words}\n"
    );
    let profile = profile_with(&scratch, &cues);
    // The hint offers larger cards in the way this sheet takes them, and none on the largest.
    for (print, hint) in [
        (&[][..], "shorten its text, or print on larger cards with `--card 4x6in`"),
        (
            &["--sheet", "avery-5388"][..],
            "shorten its text, or print on larger cards: `--sheet avery-5389` (6 x 4 in, perforated) or `--sheet card --card 4x6in`",
        ),
        (&["--card", "4x6in"][..], "shorten its text: these are the largest cards studypack prints"),
    ] {
        let output = studypack(&scratch.0, &[&["build", "--profile", &profile][..], print].concat());
        let (out, err) = streams(&output);
        assert_eq!(output.status.code(), Some(1), "{print:?}: {out}{err}");
        let re = regex::Regex::new(&format!(
            r"^error: Q3 \(model-choice\) does not fit its card: the back overflows by \d+ pt \(\d+\.\d mm\) at 9 pt\n \|\n = hint: {}\n",
            regex::escape(hint)
        ))
        .unwrap();
        assert!(re.is_match(&err), "{print:?}: {err}");
        assert!(!scratch.path("out").exists());
    }
}

#[test]
fn a_word_wider_than_its_card_is_an_error_naming_the_card() {
    let scratch = Scratch::new("wide-word");
    let word = "Donaudampfschifffahrtsgesellschaftskapitaenswitwenpensionsauszahlungsverordnung";
    let profile = profile_with(
        &scratch,
        &format!(
            "questions:\n  - id: model-choice\n    cues:\n      context: A long word, {word}, in a cue\n"
        ),
    );
    let output = studypack(&scratch.0, &["build", "--profile", &profile]);
    let (out, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    assert_eq!(
        err,
        format!(
            "error: Q3 (model-choice) does not fit its card: on its back, `{word},` is wider than the card and would be cut off at its edge\n |\n = hint: break it with a space or a hyphen (a long link: shorten it, or leave out `https://`), or print on larger cards\n"
        )
    );
    assert!(!scratch.path("out").exists());
    // Broken with hyphens, as the hint says, it prints whole.
    let broken = word.replace("schiff", "-schiff-").replace("witwen", "-witwen-");
    let profile = profile_with(
        &scratch,
        &format!(
            "questions:\n  - id: model-choice\n    cues:\n      context: A long word, {broken}, in a cue\n"
        ),
    );
    let output = studypack(&scratch.0, &["build", "--profile", &profile, "--only", "cards"]);
    assert!(output.status.success(), "{}", streams(&output).1);
    let cards = Pdf::open(&scratch.path("out/cue-cards.pdf"));
    assert!(squeeze(&cards.text()).contains(&squeeze(&broken)), "the word prints whole");
}

/// The size the cheat sheet was printed at, from its footer.
fn printed_size(pdf: &Pdf) -> f64 {
    let text = pdf.text();
    let at = text.find("printed at ").expect("footer") + "printed at ".len();
    text[at..].split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn a_long_elevator_pitch_still_gives_one_page_at_6_pt_or_more() {
    let scratch = Scratch::new("long-pitch");
    let pitch = "I build dependable machine learning systems that ship. ".repeat(25);
    assert_eq!(pitch.split_whitespace().count(), 200);
    let profile = profile_with(&scratch, &format!("scripts:\n  elevator_pitch: \"{}\"\n", pitch.trim()));
    let output = studypack(&scratch.0, &["build", "--only", "cheatsheet", "--profile", &profile]);
    let (_, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    let pdf = Pdf::open(&scratch.path("out/cheat-sheet.pdf"));
    assert_eq!(pdf.pages.len(), 1);
    let size = printed_size(&pdf);
    assert!((6.0..10.0).contains(&size), "printed at {size} pt");
    assert!(squeeze(&pdf.text()).contains(&squeeze(pitch.trim())), "the pitch is clipped");
    // The demo pack, with less to say, is printed larger.
    let demo = studypack(&scratch.0, &["build", "--only", "cheatsheet", "--out", "demo"]);
    assert!(demo.status.success());
    assert!(printed_size(&Pdf::open(&scratch.path("demo/cheat-sheet.pdf"))) > size);
}

#[test]
fn a_cheat_sheet_that_cannot_fit_at_6_pt_names_its_longest_sections() {
    let scratch = Scratch::new("too-long");
    let headline = "I led a careful and thorough piece of work with many steps. ".repeat(25);
    let mut extra = String::from("questions:\n");
    let bank = studypack::bank::Bank::builtin().unwrap();
    for id in bank.questions.iter().map(|q| &q.id) {
        extra.push_str(&format!("  - id: {id}\n    headline: \"{}\"\n", headline.trim()));
    }
    let profile = profile_with(&scratch, &extra);
    let output = studypack(&scratch.0, &["build", "--only", "cheatsheet", "--profile", &profile]);
    let (out, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    let re = regex::Regex::new(r"^error: the cheat sheet needs \d pages even at 6 pt; it must fit on one\n \|\n = hint: shorten its longest sections: the questions' prompts and headlines \((\d+)% of the page\), [a-z' ]+ \((\d+)% of the page\), [a-z' ]+ \((\d+)% of the page\)\n").unwrap();
    let caps = re.captures(&err).unwrap_or_else(|| panic!("{err}"));
    let shares: Vec<u32> = (1..=3).map(|i| caps[i].parse().unwrap()).collect();
    // Longest first; the long headlines take most of the page.
    assert!(shares[0] >= shares[1] && shares[1] >= shares[2] && shares[0] > 50, "{err}");
}

#[test]
fn no_printed_text_is_clipped() {
    let scratch = Scratch::new("clipping");
    let output = studypack(&scratch.0, &["build"]);
    assert!(output.status.success());
    let text: String = ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf"]
        .iter()
        .map(|n| squeeze(&Pdf::open(&scratch.path("out").join(n)).text()))
        .collect();
    let bank = studypack::bank::Bank::builtin().unwrap();
    let pack = studypack::pack::resolve(&bank, &bank.examples(), 150);
    let plain = |spans: &Vec<studypack::pack::Span>| {
        squeeze(&spans.iter().map(|s| s.text.as_str()).collect::<String>())
    };
    let mut strings: Vec<(String, String)> = Vec::new();
    for q in &pack.questions {
        let c = &q.cues;
        for (what, s) in [
            ("prompt", &q.prompt),
            ("headline", &q.headline),
            ("context", &c.context),
            ("challenge", &c.challenge),
            ("approach", &c.approach),
            ("result", &c.result),
            ("learning", &c.learning),
        ] {
            strings.push((format!("Q{} {what}", q.number), plain(s)));
        }
    }
    for f in &pack.red_flags {
        for (what, s) in [("title", &f.title), ("don't", &f.dont), ("do", &f.instead)] {
            strings.push((format!("red flag {} {what}", f.number), plain(s)));
        }
    }
    for b in pack
        .scripts
        .elevator_pitch
        .iter()
        .chain(&pack.scripts.timeline_intro)
        .chain(&pack.scripts.timeline_outro)
    {
        strings.push(("script".into(), plain(&b.spans)));
    }
    for s in &pack.scripts.timeline_steps {
        strings.push(("timeline step".into(), plain(&s.text)));
    }
    for star in &pack.frameworks.star {
        strings.extend(star.prompts.iter().map(|p| ("STAR prompt".to_string(), plain(p))));
    }
    for d in &pack.drill {
        strings.extend(d.answers.iter().map(|a| ("drill answer".to_string(), squeeze(&a.description))));
    }
    for t in &pack.final_tips {
        strings.push(("tip".into(), plain(&t.text)));
    }
    assert!(strings.len() > 120, "{}", strings.len());
    let clipped: Vec<String> = strings
        .iter()
        .filter(|(_, s)| !text.contains(s.as_str()))
        .map(|(w, s)| format!("{w}: {s}"))
        .collect();
    assert!(clipped.is_empty(), "not printed whole:\n{}", clipped.join("\n"));
}

#[test]
fn the_card_fit_chooses_what_trying_every_size_from_the_largest_chooses() {
    // The same layouts with the fit replaced by a plain scan down from the largest size: the
    // search (guess from the height at the largest size, its neighbour, then bisection) must
    // pick the same size for every face, so the PDFs are byte-identical.
    let scratch = Scratch::new("fit-scan");
    let exported = studypack(&scratch.0, &["layouts", "scan"]);
    assert!(exported.status.success(), "{}", streams(&exported).1);
    let cards = scratch.path("scan/cards.typ");
    let text = std::fs::read_to_string(&cards).unwrap();
    let start = text.find("#let fit(").expect("cards.typ defines fit");
    let end = text.find("// A small caps label").expect("and then label-text");
    let scan = r#"#let fit(width, height, max, card, face, key, space, body) = {
  let fits(size) = measure(block(width: width, body(size))).height <= height
  let steps = range(int(text-min.pt() * 2), int(max.pt() * 2) + 1).map(x => x / 2 * 1pt)
  for size in steps.rev() { if fits(size) { return fitted(key, space, size) + body(size) } }
  let over = measure(block(width: width, body(steps.first()))).height - height
  [#metadata((card: card, face: face, overflow: over.pt())) <studypack-overflow>] + body(steps.first())
}

"#;
    std::fs::write(&cards, format!("{}{scan}{}", &text[..start], &text[end..])).unwrap();
    let jordan = crate_dir().join("tests/fixtures/person/jordan.yaml");
    for (name, flags) in
        [("3x5", vec![]), ("a7", vec!["--card", "a7", "--profile", jordan.to_str().unwrap()])]
    {
        let search =
            studypack(&scratch.0, &[&["build", "--only", "cards", "--out", name][..], &flags].concat());
        assert!(search.status.success(), "{}", streams(&search).1);
        let scan_out = format!("{name}-scan");
        let scanned = studypack(
            &scratch.0,
            &[&["build", "--only", "cards", "--layouts", "scan", "--out", &scan_out][..], &flags].concat(),
        );
        assert!(scanned.status.success(), "{}", streams(&scanned).1);
        let read = |dir: &str| std::fs::read(scratch.path(dir).join("cue-cards.pdf")).unwrap();
        assert!(read(name) == read(&scan_out), "{name}: the search chose other sizes than the scan");
    }
}
