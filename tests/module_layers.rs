//! The modules of `src/` import one way: each only from modules below it, so data flows
//! from the YAML and the person's files up to the PDFs and the command line, with no cycle.

use std::collections::BTreeSet;
use std::path::Path;

/// The top-level modules, lowest first: a module may use only those before it.
const LAYERS: [&str; 12] =
    ["diag", "yaml", "facts", "bank", "profile", "pack", "lint", "starter", "render", "anki", "stock", "cli"];

/// The top-level modules named by `crate::` paths in `text`, comments left out.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (i, _) in line.match_indices("crate::") {
            let rest = &line[i + "crate::".len()..];
            // `crate::{a, b::c}` names several at once.
            let names = match rest.strip_prefix('{') {
                Some(group) => group.split('}').next().unwrap_or_default().split(',').collect(),
                None => vec![rest],
            };
            for name in names {
                let name: String =
                    name.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    out
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn modules_import_only_from_the_layers_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut upward = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap().as_os_str().to_string_lossy();
        let module = first.trim_end_matches(".rs");
        if module == "main" || module == "lib" {
            continue;
        }
        let level = LAYERS.iter().position(|m| *m == module);
        let level = level.unwrap_or_else(|| panic!("{module} (src/{}) is in no layer", relative.display()));
        for import in imports(&std::fs::read_to_string(file).unwrap()) {
            let used = LAYERS.iter().position(|m| *m == import);
            if used.is_none_or(|used| used > level) {
                upward.push(format!("src/{} ({module}) uses crate::{import}", relative.display()));
            }
        }
    }
    assert!(upward.is_empty(), "imports against the flow:\n{}", upward.join("\n"));
}

#[test]
fn grouped_and_nested_paths_are_read_as_their_top_level_modules() {
    let text = "use crate::{bank::Bank, diag};\n// use crate::cli;\nlet x = crate::facts::zone::suggest(z);";
    let found: Vec<String> = imports(text).into_iter().collect();
    assert_eq!(found, ["bank", "diag", "facts"]);
}
