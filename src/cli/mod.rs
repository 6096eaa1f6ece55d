//! Command-line definitions, one module per command. Only this layer prints.

mod build;
mod list;

use crate::diag::Diagnostics;
use clap::{Parser, Subcommand};

/// Prints interview preparation: cue cards, a one-page cheat sheet and a day-before
/// checklist, from a question bank and your own numbers.
#[derive(Debug, Parser)]
#[command(name = "studypack", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the PDFs (with no options: the demo persona into out/).
    ///
    /// Example: studypack build --out out --only cards --card 4x6in
    Build(build::BuildArgs),
    /// List the questions and sections of the bank, with ids and estimated speaking times.
    ///
    /// Example: studypack list
    List,
}

/// Runs a command; the error is everything the user needs to see, already formatted.
pub fn run(cli: Cli) -> Result<(), Diagnostics> {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::List => list::run(),
    }
}

/// Prints warnings to standard error, like a compiler.
fn print_warnings(diagnostics: &Diagnostics) {
    for warning in diagnostics.warnings() {
        eprintln!("{warning}");
    }
}
