//! How `diff` reads its range in the histories pull requests have: a
//! revision from before the first plans, and a shallow clone.

mod support;

use support::cli::ringboard;
use support::gitrepo::{DAY, MONDAY, PEOPLE, SPRING, TestRepo};

/// A revision without a boards directory (the commit before the plans were
/// added) is an empty portfolio: everything is added, and a note says why.
#[test]
fn a_revision_without_plans_counts_as_empty() {
    let repo = TestRepo::new();
    repo.write("README.md", "plans to come\n");
    repo.commit("Mei Lin", MONDAY, "start");
    repo.write("boards/people.toml", PEOPLE);
    repo.write("boards/spring.toml", SPRING);
    repo.commit("Mei Lin", MONDAY + DAY, "plans");
    let run = ringboard(
        repo.path(),
        &["--today", "2027-02-01", "diff", "HEAD~1", "HEAD"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("program spring \"Spring launch\" added"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("person mei \"林美 (Mei Lin)\" added"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("HEAD~1 has no boards directory `boards`"),
        "{}",
        run.stderr
    );
    // An unknown revision still cannot run.
    let run = ringboard(repo.path(), &["diff", "nope", "HEAD"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown revision `nope`"),
        "{}",
        run.stderr
    );
    // Neither side has plans: the boards directory is named wrong.
    let run = ringboard(
        repo.path(),
        &["--boards", "plans", "diff", "HEAD~1", "HEAD"],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
}

/// In a depth-1 clone the merge base of a pull request is missing: say so,
/// and how to get the history.
#[test]
fn a_shallow_clone_says_history_is_missing() {
    let repo = TestRepo::spring("plans");
    let base = repo.head_commit().id();
    repo.edit("boards/spring.toml", "due = 2027-02-10", "due = 2027-02-17");
    repo.commit("Mei Lin", MONDAY + DAY, "main moves");
    let main = repo.head_commit();
    let base = repo.repo.find_commit(base).expect("base");
    repo.repo.branch("feature", &base, false).expect("branch");
    repo.repo.set_head("refs/heads/feature").expect("checkout");
    repo.repo
        .checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
        .expect("checkout");
    repo.edit(
        "boards/spring.toml",
        "status = \"doing\"",
        "status = \"blocked\"",
    );
    repo.commit("Ana Souza", MONDAY + 2 * DAY, "feature");
    repo.repo.set_head("refs/heads/main").expect("back");
    assert_ne!(main.id(), base.id());

    let clone = tempfile::TempDir::new().expect("tempdir");
    let url = format!("file://{}", repo.path().display());
    let status = std::process::Command::new("git")
        .args([
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            "--branch",
            "feature",
        ])
        .arg(&url)
        .arg(clone.path().join("c"))
        .status()
        .expect("git clone");
    assert!(status.success());
    let run = ringboard(&clone.path().join("c"), &["diff", "origin/main...HEAD"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("shallow clone"), "{}", run.stderr);
    assert!(
        run.stderr.contains("git fetch --unshallow"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("fetch-depth: 0"), "{}", run.stderr);
}
