//! Warnings about one resolved pack, for `check` and `build`: figures that disagree (the
//! lints of `facts::check`), answers that run long, facts printed as blanks, an interview
//! already past. Nothing here changes the pack.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::facts::check;
use crate::pack::{Pack, clock};
use crate::profile::Merged;
use std::collections::BTreeMap;

/// Everything worth warning about in one merged pack: figures that disagree, answers
/// that run long, facts printed as blanks.
pub fn warnings(merged: &Merged, pack: &Pack) -> Diagnostics {
    let bank = &merged.bank;
    let mut out = check::lint(&bank.facts, &bank.checks, &merged.values, &merged.origins);
    out.extend(timing_warnings(pack, &merged.question_origins));
    if !merged.blanks.is_empty() {
        out.push(Diagnostic::warning(
            None,
            format!("draft: {} fact(s) print as blanks: {}", merged.blanks.len(), merged.blanks.join(", ")),
        ));
    }
    out
}

/// Answers that run well past their target at the person's pace, and a pitch over 30 s.
/// A question the person wrote is pointed at where they wrote it (`origins`, by id).
fn timing_warnings(pack: &Pack, origins: &BTreeMap<String, Location>) -> Diagnostics {
    let mut out = Diagnostics::default();
    for q in &pack.questions {
        // A tenth over is within what pauses and pace absorb.
        if f64::from(q.estimated_seconds) > f64::from(q.target_seconds) * 1.1 {
            out.push(
                Diagnostic::warning(
                    origins.get(&q.id).cloned(),
                    format!("Q{} ({}) runs ~{}, target {}", q.number, q.id, q.estimated, q.target),
                )
                .hint(format!(
                    "at {} words per minute; cut the answer, or set a longer `target:`",
                    pack.pace_wpm
                )),
            );
        }
    }
    let pitch = pack.scripts.elevator_pitch_seconds;
    if pitch > 33 {
        out.push(
            Diagnostic::warning(None, format!("the 30-second elevator pitch runs ~{}", clock(pitch))).hint(
                format!(
                    "at {} words per minute; keep it to about {} words",
                    pack.pace_wpm,
                    pack.pace_wpm / 2
                ),
            ),
        );
    }
    out
}

/// A warning when the interview's date is before `today` (`YYYY-MM-DD`, the build's date).
pub(crate) fn past_interview(pack: &Pack, today: &str) -> Diagnostics {
    let mut out = Diagnostics::default();
    let Some(job) = &pack.job else { return out };
    if let Some(date) = job.date.as_deref().filter(|d| *d < today) {
        out.push(
            Diagnostic::warning(
                None,
                format!("the interview at {} on {date} is in the past (today is {today})", job.company),
            )
            .hint("update `date:` in the job file, or remove it until the next interview is set"),
        );
    }
    out
}
