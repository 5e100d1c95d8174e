//! Metrics: each program's metrics, actual against target as a bar, the
//! gap, the owner, and the actual's history as a sparkline when known.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::ui::action::{Topic::*, ViewId};
use crate::ui::list::{ListLayout, seek};
use crate::ui::paint::put;
use crate::ui::selection::Selected;
use crate::ui::snapshot::Snapshot;
use crate::ui::text::fit;
use crate::ui::theme::Theme;
use crate::ui::view::{Shared, View, ViewKind};

impl ViewId {
    pub const METRICS: ViewId = ViewId::new("metrics");
}

pub static KIND: ViewKind = ViewKind {
    id: ViewId::METRICS,
    name: "Metrics",
    help: "Metrics view",
    takes: &[Move, Search],
    review_only: false,
    make: || Box::new(Metrics::default()),
};

#[derive(Clone, Debug, Default)]
pub struct Metrics {
    /// Index into the list of (program, metric) lines.
    pub cursor: usize,
}

/// (program index, metric index or None for the program's title line).
fn lines(data: &Snapshot) -> Vec<(usize, Option<usize>)> {
    data.programs
        .iter()
        .flat_map(|&p| {
            std::iter::once((p, None)).chain(
                (0..data.plans.portfolio.programs[p].metrics.len()).map(move |m| (p, Some(m))),
            )
        })
        .collect()
}

impl View for Metrics {
    fn kind(&self) -> &'static ViewKind {
        &KIND
    }

    fn cursor(&self) -> usize {
        self.cursor
    }

    fn set_cursor(&mut self, at: usize) {
        self.cursor = at;
    }

    /// How many lines the list has: each program's, then its metrics'.
    fn len(&self, s: &Shared) -> usize {
        lines(s.data).len()
    }

    /// The lines by identity, in order: a program's, then its metrics'.
    fn keys(&self, s: &Shared) -> Vec<Selected> {
        let p = &s.data.plans.portfolio;
        lines(s.data)
            .into_iter()
            .map(|(prog, m)| {
                let program = p.programs[prog].id.clone();
                match m {
                    None => Selected::Program(program),
                    Some(m) => Selected::Metric {
                        program,
                        id: p.programs[prog].metrics[m].id.clone(),
                    },
                }
            })
            .collect()
    }

    fn find(&mut self, s: &Shared, q: &str, forward: bool, skip: bool) -> bool {
        let list = lines(s.data);
        let p = &s.data.plans.portfolio;
        let hit = |i: usize| {
            let (prog, m) = list[i];
            let prog = &p.programs[prog];
            match m {
                None => prog.name.to_lowercase().contains(q) || prog.id.contains(q),
                Some(m) => {
                    prog.metrics[m].name.to_lowercase().contains(q)
                        || prog.metrics[m].id.contains(q)
                }
            }
        };
        seek(&mut self.cursor, list.len(), forward, skip, hit)
    }

    /// Every row of the view is a line of the list.
    fn list(&self, s: &Shared, body: Rect) -> Option<ListLayout> {
        (body.height >= 2).then(|| ListLayout::new(body, self.cursor, self.len(s)))
    }

    fn draw_list(&self, s: &Shared, area: Rect, list: &ListLayout, buf: &mut Buffer) {
        draw(self, s.data, s.theme, area, list, buf);
    }
}

/// A sparkline in plain ASCII (block glyphs are ambiguous-width in CJK locales).
pub fn sparkline(values: &[f64], width: usize) -> String {
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

fn draw(
    state: &Metrics,
    data: &Snapshot,
    theme: &Theme,
    area: Rect,
    layout: &ListLayout,
    buf: &mut Buffer,
) {
    let w = area.width as usize;
    let list = lines(data);
    let p = &data.plans.portfolio;
    let name_w = (w / 4).clamp(12, 36);
    let bar_w = 20usize;
    for (y, i) in layout.visible() {
        let Some(&(pi, m)) = list.get(i) else { break };
        let prog = &p.programs[pi];
        let selected = i == state.cursor;
        let Some(m) = m else {
            let style = if selected {
                theme.selected()
            } else {
                theme.title()
            };
            put(
                buf,
                area.x,
                y,
                &compare_line(data, pi, name_w + 2),
                w,
                style,
            );
            continue;
        };
        let metric = &prog.metrics[m];
        let target = metric.target.as_f64();
        let (ratio, actual) = match metric.actual {
            Some(a) if target != 0.0 => (a.as_f64() / target, a.to_string()),
            Some(a) => (0.0, a.to_string()),
            None => (0.0, "-".to_string()),
        };
        let filled = ((ratio.clamp(0.0, 1.0)) * bar_w as f64).round() as usize;
        let unit = metric.unit.as_deref().unwrap_or("");
        let gap = metric.actual.map_or(String::new(), |a| {
            let g = target - a.as_f64();
            if g > 0.0 {
                format!("gap {}", trim(g))
            } else {
                "target met".to_string()
            }
        });
        let owner = metric
            .owner
            .as_deref()
            .map_or(String::new(), |o| p.person_name(o).to_string());
        let spark = data
            .series
            .get(&prog.id)
            .and_then(|s| s.get(&metric.id))
            .filter(|s| s.len() > 1)
            .map_or(String::new(), |s| {
                format!(
                    " {}",
                    sparkline(&s.iter().map(|(_, v)| *v).collect::<Vec<_>>(), 12)
                )
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
            "  {}[{}{}] {:>4.0}%  {actual} / {} {unit}  {gap}  {owner}{spark}{changed}",
            fit(&metric.name, name_w),
            "#".repeat(filled),
            "-".repeat(bar_w - filled),
            ratio * 100.0,
            metric.target,
        );
        let style = if selected {
            theme.selected()
        } else if ratio >= 1.0 {
            theme.good()
        } else {
            Default::default()
        };
        put(buf, area.x, y, &text, w, style);
    }
}

/// A program's line, in aligned columns so programs compare side by side:
/// name, progress, metrics on target, average attainment of its targets.
fn compare_line(data: &Snapshot, pi: usize, name_w: usize) -> String {
    let prog = &data.plans.portfolio.programs[pi];
    let progress = data.derived.progress[pi];
    let ratios: Vec<f64> = prog
        .metrics
        .iter()
        .filter_map(|m| {
            let t = m.target.as_f64();
            m.actual.filter(|_| t != 0.0).map(|a| a.as_f64() / t)
        })
        .collect();
    let met = ratios.iter().filter(|r| **r >= 1.0).count();
    let average = if ratios.is_empty() {
        "-".to_string()
    } else {
        format!(
            "{:.0}%",
            ratios.iter().sum::<f64>() / ratios.len() as f64 * 100.0
        )
    };
    format!(
        "{}progress {:>3.0}% ({}/{})   on target {}/{}   average attainment {average}",
        fit(&format!("{} [{}]", prog.name, prog.id), name_w + 22),
        progress.ratio() * 100.0,
        progress.done,
        progress.total,
        met,
        prog.metrics.len(),
    )
}

fn trim(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.3}").trim_end_matches('0').to_string()
    }
}
