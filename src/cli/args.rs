//! The command line as clap parses it: plain data, turned into settings
//! (`super::settings`) before any work starts.

use crate::render::Output;
use crate::render::impose::{CardSize, Duplex, Paper};
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
    /// Render the PDFs and the Anki deck (with no options: the demo persona into out/):
    /// cue-cards.pdf, cheat-sheet.pdf, checklist.pdf, answers.pdf and cue-cards.apkg. Prints a
    /// line for each, with how full the fitted pages are; interview times print in your own
    /// zone too when the profile gives `time_zone:`.
    ///
    /// Example: studypack build --profile me.yaml --job acme.yaml --job globex.yaml --out packs
    Build(BuildArgs),
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
    Init(InitArgs),
    /// Build, then rebuild on every save of the profile, job files, layouts or fonts;
    /// a broken save prints its errors and keeps the last good PDFs. Ctrl-C stops.
    ///
    /// Example: studypack watch --profile me.yaml --job acme.yaml --only cards
    Watch(BuildArgs),
    /// Write the built-in layouts and theme into DIR to restyle them (then build with
    /// --layouts DIR), with the pack data they read and the bundled fonts, so the typst CLI
    /// compiles them into the same pages as `build` with the same options.
    ///
    /// Example: studypack layouts my-layouts --profile me.yaml --job acme.yaml --card a6
    Layouts(LayoutsArgs),
    /// List the font families a build can use and where each comes from.
    ///
    /// Example: studypack fonts --font-path ~/fonts
    Fonts(FontArgs),
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

/// Options of `studypack build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub person: PersonArgs,
    /// Folder for the PDFs; created if missing. Example: --out ~/interviews/acme
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Make only these documents (repeatable): cards, cheatsheet, checklist, answers (every
    /// answer in full, to rehearse out loud), anki (the deck cue-cards.apkg).
    /// Example: --only cards --only answers
    #[arg(long, value_enum)]
    pub only: Vec<Output>,
    #[command(flatten)]
    pub print: PrintArgs,
    /// A folder of your own layouts (from `studypack layouts DIR`); files missing there use the built-in ones.
    #[arg(long)]
    pub layouts: Option<PathBuf>,
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// How to print, shared by `build`, `watch` and `layouts`.
#[derive(Debug, Clone, Args)]
pub struct PrintArgs {
    /// Paper for the cheat sheet, the checklist, the answers and N-up cards. Example: --paper a4
    #[arg(long, value_enum, default_value = "letter")]
    pub paper: Paper,
    /// Card size (landscape); 3x5in unless given. A perforated stock sets its own. Example: --card 4x6in
    #[arg(long, value_enum)]
    pub card: Option<CardSize>,
    /// What the cards are printed on; plain paper unless given. Example: --sheet avery-5388
    #[arg(long, value_enum)]
    pub sheet: Option<SheetArg>,
    /// A perforated card stock that is not built in, described in a YAML file (see the README). Example: --stock my-cards.yaml
    #[arg(long, value_name = "FILE")]
    pub stock: Option<PathBuf>,
    /// How your printer flips the sheet; `off` prints front and back side by side, to fold (not on perforated stock).
    #[arg(long, value_enum, default_value = "long-edge")]
    pub duplex: Duplex,
}

/// `--sheet`: what the cards are printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetArg {
    /// As many cards per sheet of --paper as fit, with crop marks, to cut
    Paper,
    /// One card per page, for card stock fed to the printer
    Card,
    /// Avery 5388 perforated index cards: three 5 x 3 in cards on a letter sheet
    #[value(name = "avery-5388")]
    Avery5388,
    /// Avery 5389 perforated postcards: two 6 x 4 in cards on a letter sheet
    #[value(name = "avery-5389")]
    Avery5389,
}

/// Where fonts come from, shared by `build`, `watch` and `fonts`.
#[derive(Debug, Clone, Args)]
pub struct FontArgs {
    /// Also use the fonts in this folder (repeatable; also STUDYPACK_FONT_PATHS). Example: --font-path ~/fonts
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// Also use the system's fonts. Off by default, so packs look the same on every machine.
    #[arg(long)]
    pub system_fonts: bool,
}

/// Options of `studypack init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the profile. Example: studypack init me.yaml
    #[arg(default_value = "profile.yaml")]
    pub file: PathBuf,
    /// Start from your own projects: two project slots, every question as a slot to answer
    /// in your own words, the red-flag and framework examples and the scripts. Without it,
    /// the profile fills the guide's worked examples with your figures.
    #[arg(long, conflicts_with = "job")]
    pub own: bool,
    /// Write a commented job file instead: one application's company, role, date, time
    /// and zone, facts, selected questions and questions to ask.
    /// Example: studypack init --job acme.yaml
    #[arg(long)]
    pub job: bool,
}

/// Options of `studypack layouts`.
#[derive(Debug, Args)]
#[command(mut_arg("job", |a| a.help("One job overlay whose pack the data holds (one: the data is one pack's). Example: --job acme.yaml")))]
pub struct LayoutsArgs {
    /// The folder to write into; created if missing. Example: studypack layouts my-layouts
    pub dir: PathBuf,
    #[command(flatten)]
    pub person: PersonArgs,
    #[command(flatten)]
    pub print: PrintArgs,
}
