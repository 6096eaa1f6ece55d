//! The full answers in print (answers.pdf), the checklist on one page for every job, how
//! full the fitted pages are, and interview times in the job's zone and the person's own.
//! Packs are rendered and their PDFs read back.

mod common;

use common::pdf::{Pdf, collapse, squeeze};
use common::{Scratch, crate_dir, names, streams, studypack};
use std::path::{Path, PathBuf};
use std::process::Command;
use studypack::pack::{RichBlock, Span};

const LETTER: (f64, f64) = (612.0, 792.0);
const A4: (f64, f64) = (595.276, 841.89);

fn fixture(name: &str) -> PathBuf {
    crate_dir().join("tests/fixtures/person").join(name)
}

fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

fn blocks_text(blocks: &[RichBlock]) -> Vec<String> {
    blocks.iter().map(|b| plain(&b.spans)).collect()
}

/// Builds with `args` in `scratch` and returns the standard output; fails the test on an error.
fn build(scratch: &Scratch, args: &[&str]) -> String {
    let output = studypack(&scratch.0, &[&["build"], args].concat());
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{args:?}: {out}{err}");
    out
}

/// Writes `text` to `name` in the scratch folder and returns its path as a string.
fn write(scratch: &Scratch, name: &str, text: &str) -> String {
    let path = scratch.path(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// Jordan's profile (every fact his own) with `extra` appended.
fn jordan_with(scratch: &Scratch, extra: &str) -> String {
    let jordan = std::fs::read_to_string(fixture("jordan.yaml")).unwrap();
    write(scratch, "me.yaml", &format!("{jordan}{extra}"))
}

#[test]
fn answers_pdf_holds_every_answer_paragraph_the_pitch_and_the_timeline() {
    let scratch = Scratch::new("answers-demo");
    build(&scratch, &["--only", "answers"]);
    let pdf = Pdf::open(&scratch.path("out/answers.pdf"));
    let text = squeeze(&pdf.text());
    let bank = studypack::bank::Bank::builtin().unwrap();
    let pack = studypack::pack::resolve(&bank, &bank.examples(), 150);
    let mut checked = 0;
    for q in &pack.questions {
        let mut expected = vec![plain(&q.prompt), plain(&q.headline)];
        let c = &q.cues;
        expected.extend([&c.context, &c.challenge, &c.approach, &c.result, &c.learning].map(|s| plain(s)));
        expected.extend(blocks_text(&q.answer));
        for part in expected {
            assert!(text.contains(&squeeze(&part)), "Q{}: not printed: {part:?}", q.number);
            checked += 1;
        }
    }
    let s = &pack.scripts;
    let mut scripts = blocks_text(&s.elevator_pitch);
    scripts.extend(blocks_text(&s.timeline_intro));
    scripts.extend(blocks_text(&s.timeline_outro));
    scripts.extend(s.timeline_steps.iter().map(|st| format!("{}{}", plain(&st.when), plain(&st.text))));
    for part in scripts {
        assert!(text.contains(&squeeze(&part)), "script not printed: {part:?}");
    }
    assert!(checked > 100, "only {checked} parts checked");
    assert!(text.contains(&squeeze(&format!("{} words", s.elevator_pitch_words))));
    assert!(text.contains(&squeeze(&format!("{} words", s.timeline_words))));

    // Letter pages, body text at 10.5 pt (most characters), nothing but labels and footers smaller.
    assert!(pdf.pages.iter().all(|p| (p.width, p.height) == LETTER));
    let mut by_size = std::collections::BTreeMap::new();
    for run in pdf.pages.iter().flat_map(|p| &p.runs) {
        *by_size.entry((run.size * 100.0).round() as i64).or_insert(0) += run.text.chars().count();
    }
    let body = by_size.iter().max_by_key(|(_, n)| **n).map(|(size, _)| *size).unwrap();
    assert_eq!(body, 1050, "{by_size:?}");
    let small: usize = by_size.range(..1000).map(|(_, n)| n).sum();
    let all: usize = by_size.values().sum();
    assert!(small * 6 < all, "{small} of {all} characters below 10 pt");
    // Every page has its footer: the person's name and the page number.
    let pages = pdf.pages.len();
    assert_eq!(pages, 9);
    for (i, page) in pdf.pages.iter().enumerate() {
        let footer = squeeze(&format!("Alex Morgan · full answers · page {} of {pages}", i + 1));
        assert!(squeeze(&page.text()).contains(&footer), "page {} has no footer", i + 1);
    }
    assert_eq!(pdf.title.as_deref(), Some("Full answers: Alex Morgan"));
    assert_eq!(pdf.author.as_deref(), Some("Alex Morgan"));
    assert!(pdf.fonts.iter().all(|f| f.embedded));
}

#[test]
fn a_question_heading_never_ends_a_page() {
    let scratch = Scratch::new("answers-headings");
    for paper in ["letter", "a4"] {
        build(&scratch, &["--only", "answers", "--paper", paper, "--out", paper]);
        let pdf = Pdf::open(&scratch.path(paper).join("answers.pdf"));
        let size = if paper == "a4" { A4 } else { LETTER };
        for (i, page) in pdf.pages.iter().enumerate() {
            assert!((page.width - size.0).abs() < 0.01 && (page.height - size.1).abs() < 0.01, "{paper}");
            // The lowest text above the footer must not be a heading label ("LAYER 3 · FULL
            // ANSWER" or a question's category line) or a prompt.
            let body: Vec<_> = page.runs.iter().filter(|r| r.y > 50.0).collect();
            let lowest = body.iter().map(|r| r.y).fold(f64::MAX, f64::min);
            let last_line = squeeze(
                &body
                    .iter()
                    .filter(|r| (r.y - lowest).abs() < 1.0)
                    .map(|r| r.text.as_str())
                    .collect::<String>(),
            );
            let heading = last_line.starts_with("LAYER")
                || ["GENERAL·", "TECHNICAL·", "BEHAVIORAL·", "SCRIPT"].iter().any(|h| last_line.contains(h));
            assert!(!heading, "{paper} page {}: ends with a heading: {last_line:?}", i + 1);
        }
    }
}

#[test]
fn every_fact_of_a_changed_profile_prints_in_the_pack_and_no_demo_value_remains() {
    let scratch = Scratch::new("answers-every-fact");
    build(&scratch, &["--profile", fixture("jordan.yaml").to_str().unwrap()]);
    let names = ["cue-cards.pdf", "cheat-sheet.pdf", "checklist.pdf", "answers.pdf"];
    let texts: Vec<String> = names.iter().map(|n| Pdf::open(&scratch.path("out").join(n)).text()).collect();
    let all = squeeze(&texts.join(" "));
    let bank = studypack::bank::Bank::builtin().unwrap();
    assert_eq!(bank.facts.len(), 86);
    let merged = studypack::profile::merge(
        &bank,
        &studypack::profile::Sources { profile: Some(fixture("jordan.yaml")), ..Default::default() },
    )
    .unwrap()
    .0;
    let values = &merged[0].values;
    let missing: Vec<String> = bank
        .facts
        .iter()
        .filter(|f| !all.contains(&squeeze(&values[&f.path])))
        .map(|f| format!("{} = {}", f.path, values[&f.path]))
        .collect();
    assert!(missing.is_empty(), "not printed anywhere: {missing:?}");
    // Without answers.pdf some facts would print nowhere: the answers are what holds them.
    let without = squeeze(&texts[..3].join(" "));
    let only_in_answers = bank.facts.iter().filter(|f| !without.contains(&squeeze(&values[&f.path]))).count();
    assert!(only_in_answers > 0);
    // No demo value anywhere in the pack: each occurs, as a whole word, no more often than in
    // the same pack with every fact blank (a draft with no facts), where only the bank's own
    // text and the layouts' labels are left (`Prepare 3 questions`, `Q11`, `the first 6 months`).
    let skeleton = write(&scratch, "skeleton.yaml", "pace_wpm: 140\n");
    build(&scratch, &["--draft", "--profile", &skeleton, "--out", "skeleton"]);
    let blanks: Vec<String> =
        names.iter().map(|n| collapse(&Pdf::open(&scratch.path("skeleton").join(n)).text())).collect();
    let count = |hay: &str, needle: &str| {
        hay.match_indices(needle)
            .filter(|(i, _)| {
                let before = hay[..*i].chars().next_back();
                let after = hay[i + needle.len()..].chars().next();
                let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '.' && c != '$');
                edge(before) && edge(after)
            })
            .count()
    };
    // Jordan's own values go first, so that his `5 years` is not taken for the demo's `5`.
    let mut own: Vec<&String> = values.values().collect();
    own.sort_by_key(|v| std::cmp::Reverse(v.len()));
    let without_own: Vec<String> =
        texts.iter().map(|t| own.iter().fold(collapse(t), |t, v| t.replace(v.as_str(), "Ж"))).collect();
    let mut remaining = Vec::new();
    for f in bank.facts.iter().filter(|f| f.example != values[&f.path]) {
        for ((name, text), blank) in names.iter().zip(&without_own).zip(&blanks) {
            let (ours, template) = (count(text, &f.example), count(blank, &f.example));
            if ours > template {
                remaining.push(format!(
                    "{name}: {} = {} ({ours} times, the template has it {template})",
                    f.path, f.example
                ));
            }
        }
    }
    assert!(remaining.is_empty(), "demo values in the pack: {remaining:#?}");
}

#[test]
fn a_jobs_select_order_is_the_answers_order_and_only_answers_writes_only_that_file() {
    let scratch = Scratch::new("answers-select");
    let out = build(
        &scratch,
        &[
            "--only",
            "answers",
            "--profile",
            fixture("jordan.yaml").to_str().unwrap(),
            "--job",
            fixture("acme.yaml").to_str().unwrap(),
        ],
    );
    // A job's pack goes to OUT/<job file stem>/.
    let files: Vec<String> =
        names(&scratch.path("out/acme")).into_iter().filter(|n| !n.starts_with('.')).collect();
    assert_eq!(files, ["answers.pdf"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("out/acme/answers.pdf  "), "{out}");
    assert!(lines[0].contains("3 answers in full, the pitch and the timeline"), "{out}");
    let text = squeeze(&Pdf::open(&scratch.path("out/acme/answers.pdf")).text());
    let order = [
        "Describe a time you dealt with a challenging dataset",
        "Walk me through your most impactful ML project",
        "Describe a conflict with a team member",
    ]
    .map(|p| text.find(&squeeze(p)).unwrap_or_else(|| panic!("{p:?} not found")));
    assert!(order[0] < order[1] && order[1] < order[2], "{order:?}");
    // Each keeps the bank's number, as in `studypack list`: Q2, Q1, Q11.
    let badge = |b: &str, from: usize| text[from..].find(b).map(|i| i + from).unwrap();
    let badges = [badge("Q2", 0), badge("Q1", order[0]), badge("Q11", order[1])];
    assert!(badges[0] < order[0] && badges[1] < order[1] && badges[2] < order[2], "{badges:?} {order:?}");
    assert!(!text.contains("Q4"), "three questions");
    assert!(!text.contains(&squeeze("How do you prevent overfitting?")));
    assert!(text.contains("$2.6M"), "Acme's own figure");
}

/// The checklist's page count and its build line for `args`.
fn checklist(scratch: &Scratch, out: &str, args: &[&str]) -> (Pdf, String) {
    let stdout = build(scratch, &[&["--only", "checklist", "--out", out], args].concat());
    (
        Pdf::open(&pack_dir(&scratch.path(out), args).join("checklist.pdf")),
        stdout.lines().next().unwrap().to_string(),
    )
}

/// Where a build with `args` into `out` puts its pack: OUT/<job file stem>/ for a job.
fn pack_dir(out: &Path, args: &[&str]) -> PathBuf {
    match args.iter().position(|a| *a == "--job") {
        Some(i) => out.join(Path::new(args[i + 1]).file_stem().unwrap()),
        None => out.to_path_buf(),
    }
}

#[test]
fn the_checklist_is_one_page_for_the_demo_acme_and_globex_on_letter_and_a4() {
    let scratch = Scratch::new("checklist-one-page");
    let jordan = fixture("jordan.yaml");
    let line = regex::Regex::new(r"^\S+checklist\.pdf  1 page  \d+ groups, \d+ items to tick, at (\d+(\.\d+)?) pt, (\d+)% full  \d+ ms$").unwrap();
    for paper in ["letter", "a4"] {
        for (name, job) in [("demo", None), ("acme", Some("acme.yaml")), ("globex", Some("globex.yaml"))] {
            let mut args = vec!["--paper", paper];
            let job = job.map(fixture);
            if let Some(job) = &job {
                args.extend(["--profile", jordan.to_str().unwrap(), "--job", job.to_str().unwrap()]);
            }
            let (pdf, stdout) = checklist(&scratch, &format!("{name}-{paper}"), &args);
            assert_eq!(pdf.pages.len(), 1, "{name} on {paper}");
            let caps = line.captures(&stdout).unwrap_or_else(|| panic!("{name} on {paper}: {stdout}"));
            let size: f64 = caps[1].parse().unwrap();
            let full: u32 = caps[3].parse().unwrap();
            assert!((7.0..=10.0).contains(&size), "{name} on {paper}: {size} pt");
            assert!((40..=100).contains(&full), "{name} on {paper}: {full}% full");
            // The closing words made it onto the page.
            assert!(squeeze(&pdf.text()).contains(&squeeze("Now go show them!")), "{name} on {paper}");
        }
    }
}

#[test]
fn the_checklist_fits_one_page_at_the_limit_of_questions_to_ask_and_names_the_fix_past_it() {
    let scratch = Scratch::new("checklist-limit");
    let limit = studypack::render::MAX_QUESTIONS_TO_ASK;
    let bank = studypack::bank::Bank::builtin().unwrap();
    let own = bank.checklist.questions_to_ask.len();
    let ask = |n: usize| {
        (0..n)
            .map(|i| {
                format!(
                    "  - How would my first {} months on the data platform team be judged, and by whom?\n",
                    i + 2
                )
            })
            .collect::<String>()
    };
    let profile = jordan_with(&scratch, "");
    let job = |n: usize| {
        let text = format!(
            "job:\n  company: Globex Corporation\n  role: Senior Machine Learning Engineer\n  date: 2027-01-12\n  time: \"09:00\"\n  time_zone: America/New_York\n  format: video\n  interviewers: [Hank Scorpio (VP Engineering), Frank Grimes (Staff ML Engineer), Lisa Simpson]\nquestions_to_ask:\n{}",
            ask(n)
        );
        write(&scratch, "globex.yaml", &text)
    };
    let at_limit = job(limit - own);
    for paper in ["letter", "a4"] {
        let (pdf, _) = checklist(
            &scratch,
            &format!("limit-{paper}"),
            &["--paper", paper, "--profile", &profile, "--job", &at_limit],
        );
        assert_eq!(pdf.pages.len(), 1, "{limit} questions to ask on {paper}");
    }
    let past = job(limit - own + 2);
    let output = studypack(
        &scratch.0,
        &["build", "--only", "checklist", "--out", "past", "--profile", &profile, "--job", &past],
    );
    let (out, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    assert_eq!(
        err.lines().take(3).collect::<Vec<_>>(),
        [
            format!(
                "error: the checklist has {} questions to ask; it holds at most {limit} on its one page",
                limit + 2
            ),
            " |".to_string(),
            format!(
                " = hint: keep the {limit} you most want to ask: remove 2 from the job file's `questions_to_ask:`"
            ),
        ]
    );
    assert!(!scratch.path("past").exists());
}

#[test]
fn build_lines_report_how_full_the_pages_are_and_the_smallest_card_text() {
    let scratch = Scratch::new("fit-lines");
    let out = build(&scratch, &[]);
    let lines: Vec<&str> = out.lines().collect();
    let cards = regex::Regex::new(r"^out/cue-cards\.pdf  \d+ pages  \d+ cards \(11 questions, \d+ drills\), 4 per sheet, duplex long-edge, smallest text \d+(\.5)? pt \(.+, (front|back)\)  \d+ ms$").unwrap();
    assert!(cards.is_match(lines[0]), "{}", lines[0]);
    let sheet = regex::Regex::new(r"^out/cheat-sheet\.pdf  1 page  11 questions, \d+ key numbers, at \d+(\.\d+)? pt, (\d+)% full  \d+ ms$").unwrap();
    let caps = sheet.captures(lines[1]).unwrap_or_else(|| panic!("{}", lines[1]));
    let full: u32 = caps[2].parse().unwrap();
    // The fit takes the largest size that fits: a quarter point more would not, so the page is nearly full.
    assert!((80..=100).contains(&full), "{}", lines[1]);
    assert!(lines[2].starts_with("out/checklist.pdf  1 page  "), "{}", lines[2]);
    assert!(lines[3].starts_with("out/answers.pdf  "), "{}", lines[3]);
}

#[test]
fn interview_times_print_in_both_zones_on_each_side_of_a_daylight_saving_change() {
    let scratch = Scratch::new("two-zones");
    let profile = jordan_with(&scratch, "time_zone: Europe/Berlin\n");
    // The US moves its clocks on 14 March 2027, Europe on 28 March: in between, New York is
    // five hours behind Berlin instead of six.
    for (date, expected) in [
        ("2027-01-12", "Tue 12 Jan 2027, 09:00 in New York — 15:00 your time, Berlin"),
        ("2027-03-16", "Tue 16 Mar 2027, 09:00 in New York — 14:00 your time, Berlin"),
        ("2027-03-30", "Tue 30 Mar 2027, 09:00 in New York — 15:00 your time, Berlin"),
    ] {
        let job = write(
            &scratch,
            &format!("globex-{date}.yaml"),
            &format!(
                "job:\n  company: Globex\n  date: {date}\n  time: \"09:00\"\n  time_zone: America/New_York\n  format: video\n"
            ),
        );
        let args = ["--out", date, "--profile", &profile, "--job", &job];
        build(&scratch, &args);
        let dir = pack_dir(&scratch.path(date), &args);
        let open = |name: &str| squeeze(&Pdf::open(&dir.join(name)).text());
        for name in ["checklist.pdf", "cheat-sheet.pdf", "cue-cards.pdf"] {
            assert!(open(name).contains(&squeeze(expected)), "{date}: {name} lacks {expected:?}");
        }
        assert!(open("checklist.pdf").contains(&squeeze(&format!("Confirm {expected}"))));
    }
}

#[test]
fn a_half_hour_zone_and_a_day_change_print_right() {
    let scratch = Scratch::new("half-hour");
    let profile = jordan_with(&scratch, "time_zone: Asia/Kolkata\n");
    let job = write(
        &scratch,
        "job.yaml",
        "job:\n  company: Initech\n  date: 2027-07-01\n  time: \"16:00\"\n  time_zone: America/Los_Angeles\n",
    );
    build(&scratch, &["--only", "checklist", "--profile", &profile, "--job", &job]);
    let text = squeeze(&Pdf::open(&scratch.path("out/job/checklist.pdf")).text());
    // 16:00 PDT (UTC-7) is 23:00 UTC, 04:30 the next day in India (UTC+5:30).
    let expected = "Thu 1 Jul 2027, 16:00 in Los Angeles — Fri 2 Jul, 04:30 your time, Kolkata";
    assert!(text.contains(&squeeze(expected)), "{text}");
}

#[test]
fn an_unknown_time_zone_is_a_located_error_with_a_suggestion() {
    let scratch = Scratch::new("bad-zone");
    let profile = jordan_with(&scratch, "time_zone: Europe/Berln\n");
    let job = write(&scratch, "job.yaml", "job:\n  company: Globex\n  time_zone: New York\n");
    let output = studypack(&scratch.0, &["build", "--profile", &profile, "--job", &job]);
    let (out, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    let lines = jordan_lines();
    let expected = [
        format!("{}:{}:12: error: unknown time zone `Europe/Berln`", profile, lines + 1),
        "  = hint: did you mean `Europe/Berlin`? Zones are IANA names (Europe/Berlin) or offsets (UTC+2)"
            .to_string(),
    ];
    assert!(err.contains(&expected[0]), "{err}");
    assert!(err.contains(&expected[1]), "{err}");
    assert!(err.contains(&format!("{job}:3:14: error: unknown time zone `New York`")), "{err}");
    assert!(err.contains("did you mean `America/New_York`?"), "{err}");
    assert!(!scratch.path("out").exists());
}

fn jordan_lines() -> usize {
    std::fs::read_to_string(fixture("jordan.yaml")).unwrap().lines().count()
}

#[test]
fn a_job_file_with_only_its_company_builds_a_full_pack() {
    let scratch = Scratch::new("company-only");
    let job = write(&scratch, "initech.yaml", "job:\n  company: Initech\n");
    let out = build(&scratch, &["--profile", fixture("jordan.yaml").to_str().unwrap(), "--job", &job]);
    assert_eq!(out.lines().count(), 6, "four PDFs, the deck and the total: {out}");
    let open = |name: &str| Pdf::open(&scratch.path("out/initech").join(name));
    let checklist = open("checklist.pdf");
    assert_eq!(checklist.pages.len(), 1);
    let text = squeeze(&checklist.text());
    // The first item asks to confirm the date; the role is the person's own.
    let first = text.find(&squeeze("THE INTERVIEW")).unwrap();
    let confirm = text.find(&squeeze("Confirm the date and time with Initech")).unwrap();
    assert!(confirm > first && confirm - first < 40, "{text}");
    assert!(text.contains(&squeeze("Initech · Data Scientist")), "{text}");
    assert!(squeeze(&open("cheat-sheet.pdf").text()).contains(&squeeze("Initech")));
    assert!(
        squeeze(&open("answers.pdf").text()).contains(&squeeze("Initech · Data Scientist · date to confirm"))
    );
    assert!(
        squeeze(&open("cue-cards.pdf").text()).contains(&squeeze("Jordan Lee · Initech · date to confirm"))
    );
}

#[test]
fn an_interview_date_in_the_past_is_a_warning() {
    let scratch = Scratch::new("past-date");
    let job = write(&scratch, "old.yaml", "job:\n  company: Initech\n  date: 2026-06-01\n");
    let run = |epoch: &str| {
        Command::new(env!("CARGO_BIN_EXE_studypack"))
            .args(["check", "--job", &job])
            .current_dir(&scratch.0)
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap()
    };
    // 2026-06-02 and 2026-05-31, 12:00 UTC.
    let (out, err) = streams(&run("1780401600"));
    assert!(
        err.contains("warning: the interview at Initech on 2026-06-01 is in the past (today is 2026-06-02)"),
        "{out}{err}"
    );
    let (_, err) = streams(&run("1780228800"));
    assert!(!err.contains("in the past"), "{err}");
}

#[test]
fn answers_are_byte_identical_across_builds_and_draft_blanks_print_in_them() {
    let scratch = Scratch::new("answers-repro");
    build(&scratch, &["--only", "answers", "--out", "one"]);
    build(&scratch, &["--only", "answers", "--out", "two"]);
    let read = |dir: &str| std::fs::read(scratch.path(dir).join("answers.pdf")).unwrap();
    assert_eq!(read("one"), read("two"));
    // A profile without a fact the answers use, built as a draft: the blank names the fact.
    let jordan = std::fs::read_to_string(fixture("jordan.yaml")).unwrap();
    let without: String =
        jordan.lines().filter(|l| !l.contains("smote_sampling_strategy")).map(|l| format!("{l}\n")).collect();
    let profile = write(&scratch, "draft.yaml", &without);
    build(&scratch, &["--only", "answers", "--out", "draft", "--draft", "--profile", &profile]);
    let text = squeeze(&Pdf::open(&scratch.path("draft/answers.pdf")).text());
    assert!(text.contains("[churn.smote_sampling_strategy]"), "no blank");
}

#[test]
fn a_checklist_that_cannot_fit_at_7_pt_names_its_longest_sections() {
    let scratch = Scratch::new("checklist-too-long");
    let prompt =
        "Tell me, in as much detail as you can, about a time you had to weigh several options. ".repeat(8);
    let bank = studypack::bank::Bank::builtin().unwrap();
    let mut extra = String::from("questions:\n");
    for q in &bank.questions {
        extra.push_str(&format!("  - id: {}\n    prompt: \"{}\"\n", q.id, prompt.trim()));
    }
    let profile = jordan_with(&scratch, &extra);
    let output = studypack(&scratch.0, &["build", "--only", "checklist", "--profile", &profile]);
    let (out, err) = streams(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    let re = regex::Regex::new(r"^error: the checklist needs 2 pages even at 7 pt; it must fit on one\n \|\n = hint: shorten its longest sections: rehearsing the questions \((\d+)% of the page\), [a-z“” ]+ \((\d+)% of the page\), [a-z“” ]+ \((\d+)% of the page\)\n").unwrap();
    let caps = re.captures(&err).unwrap_or_else(|| panic!("{err}"));
    let shares: Vec<u32> = (1..=3).map(|i| caps[i].parse().unwrap()).collect();
    assert!(shares[0] > 60 && shares[0] >= shares[1] && shares[1] >= shares[2], "{err}");
    assert!(!scratch.path("out").exists());
}
