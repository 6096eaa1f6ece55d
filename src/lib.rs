//! studypack: a question bank plus a person's own figures, compiled with Typst into cue
//! cards, a one-page cheat sheet and a day-before checklist.
//!
//! Data flows one way, and each module imports only from those before it here:
//! `diag` and `yaml` (errors, reading YAML) → `facts` (kinds, values, consistency lints)
//! → `bank` (the question bank) → `profile` (the person's files, merged) → `pack` (the
//! resolved model) → `lint` (warnings about a pack), `starter` (the files `init` writes),
//! `render` (Typst world, compile, PDF), `anki` (the deck) → `stock` (card stock files)
//! → `cli`, which only parses arguments and prints. tests/module_layers.rs keeps it so.

pub(crate) mod anki;
pub mod bank;
pub mod cli;
pub mod diag;
pub mod facts;
pub mod lint;
pub mod pack;
pub mod profile;
pub mod render;
pub(crate) mod starter;
pub(crate) mod stock;
pub(crate) mod yaml;
