//! A newcomer's first hour: the stumbles found by trying studypack as a new user, each as
//! the behaviour they should have met.

mod common;

use common::pdf::{Pdf, squeeze};
use common::{Scratch, crate_dir, names, streams, studypack};
use std::process::{Command, Stdio};

fn jordan() -> String {
    std::fs::read_to_string(crate_dir().join("tests/fixtures/person/jordan.yaml")).unwrap()
}

#[test]
fn the_profile_init_wrote_is_used_and_the_demo_says_it_is_the_demo() {
    let scratch = Scratch::new("default-profile");
    let output = studypack(&scratch.0, &["build", "--only", "checklist"]);
    let (out, _) = streams(&output);
    assert!(
        out.lines().last().unwrap().contains("; no profile, so this is the demo persona, Alex Morgan"),
        "{out}"
    );
    std::fs::write(scratch.path("profile.yaml"), jordan()).unwrap();
    let output = studypack(&scratch.0, &["build", "--only", "checklist"]);
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        out.lines()
            .last()
            .unwrap()
            .ends_with("; using profile.yaml from this folder (--profile FILE uses another)"),
        "{out}"
    );
    let text = squeeze(&Pdf::open(&scratch.path("out/checklist.pdf")).text());
    assert!(text.contains("JordanLee") && !text.contains("AlexMorgan"), "the found profile was not used");
    let output = studypack(&scratch.0, &["check"]);
    assert_eq!(
        streams(&output).0,
        "checked 1 pack: no problems; using profile.yaml from this folder (--profile FILE uses another)\n"
    );
}

#[test]
fn a_fact_set_twice_in_one_file_is_an_error_at_the_second() {
    let scratch = Scratch::new("set-twice");
    std::fs::write(scratch.path("me.yaml"), format!("{}  churn.accuracy: 91%\n", jordan())).unwrap();
    let output = studypack(&scratch.0, &["check", "--profile", "me.yaml"]);
    let (_, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let line = jordan().lines().count() + 1;
    assert!(
        err.contains(&format!("me.yaml:{line}:19: error: `churn.accuracy` is set twice in this file")),
        "{err}"
    );
    assert!(err.contains("= hint: it is also set at line "), "{err}");
}

#[test]
fn an_empty_select_is_refused() {
    let scratch = Scratch::new("select-empty");
    std::fs::write(
        scratch.path("acme.yaml"),
        "job:\n  company: Acme\n  role: DS\n  date: 2026-12-03\nselect: []\n",
    )
    .unwrap();
    let output = studypack(&scratch.0, &["check", "--job", "acme.yaml"]);
    let (_, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(err.starts_with("acme.yaml:5:9: error: `select: []` selects no question\n"), "{err}");
}

#[test]
fn a_set_can_name_one_job_and_question_numbers_stay_the_banks() {
    let scratch = Scratch::new("set-one-job");
    let fixtures = crate_dir().join("tests/fixtures/person");
    for name in ["acme.yaml", "globex.yaml", "jordan.yaml"] {
        std::fs::copy(fixtures.join(name), scratch.path(name)).unwrap();
    }
    let output = studypack(
        &scratch.0,
        &[
            "build",
            "--profile",
            "jordan.yaml",
            "--job",
            "acme.yaml",
            "--job",
            "globex.yaml",
            "--only",
            "cards",
            "--set",
            "acme:churn.annual_savings=$9.9M",
        ],
    );
    let (_, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    let acme = squeeze(&Pdf::open(&scratch.path("out/acme/cue-cards.pdf")).text());
    let globex = squeeze(&Pdf::open(&scratch.path("out/globex/cue-cards.pdf")).text());
    assert!(acme.contains("$9.9M"), "the job's --set did not reach its pack");
    assert!(!globex.contains("$9.9M"), "the job's --set reached another job");
    // Acme selects challenging-dataset, impact-project, conflict: Q2, Q1, Q11 as in `list`.
    let order: Vec<usize> =
        ["Q2", "Q1", "Q11"].iter().map(|q| acme.find(&format!("{q}·")).unwrap_or(usize::MAX)).collect();
    assert!(order[0] < order[1] && order[1] < order[2] && order[2] < usize::MAX, "{order:?}");

    let output = studypack(&scratch.0, &["check", "--job", "acme.yaml", "--set", "acne:churn.accuracy=92%"]);
    let (_, err) = streams(&output);
    assert!(
        err.starts_with("--set:1:1: error: `acne:` names no job of this run\n  |\n1 | acne:churn.accuracy=92%\n  | ^\n  |\n  = hint: did you mean `acme:`? (a job is named by its file's stem)"),
        "{err}"
    );
}

#[test]
fn a_count_is_a_whole_number() {
    let scratch = Scratch::new("count-whole");
    let output = studypack(&scratch.0, &["check", "--set", "churn.cv_folds=5.5"]);
    let (_, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        err.starts_with("--set:1:16: error: `5.5` is not a count value (`churn.cv_folds` is a count)\n"),
        "{err}"
    );
    assert!(
        err.contains("= hint: a count is written like a whole number: `50K`, `100,000`, `1.5M` or `25`"),
        "{err}"
    );
}

#[test]
fn commands_stop_quietly_when_the_reader_does() {
    let scratch = Scratch::new("pipe");
    for command in ["list", "schema", "fonts", "check", "build"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_studypack"))
            .args([command])
            .current_dir(&scratch.0)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away at once, as `head -1` does.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let (_, err) = streams(&output);
        assert_eq!(output.status.code(), Some(0), "{command}: {err}");
        assert!(!err.contains("panicked"), "{command}: {err}");
    }
}

#[test]
fn list_shows_a_jobs_questions_with_the_banks_numbers() {
    let scratch = Scratch::new("list-job");
    let fixtures = crate_dir().join("tests/fixtures/person");
    let acme = fixtures.join("acme.yaml");
    let output = studypack(&scratch.0, &["list", "--job", acme.to_str().unwrap()]);
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("Q") && l[1..].starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(rows[0].starts_with("Q2   challenging-dataset"), "{out}");
    assert!(rows[2].starts_with("Q11  conflict"), "{out}");
}

#[test]
fn advice_red_flags_say_instead_not_say() {
    let scratch = Scratch::new("advice");
    let output = studypack(&scratch.0, &["build", "--only", "cards"]);
    assert!(output.status.success());
    let cards = Pdf::open(&scratch.path("out/cue-cards.pdf"));
    let text = cards.text();
    assert!(text.contains("✓ Instead: Know fundamentals deeply"), "red flag 7");
    assert!(text.contains("✓ Instead: It's okay to pause and think"), "red flag 10");
    assert!(text.contains("✓ Say: SMOTE improved recall"), "red flag 9");
}

#[test]
fn a_and_an_follow_the_value() {
    let scratch = Scratch::new("articles");
    let output = studypack(&scratch.0, &["build", "--only", "cards", "--set", "churn.client=insurer"]);
    let (_, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    let text = squeeze(&Pdf::open(&scratch.path("out/cue-cards.pdf")).text());
    assert!(text.contains("foraninsurer"), "no `an` before insurer");
    assert!(!text.contains("forainsurer"), "`a insurer` printed");
}

#[test]
fn with_other_errors_the_missing_facts_are_named() {
    let scratch = Scratch::new("missing-named");
    let profile: String = jordan().replace("    precision: 88%", "    precison: 88%");
    std::fs::write(scratch.path("me.yaml"), profile).unwrap();
    let output = studypack(&scratch.0, &["check", "--profile", "me.yaml"]);
    let (_, err) = streams(&output);
    assert!(err.contains("error: unknown fact `churn.precison`"), "{err}");
    assert!(
        err.contains(
            "\n48 |     precison: 88%\n   |     ^\n   |\n   = hint: did you mean `churn.precision`?"
        ),
        "{err}"
    );
    assert!(err.contains("error: and these facts have no value yet: churn.precision\n"), "{err}");
}

#[test]
fn init_job_writes_a_commented_job_file_that_builds() {
    let scratch = Scratch::new("init-job");
    let output = studypack(&scratch.0, &["init", "--job", "acme.yaml"]);
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    assert_eq!(
        out.lines().next(),
        Some("wrote acme.yaml: fill in the interview's details, then build with --job acme.yaml")
    );
    let text = std::fs::read_to_string(scratch.path("acme.yaml")).unwrap();
    for field in [
        "company:",
        "role:",
        "date:",
        "time:",
        "time_zone:",
        "format:",
        "interviewers:",
        "# facts:",
        "# select:",
        "# questions_to_ask:",
    ] {
        assert!(text.contains(field), "the job file lacks {field}");
    }
    let output = studypack(&scratch.0, &["build", "--job", "acme.yaml", "--only", "checklist"]);
    let (_, err) = streams(&output);
    assert!(output.status.success(), "{err}");
}

#[test]
fn job_details_at_the_top_level_are_shown_where_they_go() {
    let scratch = Scratch::new("flat-job");
    std::fs::write(scratch.path("acme.yaml"), "company: Acme\nrole: DS\ndate: 2026-12-03\n").unwrap();
    let output = studypack(&scratch.0, &["check", "--job", "acme.yaml"]);
    let (_, err) = streams(&output);
    assert!(err.starts_with("acme.yaml:1:1: error: unknown field `company`"), "{err}");
    assert!(err.contains("= hint: the interview's details go under `job:`, indented:\n                  job:\n                    company: Acme Analytics\n"), "{err}");
    assert_eq!(
        err.matches("= hint").count(),
        1,
        "one hint, not the list of keys repeating the error:\n{err}"
    );
}

#[test]
fn a_missing_fact_commented_out_in_the_profile_is_pointed_at() {
    let scratch = Scratch::new("commented-fact");
    let profile = jordan().replace("    accuracy: 90.5%", "    # accuracy: 90.5%");
    std::fs::write(scratch.path("me.yaml"), &profile).unwrap();
    let output = studypack(&scratch.0, &["check", "--profile", "me.yaml"]);
    let (_, err) = streams(&output);
    let line = profile.lines().position(|l| l == "    # accuracy: 90.5%").unwrap() + 1;
    assert!(err.contains("error: fact `churn.accuracy` ("), "{err}");
    assert!(
        err.contains(&format!(
            "= hint: line {line} has it commented out: remove its `#` and write your figure"
        )),
        "{err}"
    );
}

#[test]
fn the_pitch_heading_keeps_its_unit_in_lower_case() {
    let scratch = Scratch::new("pitch-heading");
    let output = studypack(&scratch.0, &["build", "--only", "cheatsheet"]);
    assert!(output.status.success());
    let text = Pdf::open(&scratch.path("out/cheat-sheet.pdf")).text();
    assert!(
        text.contains("ELEVATOR PITCH (29 s)") || text.contains("ELEVATOR PITCH (30 s)"),
        "{}",
        &text[..200.min(text.len())]
    );
}

#[test]
fn a_layout_that_leaves_no_room_is_blamed_once_and_a_syntax_error_shows_once() {
    let scratch = Scratch::new("layout-room");
    let output = studypack(&scratch.0, &["layouts", "mine"]);
    assert!(output.status.success(), "{}", streams(&output).1);
    let theme = std::fs::read_to_string(scratch.path("mine/theme.typ")).unwrap();
    std::fs::write(
        scratch.path("mine/theme.typ"),
        theme.replace("#let card-pad = 0.16in", "#let card-pad = 2in"),
    )
    .unwrap();
    let output = studypack(&scratch.0, &["build", "--layouts", "mine", "--only", "cards"]);
    let (_, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(
        err.contains("of the 37 cards do not fit at 9 pt: the cards layout leaves too little room for text"),
        "{err}"
    );

    std::fs::write(
        scratch.path("mine/theme.typ"),
        theme.replace("#let card-pad = 0.16in", "#let card-pad = ("),
    )
    .unwrap();
    let output = studypack(&scratch.0, &["build", "--layouts", "mine"]);
    let (_, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1));
    let line = theme.lines().position(|l| l.starts_with("#let card-pad = ")).unwrap() + 1;
    assert_eq!(
        err.matches(&format!("mine/theme.typ:{line}:17: error: unclosed delimiter")).count(),
        1,
        "the shared theme's error is shown once, not once per document:\n{err}"
    );
}

#[test]
fn a_long_answer_of_ones_own_is_warned_where_it_is_written() {
    let scratch = Scratch::new("timing-located");
    let text =
        format!("{}questions:\n  - id: model-choice\n    answer: \"{}\"\n", jordan(), "word ".repeat(400));
    std::fs::write(scratch.path("me.yaml"), &text).unwrap();
    let output = studypack(&scratch.0, &["check", "--profile", "me.yaml"]);
    let (_, err) = streams(&output);
    let line = text.lines().position(|l| l == "  - id: model-choice").unwrap() + 1;
    assert!(
        err.contains(&format!("me.yaml:{line}:9: warning: Q3 (model-choice) runs ~2m51s, target 1m30s")),
        "{err}"
    );
}

#[test]
fn paper_and_card_names_are_taken_as_people_write_them() {
    let scratch = Scratch::new("aliases");
    let output = studypack(&scratch.0, &["build", "--only", "cards", "--paper", "A4", "--card", "5x3in"]);
    let (_, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    let cards = Pdf::open(&scratch.path("out/cue-cards.pdf"));
    // Landscape A4 with 3 x 5 in cards.
    assert_eq!((cards.pages[0].width.round(), cards.pages[0].height.round()), (842.0, 595.0));
}

#[test]
fn a_font_folder_that_does_not_exist_is_an_error() {
    let scratch = Scratch::new("font-path-missing");
    for command in ["build", "fonts"] {
        let output = studypack(&scratch.0, &[command, "--font-path", "no-such-fonts"]);
        let (_, err) = streams(&output);
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert_eq!(
            err,
            "error: the font folder `no-such-fonts` does not exist\n |\n = hint: check the path given to --font-path\n",
            "{command}"
        );
    }
    assert!(!scratch.path("out").exists());
}

#[test]
fn only_takes_the_files_names_too() {
    let scratch = Scratch::new("only-file-names");
    let output = studypack(&scratch.0, &["build", "--only", "cheat-sheet", "--only", "cue-cards"]);
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    let files: Vec<String> =
        names(&scratch.path("out")).into_iter().filter(|n| !n.starts_with('.')).collect();
    assert_eq!(files, ["cheat-sheet.pdf", "cue-cards.pdf"], "{out}");
}

#[test]
fn a_job_without_a_time_does_not_speak_of_time_zones() {
    let scratch = Scratch::new("no-time");
    std::fs::write(scratch.path("acme.yaml"), "job:\n  company: Acme\n  date: 2027-02-03\n").unwrap();
    let output = studypack(&scratch.0, &["build", "--job", "acme.yaml", "--only", "checklist"]);
    let (_, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    let text = Pdf::open(&scratch.path("out/acme/checklist.pdf")).text();
    assert!(!text.contains("if you are elsewhere"), "{text}");
    assert!(
        squeeze(&text).contains(&squeeze(
            "Confirm the time of the interview on Wednesday, February 3, 2027, then add time: and time_zone: to the job file"
        )),
        "{text}"
    );
}

#[test]
fn layouts_help_says_it_takes_one_job() {
    let scratch = Scratch::new("layouts-help");
    let (out, _) = streams(&studypack(&scratch.0, &["layouts", "--help"]));
    assert!(out.contains("One job overlay whose pack the data holds"), "{out}");
    assert!(!out.contains("each job's pack goes to"), "{out}");
}

#[test]
fn money_that_lost_its_dollar_to_the_shell_says_to_quote_it() {
    let scratch = Scratch::new("dollar");
    // What `--set churn.annual_savings=$2.5M` becomes in a shell.
    let output = studypack(&scratch.0, &["check", "--set", "churn.annual_savings=.5M"]);
    let (_, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(err.contains("= hint: money starts with its currency sign, e.g. `$2.5M`; on the command line put the whole argument in single quotes (--set 'churn.annual_savings=$2.5M'), or the shell replaces `$2` with nothing"), "{err}");
}
