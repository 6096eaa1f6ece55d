//! Pack → PDFs: one Typst world shared by the three documents, compiled in parallel,
//! the cheat sheet fitted to one page, exported as tagged PDF/UA-1.

pub mod fonts;
pub mod impose;
pub mod output;
pub mod world;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::facts::date::civil_from_days;
use crate::pack::Pack;
use clap::ValueEnum;
use fonts::Fonts;
use impose::{CardSize, Duplex, Imposition, Paper, Sheet};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Datetime, Label, Smart};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};
use world::{PACK_PATH, PRINT_PATH, Studio};

/// The three documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Output {
    Cards,
    Cheatsheet,
    Checklist,
}

impl Output {
    pub const ALL: [Output; 3] = [Output::Cards, Output::Cheatsheet, Output::Checklist];

    /// The PDF's file name in the output folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Output::Cards => "cue-cards.pdf",
            Output::Cheatsheet => "cheat-sheet.pdf",
            Output::Checklist => "checklist.pdf",
        }
    }

    /// The layout that makes it.
    pub fn layout(self) -> &'static str {
        match self {
            Output::Cards => "cards.typ",
            Output::Cheatsheet => "cheatsheet.typ",
            Output::Checklist => "checklist.typ",
        }
    }
}

/// How to print: the settings the layouts read from `data/print.json`.
#[derive(Debug, Clone, Copy)]
pub struct PrintSettings {
    pub paper: Paper,
    pub card: CardSize,
    pub sheet: Sheet,
    pub duplex: Duplex,
}

impl Default for PrintSettings {
    fn default() -> Self {
        Self { paper: Paper::Letter, card: CardSize::In3x5, sheet: Sheet::Paper, duplex: Duplex::LongEdge }
    }
}

/// The cheat sheet's font size range, largest first; the fit picks the largest that gives one page.
pub const CHEATSHEET_MAX_PT: f64 = 10.0;
pub const CHEATSHEET_MIN_PT: f64 = 6.0;
/// No pack needs more pages than this; a layout making more is a mistake, not a pack.
pub const MAX_PAGES: usize = 2000;
/// Card text is set at the largest size that fits, never below this.
pub const CARD_MAX_PT: f64 = 14.0;
pub const CARD_MIN_PT: f64 = 9.0;

/// What the layouts read besides the pack.
#[derive(Debug, Clone, Serialize)]
struct PrintData<'a> {
    paper: Paper,
    paper_width: f64,
    paper_height: f64,
    cards: &'a Imposition,
    card_text: SizeRange,
    cheatsheet: SizeRange,
    /// The cheat sheet's size for this compile, set by the fit.
    cheatsheet_size: f64,
}

#[derive(Debug, Clone, Copy, Serialize)]
struct SizeRange {
    max: f64,
    min: f64,
}

/// The print settings the layouts read, with the cheat sheet at `cheatsheet_size`.
fn print_data(imposition: &Imposition, settings: PrintSettings, cheatsheet_size: f64) -> PrintData<'_> {
    let (paper_width, paper_height) = settings.paper.size();
    PrintData {
        paper: settings.paper,
        paper_width,
        paper_height,
        cards: imposition,
        card_text: SizeRange { max: CARD_MAX_PT, min: CARD_MIN_PT },
        cheatsheet: SizeRange { max: CHEATSHEET_MAX_PT, min: CHEATSHEET_MIN_PT },
        cheatsheet_size,
    }
}

/// The files the layouts read (`data/pack.json`, `data/print.json`, `data/fit.json`), for
/// compiling exported layouts with other tools; the cheat sheet at `cheatsheet_size`.
pub fn data_files(
    pack: &Pack,
    settings: PrintSettings,
    cheatsheet_size: f64,
) -> Vec<(&'static str, Vec<u8>)> {
    let imposition =
        impose::impose(pack.deck.len(), settings.card, settings.sheet, settings.paper, settings.duplex);
    let print = serde_json::to_vec_pretty(&print_data(&imposition, settings, cheatsheet_size))
        .expect("print data serializes");
    vec![
        (PACK_PATH, serde_json::to_vec_pretty(pack).expect("the pack serializes")),
        (PRINT_PATH, print.clone()),
        (world::FIT_PATH, print),
    ]
}

/// One rendered PDF.
#[derive(Debug)]
pub struct Rendered {
    pub output: Output,
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// What it holds, for the summary line.
    pub summary: String,
    pub millis: u128,
    /// The cheat sheet's text size chosen by the one-page fit.
    pub size: Option<f64>,
}

/// A build's inputs besides the pack.
pub struct Renderer {
    studio: Studio,
}

impl Renderer {
    /// A renderer over `fonts`, reading layouts from `layouts_dir` first when given.
    pub fn new(fonts: Arc<Fonts>, layouts_dir: Option<PathBuf>) -> Renderer {
        Renderer { studio: Studio::new(fonts, layouts_dir, build_date()) }
    }

    /// Forgets the layout sources read so far, so edited files are read again (for `watch`);
    /// Typst's memoized work on unchanged files is kept.
    pub fn refresh(&self) {
        self.studio.forget_sources();
    }

    /// Renders `outputs` of `pack`, in parallel. Errors name the layout file, line and column.
    pub fn render(
        &self,
        pack: &Pack,
        settings: PrintSettings,
        outputs: &[Output],
    ) -> Result<(Vec<Rendered>, Diagnostics), Diagnostics> {
        let imposition =
            impose::impose(pack.deck.len(), settings.card, settings.sheet, settings.paper, settings.duplex);
        let print = print_data(&imposition, settings, CHEATSHEET_MAX_PT);
        // PDF/UA-1 forbids text without glyphs: with a missing glyph the PDFs stay tagged
        // but do not claim the standard, and the warning says so.
        let json = serde_json::to_value(pack).expect("the pack serializes");
        let glyphs = missing_glyphs(pack, &json, &self.studio.fonts);
        let accessible = glyphs.is_empty();
        self.studio.set_data(PACK_PATH, serde_json::to_vec(&json).expect("the pack serializes"));
        self.studio.set_data(PRINT_PATH, serde_json::to_vec(&print).expect("print data serializes"));

        let results: Vec<Result<(Rendered, Diagnostics), Diagnostics>> = std::thread::scope(|scope| {
            let handles: Vec<_> = outputs
                .iter()
                .map(|&output| {
                    let print = &print;
                    scope.spawn(move || self.render_one(pack, output, print, accessible))
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("render threads do not panic")).collect()
        });
        let mut rendered = Vec::new();
        let mut diagnostics = glyphs;
        for result in results {
            match result {
                Ok((r, warnings)) => {
                    rendered.push(r);
                    diagnostics.extend(warnings);
                }
                Err(errors) => diagnostics.extend(errors),
            }
        }
        diagnostics.into_result(rendered)
    }

    fn render_one(
        &self,
        pack: &Pack,
        output: Output,
        print: &PrintData,
        accessible: bool,
    ) -> Result<(Rendered, Diagnostics), Diagnostics> {
        let imposition = print.cards;
        let start = Instant::now();
        let world = self.studio.document(output.layout());
        let mut warnings = Diagnostics::default();
        let (document, size) = match output {
            Output::Cheatsheet => {
                let (doc, size) = self.fit_cheatsheet(pack, &world, print, &mut warnings)?;
                (doc, Some(size))
            }
            _ => (self.compile(&world, &mut warnings)?, None),
        };
        if document.pages().len() > MAX_PAGES {
            return Err(Diagnostic::error(
                None,
                format!(
                    "{} makes {} pages; studypack refuses more than {MAX_PAGES}",
                    output.layout(),
                    document.pages().len()
                ),
            )
            .hint("a layout that loops over pages by mistake is the usual cause; check its page breaks")
            .into());
        }
        if output == Output::Cards {
            check_overflows(&document, pack)?;
        }
        let pdf = typst_pdf::pdf(&document, &pdf_options(accessible))
            .map_err(|errors| self.diagnostics(&world, &errors))?;
        let pages = document.pages().len();
        let summary = match output {
            Output::Cards => format!(
                "{} cards ({} questions, {} drills), {} per sheet, duplex {}",
                pack.deck.len(),
                pack.questions.len(),
                pack.drill.len(),
                imposition.per_page,
                imposition.duplex.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
            ),
            Output::Cheatsheet => format!(
                "{} questions, {} key numbers, at {} pt",
                pack.questions.len(),
                pack.numbers.iter().map(|g| g.facts.len()).sum::<usize>(),
                size.unwrap_or_default()
            ),
            Output::Checklist => format!(
                "{} groups, {} items to tick",
                pack.checklist.groups.len(),
                pack.checklist.groups.iter().map(|g| g.items.len()).sum::<usize>()
                    + pack.checklist.rehearse.len()
                    + pack.checklist.questions_to_ask.len()
            ),
        };
        let rendered = Rendered { output, pdf, pages, summary, millis: start.elapsed().as_millis(), size };
        Ok((rendered, warnings))
    }

    fn compile(&self, world: &dyn World, warnings: &mut Diagnostics) -> Result<PagedDocument, Diagnostics> {
        let result = typst::compile::<PagedDocument>(world);
        warnings.extend(self.diagnostics(world, &result.warnings));
        result.output.map_err(|errors| self.diagnostics(world, &errors))
    }

    /// The largest cheat-sheet size (in quarter points) that fits one page, by bisection.
    fn fit_cheatsheet(
        &self,
        pack: &Pack,
        world: &dyn World,
        print: &PrintData,
        warnings: &mut Diagnostics,
    ) -> Result<(PagedDocument, f64), Diagnostics> {
        let at = |size: f64| -> Result<PagedDocument, Diagnostics> {
            let data = PrintData { cheatsheet_size: size, ..print.clone() };
            self.studio.set_data(world::FIT_PATH, serde_json::to_vec(&data).expect("print data serializes"));
            let mut ignored = Diagnostics::default();
            self.compile(world, &mut ignored)
        };
        let quarter = |q: u32| f64::from(q) / 4.0;
        let (mut lo, mut hi) = ((CHEATSHEET_MIN_PT * 4.0) as u32, (CHEATSHEET_MAX_PT * 4.0) as u32);
        let largest = at(quarter(hi))?;
        if largest.pages().len() == 1 {
            return Ok((self.final_compile(world, at, quarter(hi), warnings, largest)?, quarter(hi)));
        }
        // Bisect between the smallest size (assumed to fit until shown otherwise) and the
        // largest (shown not to); the smallest is compiled only if nothing larger fits.
        let mut best = None;
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            let doc = at(quarter(mid))?;
            if doc.pages().len() == 1 {
                lo = mid;
                best = Some(doc);
            } else {
                hi = mid;
            }
        }
        let best = match best {
            Some(doc) => doc,
            None => {
                let smallest = at(quarter(lo))?;
                if smallest.pages().len() > 1 {
                    return Err(Diagnostic::error(
                        None,
                        format!(
                            "the cheat sheet needs {} pages even at {CHEATSHEET_MIN_PT} pt; it must fit on one",
                            smallest.pages().len()
                        ),
                    )
                    .hint(format!("shorten its longest sections: {}", longest_sections(pack)))
                    .into());
                }
                smallest
            }
        };
        Ok((self.final_compile(world, at, quarter(lo), warnings, best)?, quarter(lo)))
    }

    /// Re-states the chosen size so the world's data matches the document, and keeps its warnings.
    fn final_compile(
        &self,
        world: &dyn World,
        mut at: impl FnMut(f64) -> Result<PagedDocument, Diagnostics>,
        size: f64,
        warnings: &mut Diagnostics,
        document: PagedDocument,
    ) -> Result<PagedDocument, Diagnostics> {
        // The last compile may have been at another size: compile once more at the winner
        // (memoized, so nearly free) to collect its warnings.
        let _ = at(size)?;
        let result = typst::compile::<PagedDocument>(world);
        warnings.extend(self.diagnostics(world, &result.warnings));
        Ok(result.output.unwrap_or(document))
    }

    /// Typst diagnostics as ours: the layout file, line and column, and the source line.
    fn diagnostics(&self, world: &dyn World, diags: &[SourceDiagnostic]) -> Diagnostics {
        let mut out = Diagnostics::default();
        for diag in diags {
            let location = diag.span.id().and_then(|id| {
                let range = world.range(diag.span)?;
                let source = self.studio.source_of(id)?;
                Some(Location::at_byte(&self.studio.display_name(id), source.text(), range.start))
            });
            let message = diag.message.to_string();
            let mut d = match diag.severity {
                TypstSeverity::Error => Diagnostic::error(location, message),
                TypstSeverity::Warning => Diagnostic::warning(location, message),
            };
            for hint in &diag.hints {
                // studypack has no --root: a layout's folder is its whole world.
                let hint = if hint.v.contains("--root") {
                    "a layout reads files only inside its own folder".to_string()
                } else {
                    hint.v.to_string()
                };
                d = d.hint(hint);
            }
            out.push(d);
        }
        out
    }
}

/// The cheat sheet's three longest sections, by words: what to trim when it cannot fit.
fn longest_sections(pack: &Pack) -> String {
    let words =
        |spans: &[crate::pack::Span]| spans.iter().map(|s| s.text.split_whitespace().count()).sum::<usize>();
    let blocks = |b: &[crate::pack::RichBlock]| b.iter().map(|b| words(&b.spans)).sum::<usize>();
    let fw = &pack.frameworks;
    let ex = &fw.formula_example;
    let mut sections = [
        ("the elevator pitch", blocks(&pack.scripts.elevator_pitch)),
        (
            "my numbers",
            pack.numbers
                .iter()
                .flat_map(|g| &g.facts)
                .map(|f| f.description.split_whitespace().count() + 1)
                .sum(),
        ),
        (
            "the questions' prompts and headlines",
            pack.questions.iter().map(|q| words(&q.prompt) + words(&q.headline)).sum(),
        ),
        (
            "the red flags",
            pack.red_flags.iter().map(|f| words(&f.title) + words(&f.dont) + words(&f.instead)).sum(),
        ),
        (
            "the 3 layers and formula",
            fw.three_layer.iter().map(|l| l.points.iter().map(|p| words(p)).sum::<usize>()).sum::<usize>()
                + [&ex.context, &ex.challenge, &ex.approach, &ex.result, &ex.learning]
                    .iter()
                    .map(|c| words(c))
                    .sum::<usize>(),
        ),
        ("the questions to ask", pack.checklist.questions_to_ask.iter().map(|q| words(q)).sum()),
        ("the interview tips", pack.final_tips.iter().map(|t| words(&t.title) + words(&t.text)).sum()),
        (
            "what interviewers look out for",
            pack.interviewer_red_flags.iter().chain(&pack.green_flags).map(|f| words(f)).sum(),
        ),
    ];
    sections.sort_by_key(|(name, n)| (std::cmp::Reverse(*n), *name));
    sections.iter().take(3).map(|(name, n)| format!("{name} ({n} words)")).collect::<Vec<_>>().join(", ")
}

/// Cards whose text does not fit at the minimum size, as the cards layout reports them.
fn check_overflows(document: &PagedDocument, pack: &Pack) -> Result<(), Diagnostics> {
    let label = Label::new(PicoStr::intern("studypack-overflow")).expect("label name is valid");
    let mut errors = Diagnostics::default();
    for content in document.introspector().query(&typst::foundations::Selector::Label(label)) {
        let Some(meta) = content.to_packed::<MetadataElem>() else { continue };
        let value = serde_json::to_value(&meta.value).unwrap_or_default();
        let card = value["card"].as_u64().unwrap_or_default() as usize;
        let face = value["face"].as_str().unwrap_or("face");
        let over = value["overflow"].as_f64().unwrap_or_default();
        let name = pack.deck.get(card).map_or_else(|| format!("card {card}"), |c| c.name.clone());
        errors.push(
            Diagnostic::error(
                None,
                format!("{name} does not fit its card: the {face} overflows by {over:.0} pt ({:.1} mm) at {CARD_MIN_PT} pt", over / 72.0 * 25.4),
            )
            .hint("shorten its text, or print on larger cards with `--card 4x6in`"),
        );
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// Tagged PDF/UA-1 (or only tagged when not `accessible`), no creation date unless
/// `SOURCE_DATE_EPOCH` asks for one.
fn pdf_options(accessible: bool) -> PdfOptions {
    let standards: &[PdfStandard] = if accessible { &[PdfStandard::Ua_1] } else { &[] };
    PdfOptions {
        ident: Smart::Auto,
        creator: Smart::Custom(Some(format!("studypack {}", env!("CARGO_PKG_VERSION")))),
        timestamp: source_date_epoch().and_then(|secs| {
            let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
            let s = secs.rem_euclid(86_400);
            Datetime::from_ymd_hms(y, m, d, (s / 3600) as u8, (s % 3600 / 60) as u8, (s % 60) as u8)
                .map(Timestamp::new_utc)
        }),
        standards: PdfStandards::new(standards).expect("PDF/UA-1 alone, or no standard, is a valid set"),
        ..PdfOptions::default()
    }
}

/// `SOURCE_DATE_EPOCH` in seconds, when set to a number.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// The build's date: `SOURCE_DATE_EPOCH`'s day when set, else today (UTC).
fn build_date() -> Datetime {
    let secs = source_date_epoch().unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    });
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    Datetime::from_ymd(y, m, d).expect("civil_from_days yields a valid date")
}

/// Characters of the pack that no font has: each would print as an empty box.
fn missing_glyphs(pack: &Pack, json: &serde_json::Value, fonts: &Fonts) -> Diagnostics {
    let mut found: Vec<(char, String)> = Vec::new();
    let mut check = |place: &str, text: &str| {
        for c in text.chars().filter(|c| !c.is_whitespace() && !c.is_control()) {
            if !fonts.covers(c) && !found.iter().any(|(seen, _)| *seen == c) {
                found.push((c, place.to_string()));
            }
        }
    };
    // The person's values first, so a character is blamed on the fact that brought it.
    for fact in &pack.facts {
        check(&format!("fact `{}`", fact.path), &fact.value);
    }
    walk_strings(json, &mut String::new(), &mut check);
    let mut out = Diagnostics::default();
    for (c, place) in found {
        let message = format!(
            "no font has `{c}` (U+{:04X}), used in {place}: it prints as an empty box, and the PDFs are not marked PDF/UA-1",
            c as u32
        );
        out.push(Diagnostic::warning(None, message).hint("use another character, or add a font that has it"));
    }
    out
}

/// Calls `f` with every string in `value` and a readable path to it (`questions[impact-project].prompt`).
fn walk_strings(value: &serde_json::Value, path: &mut String, f: &mut impl FnMut(&str, &str)) {
    match value {
        serde_json::Value::String(s) => f(path, s),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                let key = item.get("fact").and_then(|v| v.as_str()).map(|fact| format!(" (fact `{fact}`)"));
                let id = ["id", "path"]
                    .iter()
                    .find_map(|k| item.get(*k).and_then(|v| v.as_str()))
                    .map(str::to_string);
                match (key, id) {
                    (Some(fact), _) => path.push_str(&fact),
                    (None, Some(id)) => path.push_str(&format!("[{id}]")),
                    (None, None) => path.push_str(&format!("[{i}]")),
                }
                walk_strings(item, path, f);
                path.truncate(len);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                if key == "fact" || key == "path" || key == "kind" {
                    continue;
                }
                let len = path.len();
                if key != "text" {
                    if !path.is_empty() && !path.ends_with(')') {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                walk_strings(item, path, f);
                path.truncate(len);
            }
        }
        _ => {}
    }
}
