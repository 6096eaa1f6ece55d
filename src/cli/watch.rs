//! `studypack watch`: build, then rebuild on every save of the profile, the job files, the
//! stock file, the layouts or the fonts. The bank, the Typst world and its caches stay alive
//! between builds; a broken save prints its errors and keeps the last good PDFs.
//!
//! Saves are seen through the system's file events (as the typst CLI does): the folders of
//! the person's files are watched, not the files, so an editor that saves by writing a new
//! file and renaming it over the old one (vim, VS Code) is seen like an in-place write, and a
//! file that does not exist yet is seen when it comes. Where events are not available (no
//! backend, a watch limit reached), the files are polled instead.

use super::DEFAULT_PROFILE;
use super::args::BuildArgs;
use super::build::{self, build};
use super::print_warnings;
use super::settings::{BuildSettings, Environment, Whose};
use crate::bank::Bank;
use crate::diag::Diagnostics;
use crate::render::{CACHE_AGE, Renderer};
use notify::event::{MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant, SystemTime};

/// How long a burst of events must be quiet before the rebuild starts: one save is several
/// events (a temporary written, renamed over the file, its mode set) a few milliseconds apart.
const QUIET: Duration = Duration::from_millis(50);
/// The longest a stream of events may hold back a rebuild.
const STARVE: Duration = Duration::from_millis(500);
/// How often files are looked at where events are not available, and how often a folder
/// that does not exist yet is looked for.
const POLL: Duration = Duration::from_millis(100);

/// What wakes the waiting loop: a file event, or Ctrl-C.
enum Wake {
    Event(notify::Result<Event>),
    Stop,
}

/// Builds, then rebuilds on every change until Ctrl-C. Flags that are wrong from the start
/// stop watch at once; the settings are built again for every round, as the files they read
/// (the stock, `profile.yaml` here) may have changed.
pub(crate) fn run(args: &BuildArgs, env: &Environment) -> Result<(), Diagnostics> {
    let settings = BuildSettings::new(args, env)?;
    let (wake, woken) = channel();
    catch_ctrl_c(wake.clone());
    let bank = Bank::builtin()?;
    let targets = Targets::of(&settings, args);
    let mut changes = Changes::new(wake, &targets);
    let mut renderer = build::renderer(&settings).watching();
    let mut layouts_changed = false;
    let (mut first, mut built_once) = (true, false);
    // The first round uses the settings just checked; later ones read their files again.
    let mut round = Ok(settings.clone());
    println!(
        "watching {} — Ctrl-C to stop",
        targets.given.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    );
    loop {
        let start = Instant::now();
        renderer.refresh(std::mem::take(&mut layouts_changed));
        built_once |= rebuild(round, &bank, &renderer, start, first, built_once);
        first = false;
        typst::comemo::evict(CACHE_AGE);
        let Some(changed) = changes.wait(&woken, &targets) else {
            println!("stopped");
            return Ok(());
        };
        if changed.fonts {
            renderer = build::renderer(&settings).watching();
        }
        layouts_changed = changed.layouts;
        round = BuildSettings::new(args, &env.refreshed());
    }
}

/// Builds once and prints how it went (`first`: the build watch starts with); true when the
/// PDFs were written.
fn rebuild(
    settings: Result<BuildSettings, Diagnostics>,
    bank: &Bank,
    renderer: &Renderer,
    start: Instant,
    first: bool,
    built_once: bool,
) -> bool {
    match settings.and_then(|settings| build(&settings, bank, renderer)) {
        Ok(build::Built { lines, warnings, .. }) => {
            print_warnings(&warnings);
            let label = if first { "built" } else { "rebuilt" };
            let files =
                if lines.len() == 1 { "1 file".to_string() } else { format!("{} files", lines.len()) };
            println!("{label} {files} in {} ms", start.elapsed().as_millis());
            for line in lines {
                println!("  {line}");
            }
            true
        }
        Err(problems) => {
            crate::diag::eprint(&problems.0);
            let kept = if built_once {
                "the last good PDFs are kept"
            } else {
                "nothing was written; fix the errors above and save"
            };
            println!("build failed in {} ms; {kept}", start.elapsed().as_millis());
            false
        }
    }
}

/// The first Ctrl-C lets the build in flight finish its atomic write, then watch stops; a
/// second one stops it at once (the temporaries it leaves are removed by the next run).
fn catch_ctrl_c(wake: Sender<Wake>) {
    let pressed = AtomicBool::new(false);
    let handler = move || {
        if pressed.swap(true, Ordering::SeqCst) {
            eprintln!("stopped at once");
            std::process::exit(130);
        }
        let _ = wake.send(Wake::Stop);
    };
    if ctrlc::set_handler(handler).is_err() {
        eprintln!("warning: Ctrl-C cannot be caught here; it will stop watch at once");
    }
}

/// What watch looks at. Paths are absolute, as events name them.
struct Targets {
    /// The paths as given, for the first line.
    given: Vec<PathBuf>,
    /// The person's files and the stock file, also by their real path when a link leads there.
    files: Vec<PathBuf>,
    /// The layouts folder (everything under it counts).
    layouts: Vec<PathBuf>,
    /// The font folders (everything under them counts).
    fonts: Vec<PathBuf>,
}

impl Targets {
    /// The targets of a watch with `settings` (and the stock file `args` names).
    fn of(settings: &BuildSettings, args: &BuildArgs) -> Targets {
        let sources = &settings.person.sources;
        let files: Vec<PathBuf> =
            sources.profile.iter().chain(&sources.jobs).chain(&args.print.stock).cloned().collect();
        let mut given = files.clone();
        given.extend(settings.layouts.iter().cloned());
        given.extend(settings.fonts.paths.iter().cloned());
        // Without --profile, a `profile.yaml` made here meanwhile is the one builds use.
        let default = (settings.person.whose != Whose::Given).then(|| PathBuf::from(DEFAULT_PROFILE));
        Targets {
            files: files
                .iter()
                .chain(&default)
                .flat_map(|f| names_of(f))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            layouts: settings.layouts.iter().flat_map(|d| names_of(d)).collect(),
            fonts: settings.fonts.paths.iter().flat_map(|d| names_of(d)).collect(),
            given,
        }
    }

    /// The folders to watch: each file's folder alone, each layouts and font folder with
    /// everything under it.
    fn roots(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut roots: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        let folders = self.files.iter().filter_map(|f| f.parent()).map(|d| (d, RecursiveMode::NonRecursive));
        let trees = self.layouts.iter().chain(&self.fonts).map(|d| (d.as_path(), RecursiveMode::Recursive));
        for (dir, mode) in folders.chain(trees) {
            match roots.iter_mut().find(|(have, _)| have == dir) {
                Some(root) if mode == RecursiveMode::Recursive => root.1 = mode,
                Some(_) => {}
                None => roots.push((dir.to_path_buf(), mode)),
            }
        }
        roots
    }

    /// What a change anywhere in the watched folder `root` may touch.
    fn under(&self, root: &Path) -> Changed {
        Changed {
            inputs: self.files.iter().any(|f| f.parent() == Some(root)),
            layouts: self.layouts.iter().any(|d| d.starts_with(root)),
            fonts: self.fonts.iter().any(|d| d.starts_with(root)),
        }
    }

    /// Which kinds of input a changed path is.
    fn classify(&self, path: &Path) -> Changed {
        Changed {
            inputs: self.files.iter().any(|f| f == path),
            layouts: self.layouts.iter().any(|d| path.starts_with(d)),
            fonts: self.fonts.iter().any(|d| path.starts_with(d)),
        }
    }
}

/// The absolute path of `path`, and its real one (folders and links resolved) when that
/// differs: some event backends name the real path.
fn names_of(path: &Path) -> Vec<PathBuf> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let real = absolute.canonicalize().ok().or_else(|| {
        // A file that does not exist yet: its folder's real path.
        let dir = absolute.parent()?.canonicalize().ok()?;
        Some(dir.join(absolute.file_name()?))
    });
    let mut names = vec![absolute];
    names.extend(real.filter(|real| *real != names[0]));
    names
}

/// What a batch of changes touched.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Changed {
    inputs: bool,
    layouts: bool,
    fonts: bool,
}

impl Changed {
    /// Whether anything was touched.
    fn any(self) -> bool {
        self.inputs || self.layouts || self.fonts
    }

    /// Adds what `other` touched.
    fn add(&mut self, other: Changed) {
        self.inputs |= other.inputs;
        self.layouts |= other.layouts;
        self.fonts |= other.fonts;
    }
}

/// How changes are noticed: file events, or polling where events fail.
enum Changes {
    Events(Events),
    Polling(Polling),
}

impl Changes {
    /// Events when the system gives them, else polling (with a one-line warning).
    fn new(wake: Sender<Wake>, targets: &Targets) -> Changes {
        match Events::new(wake, targets) {
            Ok(events) => Changes::Events(events),
            Err(e) => Changes::polling(&e, targets),
        }
    }

    /// Polling, after saying why events are not used.
    fn polling(e: &notify::Error, targets: &Targets) -> Changes {
        eprintln!(
            "warning: file events are not available ({e}); looking at the files every {} ms instead",
            POLL.as_millis()
        );
        Changes::Polling(Polling::new(targets))
    }

    /// Waits for a change to the targets; `None` on Ctrl-C.
    fn wait(&mut self, woken: &Receiver<Wake>, targets: &Targets) -> Option<Changed> {
        match self {
            Changes::Polling(polling) => polling.wait(woken, targets),
            Changes::Events(events) => match events.wait(woken, targets) {
                Ok(changed) => changed,
                Err(e) => {
                    *self = Changes::polling(&e, targets);
                    // What changed while events failed is not known: build everything anew.
                    Some(Changed { inputs: true, layouts: true, fonts: true })
                }
            },
        }
    }
}

/// Changes seen through the system's file events.
struct Events {
    watcher: RecommendedWatcher,
    /// The folders being watched.
    armed: HashSet<PathBuf>,
    /// Folders to watch that do not exist yet: looked for every [`POLL`] until they do.
    missing: Vec<PathBuf>,
    /// Every folder ever to be watched: one watched anew among them was not watched for a
    /// while, so what is in it may have changed unseen.
    known: HashSet<PathBuf>,
}

impl Events {
    /// A watcher whose events wake the loop through `wake`, with every root watched.
    fn new(wake: Sender<Wake>, targets: &Targets) -> notify::Result<Events> {
        let send = move |event| {
            let _ = wake.send(Wake::Event(event));
        };
        let watcher = RecommendedWatcher::new(send, notify::Config::default())?;
        let mut events =
            Events { watcher, armed: HashSet::new(), missing: Vec::new(), known: HashSet::new() };
        events.arm(targets)?;
        Ok(events)
    }

    /// Watches every root not watched yet and notes the ones that do not exist. Returns what
    /// the folders watched anew (after being missing or removed) may have changed.
    fn arm(&mut self, targets: &Targets) -> notify::Result<Changed> {
        self.missing.clear();
        let mut came = Changed::default();
        for (root, mode) in targets.roots() {
            if self.armed.contains(&root) {
                continue;
            }
            match self.watcher.watch(&root, mode) {
                Ok(()) => {
                    if self.known.contains(&root) {
                        came.add(targets.under(&root));
                    }
                    self.armed.insert(root.clone());
                }
                // Not there yet, or gone again since it was looked at.
                Err(e) if !root.is_dir() || gone(&e) => self.missing.push(root.clone()),
                Err(e) => return Err(e),
            }
            self.known.insert(root);
        }
        Ok(came)
    }

    /// Waits for a burst of events that touches the targets and for the burst to end.
    fn wait(&mut self, woken: &Receiver<Wake>, targets: &Targets) -> notify::Result<Option<Changed>> {
        let mut changed = Changed::default();
        let mut first: Option<Instant> = None;
        let mut rearm = true;
        loop {
            if std::mem::take(&mut rearm) {
                changed.add(self.arm(targets)?);
            }
            if changed.any() && first.is_none() {
                first = Some(Instant::now());
            }
            let timeout = match first {
                Some(first) => QUIET.min(STARVE.saturating_sub(first.elapsed())),
                None if self.missing.is_empty() => Duration::MAX,
                None => POLL,
            };
            match woken.recv_timeout(timeout) {
                Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return Ok(None),
                Ok(Wake::Event(event)) => {
                    let event = event?;
                    rearm = self.disarm_removed(&event);
                    if matters(event.kind) {
                        for path in &event.paths {
                            changed.add(targets.classify(path));
                        }
                    }
                }
                Err(RecvTimeoutError::Timeout) if changed.any() => return Ok(Some(changed)),
                // A folder that was missing has come: watch it, and build.
                Err(RecvTimeoutError::Timeout) => rearm = self.missing.iter().any(|dir| dir.is_dir()),
            }
        }
    }

    /// A watched folder that was removed, renamed, or made anew at its path is watched again
    /// (by path, once it is there). True when one was.
    fn disarm_removed(&mut self, event: &Event) -> bool {
        let moved = matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
        );
        let mut disarmed = false;
        for path in event.paths.iter().filter(|_| moved) {
            if self.armed.remove(path) {
                let _ = self.watcher.unwatch(path);
                disarmed = true;
            }
        }
        disarmed
    }
}

/// Whether watching failed because the folder is not there.
fn gone(e: &notify::Error) -> bool {
    match &e.kind {
        notify::ErrorKind::PathNotFound => true,
        notify::ErrorKind::Io(io) => io.kind() == std::io::ErrorKind::NotFound,
        _ => false,
    }
}

/// Whether an event can change what a build reads (opening or reading a file cannot). A new
/// modification time counts, as it did when watch polled: `touch` asks for a rebuild.
fn matters(kind: EventKind) -> bool {
    match kind {
        EventKind::Any | EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(modify) => matches!(
            modify,
            ModifyKind::Any
                | ModifyKind::Data(_)
                | ModifyKind::Name(_)
                | ModifyKind::Metadata(MetadataKind::Any | MetadataKind::WriteTime)
        ),
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// Changes seen by looking at every file's time and size every [`POLL`].
struct Polling {
    seen: Vec<Stamp>,
}

impl Polling {
    /// Polling from the files as they are now.
    fn new(targets: &Targets) -> Polling {
        Polling { seen: stamps(targets) }
    }

    /// Waits for a file's time or size to change; `None` on Ctrl-C.
    fn wait(&mut self, woken: &Receiver<Wake>, targets: &Targets) -> Option<Changed> {
        loop {
            match woken.recv_timeout(POLL) {
                Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
                Ok(Wake::Event(_)) | Err(RecvTimeoutError::Timeout) => {}
            }
            let now = stamps(targets);
            let mut changed = Changed::default();
            for (path, _) in now.iter().filter(|stamp| !self.seen.contains(stamp)) {
                changed.add(targets.classify(path));
            }
            for (path, _) in self.seen.iter().filter(|stamp| !now.contains(stamp)) {
                changed.add(targets.classify(path));
            }
            self.seen = now;
            if changed.any() {
                // Let an editor finish writing before reading; a Ctrl-C meanwhile still stops.
                if let Ok(Wake::Stop) = woken.recv_timeout(QUIET) {
                    return None;
                }
                return Some(changed);
            }
        }
    }
}

/// A file, and its modification time and size (none while it is missing).
type Stamp = (PathBuf, Option<(SystemTime, u64)>);

/// Modification time and size of every file at or under the targets (a missing file counts
/// too: while an editor renames, the path may briefly not exist).
fn stamps(targets: &Targets) -> Vec<Stamp> {
    let mut out = Vec::new();
    for path in targets.files.iter().chain(&targets.layouts).chain(&targets.fonts) {
        collect(path, &mut out);
    }
    out
}

/// Adds the stamps of `path`, or of every file under it.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_sees_a_file_renamed_over_and_stops_at_ctrl_c() {
        let dir = std::env::temp_dir().join(format!("studypack-poll-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("layouts")).unwrap();
        std::fs::write(dir.join("me.yaml"), "a: 1\n").unwrap();
        let targets = Targets {
            given: Vec::new(),
            files: names_of(&dir.join("me.yaml")),
            layouts: names_of(&dir.join("layouts")),
            fonts: Vec::new(),
        };
        let (wake, woken) = channel();
        let mut polling = Polling::new(&targets);
        let saved = dir.clone();
        let save = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(150));
            std::fs::write(saved.join(".me.yaml.tmp"), "a: 22\n").unwrap();
            std::fs::rename(saved.join(".me.yaml.tmp"), saved.join("me.yaml")).unwrap();
        });
        assert_eq!(polling.wait(&woken, &targets), Some(Changed { inputs: true, ..Changed::default() }));
        save.join().unwrap();

        std::fs::write(dir.join("layouts/cards.typ"), "x").unwrap();
        assert_eq!(polling.wait(&woken, &targets), Some(Changed { layouts: true, ..Changed::default() }));

        wake.send(Wake::Stop).unwrap();
        assert_eq!(polling.wait(&woken, &targets), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_save_is_told_apart_from_other_files_in_its_folder() {
        let dir = std::env::temp_dir().join(format!("studypack-classify-{}", std::process::id()));
        let targets = Targets {
            given: Vec::new(),
            files: vec![dir.join("me.yaml")],
            layouts: vec![dir.join("layouts")],
            fonts: vec![dir.join("fonts")],
        };
        assert_eq!(targets.classify(&dir.join("me.yaml")), Changed { inputs: true, ..Changed::default() });
        assert_eq!(targets.classify(&dir.join(".me.yaml.swp")), Changed::default());
        assert_eq!(targets.classify(&dir.join("out/cheat-sheet.pdf")), Changed::default());
        assert_eq!(
            targets.classify(&dir.join("layouts/sub/x.typ")),
            Changed { layouts: true, ..Changed::default() }
        );
        assert_eq!(targets.classify(&dir.join("fonts/A.otf")), Changed { fonts: true, ..Changed::default() });
        assert_eq!(
            targets.roots(),
            [
                (dir.clone(), RecursiveMode::NonRecursive),
                (dir.join("layouts"), RecursiveMode::Recursive),
                (dir.join("fonts"), RecursiveMode::Recursive)
            ]
        );
    }
}
