//! A reload: new data in, the view, the program, every view's selection
//! and the focus found again by identity ([`crate::ui::selection`]). What is
//! gone is replaced by its nearest neighbour, and the status line says so:
//! "spring-launch/copy is gone; selected spring-launch/build".

use super::{App, Overlay, Snapshot};
use crate::ui::selection::{ItemKey, reselect};
use crate::ui::view::{ListOf, Shared, View};

/// "X is gone; selected Y": what the status line says when a selection's
/// item is gone from the plans, or, still in them, from the list shown (a
/// filtered table, the people with open work, the focus's chain).
fn gone(what: &str, still_there: bool, now: Option<String>, list: ListOf) -> String {
    let went = match (still_there, list) {
        (false, _) => "is gone",
        (true, ListOf::Focus) => "is no longer in this chain",
        (true, _) => "is no longer listed",
    };
    match now {
        Some(now) => format!("{what} {went}; selected {now}"),
        None => format!("{what} {went}"),
    }
}

/// Finds a view's selection again in the new data: `was` is the view as
/// it was on the `old` data. The same item where it still is, else its
/// nearest neighbour; what the status line says when the item is gone
/// from the list.
fn find_again(was: &dyn View, old: &Shared, view: &mut dyn View, new: &Shared) -> Option<String> {
    let cursor = was.cursor();
    // Most reloads change a value, not the list: compared at the cursor
    // first, without making every item's key.
    let selected = was.key_at(old, cursor);
    if selected.is_some() && selected == view.key_at(new, cursor) {
        view.set_cursor(cursor);
        return None;
    }
    let (old_keys, new_keys) = (was.keys(old), view.keys(new));
    let r = reselect(&old_keys, cursor, &new_keys);
    view.set_cursor(r.index);
    if !r.gone {
        return None;
    }
    let was = &old_keys[cursor];
    let now = new_keys
        .get(r.index)
        .map(|k| k.label(&new.data.plans.portfolio));
    let what = was.label(&old.data.plans.portfolio);
    Some(gone(&what, new.data.has(was), now, view.list_of()))
}

impl App {
    /// Replaces the loaded data, keeping the view, the program and each
    /// selection (by identity) where they still exist; otherwise the
    /// nearest item is selected. Returns what the status line should say
    /// (what is gone, in the view on screen and the focus), and shows it.
    pub fn reload(&mut self, data: Snapshot) -> Vec<String> {
        let program_before = self.program_id();
        let focus_before = self.focus.clone();
        // The views as they were, to find their selections in the new data.
        let before: Vec<Box<dyn View>> = self.views().iter().map(|v| v.clone_view()).collect();
        let (theme, program) = (self.theme, self.program_index());
        let mut old = std::mem::replace(&mut self.data, data);
        self.data.series = std::mem::take(&mut old.series);
        if self.data.review.is_none() && old.review.is_some() {
            // Data loaded without its review stays in review mode.
            self.data.set_review(old.review.clone());
        }
        let old_shared = Shared {
            data: &old,
            theme: &theme,
            program,
            focus: focus_before.as_ref(),
        };
        let mut notes = Vec::new();
        let program_gone = self.find_program(program_before.as_deref(), &mut notes);
        let shown = self.view();
        let (views, s) = self.parts();
        for (was, view) in before.iter().zip(views.iter_mut()) {
            let mut said: Vec<String> = view.reloaded(&s).into_iter().collect();
            match view.list_of() {
                // Found again once the focus is, below.
                ListOf::Focus => {}
                // At the top of the program shown instead (`find_program`).
                ListOf::Program if program_gone => {}
                _ => said.extend(find_again(&**was, &old_shared, view, &s)),
            }
            if view.kind().id == shown {
                notes.extend(said);
            }
        }
        let focus_gone = self.refocus(&old);
        self.sync_focus();
        if let Some(key) = focus_gone
            && !notes.iter().any(|n| n.contains(&format!("{key} is gone")))
        {
            let now = self.focus.as_ref().map(ItemKey::to_string);
            notes.push(gone(&key.to_string(), false, now, ListOf::Plans));
        }
        if self.focus.is_none() && self.overlay == Overlay::Detail {
            self.overlay = Overlay::None;
        }
        // The lists of the focus keep their line while the focus stays.
        let focus_stays = self.focus == focus_before;
        let (views, s) = self.parts();
        for (was, view) in before.iter().zip(views.iter_mut()) {
            if view.list_of() != ListOf::Focus {
                continue;
            }
            if !focus_stays {
                view.set_cursor(0);
                continue;
            }
            let said = find_again(&**was, &old_shared, view, &s);
            if view.kind().id == shown {
                notes.extend(said);
            }
        }
        self.keep_person(&mut notes);
        if let Some((key, _)) = &self.history
            && !self.known(key)
        {
            self.history = None;
        }
        if let Some((key, _)) = &self.metric_history
            && !self.metric_known(key)
        {
            self.metric_history = None;
            if self.overlay == Overlay::Metric {
                self.overlay = Overlay::None;
            }
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
                self.restart_lists_of(ListOf::Program);
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
