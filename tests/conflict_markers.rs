//! A plan file with git's conflict markers (after a conflicted merge) is
//! one error at the first marker, not TOML syntax errors and follow-on
//! problems; `set` and `add` refuse to edit it, saying why.

mod support;

use std::path::Path;

use support::cli::{Run, ringboard};
use support::files::{examples, write};
use support::gitrepo::{MONDAY, TestRepo};

const MESSAGE: &str = "unresolved merge conflict (<<<<<<< marker): resolve it and commit";

/// The 1-based line of the first line starting with `marker`.
fn line_of(text: &str, marker: &str) -> usize {
    1 + text
        .lines()
        .position(|l| l.starts_with(marker))
        .expect("a marker")
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Mei Lin",
            "-c",
            "user.email=mei@example.com",
        ])
        .args(args)
        .output()
        .expect("git")
}

/// `check` says only this: one error, at the marker's line.
fn assert_only_the_conflict(run: &Run, path: &str, line: usize) {
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let want = format!("{path}:{line}:1: error: {MESSAGE}");
    let problems: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .collect();
    assert_eq!(problems, [want.as_str()], "{}", run.stdout);
    assert!(run.stdout.contains("1 error, 0 warnings"), "{}", run.stdout);
}

/// A merge that conflicts in spring-launch.toml: `check` reports the
/// conflict and nothing else, though nurture-2027 needs one of its
/// deliverables.
#[test]
fn a_conflicted_merge_is_one_error_at_its_first_marker() {
    let repo = TestRepo::examples();
    let file = "boards/spring-launch.toml";
    assert!(git(repo.path(), &["branch", "other"]).status.success());
    repo.edit(file, "due = 2027-01-12", "due = 2027-01-14");
    repo.commit("Mei Lin", MONDAY + 60, "research slips two days");
    assert!(
        git(repo.path(), &["checkout", "-q", "other"])
            .status
            .success()
    );
    repo.edit(file, "due = 2027-01-12", "due = 2027-01-19");
    repo.commit("Ana Souza", MONDAY + 120, "research slips a week");
    assert!(
        git(repo.path(), &["checkout", "-q", "main"])
            .status
            .success()
    );
    let merge = git(repo.path(), &["merge", "other"]);
    assert!(!merge.status.success(), "the merge conflicts");
    let text = repo.read(file);
    assert!(text.contains("<<<<<<< HEAD"), "{text}");

    let run = ringboard(repo.path(), &["check"]);
    assert_only_the_conflict(&run, file, line_of(&text, "<<<<<<<"));
    assert!(!run.stdout.contains("TOML syntax"));
    assert!(!run.stdout.contains("unknown program"));

    // Committed as it is (it happens): a revision reads the same way.
    repo.commit("Ana Souza", MONDAY + 180, "merge");
    let run = ringboard(repo.path(), &["--rev", "HEAD", "check"]);
    assert_only_the_conflict(&run, file, line_of(&text, "<<<<<<<"));
}

/// A conflict in the roster does not make every owner unknown.
#[test]
fn a_conflicted_roster_hides_no_owner() {
    let dir = examples();
    let people = dir.path().join("boards/people.toml");
    let mut text = std::fs::read_to_string(&people).expect("roster");
    text.push_str(
        "\n<<<<<<< HEAD\n[[person]]\nid = \"kim\"\nname = \"Kim\"\n=======\n>>>>>>> theirs\n",
    );
    std::fs::write(&people, &text).expect("write");
    let run = ringboard(dir.path(), &["check"]);
    assert_only_the_conflict(&run, "boards/people.toml", line_of(&text, "<<<<<<<"));
}

/// `set` and `add` refuse a file with conflict markers, saying why and
/// where, and leave it as it was.
#[test]
fn set_and_add_refuse_a_conflicted_file() {
    let dir = examples();
    let file = "boards/spring-launch.toml";
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path)
        .expect("plans")
        .replacen(
            "[[deliverable]]\nid = \"brief\"",
            "<<<<<<< HEAD\n[[deliverable]]\nid = \"brief\"\n=======\n[[deliverable]]\nid = \"brief-v2\"\n>>>>>>> theirs",
            1,
        );
    assert!(
        text.contains("<<<<<<<"),
        "the example changed: fix the test"
    );
    write(dir.path(), file, &text);
    let line = line_of(&text, "<<<<<<<");
    let want = format!("ringboard: {file}: cannot be edited: line {line}: {MESSAGE}");
    for args in [
        &["set", "spring-launch/brief", "status=done"][..],
        &["set", "spring-launch/research", "title=Research"],
        &[
            "add",
            "spring-launch",
            "--title",
            "Press kit",
            "--owner",
            "mei",
            "--due",
            "2027-03-01",
        ],
    ] {
        let run = ringboard(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.trim_end(), want, "{args:?}");
        assert_eq!(std::fs::read_to_string(&path).expect("plans"), text);
    }
}
