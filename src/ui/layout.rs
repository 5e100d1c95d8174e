//! Where everything goes on the screen, worked out from the tabs, the
//! view's list and the terminal's size before drawing
//! ([`FrameLayout::new`], [`App::layout`]). Drawing places what it draws by
//! it, and the event loop keeps the last one to hit-test mouse clicks
//! against what is on screen. Pure: no I/O, no mutation.
//!
//! [`App::layout`]: super::app::App::layout

use ratatui::layout::{Position, Rect};

use super::action::ViewId;
use super::list::ListLayout;
use super::text::width;

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
    pub tabs: Vec<(ViewId, Rect)>,
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

/// A tab to place: its view, its label at full width (" 2 Deliverables "),
/// and the key that shows it, for a narrow screen (none for the view
/// shown: it keeps its name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tab {
    pub view: ViewId,
    pub label: String,
    pub key: Option<String>,
}

/// What is at a screen position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Tab(ViewId),
    /// An item of the current view's list, by index.
    Item(usize),
}

impl FrameLayout {
    /// The layout of a frame in `area` (already inside the buffer), with
    /// `tabs`; `list` says where the view's list goes in the body, if it
    /// has one.
    pub fn new(
        area: Rect,
        tabs: &[Tab],
        list: impl FnOnce(Rect) -> Option<ListLayout>,
    ) -> FrameLayout {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return FrameLayout {
                area,
                too_small: true,
                ..FrameLayout::default()
            };
        }
        let mut placed = Vec::new();
        let (labels, gap) = tab_labels(tabs, area.width as usize);
        let mut x = area.x;
        for (tab, label) in tabs.iter().zip(&labels) {
            let w = (width(label) as u16).min(area.right() - x);
            if w == 0 {
                break;
            }
            placed.push((tab.view, Rect::new(x, area.y, w, 1)));
            x = (x + w + gap).min(area.right());
        }
        let tab_labels = labels.into_iter().take(placed.len()).collect();
        let hints_x = (x + 1).min(area.right());
        let body = Rect {
            y: area.y + 1,
            height: area.height - 2,
            ..area
        };
        FrameLayout {
            area,
            too_small: false,
            tabs: placed,
            tab_labels,
            hints: Rect::new(hints_x, area.y, area.right() - hints_x, 1),
            body,
            status: Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            },
            list: list(body),
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
fn tab_labels(tabs: &[Tab], room: usize) -> (Vec<String>, u16) {
    let full: Vec<String> = tabs.iter().map(|t| t.label.clone()).collect();
    if full.iter().map(|l| width(l)).sum::<usize>() <= room {
        return (full, 0);
    }
    let compact: Vec<String> = full.iter().map(|l| l.trim().to_string()).collect();
    let fits = |labels: &[String]| labels.iter().map(|l| width(l) + 1).sum::<usize>() <= room;
    if fits(&compact) {
        return (compact, 1);
    }
    let keys = tabs
        .iter()
        .zip(compact)
        .map(|(t, label)| t.key.clone().unwrap_or(label))
        .collect();
    (keys, 1)
}
