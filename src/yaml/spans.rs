//! Every key and value of a YAML text with where it starts, read by a parser that keeps
//! spans (saphyr's event parser), in block and flow style alike. serde_yaml builds the typed
//! model; this tree only answers "where is it", and which keys a map repeats.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::cell::RefCell;
use std::rc::Rc;

/// Deeper than this the tree is not built (serde_yaml's own limit reports the file), so a
/// hostile file cannot exhaust the stack when the tree is dropped.
const MAX_DEPTH: usize = 128;

/// A key or value and its place: byte offsets into the text and its 1-based line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub at: usize,
    /// Where its last child (or the scalar) ends.
    pub end: usize,
    pub line: usize,
    pub kind: Kind,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// A scalar's text as the parser read it; `plain` when written without quotes or `|`/`>`.
    Scalar {
        text: String,
        plain: bool,
    },
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// `*name`: a reference to a node elsewhere.
    Alias,
}

/// A key given twice in one map: its text and both byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duplicate {
    pub key: String,
    pub first: usize,
    pub second: usize,
}

/// The first document of a text, or `None` when it is not YAML the parser accepts (serde_yaml
/// then reports why), with every repeated key.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub root: Option<Node>,
    pub duplicates: Vec<Duplicate>,
}

thread_local! {
    /// The last text parsed and its tree: a file's diagnostics ask about one text many times.
    static LAST: RefCell<Option<(String, Rc<Tree>)>> = const { RefCell::new(None) };
}

/// The tree of `text`, parsed once per text in a row.
pub(crate) fn tree(text: &str) -> Rc<Tree> {
    LAST.with(|last| {
        if let Some((cached, tree)) = &*last.borrow()
            && cached == text
        {
            return tree.clone();
        }
        let tree = Rc::new(Tree::parse(text));
        *last.borrow_mut() = Some((text.to_string(), tree.clone()));
        tree
    })
}

/// A map or list being read.
enum Open {
    List(Vec<Node>),
    Map(Vec<(Node, Node)>, Option<Node>),
}

impl Tree {
    /// Reads `text`; a syntax error or nesting past `MAX_DEPTH` gives an empty tree.
    pub(crate) fn parse(text: &str) -> Tree {
        let lines = LineStarts::new(text);
        let mut duplicates = Vec::new();
        // (start byte, start line, what is open)
        let mut stack: Vec<(usize, usize, Open)> = Vec::new();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { return Tree::default() };
            let (at, line) = (lines.byte(text, &span, true), span.start.line());
            let done = match event {
                Event::Scalar(value, style, ..) => {
                    let plain = style == ScalarStyle::Plain;
                    let end = lines.byte(text, &span, false).max(at);
                    Node { at, end, line, kind: Kind::Scalar { text: value.into_owned(), plain } }
                }
                Event::Alias(_) => {
                    Node { at, end: lines.byte(text, &span, false).max(at), line, kind: Kind::Alias }
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    if stack.len() >= MAX_DEPTH {
                        return Tree::default();
                    }
                    let open = match event {
                        Event::SequenceStart(..) => Open::List(Vec::new()),
                        _ => Open::Map(Vec::new(), None),
                    };
                    stack.push((at, line, open));
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some((at, line, open)) = stack.pop() else { return Tree::default() };
                    let kind = match open {
                        Open::List(items) => Kind::List(items),
                        Open::Map(pairs, _) => {
                            duplicates.extend(repeated_keys(&pairs));
                            Kind::Map(pairs)
                        }
                    };
                    let end = match &kind {
                        Kind::List(items) => items.last().map(|n| n.end),
                        Kind::Map(pairs) => pairs.last().map(|(_, v)| v.end),
                        _ => None,
                    };
                    Node { at, end: end.unwrap_or(at), line, kind }
                }
                Event::DocumentEnd | Event::StreamEnd => break,
                _ => continue,
            };
            match stack.last_mut() {
                None => {
                    duplicates.sort_by_key(|d| d.second);
                    return Tree { root: Some(done), duplicates };
                }
                Some((_, _, Open::List(items))) => items.push(done),
                Some((_, _, Open::Map(pairs, key))) => match key.take() {
                    None => *key = Some(done),
                    Some(k) => pairs.push((k, done)),
                },
            }
        }
        Tree::default()
    }

    /// The key and value at `keys` (outermost first) through nested maps; a list on the way
    /// is searched item by item.
    pub(crate) fn path(&self, keys: &[&str]) -> Option<(&Node, &Node)> {
        let mut node = self.root.as_ref()?;
        let mut found = None;
        for key in keys {
            let pair = node.entry(key)?;
            node = &pair.1;
            found = Some(pair);
        }
        found.map(|(k, v)| (k, v))
    }

    /// Where the key that starts at byte `at` and its value are: from the key's first byte
    /// to the value's last, in whichever map it is.
    pub(crate) fn pair_at(&self, at: usize) -> Option<(usize, usize)> {
        let mut maps = Vec::new();
        self.root.as_ref()?.maps(&mut maps);
        maps.iter().find_map(|map| {
            let Kind::Map(pairs) = &map.kind else { return None };
            let (key, value) = pairs.iter().find(|(key, _)| key.at == at)?;
            Some((key.at, key.end.max(value.end)))
        })
    }

    /// See `YamlFile::locate`.
    pub(crate) fn find_scalar(&self, needle: &str, from: usize) -> Option<usize> {
        let root = self.root.as_ref()?;
        let (key_only, wanted) = match needle.strip_suffix(':') {
            Some(key) => (true, key),
            None => (false, needle),
        };
        let mut scalars = Vec::new();
        root.scalars(false, &mut scalars);
        let matches = |(node, is_key): &&(&Node, bool)| {
            (*is_key || !key_only) && node.text() == Some(wanted) && node.at >= from
        };
        if let Some(scope) = root.outermost_at(from) {
            let mut inside = scalars.iter().filter(|(n, _)| n.at < scope.end.max(scope.at + 1));
            if let Some((node, _)) = inside.find(matches) {
                return Some(node.at);
            }
        }
        scalars.iter().find(matches).map(|(node, _)| node.at)
    }

    /// See `YamlFile::offset_of`.
    pub(crate) fn anchor(&self, anchor: &str) -> Option<usize> {
        let root = self.root.as_ref()?;
        let (key, value) = match anchor.split_once(": ") {
            Some((key, value)) => (key, Some(value.trim())),
            None => (anchor.trim_end_matches(':'), None),
        };
        let mut maps = Vec::new();
        root.maps(&mut maps);
        maps.iter().find_map(|map| {
            let Kind::Map(pairs) = &map.kind else { return None };
            let (_, v) = pairs
                .iter()
                .find(|(k, v)| k.text() == Some(key) && value.is_none_or(|value| v.text() == Some(value)))?;
            Some(if value.is_some() { map.at } else { v.at })
        })
    }
}

impl Node {
    /// A scalar's text.
    pub(crate) fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The pair whose key is `key`: in a map, its first such pair; in a list, the first
    /// item's that has one.
    fn entry(&self, key: &str) -> Option<&(Node, Node)> {
        match &self.kind {
            Kind::Map(pairs) => pairs.iter().find(|(k, _)| k.text() == Some(key)),
            Kind::List(items) => items.iter().find_map(|item| item.entry(key)),
            _ => None,
        }
    }

    /// Every scalar in document order, and whether it is a key.
    fn scalars<'a>(&'a self, is_key: bool, out: &mut Vec<(&'a Node, bool)>) {
        match &self.kind {
            Kind::Scalar { .. } => out.push((self, is_key)),
            Kind::List(items) => items.iter().for_each(|n| n.scalars(false, out)),
            Kind::Map(pairs) => pairs.iter().for_each(|(k, v)| {
                k.scalars(true, out);
                v.scalars(false, out);
            }),
            Kind::Alias => {}
        }
    }

    /// Every map in document order.
    fn maps<'a>(&'a self, out: &mut Vec<&'a Node>) {
        match &self.kind {
            Kind::Map(pairs) => {
                out.push(self);
                pairs.iter().for_each(|(k, v)| {
                    k.maps(out);
                    v.maps(out);
                });
            }
            Kind::List(items) => items.iter().for_each(|n| n.maps(out)),
            _ => {}
        }
    }

    /// The outermost map or list that starts at byte `at`.
    fn outermost_at(&self, at: usize) -> Option<&Node> {
        let children: Vec<&Node> = match &self.kind {
            Kind::List(items) => items.iter().collect(),
            Kind::Map(pairs) => pairs.iter().flat_map(|(k, v)| [k, v]).collect(),
            _ => return None,
        };
        if self.at == at {
            return Some(self);
        }
        children.into_iter().filter(|c| c.at <= at && at <= c.end.max(c.at)).find_map(|c| c.outermost_at(at))
    }
}

/// The second (and later) occurrences of each key of a map.
fn repeated_keys(pairs: &[(Node, Node)]) -> Vec<Duplicate> {
    let mut out = Vec::new();
    for (i, (key, _)) in pairs.iter().enumerate() {
        let Some(text) = key.text() else { continue };
        if let Some((first, _)) = pairs[..i].iter().find(|(k, _)| k.text() == Some(text)) {
            out.push(Duplicate { key: text.to_string(), first: first.at, second: key.at });
        }
    }
    out
}

/// Byte offsets of line starts, to turn the parser's (line, column in characters) into bytes.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        LineStarts(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// The byte offset of a span's start (or end).
    fn byte(&self, text: &str, span: &Span, start: bool) -> usize {
        let marker = if start { span.start } else { span.end };
        let Some(&line_start) = self.0.get(marker.line().saturating_sub(1)) else { return text.len() };
        let rest = &text[line_start..];
        rest.char_indices().nth(marker.col()).map_or(text.len(), |(i, _)| line_start + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, offset: usize) -> (usize, usize) {
        let loc = crate::diag::Location::at_byte("f", text, offset);
        (loc.line, loc.column)
    }

    #[test]
    fn block_flow_and_quoted_keys_are_found_where_they_are() {
        let text = "facts: {a: 1, \"b\": 2}\nother:\n  'c d': x\n";
        let tree = Tree::parse(text);
        let (k, v) = tree.path(&["facts", "b"]).unwrap();
        assert_eq!((at(text, k.at), at(text, v.at)), ((1, 15), (1, 20)));
        let (k, _) = tree.path(&["other", "c d"]).unwrap();
        assert_eq!(at(text, k.at), (3, 3));
    }

    #[test]
    fn a_repeated_key_is_reported_at_its_second_occurrence() {
        let text = "facts:\n  a: 1\nname: x\nfacts:\n  b: 2\n";
        let tree = Tree::parse(text);
        assert_eq!(tree.duplicates.len(), 1);
        assert_eq!(tree.duplicates[0].key, "facts");
        assert_eq!(at(text, tree.duplicates[0].first), (1, 1));
        assert_eq!(at(text, tree.duplicates[0].second), (4, 1));
    }

    #[test]
    fn keys_after_the_first_of_a_list_item_stay_in_that_item() {
        let text = "questions:\n  - project: churn\n    id: q1\n  - id: q2\n    project: x\n";
        let tree = Tree::parse(text);
        let entry = tree.anchor("id: q2").unwrap();
        assert_eq!(at(text, entry), (4, 5));
        assert_eq!(at(text, tree.find_scalar("project:", entry).unwrap()), (5, 5));
        let first = tree.anchor("id: q1").unwrap();
        assert_eq!(at(text, tree.find_scalar("project:", first).unwrap()), (2, 5));
    }

    #[test]
    fn non_ascii_text_before_a_key_keeps_byte_offsets_right() {
        let text = "a: \"é—✓\"\nb: {c: 1}\n";
        let tree = Tree::parse(text);
        let (_, v) = tree.path(&["b", "c"]).unwrap();
        assert_eq!(at(text, v.at), (2, 8));
    }

    #[test]
    fn nesting_past_the_limit_builds_no_tree() {
        let text = format!("a: {}{}", "[".repeat(MAX_DEPTH + 5), "]".repeat(MAX_DEPTH + 5));
        assert!(Tree::parse(&text).root.is_none());
    }
}
