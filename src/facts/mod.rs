//! Facts: the person's figures. Each has a kind; a value is checked against its kind and
//! kept exactly as the person wrote it, with its magnitude parsed for consistency checks.

pub(crate) mod check;
pub(crate) mod date;
pub(crate) mod zone;

use crate::yaml::scalar_string;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What sort of figure a fact is, which decides the forms its value may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    Percent,
    Money,
    Duration,
    Count,
    Number,
    Text,
    Date,
}

impl FactKind {
    /// Every kind: the schema offers exactly these.
    pub(crate) const ALL: [FactKind; 7] = [
        FactKind::Percent,
        FactKind::Money,
        FactKind::Duration,
        FactKind::Count,
        FactKind::Number,
        FactKind::Text,
        FactKind::Date,
    ];

    /// Examples of the accepted forms, for error hints.
    pub(crate) fn forms(self) -> &'static str {
        match self {
            FactKind::Percent => "`89%` or `84.5%`",
            FactKind::Money => "`$1.2M`, `$500`, `€40K` or `£2,500`",
            FactKind::Duration => "`45ms`, `45 ms`, `1.5s`, `6 months` or `3 years`",
            FactKind::Count => "a whole number: `50K`, `100,000`, `1.5M` or `25`",
            FactKind::Number => "`0.92`, `3.5` or `-1`",
            FactKind::Text => "any text, on one line",
            FactKind::Date => "`2026-03-14` (year-month-day)",
        }
    }

    /// Whether the value is a figure the person must get right (printed bold on the cards).
    pub(crate) fn is_figure(self) -> bool {
        !matches!(self, FactKind::Text | FactKind::Date)
    }
}

impl fmt::Display for FactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            FactKind::Percent => "percent",
            FactKind::Money => "money",
            FactKind::Duration => "duration",
            FactKind::Count => "count",
            FactKind::Number => "number",
            FactKind::Text => "text",
            FactKind::Date => "date",
        };
        f.write_str(name)
    }
}

/// One declared fact: its path, kind, meaning and the demo persona's value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactDecl {
    pub path: String,
    pub kind: FactKind,
    pub description: String,
    #[serde(deserialize_with = "scalar_string")]
    pub example: String,
    /// One of the numbers to memorize.
    #[serde(default)]
    pub key: bool,
}

/// A fact's value: the text as written, and its magnitude where the kind has one
/// (percent in percent points, money in currency units, duration in seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct FactValue {
    pub display: String,
    pub magnitude: Option<f64>,
}

/// Checks `raw` against `kind`; the error says what was expected.
pub fn parse_value(kind: FactKind, raw: &str) -> Result<FactValue, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(format!("an empty value is not a {kind}"));
    }
    // `Some(magnitude)` when the text is of the kind; text and dates have no magnitude.
    let parsed = match kind {
        FactKind::Percent => text.strip_suffix('%').and_then(|n| decimal(n.trim_end())).map(Some),
        FactKind::Money => money(text).map(Some),
        FactKind::Duration => duration(text).map(Some),
        // A count is whole: 25, 100,000, 1.5M; not 5.5.
        FactKind::Count => scaled(text).filter(|n| *n >= 0.0 && n.fract() == 0.0).map(Some),
        FactKind::Number => decimal(text).map(Some),
        FactKind::Text => Some(None),
        FactKind::Date => date(text).then_some(None),
    };
    match parsed {
        Some(magnitude) => Ok(FactValue { display: text.to_string(), magnitude }),
        None => Err(format!("`{text}` is not a {kind} value")),
    }
}

/// The kind of a fact the person declares by its value alone, read from how it is
/// written: `91%` percent, `$3.4M` money, `35 ms` duration, `2026-03-14` date, `2.1M` or
/// `1,200` count, `0.94` or `-3` number, anything else text.
pub(crate) fn infer_kind(raw: &str) -> FactKind {
    let text = raw.trim();
    let plain_decimal = decimal(text).is_some();
    let whole = plain_decimal && !text.contains('.') && !text.starts_with('-');
    // `2024-02-30` is written as a date: it is a date that does not exist, which the value
    // check then reports, not text that prints as it stands.
    let date_shaped = text.len() == 10
        && text.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
    if date_shaped {
        return FactKind::Date;
    }
    [FactKind::Percent, FactKind::Money, FactKind::Duration, FactKind::Date]
        .into_iter()
        .find(|&kind| parse_value(kind, text).is_ok())
        .unwrap_or(if whole || (!plain_decimal && scaled(text).is_some_and(|n| n >= 0.0)) {
            FactKind::Count
        } else if plain_decimal {
            FactKind::Number
        } else {
            FactKind::Text
        })
}

/// A plain decimal: `12`, `-3.5`, `0.92`, with `,` thousands separators.
fn decimal(text: &str) -> Option<f64> {
    let digits = text.replace(',', "");
    let body = digits.strip_prefix('-').unwrap_or(&digits);
    let valid = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1
        && body.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.')
        && !body.ends_with('.');
    if valid { digits.parse().ok() } else { None }
}

/// A decimal with an optional K, M or B suffix: `50K`, `1.2M`.
fn scaled(text: &str) -> Option<f64> {
    let (number, factor) = match text.chars().last()? {
        'K' | 'k' => (&text[..text.len() - 1], 1e3),
        'M' => (&text[..text.len() - 1], 1e6),
        'B' => (&text[..text.len() - 1], 1e9),
        _ => (text, 1.0),
    };
    decimal(number.trim_end()).map(|n| n * factor)
}

/// The currency signs a money value starts with.
pub(crate) const CURRENCIES: [&str; 6] = ["$", "€", "£", "¥", "₹", "CHF "];

/// The units a duration is written in, with their length in seconds.
pub(crate) const DURATION_UNITS: [(&str, f64); 22] = [
    ("ms", 1e-3),
    ("s", 1.0),
    ("sec", 1.0),
    ("second", 1.0),
    ("seconds", 1.0),
    ("min", 60.0),
    ("mins", 60.0),
    ("minute", 60.0),
    ("minutes", 60.0),
    ("h", 3600.0),
    ("hr", 3600.0),
    ("hrs", 3600.0),
    ("hour", 3600.0),
    ("hours", 3600.0),
    ("day", 86_400.0),
    ("days", 86_400.0),
    ("week", 604_800.0),
    ("weeks", 604_800.0),
    ("month", 2_629_800.0),
    ("months", 2_629_800.0),
    ("year", 31_557_600.0),
    ("years", 31_557_600.0),
];

fn money(text: &str) -> Option<f64> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text),
    };
    CURRENCIES
        .iter()
        .find_map(|s| rest.strip_prefix(s))
        .and_then(scaled)
        .filter(|n| *n >= 0.0)
        .map(|n| sign * n)
}

fn duration(text: &str) -> Option<f64> {
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let number = decimal(&text[..split])?;
    let unit = text[split..].trim_start();
    let (_, seconds) = DURATION_UNITS.iter().find(|(name, _)| *name == unit)?;
    Some(number * seconds)
}

/// `YYYY-MM-DD` with a real month and day.
fn date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    parts[0].len() == 4 && (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn magnitude(kind: FactKind, raw: &str) -> Option<f64> {
        parse_value(kind, raw).ok().and_then(|v| v.magnitude)
    }

    #[test]
    fn figures_parse_as_people_write_them() {
        assert_eq!(magnitude(FactKind::Percent, "89%"), Some(89.0));
        assert_eq!(magnitude(FactKind::Percent, "86.5 %"), Some(86.5));
        assert_eq!(magnitude(FactKind::Money, "$1.2M"), Some(1_200_000.0));
        assert_eq!(magnitude(FactKind::Money, "€40K"), Some(40_000.0));
        assert_eq!(magnitude(FactKind::Money, "$500"), Some(500.0));
        assert_eq!(magnitude(FactKind::Duration, "45ms"), Some(0.045));
        assert_eq!(magnitude(FactKind::Duration, "45 ms"), Some(0.045));
        assert_eq!(magnitude(FactKind::Duration, "1.5s"), Some(1.5));
        assert_eq!(magnitude(FactKind::Count, "50K"), Some(50_000.0));
        assert_eq!(magnitude(FactKind::Count, "100,000"), Some(100_000.0));
        assert_eq!(magnitude(FactKind::Number, "0.92"), Some(0.92));
    }

    #[test]
    fn values_keep_their_written_form() {
        assert_eq!(parse_value(FactKind::Money, "$1.2M").unwrap().display, "$1.2M");
        assert_eq!(
            parse_value(FactKind::Text, "#1 team, a*b_c <tag> \\").unwrap().display,
            "#1 team, a*b_c <tag> \\"
        );
    }

    #[test]
    fn own_facts_take_their_kind_from_how_they_are_written() {
        let kinds: Vec<FactKind> = [
            "0.94",
            "91%",
            "$3.4M",
            "35 ms",
            "2.1M",
            "1,200",
            "12",
            "-3",
            "2026-03-14",
            "LightGBM",
            "v2",
            "2024-02-30",
        ]
        .iter()
        .map(|v| infer_kind(v))
        .collect();
        use FactKind::*;
        // A day that does not exist is still written as a date: the value check refuses it.
        assert_eq!(
            kinds,
            [Number, Percent, Money, Duration, Count, Count, Count, Number, Date, Text, Text, Date]
        );
        assert!(parse_value(Date, "2024-02-30").is_err());
    }

    #[test]
    fn wrong_kinds_are_refused() {
        assert!(parse_value(FactKind::Percent, "89").is_err());
        assert!(parse_value(FactKind::Money, "1.2M").is_err());
        assert!(parse_value(FactKind::Duration, "45").is_err());
        assert!(parse_value(FactKind::Count, "lots").is_err());
        assert!(parse_value(FactKind::Count, "5.5").is_err());
        assert!(parse_value(FactKind::Count, "1.5M").is_ok());
        assert!(parse_value(FactKind::Number, "1.2.3").is_err());
        assert!(parse_value(FactKind::Date, "2026-02-30").is_err());
        assert!(parse_value(FactKind::Date, "2028-02-29").is_ok());
    }
}
