//! Writing files so that a failure never leaves a half-written or mixed set, in one folder
//! or across the folders of a whole run: every file is first written and synced to a
//! temporary beside its target (named for its writer: process id and a random part), and
//! only once all are written are they renamed over their targets; a rename that fails puts
//! the ones already renamed back. Temporaries a killed run left are removed once their
//! writer is gone, never while it may still be writing. A file that already holds exactly
//! the new bytes is left alone, its modification time too (a viewer open on it does not
//! reload, `watch` does not churn the disk).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// The files of one folder: `(file name, bytes)`.
pub(crate) type Folder<'a> = (&'a Path, Vec<(&'a str, &'a [u8])>);

/// One file of a run, once the run is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written {
    pub path: PathBuf,
    /// False when the file already held these bytes and was left as it was.
    pub changed: bool,
}

/// Writes the files of every folder, all or nothing across folders: a failure leaves every
/// folder as it was (a folder made for this run is removed again). Returns every file of
/// the run, in the order given.
pub(crate) fn write_run(folders: &[Folder]) -> Result<Vec<Written>, String> {
    write_run_with(folders, write_synced)
}

/// Replaces one file atomically (the fit memory): readers see the old file or the new one.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    write_run(&[(dir, vec![(name.as_str(), bytes)])]).map(|_| ())
}

/// A file written to its temporary, waiting to be renamed over `target`.
struct Staged {
    temp: NamedTempFile,
    target: PathBuf,
}

/// `write_run` with the function that writes one temporary file, so tests can make it fail
/// (a full disk, an I/O error) at any point.
fn write_run_with(
    folders: &[Folder],
    write: impl Fn(&mut fs::File, &Path, &[u8]) -> std::io::Result<()>,
) -> Result<Vec<Written>, String> {
    let mut created = Vec::new();
    let staged = stage(folders, &write, &mut created);
    let replaced = match staged.and_then(commit) {
        Ok(replaced) => replaced,
        Err(e) => {
            // Innermost first, and only if still empty: a folder this run made goes again.
            for dir in created.iter().rev() {
                let _ = fs::remove_dir(dir);
            }
            return Err(e);
        }
    };
    let targets = folders.iter().flat_map(|(dir, files)| files.iter().map(|(name, _)| dir.join(name)));
    Ok(targets.map(|path| Written { changed: replaced.contains(&path), path }).collect())
}

/// Whether `target` already holds exactly `bytes`.
fn holds(target: &Path, bytes: &[u8]) -> bool {
    fs::metadata(target).is_ok_and(|meta| meta.is_file() && meta.len() == bytes.len() as u64)
        && fs::read(target).is_ok_and(|have| have == bytes)
}

/// Writes every file to its temporary, except those that already hold their bytes (never
/// staged, they take no part in the renames or their rollback); on error the temporaries
/// written so far are removed (dropping a `NamedTempFile` deletes it).
fn stage(
    folders: &[Folder],
    write: &impl Fn(&mut fs::File, &Path, &[u8]) -> std::io::Result<()>,
    created: &mut Vec<PathBuf>,
) -> Result<Vec<Staged>, String> {
    let mut staged = Vec::new();
    for (dir, files) in folders {
        make_folder(dir, created)?;
        remove_dead_temporaries(dir, files.iter().map(|(name, _)| *name));
        for (name, bytes) in files {
            let target = dir.join(name);
            if holds(&target, bytes) {
                continue;
            }
            let failed =
                |e: std::io::Error| format!("cannot write `{}`: {e}; no file was changed", target.display());
            let mut temp = temporary(dir, name, "").map_err(failed)?;
            write(temp.as_file_mut(), &target, bytes).map_err(failed)?;
            staged.push(Staged { temp, target });
        }
    }
    Ok(staged)
}

/// Renames every temporary over its target; if one fails, the targets already replaced get
/// their old contents back (kept meanwhile as a hard link, or a copy) and the rest stay.
/// Returns the targets replaced.
fn commit(staged: Vec<Staged>) -> Result<Vec<PathBuf>, String> {
    let mut done: Vec<(PathBuf, Option<NamedTempFile>)> = Vec::new();
    for Staged { temp, target } in staged {
        let result = keep_old(&target).and_then(|old| match temp.persist(&target) {
            Ok(_) => Ok(old),
            Err(e) => Err(e.error),
        });
        match result {
            Ok(old) => done.push((target, old)),
            Err(e) => {
                for (target, old) in done.into_iter().rev() {
                    match old {
                        Some(old) => {
                            let _ = old.persist(&target);
                        }
                        None => {
                            let _ = fs::remove_file(&target);
                        }
                    }
                }
                return Err(format!("cannot replace `{}`: {e}; no file was changed", target.display()));
            }
        }
    }
    // The renames themselves reach the disk with their folders.
    let mut folders: Vec<&Path> = done.iter().filter_map(|(target, _)| target.parent()).collect();
    folders.dedup();
    for folder in folders {
        sync_folder(folder);
    }
    // Dropping the kept old contents deletes them.
    Ok(done.into_iter().map(|(target, _)| target).collect())
}

/// The current contents of `target`, if it exists, kept under a temporary name.
fn keep_old(target: &Path) -> std::io::Result<Option<NamedTempFile>> {
    if !target.is_file() {
        return Ok(None);
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let old = temporary(dir, &name, "old.")?;
    // A hard link keeps the old file without copying; where links are refused, copy.
    fs::remove_file(old.path())?;
    if fs::hard_link(target, old.path()).is_err() {
        fs::copy(target, old.path())?;
    }
    Ok(Some(old))
}

/// A new temporary for `name` in `dir`: `.<name>.<pid>.<random>.<tag>tmp`. It gets the
/// permissions any new file of the user gets (read and write as the umask allows), not a
/// temporary's owner-only ones, since it becomes the output: a PDF to print or share.
fn temporary(dir: &Path, name: &str, tag: &str) -> std::io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder
        .prefix(&format!(".{name}.{}.", std::process::id()))
        .suffix(&format!(".{tag}tmp"))
        .rand_bytes(8)
        .tempfile_in(dir)
}

/// Makes `dir` and its missing parents, noting each one made.
fn make_folder(dir: &Path, created: &mut Vec<PathBuf>) -> Result<(), String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!("`{}` is a file, not a folder; give --out a folder", dir.display()));
    }
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        missing.push(d.to_path_buf());
        at = d.parent();
    }
    fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the output folder `{}`: {e}", dir.display()))?;
    created.extend(missing.into_iter().rev());
    Ok(())
}

/// Removes the temporaries of `names` whose writer is no longer running (a run killed
/// before renaming them); another studypack's, still writing, stay.
fn remove_dead_temporaries<'a>(dir: &Path, names: impl Iterator<Item = &'a str>) {
    let names: Vec<&str> = names.collect();
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().to_string();
        let writer = names.iter().find_map(|name| {
            let rest = file.strip_prefix(&format!(".{name}."))?.strip_suffix(".tmp")?;
            rest.split('.').next()?.parse::<u32>().ok()
        });
        if let Some(pid) = writer
            && pid != std::process::id()
            && !is_running(pid, &entry.path())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` (the writer of `temp`) may still be running.
#[cfg(target_os = "linux")]
fn is_running(pid: u32, _temp: &Path) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Whether process `pid` (the writer of `temp`) may still be running: without a portable
/// way to ask, a temporary untouched for a day is taken as left behind.
#[cfg(not(target_os = "linux"))]
fn is_running(_pid: u32, temp: &Path) -> bool {
    let age = fs::metadata(temp).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
    age.is_none_or(|age| age < std::time::Duration::from_secs(24 * 60 * 60))
}

/// Flushes a folder's entries (its renames) to disk, where the system allows it.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(if folder.as_os_str().is_empty() { Path::new(".") } else { folder }) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

fn write_synced(file: &mut fs::File, _target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes each `(file name, bytes)` into `dir`, all or nothing: a run of one folder.
    fn write_all(dir: &Path, files: &[(&str, &[u8])]) -> Result<Vec<Written>, String> {
        write_run(&[(dir, files.to_vec())])
    }

    /// A fresh scratch folder for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = tempfile::env::temp_dir().join(format!("studypack-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    }

    /// The id of a process that has ended.
    fn dead_pid() -> u32 {
        // Cargo itself (which built these tests) runs and exits at once.
        let mut child = std::process::Command::new(env!("CARGO"))
            .arg("--version")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn writes_every_file_and_leaves_no_temporaries() {
        let dir = scratch("plain");
        let written = write_all(&dir, &[("a.pdf", b"one"), ("b.pdf", b"two")]).unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(fs::read(dir.join("b.pdf")).unwrap(), b"two");
        assert_eq!(names(&dir), ["a.pdf", "b.pdf"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_the_permissions_of_any_new_file_not_a_temporarys() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("mode");
        write_all(&dir, &[("a.pdf", b"one")]).unwrap();
        // A file made the plain way shows what the umask allows.
        fs::write(dir.join("plain"), b"x").unwrap();
        let mode = |name: &str| fs::metadata(dir.join(name)).unwrap().permissions().mode() & 0o777;
        // (Under a umask of 077 both are 0600, and the test shows nothing.)
        assert_eq!(mode("a.pdf"), mode("plain"));
        fs::remove_dir_all(&dir).unwrap();
    }

    /// The file's identity (inode, where there is one) and modification time: both stay when
    /// a file is left alone; a rename over it changes the first.
    fn identity(path: &Path) -> (u64, std::time::SystemTime) {
        let meta = fs::metadata(path).unwrap();
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        (inode, meta.modified().unwrap())
    }

    #[test]
    fn a_file_that_already_holds_its_bytes_is_left_alone() {
        let dir = scratch("same");
        write_all(&dir, &[("a.pdf", b"one"), ("b.pdf", b"two")]).unwrap();
        let (a, b) = (identity(&dir.join("a.pdf")), identity(&dir.join("b.pdf")));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let written = write_all(&dir, &[("a.pdf", b"one"), ("b.pdf", b"TWO")]).unwrap();
        assert_eq!(
            written,
            [
                Written { path: dir.join("a.pdf"), changed: false },
                Written { path: dir.join("b.pdf"), changed: true }
            ]
        );
        assert_eq!(identity(&dir.join("a.pdf")), a, "an unchanged file was rewritten");
        assert_ne!(identity(&dir.join("b.pdf")), b);
        assert_eq!(fs::read(dir.join("b.pdf")).unwrap(), b"TWO");
        // Same length, other bytes: replaced.
        write_all(&dir, &[("a.pdf", b"ONE")]).unwrap();
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"ONE");
        assert_eq!(names(&dir), ["a.pdf", "b.pdf"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_run_with_an_unchanged_file_leaves_every_file_as_it_was() {
        let out = scratch("same-rollback");
        let (acme, globex) = (out.join("acme"), out.join("globex"));
        write_all(&acme, &[("cue-cards.pdf", b"same"), ("cheat-sheet.pdf", b"old")]).unwrap();
        let same = identity(&acme.join("cue-cards.pdf"));
        fs::create_dir_all(globex.join("cue-cards.pdf/inside")).unwrap();
        let run = [
            (
                acme.as_path(),
                vec![("cue-cards.pdf", b"same".as_slice()), ("cheat-sheet.pdf", b"new".as_slice())],
            ),
            (globex.as_path(), vec![("cue-cards.pdf", b"new globex".as_slice())]),
        ];
        let err = write_run(&run).unwrap_err();
        assert!(err.starts_with("cannot replace"), "{err}");
        assert_eq!(identity(&acme.join("cue-cards.pdf")), same);
        assert_eq!(fs::read(acme.join("cheat-sheet.pdf")).unwrap(), b"old");
        assert_eq!(names(&acme), ["cheat-sheet.pdf", "cue-cards.pdf"]);
        fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn a_write_error_midway_leaves_the_earlier_files_and_no_temporaries() {
        let dir = scratch("full");
        write_all(&dir, &[("a.pdf", b"old a"), ("b.pdf", b"old b")]).unwrap();
        // The disk fills up while writing the second file.
        let full = |file: &mut fs::File, target: &Path, bytes: &[u8]| {
            if target.ends_with("b.pdf") {
                Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device"))
            } else {
                write_synced(file, target, bytes)
            }
        };
        let files = vec![("a.pdf", b"new a".as_slice()), ("b.pdf", b"new b".as_slice())];
        let err = write_run_with(&[(&dir, files)], full).unwrap_err();
        assert_eq!(
            err,
            format!(
                "cannot write `{}`: No space left on device; no file was changed",
                dir.join("b.pdf").display()
            )
        );
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"old a");
        assert_eq!(fs::read(dir.join("b.pdf")).unwrap(), b"old b");
        assert_eq!(names(&dir), ["a.pdf", "b.pdf"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_write_error_in_the_second_folder_leaves_every_folder_as_it_was() {
        let out = scratch("run");
        let (acme, globex) = (out.join("acme"), out.join("globex"));
        write_all(&acme, &[("cue-cards.pdf", b"old acme")]).unwrap();
        let failing = |file: &mut fs::File, target: &Path, bytes: &[u8]| {
            if target.starts_with(&globex) {
                Err(std::io::Error::other("Input/output error"))
            } else {
                write_synced(file, target, bytes)
            }
        };
        let run = [
            (acme.as_path(), vec![("cue-cards.pdf", b"new acme".as_slice())]),
            (globex.as_path(), vec![("cue-cards.pdf", b"new globex".as_slice())]),
        ];
        let err = write_run_with(&run, failing).unwrap_err();
        assert!(
            err.starts_with(&format!("cannot write `{}`", globex.join("cue-cards.pdf").display())),
            "{err}"
        );
        assert_eq!(fs::read(acme.join("cue-cards.pdf")).unwrap(), b"old acme");
        assert_eq!(names(&acme), ["cue-cards.pdf"]);
        // The folder this run made is gone again.
        assert_eq!(names(&out), ["acme"]);
        fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn a_rename_that_fails_puts_back_the_files_already_replaced() {
        let out = scratch("rename");
        let (acme, globex) = (out.join("acme"), out.join("globex"));
        write_all(&acme, &[("cue-cards.pdf", b"old acme")]).unwrap();
        // A folder where the PDF goes: the rename over it fails.
        fs::create_dir_all(globex.join("cue-cards.pdf/inside")).unwrap();
        let run = [
            (acme.as_path(), vec![("cue-cards.pdf", b"new acme".as_slice()), ("new.pdf", b"new".as_slice())]),
            (globex.as_path(), vec![("cue-cards.pdf", b"new globex".as_slice())]),
        ];
        let err = write_run(&run).unwrap_err();
        assert!(
            err.starts_with(&format!("cannot replace `{}`", globex.join("cue-cards.pdf").display())),
            "{err}"
        );
        assert_eq!(fs::read(acme.join("cue-cards.pdf")).unwrap(), b"old acme");
        assert_eq!(names(&acme), ["cue-cards.pdf"]);
        assert_eq!(names(&globex), ["cue-cards.pdf"]);
        fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn temporaries_left_by_a_killed_run_are_removed() {
        let dir = scratch("stale");
        fs::create_dir_all(&dir).unwrap();
        let dead = dead_pid();
        fs::write(dir.join(format!(".a.pdf.{dead}.Xy12Ab34.tmp")), b"half a PDF").unwrap();
        fs::write(dir.join(format!(".a.pdf.{dead}.tmp")), b"from an older studypack").unwrap();
        fs::write(dir.join("notes.txt"), b"mine").unwrap();
        write_all(&dir, &[("a.pdf", b"whole")]).unwrap();
        assert_eq!(names(&dir), ["a.pdf", "notes.txt"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn temporaries_of_a_writer_still_running_stay() {
        let dir = scratch("live");
        fs::create_dir_all(&dir).unwrap();
        // pid 1 always runs; its temporary may be mid-write.
        let live = ".a.pdf.1.Xy12Ab34.tmp";
        fs::write(dir.join(live), b"being written").unwrap();
        write_all(&dir, &[("a.pdf", b"whole")]).unwrap();
        assert_eq!(names(&dir), [live, "a.pdf"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn one_file_is_replaced_atomically() {
        let dir = scratch("file");
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join(".studypack-fit.json");
        write_file(&path, b"first").unwrap();
        write_file(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(names(&dir), [".studypack-fit.json"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_a_file_as_the_folder() {
        let file = tempfile::env::temp_dir().join(format!("studypack-not-a-dir-{}", std::process::id()));
        fs::write(&file, b"x").unwrap();
        let err = write_all(&file, &[("a.pdf", b"one")]).unwrap_err();
        assert!(err.starts_with(&format!("`{}` is a file", file.display())), "{err}");
        fs::remove_file(&file).unwrap();
    }
}
