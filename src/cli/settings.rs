//! Flags → one settings value per command, built before any work starts (as ripgrep's
//! `hiargs.rs`). The environment is read here and only here, combinations of flags are
//! checked here, and each pack's folder is decided here; everything below takes the result.

use super::DEFAULT_PROFILE;
use super::args::{BuildArgs, FontArgs, PersonArgs, PrintArgs, SheetArg};
use crate::bank::Bank;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::profile::Sources;
use crate::render::fonts::Fonts;
use crate::render::impose::{CardSize, Duplex, Sheet, Stock};
use crate::render::{BuildTime, Output, PrintSettings};
use crate::stock;
use clap::ValueEnum;
use std::path::{Path, PathBuf};

/// What the environment says, read once when a command starts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Environment {
    /// `SOURCE_DATE_EPOCH`, when set to a number: a reproducible build at that moment.
    pub source_date_epoch: Option<i64>,
    /// `STUDYPACK_FONT_PATHS`: more font folders, separated like `PATH`.
    pub font_paths: Vec<PathBuf>,
    /// Whether `profile.yaml` is in the current folder (used when no --profile is given).
    pub default_profile: bool,
}

impl Environment {
    /// Reads the variables and the current folder.
    pub(crate) fn read() -> Environment {
        let source_date_epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse().ok());
        let font_paths = std::env::var_os("STUDYPACK_FONT_PATHS")
            .map(|var| std::env::split_paths(&var).filter(|p| !p.as_os_str().is_empty()).collect())
            .unwrap_or_default();
        let default_profile = Path::new(DEFAULT_PROFILE).is_file();
        Environment { source_date_epoch, font_paths, default_profile }
    }

    /// The same variables, with the current folder looked at again (for each round of
    /// `watch`: a `profile.yaml` may have been made meanwhile).
    pub(crate) fn refreshed(&self) -> Environment {
        Environment { default_profile: Path::new(DEFAULT_PROFILE).is_file(), ..self.clone() }
    }

    /// When this build happens: `SOURCE_DATE_EPOCH`'s moment, stamped into the PDFs, or now.
    pub(crate) fn time(&self) -> BuildTime {
        self.source_date_epoch.map_or_else(BuildTime::now, BuildTime::fixed)
    }
}

/// Whose pack a run prints, said on its last line so nobody mistakes the demo's story for
/// theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Whose {
    /// The --profile given.
    Given,
    /// `profile.yaml` found in this folder.
    Found,
    /// No profile at all: the demo persona.
    Demo,
}

impl Whose {
    /// The note for the run's last line; none when the person named their profile.
    pub(crate) fn note(self, bank: &Bank) -> Option<String> {
        match self {
            Whose::Given => None,
            Whose::Found => {
                Some(format!("using {DEFAULT_PROFILE} from this folder (--profile FILE uses another)"))
            }
            Whose::Demo => {
                let name = bank.fact("person.name").map(|f| f.example.clone()).unwrap_or_default();
                Some(format!(
                    "no profile, so this is the demo persona, {name}, with the guide's example answers; `studypack init` starts yours"
                ))
            }
        }
    }
}

/// The person's files to read, and whose they are.
#[derive(Debug, Clone)]
pub(crate) struct PersonSettings {
    pub sources: Sources,
    pub whose: Whose,
}

impl PersonSettings {
    /// --profile, or else `profile.yaml` in this folder when there is one; the jobs and
    /// --set as given.
    pub(crate) fn new(args: &PersonArgs, env: &Environment) -> PersonSettings {
        let (profile, whose) = match (&args.profile, env.default_profile) {
            (Some(file), _) => (Some(file.clone()), Whose::Given),
            (None, true) => (Some(PathBuf::from(DEFAULT_PROFILE)), Whose::Found),
            (None, false) => (None, Whose::Demo),
        };
        let sources = Sources { profile, jobs: args.job.clone(), sets: args.set.clone(), draft: args.draft };
        PersonSettings { sources, whose }
    }

    /// Whether the person gave any file of their own (else the pack is the bank's examples).
    pub(crate) fn has_files(&self) -> bool {
        self.sources.profile.is_some() || !self.sources.jobs.is_empty()
    }
}

/// Where fonts come from: --font-path and `STUDYPACK_FONT_PATHS`, and the system's when asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FontSettings {
    pub paths: Vec<PathBuf>,
    pub system: bool,
}

impl FontSettings {
    /// The folders given on the command line must exist: a mistyped one would silently give
    /// no fonts. (Those from the environment may be absent, like `PATH` entries.)
    pub(crate) fn new(args: &FontArgs, env: &Environment) -> Result<FontSettings, Diagnostics> {
        let missing = Diagnostics(
            args.font_path
                .iter()
                .filter(|p| !p.exists())
                .map(|p| {
                    Diagnostic::error(None, format!("the font folder `{}` does not exist", p.display()))
                        .hint("check the path given to --font-path")
                })
                .collect(),
        );
        missing.into_result(())?;
        let paths = args.font_path.iter().chain(&env.font_paths).cloned().collect();
        Ok(FontSettings { paths, system: args.system_fonts })
    }

    /// Indexes the bundled fonts and these folders (and the system's).
    pub(crate) fn load(&self) -> Fonts {
        Fonts::new(&self.paths, self.system)
    }
}

/// Everything `build` and each round of `watch` need.
#[derive(Debug, Clone)]
pub(crate) struct BuildSettings {
    pub person: PersonSettings,
    /// The folder the packs go to (a job's into its own folder below it).
    pub out: PathBuf,
    /// The documents to make, in build order.
    pub outputs: Vec<Output>,
    pub print: PrintSettings,
    /// The person's own layouts folder, known to exist.
    pub layouts: Option<PathBuf>,
    pub fonts: FontSettings,
    pub time: BuildTime,
}

impl BuildSettings {
    /// Checks the flags together (layouts folder, font folders, jobs that would share a
    /// folder, card size against stock) and reads the stock file.
    pub(crate) fn new(args: &BuildArgs, env: &Environment) -> Result<BuildSettings, Diagnostics> {
        if let Some(dir) = args.layouts.as_deref().filter(|dir| !dir.is_dir()) {
            return Err(Diagnostic::error(
                None,
                format!("the layouts folder `{}` does not exist", dir.display()),
            )
            .hint("make one with `studypack layouts DIR`, or leave out --layouts")
            .into());
        }
        let fonts = FontSettings::new(&args.fonts, env)?;
        same_stem_jobs(&args.person.job, &args.out).into_result(())?;
        let outputs = if args.only.is_empty() {
            Output::ALL.to_vec()
        } else {
            Output::ALL.into_iter().filter(|o| args.only.contains(o)).collect()
        };
        Ok(BuildSettings {
            person: PersonSettings::new(&args.person, env),
            out: args.out.clone(),
            outputs,
            print: print_settings(&args.print)?,
            layouts: args.layouts.clone(),
            fonts,
            time: env.time(),
        })
    }

    /// Where a pack goes: a job's into `OUT/<job file stem>/`, however many jobs the run
    /// has, so re-running one job replaces its own folder; a run without jobs into `OUT/`.
    pub(crate) fn folder(&self, job_name: Option<&str>) -> PathBuf {
        pack_folder(&self.out, job_name)
    }
}

/// What `check` needs: the person's files and the day to compare interview dates with.
#[derive(Debug, Clone)]
pub(crate) struct CheckSettings {
    pub person: PersonSettings,
    pub time: BuildTime,
}

impl CheckSettings {
    pub(crate) fn new(args: &PersonArgs, env: &Environment) -> Result<CheckSettings, Diagnostics> {
        // The folder does not matter here, only that two jobs would share one.
        same_stem_jobs(&args.job, Path::new("OUT")).into_result(())?;
        Ok(CheckSettings { person: PersonSettings::new(args, env), time: env.time() })
    }
}

/// What `layouts DIR` needs: one pack's files and how it prints.
#[derive(Debug, Clone)]
pub(crate) struct LayoutsSettings {
    pub dir: PathBuf,
    pub person: PersonSettings,
    pub print: PrintSettings,
    pub time: BuildTime,
}

impl LayoutsSettings {
    /// One job at most: the data written is one pack's.
    pub(crate) fn new(
        dir: &Path,
        person: &PersonArgs,
        print: &PrintArgs,
        env: &Environment,
    ) -> Result<LayoutsSettings, Diagnostics> {
        if person.job.len() > 1 {
            return Err(Diagnostic::error(
                Some(Location::file(&person.job[1].display().to_string())),
                format!(
                    "`layouts` writes the data of one pack, and {} job files were given",
                    person.job.len()
                ),
            )
            .hint("export once per job, each into its own folder: studypack layouts DIR --job FILE")
            .into());
        }
        Ok(LayoutsSettings {
            dir: dir.to_path_buf(),
            person: PersonSettings::new(person, env),
            print: print_settings(print)?,
            time: env.time(),
        })
    }
}

/// The print settings, with the stock file read; a --card that contradicts the stock, or a
/// stock printed one-sided, is an error.
fn print_settings(args: &PrintArgs) -> Result<PrintSettings, Diagnostics> {
    // A stock, and how the person named it (for messages).
    let stock = match (&args.stock, args.sheet) {
        (Some(file), Some(sheet)) => {
            let sheet = sheet.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
            return Err(Diagnostic::error(
                None,
                format!(
                    "--stock {} and --sheet {sheet} both say what the cards are printed on",
                    file.display()
                ),
            )
            .hint("leave out --sheet: the stock file describes the sheet")
            .into());
        }
        (Some(file), None) => Some((stock::read(file)?, format!("the stock in {}", file.display()))),
        (None, Some(SheetArg::Avery5388)) => Some((Stock::AVERY_5388, "--sheet avery-5388".to_string())),
        (None, Some(SheetArg::Avery5389)) => Some((Stock::AVERY_5389, "--sheet avery-5389".to_string())),
        (None, Some(SheetArg::Paper | SheetArg::Card) | None) => None,
    };
    let Some((stock, source)) = stock else {
        let sheet = if args.sheet == Some(SheetArg::Card) { Sheet::Card } else { Sheet::Paper };
        let card = args.card.unwrap_or(CardSize::In3x5);
        return Ok(PrintSettings { paper: args.paper, card, sheet, duplex: args.duplex });
    };
    let size = (stock.card_width, stock.card_height);
    let inch = |points: f64| (points / 72.0 * 100.0).round() / 100.0;
    let inches = format!("{} x {} in", inch(stock.card_width), inch(stock.card_height));
    if let Some(card) = args.card
        && card.size() != size
    {
        return Err(Diagnostic::error(
            None,
            format!("--card {} conflicts with {source}, whose cards are {inches}", card.name()),
        )
        .hint("leave out --card: a perforated stock sets the card size")
        .into());
    }
    if args.duplex == Duplex::Off {
        return Err(Diagnostic::error(
            None,
            format!("--duplex off puts front and back side by side, and a cell of {source} holds one face"),
        )
        .hint("print both sides with --duplex long-edge or short-edge (a one-sided printer: print the odd pages, turn the sheets over as its manual shows, then the even pages)")
        .into());
    }
    let card = CardSize::ALL.into_iter().find(|c| c.size() == size).unwrap_or(CardSize::In3x5);
    Ok(PrintSettings { paper: args.paper, card, sheet: Sheet::Stock(stock), duplex: args.duplex })
}

/// Where a pack goes: `OUT/<job file stem>/` for a job's, `OUT/` for a run without jobs.
pub(crate) fn pack_folder(out: &Path, job_name: Option<&str>) -> PathBuf {
    match job_name {
        Some(name) => out.join(name),
        None => out.to_path_buf(),
    }
}

/// Two job files whose packs would go to one folder (`a/acme.yaml`, `b/acme.yaml`): the
/// second would overwrite the first's pack.
pub(crate) fn same_stem_jobs(jobs: &[PathBuf], out: &Path) -> Diagnostics {
    let mut errors = Diagnostics::default();
    let stem = |p: &PathBuf| p.file_stem().map(|s| s.to_string_lossy().to_lowercase());
    for (i, job) in jobs.iter().enumerate() {
        let Some(first) = jobs[..i].iter().find(|other| stem(other) == stem(job)) else { continue };
        let folder = pack_folder(out, job.file_stem().and_then(|s| s.to_str()));
        errors.push(
            Diagnostic::error(
                None,
                format!(
                    "the job files `{}` and `{}` would both write their pack to `{}`",
                    first.display(),
                    job.display(),
                    folder.display()
                ),
            )
            .hint("each job's pack goes to a folder named after its file: rename one of the two files (e.g. `acme-onsite.yaml`)"),
        );
    }
    errors
}
