//! The Anki deck (`cue-cards.apkg`): opened as Anki reads it (a zip holding an SQLite
//! collection) and checked note by note: what each note holds, its identity across
//! rebuilds, its modification time, and the bytes of identical builds.

mod common;

use common::{Scratch, crate_dir, names, streams, studypack};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// One note as the collection stores it.
#[derive(Debug, Clone)]
struct Note {
    guid: String,
    note_type: String,
    modified: i64,
    tags: String,
    fields: Vec<String>,
    cards: usize,
}

/// A deck file opened: its deck names and notes in order.
struct Deck {
    decks: Vec<String>,
    notes: Vec<Note>,
}

impl Deck {
    fn open(path: &Path) -> Deck {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
        names.sort();
        assert_eq!(names, ["collection.anki2", "media"]);
        let mut media = String::new();
        zip.by_name("media").unwrap().read_to_string(&mut media).unwrap();
        assert_eq!(media, "{}");
        let mut db = Vec::new();
        zip.by_name("collection.anki2").unwrap().read_to_end(&mut db).unwrap();
        let file =
            std::env::temp_dir().join(format!("studypack-anki-{}-{}.db", std::process::id(), unique()));
        std::fs::write(&file, &db).unwrap();
        let deck = Deck::read(&Connection::open(&file).unwrap());
        std::fs::remove_file(&file).unwrap();
        deck
    }

    fn read(conn: &Connection) -> Deck {
        let (models, decks): (String, String) =
            conn.query_row("SELECT models, decks FROM col", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        let models: serde_json::Value = serde_json::from_str(&models).unwrap();
        let decks: serde_json::Value = serde_json::from_str(&decks).unwrap();
        let mut deck_names: Vec<String> =
            decks.as_object().unwrap().values().map(|d| d["name"].as_str().unwrap().to_string()).collect();
        deck_names.sort();
        let mut statement = conn
            .prepare(
                "SELECT guid, mid, mod, tags, flds, (SELECT count(*) FROM cards WHERE nid = notes.id)
                 FROM notes ORDER BY id",
            )
            .unwrap();
        let notes = statement
            .query_map([], |r| {
                let mid: i64 = r.get(1)?;
                let fields: String = r.get(4)?;
                Ok(Note {
                    guid: r.get(0)?,
                    note_type: models[mid.to_string()]["name"].as_str().unwrap_or("?").to_string(),
                    modified: r.get(2)?,
                    tags: r.get(3)?,
                    fields: fields.split('\u{1f}').map(str::to_string).collect(),
                    cards: r.get::<_, i64>(5)? as usize,
                })
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        Deck { decks: deck_names, notes }
    }

    fn of_type(&self, name: &str) -> Vec<&Note> {
        self.notes.iter().filter(|n| n.note_type == name).collect()
    }

    fn by_guid(&self) -> BTreeMap<String, Note> {
        self.notes.iter().map(|n| (n.guid.clone(), n.clone())).collect()
    }
}

fn unique() -> usize {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
}

fn jordan() -> String {
    crate_dir().join("tests/fixtures/person/jordan.yaml").display().to_string()
}

/// `studypack build ARGS` in `scratch`, which must succeed; returns standard output.
fn build(scratch: &Scratch, args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend(args);
    let output = studypack(&scratch.0, &all);
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{out}{err}");
    out
}

/// The same with `SOURCE_DATE_EPOCH` set.
fn build_at(scratch: &Scratch, epoch: &str, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_studypack"))
        .arg("build")
        .args(args)
        .current_dir(&scratch.0)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap();
    let (out, err) = streams(&output);
    assert!(output.status.success(), "{out}{err}");
    out
}

#[test]
fn build_writes_the_deck_beside_the_pdfs_with_a_note_per_recall_card() {
    let scratch = Scratch::new("anki-demo");
    let out = build(&scratch, &[]);
    let line = out.lines().find(|l| l.starts_with("out/cue-cards.apkg  ")).unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains(
            "deck Interview prep::Alex Morgan  38 notes (11 questions, 10 red flags, 6 frameworks, scripts and lists, 11 drills), 55 cards, 38 changed  "
        ),
        "{line}"
    );
    let deck = Deck::open(&scratch.path("out/cue-cards.apkg"));
    assert_eq!(deck.decks, ["Default", "Interview prep::Alex Morgan"]);
    assert_eq!(deck.notes.len(), 38);
    let questions = deck.of_type("studypack question");
    assert_eq!(questions.len(), 11);
    assert!(questions.iter().all(|n| n.cards == 1 && n.fields.len() == 11));
    let cards = deck.of_type("studypack card");
    let labels: Vec<&str> = cards.iter().map(|n| n.fields[2].as_str()).collect();
    assert_eq!(labels.iter().filter(|l| l.starts_with("Red flag ")).count(), 10);
    assert_eq!(
        labels[10..],
        ["Framework", "Framework", "Script", "Script", "Questions to ask", "During the interview"]
    );
    // The questions-to-ask card and its back, the final tips, as on the cue cards: the
    // guide's seven questions and eight tips.
    let ask = &cards[14];
    assert!(ask.fields[0].starts_with("Your questions to ask the interviewer"), "{:?}", ask.fields);
    assert_eq!(ask.fields[1].matches("<li>").count(), 7, "{}", ask.fields[1]);
    assert!(
        ask.fields[1].contains("<li>How is success measured for this role in the first 6 months?</li>"),
        "{}",
        ask.fields[1]
    );
    let tips = &cards[15];
    assert_eq!(tips.fields[1].matches("<li>").count(), 8, "{}", tips.fields[1]);
    assert!(tips.fields[1].contains("<li><b>Listen carefully</b>: "), "{}", tips.fields[1]);
    assert_eq!(tips.tags.trim(), "studypack::interview");
    assert!(cards.iter().all(|n| n.cards == 1));
    let drills = deck.of_type("studypack numbers drill");
    assert_eq!(drills.len(), 11);
    // One card per figure of each key sentence.
    assert_eq!(drills.iter().map(|n| n.cards).sum::<usize>(), 55 - 11 - 16);
    for drill in &drills {
        assert_eq!(drill.cards, drill.fields[0].matches("{{c").count(), "{:?}", drill.fields[0]);
    }
}

#[test]
fn q1_holds_the_persons_figures_in_bold_and_the_answer_below_the_divider() {
    let scratch = Scratch::new("anki-q1");
    build(&scratch, &["--profile", &jordan(), "--only", "anki"]);
    let deck = Deck::open(&scratch.path("out/cue-cards.apkg"));
    assert_eq!(deck.decks, ["Default", "Interview prep::Jordan Lee"]);
    let q1 = deck.of_type("studypack question")[0];
    let f = &q1.fields;
    assert_eq!(f[1], "Q1");
    assert_eq!(f[2], "General");
    assert_eq!(f[0], "Walk me through your most impactful ML project");
    assert_eq!(f[3], "1m30s");
    assert_eq!(
        f[4],
        "I built a churn prediction system for a regional bank that cut churn from <b class=\"sp-fig\">31%</b> to <b class=\"sp-fig\">23%</b>, saving <b class=\"sp-fig\">$2.3M</b> annually."
    );
    assert_eq!(
        f[5],
        "regional bank losing <b class=\"sp-fig\">31%</b> of customers, over <b class=\"sp-fig\">$7.5M</b> revenue"
    );
    assert_eq!(
        f[7],
        "LogReg, RF, XGBoost; tuned XGBoost <b class=\"sp-fig\">90.5%</b>; FastAPI, Docker, MLflow"
    );
    assert!(f[10].starts_with("<p>"), "answer: {}", f[10]);
    assert!(f[10].contains("<b class=\"sp-fig\">$2.3M</b>"), "answer: {}", f[10]);
    assert!(f[10].contains("XGBoost won with <b class=\"sp-fig\">90.5%</b> accuracy"), "answer: {}", f[10]);
    assert_eq!(q1.tags, " studypack::question category::general project::churn ");
}

#[test]
fn a_drill_asks_each_figure_of_its_key_sentence_as_a_cloze() {
    let scratch = Scratch::new("anki-drill");
    build(&scratch, &["--profile", &jordan(), "--only", "anki"]);
    let deck = Deck::open(&scratch.path("out/cue-cards.apkg"));
    let drill = deck
        .of_type("studypack numbers drill")
        .into_iter()
        .find(|n| n.fields[1] == "Numbers drill · Q3")
        .expect("a drill for Q3");
    assert_eq!(
        drill.fields[0],
        "I start simple and iterate: for churn, a Logistic Regression baseline at <b class=\"sp-fig\">{{c1::77.3%}}</b>, then XGBoost at <b class=\"sp-fig\">{{c2::88.3%}}</b> before tuning, chosen for its <b class=\"sp-fig\">{{c3::81%}}</b> recall, fast inference and easy deployment."
    );
    assert_eq!(drill.cards, 3);
    assert!(
        drill.fields[2].starts_with("<p>Q3: How do you choose which model to use?</p>"),
        "{}",
        drill.fields[2]
    );
    assert!(drill.tags.starts_with(" studypack::drill "), "{}", drill.tags);
}

#[test]
fn a_rebuild_after_a_figure_changed_keeps_every_guid_and_stamps_only_changed_notes_later() {
    let scratch = Scratch::new("anki-rebuild");
    build(&scratch, &["--profile", &jordan(), "--only", "anki"]);
    let before = Deck::open(&scratch.path("out/cue-cards.apkg")).by_guid();
    // At once, most likely within the same second: the changed notes must still be newer.
    let out = build(&scratch, &["--profile", &jordan(), "--only", "anki", "--set", "churn.accuracy=91.7%"]);
    let after = Deck::open(&scratch.path("out/cue-cards.apkg")).by_guid();
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "the same notes");
    let mut changed = 0;
    for (guid, old) in &before {
        let new = &after[guid];
        if new.fields == old.fields {
            assert_eq!(new.modified, old.modified, "an unchanged note kept its time: {:?}", new.fields[0]);
        } else {
            changed += 1;
            assert!(new.modified > old.modified, "a changed note is newer: {:?}", new.fields[0]);
            assert!(new.fields.iter().any(|f| f.contains("91.7%")), "{:?}", new.fields);
            assert!(!new.fields.iter().any(|f| f.contains("90.5%")), "{:?}", new.fields);
        }
    }
    assert!(changed >= 2, "the accuracy is in more than one note");
    assert!(out.contains(&format!(", {changed} changed  ")), "{out}");
}

#[test]
fn two_builds_of_the_same_inputs_into_one_folder_give_the_same_bytes() {
    let scratch = Scratch::new("anki-same");
    let job = crate_dir().join("tests/fixtures/person/acme.yaml").display().to_string();
    let profile = jordan();
    let args = ["--profile", &profile, "--job", &job, "--only", "anki"];
    let out = build(&scratch, &args);
    // A job's pack goes to OUT/<job file stem>/.
    let first = std::fs::read(scratch.path("out/acme/cue-cards.apkg")).unwrap();
    // A second later, so that a time taken from the clock would differ.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = build(&scratch, &args);
    assert!(first == std::fs::read(scratch.path("out/acme/cue-cards.apkg")).unwrap(), "the bytes differ");
    assert!(
        out.contains("deck Interview prep::Jordan Lee::Acme Analytics (Senior Data Scientist)  "),
        "{out}"
    );
    assert!(again.contains(", 0 changed  "), "{again}");
}

#[test]
fn with_source_date_epoch_a_build_is_reproducible_in_any_folder() {
    let (a, b) = (Scratch::new("anki-epoch-a"), Scratch::new("anki-epoch-b"));
    build_at(&a, "1764000000", &["--profile", &jordan(), "--only", "anki"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build_at(&b, "1764000000", &["--profile", &jordan(), "--only", "anki"]);
    let bytes = std::fs::read(a.path("out/cue-cards.apkg")).unwrap();
    assert!(bytes == std::fs::read(b.path("out/cue-cards.apkg")).unwrap(), "the bytes differ");
    let deck = Deck::open(&a.path("out/cue-cards.apkg"));
    assert!(deck.notes.iter().all(|n| n.modified == 1764000000));
}

#[test]
fn only_anki_writes_the_deck_alone() {
    let scratch = Scratch::new("anki-only");
    let out = build(&scratch, &["--only", "anki"]);
    assert_eq!(out.lines().count(), 2, "{out}");
    let entries = names(&scratch.path("out"));
    assert!(entries.iter().any(|e| e == "cue-cards.apkg"), "{entries:?}");
    assert!(!entries.iter().any(|e| e.ends_with(".pdf")), "{entries:?}");
}

#[test]
fn a_persons_markup_and_cloze_syntax_stay_literal() {
    let scratch = Scratch::new("anki-literal");
    let nasty = "<b>bank</b> & {{c1::x}} a::b }}";
    let job = scratch.path("job.yaml");
    std::fs::write(
        &job,
        "job:\n  company: \"Acme::Labs <&>\"\n  role: \"{{c1::Lead}}\"\n  date: 2026-12-03\n",
    )
    .unwrap();
    build(
        &scratch,
        &["--only", "anki", "--job", job.to_str().unwrap(), "--set", &format!("churn.client={nasty}")],
    );
    let deck = Deck::open(&scratch.path("out/job/cue-cards.apkg"));
    // `::` would nest decks in Anki: a zero-width space keeps the person's colons apart.
    assert_eq!(
        deck.decks,
        ["Default", "Interview prep::Alex Morgan::Acme:\u{200B}:Labs <&> ({{c1:\u{200B}:Lead}})"]
    );
    let escaped = "&lt;b&gt;bank&lt;/b&gt; &amp; &#123;&#123;c1::x&#125;&#125; a::b &#125;&#125;";
    let holding: Vec<&Note> =
        deck.notes.iter().filter(|n| n.fields.iter().any(|f| f.contains(escaped))).collect();
    assert!(!holding.is_empty(), "no note shows the client literally");
    for note in &deck.notes {
        for field in &note.fields {
            assert!(!field.contains(nasty) && !field.contains("<b>bank"), "unescaped: {field}");
        }
    }
}

#[test]
fn each_job_gets_its_own_deck_and_notes_that_never_update_each_other() {
    let scratch = Scratch::new("anki-jobs");
    let fixture = |name: &str| crate_dir().join("tests/fixtures/person").join(name).display().to_string();
    let (profile, acme, globex) = (jordan(), fixture("acme.yaml"), fixture("globex.yaml"));
    build(&scratch, &["--profile", &profile, "--job", &acme, "--job", &globex, "--only", "anki"]);
    let acme = Deck::open(&scratch.path("out/acme/cue-cards.apkg"));
    let globex = Deck::open(&scratch.path("out/globex/cue-cards.apkg"));
    // Named after the person and the job: inside the person's deck.
    assert_eq!(acme.decks, ["Default", "Interview prep::Jordan Lee::Acme Analytics (Senior Data Scientist)"]);
    assert_eq!(acme.of_type("studypack question").len(), 3, "Acme selects three questions");
    assert!(acme.notes.iter().any(|n| n.fields.iter().any(|f| f.contains(">$2.6M<"))), "Acme's own figure");
    let acme_guids: Vec<&String> = acme.notes.iter().map(|n| &n.guid).collect();
    assert!(globex.notes.iter().all(|n| !acme_guids.contains(&&n.guid)), "a GUID shared by two jobs");
}

#[test]
fn a_file_that_is_not_a_deck_in_the_folder_is_replaced_by_a_fresh_deck() {
    let scratch = Scratch::new("anki-not-a-deck");
    std::fs::create_dir_all(scratch.path("out")).unwrap();
    std::fs::write(scratch.path("out/cue-cards.apkg"), b"not a zip").unwrap();
    let out = build(&scratch, &["--only", "anki"]);
    assert!(out.contains(", 38 changed  "), "{out}");
    assert_eq!(Deck::open(&scratch.path("out/cue-cards.apkg")).notes.len(), 38);
}
