//! The JSON Schema of profile and job files, made from the bank's declared facts, so
//! editors can complete and check them.

use super::Format;
use crate::bank::{Bank, Category, PERSONAL_GROUPS, Role, THREE_LAYER_EXAMPLE};
use crate::facts::{CURRENCIES, DURATION_UNITS, FactKind};
use serde::Serialize;
use serde_json::{Value, json};

/// The file name of the schema that starter profiles point at.
pub(crate) const SCHEMA_FILE: &str = "studypack.schema.json";

/// The pattern a value of `kind` must match (the same forms the parser accepts, with its
/// currency signs and duration units).
fn pattern(kind: FactKind) -> Option<String> {
    let currencies: Vec<String> = CURRENCIES.iter().map(|c| c.replace('$', r"\$")).collect();
    let units: Vec<&str> = DURATION_UNITS.iter().map(|(unit, _)| *unit).collect();
    Some(match kind {
        FactKind::Percent => r"^-?[0-9][0-9,]*(\.[0-9]+)?\s?%$".to_string(),
        FactKind::Money => format!(r"^-?({})[0-9][0-9,]*(\.[0-9]+)?\s?[KMBk]?$", currencies.join("|")),
        FactKind::Duration => format!(r"^[0-9][0-9,]*(\.[0-9]+)?\s?({})$", units.join("|")),
        FactKind::Count => r"^[0-9][0-9,]*(\.[0-9]+)?\s?[KMBk]?$".to_string(),
        FactKind::Date => r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$".to_string(),
        FactKind::Number | FactKind::Text => return None,
    })
}

/// A declared fact's value: the forms its kind takes.
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
            "kind": { "enum": names(&FactKind::ALL) }
        }
    })
}

/// The names a file may give `variants` by, as serde reads them: the schema offers exactly
/// what the parser accepts.
fn names<T: Serialize>(variants: &[T]) -> Vec<Value> {
    variants.iter().map(|v| serde_json::to_value(v).expect("a unit variant serializes as its name")).collect()
}

/// The JSON Schema that profile and job files validate against.
pub(crate) fn json_schema(bank: &Bank) -> Value {
    let facts = facts_schema(bank);
    let projects = projects_schema();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "studypack profile or job overlay",
        "anyOf": [ { "$ref": "#/$defs/profile" }, { "$ref": "#/$defs/job" } ],
        "$defs": { "profile": profile_schema(bank, &facts, &projects), "job": job_schema(bank, &facts, &projects) }
    })
}

/// `facts:`: every declared fact by its path, nested or dotted; the person's own facts
/// under their projects or the personal groups; the example projects' facts fixed.
fn facts_schema(bank: &Bank) -> Value {
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
        let personal = PERSONAL_GROUPS.contains(&group.id.as_str());
        let extra = if personal { own_fact_schema() } else { json!(false) };
        facts.insert(
            group.id.clone(),
            json!({ "type": ["object", "null"], "description": group.title, "properties": nested, "additionalProperties": extra }),
        );
        declared.push(group.id.clone());
    }
    let template: Vec<&str> =
        bank.groups.iter().map(|g| g.id.as_str()).filter(|id| !PERSONAL_GROUPS.contains(id)).collect();
    let own_project = json!({ "type": ["object", "null"], "additionalProperties": own_fact_schema() });
    json!({
        "type": ["object", "null"],
        "description": "Your figures, by fact path (nested maps or dotted keys); facts of your own projects are declared by their value",
        "properties": facts,
        "propertyNames": { "anyOf": [ { "enum": declared }, { "not": { "pattern": format!("^({})(\\.|$)", template.join("|")) } } ] },
        "additionalProperties": { "anyOf": [own_fact_schema(), own_project] }
    })
}

/// The ids of the bank's questions.
fn question_ids(bank: &Bank) -> Vec<&str> {
    bank.questions.iter().map(|q| q.id.as_str()).collect()
}

/// The five cues, as text.
fn cues_schema() -> Value {
    json!({
        "type": "object", "additionalProperties": false,
        "properties": { "context": {"type": "string"}, "challenge": {"type": "string"}, "approach": {"type": "string"}, "result": {"type": "string"}, "learning": {"type": "string"} }
    })
}

/// One of `questions:`: a bank question's id with the fields to change, or a new question.
fn question_schema(bank: &Bank) -> Value {
    json!({
        "type": "object", "required": ["id"], "additionalProperties": false,
        "properties": {
            "id": { "type": "string", "description": "A bank question's id to change it, or a new id to add one", "examples": question_ids(bank) },
            "category": { "enum": names(&Category::ALL) },
            "role": { "enum": names(&Role::ALL) },
            "project": { "type": "string" },
            "prompt": { "type": "string" },
            "target": { "type": "string", "description": "Target speaking time, e.g. 90s or 2min" },
            "headline": { "type": "string", "description": "Layer 1: one sentence, problem + impact" },
            "cues": cues_schema(),
            "answer": { "type": "string", "description": "The full answer; blank lines between paragraphs, `- ` for bullets" }
        }
    })
}

/// `scripts:`: the elevator pitch and the experience timeline.
fn scripts_schema() -> Value {
    let timeline = json!({
        "type": "object", "additionalProperties": false, "required": ["prompt", "intro", "steps", "outro"],
        "properties": {
            "prompt": {"type": "string"}, "intro": {"type": "string"}, "outro": {"type": "string"},
            "steps": { "type": "array", "items": { "type": "object", "additionalProperties": false, "required": ["when", "text"], "properties": { "when": {"type": "string"}, "text": {"type": "string"} } } }
        }
    });
    json!({ "type": "object", "additionalProperties": false, "properties": { "elevator_pitch": {"type": "string"}, "timeline": timeline } })
}

/// `projects:`: the person's projects by id, or new titles for the bank's.
fn projects_schema() -> Value {
    json!({
        "type": ["object", "null"],
        "description": "Your projects (a new id) or a new title for the bank's (churn, ecommerce)",
        "propertyNames": { "pattern": "^[a-z_][a-z0-9_]*$" },
        "additionalProperties": {
            "type": "object", "required": ["title"], "additionalProperties": false,
            "properties": { "title": {"type": "string"}, "summary": {"type": "string"} }
        }
    })
}

/// `frameworks:`: the person's worked examples, the formula's with all five cues.
fn frameworks_schema() -> Value {
    let mut formula = cues_schema();
    formula["required"] = json!(["context", "challenge", "approach", "result", "learning"]);
    json!({
        "type": "object", "additionalProperties": false,
        "properties": { "three_layer_example": {"type": "string"}, "formula_example": formula }
    })
}

/// `checks:`: consistency checks over the person's facts, by fact path.
fn checks_schema() -> Value {
    let paths = json!({ "type": "array", "items": {"type": "string"} });
    json!({
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
    })
}

/// A profile file: the person's projects, facts, questions, scripts, examples, skips and checks.
fn profile_schema(bank: &Bank, facts: &Value, projects: &Value) -> Value {
    let flag_ids: Vec<&str> = bank.flags.red_flags.iter().map(|f| f.id.as_str()).collect();
    let mut skippable = question_ids(bank);
    skippable.extend(&flag_ids);
    skippable.push(THREE_LAYER_EXAMPLE);
    let red_flags = json!({
        "type": ["object", "null"], "description": "Your own example of what to say instead, by red flag id",
        "propertyNames": { "enum": flag_ids }, "additionalProperties": { "type": "string" }
    });
    json!({
        "type": "object", "additionalProperties": false, "title": "studypack profile",
        "properties": {
            "$schema": { "type": "string" },
            "projects": projects,
            "red_flags": red_flags,
            "frameworks": frameworks_schema(),
            "skip": { "type": ["array", "null"], "items": { "enum": skippable }, "description": "Bank questions, red flags or the 3-layer example to leave out" },
            "checks": checks_schema(),
            "pace_wpm": { "type": "integer", "minimum": 60, "maximum": 300, "description": "Speaking pace, words per minute (default 150)" },
            "time_zone": { "type": "string", "description": "Where you live, an IANA name (Europe/Berlin): interview times also print in it" },
            "facts": facts,
            "questions": { "type": ["array", "null"], "items": question_schema(bank) },
            "scripts": scripts_schema()
        }
    })
}

/// A job file: the interview's details, and the application's titles, facts, questions
/// and questions to ask.
fn job_schema(bank: &Bank, facts: &Value, projects: &Value) -> Value {
    json!({
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
                    "format": { "enum": names(&Format::ALL) },
                    "interviewers": { "type": "array", "items": {"type": "string"} }
                }
            },
            "projects": projects,
            "facts": facts,
            "select": { "type": "array", "items": { "enum": question_ids(bank) }, "description": "The questions to include, in order" },
            "questions_to_ask": { "type": "array", "items": {"type": "string"} }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::parse_value;

    #[test]
    fn every_duration_unit_and_currency_the_parser_takes_matches_the_schema() {
        let values = DURATION_UNITS
            .iter()
            .map(|(unit, _)| (FactKind::Duration, format!("45 {unit}")))
            .chain(CURRENCIES.iter().map(|sign| (FactKind::Money, format!("{sign}1.2M"))));
        for (kind, value) in values {
            assert!(parse_value(kind, &value).is_ok(), "the parser refuses {value:?}");
            let schema = json!({ "type": "string", "pattern": pattern(kind) });
            let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
            assert!(validator.is_valid(&json!(value)), "the schema refuses {value:?}");
        }
    }
}
