//! Changes (review mode): every change against the base revision, as
//! sentences, removed items struck through; Enter opens the item (a
//! removed deliverable as the base had it).

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::{clip, put};
use crate::model::{Deliverable, DeliverableRef, Portfolio};
use crate::review::{Change, Kind};
use crate::ui::keymap::Action;
use crate::ui::list::ListLayout;
use crate::ui::list::{seek, step};
use crate::ui::selection::{ItemKey, Selected};
use crate::ui::snapshot::Snapshot;
use crate::ui::theme::Theme;

/// The base of a review and what changed since it.
#[derive(Clone, Debug, Default)]
pub struct Review {
    /// How the base was named (`main`, `HEAD~3`).
    pub base: String,
    pub changes: Vec<Change>,
    /// The words to mark each changed deliverable with.
    pub marks: HashMap<(String, String), &'static str>,
    /// The deliverables the base had and the plans no longer have, as the
    /// base had them (their details stay readable).
    pub removed: HashMap<ItemKey, RemovedDeliverable>,
}

/// A deliverable of the base that is gone from the plans.
#[derive(Clone, Debug)]
pub struct RemovedDeliverable {
    pub program: String,
    pub program_name: String,
    pub owner_name: String,
    pub path: Arc<str>,
    pub deliverable: Deliverable,
}

impl Review {
    /// The review of `changes` from `base` (the revision's name), with
    /// what is needed of the `old` plans (those of the base).
    pub fn new(base: String, changes: Vec<Change>, old: &Portfolio) -> Review {
        let mut marks = HashMap::new();
        for c in &changes {
            let word = match c.kind {
                Kind::DeliverableAdded => "NEW",
                Kind::DeliverableChanged => "CHG",
                _ => continue,
            };
            if let (Some(p), Some(id)) = (&c.program, &c.id) {
                marks.entry((p.clone(), id.clone())).or_insert(word);
            }
        }
        let removed = changes
            .iter()
            .filter(|c| c.kind == Kind::DeliverableRemoved)
            .filter_map(|c| {
                let key = ItemKey {
                    program: c.program.clone()?,
                    id: c.id.clone()?,
                };
                let at = old.find_deliverable(&key.program, &key.id)?;
                let (prog, deliverable) = (&old.programs[at.program], old.deliverable(at).clone());
                let item = RemovedDeliverable {
                    program: prog.id.clone(),
                    program_name: prog.name.clone(),
                    owner_name: old.person_name(&deliverable.owner).to_string(),
                    path: prog.path.clone(),
                    deliverable,
                };
                Some((key, item))
            })
            .collect();
        Review {
            base,
            changes,
            marks,
            removed,
        }
    }

    /// The changes about one item (`program`, `id`), as short phrases:
    /// `due 2027-02-10 → 2027-02-17 (+7 days)`.
    pub fn about(&self, program: &str, id: &str) -> Vec<String> {
        self.changes
            .iter()
            .filter(|c| c.program.as_deref() == Some(program) && c.id.as_deref() == Some(id))
            .map(crate::review::words::short)
            .collect()
    }

    /// `NEW`, `CHG` or nothing for a deliverable of the loaded plans.
    pub fn mark(&self, data: &Snapshot, r: DeliverableRef) -> Option<&'static str> {
        self.mark_in(&data.plans.portfolio, r)
    }

    /// [`Review::mark`] for a deliverable of `p`.
    pub fn mark_in(&self, p: &Portfolio, r: DeliverableRef) -> Option<&'static str> {
        let key = ItemKey::of(p, r)?;
        self.marks.get(&(key.program, key.id)).copied()
    }
}

#[derive(Clone, Debug, Default)]
pub struct State {
    pub cursor: usize,
}

impl State {
    pub fn act(&mut self, a: Action, data: &Snapshot, page: usize) {
        let n = data.review.as_ref().map_or(0, |r| r.changes.len());
        self.cursor = step(self.cursor, n, a, page);
    }

    /// The deliverable the selected change is about: in the plans, or
    /// removed from them (then the review has it as the base had it).
    pub fn target(&self, data: &Snapshot) -> Option<ItemKey> {
        let review = data.review.as_ref()?;
        let c = review.changes.get(self.cursor)?;
        let about_a_deliverable = matches!(
            c.kind,
            Kind::DeliverableAdded | Kind::DeliverableChanged | Kind::DeliverableRemoved
        );
        let key = ItemKey {
            program: c.program.clone()?,
            id: c.id.clone()?,
        };
        let known =
            key.resolve(&data.plans.portfolio).is_some() || review.removed.contains_key(&key);
        (about_a_deliverable && known).then_some(key)
    }

    /// The changes by identity, in order.
    pub fn keys(data: &Snapshot) -> Vec<Selected> {
        data.review.as_ref().map_or_else(Vec::new, |r| {
            r.changes.iter().map(Selected::change).collect()
        })
    }

    pub fn find(&mut self, data: &Snapshot, q: &str, forward: bool, skip: bool) -> bool {
        let Some(review) = &data.review else {
            return false;
        };
        let hit = |i: usize| review.changes[i].sentence().to_lowercase().contains(q);
        seek(&mut self.cursor, review.changes.len(), forward, skip, hit)
    }
}

/// The changes: below the summary line; none outside review mode.
pub fn list(state: &State, data: &Snapshot, body: Rect) -> Option<ListLayout> {
    let review = data.review.as_ref()?;
    ListLayout::below(body, 1, state.cursor, review.changes.len())
}

pub fn draw(
    state: &State,
    data: &Snapshot,
    theme: &Theme,
    area: Rect,
    list: Option<&ListLayout>,
    buf: &mut Buffer,
) {
    let area = clip(area, buf);
    let w = area.width as usize;
    let Some(review) = &data.review else {
        put(
            buf,
            area.x,
            area.y,
            "Not a review: start with `ringboard --base REV` or `ringboard review FROM..TO`.",
            w,
            theme.dim(),
        );
        return;
    };
    let Some(list) = list else { return };
    let summary = format!(
        "Changes since {}: {} (Enter: go to the item, L: its history)",
        review.base,
        crate::review::render::summary(&review.changes)
    );
    put(buf, area.x, area.y, &summary, w, theme.title());
    for (y, i) in list.visible() {
        let Some(c) = review.changes.get(i) else {
            break;
        };
        let removed = matches!(
            c.kind,
            Kind::DeliverableRemoved
                | Kind::ProgramRemoved
                | Kind::MetricRemoved
                | Kind::MilestoneRemoved
                | Kind::PersonRemoved
                | Kind::TeamLeft
        );
        let style = if i == state.cursor {
            theme.selected()
        } else if removed {
            theme.dim().add_modifier(Modifier::CROSSED_OUT)
        } else {
            Default::default()
        };
        put(buf, area.x, y, &c.sentence(), w, style);
    }
}
