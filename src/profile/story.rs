//! The person's own story over the guide's worked examples: their projects, their answers
//! to the bank's questions (or new questions), their red-flag examples, framework examples
//! and scripts, and what they leave out. What they replace is recorded in `Bank::own`.

use super::{CuesPatch, ProfileFile, ProjectPatch, QuestionPatch, locate};
use crate::bank::{
    Bank, Blocks, Category, Cues, Group, Inline, Place, Question, Role, Seconds, THREE_LAYER_EXAMPLE,
};
use crate::diag::{Diagnostic, Diagnostics, closest};
use crate::yaml::{Ordered, YamlFile};
use std::collections::BTreeSet;

/// Declares the person's own projects and retitles the bank's.
pub(super) fn apply_projects(
    bank: &mut Bank,
    file: &YamlFile,
    projects: &Ordered<ProjectPatch>,
    diags: &mut Diagnostics,
) {
    for (id, patch) in &projects.0 {
        let here = locate::location(&file.name, &file.text, &["projects", id]);
        let valid = !id.is_empty()
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !id.starts_with(|c: char| c.is_ascii_digit());
        if !valid || id == "none" {
            diags.push(Diagnostic::error(here, format!("`{id}` cannot name a project")).hint(
                "a project id is lowercase letters, digits and `_`, e.g. `fraud` or `demand_forecast`",
            ));
            continue;
        }
        if patch.title.trim().is_empty() {
            diags.push(
                Diagnostic::error(here, format!("project `{id}` has an empty title"))
                    .hint("give the title it prints under, e.g. `title: Card fraud detection`"),
            );
            continue;
        }
        match bank.groups.iter_mut().find(|g| &g.id == id) {
            Some(group) => {
                group.title = patch.title.clone();
                group.summary = patch.summary.clone().or(group.summary.take());
            }
            None => {
                bank.groups.push(Group {
                    id: id.clone(),
                    title: patch.title.clone(),
                    summary: patch.summary.clone(),
                });
                bank.own_projects.insert(id.clone());
            }
        }
    }
}

/// Adds or replaces questions, red-flag examples, framework examples and scripts with the
/// profile's own. `given` holds the groups the person gave facts of: a bank question about
/// one of them is the person's story told in the guide's words, not the demo persona's.
pub(super) fn apply_profile(
    bank: &mut Bank,
    file: &YamlFile,
    profile: &ProfileFile,
    given: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    for patch in &profile.questions {
        apply_question(bank, file, patch, given, diags);
    }
    for (id, instead) in &profile.red_flags.0 {
        match bank.flags.red_flags.iter_mut().find(|f| &f.id == id) {
            Some(_) if instead.is_blank() => diags.push(
                Diagnostic::error(
                    file.value_location(&["red_flags", id]),
                    format!("what you would say instead of red flag `{id}` is empty"),
                )
                .hint("write it in your own words, or leave the red flag out with `skip:`"),
            ),
            Some(flag) => {
                flag.instead = instead.clone();
                bank.own.insert(Place::RedFlag { number: 0, id: id.clone() }.key());
            }
            None => {
                let here = locate::location(&file.name, &file.text, &["red_flags", id]);
                diags.push(unknown_id(
                    here,
                    "red flag",
                    id,
                    bank.flags.red_flags.iter().map(|f| f.id.as_str()),
                ));
            }
        }
    }
    if let Some(frameworks) = &profile.frameworks {
        if let Some(example) = &frameworks.three_layer_example {
            // The executive summary is the layer the guide gives an example for.
            let layers = &mut bank.frameworks.three_layer;
            let at = layers.iter().position(|l| l.example.is_some()).unwrap_or(0);
            if let Some(layer) = layers.get_mut(at) {
                layer.example = Some(example.clone());
            }
            bank.own.insert(Place::ThreeLayerExample.key());
        }
        if let Some(example) = &frameworks.formula_example {
            bank.frameworks.formula.example = example.clone();
            bank.own.insert(Place::FormulaExample.key());
        }
    }
    if let Some(scripts) = &profile.scripts {
        if let Some(pitch) = &scripts.elevator_pitch {
            bank.scripts.elevator_pitch = pitch.clone();
            bank.own.insert(Place::Pitch.key());
        }
        if let Some(timeline) = &scripts.timeline {
            bank.scripts.timeline = timeline.clone();
            bank.own.insert(Place::Timeline.key());
        }
    }
}

/// The parts of a question the person wrote empty (`headline: ""`, an empty `answer: |`):
/// each would print as a blank section, so each is an error where it is written.
fn blank_parts(file: &YamlFile, entry: usize, patch: &QuestionPatch, diags: &mut Diagnostics) {
    let inline = |value: &Option<Inline>| value.as_ref().is_some_and(Inline::is_blank);
    let cues = patch.cues.as_ref();
    let cue = |pick: fn(&CuesPatch) -> &Option<Inline>| cues.is_some_and(|c| inline(pick(c)));
    let blank = [
        ("prompt", inline(&patch.prompt)),
        ("headline", inline(&patch.headline)),
        ("context", cue(|c| &c.context)),
        ("challenge", cue(|c| &c.challenge)),
        ("approach", cue(|c| &c.approach)),
        ("result", cue(|c| &c.result)),
        ("learning", cue(|c| &c.learning)),
        ("answer", patch.answer.as_ref().is_some_and(Blocks::is_blank)),
    ];
    for (part, _) in blank.iter().filter(|(_, blank)| *blank) {
        diags.push(
            Diagnostic::error(
                file.locate(&format!("{part}:"), entry),
                format!("the {part} of `{}` is empty", patch.id),
            )
            .hint("write it in your own words, or delete the line"),
        );
    }
}

/// "`x` is not a red flag", with the closest id or where the ids are listed.
fn unknown_id<'a>(
    here: Option<crate::diag::Location>,
    what: &str,
    id: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let d = Diagnostic::error(here, format!("`{id}` is not a {what} of the bank"));
    match closest(id, ids) {
        Some(near) => d.hint(format!("did you mean `{near}`?")),
        None => d.hint("`studypack list` shows every id"),
    }
}

/// One entry of the profile's `questions:`: a new question, or new parts for a bank one.
fn apply_question(
    bank: &mut Bank,
    file: &YamlFile,
    patch: &QuestionPatch,
    given: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    let entry = file.offset_of(&format!("id: {}", patch.id)).unwrap_or(0);
    let here = file.locate(&patch.id, entry);
    if let Some(project) = &patch.project {
        check_project(bank, file, entry, project, diags);
    }
    blank_parts(file, entry, patch, diags);
    let key = Place::Question { number: 0, id: patch.id.clone() }.key();
    match bank.questions.iter_mut().find(|q| q.id == patch.id) {
        Some(q) => {
            let demo_story = !given.contains(&q.project);
            patch_question(q, patch);
            let still_guide = guide_parts(patch);
            if still_guide.is_empty() {
                bank.own.insert(key);
            } else if still_guide.len() < 7 && demo_story {
                diags.push(
                    Diagnostic::warning(
                        here,
                        format!(
                            "your Q{} ({}) keeps the guide's example for its {}",
                            q.number,
                            q.id,
                            still_guide.join(", ")
                        ),
                    )
                    .hint("those parts tell the demo persona's story: write them in your own words too"),
                );
            }
        }
        None => add_question(bank, here, patch, key, diags),
    }
}

/// A question's `project:` must be one of the person's, the bank's, or `none`; `entry` is
/// where the question starts in `file`.
fn check_project(bank: &Bank, file: &YamlFile, entry: usize, project: &str, diags: &mut Diagnostics) {
    if project == "none" || bank.groups.iter().any(|g| g.id == project) {
        return;
    }
    let groups: Vec<&str> = bank.groups.iter().map(|g| g.id.as_str()).collect();
    let mut d = Diagnostic::error(
        file.locate("project:", entry),
        format!("project `{project}` is neither one of yours nor the bank's"),
    );
    if let Some(near) = closest(project, groups.iter().copied()) {
        d = d.hint(format!("did you mean `{near}`?"));
    }
    diags.push(d.hint(format!(
        "declare it under `projects:` (`{project}: {{ title: … }}`), or use one of: {}, none",
        groups.join(", ")
    )));
}

/// A question of the person's own, numbered after the bank's; `key` is its place key.
fn add_question(
    bank: &mut Bank,
    here: Option<crate::diag::Location>,
    patch: &QuestionPatch,
    key: String,
    diags: &mut Diagnostics,
) {
    let number = bank.questions.iter().map(|q| q.number).max().unwrap_or(0) + 1;
    match new_question(patch, number) {
        Ok(q) => {
            bank.questions.push(q);
            bank.own.insert(key);
        }
        Err(missing) => diags.push(
            Diagnostic::error(
                here,
                format!("`{}` is not a bank question, and a new one needs {}", patch.id, missing.join(", ")),
            )
            .hint(match closest(&patch.id, bank.questions.iter().map(|q| q.id.as_str())) {
                Some(near) => format!("to change a bank question use its id: did you mean `{near}`?"),
                None => "`studypack list` shows the bank's question ids".to_string(),
            }),
        ),
    }
}

/// The story-telling parts of a bank question that a patch leaves as the guide wrote them.
fn guide_parts(patch: &QuestionPatch) -> Vec<&'static str> {
    let cues = patch.cues.clone().unwrap_or_default();
    let CuesPatch { context, challenge, approach, result, learning } = &cues;
    [
        ("headline", patch.headline.is_some()),
        ("context cue", context.is_some()),
        ("challenge cue", challenge.is_some()),
        ("approach cue", approach.is_some()),
        ("result cue", result.is_some()),
        ("learning cue", learning.is_some()),
        ("answer", patch.answer.is_some()),
    ]
    .into_iter()
    .filter(|(_, given)| !given)
    .map(|(name, _)| name)
    .collect()
}

fn patch_question(q: &mut Question, patch: &QuestionPatch) {
    let set = |target: &mut Inline, value: &Option<Inline>| {
        if let Some(v) = value {
            *target = v.clone();
        }
    };
    if let Some(c) = patch.category {
        q.category = c;
    }
    if let Some(r) = patch.role {
        q.role = r;
    }
    if let Some(p) = &patch.project {
        q.project = p.clone();
    }
    if let Some(t) = patch.target {
        q.target = t;
    }
    set(&mut q.prompt, &patch.prompt);
    set(&mut q.headline, &patch.headline);
    if let Some(cues) = &patch.cues {
        set(&mut q.cues.context, &cues.context);
        set(&mut q.cues.challenge, &cues.challenge);
        set(&mut q.cues.approach, &cues.approach);
        set(&mut q.cues.result, &cues.result);
        set(&mut q.cues.learning, &cues.learning);
    }
    if let Some(a) = &patch.answer {
        q.answer = a.clone();
    }
}

/// A whole new question from a patch, or the names of the fields it lacks.
fn new_question(patch: &QuestionPatch, number: u32) -> Result<Question, Vec<&'static str>> {
    let cues = patch.cues.clone().unwrap_or_default();
    let mut missing = Vec::new();
    macro_rules! need {
        ($value:expr, $name:literal) => {
            match $value {
                Some(v) => v,
                None => {
                    missing.push($name);
                    Default::default()
                }
            }
        };
    }
    let question = Question {
        id: patch.id.clone(),
        number,
        category: patch.category.unwrap_or(Category::General),
        role: patch.role.unwrap_or(Role::Any),
        project: patch.project.clone().unwrap_or_else(|| "none".into()),
        prompt: need!(patch.prompt.clone(), "prompt"),
        target: patch.target.unwrap_or(Seconds(90)),
        headline: need!(patch.headline.clone(), "headline"),
        cues: Cues {
            context: need!(cues.context, "cues.context"),
            challenge: need!(cues.challenge, "cues.challenge"),
            approach: need!(cues.approach, "cues.approach"),
            result: need!(cues.result, "cues.result"),
            learning: need!(cues.learning, "cues.learning"),
        },
        answer: patch.answer.clone().unwrap_or_default(),
    };
    if missing.is_empty() { Ok(question) } else { Err(missing) }
}

/// Leaves the profile's `skip:` ids out of the bank: questions, red flags, the 3-layer
/// example. Returns the question ids skipped, so a job's `select:` can name them.
pub(super) fn skip(bank: &mut Bank, file: &YamlFile, ids: &[String], diags: &mut Diagnostics) -> Vec<String> {
    let from = file.offset_of("skip:").unwrap_or(0);
    let mut skipped = Vec::new();
    for (index, id) in ids.iter().enumerate() {
        let here = || file.item(&["skip"], index).or_else(|| file.locate(id, from));
        if ids[..index].contains(id) {
            diags.push(
                Diagnostic::error(here(), format!("`{id}` is in `skip:` twice"))
                    .hint("delete this one: skipping it once leaves it out"),
            );
        } else if bank.questions.iter().any(|q| &q.id == id) {
            bank.questions.retain(|q| &q.id != id);
            skipped.push(id.clone());
        } else if bank.flags.red_flags.iter().any(|f| &f.id == id) {
            bank.flags.red_flags.retain(|f| &f.id != id);
        } else if id == THREE_LAYER_EXAMPLE {
            for layer in &mut bank.frameworks.three_layer {
                layer.example = None;
            }
        } else {
            let ids: Vec<&str> = bank
                .questions
                .iter()
                .map(|q| q.id.as_str())
                .chain(bank.flags.red_flags.iter().map(|f| f.id.as_str()))
                .chain([THREE_LAYER_EXAMPLE])
                .collect();
            let d = Diagnostic::error(
                here(),
                format!("`{id}` in `skip:` is not a question, red flag or example of the bank"),
            );
            diags.push(match closest(id, ids) {
                Some(near) => d.hint(format!("did you mean `{near}`?")),
                None => d.hint("`studypack list` shows the ids you can skip"),
            });
        }
    }
    skipped
}
