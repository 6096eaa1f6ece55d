//! The question bank: the typed model of `content/*.yaml`, embedded in the binary, and its
//! validation (every placeholder names a declared fact, every example is of its kind).

pub mod text;

use crate::diag::{Diagnostic, Diagnostics, closest};
use crate::facts::check::Checks;
use crate::facts::{FactDecl, FactKind, parse_value};
use crate::yaml::{YamlFile, scalar_string};
use serde::{Deserialize, Deserializer};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use text::{Block, Piece};

/// Inline bank text, parsed: literal words, bold, code and fact placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inline(pub Vec<Piece>);

impl Inline {
    /// Whether it prints nothing: no fact, and only spaces if any text.
    pub(crate) fn is_blank(&self) -> bool {
        text::is_blank(&self.0)
    }
}

/// Long-form bank text, parsed into paragraphs and bullets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Blocks(pub Vec<Block<Piece>>);

impl Blocks {
    /// Whether it prints nothing (an empty `answer: |`).
    pub(crate) fn is_blank(&self) -> bool {
        self.0.iter().all(|b| text::is_blank(&b.pieces))
    }
}

/// Reads a YAML scalar as bank text with `parse`; its errors become serde errors, which
/// carry the line and column.
fn bank_text<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    parse: fn(&str) -> Result<T, text::TextError>,
) -> Result<T, D::Error> {
    let raw = scalar_string(deserializer)?;
    parse(&raw)
        .map_err(|e| serde::de::Error::custom(format!("{} (in `{}`); {}", e.message, e.needle, e.hint)))
}

impl<'de> Deserialize<'de> for Inline {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        bank_text(deserializer, text::parse_inline).map(Inline)
    }
}

impl<'de> Deserialize<'de> for Blocks {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        bank_text(deserializer, text::parse_blocks).map(Blocks)
    }
}

/// A speaking time written as `90s`, `75 seconds` or `2min`, in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seconds(pub u32);

impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = scalar_string(deserializer)?;
        match parse_value(FactKind::Duration, &raw).ok().and_then(|v| v.magnitude) {
            Some(s) if (0.0..=3600.0).contains(&s) => Ok(Seconds(s.round() as u32)),
            _ => Err(serde::de::Error::custom(format!(
                "`{raw}` is not a speaking time; write it as `90s`, `75 seconds` or `2min`"
            ))),
        }
    }
}

/// A project: a group of facts, shown together under "my numbers".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub title: String,
    /// One line on what the project was, when the person gives one.
    #[serde(default)]
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactsFile {
    groups: Vec<Group>,
    facts: Vec<FactDecl>,
    #[serde(default)]
    checks: Checks,
}

/// Which part of an interview a question belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    General,
    Technical,
    Behavioral,
}

impl Category {
    /// Every category: the schema offers exactly these.
    pub(crate) const ALL: [Category; 3] = [Category::General, Category::Technical, Category::Behavioral];
}

/// The role an answer is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    MlEngineer,
    DataScientist,
    Any,
}

impl Role {
    /// Every role: the schema offers exactly these.
    pub(crate) const ALL: [Role; 3] = [Role::MlEngineer, Role::DataScientist, Role::Any];
}

/// The five Layer-2 cues, in speaking order (also the formula's parts).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    pub context: Inline,
    pub challenge: Inline,
    pub approach: Inline,
    pub result: Inline,
    pub learning: Inline,
}

/// One interview question with its layered answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub number: u32,
    pub category: Category,
    pub role: Role,
    pub project: String,
    pub prompt: Inline,
    pub target: Seconds,
    pub headline: Inline,
    pub cues: Cues,
    pub answer: Blocks,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionsFile {
    questions: Vec<Question>,
}

/// A layer of the 3-layer approach.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub name: String,
    pub budget: String,
    pub points: Vec<Inline>,
    #[serde(default)]
    pub example: Option<Inline>,
}

/// CONTEXT + CHALLENGE + APPROACH + RESULT + LEARNING, with a worked example.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formula {
    pub parts: Vec<String>,
    pub example: Cues,
}

/// A STAR part's time budget.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub min: Seconds,
    pub max: Seconds,
}

/// One letter of STAR.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarPart {
    pub letter: String,
    pub name: String,
    pub summary: String,
    pub budget: Budget,
    pub prompts: Vec<Inline>,
    #[serde(default)]
    pub most_important: bool,
}

/// The answering frameworks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frameworks {
    pub three_layer: Vec<Layer>,
    pub formula: Formula,
    pub star: Vec<StarPart>,
}

/// A don't, why it hurts, and what to say instead.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlag {
    /// How the person names it to replace its example or skip it (`best-tool`).
    pub id: String,
    pub title: Inline,
    pub dont: Inline,
    #[serde(rename = "do")]
    pub instead: Inline,
    /// `instead` is advice on what to do, not words to say.
    #[serde(default)]
    pub advice: bool,
}

/// A tip for during the interview.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    pub title: Inline,
    pub text: Inline,
}

/// Red flags, green flags and tips.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flags {
    pub red_flags: Vec<RedFlag>,
    pub interviewer_red_flags: Vec<Inline>,
    pub green_flags: Vec<Inline>,
    pub final_tips: Vec<Tip>,
}

/// One step of the experience timeline.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub when: Inline,
    pub text: Inline,
}

/// "Walk me through your experience".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub prompt: Inline,
    pub intro: Blocks,
    pub steps: Vec<Step>,
    pub outro: Blocks,
}

/// The practice scripts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scripts {
    pub elevator_pitch: Blocks,
    pub timeline: Timeline,
}

/// A group of day-before items.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistGroup {
    pub title: String,
    pub items: Vec<Inline>,
}

/// The guide's closing words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    pub affirmations: Vec<Inline>,
    pub headline: Inline,
    pub looking_for_intro: Inline,
    pub looking_for: Vec<Inline>,
    pub sendoff: Inline,
}

/// The day-before checklist, the questions to ask, the closing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    pub groups: Vec<ChecklistGroup>,
    pub questions_to_ask: Vec<Inline>,
    pub closing: Closing,
}

/// The whole bank, validated.
#[derive(Debug, Clone)]
pub struct Bank {
    pub groups: Vec<Group>,
    pub facts: Vec<FactDecl>,
    pub checks: Checks,
    pub questions: Vec<Question>,
    pub frameworks: Frameworks,
    pub flags: Flags,
    pub scripts: Scripts,
    pub checklist: Checklist,
    /// The story-bearing texts the person replaced with their own (by [`Place::key`]); the
    /// rest are the guide's worked examples.
    pub own: BTreeSet<String>,
    /// The person's own projects (group ids the bank does not have): facts under them
    /// need no declaration in the bank.
    pub own_projects: BTreeSet<String>,
}

/// A text of the pack that tells a story and uses facts: where a missing fact shows, and
/// what the person can replace, skip or fill in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Place {
    /// Every PDF's title and header (the person's name and role).
    Header,
    Question {
        number: u32,
        id: String,
    },
    RedFlag {
        number: usize,
        id: String,
    },
    ThreeLayerExample,
    FormulaExample,
    Pitch,
    Timeline,
    /// The checklist and the questions to ask.
    Checklist,
}

impl Place {
    /// The id the person uses for it in `skip:` and in error messages' snippets.
    pub(crate) fn key(&self) -> String {
        match self {
            Place::Header => "header".into(),
            Place::Question { id, .. } => format!("question:{id}"),
            Place::RedFlag { id, .. } => format!("red-flag:{id}"),
            Place::ThreeLayerExample => THREE_LAYER_EXAMPLE.into(),
            Place::FormulaExample => FORMULA_EXAMPLE.into(),
            Place::Pitch => "elevator-pitch".into(),
            Place::Timeline => "timeline".into(),
            Place::Checklist => "checklist".into(),
        }
    }

    /// Whether it is one of the guide's worked examples that the person may replace.
    pub(crate) fn is_story(&self) -> bool {
        !matches!(self, Place::Header | Place::Checklist)
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Header => f.write_str("every PDF's title and header"),
            Place::Question { number, id } => write!(f, "Q{number} ({id})"),
            Place::RedFlag { number, id } => write!(f, "red flag {number} ({id})"),
            Place::ThreeLayerExample => f.write_str("the 3-layer example"),
            Place::FormulaExample => f.write_str("the formula example"),
            Place::Pitch => f.write_str("the elevator pitch"),
            Place::Timeline => f.write_str("the experience timeline"),
            Place::Checklist => f.write_str("the checklist"),
        }
    }
}

/// Groups whose facts are about the person, not a project: anyone may add facts to them,
/// and a text that uses only these tells no project's story.
pub(crate) const PERSONAL_GROUPS: [&str; 2] = ["person", "career"];

/// The id of the 3-layer approach's worked example, in `skip:` and `studypack list`.
pub(crate) const THREE_LAYER_EXAMPLE: &str = "three-layer-example";
/// The id of the formula's worked example.
pub(crate) const FORMULA_EXAMPLE: &str = "formula-example";

/// The bank files compiled into the binary, with the names errors show.
const BUILTIN: [(&str, &str); 6] = [
    ("content/facts.yaml", include_str!("../../content/facts.yaml")),
    ("content/questions.yaml", include_str!("../../content/questions.yaml")),
    ("content/frameworks.yaml", include_str!("../../content/frameworks.yaml")),
    ("content/flags.yaml", include_str!("../../content/flags.yaml")),
    ("content/scripts.yaml", include_str!("../../content/scripts.yaml")),
    ("content/checklist.yaml", include_str!("../../content/checklist.yaml")),
];

impl Bank {
    /// The bank built into the binary.
    pub fn builtin() -> Result<Bank, Diagnostics> {
        let files = BUILTIN.map(|(name, text)| YamlFile::new(name, text));
        Bank::load(&files)
    }

    /// Loads the six bank files (in `BUILTIN` order) and validates them together.
    pub(crate) fn load(files: &[YamlFile; 6]) -> Result<Bank, Diagnostics> {
        let [facts, questions, frameworks, flags, scripts, checklist] = files;
        let mut errors = Diagnostics::default();
        fn take<T>(errors: &mut Diagnostics, r: Result<T, Diagnostic>) -> Option<T> {
            r.map_err(|e| errors.push(e)).ok()
        }
        let parsed = (
            take(&mut errors, facts.parse::<FactsFile>()),
            take(&mut errors, questions.parse::<QuestionsFile>()),
            take(&mut errors, frameworks.parse::<Frameworks>()),
            take(&mut errors, flags.parse::<Flags>()),
            take(&mut errors, scripts.parse::<Scripts>()),
            take(&mut errors, checklist.parse::<Checklist>()),
        );
        let (Some(f), Some(q), Some(fw), Some(fl), Some(s), Some(c)) = parsed else {
            return Err(errors);
        };
        let bank = Bank {
            groups: f.groups,
            facts: f.facts,
            checks: f.checks,
            questions: q.questions,
            frameworks: fw,
            flags: fl,
            scripts: s,
            checklist: c,
            own: BTreeSet::new(),
            own_projects: BTreeSet::new(),
        };
        errors.extend(bank.check_facts(facts));
        errors.extend(bank.check_questions(questions));
        for file in files {
            errors.extend(bank.check_placeholders(file));
        }
        if errors.has_errors() { Err(errors) } else { Ok(bank) }
    }

    /// The declared fact at `path`.
    pub(crate) fn fact(&self, path: &str) -> Option<&FactDecl> {
        self.facts.iter().find(|f| f.path == path)
    }

    /// Every declared fact path, for "did you mean" hints.
    pub(crate) fn fact_paths(&self) -> impl Iterator<Item = &str> {
        self.facts.iter().map(|f| f.path.as_str())
    }

    /// The demo persona: every fact's example value by path.
    pub fn examples(&self) -> BTreeMap<String, String> {
        self.facts.iter().map(|f| (f.path.clone(), f.example.clone())).collect()
    }

    fn check_facts(&self, file: &YamlFile) -> Diagnostics {
        let mut out = Diagnostics::default();
        let group_ids: Vec<&str> = self.groups.iter().map(|g| g.id.as_str()).collect();
        let mut seen = HashSet::new();
        for fact in &self.facts {
            let entry = file.offset_of(&format!("path: {}", fact.path)).unwrap_or(0);
            let here = file.locate(&fact.path, entry);
            if !text::is_fact_path(&fact.path) {
                out.push(
                    Diagnostic::error(here.clone(), format!("`{}` is not a fact path", fact.path))
                        .hint("write it as `group.name`: lowercase letters, digits and `_`"),
                );
            }
            if !seen.insert(fact.path.as_str()) {
                out.push(Diagnostic::error(here.clone(), format!("fact `{}` is declared twice", fact.path)));
            }
            let group = fact.path.split('.').next().unwrap_or_default();
            if !group_ids.contains(&group) {
                out.push(
                    Diagnostic::error(here, format!("fact `{}` is in no declared group", fact.path))
                        .hint(format!("its first segment must be one of: {}", group_ids.join(", "))),
                );
            }
            if let Err(problem) = parse_value(fact.kind, &fact.example) {
                let at = file.locate("example:", entry);
                out.push(Diagnostic::error(at, problem).hint(format!(
                    "a {} is written like {}",
                    fact.kind,
                    fact.kind.forms()
                )));
            }
        }
        for path in self.checks.paths() {
            if self.fact(path).is_none() {
                let from = file.offset_of("checks:").unwrap_or(0);
                out.push(Diagnostic::error(
                    file.locate(path, from),
                    format!("check names an undeclared fact `{path}`"),
                ));
            }
        }
        out
    }

    fn check_questions(&self, file: &YamlFile) -> Diagnostics {
        let mut out = Diagnostics::default();
        let mut ids = HashSet::new();
        let mut numbers = HashSet::new();
        for q in &self.questions {
            let entry = file.offset_of(&format!("id: {}", q.id)).unwrap_or(0);
            let here = file.locate(&q.id, entry);
            if !ids.insert(q.id.as_str()) {
                out.push(Diagnostic::error(here.clone(), format!("question id `{}` is used twice", q.id)));
            }
            if !numbers.insert(q.number) {
                out.push(Diagnostic::error(
                    here.clone(),
                    format!("question number {} is used twice", q.number),
                ));
            }
            if q.project != "none" && !self.groups.iter().any(|g| g.id == q.project) {
                let at = file.locate("project:", entry);
                let groups = self.groups.iter().map(|g| g.id.as_str());
                let mut d = Diagnostic::error(at, format!("project `{}` is not a declared group", q.project));
                if let Some(near) = closest(&q.project, groups) {
                    d = d.hint(format!("did you mean `{near}`?"));
                }
                out.push(d.hint("or write `project: none`"));
            }
        }
        out
    }

    /// Where each fact is printed: fact path → the places that use it, in pack order.
    pub(crate) fn fact_uses(&self) -> BTreeMap<String, Vec<Place>> {
        let mut uses: BTreeMap<String, Vec<Place>> = BTreeMap::new();
        for (place, pieces) in self.texts() {
            for path in text::placeholders(&pieces) {
                let list = uses.entry(path.to_string()).or_default();
                if !list.contains(&place) {
                    list.push(place.clone());
                }
            }
        }
        for path in ["person.name", "person.role"] {
            if self.fact(path).is_some() {
                let list = uses.entry(path.to_string()).or_default();
                if !list.contains(&Place::Header) {
                    list.insert(0, Place::Header);
                }
            }
        }
        uses
    }

    /// The red flags whose words to say instead are still the guide's and name no fact
    /// (`vague-role`: "I was responsible for feature engineering …"): the demo persona's
    /// story, which no missing fact gives away. Advice (`basics`) tells no story.
    pub(crate) fn fact_free_red_flag_examples(&self) -> Vec<&RedFlag> {
        self.flags
            .red_flags
            .iter()
            .filter(|f| !f.advice && !self.own.contains(&format!("red-flag:{}", f.id)))
            .filter(|f| text::placeholders(&f.instead.0).next().is_none())
            .collect()
    }

    /// Every text of the bank that may hold placeholders, with the place it prints in.
    pub(crate) fn texts(&self) -> Vec<(Place, Vec<Piece>)> {
        let mut out: Vec<(Place, Vec<Piece>)> = Vec::new();
        let blocks = |b: &Blocks| b.0.iter().flat_map(|b| b.pieces.clone()).collect::<Vec<_>>();
        for q in &self.questions {
            let place = Place::Question { number: q.number, id: q.id.clone() };
            let c = &q.cues;
            let mut pieces = Vec::new();
            for inline in
                [&q.prompt, &q.headline, &c.context, &c.challenge, &c.approach, &c.result, &c.learning]
            {
                pieces.extend(inline.0.iter().cloned());
            }
            pieces.extend(blocks(&q.answer));
            out.push((place, pieces));
        }
        let s = &self.scripts;
        out.push((Place::Pitch, blocks(&s.elevator_pitch)));
        let t = &s.timeline;
        let mut timeline = t.prompt.0.clone();
        timeline.extend(blocks(&t.intro));
        for step in &t.steps {
            timeline.extend(step.when.0.iter().chain(&step.text.0).cloned());
        }
        timeline.extend(blocks(&t.outro));
        out.push((Place::Timeline, timeline));
        let ex = &self.frameworks.formula.example;
        let formula = [&ex.context, &ex.challenge, &ex.approach, &ex.result, &ex.learning];
        out.push((Place::FormulaExample, formula.iter().flat_map(|i| i.0.clone()).collect()));
        let layers = &self.frameworks.three_layer;
        // The layers' points print on the same card as the example.
        let layer_texts = layers.iter().flat_map(|l| l.points.iter().chain(&l.example));
        out.push((Place::ThreeLayerExample, layer_texts.flat_map(|i| i.0.clone()).collect()));
        for (i, flag) in self.flags.red_flags.iter().enumerate() {
            let place = Place::RedFlag { number: i + 1, id: flag.id.clone() };
            out.push((
                place,
                [&flag.title, &flag.dont, &flag.instead].iter().flat_map(|i| i.0.clone()).collect(),
            ));
        }
        let c = &self.checklist;
        let items = c.groups.iter().flat_map(|g| &g.items).chain(&c.questions_to_ask);
        out.push((Place::Checklist, items.flat_map(|i| i.0.clone()).collect()));
        out
    }

    /// Every `{{ path }}` in the file's text must name a declared fact.
    pub(crate) fn check_placeholders(&self, file: &YamlFile) -> Diagnostics {
        let mut out = Diagnostics::default();
        let mut from = 0;
        while let Some(start) = file.text[from..].find("{{").map(|i| i + from) {
            let Some(end) = file.text[start..].find("}}").map(|i| i + start) else { break };
            let path = file.text[start + 2..end].trim();
            // A comment line is not text the pack prints.
            let line_start = file.text[..start].rfind('\n').map_or(0, |i| i + 1);
            let in_comment = file.text[line_start..start].trim_start().starts_with('#');
            if !in_comment && text::is_fact_path(path) && self.fact(path).is_none() {
                let at = Some(crate::diag::Location::at_byte(&file.name, &file.text, start));
                // Name the question it is in: the nearest `id:` above it, when the top-level
                // key it sits under is `questions:`.
                let top_key = file.text[..start]
                    .lines()
                    .rev()
                    .find(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
                    .unwrap_or_default();
                let question = (top_key.starts_with("questions:"))
                    .then(|| file.text[..start].rfind("- id: "))
                    .flatten()
                    .and_then(|i| file.text[i + 6..].lines().next())
                    .map(|id| format!(" in question `{}`", id.trim()))
                    .unwrap_or_default();
                let mut d = Diagnostic::error(at, format!("unknown fact `{path}`{question}"));
                if let Some(near) = closest(path, self.fact_paths()) {
                    d = d.hint(format!("did you mean `{near}`?"));
                }
                out.push(d.hint(if file.name.starts_with("content/") {
                    "declare it in content/facts.yaml".to_string()
                } else {
                    "give it a value under `facts:` in your profile: a fact of one of your `projects:`, or of `person` or `career`".to_string()
                }));
            }
            from = end + 2;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in files with one of them edited.
    fn files_with(name: &str, edit: impl Fn(&str) -> String) -> [YamlFile; 6] {
        BUILTIN.map(|(n, text)| YamlFile::new(n, if n == name { edit(text) } else { text.to_string() }))
    }

    #[test]
    fn unknown_placeholder_is_named_at_its_line_and_column_with_the_closest_fact() {
        let files = files_with("content/questions.yaml", |t| {
            t.replacen("{{ churn.latency_p50 }}", "{{ churn.latncy_p50 }}", 1)
        });
        let errors = Bank::load(&files).unwrap_err();
        let text = &files[1].text;
        let at = text.find("{{ churn.latncy_p50 }}").unwrap();
        let line = text[..at].matches('\n').count() + 1;
        let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
        let d = errors.errors().next().unwrap();
        let loc = d.location.as_ref().unwrap();
        assert_eq!((loc.file.as_str(), loc.line, loc.column), ("content/questions.yaml", line, column));
        assert_eq!(d.message, "unknown fact `churn.latncy_p50` in question `impact-project`");
        assert_eq!(d.hints[0], "did you mean `churn.latency_p50`?");
    }

    #[test]
    fn example_of_the_wrong_kind_is_an_error_at_its_line() {
        let files =
            files_with("content/facts.yaml", |t| t.replacen("example: 89%", "example: 89 percent", 1));
        let errors = Bank::load(&files).unwrap_err();
        let d = errors.errors().next().unwrap();
        assert_eq!(d.message, "`89 percent` is not a percent value");
        let loc = d.location.as_ref().unwrap();
        assert_eq!(loc.source_line.as_deref().map(str::trim), Some("example: 89 percent"));
    }

    #[test]
    fn unknown_key_in_a_question_is_refused_with_a_suggestion() {
        let files = files_with("content/questions.yaml", |t| t.replacen("    headline:", "    hedline:", 1));
        let errors = Bank::load(&files).unwrap_err();
        let d = errors.errors().next().unwrap();
        assert!(d.message.starts_with("questions[0]: unknown field `hedline`"), "{}", d.message);
        assert_eq!(d.hints[0], "did you mean `headline`?");
    }

    #[test]
    fn builtin_bank_loads() {
        let bank = Bank::builtin().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(bank.questions.len(), 11);
    }
}
