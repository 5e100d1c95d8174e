//! Drawing the Metrics view's rows: a program's line (progress, metrics on
//! target, average attainment, each metric counted by its own rule), a
//! metric's bar with a pace marker `|` where the straight line stands
//! today, its numbers with digits grouped, its pace in words (`behind
//! pace`, `over budget`), owner and history; a measure's heading and its
//! total. Reads only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::rows::Row;
use crate::model::Better;
use crate::pace::{Standing, Words, attainment, average_attainment, grouped, shared_measures};
use crate::ui::fit::fit;
use crate::ui::list::ListLayout;
use crate::ui::paint::put;
use crate::ui::snapshot::Snapshot;
use crate::ui::theme::Theme;

const BAR: usize = 20;

pub(super) fn draw(
    rows: &[Row],
    cursor: usize,
    data: &Snapshot,
    theme: &Theme,
    area: Rect,
    layout: &ListLayout,
    buf: &mut Buffer,
) {
    let w = area.width as usize;
    let name_w = (w / 4).clamp(12, 36);
    for (y, i) in layout.visible() {
        let Some(row) = rows.get(i) else { break };
        let selected = i == cursor;
        let (text, style) = match row {
            Row::Program(pi) => (program_line(data, *pi, name_w + 2), theme.title()),
            Row::Metric(pi, m) => metric_line(data, theme, *pi, *m, name_w, rows),
            Row::Measure(id) => (measure_heading(data, id), theme.title()),
            Row::Total(id) => (total_line(data, id, name_w), theme.title()),
        };
        let style = if selected { theme.selected() } else { style };
        put(buf, area.x, y, &text, w, style);
    }
}

/// A program's line, in aligned columns so programs compare side by side.
fn program_line(data: &Snapshot, pi: usize, name_w: usize) -> String {
    let prog = &data.plans.portfolio.programs[pi];
    let progress = data.derived.progress[pi];
    let today = data.today();
    let met = prog
        .metrics
        .iter()
        .filter(|m| Standing::new(m, prog, today).on_target)
        .count();
    let average = average_attainment(prog, today).map_or("-".to_string(), |a| {
        format!("{}%", crate::derive::percent(a))
    });
    format!(
        "{} progress {:>3}% ({}/{})   on target {}/{}   average attainment {average}",
        fit(&format!("{} [{}]", prog.name, prog.id), name_w + 21),
        progress.percent(),
        progress.done,
        progress.total,
        met,
        prog.metrics.len(),
    )
}

/// `  Name  [#####|-----]  26%  310 / 1,200 leads  on pace  owner  spark`;
/// by measure, the program's name leads instead of the metric's.
fn metric_line(
    data: &Snapshot,
    theme: &Theme,
    pi: usize,
    mi: usize,
    name_w: usize,
    rows: &[Row],
) -> (String, ratatui::style::Style) {
    let p = &data.plans.portfolio;
    let prog = &p.programs[pi];
    let metric = &prog.metrics[mi];
    let standing = Standing::new(metric, prog, data.today());
    let words = Words::new(metric, &standing);
    // By measure, the program's name leads (and needs more room).
    let by_measure = rows.iter().any(|r| matches!(r, Row::Measure(_)));
    let (label, name_w) = if by_measure {
        (format!("{} [{}]", prog.name, prog.id), name_w + 14)
    } else {
        (metric.name.clone(), name_w)
    };
    let target = standing.target;
    let fill = |x: f64| {
        if target == 0.0 {
            0
        } else {
            ((x / target).clamp(0.0, 1.0) * BAR as f64).round() as usize
        }
    };
    let filled = standing.actual.map_or(0, fill);
    let mut bar: Vec<char> = (0..BAR)
        .map(|k| if k < filled { '#' } else { '-' })
        .collect();
    if let Some(e) = standing.expected {
        let at = fill(e).min(BAR - 1);
        bar[at] = '|';
    }
    let mut said: Vec<String> = Vec::new();
    said.extend(words.over.map(str::to_string));
    said.extend(standing.pace_words().map(str::to_string));
    let owner = metric
        .owner
        .as_deref()
        .map_or(String::new(), |o| format!("  {}", p.person_name(o)));
    let spark = data
        .series
        .get(&prog.id)
        .and_then(|s| s.get(&metric.id))
        .filter(|s| s.len() > 1)
        .map_or(String::new(), |s| {
            let values: Vec<f64> = s.iter().map(|(_, v)| *v).collect();
            format!(" {}", sparkline(&values, 12))
        });
    // Review mode: what changed in this metric since the base.
    let changed = data.review.as_ref().map_or(String::new(), |rv| {
        let about = rv.about(&prog.id, &metric.id);
        if about.is_empty() {
            String::new()
        } else {
            format!("  CHG {}", about.join("; "))
        }
    });
    let text = format!(
        "  {} [{}] {:>4}  {}  {}{owner}{spark}{changed}",
        fit(&label, name_w),
        bar.into_iter().collect::<String>(),
        words.attainment.replace("no actual yet", "-"),
        words.values,
        if standing.actual.is_none() {
            "no actual yet".to_string()
        } else {
            said.join(", ")
        },
    );
    let style = if standing.on_target {
        theme.good()
    } else if words.over.is_some() || standing.behind_pace == Some(true) {
        theme.warning()
    } else {
        Default::default()
    };
    (text, style)
}

/// `mql: Marketing-qualified leads (leads, higher is better)`.
fn measure_heading(data: &Snapshot, id: &str) -> String {
    let p = &data.plans.portfolio;
    let first = p
        .programs
        .iter()
        .flat_map(|x| &x.metrics)
        .find(|m| m.id == id);
    match first {
        Some(m) => format!(
            "{id}: {} ({}{} is better)",
            m.name,
            m.unit
                .as_deref()
                .map_or(String::new(), |u| format!("{u}, ")),
            m.better.as_str()
        ),
        None => id.to_string(),
    }
}

/// `  total  490 / 2,100  23%`: actuals against targets, when the
/// programs count the measure alike.
fn total_line(data: &Snapshot, id: &str, name_w: usize) -> String {
    let p = &data.plans.portfolio;
    let Some(total) = shared_measures(p)
        .into_iter()
        .find(|m| m.id == id)
        .and_then(|m| m.total)
    else {
        return String::new();
    };
    let share = attainment(total.better, total.actual, total.target).map_or("-".to_string(), |a| {
        format!("{}%", crate::derive::percent(a))
    });
    let word = match total.better {
        Better::Higher => "",
        Better::Lower if total.actual > total.target => "  over budget",
        Better::Lower => "",
    };
    format!(
        "  {} {:>BAR$}   {:>4}  {} / {}{word}",
        fit("total", name_w + 14),
        "",
        share,
        grouped(total.actual),
        grouped(total.target),
    )
}

/// A sparkline in plain ASCII (block glyphs are ambiguous-width in CJK locales).
pub(super) fn sparkline(values: &[f64], width: usize) -> String {
    const LEVELS: &[u8] = b"_.-=+*#";
    let values = &values[values.len().saturating_sub(width)..];
    let (lo, hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    values
        .iter()
        .map(|&v| {
            let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
            LEVELS[((t * (LEVELS.len() - 1) as f64).round() as usize).min(LEVELS.len() - 1)] as char
        })
        .collect()
}
