//! `studypack watch`: build, then rebuild on every save of the profile, the job files, the
//! layouts or the fonts. The Typst world and its caches stay alive between builds; a broken
//! save prints its errors and keeps the last good PDFs.

use super::args::BuildArgs;
use super::build::{self, build};
use super::print_warnings;
use super::settings::{BuildSettings, Environment};
use crate::diag::Diagnostics;
use crate::render::CACHE_AGE;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// How often files are looked at. Polling by path sees editors that save by writing a new
/// file and renaming it over the old one (vim, VS Code) as plainly as in-place writes.
const POLL: Duration = Duration::from_millis(100);

/// Watches `args`' files. The settings are built again for every round, as the stock file
/// they read may have changed; a first round whose flags are wrong stops at once.
pub fn run(args: &BuildArgs, env: &Environment) -> Result<(), Diagnostics> {
    let mut settings = BuildSettings::new(args, env)?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    // Ctrl-C lets the build in flight finish its atomic write, then exits.
    if ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).is_err() {
        eprintln!("warning: Ctrl-C cannot be caught here; it will stop watch at once");
    }
    let watched = watched_paths(&settings, args);
    let font_paths: Vec<PathBuf> = settings.fonts.paths.clone();
    let mut renderer = build::renderer(&settings);
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
        match BuildSettings::new(args, env).and_then(|now| {
            settings = now;
            build(&settings, &renderer)
        }) {
            Ok(build::Built { lines, warnings, .. }) => {
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
                eprintln!("{problems}");
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
                renderer = build::renderer(&settings);
            }
            if now != seen {
                layouts_changed = settings.layouts.as_deref().is_some_and(|dir| {
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
fn watched_paths(settings: &BuildSettings, args: &BuildArgs) -> Vec<PathBuf> {
    let sources = &settings.person.sources;
    let mut paths: Vec<PathBuf> = sources.profile.iter().chain(&sources.jobs).cloned().collect();
    paths.extend(args.print.stock.iter().cloned());
    paths.extend(settings.layouts.iter().cloned());
    paths.extend(settings.fonts.paths.iter().cloned());
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
