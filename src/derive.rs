//! Derived state for a given today (plan-format.md, "Derived state"):
//! open, late, due soon, waiting, at risk, and program progress.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

use crate::graph::NeedGraph;
use crate::model::{DeliverableRef, Portfolio, Status};

/// The derived marks of one deliverable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    pub open: bool,
    pub late: bool,
    pub due_soon: bool,
    pub waiting: bool,
    pub at_risk: bool,
    pub blocked: bool,
    /// Days past due when late, else 0.
    pub days_late: i32,
}

impl Marks {
    /// How much attention it needs: late > blocked > at risk > waiting > due soon.
    pub fn severity(&self) -> u8 {
        if self.late {
            5
        } else if self.blocked {
            4
        } else if self.at_risk {
            3
        } else if self.waiting {
            2
        } else if self.due_soon {
            1
        } else {
            0
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    /// All deliverables except dropped ones.
    pub total: usize,
}

impl Progress {
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

/// Everything derived from a portfolio for one today.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    pub today: Date,
    pub graph: NeedGraph,
    /// Marks by the graph's dense deliverable numbers.
    pub marks: Vec<Marks>,
    /// Progress by program index.
    pub progress: Vec<Progress>,
}

impl Derived {
    pub fn new(portfolio: &Portfolio, today: Date) -> Derived {
        let graph = NeedGraph::new(portfolio);
        let n = graph.len();
        let soon = today.saturating_add(6.days());
        let mut marks = vec![Marks::default(); n];
        let mut due = vec![Date::MIN; n];
        for (i, m) in marks.iter_mut().enumerate() {
            let d = portfolio.deliverable(graph.deliverable(i));
            due[i] = d.due;
            m.open = d.status.is_open();
            m.blocked = d.status == Status::Blocked;
            m.late = m.open && d.due < today;
            m.due_soon = m.open && d.due >= today && d.due <= soon;
            if m.late {
                m.days_late = days_between(d.due, today);
            }
        }
        for i in 0..n {
            marks[i].waiting = marks[i].open && graph.needs[i].iter().any(|&j| marks[j].open);
        }
        let upstream = upstream_summary(&graph, &marks, &due);
        for i in 0..n {
            let (bad, latest) = upstream[i];
            marks[i].at_risk = marks[i].open && (bad || latest.is_some_and(|l| l > due[i]));
        }
        let progress = portfolio
            .programs
            .iter()
            .map(|p| Progress {
                done: p
                    .deliverables
                    .iter()
                    .filter(|d| d.status == Status::Done)
                    .count(),
                total: p
                    .deliverables
                    .iter()
                    .filter(|d| d.status != Status::Dropped)
                    .count(),
            })
            .collect();
        Derived {
            today,
            graph,
            marks,
            progress,
        }
    }

    pub fn marks(&self, r: DeliverableRef) -> Marks {
        self.marks[self.graph.index(r)]
    }
}

/// Whole days from `from` to `to` (positive when `to` is later).
pub fn days_between(from: Date, to: Date) -> i32 {
    from.until(to)
        .ok()
        .and_then(|s: Span| s.total(jiff::Unit::Day).ok())
        .map_or(0, |d| d as i32)
}

/// For each deliverable, over the open deliverables reachable through open
/// needs: is any late or blocked, and the latest due date among them.
/// Memoised depth-first search; a node met again while on the stack (a
/// cycle, already an error) contributes only itself.
fn upstream_summary(graph: &NeedGraph, marks: &[Marks], due: &[Date]) -> Vec<(bool, Option<Date>)> {
    let n = graph.len();
    let mut memo: Vec<Option<(bool, Option<Date>)>> = vec![None; n];
    let mut on_stack = vec![false; n];
    let own = |j: usize| (marks[j].late || marks[j].blocked, Some(due[j]));
    let merge = |a: (bool, Option<Date>), b: (bool, Option<Date>)| (a.0 || b.0, a.1.max(b.1));
    for start in 0..n {
        if memo[start].is_some() {
            continue;
        }
        let mut stack = vec![(start, 0usize, (false, None))];
        on_stack[start] = true;
        while let Some(top) = stack.last_mut() {
            let (node, edge) = (top.0, top.1);
            if let Some(&next) = graph.needs[node].get(edge) {
                top.1 += 1;
                if !marks[next].open {
                    continue; // done and dropped deliverables end a chain
                }
                if let Some(sub) = memo[next] {
                    top.2 = merge(top.2, merge(own(next), sub));
                } else if on_stack[next] {
                    top.2 = merge(top.2, own(next));
                } else {
                    on_stack[next] = true;
                    stack.push((next, 0, (false, None)));
                }
            } else {
                let (_, _, acc) = stack.pop().unwrap_or((node, 0, (false, None)));
                on_stack[node] = false;
                memo[node] = Some(acc);
                if let Some(parent) = stack.last_mut() {
                    parent.2 = merge(parent.2, merge(own(node), acc));
                }
            }
        }
    }
    memo.into_iter()
        .map(|m| m.unwrap_or((false, None)))
        .collect()
}
