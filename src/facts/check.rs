//! Consistency lints: figures that must agree with each other (F1 with precision and
//! recall, a relative drop with its before and after values, p50 ≤ p95, shares that add
//! up to 100%) and percentages that cannot be. Each is a warning at the value's location.

use super::{FactKind, parse_value};
use crate::bank::{Bank, Checks};
use crate::diag::{Diagnostic, Diagnostics, Location};
use std::collections::BTreeMap;

/// Rounding slack: figures are quoted to a point or half a point.
const SLACK_POINTS: f64 = 1.0;
/// A train-test accuracy gap wider than this (in points) reads as overfitting.
const OVERFIT_GAP_POINTS: f64 = 10.0;

/// The lints for `values` (path → value as written); `origins` says where each was set.
pub fn lint(
    bank: &Bank,
    values: &BTreeMap<String, String>,
    origins: &BTreeMap<String, Location>,
) -> Diagnostics {
    let number = |path: &str| -> Option<f64> {
        let kind = bank.fact(path)?.kind;
        parse_value(kind, values.get(path)?).ok()?.magnitude
    };
    let shown = |path: &str| values.get(path).cloned().unwrap_or_default();
    let warn = |path: &str, message: String, hint: &str| {
        Diagnostic::warning(origins.get(path).cloned(), message).hint(hint.to_string())
    };
    let mut out = Diagnostics::default();
    let Checks { f1, relative_change, ascending, train_test, complement, fraction_percent } = &bank.checks;

    for c in f1 {
        if let (Some(f), Some(p), Some(r)) = (number(&c.f1), number(&c.precision), number(&c.recall))
            && p + r > 0.0
        {
            let expected = 2.0 * p * r / (p + r);
            if (f - expected).abs() > SLACK_POINTS {
                out.push(warn(
                    &c.f1,
                    format!(
                        "F1 `{}` is {} but precision {} and recall {} give {expected:.1}%",
                        c.f1,
                        shown(&c.f1),
                        shown(&c.precision),
                        shown(&c.recall)
                    ),
                    "F1 is the harmonic mean 2PR/(P+R); an interviewer may do the sum",
                ));
            }
        }
    }
    for c in relative_change {
        if let (Some(b), Some(a), Some(ch)) = (number(&c.before), number(&c.after), number(&c.change))
            && b != 0.0
        {
            let expected = (b - a).abs() / b * 100.0;
            if (ch - expected).abs() > SLACK_POINTS {
                out.push(warn(
                    &c.change,
                    format!(
                        "`{}` says {} but {} → {} is a {expected:.0}% relative change",
                        c.change,
                        shown(&c.change),
                        shown(&c.before),
                        shown(&c.after)
                    ),
                    "a relative change is (before − after) / before; say the one you can defend",
                ));
            }
        }
    }
    for list in ascending {
        for pair in list.windows(2) {
            if let (Some(lo), Some(hi)) = (number(&pair[0]), number(&pair[1]))
                && lo > hi
            {
                out.push(warn(
                    if origins.contains_key(&pair[1]) || !origins.contains_key(&pair[0]) {
                        &pair[1]
                    } else {
                        &pair[0]
                    },
                    format!(
                        "`{}` ({}) is below `{}` ({})",
                        pair[1],
                        shown(&pair[1]),
                        pair[0],
                        shown(&pair[0])
                    ),
                    "these must go up in order (p50 ≤ p95 ≤ p99, MAE ≤ RMSE, low ≤ high)",
                ));
            }
        }
    }
    for c in train_test {
        if let (Some(train), Some(test)) = (number(&c.train), number(&c.test)) {
            if test > train + SLACK_POINTS {
                out.push(warn(
                    &c.test,
                    format!(
                        "test accuracy {} is above training accuracy {}",
                        shown(&c.test),
                        shown(&c.train)
                    ),
                    "this is rare and invites questions about leakage; check both",
                ));
            } else if train - test > OVERFIT_GAP_POINTS {
                out.push(warn(
                    &c.test,
                    format!(
                        "training {} vs test {}: a {:.0}-point gap reads as overfitting",
                        shown(&c.train),
                        shown(&c.test),
                        train - test
                    ),
                    "be ready to explain the gap, or check the figures",
                ));
            }
            if let Some(gap_path) = &c.gap
                && let Some(gap) = number(gap_path)
                && (gap - (train - test)).abs() > SLACK_POINTS
            {
                out.push(warn(
                    gap_path,
                    format!(
                        "the gap `{gap_path}` is {} but {} − {} is {:.1} points",
                        shown(gap_path),
                        shown(&c.train),
                        shown(&c.test),
                        train - test
                    ),
                    "quote the difference of the two accuracies",
                ));
            }
        }
    }
    for list in complement {
        let parts: Option<Vec<f64>> = list.iter().map(|p| number(p)).collect();
        if let Some(parts) = parts
            && (parts.iter().sum::<f64>() - 100.0).abs() > SLACK_POINTS
        {
            let shown_all: Vec<String> = list.iter().map(|p| shown(p)).collect();
            // Point at a part the person set, if any.
            let at = list.iter().find(|p| origins.contains_key(p.as_str())).unwrap_or(&list[0]);
            out.push(warn(
                at,
                format!(
                    "{} should add up to 100% but make {:.1}%",
                    shown_all.join(" + "),
                    parts.iter().sum::<f64>()
                ),
                "they are shares of one whole",
            ));
        }
    }
    for c in fraction_percent {
        if let (Some(f), Some(p)) = (number(&c.fraction), number(&c.percent))
            && (f * 100.0 - p).abs() > SLACK_POINTS
        {
            out.push(warn(
                &c.percent,
                format!(
                    "`{}` is {} but `{}` {} means {:.0}%",
                    c.percent,
                    shown(&c.percent),
                    c.fraction,
                    shown(&c.fraction),
                    f * 100.0
                ),
                "the two say the same thing; make them match",
            ));
        }
    }
    for fact in bank.facts.iter().filter(|f| f.kind == FactKind::Percent) {
        if let Some(p) = number(&fact.path)
            && !(0.0..=100.0).contains(&p)
        {
            out.push(warn(
                &fact.path,
                format!("`{}` is {}, outside 0–100%", fact.path, shown(&fact.path)),
                "a share or rate cannot be below 0% or above 100%; check the figure",
            ));
        }
    }
    out
}
