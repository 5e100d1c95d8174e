//! How far a change to some deliverables can reach. What waits for them
//! (downstream, through any chain of hand-offs) can move; so can the
//! programs those belong to (their milestones and ends) and a milestone
//! anywhere that names one of them in its `needs`. Working that out needs
//! everything those wait for in turn (upstream). Nothing else moves: a
//! deliverable's marks and forecast come from itself and what it needs.
//! A writer works out a change's consequences on that part of the
//! portfolio only, not on both whole portfolios (issue 19: `set` within
//! 1.5x `check` on 20,000 deliverables).

use crate::graph::{Edges, NeedGraph};
use crate::model::{DeliverableRef, Portfolio, Program};

/// The part of a portfolio a change reaches, by program: whole, some of
/// its deliverables, or none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reach {
    whole: Vec<bool>,
    /// By the graph's dense deliverable numbers.
    kept: Vec<bool>,
    offsets: Vec<usize>,
}

/// The reach of a change to the deliverables `edited` (indexes) of
/// program `at`, on the plans after it and their hand-off graph; `was` is
/// the program as it was, whose needs count too (a need it no longer has
/// decided the forecast before).
pub fn reach(
    portfolio: &Portfolio,
    graph: &NeedGraph,
    at: usize,
    edited: &[usize],
    was: &Program,
) -> Reach {
    let programs = &portfolio.programs;
    let index = |program: usize, index: usize| graph.get_index(DeliverableRef { program, index });
    let mut downstream = vec![false; graph.len()];
    let seeds = edited.iter().filter_map(|&d| index(at, d));
    let moved = closure(&graph.needed_by, seeds, &mut downstream);
    let mut whole = vec![false; programs.len()];
    if let Some(w) = whole.get_mut(at) {
        *w = true;
    }
    for i in moved {
        whole[graph.deliverable(i).program] = true;
    }
    let resolves = |p: usize, prog| milestone_needs(portfolio, graph, p, prog);
    for (p, prog) in programs.iter().enumerate() {
        if resolves(p, prog).any(|i| downstream[i]) {
            whole[p] = true;
        }
    }
    // Upstream of everything in the whole programs, of their milestones'
    // needs, and of the needs the edited program had.
    let mut starts = Vec::new();
    for (p, prog) in programs.iter().enumerate().filter(|(p, _)| whole[*p]) {
        starts.extend((0..prog.deliverables.len()).filter_map(|d| index(p, d)));
        starts.extend(resolves(p, prog));
    }
    let was_needs = was.deliverables.iter().flat_map(|d| d.needs.iter());
    starts.extend(was_needs.filter_map(|need| graph.resolve(portfolio, at, need)));
    let mut kept = vec![false; graph.len()];
    closure(&graph.needs, starts, &mut kept);
    let offsets = programs
        .iter()
        .enumerate()
        .map(|(p, _)| index(p, 0).unwrap_or(0))
        .collect();
    Reach {
        whole,
        kept,
        offsets,
    }
}

impl Reach {
    /// Whether the change reaches every deliverable.
    pub fn is_everything(&self) -> bool {
        self.kept.iter().all(|&k| k)
    }

    /// The portfolio cut to the reach: every person; the programs reached
    /// in order, each whole or with the deliverables reached (and its
    /// milestones and metrics, which the change does not move there).
    pub fn part(&self, portfolio: &Portfolio) -> Portfolio {
        let programs = portfolio.programs.iter().enumerate();
        let kept = programs.filter_map(|(p, prog)| {
            if self.whole.get(p).copied().unwrap_or(false) {
                return Some(prog.clone());
            }
            let first = self.offsets.get(p).copied().unwrap_or(0);
            let deliverables: Vec<_> = prog
                .deliverables
                .iter()
                .enumerate()
                .filter(|(d, _)| self.kept.get(first + d).copied().unwrap_or(false))
                .map(|(_, d)| d.clone())
                .collect();
            (!deliverables.is_empty()).then(|| prog.with_deliverables(deliverables))
        });
        Portfolio::new(portfolio.people.clone(), kept.collect())
    }
}

/// What the milestones of program `p` name in their `needs`.
fn milestone_needs<'a>(
    portfolio: &'a Portfolio,
    graph: &'a NeedGraph,
    p: usize,
    prog: &'a Program,
) -> impl Iterator<Item = usize> + 'a {
    let needs = prog
        .milestones
        .iter()
        .flat_map(|m| m.needs.iter().flatten());
    needs.filter_map(move |need| graph.resolve(portfolio, p, need))
}

/// Marks everything reachable from `start` over `edges` in `seen`;
/// returns what it newly marked (the starts included).
fn closure(edges: &Edges, start: impl IntoIterator<Item = usize>, seen: &mut [bool]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut stack: Vec<usize> = start.into_iter().collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        found.push(i);
        stack.extend(edges[i].iter().copied().filter(|&j| !seen[j]));
    }
    found
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// Programs a..e: b1 needs a1, c's milestone needs b1, d1 needs e1
    /// and a2; a2 stands alone.
    fn portfolio() -> Portfolio {
        let file = |id: &str, body: &str| {
            let text = format!("[program]\nname = \"{id}\"\n\n{body}");
            crate::parse::parse_file(Arc::from(format!("boards/{id}.toml")), text.as_bytes())
        };
        let item = |id: &str, needs: &str| {
            format!(
                "[[deliverable]]\nid = \"{id}\"\ntitle = \"T\"\nowner = \"x\"\ndue = 2027-02-01\nneeds = [{needs}]\n\n"
            )
        };
        let files = vec![
            file("a", &(item("a1", "") + &item("a2", ""))),
            file("b", &item("b1", "\"a/a1\"")),
            file(
                "c",
                &format!(
                    "[[milestone]]\nname = \"M\"\ndate = 2027-03-01\nneeds = [\"b/b1\"]\n\n{}",
                    item("c1", "")
                ),
            ),
            file("d", &item("d1", "\"e/e1\", \"a/a2\"")),
            file("e", &item("e1", "")),
        ];
        crate::load::build(files).0
    }

    fn ids(p: &Portfolio) -> Vec<String> {
        let each = p.programs.iter().flat_map(|prog| {
            prog.deliverables
                .iter()
                .map(move |d| format!("{}/{}", prog.id, d.id))
        });
        each.collect()
    }

    #[test]
    fn a_change_reaches_what_waits_for_it_and_what_that_needs() {
        let plans = portfolio();
        let graph = NeedGraph::new(&plans);
        let at = |id: &str| plans.program_index(id).expect("program");
        let reached = |id: &str, d: usize| {
            let r = reach(&plans, &graph, at(id), &[d], &plans.programs[at(id)]);
            ids(&r.part(&plans))
        };
        // a1 moves b (b1 needs it) and c (its milestone needs b1); a2
        // comes along as a's own.
        assert_eq!(reached("a", 0), ["a/a1", "a/a2", "b/b1", "c/c1"]);
        // a2 moves d, which also needs e1; b and c wait for a1 only, which
        // is there as a's own.
        assert_eq!(reached("a", 1), ["a/a1", "a/a2", "d/d1", "e/e1"]);
        // Nothing waits for c1; c's milestone needs b1, which needs a1.
        assert_eq!(reached("c", 0), ["a/a1", "b/b1", "c/c1"]);
        // e1 moves d1, which needs a2 too.
        assert_eq!(reached("e", 0), ["a/a2", "d/d1", "e/e1"]);
        // A need c1 had before the change counts: it needed e1.
        let mut was = plans.programs[at("c")].clone();
        was.deliverables[0].needs = plans.programs[at("d")].deliverables[0].needs.clone();
        let r = reach(&plans, &graph, at("c"), &[0], &was);
        assert_eq!(
            ids(&r.part(&plans)),
            ["a/a1", "a/a2", "b/b1", "c/c1", "e/e1"]
        );
        assert!(!r.is_everything());
        let all = reach(&plans, &graph, at("a"), &[0, 1], &plans.programs[at("a")]);
        assert!(all.is_everything());
        assert_eq!(all.part(&plans).people.len(), plans.people.len());
    }
}
