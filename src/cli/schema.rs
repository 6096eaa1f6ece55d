//! `studypack schema`: the JSON Schema of profile and job files.

use crate::bank::Bank;
use crate::diag::Diagnostics;
use crate::profile::schema::json_schema;

pub(crate) fn run() -> Result<(), Diagnostics> {
    let bank = Bank::builtin()?;
    let schema = serde_json::to_string_pretty(&json_schema(&bank)).expect("the schema serializes");
    super::print_stdout(&format!("{schema}\n"));
    Ok(())
}
