//! The Timeline's plan mode: the picture Gantt charts give, made of text.
//! A row per deliverable under its program (priority order), labelled by
//! its title; its bar `=` from start (or due − work, or the due day) to
//! due, its slip `~` past due to its forecast, late and blocked as words,
//! today's column `|`, milestones as columns `:` named with their state
//! above, and the slip chain of the selected row highlighted.

use std::collections::HashSet;

use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::state::Timeline;
use crate::derive::{days, days_between, monday_of_week, week_of};
use crate::forecast::MilestoneState;
use crate::model::Status;
use crate::ui::fit::{fit, width};
use crate::ui::list::ListLayout;
use crate::ui::paint::put;
use crate::ui::plan_rows::{Bar, PlanRow};
use crate::ui::selection::{ItemKey, Selected};
use crate::ui::snapshot::Snapshot;
use crate::ui::view::Shared;

/// The title column, and the marks column after it.
const LABEL_W: usize = 28;
const MARK_W: usize = 9;
/// At most this many lines name the milestones shown.
const LEGEND_ROWS: usize = 2;

/// The rows by identity: programs, and deliverables.
pub(super) fn keys(data: &Snapshot) -> Vec<Selected> {
    let p = &data.plans.portfolio;
    data.plan()
        .rows
        .iter()
        .map(|row| match row {
            PlanRow::Program(pi) => Selected::Program(p.programs[*pi].id.clone()),
            PlanRow::Item(bar) => Selected::Deliverable(ItemKey {
                program: p.programs[bar.at.program].id.clone(),
                id: p.deliverable(bar.at).id.clone(),
            }),
        })
        .collect()
}

/// Days per column, so that eight weeks or more fit.
fn scale(chart: usize) -> i64 {
    match chart {
        0 => 7,
        w => (56 + w as i64 - 1) / w as i64,
    }
    .clamp(1, 7)
}

/// The chart's columns: the first day shown, days per column, columns.
struct Chart {
    first: Date,
    per: i64,
    cols: usize,
}

impl Chart {
    fn new(state: &Timeline, data: &Snapshot, width: usize) -> Chart {
        let cols = width.saturating_sub(LABEL_W + MARK_W);
        let first = monday_of_week(week_of(data.today()) - 1 + state.shift);
        Chart {
            first,
            per: scale(cols),
            cols,
        }
    }

    /// The column holding `day`, if shown.
    fn col(&self, day: Date) -> Option<usize> {
        let d = i64::from(days_between(self.first, day));
        (d >= 0)
            .then(|| (d / self.per) as usize)
            .filter(|&c| c < self.cols)
    }

    /// The first and last day of column `c`.
    fn span(&self, c: usize) -> (Date, Date) {
        let a = self.first.saturating_add(days(c as i64 * self.per));
        (a, a.saturating_add(days(self.per - 1)))
    }
}

/// The milestones in the days shown, numbered in date order: (column,
/// program index, milestone index).
fn milestones(chart: &Chart, data: &Snapshot) -> Vec<(usize, usize, usize)> {
    let p = &data.plans.portfolio;
    let mut out: Vec<(Date, usize, usize, usize)> = Vec::new();
    for &pi in &data.programs {
        for (mi, m) in p.programs[pi].milestones.iter().enumerate() {
            if let Some(c) = chart.col(m.date) {
                out.push((m.date, c, pi, mi));
            }
        }
    }
    out.sort_by_key(|(d, _, pi, mi)| (*d, *pi, *mi));
    out.into_iter().map(|(_, c, pi, mi)| (c, pi, mi)).collect()
}

/// `M1 03-01 Launch day: slipping +6 d → 03-07`.
fn legend(chart: &Chart, data: &Snapshot, w: usize) -> Vec<String> {
    let p = &data.plans.portfolio;
    let names: Vec<String> = milestones(chart, data)
        .iter()
        .enumerate()
        .map(|(k, &(_, pi, mi))| {
            let m = &p.programs[pi].milestones[mi];
            let state = data
                .derived
                .forecast
                .milestones
                .get(pi)
                .and_then(|ms| ms.get(mi))
                .map_or(String::new(), |f| match f.state {
                    MilestoneState::Slipping => {
                        format!(": slipping +{} d → {}", f.slip, f.date.strftime("%m-%d"))
                    }
                    MilestoneState::Missed => format!(": missed, {} open", f.open),
                    MilestoneState::Passed => ": passed".to_string(),
                    MilestoneState::OnTrack => ": on track".to_string(),
                });
            format!("M{} {} {}{state}", k + 1, m.date.strftime("%m-%d"), m.name)
        })
        .collect();
    if names.is_empty() {
        return vec!["milestones: none in these days".to_string()];
    }
    let mut lines: Vec<String> = Vec::new();
    for name in names {
        let full = lines.len() == LEGEND_ROWS;
        match lines.last_mut() {
            Some(line) if width(line) + 3 + width(&name) <= w => {
                line.push_str(" · ");
                line.push_str(&name);
            }
            _ if full => break,
            _ => lines.push(name),
        }
    }
    lines
}

/// Rows above the list: the title, the days, the milestones, the legend.
fn head(state: &Timeline, data: &Snapshot, w: usize) -> u16 {
    let chart = Chart::new(state, data, w);
    3 + legend(&chart, data, w).len() as u16
}

pub(super) fn list(state: &Timeline, s: &Shared, body: Rect) -> Option<ListLayout> {
    let w = body.width as usize;
    if w < LABEL_W + MARK_W + 8 {
        return None;
    }
    let head = head(state, s.data, w);
    ListLayout::below(body, head, state.cursor, s.data.plan().rows.len())
}

pub(super) fn draw(state: &Timeline, s: &Shared, area: Rect, list: &ListLayout, buf: &mut Buffer) {
    let (data, theme) = (s.data, s.theme);
    let w = area.width as usize;
    let chart = Chart::new(state, data, w);
    let per = match chart.per {
        1 => "a column a day".to_string(),
        7 => "a column a week".to_string(),
        n => format!("a column per {n} days"),
    };
    let title = format!(
        "plan · {per} · = planned · ~ slip to forecast · | today · : milestone · h/l scroll, t: person load, Enter: the item"
    );
    put(buf, area.x, area.y, &title, w, theme.dim());
    let today_col = chart.col(data.today());
    let shown = milestones(&chart, data);
    let mut days_line = fit("", LABEL_W + MARK_W);
    let mut marks_line = fit("milestones", LABEL_W + MARK_W);
    let mut c = 0;
    while c < chart.cols {
        let (a, _) = chart.span(c);
        // A date label at each week's first column.
        let monday = chart.per >= 7 || a.weekday() == jiff::civil::Weekday::Monday || c == 0;
        if monday && c + 6 <= chart.cols {
            let label = if Some(c) == today_col {
                format!("|{}", a.strftime("%m-%d"))
            } else {
                a.strftime("%m-%d").to_string()
            };
            days_line.push_str(&label);
            c += label.len();
            continue;
        }
        days_line.push(if Some(c) == today_col { '|' } else { ' ' });
        c += 1;
    }
    for c in 0..chart.cols {
        let here: Vec<usize> = (0..shown.len()).filter(|&k| shown[k].0 == c).collect();
        marks_line.push(match here.first() {
            Some(&k) if k < 9 => char::from(b'1' + k as u8),
            Some(_) => '+',
            None => ' ',
        });
    }
    put(buf, area.x, area.y + 1, &days_line, w, theme.title());
    put(buf, area.x, area.y + 2, &marks_line, w, theme.warning());
    for (k, line) in legend(&chart, data, w).iter().enumerate() {
        put(buf, area.x, area.y + 3 + k as u16, line, w, theme.warning());
    }
    let milestone_cols: HashSet<usize> = shown.iter().map(|(c, _, _)| *c).collect();
    let chain = selected_chain(state, data);
    let rows = &data.plan().rows;
    for (y, i) in list.visible() {
        let Some(row) = rows.get(i) else { break };
        let selected = i == state.cursor;
        match row {
            PlanRow::Program(pi) => {
                let prog = &data.plans.portfolio.programs[*pi];
                let end = data.derived.forecast.ends.get(*pi).copied().flatten();
                let end = match (prog.end, end) {
                    (Some(e), Some(f)) if f > e => {
                        format!(" · end {e}, forecast {f} (+{} d)", days_between(e, f))
                    }
                    (Some(e), _) => format!(" · end {e}"),
                    (None, Some(f)) => format!(" · forecast end {f}"),
                    (None, None) => String::new(),
                };
                let style = if selected {
                    theme.selected()
                } else {
                    theme.title()
                };
                let text = format!("{} [{}]{end}", prog.name, prog.id);
                put(buf, area.x, y, &fit(&text, w), w, style);
            }
            PlanRow::Item(bar) => {
                let in_chain = chain.contains(&bar.at);
                draw_item(
                    data,
                    theme,
                    &chart,
                    bar,
                    (selected, in_chain),
                    today_col,
                    &milestone_cols,
                    area.x,
                    y,
                    buf,
                );
            }
        }
    }
}

/// The deliverables on the selected row's slip chain (none when it does
/// not slip).
fn selected_chain(state: &Timeline, data: &Snapshot) -> HashSet<crate::model::DeliverableRef> {
    let Some(PlanRow::Item(bar)) = data.plan().rows.get(state.cursor) else {
        return HashSet::new();
    };
    let g = &data.derived.graph;
    let Some(i) = g.get_index(bar.at) else {
        return HashSet::new();
    };
    let chain = data.derived.forecast.chain(i);
    if chain.len() < 2 {
        return HashSet::new();
    }
    chain.into_iter().map(|j| g.deliverable(j)).collect()
}

#[allow(clippy::too_many_arguments)]
fn draw_item(
    data: &Snapshot,
    theme: &crate::ui::theme::Theme,
    chart: &Chart,
    bar: &Bar,
    (selected, in_chain): (bool, bool),
    today_col: Option<usize>,
    milestone_cols: &HashSet<usize>,
    x: u16,
    y: u16,
    buf: &mut Buffer,
) {
    let d = data.plans.portfolio.deliverable(bar.at);
    let marks = data.derived.marks(bar.at);
    let label_style = if selected {
        theme.selected()
    } else if in_chain {
        theme.warning().add_modifier(Modifier::BOLD)
    } else if marks.open {
        Style::default()
    } else {
        theme.dim()
    };
    put(
        buf,
        x,
        y,
        // One blank column after the title: columns never run together.
        &fit(&format!("  {}", d.title), LABEL_W - 1),
        LABEL_W,
        label_style,
    );
    let word = match (d.status, bar.forecast) {
        _ if marks.late => format!("LATE {}d", marks.days_late),
        (Status::Blocked, _) => "BLOCKED".to_string(),
        (_, Some((_, slip))) if slip > 0 => format!("SLIP +{slip}d"),
        (Status::Done, _) => "done".to_string(),
        (Status::Dropped, _) => "dropped".to_string(),
        _ => String::new(),
    };
    let word_style = if marks.open {
        theme.marks(&marks)
    } else {
        theme.dim()
    };
    put(
        buf,
        x + LABEL_W as u16,
        y,
        &fit(&word, MARK_W - 1),
        MARK_W,
        word_style,
    );
    let (glyph, bar_style) = match d.status {
        Status::Done => ('-', theme.dim()),
        Status::Dropped => ('x', theme.dim()),
        _ if in_chain => ('=', theme.warning().add_modifier(Modifier::BOLD)),
        _ => ('=', theme.marks(&marks)),
    };
    let forecast = bar.forecast.map(|(f, _)| f).filter(|f| *f > bar.due);
    for c in 0..chart.cols {
        let (a, b) = chart.span(c);
        let (ch, style) = if a <= bar.due && b >= bar.from {
            (glyph, bar_style)
        } else if forecast.is_some_and(|f| a > bar.due && a <= f) {
            ('~', theme.error())
        } else if Some(c) == today_col {
            ('|', theme.dim())
        } else if milestone_cols.contains(&c) {
            (':', theme.warning())
        } else {
            (' ', Style::default())
        };
        let cx = x + (LABEL_W + MARK_W + c) as u16;
        put(buf, cx, y, ch.encode_utf8(&mut [0; 4]), 1, style);
    }
}
