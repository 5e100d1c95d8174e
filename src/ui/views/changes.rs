//! Changes (review mode): every change against the base revision, as
//! sentences, removed items struck through; Enter jumps to the item.

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::{clip, put};
use crate::model::{DeliverableRef, Portfolio};
use crate::review::{Change, Kind};
use crate::ui::keymap::Action;
use crate::ui::layout::ListLayout;
use crate::ui::list::{seek, step};
use crate::ui::snapshot::{Snapshot, find};
use crate::ui::theme::Theme;

/// The base of a review and what changed since it.
#[derive(Clone, Debug, Default)]
pub struct Review {
    /// How the base was named (`main`, `HEAD~3`).
    pub base: String,
    pub changes: Vec<Change>,
    /// The words to mark each changed deliverable with.
    pub marks: HashMap<(String, String), &'static str>,
}

impl Review {
    pub fn new(base: String, changes: Vec<Change>) -> Review {
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
        Review {
            base,
            changes,
            marks,
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
        let key = (
            p.programs[r.program].id.clone(),
            p.deliverable(r).id.clone(),
        );
        self.marks.get(&key).copied()
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

    /// The deliverable the selected change is about, if it still exists.
    pub fn target(&self, data: &Snapshot) -> Option<DeliverableRef> {
        let c = data.review.as_ref()?.changes.get(self.cursor)?;
        find(data, c.program.as_deref()?, c.id.as_deref()?)
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
    if body.height < 2 {
        return None;
    }
    let rows = Rect {
        y: body.y + 1,
        height: body.height - 1,
        ..body
    };
    Some(ListLayout::new(rows, state.cursor, review.changes.len()))
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
