//! `studypack build`: bank → pack → four PDFs and the Anki deck, written all or nothing.

use super::{PersonArgs, print_warnings};
use crate::anki;
use crate::bank::Bank;
use crate::diag::{Diagnostic, Diagnostics};
use crate::lint;
use crate::pack::{self, resolve_merged};
use crate::profile;
use crate::render::fonts::Fonts;
use crate::render::impose::{CardSize, Duplex, Paper, Sheet, Stock};
use crate::render::memory::MEMORY_FILE;
use crate::render::{Output, PrintSettings, Renderer, build_day, output, source_date_epoch};
use crate::stock;
use clap::Args;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

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
    /// What the cards are printed on. Example: --sheet avery-5388
    #[arg(long, value_enum, default_value = "paper")]
    pub sheet: SheetArg,
    /// A perforated card stock that is not built in, described in a YAML file (see the README). Example: --stock my-cards.yaml
    #[arg(long, value_name = "FILE", conflicts_with = "sheet")]
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

impl PrintArgs {
    /// The print settings, with the stock file read; a --card that contradicts the stock,
    /// or a stock printed one-sided, is an error.
    pub fn settings(&self) -> Result<PrintSettings, Diagnostics> {
        // A stock, and how the person named it (for messages).
        let stock = match (&self.stock, self.sheet) {
            (Some(file), _) => Some((stock::read(file)?, format!("the stock in {}", file.display()))),
            (None, SheetArg::Avery5388) => Some((Stock::AVERY_5388, "--sheet avery-5388".to_string())),
            (None, SheetArg::Avery5389) => Some((Stock::AVERY_5389, "--sheet avery-5389".to_string())),
            (None, SheetArg::Paper | SheetArg::Card) => None,
        };
        let Some((stock, source)) = stock else {
            let sheet = if self.sheet == SheetArg::Card { Sheet::Card } else { Sheet::Paper };
            let card = self.card.unwrap_or(CardSize::In3x5);
            return Ok(PrintSettings { paper: self.paper, card, sheet, duplex: self.duplex });
        };
        let size = (stock.card_width, stock.card_height);
        let inch = |points: f64| (points / 72.0 * 100.0).round() / 100.0;
        let inches = format!("{} x {} in", inch(stock.card_width), inch(stock.card_height));
        if let Some(card) = self.card
            && card.size() != size
        {
            return Err(Diagnostic::error(
                None,
                format!("--card {} conflicts with {source}, whose cards are {inches}", card.name()),
            )
            .hint("leave out --card: a perforated stock sets the card size")
            .into());
        }
        if self.duplex == Duplex::Off {
            return Err(Diagnostic::error(
                None,
                format!("--duplex off puts front and back side by side, and a cell of {source} holds one face"),
            )
            .hint("print both sides with --duplex long-edge or short-edge (a one-sided printer: print the odd pages, turn the sheets over as its manual shows, then the even pages)")
            .into());
        }
        let card = CardSize::ALL.into_iter().find(|c| c.size() == size).unwrap_or(CardSize::In3x5);
        Ok(PrintSettings { paper: self.paper, card, sheet: Sheet::Stock(stock), duplex: self.duplex })
    }
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

impl FontArgs {
    pub fn load(&self) -> Fonts {
        Fonts::new(&Fonts::paths_from_env(self.font_path.clone()), self.system_fonts)
    }

    /// Every --font-path must exist: a mistyped folder would silently give no fonts.
    pub fn check(&self) -> Result<(), Diagnostics> {
        let missing: Diagnostics = Diagnostics(
            self.font_path
                .iter()
                .filter(|p| !p.exists())
                .map(|p| {
                    Diagnostic::error(None, format!("the font folder `{}` does not exist", p.display()))
                        .hint("check the path given to --font-path")
                })
                .collect(),
        );
        if missing.is_empty() { Ok(()) } else { Err(missing) }
    }
}

pub fn run(args: &BuildArgs) -> Result<(), Diagnostics> {
    let start = Instant::now();
    check_layouts(args)?;
    args.fonts.check()?;
    let renderer = renderer(args);
    let (written, warnings) = build(args, &renderer)?;
    print_warnings(&warnings);
    let mut out: String = written.iter().map(|line| format!("{line}\n")).collect();
    out.push_str(&format!("done in {} ms", start.elapsed().as_millis()));
    if let Some(whose) = args.person.whose() {
        out.push_str(&format!("; {whose}"));
    }
    out.push('\n');
    super::print_stdout(&out);
    Ok(())
}

/// A renderer for `args`, with what earlier runs into the same folder fitted.
pub fn renderer(args: &BuildArgs) -> Renderer {
    let renderer = Renderer::new(Arc::new(args.fonts.load()), args.layouts.clone());
    renderer.recall(&args.out.join(MEMORY_FILE));
    renderer
}

/// The layouts folder, if given, must exist.
pub fn check_layouts(args: &BuildArgs) -> Result<(), Diagnostics> {
    match &args.layouts {
        Some(dir) if !dir.is_dir() => {
            Err(Diagnostic::error(None, format!("the layouts folder `{}` does not exist", dir.display()))
                .hint("make one with `studypack layouts DIR`, or leave out --layouts")
                .into())
        }
        _ => Ok(()),
    }
}

/// The Anki deck of `pack` when `outputs` asks for it, with how long it took; the deck
/// last built into `folder` decides which notes keep their time.
fn deck(
    pack: &pack::Pack,
    folder: &Path,
    outputs: &[Output],
    now: i64,
) -> Result<Option<(anki::Deck, u128)>, Diagnostics> {
    if !outputs.contains(&Output::Anki) {
        return Ok(None);
    }
    let start = Instant::now();
    let previous = std::fs::read(folder.join(Output::Anki.file_name())).ok();
    let deck = anki::deck(pack, previous.as_deref(), now).map_err(|e| Diagnostic::error(None, e))?;
    Ok(Some((deck, start.elapsed().as_millis())))
}

/// Seconds since 1970 that new and changed notes are stamped with: `SOURCE_DATE_EPOCH`
/// when set, so that a build is reproducible, else the clock.
fn build_time() -> i64 {
    source_date_epoch().unwrap_or_else(|| {
        SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    })
}

/// Loads the person's files, renders every pack and writes them all, or nothing. Returns
/// one line per file written (path, pages or deck, contents, how full the fitted pages
/// are, milliseconds) and the warnings.
pub fn build(args: &BuildArgs, renderer: &Renderer) -> Result<(Vec<String>, Diagnostics), Diagnostics> {
    same_stem_jobs(&args.person.job, &args.out).into_result(())?;
    let bank = Bank::builtin()?;
    let (merged, mut warnings) = profile::merge(&bank, &args.person.sources())?;
    let outputs: Vec<Output> = if args.only.is_empty() {
        Output::ALL.to_vec()
    } else {
        Output::ALL.into_iter().filter(|o| args.only.contains(o)).collect()
    };
    let settings = args.print.settings()?;

    // Render every pack before writing any, so a failure leaves every folder as it was.
    let packs: Vec<_> = merged.iter().map(resolve_merged).collect();
    let results = renderer.render_all(&packs.iter().collect::<Vec<_>>(), settings, &outputs);
    let now = build_time();
    let mut rendered_packs = Vec::new();
    let mut errors = Diagnostics::default();
    let today = build_day();
    for ((m, pack), result) in merged.iter().zip(&packs).zip(results) {
        warnings.extend(lint::warnings(m, pack));
        warnings.extend(lint::past_interview(pack, &today));
        let folder = pack_folder(&args.out, m.job_name.as_deref());
        match (result, deck(pack, &folder, &outputs, now)) {
            (Ok((rendered, w)), Ok(deck)) => {
                warnings.extend(w);
                rendered_packs.push((folder, rendered, deck));
            }
            (Err(e), _) | (_, Err(e)) => errors.extend(e),
        }
    }
    if errors.has_errors() {
        errors.extend(warnings);
        return Err(errors);
    }
    // Stage every file of every pack, then rename them all: all or nothing for the run.
    let folders: Vec<output::Folder> = rendered_packs
        .iter()
        .map(|(folder, rendered, deck)| {
            let mut files: Vec<(&str, &[u8])> =
                rendered.iter().map(|r| (r.output.file_name(), r.pdf.as_slice())).collect();
            if let Some((deck, _)) = deck {
                files.push((Output::Anki.file_name(), deck.bytes.as_slice()));
            }
            (folder.as_path(), files)
        })
        .collect();
    let written = output::write_run(&folders).map_err(|e| Diagnostic::error(None, e))?;
    let mut lines = Vec::new();
    let mut paths = written.iter();
    for (_, rendered, deck) in &rendered_packs {
        for r in rendered {
            let Some(path) = paths.next() else { break };
            let pages = if r.pages == 1 { "1 page".to_string() } else { format!("{} pages", r.pages) };
            lines.push(format!("{}  {pages}  {}  {} ms", path.display(), r.summary, r.millis));
        }
        if let Some((deck, millis)) = deck
            && let Some(path) = paths.next()
        {
            lines.push(format!("{}  deck {}  {}  {millis} ms", path.display(), deck.name, deck.summary));
        }
    }
    // Only a speed-up for the next run: a folder that takes PDFs but not this file is fine.
    let _ = renderer.remember(&args.out.join(MEMORY_FILE));
    Ok((lines, warnings))
}

/// Where a pack goes: a job's into `OUT/<job file stem>/`, however many jobs the run has,
/// so re-running one job replaces its own folder; a run without jobs into `OUT/` itself.
pub fn pack_folder(out: &Path, job_name: Option<&str>) -> PathBuf {
    match job_name {
        Some(name) => out.join(name),
        None => out.to_path_buf(),
    }
}

/// Two job files whose packs would go to one folder (`a/acme.yaml`, `b/acme.yaml`): the
/// second would overwrite the first's pack.
pub fn same_stem_jobs(jobs: &[PathBuf], out: &Path) -> Diagnostics {
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
