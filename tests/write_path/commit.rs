//! `--commit` commits the written file and nothing else: the tree is
//! HEAD's with one blob changed, the author is git's configured identity,
//! other staged changes stay staged with their content, unstaged changes
//! and untracked files stay as they are.

use std::collections::BTreeMap;
use std::path::Path;

use git2::{Oid, Status, StatusOptions};

use super::support::gitrepo::{SPRING, TestRepo};
use super::{empty_home, repo_with, ringboard_in_home};

const OTHER: &str = "[program]\nname = \"Other\"\n\n[team]\ncore = [\"mei\"]\n\n[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-03-01\n";

fn index_ids(repo: &TestRepo) -> BTreeMap<String, Oid> {
    let mut index = repo.repo.index().expect("index");
    index.read(true).expect("read index");
    index
        .iter()
        .map(|e| (String::from_utf8_lossy(&e.path).into_owned(), e.id))
        .collect()
}

fn statuses(repo: &TestRepo) -> BTreeMap<String, Status> {
    let mut opts = StatusOptions::new();
    opts.include_untracked(true);
    repo.repo
        .statuses(Some(&mut opts))
        .expect("status")
        .iter()
        .map(|s| (s.path().unwrap_or("?").to_string(), s.status()))
        .collect()
}

#[test]
fn commit_takes_only_the_written_file() {
    let repo = repo_with(&[("spring.toml", SPRING), ("other.toml", OTHER)]);
    // Staged: a new person in the roster. Unstaged: an edit of another plan.
    repo.edit(
        "boards/people.toml",
        "id = \"wei\"",
        "id = \"wei\"\ncontact = \"wei@example.com\"",
    );
    let mut index = repo.repo.index().expect("index");
    index
        .add_path(Path::new("boards/people.toml"))
        .expect("stage");
    index.write().expect("write index");
    repo.edit(
        "boards/other.toml",
        "title = \"A\"",
        "title = \"A (draft)\"",
    );
    repo.write("notes.txt", "untracked notes\n");
    let head = repo.head_commit();
    let index_before = index_ids(&repo);
    let other_before = repo.read("boards/other.toml");

    let home = empty_home();
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &["set", "spring/copy", "status=done", "--commit"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);

    let new = repo.head_commit();
    assert_eq!(
        run.stdout,
        format!(
            "status of spring/copy \"Email copy\" doing → done\ncommitted {}\n",
            &new.id().to_string()[..7]
        )
    );
    assert_eq!(new.parent_ids().collect::<Vec<_>>(), vec![head.id()]);
    assert_eq!(
        new.message().ok(),
        Some("spring/copy: status doing → done\n"),
        "as git commit writes it"
    );
    for sig in [new.author(), new.committer()] {
        assert_eq!(sig.name().ok(), Some("Ana Souza"));
        assert_eq!(sig.email().ok(), Some("ana@example.com"));
    }
    // The tree is HEAD's with one blob changed: the file as written.
    let diff = repo
        .repo
        .diff_tree_to_tree(
            Some(&head.tree().expect("tree")),
            Some(&new.tree().expect("tree")),
            None,
        )
        .expect("diff");
    let deltas: Vec<_> = diff.deltas().collect();
    assert_eq!(deltas.len(), 1);
    let delta = &deltas[0];
    assert_eq!(
        delta.new_file().path(),
        Some(Path::new("boards/spring.toml"))
    );
    let blob = repo.repo.find_blob(delta.new_file().id()).expect("blob");
    assert_eq!(blob.content(), repo.read("boards/spring.toml").as_bytes());
    assert_eq!(delta.old_file().mode(), delta.new_file().mode());

    // Only that path's index entry moved; the staged roster keeps its content.
    let mut index_after = index_ids(&repo);
    assert_eq!(
        index_after.remove("boards/spring.toml"),
        Some(delta.new_file().id())
    );
    let mut expected = index_before;
    expected.remove("boards/spring.toml");
    assert_eq!(index_after, expected);
    assert_eq!(repo.read("boards/other.toml"), other_before);
    assert_eq!(repo.read("notes.txt"), "untracked notes\n");
    let status = statuses(&repo);
    assert_eq!(status.get("boards/spring.toml"), None, "{status:?}");
    assert_eq!(
        status.get("boards/people.toml"),
        Some(&Status::INDEX_MODIFIED)
    );
    assert_eq!(status.get("boards/other.toml"), Some(&Status::WT_MODIFIED));
    assert_eq!(status.get("notes.txt"), Some(&Status::WT_NEW));
}

#[test]
fn a_message_of_ones_own_and_an_added_deliverable() {
    let repo = repo_with(&[("spring.toml", SPRING)]);
    let home = empty_home();
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &[
            "set",
            "spring/build",
            "due=+7",
            "--commit",
            "-m",
            "Build slips a week",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let head = repo.head_commit();
    assert_eq!(head.message().ok(), Some("Build slips a week\n"));
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &[
            "add",
            "spring",
            "--title",
            "Launch report",
            "--owner",
            "mei",
            "--due",
            "2027-03-10",
            "--commit",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("added spring/launch-report\ncommitted "),
        "{}",
        run.stdout
    );
    let head = repo.head_commit();
    assert_eq!(
        head.message().ok(),
        Some("spring/launch-report: added (due 2027-03-10, owner mei)\n")
    );
    assert!(statuses(&repo).is_empty(), "{:?}", statuses(&repo));
    // -m without --commit is a usage error, before anything is read.
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &["set", "spring/build", "due=+1", "-m", "x"],
    );
    assert_eq!(run.code, 2);
}

/// With `core.autocrlf` (Git for Windows' default) the working tree has
/// CRLF and the repository LF: the commit holds the edited line alone, in
/// LF, and git sees the file unchanged after it.
#[test]
fn commit_applies_gits_line_ending_conversion() {
    let repo = TestRepo::new();
    let mut config = repo.repo.config().expect("config");
    config.set_bool("core.autocrlf", true).expect("autocrlf");
    let crlf = |s: &str| s.replace('\n', "\r\n");
    repo.write("boards/people.toml", &crlf(super::support::gitrepo::PEOPLE));
    repo.write("boards/spring.toml", &crlf(SPRING));
    repo.commit("Mei Lin", super::support::gitrepo::MONDAY, "plans");
    repo.set_identity("Ana Souza", "ana@example.com");
    let blob = |commit: &git2::Commit<'_>| -> String {
        let entry = commit
            .tree()
            .expect("tree")
            .get_path(Path::new("boards/spring.toml"))
            .expect("entry");
        let blob = repo.repo.find_blob(entry.id()).expect("blob");
        String::from_utf8(blob.content().to_vec()).expect("utf-8")
    };
    let before = blob(&repo.head_commit());
    assert!(!before.contains('\r'), "the repository holds LF");

    let home = empty_home();
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &["set", "spring/copy", "status=done", "--commit"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = blob(&repo.head_commit());
    assert_eq!(
        after,
        before.replace(
            "status = \"doing\"\nneeds = [\"brief\"]",
            "status = \"done\"\nneeds = [\"brief\"]"
        ),
        "one line changed, in LF"
    );
    assert!(
        repo.read("boards/spring.toml")
            .contains("status = \"done\"\r\n")
    );
    assert!(statuses(&repo).is_empty(), "{:?}", statuses(&repo));
}
