//! The resolved pack: the bank with the person's values filled in, as the layouts read it
//! (serialized to JSON). Text stays data: every span is a plain string, never markup.

use crate::bank::text::{Block, BlockKind, Piece};
use crate::bank::{Bank, Blocks, Category, Cues, Inline, Question, Role};
use crate::facts::zone::{self, Zone};
use crate::facts::{FactKind, date};
use crate::profile::{Format, Job, Merged};
use serde::Serialize;
use std::collections::BTreeMap;

pub use crate::profile::DEFAULT_PACE_WPM;

/// A run of text with one style. `fact` names the fact it came from; `figure` marks a
/// number the person must get right (set apart in bold); `blank` numbers a drill blank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub text: String,
    /// A fact nobody gave a value (`--draft`): printed as a visible blank.
    pub missing: bool,
    pub bold: bool,
    pub code: bool,
    pub fact: Option<String>,
    pub figure: bool,
    pub blank: Option<usize>,
}

/// Inline text: a list of spans.
pub type Rich = Vec<Span>;

/// A paragraph or bullet of resolved text.
#[derive(Debug, Clone, Serialize)]
pub struct RichBlock {
    /// `paragraph` or `bullet`.
    pub kind: &'static str,
    /// Nesting level of a bullet (0 or 1).
    pub level: u8,
    pub spans: Rich,
}

/// Who the pack is for.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub name: String,
    pub role: String,
}

/// The application a pack is for.
#[derive(Debug, Clone, Serialize)]
pub struct JobOut {
    pub company: String,
    /// The job's role, or the person's own when the job file gives none.
    pub role: String,
    /// As written: `2026-12-03`; none until the interview is scheduled.
    pub date: Option<String>,
    /// `Thursday, December 3, 2026`.
    pub date_long: Option<String>,
    pub time: Option<String>,
    pub time_zone: Option<String>,
    /// Date, time and zone in one line: `Thursday, December 3, 2026, 14:00 (Europe/Berlin)`;
    /// with the person's zone too, both: `Tue 12 Jan 2027, 09:00 in New York — 15:00 your
    /// time, Berlin`; `date to confirm` without a date.
    pub when: String,
    /// The interview in the person's own zone (`15:00 your time, Berlin`), when both zones are known.
    pub your_time: Option<String>,
    /// For the cards' footer: the date, or with two zones the time in both.
    pub when_card: String,
    pub format: Option<Format>,
    pub interviewers: Vec<String>,
}

impl JobOut {
    /// The job as printed for a person whose role is `person_role`, living in `person_zone`.
    pub(crate) fn new(job: &Job, person_role: &str, person_zone: Option<&str>) -> JobOut {
        let date_long = job.date.as_deref().map(|d| date::long_date(d).unwrap_or_else(|| d.to_string()));
        let one_zone = match (&date_long, &job.time, &job.time_zone) {
            (None, _, _) => "date to confirm".to_string(),
            (Some(d), Some(t), Some(z)) => format!("{d}, {t} ({z})"),
            (Some(d), Some(t), None) => format!("{d}, {t}"),
            (Some(d), None, _) => d.clone(),
        };
        let zones = job.time_zone.as_deref().and_then(Zone::parse).zip(person_zone.and_then(Zone::parse));
        let both = match (&job.date, &job.time, zones) {
            (Some(d), Some(t), Some((there, here))) if there.name != here.name => {
                zone::interview_time(d, t, &there, &here)
            }
            _ => None,
        };
        let (when, when_card) = match &both {
            Some(b) => {
                let when = format!("{} — {}", b.there, b.here);
                (when.clone(), when)
            }
            None => (one_zone.clone(), date_long.clone().unwrap_or(one_zone)),
        };
        JobOut {
            company: job.company.clone(),
            role: job.role.clone().unwrap_or_else(|| person_role.to_string()),
            date: job.date.clone(),
            date_long,
            time: job.time.clone(),
            time_zone: job.time_zone.clone(),
            when,
            your_time: both.map(|b| b.here),
            when_card,
            format: job.format,
            interviewers: job.interviewers.clone(),
        }
    }
}

/// One fact with the person's value.
#[derive(Debug, Clone, Serialize)]
pub struct FactOut {
    pub path: String,
    pub kind: FactKind,
    pub description: String,
    pub value: String,
    pub key: bool,
}

/// The key facts of one project, for "my numbers".
#[derive(Debug, Clone, Serialize)]
pub struct NumberGroup {
    pub id: String,
    pub title: String,
    /// One line on what the project was, when the person gave one.
    pub summary: Option<String>,
    pub facts: Vec<FactOut>,
}

/// The five cues, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct CuesOut {
    pub context: Rich,
    pub challenge: Rich,
    pub approach: Rich,
    pub result: Rich,
    pub learning: Rich,
}

/// A question as printed.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionOut {
    pub id: String,
    pub number: u32,
    pub category: Category,
    pub role: Role,
    pub project: String,
    pub project_title: String,
    pub prompt: Rich,
    pub target_seconds: u32,
    pub target: String,
    /// Speaking time of the full answer at the person's pace.
    pub estimated_seconds: u32,
    pub estimated: String,
    pub headline: Rich,
    pub cues: CuesOut,
    pub answer: Vec<RichBlock>,
}

/// A layer of the 3-layer approach.
#[derive(Debug, Clone, Serialize)]
pub struct LayerOut {
    pub name: String,
    pub budget: String,
    pub points: Vec<Rich>,
    pub example: Option<Rich>,
}

/// A STAR part.
#[derive(Debug, Clone, Serialize)]
pub struct StarOut {
    pub letter: String,
    pub name: String,
    pub summary: String,
    pub budget: String,
    pub min_seconds: u32,
    pub max_seconds: u32,
    pub prompts: Vec<Rich>,
    pub most_important: bool,
}

/// The frameworks.
#[derive(Debug, Clone, Serialize)]
pub struct FrameworksOut {
    pub three_layer: Vec<LayerOut>,
    pub formula_parts: Vec<String>,
    pub formula_example: CuesOut,
    pub star: Vec<StarOut>,
}

/// A don't and what to say instead.
#[derive(Debug, Clone, Serialize)]
pub struct RedFlagOut {
    pub id: String,
    pub number: usize,
    pub title: Rich,
    pub dont: Rich,
    #[serde(rename = "do")]
    pub instead: Rich,
    /// `do` is advice on what to do, not words to say.
    pub advice: bool,
}

/// A titled tip.
#[derive(Debug, Clone, Serialize)]
pub struct TipOut {
    pub title: Rich,
    pub text: Rich,
}

/// A step of the experience timeline.
#[derive(Debug, Clone, Serialize)]
pub struct StepOut {
    pub when: Rich,
    pub text: Rich,
}

/// The scripts.
#[derive(Debug, Clone, Serialize)]
pub struct ScriptsOut {
    pub elevator_pitch: Vec<RichBlock>,
    pub elevator_pitch_words: usize,
    pub elevator_pitch_seconds: u32,
    /// `28s`.
    pub elevator_pitch_time: String,
    pub timeline_prompt: Rich,
    pub timeline_intro: Vec<RichBlock>,
    pub timeline_steps: Vec<StepOut>,
    pub timeline_outro: Vec<RichBlock>,
    /// The timeline said in full (intro, steps, outro): words and seconds at the person's pace.
    pub timeline_words: usize,
    pub timeline_seconds: u32,
    pub timeline_time: String,
}

/// A group of checklist items.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistGroupOut {
    pub title: String,
    pub items: Vec<Rich>,
}

/// "Rehearse Q3 (~1m30s)".
#[derive(Debug, Clone, Serialize)]
pub struct RehearseItem {
    pub number: u32,
    pub prompt: Rich,
    pub target: String,
    pub estimated: String,
}

/// The closing words.
#[derive(Debug, Clone, Serialize)]
pub struct ClosingOut {
    pub affirmations: Vec<Rich>,
    pub headline: Rich,
    pub looking_for_intro: Rich,
    pub looking_for: Vec<Rich>,
    pub sendoff: Rich,
}

/// The checklist, with the items generated from the pack.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistOut {
    pub groups: Vec<ChecklistGroupOut>,
    pub rehearse: Vec<RehearseItem>,
    pub questions_to_ask: Vec<Rich>,
    pub closing: ClosingOut,
}

/// A numbers-drill card: a key sentence with its figures blanked, and the answers.
#[derive(Debug, Clone, Serialize)]
pub struct DrillOut {
    pub question: String,
    pub number: u32,
    pub sentence: Rich,
    pub answers: Vec<FactOut>,
}

/// One card of the deck: what kind it is and which item of its list it shows.
#[derive(Debug, Clone, Serialize)]
pub struct DeckCard {
    /// `question`, `star`, `layers`, `pitch`, `timeline`, `red-flag`, `questions-to-ask` or `drill`.
    pub kind: &'static str,
    /// Index into the list of its kind (`questions`, `red_flags`, `drill`); 0 for single cards.
    pub index: usize,
    /// How errors name it: `Q3 (model-choice)`.
    pub name: String,
}

/// Everything the layouts print.
#[derive(Debug, Clone, Serialize)]
pub struct Pack {
    pub generator: String,
    pub person: Person,
    pub job: Option<JobOut>,
    /// Draft packs print missing facts as blanks; the layouts mark them.
    pub draft: bool,
    pub pace_wpm: u32,
    pub facts: Vec<FactOut>,
    pub numbers: Vec<NumberGroup>,
    pub questions: Vec<QuestionOut>,
    pub frameworks: FrameworksOut,
    pub red_flags: Vec<RedFlagOut>,
    pub interviewer_red_flags: Vec<Rich>,
    pub green_flags: Vec<Rich>,
    pub final_tips: Vec<TipOut>,
    pub scripts: ScriptsOut,
    pub checklist: ChecklistOut,
    pub drill: Vec<DrillOut>,
    /// The cue cards in print order.
    pub deck: Vec<DeckCard>,
    /// The guide's example texts that print with blanks (`--draft`), by place key
    /// (`question:model-choice`, `red-flag:best-tool`, `three-layer-example`,
    /// `formula-example`, `elevator-pitch`, `timeline`): the layouts mark them.
    pub examples: Vec<String>,
}

/// Fills the bank's placeholders with `values` (path → value as written).
/// Every placeholder's fact must have a value; the caller checks that first.
pub fn resolve(bank: &Bank, values: &BTreeMap<String, String>, pace_wpm: u32) -> Pack {
    resolve_for(bank, values, pace_wpm, None)
}

/// The pack of one merged input: its bank, values, pace and job.
pub fn resolve_merged(merged: &Merged) -> Pack {
    let mut pack = resolve_for(&merged.bank, &merged.values, merged.pace_wpm, merged.job.as_ref());
    pack.draft = !merged.blanks.is_empty();
    pack.examples = merged.examples.iter().cloned().collect();
    pack.job = merged.job.as_ref().map(|j| JobOut::new(j, &pack.person.role, merged.time_zone.as_deref()));
    pack
}

/// Fills the placeholders, for a job when given.
pub(crate) fn resolve_for(
    bank: &Bank,
    values: &BTreeMap<String, String>,
    pace_wpm: u32,
    job: Option<&Job>,
) -> Pack {
    let r = Resolver { bank, values, pace_wpm };
    let facts: Vec<FactOut> = bank.facts.iter().map(|f| r.fact_out(&f.path)).collect();
    let questions = r.questions();
    let drill: Vec<DrillOut> = questions.iter().filter_map(|q| drill_card(q, &facts)).collect();
    let flags = &bank.flags;
    Pack {
        job: job.map(|j| JobOut::new(j, values.get("person.role").map_or("", String::as_str), None)),
        draft: false,
        examples: Vec::new(),
        deck: deck(&questions, flags.red_flags.len(), &drill),
        generator: format!("studypack {}", env!("CARGO_PKG_VERSION")),
        person: Person {
            name: values.get("person.name").cloned().unwrap_or_default(),
            role: values.get("person.role").cloned().unwrap_or_default(),
        },
        pace_wpm,
        numbers: r.numbers(&facts),
        frameworks: r.frameworks(),
        red_flags: r.red_flags(),
        interviewer_red_flags: r.list(&flags.interviewer_red_flags),
        green_flags: r.list(&flags.green_flags),
        final_tips: flags
            .final_tips
            .iter()
            .map(|t| TipOut { title: r.inline(&t.title), text: r.inline(&t.text) })
            .collect(),
        scripts: r.scripts(),
        checklist: r.checklist(&questions),
        drill,
        questions,
        facts,
    }
}

/// The deck: the questions, the frameworks and scripts, the red flags, the questions to
/// ask, then the numbers drill.
fn deck(questions: &[QuestionOut], red_flags: usize, drill: &[DrillOut]) -> Vec<DeckCard> {
    let card = |kind, index, name: String| DeckCard { kind, index, name };
    let mut deck: Vec<DeckCard> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| card("question", i, format!("Q{} ({})", q.number, q.id)))
        .collect();
    deck.push(card("star", 0, "the STAR card".into()));
    deck.push(card("layers", 0, "the 3-layer and formula card".into()));
    deck.push(card("pitch", 0, "the elevator pitch card".into()));
    deck.push(card("timeline", 0, "the experience timeline card".into()));
    deck.extend((0..red_flags).map(|i| card("red-flag", i, format!("red flag {}", i + 1))));
    deck.push(card("questions-to-ask", 0, "the questions-to-ask card".into()));
    deck.extend(
        drill.iter().enumerate().map(|(i, d)| card("drill", i, format!("the Q{} numbers drill", d.number))),
    );
    deck
}

/// A drill card for the question's headline, if it holds any figure.
fn drill_card(q: &QuestionOut, facts: &[FactOut]) -> Option<DrillOut> {
    let mut answers = Vec::new();
    let sentence = q
        .headline
        .iter()
        .map(|span| match (&span.fact, span.figure) {
            (Some(path), true) => {
                answers.extend(facts.iter().find(|f| &f.path == path).cloned());
                Span { text: String::new(), blank: Some(answers.len()), ..span.clone() }
            }
            _ => span.clone(),
        })
        .collect();
    (!answers.is_empty()).then(|| DrillOut { question: q.id.clone(), number: q.number, sentence, answers })
}

/// Seconds to say `blocks` at `pace_wpm`.
fn speaking_seconds(blocks: &[RichBlock], pace_wpm: u32) -> u32 {
    seconds_for(words(blocks.iter().flat_map(|b| &b.spans)), pace_wpm)
}

/// The words in `spans`.
fn words<'a>(spans: impl Iterator<Item = &'a Span>) -> usize {
    spans.map(|s| s.text.split_whitespace().count()).sum()
}

/// Seconds to say `words` words at `pace_wpm`.
fn seconds_for(words: usize, pace_wpm: u32) -> u32 {
    (words as f64 * 60.0 / f64::from(pace_wpm.max(1))).round() as u32
}

/// `95` → `1m35s`, `90` → `1m30s`, `45` → `45s`.
pub(crate) fn clock(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s}s"),
        (m, 0) => format!("{m}m"),
        (m, s) => format!("{m}m{s:02}s"),
    }
}

/// "a" or "an" before a filled-in value, as its first sound wants: "for a {{ client }}"
/// prints "for an insurer" and "for a bank".
fn agree_articles(spans: &mut [Span]) {
    for i in 1..spans.len() {
        let (before, after) = spans.split_at_mut(i);
        let (prev, value) = (&mut before[i - 1], &after[0]);
        if value.fact.is_none() || value.text.is_empty() || prev.fact.is_some() {
            continue;
        }
        let vowel = starts_with_vowel_sound(&value.text);
        let text = &prev.text;
        // Where the article starts, when the text ends with it as a whole word.
        let ends = |word: &str| -> Option<usize> {
            let rest = text.strip_suffix(' ')?.strip_suffix(word)?;
            let boundary =
                rest.is_empty() || rest.ends_with(|c: char| c.is_whitespace() || c == '(' || c == '"');
            boundary.then_some(rest.len())
        };
        let replacement = match (ends("a").or(ends("A")), ends("an").or(ends("An")), vowel) {
            (Some(cut), _, true) => Some((cut, if text[cut..].starts_with('A') { "An " } else { "an " })),
            (_, Some(cut), false) => Some((cut, if text[cut..].starts_with('A') { "A " } else { "a " })),
            _ => None,
        };
        if let Some((cut, article)) = replacement {
            prev.text = format!("{}{article}", &text[..cut]);
        }
    }
}

/// Whether a word is said with a vowel first: "insurer", "hour", "8-week", not "user", "one".
fn starts_with_vowel_sound(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    const CONSONANT_SOUND: [&str; 7] = ["uni", "use", "usu", "uti", "eu", "one", "once"];
    const VOWEL_SOUND: [&str; 5] = ["hour", "honest", "honour", "honor", "heir"];
    if VOWEL_SOUND.iter().any(|p| lower.starts_with(p)) || lower.starts_with('8') {
        return true;
    }
    if lower.starts_with("11") || lower.starts_with("18") {
        return lower.len() == 2 || !lower[2..].starts_with(|c: char| c.is_ascii_digit());
    }
    lower.starts_with(['a', 'e', 'i', 'o', 'u']) && !CONSONANT_SOUND.iter().any(|p| lower.starts_with(p))
}

/// Turns parsed bank text into spans with the values filled in, and times what is said at
/// the person's pace.
struct Resolver<'a> {
    bank: &'a Bank,
    values: &'a BTreeMap<String, String>,
    pace_wpm: u32,
}

/// The parts of the pack, one resolver step each.
impl Resolver<'_> {
    /// The key numbers by project. A key number shows when the person gave it or the pack
    /// prints it (as a blank in a draft): the guide's example projects' numbers stay out of
    /// a pack that tells another story.
    fn numbers(&self, facts: &[FactOut]) -> Vec<NumberGroup> {
        let used = self.bank.fact_uses();
        self.bank
            .groups
            .iter()
            .map(|g| NumberGroup {
                id: g.id.clone(),
                title: g.title.clone(),
                summary: g.summary.clone(),
                facts: facts
                    .iter()
                    .filter(|f| f.key && f.path.split('.').next() == Some(g.id.as_str()))
                    .filter(|f| self.values.contains_key(&f.path) || used.contains_key(&f.path))
                    .cloned()
                    .collect(),
            })
            .filter(|g| !g.facts.is_empty())
            .collect()
    }

    /// The questions, with their answers timed at the person's pace.
    fn questions(&self) -> Vec<QuestionOut> {
        self.bank.questions.iter().map(|q| self.question(q)).collect()
    }

    fn question(&self, q: &Question) -> QuestionOut {
        let answer = self.blocks(&q.answer);
        let estimated_seconds = speaking_seconds(&answer, self.pace_wpm);
        QuestionOut {
            id: q.id.clone(),
            number: q.number,
            category: q.category,
            role: q.role,
            project: q.project.clone(),
            project_title: self
                .bank
                .groups
                .iter()
                .find(|g| g.id == q.project)
                .map(|g| g.title.clone())
                .unwrap_or_default(),
            prompt: self.inline(&q.prompt),
            target_seconds: q.target.0,
            target: clock(q.target.0),
            estimated_seconds,
            estimated: clock(estimated_seconds),
            headline: self.inline(&q.headline),
            cues: self.cues(&q.cues),
            answer,
        }
    }

    /// The 3-layer approach, the formula and STAR.
    fn frameworks(&self) -> FrameworksOut {
        let fw = &self.bank.frameworks;
        FrameworksOut {
            three_layer: fw
                .three_layer
                .iter()
                .map(|l| LayerOut {
                    name: l.name.clone(),
                    budget: l.budget.clone(),
                    points: self.list(&l.points),
                    example: l.example.as_ref().map(|e| self.inline(e)),
                })
                .collect(),
            formula_parts: fw.formula.parts.clone(),
            formula_example: self.cues(&fw.formula.example),
            star: fw
                .star
                .iter()
                .map(|s| StarOut {
                    letter: s.letter.clone(),
                    name: s.name.clone(),
                    summary: s.summary.clone(),
                    budget: format!("{}–{} s", s.budget.min.0, s.budget.max.0),
                    min_seconds: s.budget.min.0,
                    max_seconds: s.budget.max.0,
                    prompts: self.list(&s.prompts),
                    most_important: s.most_important,
                })
                .collect(),
        }
    }

    /// The red flags, numbered from 1.
    fn red_flags(&self) -> Vec<RedFlagOut> {
        self.bank
            .flags
            .red_flags
            .iter()
            .enumerate()
            .map(|(i, f)| RedFlagOut {
                id: f.id.clone(),
                number: i + 1,
                title: self.inline(&f.title),
                dont: self.inline(&f.dont),
                instead: self.inline(&f.instead),
                advice: f.advice,
            })
            .collect()
    }

    /// The elevator pitch and the timeline, with their words and speaking times.
    fn scripts(&self) -> ScriptsOut {
        let (scripts, pace_wpm) = (&self.bank.scripts, self.pace_wpm);
        let elevator_pitch = self.blocks(&scripts.elevator_pitch);
        let timeline_steps: Vec<StepOut> = scripts
            .timeline
            .steps
            .iter()
            .map(|s| StepOut { when: self.inline(&s.when), text: self.inline(&s.text) })
            .collect();
        let (timeline_intro, timeline_outro) =
            (self.blocks(&scripts.timeline.intro), self.blocks(&scripts.timeline.outro));
        let timeline_words = words(timeline_intro.iter().chain(&timeline_outro).flat_map(|b| &b.spans))
            + words(timeline_steps.iter().flat_map(|s| s.when.iter().chain(&s.text)));
        ScriptsOut {
            elevator_pitch_words: words(elevator_pitch.iter().flat_map(|b| &b.spans)),
            elevator_pitch_seconds: speaking_seconds(&elevator_pitch, pace_wpm),
            elevator_pitch_time: clock(speaking_seconds(&elevator_pitch, pace_wpm)),
            elevator_pitch,
            timeline_prompt: self.inline(&scripts.timeline.prompt),
            timeline_intro,
            timeline_steps,
            timeline_outro,
            timeline_words,
            timeline_seconds: seconds_for(timeline_words, pace_wpm),
            timeline_time: clock(seconds_for(timeline_words, pace_wpm)),
        }
    }

    /// The checklist, with a rehearsal item for each of the pack's `questions`.
    fn checklist(&self, questions: &[QuestionOut]) -> ChecklistOut {
        let checklist = &self.bank.checklist;
        ChecklistOut {
            groups: checklist
                .groups
                .iter()
                .map(|g| ChecklistGroupOut { title: g.title.clone(), items: self.list(&g.items) })
                .collect(),
            rehearse: questions
                .iter()
                .map(|q| RehearseItem {
                    number: q.number,
                    prompt: q.prompt.clone(),
                    target: q.target.clone(),
                    estimated: q.estimated.clone(),
                })
                .collect(),
            questions_to_ask: self.list(&checklist.questions_to_ask),
            closing: ClosingOut {
                affirmations: self.list(&checklist.closing.affirmations),
                headline: self.inline(&checklist.closing.headline),
                looking_for_intro: self.inline(&checklist.closing.looking_for_intro),
                looking_for: self.list(&checklist.closing.looking_for),
                sendoff: self.inline(&checklist.closing.sendoff),
            },
        }
    }
}

/// Bank text to spans.
impl Resolver<'_> {
    fn inline(&self, text: &Inline) -> Rich {
        self.pieces(&text.0)
    }

    fn list(&self, items: &[Inline]) -> Vec<Rich> {
        items.iter().map(|i| self.inline(i)).collect()
    }

    fn blocks(&self, blocks: &Blocks) -> Vec<RichBlock> {
        blocks.0.iter().map(|b| self.block(b)).collect()
    }

    fn block(&self, block: &Block<Piece>) -> RichBlock {
        let (kind, level) = match block.kind {
            BlockKind::Paragraph => ("paragraph", 0),
            BlockKind::Bullet(level) => ("bullet", level),
        };
        RichBlock { kind, level, spans: self.pieces(&block.pieces) }
    }

    fn cues(&self, cues: &Cues) -> CuesOut {
        CuesOut {
            context: self.inline(&cues.context),
            challenge: self.inline(&cues.challenge),
            approach: self.inline(&cues.approach),
            result: self.inline(&cues.result),
            learning: self.inline(&cues.learning),
        }
    }

    fn pieces(&self, pieces: &[Piece]) -> Rich {
        let mut spans = self.spans(pieces);
        agree_articles(&mut spans);
        spans
    }

    fn spans(&self, pieces: &[Piece]) -> Rich {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text { text, bold, code } => Span {
                    text: text.clone(),
                    missing: false,
                    bold: *bold,
                    code: *code,
                    fact: None,
                    figure: false,
                    blank: None,
                },
                Piece::Fact { path, bold } => {
                    let figure = self.bank.fact(path).is_some_and(|f| f.kind.is_figure());
                    Span {
                        text: self.values.get(path).cloned().unwrap_or_default(),
                        missing: !self.values.contains_key(path),
                        bold: *bold || figure,
                        code: false,
                        fact: Some(path.clone()),
                        figure,
                        blank: None,
                    }
                }
            })
            .collect()
    }

    fn fact_out(&self, path: &str) -> FactOut {
        let decl = self.bank.fact(path).expect("fact_out is called with declared paths");
        FactOut {
            path: decl.path.clone(),
            kind: decl.kind,
            description: decl.description.clone(),
            value: self.values.get(path).cloned().unwrap_or_default(),
            key: decl.key,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(parts: &[(&str, bool)]) -> Rich {
        parts
            .iter()
            .map(|(text, fact)| Span {
                text: text.to_string(),
                missing: false,
                bold: false,
                code: false,
                fact: fact.then(|| "churn.client".to_string()),
                figure: false,
                blank: None,
            })
            .collect()
    }

    #[test]
    fn articles_agree_with_the_value_after_them() {
        for (before, value, after) in [
            ("for a ", "insurer", "for an "),
            ("for a ", "bank", "for a "),
            ("A ", "energy firm", "An "),
            ("for an ", "bank", "for a "),
            ("a ", "university", "a "),
            ("a ", "hourly job", "an "),
            ("a ", "8-week pilot", "an "),
            ("data ", "insurer", "data "),
            ("Kafka ", "insurer", "Kafka "),
            (" → ", "insurer", " → "),
            ("→ a ", "insurer", "→ an "),
            ("é ", "insurer", "é "),
        ] {
            let mut s = spans(&[(before, false), (value, true)]);
            agree_articles(&mut s);
            assert_eq!(s[0].text, after, "{before}{value}");
        }
    }

    proptest::proptest! {
        /// Whatever the person writes before a placeholder, and whatever its value.
        #[test]
        fn article_agreement_takes_any_text(before in "\\PC{0,12}( [aA]n? )?", value in "\\PC{0,8}") {
            let mut s = spans(&[(&before, false), (&value, true)]);
            agree_articles(&mut s);
            let article = |t: &str| t.strip_suffix("an ").or(t.strip_suffix("a ")).or(t.strip_suffix("An ")).or(t.strip_suffix("A ")).map(str::to_string);
            // Only the article may change.
            proptest::prop_assert_eq!(article(&s[0].text).unwrap_or(s[0].text.clone()), article(&before).unwrap_or(before.clone()));
        }
    }

    #[test]
    fn clock_reads_like_a_stopwatch() {
        assert_eq!(clock(45), "45s");
        assert_eq!(clock(90), "1m30s");
        assert_eq!(clock(120), "2m");
        assert_eq!(clock(125), "2m05s");
    }
}
