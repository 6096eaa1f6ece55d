//! One error type for everything a user can cause, printed like a compiler prints:
//! `file:line:col: error: message`, the source line with the place marked, and hints.
//! annotate-snippets (rustc's renderer) lays them out, in colour on a terminal.

use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt;
use std::io::IsTerminal;

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
    pub(crate) fn at_byte(file: &str, text: &str, at: usize) -> Self {
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
    pub(crate) fn at_line_column(file: &str, text: &str, line: usize, column: usize) -> Self {
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
    pub(crate) fn file(file: &str) -> Self {
        Self { file: file.to_string(), line: 1, column: 1, source_line: None }
    }
}

/// A problem the user can fix: where it is, what it is, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Option<Location>,
    /// How many characters from the location's column the problem covers (0: a point).
    pub width: u32,
    pub message: String,
    pub hints: Vec<String>,
    /// How the problem was reached: the innermost call of a Typst layout, which leads to
    /// its caller. A chain of boxes keeps a diagnostic small inside every `Result`.
    pub trace: Option<Box<Trace>>,
}

/// One step of a diagnostic's trace ("while calling `card`"), and the step before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    pub location: Location,
    /// Characters from the column to underline (0: a point).
    pub width: u32,
    pub message: String,
    pub caller: Option<Box<Trace>>,
}

impl Trace {
    /// This step and every one before it, innermost first.
    pub(crate) fn steps(&self) -> impl Iterator<Item = &Trace> {
        std::iter::successors(Some(self), |step| step.caller.as_deref())
    }
}

impl Diagnostic {
    /// An error at a location.
    pub(crate) fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, location, message.into())
    }

    /// A warning at a location.
    pub(crate) fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, location, message.into())
    }

    fn new(severity: Severity, location: Option<Location>, message: String) -> Self {
        Self { severity, location, width: 0, message, hints: Vec::new(), trace: None }
    }

    /// The same diagnostic with one more hint ("did you mean …", "write it as …").
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The same problem at the same place, however it was reached (the trace aside).
    fn same_problem(&self, other: &Diagnostic) -> bool {
        let Self { severity, location, width, message, hints, trace: _ } = self;
        (severity, location, width, message, hints)
            == (&other.severity, &other.location, &other.width, &other.message, &other.hints)
    }

    /// The diagnostic as printed: `file:line:col: error: message`, the source line with the
    /// place underlined, the hints as `= hint: …`, then the trace; ANSI colour if `colour`.
    pub(crate) fn render(&self, colour: bool) -> String {
        let place = |loc: &Location| format!("{}:{}:{}", loc.file, loc.line, loc.column);
        let (level, label) = match self.severity {
            Severity::Error => (Level::ERROR, "error"),
            Severity::Warning => (Level::WARNING, "warning"),
        };
        // The place goes in the level's name so that the first line stays
        // `file:line:col: error: message`, the form editors and people look for.
        let name = self.location.as_ref().map_or(label.to_string(), |loc| format!("{}: {label}", place(loc)));
        let mut group = Group::with_title(level.with_name(name).primary_title(self.message.as_str()));
        if let Some(snippet) =
            self.location.as_ref().and_then(|loc| snippet(loc, self.width, AnnotationKind::Primary))
        {
            group = group.element(snippet);
        }
        group = group.elements(self.hints.iter().map(|h| Level::HELP.with_name("hint").message(h.as_str())));
        let mut report = vec![group];
        for step in self.trace.iter().flat_map(|t| t.steps()) {
            let title = Level::NOTE.with_name(format!("{}: note", place(&step.location)));
            let mut group = Group::with_title(title.secondary_title(step.message.as_str()));
            if let Some(snippet) = snippet(&step.location, step.width, AnnotationKind::Context) {
                group = group.element(snippet);
            }
            report.push(group);
        }
        renderer(colour).render(&report)
    }
}

/// The source line of `location` with `width` characters from its column marked.
fn snippet(location: &Location, width: u32, kind: AnnotationKind) -> Option<Snippet<'_, Annotation<'_>>> {
    let line = location.source_line.as_deref()?;
    // Columns count characters; the renderer wants byte offsets inside the line.
    let byte = |chars: usize| line.char_indices().nth(chars).map_or(line.len(), |(i, _)| i);
    let start = location.column.saturating_sub(1);
    let span = byte(start)..byte(start.saturating_add(width as usize));
    Some(Snippet::source(line).line_start(location.line).annotation(kind.span(span)))
}

fn renderer(colour: bool) -> Renderer {
    if colour { Renderer::styled().hyperlink(false) } else { Renderer::plain() }
}

/// Whether problems printed on standard error are coloured: only on a terminal, and never
/// when `NO_COLOR` is set to anything (<https://no-color.org>).
pub(crate) fn colour_on_stderr() -> bool {
    wants_colour(std::io::stderr().is_terminal(), std::env::var_os("NO_COLOR").as_deref())
}

fn wants_colour(terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty())
}

/// Diagnostics as printed, one after another with a blank line between them.
pub(crate) fn render_all<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>, colour: bool) -> String {
    diagnostics.into_iter().map(|d| d.render(colour)).collect::<Vec<_>>().join("\n\n")
}

/// Prints diagnostics on standard error, coloured on a terminal (see [`colour_on_stderr`]).
pub fn eprint<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    let shown = render_all(diagnostics, colour_on_stderr());
    if !shown.is_empty() {
        eprintln!("{shown}");
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Every problem found in one pass, reported together like a compiler does.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub(crate) fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// `Ok(value)` when nothing here is an error, else every diagnostic (warnings included).
    /// The value with the warnings, or every error; a problem reported twice (a layout
    /// shared by several documents, reached through each one's import) is shown once, with
    /// the trace it was first reported with.
    pub(crate) fn into_result<T>(mut self, value: T) -> Result<(T, Diagnostics), Diagnostics> {
        let mut unique: Vec<Diagnostic> = Vec::with_capacity(self.0.len());
        for d in self.0 {
            if !unique.iter().any(|u| u.same_problem(&d)) {
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
        f.write_str(&render_all(&self.0, false))
    }
}

/// The closest of `candidates` to `wanted`, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    // Transposed letters (`acuracy`, `precison`, `taget`) count as one typo.
    let scored: Vec<(usize, &str)> =
        candidates.into_iter().map(|c| (strsim::damerau_levenshtein(wanted, c), c)).collect();
    let typo = scored.iter().filter(|(d, _)| *d <= limit).min_by_key(|(d, c)| (*d, *c)).copied();
    // A name cut short (`churn.acc`, `pace`) means the shortest one it begins (before a
    // typo: `churn.acc` is not `churn.auc`); its last part must say enough (three letters).
    let last = wanted.rsplit(['.', '_']).next().unwrap_or(wanted);
    let completion = (last.chars().count() >= 3)
        .then(|| {
            scored
                .iter()
                .filter(|(_, c)| c.len() > wanted.len() && c.starts_with(wanted))
                .min_by_key(|(_, c)| (c.len(), *c))
        })
        .flatten();
    completion.copied().or(typo).map(|(_, c)| c)
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
    fn closest_completes_a_name_cut_short() {
        let facts = ["churn.f1", "churn.accuracy", "churn.accuracy_logreg", "churn.auc"];
        assert_eq!(closest("churn.acc", facts), Some("churn.accuracy"));
        assert_eq!(closest("pace", ["pace_wpm", "time_zone"]), Some("pace_wpm"));
        // Two letters say too little; a typo still finds its name.
        assert_eq!(closest("churn.ac", facts), Some("churn.auc"));
        assert_eq!(closest("churn.acuracy", facts), Some("churn.accuracy"));
    }

    #[test]
    fn closest_suggests_typos_only() {
        let names = ["churn.latency_p95", "churn.latency_p50", "person.name"];
        assert_eq!(closest("churn.latncy_p95", names), Some("churn.latency_p95"));
        assert_eq!(closest("ecommerce.revenue", names), None);
    }

    #[test]
    fn a_long_line_is_shown_around_its_column() {
        let line = format!("{}Y{}", "x".repeat(299), "z".repeat(200));
        let d = Diagnostic::error(Some(Location::at_line_column("f.yaml", &line, 1, 300)), "bad");
        let shown = d.to_string();
        let source = shown.lines().nth(2).unwrap();
        let caret = shown.lines().nth(3).unwrap();
        assert!(source.chars().count() <= 140, "{source}");
        assert!(source.starts_with("1 | ...x") && source.ends_with("z..."), "{source}");
        let at = caret.find('^').unwrap();
        assert_eq!(source.chars().nth(at), Some('Y'), "the caret is under the column:\n{source}\n{caret}");
    }

    #[test]
    fn display_shows_file_line_column_source_and_hint() {
        let d = Diagnostic::error(Some(Location::at_line_column("me.yaml", "a: 1\nb: x\n", 2, 4)), "bad")
            .hint("fix it");
        assert_eq!(d.to_string(), "me.yaml:2:4: error: bad\n  |\n2 | b: x\n  |    ^\n  |\n  = hint: fix it");
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        use std::ffi::OsStr;
        assert!(wants_colour(true, None));
        assert!(wants_colour(true, Some(OsStr::new(""))), "an empty NO_COLOR is unset");
        assert!(!wants_colour(true, Some(OsStr::new("1"))));
        assert!(!wants_colour(false, None), "piped: plain");
    }

    #[test]
    fn coloured_output_is_the_plain_text_with_ansi_styles() {
        let d = Diagnostic::error(Some(Location::at_line_column("me.yaml", "a: 1\nb: x\n", 2, 4)), "bad")
            .hint("fix it");
        let plain = d.render(false);
        let coloured = d.render(true);
        assert!(!plain.contains('\x1b'));
        assert!(coloured.starts_with("\x1b["), "{coloured:?}");
        assert!(
            coloured.contains("\x1b[1m\x1b[91mme.yaml:2:4: error\x1b[0m"),
            "the error in bold red: {coloured:?}"
        );
        assert_eq!(strip_ansi(&coloured), plain);
    }

    /// `text` without its ANSI SGR sequences (`ESC [ … m`).
    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                chars.by_ref().find(|c| *c == 'm');
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn a_trace_follows_the_error_as_notes() {
        let layout = "#let f(x) = {\n  text(x + 1)\n}\n#f(\"a\")\n";
        let mut d = Diagnostic::error(Some(Location::at_line_column("l.typ", layout, 2, 8)), "cannot add");
        d.width = 5;
        d.trace = Some(Box::new(Trace {
            location: Location::at_line_column("l.typ", layout, 4, 2),
            width: 6,
            message: "while calling `f`".into(),
            caller: None,
        }));
        assert_eq!(
            d.to_string(),
            "l.typ:2:8: error: cannot add\n  |\n2 |   text(x + 1)\n  |        ^^^^^\n  |\nl.typ:4:2: note: while calling `f`\n  |\n4 | #f(\"a\")\n  |  ------"
        );
    }

    #[test]
    fn any_column_and_width_on_any_line_renders_without_panicking() {
        let lines = ["", "a", "\tkey: é", "ü€😀x", "name: \u{202e}evil\u{1b}[31m", "a=b\nc\rd"];
        for (line, number) in lines.into_iter().flat_map(|l| [0, 1, 99_999].map(|n| (l, n))) {
            for column in 0..12 {
                for width in [0, 1, 3, 100, u32::MAX] {
                    // A `--set` argument is its own source line, whatever it holds.
                    let at =
                        Location { file: "f".into(), line: number, column, source_line: Some(line.into()) };
                    let mut d = Diagnostic::warning(Some(at), "m");
                    d.width = width;
                    let shown = d.render(false);
                    assert!(shown.starts_with(&format!("f:{number}:{column}: warning: m")), "{shown}");
                    assert!(!shown.contains('\x1b'), "control characters in the text are shown harmlessly");
                }
            }
        }
    }

    #[test]
    fn problems_are_separated_by_a_blank_line() {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::error(Some(Location::file("a.yaml")), "one").hint("h"));
        all.push(Diagnostic::error(None, "two"));
        assert_eq!(all.to_string(), "a.yaml:1:1: error: one\n |\n = hint: h\n\nerror: two");
    }

    #[test]
    fn a_problem_reached_through_two_documents_is_shown_once_with_its_first_trace() {
        let theme = "#let pad = (\n";
        let reached = |from: &str| {
            let mut d =
                Diagnostic::error(Some(Location::at_line_column("theme.typ", theme, 1, 12)), "unclosed");
            d.trace = Some(Box::new(Trace {
                location: Location::at_line_column(from, "#import \"theme.typ\": *", 1, 2),
                width: 0,
                message: "while importing `theme.typ`".into(),
                caller: None,
            }));
            d
        };
        let all = Diagnostics(vec![reached("cards.typ"), reached("checklist.typ")]);
        let shown = all.into_result(()).unwrap_err();
        assert_eq!(shown.0.len(), 1);
        assert_eq!(shown.0[0].trace.as_ref().map(|t| t.location.file.as_str()), Some("cards.typ"));
    }

    #[test]
    fn a_diagnostic_stays_small_inside_a_result() {
        // clippy.toml allows error types up to this size; a bigger one needs boxing.
        assert!(std::mem::size_of::<Diagnostic>() <= 128, "{}", std::mem::size_of::<Diagnostic>());
    }

    #[test]
    fn trace_steps_print_innermost_first() {
        let text = "#let g() = f()\n#g()\n";
        let step = |line, message: &str, caller| {
            Some(Box::new(Trace {
                location: Location::at_line_column("l.typ", text, line, 2),
                width: 0,
                message: message.into(),
                caller,
            }))
        };
        let mut d = Diagnostic::error(None, "failed");
        d.trace = step(1, "while calling `f`", step(2, "while calling `g`", None));
        let shown = d.to_string();
        let notes: Vec<&str> = shown.lines().filter(|l| l.contains(": note: ")).collect();
        assert_eq!(notes, ["l.typ:1:2: note: while calling `f`", "l.typ:2:2: note: while calling `g`"]);
    }
}
