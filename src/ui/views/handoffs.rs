//! Hand-offs: for the focused deliverable, what it waits for (upstream,
//! transitively), who waits for it (downstream), across programs, and its
//! critical path ([`Derived::critical_path`]), which decides whether it can
//! be done by the program's next milestone.
//!
//! The chain can be walked: `j`/`k` select a line of the focus or its
//! trees, Enter on another deliverable re-centres the view on it (Enter on
//! the focus opens its details). The lines scroll with the selection.
//!
//! [`Derived::critical_path`]: crate::derive::Derived::critical_path

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::graph::Direction;
use crate::model::DeliverableRef;
use crate::ui::action::{Action, Topic::*, ViewId};
use crate::ui::describe::describe;
use crate::ui::fit::fit_with_tail;
use crate::ui::list::ListLayout;
use crate::ui::paint::put;
use crate::ui::selection::{ItemKey, Selected};
use crate::ui::snapshot::Snapshot;
use crate::ui::theme::Theme;
use crate::ui::view::{ListOf, Reply, Shared, View, ViewKind};

impl ViewId {
    pub const HANDOFFS: ViewId = ViewId::new("handoffs");
}

pub(crate) static KIND: ViewKind = ViewKind {
    id: ViewId::HANDOFFS,
    name: "Hand-offs",
    help: "Hand-offs view",
    // The focus is chosen in Rings, Deliverables or Changes, and moved
    // along its chain here.
    takes: &[Move, Details, History, Edit, Editor],
    review_only: false,
    make: || Box::new(Handoffs::default()),
};

/// How many lines a tree lists, each way.
const TREE_LIMIT: usize = 500;

/// The selection: an index into [`entries`] (0 is the focus itself).
#[derive(Clone, Debug, Default)]
pub(crate) struct Handoffs {
    pub cursor: usize,
}

/// The deliverables the view lists, in screen order, as dense numbers:
/// the focus, then its upstream tree, then its downstream tree.
pub(crate) fn entries(data: &Snapshot, focus: DeliverableRef) -> Vec<usize> {
    let g = &data.derived.graph;
    let Some(start) = g.get_index(focus) else {
        return Vec::new();
    };
    let up = g.tree(start, Direction::Upstream, TREE_LIMIT);
    let down = g.tree(start, Direction::Downstream, TREE_LIMIT);
    std::iter::once(start)
        .chain(up.into_iter().map(|(_, i)| i))
        .chain(down.into_iter().map(|(_, i)| i))
        .collect()
}

impl View for Handoffs {
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
        s.focus_ref().map_or(0, |f| entries(s.data, f).len())
    }

    fn keys(&self, s: &Shared) -> Vec<Selected> {
        let p = &s.data.plans.portfolio;
        s.focus_ref().map_or_else(Vec::new, |f| {
            entries(s.data, f)
                .into_iter()
                .filter_map(|i| ItemKey::of(p, s.data.derived.graph.deliverable(i)))
                .map(Selected::Deliverable)
                .collect()
        })
    }

    /// The selected line's deliverable; on the first line the focus, even
    /// one only the review's base has.
    fn target(&self, s: &Shared) -> Option<ItemKey> {
        if self.cursor == 0 {
            return s.focus.filter(|k| s.data.knows(k)).cloned();
        }
        let i = *entries(s.data, s.focus_ref()?).get(self.cursor)?;
        ItemKey::of(&s.data.plans.portfolio, s.data.derived.graph.deliverable(i))
    }

    fn list_of(&self) -> ListOf {
        ListOf::Focus
    }

    /// Enter on another line than the focus: the chain re-centred on it.
    fn act(&mut self, a: Action, s: &Shared) -> Reply {
        if a != Action::Open || self.cursor == 0 {
            return Reply::Pass;
        }
        match self.target(s) {
            Some(key) => {
                self.cursor = 0;
                Reply::Centre(key)
            }
            None => Reply::Say("details: no deliverable selected".to_string()),
        }
    }

    /// The chain of the focus; a focus only the review's base has has none.
    fn draw(&self, s: &Shared, area: Rect, _list: Option<&ListLayout>, buf: &mut Buffer) {
        match (s.focus, s.focus_ref(), &s.data.review) {
            (Some(key), None, Some(review)) if review.removed.contains_key(key) => {
                let text = format!(
                    "{key} was removed since {}: it has no hand-offs now (Enter: as {} had it)",
                    review.base, review.base
                );
                put(
                    buf,
                    area.x,
                    area.y,
                    &text,
                    area.width as usize,
                    s.theme.dim(),
                );
            }
            (_, focus, _) => draw(self, focus, s.data, s.theme, area, buf),
        }
    }
}

/// A line of the view: text, its marks, style, and which entry it shows.
struct Line {
    text: String,
    marks: String,
    style: Style,
    entry: Option<usize>,
}

fn lines(data: &Snapshot, focus: DeliverableRef, theme: &Theme) -> Vec<Line> {
    let g = &data.derived.graph;
    let Some(start) = g.get_index(focus) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut entry = 0;
    // The need whose forecast decides the focus's forecast (said on its
    // line among what the focus waits for).
    let decider = data.derived.forecast.item(start).and_then(|f| f.cause);
    let mut item = |out: &mut Vec<Line>, prefix: String, i: usize, style: Style, decides: bool| {
        let (text, mut marks) = describe(data, i);
        if let Some(f) = data.derived.forecast.item(i) {
            marks.push_str(&format!(" · forecast {}", f.date.strftime("%m-%d")));
        }
        if decides {
            marks.push_str(" · decides the forecast");
        }
        out.push(Line {
            text: format!("{prefix}{text}"),
            marks,
            style,
            entry: Some(entry),
        });
        entry += 1;
    };
    let heading = |text: String| Line {
        text,
        marks: String::new(),
        style: theme.title(),
        entry: None,
    };
    item(&mut out, String::new(), start, theme.title(), false);
    let up = g.tree(start, Direction::Upstream, TREE_LIMIT);
    out.push(heading(format!("Waits for ({}):", up.len())));
    if up.is_empty() {
        out.push(Line {
            style: theme.dim(),
            ..heading("  nothing".to_string())
        });
    }
    for (depth, i) in up {
        let style = theme.mark(&data.mark_at(i).unwrap_or_default());
        let decides = Some(i) == decider;
        item(
            &mut out,
            format!("{}<- ", "  ".repeat(depth)),
            i,
            style,
            decides,
        );
    }
    let down = g.tree(start, Direction::Downstream, TREE_LIMIT);
    out.push(heading(format!("Needed by ({}):", down.len())));
    if down.is_empty() {
        out.push(Line {
            style: theme.dim(),
            ..heading("  nobody".to_string())
        });
    }
    for (depth, i) in down {
        let style = theme.mark(&data.mark_at(i).unwrap_or_default());
        item(
            &mut out,
            format!("{}-> ", "  ".repeat(depth)),
            i,
            style,
            false,
        );
    }
    let p = &data.plans.portfolio;
    let path = data.derived.critical_path(p, start);
    let prog = &p.programs[focus.program];
    let due = p.get_deliverable(focus).map(|d| d.due);
    let verdict = match prog.next_milestone(data.today()) {
        Some(m) if due.is_some_and(|d| d > m.date) => {
            format!("due after the next milestone \"{}\" ({})", m.name, m.date)
        }
        Some(m) => format!("due before the next milestone \"{}\" ({})", m.name, m.date),
        None => "no milestone ahead".to_string(),
    };
    let steps = path.len().saturating_sub(1);
    let unit = if steps == 1 { "step" } else { "steps" };
    out.push(heading(format!(
        "Critical path ({steps} {unit}, {verdict}):"
    )));
    for &i in path.iter().skip(1) {
        let (text, marks) = describe(data, i);
        out.push(Line {
            text: format!("  <- {text}"),
            marks,
            style: theme.mark(&data.mark_at(i).unwrap_or_default()),
            entry: None,
        });
    }
    out
}

fn draw(
    state: &Handoffs,
    focus: Option<DeliverableRef>,
    data: &Snapshot,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let w = area.width as usize;
    let Some(focus) = focus else {
        put(
            buf,
            area.x,
            area.y,
            "Select a deliverable in Rings (1) or Deliverables (2).",
            w,
            theme.dim(),
        );
        return;
    };
    let lines = lines(data, focus, theme);
    let height = area.height as usize;
    // Scrolled so that the selected line shows, the top kept while it can.
    let at = lines
        .iter()
        .position(|l| l.entry == Some(state.cursor))
        .unwrap_or(0);
    let first = at
        .saturating_sub(height.saturating_sub(2))
        .min(lines.len().saturating_sub(height));
    for (row, line) in lines.iter().skip(first).take(height).enumerate() {
        let style = if line.entry == Some(state.cursor) {
            theme.selected()
        } else {
            line.style
        };
        let text = fit_with_tail(&line.text, &line.marks, w);
        put(buf, area.x, area.y + row as u16, &text, w, style);
    }
}
