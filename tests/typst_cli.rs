//! `studypack layouts DIR` writes everything the stock typst CLI needs: compiled with
//! `typst compile --root DIR --font-path DIR/fonts --ignore-system-fonts`, the exported
//! layouts give the same pages as `studypack build` with the same options.
//!
//! Needs the typst CLI 0.15 (`typst` on PATH, or its path in STUDYPACK_TYPST); `.ci/run`
//! installs it. Without it the test says so and passes, unless STUDYPACK_REQUIRE_TYPST is
//! set, as `.ci/run` sets it.

mod common;

use common::pdf::Pdf;
use common::{Scratch, crate_dir, streams, studypack};
use std::path::PathBuf;
use std::process::Command;

/// The typst CLI to compare with, if this machine has it.
fn typst_cli() -> Option<PathBuf> {
    let program = std::env::var_os("STUDYPACK_TYPST").map_or_else(|| PathBuf::from("typst"), PathBuf::from);
    let version = Command::new(&program).arg("--version").output().ok().filter(|o| o.status.success());
    match version {
        Some(v) if String::from_utf8_lossy(&v.stdout).starts_with("typst 0.15.") => Some(program),
        found => {
            let why = match found {
                Some(v) => format!("{} is not 0.15", String::from_utf8_lossy(&v.stdout).trim()),
                None => "not found".to_string(),
            };
            assert!(
                std::env::var_os("STUDYPACK_REQUIRE_TYPST").is_none(),
                "the typst CLI is required here but {why}: install it with `cargo install typst-cli --version 0.15.1 --locked`"
            );
            eprintln!("skipped: the typst CLI is {why}; install typst-cli 0.15 to run this comparison");
            None
        }
    }
}

#[test]
fn the_typst_cli_compiles_exported_layouts_into_the_same_pages_as_build() {
    let Some(typst) = typst_cli() else { return };
    let scratch = Scratch::new("typst-cli");
    let person = crate_dir().join("tests/fixtures/person");
    let (jordan, acme) = (person.join("jordan.yaml"), person.join("acme.yaml"));
    let stock = crate_dir().join("tests/fixtures/stock/a7-cards-a4.yaml");
    let cases: [(&str, Vec<&str>); 5] = [
        ("demo", vec![]),
        (
            "acme-a6-a4",
            vec![
                "--profile",
                jordan.to_str().unwrap(),
                "--job",
                acme.to_str().unwrap(),
                "--card",
                "a6",
                "--paper",
                "a4",
            ],
        ),
        // One card to a sheet: 74 pages, which build compiles in parts of 24 pages.
        ("cardstock-short-edge", vec!["--sheet", "card", "--card", "4x6in", "--duplex", "short-edge"]),
        ("avery-5389-short-edge", vec!["--sheet", "avery-5389", "--duplex", "short-edge"]),
        ("stock-file", vec!["--stock", stock.to_str().unwrap()]),
    ];
    for (name, options) in cases {
        let dir = scratch.path(name);
        let layouts = dir.join("layouts");
        let out = dir.join("out");
        let exported =
            studypack(&scratch.0, &[&["layouts", layouts.to_str().unwrap()], &options[..]].concat());
        assert!(exported.status.success(), "{}", streams(&exported).1);
        let built =
            studypack(&scratch.0, &[&["build", "--out", out.to_str().unwrap()], &options[..]].concat());
        assert!(built.status.success(), "{}", streams(&built).1);
        for (layout, file) in [
            ("cards.typ", "cue-cards.pdf"),
            ("cheatsheet.typ", "cheat-sheet.pdf"),
            ("checklist.typ", "checklist.pdf"),
            ("answers.typ", "answers.pdf"),
        ] {
            let theirs = dir.join(format!("typst-{file}"));
            let compiled = Command::new(&typst)
                .args(["compile", "--root"])
                .arg(&layouts)
                .arg("--font-path")
                .arg(layouts.join("fonts"))
                .arg("--ignore-system-fonts")
                .arg(layouts.join(layout))
                .arg(&theirs)
                .output()
                .unwrap();
            assert!(
                compiled.status.success(),
                "{name}/{layout}: {}",
                String::from_utf8_lossy(&compiled.stderr)
            );
            // A job's pack goes to OUT/<job file stem>/.
            let pack = if options.contains(&"--job") { out.join("acme") } else { out.clone() };
            let (ours, theirs) = (Pdf::open(&pack.join(file)), Pdf::open(&theirs));
            assert_eq!(ours.pages.len(), theirs.pages.len(), "{name}/{layout}: page count");
            if name == "cardstock-short-edge" && layout == "cards.typ" {
                assert_eq!(ours.pages.len(), 74, "more than 48 pages, so compiled in parts");
            }
            for (i, (a, b)) in ours.pages.iter().zip(&theirs.pages).enumerate() {
                let page = i + 1;
                assert_eq!((a.width, a.height), (b.width, b.height), "{name}/{layout} page {page}: size");
                assert_eq!(a.text(), b.text(), "{name}/{layout} page {page}: text");
                let sizes = |p: &common::pdf::Page| p.runs.iter().map(|r| r.size).collect::<Vec<_>>();
                assert_eq!(sizes(a), sizes(b), "{name}/{layout} page {page}: text sizes");
            }
            assert_eq!(ours.title, theirs.title, "{name}/{layout}: title");
            let names = |p: &Pdf| p.fonts.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
            assert_eq!(names(&ours), names(&theirs), "{name}/{layout}: fonts");
        }
    }
}

#[test]
fn layouts_exports_one_pack_at_a_time() {
    let scratch = Scratch::new("layouts-two-jobs");
    let person = crate_dir().join("tests/fixtures/person");
    let (acme, globex) = (person.join("acme.yaml"), person.join("globex.yaml"));
    let output = studypack(
        &scratch.0,
        &["layouts", "two", "--job", acme.to_str().unwrap(), "--job", globex.to_str().unwrap()],
    );
    let (_, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        err.lines().take(3).collect::<Vec<_>>(),
        [
            format!(
                "{}:1:1: error: `layouts` writes the data of one pack, and 2 job files were given",
                globex.display()
            ),
            " |".to_string(),
            " = hint: export once per job, each into its own folder: studypack layouts DIR --job FILE"
                .to_string()
        ]
    );
    assert!(!scratch.path("two").exists(), "nothing is written");
}
