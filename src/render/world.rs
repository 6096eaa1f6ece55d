//! The Typst world of a build: the layouts (built-in, or a user's folder over them), the
//! pack data as in-memory files, the bundled fonts, a fixed date, and nothing else: no
//! network, no packages, no file outside the layouts folder.

use super::fonts::Fonts;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The built-in layouts, by their path in the virtual root.
pub(crate) const BUILTIN_LAYOUTS: [(&str, &str); 7] = [
    ("theme.typ", include_str!("../../layouts/theme.typ")),
    ("common.typ", include_str!("../../layouts/common.typ")),
    ("data.typ", include_str!("../../layouts/data.typ")),
    ("cards.typ", include_str!("../../layouts/cards.typ")),
    ("cheatsheet.typ", include_str!("../../layouts/cheatsheet.typ")),
    ("checklist.typ", include_str!("../../layouts/checklist.typ")),
    ("answers.typ", include_str!("../../layouts/answers.typ")),
];

/// Where the layouts read the pack (`json("/data/pack.json")`) and the print settings.
pub(crate) const PACK_PATH: &str = "data/pack.json";
pub(crate) const PRINT_PATH: &str = "data/print.json";
/// The print settings the cheat sheet reads, with the size its one-page fit is trying.
pub(crate) const FIT_PATH: &str = "data/fit.json";
/// The text sizes of card faces fitted before, by the layout's key for each face.
pub(crate) const SIZES_PATH: &str = "data/sizes.json";
/// Sizes to try for card faces not fitted before, by card and side (see `super::guess`).
pub(crate) const GUESSES_PATH: &str = "data/guesses.json";
/// Every generated file, in the order `studypack layouts` writes them.
pub(crate) const DATA_PATHS: [&str; 5] = [PACK_PATH, PRINT_PATH, FIT_PATH, SIZES_PATH, GUESSES_PATH];

/// The generated files one compile reads, by their path in the virtual root.
#[derive(Debug, Clone, Default)]
pub(crate) struct DataFiles {
    files: Vec<(FileId, Bytes)>,
}

impl DataFiles {
    /// Sets the file at `path` (one of [`DATA_PATHS`]).
    pub(crate) fn set(&mut self, path: &str, bytes: Vec<u8>) {
        let id = file_id(path);
        let bytes = Bytes::new(bytes);
        match self.files.iter_mut().find(|(have, _)| *have == id) {
            Some(slot) => slot.1 = bytes,
            None => self.files.push((id, bytes)),
        }
    }

    fn get(&self, id: FileId) -> Option<&Bytes> {
        self.files.iter().find(|(have, _)| *have == id).map(|(_, bytes)| bytes)
    }
}

/// Everything the documents of a build (of every job, of every rebuild in `watch`) share:
/// library, fonts, layout sources.
pub(crate) struct Studio {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    pub(super) fonts: Arc<Fonts>,
    layouts_dir: Option<PathBuf>,
    sources: Mutex<HashMap<FileId, SourceSlot>>,
    today: Datetime,
}

/// A layout source as last read, and whether it was read since the last
/// [`recheck_sources`](Studio::recheck_sources).
struct SourceSlot {
    source: FileResult<Source>,
    current: bool,
}

impl Studio {
    /// A world over `fonts`, reading layouts from `layouts_dir` first when given.
    pub(crate) fn new(fonts: Arc<Fonts>, layouts_dir: Option<PathBuf>, today: Datetime) -> Studio {
        Studio {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(fonts.book().clone()),
            fonts,
            layouts_dir,
            sources: Mutex::new(HashMap::new()),
            today,
        }
    }

    /// The user's layouts folder, if any.
    pub(crate) fn layouts_dir(&self) -> Option<&Path> {
        self.layouts_dir.as_deref()
    }

    /// Has the next compile read the layout files again (for `watch`). A file whose text did
    /// not change keeps its very `Source`, so Typst's memoized work on it still applies; an
    /// edited one is reparsed incrementally from the old.
    pub(crate) fn recheck_sources(&self) {
        for slot in lock(&self.sources).values_mut() {
            slot.current = false;
        }
    }

    /// The world that compiles `layout` (e.g. `cards.typ`) as its main file, over `data`.
    pub(crate) fn document<'a>(&'a self, layout: &str, data: &'a DataFiles) -> DocumentWorld<'a> {
        DocumentWorld { studio: self, data, main: file_id(layout) }
    }

    /// The name a person would open for `id`: the user's file, or `layouts/…` when built in.
    pub(crate) fn display_name(&self, id: FileId) -> String {
        let vpath = id.get().vpath().get_without_slash().to_string();
        if DATA_PATHS.contains(&vpath.as_str()) {
            return format!("{vpath} (generated)");
        }
        match &self.layouts_dir {
            Some(dir) if dir.join(&vpath).is_file() => dir.join(&vpath).display().to_string(),
            _ => format!("layouts/{vpath}"),
        }
    }

    /// The text of a layout source, for printing the offending line of a diagnostic.
    pub(crate) fn source_of(&self, id: FileId) -> Option<Source> {
        self.source(id).ok()
    }

    /// A layout source (never a data file: those are JSON, read with `json(…)`), read once
    /// per build. The lock is held while reading, so documents compiling in parallel share
    /// one `Source` per file.
    fn source(&self, id: FileId) -> FileResult<Source> {
        let mut sources = lock(&self.sources);
        if let Some(slot) = sources.get(&id).filter(|slot| slot.current) {
            return slot.source.clone();
        }
        let stale = sources.remove(&id).and_then(|slot| slot.source.ok());
        let source = self.file(id).and_then(|bytes| {
            let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
            let text = text.trim_start_matches('\u{feff}');
            Ok(match stale {
                // Unchanged text leaves the source as it was (`replace` returns at once).
                Some(mut source) => {
                    source.replace(text);
                    source
                }
                None => Source::new(id, text.to_string()),
            })
        });
        sources.insert(id, SourceSlot { source: source.clone(), current: true });
        source
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.get().root() {
            return Err(FileError::Other(Some(
                format!("package {spec} is not available: studypack never downloads anything; copy the files you need into your layouts folder").into(),
            )));
        }
        let vpath = id.get().vpath().get_without_slash();
        if let Some(dir) = &self.layouts_dir
            && let Some(bytes) = read_confined(dir, vpath)?
        {
            return Ok(bytes);
        }
        BUILTIN_LAYOUTS
            .iter()
            .find(|(name, _)| *name == vpath)
            .map(|(_, text)| Bytes::from_string(*text))
            .ok_or_else(|| {
                // Name the place it was looked for: layouts read only inside their folder.
                let dir = self.layouts_dir.clone().unwrap_or_else(|| PathBuf::from("layouts"));
                FileError::NotFound(dir.join(vpath))
            })
    }
}

/// Reads `vpath` under `dir`, refusing anything that resolves outside it (symlinks included).
/// `Ok(None)` when the folder has no such file, so the built-in one is used.
fn read_confined(dir: &Path, vpath: &str) -> FileResult<Option<Bytes>> {
    let path = dir.join(vpath);
    if !path.exists() {
        return Ok(None);
    }
    let root = dir.canonicalize().map_err(|e| FileError::from_io(e, dir))?;
    let real = path.canonicalize().map_err(|e| FileError::from_io(e, &path))?;
    if !real.starts_with(&root) {
        return Err(FileError::AccessDenied);
    }
    if real.is_dir() {
        return Err(FileError::IsDirectory);
    }
    std::fs::read(&real).map(|data| Some(Bytes::new(data))).map_err(|e| FileError::from_io(e, &path))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The id of a file in the virtual project root.
pub(crate) fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("built-in paths are valid virtual paths");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One compile's view of the shared world: the same layouts and fonts, its own main file
/// and data.
pub(crate) struct DocumentWorld<'a> {
    studio: &'a Studio,
    data: &'a DataFiles,
    main: FileId,
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.studio.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.studio.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.studio.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match self.data.get(id) {
            Some(bytes) => Ok(bytes.clone()),
            None => self.studio.file(id),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.studio.fonts.font(index)
    }

    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        // The build's date is fixed (SOURCE_DATE_EPOCH or the day the build started), so
        // an offset changes nothing: every call in one build sees the same day.
        let _ = offset;
        Some(self.studio.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether two sources are the very same one (not merely equal text).
    fn same(a: &Source, b: &Source) -> bool {
        std::ptr::eq(a.text().as_ptr(), b.text().as_ptr())
    }

    #[test]
    fn an_unchanged_layout_keeps_its_source_and_an_edited_one_is_read_again() {
        let dir = tempfile::env::temp_dir().join(format!("studypack-world-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("theme.typ"), "#let a = 1\n").unwrap();
        let today = Datetime::from_ymd(2026, 11, 29).unwrap();
        let studio = Studio::new(Arc::new(Fonts::bundled()), Some(dir.clone()), today);
        let (theme, cards) = (file_id("theme.typ"), file_id("cards.typ"));
        let (first, builtin) = (studio.source(theme).unwrap(), studio.source(cards).unwrap());

        studio.recheck_sources();
        assert!(same(&studio.source(theme).unwrap(), &first), "an unchanged file was parsed again");
        assert!(same(&studio.source(cards).unwrap(), &builtin), "a built-in layout was parsed again");

        std::fs::write(dir.join("theme.typ"), "#let a = 2\n").unwrap();
        // One build reads a file once, whatever happens to it meanwhile.
        assert_eq!(studio.source(theme).unwrap().text(), "#let a = 1\n");
        studio.recheck_sources();
        assert_eq!(studio.source(theme).unwrap().text(), "#let a = 2\n");
        std::fs::remove_file(dir.join("theme.typ")).unwrap();
        studio.recheck_sources();
        // Removed from the folder: the built-in one again.
        assert_eq!(studio.source(theme).unwrap().text(), BUILTIN_LAYOUTS[0].1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
