//! Changes (review mode): every change against the base revision, as
//! sentences, removed items struck through; Enter opens the item (a
//! removed deliverable as the base had it).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::review::Kind;
use crate::ui::action::Action;
use crate::ui::list::ListLayout;
use crate::ui::list::{seek, step};
use crate::ui::paint::{clip, put};
use crate::ui::selection::{ItemKey, Selected};
use crate::ui::snapshot::Snapshot;
use crate::ui::theme::Theme;

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
