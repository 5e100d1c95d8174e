//! Changes (review mode): every change against the base revision, as
//! sentences, removed items struck through; Enter opens the item (a
//! removed deliverable as the base had it).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::review::Kind;
use crate::review::words::sentence;
use crate::ui::action::{Topic::*, ViewId};
use crate::ui::list::{ListLayout, seek};
use crate::ui::paint::put;
use crate::ui::selection::{ItemKey, Selected};
use crate::ui::view::{Shared, View, ViewKind};

impl ViewId {
    pub const CHANGES: ViewId = ViewId::new("changes");
}

pub(crate) static KIND: ViewKind = ViewKind {
    id: ViewId::CHANGES,
    name: "Changes",
    help: "Changes view (review mode)",
    takes: &[Move, Search, Details, History, Edit, Editor],
    review_only: true,
    make: || Box::new(Changes::default()),
};

#[derive(Clone, Debug, Default)]
pub(crate) struct Changes {
    pub cursor: usize,
}

impl View for Changes {
    fn kind(&self) -> &'static ViewKind {
        &KIND
    }

    fn cursor(&self) -> usize {
        self.cursor
    }

    fn set_cursor(&mut self, at: usize) {
        self.cursor = at;
    }

    fn len(&self, s: &Shared) -> usize {
        s.data.review.as_ref().map_or(0, |r| r.changes.len())
    }

    /// The changes by identity, in order.
    fn keys(&self, s: &Shared) -> Vec<Selected> {
        s.data.review.as_ref().map_or_else(Vec::new, |r| {
            r.changes.iter().map(Selected::change).collect()
        })
    }

    /// The deliverable the selected change is about: in the plans, or
    /// removed from them (then the review has it as the base had it).
    fn target(&self, s: &Shared) -> Option<ItemKey> {
        let review = s.data.review.as_ref()?;
        let c = review.changes.get(self.cursor)?;
        let about_a_deliverable = matches!(
            c.kind,
            Kind::DeliverableAdded | Kind::DeliverableChanged | Kind::DeliverableRemoved
        );
        let key = ItemKey {
            program: c.program.clone()?,
            id: c.id.clone()?,
        };
        (about_a_deliverable && s.data.knows(&key)).then_some(key)
    }

    fn sets_focus(&self) -> bool {
        true
    }

    fn find(&mut self, s: &Shared, q: &str, forward: bool, skip: bool) -> bool {
        let Some(review) = &s.data.review else {
            return false;
        };
        let hit = |i: usize| sentence(&review.changes[i]).to_lowercase().contains(q);
        seek(&mut self.cursor, review.changes.len(), forward, skip, hit)
    }

    /// The changes: below the summary line; none outside review mode.
    fn list(&self, s: &Shared, body: Rect) -> Option<ListLayout> {
        let review = s.data.review.as_ref()?;
        ListLayout::below(body, 1, self.cursor, review.changes.len())
    }

    fn draw(&self, s: &Shared, area: Rect, list: Option<&ListLayout>, buf: &mut Buffer) {
        let w = area.width as usize;
        let Some(review) = &s.data.review else {
            put(
                buf,
                area.x,
                area.y,
                "Not a review: start with `ringboard --base REV` or `ringboard review FROM..TO`.",
                w,
                s.theme.dim(),
            );
            return;
        };
        let Some(list) = list else { return };
        let theme = s.theme;
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
            let style = if i == self.cursor {
                theme.selected()
            } else if removed {
                theme.dim().add_modifier(Modifier::CROSSED_OUT)
            } else {
                Default::default()
            };
            put(buf, area.x, y, &sentence(c), w, style);
        }
    }
}
