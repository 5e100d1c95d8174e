//! Derived state for a given today (docs/plan-format.md, "Derived state"):
//! open, late, due soon, waiting, at risk, program progress, the critical
//! path of a deliverable, and the weeks a person is in a crunch.

use std::collections::HashSet;
use std::sync::Arc;

use jiff::ToSpan;
use jiff::civil::Date;

pub use crate::dates::{days, days_between, monday_of_week, week_of};
use crate::forecast::Forecast;
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

/// Words for the derived marks, worst first: `late 4d`, `blocked`, ...
/// (every output that lists a deliverable's marks says them so).
pub fn mark_words(m: &Marks) -> Vec<String> {
    let mut out = Vec::new();
    if m.late {
        out.push(format!("late {}d", m.days_late));
    }
    if m.blocked {
        out.push("blocked".into());
    }
    if m.at_risk {
        out.push("at risk".into());
    }
    if m.waiting {
        out.push("waiting".into());
    }
    if m.due_soon {
        out.push("due soon".into());
    }
    out
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    /// All deliverables except dropped ones.
    pub total: usize,
}

impl Progress {
    /// Done as a whole percentage of the total, halves rounded up (3 of 8
    /// is 38%): every output shows progress with this one rounding.
    pub fn percent(&self) -> usize {
        (self.done * 200 + self.total)
            .checked_div(self.total * 2)
            .unwrap_or(0)
    }

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
    /// Shared with the plans it was derived from (and a write's two
    /// sides): one copy of the graph, not one each.
    pub graph: Arc<NeedGraph>,
    /// Marks by the graph's dense deliverable numbers.
    pub marks: Vec<Marks>,
    /// Progress by program index.
    pub progress: Vec<Progress>,
    /// Where each open deliverable, milestone and program is heading.
    pub forecast: Forecast,
}

/// From this many deliverables the forecast runs beside the marks.
const PARALLEL_FROM: usize = 2000;

impl Derived {
    pub fn new(portfolio: &Portfolio, today: Date) -> Derived {
        Derived::with_graph(portfolio, today, Arc::new(NeedGraph::new(portfolio)))
    }

    /// [`Derived::new`] for loaded plans, on the hand-off graph their
    /// check built.
    pub fn of(plans: &crate::load::Plans, today: Date) -> Derived {
        Derived::with_graph(&plans.portfolio, today, plans.graph.clone())
    }

    /// [`Derived::new`] on the portfolio's hand-off graph, built already
    /// (two versions of the plans whose deliverables and needs are the
    /// same share one).
    pub fn with_graph(portfolio: &Portfolio, today: Date, graph: Arc<NeedGraph>) -> Derived {
        // On a large portfolio the forecast (a pass of its own over the
        // graph) runs on another core while the marks are worked out: the
        // board's first frame does not wait for both in turn.
        let (marks, progress, forecast) = std::thread::scope(|s| {
            let graph = &graph;
            let forecasting = (graph.len() >= PARALLEL_FROM)
                .then(|| s.spawn(move || Forecast::new(portfolio, graph, today)));
            let (marks, progress) = Derived::marks_and_progress(portfolio, today, graph);
            let forecast = match forecasting {
                Some(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                None => Forecast::new(portfolio, graph, today),
            };
            (marks, progress, forecast)
        });
        Derived {
            today,
            graph,
            marks,
            progress,
            forecast,
        }
    }

    /// Each deliverable's marks and each program's progress.
    fn marks_and_progress(
        portfolio: &Portfolio,
        today: Date,
        graph: &NeedGraph,
    ) -> (Vec<Marks>, Vec<Progress>) {
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
        let upstream = upstream_summary(graph, &marks, &due);
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
        (marks, progress)
    }

    /// The forecast of an open deliverable (`None` once done or dropped).
    pub fn forecast_of(&self, r: DeliverableRef) -> Option<&crate::forecast::Item> {
        self.forecast.item(self.graph.get_index(r)?)
    }

    pub fn marks(&self, r: DeliverableRef) -> Marks {
        self.marks[self.graph.index(r)]
    }

    /// [`Derived::marks`], checked: `None` for an address this load does
    /// not have.
    pub fn get_marks(&self, r: DeliverableRef) -> Option<Marks> {
        self.marks.get(self.graph.get_index(r)?).copied()
    }

    /// The critical path of deliverable `start` (a dense number): from it,
    /// upstream, always the open need that arrives last (by due date), so
    /// the chain that decides when `start` can be done. `start` comes
    /// first; done and dropped needs have arrived; a cycle ends the path.
    pub fn critical_path(&self, portfolio: &Portfolio, start: usize) -> Vec<usize> {
        let g = &self.graph;
        let mut path = vec![start];
        let mut seen = HashSet::from([start]);
        let mut at = start;
        while let Some(&next) = g.needs[at]
            .iter()
            .filter(|&&j| self.marks[j].open && !seen.contains(&j))
            .max_by_key(|&&j| portfolio.deliverable(g.deliverable(j)).due)
        {
            seen.insert(next);
            path.push(next);
            at = next;
        }
        path
    }
}

/// A person's **crunch**: a week where their open deadlines pile up, with
/// `open` open deliverables of theirs due that week from `programs`
/// different programs: three or more, or two or more from different
/// programs (the overlap nobody sees from inside one program).
pub fn is_crunch(open: usize, programs: usize) -> bool {
    open >= 3 || (open >= 2 && programs >= 2)
}

/// A ratio as a whole percentage, halves rounded away from zero, as
/// [`Progress::percent`] rounds: metric attainment everywhere.
pub fn percent(ratio: f64) -> i64 {
    (ratio * 100.0).round() as i64
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use jiff::civil::date;

    use super::*;
    use crate::load::build;
    use crate::parse::parse_file;

    const PEOPLE: &str = "[[person]]\nid = \"mei\"\nname = \"Mei\"\nring = \"core\"\n";

    /// A portfolio from program files given as (stem, deliverables TOML).
    fn portfolio(programs: &[(&str, &str)]) -> Portfolio {
        let (p, diags) = portfolio_and_problems(programs);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        p
    }

    /// The same, problems allowed (a cycle is an error the board still shows).
    fn portfolio_and_problems(
        programs: &[(&str, &str)],
    ) -> (Portfolio, Vec<crate::diag::Diagnostic>) {
        let mut files = vec![parse_file(
            Arc::from("boards/people.toml"),
            PEOPLE.as_bytes(),
        )];
        for (stem, body) in programs {
            let text = format!("[program]\nname = \"{stem}\"\n[team]\ncore = [\"mei\"]\n{body}");
            files.push(parse_file(
                Arc::from(format!("boards/{stem}.toml")),
                text.as_bytes(),
            ));
        }
        build(files)
    }

    fn item(id: &str, due: &str, status: &str, needs: &[&str]) -> String {
        let needs: Vec<String> = needs.iter().map(|n| format!("\"{n}\"")).collect();
        format!(
            "[[deliverable]]\nid = \"{id}\"\ntitle = \"{id}\"\nowner = \"mei\"\ndue = {due}\nstatus = \"{status}\"\nneeds = [{}]\n",
            needs.join(", ")
        )
    }

    fn marks_of(p: &Portfolio, d: &Derived, program: &str, id: &str) -> Marks {
        let pi = p.program_index(program).expect("program");
        let index = p.programs[pi]
            .deliverables
            .iter()
            .position(|x| x.id == id)
            .expect("deliverable");
        d.marks(DeliverableRef { program: pi, index })
    }

    #[test]
    fn late_and_due_soon_boundaries() {
        let body = [
            item("yesterday", "2027-01-31", "doing", &[]),
            item("today", "2027-02-01", "todo", &[]),
            item("day6", "2027-02-07", "todo", &[]),
            item("day7", "2027-02-08", "todo", &[]),
            item("done-late", "2027-01-02", "done", &[]),
        ]
        .concat();
        let p = portfolio(&[("a", &body)]);
        let d = Derived::new(&p, date(2027, 2, 1));
        let m = |id| marks_of(&p, &d, "a", id);
        assert!(m("yesterday").late && !m("yesterday").due_soon);
        assert_eq!(m("yesterday").days_late, 1);
        assert!(!m("today").late && m("today").due_soon);
        assert!(m("day6").due_soon);
        assert!(!m("day7").due_soon);
        assert!(!m("done-late").late && !m("done-late").open);
    }

    #[test]
    fn waiting_needs_an_open_hand_off() {
        let body = [
            item("open", "2027-02-10", "doing", &[]),
            item("done", "2027-02-10", "done", &[]),
            item("dropped", "2027-02-10", "dropped", &[]),
            item("w1", "2027-02-20", "todo", &["open"]),
            item("w2", "2027-02-20", "todo", &["done", "dropped"]),
            item("w3", "2027-02-20", "done", &["open"]),
        ]
        .concat();
        let p = portfolio(&[("a", &body)]);
        let d = Derived::new(&p, date(2027, 2, 1));
        assert!(marks_of(&p, &d, "a", "w1").waiting);
        assert!(
            !marks_of(&p, &d, "a", "w2").waiting,
            "done and dropped needs have arrived"
        );
        assert!(
            !marks_of(&p, &d, "a", "w3").waiting,
            "a done item waits for nothing"
        );
    }

    #[test]
    fn at_risk_through_chains_and_across_programs() {
        let a = [
            item("late", "2027-01-20", "doing", &[]),
            item("mid", "2027-02-10", "todo", &["late"]),
            item("top", "2027-02-20", "todo", &["mid"]),
            item("blocked", "2027-02-15", "blocked", &[]),
            item("after-blocked", "2027-02-25", "todo", &["blocked"]),
            item("slow", "2027-03-10", "todo", &[]),
            item("needs-slow", "2027-03-01", "todo", &["slow"]),
            item("via-done", "2027-03-20", "todo", &["finished"]),
            item("finished", "2027-01-10", "done", &["late"]),
        ]
        .concat();
        let b = item("downstream", "2027-03-01", "todo", &["a/top"]);
        let p = portfolio(&[("a", &a), ("b", &b)]);
        let d = Derived::new(&p, date(2027, 2, 1));
        let m = |prog, id| marks_of(&p, &d, prog, id);
        assert!(!m("a", "late").at_risk, "late itself is late, not at risk");
        assert!(m("a", "mid").at_risk);
        assert!(m("a", "top").at_risk, "two steps up the chain");
        assert!(m("b", "downstream").at_risk, "across programs");
        assert!(m("a", "after-blocked").at_risk);
        assert!(
            m("a", "needs-slow").at_risk,
            "hand-off due after the item itself"
        );
        assert!(!m("a", "via-done").at_risk, "done items end a chain");
    }

    #[test]
    fn percentages_round_halves_up_in_every_output() {
        let p = |done, total| Progress { done, total }.percent();
        assert_eq!(p(3, 8), 38);
        assert_eq!(p(1, 8), 13);
        assert_eq!(p(1, 3), 33);
        assert_eq!(p(2, 3), 67);
        assert_eq!(p(0, 0), 0);
        assert_eq!(p(8, 8), 100);
        assert_eq!(percent(0.125), 13);
        assert_eq!(percent(1.0 / 3.0), 33);
    }

    #[test]
    fn progress_leaves_dropped_out() {
        let body = [
            item("a", "2027-02-10", "done", &[]),
            item("b", "2027-02-10", "dropped", &[]),
            item("c", "2027-02-10", "todo", &[]),
        ]
        .concat();
        let p = portfolio(&[("a", &body)]);
        let d = Derived::new(&p, date(2027, 2, 1));
        assert_eq!(d.progress[0], Progress { done: 1, total: 2 });
        assert_eq!(d.progress[0].ratio(), 0.5);
    }

    /// `program/id` of each dense number.
    fn names(p: &Portfolio, d: &Derived, path: &[usize]) -> Vec<String> {
        path.iter()
            .map(|&i| {
                let r = d.graph.deliverable(i);
                format!("{}/{}", p.programs[r.program].id, p.deliverable(r).id)
            })
            .collect()
    }

    #[test]
    fn the_critical_path_follows_the_open_need_due_last() {
        let a = [
            item("research", "2027-01-10", "done", &[]),
            item("brief", "2027-01-20", "todo", &["research"]),
            item("copy", "2027-02-20", "todo", &["brief"]),
            item("visual", "2027-02-10", "todo", &["brief", "b/guide"]),
            item("page", "2027-03-01", "todo", &["visual", "copy"]),
            item("done-late", "2027-03-05", "done", &[]),
            item("solo", "2027-03-01", "todo", &["done-late"]),
        ]
        .concat();
        let b = item("guide", "2027-01-25", "todo", &[]);
        let p = portfolio(&[("a", &a), ("b", &b)]);
        let d = Derived::new(&p, date(2027, 2, 1));
        let index = |id: &str| {
            let index = p.programs[0]
                .deliverables
                .iter()
                .position(|x| x.id == id)
                .expect("deliverable");
            d.graph.index(DeliverableRef { program: 0, index })
        };
        // copy (due 02-20) arrives after visual (02-10); research is done.
        assert_eq!(
            names(&p, &d, &d.critical_path(&p, index("page"))),
            ["a/page", "a/copy", "a/brief"]
        );
        // Across programs: visual's last need is brand's guide (01-25).
        assert_eq!(
            names(&p, &d, &d.critical_path(&p, index("visual"))),
            ["a/visual", "b/guide"]
        );
        assert_eq!(d.critical_path(&p, index("solo")), [index("solo")]);
    }

    #[test]
    fn a_cycle_ends_the_critical_path() {
        let body = [
            item("x", "2027-03-01", "todo", &["y"]),
            item("y", "2027-03-01", "todo", &["x"]),
        ]
        .concat();
        let (p, _) = portfolio_and_problems(&[("c", &body)]);
        let d = Derived::new(&p, date(2027, 2, 1));
        assert_eq!(names(&p, &d, &d.critical_path(&p, 0)), ["c/x", "c/y"]);
    }

    #[test]
    fn the_crunch_rule() {
        assert!(!is_crunch(0, 0));
        assert!(!is_crunch(1, 1));
        assert!(!is_crunch(2, 1), "two deadlines of one program");
        assert!(is_crunch(2, 2), "two deadlines from two programs in a week");
        assert!(is_crunch(3, 1));
    }

    #[test]
    fn weeks_start_on_monday_and_never_overflow() {
        assert_eq!(week_of(date(2000, 1, 3)), 0);
        assert_eq!(week_of(date(2000, 1, 2)), -1, "a Sunday is the week before");
        let wednesday = date(2027, 2, 3);
        assert_eq!(monday_of_week(week_of(wednesday)), date(2027, 2, 1));
        assert_eq!(week_of(date(2027, 2, 7)), week_of(wednesday));
        assert_eq!(week_of(date(2027, 2, 8)), week_of(wednesday) + 1);
        monday_of_week(i32::MAX);
        monday_of_week(i32::MIN);
    }

    #[test]
    fn cycles_terminate() {
        let body = [
            item("x", "2027-01-20", "todo", &["y"]),
            item("y", "2027-02-20", "todo", &["x"]),
        ]
        .concat();
        let (p, _) = portfolio_and_problems(&[("c", &body)]);
        let d = Derived::new(&p, date(2027, 2, 1));
        assert!(marks_of(&p, &d, "c", "y").at_risk, "x is late");
        assert!(marks_of(&p, &d, "c", "x").at_risk, "y is due after x");
    }
}
