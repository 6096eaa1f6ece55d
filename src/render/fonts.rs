//! The fonts a pack can use: the bundled ones from `fonts/`, compiled into the binary,
//! indexed with fontdb and loaded only when a layout first uses a face.

use std::sync::OnceLock;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};

/// The bundled font files, by file name.
const BUNDLED: [(&str, &[u8]); 9] = [
    ("Inter-Regular.otf", include_bytes!("../../fonts/Inter-Regular.otf")),
    ("Inter-Italic.otf", include_bytes!("../../fonts/Inter-Italic.otf")),
    ("Inter-SemiBold.otf", include_bytes!("../../fonts/Inter-SemiBold.otf")),
    ("Inter-Bold.otf", include_bytes!("../../fonts/Inter-Bold.otf")),
    ("DejaVuSansCondensed.ttf", include_bytes!("../../fonts/DejaVuSansCondensed.ttf")),
    ("DejaVuSansCondensed-Bold.ttf", include_bytes!("../../fonts/DejaVuSansCondensed-Bold.ttf")),
    ("DejaVuSansCondensed-Oblique.ttf", include_bytes!("../../fonts/DejaVuSansCondensed-Oblique.ttf")),
    ("DejaVuSansMono.ttf", include_bytes!("../../fonts/DejaVuSansMono.ttf")),
    // Emoji in a person's text print instead of becoming empty boxes.
    ("NotoColorEmoji.ttf", include_bytes!("../../fonts/NotoColorEmoji.ttf")),
];

/// The bundled fonts' licences, shipped beside them wherever they are copied.
const LICENCES: [(&str, &str); 3] = [
    ("Inter-LICENSE.txt", include_str!("../../fonts/Inter-LICENSE.txt")),
    ("DejaVu-LICENSE.txt", include_str!("../../fonts/DejaVu-LICENSE.txt")),
    ("NotoColorEmoji-LICENSE.txt", include_str!("../../fonts/NotoColorEmoji-LICENSE.txt")),
];

/// The bundled font files and their licences, by file name: what `fonts/` holds.
pub(crate) fn bundled_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    BUNDLED.into_iter().chain(LICENCES.iter().map(|(name, text)| (*name, text.as_bytes())))
}

/// Where a face's bytes are: compiled in, or in a file read on first use.
#[derive(Debug)]
enum Data {
    Embedded(Bytes),
    File(std::path::PathBuf),
}

/// One face: where it comes from and, once used, the parsed font.
#[derive(Debug)]
struct Slot {
    data: Data,
    index: u32,
    /// `bundled` or the folder it was found in, for `studypack fonts`.
    source: String,
    font: OnceLock<Option<Font>>,
}

/// Every font face a build can use, with Typst's book of their metadata.
#[derive(Debug)]
pub struct Fonts {
    book: FontBook,
    slots: Vec<Slot>,
}

/// A family and where its faces come from, for `studypack fonts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FamilyEntry {
    pub family: String,
    pub styles: Vec<String>,
    pub source: String,
}

impl Fonts {
    /// The bundled fonts only: what every build uses unless told otherwise.
    pub fn bundled() -> Fonts {
        Fonts::new(&[], false)
    }

    /// The bundled fonts, then those in `paths` (folders or files), then, if `system`,
    /// the system's. Bundled faces come first, so they win when families clash.
    pub fn new(paths: &[std::path::PathBuf], system: bool) -> Fonts {
        let mut fonts = Fonts { book: FontBook::new(), slots: Vec::new() };
        let mut db = fontdb::Database::new();
        for (_, data) in BUNDLED {
            let bytes = Bytes::new(data);
            for id in db.load_font_source(fontdb::Source::Binary(std::sync::Arc::new(data))) {
                let Some(index) = db.face(id).map(|face| face.index) else { continue };
                let Some(info) = FontInfo::new(data, index) else { continue };
                fonts.book.push(info);
                fonts.slots.push(Slot {
                    data: Data::Embedded(bytes.clone()),
                    index,
                    source: "bundled".into(),
                    font: OnceLock::new(),
                });
            }
        }
        for path in paths {
            if path.is_dir() {
                db.load_fonts_dir(path);
            } else {
                let _ = db.load_font_file(path);
            }
        }
        if system {
            db.load_system_fonts();
        }
        // fontdb finds the faces; Typst's own metadata is read from each file once.
        let mut files: Vec<(std::path::PathBuf, u32)> = db
            .faces()
            .filter_map(|face| match &face.source {
                fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
                    Some((path.clone(), face.index))
                }
                fontdb::Source::Binary(_) => None,
            })
            .collect();
        files.sort();
        for (path, index) in files {
            let Ok(data) = std::fs::read(&path) else { continue };
            let Some(info) = FontInfo::new(&data, index) else { continue };
            let source = paths
                .iter()
                .find(|p| path.starts_with(p) || path == **p)
                .map_or_else(|| "system".to_string(), |p| p.display().to_string());
            fonts.book.push(info);
            fonts.slots.push(Slot { data: Data::File(path), index, source, font: OnceLock::new() });
        }
        fonts
    }

    /// Typst's index of every face.
    pub(crate) fn book(&self) -> &FontBook {
        &self.book
    }

    /// The face at `index`, read and parsed on first use.
    pub(crate) fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font
            .get_or_init(|| {
                let bytes = match &slot.data {
                    Data::Embedded(bytes) => bytes.clone(),
                    Data::File(path) => Bytes::new(std::fs::read(path).ok()?),
                };
                Font::new(bytes, slot.index)
            })
            .clone()
    }

    /// Whether any face has a glyph for `c`.
    pub(crate) fn covers(&self, c: char) -> bool {
        (0..self.slots.len()).any(|i| self.book.info(i).is_some_and(|info| info.coverage.contains(c as u32)))
    }

    /// The families, each with its styles and source, sorted by family then source.
    pub(crate) fn families(&self) -> Vec<FamilyEntry> {
        let mut out: Vec<FamilyEntry> = Vec::new();
        for (i, slot) in self.slots.iter().enumerate() {
            let Some(info) = self.book.info(i) else { continue };
            let style = format!("{:?} {}", info.variant.style, info.variant.weight.to_number());
            // A family found in two places (DejaVu bundled and on the system) is listed once
            // for each, so no face is called bundled that is not.
            match out.iter_mut().find(|e| e.family == info.family && e.source == slot.source) {
                Some(entry) => entry.styles.push(style),
                None => out.push(FamilyEntry {
                    family: info.family.clone(),
                    styles: vec![style],
                    source: slot.source.clone(),
                }),
            }
        }
        out.sort_by(|a, b| (&a.family, &a.source).cmp(&(&b.family, &b.source)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_cover_latin_greek_cyrillic_hebrew_arabic_symbols_and_emoji() {
        let fonts = Fonts::bundled();
        assert_eq!(fonts.slots.len(), 9);
        for c in "Zoë Łukasz Дмитрий Αλέξης ✓ ✗ → ☐ € 🚀 😀 שלום مرحبا".chars().filter(|c| !c.is_whitespace())
        {
            assert!(fonts.covers(c), "no bundled font has {c:?}");
        }
        let families: Vec<String> = fonts.families().into_iter().map(|f| f.family).collect();
        assert_eq!(families, ["DejaVu Sans", "DejaVu Sans Mono", "Inter", "Noto Color Emoji"]);
    }
}
