//! `studypack list`: the bank's questions and sections, with ids and estimated times.

use super::settings::PersonSettings;
use crate::bank::Bank;
use crate::diag::Diagnostics;
use crate::pack::{self, DEFAULT_PACE_WPM};
use crate::profile;

/// Lists the bank's questions and sections, or, with a profile or job, those of the first
/// pack they make (the person's own questions, the job's selection, in order).
pub(crate) fn run(person: &PersonSettings) -> Result<(), Diagnostics> {
    let bank = Bank::builtin()?;
    let pack = if !person.has_files() {
        pack::resolve(&bank, &bank.examples(), DEFAULT_PACE_WPM)
    } else {
        // Missing facts are no reason not to list: they print as blanks here.
        let sources = profile::Sources { draft: true, ..person.sources.clone() };
        let (merged, _) = profile::merge(&bank, &sources)?;
        pack::resolve_merged(&merged[0])
    };
    let mut out = String::new();
    macro_rules! println {
        ($($arg:tt)*) => {{
            out.push_str(&format!($($arg)*));
            out.push('\n');
        }};
    }
    println!("Questions (estimated at {} words per minute):", pack.pace_wpm);
    println!("{:<4} {:<26} {:<11} {:<10} {:>6} {:>6}", "#", "id", "category", "project", "target", "est.");
    for q in &pack.questions {
        let category = serde_json::to_value(q.category).unwrap_or_default();
        println!(
            "Q{:<3} {:<26} {:<11} {:<10} {:>6} {:>6}",
            q.number,
            q.id,
            category.as_str().unwrap_or_default(),
            q.project,
            q.target,
            q.estimated
        );
    }
    println!(
        "\nRed flags (`red_flags: {{ ID: \"what you would say instead\" }}` replaces the example; `skip: [ID]` leaves one out):"
    );
    for flag in &pack.red_flags {
        let title: String = flag.title.iter().map(|s| s.text.as_str()).collect();
        println!("  {:<3} {:<16} {title}", flag.number, flag.id);
    }
    println!("\nWorked examples to replace with your own:");
    println!("  {:<20} frameworks: three_layer_example (or skip it)", crate::bank::THREE_LAYER_EXAMPLE);
    println!(
        "  {:<20} frameworks: formula_example (context, challenge, approach, result, learning)",
        crate::bank::FORMULA_EXAMPLE
    );
    println!("  {:<20} scripts: elevator_pitch", "elevator-pitch");
    println!("  {:<20} scripts: timeline", "timeline");
    let checklist_items: usize = pack.checklist.groups.iter().map(|g| g.items.len()).sum();
    let sections = [
        ("facts", pack.facts.len()),
        ("key numbers", pack.numbers.iter().map(|g| g.facts.len()).sum()),
        ("3-layer approach layers", pack.frameworks.three_layer.len()),
        ("formula parts", pack.frameworks.formula_parts.len()),
        ("STAR parts", pack.frameworks.star.len()),
        ("red flags (don't → do)", pack.red_flags.len()),
        ("interviewer red flags", pack.interviewer_red_flags.len()),
        ("green flags", pack.green_flags.len()),
        ("final tips", pack.final_tips.len()),
        ("experience timeline steps", pack.scripts.timeline_steps.len()),
        ("checklist groups", pack.checklist.groups.len()),
        ("checklist items", checklist_items),
        ("questions to ask", pack.checklist.questions_to_ask.len()),
        ("cue cards in the deck", pack.deck.len()),
    ];
    println!("\nSections:");
    for (name, count) in sections {
        println!("  {name:<28} {count:>3}");
    }
    println!("  {:<28} {:>3}s", "elevator pitch (spoken)", pack.scripts.elevator_pitch_seconds);
    super::print_stdout(&out);
    Ok(())
}
