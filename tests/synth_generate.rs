//! The synthetic portfolio generator (tools/synth, `ringboard_synth`) as
//! ringboard sees it: valid plans (`check` reports nothing, at every commit
//! of the history), deterministic from the seed, the size the benchmarks
//! rely on, and a history with the edits planners make. Its command line is
//! tested in tools/synth/tests/cli.rs.

use std::collections::BTreeSet;
use std::path::Path;

use git2::Repository;
use ringboard::load::{LoadOptions, Plans, load};
use ringboard::model::Status;
use ringboard_synth::{Params, generate};
use support::cli::ringboard;
use tempfile::TempDir;

mod support;

fn small(commits: usize) -> Params {
    Params {
        programs: 5,
        deliverables: 20,
        people: 30,
        commits,
        seed: 42,
    }
}

fn load_at(dir: &Path, rev: Option<String>) -> Plans {
    load(&LoadOptions {
        repo: Some(dir.to_path_buf()),
        rev,
        ..LoadOptions::default()
    })
    .expect("load")
}

fn check(dir: &Path, args: &[&str]) -> String {
    let run = ringboard(dir, &[&["check"], args].concat());
    assert_eq!(run.code, 0, "check {args:?} failed:\n{}", run.stdout);
    run.stdout
}

#[test]
fn small_portfolio_with_history_checks_clean_now_and_three_commits_ago() {
    let dir = TempDir::new().expect("tempdir");
    let summary = generate(&small(10), dir.path()).expect("generate");
    assert_eq!(summary.files, 6);
    assert_eq!(summary.commits, 10);
    assert_eq!(check(dir.path(), &[]), "0 errors, 0 warnings in 6 files\n");
    assert_eq!(
        check(dir.path(), &["--rev", "HEAD~3"]),
        "0 errors, 0 warnings in 6 files\n"
    );

    let repo = Repository::open(dir.path()).expect("repo");
    let head = repo.head().expect("head").peel_to_commit().expect("commit");
    assert_eq!(Some(head.id()), summary.head);
    assert!(
        repo.statuses(None).expect("status").is_empty(),
        "work tree is clean"
    );
    let mut walk = repo.revwalk().expect("revwalk");
    walk.push_head().expect("push");
    let commits: Vec<git2::Commit<'_>> = walk
        .map(|oid| repo.find_commit(oid.expect("oid")).expect("commit"))
        .collect();
    assert_eq!(commits.len(), 10);
    // Newest first: times strictly decrease going back.
    assert!(
        commits
            .windows(2)
            .all(|w| w[0].time().seconds() > w[1].time().seconds())
    );
    let authors: BTreeSet<String> = commits
        .iter()
        .map(|c| c.author().email().unwrap_or_default().to_string())
        .collect();
    assert!(authors.len() > 1, "several authors: {authors:?}");
}

#[test]
fn every_commit_of_a_long_history_is_valid_and_it_moves_and_renames_files() {
    let dir = TempDir::new().expect("tempdir");
    let summary = generate(&small(300), dir.path()).expect("generate");
    let repo = Repository::open(dir.path()).expect("repo");
    let mut walk = repo.revwalk().expect("revwalk");
    walk.push_head().expect("push");
    let mut paths = BTreeSet::new();
    let mut changed_files = 0;
    let mut previous: Option<git2::Tree<'_>> = None;
    for oid in walk {
        let oid = oid.expect("oid");
        let plans = load_at(dir.path(), Some(oid.to_string()));
        assert!(
            plans.diagnostics.is_empty(),
            "commit {oid}: {:?}",
            plans.diagnostics
        );
        let tree = repo.find_commit(oid).expect("commit").tree().expect("tree");
        tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            paths.insert(format!("{dir}{}", entry.name().unwrap_or_default()));
            git2::TreeWalkResult::Ok
        })
        .expect("walk");
        if let Some(newer) = &previous {
            let diff = repo
                .diff_tree_to_tree(Some(&tree), Some(newer), None)
                .expect("diff");
            assert!(diff.deltas().len() >= 1, "every commit changes something");
            changed_files += diff.deltas().len();
        }
        previous = Some(tree);
    }
    assert_eq!(summary.commits, 300);
    // Most commits edit one program file; renames rewrite its referrers too.
    assert!(changed_files < 300 * 4, "{changed_files} files changed");
    assert!(
        paths.iter().any(|p| p.starts_with("boards/")
            && p.matches('/').count() == 2
            && p.ends_with(".toml")),
        "a program file was moved into a folder: {paths:?}"
    );
    assert!(
        paths.iter().any(|p| p.contains("-v2.toml")),
        "a program file was renamed: {paths:?}"
    );
    let now = load_at(dir.path(), None);
    assert!(now.diagnostics.is_empty(), "{:?}", now.diagnostics);
    assert_eq!(now.portfolio.deliverable_count(), summary.deliverables);
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_history() {
    let (a, b, c) = (TempDir::new(), TempDir::new(), TempDir::new());
    let (a, b, c) = (a.expect("a"), b.expect("b"), c.expect("c"));
    let first = generate(&small(5), a.path()).expect("a");
    let second = generate(&small(5), b.path()).expect("b");
    let other = generate(
        &Params {
            seed: 7,
            ..small(5)
        },
        c.path(),
    )
    .expect("c");
    assert_eq!(first, second);
    assert_ne!(first.head, other.head);
    let read = |d: &Path, f: &str| std::fs::read(d.join("boards").join(f)).expect("read");
    assert_eq!(read(a.path(), "people.toml"), read(b.path(), "people.toml"));
    assert_ne!(read(a.path(), "people.toml"), read(c.path(), "people.toml"));
}

#[test]
fn refuses_a_folder_that_is_not_empty() {
    let dir = TempDir::new().expect("tempdir");
    std::fs::write(dir.path().join("notes.txt"), "mine").expect("write");
    let err = generate(&small(0), dir.path()).expect_err("refused");
    assert!(err.to_string().contains("is not empty"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).expect("read"),
        "mine"
    );
}

/// The benchmark portfolio: about 3 MB, 20,000 deliverables, 1,000 people,
/// with everything the plan format has and nothing `check` complains about.
#[test]
fn default_size_is_the_benchmark_portfolio() {
    let dir = TempDir::new().expect("tempdir");
    let summary = generate(&Params::default(), dir.path()).expect("generate");
    assert_eq!(summary.deliverables, 20_000);
    assert_eq!(summary.files, 101);
    assert!(
        (2_500_000..4_000_000).contains(&summary.bytes),
        "{} bytes",
        summary.bytes
    );
    assert!(!dir.path().join(".git").exists(), "no history asked for");

    let plans = load_at(dir.path(), None);
    assert!(
        plans.diagnostics.is_empty(),
        "{:?}",
        &plans.diagnostics[..3.min(plans.diagnostics.len())]
    );
    let p = &plans.portfolio;
    assert_eq!(p.people.len(), 1000);
    assert_eq!(p.programs.len(), 100);
    assert!(p.people.iter().any(|x| !x.name.is_ascii()), "Chinese names");
    let all: Vec<_> = p.programs.iter().flat_map(|x| &x.deliverables).collect();
    let count = |s: Status| all.iter().filter(|d| d.status == s).count();
    for s in [
        Status::Todo,
        Status::Doing,
        Status::Review,
        Status::Done,
        Status::Blocked,
        Status::Dropped,
    ] {
        assert!(count(s) > 20, "{s:?}: {}", count(s));
    }
    let cross = all
        .iter()
        .flat_map(|d| &d.needs)
        .filter(|n| n.program.is_some())
        .count();
    assert!(cross > 200, "{cross} cross-program hand-offs");
    assert!(
        p.programs
            .iter()
            .all(|x| !x.metrics.is_empty() && !x.milestones.is_empty())
    );
}

/// The generator is a development tool (ringboard-synth), not part of the
/// binary users install.
#[test]
fn ringboard_itself_has_no_generate_command() {
    let dir = TempDir::new().expect("tempdir");
    let out = dir.path().join("plans");
    let run = ringboard(dir.path(), &["generate", "--out", &out.to_string_lossy()]);
    assert_eq!(run.code, 2);
    assert!(!out.exists(), "nothing written");
}

/// Large portfolios look for cycles on a second thread: a cycle is still
/// reported, once, with its path.
#[test]
fn a_cycle_in_a_large_generated_portfolio_is_reported() {
    let dir = TempDir::new().expect("tempdir");
    let params = Params {
        programs: 10,
        deliverables: 250,
        people: 100,
        commits: 0,
        seed: 3,
    };
    generate(&params, dir.path()).expect("generate");
    let path = dir.path().join("boards/prog-004.toml");
    let mut text = std::fs::read_to_string(&path).expect("read");
    let owner = text
        .lines()
        .find_map(|l| l.strip_prefix("strategist = "))
        .expect("strategist")
        .to_string();
    for (id, need) in [("loop-a", "loop-b"), ("loop-b", "loop-a")] {
        text.push_str(&format!(
            "\n[[deliverable]]\nid = \"{id}\"\ntitle = \"Loop\"\nowner = {owner}\ndue = 2027-01-10\nneeds = [\"{need}\"]\n"
        ));
    }
    std::fs::write(&path, text).expect("write");
    let plans = load_at(dir.path(), None);
    let messages: Vec<&str> = plans
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages, ["cycle in needs: loop-a -> loop-b -> loop-a"]);
}

/// Many files are read from git objects on several threads: the result is
/// the same as reading the work tree, file for file and in the same order.
#[test]
fn many_files_load_the_same_from_head_as_from_the_work_tree() {
    let dir = TempDir::new().expect("tempdir");
    let params = Params {
        programs: 60,
        deliverables: 5,
        people: 40,
        commits: 3,
        seed: 11,
    };
    generate(&params, dir.path()).expect("generate");
    let tree = load_at(dir.path(), None);
    let head = load_at(dir.path(), Some("HEAD".to_string()));
    assert_eq!(head.files, 61);
    // Debug of the people and programs: everything that was read, in order.
    let shown = |p: &Plans| format!("{:?} {:?}", p.portfolio.people, p.portfolio.programs);
    assert!(
        shown(&head) == shown(&tree),
        "HEAD and the work tree differ"
    );
    assert!(head.diagnostics.is_empty(), "{:?}", head.diagnostics);
}
