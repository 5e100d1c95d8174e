//! A temporary plans repository with real history, built with git2:
//! authors and commit times are set explicitly so tests are reproducible.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use git2::{IndexAddOption, Oid, Repository, Signature, Time};
use tempfile::TempDir;

use super::files::{copy_dir, write};

pub struct TestRepo {
    pub dir: TempDir,
    pub repo: Repository,
}

/// 2027-01-25 09:00 UTC, a Monday.
pub const MONDAY: i64 = 1_800_867_600;
pub const DAY: i64 = 86_400;

impl TestRepo {
    pub fn new() -> TestRepo {
        let dir = TempDir::new().expect("tempdir");
        let repo = Repository::init(dir.path()).expect("init");
        // Not the machine's init.defaultBranch: outputs name the branch.
        repo.set_head("refs/heads/main").expect("head");
        TestRepo { dir, repo }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The roster ([`PEOPLE`]) and these plans (paths under `boards/`),
    /// not committed.
    pub fn with_plans(plans: &[(&str, &str)]) -> TestRepo {
        let repo = TestRepo::new();
        repo.write("boards/people.toml", PEOPLE);
        for (path, text) in plans {
            repo.write(&format!("boards/{path}"), text);
        }
        repo
    }

    /// The roster and [`SPRING`] as `boards/spring.toml`, committed by Mei
    /// Lin on [`MONDAY`] with `message`.
    pub fn spring(message: &str) -> TestRepo {
        let repo = TestRepo::with_plans(&[("spring.toml", SPRING)]);
        repo.commit("Mei Lin", MONDAY, message);
        repo
    }

    /// This repository's example boards, committed by Mei Lin on [`MONDAY`].
    pub fn examples() -> TestRepo {
        let repo = TestRepo::new();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("boards"),
            &repo.file("boards"),
        );
        repo.commit("Mei Lin", MONDAY, "plans");
        repo
    }

    /// The board's fixture (`tests/fixtures/board`), committed by Mei Lin
    /// on [`MONDAY`].
    pub fn board_fixture() -> TestRepo {
        let repo = TestRepo::new();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/board/boards"),
            &repo.file("boards"),
        );
        repo.commit("Mei Lin", MONDAY, "plans");
        repo
    }

    /// Gives the repository a git identity of its own (who commits from
    /// the board or with `--commit`); the tests' homes have none.
    pub fn set_identity(&self, name: &str, email: &str) {
        let mut config = self.repo.config().expect("config");
        config.set_str("user.name", name).expect("name");
        config.set_str("user.email", email).expect("email");
    }

    /// The commit HEAD points at.
    pub fn head_commit(&self) -> git2::Commit<'_> {
        self.repo
            .head()
            .expect("head")
            .peel_to_commit()
            .expect("commit")
    }

    pub fn write(&self, rel: &str, content: &str) {
        write(self.path(), rel, content);
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.file(rel)).expect("read")
    }

    /// Replaces the first occurrence of `from` in a file.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.file(rel)).expect("remove");
    }

    pub fn rename(&self, from: &str, to: &str) {
        let target = self.file(to);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::rename(self.file(from), target).expect("rename");
    }

    /// Commits the whole work tree (additions and deletions) as `author`.
    pub fn commit(&self, author: &str, secs: i64, message: &str) -> Oid {
        let mut index = self.repo.index().expect("index");
        index
            .add_all(["*"], IndexAddOption::DEFAULT, None)
            .expect("add");
        index.update_all(["*"], None).expect("update");
        index.write().expect("write index");
        let tree = self
            .repo
            .find_tree(index.write_tree().expect("tree"))
            .expect("tree");
        let email = format!(
            "{}@example.com",
            author
                .split_whitespace()
                .next()
                .unwrap_or("x")
                .to_lowercase()
        );
        let sig = Signature::new(author, &email, &Time::new(secs, 0)).expect("signature");
        let parent = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        self.repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .expect("commit")
    }
}

pub const PEOPLE: &str = r#"
[[person]]
id = "mei"
name = "林美 (Mei Lin)"
ring = "core"

[[person]]
id = "ana"
name = "Ana Souza"
ring = "core"

[[person]]
id = "wei"
name = "王伟"
ring = "extended"
"#;

/// A small program: brief (done) → copy → build, and a launch milestone.
pub const SPRING: &str = r#"
[program]
name = "Spring launch"
lead = "mei"
end = 2027-04-30

[team]
core = ["mei", "ana"]

[[milestone]]
name = "Launch day"
date = 2027-03-01

[[metric]]
id = "mql"
name = "MQLs"
target = 1200
actual = 100
owner = "ana"

[[deliverable]]
id = "brief"
title = "Creative brief"
owner = "mei"
due = 2027-01-20
status = "done"

[[deliverable]]
id = "copy"
title = "Email copy"
owner = "ana"
due = 2027-02-10
status = "doing"
needs = ["brief"]

[[deliverable]]
id = "build"
title = "Email build"
owner = "ana"
due = 2027-02-20
needs = ["copy"]
"#;
