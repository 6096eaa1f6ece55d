//! `studypack build`: bank → pack → four PDFs, written all or nothing.

use super::{PersonArgs, print_warnings};
use crate::bank::Bank;
use crate::diag::{Diagnostic, Diagnostics};
use crate::pack::{self, resolve_merged};
use crate::profile;
use crate::render::fonts::Fonts;
use crate::render::impose::{CardSize, Duplex, Paper, Sheet};
use crate::render::memory::MEMORY_FILE;
use crate::render::{Output, PrintSettings, Renderer, build_day, output};
use clap::Args;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Options of `studypack build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub person: PersonArgs,
    /// Folder for the PDFs; created if missing. Example: --out ~/interviews/acme
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Render only these documents (repeatable): cards, cheatsheet, checklist, answers (every
    /// answer in full, to rehearse out loud). Example: --only cards --only answers
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
    /// Card size (landscape). Example: --card 4x6in
    #[arg(long, value_enum, default_value = "3x5in")]
    pub card: CardSize,
    /// `paper`: as many cards per sheet as fit, with crop marks; `card`: one card per page, for card stock.
    #[arg(long, value_enum, default_value = "paper")]
    pub sheet: Sheet,
    /// How your printer flips the sheet; `off` prints front and back side by side, to fold.
    #[arg(long, value_enum, default_value = "long-edge")]
    pub duplex: Duplex,
}

impl PrintArgs {
    pub fn settings(&self) -> PrintSettings {
        PrintSettings { paper: self.paper, card: self.card, sheet: self.sheet, duplex: self.duplex }
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
}

pub fn run(args: &BuildArgs) -> Result<(), Diagnostics> {
    let start = Instant::now();
    check_layouts(args)?;
    let renderer = renderer(args);
    let (written, warnings) = build(args, &renderer)?;
    print_warnings(&warnings);
    for line in written {
        println!("{line}");
    }
    println!("done in {} ms", start.elapsed().as_millis());
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

/// Loads the person's files, renders every pack and writes them all, or nothing. Returns
/// one line per PDF written (path, pages, contents, how full the fitted pages are,
/// milliseconds) and the warnings.
pub fn build(args: &BuildArgs, renderer: &Renderer) -> Result<(Vec<String>, Diagnostics), Diagnostics> {
    let bank = Bank::builtin()?;
    let (merged, mut warnings) = profile::merge(&bank, &args.person.sources())?;
    let outputs: Vec<Output> = if args.only.is_empty() {
        Output::ALL.to_vec()
    } else {
        Output::ALL.into_iter().filter(|o| args.only.contains(o)).collect()
    };
    let settings = args.print.settings();

    // Render every pack before writing any, so a failure leaves every folder as it was.
    let packs: Vec<_> = merged.iter().map(resolve_merged).collect();
    let results = renderer.render_all(&packs.iter().collect::<Vec<_>>(), settings, &outputs);
    let mut rendered_packs = Vec::new();
    let mut errors = Diagnostics::default();
    let today = build_day();
    for ((m, pack), result) in merged.iter().zip(&packs).zip(results) {
        warnings.extend(pack::warnings(m, pack));
        warnings.extend(pack::past_interview(pack, &today));
        let folder = match &m.job_name {
            Some(name) if merged.len() > 1 => args.out.join(name),
            _ => args.out.clone(),
        };
        match result {
            Ok((rendered, w)) => {
                warnings.extend(w);
                rendered_packs.push((folder, rendered));
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.has_errors() {
        errors.extend(warnings);
        return Err(errors);
    }
    let mut lines = Vec::new();
    for (folder, rendered) in &rendered_packs {
        let files: Vec<(&str, &[u8])> =
            rendered.iter().map(|r| (r.output.file_name(), r.pdf.as_slice())).collect();
        let written = output::write_all(folder, &files).map_err(|e| Diagnostic::error(None, e))?;
        for (r, path) in rendered.iter().zip(&written) {
            let pages = if r.pages == 1 { "1 page".to_string() } else { format!("{} pages", r.pages) };
            lines.push(format!("{}  {pages}  {}  {} ms", path.display(), r.summary, r.millis));
        }
    }
    // Only a speed-up for the next run: a folder that takes PDFs but not this file is fine.
    let _ = renderer.remember(&args.out.join(MEMORY_FILE));
    Ok((lines, warnings))
}
