//! Reading the PDFs the tests render: pages and their sizes, text runs with their
//! positions (decoded through each font's ToUnicode map), and the fonts with their
//! embedded files. Built on lopdf; lopdf's own text extraction cannot parse the
//! ToUnicode maps Typst writes, so the decoding is done here.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::path::Path;

/// A run of text as shown by one `Tj`/`TJ`: its text, the page-space origin (points,
/// y up from the bottom edge as in PDF), its size and font, and its advance width (from
/// the font's glyph widths and the `TJ` adjustments) to its last visible glyph.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub font: String,
    pub width: f64,
}

/// One page: its size in points, its text runs in drawing order, and its straight path
/// segments (crop marks), in page space.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub runs: Vec<Run>,
    pub segments: Vec<((f64, f64), (f64, f64))>,
    /// Every clipping path's bounding box (left, bottom, right, top), in page space.
    pub clips: Vec<[f64; 4]>,
    /// Every three-component fill colour set on the page (`rg`, `sc`, `scn`), 0–1.
    pub fills: Vec<(f64, f64, f64)>,
}

impl Page {
    /// The page's text, runs joined by spaces, whitespace collapsed.
    pub fn text(&self) -> String {
        collapse(&self.runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" "))
    }
}

/// A font the PDF uses: its name without the subset tag, and whether its file is embedded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontUse {
    pub name: String,
    pub embedded: bool,
}

/// A PDF read for inspection.
pub struct Pdf {
    pub pages: Vec<Page>,
    pub fonts: Vec<FontUse>,
    pub title: Option<String>,
    pub author: Option<String>,
}

impl Pdf {
    pub fn open(path: &Path) -> Pdf {
        let doc = Document::load(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut pages = Vec::new();
        let mut fonts: Vec<FontUse> = Vec::new();
        for (_, page_id) in doc.get_pages() {
            let (width, height) = media_box(&doc, page_id);
            let page_fonts = doc.get_page_fonts(page_id).expect("page fonts");
            let mut maps: HashMap<Vec<u8>, FontMaps> = HashMap::new();
            for (key, dict) in &page_fonts {
                let name = base_font(dict);
                maps.insert(key.clone(), (name.clone(), to_unicode(&doc, dict), widths(&doc, dict)));
                let font = FontUse { name, embedded: is_embedded(&doc, dict) };
                if !fonts.contains(&font) {
                    fonts.push(font);
                }
            }
            let content = doc.get_and_decode_page_content(page_id).expect("page content");
            let (runs, segments, clips) = walk(&content, &maps);
            let fills = content
                .operations
                .iter()
                .filter(|op| matches!(op.operator.as_str(), "rg" | "sc" | "scn") && op.operands.len() == 3)
                .map(|op| (number(&op.operands[0]), number(&op.operands[1]), number(&op.operands[2])))
                .collect();
            pages.push(Page { width, height, runs, segments, clips, fills });
        }
        let info = doc.trailer.get(b"Info").ok().and_then(|o| o.as_reference().ok());
        let info_string = |key: &[u8]| {
            let dict = doc.get_dictionary(info?).ok()?;
            pdf_string(dict.get(key).ok()?)
        };
        Pdf { title: info_string(b"Title"), author: info_string(b"Author"), pages, fonts }
    }

    /// All pages' text, separated by spaces.
    pub fn text(&self) -> String {
        self.pages.iter().map(Page::text).collect::<Vec<_>>().join(" ")
    }
}

/// Collapses runs of whitespace to one space.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text with all whitespace removed, to find phrases whatever the line breaks.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn media_box(doc: &Document, page_id: ObjectId) -> (f64, f64) {
    let page = doc.get_dictionary(page_id).expect("page dictionary");
    let mbox = page.get(b"MediaBox").expect("MediaBox").as_array().expect("MediaBox array");
    let n: Vec<f64> = mbox.iter().map(number).collect();
    (n[2] - n[0], n[3] - n[1])
}

fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => panic!("not a number: {o:?}"),
    }
}

fn is_type3(dict: &Dictionary) -> bool {
    dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) == Some(b"Type3".as_slice())
}

fn base_font(dict: &Dictionary) -> String {
    // Type3 fonts (Typst's colour emoji) have no name: their glyphs are drawings in the PDF.
    if is_type3(dict) {
        return "Type3".to_string();
    }
    let name = dict.get(b"BaseFont").ok().and_then(|o| o.as_name().ok()).unwrap_or(b"?");
    let name = String::from_utf8_lossy(name).to_string();
    // Subset fonts are named `ABCDEF+Name`; Type0 fonts end in their encoding.
    let name = name.trim_end_matches("-Identity-H").to_string();
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 => rest.to_string(),
        _ => name,
    }
}

/// A composite (Type0) font's descendant CID font dictionary.
fn descendant_font(doc: &Document, dict: &Dictionary) -> Option<Dictionary> {
    let deref = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    dict.get(b"DescendantFonts")
        .ok()
        .and_then(deref)
        .and_then(|o| o.as_array().ok().and_then(|a| a.first().cloned()))
        .and_then(|o| deref(&o))
        .and_then(|o| o.as_dict().ok().cloned())
}

fn is_embedded(doc: &Document, dict: &Dictionary) -> bool {
    if is_type3(dict) {
        return true;
    }
    let deref = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let font = descendant_font(doc, dict).unwrap_or_else(|| dict.clone());
    let Some(descriptor) =
        font.get(b"FontDescriptor").ok().and_then(deref).and_then(|o| o.as_dict().ok().cloned())
    else {
        return false;
    };
    [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"].iter().any(|k| descriptor.has(k))
}

/// The font's ToUnicode map: character code → text.
fn to_unicode(doc: &Document, dict: &Dictionary) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    let Ok(Object::Reference(id)) = dict.get(b"ToUnicode") else { return map };
    let Ok(stream) = doc.get_object(*id).and_then(|o| o.as_stream()) else { return map };
    let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    let text = String::from_utf8_lossy(&data);
    let mut section = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            section = "char";
            continue;
        }
        if line.ends_with("beginbfrange") {
            section = "range";
            continue;
        }
        if line.starts_with("endbf") {
            section = "";
            continue;
        }
        let hex: Vec<&str> =
            line.split(['<', '>']).map(str::trim).filter(|s| !s.is_empty() && !s.contains('[')).collect();
        match (section, hex.as_slice()) {
            ("char", [code, uni]) => {
                map.insert(u32::from_str_radix(code, 16).unwrap_or(0), utf16_hex(uni));
            }
            ("range", [lo, hi, uni]) => {
                let (lo, hi) =
                    (u32::from_str_radix(lo, 16).unwrap_or(0), u32::from_str_radix(hi, 16).unwrap_or(0));
                let base = u32::from_str_radix(uni, 16).unwrap_or(0);
                for (i, code) in (lo..=hi).enumerate() {
                    map.insert(code, char::from_u32(base + i as u32).map(String::from).unwrap_or_default());
                }
            }
            _ => {}
        }
    }
    map
}

fn utf16_hex(hex: &str) -> String {
    let units: Vec<u16> = hex
        .as_bytes()
        .chunks(4)
        .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
        .collect();
    String::from_utf16_lossy(&units)
}

fn pdf_string(o: &Object) -> Option<String> {
    let bytes = o.as_str().ok()?;
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(String::from_utf8_lossy(bytes).to_string())
    }
}

type Matrix = [f64; 6];

fn multiply(a: Matrix, b: Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// Walks the content stream: graphics state (`q`, `Q`, `cm`), text state (`BT`, `Tf`, `Tm`,
/// `Td`, `TD`, `T*`, `TL`), every shown string, and straight segments (`m`, `l`).
type Segment = ((f64, f64), (f64, f64));

fn walk(content: &Content, fonts: &HashMap<Vec<u8>, FontMaps>) -> (Vec<Run>, Vec<Segment>, Vec<[f64; 4]>) {
    const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut out = Vec::new();
    let mut segments = Vec::new();
    let mut pen = (0.0, 0.0);
    let to_page = |m: Matrix, x: f64, y: f64| (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]);
    let mut ctm = IDENTITY;
    let mut stack = Vec::new();
    let (mut tm, mut line) = (IDENTITY, IDENTITY);
    let mut font: Option<&FontMaps> = None;
    // The current path's points, for the bounding box of a clip (`W`, `W*`).
    let mut path: Vec<(f64, f64)> = Vec::new();
    let mut clips = Vec::new();
    let (mut size, mut leading) = (0.0, 0.0);
    for op in &content.operations {
        let args: Vec<f64> = op
            .operands
            .iter()
            .filter(|o| matches!(o, Object::Integer(_) | Object::Real(_)))
            .map(number)
            .collect();
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            "cm" if args.len() == 6 => {
                ctm = multiply([args[0], args[1], args[2], args[3], args[4], args[5]], ctm)
            }
            "BT" => (tm, line) = (IDENTITY, IDENTITY),
            "m" if args.len() == 2 => {
                pen = to_page(ctm, args[0], args[1]);
                path.push(pen);
            }
            "l" if args.len() == 2 => {
                let to = to_page(ctm, args[0], args[1]);
                segments.push((pen, to));
                path.push(to);
                pen = to;
            }
            "c" | "v" | "y" => path.extend(args.chunks(2).map(|p| to_page(ctm, p[0], p[1]))),
            "re" if args.len() == 4 => {
                let (x, y, w, h) = (args[0], args[1], args[2], args[3]);
                path.extend(
                    [(x, y), (x + w, y), (x + w, y + h), (x, y + h)].map(|(x, y)| to_page(ctm, x, y)),
                );
            }
            "W" | "W*" if !path.is_empty() => {
                let xs = path.iter().map(|p| p.0);
                let ys = path.iter().map(|p| p.1);
                clips.push([
                    xs.clone().fold(f64::INFINITY, f64::min),
                    ys.clone().fold(f64::INFINITY, f64::min),
                    xs.fold(f64::NEG_INFINITY, f64::max),
                    ys.fold(f64::NEG_INFINITY, f64::max),
                ]);
            }
            "n" | "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => path.clear(),
            "Tf" => {
                font = op.operands.first().and_then(|o| o.as_name().ok()).and_then(|n| fonts.get(n));
                size = args.last().copied().unwrap_or(0.0);
            }
            "TL" => leading = args.first().copied().unwrap_or(0.0),
            "Tm" if args.len() == 6 => {
                tm = [args[0], args[1], args[2], args[3], args[4], args[5]];
                line = tm;
            }
            "Td" | "TD" if args.len() == 2 => {
                if op.operator == "TD" {
                    leading = -args[1];
                }
                line = multiply([1.0, 0.0, 0.0, 1.0, args[0], args[1]], line);
                tm = line;
            }
            "T*" => {
                line = multiply([1.0, 0.0, 0.0, 1.0, 0.0, -leading], line);
                tm = line;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                // Each glyph's text and advance (in thousandths of the text size), and the
                // `TJ` adjustments between them.
                let mut glyphs: Vec<(String, f64)> = Vec::new();
                let decode = |bytes: &[u8], glyphs: &mut Vec<(String, f64)>| {
                    for pair in bytes.chunks(2) {
                        let code = if pair.len() == 2 {
                            u32::from(u16::from_be_bytes([pair[0], pair[1]]))
                        } else {
                            0
                        };
                        let text = font.and_then(|f| f.1.get(&code)).map_or("\u{fffd}", String::as_str);
                        glyphs.push((text.to_string(), font.map_or(0.0, |f| f.2.width(code))));
                    }
                };
                for operand in &op.operands {
                    match operand {
                        Object::String(bytes, _) => decode(bytes, &mut glyphs),
                        Object::Array(items) => {
                            for item in items {
                                match item {
                                    Object::String(bytes, _) => decode(bytes, &mut glyphs),
                                    Object::Integer(_) | Object::Real(_) => {
                                        glyphs.push((String::new(), -number(item)))
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                }
                let text: String = glyphs.iter().map(|(t, _)| t.as_str()).collect();
                // A line's trailing space hangs past the text block, unseen: the width ends
                // at the last visible glyph.
                let mut advance = 0.0;
                let mut ink = 0.0;
                for (t, w) in &glyphs {
                    advance += w;
                    if !t.trim().is_empty() {
                        ink = advance;
                    }
                }
                let at = multiply(tm, ctm);
                let scale = (at[0] * at[0] + at[1] * at[1]).sqrt();
                out.push(Run {
                    text,
                    x: at[4],
                    y: at[5],
                    size: size * scale,
                    font: font.map(|f| f.0.clone()).unwrap_or_default(),
                    width: ink / 1000.0 * size * scale,
                });
            }
            _ => {}
        }
    }
    (out, segments, clips)
}

/// A font's name, its ToUnicode map and its glyph widths.
type FontMaps = (String, HashMap<u32, String>, Widths);

/// A font's glyph widths by character code, in thousandths of the text size.
#[derive(Debug, Default)]
struct Widths {
    default: f64,
    codes: HashMap<u32, f64>,
}

impl Widths {
    fn width(&self, code: u32) -> f64 {
        self.codes.get(&code).copied().unwrap_or(self.default)
    }
}

/// The widths of a composite font (`/W` and `/DW` of its descendant) or a simple one
/// (`/Widths` from `/FirstChar`).
fn widths(doc: &Document, dict: &Dictionary) -> Widths {
    let deref = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let mut out = Widths { default: 1000.0, codes: HashMap::new() };
    if let Some(cid) = descendant_font(doc, dict) {
        out.default = cid.get(b"DW").ok().map_or(1000.0, number);
        let w =
            cid.get(b"W").ok().and_then(deref).and_then(|o| o.as_array().ok().cloned()).unwrap_or_default();
        let mut i = 0;
        while i + 1 < w.len() {
            let first = number(&w[i]) as u32;
            match deref(&w[i + 1]) {
                Some(Object::Array(list)) => {
                    for (k, width) in list.iter().enumerate() {
                        out.codes.insert(first + k as u32, number(width));
                    }
                    i += 2;
                }
                _ if i + 2 < w.len() => {
                    let last = number(&w[i + 1]) as u32;
                    for code in first..=last {
                        out.codes.insert(code, number(&w[i + 2]));
                    }
                    i += 3;
                }
                _ => break,
            }
        }
        return out;
    }
    let first = dict.get(b"FirstChar").ok().map_or(0.0, number) as u32;
    if let Some(list) = dict.get(b"Widths").ok().and_then(deref).and_then(|o| o.as_array().ok().cloned()) {
        for (k, width) in list.iter().enumerate() {
            out.codes.insert(first + k as u32, number(width));
        }
    }
    out
}
