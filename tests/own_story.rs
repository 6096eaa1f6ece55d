//! A person who tells their own story: their own projects and facts, every answer in their
//! own words (tests/fixtures/person/own/priya.yaml), and a job overlay. Their PDFs print
//! their projects and figures and nothing of the demo persona's story; a text left as the
//! guide wrote it is named with the ways out; `init --own` starts such a profile.

mod common;

use common::pdf::{Pdf, squeeze};
use common::{Scratch, crate_dir, streams, studypack};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    crate_dir().join("tests/fixtures/person/own").join(name)
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("fixture paths are UTF-8")
}

/// The demo persona's story: titles, client, methods, tools and figures that must never
/// print in a pack that tells another one.
const DEMO_STORY: [&str; 27] = [
    "Alex Morgan",
    "telecom",
    "SMOTE",
    "XGBoost",
    "K-means",
    "RFM",
    "MLflow",
    "holiday",
    "churn",
    "Churn",
    "CHURN",
    "e-commerce",
    "E-commerce",
    "E-COMMERCE",
    "GridSearchCV",
    "FastAPI",
    "Levenshtein",
    "PostgreSQL",
    "Little's MCAR",
    "$1.2M",
    "$5M",
    "100K",
    "45ms",
    "27%",
    "21%",
    "500K",
    "89%",
];

/// Builds in a scratch folder, failing the test with the output when the build fails.
fn build(scratch: &Scratch, args: &[&str]) -> String {
    let output = studypack(&scratch.0, args);
    let (out, err) = streams(&output);
    assert!(output.status.success(), "build failed:\n{out}\n{err}");
    err
}

fn pdfs(dir: &Path) -> Vec<(String, Pdf)> {
    ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf", "answers.pdf"]
        .iter()
        .map(|name| (name.to_string(), Pdf::open(&dir.join(name))))
        .collect()
}

/// Whether some text run of the PDF that holds `figure` is set in a bold face.
fn bold(pdf: &Pdf, figure: &str) -> bool {
    pdf.pages.iter().flat_map(|p| &p.runs).any(|r| r.text.contains(figure) && r.font.contains("Bold"))
}

#[test]
fn an_own_story_prints_its_projects_and_figures_and_none_of_the_demo() {
    let scratch = Scratch::new("own-story");
    let profile = fixture("priya.yaml");
    build(&scratch, &["build", "--profile", arg(&profile)]);
    for (name, pdf) in pdfs(&scratch.path("out")) {
        let text = squeeze(&pdf.text());
        for word in DEMO_STORY {
            assert!(!text.contains(&squeeze(word)), "{name} prints the demo's `{word}`");
        }
        assert!(text.contains("PriyaRaman"), "{name} lacks the person's name");
    }
    let cards = Pdf::open(&scratch.path("out/cue-cards.pdf"));
    let text = squeeze(&cards.text());
    for title in ["CARDFRAUDDETECTION", "STOREDEMANDFORECASTING"] {
        assert!(text.contains(title), "the cards lack the project title {title}");
    }
    for figure in ["0.94", "$3.7M", "38%", "3.1M", "12 ms"] {
        assert!(bold(&cards, figure), "the figure {figure} is not in bold on the cards");
    }
    let sheet = Pdf::open(&scratch.path("out/cheat-sheet.pdf"));
    let text = squeeze(&sheet.text());
    // "My numbers": the key facts of her own projects, under their titles and with what they measure.
    for expected in
        ["Cardfrauddetection", "Storedemandforecasting", "$3.7M", "Fraudlossesavoidedperyear", "19%"]
    {
        assert!(text.contains(expected), "the cheat sheet lacks {expected}");
    }
    assert!(bold(&sheet, "$3.7M"), "the key number is not bold on the cheat sheet");
}

#[test]
fn a_job_retitles_a_project_and_changes_an_own_figure() {
    let scratch = Scratch::new("own-story-job");
    let profile = fixture("priya.yaml");
    let job = fixture("northwind.yaml");
    build(&scratch, &["build", "--profile", arg(&profile), "--job", arg(&job)]);
    let dir = scratch.path("out");
    let dir = if dir.join("northwind").is_dir() { dir.join("northwind") } else { dir };
    let cards = Pdf::open(&dir.join("cue-cards.pdf"));
    let text = squeeze(&cards.text());
    assert!(text.contains("REAL-TIMEPAYMENTRISKSCORING"), "the job's title for the project is missing");
    assert!(!text.contains("CARDFRAUDDETECTION"), "the profile's title was not replaced");
    assert!(bold(&cards, "$4.1M"), "the job's figure is not printed in bold");
    assert!(!text.contains("$3.7M"), "the profile's figure still prints");
    for (name, pdf) in pdfs(&dir) {
        let text = squeeze(&pdf.text());
        for word in DEMO_STORY {
            assert!(!text.contains(&squeeze(word)), "{name} prints the demo's `{word}`");
        }
    }
}

#[test]
fn consistency_checks_apply_to_own_facts_found_by_name() {
    let scratch = Scratch::new("own-lints");
    let profile = fixture("priya.yaml");
    let output = studypack(
        &scratch.0,
        &["check", "--profile", arg(&profile), "--set", "fraud.f1=90%", "--set", "fraud.latency_p50=50 ms"],
    );
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{out}\n{err}");
    assert!(
        err.contains("warning: F1 `fraud.f1` is 90% but precision 81% and recall 76% give 78.4%"),
        "{err}"
    );
    assert!(
        err.contains("warning: `fraud.latency_p95` (35 ms) is below `fraud.latency_p50` (50 ms)"),
        "{err}"
    );
    assert!(out.contains("checked 1 pack: no errors, 2 warnings"), "{out}");
    // As written, her figures agree.
    let output = studypack(&scratch.0, &["check", "--profile", arg(&profile)]);
    let (out, err) = streams(&output);
    assert_eq!(out, "checked 1 pack: no problems\n", "{err}");
}

#[test]
fn a_declared_check_in_the_profile_is_applied() {
    let scratch = Scratch::new("own-declared-check");
    let text = std::fs::read_to_string(fixture("priya.yaml")).unwrap()
        + "checks:\n  ascending:\n    - [demand.mape_after, demand.mape_before]\n";
    std::fs::write(scratch.path("me.yaml"), text).unwrap();
    let output = studypack(&scratch.0, &["check", "--profile", "me.yaml", "--set", "demand.mape_after=40%"]);
    let (_, err) = streams(&output);
    assert!(err.contains("warning: `demand.mape_before` (31%) is below `demand.mape_after` (40%)"), "{err}");
}

/// Priya's profile without her answer to Q3.
fn without_model_choice(scratch: &Scratch) {
    let full = std::fs::read_to_string(fixture("priya.yaml")).unwrap();
    let start = full.find("  - id: model-choice").unwrap();
    let end = full.find("  - id: explain-to-stakeholders").unwrap();
    std::fs::write(scratch.path("me.yaml"), format!("{}{}", &full[..start], &full[end..])).unwrap();
}

#[test]
fn an_unanswered_question_is_named_with_the_ways_out() {
    let scratch = Scratch::new("own-unanswered");
    without_model_choice(&scratch);
    let output = studypack(&scratch.0, &["build", "--profile", "me.yaml"]);
    let (_, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(!scratch.path("out").exists(), "a failed build wrote out/");
    let expected = "me.yaml:13:1: error: Q3 (model-choice) prints the guide's example answer, the demo persona's story: it needs 9 facts you have not given (churn.accuracy_logreg, churn.accuracy_rf, churn.accuracy_untuned, churn.recall, churn.recall_rf and 4 more)";
    assert!(err.contains(expected), "{err}");
    for hint in [
        "   = hint: tell your own: add to your profile\n                   questions:\n                     - id: model-choice\n",
        "= hint: or keep the guide's text with your figures: give churn.accuracy_logreg, churn.accuracy_rf, churn.accuracy_untuned, churn.recall, churn.recall_rf, churn.rf_inference_time, churn.rf_model_size, churn.xgb_inference_time, churn.xgb_model_size under `facts:`",
        "= hint: or leave it out of every pack: `skip: [model-choice]`",
        "= hint: or build with --draft to print it with blanks, marked as the guide's example",
    ] {
        assert!(err.contains(hint), "missing {hint:?} in:\n{err}");
    }
    // One error for the text, not one per fact.
    assert_eq!(err.matches("error:").count(), 1, "{err}");

    // Skipping it builds.
    let text = std::fs::read_to_string(scratch.path("me.yaml")).unwrap() + "skip: [model-choice]\n";
    std::fs::write(scratch.path("skip.yaml"), text).unwrap();
    build(&scratch, &["build", "--profile", "skip.yaml", "--only", "cards"]);
    let text = squeeze(&Pdf::open(&scratch.path("out/cue-cards.pdf")).text());
    assert!(!text.contains("Howdoyouchoosewhichmodeltouse?"), "the skipped question prints");
}

#[test]
fn a_draft_prints_the_unanswered_example_with_blanks_and_marks_it() {
    let scratch = Scratch::new("own-draft");
    without_model_choice(&scratch);
    let err = build(
        &scratch,
        &[
            "build",
            "--profile",
            "me.yaml",
            "--draft",
            "--only",
            "cards",
            "--only",
            "cheatsheet",
            "--only",
            "answers",
        ],
    );
    assert!(err.contains("warning: draft: 9 fact(s) print as blanks"), "{err}");
    let cards = squeeze(&Pdf::open(&scratch.path("out/cue-cards.pdf")).text());
    assert!(cards.contains("[churn.accuracy_logreg]"), "the blank is not visible");
    assert!(cards.contains("GUIDE'SEXAMPLE"), "the guide's example is not marked on the cards");
    assert_eq!(cards.matches("GUIDE'SEXAMPLE").count(), 2, "only Q3's two faces are the guide's");
    let sheet = squeeze(&Pdf::open(&scratch.path("out/cheat-sheet.pdf")).text());
    assert!(sheet.contains("GUIDE'SEXAMPLE"), "the guide's example is not marked on the cheat sheet");
    let answers = squeeze(&Pdf::open(&scratch.path("out/answers.pdf")).text());
    assert_eq!(answers.matches("GUIDE'SEXAMPLE").count(), 1, "Q3 is marked in the answers, and only Q3");
    assert!(answers.contains("[churn.accuracy_logreg]"), "the blank is not visible in the answers");
}

/// Every note's fields of a built deck, joined.
fn deck_text(path: &Path) -> Vec<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut db = Vec::new();
    zip.by_name("collection.anki2").unwrap().read_to_end(&mut db).unwrap();
    let file = path.with_extension("test.db");
    std::fs::write(&file, &db).unwrap();
    let conn = rusqlite::Connection::open(&file).unwrap();
    let mut statement = conn.prepare("SELECT flds FROM notes ORDER BY id").unwrap();
    let notes = statement.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    std::fs::remove_file(&file).unwrap();
    notes
}

#[test]
fn red_flags_left_in_the_guides_words_print_marked_with_a_warning() {
    let scratch = Scratch::new("own-flags");
    // Priya's profile, with four red flags whose words to say instead name no fact left as
    // the guide wrote them: no missing fact gives them away.
    let guide_words = ["tutorial", "kaggle-data", "blaming-others", "vague-role"];
    let full = std::fs::read_to_string(fixture("priya.yaml")).unwrap();
    let profile: String = full
        .lines()
        .filter(|l| !guide_words.iter().any(|id| l.starts_with(&format!("  {id}: "))))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(scratch.path("me.yaml"), &profile).unwrap();
    let line = profile.lines().position(|l| l == "red_flags:").unwrap() + 1;
    let err = build(&scratch, &["build", "--profile", "me.yaml"]);
    let expected = format!(
        "me.yaml:{line}:1: warning: 4 red flags keep the guide's words for what to say instead (`tutorial`, `kaggle-data`, `blaming-others`, `vague-role`), which tell the demo persona's story; they print marked as the guide's example\n"
    );
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains("= hint: write yours under `red_flags:` (e.g. `tutorial: \"...\"`, `studypack init --own` lists them), or leave them out with `skip:`"), "{err}");
    // Marked wherever they print: after each of the four on the cheat sheet and the cards'
    // backs, and on their notes of the deck; her own red flags are not.
    let sheet = squeeze(&Pdf::open(&scratch.path("out/cheat-sheet.pdf")).text());
    assert_eq!(sheet.matches("GUIDE'SEXAMPLE").count(), 4, "{sheet}");
    assert!(sheet.contains("PostgreSQLdatabaseusingSQLqueries,handlingjoinsacrosscustomer,transaction,andproducttablesGUIDE'SEXAMPLE"), "{sheet}");
    let cards = squeeze(&Pdf::open(&scratch.path("out/cue-cards.pdf")).text());
    assert_eq!(cards.matches("GUIDE'SEXAMPLE").count(), 4);
    let notes = deck_text(&scratch.path("out/cue-cards.apkg"));
    let marked: Vec<&String> = notes.iter().filter(|n| n.contains("guide’s example, not yours")).collect();
    assert_eq!(marked.len(), 4, "{marked:#?}");
    assert!(marked.iter().any(|n| n.contains("I extracted data from the company's PostgreSQL database")));
    // Someone who also gives a figure of the guide's own project tells its story, and keeps
    // these words unmarked.
    let args = [
        "build",
        "--profile",
        "me.yaml",
        "--set",
        "churn.accuracy=91%",
        "--only",
        "cheatsheet",
        "--out",
        "churn",
    ];
    let err = build(&scratch, &args);
    assert!(!err.contains("red flags keep"), "{err}");
    let sheet = squeeze(&Pdf::open(&scratch.path("churn/cheat-sheet.pdf")).text());
    assert!(!sheet.contains("GUIDE'SEXAMPLE"));
}

#[test]
fn a_long_key_value_takes_a_row_of_its_own_under_my_numbers() {
    let scratch = Scratch::new("own-long-value");
    let full = std::fs::read_to_string(fixture("priya.yaml")).unwrap();
    let line = "    savings: { value: \"$3.7M\", key: true, about: Fraud losses avoided per year }\n";
    assert!(full.contains(line));
    let engine =
        "    engine: { value: Apache Flink on Kubernetes, key: true, about: Stream processing engine }\n";
    std::fs::write(scratch.path("me.yaml"), full.replace(line, &format!("{line}{engine}"))).unwrap();
    build(&scratch, &["build", "--profile", "me.yaml", "--only", "cheatsheet"]);
    let sheet = Pdf::open(&scratch.path("out/cheat-sheet.pdf"));
    let runs = &sheet.pages[0].runs;
    let run = |text: &str| {
        runs.iter().find(|r| r.text.contains(text)).unwrap_or_else(|| panic!("no {text}: {runs:#?}"))
    };
    // The long value and what it measures start one line; the short figures keep their
    // descriptions whole on their own lines beside them.
    let long = run("Apache Flink on Kubernetes");
    assert!(runs.iter().any(|r| r.text.contains("Stream") && (r.y - long.y).abs() < 0.5), "{runs:#?}");
    let described = run("Fraud losses avoided per year");
    assert!(runs.iter().any(|r| r.text.trim() == "$3.7M" && (r.y - described.y).abs() < 0.5), "{runs:#?}");
}

#[test]
fn own_fact_mistakes_are_located_with_a_fix() {
    let scratch = Scratch::new("own-errors");
    std::fs::write(
        scratch.path("me.yaml"),
        "projects:\n  fraud:\n    title: Card fraud\nfacts:\n  person.name: Priya\n  frod.auc: 0.94\n  churn.acuracy: 91%\n  fraud:\n    auc: { value: 0.94, kind: percent }\nquestions:\n  - id: model-choice\n    headline: \"a {{ churn.acuracy_logreg }} baseline and {{ fraud.aucc }}\"\n",
    )
    .unwrap();
    for command in ["check", "build"] {
        let output = studypack(&scratch.0, &[command, "--profile", "me.yaml"]);
        let (_, err) = streams(&output);
        assert_eq!(output.status.code(), Some(1), "{command} must fail cleanly, not panic:\n{err}");
        for expected in [
            "me.yaml:6:3: error: unknown fact `frod.auc`\n  |\n6 |   frod.auc: 0.94\n  |   ^\n  |\n  = hint: `frod` is not one of your projects: declare it first, e.g. `projects: { frod: { title: Card fraud detection } }`",
            "me.yaml:7:3: error: unknown fact `churn.acuracy`\n  |\n7 |   churn.acuracy: 91%\n  |   ^\n  |\n  = hint: did you mean `churn.accuracy`?",
            "me.yaml:9:10: error: `0.94` is not a percent value (`fraud.auc` is a percent)",
            "me.yaml:12:18: error: unknown fact `churn.acuracy_logreg` in question `model-choice`\n   |\n12 |     headline: \"a {{ churn.acuracy_logreg }} baseline and {{ fraud.aucc }}\"\n   |                  ^\n   |\n   = hint: did you mean `churn.accuracy_logreg`?",
            "me.yaml:12:58: error: unknown fact `fraud.aucc` in question `model-choice`",
        ] {
            assert!(err.contains(expected), "{command}: missing\n{expected}\n\nin:\n{err}");
        }
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn init_own_writes_a_skeleton_that_validates_and_builds_once_filled_in() {
    let scratch = Scratch::new("init-own");
    let output = studypack(&scratch.0, &["init", "--own", "me.yaml"]);
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{err}");
    assert!(out.starts_with("wrote me.yaml: name your projects"), "{out}");
    let text = std::fs::read_to_string(scratch.path("me.yaml")).unwrap();
    // Every bank question has its slot with its prompt and target time.
    for slot in [
        "# - id: impact-project",
        "# Q3 \"How do you choose which model to use?\" (say it in 1m30s)",
        "# - id: conflict",
    ] {
        assert!(text.contains(slot), "no slot {slot:?}");
    }
    // As written, it is a to-do list: every question is still the guide's example.
    let output = studypack(&scratch.0, &["check", "--profile", "me.yaml"]);
    let (_, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(err.contains("Q1 (impact-project) prints the guide's example answer"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    // Filled in: every commented slot after `questions:` uncommented (its "..." are text).
    let (head, tail) = text.split_at(text.find("\nquestions:\n").unwrap() + 1);
    let filled: String = tail
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            match trimmed.strip_prefix("# ") {
                Some(rest) if rest.starts_with(|c: char| c.is_ascii_lowercase() || c == ' ' || c == '-') => {
                    format!("{indent}{rest}\n")
                }
                _ => format!("{line}\n"),
            }
        })
        .collect();
    std::fs::write(scratch.path("filled.yaml"), format!("{head}{filled}")).unwrap();
    build(&scratch, &["build", "--profile", "filled.yaml"]);
    let cards = squeeze(&Pdf::open(&scratch.path("out/cue-cards.pdf")).text());
    assert!(cards.contains("YOURFIRSTPROJECT"), "the project title does not print");

    // Both validate against `studypack schema`.
    let output = studypack(&scratch.0, &["schema"]);
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for name in ["me.yaml", "filled.yaml"] {
        let yaml = std::fs::read_to_string(scratch.path(name)).unwrap();
        let instance: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
        let errors: Vec<String> = validator.iter_errors(&instance).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    for name in ["priya.yaml", "northwind.yaml"] {
        let yaml = std::fs::read_to_string(fixture(name)).unwrap();
        let instance: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
        let errors: Vec<String> = validator.iter_errors(&instance).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    // The example projects' facts stay fixed: a typo there fails the schema.
    let instance: serde_json::Value = serde_yaml::from_str("facts:\n  churn:\n    acuracy: 91%\n").unwrap();
    assert!(!validator.is_valid(&instance));
}

#[test]
fn list_prints_the_ids_a_profile_uses() {
    let scratch = Scratch::new("own-list");
    let output = studypack(&scratch.0, &["list"]);
    let (out, _) = streams(&output);
    for expected in
        ["best-tool", "accuracy-alone", "three-layer-example", "formula-example", "elevator-pitch"]
    {
        assert!(out.contains(expected), "list lacks {expected}:\n{out}");
    }
}

#[test]
fn a_fresh_own_profile_points_each_unanswered_question_at_its_slot() {
    let scratch = Scratch::new("own-slots");
    studypack(&scratch.0, &["init", "--own"]);
    let text = std::fs::read_to_string(scratch.path("profile.yaml")).unwrap();
    let output = studypack(&scratch.0, &["check"]);
    let (_, err) = streams(&output);
    assert!(err.starts_with("19 errors, each with its place and a way to fix it:\n"), "{err}");
    let line = text.lines().position(|l| l == "  # - id: model-choice").unwrap() + 1;
    assert!(
        err.contains(&format!(
            "profile.yaml:{line}:3: error: Q3 (model-choice) prints the guide's example answer"
        )),
        "{err}"
    );
    assert!(
        err.contains("= hint: tell your own: uncomment the slot here and write it in your own words"),
        "{err}"
    );
}
