//! What a renderer remembers from one run to the next: the text size of every card face it
//! fitted and the one-page documents' last sizes, in one file in the output folder. A face whose
//! data and space are unchanged is then set without measuring, one whose text changed is
//! first tried at the size the face in its place had, and the cheat-sheet fit starts where
//! it ended. The file counts only for the same studypack, layouts and fonts;
//! any other file (older, edited, broken) is ignored, never an error.

use super::world::BUILTIN_LAYOUTS;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The file's name in the output folder.
pub const MEMORY_FILE: &str = ".studypack-fit.json";

/// The file's contents.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Memory {
    /// What the sizes depend on besides the faces' own data (see [`fingerprint`]).
    pub fingerprint: String,
    pub cheatsheet: Option<f64>,
    #[serde(default)]
    pub checklist: Option<f64>,
    /// (face key, space, size in points), as the cards layout reports them.
    pub cards: Vec<(String, String, f64)>,
    /// The size of every card face by pack (its place in the build), card, side and space:
    /// what a face whose text changed is first tried at.
    #[serde(default)]
    pub faces: super::guess::LastFaces,
}

impl Memory {
    /// The memory in `path`, if it was made under `fingerprint`.
    pub(crate) fn load(path: &Path, fingerprint: &str) -> Option<Memory> {
        let memory: Memory = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        (memory.fingerprint == fingerprint).then_some(memory)
    }

    /// Writes the memory to `path` with the one atomic writer, so a reader never sees half.
    pub(crate) fn save(&self, path: &Path) -> Result<(), String> {
        let bytes = serde_json::to_vec(self).map_err(|e| e.to_string())?;
        super::output::write_file(path, &bytes)
    }
}

/// What fitted sizes depend on besides a face's data: this studypack, its built-in layouts,
/// the files of a layouts folder (names, sizes, modification times) and the fonts.
pub(super) fn fingerprint(layouts_dir: Option<&Path>, book: &typst::text::FontBook) -> String {
    let mut files = Vec::new();
    if let Some(dir) = layouts_dir {
        list(dir, &mut files);
    }
    files.sort();
    let hash = typst::utils::hash128(&(env!("CARGO_PKG_VERSION"), BUILTIN_LAYOUTS, files, book));
    format!("{hash:032x}")
}

/// Every file under `path` with its size and modification time.
fn list(path: &Path, out: &mut Vec<(String, u64, Option<std::time::SystemTime>)>) {
    let Ok(meta) = std::fs::metadata(path) else { return };
    if meta.is_dir() {
        for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
            list(&entry.path(), out);
        }
    } else {
        out.push((path.display().to_string(), meta.len(), meta.modified().ok()));
    }
}
