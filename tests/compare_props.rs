//! Property tests of the semantic comparison over generated portfolios:
//! nothing changed reports nothing, where things stand in their files does
//! not matter, and comparing the other way round reports the same changes
//! reversed.

use std::sync::Arc;

use jiff::civil::{Date, date};
use proptest::prelude::*;
use ringboard::model::{
    Better, Deliverable, Metric, Milestone, Need, Number, Person, Portfolio, Pos, Program, Ring,
    Status, Team,
};
use ringboard::review::{Change, Detail, Kind, compare};
use ringboard::standup::changes::compare_deliverables;

// Small pools, so that two portfolios share many items and values.
const PEOPLE: [&str; 5] = ["ana", "mei", "raj", "wei", "omar"];
const PROGRAMS: [&str; 3] = ["spring", "summer", "fall"];
const DELIVERABLES: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
const METRICS: [&str; 3] = ["mql", "ctr", "visits"];
const MILESTONES: [&str; 3] = ["Launch", "Review", "Retro"];

fn pos() -> impl Strategy<Value = Pos> {
    (1u32..50, 1u32..5).prop_map(|(line, col)| Pos { line, col })
}

fn text() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["x", "y", "林美 (Mei Lin)", "2027-02-01"]).prop_map(String::from)
}

fn person_id() -> impl Strategy<Value = String> {
    prop::sample::select(PEOPLE.to_vec()).prop_map(String::from)
}

fn day() -> impl Strategy<Value = Date> {
    (1i8..5).prop_map(|d| date(2027, 2, d))
}

fn ring() -> impl Strategy<Value = Ring> {
    prop::sample::select(Ring::ALL.to_vec())
}

/// Integers and floats, with `1` and `1.0` both in reach.
fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        (0i64..3).prop_map(Number::Int),
        prop::sample::select(vec![0.5, 1.0, 2.5]).prop_map(Number::Float),
    ]
}

/// Each name of `pool` present or not: unique by construction.
fn some_of<T: std::fmt::Debug>(
    pool: &'static [&'static str],
    item: impl Strategy<Value = T>,
) -> impl Strategy<Value = Vec<(&'static str, T)>> {
    prop::collection::vec(prop::option::of(item), pool.len()).prop_map(move |items| {
        pool.iter()
            .zip(items)
            .filter_map(|(id, item)| Some((*id, item?)))
            .collect()
    })
}

fn people() -> impl Strategy<Value = Vec<Person>> {
    let fields = (
        text(),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(ring()),
        prop::option::of(text()),
        pos(),
    );
    some_of(&PEOPLE, fields).prop_map(|list| {
        list.into_iter()
            .map(|(id, (name, role, org, ring, contact, pos))| Person {
                id: id.into(),
                name,
                role,
                org,
                ring,
                contact,
                path: Arc::from("boards/people.toml"),
                pos,
                id_pos: pos,
            })
            .collect()
    })
}

fn team() -> impl Strategy<Value = Team> {
    some_of(&PEOPLE, (ring(), pos())).prop_map(|members| {
        let mut team = Team::default();
        for (id, (ring, pos)) in members {
            let _ = team.add(ring, id.into(), pos);
        }
        team
    })
}

fn milestones() -> impl Strategy<Value = Vec<Milestone>> {
    some_of(&MILESTONES, (day(), prop::option::of(needs()), pos())).prop_map(|list| {
        list.into_iter()
            .map(|(name, (date, needs, pos))| Milestone {
                name: name.into(),
                date,
                needs,
                pos,
            })
            .collect()
    })
}

fn metrics() -> impl Strategy<Value = Vec<Metric>> {
    let fields = (
        text(),
        prop::option::of(text()),
        number(),
        prop::option::of(number()),
        prop::option::of(person_id()),
        prop::sample::select(Better::ALL.to_vec()),
        prop::option::of(number()),
        prop::option::of(day()),
        pos(),
    );
    some_of(&METRICS, fields).prop_map(|list| {
        list.into_iter()
            .map(
                |(id, (name, unit, target, actual, owner, better, baseline, by, pos))| Metric {
                    id: id.into(),
                    name,
                    unit,
                    target,
                    actual,
                    owner,
                    better,
                    baseline,
                    by,
                    pos,
                    id_pos: pos,
                    owner_pos: pos,
                },
            )
            .collect()
    })
}

fn needs() -> impl Strategy<Value = Vec<Need>> {
    prop::sample::subsequence(vec!["a", "b", "other/a"], 0..=3).prop_map(|raws| {
        raws.into_iter()
            .map(|raw| {
                let (program, id) = match raw.split_once('/') {
                    Some((p, id)) => (Some(p.to_string()), id),
                    None => (None, raw),
                };
                Need {
                    raw: raw.into(),
                    program,
                    id: id.into(),
                    pos: Pos::default(),
                }
            })
            .collect()
    })
}

/// Deliverables in any order, to reach every way of matching them by id.
fn deliverables() -> impl Strategy<Value = Vec<Deliverable>> {
    let fields = (
        text(),
        person_id(),
        day(),
        prop::option::of(day()),
        prop::sample::select(Status::ALL.to_vec()),
        needs(),
        prop::option::of(text()),
        prop::option::of(0u32..3),
        pos(),
    );
    some_of(&DELIVERABLES, fields)
        .prop_map(|list| {
            list.into_iter()
                .map(
                    |(id, (title, owner, due, start, status, needs, note, duration, pos))| {
                        Deliverable {
                            id: id.into(),
                            title,
                            owner,
                            due,
                            start,
                            status,
                            needs,
                            note,
                            duration,
                            pos,
                            id_pos: pos,
                            owner_pos: pos,
                            due_pos: pos,
                            start_pos: pos,
                        }
                    },
                )
                .collect::<Vec<_>>()
        })
        .prop_shuffle()
}

fn programs() -> impl Strategy<Value = Vec<Program>> {
    let head = (
        text(),
        prop::option::of(text()),
        prop::option::of((person_id(), pos())),
        prop::option::of((person_id(), pos())),
        prop::option::of(1i64..3),
        prop::option::of(day()),
        prop::option::of(day()),
    );
    let body = (team(), milestones(), metrics(), deliverables(), pos());
    some_of(&PROGRAMS, (head, body)).prop_map(|list| {
        list.into_iter()
            .map(|(id, (head, body))| {
                let (name, goal, strategist, lead, priority, start, end) = head;
                let (team, milestones, metrics, deliverables, pos) = body;
                Program {
                    id: id.into(),
                    path: Arc::from(format!("boards/{id}.toml")),
                    name,
                    goal,
                    strategist,
                    lead,
                    priority,
                    start,
                    end,
                    team,
                    milestones,
                    metrics,
                    deliverables,
                    pos,
                    start_pos: pos,
                }
            })
            .collect()
    })
}

fn portfolio() -> impl Strategy<Value = Portfolio> {
    (people(), programs()).prop_map(|(people, programs)| Portfolio::new(people, programs))
}

/// The same plans moved to other files and lines.
fn moved(p: &Portfolio) -> Portfolio {
    let far = |pos: Pos| Pos {
        line: pos.line + 100,
        col: pos.col + 1,
    };
    let people = p
        .people
        .iter()
        .map(|x| Person {
            path: Arc::from("boards/2027/people.toml"),
            pos: far(x.pos),
            ..x.clone()
        })
        .collect();
    let programs = p
        .programs
        .iter()
        .map(|x| Program {
            path: Arc::from(format!("boards/2027/{}.toml", x.id)),
            pos: far(x.pos),
            deliverables: x
                .deliverables
                .iter()
                .map(|d| Deliverable {
                    pos: far(d.pos),
                    due_pos: far(d.due_pos),
                    needs: d
                        .needs
                        .iter()
                        .map(|n| Need {
                            pos: far(n.pos),
                            ..n.clone()
                        })
                        .collect(),
                    ..d.clone()
                })
                .collect(),
            ..x.clone()
        })
        .collect();
    Portfolio::new(people, programs)
}

/// The kind that undoes `kind`: added ↔ removed, joined ↔ left.
fn opposite(kind: Kind) -> Kind {
    match kind {
        Kind::PersonAdded => Kind::PersonRemoved,
        Kind::PersonRemoved => Kind::PersonAdded,
        Kind::ProgramAdded => Kind::ProgramRemoved,
        Kind::ProgramRemoved => Kind::ProgramAdded,
        Kind::MilestoneAdded => Kind::MilestoneRemoved,
        Kind::MilestoneRemoved => Kind::MilestoneAdded,
        Kind::MetricAdded => Kind::MetricRemoved,
        Kind::MetricRemoved => Kind::MetricAdded,
        Kind::DeliverableAdded => Kind::DeliverableRemoved,
        Kind::DeliverableRemoved => Kind::DeliverableAdded,
        Kind::TeamJoined => Kind::TeamLeft,
        Kind::TeamLeft => Kind::TeamJoined,
        // A rename back is a rename.
        changed => changed,
    }
}

/// A change as a comparable line, the other way round when `reverse`. The
/// facts of an added item are left out: its removal has none to match.
/// Reversed, a change inside a renamed program names the program's id in
/// the other portfolio (`renamed`: new id → old id).
fn line(c: &Change, reverse: bool, renamed: &[(&str, &str)]) -> String {
    let kind = if reverse { opposite(c.kind) } else { c.kind };
    let program = c
        .program
        .as_deref()
        .map(|p| match renamed.iter().find(|(now, _)| *now == p) {
            Some((_, was)) if reverse => *was,
            _ => p,
        });
    let detail = match &c.detail {
        Detail::Changed { field, from, to } if reverse => format!("{field} {to:?} → {from:?}"),
        Detail::Changed { field, from, to } => format!("{field} {from:?} → {to:?}"),
        Detail::Joined(ring) | Detail::Left(ring) => ring.to_string(),
        Detail::Renamed { from } if reverse => format!("from {:?}", c.program),
        Detail::Renamed { from } => format!("from {:?}", Some(from)),
        Detail::Added(_) | Detail::Removed => String::new(),
    };
    format!("{kind:?} {program:?} {:?} {detail}", c.id)
}

fn sorted(changes: &[Change], reverse: bool) -> Vec<String> {
    let renamed: Vec<(&str, &str)> = changes
        .iter()
        .filter_map(Change::renamed)
        .map(|(was, now)| (now, was))
        .collect();
    let mut lines: Vec<String> = changes.iter().map(|c| line(c, reverse, &renamed)).collect();
    lines.sort();
    lines
}

/// `p` with program `from` given the id (and file) `to`.
fn renamed(p: &Portfolio, from: &str, to: &str) -> Portfolio {
    let programs = p
        .programs
        .iter()
        .map(|x| match x.id == from {
            true => Program {
                id: to.into(),
                path: Arc::from(format!("boards/{to}.toml")),
                ..x.clone()
            },
            false => x.clone(),
        })
        .collect();
    Portfolio::new(p.people.clone(), programs)
}

/// `p` with each deliverable of program `id` taking the fields of the
/// deliverable with its id in `other`'s program `id`, where there is one:
/// the same deliverable ids, other contents.
fn edited(p: &Portfolio, other: &Portfolio, id: &str) -> Portfolio {
    let theirs = other.program(id);
    let programs = p
        .programs
        .iter()
        .map(|x| Program {
            deliverables: x
                .deliverables
                .iter()
                .map(|d| {
                    let edit = theirs
                        .filter(|_| x.id == id)
                        .and_then(|t| t.deliverable(&d.id));
                    edit.map_or_else(
                        || d.clone(),
                        |e| Deliverable {
                            id: d.id.clone(),
                            ..e.clone()
                        },
                    )
                })
                .collect(),
            ..x.clone()
        })
        .collect();
    Portfolio::new(p.people.clone(), programs)
}

/// A change's detail says what its kind says.
fn detail_fits_kind(c: &Change) -> bool {
    let kind = format!("{:?}", c.kind);
    match &c.detail {
        Detail::Added(_) => kind.ends_with("Added"),
        Detail::Removed => kind.ends_with("Removed"),
        Detail::Changed { .. } => kind.ends_with("Changed"),
        Detail::Joined(_) => c.kind == Kind::TeamJoined,
        Detail::Left(_) => c.kind == Kind::TeamLeft,
        Detail::Renamed { .. } => c.kind == Kind::ProgramRenamed,
    }
}

proptest! {
    #[test]
    fn the_same_plans_report_nothing(x in portfolio()) {
        prop_assert_eq!(compare(&x, &x), Vec::<Change>::new());
        prop_assert!(compare_deliverables(&x, &x).is_empty());
    }

    #[test]
    fn moved_plans_report_nothing(x in portfolio()) {
        let there = moved(&x);
        prop_assert_eq!(compare(&x, &there), Vec::<Change>::new());
        prop_assert_eq!(compare(&there, &x), Vec::<Change>::new());
    }

    #[test]
    fn the_other_way_round_is_the_same_changes_reversed(a in portfolio(), b in portfolio()) {
        let forth = compare(&a, &b);
        let back = compare(&b, &a);
        prop_assert!(forth.iter().chain(&back).all(detail_fits_kind));
        prop_assert_eq!(sorted(&forth, false), sorted(&back, true));
    }

    /// A program whose file is renamed, its deliverables edited but their
    /// ids kept: one `program-renamed`, then the changes the same edits
    /// make without the rename, under the new id.
    #[test]
    fn a_renamed_program_is_one_change_then_what_changed_inside(a in portfolio(), b in portfolio()) {
        let kept = edited(&a, &b, "spring");
        let moved = renamed(&kept, "spring", "winter");
        let found = compare(&a, &moved);
        let has_deliverables = a.program("spring").is_some_and(|p| !p.deliverables.is_empty());
        let renames: Vec<&Change> = found.iter().filter(|c| c.kind == Kind::ProgramRenamed).collect();
        if !has_deliverables {
            prop_assert!(renames.is_empty(), "{found:?}");
            return Ok(());
        }
        prop_assert_eq!(renames.len(), 1);
        prop_assert_eq!(renames[0].renamed(), Some(("spring", "winter")));
        let inside: Vec<Change> = found
            .iter()
            .filter(|c| c.kind != Kind::ProgramRenamed)
            .map(|c| match c.program.as_deref() {
                Some("winter") => Change { program: Some("spring".into()), ..c.clone() },
                _ => c.clone(),
            })
            .collect();
        prop_assert_eq!(sorted(&inside, false), sorted(&compare(&a, &kept), false));
        // The stand-up sees the same deliverable changes, under the new id.
        let standup: Vec<_> = compare_deliverables(&a, &moved)
            .into_iter()
            .map(|c| match c.program.as_str() {
                "winter" => ringboard::standup::changes::Change { program: "spring".into(), ..c },
                _ => c,
            })
            .collect();
        let mut want = compare_deliverables(&a, &kept);
        let key = |c: &ringboard::standup::changes::Change| {
            let id = match &c.about {
                ringboard::standup::changes::About::Deliverable { id, .. } => id.clone(),
                _ => String::new(),
            };
            (c.program.clone(), id)
        };
        want.sort_by_key(key);
        let mut got = standup;
        got.sort_by_key(key);
        prop_assert_eq!(got, want);
    }
}
