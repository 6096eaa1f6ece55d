//! Finding a key path (`facts` → `churn` → `accuracy`) in a YAML text, for error locations
//! and to read a value exactly as the person wrote it (`1.50` stays `1.50`). Works on block
//! style YAML, which is what people write; flow style falls back to the first occurrence.

use crate::diag::Location;

/// Where a key path is: the key's byte offset, and its value's text on the same line when
/// it is a plain (unquoted, one-line) scalar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub key_at: usize,
    pub value_at: Option<usize>,
    pub raw_value: Option<String>,
}

/// Finds `keys` (outermost first) as nested block mappings in `text`.
pub fn find(text: &str, keys: &[&str]) -> Option<Found> {
    let mut from = 0;
    let mut min_indent: Option<usize> = None;
    let mut found = None;
    for key in keys {
        let (at, indent) = find_key(text, key, from, min_indent)?;
        from = at + key.len();
        min_indent = Some(indent + 1);
        found = Some(at);
    }
    let key_at = found?;
    let line_end = text[key_at..].find('\n').map_or(text.len(), |i| key_at + i);
    let after_colon = text[key_at..line_end].find(':').map(|i| key_at + i + 1)?;
    let rest = &text[after_colon..line_end];
    let value_start = after_colon + (rest.len() - rest.trim_start().len());
    let raw = strip_comment(rest.trim()).trim_end_matches('\r').trim();
    let plain = !raw.is_empty() && !raw.starts_with(['"', '\'', '|', '>', '[', '{', '&', '*', '!']);
    Some(Found {
        key_at,
        value_at: (!raw.is_empty()).then_some(value_start),
        raw_value: plain.then(|| raw.to_string()),
    })
}

/// The location to report for a key path: its value if on the key's line, else the key.
pub fn location(file: &str, text: &str, keys: &[&str]) -> Option<Location> {
    let found = find(text, keys)?;
    Some(Location::at_byte(file, text, found.value_at.unwrap_or(found.key_at)))
}

/// The first line at or after `from` whose key is `key`, indented at least `min_indent`
/// (and, once a deeper block ends, not past it). Returns the key's offset and indent.
fn find_key(text: &str, key: &str, from: usize, min_indent: Option<usize>) -> Option<(usize, usize)> {
    let mut offset = text[..from].rfind('\n').map_or(0, |i| i + 1);
    for line in text[offset..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = content.len() - trimmed.len();
        if start + indent < from && min_indent.is_some() {
            continue;
        }
        if let Some(min) = min_indent
            && indent < min
        {
            return None;
        }
        // A list item's key sits after "- ".
        let (item, body) = match trimmed.strip_prefix("- ") {
            Some(rest) => (2, rest),
            None => (0, trimmed),
        };
        for candidate in [key.to_string(), format!("\"{key}\""), format!("'{key}'")] {
            if let Some(after) = body.strip_prefix(&candidate)
                && after.trim_start().starts_with(':')
            {
                return Some((start + indent + item, indent + item));
            }
        }
    }
    None
}

/// A plain scalar without its trailing ` # comment`.
fn strip_comment(value: &str) -> &str {
    match value.find(" #") {
        Some(i) => value[..i].trim_end(),
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "pace_wpm: 140\nfacts:\n  churn:\n    accuracy: 1.50   # tuned\n    name: \"Acme\"\n  churn.latency_p95: 120 ms\n";

    #[test]
    fn nested_keys_and_raw_values() {
        let found = find(TEXT, &["facts", "churn", "accuracy"]).unwrap();
        assert_eq!(found.raw_value.as_deref(), Some("1.50"));
        let loc = location("me.yaml", TEXT, &["facts", "churn", "accuracy"]).unwrap();
        assert_eq!((loc.line, loc.column), (4, 15));
    }

    #[test]
    fn quoted_values_are_not_raw_and_dotted_keys_are_found() {
        assert_eq!(find(TEXT, &["facts", "churn", "name"]).unwrap().raw_value, None);
        let found = find(TEXT, &["facts", "churn.latency_p95"]).unwrap();
        assert_eq!(found.raw_value.as_deref(), Some("120 ms"));
    }

    #[test]
    fn a_key_outside_its_block_is_not_found() {
        assert_eq!(find(TEXT, &["facts", "pace_wpm"]), None);
    }
}
