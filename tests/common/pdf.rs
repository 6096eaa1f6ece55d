//! Reading the PDFs the tests render: pages and their sizes, text runs with their
//! positions (decoded through each font's ToUnicode map), and the fonts with their
//! embedded files. Built on lopdf; lopdf's own text extraction cannot parse the
//! ToUnicode maps Typst writes, so the decoding is done here.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::path::Path;

/// A run of text as shown by one `Tj`/`TJ`: its text, the page-space origin (points,
/// y up from the bottom edge as in PDF), its size and font.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub font: String,
}

/// One page: its size in points, its text runs in drawing order, and its straight path
/// segments (crop marks), in page space.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub runs: Vec<Run>,
    pub segments: Vec<((f64, f64), (f64, f64))>,
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
            let mut maps: HashMap<Vec<u8>, (String, HashMap<u32, String>)> = HashMap::new();
            for (key, dict) in &page_fonts {
                let name = base_font(dict);
                maps.insert(key.clone(), (name.clone(), to_unicode(&doc, dict)));
                let font = FontUse { name, embedded: is_embedded(&doc, dict) };
                if !fonts.contains(&font) {
                    fonts.push(font);
                }
            }
            let content = doc.get_and_decode_page_content(page_id).expect("page content");
            let (runs, segments) = walk(&content, &maps);
            let fills = content
                .operations
                .iter()
                .filter(|op| matches!(op.operator.as_str(), "rg" | "sc" | "scn") && op.operands.len() == 3)
                .map(|op| (number(&op.operands[0]), number(&op.operands[1]), number(&op.operands[2])))
                .collect();
            pages.push(Page { width, height, runs, segments, fills });
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

fn is_embedded(doc: &Document, dict: &Dictionary) -> bool {
    if is_type3(dict) {
        return true;
    }
    let deref = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let descendant = dict
        .get(b"DescendantFonts")
        .ok()
        .and_then(deref)
        .and_then(|o| o.as_array().ok().and_then(|a| a.first().cloned()))
        .and_then(|o| deref(&o))
        .and_then(|o| o.as_dict().ok().cloned());
    let font = descendant.unwrap_or_else(|| dict.clone());
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

fn walk(
    content: &Content,
    fonts: &HashMap<Vec<u8>, (String, HashMap<u32, String>)>,
) -> (Vec<Run>, Vec<Segment>) {
    const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut out = Vec::new();
    let mut segments = Vec::new();
    let mut pen = (0.0, 0.0);
    let to_page = |m: Matrix, x: f64, y: f64| (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]);
    let mut ctm = IDENTITY;
    let mut stack = Vec::new();
    let (mut tm, mut line) = (IDENTITY, IDENTITY);
    let mut font: Option<&(String, HashMap<u32, String>)> = None;
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
            "m" if args.len() == 2 => pen = to_page(ctm, args[0], args[1]),
            "l" if args.len() == 2 => {
                let to = to_page(ctm, args[0], args[1]);
                segments.push((pen, to));
                pen = to;
            }
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
                let mut text = String::new();
                let mut decode = |bytes: &[u8]| {
                    let map = font.map(|f| &f.1);
                    for pair in bytes.chunks(2) {
                        let code = if pair.len() == 2 {
                            u32::from(u16::from_be_bytes([pair[0], pair[1]]))
                        } else {
                            0
                        };
                        text.push_str(map.and_then(|m| m.get(&code)).map_or("\u{fffd}", String::as_str));
                    }
                };
                for operand in &op.operands {
                    match operand {
                        Object::String(bytes, _) => decode(bytes),
                        Object::Array(items) => {
                            for item in items {
                                if let Object::String(bytes, _) = item {
                                    decode(bytes);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                let at = multiply(tm, ctm);
                out.push(Run {
                    text,
                    x: at[4],
                    y: at[5],
                    size: size * (at[0] * at[0] + at[1] * at[1]).sqrt(),
                    font: font.map(|f| f.0.clone()).unwrap_or_default(),
                });
            }
            _ => {}
        }
    }
    (out, segments)
}
