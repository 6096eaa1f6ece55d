//! Bank text: plain words with `{{ fact.path }}` placeholders, `**bold**` and `` `code` ``.
//! Long-form text is split into paragraphs and bullets. Anything else is literal, so a
//! user's `$`, `#`, `*` or `\` prints as written: it is never handed to Typst as markup.

use serde::Serialize;

/// One piece of inline text before facts are filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Text { text: String, bold: bool, code: bool },
    /// A `{{ path }}` placeholder.
    Fact { path: String, bold: bool },
}

/// A paragraph or a bullet of long-form text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<T> {
    pub kind: BlockKind,
    pub pieces: Vec<T>,
}

/// What a block is; bullets carry their nesting level (0 or 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "level")]
pub enum BlockKind {
    Paragraph,
    Bullet(u8),
}

/// A problem in bank text; `needle` is the offending text, to find it in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    pub needle: String,
    pub message: String,
    pub hint: String,
}

/// Parses inline text (a prompt, a cue, a headline).
pub fn parse_inline(text: &str) -> Result<Vec<Piece>, TextError> {
    parse_pieces(text)
}

/// Parses long-form text (an answer, a script) into paragraphs and bullets.
pub fn parse_blocks(text: &str) -> Result<Vec<Block<Piece>>, TextError> {
    let mut blocks: Vec<(BlockKind, String)> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let content = line.trim_end_matches('\r');
        let trimmed = content.trim_start();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        let indent = content.len() - trimmed.len();
        if let Some(rest) = trimmed.strip_prefix("- ") {
            let level = u8::from(indent >= 2);
            blocks.push((BlockKind::Bullet(level), rest.to_string()));
            open = true;
        } else if open && let Some(last) = blocks.last_mut() {
            // A continuation line joins the paragraph or bullet above, as in Markdown.
            last.1.push(' ');
            last.1.push_str(trimmed);
        } else {
            blocks.push((BlockKind::Paragraph, trimmed.to_string()));
            open = true;
        }
    }
    blocks.into_iter().map(|(kind, text)| Ok(Block { kind, pieces: parse_pieces(&text)? })).collect()
}

/// The placeholders' fact paths, in order.
/// Whether `pieces` print nothing: no fact, and only spaces if any text.
pub(crate) fn is_blank(pieces: &[Piece]) -> bool {
    pieces.iter().all(|p| matches!(p, Piece::Text { text, .. } if text.trim().is_empty()))
}

pub(crate) fn placeholders(pieces: &[Piece]) -> impl Iterator<Item = &str> {
    pieces.iter().filter_map(|p| match p {
        Piece::Fact { path, .. } => Some(path.as_str()),
        Piece::Text { .. } => None,
    })
}

fn parse_pieces(text: &str) -> Result<Vec<Piece>, TextError> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut bold = false;
    let mut i = 0;
    let flush = |literal: &mut String, pieces: &mut Vec<Piece>, bold: bool| {
        if !literal.is_empty() {
            pieces.push(Piece::Text { text: std::mem::take(literal), bold, code: false });
        }
    };
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("{{") {
            let Some(end) = rest.find("}}") else {
                return Err(TextError {
                    needle: rest.chars().take(24).collect(),
                    message: "placeholder `{{` is never closed".into(),
                    hint: "write a fact as `{{ group.name }}`".into(),
                });
            };
            let path = rest[2..end].trim();
            if !is_fact_path(path) {
                return Err(TextError {
                    needle: rest[..end + 2].to_string(),
                    message: format!("`{{{{{}}}}}` is not a fact placeholder", &rest[2..end]),
                    hint: "a placeholder names one declared fact, e.g. `{{ churn.accuracy }}`".into(),
                });
            }
            flush(&mut literal, &mut pieces, bold);
            pieces.push(Piece::Fact { path: path.to_string(), bold });
            i += end + 2;
        } else if rest.starts_with("**") && (bold || rest[2..].contains("**")) {
            flush(&mut literal, &mut pieces, bold);
            bold = !bold;
            i += 2;
        } else if let Some(code) = rest.strip_prefix('`')
            && let Some(end) = code.find('`')
            && end > 0
        {
            flush(&mut literal, &mut pieces, bold);
            pieces.push(Piece::Text { text: code[..end].to_string(), bold, code: true });
            i += end + 2;
        } else {
            let c = rest.chars().next().unwrap_or_default();
            literal.push(c);
            i += c.len_utf8();
        }
    }
    flush(&mut literal, &mut pieces, bold);
    Ok(pieces)
}

/// A dotted fact path: `group.name` with lowercase letters, digits and `_` in each segment.
pub(crate) fn is_fact_path(path: &str) -> bool {
    let mut segments = 0;
    for segment in path.split('.') {
        let ok = !segment.is_empty()
            && segment.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !segment.starts_with(|c: char| c.is_ascii_digit());
        if !ok {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str, bold: bool, code: bool) -> Piece {
        Piece::Text { text: t.into(), bold, code }
    }

    #[test]
    fn inline_markup_placeholders_and_literals() {
        let pieces = parse_inline("**Result:** {{ churn.accuracy }} at `p95` for $5 & #1 a*b_c").unwrap();
        assert_eq!(
            pieces,
            vec![
                text("Result:", true, false),
                text(" ", false, false),
                Piece::Fact { path: "churn.accuracy".into(), bold: false },
                text(" at ", false, false),
                text("p95", false, true),
                text(" for $5 & #1 a*b_c", false, false),
            ]
        );
    }

    #[test]
    fn lone_markers_print_literally() {
        assert_eq!(parse_inline("a ** b ` c").unwrap(), vec![text("a ** b ` c", false, false)]);
    }

    #[test]
    fn unclosed_placeholder_is_an_error_naming_its_text() {
        let err = parse_inline("saved {{ churn.savings").unwrap_err();
        assert_eq!(err.needle, "{{ churn.savings");
    }

    #[test]
    fn blocks_split_paragraphs_and_nested_bullets() {
        let blocks = parse_blocks("First line\ncontinued.\n\n- one\n  - nested\n- two\n").unwrap();
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![BlockKind::Paragraph, BlockKind::Bullet(0), BlockKind::Bullet(1), BlockKind::Bullet(0)]
        );
        assert_eq!(blocks[0].pieces, vec![text("First line continued.", false, false)]);
    }
}
