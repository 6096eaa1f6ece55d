//! The `studypack` command: parse arguments, run the command, print problems, set the exit code.

use clap::Parser;
use std::process::ExitCode;
use std::sync::Mutex;
use studypack::cli::{Cli, run};

/// What the last panic said, for the one-line report (the default hook's message and
/// backtrace are not for the person).
static PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // `--help` and `--version` are answers; a wrong option or value is bad input like
            // any other, so it exits 1 as the README says (clap's own convention is 2).
            return if e.use_stderr() { ExitCode::from(1) } else { ExitCode::SUCCESS };
        }
    };
    let inputs = cli.input_files();
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        *PANIC.lock().unwrap_or_else(|p| p.into_inner()) = Some(format!("{message}{at}"));
    }));
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli))) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(problems)) => {
            // A long list starts with its length, so nobody stops reading at the first one.
            let errors = problems.errors().count();
            if errors >= 5 {
                eprintln!("{errors} errors, each with its place and a way to fix it:");
            }
            studypack::diag::eprint(&problems.0);
            ExitCode::from(1)
        }
        Err(_) => {
            let what = PANIC.lock().unwrap_or_else(|p| p.into_inner()).take().unwrap_or_default();
            // A reader that closed the pipe (`studypack list | head`) wants no more output.
            if what.starts_with("failed printing to stdout") && what.contains("Broken pipe") {
                return ExitCode::SUCCESS;
            }
            let files = if inputs.is_empty() { "none".to_string() } else { inputs.join(", ") };
            let what = what.replace('\n', " ");
            eprintln!(
                "internal error (a bug in studypack, not in your files; nothing was written): {what}. Please report it with the command line and these input files: {files}"
            );
            ExitCode::from(2)
        }
    }
}
