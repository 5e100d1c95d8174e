//! The forecast through the hand-offs (docs/plan-format.md 1.1): a
//! hand-worked table of cases, and properties that hold for any plan: a
//! forecast is never before due or today, a later need never makes
//! anything earlier, a consistent on-time plan slips nothing, and a loop
//! of needs never hangs the pass.

use std::sync::Arc;

use jiff::civil::{Date, date};
use proptest::prelude::*;
use ringboard::forecast::{Forecast, MilestoneState};
use ringboard::graph::NeedGraph;
use ringboard::load::build;
use ringboard::model::Portfolio;
use ringboard::parse::parse_file;

const TODAY: Date = date(2027, 2, 1);
const PEOPLE: &str = "[[person]]\nid = \"mei\"\nname = \"Mei\"\nring = \"core\"\n";

/// One deliverable: id, due, status, needs, duration.
#[derive(Clone, Debug)]
struct Row {
    id: String,
    due: Date,
    status: &'static str,
    needs: Vec<String>,
    duration: Option<u32>,
}

fn row(id: &str, due: Date, status: &'static str, needs: &[&str], duration: Option<u32>) -> Row {
    Row {
        id: id.into(),
        due,
        status,
        needs: needs.iter().map(|s| s.to_string()).collect(),
        duration,
    }
}

/// Programs as (stem, extra TOML after `[program]`, rows). Durations are
/// put on the model after parsing, so the pass is tested on its own.
fn portfolio(programs: &[(&str, &str, Vec<Row>)]) -> Portfolio {
    let mut files = vec![parse_file(
        Arc::from("boards/people.toml"),
        PEOPLE.as_bytes(),
    )];
    for (stem, extra, rows) in programs {
        let mut text = format!("[program]\nname = \"{stem}\"\n{extra}\n[team]\ncore = [\"mei\"]\n");
        for r in rows {
            let needs: Vec<String> = r.needs.iter().map(|n| format!("\"{n}\"")).collect();
            text.push_str(&format!(
                "\n[[deliverable]]\nid = \"{}\"\ntitle = \"{}\"\nowner = \"mei\"\ndue = {}\nstatus = \"{}\"\nneeds = [{}]\n",
                r.id,
                r.id,
                r.due,
                r.status,
                needs.join(", ")
            ));
        }
        files.push(parse_file(
            Arc::from(format!("boards/{stem}.toml")),
            text.as_bytes(),
        ));
    }
    let (mut p, _) = build(files);
    for (stem, _, rows) in programs {
        let pi = p.program_index(stem).expect("program");
        for (index, r) in rows.iter().enumerate() {
            p.programs[pi].deliverables[index].duration = r.duration;
        }
    }
    p
}

/// (forecast, slip, cause id) of each open deliverable named.
fn worked(p: &Portfolio, today: Date, wanted: &[(&str, &str)]) -> Vec<(Date, i32, Option<String>)> {
    let g = NeedGraph::new(p);
    let f = Forecast::new(p, &g, today);
    wanted
        .iter()
        .map(|(program, id)| {
            let i = g.index(p.find_deliverable(program, id).expect("deliverable"));
            let item = f.item(i).expect("open");
            let cause = item.cause.map(|c| {
                let r = g.deliverable(c);
                format!("{}/{}", p.programs[r.program].id, p.deliverable(r).id)
            });
            (item.date, item.slip, cause)
        })
        .collect()
}

/// The example of docs/plan-format.md, worked by hand.
#[test]
fn the_specs_example() {
    let d = |m, day| date(2027, m, day);
    let s = vec![
        row("concepts", d(1, 29), "review", &[], None),
        row("landing-page", d(2, 12), "todo", &["concepts"], Some(14)),
        row("launch", d(3, 1), "todo", &["landing-page"], Some(20)),
    ];
    let p = portfolio(&[("s", "", s)]);
    let got = worked(
        &p,
        TODAY,
        &[("s", "concepts"), ("s", "landing-page"), ("s", "launch")],
    );
    assert_eq!(
        got,
        [
            (TODAY, 3, None),
            (d(2, 15), 3, Some("s/concepts".into())),
            (d(3, 7), 6, Some("s/landing-page".into())),
        ]
    );
    let g = NeedGraph::new(&p);
    let f = Forecast::new(&p, &g, TODAY);
    let at = |id| g.index(p.find_deliverable("s", id).expect("deliverable"));
    let launch = f.item(at("launch")).expect("open");
    assert_eq!(launch.own_slip, 3, "02-12 + 20 days passes 03-01");
    assert_eq!(f.item(at("landing-page")).expect("open").own_slip, 0);
    let chain: Vec<&str> = f
        .chain(at("launch"))
        .iter()
        .map(|&i| p.deliverable(g.deliverable(i)).id.as_str())
        .collect();
    assert_eq!(chain, ["launch", "landing-page", "concepts"]);
}

#[test]
fn blocked_doing_dropped_and_cross_program_cases() {
    let d = |m, day| date(2027, m, day);
    let s = vec![
        // Blocked, nothing open it needs: ready is today, then its work.
        row("stuck", d(2, 10), "blocked", &[], Some(12)),
        // Under way: its due date stands whatever its work.
        row("copy", d(2, 3), "doing", &["late"], Some(30)),
        row("late", d(1, 25), "review", &[], None),
        // A dropped need has arrived: no constraint, not from today either.
        row("free", d(2, 10), "todo", &["gone"], Some(5)),
        row("gone", d(3, 1), "dropped", &[], None),
        // Another program's late item pushes this one.
        row("site", d(2, 5), "todo", &["other/assets"], Some(10)),
        // A todo item with no open need is not projected from today.
        row("later", d(2, 5), "todo", &[], Some(10)),
        // Start and due make the work when no duration is given.
        row("window", d(2, 10), "todo", &["late"], None),
    ];
    let other = vec![row("assets", d(1, 25), "review", &[], None)];
    let mut p = portfolio(&[("s", "", s), ("other", "", other)]);
    let pi = p.program_index("s").expect("s");
    p.programs[pi].deliverables[7].start = Some(d(2, 2));
    let got = worked(
        &p,
        TODAY,
        &[
            ("s", "stuck"),
            ("s", "copy"),
            ("s", "free"),
            ("s", "site"),
            ("s", "later"),
            ("s", "window"),
        ],
    );
    assert_eq!(
        got,
        [
            (d(2, 13), 3, None),
            (d(2, 3), 0, None),
            (d(2, 10), 0, None),
            (d(2, 11), 6, Some("other/assets".into())),
            (d(2, 5), 0, None),
            // ready 02-01 (late, today) + 8 days of 02-02..02-10 = 02-09:
            // inside its window.
            (d(2, 10), 0, None),
        ]
    );
}

#[test]
fn a_loop_of_needs_counts_as_arrived_and_the_pass_ends() {
    let d = |m, day| date(2027, m, day);
    let s = vec![
        row("a", d(2, 10), "todo", &["b"], Some(30)),
        row("b", d(2, 10), "todo", &["a"], Some(30)),
        row("c", d(2, 20), "todo", &["a"], Some(5)),
        row("me", d(2, 20), "todo", &["me"], Some(5)),
    ];
    let p = portfolio(&[("s", "", s)]);
    let got = worked(
        &p,
        TODAY,
        &[("s", "a"), ("s", "b"), ("s", "c"), ("s", "me")],
    );
    for (date, slip, cause) in got {
        assert_eq!((slip, cause), (0, None), "{date}");
    }
}

#[test]
fn milestone_needs_across_programs_and_states() {
    let d = |m, day| date(2027, m, day);
    let extra = "\n[[milestone]]\nname = \"Launch day\"\ndate = 2027-03-01\n\n[[milestone]]\nname = \"Kick-off\"\ndate = 2027-01-10\n\n[[milestone]]\nname = \"Review\"\ndate = 2027-01-28\n\n[[milestone]]\nname = \"Nothing\"\ndate = 2027-02-20\n";
    let s = vec![
        row("concepts", d(1, 29), "review", &[], None),
        row("landing-page", d(2, 12), "todo", &["concepts"], Some(14)),
        row("launch", d(3, 1), "todo", &["landing-page"], Some(20)),
        row("kick", d(1, 9), "done", &[], None),
    ];
    let mut p = portfolio(&[("s", extra, s)]);
    let need = |raw: &str| ringboard::model::Need {
        raw: raw.into(),
        program: None,
        id: raw.into(),
        pos: Default::default(),
    };
    let pi = p.program_index("s").expect("s");
    p.programs[pi].milestones[0].needs = Some(vec![need("launch")]);
    p.programs[pi].milestones[3].needs = Some(vec![]);
    let g = NeedGraph::new(&p);
    let f = Forecast::new(&p, &g, TODAY);
    let ms = &f.milestones[pi];
    assert_eq!(
        (ms[0].state, ms[0].date, ms[0].slip, ms[0].open),
        (MilestoneState::Slipping, d(3, 7), 6, 1)
    );
    assert_eq!((ms[1].state, ms[1].open), (MilestoneState::Passed, 0));
    // Concepts (due 01-29) is after the review's date: not depended on.
    assert_eq!((ms[2].state, ms[2].open), (MilestoneState::Passed, 0));
    assert_eq!((ms[3].state, ms[3].open), (MilestoneState::OnTrack, 0));
    let chain: Vec<&str> = f
        .milestone_chain(pi, 0)
        .iter()
        .map(|&i| p.deliverable(g.deliverable(i)).id.as_str())
        .collect();
    assert_eq!(chain, ["launch", "landing-page", "concepts"]);
}

#[test]
fn a_missed_milestone_counts_what_is_open() {
    let d = |m, day| date(2027, m, day);
    let extra = "\n[[milestone]]\nname = \"Beta\"\ndate = 2027-01-30\n";
    let s = vec![
        row("x", d(1, 20), "doing", &[], None),
        row("y", d(1, 29), "todo", &[], None),
    ];
    let p = portfolio(&[("s", extra, s)]);
    let g = NeedGraph::new(&p);
    let f = Forecast::new(&p, &g, TODAY);
    let m = &f.milestones[0][0];
    assert_eq!((m.state, m.open, m.slip), (MilestoneState::Missed, 2, 2));
}

/// Plans of up to 12 deliverables with any needs (loops too), statuses,
/// dues and durations.
fn plans() -> impl Strategy<Value = Vec<Row>> {
    let statuses = prop::sample::select(vec![
        "todo", "doing", "review", "blocked", "done", "dropped",
    ]);
    let one = (
        -40i64..80,
        statuses,
        prop::collection::vec(0usize..12, 0..4),
        prop::option::of(0u32..40),
    );
    prop::collection::vec(one, 1..12).prop_map(|items| {
        let n = items.len();
        items
            .into_iter()
            .enumerate()
            .map(|(i, (offset, status, needs, duration))| Row {
                id: format!("d{i}"),
                due: TODAY.saturating_add(jiff::Span::new().days(offset)),
                status,
                needs: {
                    let mut v: Vec<String> =
                        needs.into_iter().map(|j| format!("d{}", j % n)).collect();
                    v.dedup();
                    v
                },
                duration,
            })
            .collect()
    })
}

fn all_forecasts(rows: &[Row]) -> Vec<Option<Date>> {
    let p = portfolio(&[("s", "", rows.to_vec())]);
    let g = NeedGraph::new(&p);
    let f = Forecast::new(&p, &g, TODAY);
    (0..rows.len())
        .map(|i| {
            let r = p.find_deliverable("s", &rows[i].id).expect("deliverable");
            f.item(g.index(r)).map(|it| it.date)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_forecast_is_never_before_due_or_today(rows in plans()) {
        let p = portfolio(&[("s", "", rows.clone())]);
        let g = NeedGraph::new(&p);
        let f = Forecast::new(&p, &g, TODAY);
        for (i, r) in rows.iter().enumerate() {
            let d = p.find_deliverable("s", &r.id).expect("deliverable");
            match f.item(g.index(d)) {
                Some(item) => {
                    prop_assert!(item.date >= r.due && item.date >= TODAY, "{i}: {item:?}");
                    prop_assert_eq!(i64::from(item.slip), (item.date - r.due).get_days() as i64);
                }
                None => prop_assert!(matches!(r.status, "done" | "dropped")),
            }
        }
        // Every chain ends, at an item without a cause.
        for i in 0..g.len() {
            let chain = f.chain(i);
            prop_assert!(chain.len() <= g.len());
            prop_assert!(f.item(*chain.last().expect("start")).is_none_or(|it| it.cause.is_none()));
        }
    }

    #[test]
    fn a_later_need_never_makes_anything_earlier(
        rows in plans(),
        pick in any::<prop::sample::Index>(),
        later in 1i64..30,
        more in 0u32..20,
    ) {
        let before = all_forecasts(&rows);
        let mut changed = rows.clone();
        let k = pick.index(changed.len());
        changed[k].due = changed[k].due.saturating_add(jiff::Span::new().days(later));
        changed[k].duration = changed[k].duration.map(|d| d + more);
        let after = all_forecasts(&changed);
        for (i, (b, a)) in before.iter().zip(&after).enumerate() {
            if let (Some(b), Some(a)) = (b, a) {
                prop_assert!(a >= b, "{i} moved earlier: {b} -> {a} after {k} moved later");
            }
        }
    }

    #[test]
    fn a_consistent_plan_on_time_slips_nothing(
        works in prop::collection::vec((0u32..15, 0i64..5, prop::collection::vec(0usize..12, 0..3)), 1..12),
    ) {
        // Each item needs only earlier ones, is due after the latest of
        // its needs' due dates (or today) plus its work plus some slack.
        let mut rows: Vec<Row> = Vec::new();
        for (i, (work, slack, needs)) in works.into_iter().enumerate() {
            let needs: Vec<String> = if i == 0 {
                Vec::new()
            } else {
                let mut v: Vec<String> = needs.iter().map(|j| format!("d{}", j % i)).collect();
                v.sort();
                v.dedup();
                v
            };
            let from = needs
                .iter()
                .map(|n| rows.iter().find(|r| &r.id == n).expect("earlier").due)
                .max()
                .unwrap_or(TODAY);
            let due = from.saturating_add(jiff::Span::new().days(i64::from(work) + slack));
            rows.push(Row { id: format!("d{i}"), due, status: "todo", needs, duration: Some(work) });
        }
        let p = portfolio(&[("s", "", rows.clone())]);
        let g = NeedGraph::new(&p);
        let f = Forecast::new(&p, &g, TODAY);
        for item in f.items.iter().flatten() {
            prop_assert_eq!(item.slip, 0, "{:?}", item);
            prop_assert_eq!(item.own_slip, 0);
        }
    }
}

/// The dense case: 1,000 deliverables each needing all the others is one
/// loop; the pass ends (and is linear: a million needs).
#[test]
fn a_dense_tangle_ends() {
    let n = 300;
    let rows: Vec<Row> = (0..n)
        .map(|i| Row {
            id: format!("d{i}"),
            due: date(2027, 3, 1),
            status: "todo",
            needs: (0..n)
                .filter(|&j| j != i)
                .map(|j| format!("d{j}"))
                .collect(),
            duration: Some(10),
        })
        .collect();
    let forecasts = all_forecasts(&rows);
    assert!(forecasts.iter().all(|f| *f == Some(date(2027, 3, 1))));
}
