//! `studypack build`: bank → pack → three PDFs, written all or nothing.

use super::print_warnings;
use crate::bank::Bank;
use crate::diag::{Diagnostic, Diagnostics};
use crate::pack::{self, DEFAULT_PACE_WPM};
use crate::render::fonts::Fonts;
use crate::render::impose::{CardSize, Duplex, Paper, Sheet};
use crate::render::{Output, PrintSettings, Renderer, output};
use clap::Args;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Options of `studypack build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Folder for the PDFs; created if missing. Example: --out ~/interviews/acme
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Render only these documents (repeatable). Example: --only cards --only checklist
    #[arg(long, value_enum)]
    pub only: Vec<Output>,
    /// Paper for the cheat sheet, the checklist and N-up cards. Example: --paper a4
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
    /// A folder of your own layouts (from `studypack layouts DIR`); files missing there use the built-in ones.
    #[arg(long)]
    pub layouts: Option<PathBuf>,
}

pub fn run(args: &BuildArgs) -> Result<(), Diagnostics> {
    let start = Instant::now();
    let bank = Bank::builtin()?;
    let pack = pack::resolve(&bank, &bank.examples(), DEFAULT_PACE_WPM);
    let fonts = Arc::new(Fonts::bundled());
    if let Some(dir) = &args.layouts
        && !dir.is_dir()
    {
        return Err(Diagnostic::error(
            None,
            format!("the layouts folder `{}` does not exist", dir.display()),
        )
        .hint("make one with `studypack layouts DIR`, or leave out --layouts")
        .into());
    }
    let outputs: Vec<Output> = if args.only.is_empty() {
        Output::ALL.to_vec()
    } else {
        Output::ALL.into_iter().filter(|o| args.only.contains(o)).collect()
    };
    let settings =
        PrintSettings { paper: args.paper, card: args.card, sheet: args.sheet, duplex: args.duplex };
    let renderer = Renderer::new(fonts, args.layouts.clone());
    let (rendered, warnings) = renderer.render(&pack, settings, &outputs)?;
    print_warnings(&warnings);
    let files: Vec<(&str, &[u8])> =
        rendered.iter().map(|r| (r.output.file_name(), r.pdf.as_slice())).collect();
    let written = output::write_all(&args.out, &files).map_err(|e| Diagnostic::error(None, e))?;
    for (r, path) in rendered.iter().zip(&written) {
        let pages = if r.pages == 1 { "1 page".to_string() } else { format!("{} pages", r.pages) };
        println!("{}  {pages}  {}  {} ms", path.display(), r.summary, r.millis);
    }
    println!("done in {} ms", start.elapsed().as_millis());
    Ok(())
}
