//! Facts a pack prints but nobody gave. The guide's example texts are the demo persona's
//! story: one whose facts the person gave none of is not theirs, and is reported as a text
//! to replace, fill in or skip. Otherwise each missing fact is named with every place using it.

use super::{SetValue, locate};
use crate::bank::{Bank, PERSONAL_GROUPS, Place};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::yaml::YamlFile;
use std::collections::{BTreeMap, BTreeSet};

/// Reports the missing facts into `diags` and returns their paths (`uses` is
/// `bank.fact_uses()`); with `draft`, reports nothing and also returns the guide's example
/// texts that print with blanks (by place key).
pub(super) fn missing_facts(
    bank: &Bank,
    uses: BTreeMap<String, Vec<Place>>,
    values: &BTreeMap<String, SetValue>,
    profile: Option<&YamlFile>,
    draft: bool,
    diags: &mut Diagnostics,
) -> (Vec<String>, BTreeSet<String>) {
    // Undeclared facts were reported where the text names them.
    let uses: BTreeMap<String, Vec<Place>> =
        uses.into_iter().filter(|(path, _)| bank.fact(path).is_some()).collect();
    let missing: Vec<&String> = uses.keys().filter(|p| !values.contains_key(*p)).collect();
    let mut by_place: BTreeMap<&Place, Vec<&String>> = BTreeMap::new();
    for path in &missing {
        for place in &uses[*path] {
            by_place.entry(place).or_default().push(path);
        }
    }
    // The guide's example texts that are not the person's: untouched, and telling the
    // story of projects the person gave no fact of (someone who fills in the guide's
    // projects with their figures keeps its texts).
    let examples: Vec<&Place> = by_place
        .keys()
        .copied()
        .filter(|place| place.is_story() && !bank.own.contains(&place.key()))
        .filter(|place| {
            let used: Vec<&String> = uses.iter().filter(|(_, p)| p.contains(place)).map(|(f, _)| f).collect();
            let group = |f: &str| f.split('.').next().unwrap_or_default().to_string();
            let mut groups: Vec<String> = used.iter().filter(|f| !is_personal(f)).map(|f| group(f)).collect();
            if groups.is_empty() {
                groups = used.iter().map(|f| group(f)).collect();
            }
            !values.keys().any(|given| groups.contains(&group(given)))
        })
        .collect();
    let paths: Vec<String> = missing.iter().map(|p| p.to_string()).collect();
    if draft {
        return (paths, examples.iter().map(|p| p.key()).collect());
    }
    let at = profile.and_then(|f| {
        locate::location(&f.name, &f.text, &["facts"]).or_else(|| Some(Location::file(&f.name)))
    });
    let mut covered: BTreeSet<&String> = BTreeSet::new();
    for place in &examples {
        let facts = &by_place[place];
        let slot = profile.and_then(|f| commented_slot(f, place));
        diags.push(example_error(place, facts, at.clone(), slot));
        covered.extend(facts.iter().copied());
    }
    for path in missing {
        // A fact missing only from examples reported whole is not reported again.
        let places: Vec<&Place> = uses[path].iter().filter(|p| !examples.contains(p)).collect();
        if places.is_empty() && covered.contains(path) {
            continue;
        }
        let mut d = fact_error(bank, path, &uses[path], at.clone());
        if let Some(line) = profile.and_then(|f| commented_line(f, path)) {
            d.hints
                .insert(0, format!("line {line} has it commented out: remove its `#` and write your figure"));
        }
        diags.push(d);
    }
    (paths, BTreeSet::new())
}

/// The guide's red-flag examples that name no fact, in the pack of a person who tells their
/// own story (projects of their own, and no figure of the guide's projects): they would
/// print the demo persona's words as the person's, and no missing fact reports them. They
/// print marked as the guide's example (the keys returned), and one warning names them with
/// the ways out. Someone who fills in the guide's projects keeps its story, and these too.
pub(super) fn fact_free_examples(
    bank: &Bank,
    values: &BTreeMap<String, SetValue>,
    profile: Option<&YamlFile>,
    diags: &mut Diagnostics,
) -> BTreeSet<String> {
    let guide_group = |path: &String| {
        let group = path.split('.').next().unwrap_or_default();
        !is_personal(path) && !bank.own_projects.contains(group) && bank.groups.iter().any(|g| g.id == group)
    };
    if bank.own_projects.is_empty() || values.keys().any(guide_group) {
        return BTreeSet::new();
    }
    let flags = bank.fact_free_red_flag_examples();
    let Some(first) = flags.first() else { return BTreeSet::new() };
    let ids: Vec<String> = flags.iter().map(|f| format!("`{}`", f.id)).collect();
    let at = profile.and_then(|f| {
        locate::location(&f.name, &f.text, &["red_flags"]).or_else(|| Some(Location::file(&f.name)))
    });
    let (count, them) = if flags.len() == 1 {
        ("1 red flag keeps", "it")
    } else {
        (&*format!("{} red flags keep", flags.len()), "them")
    };
    diags.push(
        Diagnostic::warning(
            at,
            format!("{count} the guide's words for what to say instead ({}), which tell the demo persona's story; they print marked as the guide's example", ids.join(", ")),
        )
        .hint(format!(
            "write yours under `red_flags:` (e.g. `{}: \"...\"`, `studypack init --own` lists them), or leave {them} out with `skip:`",
            first.id
        )),
    );
    flags.iter().map(|f| format!("red-flag:{}", f.id)).collect()
}

fn is_personal(path: &str) -> bool {
    PERSONAL_GROUPS.contains(&path.split('.').next().unwrap_or_default())
}

/// One missing fact, with every place that prints it.
fn fact_error(bank: &Bank, path: &str, places: &[Place], at: Option<Location>) -> Diagnostic {
    let Some(decl) = bank.fact(path) else {
        return Diagnostic::error(at, format!("fact `{path}` has no value"));
    };
    let shown: Vec<String> = places.iter().take(6).map(ToString::to_string).collect();
    let more = if places.len() > 6 { format!(" and {} more", places.len() - 6) } else { String::new() };
    Diagnostic::error(
        at,
        format!(
            "fact `{path}` ({}) has no value; it is used by {}{more}",
            decl.description,
            shown.join(", ")
        ),
    )
    .hint(format!(
        "add `{path}: {}` under `facts:` with your own {}, or build with --draft to print blanks",
        crate::yaml::scalar(&decl.example),
        decl.kind
    ))
}

/// Where the profile has the fact's line commented out (as `studypack init` writes them):
/// its full path first, else its last name.
fn commented_line(profile: &YamlFile, path: &str) -> Option<usize> {
    let name = path.rsplit('.').next().unwrap_or(path);
    let find = |key: &str| commented(profile, key, |after| after.starts_with(':'));
    find(path).or_else(|| find(name)).map(|at| at.line)
}

/// The first commented-out line whose text after `#` starts with `key`, followed by what
/// `after` accepts: where its `#` is.
fn commented(profile: &YamlFile, key: &str, after: impl Fn(&str) -> bool) -> Option<Location> {
    let mut offset = 0;
    for line in profile.text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix('#')
            && let Some(tail) = rest.trim_start().trim_end().strip_prefix(key)
            && after(tail)
        {
            return Some(Location::at_byte(
                &profile.name,
                &profile.text,
                offset + line.len() - trimmed.len(),
            ));
        }
        offset += line.len();
    }
    None
}

/// A guide's example text the person neither replaced nor gave the facts of.
/// `slot` is where the profile has a commented-out slot for the person's own text (as
/// `studypack init --own` writes them): the error points there.
fn example_error(
    place: &Place,
    facts: &[&String],
    at: Option<Location>,
    slot: Option<Location>,
) -> Diagnostic {
    let what = match place {
        Place::Question { .. } => "the guide's example answer",
        Place::RedFlag { .. } => "the guide's example of what to say instead",
        _ => "the guide's example",
    };
    let names: Vec<&str> = facts.iter().take(5).map(|f| f.as_str()).collect();
    let more = if facts.len() > 5 { format!(" and {} more", facts.len() - 5) } else { String::new() };
    let count = if facts.len() == 1 { "1 fact".to_string() } else { format!("{} facts", facts.len()) };
    let tell = match &slot {
        Some(_) => "tell your own: uncomment the slot here and write it in your own words".to_string(),
        None => format!("tell your own: add to your profile\n{}", snippet(place)),
    };
    let mut d = Diagnostic::error(
        slot.or(at),
        format!(
            "{place} prints {what}, the demo persona's story: it needs {count} you have not given ({}{more})",
            names.join(", ")
        ),
    )
    .hint(tell)
    .hint(format!(
        "or keep the guide's text with your figures: give {} under `facts:`",
        facts.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")
    ));
    if let Some(id) = skip_id(place) {
        d = d.hint(format!("or leave it out of every pack: `skip: [{id}]`"));
    }
    d.hint("or build with --draft to print it with blanks, marked as the guide's example")
}

/// The commented-out line where the profile has a slot for a place's own text.
fn commented_slot(profile: &YamlFile, place: &Place) -> Option<Location> {
    let key = match place {
        Place::Question { id, .. } => format!("- id: {id}"),
        Place::RedFlag { id, .. } => format!("{id}:"),
        Place::ThreeLayerExample => "three_layer_example:".into(),
        Place::FormulaExample => "formula_example:".into(),
        Place::Pitch => "elevator_pitch:".into(),
        Place::Timeline => "timeline:".into(),
        Place::Header | Place::Checklist => return None,
    };
    // The slot's key alone on its line, or followed by a value or comment.
    commented(profile, &key, |after| after.is_empty() || after.starts_with(' '))
}

/// The id `skip:` takes for a place, when it can be skipped.
fn skip_id(place: &Place) -> Option<String> {
    match place {
        Place::Question { id, .. } | Place::RedFlag { id, .. } => Some(id.clone()),
        Place::ThreeLayerExample => Some(crate::bank::THREE_LAYER_EXAMPLE.to_string()),
        _ => None,
    }
}

/// A ready-to-paste YAML snippet that replaces a place with the person's own text.
pub(crate) fn snippet(place: &Place) -> String {
    let body = match place {
        Place::Question { id, .. } => format!(
            "questions:\n  - id: {id}\n    project: <one of your projects' ids>\n    headline: \"<one sentence: the problem and its impact, with a {{{{ project.fact }}}}>\"\n    cues:\n      context: \"<who, what was at stake>\"\n      challenge: \"<what made it hard>\"\n      approach: \"<what you did, and why>\"\n      result: \"<the numbers>\"\n      learning: \"<what you would keep>\"\n    answer: |\n      <the full answer, 60-90 seconds out loud>"
        ),
        Place::RedFlag { id, .. } => {
            format!("red_flags:\n  {id}: \"<what you would say instead, from your own work>\"")
        }
        Place::ThreeLayerExample => {
            "frameworks:\n  three_layer_example: \"<your project: the problem and its impact in one sentence>\"".into()
        }
        Place::FormulaExample => "frameworks:\n  formula_example:\n    context: \"<…>\"\n    challenge: \"<…>\"\n    approach: \"<…>\"\n    result: \"<…>\"\n    learning: \"<…>\"".into(),
        Place::Pitch => "scripts:\n  elevator_pitch: |\n    <who you are, two projects with their impact, what you specialise in: about 75 words>".into(),
        Place::Timeline => "scripts:\n  timeline:\n    prompt: Walk me through your experience\n    intro: \"<your years and focus>\"\n    steps:\n      - when: \"Most recently\"\n        text: \"<your latest project>\"\n      - when: \"Before that\"\n        text: \"<the one before>\"\n    outro: \"<what ties it together>\"".into(),
        Place::Header | Place::Checklist => String::new(),
    };
    body.lines().map(|l| format!("        {l}")).collect::<Vec<_>>().join("\n")
}
