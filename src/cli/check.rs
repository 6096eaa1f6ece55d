//! `studypack check`: load, merge and lint the person's files without rendering.

use super::print_warnings;
use super::settings::CheckSettings;
use crate::bank::Bank;
use crate::diag::Diagnostics;
use crate::lint;
use crate::pack::resolve_merged;
use crate::profile;

pub(crate) fn run(settings: &CheckSettings) -> Result<(), Diagnostics> {
    let bank = Bank::builtin()?;
    let (merged, mut warnings) = profile::merge(&bank, &settings.person.sources)?;
    let today = settings.time.day();
    for m in &merged {
        let pack = resolve_merged(m);
        warnings.extend(lint::warnings(m, &pack));
        warnings.extend(lint::past_interview(&pack, &today));
    }
    print_warnings(&warnings);
    let count = warnings.warnings().count();
    let packs = if merged.len() == 1 { "1 pack".to_string() } else { format!("{} packs", merged.len()) };
    let whose = settings.person.whose.note(&bank).map(|w| format!("; {w}")).unwrap_or_default();
    let summary = match count {
        0 => format!("checked {packs}: no problems{whose}\n"),
        1 => format!("checked {packs}: no errors, 1 warning{whose}\n"),
        n => format!("checked {packs}: no errors, {n} warnings{whose}\n"),
    };
    super::print_stdout(&summary);
    Ok(())
}
