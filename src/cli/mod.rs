//! Command-line definitions, one module per command. Only this layer prints.

mod build;
mod check;
mod fonts;
mod init;
mod layouts;
mod list;
mod schema;
mod watch;

use crate::diag::Diagnostics;
use crate::profile::Sources;
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};

/// Prints interview preparation: cue cards, a one-page cheat sheet, a one-page day-before
/// checklist and every answer in full, from a question bank and your own numbers.
#[derive(Debug, Parser)]
#[command(name = "studypack", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the PDFs (with no options: the demo persona into out/): cue-cards.pdf,
    /// cheat-sheet.pdf, checklist.pdf and answers.pdf. Prints a line for each, with how
    /// full the fitted pages are; interview times print in your own zone too when the
    /// profile gives `time_zone:`.
    ///
    /// Example: studypack build --profile me.yaml --job acme.yaml --job globex.yaml --out packs
    Build(build::BuildArgs),
    /// Check the profile and job files without rendering: every problem at once, plus
    /// consistency warnings (F1 vs precision and recall, p50 ≤ p95, speaking times).
    /// Exits 1 on errors, 0 with warnings only.
    ///
    /// Example: studypack check --profile me.yaml --job acme.yaml
    Check(PersonArgs),
    /// Write a starter profile; never overwrites a file. With --own: your projects, your
    /// figures and every question as a slot for your own answer. Without: every fact of the
    /// guide's worked examples with its meaning, kind and the demo's value, commented out.
    ///
    /// Example: studypack init --own me.yaml
    Init(init::InitArgs),
    /// Build, then rebuild on every save of the profile, job files, layouts or fonts;
    /// a broken save prints its errors and keeps the last good PDFs. Ctrl-C stops.
    ///
    /// Example: studypack watch --profile me.yaml --job acme.yaml --only cards
    Watch(build::BuildArgs),
    /// Write the built-in layouts and theme into DIR to restyle them (then build with
    /// --layouts DIR), with the pack data they read and the bundled fonts, so the typst CLI
    /// compiles them into the same pages as `build` with the same options.
    ///
    /// Example: studypack layouts my-layouts --profile me.yaml --job acme.yaml --card a6
    Layouts(layouts::LayoutsArgs),
    /// List the font families a build can use and where each comes from.
    ///
    /// Example: studypack fonts --font-path ~/fonts
    Fonts(build::FontArgs),
    /// List the questions and sections of the bank, with ids and estimated speaking times;
    /// with --profile and --job, those of your pack (your questions, the job's selection).
    ///
    /// Example: studypack list --profile me.yaml --job acme.yaml
    List(PersonArgs),
    /// Print the JSON Schema of profile and job files, for editors to autocomplete and
    /// flag typos.
    ///
    /// Example: studypack schema > studypack.schema.json
    Schema,
}

/// The person's files, shared by `build` and `check`.
#[derive(Debug, Clone, Args)]
pub struct PersonArgs {
    /// Your profile: your facts, your own questions and scripts, your pace and time zone.
    /// Example: --profile me.yaml
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// A job overlay (repeatable): `job:` (company, the only required key; role, date,
    /// time, time_zone, format, interviewers), `projects:`, `facts:`, `select:` and
    /// `questions_to_ask:`; each job's pack goes to OUT/<file stem>/. `studypack init --job
    /// acme.yaml` writes a commented one. Example: --job acme.yaml
    #[arg(long, value_name = "FILE")]
    pub job: Vec<PathBuf>,
    /// Set one fact, over the files (repeatable); JOB: sets it for one job only, by its
    /// file's stem. Quote values with `$`. Example: --set 'churn.annual_savings=$2.5M' --set acme:churn.accuracy=92%
    #[arg(long, value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Print facts nobody gave as visible blanks instead of failing.
    #[arg(long)]
    pub draft: bool,
}

/// The profile `studypack init` writes when given no name, used when no --profile is given.
pub const DEFAULT_PROFILE: &str = "profile.yaml";

impl PersonArgs {
    /// The files to read: --profile, or else `profile.yaml` in this folder when there is one.
    pub(crate) fn sources(&self) -> Sources {
        let found = Path::new(DEFAULT_PROFILE).is_file().then(|| PathBuf::from(DEFAULT_PROFILE));
        Sources {
            profile: self.profile.clone().or(found),
            jobs: self.job.clone(),
            sets: self.set.clone(),
            draft: self.draft,
        }
    }

    /// Whose pack a run printed when no --profile was given: `profile.yaml` found here, or
    /// the demo persona, so nobody mistakes the demo's story for theirs. Said on the run's
    /// last line.
    pub(crate) fn whose(&self) -> Option<String> {
        if self.profile.is_some() {
            return None;
        }
        if Path::new(DEFAULT_PROFILE).is_file() {
            return Some(format!("using {DEFAULT_PROFILE} from this folder (--profile FILE uses another)"));
        }
        let name = crate::bank::Bank::builtin()
            .ok()
            .and_then(|bank| bank.fact("person.name").map(|f| f.example.clone()))
            .unwrap_or_default();
        Some(format!(
            "no profile, so this is the demo persona, {name}, with the guide's example answers; `studypack init` starts yours"
        ))
    }
}

impl Cli {
    /// The files the person gave (profile, jobs, layouts folder), to name in a bug report.
    pub fn input_files(&self) -> Vec<String> {
        let (person, layouts) = match &self.command {
            Command::Build(args) | Command::Watch(args) => (Some(&args.person), args.layouts.as_ref()),
            Command::Check(person) => (Some(person), None),
            Command::Layouts(args) => (Some(&args.person), None),
            _ => (None, None),
        };
        let mut files: Vec<String> = person
            .map(|p| p.profile.iter().chain(&p.job).map(|f| f.display().to_string()).collect())
            .unwrap_or_default();
        files.extend(layouts.map(|d| d.display().to_string()));
        files
    }
}

/// Runs a command; the error is everything the user needs to see, already formatted.
pub fn run(cli: Cli) -> Result<(), Diagnostics> {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Init(args) => init::run(&args),
        Command::List(args) => list::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Layouts(args) => layouts::run(&args),
        Command::Fonts(args) => fonts::run(&args),
        Command::Schema => schema::run(),
    }
}

/// Writes `text` to standard output; a reader that stops early (`studypack list | head`)
/// is not an error.
fn print_stdout(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

/// Prints warnings to standard error, like a compiler.
fn print_warnings(diagnostics: &Diagnostics) {
    crate::diag::eprint(diagnostics.warnings());
}
