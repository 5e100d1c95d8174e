//! The Timeline's load modes: weeks across, one row per person (or per
//! program), the number of open deliverables due each week in its cell,
//! what is due before the first week shown in an "earlier" column (late
//! work stays in sight), today's week marked, milestones on top
//! (numbered, and named in a legend line), and a person's **crunch**
//! weeks marked `!` (the rule is [`crate::derive::is_crunch`]). In review
//! mode a `*` marks the cells and rows holding a deliverable added or
//! changed since the base.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::state::{Mode, Timeline};
use crate::derive::{monday_of_week, week_of};
use crate::ui::fit::fit;
use crate::ui::list::ListLayout;
use crate::ui::paint::put;
use crate::ui::snapshot::Snapshot;
use crate::ui::theme::Theme;
use crate::ui::weeks::Cell;

pub(super) const LABEL_W: usize = 22;
/// The "earlier" column, after the labels.
pub(super) const EARLIER_W: usize = 8;
/// How far the timeline scrolls from today, in weeks.
pub(super) const MAX_SHIFT: i32 = 5200;
pub(super) const CELL_W: usize = 7;

/// At most this many rows name the milestones.
const LEGEND_ROWS: usize = 3;

/// The first week shown and how many fit in `width` columns.
fn weeks(state: &Timeline, data: &Snapshot, width: u16) -> (i32, i32) {
    let first = week_of(data.today()) - 1 + state.shift;
    let n = (width as usize).saturating_sub(LABEL_W + EARLIER_W) / CELL_W;
    (first, n as i32)
}

/// The milestones of the weeks shown, numbered M1, M2… in date order.
fn milestones_shown<'a>(
    state: &Timeline,
    data: &'a Snapshot,
    width: u16,
) -> Vec<(i32, &'a (String, jiff::civil::Date, String))> {
    let (first, n) = weeks(state, data, width);
    data.timeline
        .milestones
        .range(first..first + n)
        .flat_map(|(&w, list)| list.iter().map(move |m| (w, m)))
        .collect()
}

/// The legend naming the milestones shown, in lines of `width` columns
/// (at most [`LEGEND_ROWS`]; the last one says how many more there are).
fn legend(state: &Timeline, data: &Snapshot, width: u16) -> Vec<String> {
    let shown = milestones_shown(state, data, width);
    if shown.is_empty() {
        return vec!["milestones: none in these weeks".to_string()];
    }
    let names: Vec<String> = shown
        .iter()
        .enumerate()
        .map(|(k, (_, (program, date, name)))| {
            format!("M{} {} {program}: {name}", k + 1, date.strftime("%m-%d"))
        })
        .collect();
    let mut lines: Vec<String> = Vec::new();
    for (k, name) in names.iter().enumerate() {
        let full = lines.len() == LEGEND_ROWS;
        match lines.last_mut() {
            Some(line) if width_of(line) + 3 + width_of(name) <= width as usize => {
                line.push_str(" · ");
                line.push_str(name);
            }
            Some(line) if full => {
                let more = format!(" · and {} more (l scrolls)", names.len() - k);
                *line = crate::ui::fit::fit_with_tail(line, &more, width as usize);
                break;
            }
            _ => lines.push(name.to_string()),
        }
    }
    lines
}

fn width_of(s: &str) -> usize {
    crate::ui::fit::width(s)
}

/// Rows above the list: the title, the weeks, the milestones, and the
/// legend naming them.
pub(super) fn head(state: &Timeline, data: &Snapshot, width: u16) -> u16 {
    3 + legend(state, data, width).len() as u16
}

pub(super) fn draw(
    state: &Timeline,
    data: &Snapshot,
    theme: &Theme,
    area: Rect,
    list: &ListLayout,
    buf: &mut Buffer,
) {
    let rows = state.rows(data);
    let today_week = week_of(data.today());
    let (first, weeks) = weeks(state, data, area.width);
    let w = area.width as usize;
    let changed = data.review.as_ref().map_or(String::new(), |rv| {
        format!(" · * changed since {}", rv.base)
    });
    let title = format!(
        "by {} · cell: open deliverables due that week · ! crunch{changed} · | today · h/l scroll, t: program/plan, Enter: its work",
        if state.mode == Mode::Programs {
            "program"
        } else {
            "person"
        }
    );
    put(buf, area.x, area.y, &title, w, theme.dim());
    // Week headers (Mondays); milestones numbered in date order, named in
    // the legend below.
    let mut header = fit("week of", LABEL_W) + &fit(" earlier", EARLIER_W);
    let mut marks = fit("milestones", LABEL_W + EARLIER_W);
    let shown = milestones_shown(state, data, area.width);
    for k in 0..weeks {
        let w = first + k;
        let monday = monday_of_week(w);
        let sep = if w == today_week { "|" } else { " " };
        header.push_str(&fit(&format!("{sep}{}", monday.strftime("%m-%d")), CELL_W));
        let numbers: Vec<usize> = (1..=shown.len()).filter(|&n| shown[n - 1].0 == w).collect();
        let cell = match numbers.as_slice() {
            [] => String::new(),
            [one] => format!(" M{one}"),
            [from, .., to] => format!(" M{from}-{to}"),
        };
        marks.push_str(&fit(&cell, CELL_W));
    }
    put(buf, area.x, area.y + 1, &header, w, theme.title());
    put(buf, area.x, area.y + 2, &marks, w, theme.warning());
    for (k, line) in legend(state, data, area.width).iter().enumerate() {
        put(buf, area.x, area.y + 3 + k as u16, line, w, theme.warning());
    }
    for (y, i) in list.visible() {
        let Some(row) = rows.get(i) else { break };
        let label_style = if i == state.cursor {
            theme.selected()
        } else {
            Default::default()
        };
        let label = if row.changed {
            format!("* {}", row.label)
        } else {
            row.label.clone()
        };
        put(buf, area.x, y, &fit(&label, LABEL_W), LABEL_W, label_style);
        // Everything due before the first week shown, late work included.
        let earlier = row
            .weeks
            .range(..first)
            .map(|(_, c)| *c)
            .reduce(|a, b| Cell {
                open: a.open + b.open,
                severity: a.severity.max(b.severity),
                crunch: false,
                changed: a.changed || b.changed,
            });
        let x = area.x + LABEL_W as u16;
        let (text, style) = cell_text(earlier, " ", theme);
        put(buf, x, y, &fit(&text, EARLIER_W), EARLIER_W, style);
        for k in 0..weeks {
            let w = first + k;
            let x = area.x + (LABEL_W + EARLIER_W + k as usize * CELL_W) as u16;
            let sep = if w == today_week { "|" } else { " " };
            let (text, style) = cell_text(row.weeks.get(&w).copied(), sep, theme);
            put(buf, x, y, &fit(&text, CELL_W), CELL_W, style);
        }
    }
}

/// A cell's text after `sep` (`.` when empty) and its style by the worst
/// state counted in it.
fn cell_text(cell: Option<Cell>, sep: &str, theme: &Theme) -> (String, ratatui::style::Style) {
    let Some(c) = cell else {
        return (format!("{sep}."), theme.dim());
    };
    let text = format!(
        "{sep}{}{}{}",
        c.open,
        if c.crunch { "!" } else { "" },
        if c.changed { "*" } else { "" }
    );
    let m = crate::derive::Marks {
        late: c.severity == 5,
        blocked: c.severity == 4,
        at_risk: c.severity == 3,
        waiting: c.severity == 2,
        due_soon: c.severity == 1,
        ..Default::default()
    };
    (text, theme.marks(&m))
}
