//! studypack: a question bank plus a person's own figures, compiled with Typst into cue
//! cards, a one-page cheat sheet and a day-before checklist.
//!
//! Data flows one way: `bank` (and later the person's files) → `pack` (resolved model)
//! → `render` (Typst world, compile, PDF). `cli` only parses arguments and prints.

pub mod anki;
pub mod bank;
pub mod cli;
pub mod diag;
pub mod facts;
pub mod lint;
pub mod pack;
pub mod profile;
pub mod render;
pub mod starter;
pub mod stock;
pub mod yaml;
