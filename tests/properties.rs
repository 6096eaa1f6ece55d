//! Property tests over parsing and fact resolution: nothing a person can write panics, and
//! any string value prints literally. Run long with e.g. `PROPTEST_CASES=20000`.

mod common;

use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use studypack::bank::Bank;
use studypack::bank::text::{Piece, parse_blocks, parse_inline};
use studypack::facts::{FactKind, parse_value};
use studypack::pack;
use studypack::profile::{self, Sources};

fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| Bank::builtin().unwrap())
}

fn kind() -> impl Strategy<Value = FactKind> {
    prop_oneof![
        Just(FactKind::Percent),
        Just(FactKind::Money),
        Just(FactKind::Duration),
        Just(FactKind::Count),
        Just(FactKind::Number),
        Just(FactKind::Text),
        Just(FactKind::Date),
    ]
}

/// Text shaped like YAML: keys, colons, indentation, brackets, quotes, anchors, tags.
fn yamlish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("facts:".to_string()),
        Just("\n  ".to_string()),
        Just("\n    ".to_string()),
        Just("churn.accuracy: ".to_string()),
        Just("churn:".to_string()),
        Just("accuracy: ".to_string()),
        Just("person.name: ".to_string()),
        Just("questions:\n  - id: ".to_string()),
        Just("pace_wpm: ".to_string()),
        Just("job:\n  company: ".to_string()),
        Just("select: [".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("!!str ".to_string()),
        Just("{{ churn.f1 }}".to_string()),
        "[-\\[\\]{}:,#'\"|>*&!%@`\\t ]".prop_map(|s| s.to_string()),
        "[a-z0-9.%$]{1,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat())
}

proptest! {
    #[test]
    fn fact_values_never_panic(k in kind(), s in ".*") {
        let _ = parse_value(k, &s);
    }

    #[test]
    fn bank_text_never_panics(s in ".*") {
        let _ = parse_inline(&s);
        let _ = parse_blocks(&s);
    }

    #[test]
    fn text_without_markup_is_kept_whole(s in "[^*`{}\\n\\r]*") {
        let pieces = parse_inline(&s).unwrap();
        let joined: String = pieces.iter().map(|p| match p { Piece::Text { text, .. } => text.clone(), Piece::Fact { .. } => unreachable!() }).collect();
        prop_assert_eq!(joined, s);
    }

    #[test]
    fn any_text_value_resolves_literally(s in ".+") {
        let mut values: BTreeMap<String, String> = bank().examples();
        values.insert("churn.client".into(), s.clone());
        let pack = pack::resolve(bank(), &values, 150);
        let spans: Vec<_> = pack.questions.iter().flat_map(|q| q.cues.context.iter()).filter(|sp| sp.fact.as_deref() == Some("churn.client")).collect();
        prop_assert!(!spans.is_empty());
        for span in spans {
            prop_assert_eq!(&span.text, &s);
        }
    }

    #[test]
    fn person_files_never_panic(text in yamlish(), job in yamlish(), set in ".*") {
        let dir = std::env::temp_dir().join(format!("studypack-prop-{}-{:?}", std::process::id(), std::thread::current().id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (p, j) = (dir.join("me.yaml"), dir.join("job.yaml"));
        std::fs::write(&p, &text).unwrap();
        std::fs::write(&j, &job).unwrap();
        let sources = Sources { profile: Some(p), jobs: vec![j], sets: vec![set], draft: true };
        if let Ok((merged, _)) = profile::merge(bank(), &sources) {
            for m in &merged {
                let _ = pack::resolve_merged(m);
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

// Rendering is slow, so the literal-printing property through real PDFs runs a few cases.
proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn any_printable_value_prints_literally_in_the_pdf(s in "[!-~]{1,24}( [!-~]{1,12}){0,2}") {
        let mut values: BTreeMap<String, String> = bank().examples();
        values.insert("churn.client".into(), s.clone());
        let (pdfs, warnings) = common::render_pack("prop-literal", &pack::resolve(bank(), &values, 150));
        prop_assert!(warnings.is_empty());
        prop_assert!(common::pdf::squeeze(&pdfs[0].text()).contains(&common::pdf::squeeze(&s)));
    }
}
