//! Writing PDFs so that a failure never leaves a half-written or mixed set: every file is
//! written to a temporary file beside its target first, and renamed only once all are written.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes each `(file name, bytes)` into `dir`, all or nothing. Returns the paths written.
pub fn write_all(dir: &Path, files: &[(&str, &[u8])]) -> Result<Vec<PathBuf>, String> {
    write_all_with(dir, files, write_synced)
}

/// `write_all` with the function that writes one temporary file, so tests can make it fail
/// (a full disk, an I/O error) at any point.
fn write_all_with(
    dir: &Path,
    files: &[(&str, &[u8])],
    write: impl Fn(&Path, &[u8]) -> std::io::Result<()>,
) -> Result<Vec<PathBuf>, String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!("`{}` is a file, not a folder; give --out a folder", dir.display()));
    }
    fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the output folder `{}`: {e}", dir.display()))?;
    remove_stale_temporaries(dir, files);
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (name, bytes) in files {
        let target = dir.join(name);
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        if let Err(e) = write(&temp, bytes) {
            let _ = fs::remove_file(&temp);
            remove_all(&temps);
            return Err(format!(
                "cannot write `{}`: {e}; earlier files were left as they were",
                target.display()
            ));
        }
        temps.push((temp, target));
    }
    for (temp, target) in &temps {
        if let Err(e) = fs::rename(temp, target) {
            remove_all(&temps);
            return Err(format!("cannot replace `{}`: {e}", target.display()));
        }
    }
    Ok(temps.into_iter().map(|(_, target)| target).collect())
}

/// Temporary files of these outputs left by a run that was killed before renaming them.
fn remove_stale_temporaries(dir: &Path, files: &[(&str, &[u8])]) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let ours =
            files.iter().any(|(file, _)| name.starts_with(&format!(".{file}.")) && name.ends_with(".tmp"));
        if ours {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn remove_all(temps: &[(PathBuf, PathBuf)]) {
    for (temp, _) in temps {
        let _ = fs::remove_file(temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_and_leaves_no_temporaries() {
        let dir = std::env::temp_dir().join(format!("studypack-output-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let written = write_all(&dir, &[("a.pdf", b"one"), ("b.pdf", b"two")]).unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(fs::read(dir.join("b.pdf")).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_write_error_midway_leaves_the_earlier_files_and_no_temporaries() {
        let dir = std::env::temp_dir().join(format!("studypack-output-full-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write_all(&dir, &[("a.pdf", b"old a"), ("b.pdf", b"old b")]).unwrap();
        // The disk fills up while writing the second file.
        let full = |path: &Path, bytes: &[u8]| {
            if path.to_string_lossy().contains("b.pdf") {
                Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device"))
            } else {
                write_synced(path, bytes)
            }
        };
        let err = write_all_with(&dir, &[("a.pdf", b"new a"), ("b.pdf", b"new b")], full).unwrap_err();
        assert_eq!(
            err,
            format!(
                "cannot write `{}`: No space left on device; earlier files were left as they were",
                dir.join("b.pdf").display()
            )
        );
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"old a");
        assert_eq!(fs::read(dir.join("b.pdf")).unwrap(), b"old b");
        let mut names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["a.pdf", "b.pdf"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn temporaries_left_by_a_killed_run_are_removed() {
        let dir = std::env::temp_dir().join(format!("studypack-output-stale-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(".a.pdf.99999.tmp"), b"half a PDF").unwrap();
        fs::write(dir.join("notes.txt"), b"mine").unwrap();
        write_all(&dir, &[("a.pdf", b"whole")]).unwrap();
        let mut names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["a.pdf", "notes.txt"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_a_file_as_the_folder() {
        let file = std::env::temp_dir().join(format!("studypack-not-a-dir-{}", std::process::id()));
        fs::write(&file, b"x").unwrap();
        let err = write_all(&file, &[("a.pdf", b"one")]).unwrap_err();
        assert!(err.starts_with(&format!("`{}` is a file", file.display())), "{err}");
        fs::remove_file(&file).unwrap();
    }
}
