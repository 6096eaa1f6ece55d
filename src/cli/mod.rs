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
use std::path::PathBuf;

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
    /// Write a starter profile listing every fact with its meaning, kind and the demo's
    /// value, commented out; never overwrites a file.
    ///
    /// Example: studypack init me.yaml
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
    /// List the questions and sections of the bank, with ids and estimated speaking times.
    ///
    /// Example: studypack list
    List,
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
    /// A job overlay (repeatable): company (the only required key), role, date, time and
    /// time zone, facts, selected questions; with several, each pack goes to
    /// OUT/<file stem>/. Example: --job acme.yaml
    #[arg(long, value_name = "FILE")]
    pub job: Vec<PathBuf>,
    /// Set one fact, over the files (repeatable). Example: --set churn.accuracy=91%
    #[arg(long, value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Print facts nobody gave as visible blanks instead of failing.
    #[arg(long)]
    pub draft: bool,
}

impl PersonArgs {
    fn sources(&self) -> Sources {
        Sources {
            profile: self.profile.clone(),
            jobs: self.job.clone(),
            sets: self.set.clone(),
            draft: self.draft,
        }
    }
}

/// Runs a command; the error is everything the user needs to see, already formatted.
pub fn run(cli: Cli) -> Result<(), Diagnostics> {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Init(args) => init::run(&args),
        Command::List => list::run(),
        Command::Watch(args) => watch::run(&args),
        Command::Layouts(args) => layouts::run(&args),
        Command::Fonts(args) => fonts::run(&args),
        Command::Schema => schema::run(),
    }
}

/// Prints warnings to standard error, like a compiler.
fn print_warnings(diagnostics: &Diagnostics) {
    for warning in diagnostics.warnings() {
        eprintln!("{warning}");
    }
}
