//! Finding a key path (`facts` → `churn` → `accuracy`) in a YAML text, for error locations
//! and to read a value exactly as the person wrote it (`1.50` stays `1.50`). The places are
//! the YAML parser's spans, so flow style (`{a: 1}`), quoted keys and list items are found
//! where they are.

use crate::diag::Location;
use crate::yaml::Kind;

/// Where a key path is: the key's byte offset, its value's when the value starts on the
/// key's line, and the value's text when it is a plain (unquoted) scalar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub key_at: usize,
    pub value_at: Option<usize>,
    pub raw_value: Option<String>,
}

/// Finds `keys` (outermost first) as nested maps in `text`.
pub(crate) fn find(text: &str, keys: &[&str]) -> Option<Found> {
    let tree = crate::yaml::spans_of(text);
    let (key, value) = tree.path(keys)?;
    let (empty, raw_value) = match &value.kind {
        Kind::Scalar { text, plain } => {
            (text.is_empty() && *plain, (*plain && !text.is_empty()).then(|| text.clone()))
        }
        _ => (false, None),
    };
    let value_at = (!empty && value.line == key.line).then_some(value.at);
    Some(Found { key_at: key.at, value_at, raw_value })
}

/// The location to report for a key path: its value if on the key's line, else the key.
pub(crate) fn location(file: &str, text: &str, keys: &[&str]) -> Option<Location> {
    let found = find(text, keys)?;
    Some(Location::at_byte(file, text, found.value_at.unwrap_or(found.key_at)))
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
    fn flow_style_quoted_keys_and_list_items_are_found() {
        let text =
            "facts: {churn: {accuracy: 91%}, 'churn.f1': 0.8}\njob:\n  - role: x\n    date: 2026-12-03\n";
        let loc = location("me.yaml", text, &["facts", "churn", "accuracy"]).unwrap();
        assert_eq!((loc.line, loc.column), (1, 27));
        let loc = location("me.yaml", text, &["facts", "churn.f1"]).unwrap();
        assert_eq!((loc.line, loc.column), (1, 45));
        let loc = location("me.yaml", text, &["job", "date"]).unwrap();
        assert_eq!((loc.line, loc.column), (4, 11));
    }

    #[test]
    fn a_key_outside_its_block_is_not_found() {
        assert_eq!(find(TEXT, &["facts", "pace_wpm"]), None);
    }
}
