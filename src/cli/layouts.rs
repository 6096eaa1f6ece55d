//! `studypack layouts DIR`: the built-in layouts and theme, to restyle, plus the pack data
//! they read and the bundled fonts, so `typst compile --root DIR --font-path DIR/fonts`
//! renders the same pages as `studypack build` with the same options.

use super::settings::LayoutsSettings;
use crate::bank::Bank;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::pack::resolve_merged;
use crate::profile;
use crate::render::fonts::{Fonts, bundled_files};
use crate::render::world::BUILTIN_LAYOUTS;
use crate::render::{Output, PageSizes, Renderer, data_files};
use std::sync::Arc;

pub(crate) fn run(args: &LayoutsSettings) -> Result<(), Diagnostics> {
    let bank = Bank::builtin()?;
    let (merged, _) = profile::merge(&bank, &args.person.sources)?;
    let pack = resolve_merged(&merged[0]);
    let settings = args.print;
    let existing: Vec<String> = BUILTIN_LAYOUTS
        .iter()
        .map(|(name, _)| args.dir.join(name))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Diagnostic::error(
            Some(Location::file(&existing[0])),
            match existing.len() {
                1 => format!("{} already exists", existing[0]),
                n => format!("{n} layouts already exist: {}", existing.join(", ")),
            },
        )
        .hint("studypack never overwrites your layouts; choose an empty folder")
        .into());
    }
    // The data carries the one-page documents' fitted sizes, so other tools print the same pages.
    let renderer = Renderer::new(Arc::new(Fonts::bundled()), None, args.time);
    let (rendered, _) = renderer.render(&pack, settings, &[Output::Cheatsheet, Output::Checklist])?;
    let mut sizes = PageSizes::default();
    for r in &rendered {
        match (r.output, r.size) {
            (Output::Cheatsheet, Some(size)) => sizes.cheatsheet = size,
            (Output::Checklist, Some(size)) => sizes.checklist = size,
            _ => {}
        }
    }
    let io = |e: std::io::Error, path: &std::path::Path| {
        Diagnostic::error(Some(Location::file(&path.display().to_string())), format!("cannot write it: {e}"))
    };
    for folder in ["data", "fonts"] {
        std::fs::create_dir_all(args.dir.join(folder)).map_err(|e| io(e, &args.dir))?;
    }
    for (name, text) in BUILTIN_LAYOUTS {
        let path = args.dir.join(name);
        std::fs::write(&path, text).map_err(|e| io(e, &path))?;
    }
    let data = data_files(&pack, settings, sizes);
    let fonts = bundled_files().map(|(name, bytes)| (format!("fonts/{name}"), bytes.to_vec()));
    for (name, bytes) in data.into_iter().map(|(name, bytes)| (name.to_string(), bytes)).chain(fonts) {
        let path = args.dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| io(e, &path))?;
    }
    println!(
        "wrote {} layouts, the pack data they read and the bundled fonts to {}",
        BUILTIN_LAYOUTS.len(),
        args.dir.display()
    );
    println!("use them with: studypack build --layouts {}", args.dir.display());
    println!(
        "or compile with Typst: typst compile --root {0} --font-path {0}/fonts --ignore-system-fonts {0}/cards.typ",
        args.dir.display()
    );
    Ok(())
}
