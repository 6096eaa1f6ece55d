//! Own layouts and fonts, and live rebuilding: exported layouts are used once edited,
//! layouts cannot reach outside their folder, added fonts are embedded, `watch` rebuilds
//! on a save (in place, renamed over, or of a file that comes later), survives a broken one
//! and recovers, leaves PDFs whose bytes did not change alone, and stops at a second Ctrl-C.

mod common;

use common::pdf::{Pdf, squeeze};
use common::{Scratch, crate_dir, names, streams, studypack};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[test]
fn exported_layouts_once_edited_are_used() {
    let scratch = Scratch::new("export");
    let output = studypack(&scratch.0, &["layouts", "mine"]);
    assert!(output.status.success(), "{}", streams(&output).1);
    for name in [
        "theme.typ",
        "common.typ",
        "data.typ",
        "cards.typ",
        "cheatsheet.typ",
        "checklist.typ",
        "data/pack.json",
        "data/print.json",
        "data/fit.json",
        "data/sizes.json",
        "data/guesses.json",
        "fonts/Inter-Regular.otf",
        "fonts/Inter-LICENSE.txt",
        "fonts/NotoColorEmoji.ttf",
        "fonts/NotoColorEmoji-LICENSE.txt",
    ] {
        assert!(scratch.path("mine").join(name).is_file(), "{name} was not written");
    }
    let theme = scratch.path("mine/theme.typ");
    let text = std::fs::read_to_string(&theme).unwrap();
    assert!(text.contains("#let accent = rgb(\"#1d5fa8\")"));
    std::fs::write(&theme, text.replace("#let accent = rgb(\"#1d5fa8\")", "#let accent = rgb(\"#ff0000\")"))
        .unwrap();
    let sheet = scratch.path("mine/cheatsheet.typ");
    let text = std::fs::read_to_string(&sheet).unwrap();
    std::fs::write(&sheet, text.replace("[Interview cheat sheet]", "[Night-before sheet]")).unwrap();

    let output = studypack(&scratch.0, &["build", "--only", "cheatsheet", "--layouts", "mine"]);
    assert!(output.status.success(), "{}", streams(&output).1);
    let pdf = Pdf::open(&scratch.path("out/cheat-sheet.pdf"));
    assert!(pdf.text().contains("Night-before sheet"), "the edited layout was not used");
    assert!(pdf.pages[0].fills.contains(&(1.0, 0.0, 0.0)), "the edited accent colour was not used");

    let builtin = studypack(&scratch.0, &["build", "--only", "cheatsheet", "--out", "plain"]);
    assert!(builtin.status.success());
    let plain = Pdf::open(&scratch.path("plain/cheat-sheet.pdf"));
    assert!(!plain.pages[0].fills.contains(&(1.0, 0.0, 0.0)));

    let again = studypack(&scratch.0, &["layouts", "mine"]);
    let (_, err) = streams(&again);
    assert_eq!(again.status.code(), Some(1));
    assert!(err.contains("= hint: studypack never overwrites your layouts; choose an empty folder"), "{err}");
}

fn layout_error(scratch: &Scratch, name: &str, source: &str) -> String {
    let dir = scratch.path(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("checklist.typ"), source).unwrap();
    let output = studypack(&scratch.0, &["build", "--only", "checklist", "--layouts", name]);
    let (out, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    assert!(!scratch.path("out").exists());
    err
}

#[test]
fn a_layout_cannot_read_outside_its_folder_or_fetch_packages() {
    let scratch = Scratch::new("confined");
    let err = layout_error(&scratch, "abs", "#read(\"/etc/hostname\")\n");
    assert_eq!(
        err,
        "abs/checklist.typ:1:7: error: file not found (searched at abs/etc/hostname)\n  |\n1 | #read(\"/etc/hostname\")\n  |       ^^^^^^^^^^^^^^^\n"
    );
    let err = layout_error(&scratch, "up", "#read(\"../x\")\n");
    assert_eq!(
        err,
        "up/checklist.typ:1:7: error: path `\"../x\"` would escape the project root\n  |\n1 | #read(\"../x\")\n  |       ^^^^^^\n  |\n  = hint: cannot access files outside of the project sandbox\n  = hint: a layout reads files only inside its own folder\n"
    );
    let err = layout_error(&scratch, "pkg", "#import \"@preview/cetz:0.3.0\": canvas\n");
    assert!(err.starts_with("pkg/checklist.typ:1:9: error: failed to load file (package @preview/cetz:0.3.0 is not available: studypack never downloads anything; copy the files you need into your layouts folder)"), "{err}");
    #[cfg(unix)]
    {
        // A symlink inside the folder that points outside it is refused too.
        let dir = scratch.path("link");
        std::fs::create_dir_all(&dir).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", dir.join("host.txt")).unwrap();
        std::fs::write(dir.join("checklist.typ"), "#read(\"host.txt\")\n").unwrap();
        let output = studypack(&scratch.0, &["build", "--only", "checklist", "--layouts", "link"]);
        let (_, err) = streams(&output);
        assert_eq!(output.status.code(), Some(1));
        assert!(
            err.starts_with("link/checklist.typ:1:7: error: failed to load file (access denied)"),
            "{err}"
        );
    }
}

fn serif_layouts(scratch: &Scratch) {
    let dir = scratch.path("serif");
    std::fs::create_dir_all(&dir).unwrap();
    let theme = std::fs::read_to_string(crate_dir().join("layouts/theme.typ")).unwrap();
    let serif = theme.replace("#let card-font = (\"Inter\",", "#let card-font = (\"DejaVu Serif\",");
    assert_ne!(serif, theme);
    std::fs::write(dir.join("theme.typ"), serif).unwrap();
}

#[test]
fn a_font_from_font_path_is_embedded_when_a_layout_names_it() {
    let scratch = Scratch::new("font-path");
    serif_layouts(&scratch);
    let fonts = crate_dir().join("tests/fixtures/fonts");
    let fonts = fonts.to_str().unwrap();
    let output =
        studypack(&scratch.0, &["build", "--only", "checklist", "--layouts", "serif", "--font-path", fonts]);
    assert!(output.status.success(), "{}", streams(&output).1);
    let pdf = Pdf::open(&scratch.path("out/checklist.pdf"));
    let serif = pdf.fonts.iter().find(|f| f.name == "DejaVuSerif").expect("DejaVu Serif is used");
    assert!(serif.embedded);

    // The same through STUDYPACK_FONT_PATHS.
    let output = Command::new(env!("CARGO_BIN_EXE_studypack"))
        .args(["build", "--only", "checklist", "--layouts", "serif", "--out", "env"])
        .current_dir(&scratch.0)
        .env("STUDYPACK_FONT_PATHS", fonts)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(Pdf::open(&scratch.path("env/checklist.pdf")).fonts.iter().any(|f| f.name == "DejaVuSerif"));

    // Without it, the font is not there: Typst falls back to a bundled one and says so.
    let output =
        studypack(&scratch.0, &["build", "--only", "checklist", "--layouts", "serif", "--out", "none"]);
    let (_, err) = streams(&output);
    assert!(err.contains("warning: unknown font family: dejavu serif"), "{err}");
    assert!(!Pdf::open(&scratch.path("none/checklist.pdf")).fonts.iter().any(|f| f.name == "DejaVuSerif"));

    let listing = studypack(&scratch.0, &["fonts", "--font-path", fonts]);
    let (out, _) = streams(&listing);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert!(
        lines.iter().any(|l| l.starts_with("DejaVu Serif") && l.ends_with(&format!("1 face    {fonts}"))),
        "{out}"
    );
    assert!(lines.iter().any(|l| l.starts_with("Inter ") && l.ends_with("4 faces   bundled")), "{out}");
}

/// A running `studypack watch`, with its output lines arriving on a channel.
struct Watch {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
}

impl Watch {
    fn start(dir: &std::path::Path, args: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_studypack"))
            .arg("watch")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        Watch { child, lines }
    }

    /// Waits (up to a minute) for a line starting with `prefix`; returns every line seen.
    fn until(&self, prefix: &str) -> Vec<String> {
        self.until_all(&[&|l: &str| l.starts_with(prefix)])
    }

    /// Waits for the next `rebuilt` line and the line of the one file, `file`, after it;
    /// returns that line and how long after `saved` the rebuild started (the wait, less the
    /// build's own time).
    fn rebuilt(&self, saved: Instant, file: &str) -> (String, u128) {
        let seen = self.until("rebuilt 1 file in ");
        let waited = saved.elapsed().as_millis();
        let line = seen.last().unwrap();
        let build: u128 = line["rebuilt 1 file in ".len()..].trim_end_matches(" ms").parse().unwrap();
        let line = self.until(&format!("  {file}")).pop().unwrap();
        (line, waited - build.min(waited))
    }

    /// Asserts that no build starts for `span` (one save gives one rebuild); warnings on
    /// standard error may still be arriving.
    fn no_build_for(&self, span: Duration) {
        let deadline = Instant::now() + span;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with("rebuilt ") || line.starts_with("build failed ") => {
                    panic!("one save gave more than one build; then came: {line}")
                }
                Ok(_) => {}
                Err(_) => return,
            }
        }
    }

    /// Waits (up to a minute) until every test has matched a line, in any order: standard
    /// output and standard error arrive on separate pipes, so their order is not kept.
    fn until_all(&self, tests: &[&dyn Fn(&str) -> bool]) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        let mut matched = vec![false; tests.len()];
        while Instant::now() < deadline {
            match self.lines.recv_timeout(Duration::from_millis(200)) {
                Ok(line) => {
                    for (test, hit) in tests.iter().zip(matched.iter_mut()) {
                        *hit |= test(&line);
                    }
                    seen.push(line);
                    if matched.iter().all(|m| *m) {
                        return seen;
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    panic!("watch ended before every expected line came; saw:\n{}", seen.join("\n"))
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
            }
        }
        panic!("not every expected line came; saw:\n{}", seen.join("\n"));
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_rebuilds_on_save_keeps_the_last_good_pdf_and_recovers() {
    let scratch = Scratch::new("watch");
    let profile = scratch.path("me.yaml");
    let jordan = std::fs::read_to_string(crate_dir().join("tests/fixtures/person/jordan.yaml")).unwrap();
    std::fs::write(&profile, &jordan).unwrap();
    let watch = Watch::start(&scratch.0, &["--profile", "me.yaml", "--only", "cheatsheet"]);
    watch.until("built 1 file in ");
    let pdf = scratch.path("out/cheat-sheet.pdf");
    assert!(squeeze(&Pdf::open(&pdf).text()).contains("90.5%"));

    // An edit: the new value is in the re-written PDF, soon after the save.
    let saved = Instant::now();
    std::fs::write(&profile, jordan.replace("    accuracy: 90.5%", "    accuracy: 91.7%")).unwrap();
    let (_, reaction) = watch.rebuilt(saved, "out/cheat-sheet.pdf");
    eprintln!("the rebuild started {reaction} ms after the save");
    assert!(reaction < 1000, "the rebuild started {reaction} ms after the save");
    let good = std::fs::read(&pdf).unwrap();
    assert!(squeeze(&Pdf::open(&pdf).text()).contains("91.7%"));

    // A broken save: the error, and the last good PDF untouched.
    std::fs::write(&profile, format!("{jordan}facts: [\n")).unwrap();
    watch.until_all(&[&|l: &str| l.starts_with("build failed in "), &|l: &str| {
        l.starts_with("me.yaml:") && l.contains(": error: ")
    }]);
    assert!(std::fs::read(&pdf).unwrap() == good, "the last good PDF was changed");

    // The fix, saved the way VS Code does (a new file renamed over the old one): one rebuild.
    let temp = scratch.path(".me.yaml.swp");
    let fixed = jordan.replace("    accuracy: 90.5%", "    accuracy: 92.9%");
    std::fs::write(&temp, &fixed).unwrap();
    let saved = Instant::now();
    std::fs::rename(&temp, &profile).unwrap();
    let (file, reaction) = watch.rebuilt(saved, "out/cheat-sheet.pdf");
    eprintln!("after a rename over the file, the rebuild started {reaction} ms after the save");
    assert!(file.starts_with("  out/cheat-sheet.pdf  1 page  "), "{file}");
    watch.no_build_for(Duration::from_millis(600));
    assert!(squeeze(&Pdf::open(&pdf).text()).contains("92.9%"));

    // Saved the way vim may: the file moved aside, so briefly missing, a new one written,
    // the old one removed. One rebuild, from the new file, and no failed one in between.
    let backup = scratch.path("me.yaml~");
    std::fs::rename(&profile, &backup).unwrap();
    std::thread::sleep(Duration::from_millis(5));
    std::fs::write(&profile, jordan.replace("    accuracy: 90.5%", "    accuracy: 93.1%")).unwrap();
    std::fs::remove_file(&backup).unwrap();
    let (file, _) = watch.rebuilt(Instant::now(), "out/cheat-sheet.pdf");
    assert!(file.starts_with("  out/cheat-sheet.pdf  1 page  "), "{file}");
    watch.no_build_for(Duration::from_millis(600));
    assert!(squeeze(&Pdf::open(&pdf).text()).contains("93.1%"));

    // The same bytes saved again: a rebuild that leaves the PDF as it was, time and all.
    let before = identity(&pdf);
    let memory = identity(&scratch.path("out/.studypack-fit.json"));
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&profile, std::fs::read(&profile).unwrap()).unwrap();
    let (file, _) = watch.rebuilt(Instant::now(), "out/cheat-sheet.pdf");
    assert!(file.starts_with("  out/cheat-sheet.pdf (unchanged)  1 page  "), "{file}");
    assert_eq!(identity(&pdf), before, "an unchanged PDF was written again");
    assert_eq!(identity(&scratch.path("out/.studypack-fit.json")), memory);

    // Ctrl-C: a clean stop, nothing half-written left behind.
    #[cfg(unix)]
    {
        let status = Command::new("kill").args(["-INT", &watch.child.id().to_string()]).status().unwrap();
        assert!(status.success());
        watch.until("stopped");
        let leftovers = names(&scratch.path("out"));
        assert_eq!(leftovers, [".studypack-fit.json", "cheat-sheet.pdf"], "{leftovers:?}");
    }
}

/// A file's identity (its inode, where there is one) and modification time: a file written
/// again, or renamed over, changes one or both.
fn identity(path: &std::path::Path) -> (u64, std::time::SystemTime) {
    let meta = std::fs::metadata(path).unwrap();
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    (inode, meta.modified().unwrap())
}

#[test]
fn watch_rebuilds_on_a_layout_edit_and_on_a_job_file_that_comes_later() {
    let scratch = Scratch::new("watch-later");
    let output = studypack(&scratch.0, &["layouts", "mine"]);
    assert!(output.status.success(), "{}", streams(&output).1);
    // The job's folder does not exist yet: nothing can be built, and watching goes on.
    let watch =
        Watch::start(&scratch.0, &["--only", "cheatsheet", "--layouts", "mine", "--job", "jobs/acme.yaml"]);
    watch.until("build failed in ");
    std::fs::create_dir(scratch.path("jobs")).unwrap();
    std::fs::copy(crate_dir().join("tests/fixtures/person/acme.yaml"), scratch.path("jobs/acme.yaml"))
        .unwrap();
    let (file, _) = watch.rebuilt(Instant::now(), "out/acme/cheat-sheet.pdf");
    assert!(file.starts_with("  out/acme/cheat-sheet.pdf  1 page  "), "{file}");
    let pdf = scratch.path("out/acme/cheat-sheet.pdf");
    assert!(squeeze(&Pdf::open(&pdf).text()).contains("ELEVATORPITCH"));

    // A layout edited (renamed over, in the layouts folder): the next build uses it.
    let sheet = scratch.path("mine/cheatsheet.typ");
    let text = std::fs::read_to_string(&sheet).unwrap();
    let temp = scratch.path("mine/.cheatsheet.typ.tmp");
    assert!(text.contains("== Elevator pitch"));
    std::fs::write(&temp, text.replace("== Elevator pitch", "== Opening pitch")).unwrap();
    std::fs::rename(&temp, &sheet).unwrap();
    let (file, _) = watch.rebuilt(Instant::now(), "out/acme/cheat-sheet.pdf");
    assert!(file.starts_with("  out/acme/cheat-sheet.pdf  1 page  "), "{file}");
    let text = squeeze(&Pdf::open(&pdf).text());
    assert!(text.contains("OPENINGPITCH") && !text.contains("ELEVATORPITCH"), "{text}");
}

#[test]
fn watch_embeds_a_font_added_to_a_font_folder() {
    let scratch = Scratch::new("watch-font");
    serif_layouts(&scratch);
    std::fs::create_dir_all(scratch.path("my-fonts")).unwrap();
    let watch =
        Watch::start(&scratch.0, &["--only", "checklist", "--layouts", "serif", "--font-path", "my-fonts"]);
    watch.until_all(&[&|l: &str| l.starts_with("built 1 file in "), &|l: &str| {
        l.contains("warning: unknown font family: dejavu serif")
    }]);
    let pdf = scratch.path("out/checklist.pdf");
    assert!(!Pdf::open(&pdf).fonts.iter().any(|f| f.name == "DejaVuSerif"));

    // The font, copied in beside the folder and moved into it (so it arrives whole).
    let font = scratch.path("DejaVuSerif.ttf");
    std::fs::copy(crate_dir().join("tests/fixtures/fonts/DejaVuSerif.ttf"), &font).unwrap();
    std::fs::rename(&font, scratch.path("my-fonts/DejaVuSerif.ttf")).unwrap();
    let (file, _) = watch.rebuilt(Instant::now(), "out/checklist.pdf");
    assert!(file.starts_with("  out/checklist.pdf  1 page  "), "{file}");
    let serif = Pdf::open(&pdf).fonts.into_iter().find(|f| f.name == "DejaVuSerif");
    assert!(serif.expect("the added font is used").embedded);
}

#[cfg(unix)]
#[test]
fn a_second_ctrl_c_stops_watch_at_once() {
    let scratch = Scratch::new("watch-twice");
    // A checklist that takes seconds to lay out, so the first build is still running.
    let dir = scratch.path("slow");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("checklist.typ"),
        "#set document(title: \"slow\")\n#{\n  let n = 0\n  for i in range(6000000) { n += 1 }\n  [#n]\n}\n",
    )
    .unwrap();
    let mut watch = Watch::start(&scratch.0, &["--only", "checklist", "--layouts", "slow"]);
    watch.until("watching ");
    std::thread::sleep(Duration::from_millis(300));
    let interrupt = || {
        let status = Command::new("kill").args(["-INT", &watch.child.id().to_string()]).status().unwrap();
        assert!(status.success());
    };
    interrupt();
    std::thread::sleep(Duration::from_millis(100));
    let second = Instant::now();
    interrupt();
    let status = loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            break status;
        }
        assert!(second.elapsed() < Duration::from_secs(2), "watch still runs 2 s after a second Ctrl-C");
        std::thread::sleep(Duration::from_millis(10));
    };
    let stopped = second.elapsed().as_millis();
    eprintln!("watch stopped {stopped} ms after the second Ctrl-C");
    assert_eq!(status.code(), Some(130));
    // Every line it printed (the channel ends when both pipes are closed).
    let lines: Vec<String> =
        std::iter::from_fn(|| watch.lines.recv_timeout(Duration::from_secs(10)).ok()).collect();
    assert!(lines.iter().any(|l| l == "stopped at once"), "{lines:?}");
    assert!(
        !lines.iter().any(|l| l.starts_with("built ") || l == "stopped"),
        "the build was waited for: {lines:?}"
    );
}

#[test]
fn runaway_layouts_end_with_a_clear_error() {
    let scratch = Scratch::new("runaway");
    let err = layout_error(&scratch, "loop", "#let i = 0\n#while i >= 0 { i += 1 }\n");
    assert!(err.starts_with("loop/checklist.typ:2:2: error: loop seems to be infinite"), "{err}");
    let err = layout_error(&scratch, "rec", "#let f(n) = f(n + 1)\n#f(0)\n");
    assert!(err.starts_with("rec/checklist.typ:1:13: error: maximum function call depth exceeded"), "{err}");
    let err =
        layout_error(&scratch, "pages", "#set document(title: \"t\")\n#for i in range(10000) { page[#i] }\n");
    assert_eq!(
        err,
        "error: checklist.typ makes 10000 pages; studypack refuses more than 2000\n |\n = hint: a layout that loops over pages by mistake is the usual cause; check its page breaks\n"
    );
}

/// The demo pack with `sets` applied (`path=value`), and with the job file `job` if given.
fn demo_with(sets: &[&str], job: Option<&str>) -> studypack::pack::Pack {
    use studypack::profile::{Sources, merge};
    let bank = studypack::bank::Bank::builtin().unwrap();
    let jobs = job.map(|j| crate_dir().join("tests/fixtures/person").join(j)).into_iter().collect();
    let sources =
        Sources { sets: sets.iter().map(ToString::to_string).collect(), jobs, ..Sources::default() };
    let (merged, _) = merge(&bank, &sources).unwrap_or_else(|e| panic!("{e}"));
    studypack::pack::resolve_merged(&merged[0])
}

#[test]
fn remembered_card_sizes_give_the_same_pdfs_as_fitting_afresh() {
    use studypack::render::impose::CardSize;
    use studypack::render::{Output, PrintSettings, Renderer, fonts::Fonts};
    let fonts = std::sync::Arc::new(Fonts::bundled());
    // The PDF, the faces fitted in this render, and of those the ones set at a guessed size
    // (the size the face in the same place had in the last build, or one the probes
    // predicted) rather than measured by the layout.
    let cards = |renderer: &Renderer, pack: &studypack::pack::Pack, settings: PrintSettings| {
        let (mut rendered, _) =
            renderer.render(pack, settings, &[Output::Cards]).unwrap_or_else(|e| panic!("{e}"));
        let r = rendered.remove(0);
        (r.pdf, r.faces_measured, r.faces_guessed)
    };
    let fresh = |pack: &studypack::pack::Pack, settings: PrintSettings| {
        cards(&Renderer::new(fonts.clone(), None, studypack::render::BuildTime::now()), pack, settings)
    };
    let demo = demo_with(&[], None);
    let faces = demo.deck.len() * 2;
    let renderer = Renderer::new(fonts.clone(), None, studypack::render::BuildTime::now());
    let default = PrintSettings::default();

    let (first, measured, guessed) = cards(&renderer, &demo, default);
    assert_eq!(
        (measured, guessed),
        (faces, 0),
        "a first build measures every face, with nothing to guess from"
    );
    let (again, measured, _) = cards(&renderer, &demo, default);
    assert_eq!(measured, 0, "an unchanged pack measures nothing");
    assert!(again == first, "the same pack, from remembered sizes, gives other bytes");

    // A one-fact edit fits the faces that show the fact, and only those, each at the size
    // its face had, checked by probes.
    let edited = demo_with(&["churn.accuracy=81.3%"], None);
    let (rebuilt, measured, guessed) = cards(&renderer, &edited, default);
    assert!(
        measured > 0 && measured < faces / 2,
        "{measured} of {faces} faces measured after a one-fact edit"
    );
    assert_eq!(guessed, measured, "after a one-fact edit, a face was measured inside the layout");
    let (afresh, _, _) = fresh(&edited, default);
    assert!(rebuilt == afresh, "a rebuild from remembered sizes differs from a fresh build");

    // Another job: the cards' own text is the same, the footers name another company.
    let job = demo_with(&[], Some("acme.yaml"));
    let (from_memory, _, _) = cards(&renderer, &job, default);
    assert!(from_memory == fresh(&job, default).0, "a job pack from remembered sizes differs");

    // Smaller cards give every face other space: everything is measured again (sizes on
    // other cards are no guesses).
    let a7 = PrintSettings { card: CardSize::A7, ..default };
    let (small, measured, guessed) = cards(&renderer, &demo, a7);
    assert_eq!((measured, guessed), (faces, 0), "faces on smaller cards reuse sizes fitted for larger ones");
    assert!(small == fresh(&demo, a7).0);

    // The next run recalls them from the output folder, with the same fonts only.
    let scratch = Scratch::new("recall");
    let memory = scratch.path(".studypack-fit.json");
    renderer.remember(&memory).unwrap();
    let next = Renderer::new(fonts.clone(), None, studypack::render::BuildTime::now());
    next.recall(&memory);
    let (recalled, measured, _) = cards(&next, &demo, a7);
    assert_eq!(measured, 0, "a run recalling the last one's sizes measured again");
    assert!(recalled == small);
    // A run with other numbers tries each changed face at the size its place had.
    let again = Renderer::new(fonts.clone(), None, studypack::render::BuildTime::now());
    again.recall(&memory);
    let (edited_small, measured, guessed) = cards(&again, &edited, a7);
    assert!(measured > 0 && guessed == measured, "{guessed} of {measured} faces guessed in a new run");
    assert!(edited_small == fresh(&edited, a7).0);
    let more_fonts = Fonts::new(&[crate_dir().join("tests/fixtures/fonts")], false);
    let other = Renderer::new(std::sync::Arc::new(more_fonts), None, studypack::render::BuildTime::now());
    other.recall(&memory);
    assert_eq!(cards(&other, &demo, a7).1, faces, "sizes fitted with other fonts were recalled");
}

#[test]
fn a_rerun_recalls_the_last_fit_and_prints_the_same_pdfs_and_a_broken_memory_is_ignored() {
    let scratch = Scratch::new("rerun");
    let build = || {
        let output = studypack(&scratch.0, &["build"]);
        assert!(output.status.success(), "{}", streams(&output).1);
        ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf"]
            .map(|f| std::fs::read(scratch.path("out").join(f)).unwrap())
    };
    let first = build();
    let memory = scratch.path("out/.studypack-fit.json");
    let text = std::fs::read_to_string(&memory).expect("the fit is remembered in the output folder");
    assert!(text.contains("\"cheatsheet\":7.25"), "{}", &text[..200.min(text.len())]);
    assert!(build() == first, "a run from the remembered fit printed other PDFs");
    for broken in ["", "{not json", "{\"fingerprint\":\"0\",\"cheatsheet\":10.0,\"cards\":[]}"] {
        std::fs::write(&memory, broken).unwrap();
        assert!(build() == first, "a broken or foreign memory ({broken:?}) changed the PDFs");
        assert!(std::fs::read_to_string(&memory).unwrap().contains("\"cheatsheet\":7.25"), "not rewritten");
    }
}

#[test]
fn watch_exports_again_only_the_documents_an_edit_changed() {
    use studypack::render::{BuildTime, Output, PrintSettings, Renderer, fonts::Fonts};
    let fonts = std::sync::Arc::new(Fonts::bundled());
    let render = |renderer: &Renderer, pack: &studypack::pack::Pack| {
        let (rendered, _) =
            renderer.render(pack, PrintSettings::default(), &Output::ALL).unwrap_or_else(|e| panic!("{e}"));
        rendered.into_iter().map(|r| (r.output, r.pdf, r.reused)).collect::<Vec<_>>()
    };
    let reused = |rendered: &[(Output, Vec<u8>, bool)]| {
        rendered.iter().filter(|r| r.2).map(|r| r.0.file_name()).collect::<Vec<_>>()
    };
    let watch = Renderer::new(fonts.clone(), None, BuildTime::now()).watching();
    let demo = demo_with(&[], None);
    let first = render(&watch, &demo);
    assert_eq!(first.len(), 4, "four PDFs");
    assert_eq!(reused(&first), Vec::<&str>::new(), "a first build reused a PDF");
    // The cards of a second build are the same pages, but each face's size is marked as
    // remembered rather than measured: that document is made again, and from then on reused.
    let second = render(&watch, &demo);
    assert_eq!(reused(&second), ["cheat-sheet.pdf", "checklist.pdf", "answers.pdf"]);
    let again = render(&watch, &demo);
    assert_eq!(reused(&again), ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf", "answers.pdf"]);
    assert!(again.iter().zip(&first).all(|(a, f)| a.1 == f.1), "a reused PDF differs from the first");

    // The size of the random forest model is told only in the full answers.
    let edited = demo_with(&["churn.rf_model_size=987MB"], None);
    let rebuilt = render(&watch, &edited);
    assert_eq!(reused(&rebuilt), ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf"]);
    let scratch = Scratch::new("reuse");
    std::fs::write(scratch.path("answers.pdf"), &rebuilt[3].1).unwrap();
    let answers = Pdf::open(&scratch.path("answers.pdf"));
    assert!(squeeze(&answers.text()).contains("987MB"), "the answers do not show the edit");
    let fresh = render(&Renderer::new(fonts.clone(), None, BuildTime::now()), &edited);
    assert_eq!(reused(&fresh), Vec::<&str>::new(), "a renderer outside watch reused a PDF");
    for (r, f) in rebuilt.iter().zip(&fresh) {
        assert!(r.1 == f.1, "{} of a watch rebuild differs from a fresh build", r.0.file_name());
    }
}

#[test]
fn faces_set_at_a_wrong_guess_are_fitted_again_to_the_pages_measuring_makes() {
    use studypack::render::{BuildTime, Output, PrintSettings, Renderer, fonts::Fonts};
    let fonts = std::sync::Arc::new(Fonts::bundled());
    let cards = |renderer: &Renderer, pack: &studypack::pack::Pack| {
        let (mut rendered, _) = renderer
            .render(pack, PrintSettings::default(), &[Output::Cards])
            .unwrap_or_else(|e| panic!("{e}"));
        let r = rendered.remove(0);
        (r.pdf, r.faces_measured, r.faces_guessed)
    };
    let fresh =
        |pack: &studypack::pack::Pack| cards(&Renderer::new(fonts.clone(), None, BuildTime::now()), pack).0;
    let renderer = Renderer::new(fonts.clone(), None, BuildTime::now());
    let demo = demo_with(&[], None);
    let (first, _, _) = cards(&renderer, &demo);
    // The client's name is in a headline and its cues: at the size those faces had, a long
    // name overflows, so their guesses are too large and are tried again lower.
    let long = demo_with(
        &[
            "churn.client=regional telecommunications, broadband and streaming provider with four million subscribers",
        ],
        None,
    );
    let (pdf, measured, guessed) = cards(&renderer, &long);
    assert!(measured > 0 && guessed == measured, "{guessed} of {measured} faces guessed with a long name");
    assert!(pdf == fresh(&long), "faces fitted from guesses too large differ from measuring them");
    // Back to the short name: now the guesses are too small, and are tried again higher.
    let (pdf, measured, guessed) = cards(&renderer, &demo);
    assert!(measured > 0 && guessed == measured, "{guessed} of {measured} faces guessed with a short name");
    assert!(pdf == first, "faces fitted from guesses too small differ from measuring them");
}
