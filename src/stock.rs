//! `--stock FILE`: a perforated card stock described in a few numbers (sheet, card,
//! columns, rows, margins, gaps), read and checked into the imposition's [`Stock`]. Every
//! problem names the file, line and column of the value to change.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::render::impose::Stock;
use crate::yaml::YamlFile;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::path::Path;
use std::sync::Mutex;

/// Where a person finds how a stock file is written.
const STOCK_HINT: &str = "a stock file gives sheet and card (width, height), columns, rows, margins (left, top) and gaps, lengths with their unit (8.5in, 216mm); the README's \"Printing on perforated cards\" shows one";

/// The largest page a PDF holds: 200 in.
const PDF_MAX: f64 = 14_400.0;

/// How far apart two lengths may be and still agree: a hundredth of a point.
const SAME: f64 = 0.01;

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StockFile {
    /// Shown in the build's summary; the file's name when left out.
    name: Option<String>,
    sheet: Size,
    card: Size,
    columns: u32,
    rows: u32,
    margins: Margins,
    #[serde(default)]
    gaps: Gaps,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Size {
    width: Length,
    height: Length,
}

/// Left and top place the cards; right and bottom, when given, are checked against them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Margins {
    left: Length,
    top: Length,
    right: Option<Length>,
    bottom: Option<Length>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Gaps {
    #[serde(default)]
    column: Length,
    #[serde(default)]
    row: Length,
}

/// A length in points, written with its unit: `8.5in`, `216mm`, `21.6cm`, `612pt` (or `0`).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Length(f64);

impl Length {
    const UNITS: [(&'static str, f64); 4] =
        [("in", 72.0), ("mm", 72.0 / 25.4), ("cm", 72.0 / 2.54), ("pt", 1.0)];

    fn parse(text: &str) -> Result<Length, String> {
        let text = text.trim();
        let not_a_length =
            || format!("`{text}` is not a length: write a number and its unit, as 8.5in, 216mm or 612pt");
        let unit = Self::UNITS.iter().find(|(unit, _)| text.ends_with(unit));
        let Some((unit, points)) = unit else {
            return match text.parse::<f64>() {
                Ok(0.0) => Ok(Length(0.0)),
                Ok(n) if n.is_finite() => {
                    Err(format!("`{text}` has no unit: write it as {text}in, {text}mm or {text}pt"))
                }
                _ => Err(not_a_length()),
            };
        };
        match text[..text.len() - unit.len()].trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Length(n * points)),
            _ => Err(not_a_length()),
        }
    }
}

/// Unquoted `0` and `8.5in` both arrive here; the error is marked at the value by the parser.
impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Length, D::Error> {
        struct LengthVisitor;
        impl Visitor<'_> for LengthVisitor {
            type Value = Length;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a length with its unit, as 8.5in, 216mm or 612pt")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Length, E> {
                Length::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Length, E> {
                Length::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Length, E> {
                Length::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Length, E> {
                Length::parse(&v.to_string()).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(LengthVisitor)
    }
}

/// Reads the stock described in `path`.
pub(crate) fn read(path: &Path) -> Result<Stock, Diagnostics> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error(Some(Location::file(&name)), format!("cannot read the stock file: {e}"))
            .hint(STOCK_HINT)
    })?;
    let file_name = path.file_name().map_or_else(|| name.clone(), |n| n.to_string_lossy().to_string());
    parse(&YamlFile::new(name, text), &file_name)
}

/// The stock `file` describes, named `default_name` unless it names itself.
fn parse(file: &YamlFile, default_name: &str) -> Result<Stock, Diagnostics> {
    let written: StockFile = file.parse().map_err(|mut d| {
        // The generic hint points at the profile's schema, which says nothing of stocks.
        d.hints.retain(|h| !h.contains("studypack schema"));
        if d.hints.is_empty() {
            d = d.hint(STOCK_HINT);
        }
        d
    })?;
    let problems = check(&written);
    if problems.is_empty() {
        let name = written.name.clone().unwrap_or_else(|| default_name.to_string());
        return Ok(stock(&written, intern(name)));
    }
    let mut errors = Diagnostics::default();
    for (at, message, hint) in problems {
        errors.push(Diagnostic::error(file.value_location(&at), message).hint(hint));
    }
    Err(errors)
}

/// The stock's geometry in points.
fn stock(file: &StockFile, name: &'static str) -> Stock {
    Stock {
        name,
        sheet_width: file.sheet.width.0,
        sheet_height: file.sheet.height.0,
        card_width: file.card.width.0,
        card_height: file.card.height.0,
        columns: file.columns as usize,
        rows: file.rows as usize,
        left: file.margins.left.0,
        top: file.margins.top.0,
        column_gap: file.gaps.column.0,
        row_gap: file.gaps.row.0,
    }
}

/// A problem: the path of the value to change, what is wrong, how to fix it.
type Problem = (Vec<&'static str>, String, String);

/// Everything wrong with the geometry: sizes that are not positive, negative margins,
/// overlapping cards, cards that do not fit the sheet or run past it, margins that do not
/// add up.
fn check(file: &StockFile) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut must = |ok: bool, at: &[&'static str], message: String, hint: &str| {
        if !ok {
            problems.push((at.to_vec(), message, hint.to_string()));
        }
    };
    for (what, size) in [("sheet", &file.sheet), ("card", &file.card)] {
        for (side, length) in [("width", size.width), ("height", size.height)] {
            must(
                length.0 > 0.0,
                &[what, side],
                format!("the {what}'s {side} must be more than 0"),
                "measure it and write it with its unit, as 5in",
            );
        }
    }
    for (side, length) in [("width", file.sheet.width), ("height", file.sheet.height)] {
        must(
            length.0 <= PDF_MAX,
            &["sheet", side],
            format!("the sheet's {side} is {}: a PDF page is at most {}", show(length.0), show(PDF_MAX)),
            "measure the sheet and write it with its unit, as 8.5in or 216mm",
        );
    }
    for (key, count) in [("columns", file.columns), ("rows", file.rows)] {
        must(
            count >= 1,
            &[key],
            format!("a stock has at least one card across and down; {key} is 0"),
            "count the cards on one sheet",
        );
    }
    let m = &file.margins;
    for (side, length) in
        [("left", Some(m.left)), ("top", Some(m.top)), ("right", m.right), ("bottom", m.bottom)]
    {
        if let Some(length) = length {
            must(
                length.0 >= 0.0,
                &["margins", side],
                format!("the {side} margin is {}: it cannot be negative", show(length.0)),
                "measure from the sheet's edge to the first card's edge",
            );
        }
    }
    for (gap, length, between) in
        [("column", file.gaps.column, "side by side"), ("row", file.gaps.row, "above each other")]
    {
        must(
            length.0 >= 0.0,
            &["gaps", gap],
            format!("a {gap} gap of {} makes the cards {between} overlap", show(length.0)),
            "cards that touch at a perforation have a gap of 0",
        );
    }
    if !problems.is_empty() || file.columns == 0 || file.rows == 0 {
        return problems;
    }
    let across = Run {
        sheet: file.sheet.width.0,
        card: file.card.width.0,
        count: file.columns,
        gap: file.gaps.column.0,
        start: m.left.0,
        end: m.right,
    };
    let down = Run {
        sheet: file.sheet.height.0,
        card: file.card.height.0,
        count: file.rows,
        gap: file.gaps.row.0,
        start: m.top.0,
        end: m.bottom,
    };
    problems.extend(across.check(["width", "columns", "right", "column", "left"]));
    problems.extend(down.check(["height", "rows", "bottom", "row", "top"]));
    problems
}

/// One direction of the sheet: the cards in a row (or a column) from the first margin.
struct Run {
    sheet: f64,
    card: f64,
    count: u32,
    gap: f64,
    start: f64,
    end: Option<Length>,
}

impl Run {
    /// The problems in this direction; `keys` are its size, count, far margin, gap and near margin.
    fn check(&self, [size, count_key, far, gap_key, near]: [&'static str; 5]) -> Vec<Problem> {
        let count = f64::from(self.count);
        let cards_end = self.start + count * self.card + (count - 1.0) * self.gap;
        let cells = format!(
            "{near} margin {} + {} × {} card{}{}",
            show(self.start),
            self.count,
            show(self.card),
            if self.count == 1 { "" } else { "s" },
            if self.count > 1 {
                format!(" + {} × {} {gap_key} gap", self.count - 1, show(self.gap))
            } else {
                String::new()
            }
        );
        if self.card > self.sheet + SAME {
            return vec![(
                vec!["card", size],
                format!(
                    "a card {} in {size} does not fit a sheet {} in {size}",
                    show(self.card),
                    show(self.sheet)
                ),
                format!(
                    "check the card's {size} and the sheet's; cards are measured landscape or portrait as they lie on the sheet"
                ),
            )];
        }
        if cards_end > self.sheet + SAME {
            return vec![(
                vec![count_key],
                format!(
                    "the cards run past the sheet: {cells} = {}, but the sheet's {size} is {}",
                    show(cards_end),
                    show(self.sheet)
                ),
                format!("check {count_key}, the gaps and the {near} margin against the stock's packaging"),
            )];
        }
        match self.end {
            Some(end) if (cards_end + end.0 - self.sheet).abs() > SAME => vec![(
                vec!["margins", far],
                format!(
                    "the margins do not add up: {cells} + {far} margin {} = {}, but the sheet's {size} is {}",
                    show(end.0),
                    show(cards_end + end.0),
                    show(self.sheet)
                ),
                format!(
                    "the {far} margin should be {}; or leave it out, it follows from the rest",
                    show(self.sheet - cards_end)
                ),
            )],
            _ => Vec::new(),
        }
    }
}

/// A length for messages, in inches and millimetres: `1.75in (44.45mm)`.
fn show(points: f64) -> String {
    let trim = |x: f64, places: usize| {
        let s = format!("{x:.places$}");
        let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
        if s == "-0" { "0".to_string() } else { s }
    };
    format!("{}in ({}mm)", trim(points / 72.0, 3), trim(points / 72.0 * 25.4, 2))
}

/// A stock's name kept for the life of the process. Print settings are a small `Copy`
/// value handed by value through every render, so they hold names as `&'static str`; a
/// process reads a handful of stock files (`watch` rereads the same one), each name is
/// kept once.
fn intern(name: String) -> &'static str {
    static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut names = NAMES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(known) = names.iter().find(|n| **n == name) {
        return known;
    }
    let name: &'static str = Box::leak(name.into_boxed_str());
    names.push(name);
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Stock, Diagnostics> {
        super::parse(&YamlFile::new("stock.yaml", text), "test")
    }

    const AVERY_5388: &str = "sheet: { width: 8.5in, height: 11in }\ncard: { width: 5in, height: 3in }\ncolumns: 1\nrows: 3\nmargins: { left: 1.75in, top: 1in, right: 1.75in, bottom: 1in }\n";

    #[test]
    fn avery_5388_written_out_is_the_built_in_stock() {
        let stock = parse(AVERY_5388).unwrap();
        assert_eq!(stock, Stock { name: "test", ..Stock::AVERY_5388 });
        let named = parse(&format!("name: My cards\n{AVERY_5388}")).unwrap();
        assert_eq!(named.name, "My cards");
    }

    #[test]
    fn a_sheet_larger_than_a_pdf_page_is_refused_at_its_value() {
        let err = parse(&AVERY_5388.replace("width: 8.5in", "width: 1e12in")).unwrap_err();
        let d = &err.0[0];
        assert_eq!(
            d.message,
            "the sheet's width is 1000000000000in (25400000000000mm): a PDF page is at most 200in (5080mm)"
        );
        assert_eq!(d.location.as_ref().map(|l| (l.line, l.column)), Some((1, 17)));
    }

    #[test]
    fn lengths_take_inches_millimetres_centimetres_and_points() {
        for (text, points) in
            [("8.5in", 612.0), ("25.4mm", 72.0), ("2.54cm", 72.0), ("612pt", 612.0), ("0", 0.0)]
        {
            assert!((Length::parse(text).unwrap().0 - points).abs() < 1e-9, "{text}");
        }
        assert_eq!(Length::parse("8.5").unwrap_err(), "`8.5` has no unit: write it as 8.5in, 8.5mm or 8.5pt");
    }

    #[test]
    fn margins_that_do_not_add_up_point_at_the_right_margin() {
        let err = parse(&AVERY_5388.replace("right: 1.75in", "right: 1.5in")).unwrap_err();
        let d = &err.0[0];
        let at = d.location.as_ref().unwrap();
        assert_eq!((at.line, at.column), (5, 43));
        assert_eq!(
            d.message,
            "the margins do not add up: left margin 1.75in (44.45mm) + 1 × 5in (127mm) card + right margin 1.5in (38.1mm) = 8.25in (209.55mm), but the sheet's width is 8.5in (215.9mm)"
        );
    }
}
