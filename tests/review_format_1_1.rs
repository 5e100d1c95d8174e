//! `diff` and `log` on the keys of plan format 1.1: a deliverable's
//! `duration`, a milestone's `needs`, a metric's `better`, `baseline` and
//! `by` are changes like any other, in the JSON and in words.

mod support;

use serde_json::{Value, json};
use support::cli::ringboard_on;
use support::gitrepo::{DAY, MONDAY, TestRepo};

fn ringboard(repo: &TestRepo, args: &[&str]) -> String {
    let run = ringboard_on(repo.path(), &[&["--today", "2027-02-01"], args].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// The spring plans with the 1.1 keys edited after the first commit.
fn edited() -> TestRepo {
    let repo = TestRepo::spring("plans");
    repo.edit(
        "boards/spring.toml",
        "due = 2027-02-10\n",
        "due = 2027-02-10\nduration = 5\n",
    );
    repo.commit("Mei Lin", MONDAY + DAY, "copy takes five days");
    repo.edit("boards/spring.toml", "duration = 5", "duration = 10");
    repo.edit(
        "boards/spring.toml",
        "due = 2027-02-20\n",
        "due = 2027-02-20\nduration = 1\n",
    );
    repo.edit(
        "boards/spring.toml",
        "date = 2027-03-01\n",
        "date = 2027-03-01\nneeds = [\"copy\", \"build\"]\n",
    );
    repo.edit(
        "boards/spring.toml",
        "owner = \"ana\"\n\n[[deliverable]]\nid = \"brief\"",
        "owner = \"ana\"\nbetter = \"lower\"\nbaseline = 50\nby = 2027-04-15\n\n[[deliverable]]\nid = \"brief\"",
    );
    repo
}

#[test]
fn the_new_keys_are_changes_in_the_json() {
    let repo = edited();
    let out = ringboard(&repo, &["diff", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).expect("json");
    let changes: Vec<Value> = json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c.as_object_mut().expect("object").remove("title");
            c
        })
        .collect();
    assert_eq!(
        changes,
        [
            json!({"kind": "milestone-changed", "program": "spring", "id": "Launch day",
                   "field": "needs", "from": null, "to": ["copy", "build"]}),
            json!({"kind": "metric-changed", "program": "spring", "id": "mql",
                   "field": "better", "from": "higher", "to": "lower"}),
            json!({"kind": "metric-changed", "program": "spring", "id": "mql",
                   "field": "baseline", "from": null, "to": 50}),
            json!({"kind": "metric-changed", "program": "spring", "id": "mql",
                   "field": "by", "from": null, "to": "2027-04-15"}),
            json!({"kind": "deliverable-changed", "program": "spring", "id": "copy",
                   "field": "duration", "from": 5, "to": 10}),
            json!({"kind": "deliverable-changed", "program": "spring", "id": "build",
                   "field": "duration", "from": null, "to": 1}),
        ]
    );
}

#[test]
fn the_new_keys_are_changes_in_words() {
    let repo = edited();
    let text = ringboard(&repo, &["diff", "--color", "never"]);
    for line in [
        "needs of spring/Launch day none → [copy, build]",
        "better of spring/mql \"MQLs\" higher → lower",
        "baseline of spring/mql \"MQLs\" none → 50",
        "by of spring/mql \"MQLs\" none → 2027-04-15",
        "duration of spring/copy \"Email copy\" 5 → 10 days",
        "duration of spring/build \"Email build\" none → 1 day",
    ] {
        assert!(text.contains(line), "{line:?} in:\n{text}");
    }
    let log = ringboard(&repo, &["log", "spring/copy", "--color", "never"]);
    assert!(log.contains("duration none → 5 days"), "{log}");
}

/// A key removed reads as the value it had, then none; `better` written
/// out as its default is no change at all.
#[test]
fn a_removed_duration_and_a_default_written_out() {
    let repo = TestRepo::spring("plans");
    repo.edit(
        "boards/spring.toml",
        "due = 2027-02-10\n",
        "due = 2027-02-10\nduration = 5\n",
    );
    repo.commit("Mei Lin", MONDAY + DAY, "five days");
    repo.edit("boards/spring.toml", "duration = 5\n", "");
    repo.edit(
        "boards/spring.toml",
        "owner = \"ana\"\n\n[[deliverable]]\nid = \"brief\"",
        "owner = \"ana\"\nbetter = \"higher\"\n\n[[deliverable]]\nid = \"brief\"",
    );
    let text = ringboard(&repo, &["diff", "--color", "never"]);
    assert!(
        text.contains("duration of spring/copy \"Email copy\" 5 days → none"),
        "{text}"
    );
    assert!(!text.contains("better"), "{text}");
}
