//! The person's files: a profile (their facts, their own questions and scripts, pace) and
//! job overlays (one application: company, date, facts, which questions), plus `--set`.
//! They are merged in layers, bank < profile < job < --set, into one input per pack.

pub(crate) mod locate;
mod missing;
pub(crate) mod schema;
mod story;
mod values;

use crate::bank::{Bank, Blocks, Category, Cues, Inline, Place, Question, Role, Seconds, Timeline};
use crate::diag::{Diagnostic, Diagnostics, Location, closest};
use crate::facts::check::Checks;
use crate::facts::{FactKind, parse_value};
use crate::yaml::{Ordered, Parsed, YamlFile};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Default speaking pace, words per minute.
pub const DEFAULT_PACE_WPM: u32 = 150;

/// A profile file (`--profile me.yaml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileFile {
    /// `$schema` is allowed so editors can find the schema; studypack itself never reads it.
    #[serde(default, rename = "$schema")]
    #[allow(dead_code)]
    pub schema: Option<String>,
    /// The person's own projects, and new titles for the bank's (id → title).
    #[serde(default)]
    pub projects: Ordered<ProjectPatch>,
    #[serde(default)]
    pub facts: Option<serde_yaml::Value>,
    #[serde(default, deserialize_with = "crate::yaml::or_default")]
    pub questions: Vec<QuestionPatch>,
    /// Their own "say instead" example for a red flag, by its id.
    #[serde(default)]
    pub red_flags: Ordered<Inline>,
    /// Their own worked examples for the 3-layer approach and the formula.
    #[serde(default)]
    pub frameworks: Option<FrameworksPatch>,
    #[serde(default)]
    pub scripts: Option<ScriptsPatch>,
    /// Bank questions, red flags or the 3-layer example to leave out of every pack.
    #[serde(default, deserialize_with = "crate::yaml::or_default")]
    pub skip: Vec<String>,
    /// Consistency checks over their own facts, in the bank's vocabulary.
    #[serde(default, deserialize_with = "crate::yaml::or_default")]
    pub checks: Checks,
    #[serde(default)]
    pub pace_wpm: Option<u32>,
    /// Where the person lives (IANA name): interview times also print in it.
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// One of the person's projects, or a new title for one of the bank's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProjectPatch {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
}

/// The person's own worked examples for the frameworks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrameworksPatch {
    /// Layer 1 of the 3-layer approach: problem and impact in one sentence.
    pub three_layer_example: Option<Inline>,
    /// CONTEXT + CHALLENGE + APPROACH + RESULT + LEARNING, all five.
    pub formula_example: Option<Cues>,
}

/// A question to add, or the fields of one to replace (by id).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuestionPatch {
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
pub(crate) struct CuesPatch {
    pub context: Option<Inline>,
    pub challenge: Option<Inline>,
    pub approach: Option<Inline>,
    pub result: Option<Inline>,
    pub learning: Option<Inline>,
}

/// The person's own scripts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScriptsPatch {
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

impl Format {
    /// Every format: the schema offers exactly these.
    pub(crate) const ALL: [Format; 3] = [Format::Onsite, Format::Video, Format::Phone];
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
pub(crate) struct JobFile {
    /// `$schema`, as in a profile.
    #[serde(default, rename = "$schema")]
    #[allow(dead_code)]
    pub schema: Option<String>,
    pub job: Job,
    /// New titles for projects in this application's pack.
    #[serde(default)]
    pub projects: Ordered<ProjectPatch>,
    #[serde(default)]
    pub facts: Option<serde_yaml::Value>,
    /// The questions of this pack, in this order; absent: all of them.
    #[serde(default)]
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub questions_to_ask: Vec<Inline>,
}

/// A fact value and where it was set.
#[derive(Debug, Clone)]
pub(crate) struct SetValue {
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
    /// The guide's example texts printed with blanks (`--draft`), by place key: the layouts
    /// mark them as the guide's, not the person's.
    pub examples: BTreeSet<String>,
    /// Where the profile gives each of its questions (by id), for warnings about them.
    pub question_origins: BTreeMap<String, Location>,
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
pub(crate) fn read_file(path: &Path) -> Result<YamlFile, Diagnostic> {
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
    let profile = match &sources.profile {
        None => Some(Base::demo(bank)),
        Some(path) => read_profile(bank, path, &mut diags),
    };
    let jobs: Vec<Option<JobOverlay>> = sources.jobs.iter().map(|path| read_job(path, &mut diags)).collect();
    // A file that could not be read gave no facts: reporting them all as missing would
    // bury the one real problem.
    let unreadable = profile.is_none() || jobs.iter().any(Option::is_none);
    let jobs: Vec<JobOverlay> = jobs.into_iter().flatten().collect();
    let profile_read = profile.is_some();
    let mut base = profile.unwrap_or_else(|| Base::new(bank));
    if !profile_read {
        // The profile that did not read may well declare the projects the jobs and `--set`
        // give figures of: taken as declared, they are not reported as unknown besides.
        base.bank.own_projects.extend(named_projects(bank, &jobs, &sources.sets));
    }
    let stems: Vec<String> = jobs.iter().map(|j| j.stem.clone()).collect();
    let sets = values::parse_sets(&base.bank, &sources.sets, &stems, &mut diags);
    let layers = Layers { base, sets, draft: sources.draft, unreadable };

    // Missing facts are collected apart: several packs may lack the same fact, and other
    // errors decide how they are shown.
    let mut missing = Diagnostics::default();
    let mut missing_paths: Vec<String> = Vec::new();
    let overlays: Vec<Option<&JobOverlay>> =
        if jobs.is_empty() { vec![None] } else { jobs.iter().map(Some).collect() };
    let mut merged = Vec::new();
    for overlay in overlays {
        let (pack, absent) = layers.pack(overlay, &mut diags, &mut missing);
        for path in absent {
            if !missing_paths.contains(&path) {
                missing_paths.push(path);
            }
        }
        merged.push(pack);
    }
    report_missing(&mut diags, missing, &missing_paths);
    diags.into_result(merged)
}

/// What the profile gives every pack: the bank with the person's projects, questions,
/// scripts and checks, their values, pace and zone.
struct Base {
    bank: Bank,
    values: BTreeMap<String, SetValue>,
    pace: u32,
    time_zone: Option<String>,
    /// The profile as read, for hints that point into it.
    file: Option<YamlFile>,
    /// The ids the profile's `skip:` left out.
    skipped: Vec<String>,
    question_origins: BTreeMap<String, Location>,
}

impl Base {
    /// The bank alone, with no values.
    fn new(bank: &Bank) -> Base {
        Base {
            bank: bank.clone(),
            values: BTreeMap::new(),
            pace: DEFAULT_PACE_WPM,
            time_zone: None,
            file: None,
            skipped: Vec::new(),
            question_origins: BTreeMap::new(),
        }
    }

    /// The demo persona: the bank's examples.
    fn demo(bank: &Bank) -> Base {
        let mut base = Base::new(bank);
        for fact in &bank.facts {
            base.values.insert(fact.path.clone(), SetValue { value: fact.example.clone(), origin: None });
        }
        base
    }
}

/// Reads `path` and parses it with `parse`, every problem into `diags` (the unknown keys'
/// too, which still give the model); `None` when the file could not be read or parsed.
fn read_parsed<T>(
    path: &Path,
    parse: fn(&YamlFile) -> Parsed<T>,
    diags: &mut Diagnostics,
) -> Option<(YamlFile, T)> {
    let parsed = read_file(path).map_err(|e| vec![e]).and_then(|file| parse(&file).map(|p| (file, p)));
    let (problems, read) = match parsed {
        Ok((file, (model, unknown))) => (unknown, Some((file, model))),
        Err(errors) => (errors, None),
    };
    problems.into_iter().for_each(|e| diags.push(e));
    read
}

/// Reads the profile and applies it to the bank, layer by layer; `None` when the file
/// could not be read or parsed.
fn read_profile(bank: &Bank, path: &Path, diags: &mut Diagnostics) -> Option<Base> {
    let (file, profile) = read_parsed(path, parse_profile, diags)?;
    let mut base = Base::new(bank);
    let bank = &mut base.bank;
    story::apply_projects(bank, &file, &profile.projects, diags);
    values::read_facts(bank, &file, profile.facts.as_ref(), &mut base.values, diags);
    let given = base.values.keys().filter_map(|p| p.split('.').next()).map(str::to_string).collect();
    story::apply_profile(bank, &file, &profile, &given, diags);
    values::add_checks(bank, &file, &profile.checks, diags);
    base.skipped = story::skip(bank, &file, &profile.skip, diags);
    base.pace = profile.pace_wpm.map_or(DEFAULT_PACE_WPM, |p| checked_pace(&file, p, diags));
    if let Some(zone) = &profile.time_zone {
        check_zone(&file, &["time_zone"], zone, diags);
        base.time_zone = Some(zone.clone());
    }
    diags.extend(base.bank.check_placeholders(&file));
    for q in &profile.questions {
        let entry = file.offset_of(&format!("id: {}", q.id)).unwrap_or(0);
        if let Some(at) = file.locate(&q.id, entry) {
            base.question_origins.insert(q.id.clone(), at);
        }
    }
    base.file = Some(file);
    Some(base)
}

/// The profile's `pace_wpm` when it is a speaking pace, else the default and an error.
fn checked_pace(file: &YamlFile, pace: u32, diags: &mut Diagnostics) -> u32 {
    if (60..=300).contains(&pace) {
        return pace;
    }
    diags.push(
        Diagnostic::error(
            locate::location(&file.name, &file.text, &["pace_wpm"]),
            format!("a pace of {pace} words per minute is not a speaking pace"),
        )
        .hint("people speak at 120 to 180 words per minute; 150 is the default"),
    );
    DEFAULT_PACE_WPM
}

/// A job file as read, with its stem: the pack's subfolder when several jobs are built at once.
struct JobOverlay {
    file: YamlFile,
    job: JobFile,
    stem: String,
}

/// Where a value's fact is named on the value's line (`ledger.acounts` of `ledger.acounts:
/// 5M`, `acounts` of a nested `acounts: 5M`), rather than the value itself.
fn at_name(mut at: Location, path: &str) -> Location {
    let last = path.rsplit('.').next().unwrap_or(path);
    if let Some(line) = &at.source_line {
        let before: String = line.chars().take(at.column.saturating_sub(1)).collect();
        if let Some(byte) = before.find(path).or_else(|| before.rfind(last)) {
            at.column = before[..byte].chars().count() + 1;
        }
    }
    at
}

/// The groups of the facts the jobs and `--set`s give that are not the bank's (`ledger` of
/// `ledger.cost_saved`, as `ledger.cost_saved:` or nested under `ledger:`).
fn named_projects(bank: &Bank, jobs: &[JobOverlay], sets: &[String]) -> BTreeSet<String> {
    let from_jobs =
        jobs.iter().filter_map(|j| j.job.facts.as_ref()).filter_map(|f| f.as_mapping()).flat_map(|map| {
            map.keys().filter_map(|k| k.as_str()).map(|k| k.split('.').next().unwrap_or_default().to_string())
        });
    let from_sets = sets
        .iter()
        .filter_map(|arg| values::split_set(arg))
        .map(|(_, path, _)| path.split('.').next().unwrap_or_default().to_string());
    from_jobs
        .chain(from_sets)
        .filter(|group| !group.is_empty() && !bank.groups.iter().any(|g| &g.id == group))
        .collect()
}

/// Reads and checks a job file; `None` when it could not be read or parsed.
fn read_job(path: &Path, diags: &mut Diagnostics) -> Option<JobOverlay> {
    let (file, job) = read_parsed(path, parse_job, diags)?;
    check_job(&file, &job.job, diags);
    for (index, _) in job.questions_to_ask.iter().enumerate().filter(|(_, q)| q.is_blank()) {
        diags.push(
            Diagnostic::error(file.item(&["questions_to_ask"], index), "this question to ask is empty")
                .hint("write the question, or delete the line"),
        );
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    Some(JobOverlay { file, job, stem })
}

/// The layers under every pack: the profile's base, the `--set` values, and how missing
/// facts are treated.
struct Layers {
    base: Base,
    sets: Vec<values::Set>,
    draft: bool,
    /// A file could not be read: its facts are not reported missing.
    unreadable: bool,
}

impl Layers {
    /// A fact first named by a job or a `--set` that no text prints, and that is no key
    /// number either, changes nothing printed: most likely a misspelt one
    /// (`ledger.acounts`), which would leave the figure it meant as it was.
    /// `uses` is `bank.fact_uses()`.
    fn warn_unprinted(
        &self,
        bank: &Bank,
        uses: &BTreeMap<String, Vec<Place>>,
        values: &BTreeMap<String, SetValue>,
        diags: &mut Diagnostics,
    ) {
        let new = bank.facts.iter().filter(|f| self.base.bank.fact(&f.path).is_none());
        for decl in new.filter(|f| !f.key && !uses.contains_key(&f.path)) {
            let origin =
                values.get(&decl.path).and_then(|v| v.origin.clone()).map(|at| at_name(at, &decl.path));
            let d = Diagnostic::warning(
                origin,
                format!("`{}` is a new fact here, and nothing prints it", decl.path),
            );
            diags.push(match closest(&decl.path, self.base.bank.fact_paths()) {
                Some(near) => d.hint(format!("did you mean `{near}`?")),
                None => d.hint(format!(
                    "print it in a text as `{{{{ {} }}}}`, or make it one of your numbers with `key: true`",
                    decl.path
                )),
            });
        }
    }

    /// One pack's input: the base with the job's overlay and the `--set` values for it, and
    /// the facts it uses but lacks (their errors go to `missing`).
    fn pack(
        &self,
        overlay: Option<&JobOverlay>,
        diags: &mut Diagnostics,
        missing: &mut Diagnostics,
    ) -> (Merged, Vec<String>) {
        let mut pack_bank = self.base.bank.clone();
        let mut pack_values = self.base.values.clone();
        if let Some(JobOverlay { file, job, .. }) = overlay {
            story::apply_projects(&mut pack_bank, file, &job.projects, diags);
            values::read_facts(&mut pack_bank, file, job.facts.as_ref(), &mut pack_values, diags);
            diags.extend(pack_bank.check_placeholders(file));
            select(&mut pack_bank, file, job.select.as_ref(), &self.base.skipped, diags);
            pack_bank.checklist.questions_to_ask.extend(job.questions_to_ask.iter().cloned());
        }
        let stem = overlay.map(|o| &o.stem);
        for set in self.sets.iter().filter(|set| set.job.is_none() || set.job.as_ref() == stem) {
            values::apply_set(&mut pack_bank, &mut pack_values, set);
        }
        values::add_own_checks(&mut pack_bank);
        let (absent, examples) = if self.unreadable {
            // What the file that did not read declares and prints is not known.
            Default::default()
        } else {
            let uses = pack_bank.fact_uses();
            self.warn_unprinted(&pack_bank, &uses, &pack_values, diags);
            let (absent, mut examples) = missing::missing_facts(
                &pack_bank,
                uses,
                &pack_values,
                self.base.file.as_ref(),
                self.draft,
                missing,
            );
            let file = self.base.file.as_ref();
            examples.extend(missing::fact_free_examples(&pack_bank, &pack_values, file, diags));
            (absent, examples)
        };
        let merged = Merged {
            bank: pack_bank,
            origins: pack_values.iter().filter_map(|(k, v)| Some((k.clone(), v.origin.clone()?))).collect(),
            values: pack_values.into_iter().map(|(k, v)| (k, v.value)).collect(),
            pace_wpm: self.base.pace,
            time_zone: self.base.time_zone.clone(),
            job: overlay.map(|o| o.job.job.clone()),
            job_name: stem.cloned(),
            blanks: if self.draft { absent.clone() } else { Vec::new() },
            examples,
            question_origins: self.base.question_origins.clone(),
        };
        (merged, absent)
    }
}

/// Adds the missing facts to `diags`. With other errors in the files, a list of every
/// missing fact would bury them: one line says how many, and the full list comes once the
/// rest is fixed. Several packs may lack the same fact: `into_result` shows each problem once.
fn report_missing(diags: &mut Diagnostics, missing: Diagnostics, paths: &[String]) {
    if !diags.has_errors() {
        diags.extend(missing);
        return;
    }
    if missing.is_empty() {
        return;
    }
    let message = match paths.len() {
        1..=6 => format!("and these facts have no value yet: {}", paths.join(", ")),
        n => format!("and {n} facts the pack prints have no value yet"),
    };
    diags.push(
        Diagnostic::error(None, message)
            .hint("fix the errors above; then `studypack check` says where each is used and how to give it"),
    );
}

/// The file's model with its unknown keys' errors (see `YamlFile::parse_all`), or its
/// errors. `wrong_kind` turns an unknown key's error into the one problem to tell (a job
/// file passed as the profile): then the other keys are not reported besides.
fn parse_reporting_all<T: serde::de::DeserializeOwned>(
    file: &YamlFile,
    wrong_kind: impl Fn(&Diagnostic) -> Option<Diagnostic>,
) -> Parsed<T> {
    let result = file.parse_all::<T>();
    let errors = match &result {
        Ok((_, unknown)) => unknown,
        Err(errors) => errors,
    };
    if let Some(only) = errors.iter().find_map(&wrong_kind) {
        return Err(vec![only]);
    }
    result
}

fn parse_profile(file: &YamlFile) -> Parsed<ProfileFile> {
    if file.text.trim().is_empty() {
        return Err(vec![Diagnostic::error(Some(Location::file(&file.name)), "this profile is empty").hint(
            format!(
                "write your facts in it, or delete it and run `studypack init {}` for a starter profile",
                file.name
            ),
        )]);
    }
    parse_reporting_all(file, |d| {
        d.message
            .starts_with("unknown field `job`")
            .then(|| d.clone().hint("this looks like a job file: pass it with --job"))
    })
}

fn parse_job(file: &YamlFile) -> Parsed<JobFile> {
    if file.text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error(Some(Location::file(&file.name)), "this job file is empty")
                .hint("a job file needs at least `job:` with company, role and date"),
        ]);
    }
    parse_reporting_all(file, |d| {
        let d = d.clone();
        let profile_key = ["questions", "scripts", "pace_wpm", "red_flags", "frameworks", "skip", "checks"]
            .iter()
            .any(|k| d.message.starts_with(&format!("unknown field `{k}`")));
        let job_key = ["company", "role", "date", "time", "time_zone", "format", "interviewers"]
            .iter()
            .any(|k| d.message.starts_with(&format!("unknown field `{k}`")));
        if profile_key {
            Some(d.hint("this looks like a profile: pass it with --profile"))
        } else if job_key {
            // The field is right, its place is not: the hint shows where it goes.
            Some(Diagnostic { hints: Vec::new(), ..d }.hint(
                "the interview's details go under `job:`, indented:\n        job:\n          company: Acme Analytics\n          role: Senior Data Scientist\n          date: 2026-12-03\n  (`studypack init --job acme.yaml` writes a commented job file)",
            ))
        } else {
            None
        }
    })
}

/// Keeps the selected questions, in the order given. They keep the bank's numbers, so a
/// question is Q11 in `studypack list`, on every card and in every message.
fn select(
    bank: &mut Bank,
    file: &YamlFile,
    ids: Option<&Vec<String>>,
    skipped: &[String],
    diags: &mut Diagnostics,
) {
    let Some(ids) = ids else { return };
    if ids.is_empty() {
        diags.push(
            Diagnostic::error(
                locate::location(&file.name, &file.text, &["select"]),
                "`select: []` selects no question",
            )
            .hint("list the ids of the questions for this job (`studypack list` shows them), or delete `select:` to keep all"),
        );
        return;
    }
    let mut chosen = Vec::new();
    let from = file.offset_of("select:").unwrap_or(0);
    for (index, id) in ids.iter().enumerate() {
        let here = || file.item(&["select"], index).or_else(|| file.locate(id, from));
        match bank.questions.iter().find(|q| &q.id == id) {
            Some(q) if chosen.iter().any(|c: &Question| &c.id == id) => {
                diags.push(
                    Diagnostic::error(here(), format!("question `{}` is selected twice", q.id))
                        .hint("delete this one: a question is printed once, where it is first selected"),
                );
            }
            Some(q) => chosen.push(q.clone()),
            None if skipped.contains(id) => diags.push(
                Diagnostic::error(
                    here(),
                    format!("question `{id}` is selected here but skipped in your profile"),
                )
                .hint("take it out of the profile's `skip:` list, or out of this `select:`"),
            ),
            None => {
                let mut d = Diagnostic::error(here(), format!("unknown question id `{id}` in `select:`"));
                if let Some(near) = closest(id, bank.questions.iter().map(|q| q.id.as_str())) {
                    d = d.hint(format!("did you mean `{near}`?"));
                } else {
                    d = d.hint("`studypack list` shows the question ids");
                }
                diags.push(d);
            }
        }
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
