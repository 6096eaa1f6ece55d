//! `studypack init [FILE]`: a commented starter profile, and the schema beside it.

use super::args::InitArgs;
use crate::bank::Bank;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::profile::schema::{self, SCHEMA_FILE};
use crate::starter;
use std::io::Write;
use std::path::Path;

pub(crate) fn run(args: &InitArgs) -> Result<(), Diagnostics> {
    let bank = Bank::builtin()?;
    let name = args.file.display().to_string();
    let text = if args.job {
        starter::job_file(&bank, &in_two_weeks())
    } else if args.own {
        starter::own_profile(&bank)
    } else {
        starter::starter_profile(&bank)
    };
    write_new(&args.file, &text).map_err(|e| {
        let d = Diagnostic::error(Some(Location::file(&name)), e);
        if args.file.exists() {
            d.hint("studypack init never overwrites a file; give another name")
        } else {
            d
        }
    })?;
    if args.job {
        println!("wrote {name}: fill in the interview's details, then build with --job {name}");
    } else if args.own {
        println!(
            "wrote {name}: name your projects, give your figures and answer each question in your own words"
        );
    } else {
        println!("wrote {name}: uncomment each fact and write your own figure");
    }
    // The schema goes beside the profile, where its `$schema` line points.
    let schema_path = args.file.parent().unwrap_or(Path::new("")).join(SCHEMA_FILE);
    let schema = serde_json::to_string_pretty(&schema::json_schema(&bank)).expect("the schema serializes");
    match write_new(&schema_path, &schema) {
        Ok(()) => {
            println!("wrote {}: editors use it to complete and check your profile", schema_path.display())
        }
        Err(_) if schema_path.exists() => {}
        Err(e) => eprintln!("warning: {}: {e}", schema_path.display()),
    }
    Ok(())
}

/// A date two weeks from today, for the example job's interview.
fn in_two_weeks() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (y, m, d) = crate::facts::date::civil_from_days(now as i64 / 86_400 + 14);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Creates `path` with `text`, refusing to replace an existing file.
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => "this file already exists".to_string(),
            _ => format!("cannot create it: {e}"),
        })?;
    file.write_all(text.as_bytes()).map_err(|e| format!("cannot write it: {e}"))
}
