//! Reading YAML into typed models with errors that name file, line and column, and a
//! "did you mean" hint for misspelt keys. serde_yaml reads the typed model; a second,
//! span-keeping parser (`spans`) says where each key and value is, so every location is
//! the parser's, never a search of the text.

mod spans;

pub(crate) use spans::{Kind, Tree};

use crate::diag::{Diagnostic, Location, closest};
use serde::de::DeserializeOwned;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::rc::Rc;

/// The keys and values of `text` with their places (parsed once for the same text in a row).
pub(crate) fn spans_of(text: &str) -> Rc<Tree> {
    spans::tree(text)
}

/// A file's model with the errors of its unknown keys (which it was read without), or the
/// errors that kept it from being read: see `YamlFile::parse_all`.
pub(crate) type Parsed<T> = Result<(T, Vec<Diagnostic>), Vec<Diagnostic>>;

/// A YAML text and the name it is shown under (a path, or `content/facts.yaml` when embedded).
#[derive(Debug, Clone)]
pub(crate) struct YamlFile {
    pub name: String,
    pub text: String,
}

impl YamlFile {
    pub(crate) fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self { name: name.into(), text: text.into() }
    }

    /// Deserializes the whole file; the error points at the offending line and column. A key
    /// given twice in one map is reported at its second occurrence.
    pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        if let Some(twice) = self.given_twice() {
            return Err(twice);
        }
        serde_yaml::from_str(&self.text).map_err(|err| self.error_from(&err))
    }

    /// The first key given twice in one map, reported at its second occurrence.
    fn given_twice(&self) -> Option<Diagnostic> {
        let twice = self.tree().duplicates.first()?.clone();
        let first = Location::at_byte(&self.name, &self.text, twice.first);
        Some(
            Diagnostic::error(
                Some(Location::at_byte(&self.name, &self.text, twice.second)),
                format!("`{}` is given twice in this map (first at line {})", twice.key, first.line),
            )
            .hint("a key may appear only once here: merge the two into one, or delete one"),
        )
    }

    /// Deserializes the whole file as `parse` does, but reports every unknown key, not the
    /// first only: each is reported (with its "did you mean"), blanked out (spaces, so every
    /// other line and column stays where it is) and the rest read again, so that the file's
    /// other problems come out in the same run. The model comes back with those errors; any
    /// other error ends the reading, after them. The text is copied only to blank a key.
    pub(crate) fn parse_all<T: DeserializeOwned>(&self) -> Parsed<T> {
        /// Enough for any file written by hand; past it, the keys left are reported as read.
        const MAX_UNKNOWN_KEYS: usize = 32;
        if let Some(twice) = self.given_twice() {
            return Err(vec![twice]);
        }
        let mut text = Cow::Borrowed(self.text.as_str());
        let mut unknown = Vec::new();
        for _ in 0..MAX_UNKNOWN_KEYS {
            let err = match serde_yaml::from_str::<T>(&text) {
                Ok(model) => return Ok((model, unknown)),
                Err(err) => err,
            };
            let diagnostic = self.error_from(&err);
            let pair = err
                .location()
                .filter(|_| unknown_field(&diagnostic.message).is_some())
                .and_then(|at| self.tree().pair_at(at.index()));
            // `compnay:` blanked leaves `company` missing: that is the same problem again.
            let follows = diagnostic
                .message
                .split("missing field `")
                .nth(1)
                .and_then(|m| m.split('`').next())
                .is_some_and(|missing| {
                    unknown.iter().any(|d| d.hints.iter().any(|h| h == &format!("did you mean `{missing}`?")))
                });
            if !follows {
                unknown.push(diagnostic);
            }
            let Some((start, end)) = pair else { return Err(unknown) };
            let Some(span) = text.get(start..end) else { return Err(unknown) };
            let blanked: String = span
                .chars()
                .flat_map(|c| if c == '\n' { vec!['\n'] } else { vec![' '; c.len_utf8()] })
                .collect();
            text.to_mut().replace_range(start..end, &blanked);
        }
        Err(unknown)
    }

    /// The file's keys and values with where each one is (shared with `locate::find`).
    pub(crate) fn tree(&self) -> Rc<Tree> {
        spans_of(&self.text)
    }

    /// Where `needle` is, at or after byte offset `from`: a key when it ends with `:`
    /// (`project:`), else a key or value equal to it. When a map or list starts at `from` (as
    /// `offset_of` returns), it is searched first, so the answer stays in that entry.
    pub(crate) fn locate(&self, needle: &str, from: usize) -> Option<Location> {
        let at = self.tree().find_scalar(needle, from)?;
        Some(Location::at_byte(&self.name, &self.text, at))
    }

    /// Where the `index`th item of the list at `path` is (`select:`'s third id), or `None`
    /// when that value is not a list so long: the item itself, not the first scalar equal to
    /// it, so an id given twice is shown where it is given the second time.
    pub(crate) fn item(&self, path: &[&str], index: usize) -> Option<Location> {
        let tree = self.tree();
        let (_, value) = tree.path(path)?;
        let Kind::List(items) = &value.kind else { return None };
        Some(Location::at_byte(&self.name, &self.text, items.get(index)?.at))
    }

    /// Where an entry is, to narrow later `locate`s to it: for `key: value` (`id: q3`), the
    /// start of the map that holds that pair; for `key:` (`select:`), the start of its value.
    pub(crate) fn offset_of(&self, anchor: &str) -> Option<usize> {
        self.tree().anchor(anchor)
    }

    /// Where the parser finds the value at `path` (keys of nested maps, outermost first),
    /// for a problem found after parsing (a sum of several values): the file is read again
    /// and the parser stops at that value, so the position is the parser's own.
    pub(crate) fn value_location(&self, path: &[&str]) -> Option<Location> {
        let err = ValueAt(path).deserialize(serde_yaml::Deserializer::from_str(&self.text)).err()?;
        let at = err.location()?;
        Some(Location::at_line_column(&self.name, &self.text, at.line(), at.column()))
    }

    fn error_from(&self, err: &serde_yaml::Error) -> Diagnostic {
        let mut location = match err.location() {
            Some(at) => Location::at_line_column(&self.name, &self.text, at.line(), at.column()),
            None => Location::file(&self.name),
        };
        let raw = err.to_string();
        // serde_yaml appends " at line L column C"; the location is printed separately.
        let mut message = raw
            .split(" at line ")
            .next()
            .unwrap_or(&raw)
            .replace("expected u32", "expected a whole number")
            .replace("expected a borrowed string", "expected text");
        // Bank text that does not read (`{{ledger cost}}`, see `bank::text`): serde_yaml puts
        // it at the map that holds it, but the place to show is the text itself, found from
        // there on (not when the file writes it otherwise, with escapes or across lines).
        let mut text_hint = None;
        if let Some((before, rest)) = message.split_once(" (in `")
            && let Some((needle, hint)) = rest.split_once("`); ")
        {
            let from = err.location().map_or(0, |at| at.index()).min(self.text.len());
            if let Some(at) = self.text.get(from..).and_then(|rest| rest.find(needle)) {
                location = Location::at_byte(&self.name, &self.text, from + at);
            }
            text_hint = Some(hint.to_string());
            message = before.to_string();
        }
        let mut diagnostic = Diagnostic::error(Some(location.clone()), message.clone());
        if let Some(hint) = text_hint {
            return diagnostic.hint(hint);
        }
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
                diagnostic.hint("`studypack schema` lists every key with the type of its value (text, a number, a list or a map)");
        }
        diagnostic
    }
}

/// Walks maps along its path and fails at the value there: the parser marks the error
/// with that value's line and column.
struct ValueAt<'a>(&'a [&'a str]);

impl<'de> DeserializeSeed<'de> for ValueAt<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueAt<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the value looked for")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((key, rest)) = self.0.split_first() else {
            return Err(serde::de::Error::custom("here"));
        };
        while let Some(k) = map.next_key::<String>()? {
            if k == *key {
                return map.next_value_seed(ValueAt(rest));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    // Every other value is where the path ends, or a dead end: the visitor's default
    // answer ("invalid type") is an error the parser marks with its position.
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
pub(crate) fn scalar_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
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

/// A value that may be left empty in the file (`questions:` with every entry commented
/// out reads as null): its default then.
pub(crate) fn or_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    d: D,
) -> Result<T, D::Error> {
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// A YAML map read in the order it is written (`projects:` print in that order), each
/// value deserialized in place so its errors keep their line and column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ordered<V>(pub Vec<(String, V)>);

impl<V> Default for Ordered<V> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of ids to entries")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Ordered(Vec::new()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, V>()? {
                    entries.push((key, value));
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

/// `value` written as a YAML scalar: quoted when YAML would read it otherwise.
pub(crate) fn scalar(value: &str) -> String {
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
