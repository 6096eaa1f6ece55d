//! The command line: flags (`args`) → one settings value (`settings`) → the command, one
//! module per command. Only this layer prints, and only `settings` reads the environment.

mod args;
mod build;
mod check;
mod choices;
mod fonts;
mod init;
mod layouts;
mod list;
mod schema;
mod settings;
mod watch;

pub use args::{Cli, Command};

use crate::diag::Diagnostics;
use settings::Environment;

/// The profile `studypack init` writes when given no name, used when no --profile is given.
pub(crate) const DEFAULT_PROFILE: &str = "profile.yaml";

/// Runs a command; the error is everything the user needs to see, already formatted.
pub fn run(cli: Cli) -> Result<(), Diagnostics> {
    let env = Environment::read();
    match cli.command {
        Command::Build(args) => build::run(&settings::BuildSettings::new(&args, &env)?),
        Command::Check(args) => check::run(&settings::CheckSettings::new(&args, &env)?),
        Command::Init(args) => init::run(&args),
        Command::List(args) => list::run(&settings::PersonSettings::new(&args, &env)),
        Command::Watch(args) => watch::run(&args, &env),
        Command::Layouts(args) => {
            layouts::run(&settings::LayoutsSettings::new(&args.dir, &args.person, &args.print, &env)?)
        }
        Command::Fonts(args) => fonts::run(&settings::FontSettings::new(&args, &env)?),
        Command::Schema => schema::run(),
    }
}

/// Writes `text` to standard output; a reader that stops early (`studypack list | head`)
/// is not an error.
fn print_stdout(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

/// Prints warnings to standard error, like a compiler.
fn print_warnings(diagnostics: &Diagnostics) {
    crate::diag::eprint(diagnostics.warnings());
}
