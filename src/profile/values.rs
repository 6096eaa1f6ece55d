//! The person's figures: `facts:` maps in the profile and job files and `--set`, each value
//! checked against its fact's kind by one rule, or declared as a fact of the person's own
//! (under one of their projects, or `person.*` / `career.*`) with its kind read from the value.

use super::{SetValue, locate};
use crate::bank::{Bank, PERSONAL_GROUPS};
use crate::diag::{Diagnostic, Diagnostics, Location, closest};
use crate::facts::check::{Checks, F1Check, RelativeChange};
use crate::facts::{FactDecl, FactKind, infer_kind, parse_value};
use crate::yaml::YamlFile;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A fact written in long form: `{ value: "$3.4M", key: true, about: "…" }`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LongForm {
    #[serde(deserialize_with = "crate::yaml::scalar_string")]
    value: String,
    /// One of the numbers to memorize.
    #[serde(default)]
    key: Option<bool>,
    /// What it measures, printed beside the value under "my numbers".
    #[serde(default)]
    about: Option<String>,
    /// The kind, when the value alone does not say it.
    #[serde(default)]
    kind: Option<FactKind>,
}

/// Whether a YAML map is a fact in long form rather than a group of facts.
fn is_long_form(map: &serde_yaml::Mapping) -> bool {
    map.contains_key("value")
        && map.keys().all(|k| k.as_str().is_some_and(|k| ["value", "key", "about", "kind"].contains(&k)))
}

/// A `--set path=value`, checked, with the fact it declares when it is a new one.
pub(super) struct Set {
    /// The job it is for (`--set acme:churn.accuracy=92%`); every pack when `None`.
    pub(super) job: Option<String>,
    path: String,
    value: SetValue,
    declares: Option<FactDecl>,
}

/// Walks a `facts:` mapping (nested maps, dotted keys, long forms), checking each value
/// against its kind or declaring it as one of the person's own facts in `bank`.
pub(super) fn read_facts(
    bank: &mut Bank,
    file: &YamlFile,
    facts: Option<&serde_yaml::Value>,
    values: &mut BTreeMap<String, SetValue>,
    diags: &mut Diagnostics,
) {
    let mut seen = BTreeMap::new();
    Reader { bank, file, values, diags, seen: &mut seen }.map(facts, &["facts"]);
}

/// One file's `facts:` being read; `seen` catches a fact set twice in it.
struct Reader<'a> {
    bank: &'a mut Bank,
    file: &'a YamlFile,
    values: &'a mut BTreeMap<String, SetValue>,
    diags: &'a mut Diagnostics,
    seen: &'a mut BTreeMap<String, Option<Location>>,
}

impl Reader<'_> {
    /// The map under `keys` (`facts`, then the groups above it): each entry in turn.
    fn map(&mut self, facts: Option<&serde_yaml::Value>, keys: &[&str]) {
        let Some(facts) = facts else { return };
        if facts.is_null() {
            return;
        }
        let here = |keys: &[&str]| locate::location(&self.file.name, &self.file.text, keys);
        let serde_yaml::Value::Mapping(map) = facts else {
            self.diags.push(
                Diagnostic::error(here(keys), "`facts:` must be a map of fact paths to values")
                    .hint("write each fact on its own line, e.g. `churn.accuracy: 89%`"),
            );
            return;
        };
        for (key, value) in map {
            let Some(key) = key.as_str() else {
                self.diags.push(Diagnostic::error(here(keys), "a fact's name must be text"));
                continue;
            };
            let mut path: Vec<&str> = keys.to_vec();
            path.push(key);
            self.entry(&path, value);
        }
    }

    /// The entry at `path` (`facts`, the groups, its key): a value, a fact in long form, a
    /// group of facts, or something a fact cannot be.
    fn entry(&mut self, path: &[&str], value: &serde_yaml::Value) {
        let key = path[path.len() - 1];
        let full = path[1..].join(".");
        // One lookup gives where the value is (the usual place to point), where its name
        // is (for a misspelt name) and the value as written.
        let found = locate::find(&self.file.text, path);
        let byte = |at: usize| Location::at_byte(&self.file.name, &self.file.text, at);
        let at = found.as_ref().map(|f| byte(f.value_at.unwrap_or(f.key_at)));
        let key_at = found.as_ref().map(|f| byte(f.key_at));
        let problem = match value {
            serde_yaml::Value::Mapping(inner) if is_long_form(inner) => {
                return self.long_form(path, &full, inner, at, key_at);
            }
            serde_yaml::Value::Mapping(_) => match self.bank.fact(&full) {
                Some(decl) => {
                    let kind = decl.kind;
                    Diagnostic::error(at, format!("`{full}` is a fact: give it a value, not a map")).hint(
                        format!("write `{key}: <{kind}>`, or `{key}: {{ value: <{kind}>, key: true }}`"),
                    )
                }
                None => return self.map(Some(value), path),
            },
            serde_yaml::Value::Sequence(_) => {
                Diagnostic::error(at, format!("`{full}` holds a list; a fact has one value"))
                    .hint("write the value on the same line, e.g. `accuracy: 89%`")
            }
            serde_yaml::Value::Tagged(_) => {
                Diagnostic::error(at, format!("`{full}` has a YAML tag; a fact is plain text or a number"))
                    .hint("remove the `!tag` before the value")
            }
            // A project whose facts are all commented out, as `init --own` writes it.
            serde_yaml::Value::Null if self.bank.groups.iter().any(|g| g.id == full) => return,
            serde_yaml::Value::Null => Diagnostic::error(at, format!("`{full}` has no value"))
                .hint("write a value after the colon, or delete the line"),
            scalar => {
                let written = written(scalar, found.and_then(|f| f.raw_value));
                return self.value(&full, LongForm { value: written, ..LongForm::default() }, at, key_at);
            }
        };
        self.diags.push(problem);
    }

    /// A fact in long form (`{ value, key, about, kind }`) at `path`.
    fn long_form(
        &mut self,
        path: &[&str],
        full: &str,
        inner: &serde_yaml::Mapping,
        at: Option<Location>,
        key_at: Option<Location>,
    ) {
        match serde_yaml::from_value::<LongForm>(serde_yaml::Value::Mapping(inner.clone())) {
            Ok(mut long) => {
                let mut value_path = path.to_vec();
                value_path.push("value");
                if let Some(raw) = locate::find(&self.file.text, &value_path).and_then(|f| f.raw_value)
                    && matches!(inner.get("value"), Some(serde_yaml::Value::Number(_)))
                {
                    long.value = raw;
                }
                self.value(full, long, at, key_at);
            }
            Err(e) => self.diags.push(
                Diagnostic::error(
                    at,
                    format!("`{full}`: {}", e.to_string().split(" at line ").next().unwrap_or_default()),
                )
                .hint("a fact in long form is `{ value: 91%, key: true, about: what it measures }`"),
            ),
        }
    }

    /// One fact's value: checked, declared when it is the person's own, and remembered.
    /// `at` is where the value is written, `key_at` where its name is.
    fn value(&mut self, full: &str, long: LongForm, at: Option<Location>, key_at: Option<Location>) {
        if let Some(Some(first)) = self.seen.get(full) {
            self.diags.push(
                Diagnostic::error(at, format!("`{full}` is set twice in this file"))
                    .hint(format!("it is also set at line {}; keep one of the two", first.line)),
            );
            return;
        }
        self.seen.insert(full.to_string(), at.clone());
        match accept(self.bank, full, &long) {
            Ok(display) => {
                self.values.insert(full.to_string(), SetValue { value: display, origin: at });
            }
            Err(Rejected::Unknown(d)) => self.diags.push(d.at(key_at)),
            Err(Rejected::Wrong(d)) => {
                self.diags.push(d.at(at.clone()));
                // Given, though wrong: not also reported as missing.
                self.values.insert(full.to_string(), SetValue { value: long.value, origin: at });
            }
        }
    }
}

/// A scalar value as the person wrote it: `raw` for a number (`1.50`, not `1.5`).
fn written(scalar: &serde_yaml::Value, raw: Option<String>) -> String {
    match (scalar, raw) {
        (serde_yaml::Value::Number(_), Some(raw)) => raw,
        (serde_yaml::Value::String(s), _) => s.clone(),
        (serde_yaml::Value::Number(n), None) => n.to_string(),
        (serde_yaml::Value::Bool(b), _) => b.to_string(),
        _ => String::new(),
    }
}

/// Why a value was not taken: its path names no fact, or the value is not of its kind.
enum Rejected {
    Unknown(Diagnostic),
    Wrong(Diagnostic),
}

/// A diagnostic placed once its location is known.
trait At {
    fn at(self, at: Option<Location>) -> Diagnostic;
}

impl At for Diagnostic {
    fn at(mut self, at: Option<Location>) -> Diagnostic {
        self.location = at;
        self
    }
}

/// A file's value: the value as it prints, after the one value check (`fact_kind`, then
/// `checked`); a new fact of the person's own is declared in `bank`, and a long form's
/// `key` and `about` describe the fact.
fn accept(bank: &mut Bank, path: &str, long: &LongForm) -> Result<String, Rejected> {
    let written = long.value.trim();
    let (_, declares) = fact_kind(bank, path, long)?;
    bank.facts.extend(declares);
    let decl = bank.facts.iter_mut().find(|f| f.path == path).expect("declared above");
    if let Some(key) = long.key {
        decl.key = key;
    }
    if let Some(about) = &long.about {
        decl.description = about.clone();
    }
    if let Some(kind) = long.kind
        && kind != decl.kind
    {
        return Err(Rejected::Wrong(Diagnostic::error(
            None,
            format!("`{path}` is a {}; it cannot be made a {kind} here", decl.kind),
        )));
    }
    checked(path, decl.kind, written)
}

/// The one value check, for files and `--set`, part one: the kind of the fact at `path`,
/// with its declaration when `path` is a new fact of the person's own (under one of their
/// projects, or `person`, `career`).
fn fact_kind(bank: &Bank, path: &str, long: &LongForm) -> Result<(FactKind, Option<FactDecl>), Rejected> {
    match bank.fact(path) {
        Some(decl) => Ok((decl.kind, None)),
        None => declaration(bank, path, long).map(|decl| (decl.kind, Some(decl))),
    }
}

/// The one value check, part two: `written` as it prints, once checked against `kind`,
/// the kind of the fact at `path`.
fn checked(path: &str, kind: FactKind, written: &str) -> Result<String, Rejected> {
    parse_value(kind, written).map(|v| v.display).map_err(|problem| {
        let hint = if written.is_empty() {
            "write a value after the colon, or delete the line".to_string()
        } else if kind == FactKind::Money && written.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            // `--set x=$2.5M` unquoted reaches us as `.5M`: the shell ate `$2`.
            format!(
                "money starts with its currency sign, e.g. `$2.5M`; on the command line put the whole argument in single quotes (--set '{path}=$2.5M'), or the shell replaces `$2` with nothing"
            )
        } else {
            format!("a {kind} is written like {}", kind.forms())
        };
        Rejected::Wrong(Diagnostic::error(None, format!("{problem} (`{path}` is a {kind})")).hint(hint))
    })
}

/// A new fact of the person's own at `path`, or why `path` cannot be one.
fn declaration(bank: &Bank, path: &str, long: &LongForm) -> Result<FactDecl, Rejected> {
    let group = path.split('.').next().unwrap_or_default();
    let own = bank.own_projects.contains(group) || PERSONAL_GROUPS.contains(&group);
    if !own || !crate::bank::text::is_fact_path(path) {
        let mut d = Diagnostic::error(None, format!("unknown fact `{path}`"));
        if let Some(near) = closest(path, bank.fact_paths()) {
            d = d.hint(format!("did you mean `{near}`?"));
        } else if bank.groups.iter().any(|g| g.id == group) {
            d = d.hint(format!(
                "`{group}` is the guide's example project: its facts are fixed (`studypack init` lists them); declare a project of your own under `projects:` for facts of your own"
            ));
        } else if crate::bank::text::is_fact_path(path) {
            d = d.hint(format!(
                "`{group}` is not one of your projects: declare it first, e.g. `projects: {{ {group}: {{ title: Card fraud detection }} }}`"
            ));
        } else {
            d = d.hint("a fact's name is `project.name`: lowercase letters, digits and `_`");
        }
        return Err(Rejected::Unknown(d));
    }
    let kind = long.kind.unwrap_or_else(|| infer_kind(&long.value));
    let name = path.rsplit('.').next().unwrap_or(path);
    Ok(FactDecl {
        path: path.to_string(),
        kind,
        description: long.about.clone().unwrap_or_else(|| name.replace('_', " ")),
        example: long.value.trim().to_string(),
        key: long.key.unwrap_or(false),
    })
}

/// `--set path=value` arguments, checked like file values; `--set JOB:path=value` sets it
/// for the job whose file stem is JOB only. Shown as `--set:1:COL`.
/// A `--set` argument's parts, `JOB:path=value`: the job when one is named, the fact's
/// path and the value; `None` without `=`.
pub(super) fn split_set(arg: &str) -> Option<(Option<&str>, &str, &str)> {
    let (path, value) = arg.split_once('=')?;
    Some(match path.split_once(':') {
        Some((job, path)) => (Some(job.trim()), path.trim(), value),
        None => (None, path.trim(), value),
    })
}

pub(super) fn parse_sets(bank: &Bank, sets: &[String], jobs: &[String], diags: &mut Diagnostics) -> Vec<Set> {
    let mut out = Vec::new();
    for arg in sets {
        let at = |column: usize| {
            Some(Location { file: "--set".into(), line: 1, column, source_line: Some(arg.clone()) })
        };
        let Some((job, path, value)) = split_set(arg) else {
            diags.push(
                Diagnostic::error(at(1), format!("`{arg}` has no `=`"))
                    .hint("write `--set path=value`, e.g. `--set churn.accuracy=89%`"),
            );
            continue;
        };
        let job = job.map(str::to_string);
        if let Some(job) = &job
            && !jobs.contains(job)
        {
            let d = Diagnostic::error(at(1), format!("`{job}:` names no job of this run"));
            diags.push(match closest(job, jobs.iter().map(String::as_str)) {
                Some(near) => d.hint(format!("did you mean `{near}:`? (a job is named by its file's stem)")),
                None if jobs.is_empty() => d.hint("give the job with --job FILE; `--set FILE_STEM:path=value` sets a fact for that job only"),
                None => d.hint(format!("the jobs of this run are: {}", jobs.join(", "))),
            });
            continue;
        }
        let column = arg.find('=').unwrap_or(0) + 2;
        // A new fact of the person's own is declared in each pack when the set is applied.
        let long = LongForm { value: value.to_string(), ..LongForm::default() };
        let (kind, declares) = match fact_kind(bank, path, &long) {
            Ok(found) => found,
            Err(Rejected::Unknown(d) | Rejected::Wrong(d)) => {
                diags.push(d.at(at(1)));
                continue;
            }
        };
        match checked(path, kind, value.trim()) {
            Ok(display) => out.push(Set {
                job,
                path: path.to_string(),
                value: SetValue { value: display, origin: at(column) },
                declares,
            }),
            Err(Rejected::Unknown(d) | Rejected::Wrong(d)) => diags.push(d.at(at(column))),
        }
    }
    out
}

/// Puts a `--set` value into one pack, declaring its fact there when it is new.
pub(super) fn apply_set(bank: &mut Bank, values: &mut BTreeMap<String, SetValue>, set: &Set) {
    if let Some(decl) = &set.declares
        && bank.fact(&set.path).is_none()
    {
        bank.facts.push(decl.clone());
    }
    values.insert(set.path.clone(), set.value.clone());
}

/// The profile's own `checks:`: every fact they name must exist.
pub(super) fn add_checks(bank: &mut Bank, file: &YamlFile, checks: &Checks, diags: &mut Diagnostics) {
    let from = file.offset_of("checks:").unwrap_or(0);
    for path in checks.paths() {
        if bank.fact(path).is_none() {
            let mut d =
                Diagnostic::error(file.locate(path, from), format!("check names an unknown fact `{path}`"));
            if let Some(near) = closest(path, bank.fact_paths()) {
                d = d.hint(format!("did you mean `{near}`?"));
            } else {
                d = d.hint("give the fact a value under `facts:` first");
            }
            diags.push(d);
        }
    }
    bank.checks.extend(checks.clone());
}

/// The consistency checks found by name within each of the person's own projects:
/// `precision`, `recall` and `f1`; `latency_p50` ≤ `latency_p95` ≤ `latency_p99`;
/// `X_before`, `X_after` and `X_reduction_relative`.
pub(super) fn add_own_checks(bank: &mut Bank) {
    let mut found = Checks::default();
    for project in &bank.own_projects {
        let path = |name: &str| format!("{project}.{name}");
        let has = |name: &str| bank.fact(&path(name)).is_some();
        if has("precision") && has("recall") && has("f1") {
            found.f1.push(F1Check { f1: path("f1"), precision: path("precision"), recall: path("recall") });
        }
        let latencies: Vec<String> = ["latency_p50", "latency_p95", "latency_p99"]
            .iter()
            .filter(|n| has(n))
            .map(|n| path(n))
            .collect();
        if latencies.len() >= 2 {
            found.ascending.push(latencies);
        }
        let prefix = format!("{project}.");
        for fact in bank.facts.iter().filter(|f| f.path.starts_with(&prefix)) {
            if let Some(stem) = fact.path.strip_suffix("_before")
                && bank.fact(&format!("{stem}_after")).is_some()
                && bank.fact(&format!("{stem}_reduction_relative")).is_some()
            {
                found.relative_change.push(RelativeChange {
                    before: fact.path.clone(),
                    after: format!("{stem}_after"),
                    change: format!("{stem}_reduction_relative"),
                });
            }
        }
    }
    bank.checks.extend(found);
}
