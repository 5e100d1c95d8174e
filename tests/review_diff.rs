//! `ringboard diff` on temporary repositories with real history.

mod support;

use serde_json::{Value, json};
use support::cli::ringboard_on;
use support::gitrepo::{DAY, MONDAY, PEOPLE, SPRING, TestRepo};

/// `ringboard --repo REPO --today 2027-02-01 ARGS`: status, stdout, stderr.
fn ringboard(repo: &TestRepo, args: &[&str]) -> (i32, String, String) {
    let run = ringboard_on(repo.path(), &[&["--today", "2027-02-01"], args].concat());
    (run.code, run.stdout, run.stderr)
}

fn diff_json(repo: &TestRepo, args: &[&str]) -> Value {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let (code, out, err) = ringboard(repo, &all);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("json")
}

/// `change` has every key of `expected` with its value (docs/cli.md allows
/// extra keys: a title, an added deliverable's marks).
fn holds(change: &Value, expected: &Value) -> bool {
    let (Some(change), Some(expected)) = (change.as_object(), expected.as_object()) else {
        return false;
    };
    expected.iter().all(|(k, v)| change.get(k) == Some(v))
}

fn base() -> TestRepo {
    TestRepo::spring("plans")
}

#[test]
fn every_change_kind_in_the_json() {
    let repo = base();
    let from = repo.repo.head().expect("head").target().expect("oid");
    repo.write(
        "boards/people.toml",
        &(PEOPLE.replace("name = \"Ana Souza\"", "name = \"Ana Souza-Lima\"")
            + "\n[[person]]\nid = \"raj\"\nname = \"Raj\"\nring = \"core\"\n"),
    );
    repo.edit(
        "boards/spring.toml",
        "name = \"Spring launch\"",
        "name = \"Spring launch 2027\"",
    );
    repo.edit(
        "boards/spring.toml",
        "core = [\"mei\", \"ana\"]",
        "core = [\"mei\", \"ana\"]\nextended = [\"wei\"]",
    );
    repo.edit(
        "boards/spring.toml",
        "date = 2027-03-01",
        "date = 2027-03-08",
    );
    repo.edit("boards/spring.toml", "actual = 100", "actual = 250");
    repo.edit("boards/spring.toml", "due = 2027-02-10", "due = 2027-02-17");
    repo.edit(
        "boards/spring.toml",
        "status = \"doing\"",
        "status = \"blocked\"",
    );
    repo.edit("boards/spring.toml", "[[deliverable]]\nid = \"brief\"", "[[milestone]]\nname = \"Review\"\ndate = 2027-02-15\n\n[[metric]]\nid = \"ctr\"\nname = \"CTR\"\ntarget = 0.035\n\n[[deliverable]]\nid = \"brief\"");
    repo.write("boards/summer.toml", "[program]\nname = \"Summer\"\n");
    let json = diff_json(&repo, &[]);
    assert_eq!(json["from"], from.to_string());
    assert_eq!(json["to"], Value::Null);
    let changes = json["changes"].as_array().expect("changes");
    let has = |c: Value| changes.iter().any(|x| holds(x, &c));
    for expected in [
        json!({"kind": "person-added", "id": "raj"}),
        json!({"kind": "person-changed", "id": "ana", "field": "name", "from": "Ana Souza", "to": "Ana Souza-Lima"}),
        json!({"kind": "program-added", "program": "summer"}),
        json!({"kind": "program-changed", "program": "spring", "field": "name", "from": "Spring launch", "to": "Spring launch 2027"}),
        json!({"kind": "team-joined", "program": "spring", "id": "wei", "ring": "extended"}),
        json!({"kind": "milestone-added", "program": "spring", "id": "Review"}),
        json!({"kind": "milestone-changed", "program": "spring", "id": "Launch day", "field": "date", "from": "2027-03-01", "to": "2027-03-08"}),
        json!({"kind": "metric-added", "program": "spring", "id": "ctr"}),
        json!({"kind": "metric-changed", "program": "spring", "id": "mql", "field": "actual", "from": 100, "to": 250}),
        json!({"kind": "deliverable-changed", "program": "spring", "id": "copy", "field": "due", "from": "2027-02-10", "to": "2027-02-17"}),
        json!({"kind": "deliverable-changed", "program": "spring", "id": "copy", "field": "status", "from": "doing", "to": "blocked"}),
    ] {
        assert!(has(expected.clone()), "missing {expected} in {changes:#?}");
    }
    // Now the removals, from the committed state to a trimmed one.
    repo.commit("Mei Lin", MONDAY + DAY, "everything");
    repo.remove("boards/summer.toml");
    repo.edit("boards/spring.toml", "\nextended = [\"wei\"]", "");
    repo.edit(
        "boards/spring.toml",
        "[[milestone]]\nname = \"Review\"\ndate = 2027-02-15\n",
        "",
    );
    repo.edit(
        "boards/spring.toml",
        "[[metric]]\nid = \"ctr\"\nname = \"CTR\"\ntarget = 0.035\n",
        "",
    );
    repo.edit("boards/spring.toml", "\n[[deliverable]]\nid = \"build\"\ntitle = \"Email build\"\nowner = \"ana\"\ndue = 2027-02-20\nneeds = [\"copy\"]\n", "\n[[deliverable]]\nid = \"qa\"\ntitle = \"QA\"\nowner = \"ana\"\ndue = 2027-02-20\nneeds = [\"copy\"]\n");
    repo.write("boards/people.toml", PEOPLE);
    let json = diff_json(&repo, &[]);
    let changes = json["changes"].as_array().expect("changes");
    for expected in [
        json!({"kind": "person-removed", "id": "raj"}),
        json!({"kind": "program-removed", "program": "summer"}),
        json!({"kind": "team-left", "program": "spring", "id": "wei", "ring": "extended"}),
        json!({"kind": "milestone-removed", "program": "spring", "id": "Review"}),
        json!({"kind": "metric-removed", "program": "spring", "id": "ctr"}),
        json!({"kind": "deliverable-removed", "program": "spring", "id": "build"}),
        json!({"kind": "deliverable-added", "program": "spring", "id": "qa"}),
    ] {
        assert!(
            changes.iter().any(|x| holds(x, &expected)),
            "missing {expected} in {changes:#?}"
        );
    }
}

#[test]
fn a_moved_or_reformatted_file_reports_nothing() {
    let repo = base();
    repo.rename("boards/spring.toml", "boards/2027/spring.toml");
    let reformatted = repo
        .read("boards/2027/spring.toml")
        .replace(" = ", "   =   ")
        .replace("\n\n", "\n\n# a comment\n\n");
    repo.write("boards/2027/spring.toml", &reformatted);
    repo.commit("Mei Lin", MONDAY + DAY, "move and reformat");
    let json = diff_json(&repo, &["HEAD~1", "HEAD"]);
    assert_eq!(json["changes"], json!([]));
    let (_, text, _) = ringboard(&repo, &["diff", "HEAD~1..HEAD"]);
    assert!(text.contains("No changes to the plans."), "{text}");
}

#[test]
fn a_one_day_slip_reads_in_the_singular() {
    let repo = base();
    repo.edit("boards/spring.toml", "due = 2027-02-10", "due = 2027-02-11");
    repo.commit("Ana Souza", MONDAY + DAY, "slip a day");
    let (code, text, _) = ringboard(&repo, &["diff", "HEAD~1..HEAD"]);
    assert_eq!(code, 0);
    assert!(
        text.contains("1 deadline slipped (+1 day in total)"),
        "{text}"
    );
    assert!(text.contains("(+1 day)"), "{text}");
}

#[test]
fn text_and_markdown_for_a_pull_request() {
    let repo = base();
    repo.edit("boards/spring.toml", "due = 2027-02-10", "due = 2027-03-05");
    repo.edit(
        "boards/spring.toml",
        "status = \"doing\"",
        "status = \"blocked\"",
    );
    repo.commit("Ana Souza", MONDAY + DAY, "slip");
    let (code, text, _) = ringboard(&repo, &["diff", "HEAD~1..HEAD"]);
    assert_eq!(code, 0);
    assert!(
        text.contains("1 deadline slipped (+23 days in total), 1 newly blocked"),
        "{text}"
    );
    assert!(
        text.contains(
            "deadline of spring/copy \"Email copy\" moved 2027-02-10 → 2027-03-05 (+23 days)"
        ),
        "{text}"
    );
    assert!(
        text.contains("status of spring/copy \"Email copy\" doing → blocked"),
        "{text}"
    );
    let (_, md, _) = ringboard(&repo, &["diff", "HEAD~1", "HEAD", "--format", "markdown"]);
    insta::assert_snapshot!(md.lines().skip(1).collect::<Vec<_>>().join("\n"));
}

#[test]
fn impact_downstream_and_milestones() {
    let repo = base();
    repo.edit("boards/spring.toml", "due = 2027-02-10", "due = 2027-03-05");
    let json = diff_json(&repo, &[]);
    let impact = &json["impact"][0];
    assert_eq!(impact["cause"], "spring/copy");
    assert_eq!(
        impact["newly_at_risk"],
        json!(["spring/build"]),
        "build needs copy, now due after it"
    );
    assert_eq!(impact["missed_milestones"][0]["name"], "Launch day");
}

#[test]
fn merge_base_range_like_a_pull_request() {
    let repo = base();
    repo.edit("boards/spring.toml", "actual = 100", "actual = 300");
    repo.commit("Ana Souza", MONDAY + DAY, "metric");
    let json = diff_json(&repo, &["HEAD~1...HEAD"]);
    assert_eq!(json["changes"][0]["field"], "actual");
}

#[test]
fn a_side_that_does_not_load_is_reported_and_the_rest_compared() {
    let repo = base();
    repo.write("boards/broken.toml", "[program\nname = ");
    repo.edit("boards/spring.toml", "actual = 100", "actual = 120");
    let (code, out, err) = ringboard(&repo, &["diff", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: working tree has a plan error: boards/broken.toml:1:"),
        "{err}"
    );
    let json: Value = serde_json::from_str(&out).expect("json");
    assert!(
        json["changes"]
            .as_array()
            .expect("list")
            .iter()
            .any(|c| c["field"] == "actual")
    );
    assert_eq!(json["warnings"].as_array().expect("list").len(), 1);
}

#[test]
fn cannot_run_exits_2_with_one_line() {
    let repo = base();
    let (code, _, err) = ringboard(&repo, &["diff", "nope"]);
    assert_eq!(
        (code, err.as_str()),
        (2, "ringboard: unknown revision `nope`\n")
    );
    repo.rename("boards/spring.toml", "plans/spring.toml");
    repo.rename("boards/people.toml", "plans/people.toml");
    repo.commit("Mei Lin", MONDAY + DAY, "rename boards");
    let (code, _, err) = ringboard(&repo, &["diff", "HEAD~1..HEAD"]);
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "ringboard: revision `HEAD` has no boards directory `boards`\n"
        )
    );
    let plain = tempfile::TempDir::new().expect("tempdir");
    let run = ringboard_on(plain.path(), &["diff"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("diff needs a git repository"));
    let empty = TestRepo::new();
    empty.write("boards/people.toml", PEOPLE);
    let (code, _, err) = ringboard(&empty, &["diff"]);
    assert_eq!(code, 2);
    assert!(err.contains("no commits yet"), "{err}");
}

#[test]
fn bare_repository_compares_revisions() {
    let repo = base();
    repo.edit("boards/spring.toml", "actual = 100", "actual = 150");
    repo.commit("Ana Souza", MONDAY + DAY, "metric");
    let bare = tempfile::TempDir::new().expect("tempdir");
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--bare"])
        .arg(repo.path())
        .arg(bare.path())
        .status()
        .expect("git");
    assert!(status.success());
    let run = ringboard_on(bare.path(), &["diff", "HEAD~1", "HEAD", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_slice(&run.stdout_bytes).expect("json");
    assert_eq!(json["changes"][0]["to"], 150);
}

/// The line of the first line of `text` that contains `needle` (1-based).
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle")
        + 1
}

#[test]
fn an_unchanged_section_reused_from_the_other_side_keeps_its_true_line() {
    let repo = TestRepo::new();
    repo.write("boards/people.toml", PEOPLE);
    let spring = SPRING.replace(
        "due = 2027-02-20\nneeds = [\"copy\"]",
        "due = 2027-02-20\nstatus = \"later\"\nneeds = [\"copy\"]",
    );
    repo.write("boards/spring.toml", &spring);
    repo.commit("Mei Lin", MONDAY, "plans");
    // Lines added above move every section down; one section changes, so
    // the other two are taken from the committed side's parse.
    repo.write(
        "boards/spring.toml",
        &format!(
            "# reviewed\n# by Raj\n{}",
            spring.replace("due = 2027-01-20", "due = 2027-01-27")
        ),
    );
    let (code, out, err) = ringboard(&repo, &["diff", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let old_line = line_of(&spring, "status = \"later\"");
    let new_line = line_of(&repo.read("boards/spring.toml"), "status = \"later\"");
    assert_eq!(new_line, old_line + 2);
    assert!(
        err.contains(&format!(
            "HEAD has a plan error: boards/spring.toml:{old_line}:"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "working tree has a plan error: boards/spring.toml:{new_line}:"
        )),
        "{err}"
    );
    let json: Value = serde_json::from_str(&out).expect("json");
    let changes = json["changes"].as_array().expect("list");
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["field"], "due");
}

/// The second side holds one changed blob at two paths (a program copied
/// under a new name): both are read, once, and compared.
#[test]
fn one_new_blob_at_two_paths_is_read_for_both() {
    let repo = base();
    repo.edit("boards/spring.toml", "due = 2027-02-10", "due = 2027-02-17");
    let copy = std::fs::read_to_string(repo.path().join("boards/spring.toml")).expect("read");
    repo.write("boards/spring-copy.toml", &copy);
    repo.commit("Ana Souza", MONDAY + DAY, "copy the spring plan");
    let json = diff_json(&repo, &["HEAD~1", "HEAD"]);
    let changes = json["changes"].as_array().expect("changes");
    assert!(
        changes
            .iter()
            .any(|c| c["kind"] == "program-added" && c["program"] == "spring-copy"),
        "{json}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c["program"] == "spring" && c["field"] == "due"),
        "{json}"
    );
    assert_eq!(json["warnings"], json!([]), "{json}");
}
