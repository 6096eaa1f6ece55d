//! The pack's text as the HTML of Anki fields. A person's text is data: every character
//! that HTML or Anki's cloze syntax could read as markup is written as an entity.

use crate::pack::{FactOut, RichBlock, Span};

/// Appends `text` to `out` with `&`, `<`, `>`, `"` escaped for HTML, and `{` and `}`
/// as entities so that Anki never reads `{{c1::` or `}}` in it as a cloze. Inside a cloze
/// deletion (`in_cloze`), `:` too, since `::` there starts a hint.
pub(super) fn escape_into(out: &mut String, text: &str, in_cloze: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            ':' if in_cloze => out.push_str("&#58;"),
            '\n' => out.push_str("<br>"),
            // Control characters would end a field early (fields are joined by U+001F).
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// `text` escaped, as a new string.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text, false);
    out
}

/// One line of rich text: figures in bold and set apart by colour, bold and code as
/// written, a missing fact (a `--draft` pack) as a visible blank.
pub(super) fn rich(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        span_into(&mut out, span);
    }
    out
}

fn span_into(out: &mut String, span: &Span) {
    if span.missing {
        out.push_str(BLANK);
        return;
    }
    let (open, close) = match (span.figure, span.bold, span.code) {
        (true, _, _) => ("<b class=\"sp-fig\">", "</b>"),
        (false, true, true) => ("<b><code>", "</code></b>"),
        (false, true, false) => ("<b>", "</b>"),
        (false, false, true) => ("<code>", "</code>"),
        (false, false, false) => ("", ""),
    };
    out.push_str(open);
    escape_into(out, &span.text, false);
    out.push_str(close);
}

/// A fact nobody gave (a `--draft` pack).
const BLANK: &str = "<span class=\"sp-blank\">______</span>";

/// Paragraphs and bullets; a run of bullets is one list, second-level bullets indented.
pub(super) fn blocks(blocks: &[RichBlock]) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for block in blocks {
        let bullet = block.kind == "bullet";
        if bullet && !in_list {
            out.push_str("<ul>");
        } else if !bullet && in_list {
            out.push_str("</ul>");
        }
        in_list = bullet;
        match (bullet, block.level) {
            (false, _) => out.push_str(&format!("<p>{}</p>", rich(&block.spans))),
            (true, 0) => out.push_str(&format!("<li>{}</li>", rich(&block.spans))),
            (true, _) => out.push_str(&format!("<li class=\"sp-sub\">{}</li>", rich(&block.spans))),
        }
    }
    if in_list {
        out.push_str("</ul>");
    }
    out
}

/// A list of lines as one bulleted list.
pub(super) fn list(items: &[Vec<Span>]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let items: String = items.iter().map(|i| format!("<li>{}</li>", rich(i))).collect();
    format!("<ul>{items}</ul>")
}

/// The text without markup, as Anki sorts and searches a note by its first field.
pub(super) fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| if s.missing { "______" } else { s.text.as_str() }).collect()
}

/// A drill's key sentence with each figure a cloze deletion of its own (`{{c1::90.5%}}`,
/// `{{c2::110 ms}}`), and how many deletions it holds. Blanks take their value from
/// `answers` (the n-th blank is `answers[n - 1]`); a figure without a value (a draft
/// pack) stays a visible blank and asks nothing.
pub(super) fn cloze(sentence: &[Span], answers: &[FactOut]) -> (String, usize) {
    let mut out = String::new();
    let mut deletions = 0;
    for span in sentence {
        let value = span.blank.and_then(|n| answers.get(n.wrapping_sub(1))).map(|a| a.value.as_str());
        match value {
            Some("") => out.push_str(BLANK),
            Some(value) => {
                deletions += 1;
                out.push_str(&format!("<b class=\"sp-fig\">{{{{c{deletions}::"));
                escape_into(&mut out, value, true);
                out.push_str("}}</b>");
            }
            None => span_into(&mut out, span),
        }
    }
    (out, deletions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Span {
        Span {
            text: text.into(),
            missing: false,
            bold: false,
            code: false,
            fact: None,
            figure: false,
            blank: None,
        }
    }

    #[test]
    fn markup_and_cloze_syntax_in_text_are_entities() {
        assert_eq!(
            rich(&[span("<b>a & {{c1::x}}</b> \"q\"")]),
            "&lt;b&gt;a &amp; &#123;&#123;c1::x&#125;&#125;&lt;/b&gt; &quot;q&quot;"
        );
    }

    #[test]
    fn a_figure_is_one_cloze_deletion_with_its_colons_escaped() {
        let blank = Span { blank: Some(1), figure: true, ..span("") };
        let answer = FactOut {
            path: "a.b".into(),
            kind: crate::facts::FactKind::Text,
            description: String::new(),
            value: "10::30 }}".into(),
            key: true,
        };
        let (text, n) = cloze(&[span("At "), blank, span(" sharp")], &[answer]);
        assert_eq!(n, 1);
        assert_eq!(text, "At <b class=\"sp-fig\">{{c1::10&#58;&#58;30 &#125;&#125;}}</b> sharp");
    }

    #[test]
    fn bullets_run_into_one_list() {
        let b = |kind, level, text| RichBlock { kind, level, spans: vec![span(text)] };
        let html = blocks(&[
            b("paragraph", 0, "a"),
            b("bullet", 0, "b"),
            b("bullet", 1, "c"),
            b("paragraph", 0, "d"),
        ]);
        assert_eq!(html, "<p>a</p><ul><li>b</li><li class=\"sp-sub\">c</li></ul><p>d</p>");
    }
}
