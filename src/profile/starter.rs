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

/// A value as a YAML scalar: quoted when YAML would read it otherwise.
fn yaml_scalar(value: &str) -> String {
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

/// The JSON Schema that profile and job files validate against.
pub fn schema(bank: &Bank) -> Value {
    let mut facts = serde_json::Map::new();
    for group in &bank.groups {
        let mut nested = serde_json::Map::new();
        for fact in bank.facts.iter().filter(|f| f.path.split('.').next() == Some(group.id.as_str())) {
            let s = fact_schema(fact.kind, &fact.description, &fact.example);
            let rest = fact.path.split_once('.').map(|(_, r)| r).unwrap_or_default();
            nested.insert(rest.to_string(), s.clone());
            facts.insert(fact.path.clone(), s);
        }
        facts.insert(
            group.id.clone(),
            json!({ "type": "object", "description": group.title, "properties": nested, "additionalProperties": false }),
        );
    }
    let facts = json!({ "type": "object", "description": "Your figures, by fact path (nested maps or dotted keys)", "properties": facts, "additionalProperties": false });
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
    let profile = json!({
        "type": "object", "additionalProperties": false, "title": "studypack profile",
        "properties": {
            "$schema": { "type": "string" },
            "pace_wpm": { "type": "integer", "minimum": 60, "maximum": 300, "description": "Speaking pace, words per minute (default 150)" },
            "time_zone": { "type": "string", "description": "Where you live, an IANA name (Europe/Berlin): interview times also print in it" },
            "facts": facts,
            "questions": { "type": "array", "items": question },
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
