//! A person's text is data: whatever characters it holds print literally, names in
//! Latin, Greek and Cyrillic print, and a character no font has is warned about.

mod common;

use common::pdf::{Pdf, squeeze};
use common::render_pack;
use std::collections::BTreeMap;
use studypack::bank::Bank;
use studypack::pack::{self, DEFAULT_PACE_WPM};

/// Renders the bank with some facts changed; returns the PDFs opened, and the warnings.
fn render_with(name: &str, changes: &[(&str, &str)]) -> (Vec<Pdf>, Vec<String>) {
    let bank = Bank::builtin().unwrap();
    let mut values: BTreeMap<String, String> = bank.examples();
    for (path, value) in changes {
        assert!(values.insert(path.to_string(), value.to_string()).is_some(), "{path} is declared");
    }
    render_pack(name, &pack::resolve(&bank, &values, DEFAULT_PACE_WPM))
}

#[test]
fn markup_characters_in_a_fact_print_literally() {
    let nasty = r#"$5 & $ #1 team a*b_c <tag> x > y \ // @ref `tick` **not bold** {{ churn.accuracy }} "q""#;
    let (pdfs, warnings) =
        render_with("literal", &[("churn.client", nasty), ("churn.annual_savings", "$1.2M & $")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let cards = squeeze(&pdfs[0].text());
    let sheet = squeeze(&pdfs[1].text());
    assert!(cards.contains(&squeeze(nasty)), "cards do not show the value literally");
    assert!(cards.contains("$1.2M&$"), "cards do not show the savings literally");
    assert!(sheet.contains("$1.2M&$"), "cheat sheet does not show the savings literally");
}

#[test]
fn names_in_latin_greek_and_cyrillic_print() {
    let name = "Zoë Łukasz-Дмитрий Αλέξης";
    let (pdfs, warnings) = render_with("names", &[("person.name", name)]);
    assert!(warnings.is_empty(), "{warnings:?}");
    for pdf in &pdfs {
        assert!(squeeze(&pdf.text()).contains(&squeeze(name)), "{:?} lacks the name", pdf.title);
        assert_eq!(pdf.author.as_deref(), Some(name));
    }
}

#[test]
fn a_character_no_font_has_is_warned_with_where_it_came_from() {
    let (pdfs, warnings) = render_with("glyph", &[("churn.client", "漢 telecom")]);
    assert_eq!(
        warnings,
        vec![
            "warning: no font has `漢` (U+6F22), used in fact `churn.client`: it prints as an empty box, and the PDFs are not marked PDF/UA-1\n |\n = hint: build with --system-fonts to use this machine's fonts, or --font-path DIR with a font that has it (the README lists which Noto font covers which script)"
                .to_string()
        ]
    );
    assert_eq!(pdfs.len(), 4, "the pack is still printed");
    assert!(pdfs[0].text().contains("telecom"));
    // Several such characters in one place are one warning naming them all.
    let (_, warnings) = render_with("glyphs", &[("churn.client", "漢字 telecom")]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("warning: no font has `漢`, `字` (U+6F22, U+5B57), used in fact `churn.client`: they print as empty boxes"),
        "{warnings:?}"
    );
}

#[test]
fn emoji_and_right_to_left_text_print() {
    let (pdfs, warnings) =
        render_with("emoji-rtl", &[("churn.client", "telecom 🚀 company"), ("person.role", "מהנדס נתונים")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let cards = squeeze(&pdfs[0].text());
    assert!(cards.contains("telecom🚀company"), "the emoji is not printed");
    // Typst draws colour emoji as a Type3 font: its glyphs are pictures inside the PDF.
    assert!(pdfs[0].fonts.iter().any(|f| f.name == "Type3" && f.embedded), "{:?}", pdfs[0].fonts);
    // The PDF draws right-to-left text in visual order (viewers apply the bidi algorithm
    // to read it back): the role's letters appear right to left, words in order.
    let sheet = squeeze(&pdfs[1].text());
    let visual: String = "מהנדסנתונים".chars().rev().collect();
    assert!(sheet.contains(&visual), "the Hebrew role is not printed");
}
