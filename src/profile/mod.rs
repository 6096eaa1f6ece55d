//! The person's files: a profile (their facts, their own questions and scripts, pace) and
//! job overlays (one application: company, date, facts, which questions), plus `--set`.
//! They are merged in layers, bank < profile < job < --set, into one input per pack.

pub mod locate;
pub mod starter;

use crate::bank::{Bank, Blocks, Category, Cues, Inline, Question, Role, Seconds, Timeline};
use crate::diag::{Diagnostic, Diagnostics, Location, closest};
use crate::facts::{FactKind, parse_value};
use crate::yaml::YamlFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Default speaking pace, words per minute.
pub const DEFAULT_PACE_WPM: u32 = 150;

/// A profile file (`--profile me.yaml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    /// `$schema` is allowed so editors can find the schema.
    #[serde(default, rename = "$schema")]
    pub schema: Option<String>,
    #[serde(default)]
    pub facts: Option<serde_yaml::Value>,
    #[serde(default)]
    pub questions: Vec<QuestionPatch>,
    #[serde(default)]
    pub scripts: Option<ScriptsPatch>,
    #[serde(default)]
    pub pace_wpm: Option<u32>,
    /// Where the person lives (IANA name): interview times also print in it.
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// A question to add, or the fields of one to replace (by id).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionPatch {
    pub id: String,
    #[serde(default)]
    pub category: Option<Category>,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub project: Option<String>,
    #[serde(default)]
    pub prompt: Option<Inline>,
    #[serde(default)]
    pub target: Option<Seconds>,
    #[serde(default)]
    pub headline: Option<Inline>,
    #[serde(default)]
    pub cues: Option<CuesPatch>,
    #[serde(default)]
    pub answer: Option<Blocks>,
}

/// Some or all of the five cues.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuesPatch {
    pub context: Option<Inline>,
    pub challenge: Option<Inline>,
    pub approach: Option<Inline>,
    pub result: Option<Inline>,
    pub learning: Option<Inline>,
}

/// The person's own scripts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptsPatch {
    pub elevator_pitch: Option<Blocks>,
    pub timeline: Option<Timeline>,
}

/// How the interview takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Onsite,
    Video,
    Phone,
}

/// One application: who, when, how. Only the company is required: numbers are tailored
/// per application before an interview is scheduled.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Job {
    pub company: String,
    /// Without it, the person's own role.
    #[serde(default)]
    pub role: Option<String>,
    /// `YYYY-MM-DD`; without it the checklist asks to confirm the date.
    #[serde(default, deserialize_with = "optional_scalar")]
    pub date: Option<String>,
    /// `HH:MM`, 24-hour, in `time_zone`.
    #[serde(default, deserialize_with = "optional_scalar")]
    pub time: Option<String>,
    /// An IANA name (`Europe/Berlin`) or a fixed offset (`UTC+2`).
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub format: Option<Format>,
    #[serde(default)]
    pub interviewers: Vec<String>,
}

fn optional_scalar<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    crate::yaml::scalar_string(d).map(Some)
}

/// A job overlay file (`--job acme.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobFile {
    #[serde(default, rename = "$schema")]
    pub schema: Option<String>,
    pub job: Job,
    #[serde(default)]
    pub facts: Option<serde_yaml::Value>,
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub questions_to_ask: Vec<Inline>,
}

/// A fact value and where it was set.
#[derive(Debug, Clone)]
pub struct SetValue {
    pub value: String,
    pub origin: Option<Location>,
}

/// Everything one pack is made from, after merging.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The bank with the person's questions and scripts, and the job's selection.
    pub bank: Bank,
    pub values: BTreeMap<String, String>,
    /// Where each of the person's values was set (file:line:col, or `--set`).
    pub origins: BTreeMap<String, Location>,
    pub pace_wpm: u32,
    /// The person's own time zone (IANA name), when the profile gives one.
    pub time_zone: Option<String>,
    pub job: Option<Job>,
    /// The job file's stem: the pack's subfolder when several jobs are built at once.
    pub job_name: Option<String>,
    /// Facts used but not given, printed as visible blanks (only with `--draft`).
    pub blanks: Vec<String>,
}

/// The person's files as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub profile: Option<PathBuf>,
    pub jobs: Vec<PathBuf>,
    pub sets: Vec<String>,
    pub draft: bool,
}

/// Reads `path`, with a clear error when it cannot be.
pub fn read_file(path: &Path) -> Result<YamlFile, Diagnostic> {
    let name = path.display().to_string();
    let here = Some(Location::file(&name));
    if path.is_dir() {
        return Err(Diagnostic::error(here, "this is a folder, not a YAML file")
            .hint("give the path of a .yaml file"));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        let (what, hint) = match e.kind() {
            std::io::ErrorKind::NotFound => {
                ("no such file", "check the path, or create one with `studypack init`")
            }
            std::io::ErrorKind::PermissionDenied => ("permission denied", "make the file readable"),
            _ => ("cannot be read", "check the path"),
        };
        Diagnostic::error(here.clone(), format!("{what} ({e})")).hint(hint)
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(here.clone(), "this file is not UTF-8 text")
            .hint("save it as UTF-8 (not UTF-16, not binary)")
    })?;
    Ok(YamlFile::new(name, text.trim_start_matches('\u{feff}')))
}

/// Loads and merges the person's files into one `Merged` per job (or one without a job).
/// Every problem is collected; warnings come back with the result.
pub fn merge(bank: &Bank, sources: &Sources) -> Result<(Vec<Merged>, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut base = bank.clone();
    let mut values: BTreeMap<String, SetValue> = BTreeMap::new();
    let mut pace = DEFAULT_PACE_WPM;
    let mut profile_file = None;
    let mut person_zone = None;
    // A file that could not be read gave no facts: reporting them all as missing would
    // bury the one real problem.
    let mut unreadable = false;

    match &sources.profile {
        None => {
            // The demo persona: the bank's examples.
            for fact in &bank.facts {
                values.insert(fact.path.clone(), SetValue { value: fact.example.clone(), origin: None });
            }
        }
        Some(path) => match read_file(path).and_then(|f| parse_profile(&f).map(|p| (f, p))) {
            Err(e) => {
                unreadable = true;
                diags.push(e);
            }
            Ok((file, profile)) => {
                read_facts(bank, &file, profile.facts.as_ref(), &["facts"], &mut values, &mut diags);
                apply_profile(&mut base, &file, &profile, &mut diags);
                if let Some(p) = profile.pace_wpm {
                    if (60..=300).contains(&p) {
                        pace = p;
                    } else {
                        diags.push(
                            Diagnostic::error(
                                locate::location(&file.name, &file.text, &["pace_wpm"]),
                                format!("a pace of {p} words per minute is not a speaking pace"),
                            )
                            .hint("people speak at 120 to 180 words per minute; 150 is the default"),
                        );
                    }
                }
                if let Some(zone) = &profile.time_zone {
                    check_zone(&file, &["time_zone"], zone, &mut diags);
                    person_zone = Some(zone.clone());
                }
                diags.extend(bank.check_placeholders(&file));
                profile_file = Some(file);
            }
        },
    }

    let mut jobs = Vec::new();
    for path in &sources.jobs {
        match read_file(path).and_then(|f| parse_job(&f).map(|j| (f, j))) {
            Err(e) => {
                unreadable = true;
                diags.push(e);
            }
            Ok((file, job)) => {
                check_job(&file, &job.job, &mut diags);
                diags.extend(bank.check_placeholders(&file));
                let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
                jobs.push((file, job, stem));
            }
        }
    }
    let sets = parse_sets(bank, &sources.sets, &mut diags);

    let mut merged = Vec::new();
    // Missing facts are collected apart: several packs may lack the same fact, and other
    // errors decide how they are shown.
    let mut missing = Diagnostics::default();
    let overlays: Vec<Option<&(YamlFile, JobFile, String)>> =
        if jobs.is_empty() { vec![None] } else { jobs.iter().map(Some).collect() };
    for overlay in overlays {
        let mut pack_bank = base.clone();
        let mut pack_values = values.clone();
        if let Some((file, job, _)) = overlay {
            read_facts(bank, file, job.facts.as_ref(), &["facts"], &mut pack_values, &mut diags);
            select(&mut pack_bank, file, &job.select, &mut diags);
            pack_bank.checklist.questions_to_ask.extend(job.questions_to_ask.iter().cloned());
        }
        for (path, value) in &sets {
            pack_values.insert(path.clone(), value.clone());
        }
        let blanks = if unreadable {
            Vec::new()
        } else {
            missing_facts(&pack_bank, &pack_values, profile_file.as_ref(), sources.draft, &mut missing)
        };
        merged.push(Merged {
            bank: pack_bank,
            origins: pack_values.iter().filter_map(|(k, v)| Some((k.clone(), v.origin.clone()?))).collect(),
            values: pack_values.into_iter().map(|(k, v)| (k, v.value)).collect(),
            pace_wpm: pace,
            time_zone: person_zone.clone(),
            job: overlay.map(|(_, j, _)| j.job.clone()),
            job_name: overlay.map(|(_, _, stem)| stem.clone()),
            blanks,
        });
    }
    // With other errors in the files, a list of every missing fact would bury them: one
    // line says how many, and the full list comes once the rest is fixed.
    let mut unique: Vec<Diagnostic> = Vec::new();
    for d in missing.0 {
        if !unique.contains(&d) {
            unique.push(d);
        }
    }
    if diags.has_errors() {
        if !unique.is_empty() {
            diags.push(
                Diagnostic::error(None, format!("{} facts the pack prints have no value yet", unique.len()))
                    .hint("fix the errors above; then `studypack check` lists each missing fact"),
            );
        }
    } else {
        diags.extend(Diagnostics(unique));
    }
    diags.into_result(merged)
}

fn parse_profile(file: &YamlFile) -> Result<ProfileFile, Diagnostic> {
    if file.text.trim().is_empty() {
        return Err(Diagnostic::error(Some(Location::file(&file.name)), "this profile is empty").hint(
            format!(
                "write your facts in it, or delete it and run `studypack init {}` for a starter profile",
                file.name
            ),
        ));
    }
    file.parse::<ProfileFile>().map_err(|d| {
        if d.message.starts_with("unknown field `job`") {
            d.hint("this looks like a job file: pass it with --job")
        } else {
            d
        }
    })
}

fn parse_job(file: &YamlFile) -> Result<JobFile, Diagnostic> {
    if file.text.trim().is_empty() {
        return Err(Diagnostic::error(Some(Location::file(&file.name)), "this job file is empty")
            .hint("a job file needs at least `job:` with company, role and date"));
    }
    file.parse::<JobFile>().map_err(|d| {
        let profile_key = ["questions", "scripts", "pace_wpm"]
            .iter()
            .any(|k| d.message.starts_with(&format!("unknown field `{k}`")));
        if profile_key { d.hint("this looks like a profile: pass it with --profile") } else { d }
    })
}

/// Walks a `facts:` mapping (nested maps or dotted keys), checking each value against its
/// declared kind; `keys` is the path of the mapping in the file.
fn read_facts(
    bank: &Bank,
    file: &YamlFile,
    facts: Option<&serde_yaml::Value>,
    keys: &[&str],
    values: &mut BTreeMap<String, SetValue>,
    diags: &mut Diagnostics,
) {
    let Some(facts) = facts else { return };
    if facts.is_null() {
        return;
    }
    let serde_yaml::Value::Mapping(map) = facts else {
        diags.push(
            Diagnostic::error(
                locate::location(&file.name, &file.text, keys),
                "`facts:` must be a map of fact paths to values",
            )
            .hint("write each fact on its own line, e.g. `churn.accuracy: 89%`"),
        );
        return;
    };
    for (key, value) in map {
        let Some(key) = key.as_str() else {
            diags.push(Diagnostic::error(
                locate::location(&file.name, &file.text, keys),
                "a fact's name must be text",
            ));
            continue;
        };
        let mut path: Vec<&str> = keys.to_vec();
        path.push(key);
        let prefix = keys[1..].join(".");
        let full = if prefix.is_empty() { key.to_string() } else { format!("{prefix}.{key}") };
        let here = locate::location(&file.name, &file.text, &path);
        match value {
            serde_yaml::Value::Mapping(_) => {
                if bank.fact(&full).is_some() {
                    diags.push(
                        Diagnostic::error(here, format!("`{full}` is a fact: give it a value, not a map"))
                            .hint(format!(
                                "write `{key}: <{}>`",
                                bank.fact(&full).map(|f| f.kind.to_string()).unwrap_or_default()
                            )),
                    );
                } else {
                    read_facts(bank, file, Some(value), &path, values, diags);
                }
            }
            serde_yaml::Value::Sequence(_) => diags.push(
                Diagnostic::error(here, format!("`{full}` holds a list; a fact has one value"))
                    .hint("write the value on the same line, e.g. `accuracy: 89%`"),
            ),
            serde_yaml::Value::Tagged(_) => diags.push(
                Diagnostic::error(here, format!("`{full}` has a YAML tag; a fact is plain text or a number"))
                    .hint("remove the `!tag` before the value"),
            ),
            serde_yaml::Value::Null => diags.push(
                Diagnostic::error(here, format!("`{full}` has no value"))
                    .hint("write a value after the colon, or delete the line"),
            ),
            scalar => {
                let Some(decl) = bank.fact(&full) else {
                    let mut d = Diagnostic::error(here, format!("unknown fact `{full}`"));
                    if let Some(near) = closest(&full, bank.fact_paths()) {
                        d = d.hint(format!("did you mean `{near}`?"));
                    } else {
                        d = d.hint("`studypack init` lists every fact the bank declares");
                    }
                    diags.push(d);
                    continue;
                };
                let parsed = match scalar {
                    serde_yaml::Value::String(s) => s.clone(),
                    serde_yaml::Value::Number(n) => n.to_string(),
                    serde_yaml::Value::Bool(b) => b.to_string(),
                    _ => String::new(),
                };
                // Print the value as the person wrote it (`1.50`, not `1.5`).
                let raw = locate::find(&file.text, &path).and_then(|f| f.raw_value);
                let written = match (scalar, raw) {
                    (serde_yaml::Value::Number(_), Some(raw)) => raw,
                    _ => parsed,
                };
                match parse_value(decl.kind, &written) {
                    Ok(v) => {
                        values.insert(full, SetValue { value: v.display, origin: here });
                    }
                    Err(problem) => {
                        diags.push(
                            Diagnostic::error(
                                here.clone(),
                                format!("{problem} (`{full}` is a {})", decl.kind),
                            )
                            .hint(format!(
                                "a {} is written like {}",
                                decl.kind,
                                decl.kind.forms()
                            )),
                        );
                        // Given, though wrong: not also reported as missing.
                        values.insert(full, SetValue { value: written, origin: here });
                    }
                }
            }
        }
    }
}

/// `--set path=value` arguments, checked like file values. Shown as `--set:1:COL`.
fn parse_sets(bank: &Bank, sets: &[String], diags: &mut Diagnostics) -> Vec<(String, SetValue)> {
    let mut out = Vec::new();
    for arg in sets {
        let at = |column: usize| {
            Some(Location { file: "--set".into(), line: 1, column, source_line: Some(arg.clone()) })
        };
        let Some((path, value)) = arg.split_once('=') else {
            diags.push(
                Diagnostic::error(at(1), format!("`{arg}` has no `=`"))
                    .hint("write `--set path=value`, e.g. `--set churn.accuracy=89%`"),
            );
            continue;
        };
        let path = path.trim();
        let Some(decl) = bank.fact(path) else {
            let mut d = Diagnostic::error(at(1), format!("unknown fact `{path}`"));
            if let Some(near) = closest(path, bank.fact_paths()) {
                d = d.hint(format!("did you mean `{near}`?"));
            }
            diags.push(d);
            continue;
        };
        let column = arg.find('=').unwrap_or(0) + 2;
        match parse_value(decl.kind, value) {
            Ok(v) => out.push((path.to_string(), SetValue { value: v.display, origin: at(column) })),
            Err(problem) => {
                diags.push(
                    Diagnostic::error(at(column), format!("{problem} (`{path}` is a {})", decl.kind))
                        .hint(format!("a {} is written like {}", decl.kind, decl.kind.forms())),
                );
                out.push((path.to_string(), SetValue { value: value.to_string(), origin: at(column) }));
            }
        }
    }
    out
}

/// Adds or replaces questions and scripts with the profile's own.
fn apply_profile(bank: &mut Bank, file: &YamlFile, profile: &ProfileFile, diags: &mut Diagnostics) {
    for patch in &profile.questions {
        let entry = file.offset_of(&format!("id: {}", patch.id)).unwrap_or(0);
        let here = file.locate(&patch.id, entry);
        if let Some(project) = &patch.project
            && project != "none"
            && !bank.groups.iter().any(|g| &g.id == project)
        {
            let groups: Vec<&str> = bank.groups.iter().map(|g| g.id.as_str()).collect();
            diags.push(
                Diagnostic::error(
                    file.locate("project:", entry),
                    format!("project `{project}` is not a declared group"),
                )
                .hint(format!("use one of: {}, none", groups.join(", "))),
            );
        }
        match bank.questions.iter_mut().find(|q| q.id == patch.id) {
            Some(q) => patch_question(q, patch),
            None => match new_question(patch, bank.questions.iter().map(|q| q.number).max().unwrap_or(0) + 1)
            {
                Ok(q) => bank.questions.push(q),
                Err(missing) => diags.push(
                    Diagnostic::error(
                        here,
                        format!(
                            "`{}` is not a bank question, and a new one needs {}",
                            patch.id,
                            missing.join(", ")
                        ),
                    )
                    .hint(
                        match closest(&patch.id, bank.questions.iter().map(|q| q.id.as_str())) {
                            Some(near) => {
                                format!("to change a bank question use its id: did you mean `{near}`?")
                            }
                            None => "`studypack list` shows the bank's question ids".to_string(),
                        },
                    ),
                ),
            },
        }
    }
    if let Some(scripts) = &profile.scripts {
        if let Some(pitch) = &scripts.elevator_pitch {
            bank.scripts.elevator_pitch = pitch.clone();
        }
        if let Some(timeline) = &scripts.timeline {
            bank.scripts.timeline = timeline.clone();
        }
    }
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

/// Keeps the selected questions, in the order given, numbered from 1.
fn select(bank: &mut Bank, file: &YamlFile, ids: &[String], diags: &mut Diagnostics) {
    if ids.is_empty() {
        return;
    }
    let mut chosen = Vec::new();
    let from = file.offset_of("select:").unwrap_or(0);
    for id in ids {
        match bank.questions.iter().find(|q| &q.id == id) {
            Some(q) if chosen.iter().any(|c: &Question| &c.id == id) => {
                diags.push(Diagnostic::error(
                    file.locate(id, from),
                    format!("question `{}` is selected twice", q.id),
                ));
            }
            Some(q) => chosen.push(q.clone()),
            None => {
                let mut d = Diagnostic::error(
                    file.locate(id, from),
                    format!("unknown question id `{id}` in `select:`"),
                );
                if let Some(near) = closest(id, bank.questions.iter().map(|q| q.id.as_str())) {
                    d = d.hint(format!("did you mean `{near}`?"));
                } else {
                    d = d.hint("`studypack list` shows the question ids");
                }
                diags.push(d);
            }
        }
    }
    for (i, q) in chosen.iter_mut().enumerate() {
        q.number = i as u32 + 1;
    }
    bank.questions = chosen;
}

fn check_job(file: &YamlFile, job: &Job, diags: &mut Diagnostics) {
    let at = |key: &str| locate::location(&file.name, &file.text, &["job", key]);
    if let Some(date) = job.date.as_ref().filter(|d| parse_value(FactKind::Date, d).is_err()) {
        diags.push(
            Diagnostic::error(at("date"), format!("`{date}` is not a date"))
                .hint("write the interview date as YYYY-MM-DD, e.g. 2026-12-03"),
        );
    }
    if let Some(time) = &job.time {
        let ok = time
            .split_once(':')
            .and_then(|(h, m)| Some((h.parse::<u8>().ok()?, m.parse::<u8>().ok()?, m.len())))
            .is_some_and(|(h, m, len)| h < 24 && m < 60 && len == 2);
        if !ok {
            diags.push(
                Diagnostic::error(at("time"), format!("`{time}` is not a time of day"))
                    .hint("write it as HH:MM on a 24-hour clock, in quotes: time: \"14:30\""),
            );
        }
    }
    if let Some(zone) = &job.time_zone {
        check_zone(file, &["job", "time_zone"], zone, diags);
    }
    for (key, value) in [("company", Some(&job.company)), ("role", job.role.as_ref())] {
        if value.is_some_and(|v| v.trim().is_empty()) {
            diags.push(Diagnostic::error(at(key), format!("the job's {key} is empty")));
        }
    }
}

/// A time zone must be one the built-in database knows, or a fixed offset.
fn check_zone(file: &YamlFile, keys: &[&str], zone: &str, diags: &mut Diagnostics) {
    if crate::facts::zone::Zone::parse(zone).is_some() {
        return;
    }
    let hint = match crate::facts::zone::suggest(zone) {
        Some(near) => {
            format!("did you mean `{near}`? Zones are IANA names (Europe/Berlin) or offsets (UTC+2)")
        }
        None => "write an IANA name such as Europe/Berlin or America/New_York, or an offset such as UTC+2"
            .to_string(),
    };
    let at = locate::location(&file.name, &file.text, keys);
    diags.push(Diagnostic::error(at, format!("unknown time zone `{zone}`")).hint(hint));
}

/// Facts the pack prints but nobody gave: errors naming every place that uses them, or,
/// with `draft`, the list of facts to print as visible blanks.
fn missing_facts(
    bank: &Bank,
    values: &BTreeMap<String, SetValue>,
    profile: Option<&YamlFile>,
    draft: bool,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let mut blanks = Vec::new();
    for (path, uses) in bank.fact_uses() {
        if values.contains_key(&path) {
            continue;
        }
        if draft {
            blanks.push(path);
            continue;
        }
        let decl = bank.fact(&path).expect("uses name declared facts");
        let at = profile.and_then(|f| {
            locate::location(&f.name, &f.text, &["facts"]).or_else(|| Some(Location::file(&f.name)))
        });
        let shown: Vec<&str> = uses.iter().take(6).map(String::as_str).collect();
        let more = if uses.len() > 6 { format!(" and {} more", uses.len() - 6) } else { String::new() };
        diags.push(
            Diagnostic::error(
                at,
                format!(
                    "fact `{path}` ({}) has no value; it is used by {}{more}",
                    decl.description,
                    shown.join(", ")
                ),
            )
            .hint(format!(
                "add `{path}: {}` under `facts:` with your own {}, or build with --draft to print blanks",
                decl.example, decl.kind
            )),
        );
    }
    blanks
}
