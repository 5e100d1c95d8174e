//! What a change does beyond itself, in one place for every writer: the
//! lines of `diff`'s Impact section for the change (deliverables
//! downstream that become late or at risk, milestones now missed), and the
//! problems `check` reports after it and not before. `set` and `add` print
//! them after the change lines; the board says them in the status line
//! and the commit dialog. Worked out from the whole portfolio before and
//! after the change, for a today, as `diff` works them out.

use std::borrow::Cow;
use std::collections::HashMap;

use jiff::civil::Date;

use super::change::{Change, Field};
use super::compare::compare;
use super::forecast_moves::{ForecastChanges, forecast_changes};
use super::impact::{Impact, WORK_LIMIT, impacts};
use super::problem_changes::problem_changes;
use super::words;
use crate::derive::Derived;
use crate::diag::Diagnostic;
use crate::model::Portfolio;

/// One side of a change: the plans, everything `check` reports for them,
/// and their derived state when the caller has it for the same today
/// (the board does; it is worked out here otherwise).
#[derive(Clone, Copy)]
pub struct Version<'a> {
    pub portfolio: &'a Portfolio,
    pub problems: &'a [Diagnostic],
    pub derived: Option<&'a Derived>,
}

impl<'a> Version<'a> {
    pub fn new(portfolio: &'a Portfolio, problems: &'a [Diagnostic]) -> Version<'a> {
        Version {
            portfolio,
            problems,
            derived: None,
        }
    }

    pub fn with_derived(self, derived: &'a Derived) -> Version<'a> {
        Version {
            derived: Some(derived),
            ..self
        }
    }
}

/// What a change does beyond itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Consequences {
    /// The changes from before to after, as `diff` finds them.
    pub changes: Vec<Change>,
    /// Their impact, as `diff`'s Impact section has it.
    pub impacts: Vec<Impact>,
    /// What `check` reports after the change and not before (a warning
    /// about another deliverable too: a need now due after it).
    pub problems: Vec<Diagnostic>,
    /// Where it moves the forecast, as `diff`'s Forecast section has it
    /// (and the metrics it brings to or takes from their targets).
    pub forecast: ForecastChanges,
}

impl Consequences {
    /// The sections an output prints after the change lines, each with
    /// its heading as `diff` names it ("Impact") and its lines, in
    /// `diff`'s words; empty sections are left out.
    pub fn sections(&self) -> Vec<(&'static str, Vec<String>)> {
        let impact: Vec<String> = self.impacts.iter().flat_map(words::impact_lines).collect();
        let forecast = words::forecast_lines(&self.forecast);
        [("Impact", impact), ("Forecast", forecast)]
            .into_iter()
            .filter(|(_, lines)| !lines.is_empty())
            .collect()
    }

    /// Every line of [`Consequences::sections`], in order.
    pub fn lines(&self) -> Vec<String> {
        self.sections()
            .into_iter()
            .flat_map(|(_, lines)| lines)
            .collect()
    }

    /// Whether the change does nothing beyond itself.
    pub fn is_empty(&self) -> bool {
        self.sections().is_empty() && self.problems.is_empty()
    }
}

/// Whether changes can do anything beyond themselves: a deadline or a
/// status moves what waits downstream and the milestones met (and only a
/// deadline moves what `check` says of other deliverables); a start, the
/// needs or the work move forecasts; a metric's numbers and rule can bring
/// it to its target. Another field changes the item alone; a writer skips
/// the work for it.
pub fn reaches_beyond(changes: &[Change]) -> bool {
    changes.iter().any(|c| {
        matches!(
            c.field(),
            Some(
                Field::Due
                    | Field::Status
                    | Field::Date
                    | Field::Start
                    | Field::Needs
                    | Field::Duration
                    | Field::Actual
                    | Field::Target
                    | Field::Better
            )
        )
    })
}

/// What the change from `before` to `after` does, for `today`.
pub fn consequences(before: &Version, after: &Version, today: Date) -> Consequences {
    let changes = compare(before.portfolio, after.portfolio);
    consequences_of(before, after, changes, today)
}

/// [`consequences`] for a caller that knows the changes already (a write
/// knows what it changes): they are not looked for again.
pub fn consequences_of(
    before: &Version,
    after: &Version,
    changes: Vec<Change>,
    today: Date,
) -> Consequences {
    let (old, new) = (before.portfolio, after.portfolio);
    let (was, now) = (derived(before, today), derived(after, today));
    let found = impacts(old, new, &was, &now, &changes, WORK_LIMIT).found;
    let renamed: HashMap<&str, &str> = changes.iter().filter_map(Change::renamed).collect();
    let problems = problem_changes(before.problems, after.problems, &renamed).introduced;
    let forecast = forecast_changes(old, new, &was, &now);
    Consequences {
        changes,
        impacts: found,
        problems,
        forecast,
    }
}

/// A version's derived state for `today`: the one it has, or worked out.
fn derived<'a>(v: &Version<'a>, today: Date) -> Cow<'a, Derived> {
    match v.derived.filter(|d| d.today == today) {
        Some(d) => Cow::Borrowed(d),
        None => Cow::Owned(Derived::new(v.portfolio, today)),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// `a` ← `b` (b needs a), a milestone between them, both due `due_a`
    /// and 2027-02-20; `b` owned by `owner`.
    fn plan(due_a: &str, owner: &str) -> (Portfolio, Vec<Diagnostic>) {
        let text = format!(
            "[[person]]\nid = \"ana\"\nname = \"Ana\"\n\n[[person]]\nid = \"bo\"\nname = \"Bo\"\n\n\
             [program]\nname = \"P\"\n\n[team]\ncore = [\"ana\"]\n\n\
             [[milestone]]\nname = \"M\"\ndate = 2027-02-15\n\n\
             [[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"ana\"\ndue = {due_a}\n\n\
             [[deliverable]]\nid = \"b\"\ntitle = \"B\"\nowner = \"{owner}\"\ndue = 2027-02-20\nneeds = [\"a\"]\n"
        );
        let parsed = crate::parse::parse_file(Arc::from("boards/p.toml"), text.as_bytes());
        crate::load::build(vec![parsed])
    }

    #[test]
    fn a_moved_deadline_says_its_impact_and_the_problems_it_adds() {
        let today = jiff::civil::date(2027, 2, 1);
        let (old, old_problems) = plan("2027-02-10", "ana");
        let (new, new_problems) = plan("2027-02-25", "ana");
        let found = consequences(
            &Version::new(&old, &old_problems),
            &Version::new(&new, &new_problems),
            today,
        );
        assert_eq!(found.changes.len(), 1);
        assert!(reaches_beyond(&found.changes), "a deadline reaches beyond");
        assert_eq!(
            found.lines(),
            [
                "p/a: now at risk downstream: p/b",
                "p/a: now due 2027-02-25, after milestone \"M\" of p (2027-02-15)",
                "end of p: forecast 2027-02-20 → 2027-02-25 (+5 d)",
                "p/b starts slipping: forecast 2027-02-25 (+5 d)",
            ]
        );
        assert_eq!(found.sections()[0].0, "Impact");
        assert_eq!(found.sections()[1].0, "Forecast");
        let problems: Vec<String> = found.problems.iter().map(|d| d.message.clone()).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("needs `a`, which is due"),
            "{problems:?}"
        );
        // The derived state a caller has is used; the answer is the same.
        let (was, now) = (Derived::new(&old, today), Derived::new(&new, today));
        let again = consequences(
            &Version::new(&old, &old_problems).with_derived(&was),
            &Version::new(&new, &new_problems).with_derived(&now),
            today,
        );
        assert_eq!(again, found);
        // No change: nothing beyond it.
        let none = consequences(
            &Version::new(&old, &old_problems),
            &Version::new(&old, &old_problems),
            today,
        );
        assert!(none.is_empty() && none.changes.is_empty(), "{none:?}");
        // Another owner reaches no further than the item (check's
        // warnings about it are the write's own).
        let (moved, _) = plan("2027-02-10", "bo");
        assert!(!reaches_beyond(&compare(&old, &moved)));
    }
}
