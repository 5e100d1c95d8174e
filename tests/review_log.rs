//! `ringboard log` through real history: authors, dates, moves, renames,
//! shallow clones.

mod support;

use serde_json::Value;
use support::cli::ringboard_on;
use support::gitrepo::{DAY, MONDAY, TestRepo};

/// `ringboard --repo DIR log ARGS`: status, stdout, stderr.
fn log(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let run = ringboard_on(dir, &[&["log"], args].concat());
    (run.code, run.stdout, run.stderr)
}

/// Four commits by three people over four days: add, slip, move, block.
fn history() -> TestRepo {
    let repo = TestRepo::spring("plans");
    repo.edit("boards/spring.toml", "due = 2027-02-10", "due = 2027-02-17");
    repo.commit("Ana Souza", MONDAY + DAY, "slip the copy");
    repo.rename("boards/spring.toml", "boards/2027/spring.toml");
    repo.write("boards/notes.toml", "");
    repo.commit("王伟", MONDAY + 2 * DAY, "move into a folder");
    repo.edit(
        "boards/2027/spring.toml",
        "status = \"doing\"",
        "status = \"blocked\"",
    );
    repo.commit("Ana Souza", MONDAY + 3 * DAY, "blocked");
    repo
}

#[test]
fn deliverable_history_newest_first_through_a_move() {
    let repo = history();
    let (code, out, err) = log(repo.path(), &["spring/copy"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("2027-01-28  "), "{out}");
    assert!(
        lines[0].ends_with("  Ana Souza  status doing → blocked"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("2027-01-26  ")
            && lines[1].ends_with("  Ana Souza  due 2027-02-10 → 2027-02-17 (+7 days)"),
        "{out}"
    );
    assert!(
        lines[2].ends_with("  Mei Lin  added (due 2027-02-10, owner ana)"),
        "{out}"
    );
    let short = &lines[0][12..19];
    assert!(short.chars().all(|c| c.is_ascii_hexdigit()), "{short}");
}

#[test]
fn program_and_person_history() {
    let repo = history();
    let (_, out, _) = log(repo.path(), &["spring"]);
    assert_eq!(
        out.lines().count(),
        3,
        "the move commit changes nothing: {out}"
    );
    assert!(
        out.lines()
            .last()
            .expect("line")
            .ends_with("program spring \"Spring launch\" added (3 deliverables)"),
        "{out}"
    );
    let (_, out, _) = log(repo.path(), &["--person", "mei"]);
    assert!(
        out.contains("deliverable spring/brief \"Creative brief\" added"),
        "{out}"
    );
    assert!(!out.contains("spring/copy"), "copy is Ana's: {out}");
    let (_, out, _) = log(repo.path(), &["--person", "ana"]);
    assert!(
        out.contains("status of spring/copy \"Email copy\" doing → blocked"),
        "{out}"
    );
}

/// The history, then the program file renamed to `spring-launch` with the
/// build slipped a week in the same commit.
fn renamed_and_slipped() -> TestRepo {
    let repo = history();
    repo.rename("boards/2027/spring.toml", "boards/spring-launch.toml");
    repo.edit(
        "boards/spring-launch.toml",
        "due = 2027-02-20",
        "due = 2027-02-27",
    );
    repo.commit("Mei Lin", MONDAY + 4 * DAY, "rename and slip the build");
    repo
}

#[test]
fn follows_a_renamed_program() {
    let repo = renamed_and_slipped();
    let (_, out, _) = log(repo.path(), &["spring-launch/copy"]);
    assert_eq!(
        out.lines().count(),
        3,
        "history before the rename is kept: {out}"
    );
    let (_, out, _) = log(repo.path(), &["spring-launch/build"]);
    assert!(
        out.lines()
            .next()
            .expect("line")
            .ends_with("due 2027-02-20 → 2027-02-27 (+7 days)"),
        "{out}"
    );
}

/// A person's history through a commit that renames a program file and
/// edits it: what changed for them (a deliverable handed to someone else
/// included), not everything they own added again.
#[test]
fn a_person_history_through_a_rename_lists_what_changed() {
    let repo = history();
    repo.rename("boards/2027/spring.toml", "boards/spring-launch.toml");
    repo.edit(
        "boards/spring-launch.toml",
        "owner = \"ana\"\ndue = 2027-02-17",
        "owner = \"mei\"\ndue = 2027-02-17",
    );
    repo.edit(
        "boards/spring-launch.toml",
        "due = 2027-02-20",
        "due = 2027-02-27",
    );
    repo.commit(
        "Mei Lin",
        MONDAY + 4 * DAY,
        "rename, hand over the copy, slip the build",
    );
    let (code, out, err) = log(repo.path(), &["--person", "ana"]);
    assert_eq!(code, 0, "{err}");
    let newest: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("2027-01-29"))
        .map(|l| l.split("  Mei Lin  ").nth(1).unwrap_or(l))
        .collect();
    assert_eq!(
        newest,
        [
            "owner of spring-launch/copy \"Email copy\" ana → mei",
            "deadline of spring-launch/build \"Email build\" moved 2027-02-20 → 2027-02-27 (+7 days)",
        ],
        "{out}"
    );
}

#[test]
fn json_lists_commits_with_changes() {
    let repo = history();
    let (_, out, _) = log(repo.path(), &["spring/copy", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).expect("json");
    let first = &json[0];
    assert_eq!(first["author"], "Ana Souza");
    assert_eq!(first["date"], "2027-01-28");
    assert_eq!(first["commit"].as_str().expect("sha").len(), 40);
    assert_eq!(first["changes"][0]["kind"], "deliverable-changed");
    assert_eq!(first["changes"][0]["field"], "status");
    assert_eq!(json.as_array().expect("list").len(), 3);
}

#[test]
fn rev_starts_the_walk_earlier() {
    let repo = history();
    let run = ringboard_on(repo.path(), &["--rev", "HEAD~2", "log", "spring/copy"]);
    assert_eq!(run.stdout.lines().count(), 2);
}

#[test]
fn shallow_clone_says_where_history_ends() {
    let repo = history();
    let clone = tempfile::TempDir::new().expect("tempdir");
    let url = format!("file://{}", repo.path().display());
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "2", &url])
        .arg(clone.path())
        .status()
        .expect("git");
    assert!(status.success());
    let (code, out, err) = log(clone.path(), &["spring/copy"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("(shallow clone)"), "{err}");
    assert!(
        out.lines()
            .next()
            .expect("line")
            .ends_with("status doing → blocked"),
        "{out}"
    );
}

#[test]
fn bad_input() {
    let repo = history();
    let (code, _, err) = log(repo.path(), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("log needs PROGRAM/DELIVERABLE"), "{err}");
    let run = ringboard_on(repo.path(), &["--rev", "nope", "log", "spring"]);
    assert_eq!(run.code, 2);
    // A target the plans do not have: a typo, said with a suggestion.
    let (code, out, err) = log(repo.path(), &["nosuch/thing"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no program `nosuch` at HEAD"), "{err}");
    let (code, _, err) = log(repo.path(), &["spring/cpy"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no deliverable `spring/cpy` at HEAD (did you mean `spring/copy`?)"),
        "{err}"
    );
    let (code, _, err) = log(repo.path(), &["sprng"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no program `sprng` at HEAD (did you mean `spring`?)"),
        "{err}"
    );
    let (code, _, err) = log(repo.path(), &["--person", "aan"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no person `aan` at HEAD (did you mean `ana`?)"),
        "{err}"
    );
    let plain = tempfile::TempDir::new().expect("tempdir");
    let (code, _, err) = log(plain.path(), &["spring"]);
    assert_eq!(code, 2);
    assert!(err.contains("log needs a git repository"), "{err}");
}

#[test]
fn metric_history_from_commits() {
    let repo = history();
    repo.edit("boards/2027/spring.toml", "actual = 100", "actual = 180");
    repo.commit("Ana Souza", MONDAY + 4 * DAY, "more leads");
    repo.edit("boards/2027/spring.toml", "actual = 180", "actual = 240");
    repo.commit("Ana Souza", MONDAY + 6 * DAY, "even more");
    let head = repo.repo.head().expect("head").target().expect("oid");
    let git = ringboard::git::Repo::open(repo.path()).expect("open");
    let series = ringboard::review::metric_series::metric_series(
        &git,
        "boards",
        head.into(),
        "spring",
        1 << 20,
    )
    .expect("series");
    let mql: Vec<(String, f64)> = series["mql"]
        .iter()
        .map(|(d, v)| (d.to_string(), *v))
        .collect();
    assert_eq!(
        mql,
        [
            ("2027-01-25".to_string(), 100.0),
            ("2027-01-29".to_string(), 180.0),
            ("2027-01-31".to_string(), 240.0)
        ]
    );
}

/// A program renamed after the history asked for: under its old id the
/// rename is where the program went (not "removed"), with what changed in
/// that commit, and a warning names the log to run for what came after;
/// under its new id the program's log has the rename.
#[test]
fn a_rename_later_than_the_history_is_said_not_taken_for_a_removal() {
    let repo = renamed_and_slipped();
    let (code, out, err) = log(repo.path(), &["spring/build"]);
    assert_eq!(code, 0, "{err}");
    let first = out.lines().next().expect("line");
    assert!(first.contains("renamed to spring-launch"), "{out}");
    assert!(
        out.contains("due 2027-02-20 → 2027-02-27 (+7 days)"),
        "{out}"
    );
    assert!(!out.contains("removed"), "{out}");
    assert!(
        err.contains("spring was renamed to spring-launch in ")
            && err.contains("`ringboard log spring-launch/build` shows what came after"),
        "{err}"
    );
    let (_, out, _) = log(repo.path(), &["spring-launch"]);
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.contains("renamed to spring-launch")),
        "{out}"
    );
}
