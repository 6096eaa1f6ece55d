//! Pack → PDFs: one Typst world shared by the four documents, compiled in parallel,
//! the cheat sheet and the checklist each fitted to one page, exported as tagged PDF/UA-1.

mod clipped;
mod diagnostics;
pub mod fonts;
mod guess;
pub mod impose;
pub mod memory;
pub(crate) mod output;
pub(crate) mod world;

use crate::diag::{Diagnostic, Diagnostics};
use crate::facts::date::civil_from_days;
use crate::pack::Pack;
use fonts::Fonts;
use impose::{CardSize, Duplex, Imposition, Paper, Sheet};
use memory::Memory;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use typst::World;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Label, Smart};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};
use world::{DataFiles, FIT_PATH, GUESSES_PATH, PACK_PATH, PRINT_PATH, SIZES_PATH, Studio};

/// The documents a build writes: four PDFs and the Anki deck (made by `crate::anki`, not here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Output {
    Cards,
    Cheatsheet,
    Checklist,
    /// Every answer in full, to rehearse out loud.
    Answers,
    Anki,
}

impl Output {
    pub const ALL: [Output; 5] =
        [Output::Cards, Output::Cheatsheet, Output::Checklist, Output::Answers, Output::Anki];

    /// Whether a layout makes it as a PDF (the renderer skips the others).
    pub(crate) fn is_pdf(self) -> bool {
        self != Output::Anki
    }

    /// The PDF's file name in the output folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Output::Cards => "cue-cards.pdf",
            Output::Cheatsheet => "cheat-sheet.pdf",
            Output::Checklist => "checklist.pdf",
            Output::Anki => "cue-cards.apkg",
            Output::Answers => "answers.pdf",
        }
    }

    /// The layout that makes it.
    pub(crate) fn layout(self) -> &'static str {
        match self {
            Output::Cards => "cards.typ",
            Output::Cheatsheet => "cheatsheet.typ",
            Output::Checklist => "checklist.typ",
            Output::Answers => "answers.typ",
            Output::Anki => unreachable!("the Anki deck has no layout; render_all leaves it out"),
        }
    }

    /// The range of text sizes a one-page document is fitted in; none for the others.
    fn one_page(self) -> Option<SizeRange> {
        match self {
            Output::Cheatsheet => Some(SizeRange { max: CHEATSHEET_MAX_PT, min: CHEATSHEET_MIN_PT }),
            Output::Checklist => Some(SizeRange { max: CHECKLIST_MAX_PT, min: CHECKLIST_MIN_PT }),
            Output::Cards | Output::Answers | Output::Anki => None,
        }
    }

    /// How people call it in messages.
    fn name(self) -> &'static str {
        match self {
            Output::Cards => "the cue cards",
            Output::Cheatsheet => "the cheat sheet",
            Output::Checklist => "the checklist",
            Output::Answers => "the answers",
            Output::Anki => "the Anki deck",
        }
    }
}

/// How to print: the settings the layouts read from `data/print.json`.
#[derive(Debug, Clone, Copy)]
pub struct PrintSettings {
    pub paper: Paper,
    /// For card stock and paper; a perforated stock (`Sheet::Stock`) has its own card size.
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
pub(crate) const CHEATSHEET_MAX_PT: f64 = 10.0;
pub(crate) const CHEATSHEET_MIN_PT: f64 = 6.0;
/// The checklist's, likewise: always one page, never below a size easy to read at a glance.
pub(crate) const CHECKLIST_MAX_PT: f64 = 10.0;
pub(crate) const CHECKLIST_MIN_PT: f64 = 7.0;
/// The checklist fits one page with up to this many questions to ask (the bank's and the job's).
pub const MAX_QUESTIONS_TO_ASK: usize = 15;
/// A deck of more than twice this many pages is compiled this many pages at a time (see
/// `Renderer::compile_cards`): 24 pages are 96 cards of 3x5 on letter paper. Measured for
/// 1,037 cards (520 pages), first build: one compile 5.4 s and 985 MB peak; parts of 32
/// pages 5.5 s and 423 MB; of 24, 6.0 s and 370-414 MB; of 16, 7.5 s and 352 MB (each part
/// reads the whole pack again). Dropping all memoized work after each part: 32 pages,
/// 6.6 s and 316 MB.
pub(crate) const CARD_PAGES_PER_COMPILE: usize = 24;
/// No pack needs more pages than this; a layout making more is a mistake, not a pack.
pub(crate) const MAX_PAGES: usize = 2000;
/// Typst's memoized work unused for this many rebuilds is dropped after each `watch`
/// rebuild (`comemo::evict`), so memory stays flat over hours. Measured over 400 rebuilds
/// of the demo pack: 10 levels off near 325 MB, 3 stays at 170 MB, rebuilds as fast.
pub const CACHE_AGE: usize = 3;
/// Card text is set at the largest size that fits, never below this.
pub(crate) const CARD_MAX_PT: f64 = 14.0;
pub(crate) const CARD_MIN_PT: f64 = 9.0;

/// What the layouts read besides the pack.
#[derive(Debug, Clone, Serialize)]
struct PrintData {
    paper: Paper,
    paper_width: f64,
    paper_height: f64,
    cards: Imposition,
    card_text: SizeRange,
    cheatsheet: SizeRange,
    checklist: SizeRange,
    /// The one-page documents' sizes for this compile, set by the fit.
    cheatsheet_size: f64,
    checklist_size: f64,
}

#[derive(Debug, Clone, Copy, Serialize)]
struct SizeRange {
    max: f64,
    min: f64,
}

/// The text sizes of the one-page documents, as fitted (or to print at).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PageSizes {
    pub cheatsheet: f64,
    pub checklist: f64,
}

impl Default for PageSizes {
    fn default() -> Self {
        PageSizes { cheatsheet: CHEATSHEET_MAX_PT, checklist: CHECKLIST_MAX_PT }
    }
}

impl PrintData {
    /// The print settings the layouts read for `pack`, with the one-page documents at `sizes`.
    fn new(pack: &Pack, settings: PrintSettings, sizes: PageSizes) -> PrintData {
        let (paper_width, paper_height) = settings.paper.size();
        PrintData {
            paper: settings.paper,
            paper_width,
            paper_height,
            cards: impose::impose(
                pack.deck.len(),
                settings.card,
                settings.sheet,
                settings.paper,
                settings.duplex,
            ),
            card_text: SizeRange { max: CARD_MAX_PT, min: CARD_MIN_PT },
            cheatsheet: Output::Cheatsheet.one_page().expect("one page"),
            checklist: Output::Checklist.one_page().expect("one page"),
            cheatsheet_size: sizes.cheatsheet,
            checklist_size: sizes.checklist,
        }
    }

    /// The data with `output` (a one-page document) at `size`.
    fn at(&self, output: Output, size: f64) -> Vec<u8> {
        let mut data = self.clone();
        match output {
            Output::Checklist => data.checklist_size = size,
            _ => data.cheatsheet_size = size,
        }
        serde_json::to_vec(&data).expect("print data serializes")
    }
}

/// The files the layouts read (`data/pack.json`, `data/print.json`, `data/fit.json`,
/// `data/sizes.json`), for compiling exported layouts with other tools; the one-page
/// documents at `sizes`, every card face fitted afresh.
pub(crate) fn data_files(
    pack: &Pack,
    settings: PrintSettings,
    sizes: PageSizes,
) -> Vec<(&'static str, Vec<u8>)> {
    let print =
        serde_json::to_vec_pretty(&PrintData::new(pack, settings, sizes)).expect("print data serializes");
    vec![
        // Through a JSON value, as for a build: the same key order, so the same face keys.
        (PACK_PATH, serde_json::to_vec_pretty(&pack_json(pack)).expect("the pack serializes")),
        (PRINT_PATH, print.clone()),
        (FIT_PATH, print),
        (SIZES_PATH, b"{}\n".to_vec()),
        (GUESSES_PATH, b"{}\n".to_vec()),
    ]
}

/// The pack as the layouts read it.
fn pack_json(pack: &Pack) -> serde_json::Value {
    serde_json::to_value(pack).expect("the pack serializes")
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
    /// Card faces whose size was fitted by measuring in this render; the others were set
    /// at a size remembered from an earlier render of the same text in the same space.
    pub faces_measured: usize,
    /// Of those, the faces set at a guessed size that probes showed to be the largest that
    /// fits (see `guess`); the others the layout measured itself.
    pub faces_guessed: usize,
    /// Whether its pages were the same as in the renderer's last build (`watch`, after an
    /// edit this document does not show), so its PDF was that build's, not exported again.
    pub reused: bool,
}

/// A pack's PDFs and warnings, or every error that stopped it.
pub(crate) type PackResult = Result<(Vec<Rendered>, Diagnostics), Diagnostics>;

/// One pack made ready to compile: its data files and what the PDFs may claim.
struct Prepared<'a> {
    pack: &'a Pack,
    print: PrintData,
    data: DataFiles,
    /// Whether every character has a glyph, so the PDFs can claim PDF/UA-1.
    accessible: bool,
    glyphs: Diagnostics,
    /// A cheat-sheet size to use as it is, without the one-page fit.
    cheatsheet_at: Option<f64>,
    /// Its place among the packs of a build, for the card sizes it had in the last one.
    place: usize,
}

/// One document compiled and exported, with the card faces' sizes the layout reported.
struct Done {
    rendered: Rendered,
    warnings: Diagnostics,
    sizes: Vec<(FaceKey, f64)>,
    /// What the PDF was made from: the document's pages and the export options.
    hash: u128,
}

/// A card face as its layout names it: what it is made of, and the space it had.
type FaceKey = (String, String);

/// Card face sizes as the layouts read them: face key → space → size in points.
fn sizes_json(sizes: &BTreeMap<FaceKey, f64>) -> Vec<u8> {
    let mut nested: BTreeMap<&str, BTreeMap<&str, f64>> = BTreeMap::new();
    for ((key, space), size) in sizes {
        nested.entry(key).or_default().insert(space, *size);
    }
    serde_json::to_vec(&nested).expect("sizes serialize")
}

/// Renders packs over one Typst world. Kept alive across the packs of a build and across
/// the rebuilds of `watch`, it remembers what the layouts fitted: the text size of every
/// card face (by the layout's key for the face's content and space) and the one-page
/// documents' last sizes, so unchanged faces are not measured again and the next fit starts close.
pub struct Renderer {
    studio: Studio,
    time: BuildTime,
    card_sizes: Mutex<BTreeMap<FaceKey, f64>>,
    /// The last size each one-page document was fitted at.
    page_hints: Mutex<HashMap<Output, f64>>,
    /// Whether Typst's memoized work is kept for the next build (`watch`), rather than
    /// dropped between the parts of a large deck to bound memory.
    watching: bool,
    /// In `watch`, the last build's PDFs by what each was made from (see [`Done::hash`]): a
    /// document whose pages an edit left as they were is not exported again.
    exported: Mutex<HashMap<u128, Vec<u8>>>,
    /// The size of every card face of the last build, by the pack's place in it, then by
    /// card, side and space: what a face whose text changed is first tried at (see [`guess`]).
    last_faces: Mutex<guess::LastFaces>,
}

impl Renderer {
    /// A renderer over `fonts`, reading layouts from `layouts_dir` first when given, for a
    /// build at `time`.
    pub fn new(fonts: Arc<Fonts>, layouts_dir: Option<PathBuf>, time: BuildTime) -> Renderer {
        Renderer {
            studio: Studio::new(fonts, layouts_dir, time.date()),
            time,
            card_sizes: Mutex::new(BTreeMap::new()),
            page_hints: Mutex::new(HashMap::new()),
            watching: false,
            exported: Mutex::new(HashMap::new()),
            last_faces: Mutex::new(guess::LastFaces::default()),
        }
    }

    /// The renderer for `watch`: a large deck's parts keep Typst's memoized work, so the next
    /// build lays out again only the faces that changed (watch drops what rebuilds no longer use).
    pub fn watching(self) -> Renderer {
        Renderer { watching: true, ..self }
    }

    /// Has the layout files read again at the next build (for `watch`); unchanged ones keep
    /// their parsed sources and Typst's memoized work on them. When the layouts changed, the
    /// fitted card sizes are forgotten too: a face's key covers its content, not the styles
    /// a layout sets around it.
    pub(crate) fn refresh(&self, layouts_changed: bool) {
        self.studio.recheck_sources();
        if layouts_changed {
            lock(&self.card_sizes).clear();
        }
    }

    /// Takes what an earlier run remembered in `path` (see [`memory`]), if it was made with
    /// the same studypack, layouts and fonts; otherwise starts afresh.
    pub fn recall(&self, path: &Path) {
        if let Some(memory) = Memory::load(path, &self.fingerprint()) {
            let hints = [(Output::Cheatsheet, memory.cheatsheet), (Output::Checklist, memory.checklist)];
            *lock(&self.page_hints) = hints.into_iter().filter_map(|(o, size)| Some((o, size?))).collect();
            *lock(&self.card_sizes) =
                memory.cards.into_iter().map(|(key, space, size)| ((key, space), size)).collect();
            *lock(&self.last_faces) = memory.faces;
        }
    }

    /// Writes what this renderer has fitted to `path`, for the next run to [`recall`](Self::recall).
    pub fn remember(&self, path: &Path) -> Result<(), String> {
        let cards = lock(&self.card_sizes)
            .iter()
            .map(|((key, space), size)| (key.clone(), space.clone(), *size))
            .collect();
        let hints = lock(&self.page_hints);
        Memory {
            fingerprint: self.fingerprint(),
            cheatsheet: hints.get(&Output::Cheatsheet).copied(),
            checklist: hints.get(&Output::Checklist).copied(),
            cards,
            faces: lock(&self.last_faces).clone(),
        }
        .save(path)
    }

    fn fingerprint(&self) -> String {
        memory::fingerprint(self.studio.layouts_dir(), self.studio.fonts.book())
    }

    /// Renders the PDFs among `outputs` of one pack. Errors name the layout file, line and column.
    pub fn render(&self, pack: &Pack, settings: PrintSettings, outputs: &[Output]) -> PackResult {
        self.render_all(&[pack], settings, outputs).pop().expect("one result per pack")
    }

    /// Renders the PDFs among `outputs` of every pack, one result per pack. The documents run in parallel
    /// on Typst's own thread pool (Typst lays out pages and writes PDFs on it too, so
    /// threads of our own would only queue behind it). With several packs, the first runs
    /// alone and the others start from the sizes it fitted.
    pub(crate) fn render_all(
        &self,
        packs: &[&Pack],
        settings: PrintSettings,
        outputs: &[Output],
    ) -> Vec<PackResult> {
        let outputs: Vec<Output> = outputs.iter().copied().filter(|o| o.is_pdf()).collect();
        let prepared: Vec<Prepared> = packs
            .iter()
            .enumerate()
            .map(|(place, pack)| Prepared { place, ..self.prepare(pack, settings) })
            .collect();
        let tasks: Vec<(usize, Output)> =
            (0..packs.len()).flat_map(|i| outputs.iter().map(move |&o| (i, o))).collect();
        let first = tasks.iter().take_while(|(i, _)| *i == 0).count();
        let mut done: Vec<Result<Done, Diagnostics>> = Vec::with_capacity(tasks.len());
        let mut sizes = BTreeMap::new();
        for batch in [&tasks[..first], &tasks[first..]] {
            let results: Vec<Result<Done, Diagnostics>> =
                batch.par_iter().map(|&(i, output)| self.render_one(&prepared[i], output)).collect();
            // The next batch starts from what this one fitted.
            let fitted: Vec<(FaceKey, f64)> =
                results.iter().flatten().flat_map(|d| d.sizes.clone()).collect();
            lock(&self.card_sizes).extend(fitted.iter().cloned());
            sizes.extend(fitted);
            done.extend(results);
        }
        if self.watching {
            // Only this build's PDFs: the next build may reuse them.
            *lock(&self.exported) = done.iter().flatten().map(|d| (d.hash, d.rendered.pdf.clone())).collect();
        }
        // Keep only the faces of this build, so `watch` does not pile up sizes of old text.
        if outputs.contains(&Output::Cards) && done.iter().all(|d| d.is_ok()) {
            *lock(&self.card_sizes) = sizes;
        }
        let mut done = done.into_iter();
        prepared
            .into_iter()
            .map(|p| {
                let mut rendered = Vec::new();
                let mut diagnostics = p.glyphs;
                for result in done.by_ref().take(outputs.len()) {
                    match result {
                        Ok(d) => {
                            rendered.push(d.rendered);
                            diagnostics.extend(d.warnings);
                        }
                        Err(errors) => diagnostics.extend(errors),
                    }
                }
                diagnostics.into_result(rendered)
            })
            .collect()
    }

    /// The cheat sheet of `pack` at `size`, one compile without the one-page fit: what the
    /// fit costs is measured against this.
    pub fn render_cheatsheet_at(&self, pack: &Pack, settings: PrintSettings, size: f64) -> PackResult {
        let prepared = Prepared { cheatsheet_at: Some(size), ..self.prepare(pack, settings) };
        let done = self.render_one(&prepared, Output::Cheatsheet)?;
        let mut warnings = prepared.glyphs;
        warnings.extend(done.warnings);
        Ok((vec![done.rendered], warnings))
    }

    /// The pack's data files, and whether its characters all have glyphs.
    fn prepare<'a>(&self, pack: &'a Pack, settings: PrintSettings) -> Prepared<'a> {
        let print = PrintData::new(pack, settings, PageSizes::default());
        // PDF/UA-1 forbids text without glyphs: with a missing glyph the PDFs stay tagged
        // but do not claim the standard, and the warning says so.
        let json = pack_json(pack);
        let glyphs = missing_glyphs(pack, &json, &self.studio.fonts);
        let mut data = DataFiles::default();
        data.set(PACK_PATH, serde_json::to_vec(&json).expect("the pack serializes"));
        data.set(PRINT_PATH, print.at(Output::Cheatsheet, CHEATSHEET_MAX_PT));
        Prepared { pack, print, data, accessible: glyphs.is_empty(), glyphs, cheatsheet_at: None, place: 0 }
    }

    fn render_one(&self, prepared: &Prepared, output: Output) -> Result<Done, Diagnostics> {
        let Prepared { pack, print, accessible, .. } = prepared;
        let start = Instant::now();
        let mut warnings = Diagnostics::default();
        let mut data = prepared.data.clone();
        // Card faces whose guessed size the probes settled.
        let mut faces_guessed = 0;
        let (document, fit) = match (output, prepared.cheatsheet_at) {
            (Output::Cheatsheet, Some(size)) => {
                data.set(FIT_PATH, print.at(output, size));
                let document = self.compile(output, &data, &mut warnings)?;
                let fill = page_fill(&document);
                (document, Some(PageFit { size, fill }))
            }
            (Output::Cheatsheet | Output::Checklist, _) => {
                if output == Output::Checklist {
                    check_questions_to_ask(pack)?;
                }
                let (document, fit) = self.fit_one_page(output, &mut data, print, &mut warnings)?;
                (document, Some(fit))
            }
            (Output::Cards, _) => {
                let sizes = lock(&self.card_sizes).clone();
                let guesses = self.guesses(prepared.place, print.cards.card_size());
                let (document, settled) =
                    self.compile_cards(print, &data, &sizes, &guesses, &mut warnings)?;
                faces_guessed = settled;
                (document, None)
            }
            (Output::Answers, _) => (self.compile(output, &data, &mut warnings)?, None),
            (Output::Anki, _) => unreachable!("render_all leaves the Anki deck out"),
        };
        check_page_count(output, &document)?;
        let (sizes, faces_measured, smallest) = if output == Output::Cards {
            check_overflows(&document, pack, &print.cards)?;
            check_clipped(&document, pack, &print.cards)?;
            let faces = labelled_metadata(&document, "studypack-size");
            self.keep_faces(prepared.place, print.cards.card_size(), &faces);
            let (sizes, measured, smallest) = fitted_sizes(&faces);
            (sizes, measured + faces_guessed, smallest)
        } else {
            (Vec::new(), 0, None)
        };
        // The PDF is a function of the pages (with the title and author) and the options.
        let hash = typst::utils::hash128(&(&document, *accessible, self.time.secs()));
        let last = if self.watching { lock(&self.exported).get(&hash).cloned() } else { None };
        let reused = last.is_some();
        let pdf = match last {
            Some(pdf) => pdf,
            None => {
                let world = self.studio.document(output.layout(), &data);
                typst_pdf::pdf(&document, &pdf_options(*accessible, self.time))
                    .map_err(|errors| self.diagnostics(&world, &errors))?
            }
        };
        let pages = document.pages().len();
        let summary = summary(pack, print, output, fit, smallest);
        let millis = start.elapsed().as_millis();
        let size = fit.map(|f| f.size);
        let rendered =
            Rendered { output, pdf, pages, summary, millis, size, faces_measured, faces_guessed, reused };
        Ok(Done { rendered, warnings, sizes, hash })
    }

    /// Compiles `output`'s layout over `data`, adding its warnings to `warnings`.
    fn compile(
        &self,
        output: Output,
        data: &DataFiles,
        warnings: &mut Diagnostics,
    ) -> Result<PagedDocument, Diagnostics> {
        let world = self.studio.document(output.layout(), data);
        let result = typst::compile::<PagedDocument>(&world);
        warnings.extend(self.diagnostics(&world, &result.warnings));
        result.output.map_err(|errors| self.diagnostics(&world, &errors))
    }

    /// The cue cards over `data`, with the card sizes fitted so far (`sizes`) and sizes to try
    /// for the other faces (`guesses`, see [`guess`]): in one compile, or for a deck of more
    /// than twice [`CARD_PAGES_PER_COMPILE`] pages, that many pages at a time (the layout
    /// places the pages `data/print.json` lists), their pages put together into one document.
    /// Outside `watch`, Typst's memoized work that the last part did not use is dropped after
    /// each part, so a deck of a thousand questions does not hold every face's layouts at
    /// once. Each face's layout reads only its own card, so the pages are the same as from
    /// one compile. Also how many faces the probes of their guesses settled.
    fn compile_cards(
        &self,
        print: &PrintData,
        data: &DataFiles,
        sizes: &BTreeMap<FaceKey, f64>,
        guesses: &guess::Guesses,
        warnings: &mut Diagnostics,
    ) -> Result<(PagedDocument, usize), Diagnostics> {
        let pages = &print.cards.pages;
        if pages.len() <= 2 * CARD_PAGES_PER_COMPILE {
            return self.compile_guessing(data, pages.len(), sizes, guesses, warnings);
        }
        let mut all = typst::ecow::EcoVec::with_capacity(pages.len());
        let (mut info, mut settled) = (None, 0);
        let (mut part_print, mut data) = (print.clone(), data.clone());
        for part in pages.chunks(CARD_PAGES_PER_COMPILE) {
            part_print.cards.pages = part.to_vec();
            data.set(PRINT_PATH, serde_json::to_vec(&part_print).expect("print data serializes"));
            let (document, part_settled) =
                self.compile_guessing(&data, part.len(), sizes, guesses, warnings)?;
            settled += part_settled;
            info.get_or_insert_with(|| typst::model::Document::info(&document).clone());
            all.extend(document.pages().iter().cloned());
            drop(document);
            if !self.watching {
                // What this part used survives (age 1), what only the part before used goes.
                typst::comemo::evict(2);
            }
        }
        Ok((PagedDocument::new(all, info.unwrap_or_default()), settled))
    }

    /// The largest size, in quarter points, at which the one-page document `output` fits
    /// one page. Each round compiles one or two sizes at once (in parallel): the last fit's
    /// size and a quarter point above it when there is one; otherwise the largest size and,
    /// when that overflows, the size its overflow predicts (see [`predict`]) and a quarter
    /// point above. Usually that settles it: one size fits, the next does not. Otherwise the
    /// next prediction comes from the largest fit and the smallest miss, and what is left is
    /// bisected. Below the range, the error names the sections that take the most room.
    fn fit_one_page(
        &self,
        output: Output,
        data: &mut DataFiles,
        print: &PrintData,
        warnings: &mut Diagnostics,
    ) -> Result<(PagedDocument, PageFit), Diagnostics> {
        let range = output.one_page().expect("fit_one_page is called for one-page documents");
        let (min, max) = ((range.min * 4.0) as u32, (range.max * 4.0) as u32);
        let quarter = |q: u32| f64::from(q) / 4.0;
        let at = |q: u32| -> Result<(PagedDocument, Diagnostics), Diagnostics> {
            let mut data = data.clone();
            data.set(FIT_PATH, print.at(output, quarter(q)));
            let mut warnings = Diagnostics::default();
            let doc = self.compile(output, &data, &mut warnings)?;
            check_page_count(output, &doc)?;
            Ok((doc, warnings))
        };
        // `lo` is the largest size shown to fit (with its document), `hi` the smallest shown
        // not to (with its document); `min - 1` and `max + 1` stand for "not yet known".
        let (mut lo, mut hi) = (min - 1, max + 1);
        let (mut best, mut miss) = (None, None);
        let hint = lock(&self.page_hints).get(&output).copied();
        let mut next = match hint {
            Some(size) => {
                let q = ((size * 4.0).round() as u32).clamp(min, max);
                vec![q, q + 1]
            }
            None => vec![max],
        };
        // How full the page is at `lo` and at `hi` (past 1 when the text ran over), from the
        // layout's marks, to predict where the fit lies.
        let (mut lo_fill, mut hi_fill): (Option<f64>, Option<f64>) = (None, None);
        loop {
            next.retain(|&q| q > lo && q < hi);
            if next.is_empty() {
                if hi - lo <= 1 {
                    break;
                }
                next = vec![(lo + hi) / 2];
                continue;
            }
            let compiled: Vec<Result<(PagedDocument, Diagnostics), Diagnostics>> =
                next.par_iter().map(|&q| at(q)).collect();
            for (&q, result) in next.iter().zip(compiled) {
                let (doc, w) = result?;
                if doc.pages().len() == 1 {
                    if q > lo {
                        (lo, lo_fill) = (q, page_fill(&doc));
                        best = Some((doc, w));
                    }
                } else if q < hi {
                    (hi, hi_fill) = (q, page_fill(&doc));
                    miss = Some(doc);
                }
            }
            next = predict((lo, lo_fill), (hi, hi_fill), min, max).map_or(Vec::new(), |q| vec![q, q + 1]);
        }
        let Some((document, w)) = best else {
            let miss = miss.expect("nothing fits, so the smallest size was compiled");
            let min = range.min;
            let message = format!(
                "{} needs {} pages even at {min} pt; it must fit on one",
                output.name(),
                miss.pages().len()
            );
            let hint = match longest_sections(&miss) {
                Some(sections) => format!("shorten its longest sections: {sections}"),
                None => {
                    "its layout marks no sections (`fill-mark` in common.typ) to name; a layout of your own \
                         must take its text size from data/fit.json, as the built-in ones do"
                        .to_string()
                }
            };
            return Err(Diagnostic::error(None, message).hint(hint).into());
        };
        lock(&self.page_hints).insert(output, quarter(lo));
        warnings.extend(w);
        // Leave the data at the chosen size, as the document was made.
        data.set(FIT_PATH, print.at(output, quarter(lo)));
        let fill = page_fill(&document);
        Ok((document, PageFit { size: quarter(lo), fill }))
    }

    /// Typst diagnostics as ours: the layout file, line and column, and the source line.
    fn diagnostics(&self, world: &dyn World, diags: &[SourceDiagnostic]) -> Diagnostics {
        let out = diagnostics::convert(&self.studio, world, diags);
        // The built-in layouts render every pack `check` accepts: an error in them is a bug
        // in studypack, which the person can neither understand nor fix.
        if self.studio.layouts_dir().is_none()
            && let Some(error) = out.errors().next()
        {
            let at = error.location.as_ref().map(|l| format!("{}:{}:{}: ", l.file, l.line, l.column));
            panic!("a built-in layout failed: {}{}", at.unwrap_or_default(), error.message);
        }
        out
    }
}

/// The size, in quarter points, at which a one-page document's text would just fill its
/// page, from how full it was at the sizes tried: the largest fit `lo` and the smallest miss
/// `hi`, each with its fill (past 1 when the text ran over). Fill grows as a power of the
/// size, fitted through the two; with only a miss known, as [`FILL_POWER`]. Never outside
/// `min..=max`: when even `min` is predicted to overflow, `min` is tried at once. `None`
/// when the layout marks no fill.
fn predict(lo: (u32, Option<f64>), hi: (u32, Option<f64>), min: u32, max: u32) -> Option<u32> {
    let (hi_q, hi_fill) = (hi.0, hi.1.filter(|f| *f > 1.0)?);
    let power = match lo {
        (q, Some(fill)) if q >= min && fill > 0.0 && fill <= 1.0 && q < hi_q => {
            (hi_fill / fill).ln() / (f64::from(hi_q) / f64::from(q)).ln()
        }
        _ => FILL_POWER,
    };
    let size = f64::from(hi_q) / hi_fill.powf(1.0 / power.max(0.5));
    (size.is_finite()).then(|| (size.floor().max(0.0) as u32).clamp(min, max))
}

/// How a one-page document's fill grows with its text size, before two sizes have been
/// tried. Text takes room with the square of its size, but rules, paddings and margins
/// do not: between the largest size and the fitted one, the cheat sheets of the demo
/// (letter and A4), of jordan for acme and of priya, alone and for northwind, grew as the
/// power 1.79 to 1.92. With 2, the first guess was a quarter point too large for three of
/// those five; with 1.9 it is the fitted size for all five.
const FILL_POWER: f64 = 1.9;

/// A layout making more than [`MAX_PAGES`] pages is refused.
fn check_page_count(output: Output, document: &PagedDocument) -> Result<(), Diagnostics> {
    let pages = document.pages().len();
    if pages <= MAX_PAGES {
        return Ok(());
    }
    Err(Diagnostic::error(
        None,
        format!("{} makes {pages} pages; studypack refuses more than {MAX_PAGES}", output.layout()),
    )
    .hint("a layout that loops over pages by mistake is the usual cause; check its page breaks")
    .into())
}

/// A one-page document's fitted size and how much of its page the text fills (when its
/// layout marks where the text ends; 0.96 is 96%).
#[derive(Debug, Clone, Copy)]
struct PageFit {
    size: f64,
    fill: Option<f64>,
}

/// The line `build` prints for a document: what it holds and, for fitted documents, how.
fn summary(
    pack: &Pack,
    print: &PrintData,
    output: Output,
    fit: Option<PageFit>,
    smallest: Option<Smallest>,
) -> String {
    let fitted = |fit: Option<PageFit>| match fit {
        Some(PageFit { size, fill: Some(fill) }) => format!("at {size} pt, {:.0}% full", fill * 100.0),
        Some(PageFit { size, fill: None }) => format!("at {size} pt"),
        None => String::new(),
    };
    match output {
        Output::Cards => {
            let imposition = &print.cards;
            let smallest = smallest.map_or(String::new(), |(size, card, face)| {
                let name =
                    pack.deck.get(card).map_or_else(|| format!("card {}", card + 1), |c| c.name.clone());
                format!(", smallest text {size} pt ({name}, {face})")
            });
            format!(
                "{} cards ({} questions, {} drills), {}{smallest}",
                pack.deck.len(),
                pack.questions.len(),
                pack.drill.len(),
                imposition.describe(),
            )
        }
        Output::Cheatsheet => format!(
            "{} questions, {} key numbers, {}",
            pack.questions.len(),
            pack.numbers.iter().map(|g| g.facts.len()).sum::<usize>(),
            fitted(fit)
        ),
        Output::Checklist => format!(
            "{} groups, {} items to tick, {}",
            pack.checklist.groups.len(),
            pack.checklist.groups.iter().map(|g| g.items.len()).sum::<usize>()
                + pack.checklist.rehearse.len()
                + pack.checklist.questions_to_ask.len(),
            fitted(fit)
        ),
        Output::Answers => format!("{} answers in full, the pitch and the timeline", pack.questions.len()),
        Output::Anki => unreachable!("render_all leaves the Anki deck out"),
    }
}

/// The smallest card text: its size, the card's index in the deck and the face.
type Smallest = (f64, usize, String);

/// The checklist fits one page with up to [`MAX_QUESTIONS_TO_ASK`] questions to ask.
fn check_questions_to_ask(pack: &Pack) -> Result<(), Diagnostics> {
    let count = pack.checklist.questions_to_ask.len();
    if count <= MAX_QUESTIONS_TO_ASK {
        return Ok(());
    }
    Err(Diagnostic::error(
        None,
        format!("the checklist has {count} questions to ask; it holds at most {MAX_QUESTIONS_TO_ASK} on its one page"),
    )
    .hint(format!(
        "keep the {MAX_QUESTIONS_TO_ASK} you most want to ask: remove {} from the job file's `questions_to_ask:`",
        count - MAX_QUESTIONS_TO_ASK
    ))
    .into())
}

/// Where the text of a one-page document reached, as a share of its page: from the marks
/// its layout places (metadata `<studypack-fill>`), the last of which ends the text.
fn page_fill(document: &PagedDocument) -> Option<f64> {
    let flow = Flow::read(document)?;
    let end = flow.marks.last()?;
    Some(flow.position(end) / flow.capacity())
}

/// A fitted document's three longest sections with their share of one page: what to trim.
fn longest_sections(document: &PagedDocument) -> Option<String> {
    let flow = Flow::read(document)?;
    let mut sections: Vec<(&str, f64)> = flow
        .marks
        .windows(2)
        .filter(|pair| !pair[0].name.is_empty())
        .map(|pair| {
            (pair[0].name.as_str(), (flow.position(&pair[1]) - flow.position(&pair[0])) / flow.capacity())
        })
        .collect();
    sections.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    let sections = sections
        .iter()
        .take(3)
        .map(|(name, share)| format!("{name} ({:.0}% of the page)", share * 100.0))
        .collect::<Vec<_>>()
        .join(", ");
    Some(sections)
}

/// A one-page layout's text laid out in columns, as its marks tell it: each mark is the
/// place a section starts (the last, the place the text ends).
struct Flow {
    marks: Vec<FlowMark>,
    /// Where the columns start on the first page (below the header), in points from the top.
    first_top: f64,
}

/// One `<studypack-fill>` mark: the section starting there, and where it is.
#[derive(Debug, Clone, serde::Deserialize)]
struct FlowMark {
    name: String,
    page: usize,
    column: usize,
    columns: usize,
    y: f64,
    /// The text area's top and bottom on every page but the first, in points.
    top: f64,
    bottom: f64,
}

impl Flow {
    fn read(document: &PagedDocument) -> Option<Flow> {
        let marks: Vec<FlowMark> = labelled_metadata(document, "studypack-fill")
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect();
        let first_top = marks.first()?.y;
        Some(Flow { marks, first_top })
    }

    /// The room the columns have on the first page.
    fn capacity(&self) -> f64 {
        let m = &self.marks[0];
        m.columns as f64 * (m.bottom - self.first_top).max(1.0)
    }

    /// How far along the columns `mark` is, in points of column height.
    fn position(&self, mark: &FlowMark) -> f64 {
        let first = self.capacity() / mark.columns as f64;
        if mark.page <= 1 {
            mark.column as f64 * first + (mark.y - self.first_top)
        } else {
            let later = mark.bottom - mark.top;
            let columns_before = ((mark.page - 2) * mark.columns + mark.column) as f64;
            self.capacity() + columns_before * later + (mark.y - mark.top)
        }
    }
}

/// Cards whose text does not fit at the minimum size, as the cards layout reports them.
/// When most of the deck overflows, the layout leaves too little room, whatever the text:
/// one error says so instead of blaming every card's text.
fn check_overflows(document: &PagedDocument, pack: &Pack, cards: &Imposition) -> Result<(), Diagnostics> {
    let larger = larger_cards(cards);
    let overflows = labelled_metadata(document, "studypack-overflow");
    let cards: std::collections::BTreeSet<u64> =
        overflows.iter().map(|v| v["card"].as_u64().unwrap_or_default()).collect();
    if cards.len() > 2 && cards.len() * 2 > pack.deck.len() {
        return Err(Diagnostic::error(
            None,
            format!(
                "{} of the {} cards do not fit at {CARD_MIN_PT} pt: the cards layout leaves too little room for text",
                cards.len(),
                pack.deck.len()
            ),
        )
        .hint(match &larger {
            Some(larger) => format!("check the card's padding and text sizes in your layouts (`card-pad` in theme.typ), or {larger}"),
            None => "check the card's padding and text sizes in your layouts (`card-pad` in theme.typ)".to_string(),
        })
        .into());
    }
    let mut errors = Diagnostics::default();
    for value in overflows {
        let card = value["card"].as_u64().unwrap_or_default() as usize;
        let face = value["face"].as_str().unwrap_or("face");
        let over = value["overflow"].as_f64().unwrap_or_default();
        let name = pack.deck.get(card).map_or_else(|| format!("card {card}"), |c| c.name.clone());
        errors.push(
            Diagnostic::error(
                None,
                format!("{name} does not fit its card: the {face} overflows by {over:.0} pt ({:.1} mm) at {CARD_MIN_PT} pt", over / 72.0 * 25.4),
            )
            .hint(match &larger {
                Some(larger) => format!("shorten its text, or {larger}"),
                None => "shorten its text: these are the largest cards studypack prints".to_string(),
            }),
        );
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// Words wider than their card's text, which the card's edge would cut (see `clipped`): an
/// error naming the card, as for text too long for it, since nothing printed is clipped.
fn check_clipped(document: &PagedDocument, pack: &Pack, cards: &Imposition) -> Result<(), Diagnostics> {
    let mut errors = Diagnostics::default();
    for cut in clipped::clipped_words(document, cards) {
        let name =
            pack.deck.get(cut.card).map_or_else(|| format!("card {}", cut.card + 1), |c| c.name.clone());
        let side = match cut.face {
            impose::Face::Front => "front",
            impose::Face::Back => "back",
        };
        errors.push(
            Diagnostic::error(None, format!("{name} does not fit its card: on its {side}, `{}` is wider than the card and would be cut off at its edge", cut.word))
                .hint("break it with a space or a hyphen (a long link: shorten it, or leave out `https://`), or print on larger cards"),
        );
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// How to print on larger cards than `cards` has ("print on larger cards with `--card
/// 4x6in`"), or `None` when no larger cards are offered (4 x 6 in is the largest).
fn larger_cards(cards: &Imposition) -> Option<String> {
    let (width, height) = cards.card_size();
    let (largest_width, largest_height) = CardSize::In4x6.size();
    if width >= largest_width - 0.5 && height >= largest_height - 0.5 {
        return None;
    }
    Some(match &cards.stock {
        // A stock sets the card size, so `--card` alone would change nothing.
        Some(_) => "print on larger cards: `--sheet avery-5389` (6 x 4 in, perforated) or `--sheet card --card 4x6in`".to_string(),
        None => "print on larger cards with `--card 4x6in`".to_string(),
    })
}

/// The values of the `metadata` a layout labelled `label`, as JSON, in document order.
fn labelled_metadata(document: &PagedDocument, label: &str) -> Vec<serde_json::Value> {
    let label = Label::new(PicoStr::intern(label)).expect("label name is valid");
    document
        .introspector()
        .query(&typst::foundations::Selector::Label(label))
        .iter()
        .filter_map(|content| content.to_packed::<MetadataElem>())
        .map(|meta| serde_json::to_value(&meta.value).unwrap_or_default())
        .collect()
}

/// The text size of every card face the layout fitted, by its key and the space it had
/// (metadata `<studypack-size>`), how many of them were measured in this compile, and the
/// smallest size with the card it is on.
fn fitted_sizes(faces: &[serde_json::Value]) -> (Vec<(FaceKey, f64)>, usize, Option<Smallest>) {
    let mut sizes = Vec::new();
    let mut measured = 0;
    let mut smallest: Option<(f64, u64, String)> = None;
    for value in faces {
        if let (Some(key), Some(space), Some(size)) =
            (value["key"].as_str(), value["space"].as_str(), value["size"].as_f64())
        {
            sizes.push(((key.to_string(), space.to_string()), size));
            measured += usize::from(value["measured"].as_bool().unwrap_or(true));
            // A layout that does not say which card (an older one) is left out of the report.
            if let (Some(card), Some(face)) = (value["card"].as_u64(), value["face"].as_str())
                && smallest.as_ref().is_none_or(|(s, _, _)| size < *s)
            {
                smallest = Some((size, card, face.to_string()));
            }
        }
    }
    (sizes, measured, smallest.map(|(size, card, face)| (size, card as usize, face)))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Tagged PDF/UA-1 (or only tagged when not `accessible`), no creation date unless
/// the build `time` is a reproducible one.
fn pdf_options(accessible: bool, time: BuildTime) -> PdfOptions {
    let standards: &[PdfStandard] = if accessible { &[PdfStandard::Ua_1] } else { &[] };
    PdfOptions {
        ident: Smart::Auto,
        creator: Smart::Custom(Some(format!("studypack {}", env!("CARGO_PKG_VERSION")))),
        timestamp: time.pdf_timestamp(),
        standards: PdfStandards::new(standards).expect("PDF/UA-1 alone, or no standard, is a valid set"),
        ..PdfOptions::default()
    }
}

/// When a build happens, decided by the caller (the command line reads `SOURCE_DATE_EPOCH`):
/// the day the layouts print and interview dates are compared with, and whether the PDFs
/// carry that moment as their creation date (only a reproducible build stamps them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildTime {
    /// Seconds since 1970, UTC.
    secs: i64,
    stamped: bool,
}

impl BuildTime {
    /// Now, by the clock; the PDFs carry no creation date.
    pub fn now() -> BuildTime {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        BuildTime { secs, stamped: false }
    }

    /// A fixed moment (`SOURCE_DATE_EPOCH`), stamped into the PDFs, so that the same inputs
    /// give the same bytes.
    pub(crate) fn fixed(secs: i64) -> BuildTime {
        BuildTime { secs, stamped: true }
    }

    /// Seconds since 1970, UTC (new and changed Anki notes are stamped with it).
    pub(crate) fn secs(self) -> i64 {
        self.secs
    }

    /// The build's day (UTC), as the layouts' `datetime.today()`.
    fn date(self) -> Datetime {
        let (y, m, d) = civil_from_days(self.secs.div_euclid(86_400));
        Datetime::from_ymd(y, m, d).expect("civil_from_days yields a valid date")
    }

    /// The build's day as `YYYY-MM-DD` (UTC), to tell an interview date in the past.
    pub(crate) fn day(self) -> String {
        let (y, m, d) = civil_from_days(self.secs.div_euclid(86_400));
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// The PDFs' creation date, for a reproducible build only.
    fn pdf_timestamp(self) -> Option<Timestamp> {
        if !self.stamped {
            return None;
        }
        let (y, m, d) = civil_from_days(self.secs.div_euclid(86_400));
        let s = self.secs.rem_euclid(86_400);
        Datetime::from_ymd_hms(y, m, d, (s / 3600) as u8, (s % 3600 / 60) as u8, (s % 60) as u8)
            .map(Timestamp::new_utc)
    }
}

/// Characters of the pack that no font has: each would print as an empty box.
fn missing_glyphs(pack: &Pack, json: &serde_json::Value, fonts: &Fonts) -> Diagnostics {
    let mut found: Vec<(char, String)> = Vec::new();
    // A pack repeats a few dozen characters thousands of times: look each up once.
    let mut covered = std::collections::HashSet::new();
    let mut check = |place: &str, text: &str| {
        for c in text.chars().filter(|c| !c.is_whitespace() && !c.is_control()) {
            if covered.contains(&c) {
                continue;
            }
            if fonts.covers(c) {
                covered.insert(c);
            } else if !found.iter().any(|(seen, _)| *seen == c) {
                found.push((c, place.to_string()));
            }
        }
    };
    // The person's values first, so a character is blamed on the fact that brought it.
    for fact in &pack.facts {
        check(&format!("fact `{}`", fact.path), &fact.value);
    }
    walk_strings(json, &mut String::new(), &mut check);
    // One warning per place, naming all its characters: ten of a script no font has are
    // one problem, not ten.
    let mut places: Vec<(String, Vec<char>)> = Vec::new();
    for (c, place) in found {
        match places.iter_mut().find(|(p, _)| *p == place) {
            Some((_, chars)) => chars.push(c),
            None => places.push((place, vec![c])),
        }
    }
    let mut out = Diagnostics::default();
    for (place, chars) in places {
        let place = readable_place(&place);
        let shown: Vec<String> = chars.iter().map(|c| format!("`{c}`")).collect();
        let codes: Vec<String> = chars.iter().map(|&c| format!("U+{:04X}", c as u32)).collect();
        let prints = if chars.len() == 1 { "it prints as an empty box" } else { "they print as empty boxes" };
        let message = format!(
            "no font has {} ({}), used in {place}: {prints}, and the PDFs are not marked PDF/UA-1",
            shown.join(", "),
            codes.join(", ")
        );
        out.push(Diagnostic::warning(None, message).hint(
            "build with --system-fonts to use this machine's fonts, or --font-path DIR with a font that has it (the README lists which Noto font covers which script)",
        ));
    }
    out
}

/// A path of `walk_strings` as a person reads it: `questions[x].answer[0].spans[10]` is
/// "the answer of question `x`"; a fact's place (`fact `a.b``) stays as it is.
fn readable_place(path: &str) -> String {
    let Some((head, rest)) = path.split_once('.').filter(|_| !path.starts_with("fact ")) else {
        return path.to_string();
    };
    let mut part = String::new();
    let mut depth = 0;
    for c in rest.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => part.push(c),
            _ => {}
        }
    }
    let part: Vec<&str> = part.split('.').filter(|p| !p.is_empty() && *p != "spans").collect();
    let part: Vec<&str> = match part[..] {
        ["cues", cue] => vec![cue, "cue"],
        ["do"] => vec!["words to say instead"],
        _ => part,
    };
    let whole = match head.split_once('[') {
        Some(("questions", id)) => format!("question `{}`", id.trim_end_matches(']')),
        Some(("red_flags", id)) => format!("red flag `{}`", id.trim_end_matches(']')),
        _ => head.replace('_', " "),
    };
    if part.is_empty() { whole } else { format!("the {} of {whole}", part.join(" ").replace('_', " ")) }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_characters_place_reads_as_the_person_names_it() {
        let cases = [
            ("questions[impact-project].answer[0].spans[10]", "the answer of question `impact-project`"),
            ("questions[q2].cues.context[1]", "the context cue of question `q2`"),
            ("red_flags[best-tool].do[0]", "the words to say instead of red flag `best-tool`"),
            ("fact `churn.client`", "fact `churn.client`"),
        ];
        for (path, readable) in cases {
            assert_eq!(readable_place(path), readable);
        }
    }

    /// The demo's cheat sheet on letter paper: 175% full at 10 pt (quarter point 40), fitted
    /// at 7.25 pt (29) and 101% full at 7.5 pt (30).
    #[test]
    fn the_first_guess_is_the_fitted_size_of_the_demo_cheat_sheet() {
        assert_eq!(predict((23, None), (40, Some(1.7493)), 24, 40), Some(29));
        // With the square, the guess was a quarter point too large.
        let square = (40.0 / 1.7493_f64.sqrt()).floor();
        assert_eq!(square, 30.0);
    }

    #[test]
    fn a_guess_from_a_fit_and_a_miss_follows_the_power_through_both() {
        // Fill as the cube of the size, full at 30.5 quarter points.
        let fill = |q: f64| (q / 30.5).powi(3);
        assert_eq!(predict((26, Some(fill(26.0))), (36, Some(fill(36.0))), 24, 40), Some(30));
    }

    #[test]
    fn a_guess_stays_within_the_sizes_a_document_may_take() {
        // Four times too much text: the smallest size is tried at once.
        assert_eq!(predict((23, None), (40, Some(4.0)), 24, 40), Some(24));
        // A fill that did not run over gives no guess; nor does a layout without marks.
        assert_eq!(predict((23, None), (40, Some(0.9)), 24, 40), None);
        assert_eq!(predict((23, None), (40, None), 24, 40), None);
    }
}
