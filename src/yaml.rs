//! Reading YAML into typed models with errors that name file, line and column, and a
//! "did you mean" hint for misspelt keys. serde_yaml reads the typed model; a second,
//! span-keeping parser (`spans`) says where each key and value is, so every location is
//! the parser's, never a search of the text.

mod spans;

pub use spans::{Kind, Node, Tree};

use crate::diag::{Diagnostic, Location, closest};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use std::rc::Rc;

/// The keys and values of `text` with their places (parsed once for the same text in a row).
pub fn spans_of(text: &str) -> Rc<Tree> {
    spans::tree(text)
}

/// A YAML text and the name it is shown under (a path, or `content/facts.yaml` when embedded).
#[derive(Debug, Clone)]
pub struct YamlFile {
    pub name: String,
    pub text: String,
}

impl YamlFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self { name: name.into(), text: text.into() }
    }

    /// Deserializes the whole file; the error points at the offending line and column. A key
    /// given twice in one map is reported at its second occurrence.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        if let Some(twice) = self.tree().duplicates.first() {
            let first = Location::at_byte(&self.name, &self.text, twice.first);
            return Err(Diagnostic::error(
                Some(Location::at_byte(&self.name, &self.text, twice.second)),
                format!("`{}` is given twice in this map (first at line {})", twice.key, first.line),
            )
            .hint("a key may appear only once here: merge the two into one, or delete one"));
        }
        serde_yaml::from_str(&self.text).map_err(|err| self.error_from(&err))
    }

    /// The file's keys and values with where each one is (shared with `locate::find`).
    pub fn tree(&self) -> Rc<Tree> {
        spans_of(&self.text)
    }

    /// Where `needle` is, at or after byte offset `from`: a key when it ends with `:`
    /// (`project:`), else a key or value equal to it. When a map or list starts at `from` (as
    /// `offset_of` returns), it is searched first, so the answer stays in that entry.
    pub fn locate(&self, needle: &str, from: usize) -> Option<Location> {
        let at = self.tree().find_scalar(needle, from)?;
        Some(Location::at_byte(&self.name, &self.text, at))
    }

    /// Where an entry is, to narrow later `locate`s to it: for `key: value` (`id: q3`), the
    /// start of the map that holds that pair; for `key:` (`select:`), the start of its value.
    pub fn offset_of(&self, anchor: &str) -> Option<usize> {
        self.tree().anchor(anchor)
    }

    fn error_from(&self, err: &serde_yaml::Error) -> Diagnostic {
        let location = match err.location() {
            Some(at) => Location::at_line_column(&self.name, &self.text, at.line(), at.column()),
            None => Location::file(&self.name),
        };
        let raw = err.to_string();
        // serde_yaml appends " at line L column C"; the location is printed separately.
        let message = raw
            .split(" at line ")
            .next()
            .unwrap_or(&raw)
            .replace("expected u32", "expected a whole number")
            .replace("expected a borrowed string", "expected text");
        let mut diagnostic = Diagnostic::error(Some(location.clone()), message.clone());
        if let Some((unknown, expected)) = unknown_field(&message) {
            diagnostic = match closest(&unknown, expected.iter().map(String::as_str)) {
                Some(near) => diagnostic.hint(format!("did you mean `{near}`?")),
                None => diagnostic.hint(format!("the keys allowed here are: {}", expected.join(", "))),
            };
        } else if let Some(open) =
            message.contains("did not find expected").then(|| unclosed_bracket(&self.text)).flatten()
        {
            let at = Location::at_byte(&self.name, &self.text, open);
            diagnostic = diagnostic.hint(format!(
                "the `{}` opened at line {}, column {} is never closed",
                &self.text[open..open + 1],
                at.line,
                at.column
            ));
        } else if location
            .source_line
            .as_deref()
            .is_some_and(|l| l.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t'))
        {
            diagnostic = diagnostic.hint("YAML indents with spaces, never tabs: replace the tab with spaces");
        } else if message.contains("duplicate entry") {
            diagnostic = diagnostic.hint("a key may appear only once here; delete one of the two");
        } else if message.contains("repetition limit exceeded") {
            diagnostic = diagnostic.hint("the file repeats content through YAML aliases (`*name`) too many times; write the values out");
        } else if message.contains("recursion limit exceeded") {
            diagnostic = diagnostic
                .hint("the lists or maps are nested far too deep; a profile needs two or three levels");
        } else if message.contains("expected struct") {
            diagnostic = diagnostic.hint("the file must be a map of keys (`facts:`, `questions:` … or `job:`), not a list or a single value");
        } else if message.contains("invalid type") || message.contains("expected") {
            diagnostic =
                diagnostic.hint("check the value's type against content/README.md or `studypack schema`");
        }
        diagnostic
    }
}

/// The offset of the last `[` or `{` left open, outside quotes and comments.
fn unclosed_bracket(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let mut quote: Option<char> = None;
        for (i, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') if i == 0 || line[..i].ends_with(' ') => break,
                (None, '[' | '{') => open.push(start + i),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
        start += line.len();
    }
    open.last().copied()
}

/// Pulls the key and the allowed keys out of serde's "unknown field `x`, expected one of `a`, `b`".
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2).map(str::to_string).collect();
    Some((unknown.to_string(), expected))
}

/// A YAML scalar read as text: people write `example: 0.92` or `example: 5` unquoted.
pub fn scalar_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        Text(String),
        Int(i64),
        Float(f64),
        Bool(bool),
    }
    Ok(
        match Scalar::deserialize(deserializer).map_err(|_| {
            serde::de::Error::custom("expected a single value (text or a number), not a list or a map")
        })? {
            Scalar::Text(s) => s,
            Scalar::Int(n) => n.to_string(),
            Scalar::Float(x) => x.to_string(),
            Scalar::Bool(b) => b.to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Entry {
        prompt: String,
        target: String,
    }

    #[test]
    fn unknown_key_names_line_column_and_closest_key() {
        let file = YamlFile::new("me.yaml", "prompt: hi\ntraget: 90s\n");
        let err = file.parse::<Entry>().unwrap_err();
        let loc = err.location.clone().unwrap();
        assert_eq!((loc.file.as_str(), loc.line, loc.column), ("me.yaml", 2, 1));
        assert_eq!(err.message, "unknown field `traget`, expected `prompt` or `target`");
        assert_eq!(err.hints, vec!["did you mean `target`?".to_string()]);
    }

    #[test]
    fn syntax_error_points_at_its_line() {
        let file = YamlFile::new("me.yaml", "prompt: hi\ntarget: [90s\n");
        let err = file.parse::<Entry>().unwrap_err();
        assert_eq!(err.location.unwrap().file, "me.yaml");
    }
}
