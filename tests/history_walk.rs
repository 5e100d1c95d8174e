//! `log`'s walk of history: merges skipped and their branches' commits
//! shown, children before parents, and the same answer whether it reads
//! the commits or git's commit-graph (a good one, or a broken one).

mod support;

use git2::{Signature, Time};
use support::cli::ringboard;
use support::gitrepo::{DAY, MONDAY, PEOPLE, SPRING, TestRepo};

/// main: plans → slip copy → merge(feature) → block copy
/// feature (from plans): retitle build
fn history_with_a_merge() -> TestRepo {
    let repo = TestRepo::spring("plans");
    let base = repo.head_commit().id();
    repo.edit("boards/spring.toml", "due = 2027-02-10", "due = 2027-02-17");
    let main = repo.commit("Ana Souza", MONDAY + DAY, "slip the copy");
    merge_a_feature(&repo, base, main);
    repo.edit(
        "boards/spring.toml",
        "status = \"doing\"",
        "status = \"blocked\"",
    );
    repo.commit("Ana Souza", MONDAY + 3 * DAY, "blocked");
    repo
}

fn merge_a_feature(repo: &TestRepo, base: git2::Oid, main: git2::Oid) {
    // The feature branch, from the first commit, retitles the build.
    let git = &repo.repo;
    let base_commit = git.find_commit(base).expect("base");
    let mut index = git2::Index::new().expect("index");
    let mut with_file = |path: &str, text: &str| {
        let blob = git.blob(text.as_bytes()).expect("blob");
        let entry = git2::IndexEntry {
            ctime: git2::IndexTime::new(0, 0),
            mtime: git2::IndexTime::new(0, 0),
            dev: 0,
            ino: 0,
            mode: 0o100644,
            uid: 0,
            gid: 0,
            file_size: text.len() as u32,
            id: blob,
            flags: 0,
            flags_extended: 0,
            path: path.as_bytes().to_vec(),
        };
        index.add(&entry).expect("add");
    };
    with_file("boards/people.toml", PEOPLE);
    with_file(
        "boards/spring.toml",
        &SPRING.replace(
            "title = \"Email build\"",
            "title = \"Email build and test\"",
        ),
    );
    let tree = git
        .find_tree(index.write_tree_to(git).expect("tree"))
        .expect("tree");
    let sig = |name: &str, secs: i64| Signature::new(name, "x@example.com", &Time::new(secs, 0));
    let feature = git
        .commit(
            None,
            &sig("王伟", MONDAY + DAY / 2).expect("sig"),
            &sig("王伟", MONDAY + DAY / 2).expect("sig"),
            "retitle the build",
            &tree,
            &[&base_commit],
        )
        .expect("feature");

    // The merge: main's copy slip and the feature's title.
    let merged = SPRING
        .replace("due = 2027-02-10", "due = 2027-02-17")
        .replace(
            "title = \"Email build\"",
            "title = \"Email build and test\"",
        );
    repo.write("boards/spring.toml", &merged);
    let mut idx = git.index().expect("index");
    idx.add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    idx.write().expect("write");
    let tree = git
        .find_tree(idx.write_tree().expect("tree"))
        .expect("tree");
    let s = sig("Mei Lin", MONDAY + 2 * DAY).expect("sig");
    let parents = [
        &git.find_commit(main).expect("main"),
        &git.find_commit(feature).expect("feature"),
    ];
    git.commit(Some("HEAD"), &s, &s, "merge feature", &tree, &parents)
        .expect("merge");
}

fn log(repo: &TestRepo, target: &str) -> String {
    let run = ringboard(repo.path(), &["log", target]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn merges_are_skipped_and_branches_shown_newest_first() {
    let repo = history_with_a_merge();
    let out = log(&repo, "spring");
    let lines: Vec<&str> = out.lines().collect();
    let expected = [
        "status of spring/copy \"Email copy\" doing → blocked",
        "deadline of spring/copy \"Email copy\" moved 2027-02-10 → 2027-02-17 (+7 days)",
        "title of spring/build Email build → Email build and test",
    ];
    for (line, want) in lines.iter().zip(expected) {
        assert!(line.contains(want), "{want:?} in\n{out}");
    }
    assert!(lines[3..].iter().all(|l| l.contains("added")), "{out}");
}

#[test]
fn the_commit_graph_gives_the_same_history() {
    let repo = history_with_a_merge();
    let read = [log(&repo, "spring"), log(&repo, "spring/copy")];
    let status = std::process::Command::new("git")
        .args(["commit-graph", "write", "--reachable"])
        .current_dir(repo.path())
        .status()
        .expect("git commit-graph");
    assert!(status.success());
    assert!(repo.file(".git/objects/info/commit-graph").exists());
    assert_eq!([log(&repo, "spring"), log(&repo, "spring/copy")], read);
    // A graph that does not read as the format says is ignored.
    let graph = repo.file(".git/objects/info/commit-graph");
    let mut bytes = std::fs::read(&graph).expect("graph");
    let n = bytes.len();
    bytes.truncate(n / 2);
    std::fs::write(&graph, &bytes).expect("write");
    assert_eq!([log(&repo, "spring"), log(&repo, "spring/copy")], read);
    std::fs::write(&graph, b"CGPH\x01\x01\x09\x00garbage").expect("write");
    assert_eq!([log(&repo, "spring"), log(&repo, "spring/copy")], read);
}
