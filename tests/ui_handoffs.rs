//! The hand-offs view's chains on a small hand-made portfolio: upstream and
//! downstream trees are transitive, cross programs, survive a cycle, and the
//! critical path follows the open need that arrives last. The rules live in
//! the domain (`graph`, `derive`); this checks them on loaded plans.

mod support;

use ringboard::graph::{Direction, NeedGraph};
use ringboard::load::{LoadOptions, load};
use ringboard::ui::testing::Snapshot;
use support::files::write;
use support::gitrepo::PEOPLE;
use tempfile::TempDir;

// launch: research (done) <- brief <- copy, visual; page needs copy and
// visual; copy is due later than visual so it is on the critical path.
// brand/guide is needed across programs by launch/visual.
// loop-a and loop-b need each other (a cycle the validator reports).
const LAUNCH: &str = r#"
[program]
name = "Launch"
strategist = "ana"
lead = "ana"

[[deliverable]]
id = "research"
title = "Research"
owner = "ana"
due = 2027-01-10
status = "done"

[[deliverable]]
id = "brief"
title = "Brief"
owner = "ana"
due = 2027-01-20
needs = ["research"]

[[deliverable]]
id = "copy"
title = "Copy"
owner = "wei"
due = 2027-02-20
needs = ["brief"]

[[deliverable]]
id = "visual"
title = "Visual"
owner = "ana"
due = 2027-02-10
needs = ["brief", "brand/guide"]

[[deliverable]]
id = "page"
title = "Landing page"
owner = "wei"
due = 2027-03-01
needs = ["visual", "copy"]

[[deliverable]]
id = "loop-a"
title = "Loop A"
owner = "ana"
due = 2027-03-01
needs = ["loop-b"]

[[deliverable]]
id = "loop-b"
title = "Loop B"
owner = "ana"
due = 2027-03-01
needs = ["loop-a"]
"#;

const BRAND: &str = r#"
[program]
name = "Brand"
strategist = "ana"
lead = "ana"

[[deliverable]]
id = "guide"
title = "Guidelines"
owner = "wei"
due = 2027-01-25
"#;

fn snapshot() -> (TempDir, Snapshot) {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "boards/people.toml", PEOPLE);
    write(dir.path(), "boards/launch.toml", LAUNCH);
    write(dir.path(), "boards/brand.toml", BRAND);
    let plans = load(&LoadOptions {
        repo: Some(dir.path().into()),
        ..LoadOptions::default()
    })
    .expect("hand-made plans load");
    let data = Snapshot::new(plans, jiff::civil::date(2027, 2, 1));
    (dir, data)
}

/// `program/id` of a dense index.
fn name(data: &Snapshot, i: usize) -> String {
    let p = &data.plans.portfolio;
    let r = data.derived.graph.deliverable(i);
    format!("{}/{}", p.programs[r.program].id, p.deliverable(r).id)
}

fn index(data: &Snapshot, program: &str, id: &str) -> usize {
    let p = &data.plans.portfolio;
    for (pi, prog) in p.programs.iter().enumerate() {
        if prog.id != program {
            continue;
        }
        for di in 0..prog.deliverables.len() {
            let r = ringboard::model::DeliverableRef {
                program: pi,
                index: di,
            };
            if p.deliverable(r).id == id {
                return data.derived.graph.index(r);
            }
        }
    }
    panic!("no deliverable {program}/{id}");
}

/// The hand-offs tree from `start`, upstream or downstream.
fn tree(graph: &NeedGraph, start: usize, upstream: bool, limit: usize) -> Vec<(usize, usize)> {
    let direction = if upstream {
        Direction::Upstream
    } else {
        Direction::Downstream
    };
    graph.tree(start, direction, limit)
}

fn critical_path(data: &Snapshot, start: usize) -> Vec<usize> {
    data.derived.critical_path(&data.plans.portfolio, start)
}

fn lines(data: &Snapshot, t: &[(usize, usize)]) -> Vec<String> {
    t.iter()
        .map(|&(depth, i)| format!("{depth} {}", name(data, i)))
        .collect()
}

#[test]
fn upstream_is_transitive_and_crosses_programs() {
    let (_dir, data) = snapshot();
    let page = index(&data, "launch", "page");
    let up = lines(&data, &tree(&data.derived.graph, page, true, 100));
    // brief is reached through visual first, then shown once only.
    assert_eq!(
        up,
        [
            "1 launch/visual",
            "2 launch/brief",
            "3 launch/research",
            "2 brand/guide",
            "1 launch/copy",
        ]
    );
}

#[test]
fn downstream_is_transitive_and_crosses_programs() {
    let (_dir, data) = snapshot();
    let guide = index(&data, "brand", "guide");
    let down = lines(&data, &tree(&data.derived.graph, guide, false, 100));
    assert_eq!(down, ["1 launch/visual", "2 launch/page"]);
    let research = index(&data, "launch", "research");
    let down = lines(&data, &tree(&data.derived.graph, research, false, 100));
    assert_eq!(
        down,
        [
            "1 launch/brief",
            "2 launch/copy",
            "3 launch/page",
            "2 launch/visual",
        ]
    );
}

#[test]
fn a_cycle_ends_and_the_limit_holds() {
    let (_dir, data) = snapshot();
    let a = index(&data, "launch", "loop-a");
    let up = lines(&data, &tree(&data.derived.graph, a, true, 100));
    assert_eq!(up, ["1 launch/loop-b"]);
    assert_eq!(critical_path(&data, a).len(), 2);
    let page = index(&data, "launch", "page");
    assert_eq!(tree(&data.derived.graph, page, true, 2).len(), 2);
}

#[test]
fn critical_path_follows_the_open_need_due_last() {
    let (_dir, data) = snapshot();
    let page = index(&data, "launch", "page");
    let path: Vec<String> = critical_path(&data, page)
        .into_iter()
        .map(|i| name(&data, i))
        .collect();
    // copy (due 02-20) arrives after visual (02-10); research is done.
    assert_eq!(path, ["launch/page", "launch/copy", "launch/brief"]);
}
