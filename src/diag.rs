//! One error type for everything a user can cause, printed like a compiler prints:
//! `file:line:col: error: message`, the source line with a caret, and a hint.

use std::fmt;

/// How serious a diagnostic is: errors stop the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file people can open: 1-based line and column (columns count characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The text of that line, shown under the message.
    pub source_line: Option<String>,
}

impl Location {
    /// The location of byte offset `at` in `text`, which was read from `file`.
    pub fn at_byte(file: &str, text: &str, at: usize) -> Self {
        let at = at.min(text.len());
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        Self {
            file: file.to_string(),
            line: text[..at].matches('\n').count() + 1,
            column: text[line_start..at].chars().count() + 1,
            source_line: Some(text[line_start..line_end].trim_end_matches('\r').to_string()),
        }
    }

    /// The location of a 1-based line and column in `text`, which was read from `file`.
    pub fn at_line_column(file: &str, text: &str, line: usize, column: usize) -> Self {
        Self {
            file: file.to_string(),
            line,
            column,
            source_line: text
                .lines()
                .nth(line.saturating_sub(1))
                .map(|l| l.trim_end_matches('\r').to_string()),
        }
    }

    /// A whole file, for problems that have no better place (an empty file, a missing one).
    pub fn file(file: &str) -> Self {
        Self { file: file.to_string(), line: 1, column: 1, source_line: None }
    }
}

/// A problem the user can fix: where it is, what it is, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Option<Location>,
    pub message: String,
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// An error at a location.
    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, location, message: message.into(), hints: Vec::new() }
    }

    /// A warning at a location.
    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, location, message: message.into(), hints: Vec::new() }
    }

    /// The same diagnostic with one more hint ("did you mean …", "write it as …").
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Some(loc) => write!(f, "{}:{}:{}: {label}: {}", loc.file, loc.line, loc.column, self.message)?,
            None => write!(f, "{label}: {}", self.message)?,
        }
        if let Some(loc) = &self.location
            && let Some(line) = &loc.source_line
        {
            let gutter = loc.line.to_string();
            let pad = " ".repeat(gutter.len());
            // A very long line is shown as a window around the column.
            let chars: Vec<char> = line.chars().collect();
            let column = loc.column.saturating_sub(1).min(chars.len());
            let (from, to) = if chars.len() > 120 {
                (column.saturating_sub(60), (column + 40).min(chars.len()))
            } else {
                (0, chars.len())
            };
            let mut shown: String = chars[from..to].iter().collect();
            let mut caret_pad: String =
                chars[from..column].iter().map(|c| if *c == '\t' { '\t' } else { ' ' }).collect();
            if from > 0 {
                shown.insert(0, '…');
                caret_pad.insert(0, ' ');
            }
            if to < chars.len() {
                shown.push('…');
            }
            let line = &shown;
            write!(f, "\n{pad} |\n{gutter} | {line}\n{pad} | {caret_pad}^")?;
        }
        for hint in &self.hints {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one pass, reported together like a compiler does.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// `Ok(value)` when nothing here is an error, else every diagnostic (warnings included).
    /// The value with the warnings, or every error; a problem reported twice (a layout
    /// shared by several documents) is shown once.
    pub fn into_result<T>(mut self, value: T) -> Result<(T, Diagnostics), Diagnostics> {
        let mut unique: Vec<Diagnostic> = Vec::with_capacity(self.0.len());
        for d in self.0 {
            if !unique.contains(&d) {
                unique.push(d);
            }
        }
        self.0 = unique;
        if self.has_errors() { Err(self) } else { Ok((value, self)) }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The closest of `candidates` to `wanted`, if it is close enough to be a likely typo.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .into_iter()
        // Transposed letters (`acuracy`, `precison`, `taget`) count as one typo.
        .map(|c| (strsim::damerau_levenshtein(wanted, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "a: 1\nbé: {{ x }}\n";
        let at = text.find("{{").unwrap();
        let loc = Location::at_byte("f.yaml", text, at);
        assert_eq!((loc.line, loc.column), (2, 5));
        assert_eq!(loc.source_line.as_deref(), Some("bé: {{ x }}"));
    }

    #[test]
    fn closest_suggests_typos_only() {
        let names = ["churn.latency_p95", "churn.latency_p50", "person.name"];
        assert_eq!(closest("churn.latncy_p95", names), Some("churn.latency_p95"));
        assert_eq!(closest("ecommerce.revenue", names), None);
    }

    #[test]
    fn a_long_line_is_shown_around_its_column() {
        let line = "x".repeat(500);
        let d = Diagnostic::error(Some(Location::at_line_column("f.yaml", &line, 1, 300)), "bad");
        let shown = d.to_string();
        let source = shown.lines().nth(2).unwrap();
        assert_eq!(source, format!("1 | …{}…", "x".repeat(100)));
        let caret = shown.lines().nth(3).unwrap();
        assert_eq!(caret.find('^'), Some("1 | …".chars().count() + 60));
    }

    #[test]
    fn display_shows_file_line_column_source_and_hint() {
        let d = Diagnostic::error(Some(Location::at_line_column("me.yaml", "a: 1\nb: x\n", 2, 4)), "bad")
            .hint("fix it");
        assert_eq!(d.to_string(), "me.yaml:2:4: error: bad\n  |\n2 | b: x\n  |    ^\n  = hint: fix it");
    }
}
