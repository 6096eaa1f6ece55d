//! `studypack check`: load, merge and lint the person's files without rendering.

use super::{PersonArgs, print_warnings};
use crate::bank::Bank;
use crate::diag::Diagnostics;
use crate::pack::{self, resolve_merged};
use crate::profile;

pub fn run(args: &PersonArgs) -> Result<(), Diagnostics> {
    let bank = Bank::builtin()?;
    let (merged, mut warnings) = profile::merge(&bank, &args.sources())?;
    let today = crate::render::build_day();
    for m in &merged {
        let pack = resolve_merged(m);
        warnings.extend(pack::warnings(m, &pack));
        warnings.extend(pack::past_interview(&pack, &today));
    }
    print_warnings(&warnings);
    let count = warnings.warnings().count();
    let packs = if merged.len() == 1 { "1 pack".to_string() } else { format!("{} packs", merged.len()) };
    match count {
        0 => println!("checked {packs}: no problems"),
        1 => println!("checked {packs}: no errors, 1 warning"),
        n => println!("checked {packs}: no errors, {n} warnings"),
    }
    Ok(())
}
