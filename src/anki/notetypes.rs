//! The deck's three note types: their fields, card templates and one style sheet, made
//! for a phone screen (one column, large type, no zooming) and for Anki's night mode.

/// A note type: its name in Anki, fields, card templates, and whether it is a cloze type.
pub(super) struct NoteType {
    pub name: &'static str,
    pub fields: &'static [&'static str],
    /// Card templates as (name, front, back).
    pub templates: &'static [(&'static str, &'static str, &'static str)],
    pub cloze: bool,
}

/// A question: the front of a cue card, and its back with the full answer below a divider.
pub(super) const QUESTION: NoteType = NoteType {
    name: "studypack question",
    // The prompt first: Anki sorts and checks duplicates by the first field.
    fields: &[
        "Prompt",
        "Number",
        "Category",
        "Target",
        "Headline",
        "Context",
        "Challenge",
        "Approach",
        "Result",
        "Learning",
        "Answer",
    ],
    templates: &[("Recall", QUESTION_FRONT, QUESTION_BACK)],
    cloze: false,
};

/// A red flag, a framework, the pitch or the timeline: a front to recall from and a back.
pub(super) const CARD: NoteType = NoteType {
    name: "studypack card",
    fields: &["Front", "Back", "Label"],
    templates: &[("Recall", CARD_FRONT, CARD_BACK)],
    cloze: false,
};

/// A numbers drill: the key sentence with each figure a cloze deletion.
pub(super) const DRILL: NoteType = NoteType {
    name: "studypack numbers drill",
    fields: &["Text", "Label", "Extra"],
    templates: &[("Cloze", DRILL_FRONT, DRILL_BACK)],
    cloze: true,
};

const QUESTION_FRONT: &str = r#"<div class="sp">
<div class="sp-meta">{{Number}} · {{Category}}</div>
<div class="sp-prompt">{{Prompt}}</div>
<div class="sp-time">Say it in {{Target}}</div>
</div>"#;

const QUESTION_BACK: &str = r#"{{FrontSide}}
<hr id="answer">
<div class="sp">
<div class="sp-headline">{{Headline}}</div>
<dl class="sp-cues">
<dt>Context</dt><dd>{{Context}}</dd>
<dt>Challenge</dt><dd>{{Challenge}}</dd>
<dt>Approach</dt><dd>{{Approach}}</dd>
<dt>Result</dt><dd>{{Result}}</dd>
<dt>Learning</dt><dd>{{Learning}}</dd>
</dl>
<hr class="sp-divider">
<div class="sp-answer">{{Answer}}</div>
</div>"#;

const CARD_FRONT: &str = r#"<div class="sp">
<div class="sp-meta">{{Label}}</div>
<div class="sp-prompt">{{Front}}</div>
</div>"#;

const CARD_BACK: &str = r#"{{FrontSide}}
<hr id="answer">
<div class="sp sp-back">{{Back}}</div>"#;

const DRILL_FRONT: &str = r#"<div class="sp">
<div class="sp-meta">{{Label}}</div>
<div class="sp-sentence">{{cloze:Text}}</div>
</div>"#;

const DRILL_BACK: &str = r#"<div class="sp">
<div class="sp-meta">{{Label}}</div>
<div class="sp-sentence">{{cloze:Text}}</div>
<hr id="answer">
<div class="sp-extra">{{Extra}}</div>
</div>"#;

/// One style sheet for the three types. Sizes in `em` from a 20 px base, so the text is
/// readable on a phone without zooming; every colour has a night-mode twin (Anki marks
/// night mode with `nightMode` on desktop and iOS, `night_mode` on Android).
pub(super) const CSS: &str = r#".card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.45;
  text-align: left;
  color: #1f2328;
  background-color: #ffffff;
  overflow-wrap: anywhere;
}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  color: #e6e6e6;
  background-color: #1e1e1e;
}
.sp { max-width: 34em; margin: 0 auto; padding: 0 0.3em; }
.sp-meta { font-size: 0.75em; letter-spacing: 0.03em; text-transform: uppercase; color: #59636e; }
.sp-prompt { font-size: 1.2em; font-weight: 600; margin: 0.35em 0; }
.sp-time { font-size: 0.85em; color: #59636e; }
.sp-detail { font-size: 0.75em; font-weight: 400; margin-top: 0.5em; }
.sp-headline { font-weight: 600; margin: 0.4em 0 0.6em; }
.sp-cues { margin: 0; }
.sp-cues dt { font-size: 0.75em; letter-spacing: 0.03em; text-transform: uppercase; color: #59636e; margin-top: 0.55em; }
.sp-cues dd { margin: 0.1em 0 0 0; }
.sp-divider { border: none; border-top: 2px dashed #8c959f; margin: 1.2em 0 0.8em; }
.sp-answer, .sp-extra { font-size: 0.9em; }
.sp-sentence { font-size: 1.1em; margin: 0.4em 0; }
.sp-label { font-size: 0.8em; font-weight: 600; color: #59636e; margin: 0.8em 0 0.2em; }
.sp-fig, .cloze { font-weight: 700; color: #0550ae; }
.sp-blank { border-bottom: 2px solid #cf222e; color: transparent; }
.sp-dont { color: #a40e26; }
.sp-example { color: #a40e26; text-transform: uppercase; letter-spacing: 0.04em; }
.sp-say { color: #116329; }
ul { margin: 0.3em 0; padding-left: 1.2em; }
li { margin: 0.15em 0; }
li.sp-sub { margin-left: 1.2em; }
p { margin: 0.4em 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
.nightMode .sp-meta, .night_mode .sp-meta, .nightMode .sp-time, .night_mode .sp-time,
.nightMode .sp-cues dt, .night_mode .sp-cues dt, .nightMode .sp-label, .night_mode .sp-label { color: #9da7b3; }
.nightMode .sp-fig, .night_mode .sp-fig, .nightMode .cloze, .night_mode .cloze { color: #79c0ff; }
.nightMode .sp-dont, .night_mode .sp-dont, .nightMode .sp-example, .night_mode .sp-example { color: #ff9492; }
.nightMode .sp-say, .night_mode .sp-say { color: #7ee787; }
.nightMode .sp-blank, .night_mode .sp-blank { border-bottom-color: #ff9492; }
"#;
