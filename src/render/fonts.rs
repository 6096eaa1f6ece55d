//! The fonts a pack can use: the bundled ones from `fonts/`, compiled into the binary,
//! indexed with fontdb and loaded only when a layout first uses a face.

use std::sync::{Arc, OnceLock};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};

/// The bundled font files, by file name.
const BUNDLED: [(&str, &[u8]); 8] = [
    ("Inter-Regular.otf", include_bytes!("../../fonts/Inter-Regular.otf")),
    ("Inter-Italic.otf", include_bytes!("../../fonts/Inter-Italic.otf")),
    ("Inter-SemiBold.otf", include_bytes!("../../fonts/Inter-SemiBold.otf")),
    ("Inter-Bold.otf", include_bytes!("../../fonts/Inter-Bold.otf")),
    ("DejaVuSansCondensed.ttf", include_bytes!("../../fonts/DejaVuSansCondensed.ttf")),
    ("DejaVuSansCondensed-Bold.ttf", include_bytes!("../../fonts/DejaVuSansCondensed-Bold.ttf")),
    ("DejaVuSansCondensed-Oblique.ttf", include_bytes!("../../fonts/DejaVuSansCondensed-Oblique.ttf")),
    ("DejaVuSansMono.ttf", include_bytes!("../../fonts/DejaVuSansMono.ttf")),
];

/// One face: where it comes from and, once used, the parsed font.
#[derive(Debug)]
struct Slot {
    data: Bytes,
    index: u32,
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
pub struct FamilyEntry {
    pub family: String,
    pub styles: Vec<String>,
    pub source: String,
}

impl Fonts {
    /// The bundled fonts.
    pub fn bundled() -> Fonts {
        let mut db = fontdb::Database::new();
        let mut files = Vec::new();
        for (name, data) in BUNDLED {
            let ids = db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
            files.push((name, Bytes::new(data), ids));
        }
        let mut book = FontBook::new();
        let mut slots = Vec::new();
        for (name, bytes, ids) in files {
            for id in ids {
                let Some(face) = db.face(id) else { continue };
                let Some(info) = FontInfo::new(bytes.as_slice(), face.index) else { continue };
                book.push(info);
                slots.push(Slot {
                    data: bytes.clone(),
                    index: face.index,
                    source: format!("bundled ({name})"),
                    font: OnceLock::new(),
                });
            }
        }
        Fonts { book, slots }
    }

    /// Typst's index of every face.
    pub fn book(&self) -> &FontBook {
        &self.book
    }

    /// The face at `index`, parsed on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font.get_or_init(|| Font::new(slot.data.clone(), slot.index)).clone()
    }

    /// Whether any face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        (0..self.slots.len()).any(|i| self.book.info(i).is_some_and(|info| info.coverage.contains(c as u32)))
    }

    /// The families, each with its styles and source, sorted by family.
    pub fn families(&self) -> Vec<FamilyEntry> {
        let mut out: Vec<FamilyEntry> = Vec::new();
        for (i, slot) in self.slots.iter().enumerate() {
            let Some(info) = self.book.info(i) else { continue };
            let style = format!("{:?} {}", info.variant.style, info.variant.weight.to_number());
            match out.iter_mut().find(|e| e.family == info.family) {
                Some(entry) => entry.styles.push(style),
                None => out.push(FamilyEntry {
                    family: info.family.clone(),
                    styles: vec![style],
                    source: slot.source.split(" (").next().unwrap_or_default().to_string(),
                }),
            }
        }
        out.sort_by(|a, b| a.family.cmp(&b.family));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_cover_latin_greek_cyrillic_and_symbols() {
        let fonts = Fonts::bundled();
        assert_eq!(fonts.slots.len(), 8);
        for c in "Zoë Łukasz Дмитрий Αλέξης ✓ ✗ → ☐ €".chars().filter(|c| !c.is_whitespace())
        {
            assert!(fonts.covers(c), "no bundled font has {c:?}");
        }
        let families: Vec<String> = fonts.families().into_iter().map(|f| f.family).collect();
        assert_eq!(families, ["DejaVu Sans", "DejaVu Sans Mono", "Inter"]);
    }
}
