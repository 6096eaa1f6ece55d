//! Helpers for the integration tests: run the real binary in a scratch folder, read PDFs.

#![allow(dead_code)]

pub mod pdf;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The names of the entries of `dir`, sorted (hidden files too: temporaries would show).
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

/// A scratch folder, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("studypack-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Scratch(dir)
    }

    pub fn path(&self, rest: &str) -> PathBuf {
        self.0.join(rest)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `studypack ARGS` in `dir`, without SOURCE_DATE_EPOCH unless the test sets it.
pub fn studypack(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_studypack"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the studypack binary runs")
}

/// Standard output and error as text.
pub fn streams(output: &Output) -> (String, String) {
    (String::from_utf8_lossy(&output.stdout).to_string(), String::from_utf8_lossy(&output.stderr).to_string())
}

/// The folder of the crate, for fixtures and fonts.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The demo pack, built once per test binary into a shared scratch folder.
pub fn demo_pack() -> &'static Path {
    static DEMO: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("studypack-test-demo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("demo folder");
        let output = studypack(&dir, &["build"]);
        let (out, err) = streams(&output);
        assert!(output.status.success(), "demo build failed:\n{out}\n{err}");
        dir.join("out")
    })
}

/// Renders `pack` (all three PDFs, default print settings) through the library, writes the
/// PDFs into a scratch folder named `name`, and opens them; also returns the warnings.
pub fn render_pack(name: &str, pack: &studypack::pack::Pack) -> (Vec<pdf::Pdf>, Vec<String>) {
    use studypack::render::{Output, PrintSettings, Renderer, fonts::Fonts};
    let (rendered, warnings) =
        Renderer::new(std::sync::Arc::new(Fonts::bundled()), None, studypack::render::BuildTime::now())
            .render(pack, PrintSettings::default(), &Output::ALL)
            .unwrap_or_else(|e| panic!("{e}"));
    let scratch = Scratch::new(name);
    let pdfs = rendered
        .iter()
        .map(|r| {
            let path = scratch.path(r.output.file_name());
            std::fs::write(&path, &r.pdf).unwrap();
            pdf::Pdf::open(&path)
        })
        .collect();
    (pdfs, warnings.0.iter().map(ToString::to_string).collect())
}
