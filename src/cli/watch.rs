//! `studypack watch`: build, then rebuild on every save of the profile, the job files, the
//! layouts or the fonts. The Typst world and its caches stay alive between builds; a broken
//! save prints its errors and keeps the last good PDFs.

use super::build::{self, BuildArgs, build, check_layouts};
use super::print_warnings;
use crate::diag::Diagnostics;
use crate::render::CACHE_AGE;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// How often files are looked at. Polling by path sees editors that save by writing a new
/// file and renaming it over the old one (vim, VS Code) as plainly as in-place writes.
const POLL: Duration = Duration::from_millis(100);

pub fn run(args: &BuildArgs) -> Result<(), Diagnostics> {
    check_layouts(args)?;
    args.fonts.check()?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    // Ctrl-C lets the build in flight finish its atomic write, then exits.
    if ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).is_err() {
        eprintln!("warning: Ctrl-C cannot be caught here; it will stop watch at once");
    }
    let watched = watched_paths(args);
    let font_paths: Vec<PathBuf> = args.fonts.font_path.clone();
    let mut renderer = build::renderer(args);
    let mut seen = stamps(&watched);
    let mut layouts_changed = false;
    let mut fonts_seen = stamps(&font_paths);
    let mut round = 0usize;
    let mut built_once = false;
    println!(
        "watching {} — Ctrl-C to stop",
        watched.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    );
    loop {
        let start = Instant::now();
        renderer.refresh(std::mem::take(&mut layouts_changed));
        match build(args, &renderer) {
            Ok((lines, warnings)) => {
                built_once = true;
                print_warnings(&warnings);
                let label = if round == 0 { "built" } else { "rebuilt" };
                let files =
                    if lines.len() == 1 { "1 file".to_string() } else { format!("{} files", lines.len()) };
                println!("{label} {files} in {} ms", start.elapsed().as_millis());
                for line in lines {
                    println!("  {line}");
                }
            }
            Err(problems) => {
                crate::diag::eprint(&problems.0);
                let kept = if built_once {
                    "the last good PDFs are kept"
                } else {
                    "nothing was written; fix the errors above and save"
                };
                println!("build failed in {} ms; {kept}", start.elapsed().as_millis());
            }
        }
        typst::comemo::evict(CACHE_AGE);
        round += 1;
        // Wait for a change, or Ctrl-C.
        loop {
            if stop.load(Ordering::SeqCst) {
                println!("stopped");
                return Ok(());
            }
            std::thread::sleep(POLL);
            let now = stamps(&watched);
            let fonts_now = stamps(&font_paths);
            if fonts_now != fonts_seen {
                fonts_seen = fonts_now;
                renderer = build::renderer(args);
            }
            if now != seen {
                layouts_changed = args.layouts.as_deref().is_some_and(|dir| {
                    let under = |stamps: &[Stamp]| {
                        stamps.iter().filter(|(p, _)| p.starts_with(dir)).cloned().collect::<Vec<_>>()
                    };
                    under(&now) != under(&seen)
                });
                seen = now;
                // Let an editor finish writing before reading.
                std::thread::sleep(Duration::from_millis(30));
                break;
            }
        }
    }
}

/// The person's files, the stock file, the layouts folder and the font folders.
fn watched_paths(args: &BuildArgs) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> =
        args.person.sources().profile.iter().chain(&args.person.job).cloned().collect();
    paths.extend(args.print.stock.iter().cloned());
    paths.extend(args.layouts.iter().cloned());
    paths.extend(args.fonts.font_path.iter().cloned());
    paths
}

type Stamp = (PathBuf, Option<(SystemTime, u64)>);

/// Modification time and size of every file at or under `paths` (a missing file counts too:
/// while an editor renames, the path may briefly not exist).
fn stamps(paths: &[PathBuf]) -> Vec<Stamp> {
    let mut out = Vec::new();
    for path in paths {
        collect(path, &mut out);
    }
    out
}

fn collect(path: &Path, out: &mut Vec<Stamp>) {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let mut entries: Vec<PathBuf> =
                std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| e.path()).collect();
            entries.sort();
            for entry in entries {
                collect(&entry, out);
            }
        }
        Ok(meta) => out.push((path.to_path_buf(), meta.modified().ok().map(|m| (m, meta.len())))),
        Err(_) => out.push((path.to_path_buf(), None)),
    }
}
