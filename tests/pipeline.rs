//! The whole pipeline as a property: generated profiles and job files (the person's own
//! questions and scripts with placeholders declared, undeclared, malformed and nested;
//! random `select`; random `--set`; keys given twice or left out) go through load → merge →
//! resolve → `check`'s warnings without a panic, and a sample of the packs that merge
//! accepts renders. Run long with e.g. `PROPTEST_CASES=150000 PROPTEST_RENDER_CASES=200
//! cargo test --test pipeline`.

mod common;

use proptest::prelude::*;
use std::sync::OnceLock;
use studypack::bank::Bank;
use studypack::profile::{self, Merged, Sources};
use studypack::{lint, pack};

fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| Bank::builtin().unwrap())
}

/// A YAML double-quoted scalar holding `s` exactly (JSON strings are YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// A fact path: one the bank declares, or one it does not.
fn fact_path() -> impl Strategy<Value = String> {
    let declared: Vec<String> = bank().facts.iter().map(|f| f.path.clone()).collect();
    prop_oneof![
        4 => prop::sample::select(declared),
        1 => "[a-z]{1,6}\\.[a-z_]{1,8}",
        1 => Just("churn.acuracy_logreg".to_string()),
    ]
}

/// A value in any of the kinds' forms, or not in any.
fn fact_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("91%".to_string()),
        Just("$1.2M".to_string()),
        Just("120 ms".to_string()),
        Just("5".to_string()),
        Just("0.92".to_string()),
        Just("2026-12-03".to_string()),
        Just("".to_string()),
        Just("   ".to_string()),
        "[ -~]{0,12}",
        ".{0,8}",
    ]
}

/// Text the person writes, with placeholders of every sort among its words.
fn own_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[ -z]{0,10}",
        2 => fact_path().prop_map(|p| format!("{{{{ {p} }}}}")),
        1 => Just("{{ churn.".to_string()),
        1 => Just("{{ {{ churn.f1 }} }}".to_string()),
        1 => Just("{{}}".to_string()),
        1 => Just("}}".to_string()),
        1 => Just("**bold** and `code`".to_string()),
        1 => Just("$ # * < \\".to_string()),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|p| p.concat())
}

/// A question id: one of the bank's (an override) or a new one.
fn question_id() -> impl Strategy<Value = String> {
    let ids: Vec<String> = bank().questions.iter().map(|q| q.id.clone()).collect();
    prop_oneof![3 => prop::sample::select(ids), 1 => "[a-z][a-z-]{0,10}"]
}

/// `key: "value"` lines under `facts:`, nested or dotted, some given twice.
fn facts_block() -> impl Strategy<Value = String> {
    prop::collection::vec((fact_path(), fact_value(), any::<bool>(), 0..8u8), 0..12).prop_map(|facts| {
        let mut out = String::from("facts:\n");
        for (path, value, nested, twice) in facts {
            let line = match path.split_once('.') {
                Some((group, name)) if nested => format!("  {group}:\n    {name}: {}\n", quoted(&value)),
                _ => format!("  {path}: {}\n", quoted(&value)),
            };
            out.push_str(&line);
            if twice == 0 {
                out.push_str(&line);
            }
        }
        out
    })
}

/// One of the person's own questions; fields may be missing.
fn question() -> impl Strategy<Value = String> {
    (
        question_id(),
        prop::option::of(own_text()),
        prop::option::of(own_text()),
        prop::collection::vec(own_text(), 0..6),
        prop::option::of(own_text()),
        prop::option::of(prop_oneof![Just("churn".to_string()), Just("none".to_string()), "[a-z]{1,6}"]),
    )
        .prop_map(|(id, prompt, headline, cues, answer, project)| {
            let mut out = format!("  - id: {}\n", quoted(&id));
            if let Some(p) = prompt {
                out.push_str(&format!("    prompt: {}\n", quoted(&p)));
            }
            if let Some(h) = headline {
                out.push_str(&format!("    headline: {}\n", quoted(&h)));
            }
            if !cues.is_empty() {
                out.push_str("    cues:\n");
                for (name, text) in
                    ["context", "challenge", "approach", "result", "learning"].iter().zip(&cues)
                {
                    out.push_str(&format!("      {name}: {}\n", quoted(text)));
                }
            }
            if let Some(a) = answer {
                out.push_str(&format!("    answer: {}\n", quoted(&a)));
            }
            if let Some(p) = project {
                out.push_str(&format!("    project: {p}\n"));
            }
            out
        })
}

/// A whole profile: facts, own questions, own scripts, pace; a key may be given twice.
fn profile_text() -> impl Strategy<Value = String> {
    (
        facts_block(),
        prop::collection::vec(question(), 0..3),
        prop::option::of(own_text()),
        prop::option::of(0..400u32),
        any::<bool>(),
    )
        .prop_map(|(facts, questions, pitch, pace, facts_twice)| {
            let mut out = facts.clone();
            if !questions.is_empty() {
                out.push_str("questions:\n");
                out.push_str(&questions.concat());
            }
            if let Some(p) = pitch {
                out.push_str(&format!("scripts:\n  elevator_pitch: {}\n", quoted(&p)));
            }
            if let Some(p) = pace {
                out.push_str(&format!("pace_wpm: {p}\n"));
            }
            if facts_twice {
                out.push_str(&facts);
            }
            out
        })
}

/// A job file: the job (fields may be missing), facts, a selection.
fn job_text() -> impl Strategy<Value = String> {
    (
        prop::option::of("[ -~]{0,12}"),
        prop::option::of(prop_oneof![Just("2026-12-03".to_string()), "[0-9-]{0,10}"]),
        prop::option::of(prop_oneof![Just("14:30".to_string()), "[0-9:]{0,6}"]),
        facts_block(),
        prop::option::of(prop::collection::vec(question_id(), 0..5)),
    )
        .prop_map(|(company, date, time, facts, select)| {
            let mut out = String::from("job:\n  role: Data Scientist\n");
            if let Some(c) = company {
                out.push_str(&format!("  company: {}\n", quoted(&c)));
            }
            if let Some(d) = date {
                out.push_str(&format!("  date: {}\n", quoted(&d)));
            }
            if let Some(t) = time {
                out.push_str(&format!("  time: {}\n", quoted(&t)));
            }
            out.push_str(&facts);
            if let Some(ids) = select {
                let ids: Vec<String> = ids.iter().map(|i| quoted(i)).collect();
                out.push_str(&format!("select: [{}]\n", ids.join(", ")));
            }
            out
        })
}

/// `--set` arguments, well formed or not.
fn sets() -> impl Strategy<Value = Vec<String>> {
    let set = prop_oneof![
        3 => (fact_path(), fact_value()).prop_map(|(p, v)| format!("{p}={v}")),
        1 => ".{0,12}",
    ];
    prop::collection::vec(set, 0..3)
}

/// Writes the files, then load → merge → resolve → warnings; returns what merge accepted.
fn run_pipeline(name: &str, profile: &str, job: Option<&str>, sets: Vec<String>, draft: bool) -> Vec<Merged> {
    let scratch = common::Scratch::new(&format!("pipeline-{name}-{:?}", std::thread::current().id()));
    std::fs::write(scratch.path("me.yaml"), profile).unwrap();
    let mut jobs = Vec::new();
    if let Some(job) = job {
        std::fs::write(scratch.path("acme.yaml"), job).unwrap();
        jobs.push(scratch.path("acme.yaml"));
    }
    let sources = Sources { profile: Some(scratch.path("me.yaml")), jobs, sets, draft };
    let run = std::panic::catch_unwind(|| {
        let Ok((merged, _)) = profile::merge(bank(), &sources) else { return Vec::new() };
        for m in &merged {
            let pack = pack::resolve_merged(m);
            let _ = lint::warnings(m, &pack);
        }
        merged
    });
    match run {
        Ok(merged) => merged,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            panic!("panic: {message}\n--- profile ---\n{profile}\n--- job ---\n{job:?}");
        }
    }
}

proptest! {
    #[test]
    fn the_pipeline_never_panics(
        profile in profile_text(),
        job in prop::option::of(job_text()),
        sets in sets(),
        draft in any::<bool>(),
    ) {
        run_pipeline("any", &profile, job.as_deref(), sets, draft);
    }
}

/// Text with only placeholders the bank declares, and markup; never blank (an empty text
/// of the person's is an error).
fn valid_text() -> impl Strategy<Value = String> {
    let declared: Vec<String> = bank().facts.iter().map(|f| format!("{{{{ {} }}}}", f.path)).collect();
    let piece = prop_oneof![3 => "[ -z&&[^*`{}]]{0,12}", 1 => prop::sample::select(declared), 1 => Just("**bold**".to_string())];
    prop::collection::vec(piece, 1..6)
        .prop_map(|p| p.concat())
        .prop_filter("prints something", |t| !t.trim().is_empty())
}

/// A profile merge accepts with --draft: some facts with the bank's own example values, own
/// questions and a pitch using declared facts only.
fn valid_profile() -> impl Strategy<Value = String> {
    let facts = prop::sample::subsequence(
        bank().facts.iter().map(|f| (f.path.clone(), f.example.clone())).collect::<Vec<_>>(),
        0..20,
    );
    let ids: Vec<String> = bank().questions.iter().map(|q| q.id.clone()).collect();
    let question = (
        prop_oneof![prop::sample::select(ids), Just("my-own".to_string())],
        valid_text(),
        valid_text(),
        valid_text(),
    );
    (facts, prop::collection::vec(question, 0..3), prop::option::of(valid_text())).prop_map(
        |(facts, questions, pitch)| {
            let mut out = String::from("facts:\n");
            for (path, value) in facts {
                out.push_str(&format!("  {path}: {}\n", quoted(&value)));
            }
            let mut seen = Vec::new();
            let questions: Vec<_> = questions
                .into_iter()
                .filter(|q| {
                    !seen.contains(&q.0) && {
                        seen.push(q.0.clone());
                        true
                    }
                })
                .collect();
            if !questions.is_empty() {
                out.push_str("questions:\n");
            }
            for (id, prompt, headline, cue) in questions {
                let cues = ["context", "challenge", "approach", "result", "learning"]
                    .map(|c| format!("{c}: {}", quoted(&cue)));
                out.push_str(&format!(
                    "  - id: {id}\n    prompt: {}\n    headline: {}\n    cues: {{{}}}\n",
                    quoted(&prompt),
                    quoted(&headline),
                    cues.join(", ")
                ));
            }
            if let Some(p) = pitch {
                out.push_str(&format!("scripts:\n  elevator_pitch: {}\n", quoted(&p)));
            }
            out
        },
    )
}

/// A job merge accepts: a valid job and a selection of distinct bank questions.
fn valid_job() -> impl Strategy<Value = String> {
    let ids: Vec<String> = bank().questions.iter().map(|q| q.id.clone()).collect();
    (prop::sample::subsequence(ids, 1..5), "[A-Za-z][A-Za-z ]{0,20}").prop_map(|(select, company)| {
        format!(
            "job:\n  company: {company}\n  role: Data Scientist\n  date: 2026-12-03\nselect: [{}]\n",
            select.join(", ")
        )
    })
}

/// Rendered cases: 3, or `PROPTEST_RENDER_CASES` for a long run.
fn render_cases() -> u32 {
    std::env::var("PROPTEST_RENDER_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(3)
}

// Rendering is slow: a few packs merge accepts go through the layouts.
proptest! {
    #![proptest_config(ProptestConfig { cases: render_cases(), ..ProptestConfig::default() })]

    #[test]
    fn packs_merge_accepts_render(profile in valid_profile(), job in prop::option::of(valid_job())) {
        let merged = run_pipeline("render", &profile, job.as_deref(), Vec::new(), true);
        prop_assert_eq!(merged.len(), 1, "merge refused:\n{}\n{:?}", profile, job);
        for m in merged {
            let (pdfs, _) = common::render_pack("pipeline-render", &pack::resolve_merged(&m));
            prop_assert_eq!(pdfs[1].pages.len(), 1);
        }
    }
}
