//! `cargo bench`: how fast studypack is, in figures. Medians of several runs, measured side
//! by side (A B A B), because the machine is noisy: compare the ratios, not the absolutes.
//!
//! Cases: the demo pack in a cold process, against the typst CLI compiling the same three
//! PDFs from `studypack layouts` output; a watch rebuild after a one-fact edit against a
//! cold build, and memory after 200 rebuilds; 100 vs 1,000 questions; 20 jobs vs 1; the
//! cheat sheet's one-page fit against one compile at its size. `benches/run` installs the
//! typst CLI (into target/tools) and runs this; a bare `cargo bench` uses a `typst` on PATH
//! or in STUDYPACK_TYPST, or skips that comparison. Cases needing their own peak memory run
//! in a child process of this benchmark.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};
use studypack::bank::Bank;
use studypack::pack::resolve_merged;
use studypack::profile::{self, Sources};
use studypack::render::fonts::Fonts;
use studypack::render::memory::MEMORY_FILE;
use studypack::render::{CACHE_AGE, Output, PrintSettings, Renderer};

const BIN: &str = env!("CARGO_BIN_EXE_studypack");

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--child") {
        return child(&args[at + 1..]);
    }
    let scratch = std::env::temp_dir().join(format!("studypack-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    println!(
        "studypack benchmark ({} cores); medians, ratios in brackets\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    let mut targets = Targets::default();
    let (cold, typst) = cold_process(&scratch, &mut targets);
    watch_rebuild(&scratch, cold, typst, &mut targets);
    memory_over_rebuilds();
    scale(&scratch, &mut targets);
    jobs(&scratch, &mut targets);
    cheatsheet_fit(&mut targets);
    targets.print();
    let _ = std::fs::remove_dir_all(&scratch);
}

/// The targets of the issue on fitting outside the layout (#17), with what this run measured.
#[derive(Default)]
struct Targets(Vec<(String, String, Option<bool>)>);

impl Targets {
    /// A target, what was measured for it, and whether it is met (`None`: not measured).
    fn add(&mut self, target: &str, measured: String, met: Option<bool>) {
        self.0.push((target.to_string(), measured, met));
    }

    fn print(&self) {
        println!("\ntargets (#17):");
        for (target, measured, met) in &self.0 {
            let status = match met {
                Some(true) => "met",
                Some(false) => "NOT MET",
                None => "not measured",
            };
            println!("  {status:<12} {target}: {measured}");
        }
    }
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn time(mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn run(dir: &Path, program: &str, args: &[&str]) {
    let output = Command::new(program).args(args).current_dir(dir).output().expect("runs");
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// The typst CLI to compare with: STUDYPACK_TYPST, target/tools (where `benches/run` puts
/// it), or PATH; with its version line.
fn typst_cli() -> Option<(PathBuf, String)> {
    let tools = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tools/bin/typst");
    let candidates =
        std::env::var_os("STUDYPACK_TYPST").map(PathBuf::from).into_iter().chain([tools, "typst".into()]);
    for program in candidates {
        if let Some(out) =
            Command::new(&program).arg("--version").output().ok().filter(|o| o.status.success())
        {
            return Some((program, String::from_utf8_lossy(&out.stdout).trim().to_string()));
        }
    }
    None
}

/// Case 1: The demo pack, all four PDFs, a new process each time, alternating with the
/// typst CLI compiling the exported layouts, data and fonts into the same four PDFs.
fn cold_process(scratch: &Path, targets: &mut Targets) -> (Duration, Option<Duration>) {
    let dir = scratch.join("cold");
    std::fs::create_dir_all(&dir).unwrap();
    run(&dir, BIN, &["layouts", "exported"]);
    let typst = typst_cli();
    let typst_run = |program: &Path| {
        for (layout, pdf) in
            [("cards", "c.pdf"), ("cheatsheet", "s.pdf"), ("checklist", "k.pdf"), ("answers", "a.pdf")]
        {
            let layout = format!("exported/{layout}.typ");
            let args =
                ["compile", "--root", "exported", "--font-path", "exported/fonts", "--ignore-system-fonts"];
            run(&dir, program.to_str().unwrap(), &[&args[..], &[&layout, pdf]].concat());
        }
    };
    let memory = dir.join("out").join(MEMORY_FILE);
    let (mut first, mut rerun, mut theirs) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..9 {
        let _ = std::fs::remove_file(&memory);
        first.push(time(|| run(&dir, BIN, &["build"])));
        rerun.push(time(|| run(&dir, BIN, &["build"])));
        if let Some((program, _)) = &typst {
            theirs.push(time(|| typst_run(program)));
        }
    }
    let (first, rerun) = (median(first), median(rerun));
    println!(
        "1. demo pack, cold process, 4 PDFs: studypack {} on a first run, {} on a re-run",
        ms(first),
        ms(rerun)
    );
    println!("   (a re-run recalls the fitted sizes from out/{MEMORY_FILE})");
    let target = "demo pack, first run with no fit memory, <= 0.40x the typst CLI (empty data/sizes.json)";
    match typst {
        Some((_, version)) => {
            let theirs = median(theirs);
            let ratio = first.as_secs_f64() / theirs.as_secs_f64();
            println!(
                "   {version}, same layouts, data and fonts, 4 PDFs: {}  [studypack / typst = {ratio:.2} first run, {:.2} re-run]",
                ms(theirs),
                rerun.as_secs_f64() / theirs.as_secs_f64()
            );
            // A re-run fits nothing (every size is recalled), so it is as fast as a first run
            // could be with a free fit: the floor any fit strategy can reach.
            let floor = rerun.as_secs_f64() / theirs.as_secs_f64();
            targets.add(
                target,
                format!("{ratio:.2}x (floor, a re-run that fits nothing: {floor:.2}x)"),
                Some(ratio <= 0.40),
            );
            (first, Some(theirs))
        }
        None => {
            println!("   typst CLI: not found (benches/run installs it) — no comparison");
            targets.add(target, "no typst CLI".to_string(), None);
            (first, None)
        }
    }
}

/// A renderer and the demo pack with `churn.accuracy` set to `value`.
fn demo_with(bank: &Bank, value: &str) -> studypack::pack::Pack {
    let sources = Sources { sets: vec![format!("churn.accuracy={value}")], ..Sources::default() };
    let (merged, _) = profile::merge(bank, &sources).unwrap();
    resolve_merged(&merged[0])
}

/// Case 2: Watch: a rebuild after a one-fact edit, as `watch` does it (one renderer kept
/// across builds, after a first edit), alternating with a cold process building the same.
fn watch_rebuild(scratch: &Path, cold: Duration, typst: Option<Duration>, targets: &mut Targets) {
    let bank = Bank::builtin().unwrap();
    let dir = scratch.join("cold");
    let renderer =
        Renderer::new(Arc::new(Fonts::bundled()), None, studypack::render::BuildTime::now()).watching();
    let first = time(|| {
        renderer.render(&demo_with(&bank, "89%"), PrintSettings::default(), &Output::ALL).unwrap();
    });
    renderer.render(&demo_with(&bank, "88%"), PrintSettings::default(), &Output::ALL).unwrap();
    let (mut colds, mut warm) = (vec![cold], Vec::new());
    for i in 0..9 {
        let edited = demo_with(&bank, &format!("{}.{}%", 80 + i, i));
        warm.push(time(|| {
            renderer.render(&edited, PrintSettings::default(), &Output::ALL).unwrap();
        }));
        typst::comemo::evict(CACHE_AGE);
        if i % 2 == 0 {
            let _ = std::fs::remove_file(dir.join("out").join(MEMORY_FILE));
            colds.push(time(|| run(&dir, BIN, &["build"])));
        }
    }
    let (cold, warm) = (median(colds), median(warm));
    println!(
        "2. watch: rebuild after a one-fact edit {}; cold build (new process, first run) {}  [rebuild / cold = {:.2}]",
        ms(warm),
        ms(cold),
        warm.as_secs_f64() / cold.as_secs_f64()
    );
    println!("   (the first build inside the process: {})", ms(first));
    let target = "watch rebuild after a one-fact edit, <= 0.15x the typst CLI figure of case 1";
    match typst {
        Some(theirs) => {
            let ratio = warm.as_secs_f64() / theirs.as_secs_f64();
            println!("   rebuild / typst CLI = {ratio:.2}");
            targets.add(target, format!("{ratio:.2}x"), Some(ratio <= 0.15));
        }
        None => targets.add(target, "no typst CLI".to_string(), None),
    }
}

/// Peak and current resident memory of this process, from /proc.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (kb("VmHWM:") / 1024, kb("VmRSS:") / 1024)
}

fn child_output(args: &[&str]) -> String {
    let output = Command::new(std::env::current_exe().unwrap()).arg("--child").args(args).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// Case 2b: Memory after 200 watch rebuilds, each with a changed fact, with and without eviction.
fn memory_over_rebuilds() {
    println!(
        "   memory over 200 rebuilds, comemo::evict({CACHE_AGE}) each round (as watch does): {}",
        child_output(&["rebuilds", "200", &format!("evict{CACHE_AGE}")])
    );
    println!(
        "   the same without evicting:                                        {}",
        child_output(&["rebuilds", "200", "keep"])
    );
}

/// Case 3: Cue cards for a generated bank of `n` extra questions (time and peak memory).
fn scale(scratch: &Path, targets: &mut Targets) {
    let mut results = Vec::new();
    for n in [100, 1000] {
        let profile = scratch.join(format!("q{n}.yaml"));
        let mut text = String::from("questions:\n");
        for i in 0..n {
            text.push_str(&format!(
                "  - id: generated-{i}\n    category: technical\n    prompt: \"Generated question number {i}: how would you explain your approach?\"\n    headline: \"I explained approach {i} in one clear sentence with the impact first.\"\n    cues:\n      context: \"context of question {i}\"\n      challenge: \"the challenge in it\"\n      approach: \"what I did about it\"\n      result: \"what came of it\"\n      learning: \"what I learned\"\n"
            ));
        }
        // The demo's facts, plus the generated questions.
        let bank = Bank::builtin().unwrap();
        for fact in &bank.facts {
            text.push_str(if fact.path == bank.facts[0].path { "facts:\n" } else { "" });
            text.push_str(&format!("  {}: \"{}\"\n", fact.path, fact.example.replace('"', "\\\"")));
        }
        std::fs::write(&profile, text).unwrap();
        let line = child_output(&["cards", profile.to_str().unwrap()]);
        results.push((n, line));
    }
    for (n, line) in &results {
        println!("3. cue cards for the bank + {n} generated questions: {line}");
    }
    // The child's line: "N cards in T ms, peak RSS M MB".
    let figure = |line: &str, before: &str, after: &str| -> f64 {
        let start = line.find(before).map(|i| i + before.len()).unwrap_or(0);
        line[start..].split(after).next().unwrap_or("").trim().parse().unwrap_or(f64::NAN)
    };
    let (small, large) = (&results[0].1, &results[1].1);
    let ratio = figure(large, " in ", " ms") / figure(small, " in ", " ms");
    let peak = figure(large, "peak RSS ", " MB");
    println!("   1,000 / 100 questions: time {ratio:.1}x");
    targets.add("bank + 1,000 questions, peak RSS <= 400 MB", format!("{peak} MB"), Some(peak <= 400.0));
    targets.add(
        "bank + 1,000 questions, time <= 10x the 100-question time",
        format!("{ratio:.1}x"),
        Some(ratio <= 10.0),
    );
}

/// Case 3b: Twenty job overlays in one run vs one.
fn jobs(scratch: &Path, targets: &mut Targets) {
    let dir = scratch.join("jobs");
    std::fs::create_dir_all(&dir).unwrap();
    let mut job_args: Vec<String> = Vec::new();
    for i in 0..20 {
        let name = format!("job{i}.yaml");
        std::fs::write(
            dir.join(&name),
            format!("job:\n  company: Company {i}\n  role: ML Engineer\n  date: 2026-12-{:02}\n", i + 1),
        )
        .unwrap();
        job_args.extend(["--job".to_string(), name]);
    }
    let one: Vec<&str> = ["build"].into_iter().chain(job_args[..2].iter().map(String::as_str)).collect();
    let twenty: Vec<&str> = ["build"].into_iter().chain(job_args.iter().map(String::as_str)).collect();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    // First runs both: what one run shares between its jobs, not what it recalls.
    let memory = dir.join("out").join(MEMORY_FILE);
    for _ in 0..3 {
        let _ = std::fs::remove_file(&memory);
        a.push(time(|| run(&dir, BIN, &one)));
        let _ = std::fs::remove_file(&memory);
        b.push(time(|| run(&dir, BIN, &twenty)));
    }
    let (a, b) = (median(a), median(b));
    println!(
        "   20 job overlays in one run {}, one job {}  [20 / 1 = {:.1}]",
        ms(b),
        ms(a),
        b.as_secs_f64() / a.as_secs_f64()
    );
    let ratio = b.as_secs_f64() / a.as_secs_f64();
    targets.add("20 jobs in one run <= 6x one job", format!("{ratio:.1}x"), Some(ratio <= 6.0));
}

/// Case 4: The cheat sheet's one-page fit vs one compile at the size it chose, each in a
/// new renderer (caches cold); and the fit from the last size, as in `watch` or a second job.
fn cheatsheet_fit(targets: &mut Targets) {
    let bank = Bank::builtin().unwrap();
    let pack = demo_with(&bank, "89%");
    let settings = PrintSettings::default();
    let (mut fit, mut single, mut hinted) = (Vec::new(), Vec::new(), Vec::new());
    let mut size = 0.0;
    for i in 0..7 {
        let renderer = Renderer::new(Arc::new(Fonts::bundled()), None, studypack::render::BuildTime::now());
        fit.push(time(|| {
            let (r, _) = renderer.render(&pack, settings, &[Output::Cheatsheet]).unwrap();
            size = r[0].size.unwrap();
        }));
        // The same renderer again, with another fact: the fit starts from the last size.
        let edited = demo_with(&bank, &format!("8{i}%"));
        hinted.push(time(|| {
            renderer.render(&edited, settings, &[Output::Cheatsheet]).unwrap();
        }));
        typst::comemo::evict(0);
        let renderer = Renderer::new(Arc::new(Fonts::bundled()), None, studypack::render::BuildTime::now());
        single.push(time(|| {
            renderer.render_cheatsheet_at(&pack, settings, size).unwrap();
        }));
        typst::comemo::evict(0);
    }
    let (fit, single, hinted) = (median(fit), median(single), median(hinted));
    println!(
        "4. cheat sheet one-page fit {}; one compile at its size ({size} pt) {}  [fit / single = {:.2}]",
        ms(fit),
        ms(single),
        fit.as_secs_f64() / single.as_secs_f64()
    );
    println!(
        "   the fit starting from the last size (watch, later jobs): {}  [{:.2}]",
        ms(hinted),
        hinted.as_secs_f64() / single.as_secs_f64()
    );
    let ratio = fit.as_secs_f64() / single.as_secs_f64();
    targets.add(
        "cheat-sheet cold fit <= 2x one compile at its size",
        format!("{ratio:.2}x"),
        Some(ratio <= 2.0),
    );
}

/// The child process: runs one case and prints one line of figures.
fn child(args: &[String]) {
    let bank = Bank::builtin().unwrap();
    match args.first().map(String::as_str) {
        Some("rebuilds") => {
            let rounds: usize = args[1].parse().unwrap();
            let age: Option<usize> = args[2].strip_prefix("evict").map(|n| n.parse().expect("evictN"));
            let renderer =
                Renderer::new(Arc::new(Fonts::bundled()), None, studypack::render::BuildTime::now())
                    .watching();
            let mut times = Vec::new();
            for i in 0..rounds {
                let pack = demo_with(&bank, &format!("{}.{}%", 50 + i % 40, i % 10));
                times.push(time(|| {
                    renderer.render(&pack, PrintSettings::default(), &Output::ALL).unwrap();
                }));
                if let Some(age) = age {
                    typst::comemo::evict(age);
                }
                if [9, 49, 99].contains(&i) {
                    let (_, rss) = memory();
                    print!("RSS after {}: {rss} MB; ", i + 1);
                }
            }
            let (peak, rss) = memory();
            println!("RSS after {rounds}: {rss} MB, peak {peak} MB, median rebuild {}", ms(median(times)));
        }
        Some("cards") => {
            let sources = Sources { profile: Some(PathBuf::from(&args[1])), ..Sources::default() };
            let (merged, _) = profile::merge(&bank, &sources).unwrap();
            let pack = resolve_merged(&merged[0]);
            let renderer =
                Renderer::new(Arc::new(Fonts::bundled()), None, studypack::render::BuildTime::now());
            let took = time(|| {
                renderer.render(&pack, PrintSettings::default(), &[Output::Cards]).unwrap();
            });
            let (peak, _) = memory();
            println!("{} cards in {}, peak RSS {peak} MB", pack.deck.len(), ms(took));
        }
        other => panic!("unknown child case {other:?}"),
    }
}
