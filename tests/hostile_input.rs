//! Hostile input: every file in tests/fixtures/bad/ gives exactly the error recorded beside
//! it (`<case>.stderr`), exit code 1 (never a panic's 101), and leaves out/ as it was.
//! `*.job.yaml` cases are given as `--job`, the rest as `--profile`.

mod common;

use common::{Scratch, crate_dir, names, streams, studypack};

#[test]
fn every_bad_file_gets_its_recorded_error_and_out_is_untouched() {
    let dir = crate_dir().join("tests/fixtures/bad");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 19, "{cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_str().unwrap();
        let scratch = Scratch::new(&format!("bad-{name}"));
        std::fs::copy(case, scratch.path(name)).unwrap();
        std::fs::create_dir_all(scratch.path("out")).unwrap();
        std::fs::write(scratch.path("out/cue-cards.pdf"), b"the previous PDF").unwrap();
        let flag = if name.ends_with(".job.yaml") { "--job" } else { "--profile" };
        let output = studypack(&scratch.0, &["build", flag, name]);
        let (out, err) = streams(&output);
        let expected = std::fs::read_to_string(case.with_extension("stderr")).unwrap();
        assert!(!err.contains('\x1b'), "{name}: a piped run prints no colour codes:\n{err}");
        if output.status.code() != Some(1) || !out.is_empty() || err != expected {
            failures.push(format!(
                "{name}: exit {:?}\n--- got ---\n{out}{err}--- wanted ---\n{expected}",
                output.status.code()
            ));
        }
        assert_eq!(names(&scratch.path("out")), ["cue-cards.pdf"], "{name}: out/ was changed");
        assert_eq!(std::fs::read(scratch.path("out/cue-cards.pdf")).unwrap(), b"the previous PDF", "{name}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_50_mb_profile_is_read_in_reasonable_time() {
    let scratch = Scratch::new("big");
    let jordan = std::fs::read_to_string(crate_dir().join("tests/fixtures/person/jordan.yaml")).unwrap();
    let mut text = jordan;
    let comment = format!("  # {}\n", "x".repeat(96));
    text.push_str(&comment.repeat(52 * 1024 * 1024 / comment.len()));
    assert!(text.len() > 50 * 1024 * 1024);
    std::fs::write(scratch.path("big.yaml"), text).unwrap();
    let output = studypack(&scratch.0, &["check", "--profile", "big.yaml"]);
    assert_eq!(streams(&output), ("checked 1 pack: no problems\n".to_string(), String::new()));
}

#[test]
fn a_number_where_text_belongs_prints_as_that_text() {
    let scratch = Scratch::new("number-text");
    std::fs::write(
        scratch.path("job.yaml"),
        "job:\n  company: 42\n  role: ML Engineer\n  date: 2026-12-03\n",
    )
    .unwrap();
    let output = studypack(&scratch.0, &["build", "--only", "cheatsheet", "--job", "job.yaml"]);
    assert!(output.status.success(), "{}", streams(&output).1);
    let text = common::pdf::squeeze(&common::pdf::Pdf::open(&scratch.path("out/job/cheat-sheet.pdf")).text());
    assert!(text.contains("42·MLEngineer"), "the company 42 is not in the header");
}

#[cfg(target_os = "linux")]
#[test]
fn output_faults_and_unreadable_files_are_named() {
    let scratch = Scratch::new("faults");
    // A folder that cannot be created (root may write anywhere, but not into /proc).
    let output = studypack(&scratch.0, &["build", "--out", "/proc/studypack-out"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        streams(&output).1,
        "error: cannot create the output folder `/proc/studypack-out`: No such file or directory (os error 2)\n"
    );
    // --out naming a file.
    std::fs::write(scratch.path("afile"), b"mine").unwrap();
    let output = studypack(&scratch.0, &["build", "--out", "afile"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(streams(&output).1, "error: `afile` is a file, not a folder; give --out a folder\n");
    assert_eq!(std::fs::read(scratch.path("afile")).unwrap(), b"mine");
    // A file that exists but cannot be read.
    let output = studypack(&scratch.0, &["build", "--profile", "/proc/self/mem"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        streams(&output).1,
        "/proc/self/mem:1:1: error: cannot be read (Input/output error (os error 5))\n |\n = hint: check the path\n"
    );
}

#[test]
fn errors_piped_or_with_no_color_have_no_colour_codes() {
    let scratch = Scratch::new("no-colour");
    std::fs::copy(crate_dir().join("tests/fixtures/bad/yaml-tags.yaml"), scratch.path("tags.yaml")).unwrap();
    for no_color in [None, Some("1")] {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_studypack"));
        command.args(["check", "--profile", "tags.yaml"]).current_dir(&scratch.0);
        match no_color {
            Some(v) => command.env("NO_COLOR", v),
            None => command.env_remove("NO_COLOR"),
        };
        let output = command.output().unwrap();
        let (_, err) = streams(&output);
        assert_eq!(output.status.code(), Some(1));
        assert!(err.starts_with("tags.yaml:2:19: error: `aGVsbG8=` is not a percent value"), "{err}");
        assert!(!err.contains('\x1b'), "NO_COLOR={no_color:?}: {err}");
    }
}
