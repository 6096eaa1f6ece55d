//! The `studypack` command: parse arguments, run the command, print problems, set the exit code.

use clap::Parser;
use std::process::ExitCode;
use studypack::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            eprintln!("{problems}");
            ExitCode::from(1)
        }
    }
}
