//! Consistency lints: figures that must agree with each other (F1 with precision and
//! recall, a relative drop with its before and after values, p50 ≤ p95, shares that add
//! up to 100%) and percentages that cannot be. Each is a warning at the value's location.

use super::{FactDecl, FactKind, parse_value};
use crate::diag::{Diagnostic, Diagnostics, Location};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Rounding slack: figures are quoted to a point or half a point.
const SLACK_POINTS: f64 = 1.0;
/// A train-test accuracy gap wider than this (in points) reads as overfitting.
const OVERFIT_GAP_POINTS: f64 = 10.0;

/// Which facts must agree with each other, for `studypack check`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checks {
    /// F1 is the harmonic mean of precision and recall.
    #[serde(default)]
    pub f1: Vec<F1Check>,
    /// A quoted relative change matches the before and after values.
    #[serde(default)]
    pub relative_change: Vec<RelativeChange>,
    /// Each list is in ascending order (p50 ≤ p95 ≤ p99).
    #[serde(default)]
    pub ascending: Vec<Vec<String>>,
    /// Training vs test accuracy, and the gap quoted between them.
    #[serde(default)]
    pub train_test: Vec<TrainTest>,
    /// Percentages that make up a whole (churn + non-churn = 100%).
    #[serde(default)]
    pub complement: Vec<Vec<String>>,
    /// A fraction and the same quantity as a percentage (R² 0.74 = 74% explained).
    #[serde(default)]
    pub fraction_percent: Vec<FractionPercent>,
}

/// F1, precision and recall of one model.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct F1Check {
    pub f1: String,
    pub precision: String,
    pub recall: String,
}

/// A before value, an after value and the relative change quoted between them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeChange {
    pub before: String,
    pub after: String,
    pub change: String,
}

/// Training and test accuracy, and the gap when one is quoted.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainTest {
    pub train: String,
    pub test: String,
    pub gap: Option<String>,
}

/// A fraction and the same quantity as a percentage.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FractionPercent {
    pub fraction: String,
    pub percent: String,
}

impl Checks {
    /// Adds `other`'s checks to these.
    pub(crate) fn extend(&mut self, other: Checks) {
        self.f1.extend(other.f1);
        self.relative_change.extend(other.relative_change);
        self.ascending.extend(other.ascending);
        self.train_test.extend(other.train_test);
        self.complement.extend(other.complement);
        self.fraction_percent.extend(other.fraction_percent);
    }

    /// Every fact path the checks name.
    pub(crate) fn paths(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.f1 {
            out.extend([c.f1.as_str(), &c.precision, &c.recall]);
        }
        for c in &self.relative_change {
            out.extend([c.before.as_str(), &c.after, &c.change]);
        }
        for c in &self.train_test {
            out.extend([c.train.as_str(), &c.test]);
            out.extend(c.gap.as_deref());
        }
        for c in &self.fraction_percent {
            out.extend([c.fraction.as_str(), &c.percent]);
        }
        out.extend(self.ascending.iter().chain(&self.complement).flatten().map(String::as_str));
        out
    }
}

/// The lints for `values` (path → value as written) of the declared `facts`, by `checks`;
/// `origins` says where each value was set. Warnings come kind by kind, in `checks` order.
pub(crate) fn lint(
    facts: &[FactDecl],
    checks: &Checks,
    values: &BTreeMap<String, String>,
    origins: &BTreeMap<String, Location>,
) -> Diagnostics {
    let figures = Figures { facts, values, origins };
    let f = &figures;
    let Checks { f1, relative_change, ascending, train_test, complement, fraction_percent } = checks;
    let pairs = ascending.iter().flat_map(|list| list.windows(2));
    let percents = facts.iter().filter(|fact| fact.kind == FactKind::Percent);
    let found = (f1.iter().filter_map(|c| harmonic_f1(f, c)))
        .chain(relative_change.iter().filter_map(|c| relative_drop(f, c)))
        .chain(pairs.filter_map(|pair| in_order(f, &pair[0], &pair[1])))
        .chain(train_test.iter().flat_map(|c| [accuracy_gap(f, c), quoted_gap(f, c)]).flatten())
        .chain(complement.iter().filter_map(|list| whole(f, list)))
        .chain(fraction_percent.iter().filter_map(|c| same_share(f, c)))
        .chain(percents.filter_map(|fact| percent_range(f, &fact.path)));
    Diagnostics(found.collect())
}

/// The figures the lints read: each fact's magnitude, its value as written and where it was set.
struct Figures<'a> {
    facts: &'a [FactDecl],
    values: &'a BTreeMap<String, String>,
    origins: &'a BTreeMap<String, Location>,
}

impl Figures<'_> {
    /// The magnitude of the value at `path`, when it has one.
    fn number(&self, path: &str) -> Option<f64> {
        let kind = self.facts.iter().find(|f| f.path == path)?.kind;
        parse_value(kind, self.values.get(path)?).ok()?.magnitude
    }

    /// The value at `path` as written.
    fn shown(&self, path: &str) -> String {
        self.values.get(path).cloned().unwrap_or_default()
    }

    /// Whether the person set `path` (rather than the bank's example).
    fn given(&self, path: &str) -> bool {
        self.origins.contains_key(path)
    }

    /// A warning at where `path` was set.
    fn warn(&self, path: &str, message: String, hint: &str) -> Diagnostic {
        Diagnostic::warning(self.origins.get(path).cloned(), message).hint(hint.to_string())
    }
}

/// F1 must be the harmonic mean of precision and recall.
fn harmonic_f1(f: &Figures, c: &F1Check) -> Option<Diagnostic> {
    let (f1, p, r) = (f.number(&c.f1)?, f.number(&c.precision)?, f.number(&c.recall)?);
    let expected = 2.0 * p * r / (p + r);
    (p + r > 0.0 && (f1 - expected).abs() > SLACK_POINTS).then(|| {
        f.warn(
            &c.f1,
            format!(
                "F1 `{}` is {} but precision {} and recall {} give {expected:.1}%",
                c.f1,
                f.shown(&c.f1),
                f.shown(&c.precision),
                f.shown(&c.recall)
            ),
            "F1 is the harmonic mean 2PR/(P+R); an interviewer may do the sum",
        )
    })
}

/// A quoted relative change must be (before − after) / before.
fn relative_drop(f: &Figures, c: &RelativeChange) -> Option<Diagnostic> {
    let (before, after, change) = (f.number(&c.before)?, f.number(&c.after)?, f.number(&c.change)?);
    let expected = (before - after).abs() / before * 100.0;
    (before != 0.0 && (change - expected).abs() > SLACK_POINTS).then(|| {
        f.warn(
            &c.change,
            format!(
                "`{}` says {} but {} → {} is a {expected:.0}% relative change",
                c.change,
                f.shown(&c.change),
                f.shown(&c.before),
                f.shown(&c.after)
            ),
            "a relative change is (before − after) / before; say the one you can defend",
        )
    })
}

/// `lo` must not be above `hi`; the warning points at the one the person set.
fn in_order(f: &Figures, lo: &str, hi: &str) -> Option<Diagnostic> {
    (f.number(lo)? > f.number(hi)?).then(|| {
        f.warn(
            if f.given(hi) || !f.given(lo) { hi } else { lo },
            format!("`{hi}` ({}) is below `{lo}` ({})", f.shown(hi), f.shown(lo)),
            "these must go up in order (p50 ≤ p95 ≤ p99, MAE ≤ RMSE, low ≤ high)",
        )
    })
}

/// Test accuracy above training, or far below it.
fn accuracy_gap(f: &Figures, c: &TrainTest) -> Option<Diagnostic> {
    let (train, test) = (f.number(&c.train)?, f.number(&c.test)?);
    if test > train + SLACK_POINTS {
        Some(f.warn(
            &c.test,
            format!("test accuracy {} is above training accuracy {}", f.shown(&c.test), f.shown(&c.train)),
            "this is rare and invites questions about leakage; check both",
        ))
    } else if train - test > OVERFIT_GAP_POINTS {
        Some(f.warn(
            &c.test,
            format!(
                "training {} vs test {}: a {:.0}-point gap reads as overfitting",
                f.shown(&c.train),
                f.shown(&c.test),
                train - test
            ),
            "be ready to explain the gap, or check the figures",
        ))
    } else {
        None
    }
}

/// The quoted gap must be training minus test accuracy.
fn quoted_gap(f: &Figures, c: &TrainTest) -> Option<Diagnostic> {
    let gap_path = c.gap.as_ref()?;
    let (train, test, gap) = (f.number(&c.train)?, f.number(&c.test)?, f.number(gap_path)?);
    ((gap - (train - test)).abs() > SLACK_POINTS).then(|| {
        f.warn(
            gap_path,
            format!(
                "the gap `{gap_path}` is {} but {} − {} is {:.1} points",
                f.shown(gap_path),
                f.shown(&c.train),
                f.shown(&c.test),
                train - test
            ),
            "quote the difference of the two accuracies",
        )
    })
}

/// Shares of one whole must add up to 100%. An empty list names no shares.
fn whole(f: &Figures, list: &[String]) -> Option<Diagnostic> {
    let first = list.first()?;
    let parts: Vec<f64> = list.iter().map(|p| f.number(p)).collect::<Option<_>>()?;
    let sum = parts.iter().sum::<f64>();
    ((sum - 100.0).abs() > SLACK_POINTS).then(|| {
        let shown: Vec<String> = list.iter().map(|p| f.shown(p)).collect();
        // Point at a part the person set, if any.
        let at = list.iter().find(|p| f.given(p)).unwrap_or(first);
        f.warn(
            at,
            format!("{} should add up to 100% but make {sum:.1}%", shown.join(" + ")),
            "they are shares of one whole",
        )
    })
}

/// A fraction and its percentage must say the same.
fn same_share(f: &Figures, c: &FractionPercent) -> Option<Diagnostic> {
    let (fraction, percent) = (f.number(&c.fraction)?, f.number(&c.percent)?);
    ((fraction * 100.0 - percent).abs() > SLACK_POINTS).then(|| {
        f.warn(
            &c.percent,
            format!(
                "`{}` is {} but `{}` {} means {:.0}%",
                c.percent,
                f.shown(&c.percent),
                c.fraction,
                f.shown(&c.fraction),
                fraction * 100.0
            ),
            "the two say the same thing; make them match",
        )
    })
}

/// A percentage must lie within 0–100%.
fn percent_range(f: &Figures, path: &str) -> Option<Diagnostic> {
    let p = f.number(path)?;
    (!(0.0..=100.0).contains(&p)).then(|| {
        f.warn(
            path,
            format!("`{path}` is {}, outside 0–100%", f.shown(path)),
            "a share or rate cannot be below 0% or above 100%; check the figure",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_list_of_shares_warns_of_nothing() {
        let checks = Checks { complement: vec![Vec::new()], ..Checks::default() };
        let warnings = lint(&[], &checks, &BTreeMap::new(), &BTreeMap::new());
        assert!(warnings.is_empty(), "{warnings}");
    }
}
