//! Where everything goes on the screen, worked out from the state and the
//! terminal's size before drawing ([`FrameLayout::new`]). Drawing places
//! what it draws by it, and the event loop keeps the last one to hit-test
//! mouse clicks against what is on screen. Pure: no I/O, no mutation.

use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::app::App;
use super::list::ListLayout;
use super::text::width;
use super::views::{self, View};

/// Below this the board shows a message instead of a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// One frame's layout.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrameLayout {
    pub area: Rect,
    /// Smaller than [`MIN_WIDTH`] x [`MIN_HEIGHT`]: only a message is drawn.
    pub too_small: bool,
    /// Each tab and where it is (cut at the right edge; missing past it).
    pub tabs: Vec<(View, Rect)>,
    /// Each tab's label, as wide as the screen allows (see `tab_labels`).
    pub tab_labels: Vec<String>,
    /// The key hints right of the tabs.
    pub hints: Rect,
    /// Between the tab bar and the status line: the view and overlays.
    pub body: Rect,
    pub status: Rect,
    /// The current view's list, when it shows one.
    pub list: Option<ListLayout>,
}

/// What is at a screen position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Tab(View),
    /// An item of the current view's list, by index.
    Item(usize),
}

impl FrameLayout {
    /// The layout of `app` drawn in `area` (already inside the buffer).
    pub fn new(app: &App, area: Rect) -> FrameLayout {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return FrameLayout {
                area,
                too_small: true,
                ..FrameLayout::default()
            };
        }
        let mut tabs = Vec::new();
        let (labels, gap) = tab_labels(app, area.width as usize);
        let mut x = area.x;
        for (v, label) in app.tabs().zip(&labels) {
            let w = (width(label) as u16).min(area.right() - x);
            if w == 0 {
                break;
            }
            tabs.push((v, Rect::new(x, area.y, w, 1)));
            x = (x + w + gap).min(area.right());
        }
        let tab_labels = labels.into_iter().take(tabs.len()).collect();
        let hints_x = (x + 1).min(area.right());
        let body = Rect {
            y: area.y + 1,
            height: area.height - 2,
            ..area
        };
        FrameLayout {
            area,
            too_small: false,
            tabs,
            tab_labels,
            hints: Rect::new(hints_x, area.y, area.right() - hints_x, 1),
            body,
            status: Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            },
            list: list_of(app, body),
        }
    }

    /// The tab or list item at a screen position.
    pub fn hit(&self, col: u16, row: u16) -> Option<Hit> {
        let at = Position::new(col, row);
        if let Some((v, _)) = self.tabs.iter().find(|(_, r)| r.contains(at)) {
            return Some(Hit::Tab(*v));
        }
        self.list.and_then(|l| l.item_at(at)).map(Hit::Item)
    }

    /// Rows a page of the current list holds (PgUp/PgDn), if it has one.
    pub fn page(&self) -> Option<usize> {
        self.list.map(|l| l.rows.height as usize)
    }
}

/// The tab labels and the gap between tabs, as wide as fits: " 2 Deliverables "
/// each; else "2 Deliverables" one column apart; else the view shown by
/// name and the others by their key alone.
fn tab_labels(app: &App, room: usize) -> (Vec<String>, u16) {
    let full: Vec<String> = app.tabs().map(|v| app.tab_label(v)).collect();
    if full.iter().map(|l| width(l)).sum::<usize>() <= room {
        return (full, 0);
    }
    let compact: Vec<String> = full.iter().map(|l| l.trim().to_string()).collect();
    let fits = |labels: &[String]| labels.iter().map(|l| width(l) + 1).sum::<usize>() <= room;
    if fits(&compact) {
        return (compact, 1);
    }
    let keys = app
        .tabs()
        .zip(compact)
        .map(|(v, label)| match app.keymap.first_key(Action::View(v)) {
            Some(key) if v != app.view => key.to_string(),
            _ => label,
        })
        .collect();
    (keys, 1)
}

/// The current view's list: each view knows where its rows start.
fn list_of(app: &App, body: Rect) -> Option<ListLayout> {
    let d = &app.data;
    match app.view {
        View::Deliverables => views::deliverables::list(&app.deliverables, body),
        View::Timeline => views::timeline::list(&app.timeline, d, body),
        View::Metrics => views::metrics::list(&app.metrics, d, body),
        View::Problems => views::problems::list(&app.problems, d, body),
        View::Changes => views::changes::list(&app.changes, d, body),
        // Cards, chains and parts with headings, not lists.
        View::Rings | View::Handoffs | View::MyWork => None,
    }
}
