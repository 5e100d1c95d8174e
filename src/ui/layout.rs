//! Where everything goes on the screen, worked out from the tabs, the
//! view's list and the terminal's size before drawing
//! ([`FrameLayout::new`], [`App::layout`]). Drawing places what it draws by
//! it, and the event loop keeps the last one to hit-test mouse clicks
//! against what is on screen. Pure: no I/O, no mutation.
//!
//! [`App::layout`]: super::app::App::layout

use ratatui::layout::{Position, Rect};

use super::action::ViewId;
use super::fit::{truncate, width};
use super::list::ListLayout;

/// Below this the board shows a message instead of a broken layout.
pub(super) const MIN_WIDTH: u16 = 60;
pub(super) const MIN_HEIGHT: u16 = 15;

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
    /// The hints that fit ("? help  q quit", or "? help" alone: the way
    /// to the help is always on screen).
    pub hint_text: String,
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
    /// The view's name ("Deliverables"), which a narrow screen cuts.
    pub name: String,
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
    /// `tabs` and the key `hints` beside them (the first is kept when
    /// they do not all fit), a status line of `status_rows` rows (see
    /// [`status_rows`]); `list` says where the view's list goes in the
    /// body, if it has one.
    pub fn new(
        area: Rect,
        bar: (&[Tab], &[String]),
        status_rows: u16,
        list: impl FnOnce(Rect) -> Option<ListLayout>,
    ) -> FrameLayout {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return FrameLayout {
                area,
                too_small: true,
                ..FrameLayout::default()
            };
        }
        let (tabs, hints) = bar;
        let status_rows = status_rows.clamp(1, max_status_rows(area.height));
        let mut placed = Vec::new();
        let (labels, gap, hint_text) = tab_labels(tabs, hints, area.width as usize);
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
            height: area.height - 1 - status_rows,
            ..area
        };
        FrameLayout {
            area,
            too_small: false,
            tabs: placed,
            tab_labels,
            hints: Rect::new(hints_x, area.y, area.right() - hints_x, 1),
            hint_text,
            body,
            status: Rect {
                y: area.bottom() - status_rows,
                height: status_rows,
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

/// The most rows the status line takes on a screen `height` rows high: a
/// warning or a refusal wraps rather than lose its reason (until the next
/// key), but the view keeps three quarters of the screen.
pub(super) fn max_status_rows(height: u16) -> u16 {
    (height / 4).clamp(2, 6)
}

/// The tab labels, the gap between tabs and the hints beside them, as
/// wide as fits with the hints: " 2 Deliverables " each; else "2
/// Deliverables" one column apart; then the first hint alone ("? help":
/// the way to the help is never cut); else the view shown by name and
/// the others by their key alone.
fn tab_labels(tabs: &[Tab], hints: &[String], room: usize) -> (Vec<String>, u16, String) {
    let full: Vec<String> = tabs.iter().map(|t| t.label.clone()).collect();
    let compact: Vec<String> = full.iter().map(|l| l.trim().to_string()).collect();
    let keys: Vec<String> = tabs
        .iter()
        .zip(&compact)
        .map(|(t, label)| t.key.clone().unwrap_or_else(|| label.clone()))
        .collect();
    let all = hints.join("  ");
    let first = hints.first().cloned().unwrap_or_default();
    // Tabs `gap` apart, then a column, then the hints.
    let fits = |labels: &[String], gap: usize, hint: &str| {
        let tabs = labels.iter().map(|l| width(l) + gap).sum::<usize>();
        let hint = if hint.is_empty() { 0 } else { width(hint) + 1 };
        tabs + hint <= room
    };
    for (labels, gap, hint) in [(&full, 0, &all), (&compact, 1, &all), (&compact, 1, &first)] {
        if fits(labels, gap as usize, hint) {
            return (labels.clone(), gap, hint.clone());
        }
    }
    // The other views' names cut ("2 Deli… 3 Time…"), as long as fits.
    let longest = tabs.iter().map(|t| width(&t.name)).max().unwrap_or(0);
    for keep in (4..longest).rev() {
        let cut: Vec<String> = tabs
            .iter()
            .zip(&compact)
            .map(|(t, label)| match &t.key {
                Some(key) => format!("{key} {}", truncate(&t.name, keep)),
                None => label.clone(),
            })
            .collect();
        if fits(&cut, 1, &first) {
            return (cut, 1, first);
        }
    }
    for hint in [&all, &first] {
        if fits(&keys, 1, hint) {
            return (keys, 1, hint.clone());
        }
    }
    (keys, 1, first)
}
