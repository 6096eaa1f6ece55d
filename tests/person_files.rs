//! A person's own numbers, per job: profiles, job overlays, --set, --draft, check, init,
//! schema. Packs are rendered and opened; errors are checked whole, with their locations.

mod common;

use common::pdf::{Pdf, squeeze};
use common::{Scratch, crate_dir, streams, studypack};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    crate_dir().join("tests/fixtures/person").join(name)
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Jordan's value of `path` in the profile fixture.
fn jordan(path: &str) -> String {
    let text = std::fs::read_to_string(fixture("jordan.yaml")).unwrap();
    let (group, name) = path.split_once('.').unwrap();
    let block = text.split(&format!("\n  {group}:\n")).nth(1).unwrap();
    let line = block.lines().find(|l| l.trim_start().starts_with(&format!("{name}:"))).unwrap();
    line.split_once(": ").unwrap().1.trim_matches('"').to_string()
}

#[test]
fn a_profile_and_two_jobs_render_two_packs_with_their_own_company_date_and_questions() {
    let scratch = Scratch::new("two-jobs");
    let (profile, acme, globex) = (fixture("jordan.yaml"), fixture("acme.yaml"), fixture("globex.yaml"));
    let output = studypack(
        &scratch.0,
        &["build", "--profile", arg(&profile), "--job", arg(&acme), "--job", arg(&globex)],
    );
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{out}{err}");
    assert_eq!(err, "", "the fixtures are consistent: no warnings");
    let open = |job: &str, name: &str| Pdf::open(&scratch.path("out").join(job).join(name));

    let acme_sheet = squeeze(&open("acme", "cheat-sheet.pdf").text());
    assert!(acme_sheet.contains(&squeeze("Acme Analytics")));
    assert!(acme_sheet.contains(&squeeze("Senior Data Scientist")));
    assert!(acme_sheet.contains(&squeeze("Thursday, December 3, 2026, 14:30 (Europe/Berlin)")));
    let acme_checklist = squeeze(&open("acme", "checklist.pdf").text());
    assert!(acme_checklist.contains(&squeeze("Thursday, December 3, 2026, 14:30 (Europe/Berlin)")));
    assert!(
        acme_checklist.contains(&squeeze("How does Acme decide which churn signals reach the sales team?"))
    );
    let globex_sheet = squeeze(&open("globex", "cheat-sheet.pdf").text());
    assert!(globex_sheet.contains(&squeeze("Tuesday, January 12, 2027, 09:00 (America/New_York)")));
    assert!(!globex_sheet.contains("Acme"));

    // Acme selects three questions in its own order, numbered from 1.
    let acme_cards = open("acme", "cue-cards.pdf");
    let first = squeeze(&acme_cards.pages[0].text());
    let order = [
        "Describe a time you dealt with a challenging dataset",
        "Walk me through your most impactful ML project",
        "Describe a conflict with a team member",
    ]
    .map(|p| first.find(&squeeze(p)).unwrap_or_else(|| panic!("{p:?} not on the first sheet")));
    assert!(order[0] < order[1] && order[1] < order[2], "{order:?}");
    let acme_text = squeeze(&acme_cards.text());
    assert!(
        !acme_text.contains(&squeeze("How do you prevent overfitting?")),
        "an unselected question was printed"
    );
    let globex_cards = squeeze(&open("globex", "cue-cards.pdf").text());
    assert!(globex_cards.contains(&squeeze("How do you prevent overfitting?")));

    // The person's numbers everywhere, the job's over the profile's, no demo figure.
    assert!(acme_text.contains("$2.6M") && !acme_text.contains("$2.3M"), "Acme's savings override Jordan's");
    assert!(globex_cards.contains("$2.3M"), "Globex keeps Jordan's savings");
    for path in [
        "churn.accuracy",
        "churn.latency_p50",
        "churn.latency_p95",
        "churn.roc_auc",
        "ecommerce.transactions",
    ] {
        assert!(globex_sheet.contains(&squeeze(&jordan(path))), "{path} = {} missing", jordan(path));
    }
    for demo in ["89%", "45ms", "120ms", "$1.2M", "50K", "0.92", "Alex Morgan", "telecom"] {
        for job in ["acme", "globex"] {
            for name in ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf"] {
                assert!(
                    !squeeze(&open(job, name).text()).contains(&squeeze(demo)),
                    "{job}/{name} prints the demo's {demo}"
                );
            }
        }
    }
    let acme_meta = open("acme", "cue-cards.pdf");
    assert_eq!(acme_meta.title.as_deref(), Some("Cue cards: Jordan Lee for Acme Analytics"));
    assert!(
        squeeze(&acme_cards.pages[1].text())
            .contains(&squeeze("Jordan Lee · Acme Analytics · Thursday, December 3, 2026"))
    );
}

#[test]
fn values_print_as_written() {
    let scratch = Scratch::new("as-written");
    let profile = fixture("jordan.yaml");
    // 0.810 is a YAML number; it must not print as 0.81.
    let output = studypack(
        &scratch.0,
        &["build", "--only", "cheatsheet", "--profile", arg(&profile), "--set", "churn.roc_auc=0.870"],
    );
    assert!(output.status.success(), "{}", streams(&output).1);
    let sheet = Pdf::open(&scratch.path("out/cheat-sheet.pdf")).text();
    assert!(sheet.contains("0.870"), "ROC-AUC printed otherwise");
    // In the file, `correlation_cutoff: 0.810` is a YAML number.
    assert!(squeeze(&sheet).contains(">0.810correlation"), "the YAML number 0.810 printed otherwise");
}

/// Writes `text` to `name` in the scratch folder and returns its path.
fn write(scratch: &Scratch, name: &str, text: &str) -> PathBuf {
    let path = scratch.path(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs a command expected to fail and returns its standard error; checks that out/ was not written.
fn fails(scratch: &Scratch, args: &[&str]) -> String {
    let output = studypack(&scratch.0, args);
    let (out, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    assert_eq!(out, "");
    assert!(!scratch.path("out").exists(), "a failed build wrote out/");
    err
}

#[test]
fn every_problem_is_reported_at_once_with_its_place_and_a_hint() {
    let scratch = Scratch::new("errors");
    let profile = write(
        &scratch,
        "me.yaml",
        "facts:\n  person.name: Jordan Lee\n  churn:\n    latncy_p95: 120ms\n    accuracy: fast\n",
    );
    let job = write(
        &scratch,
        "acme.yaml",
        "job:\n  company: Acme\n  role: DS\n  date: 2026-12-03\nselect: [impact-project, overfiting]\n",
    );
    let err = fails(
        &scratch,
        &[
            "build",
            "--profile",
            "me.yaml",
            "--job",
            "acme.yaml",
            "--set",
            "churn.recall",
            "--set",
            "churn.precison=80%",
        ],
    );
    let _ = (profile, job);
    for expected in [
        "me.yaml:4:5: error: unknown fact `churn.latncy_p95`\n  |\n4 |     latncy_p95: 120ms\n  |     ^\n  |\n  = hint: did you mean `churn.latency_p95`?",
        "me.yaml:5:15: error: `fast` is not a percent value (`churn.accuracy` is a percent)\n  |\n5 |     accuracy: fast\n  |               ^\n  |\n  = hint: a percent is written like `89%` or `84.5%`",
        "acme.yaml:5:26: error: unknown question id `overfiting` in `select:`\n  |\n5 | select: [impact-project, overfiting]\n  |                          ^\n  |\n  = hint: did you mean `overfitting`?",
        "--set:1:1: error: `churn.recall` has no `=`\n  |\n1 | churn.recall\n  | ^\n  |\n  = hint: write `--set path=value`, e.g. `--set churn.accuracy=89%`",
        "--set:1:1: error: unknown fact `churn.precison`\n  |\n1 | churn.precison=80%\n  | ^\n  |\n  = hint: did you mean `churn.precision`?",
    ] {
        assert!(err.contains(expected), "missing:\n{expected}\n\nin:\n{err}");
    }
    assert!(
        !err.contains("`churn.accuracy` (Accuracy"),
        "a wrong value is not also reported as missing:\n{err}"
    );
}

#[test]
fn an_id_given_twice_is_reported_where_it_is_given_the_second_time() {
    let scratch = Scratch::new("twice");
    write(&scratch, "me.yaml", "facts:\n  person.name: Sam Ortiz\nskip:\n  - overfitting\n  - overfitting\n");
    write(
        &scratch,
        "acme.yaml",
        "job:\n  company: Acme\n  role: DS\n  date: 2026-12-03\nselect: [impact-project, deployment, impact-project]\n",
    );
    let err = fails(&scratch, &["build", "--profile", "me.yaml", "--job", "acme.yaml", "--draft"]);
    for expected in [
        "me.yaml:5:5: error: `overfitting` is in `skip:` twice\n  |\n5 |   - overfitting\n  |     ^\n  |\n  = hint: delete this one: skipping it once leaves it out\n",
        "acme.yaml:5:38: error: question `impact-project` is selected twice\n  |\n5 | select: [impact-project, deployment, impact-project]\n  |                                      ^\n  |\n  = hint: delete this one: a question is printed once, where it is first selected\n",
    ] {
        assert!(err.contains(expected), "missing:\n{expected}\n\nin:\n{err}");
    }
    assert!(!err.contains("is not a question"), "a question skipped twice is still a question:\n{err}");
}

#[test]
fn a_malformed_placeholder_is_shown_where_it_is_written() {
    let scratch = Scratch::new("placeholder");
    let profile = "facts:\n  person.name: Sam Ortiz\nprojects:\n  ledger:\n    title: Ledger rewrite\nquestions:\n  - id: impact-project\n    project: ledger\n    headline: \"I rewrote a ledger\"\n    answer: |\n      First paragraph here.\n\n      And we saved {{ledger cost}} a year.\n";
    write(&scratch, "me.yaml", profile);
    let err = fails(&scratch, &["check", "--profile", "me.yaml"]);
    assert!(
        err.starts_with("me.yaml:13:20: error: questions[0]: `{{ledger cost}}` is not a fact placeholder\n   |\n13 |       And we saved {{ledger cost}} a year.\n   |                    ^\n   |\n   = hint: a placeholder names one declared fact, e.g. `{{ churn.accuracy }}`\n"),
        "{err}"
    );
    // One never closed, in a headline.
    write(&scratch, "me.yaml", &profile.replace("I rewrote a ledger", "I saved {{ ledger.cost a year"));
    let err = fails(&scratch, &["check", "--profile", "me.yaml"]);
    assert!(
        err.starts_with("me.yaml:9:24: error: questions[0]: placeholder `{{` is never closed\n"),
        "{err}"
    );
}

#[test]
fn a_profile_that_does_not_read_leaves_its_projects_to_the_jobs_unquestioned() {
    let scratch = Scratch::new("unread-profile");
    // A value of the wrong type: the profile does not read at all.
    write(
        &scratch,
        "me.yaml",
        "pace_wpm: fast\nprojects:\n  ledger:\n    title: Ledger rewrite\nfacts:\n  ledger.cost_saved: $1M\n",
    );
    write(&scratch, "acme.yaml", "job:\n  company: Acme\nfacts:\n  ledger.cost_saved: $2M\n");
    let err =
        fails(&scratch, &["check", "--profile", "me.yaml", "--job", "acme.yaml", "--set", "ledger.team=4"]);
    assert!(err.starts_with("me.yaml:1:11: error: pace_wpm: invalid type"), "{err}");
    assert!(
        !err.contains("ledger"),
        "the job's and --set's figures of the profile's project are not reported:\n{err}"
    );
}

#[test]
fn a_misspelt_figure_in_a_job_or_set_is_named_with_the_fact_it_meant() {
    let scratch = Scratch::new("misspelt-figure");
    let profile = "projects:\n  ledger:\n    title: Ledger rewrite\nfacts:\n  person.name: Sam Ortiz\n  ledger:\n    accounts: 4.7M\n    tx_per_second: 1,850\nquestions:\n  - id: impact-project\n    project: ledger\n    headline: \"A ledger for {{ ledger.accounts }} accounts at {{ ledger.tx_per_second }} tx/s\"\n";
    write(&scratch, "me.yaml", profile);
    write(&scratch, "acme.yaml", "job:\n  company: Acme\nfacts:\n  ledger:\n    acounts: 5M\n");
    let output = studypack(
        &scratch.0,
        &["check", "--profile", "me.yaml", "--job", "acme.yaml", "--set", "ledger.tx_per_secnd=1,900"],
    );
    let (_, err) = streams(&output);
    for expected in [
        "acme.yaml:5:5: warning: `ledger.acounts` is a new fact here, and nothing prints it\n  |\n5 |     acounts: 5M\n  |     ^\n  |\n  = hint: did you mean `ledger.accounts`?\n",
        "--set:1:1: warning: `ledger.tx_per_secnd` is a new fact here, and nothing prints it\n  |\n1 | ledger.tx_per_secnd=1,900\n  | ^\n  |\n  = hint: did you mean `ledger.tx_per_second`?\n",
    ] {
        assert!(err.contains(expected), "missing:\n{expected}\n\nin:\n{err}");
    }
}

#[test]
fn empty_texts_are_errors_where_they_are_written() {
    let scratch = Scratch::new("empty-texts");
    let profile = "projects:\n  ledger:\n    title: Ledger rewrite\nfacts:\n  person.name: Sam Ortiz\nquestions:\n  - id: impact-project\n    project: ledger\n    headline: \"\"\n    cues:\n      result: \"  \"\n  - id: conflict\n    project: ledger\n    answer: |\n\nred_flags:\n  best-tool: \"\"\n";
    write(&scratch, "me.yaml", profile);
    write(
        &scratch,
        "acme.yaml",
        "job:\n  company: Acme\nquestions_to_ask:\n  - How big is the team?\n  - \"\"\n",
    );
    let err = fails(&scratch, &["check", "--profile", "me.yaml", "--job", "acme.yaml"]);
    for expected in [
        "me.yaml:9:5: error: the headline of `impact-project` is empty\n  |\n9 |     headline: \"\"\n  |     ^\n  |\n  = hint: write it in your own words, or delete the line\n",
        "me.yaml:11:7: error: the result of `impact-project` is empty\n",
        "me.yaml:14:5: error: the answer of `conflict` is empty\n",
        "me.yaml:17:14: error: what you would say instead of red flag `best-tool` is empty\n",
        "acme.yaml:5:5: error: this question to ask is empty\n  |\n5 |   - \"\"\n  |     ^\n  |\n  = hint: write the question, or delete the line\n",
    ] {
        assert!(err.contains(expected), "missing:\n{expected}\n\nin:\n{err}");
    }
}

#[test]
fn unknown_keys_do_not_hide_the_files_other_problems() {
    let scratch = Scratch::new("unknown-and-more");
    write(
        &scratch,
        "me.yaml",
        "pace_wmp: 150\nfacts:\n  person.name: Sam\n  churn:\n    accuracy: fast\nquestions:\n  - id: impact-project\n    headlin: x\n",
    );
    write(&scratch, "acme.yaml", "job:\n  compnay: Acme\n  date: 2026-02-30\n");
    let err = fails(&scratch, &["check", "--profile", "me.yaml", "--job", "acme.yaml"]);
    for expected in [
        "me.yaml:1:1: error: unknown field `pace_wmp`",
        "= hint: did you mean `pace_wpm`?",
        "me.yaml:8:5: error: questions[0]: unknown field `headlin`",
        "= hint: did you mean `headline`?",
        "me.yaml:5:15: error: `fast` is not a percent value (`churn.accuracy` is a percent)",
        "acme.yaml:2:3: error: job: unknown field `compnay`",
    ] {
        assert!(err.contains(expected), "missing:\n{expected}\n\nin:\n{err}");
    }
    // The misspelt key is the one problem of its own: not `company` missing besides.
    assert!(!err.contains("missing field"), "{err}");
}

#[test]
fn a_wrong_option_exits_1_like_any_bad_input_and_help_exits_0() {
    let scratch = Scratch::new("bad-option");
    let output = studypack(&scratch.0, &["build", "--card", "5x7"]);
    let (out, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    assert!(err.starts_with("error: invalid value '5x7' for '--card <CARD>'"), "{err}");
    assert!(!scratch.path("out").exists());
    let output = studypack(&scratch.0, &["build", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(streams(&output).0.contains("Usage: studypack build [OPTIONS]"));
}

#[test]
fn malformed_yaml_names_its_line_and_column() {
    let scratch = Scratch::new("malformed");
    write(&scratch, "me.yaml", "facts:\n  churn:\n    accuracy: [89%\n");
    let err = fails(&scratch, &["build", "--profile", "me.yaml"]);
    assert_eq!(
        err,
        "me.yaml:4:1: error: did not find expected ',' or ']'\n |\n = hint: the `[` opened at line 3, column 15 is never closed\n"
    );
}

#[test]
fn a_missing_fact_names_every_question_using_it_and_draft_prints_a_blank() {
    let scratch = Scratch::new("missing");
    let full = std::fs::read_to_string(fixture("jordan.yaml")).unwrap();
    let without: String = full
        .lines()
        .filter(|l| !l.trim_start().starts_with("latency_p50:"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(&scratch, "me.yaml", &without);
    let err = fails(&scratch, &["build", "--profile", "me.yaml"]);
    let expected = "me.yaml:3:1: error: fact `churn.latency_p50` (Median (p50) response latency of the churn API in production) has no value; it is used by Q1 (impact-project), Q9 (deployment), the experience timeline, the formula example, red flag 1 (best-tool)\n";
    assert!(err.starts_with(expected), "{err}");
    assert!(err.contains("= hint: add `churn.latency_p50: 45ms` under `facts:` with your own duration, or build with --draft to print blanks"), "{err}");

    let output = studypack(&scratch.0, &["build", "--draft", "--only", "cards", "--profile", "me.yaml"]);
    let (_, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("warning: draft: 1 fact(s) print as blanks: churn.latency_p50"), "{err}");
    let cards = squeeze(&Pdf::open(&scratch.path("out/cue-cards.pdf")).text());
    assert!(cards.contains("[churn.latency_p50]"), "the blank is not visible");
    assert!(!cards.contains("45ms"), "the demo value filled the blank");
}

#[test]
fn a_job_file_given_as_profile_and_the_reverse_are_named() {
    let scratch = Scratch::new("swapped");
    let err = fails(&scratch, &["build", "--profile", arg(&fixture("acme.yaml"))]);
    assert!(err.contains("unknown field `job`"), "{err}");
    assert!(err.contains("= hint: this looks like a job file: pass it with --job"), "{err}");
    write(&scratch, "me.yaml", "job:\n  company: A\n  role: B\n  date: 2026-12-03\npace_wpm: 140\n");
    let err = fails(&scratch, &["build", "--job", "me.yaml"]);
    assert!(err.contains("= hint: this looks like a profile: pass it with --profile"), "{err}");
}

#[test]
fn check_warns_about_figures_that_disagree_and_answers_that_run_long() {
    let scratch = Scratch::new("check");
    let long_answer = "word ".repeat(400);
    write(
        &scratch,
        "extra.yaml",
        &format!(
            "{}questions:\n  - id: model-choice\n    answer: \"{long_answer}\"\n",
            std::fs::read_to_string(fixture("jordan.yaml")).unwrap()
        ),
    );
    let output = studypack(
        &scratch.0,
        &[
            "check",
            "--profile",
            "extra.yaml",
            "--set",
            "churn.f1=70%",
            "--set",
            "churn.latency_p95=20ms",
            "--set",
            "churn.uptime=120%",
        ],
    );
    let (out, err) = streams(&output);
    assert_eq!(output.status.code(), Some(0), "warnings only: {err}");
    for expected in [
        "--set:1:10: warning: F1 `churn.f1` is 70% but precision 88% and recall 81% give 84.4%",
        "--set:1:19: warning: `churn.latency_p95` (20ms) is below `churn.latency_p50` (38ms)",
        "--set:1:14: warning: `churn.uptime` is 120%, outside 0–100%",
        "warning: Q3 (model-choice) runs ~2m51s, target 1m30s\n",
        "\n   = hint: at 140 words per minute; cut the answer, or set a longer `target:`",
    ] {
        assert!(err.contains(expected), "missing:\n{expected}\nin:\n{err}");
    }
    assert_eq!(out, "checked 1 pack: no errors, 4 warnings\n");
}

#[test]
fn check_exits_1_on_errors() {
    let scratch = Scratch::new("check-errors");
    let output = studypack(&scratch.0, &["check", "--set", "churn.accuracy=high"]);
    let (_, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(err.starts_with("--set:1:16: error: `high` is not a percent value"), "{err}");
}

#[test]
fn init_writes_every_fact_commented_and_never_overwrites() {
    let scratch = Scratch::new("init");
    let output = studypack(&scratch.0, &["init", "me.yaml"]);
    assert!(output.status.success(), "{}", streams(&output).1);
    let text = std::fs::read_to_string(scratch.path("me.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=studypack.schema.json\n"));
    let bank = studypack::bank::Bank::builtin().unwrap();
    for fact in &bank.facts {
        assert!(text.contains(&format!("  # {}: ", fact.path)), "{} is not listed", fact.path);
        assert!(
            text.contains(&format!("  # {} ({}", fact.description, fact.kind)),
            "{} lacks its description",
            fact.path
        );
    }
    assert!(scratch.path("studypack.schema.json").is_file());

    // Uncommented as it stands, the starter holds the demo persona's values: it builds.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("  # ") {
            Some(rest) if rest.split_once(": ").is_some_and(|(k, _)| k.contains('.') && !k.contains(' ')) => {
                format!("  {rest}\n")
            }
            _ => format!("{l}\n"),
        })
        .collect();
    write(&scratch, "filled.yaml", &uncommented);
    let output = studypack(&scratch.0, &["build", "--profile", "filled.yaml"]);
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    assert_eq!(err, "", "the starter filled with the demo's values is consistent");
    assert!(out.contains("cue-cards.pdf  20 pages"), "{out}");

    let again = studypack(&scratch.0, &["init", "me.yaml"]);
    let (_, err) = streams(&again);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        err,
        "me.yaml:1:1: error: this file already exists\n |\n = hint: studypack init never overwrites a file; give another name\n"
    );
    assert_eq!(std::fs::read_to_string(scratch.path("me.yaml")).unwrap(), text);
}

#[test]
fn check_passes_the_demo_and_warns_on_each_disagreement() {
    let scratch = Scratch::new("lints");
    let output = studypack(&scratch.0, &["check"]);
    // Without a profile, it says whose pack it checked.
    assert_eq!(
        streams(&output),
        ("checked 1 pack: no problems; no profile, so this is the demo persona, Alex Morgan, with the guide's example answers; `studypack init` starts yours\n".to_string(), String::new())
    );
    for (set, warning) in [
        (
            "churn.churn_reduction_relative=40%",
            "--set:1:32: warning: `churn.churn_reduction_relative` says 40% but 27% → 21% is a 22% relative change",
        ),
        (
            "churn.train_test_gap=6%",
            "--set:1:22: warning: the gap `churn.train_test_gap` is 6% but 91% − 89% is 2.0 points",
        ),
        ("churn.non_churn_share=70%", "--set:1:23: warning: 27% + 70% should add up to 100% but make 97.0%"),
        (
            "ecommerce.clv_variance_explained=60%",
            "--set:1:34: warning: `ecommerce.clv_variance_explained` is 60% but `ecommerce.clv_r2` 0.74 means 74%",
        ),
        ("churn.accuracy=95%", "--set:1:16: warning: test accuracy 95% is above training accuracy 91%"),
        (
            "ecommerce.clv_mae=$200",
            "--set:1:19: warning: `ecommerce.clv_rmse` ($185) is below `ecommerce.clv_mae` ($200)",
        ),
        ("churn.recall=60%", "warning: F1 `churn.f1` is 84.5% but precision 86% and recall 60% give 70.7%"),
    ] {
        let output = studypack(&scratch.0, &["check", "--set", set]);
        let (_, err) = streams(&output);
        assert_eq!(output.status.code(), Some(0), "{set}: {err}");
        assert!(err.contains(warning), "{set}:\n{err}");
    }
    let output = studypack(
        &scratch.0,
        &[
            "check",
            "--set",
            "churn.train_accuracy=99%",
            "--set",
            "churn.accuracy=80%",
            "--set",
            "churn.train_test_gap=19%",
        ],
    );
    assert!(
        streams(&output).1.starts_with(
            "--set:1:16: warning: training 99% vs test 80%: a 19-point gap reads as overfitting"
        )
    );
}

#[test]
fn the_schema_validates_the_fixtures_and_flags_a_typo() {
    let scratch = Scratch::new("validate");
    let output = studypack(&scratch.0, &["schema"]);
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for name in ["jordan.yaml", "acme.yaml", "globex.yaml"] {
        let yaml = std::fs::read_to_string(fixture(name)).unwrap();
        let instance: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
        let errors: Vec<String> = validator.iter_errors(&instance).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    for bad in [
        "facts:\n  churn.acuracy: 89%\n",
        "facts:\n  churn:\n    accuracy: 89 percent\n",
        "pace: 150\n",
        "job:\n  company: A\n  role: B\n  date: 3 Dec\n",
    ] {
        let instance: serde_json::Value = serde_yaml::from_str(bad).unwrap();
        assert!(!validator.is_valid(&instance), "the schema accepts {bad:?}");
    }
}

#[test]
fn schema_lists_every_fact_with_a_pattern_the_values_match() {
    let scratch = Scratch::new("schema");
    let output = studypack(&scratch.0, &["schema"]);
    assert!(output.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let facts = &schema["$defs"]["profile"]["properties"]["facts"]["properties"];
    let bank = studypack::bank::Bank::builtin().unwrap();
    for fact in &bank.facts {
        let entry = &facts[&fact.path];
        assert!(entry.is_object(), "{} missing from the schema", fact.path);
        let (group, name) = fact.path.split_once('.').unwrap();
        assert_eq!(&facts[group]["properties"][name], entry, "nested form of {}", fact.path);
        let pattern = entry["pattern"].as_str().or_else(|| entry["anyOf"][1]["pattern"].as_str());
        if let Some(pattern) = pattern {
            let re = regex::Regex::new(pattern).unwrap();
            for value in [fact.example.clone(), jordan(&fact.path)] {
                assert!(re.is_match(&value), "{} = {value:?} does not match {pattern}", fact.path);
            }
        }
    }
    assert_eq!(schema["$defs"]["job"]["required"], serde_json::json!(["job"]));
    assert_eq!(facts["churn"]["additionalProperties"], serde_json::json!(false));
}

#[test]
fn empty_tabbed_listed_and_non_utf8_files_get_plain_messages() {
    let scratch = Scratch::new("plain-messages");
    write(&scratch, "empty.yaml", "");
    let err = fails(&scratch, &["build", "--profile", "empty.yaml"]);
    assert_eq!(
        err,
        "empty.yaml:1:1: error: this profile is empty\n |\n = hint: write your facts in it, or delete it and run `studypack init empty.yaml` for a starter profile\n"
    );
    write(&scratch, "tabs.yaml", "facts:\n\tchurn.accuracy: 89%\n");
    let err = fails(&scratch, &["build", "--profile", "tabs.yaml"]);
    assert!(err.starts_with("tabs.yaml:2:1: error: found character that cannot start any token"), "{err}");
    assert!(
        err.ends_with("  = hint: YAML indents with spaces, never tabs: replace the tab with spaces\n"),
        "{err}"
    );
    write(&scratch, "list.yaml", "- a\n- b\n");
    let err = fails(&scratch, &["build", "--profile", "list.yaml"]);
    assert!(err.ends_with("  = hint: the file must be a map of keys (`facts:`, `questions:` … or `job:`), not a list or a single value\n"), "{err}");
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("facts:\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(scratch.path("utf16.yaml"), utf16).unwrap();
    let err = fails(&scratch, &["build", "--profile", "utf16.yaml"]);
    assert_eq!(
        err,
        "utf16.yaml:1:1: error: this file is not UTF-8 text\n |\n = hint: save it as UTF-8 (not UTF-16, not binary)\n"
    );
    let err = fails(&scratch, &["build", "--profile", "missing.yaml"]);
    assert!(err.starts_with("missing.yaml:1:1: error: no such file"), "{err}");
    std::fs::create_dir_all(scratch.path("folder.yaml")).unwrap();
    let err = fails(&scratch, &["build", "--profile", "folder.yaml"]);
    assert_eq!(
        err,
        "folder.yaml:1:1: error: this is a folder, not a YAML file\n |\n = hint: give the path of a .yaml file\n"
    );
}
