//! Pack → Anki deck (`cue-cards.apkg`): the cards meant for recall as notes (each question,
//! each red flag, the frameworks, the pitch, the timeline) and the numbers drills as cloze
//! notes, in a deck named after the person and the job.
//!
//! A note's GUID derives from what it is (person, job, kind, question id), never from its
//! text, so re-importing a rebuilt deck updates the notes in place. Anki applies an update
//! only when the incoming note is newer than its copy, so a note whose text changed since
//! the last deck built into the same folder is stamped later, and an unchanged one keeps
//! its time: two builds of the same inputs give the same bytes.

mod apkg;
mod html;
mod notetypes;

use crate::bank::{FORMULA_EXAMPLE, THREE_LAYER_EXAMPLE};
use crate::pack::{Pack, QuestionOut, clock};
use html::{blocks, escape, list, rich};
use notetypes::{CARD, DRILL, NoteType, QUESTION};

/// The note types of a deck, in the order the file lists them.
const NOTE_TYPES: [&NoteType; 3] = [&QUESTION, &CARD, &DRILL];

/// A deck made from one pack.
#[derive(Debug)]
pub(crate) struct Deck {
    /// The `.apkg` file.
    pub bytes: Vec<u8>,
    /// The deck's name in Anki: `Interview prep::Acme Analytics (Senior Data Scientist)`.
    pub name: String,
    /// What it holds (notes, cards, how many changed since the previous deck), for the
    /// summary line.
    pub summary: String,
}

/// One note before it gets its ids and times: what it is, its type, fields and tags.
struct Note {
    /// What the note is, e.g. `question` and the question's id: its GUID derives from it.
    kind: &'static str,
    key: String,
    notetype: &'static NoteType,
    fields: Vec<String>,
    /// The first field without markup, as Anki sorts by it.
    sort: String,
    tags: Vec<String>,
    /// Cards the note makes: one, or one per cloze deletion.
    cards: usize,
}

/// The deck of `pack`. `previous` is the deck last built into the same folder, if any
/// (its notes' times are kept where the text is unchanged); `now` is the build time in
/// seconds since 1970 (`SOURCE_DATE_EPOCH` when set), the time of new and changed notes.
pub(crate) fn deck(pack: &Pack, previous: Option<&[u8]>, now: i64) -> Result<Deck, String> {
    let notes = notes(pack);
    let name = deck_name(pack);
    let identity = identity(pack);
    let previous = previous.and_then(apkg::Previous::read);
    let written = apkg::write(&apkg::Contents {
        deck_name: &name,
        description: &description(pack),
        identity: &identity,
        note_types: &NOTE_TYPES,
        notes: &notes,
        previous: previous.as_ref(),
        now,
    })
    .map_err(|e| format!("cannot write the Anki deck: {e}"))?;
    let count = |kind: &str| notes.iter().filter(|n| n.kind == kind).count();
    let cards: usize = notes.iter().map(|n| n.cards).sum();
    let others = notes.len() - count("question") - count("red-flag") - count("drill");
    let summary = format!(
        "{} ({}, {}, {others} frameworks, scripts and lists, {}), {}, {} changed",
        plural(notes.len(), "note"),
        plural(count("question"), "question"),
        plural(count("red-flag"), "red flag"),
        plural(count("drill"), "drill"),
        plural(cards, "card"),
        written.changed,
    );
    Ok(Deck { bytes: written.bytes, name, summary })
}

/// `1 drill`, `11 drills`.
fn plural(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// `Interview prep::Jordan Lee`, and for a job a deck inside it, `Interview prep::Jordan
/// Lee::Acme Analytics (Senior Data Scientist)`: named after the person and the job.
/// `::` nests decks in Anki, so the person's own colons are kept apart.
fn deck_name(pack: &Pack) -> String {
    let person = if pack.person.name.trim().is_empty() { "studypack" } else { pack.person.name.as_str() };
    let mut name = format!("Interview prep::{}", literal_colons(person));
    match &pack.job {
        Some(job) if job.role.trim().is_empty() => name += &format!("::{}", literal_colons(&job.company)),
        Some(job) => name += &format!("::{}", literal_colons(&format!("{} ({})", job.company, job.role))),
        None => {}
    }
    name
}

/// A zero-width space between two colons, so that Anki shows `a::b` and does not nest.
fn literal_colons(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = None;
    for c in text.chars().filter(|c| !c.is_control()) {
        if c == ':' && last == Some(':') {
            out.push('\u{200B}');
        }
        out.push(c);
        last = Some(c);
    }
    out
}

/// Who and which job the deck is for: part of every GUID, so two people's or two jobs'
/// notes never update each other.
fn identity(pack: &Pack) -> Vec<String> {
    let (company, role) = pack.job.as_ref().map(|j| (j.company.clone(), j.role.clone())).unwrap_or_default();
    vec![pack.person.name.clone(), company, role]
}

fn description(pack: &Pack) -> String {
    let whose = if pack.person.name.is_empty() { "the demo".to_string() } else { escape(&pack.person.name) };
    format!(
        "Made by {} from {whose}'s own answers and figures. Build again and re-import: changed notes update in place.",
        escape(&pack.generator)
    )
}

/// Every note of the deck: the questions, the red flags, the frameworks, the pitch, the
/// timeline, then the numbers drills.
fn notes(pack: &Pack) -> Vec<Note> {
    let mut notes: Vec<Note> = pack
        .questions
        .iter()
        .map(|q| question(q, &example_mark(pack, &format!("question:{}", q.id))))
        .collect();
    let flags = pack.red_flags.len();
    notes.extend(pack.red_flags.iter().map(|f| {
        let front =
            format!("“{}”<div class=\"sp-detail sp-dont\">Don’t: {}</div>", rich(&f.title), rich(&f.dont));
        let label = if f.advice { "Instead" } else { "Say instead" };
        let back = format!(
            "<div class=\"sp-label\">{label}</div><div class=\"sp-say\">{}</div>{}",
            rich(&f.instead),
            example_mark(pack, &format!("red-flag:{}", f.id))
        );
        // A red flag is the same note by its id, whichever flags a profile skips.
        card("red-flag", f.id.clone(), &format!("Red flag {} of {flags}", f.number), front, back)
            .sorted_by(html::plain(&f.title))
    }));
    notes.push(star(pack));
    notes.push(layers(pack));
    notes.push(pitch(pack));
    notes.push(timeline(pack));
    notes.extend(questions_to_ask(pack));
    notes.extend(final_tips(pack));
    notes.extend(pack.drill.iter().filter_map(|d| {
        let q = pack.questions.iter().find(|q| q.id == d.question)?;
        let (text, deletions) = html::cloze(&d.sentence, &d.answers);
        // A draft whose figures are all blank asks nothing: Anki refuses a cloze note without a deletion.
        (deletions > 0).then(|| {
            let answers: String = d
                .answers
                .iter()
                .filter(|a| !a.value.is_empty())
                .map(|a| {
                    format!(
                        "<li><b class=\"sp-fig\">{}</b> {}</li>",
                        escape(&a.value),
                        escape(&a.description)
                    )
                })
                .collect();
            let extra = format!("<p>Q{}: {}</p><ul>{answers}</ul>", q.number, rich(&q.prompt));
            Note {
                kind: "drill",
                key: d.question.clone(),
                notetype: &DRILL,
                fields: vec![text, format!("Numbers drill · Q{}", d.number), extra],
                sort: html::plain(&d.sentence),
                tags: question_tags("drill", q),
                cards: deletions,
            }
        })
    }));
    notes
}

/// The mark of a text that is the guide's worked example, not the person's (a draft's
/// template text, a red flag in the guide's words in a pack telling another story), as the
/// PDFs mark it; empty for the person's own. `key` is the text's place key (`red-flag:ID`).
fn example_mark(pack: &Pack, key: &str) -> String {
    if pack.examples.iter().any(|k| k == key) {
        "<div class=\"sp-label sp-example\">guide’s example, not yours</div>".to_string()
    } else {
        String::new()
    }
}

/// A question: number, category, prompt and target time on the front; headline, the five
/// cues and the full answer on the back. `mark` is its example mark, before the headline.
fn question(q: &QuestionOut, mark: &str) -> Note {
    let c = &q.cues;
    Note {
        kind: "question",
        key: q.id.clone(),
        notetype: &QUESTION,
        fields: vec![
            rich(&q.prompt),
            format!("Q{}", q.number),
            category(q).to_string(),
            escape(&q.target),
            format!("{mark}{}", rich(&q.headline)),
            rich(&c.context),
            rich(&c.challenge),
            rich(&c.approach),
            rich(&c.result),
            rich(&c.learning),
            blocks(&q.answer),
        ],
        sort: html::plain(&q.prompt),
        tags: question_tags("question", q),
        cards: 1,
    }
}

fn category(q: &QuestionOut) -> &'static str {
    match q.category {
        crate::bank::Category::General => "General",
        crate::bank::Category::Technical => "Technical",
        crate::bank::Category::Behavioral => "Behavioral",
    }
}

/// `studypack::question category::technical project::churn`.
fn question_tags(kind: &str, q: &QuestionOut) -> Vec<String> {
    vec![
        format!("studypack::{kind}"),
        format!("category::{}", category(q).to_lowercase()),
        format!("project::{}", tag_word(&q.project)),
    ]
}

/// A tag part: Anki splits tags at spaces and nests them at `::`.
fn tag_word(text: &str) -> String {
    let word: String =
        text.chars().map(|c| if c.is_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    if word.is_empty() { "_".to_string() } else { word }
}

/// A note of the `studypack card` type.
fn card(kind: &'static str, key: String, label: &str, front: String, back: String) -> Note {
    let tag = match kind {
        "red-flag" => "studypack::red-flag",
        "star" | "layers" => "studypack::framework",
        "ask" | "tips" => "studypack::interview",
        _ => "studypack::script",
    };
    Note {
        kind,
        key,
        notetype: &CARD,
        sort: String::new(),
        fields: vec![front, back, escape(label)],
        tags: vec![tag.to_string()],
        cards: 1,
    }
}

impl Note {
    fn sorted_by(self, sort: String) -> Note {
        Note { sort, ..self }
    }
}

/// STAR: each part with what it holds, its prompts and its time budget.
fn star(pack: &Pack) -> Note {
    let parts: String = pack
        .frameworks
        .star
        .iter()
        .map(|s| {
            let key = if s.most_important { " · most important" } else { "" };
            format!(
                "<div class=\"sp-label\">{} · {} · {}{key}</div><p>{}</p>{}",
                escape(&s.letter),
                escape(&s.name),
                escape(&s.budget),
                escape(&s.summary),
                list(&s.prompts)
            )
        })
        .collect();
    let front = "STAR: what goes in each part, and for how long".to_string();
    card("star", String::new(), "Framework", front.clone(), parts).sorted_by(front)
}

/// The 3-layer approach with its budgets, and the answer formula with its example.
fn layers(pack: &Pack) -> Note {
    let fw = &pack.frameworks;
    let mut back: String = fw
        .three_layer
        .iter()
        .map(|l| {
            let example = l
                .example
                .as_ref()
                .map(|e| format!("<p>e.g. {}</p>{}", rich(e), example_mark(pack, THREE_LAYER_EXAMPLE)))
                .unwrap_or_default();
            format!(
                "<div class=\"sp-label\">{} · {}</div>{}{example}",
                escape(&l.name),
                escape(&l.budget),
                list(&l.points)
            )
        })
        .collect();
    let parts: Vec<String> = fw.formula_parts.iter().map(|p| escape(p)).collect();
    let ex = &fw.formula_example;
    back.push_str(&format!(
        "<div class=\"sp-label\">The formula</div><p><b>{}</b></p><dl class=\"sp-cues\">",
        parts.join(" + ")
    ));
    for (part, text) in parts.iter().zip([&ex.context, &ex.challenge, &ex.approach, &ex.result, &ex.learning])
    {
        back.push_str(&format!("<dt>{part}</dt><dd>{}</dd>", rich(text)));
    }
    back.push_str("</dl>");
    back.push_str(&example_mark(pack, FORMULA_EXAMPLE));
    let front = "The 3 layers of an answer, and the answer formula".to_string();
    card("layers", String::new(), "Framework", front.clone(), back).sorted_by(front)
}

/// The 30-second elevator pitch.
fn pitch(pack: &Pack) -> Note {
    let s = &pack.scripts;
    let front = format!(
        "Your 30-second elevator pitch<div class=\"sp-detail\">Yours runs ~{} at {} words a minute</div>",
        clock(s.elevator_pitch_seconds),
        pack.pace_wpm
    );
    let back = format!("{}{}", blocks(&s.elevator_pitch), example_mark(pack, "elevator-pitch"));
    card("pitch", String::new(), "Script", front, back).sorted_by("Your 30-second elevator pitch".to_string())
}

/// The questions to ask the interviewer (the bank's and the job's), as the cue card has
/// them; none when a pack has none.
fn questions_to_ask(pack: &Pack) -> Option<Note> {
    let questions = &pack.checklist.questions_to_ask;
    if questions.is_empty() {
        return None;
    }
    let items: String = questions.iter().map(|q| format!("<li>{}</li>", rich(q))).collect();
    let front = format!(
        "Your questions to ask the interviewer<div class=\"sp-detail\">{} ready for the end of the interview</div>",
        plural(questions.len(), "question")
    );
    let back = format!("<ol>{items}</ol>");
    Some(
        card("ask", String::new(), "Questions to ask", front, back)
            .sorted_by("Your questions to ask the interviewer".to_string()),
    )
}

/// The final tips for during the interview, as the back of the questions-to-ask card has them.
fn final_tips(pack: &Pack) -> Option<Note> {
    if pack.final_tips.is_empty() {
        return None;
    }
    let items: String = pack
        .final_tips
        .iter()
        .map(|t| format!("<li><b>{}</b>: {}</li>", rich(&t.title), rich(&t.text)))
        .collect();
    let front = format!(
        "During the interview: the {}<div class=\"sp-detail\">What to keep in mind while you answer</div>",
        plural(pack.final_tips.len(), "tip")
    );
    Some(
        card("tips", String::new(), "During the interview", front, format!("<ul>{items}</ul>"))
            .sorted_by("During the interview".to_string()),
    )
}

/// The experience timeline: its prompt on the front, the steps on the back.
fn timeline(pack: &Pack) -> Note {
    let s = &pack.scripts;
    let steps: String = s
        .timeline_steps
        .iter()
        .map(|step| format!("<li><b>{}</b> {}</li>", rich(&step.when), rich(&step.text)))
        .collect();
    let back = format!(
        "{}<ul>{steps}</ul>{}{}",
        blocks(&s.timeline_intro),
        blocks(&s.timeline_outro),
        example_mark(pack, "timeline")
    );
    card("timeline", String::new(), "Script", rich(&s.timeline_prompt), back)
        .sorted_by(html::plain(&s.timeline_prompt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colons_in_a_company_name_do_not_nest_the_deck() {
        assert_eq!(literal_colons("A::B"), "A:\u{200B}:B");
        assert_eq!(literal_colons("10:30"), "10:30");
    }

    #[test]
    fn tags_have_no_spaces_or_nesting_from_the_person() {
        assert_eq!(tag_word("my project::x"), "my_project__x");
    }
}
