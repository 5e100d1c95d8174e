//! `ringboard log PROGRAM/METRIC` through real history: the commits that
//! changed a metric's actual and target, newest first, in text and JSON;
//! `--metric` for an id a deliverable has too; a typo's did-you-mean.

mod support;

use serde_json::Value;
use support::cli::ringboard_on;
use support::gitrepo::{DAY, MONDAY, TestRepo};

/// `ringboard --repo DIR log ARGS`: status, stdout, stderr.
fn log(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let run = ringboard_on(dir, &[&["log"], args].concat());
    (run.code, run.stdout, run.stderr)
}

const PLAN: &str = "boards/spring.toml";

/// The metric `mql` added (target 1200, actual 100), its actual moved in
/// three commits and its target in one; a deliverable changed in between
/// (not the metric's history).
fn history() -> TestRepo {
    let repo = TestRepo::spring("plans");
    repo.edit(PLAN, "actual = 100", "actual = 140");
    repo.commit("Ana Souza", MONDAY + DAY, "mql from the CRM");
    repo.edit(PLAN, "due = 2027-02-10", "due = 2027-02-17");
    repo.commit("Ana Souza", MONDAY + 2 * DAY, "slip the copy");
    repo.edit(PLAN, "target = 1200", "target = 1500");
    repo.commit("王伟", MONDAY + 3 * DAY, "a bigger goal");
    repo.edit(PLAN, "actual = 140", "actual = 200");
    repo.commit("Ana Souza", MONDAY + 4 * DAY, "mql");
    repo.edit(PLAN, "actual = 200", "actual = 260");
    repo.commit("Mei Lin", MONDAY + 5 * DAY, "mql");
    repo
}

/// Date, short commit id, author and the change of one text line.
fn fields(line: &str) -> (&str, &str, &str, &str) {
    let mut parts = line.splitn(4, "  ");
    let mut next = || parts.next().unwrap_or_default();
    (next(), next(), next(), next())
}

#[test]
fn metric_history_newest_first() {
    let repo = history();
    let (code, out, err) = log(repo.path(), &["spring/mql"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<(&str, &str, &str, &str)> = out.lines().map(fields).collect();
    let expected = [
        ("2027-01-30", "Mei Lin", "actual 200 → 260"),
        ("2027-01-29", "Ana Souza", "actual 140 → 200"),
        ("2027-01-28", "王伟", "target 1200 → 1500"),
        ("2027-01-26", "Ana Souza", "actual 100 → 140"),
        ("2027-01-25", "Mei Lin", "added (target 1200)"),
    ];
    assert_eq!(lines.len(), expected.len(), "{out}");
    for ((date, short, author, change), (d, a, c)) in lines.iter().zip(expected) {
        assert_eq!((*date, *author, *change), (d, a, c), "{out}");
        assert_eq!(short.len(), 7, "{out}");
        assert!(short.chars().all(|c| c.is_ascii_hexdigit()), "{out}");
    }
    assert!(
        !out.contains("due"),
        "the deliverable's slip is not the metric's: {out}"
    );
    // --metric says the same of an id only a metric has.
    let (code, again, _) = log(repo.path(), &["spring/mql", "--metric"]);
    assert_eq!((code, again.as_str()), (0, out.as_str()));
}

#[test]
fn metric_history_as_json_field_by_field() {
    let repo = history();
    let (code, out, err) = log(repo.path(), &["spring/mql", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).expect("json");
    let list = json.as_array().expect("a list");
    assert_eq!(list.len(), 5, "{out}");
    let head = repo.head_commit().id().to_string();
    let first = &list[0];
    assert_eq!(first["commit"], head.as_str());
    assert_eq!(first["date"], "2027-01-30");
    assert_eq!(first["author"], "Mei Lin");
    let change = &first["changes"][0];
    assert_eq!(change["kind"], "metric-changed", "{out}");
    assert_eq!(change["program"], "spring");
    assert_eq!(change["id"], "mql");
    assert_eq!(change["field"], "actual");
    assert_eq!(change["from"], 200);
    assert_eq!(change["to"], 260);
    let target = &list[2]["changes"][0];
    assert_eq!(list[2]["author"], "王伟");
    assert_eq!(target["field"], "target");
    assert_eq!(
        (&target["from"], &target["to"]),
        (&1200.into(), &1500.into())
    );
    let added = &list[4]["changes"][0];
    assert_eq!(added["kind"], "metric-added", "{out}");
    assert_eq!(added["id"], "mql");
    for entry in list {
        assert_eq!(entry["changes"].as_array().map(Vec::len), Some(1), "{out}");
    }
}

#[test]
fn an_id_a_deliverable_has_too_needs_metric() {
    let repo = history();
    let text = repo.read(PLAN);
    repo.write(
        PLAN,
        &format!("{text}\n[[deliverable]]\nid = \"mql\"\ntitle = \"MQL report\"\nowner = \"ana\"\ndue = 2027-03-01\n"),
    );
    repo.commit("Mei Lin", MONDAY + 6 * DAY, "a report");
    let (code, out, err) = log(repo.path(), &["spring/mql"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty());
    assert!(
        err.contains("`spring/mql` names both a deliverable and a metric: add --metric"),
        "{err}"
    );
    let (code, out, err) = log(repo.path(), &["spring/mql", "--metric"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 5, "{out}");
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.ends_with("actual 200 → 260")),
        "{out}"
    );
}

#[test]
fn an_unknown_metric_gets_a_did_you_mean() {
    let repo = history();
    let (code, out, err) = log(repo.path(), &["spring/mqls"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("no deliverable `spring/mqls` at HEAD (did you mean `spring/mql`?)"),
        "{err}"
    );
    let (code, _, err) = log(repo.path(), &["spring/mqq", "--metric"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no metric `spring/mqq` at HEAD (did you mean `spring/mql`?)"),
        "{err}"
    );
    let (code, _, err) = log(repo.path(), &["spring", "--metric"]);
    assert_eq!(code, 2);
    assert!(err.contains("--metric goes with PROGRAM/METRIC"), "{err}");
}

#[test]
fn a_removed_metric_says_so_and_its_other_fields_count() {
    let repo = history();
    repo.edit(
        PLAN,
        "owner = \"ana\"\n\n[[deliverable]]",
        "owner = \"wei\"\n\n[[deliverable]]",
    );
    repo.commit("Ana Souza", MONDAY + 6 * DAY, "wei owns mql");
    let text = repo.read(PLAN);
    let start = text.find("[[metric]]").expect("metric");
    let end = text.find("[[deliverable]]").expect("deliverable");
    repo.write(PLAN, &format!("{}{}", &text[..start], &text[end..]));
    repo.commit("Mei Lin", MONDAY + 7 * DAY, "no more mql");
    let (code, out, err) = log(repo.path(), &["spring/mql", "--metric"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<(&str, &str, &str, &str)> = out.lines().map(fields).collect();
    assert_eq!(lines.len(), 7, "{out}");
    assert_eq!(
        (lines[0].0, lines[0].2, lines[0].3),
        ("2027-02-01", "Mei Lin", "removed")
    );
    assert_eq!(lines[1].3, "owner ana → wei", "{out}");
}

#[test]
fn git_strings_are_written_out_not_sent_to_the_terminal() {
    let repo = history();
    repo.edit(PLAN, "actual = 260", "actual = 300");
    repo.commit("Eve\u{1b}]0;pwned\u{7}", MONDAY + 6 * DAY, "mql");
    let (code, out, err) = log(repo.path(), &["spring/mql"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    let first = out.lines().next().unwrap_or_default();
    assert!(first.contains("Eve\\u{1b}]0;pwned"), "{first}");
    assert!(first.ends_with("  actual 260 → 300"), "{first}");
}
