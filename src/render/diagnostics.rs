//! Typst's diagnostics as studypack's: the place, the message, Typst's hints and its trace
//! (the calls that led to the problem), so a custom layout's error reads like the typst
//! CLI's and prints like every other problem.

use super::world::Studio;
use crate::diag::{Diagnostic, Diagnostics, Location, Trace};
use std::ops::Range;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::syntax::{DiagSpan, FileId};
use typst::{World, WorldExt};

/// Every diagnostic of one compile, in studypack's form.
pub(super) fn convert(studio: &Studio, world: &dyn World, diags: &[SourceDiagnostic]) -> Diagnostics {
    let mut out = Diagnostics::default();
    for diag in diags {
        let (location, width) = place(studio, world, diag.span).unzip();
        let message = diag.message.to_string();
        let mut d = match diag.severity {
            TypstSeverity::Error => Diagnostic::error(location, message),
            TypstSeverity::Warning => Diagnostic::warning(location, message),
        };
        d.width = width.unwrap_or(0);
        for hint in &diag.hints {
            // studypack has no --root: the layouts folder is the whole world a layout sees.
            let text = if hint.v.contains("`--root`") {
                "a layout reads files only inside its own folder".to_string()
            } else {
                hint.v.to_string()
            };
            d = d.hint(text);
        }
        // Typst lists the calls innermost first; each step leads to the one after it.
        d.trace = diag.trace.iter().rev().fold(None, |caller, point| {
            let Some((location, width)) = place(studio, world, point.span.into()) else { return caller };
            Some(Box::new(Trace { location, width, message: point.v.to_string(), caller }))
        });
        out.push(d);
    }
    out
}

/// Where a span starts, and how many characters of its first line it covers.
fn place(studio: &Studio, world: &dyn World, span: DiagSpan) -> Option<(Location, u32)> {
    let id: FileId = span.id()?;
    let range: Range<usize> = world.range(span)?;
    let source = studio.source_of(id)?;
    let text = source.text();
    let start = range.start.min(text.len());
    let end = range.end.clamp(start, text.len());
    let location = Location::at_byte(&studio.display_name(id), text, start);
    let covered = text.get(start..end).unwrap_or("");
    let width = covered.lines().next().map_or(0, |first| first.chars().count());
    let width = u32::try_from(width).unwrap_or(u32::MAX);
    Some((location, width))
}
