//! The starter profile `studypack init` writes, and the JSON Schema of profile and job
//! files, both made from the bank's declared facts.

use crate::bank::Bank;
use crate::facts::FactKind;
use serde_json::{Value, json};

/// The file name of the schema that starter profiles point at.
pub const SCHEMA_FILE: &str = "studypack.schema.json";

/// A profile with every declared fact commented out: meaning, kind and the demo's value.
pub fn starter_profile(bank: &Bank) -> String {
    let mut out = String::new();
    out.push_str(&format!("# yaml-language-server: $schema={SCHEMA_FILE}\n"));
    out.push_str(
        "# Your studypack profile. Uncomment each fact and write YOUR figure, as you would say it\n\
         # (89%, $1.2M, 45ms, 50K, 0.92). Every fact the bank's answers use must have a value;\n\
         # `studypack check --profile THIS_FILE` lists what is missing, and `--draft` prints\n\
         # missing ones as blanks. The values shown are the demo persona's, not yours.\n\n\
         pace_wpm: 150   # your speaking pace in words per minute, for the time estimates\n\
         # time_zone: Europe/Berlin   # where you live (IANA name): interview times print in it too\n\n\
         facts:\n",
    );
    for group in &bank.groups {
        out.push_str(&format!("\n  # ── {} ──\n", group.title));
        for fact in bank.facts.iter().filter(|f| f.path.split('.').next() == Some(group.id.as_str())) {
            let key = if fact.key { ", key number" } else { "" };
            out.push_str(&format!("  # {} ({}{key})\n", fact.description, fact.kind));
            out.push_str(&format!("  # {}: {}\n", fact.path, yaml_scalar(&fact.example)));
        }
    }
    out.push_str(
        "\n# Replace a bank question's wording, or add your own (id, prompt, headline, the five cues,\n\
         # answer). `studypack list` shows the ids.\n\
         # questions:\n\
         #   - id: model-choice\n\
         #     headline: \"I start simple: a {{ churn.accuracy_logreg }} baseline, then ...\"\n\n\
         # Your own scripts (placeholders allowed):\n\
         # scripts:\n\
         #   elevator_pitch: \"I'm a {{ person.role }} with {{ career.years }} of experience ...\"\n",
    );
    out
}

/// A profile skeleton for a person who tells their own story: two project slots, every
/// bank question as a commented slot to answer in their own words (prompt, target time, how
/// the guide builds such an answer, and its worked example), the red-flag examples, the
/// framework examples and the scripts.
pub fn own_profile(bank: &Bank) -> String {
    let demo = crate::pack::resolve(bank, &bank.examples(), crate::pack::DEFAULT_PACE_WPM);
    let plain = |spans: &[crate::pack::Span]| spans.iter().map(|s| s.text.as_str()).collect::<String>();
    let mut out = String::new();
    out.push_str(&format!("# yaml-language-server: $schema={SCHEMA_FILE}\n"));
    out.push_str(
        "# Your studypack profile, telling YOUR story. The bank gives the questions, frameworks,\n\
         # red flags and checklist; you give your projects, your figures and your answers.\n\
         # Write a figure as you would say it (91%, $1.2M, 35 ms, 2.1M, 0.94): its kind is read\n\
         # from how it is written; in answers, write it as {{ project.fact }} so it prints in bold\n\
         # and can change per job. `studypack check --profile THIS_FILE` says what is left to do;\n\
         # `studypack build --draft --profile THIS_FILE` prints what is missing as blanks.\n\n\
         pace_wpm: 150   # your speaking pace in words per minute, for the time estimates\n\n\
         # Your projects: a short id (lowercase, used in facts and questions) and the title\n\
         # that prints on the cards and under \"my numbers\".\n\
         projects:\n\
         \x20 project_one:\n\
         \x20   title: Your first project\n\
         \x20   summary: One line on what it was and for whom\n\
         \x20 project_two:\n\
         \x20   title: Your second project\n\n\
         facts:\n\
         \x20 person:\n\
         \x20   name: Your Name\n\
         \x20   role: Machine Learning Engineer   # the title you introduce yourself with\n\
         \x20 career:\n\
         \x20   years: 3 years\n\
         \x20 project_one:\n\
         \x20   # Your figures. `key: true` puts one among the numbers to memorize.\n\
         \x20   # accuracy: 91%\n\
         \x20   # latency_p95: 120 ms\n\
         \x20   # savings: { value: \"$1.2M\", key: true, about: Money saved per year }\n\
         \x20 project_two:\n\
         \x20   # precision: 88%   # precision, recall and f1 of one project are checked together\n\n",
    );
    out.push_str(
        "# Your answers to the bank's questions. Uncomment a slot and write it in your own words;\n\
         # `skip:` (below) leaves out the ones you will not be asked.\n\
         questions:\n",
    );
    for q in &demo.questions {
        let advice = match q.category {
            crate::bank::Category::Behavioral => {
                "STAR: situation 15-20s, task 10-15s, action 60-90s (most of it: what YOU did), result 20-30s with numbers and what you learned"
            }
            crate::bank::Category::Technical => {
                "name the technique, why you chose it over the alternatives, a number from your own project, and its tradeoff"
            }
            crate::bank::Category::General => {
                "3 layers: a one-sentence headline (problem + impact), then context, challenge, approach, result, learning"
            }
        };
        out.push_str(&format!(
            "\n  # Q{} \"{}\" (say it in {})\n  # How to build it: {advice}.\n  # The guide's example headline: \"{}\"\n",
            q.number,
            plain(&q.prompt),
            q.target,
            plain(&q.headline)
        ));
        out.push_str(&format!(
            "  # - id: {}\n  #   project: project_one\n  #   headline: \"...\"\n  #   cues:\n  #     context: \"...\"\n  #     challenge: \"...\"\n  #     approach: \"...\"\n  #     result: \"...\"\n  #     learning: \"...\"\n  #   answer: |\n  #     ...\n",
            q.id
        ));
    }
    out.push_str("\n# What you would say instead, for the red flags whose example tells the guide's story.\n# red_flags:\n");
    for flag in &demo.red_flags {
        out.push_str(&format!("#   {}: \"...\"   # the guide's: {}\n", flag.id, plain(&flag.instead)));
    }
    let layer = demo
        .frameworks
        .three_layer
        .iter()
        .find_map(|l| l.example.as_ref())
        .map(|e| plain(e))
        .unwrap_or_default();
    out.push_str(&format!(
        "\n# Your worked examples for the frameworks.\n# frameworks:\n#   three_layer_example: \"...\"   # the guide's: {layer}\n#   formula_example:\n#     context: \"...\"\n#     challenge: \"...\"\n#     approach: \"...\"\n#     result: \"...\"\n#     learning: \"...\"\n"
    ));
    out.push_str(
        "\n# Your scripts.\n# scripts:\n#   elevator_pitch: |\n#     I'm a {{ person.role }} with {{ career.years }} of experience ... (about 75 words)\n\
         #   timeline:\n#     prompt: Walk me through your experience\n#     intro: \"...\"\n#     steps:\n#       - when: Most recently\n#         text: \"...\"\n#     outro: \"...\"\n\n\
         # Bank questions, red flags or the three-layer-example to leave out of every pack.\n# skip: []\n",
    );
    out
}

/// A commented job file: one application, with `date` as the example interview date.
pub fn job_file(bank: &Bank, date: &str) -> String {
    let ids: Vec<&str> = bank.questions.iter().take(3).map(|q| q.id.as_str()).collect();
    format!(
        "# yaml-language-server: $schema={SCHEMA_FILE}\n\
         # One job application. Build its pack with\n\
         #   studypack build --profile me.yaml --job THIS_FILE\n\
         # The pack goes to OUT/<this file's name without .yaml>/.\n\
         job:\n\
         \x20 company: Acme Analytics\n\
         \x20 role: Senior Data Scientist         # the role you applied for\n\
         \x20 date: {date}                    # the interview day, YYYY-MM-DD\n\
         \x20 time: \"14:30\"                       # HH:MM on a 24-hour clock, in quotes, in time_zone\n\
         \x20 time_zone: Europe/Berlin            # where the interview's clock is (IANA name)\n\
         \x20 format: video                       # onsite, video or phone\n\
         \x20 interviewers: [Dana Whitfield (Head of Data)]\n\n\
         # Figures that differ for this application, by the names your profile uses:\n\
         # facts:\n\
         #   churn.annual_savings: \"$2.6M\"\n\n\
         # The questions for this interview, in this order (`studypack list` shows the ids);\n\
         # without it, all of them:\n\
         # select: [{}]\n\n\
         # Questions to ask this interviewer, after the usual ones:\n\
         # questions_to_ask:\n\
         #   - How does the team decide which model reaches production?\n",
        ids.join(", ")
    )
}

/// A value as a YAML scalar: quoted when YAML would read it otherwise.
pub(crate) fn yaml_scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && !value
            .starts_with(['$', '"', '\'', '{', '[', '&', '*', '!', '|', '>', '%', '@', '`', '#', '-', '?'])
        && !value.contains(": ")
        && !value.contains(" #");
    if plain {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The pattern a value of `kind` must match (the same forms the parser accepts).
fn pattern(kind: FactKind) -> Option<&'static str> {
    Some(match kind {
        FactKind::Percent => r"^-?[0-9][0-9,]*(\.[0-9]+)?\s?%$",
        FactKind::Money => r"^-?(\$|€|£|¥|₹|CHF )[0-9][0-9,]*(\.[0-9]+)?\s?[KMBk]?$",
        FactKind::Duration => {
            r"^[0-9][0-9,]*(\.[0-9]+)?\s?(ms|s|sec|seconds?|min|mins|minutes?|h|hr|hrs|hours?|days?|weeks?|months?|years?)$"
        }
        FactKind::Count => r"^[0-9][0-9,]*(\.[0-9]+)?\s?[KMBk]?$",
        FactKind::Date => r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        FactKind::Number | FactKind::Text => return None,
    })
}

fn fact_schema(kind: FactKind, description: &str, example: &str) -> Value {
    let mut schema = json!({ "description": format!("{description} ({kind}, e.g. {example})") });
    match kind {
        FactKind::Text => schema["type"] = json!("string"),
        FactKind::Number => schema["type"] = json!(["number", "string"]),
        FactKind::Count => {
            schema["anyOf"] =
                json!([{ "type": "integer", "minimum": 0 }, { "type": "string", "pattern": pattern(kind) }]);
        }
        _ => {
            schema["type"] = json!("string");
            schema["pattern"] = json!(pattern(kind));
        }
    }
    schema
}

/// A fact of the person's own: kind read from the value, or the long form.
fn own_fact_schema() -> Value {
    json!({
        "description": "A fact of your own: 91%, $3.4M, 35 ms, 2.1M, 0.94 or text; or { value, key, about }",
        "anyOf": [
            { "type": ["string", "number", "boolean"] },
            long_form(json!({ "type": ["string", "number"] }))
        ]
    })
}

/// `{ value, key, about, kind }` with `value` as `value_schema`.
fn long_form(value_schema: Value) -> Value {
    json!({
        "type": "object", "required": ["value"], "additionalProperties": false,
        "properties": {
            "value": value_schema,
            "key": { "type": "boolean", "description": "One of the numbers to memorize" },
            "about": { "type": "string", "description": "What it measures, printed beside it" },
            "kind": { "enum": ["percent", "money", "duration", "count", "number", "text", "date"] }
        }
    })
}

/// The JSON Schema that profile and job files validate against.
pub fn schema(bank: &Bank) -> Value {
    let mut facts = serde_json::Map::new();
    let mut declared: Vec<String> = Vec::new();
    for group in &bank.groups {
        let mut nested = serde_json::Map::new();
        for fact in bank.facts.iter().filter(|f| f.path.split('.').next() == Some(group.id.as_str())) {
            let s = fact_schema(fact.kind, &fact.description, &fact.example);
            let s = json!({ "description": s["description"].clone(), "anyOf": [s.clone(), long_form(s)] });
            let rest = fact.path.split_once('.').map(|(_, r)| r).unwrap_or_default();
            nested.insert(rest.to_string(), s.clone());
            facts.insert(fact.path.clone(), s);
            declared.push(fact.path.clone());
        }
        // Facts about the person may be added freely; the example projects' are fixed.
        let personal = crate::bank::PERSONAL_GROUPS.contains(&group.id.as_str());
        let extra = if personal { own_fact_schema() } else { json!(false) };
        facts.insert(
            group.id.clone(),
            json!({ "type": ["object", "null"], "description": group.title, "properties": nested, "additionalProperties": extra }),
        );
        declared.push(group.id.clone());
    }
    let template: Vec<&str> = bank
        .groups
        .iter()
        .map(|g| g.id.as_str())
        .filter(|id| !crate::bank::PERSONAL_GROUPS.contains(id))
        .collect();
    let own_project = json!({ "type": ["object", "null"], "additionalProperties": own_fact_schema() });
    let facts = json!({
        "type": ["object", "null"],
        "description": "Your figures, by fact path (nested maps or dotted keys); facts of your own projects are declared by their value",
        "properties": facts,
        "propertyNames": { "anyOf": [ { "enum": declared }, { "not": { "pattern": format!("^({})(\\.|$)", template.join("|")) } } ] },
        "additionalProperties": { "anyOf": [own_fact_schema(), own_project] }
    });
    let ids: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    let cues = json!({
        "type": "object", "additionalProperties": false,
        "properties": { "context": {"type": "string"}, "challenge": {"type": "string"}, "approach": {"type": "string"}, "result": {"type": "string"}, "learning": {"type": "string"} }
    });
    let question = json!({
        "type": "object", "required": ["id"], "additionalProperties": false,
        "properties": {
            "id": { "type": "string", "description": "A bank question's id to change it, or a new id to add one", "examples": ids },
            "category": { "enum": ["general", "technical", "behavioral"] },
            "role": { "enum": ["ml-engineer", "data-scientist", "any"] },
            "project": { "type": "string" },
            "prompt": { "type": "string" },
            "target": { "type": "string", "description": "Target speaking time, e.g. 90s or 2min" },
            "headline": { "type": "string", "description": "Layer 1: one sentence, problem + impact" },
            "cues": cues,
            "answer": { "type": "string", "description": "The full answer; blank lines between paragraphs, `- ` for bullets" }
        }
    });
    let timeline = json!({
        "type": "object", "additionalProperties": false, "required": ["prompt", "intro", "steps", "outro"],
        "properties": {
            "prompt": {"type": "string"}, "intro": {"type": "string"}, "outro": {"type": "string"},
            "steps": { "type": "array", "items": { "type": "object", "additionalProperties": false, "required": ["when", "text"], "properties": { "when": {"type": "string"}, "text": {"type": "string"} } } }
        }
    });
    let projects = json!({
        "type": ["object", "null"],
        "description": "Your projects (a new id) or a new title for the bank's (churn, ecommerce)",
        "propertyNames": { "pattern": "^[a-z_][a-z0-9_]*$" },
        "additionalProperties": {
            "type": "object", "required": ["title"], "additionalProperties": false,
            "properties": { "title": {"type": "string"}, "summary": {"type": "string"} }
        }
    });
    let flag_ids: Vec<&str> = bank.flags.red_flags.iter().map(|f| f.id.as_str()).collect();
    let mut skippable: Vec<&str> = ids.clone();
    skippable.extend(&flag_ids);
    skippable.push(crate::bank::THREE_LAYER_EXAMPLE);
    let red_flags = json!({
        "type": ["object", "null"], "description": "Your own example of what to say instead, by red flag id",
        "propertyNames": { "enum": flag_ids }, "additionalProperties": { "type": "string" }
    });
    let frameworks = json!({
        "type": "object", "additionalProperties": false,
        "properties": { "three_layer_example": {"type": "string"}, "formula_example": {
            "type": "object", "additionalProperties": false, "required": ["context", "challenge", "approach", "result", "learning"],
            "properties": { "context": {"type": "string"}, "challenge": {"type": "string"}, "approach": {"type": "string"}, "result": {"type": "string"}, "learning": {"type": "string"} }
        } }
    });
    let paths = json!({ "type": "array", "items": {"type": "string"} });
    let checks = json!({
        "type": "object", "additionalProperties": false,
        "description": "Consistency checks over your facts, by fact path",
        "properties": {
            "f1": { "type": "array", "items": { "type": "object", "additionalProperties": false, "required": ["f1", "precision", "recall"], "properties": { "f1": {"type": "string"}, "precision": {"type": "string"}, "recall": {"type": "string"} } } },
            "relative_change": { "type": "array", "items": { "type": "object", "additionalProperties": false, "required": ["before", "after", "change"], "properties": { "before": {"type": "string"}, "after": {"type": "string"}, "change": {"type": "string"} } } },
            "ascending": { "type": "array", "items": paths.clone() },
            "train_test": { "type": "array", "items": { "type": "object", "additionalProperties": false, "required": ["train", "test"], "properties": { "train": {"type": "string"}, "test": {"type": "string"}, "gap": {"type": "string"} } } },
            "complement": { "type": "array", "items": paths },
            "fraction_percent": { "type": "array", "items": { "type": "object", "additionalProperties": false, "required": ["fraction", "percent"], "properties": { "fraction": {"type": "string"}, "percent": {"type": "string"} } } }
        }
    });
    let profile = json!({
        "type": "object", "additionalProperties": false, "title": "studypack profile",
        "properties": {
            "$schema": { "type": "string" },
            "projects": projects.clone(),
            "red_flags": red_flags,
            "frameworks": frameworks,
            "skip": { "type": ["array", "null"], "items": { "enum": skippable }, "description": "Bank questions, red flags or the 3-layer example to leave out" },
            "checks": checks,
            "pace_wpm": { "type": "integer", "minimum": 60, "maximum": 300, "description": "Speaking pace, words per minute (default 150)" },
            "time_zone": { "type": "string", "description": "Where you live, an IANA name (Europe/Berlin): interview times also print in it" },
            "facts": facts,
            "questions": { "type": ["array", "null"], "items": question },
            "scripts": { "type": "object", "additionalProperties": false, "properties": { "elevator_pitch": {"type": "string"}, "timeline": timeline } }
        }
    });
    let job = json!({
        "type": "object", "additionalProperties": false, "required": ["job"], "title": "studypack job overlay",
        "properties": {
            "$schema": { "type": "string" },
            "job": {
                "type": "object", "additionalProperties": false, "required": ["company"],
                "properties": {
                    "company": {"type": "string"}, "role": { "type": "string", "description": "Without it, your own role" },
                    "date": { "type": "string", "pattern": pattern(FactKind::Date), "description": "Interview date, YYYY-MM-DD; without it the checklist asks you to confirm it" },
                    "time": { "type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "description": "HH:MM, 24-hour, in time_zone" },
                    "time_zone": { "type": "string", "description": "IANA name, e.g. Europe/Berlin, America/New_York, or an offset, e.g. UTC+2" },
                    "format": { "enum": ["onsite", "video", "phone"] },
                    "interviewers": { "type": "array", "items": {"type": "string"} }
                }
            },
            "projects": projects,
            "facts": facts,
            "select": { "type": "array", "items": { "enum": ids }, "description": "The questions to include, in order" },
            "questions_to_ask": { "type": "array", "items": {"type": "string"} }
        }
    });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "studypack profile or job overlay",
        "anyOf": [ { "$ref": "#/$defs/profile" }, { "$ref": "#/$defs/job" } ],
        "$defs": { "profile": profile, "job": job }
    })
}
