//! Loading from the working tree and from git objects, on real repositories
//! built with git2: `--rev`, bare repositories, empty ones, plain folders.

mod support;

use std::path::Path;

use git2::{Oid, Repository, Signature, Time};
use ringboard::load::{LoadOptions, Source, load};
use tempfile::TempDir;

use support::cli::ringboard_on;
use support::files::write;

const PEOPLE: &str = "[[person]]\nid = \"mei\"\nname = \"林美\"\nring = \"core\"\n";

fn program(due: &str) -> String {
    format!(
        "[program]\nname = \"Spring\"\n[team]\ncore = [\"mei\"]\n\n[[deliverable]]\nid = \"brief\"\ntitle = \"Brief\"\nowner = \"mei\"\ndue = {due}\n"
    )
}

/// Commits the whole work tree as it is, at a fixed time.
fn commit_all(repo: &Repository, message: &str, secs: i64) -> Oid {
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    index.write().expect("write index");
    let tree = repo
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let sig = Signature::new("Mei Lin", "mei@example.com", &Time::new(secs, 0)).expect("sig");
    let parents: Vec<_> = repo
        .head()
        .ok()
        .and_then(|h| h.peel_to_commit().ok())
        .into_iter()
        .collect();
    let parents: Vec<_> = parents.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .expect("commit")
}

/// A repository with two commits: due 2027-02-10, then 2027-02-17; the
/// working tree then edits it to 2027-02-24 without committing.
fn repo_with_history() -> (TempDir, Oid, Oid) {
    let dir = TempDir::new().expect("tempdir");
    let repo = Repository::init(dir.path()).expect("init");
    write(dir.path(), "boards/people.toml", PEOPLE);
    write(dir.path(), "boards/spring.toml", program("2027-02-10"));
    let first = commit_all(&repo, "first", 1_800_000_000);
    write(dir.path(), "boards/spring.toml", program("2027-02-17"));
    let second = commit_all(&repo, "second", 1_800_086_400);
    write(dir.path(), "boards/spring.toml", program("2027-02-24"));
    (dir, first, second)
}

fn due_of(opts: &LoadOptions) -> String {
    let plans = load(opts).expect("load");
    assert!(plans.diagnostics.is_empty(), "{:?}", plans.diagnostics);
    plans.portfolio.programs[0].deliverables[0].due.to_string()
}

fn opts(dir: &Path, rev: Option<&str>) -> LoadOptions {
    LoadOptions {
        repo: Some(dir.to_path_buf()),
        rev: rev.map(str::to_string),
        ..LoadOptions::default()
    }
}

#[test]
fn working_tree_and_revisions() {
    let (dir, first, second) = repo_with_history();
    assert_eq!(due_of(&opts(dir.path(), None)), "2027-02-24");
    assert_eq!(due_of(&opts(dir.path(), Some("HEAD"))), "2027-02-17");
    assert_eq!(due_of(&opts(dir.path(), Some("HEAD~1"))), "2027-02-10");
    assert_eq!(
        due_of(&opts(dir.path(), Some(&first.to_string()[..7]))),
        "2027-02-10"
    );
    let plans = load(&opts(dir.path(), Some("HEAD"))).expect("load");
    assert_eq!(plans.source, Source::Commit(second.into()));
    assert_eq!(plans.files, 2);
    // From a subfolder, the repository is discovered.
    assert_eq!(
        due_of(&opts(&dir.path().join("boards"), None)),
        "2027-02-24"
    );
}

#[test]
fn revision_read_does_not_touch_the_working_tree() {
    let (dir, _, _) = repo_with_history();
    let before = std::fs::read_to_string(dir.path().join("boards/spring.toml")).expect("read");
    due_of(&opts(dir.path(), Some("HEAD~1")));
    let after = std::fs::read_to_string(dir.path().join("boards/spring.toml")).expect("read");
    assert_eq!(before, after);
}

#[test]
fn bare_repository_reads_revisions() {
    let (dir, _, _) = repo_with_history();
    let bare_dir = TempDir::new().expect("tempdir");
    let bare = Repository::init_bare(bare_dir.path()).expect("bare");
    let mut remote = bare
        .remote_anonymous(dir.path().to_str().expect("utf-8 path"))
        .expect("remote");
    remote
        .fetch(&["+refs/heads/*:refs/heads/*"], None, None)
        .expect("fetch");
    let head = Repository::open(dir.path())
        .expect("open")
        .head()
        .expect("head")
        .name()
        .expect("name")
        .to_string();
    bare.set_head(&head).expect("set head");
    assert_eq!(due_of(&opts(bare_dir.path(), Some("HEAD~1"))), "2027-02-10");
    // Without --rev a bare repository is read at HEAD.
    assert_eq!(due_of(&opts(bare_dir.path(), None)), "2027-02-17");
}

#[test]
fn repository_without_commits_reads_the_working_tree() {
    let dir = TempDir::new().expect("tempdir");
    Repository::init(dir.path()).expect("init");
    write(dir.path(), "boards/people.toml", PEOPLE);
    write(dir.path(), "boards/spring.toml", program("2027-02-10"));
    assert_eq!(due_of(&opts(dir.path(), None)), "2027-02-10");
    let err = load(&opts(dir.path(), Some("HEAD"))).expect_err("no commits");
    assert_eq!(
        err.to_string(),
        "unknown revision `HEAD`: the repository has no commits yet"
    );
}

#[test]
fn unborn_head_on_any_branch_says_no_commits_yet() {
    let dir = TempDir::new().expect("tempdir");
    let repo = Repository::init(dir.path()).expect("init");
    repo.set_head("refs/heads/plans-2027").expect("head");
    write(dir.path(), "boards/people.toml", PEOPLE);
    let err = load(&opts(dir.path(), Some("HEAD"))).expect_err("no commits");
    assert_eq!(
        err.to_string(),
        "unknown revision `HEAD`: the repository has no commits yet"
    );
}

#[test]
fn plain_folder_works_without_history() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "boards/people.toml", PEOPLE);
    write(dir.path(), "boards/spring.toml", program("2027-02-10"));
    assert_eq!(due_of(&opts(dir.path(), None)), "2027-02-10");
    let err = load(&opts(dir.path(), Some("main"))).expect_err("not git");
    assert!(
        err.to_string()
            .contains("--rev main needs a git repository"),
        "{err}"
    );
}

/// `ringboard --repo DIR ARGS` from the test's folder: status, stdout, stderr.
fn ringboard(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let run = ringboard_on(dir, args);
    (run.code, run.stdout, run.stderr)
}

#[test]
fn unknown_revision_and_missing_boards_exit_2() {
    let (dir, _, _) = repo_with_history();
    let (code, _, err) = ringboard(dir.path(), &["check", "--rev", "no-such-branch"]);
    assert_eq!(code, 2);
    assert_eq!(err, "ringboard: unknown revision `no-such-branch`\n");
    let (code, _, err) = ringboard(dir.path(), &["check", "--rev", "HEAD", "--boards", "plans"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "ringboard: revision `HEAD` has no boards directory `plans`\n"
    );
}

#[test]
fn json_source_is_the_full_commit_id() {
    let (dir, _, second) = repo_with_history();
    let (code, out, _) = ringboard(
        dir.path(),
        &[
            "report",
            "--format",
            "json",
            "--rev",
            "HEAD",
            "--today",
            "2027-02-01",
        ],
    );
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["source"], second.to_string());
    assert_eq!(json["programs"][0]["deliverables"][0]["due"], "2027-02-17");
    let (_, out, _) = ringboard(
        dir.path(),
        &["report", "--format", "json", "--today", "2027-02-01"],
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["source"], "working tree");
}

#[test]
fn symlink_in_a_revision_is_not_followed() {
    let dir = TempDir::new().expect("tempdir");
    let repo = Repository::init(dir.path()).expect("init");
    write(dir.path(), "boards/people.toml", PEOPLE);
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("boards/evil.toml"))
        .expect("symlink");
    commit_all(&repo, "links", 1_800_000_000);
    let plans = load(&opts(dir.path(), Some("HEAD"))).expect("load");
    #[cfg(unix)]
    assert!(
        plans
            .diagnostics
            .iter()
            .any(|d| &*d.path == "boards/evil.toml" && d.message.contains("not followed")),
        "{:?}",
        plans.diagnostics
    );
}
