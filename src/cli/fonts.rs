//! `studypack fonts`: the font families a build can use, and where each comes from.

use super::settings::FontSettings;
use crate::diag::Diagnostics;

pub(crate) fn run(settings: &FontSettings) -> Result<(), Diagnostics> {
    let fonts = settings.load();
    let families = fonts.families();
    let width = families.iter().map(|f| f.family.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for f in &families {
        let faces =
            if f.styles.len() == 1 { "1 face".to_string() } else { format!("{} faces", f.styles.len()) };
        out.push_str(&format!("{:<width$}  {:<8}  {}\n", f.family, faces, f.source));
    }
    super::print_stdout(&out);
    Ok(())
}
