//! The `studypack` command: parse arguments, run the command, print problems, set the exit code.

use clap::Parser;
use std::process::ExitCode;
use studypack::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            // A long list starts with its length, so nobody stops reading at the first one.
            let errors = problems.errors().count();
            if errors >= 5 {
                eprintln!("{errors} errors, each with its place and a way to fix it:");
            }
            eprintln!("{problems}");
            ExitCode::from(1)
        }
    }
}
