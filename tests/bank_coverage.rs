//! The bank carries the whole guide, and every figure of the person's work is a fact:
//! the guide's sections are found in the rendered PDFs, and a pack rendered with every
//! fact changed holds none of the demo persona's figures.

mod common;

use common::pdf::{Pdf, collapse, squeeze};
use common::{Scratch, crate_dir, demo_pack, render_pack, streams, studypack};
use std::collections::BTreeMap;
use studypack::bank::Bank;
use studypack::facts::FactKind;
use studypack::pack::{self, DEFAULT_PACE_WPM, Pack, Rich, RichBlock};

/// The guide the bank is made from (a copy of the shared guide, kept with the tests).
fn guide() -> String {
    std::fs::read_to_string(crate_dir().join("tests/fixtures/interview-preparation-guide.md")).unwrap()
}

/// The lines of the guide's section that starts with `heading`, up to the next heading of
/// the same or a higher level.
fn section(guide: &str, heading: &str) -> Vec<String> {
    let level = heading.chars().take_while(|c| *c == '#').count();
    let mut lines = guide.lines().skip_while(|l| !l.starts_with(heading));
    lines.next().unwrap_or_else(|| panic!("the guide has no section {heading:?}"));
    lines
        .take_while(|l| {
            let hashes = l.chars().take_while(|c| *c == '#').count();
            hashes == 0 || hashes > level
        })
        .map(str::to_string)
        .collect()
}

/// Text between the first pair of `open`/`close` markers.
fn between<'a>(line: &'a str, open: &str, close: &str) -> &'a str {
    let start = line.find(open).map(|i| i + open.len()).unwrap_or(0);
    let end = line[start..].find(close).map_or(line.len(), |i| start + i);
    &line[start..end]
}

/// Everything the guide says must be printed, by section.
fn guide_items() -> Vec<(&'static str, String)> {
    let guide = guide();
    let mut items = Vec::new();
    for line in guide.lines().filter(|l| l.starts_with("#### Q")) {
        items.push(("question prompt", between(line, "\"", "\"").to_string()));
    }
    for line in section(&guide, "### DON'Ts in Interviews") {
        if line.starts_with(|c: char| c.is_ascii_digit()) {
            items.push(("red flag", between(&line, "**", "**").trim_matches('"').to_string()));
        }
    }
    for line in guide.lines().filter(|l| l.starts_with("- [ ] ")) {
        items.push(("checklist item", line["- [ ] ".len()..].to_string()));
    }
    for line in section(&guide, "## 📞 Questions to Ask the Interviewer") {
        if line.starts_with(|c: char| c.is_ascii_digit()) {
            items.push(("question to ask", between(&line, "\"", "\"").to_string()));
        }
    }
    for line in section(&guide, "### During the Interview:") {
        if line.starts_with(|c: char| c.is_ascii_digit()) {
            items.push(("final tip", between(&line, "**", "**").to_string()));
            items.push(("final tip", line.split(" - ").nth(1).unwrap_or_default().to_string()));
        }
    }
    for heading in ["### Red Flags Interviewers Look For:", "### Green Flags to Display:"] {
        for line in section(&guide, heading) {
            if let Some(flag) = line.strip_prefix("- ") {
                items.push(("interviewer flag", flag.to_string()));
            }
        }
    }
    for line in section(&guide, "## 📊 STAR Framework for Answering") {
        if let Some(part) = line.strip_prefix("### ") {
            items.push(("STAR part", part.split(" - ").nth(1).unwrap_or_default().to_string()));
        }
    }
    items.push(("formula", "CONTEXT + CHALLENGE + APPROACH + RESULT + LEARNING".to_string()));
    for line in section(&guide, "### The 3-Layer Approach") {
        if line.starts_with("**Layer") {
            items.push(("layer", between(&line, ": ", " (").to_string()));
        }
    }
    for phrase in ["Confidence comes from preparation.", "Can do the job", "Learns and grows"] {
        items.push(("closing", phrase.to_string()));
    }
    items
}

#[test]
fn every_section_of_the_guide_is_in_the_pdfs() {
    let dir = demo_pack();
    let text: String = ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf"]
        .iter()
        .map(|n| squeeze(&Pdf::open(&dir.join(n)).text()))
        .collect();
    let items = guide_items();
    let count = |kind: &str| items.iter().filter(|(k, _)| *k == kind).count();
    assert_eq!(count("question prompt"), 11);
    assert_eq!(count("red flag"), 10);
    assert_eq!(count("checklist item"), 19);
    assert_eq!(count("question to ask"), 7);
    assert_eq!(count("final tip"), 16);
    assert_eq!(count("interviewer flag"), 16);
    assert_eq!(count("STAR part"), 4);
    assert_eq!(count("layer"), 3);
    let missing: Vec<String> = items
        .iter()
        .filter(|(_, item)| !text.contains(&squeeze(item)))
        .map(|(kind, item)| format!("{kind}: {item}"))
        .collect();
    assert!(missing.is_empty(), "not in the PDFs:\n{}", missing.join("\n"));
}

#[test]
fn every_checklist_item_is_in_the_checklist_pdf() {
    let text = squeeze(&Pdf::open(&demo_pack().join("checklist.pdf")).text());
    for (_, item) in guide_items().iter().filter(|(k, _)| *k == "checklist item" || *k == "question to ask") {
        assert!(text.contains(&squeeze(item)), "checklist lacks {item:?}");
    }
}

/// A value of `kind` that no guide figure equals, numbered so that no two facts share one.
fn stand_in(kind: FactKind, i: usize) -> String {
    match kind {
        FactKind::Percent => format!("{}.{:02}%", 10 + i, i),
        FactKind::Money => format!("¥{}", 90_000 + i),
        FactKind::Duration => format!("{} weeks", 300 + i),
        FactKind::Count => format!("{}", 770_000 + i),
        FactKind::Number => format!("0.{}", 9100 + i),
        FactKind::Text => format!("Stand-in text {i}"),
        FactKind::Date => format!("2031-01-{:02}", 1 + i % 28),
    }
}

fn stand_in_values(bank: &Bank) -> BTreeMap<String, String> {
    bank.facts.iter().enumerate().map(|(i, f)| (f.path.clone(), stand_in(f.kind, i))).collect()
}

/// Literal text (not from a fact) in spans.
fn literal(spans: &Rich) -> String {
    spans.iter().filter(|s| s.fact.is_none()).map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
}

fn literal_blocks(blocks: &[RichBlock]) -> String {
    blocks.iter().map(|b| literal(&b.spans)).collect::<Vec<_>>().join(" ")
}

/// The person's text: answers, cues, headlines, scripts, worked examples and ✅ phrasings.
fn persons_text(pack: &Pack) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for q in &pack.questions {
        let c = &q.cues;
        out.push((format!("Q{} headline", q.number), literal(&q.headline)));
        for (name, cue) in [
            ("context", &c.context),
            ("challenge", &c.challenge),
            ("approach", &c.approach),
            ("result", &c.result),
            ("learning", &c.learning),
        ] {
            out.push((format!("Q{} {name} cue", q.number), literal(cue)));
        }
        out.push((format!("Q{} answer", q.number), literal_blocks(&q.answer)));
    }
    let s = &pack.scripts;
    out.push(("elevator pitch".into(), literal_blocks(&s.elevator_pitch)));
    out.push(("timeline intro".into(), literal_blocks(&s.timeline_intro)));
    out.push(("timeline outro".into(), literal_blocks(&s.timeline_outro)));
    for step in &s.timeline_steps {
        out.push(("timeline step".into(), format!("{} {}", literal(&step.when), literal(&step.text))));
    }
    let ex = &pack.frameworks.formula_example;
    for cue in [&ex.context, &ex.challenge, &ex.approach, &ex.result, &ex.learning] {
        out.push(("formula example".into(), literal(cue)));
    }
    for layer in &pack.frameworks.three_layer {
        if let Some(example) = &layer.example {
            out.push(("layer example".into(), literal(example)));
        }
    }
    for flag in &pack.red_flags {
        out.push((format!("red flag {} do", flag.number), literal(&flag.instead)));
    }
    out
}

/// Names of things that contain digits but are no figure of the person's.
const NAMES_WITH_DIGITS: [&str; 5] = ["F1", "p50", "p95", "p99", "R²"];

#[test]
fn no_answer_cue_headline_or_script_holds_a_literal_figure() {
    let bank = Bank::builtin().unwrap();
    let pack = pack::resolve(&bank, &stand_in_values(&bank), DEFAULT_PACE_WPM);
    let texts = persons_text(&pack);
    assert!(texts.len() > 80, "{} texts", texts.len());
    let mut found = Vec::new();
    for (place, text) in &texts {
        for word in text.split(|c: char| c.is_whitespace() || "()[],;:\"'/".contains(c)) {
            let word = word.trim_end_matches(['.', '-', '—']);
            if word.chars().any(|c| c.is_ascii_digit())
                && !NAMES_WITH_DIGITS.iter().any(|n| word.starts_with(n))
            {
                found.push(format!("{place}: {word:?}"));
            }
        }
    }
    assert!(found.is_empty(), "literal figures in the person's text:\n{}", found.join("\n"));
}

/// Where `needle` occurs in `text` as a whole token (not inside a longer number or word).
fn occurrences(text: &str, needle: &str) -> Vec<usize> {
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "$€£¥%".contains(c));
    text.match_indices(needle)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let mut after = text[at + needle.len()..].chars();
            let next = after.next();
            let decimal = matches!(next, Some('.' | ',')) && after.next().is_some_and(|c| c.is_ascii_digit());
            !glued(before) && !matches!(before, Some('.' | ',')) && !glued(next) && !decimal
        })
        .map(|(at, _)| at)
        .collect()
}

#[test]
fn rendering_with_every_fact_changed_leaves_none_of_the_demo_figures() {
    let bank = Bank::builtin().unwrap();
    let values = stand_in_values(&bank);
    let pack = pack::resolve(&bank, &values, DEFAULT_PACE_WPM);
    let (pdfs, _) = render_pack("stand-ins", &pack);
    let text: String = pdfs.iter().map(|p| p.text() + " ").collect();
    // Advice that is not about the person keeps its own numbers ("8 hours of sleep",
    // "first 6 months"): take it out before looking for the persona's figures.
    let mut advice: Vec<String> = Vec::new();
    let plain = |spans: &Rich| collapse(&spans.iter().map(|s| s.text.as_str()).collect::<String>());
    for g in &pack.checklist.groups {
        advice.extend(g.items.iter().map(plain));
    }
    advice.extend(pack.checklist.questions_to_ask.iter().map(plain));
    advice.extend(pack.final_tips.iter().map(|t| plain(&t.text)));
    advice.extend(pack.red_flags.iter().flat_map(|f| [plain(&f.title), plain(&f.dont)]));
    advice.extend(pack.frameworks.three_layer.iter().map(|l| l.budget.clone()));
    advice.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let mut text = collapse(&text);
    for a in &advice {
        text = text.replace(a.as_str(), " ");
    }
    // Every key number's stand-in is printed (on the cheat sheet and checklist)...
    for fact in bank.facts.iter().filter(|f| f.key) {
        let value = &values[&fact.path];
        assert!(text.contains(value.as_str()), "{}'s value {value:?} is printed nowhere", fact.path);
    }
    // ...and none of the demo persona's figures is. A bare integer below 100 ("5" folds,
    // "3" systems) cannot be told apart from the layouts' own numbering ("RED FLAG 3 OF 10",
    // "(3)" drill blanks) in rendered text; the test above proves that no such figure is
    // written literally in the person's text.
    let numbering = |v: &str| v.len() <= 2 && v.chars().all(|c| c.is_ascii_digit());
    let leftovers: Vec<String> = bank
        .facts
        .iter()
        .filter(|f| !numbering(&f.example))
        .flat_map(|f| occurrences(&text, &f.example).into_iter().map(move |at| (f, at)))
        .map(|(f, at)| {
            let (lo, hi) =
                (text.floor_char_boundary(at.saturating_sub(40)), text.ceil_char_boundary(at + 40));
            format!("{} = {:?} in …{}…", f.path, f.example, &text[lo..hi.min(text.len())])
        })
        .collect();
    assert!(leftovers.is_empty(), "demo figures still printed:\n{}", leftovers.join("\n"));
}

#[test]
fn list_shows_each_question_and_section_counts() {
    let scratch = Scratch::new("list");
    let output = studypack(&scratch.0, &["list"]);
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    let bank = Bank::builtin().unwrap();
    let pack = pack::resolve(&bank, &bank.examples(), DEFAULT_PACE_WPM);
    for q in &pack.questions {
        let category = serde_json::to_value(q.category).unwrap();
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("Q{:<3} {}", q.number, q.id)))
            .unwrap_or_else(|| panic!("no line for Q{}:\n{out}", q.number));
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields[2], category.as_str().unwrap());
        assert_eq!(fields[3], q.project);
        assert_eq!(fields[4], q.target);
        assert_eq!(fields[5], q.estimated);
    }
    for (name, count) in
        [("red flags (don't → do)", 10), ("questions to ask", 7), ("checklist items", 19), ("final tips", 8)]
    {
        let line =
            out.lines().find(|l| l.trim_start().starts_with(name)).unwrap_or_else(|| panic!("no {name}"));
        assert!(line.ends_with(&format!(" {count}")), "{line}");
    }
}
