//! `studypack build`: bank → pack → four PDFs and the Anki deck, written all or nothing.

use super::print_warnings;
use super::settings::BuildSettings;
use crate::anki;
use crate::bank::Bank;
use crate::diag::{Diagnostic, Diagnostics};
use crate::lint;
use crate::pack::{self, resolve_merged};
use crate::profile;
use crate::render::memory::MEMORY_FILE;
use crate::render::{Output, Renderer, output};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

pub(crate) fn run(settings: &BuildSettings) -> Result<(), Diagnostics> {
    let start = Instant::now();
    let renderer = renderer(settings);
    let built = build(settings, &Bank::builtin()?, &renderer)?;
    print_warnings(&built.warnings);
    let mut out: String = built.lines.iter().map(|line| format!("{line}\n")).collect();
    out.push_str(&format!("done in {} ms", start.elapsed().as_millis()));
    if let Some(whose) = &built.whose {
        out.push_str(&format!("; {whose}"));
    }
    out.push('\n');
    super::print_stdout(&out);
    Ok(())
}

/// A renderer for `settings`, with what earlier runs into the same folder fitted.
pub(crate) fn renderer(settings: &BuildSettings) -> Renderer {
    let renderer = Renderer::new(Arc::new(settings.fonts.load()), settings.layouts.clone(), settings.time);
    renderer.recall(&settings.out.join(MEMORY_FILE));
    renderer
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

/// Loads the person's files, renders every pack and writes them all, or nothing. Returns
/// one line per file (path, whether it was unchanged, pages or deck, contents, how full the
/// fitted pages are, milliseconds) and the warnings.
pub(crate) fn build(
    settings: &BuildSettings,
    bank: &Bank,
    renderer: &Renderer,
) -> Result<Built, Diagnostics> {
    let (merged, mut warnings) = profile::merge(bank, &settings.person.sources)?;
    let outputs = &settings.outputs;

    // Render every pack before writing any, so a failure leaves every folder as it was.
    let packs: Vec<_> = merged.iter().map(resolve_merged).collect();
    let results = renderer.render_all(&packs.iter().collect::<Vec<_>>(), settings.print, outputs);
    let now = settings.time.secs();
    let mut rendered_packs = Vec::new();
    let mut errors = Diagnostics::default();
    let today = settings.time.day();
    for ((m, pack), result) in merged.iter().zip(&packs).zip(results) {
        warnings.extend(lint::warnings(m, pack));
        warnings.extend(lint::past_interview(pack, &today));
        let folder = settings.folder(m.job_name.as_deref());
        match (result, deck(pack, &folder, outputs, now)) {
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
    let mut files = written.iter().map(|w| {
        let unchanged = if w.changed { "" } else { " (unchanged)" };
        format!("{}{unchanged}", w.path.display())
    });
    for (_, rendered, deck) in &rendered_packs {
        for r in rendered {
            let Some(file) = files.next() else { break };
            let pages = if r.pages == 1 { "1 page".to_string() } else { format!("{} pages", r.pages) };
            lines.push(format!("{file}  {pages}  {}  {} ms", r.summary, r.millis));
        }
        if let Some((deck, millis)) = deck
            && let Some(file) = files.next()
        {
            lines.push(format!("{file}  deck {}  {}  {millis} ms", deck.name, deck.summary));
        }
    }
    // Only a speed-up for the next run: a folder that takes PDFs but not this file is fine.
    let _ = renderer.remember(&settings.out.join(MEMORY_FILE));
    Ok(Built { lines, warnings, whose: settings.person.whose.note(bank) })
}

/// What a build did, for its caller to print.
pub(crate) struct Built {
    /// One line per file written: path, pages or deck, contents, fit, milliseconds.
    pub lines: Vec<String>,
    pub warnings: Diagnostics,
    /// Whose pack this is, when the person did not name their profile.
    pub whose: Option<String>,
}
