//! The README's test command reuses what its build command compiled: every crate both
//! builds share is built with the same features, so `cargo test --release` after
//! `cargo run --release` compiles only studypack's own tests and dev-dependencies, not
//! Typst's tree a second time.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// Features of every package in the tree, as `cargo tree` resolves them with `edges`.
fn features(edges: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args(["tree", "--locked", "--prefix", "none", "--format", "{p}|{f}"])
        .args(edges)
        .arg("--manifest-path")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Some((package, features)) = line.split_once('|') else { continue };
        // `cargo tree` marks a package it printed before with " (*)"; the key is name and version.
        let package = package.split(" (").next().unwrap_or(package).trim().to_string();
        let features = features.trim_end_matches(" (*)");
        out.entry(package)
            .or_default()
            .extend(features.split(',').filter(|f| !f.is_empty()).map(str::to_string));
    }
    out
}

#[test]
fn dev_dependencies_change_no_feature_of_a_shared_crate() {
    let build = features(&["--edges", "no-dev"]);
    let test = features(&[]);
    assert!(build.len() > 300, "read {} packages from cargo tree; expected Typst's whole tree", build.len());
    assert!(build.contains_key("typst v0.15.1"), "typst is in the tree");
    let differ: Vec<String> = build
        .iter()
        .filter_map(|(package, built)| {
            let tested = test.get(package)?;
            (tested != built).then(|| {
                let extra: Vec<&String> = tested.difference(built).collect();
                format!("{package}: the tests add {extra:?}")
            })
        })
        .collect();
    assert!(
        differ.is_empty(),
        "these crates would compile twice (once for `cargo run --release`, again for `cargo test --release`); \
         switch the features on in Cargo.toml's [dependencies]:\n{}",
        differ.join("\n")
    );
}
