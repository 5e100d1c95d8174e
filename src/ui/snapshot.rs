//! Loaded plans and everything the board precomputes from them once per
//! load, so a frame never does work proportional to the whole portfolio.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use jiff::civil::Date;

use super::loader::{Files, uncommitted};
use super::plan_rows::PlanModel;
use super::review_mode::Review;
use super::selection::{ItemKey, Selected};
use super::weeks;
use crate::derive::Derived;
use crate::load::{LoadOptions, Plans, load};
use crate::model::DeliverableRef;
use crate::repo::LoadError;
use crate::review::metric_series::Series;

pub struct Snapshot {
    pub plans: Plans,
    pub derived: Derived,
    /// Program indexes by priority, then file order.
    pub programs: Vec<usize>,
    pub timeline: weeks::Model,
    /// The Timeline's plan mode: a bar per deliverable, by program; made
    /// the first time the plan is shown (most sessions never open it, and
    /// the first frame does not wait for it), then kept for this load.
    plan: OnceLock<PlanModel>,
    /// Metric history by program id, filled in by a background thread.
    pub series: BTreeMap<String, BTreeMap<String, Series>>,
    /// For the status line, counted once per load.
    pub counts: Counts,
    /// Review mode: the base revision and the changes against it.
    pub review: Option<Review>,
    /// The working tree's files as read, which writes are planned against
    /// (none for a revision, or data loaded without them).
    pub files: Option<Files>,
    /// Plan files that differ from HEAD, for the status line's marker.
    pub uncommitted: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub late: usize,
    pub blocked: usize,
    pub at_risk: usize,
    pub errors: usize,
}

impl Snapshot {
    /// The Timeline's plan rows for this load.
    pub fn plan(&self) -> &PlanModel {
        self.plan
            .get_or_init(|| PlanModel::new(&self.plans, &self.derived, &self.programs))
    }

    pub fn new(plans: Plans, today: Date) -> Snapshot {
        let derived = Derived::of(&plans, today);
        let programs = plans.portfolio.programs_by_priority();
        let timeline = weeks::Model::new(&plans, &derived, None);
        let m = &derived.marks;
        let counts = Counts {
            late: m.iter().filter(|m| m.late).count(),
            blocked: m.iter().filter(|m| m.blocked && m.open).count(),
            at_risk: m.iter().filter(|m| m.at_risk).count(),
            errors: plans.diagnostics.iter().filter(|d| d.is_error()).count(),
        };
        Snapshot {
            review: None,
            files: None,
            uncommitted: Vec::new(),
            counts,
            plans,
            derived,
            programs,
            timeline,
            plan: OnceLock::new(),
            series: BTreeMap::new(),
        }
    }

    /// Loaded plans as the board shows them: with the files read, what git
    /// has uncommitted, and in review mode compared with `review_base`
    /// (loaded from git).
    pub fn of(
        plans: Plans,
        files: Option<Files>,
        review_base: Option<&str>,
        opts: &LoadOptions,
        today: Date,
    ) -> Result<Snapshot, LoadError> {
        let review = match review_base {
            Some(base) => Some(review_against(opts, &plans, base)?),
            None => None,
        };
        let uncommitted = uncommitted(&plans);
        let mut snapshot = Snapshot::new(plans, today);
        snapshot.set_review(review);
        snapshot.files = files;
        snapshot.uncommitted = uncommitted;
        Ok(snapshot)
    }

    /// The revision a review compares with, in review mode.
    pub fn review_base(&self) -> Option<&str> {
        self.review.as_ref().map(|r| r.base.as_str())
    }

    /// Enters (or leaves) review mode. The timeline's cells aggregate
    /// deliverables, so it is rebuilt to know which of them changed.
    pub fn set_review(&mut self, review: Option<Review>) {
        self.review = review;
        self.timeline = weeks::Model::new(&self.plans, &self.derived, self.review.as_ref());
    }

    pub fn today(&self) -> Date {
        self.derived.today
    }

    /// The plans, their problems and derived state, as one side of a
    /// change ([`crate::review::consequences`]).
    pub fn version(&self) -> crate::review::Version<'_> {
        crate::review::Version::new(&self.plans.portfolio, &self.plans.diagnostics)
            .with_derived(&self.derived)
    }

    /// What the board marks on a deliverable (its derived state and its
    /// forecast's slip); `None` for an address this load does not have.
    pub fn mark(&self, r: DeliverableRef) -> Option<super::theme::Mark> {
        self.mark_at(self.derived.graph.get_index(r)?)
    }

    /// [`Snapshot::mark`] by the hand-off graph's dense number.
    pub fn mark_at(&self, i: usize) -> Option<super::theme::Mark> {
        let marks = *self.derived.marks.get(i)?;
        let slip = self.derived.forecast.item(i).map_or(0, |f| f.slip);
        Some(super::theme::Mark { marks, slip })
    }

    /// Whether the board can show a deliverable: the plans have it, or the
    /// review's base had it.
    pub fn knows(&self, key: &ItemKey) -> bool {
        key.resolve(&self.plans.portfolio).is_some()
            || self
                .review
                .as_ref()
                .is_some_and(|r| r.removed.contains_key(key))
    }

    /// Whether the plans still have a selection's item (it may have left
    /// the list it was selected in all the same).
    pub fn has(&self, s: &Selected) -> bool {
        let p = &self.plans.portfolio;
        match s {
            Selected::Deliverable(k) => self.knows(k),
            Selected::Person(id) => p.person(id).is_some(),
            Selected::Program(id) => p.program(id).is_some(),
            Selected::Metric { program, id } => p
                .program(program)
                .is_some_and(|x| x.metrics.iter().any(|m| m.id == *id)),
            Selected::Measure { id, .. } => p
                .programs
                .iter()
                .any(|x| x.metrics.iter().any(|m| m.id == *id)),
            Selected::Problem { .. } | Selected::Change { .. } => false,
        }
    }
}

/// The changes from `base` to the loaded plans.
fn review_against(opts: &LoadOptions, plans: &Plans, base: &str) -> Result<Review, LoadError> {
    let mut opts = opts.clone();
    opts.rev = Some(base.to_string());
    let old = load(&opts)?;
    let changes = crate::review::compare(&old.portfolio, &plans.portfolio);
    Ok(Review::new(base.to_string(), changes, &old.portfolio))
}

/// Does a deliverable match a lower-case query: id, title, owner's name,
/// role and org, note.
pub(super) fn matches(data: &Snapshot, r: DeliverableRef, q: &str) -> bool {
    let portfolio = &data.plans.portfolio;
    let Some(d) = portfolio.get_deliverable(r) else {
        return false;
    };
    let hit = |s: &str| s.to_lowercase().contains(q);
    hit(&d.id)
        || hit(&d.title)
        || d.note.as_deref().is_some_and(hit)
        || hit(&d.owner)
        || portfolio.person(&d.owner).is_some_and(|p| {
            hit(&p.name) || p.role.as_deref().is_some_and(hit) || p.org.as_deref().is_some_and(hit)
        })
}
