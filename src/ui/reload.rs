//! A reload: new data in, the view, the program, every view's selection
//! and the focus found again by identity ([`super::selection`]). What is
//! gone is replaced by its nearest neighbour, and the status line says so:
//! "spring-launch/copy is gone; selected spring-launch/build".

use super::app::{App, Overlay, Snapshot};
use super::selection::{ItemKey, Selected, reselect};
use super::views::{View, rings};
use crate::model::{DeliverableRef, Portfolio};

/// "X is gone; selected Y": what the status line says when a selection's
/// item is gone from the plans, or, still in them, from the list shown (a
/// filtered table, the people with open work).
fn gone(what: &str, still_there: bool, now: Option<String>) -> String {
    let went = if still_there {
        "is no longer listed"
    } else {
        "is gone"
    };
    match now {
        Some(now) => format!("{what} {went}; selected {now}"),
        None => format!("{what} {went}"),
    }
}

/// A view's list before a reload: its items by identity, or for the
/// Deliverables table its rows in the old load (made ids only when the
/// selection is not found where it was).
enum Before {
    Keys(Vec<Selected>),
    Rows(Vec<DeliverableRef>),
}

impl Before {
    /// The item at `i`, by identity (`old`: the load it was in).
    fn at(&self, i: usize, old: &Portfolio) -> Option<Selected> {
        match self {
            Before::Keys(keys) => keys.get(i).cloned(),
            Before::Rows(rows) => rows
                .get(i)
                .and_then(|&r| ItemKey::of(old, r))
                .map(Selected::Deliverable),
        }
    }

    fn keys(&self, old: &Portfolio) -> Vec<Selected> {
        match self {
            Before::Keys(keys) => keys.clone(),
            Before::Rows(rows) => rows
                .iter()
                .filter_map(|&r| ItemKey::of(old, r).map(Selected::Deliverable))
                .collect(),
        }
    }
}

impl App {
    /// A view's item at `i`, by identity; for the table without making
    /// the ids of every row.
    fn key_at(&self, view: View, i: usize) -> Option<Selected> {
        match view {
            View::Deliverables => self
                .deliverables
                .rows
                .get(i)
                .and_then(|&r| ItemKey::of(&self.data.plans.portfolio, r))
                .map(Selected::Deliverable),
            v => self.view_keys(v).into_iter().nth(i),
        }
    }

    /// Replaces the loaded data, keeping the view, the program and each
    /// selection (by identity) where they still exist; otherwise the
    /// nearest item is selected. Returns what the status line should say
    /// (what is gone, in the view on screen and the focus), and shows it.
    pub fn reload(&mut self, data: Snapshot) -> Vec<String> {
        let program_before = self.program_id();
        let focus_before = self.focus.clone();
        let before: Vec<(View, Before, usize)> = View::ALL
            .into_iter()
            .map(|v| {
                let was = match v {
                    // 20,000 rows: their ids only if the selection moved.
                    View::Deliverables => Before::Rows(self.deliverables.rows.clone()),
                    v => Before::Keys(self.view_keys(v)),
                };
                (v, was, *self.cursor_of(v))
            })
            .collect();
        let series = std::mem::take(&mut self.data.series);
        let review = self.data.review.take();
        let old = std::mem::replace(&mut self.data, data);
        self.data.series = series;
        if self.data.review.is_none() && review.is_some() {
            self.data.set_review(review);
        }
        let mut notes = Vec::new();
        let program_gone = self.find_program(program_before.as_deref(), &mut notes);
        if let Some(id) = &self.deliverables.program
            && self.data.plans.portfolio.program_index(id).is_none()
            && self.view == View::Deliverables
        {
            notes.push(format!("program {id} is gone; showing all programs"));
        }
        self.deliverables.reload(&self.data);
        self.mywork.rebuild(&self.data);
        for (view, was, cursor) in &before {
            if *view == View::Handoffs || (*view == View::Rings && program_gone) {
                continue;
            }
            let selected = was.at(*cursor, &old.plans.portfolio);
            if selected.is_some() && selected == self.key_at(*view, *cursor) {
                *self.cursor_of(*view) = *cursor;
                continue;
            }
            let old_keys = was.keys(&old.plans.portfolio);
            let new_keys = self.view_keys(*view);
            let r = reselect(&old_keys, *cursor, &new_keys);
            *self.cursor_of(*view) = r.index;
            if r.gone && *view == self.view {
                let was = &old_keys[*cursor];
                let now = new_keys
                    .get(r.index)
                    .map(|k| k.label(&self.data.plans.portfolio));
                notes.push(gone(
                    &was.label(&old.plans.portfolio),
                    self.exists(was),
                    now,
                ));
            }
        }
        let focus_gone = self.refocus(&old);
        self.sync_focus();
        if let Some(key) = focus_gone
            && !notes.iter().any(|n| n.contains(&format!("{key} is gone")))
        {
            let now = self.focus.as_ref().map(ItemKey::to_string);
            notes.push(gone(&key.to_string(), false, now));
        }
        if self.focus.is_none() && self.overlay == Overlay::Detail {
            self.overlay = Overlay::None;
        }
        self.keep_handoffs_line(&before, &focus_before, &old, &mut notes);
        self.keep_person(&mut notes);
        if let Some((key, _)) = &self.history
            && !self.known(key)
        {
            self.history = None;
        }
        if !notes.is_empty() {
            self.message = Some(notes.join(" · "));
        }
        // Freed after the next frame is drawn (see `App::retired`).
        self.retired = Some(Box::new(old));
        notes
    }

    /// The program shown, found again by id; true (and a note) when it is
    /// gone and the first program is shown instead.
    fn find_program(&mut self, before: Option<&str>, notes: &mut Vec<String>) -> bool {
        let p = &self.data.plans.portfolio;
        let found = before.map(|id| {
            p.program_index(id)
                .and_then(|i| self.data.programs.iter().position(|&x| x == i))
        });
        match (before, found) {
            (_, Some(Some(k))) => {
                self.program = k;
                false
            }
            (Some(id), _) => {
                self.program = 0;
                self.rings = rings::State::default();
                notes.push(match self.program_id() {
                    Some(now) => format!("program {id} is gone; showing {now}"),
                    None => format!("program {id} is gone"),
                });
                true
            }
            (None, _) => {
                self.program = 0;
                false
            }
        }
    }

    /// A focus the plans no longer have moves to its nearest neighbour in
    /// file order (the next deliverable of its file, else the previous,
    /// else a neighbouring file's). The focus that was gone, if it was.
    fn refocus(&mut self, old: &Snapshot) -> Option<ItemKey> {
        let key = self.focus.clone()?;
        if self.known(&key) {
            return None;
        }
        let keys = |p: &crate::model::Portfolio| -> Vec<ItemKey> {
            p.deliverable_refs()
                .filter_map(|r| ItemKey::of(p, r))
                .collect()
        };
        let (old_keys, new_keys) = (keys(&old.plans.portfolio), keys(&self.data.plans.portfolio));
        self.focus = old_keys
            .iter()
            .position(|k| *k == key)
            .map(|at| reselect(&old_keys, at, &new_keys))
            .and_then(|r| new_keys.get(r.index).cloned());
        Some(key)
    }

    /// Whether the plans still have a selection's item (it may have left
    /// the list it was selected in all the same).
    fn exists(&self, s: &Selected) -> bool {
        let p = &self.data.plans.portfolio;
        match s {
            Selected::Deliverable(k) => self.known(k),
            Selected::Person(id) => p.person(id).is_some(),
            Selected::Program(id) => p.program(id).is_some(),
            Selected::Metric { program, id } => p
                .program(program)
                .is_some_and(|x| x.metrics.iter().any(|m| m.id == *id)),
            Selected::Problem { .. } | Selected::Change { .. } => false,
        }
    }

    /// The Hand-offs view keeps its selected line while its focus stays;
    /// a line gone from the chain selects its neighbour, and says so.
    fn keep_handoffs_line(
        &mut self,
        before: &[(View, Before, usize)],
        focus_before: &Option<ItemKey>,
        old: &Snapshot,
        notes: &mut Vec<String>,
    ) {
        if self.focus != *focus_before {
            self.handoffs.cursor = 0;
            return;
        }
        let Some((_, was, cursor)) = before.iter().find(|(v, _, _)| *v == View::Handoffs) else {
            return;
        };
        let old_keys = was.keys(&old.plans.portfolio);
        let new_keys = self.view_keys(View::Handoffs);
        let r = reselect(&old_keys, *cursor, &new_keys);
        self.handoffs.cursor = r.index;
        if r.gone && self.view == View::Handoffs {
            let was = &old_keys[*cursor];
            let now = new_keys
                .get(r.index)
                .map(|k| k.label(&self.data.plans.portfolio));
            let still = self.exists(was);
            let what = was.label(&old.plans.portfolio);
            notes.push(if still {
                format!(
                    "{what} is no longer in this chain; selected {}",
                    now.unwrap_or_default()
                )
            } else {
                gone(&what, false, now)
            });
        }
    }

    /// The person pane closes when its person is gone from the roster.
    fn keep_person(&mut self, notes: &mut Vec<String>) {
        let Some(id) = &self.person else { return };
        if self.data.plans.portfolio.person(id).is_some() {
            return;
        }
        if self.overlay == Overlay::Person {
            self.overlay = Overlay::None;
            notes.push(format!("{id} is gone"));
        }
        self.person = None;
    }
}
