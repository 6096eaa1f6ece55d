//! `cargo bench`: how fast studypack is, in figures. Medians of several runs, measured side
//! by side (A B A B), because the machine is noisy: compare the ratios, not the absolutes.
//!
//! Cases: the demo pack in a cold process; a watch rebuild after a one-fact edit against a
//! first build, and memory after 200 rebuilds; 100 vs 1,000 questions; 20 jobs vs 1; the
//! cheat sheet's one-page fit; and, when the `typst` CLI is installed, the same three PDFs
//! compiled by it from `studypack layouts` output. Cases needing their own peak memory run
//! in a child process of this benchmark.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};
use studypack::bank::Bank;
use studypack::pack::resolve_merged;
use studypack::profile::{self, Sources};
use studypack::render::fonts::Fonts;
use studypack::render::{Output, PrintSettings, Renderer};

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

    cold_process(&scratch);
    watch_rebuild();
    memory_over_rebuilds();
    scale(&scratch);
    jobs(&scratch);
    cheatsheet_fit();
    let _ = std::fs::remove_dir_all(&scratch);
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

/// Case 1: The demo pack, all three PDFs, a new process each time; vs the typst CLI if present.
fn cold_process(scratch: &Path) {
    let dir = scratch.join("cold");
    std::fs::create_dir_all(&dir).unwrap();
    run(&dir, BIN, &["layouts", "exported"]);
    let fonts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let typst = Command::new("typst").arg("--version").output().ok().filter(|o| o.status.success());
    let typst_run = |dir: &Path| {
        for (layout, pdf) in [("cards", "c.pdf"), ("cheatsheet", "s.pdf"), ("checklist", "k.pdf")] {
            run(
                dir,
                "typst",
                &[
                    "compile",
                    "--root",
                    "exported",
                    "--font-path",
                    fonts.to_str().unwrap(),
                    "--ignore-system-fonts",
                    &format!("exported/{layout}.typ"),
                    pdf,
                ],
            );
        }
    };
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        ours.push(time(|| run(&dir, BIN, &["build"])));
        if typst.is_some() {
            theirs.push(time(|| typst_run(&dir)));
        }
    }
    let ours = median(ours);
    println!("1. demo pack, cold process, 3 PDFs:      studypack {}", ms(ours));
    match typst {
        Some(v) => {
            let theirs = median(theirs);
            println!(
                "   typst CLI ({}) on the same layouts, data and fonts: {}  [studypack / typst = {:.2}]",
                String::from_utf8_lossy(&v.stdout).trim(),
                ms(theirs),
                ours.as_secs_f64() / theirs.as_secs_f64()
            );
        }
        None => println!("   typst CLI: not installed (cargo install typst-cli --version 0.15.1 to compare)"),
    }
}

/// A renderer and the demo pack with `churn.accuracy` set to `value`.
fn demo_with(bank: &Bank, value: &str) -> studypack::pack::Pack {
    let sources = Sources { sets: vec![format!("churn.accuracy={value}")], ..Sources::default() };
    let (merged, _) = profile::merge(bank, &sources).unwrap();
    resolve_merged(&merged[0])
}

/// Case 2: Watch: a rebuild after a one-fact edit vs a first build, both in one process.
fn watch_rebuild() {
    let bank = Bank::builtin().unwrap();
    let (mut cold, mut warm) = (Vec::new(), Vec::new());
    for i in 0..5 {
        let renderer = Renderer::new(Arc::new(Fonts::bundled()), None);
        cold.push(time(|| {
            renderer.render(&demo_with(&bank, "89%"), PrintSettings::default(), &Output::ALL).unwrap();
        }));
        let edited = format!("{}.{}%", 80 + i, i);
        warm.push(time(|| {
            renderer.render(&demo_with(&bank, &edited), PrintSettings::default(), &Output::ALL).unwrap();
        }));
        typst::comemo::evict(0);
    }
    let (cold, warm) = (median(cold), median(warm));
    println!(
        "2. watch: first build {}, rebuild after a one-fact edit {}  [rebuild / first = {:.2}]",
        ms(cold),
        ms(warm),
        warm.as_secs_f64() / cold.as_secs_f64()
    );
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
        "   memory after 200 rebuilds, comemo::evict(10) each round (as watch does): {}",
        child_output(&["rebuilds", "200", "evict"])
    );
    println!(
        "   the same without evicting:                                        {}",
        child_output(&["rebuilds", "200", "keep"])
    );
}

/// Case 3: Cue cards for a generated bank of `n` extra questions (time and peak memory).
fn scale(scratch: &Path) {
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
}

/// Case 3b: Twenty job overlays in one run vs one.
fn jobs(scratch: &Path) {
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
    for _ in 0..3 {
        a.push(time(|| run(&dir, BIN, &one)));
        b.push(time(|| run(&dir, BIN, &twenty)));
    }
    let (a, b) = (median(a), median(b));
    println!(
        "   20 job overlays in one run {}, one job {}  [20 / 1 = {:.1}]",
        ms(b),
        ms(a),
        b.as_secs_f64() / a.as_secs_f64()
    );
}

/// Case 4: The cheat sheet's one-page fit vs the checklist's single compile, a document of
/// similar weight: one process, caches cold each time.
fn cheatsheet_fit() {
    let bank = Bank::builtin().unwrap();
    let pack = demo_with(&bank, "89%");
    let (mut fit, mut single) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let renderer = Renderer::new(Arc::new(Fonts::bundled()), None);
        fit.push(time(|| {
            renderer.render(&pack, PrintSettings::default(), &[Output::Cheatsheet]).unwrap();
        }));
        typst::comemo::evict(0);
        let renderer = Renderer::new(Arc::new(Fonts::bundled()), None);
        single.push(time(|| {
            renderer.render(&pack, PrintSettings::default(), &[Output::Checklist]).unwrap();
        }));
        typst::comemo::evict(0);
    }
    let (fit, single) = (median(fit), median(single));
    println!(
        "4. cheat sheet with its one-page fit {}; checklist, one compile {}  [fit / single = {:.2}]",
        ms(fit),
        ms(single),
        fit.as_secs_f64() / single.as_secs_f64()
    );
}

/// The child process: runs one case and prints one line of figures.
fn child(args: &[String]) {
    let bank = Bank::builtin().unwrap();
    match args.first().map(String::as_str) {
        Some("rebuilds") => {
            let rounds: usize = args[1].parse().unwrap();
            let evict = args[2] == "evict";
            let renderer = Renderer::new(Arc::new(Fonts::bundled()), None);
            let mut times = Vec::new();
            for i in 0..rounds {
                let pack = demo_with(&bank, &format!("{}.{}%", 50 + i % 40, i % 10));
                times.push(time(|| {
                    renderer.render(&pack, PrintSettings::default(), &Output::ALL).unwrap();
                }));
                if evict {
                    typst::comemo::evict(10);
                }
                if i == 9 {
                    let (_, rss) = memory();
                    print!("RSS after 10: {rss} MB; ");
                }
            }
            let (peak, rss) = memory();
            println!("RSS after {rounds}: {rss} MB, peak {peak} MB, median rebuild {}", ms(median(times)));
        }
        Some("cards") => {
            let sources = Sources { profile: Some(PathBuf::from(&args[1])), ..Sources::default() };
            let (merged, _) = profile::merge(&bank, &sources).unwrap();
            let pack = resolve_merged(&merged[0]);
            let renderer = Renderer::new(Arc::new(Fonts::bundled()), None);
            let took = time(|| {
                renderer.render(&pack, PrintSettings::default(), &[Output::Cards]).unwrap();
            });
            let (peak, _) = memory();
            println!("{} cards in {}, peak RSS {peak} MB", pack.deck.len(), ms(took));
        }
        other => panic!("unknown child case {other:?}"),
    }
}
