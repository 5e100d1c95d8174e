//! Every refusal writes nothing: all bytes of the working tree, the index
//! and HEAD are compared before and after, and the reason is one line.

use std::path::Path;

use ringboard::load::LoadOptions;
use ringboard::write::{self, ApplyOptions, Edit, Hooks, PlanFiles, WriteError, WriteLock};

use super::support::gitrepo::{SPRING, TestRepo};
use super::{empty_home, repo_with, ringboard_in_home, snapshot};

fn spring() -> TestRepo {
    repo_with(&[("spring.toml", SPRING)])
}

/// Runs `args`, expects exit 2 with one line saying `why`, and nothing changed.
fn refused(repo: &TestRepo, home: &Path, args: &[&str], why: &str) {
    let before = snapshot(repo);
    let run = ringboard_in_home(repo.path(), home, args);
    assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
    assert!(run.stderr.contains(why), "{args:?}: {}", run.stderr);
    assert_eq!(snapshot(repo), before, "{args:?} changed something");
}

#[test]
fn bad_values_unknown_fields_and_targets_with_did_you_mean() {
    let repo = spring();
    let home = empty_home();
    let h = home.path();
    refused(
        &repo,
        h,
        &["set", "spring/copy", "status=dnoe"],
        "(did you mean `done`?)",
    );
    refused(
        &repo,
        h,
        &["set", "spring/copy", "stauts=done"],
        "(did you mean `status`?)",
    );
    refused(
        &repo,
        h,
        &["set", "sprnig/copy", "status=done"],
        "(did you mean `spring`?)",
    );
    refused(
        &repo,
        h,
        &["set", "spring/cpy", "status=done"],
        "(did you mean `copy`?)",
    );
    // Day counts of any size: out of range, never a panic.
    for due in [
        "due=+9999999",
        "due=-7304485",
        "due=+99999999999",
        "due=+2147483647",
    ] {
        refused(
            &repo,
            h,
            &["set", "spring/copy", due],
            "moves the date out of range",
        );
    }
    refused(&repo, h, &["set", "spring/copy", "due=--5"], "not a date");
    refused(
        &repo,
        h,
        &["set", "spring/copy", "status=done", "--commit", "-m", " "],
        "the message given with -m is empty",
    );
    // A merge left its markers: what and where, by line.
    let conflicted = TestRepo::spring("plans");
    conflicted.edit(
        "boards/spring.toml",
        "[[deliverable]]\nid = \"build\"",
        "<<<<<<< HEAD\n[[deliverable]]\nid = \"build\"",
    );
    let line = conflicted
        .read("boards/spring.toml")
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .expect("marker")
        + 1;
    refused(
        &conflicted,
        h,
        &["set", "spring/copy", "status=done"],
        &format!("cannot be edited: line {line}: unresolved merge conflict (<<<<<<< marker)"),
    );
    refused(
        &repo,
        h,
        &["set", "spring/copy", "due=2027-02-30"],
        "not a date",
    );
    refused(&repo, h, &["set", "spring/copy", "due=soon"], "not a date");
    refused(
        &repo,
        h,
        &["set", "spring/copy", "start=+3"],
        "no current date",
    );
    refused(
        &repo,
        h,
        &["set", "spring/copy", "title="],
        "cannot be empty",
    );
    refused(
        &repo,
        h,
        &["set", "spring", "status=done"],
        "PROGRAM/DELIVERABLE",
    );
    refused(
        &repo,
        h,
        &["set", "spring/copy", "needs-=brif"],
        "needs-=brif: `brif` is not in the needs of spring/copy (did you mean `brief`?)",
    );
    refused(
        &repo,
        h,
        &["set", "spring/copy", "needs+=brief"],
        "already in the needs",
    );
    refused(
        &repo,
        h,
        &["set", "spring/copy", "status=done", "status=todo"],
        "given twice",
    );
    refused(
        &repo,
        h,
        &[
            "add",
            "spring",
            "--title",
            "发布日",
            "--owner",
            "ana",
            "--due",
            "2027-03-01",
        ],
        "needs --id",
    );
    refused(
        &repo,
        h,
        &[
            "add",
            "spring",
            "--title",
            "X",
            "--id",
            "copy",
            "--owner",
            "ana",
            "--due",
            "2027-03-01",
        ],
        "already has a deliverable `copy`",
    );
}

#[test]
fn an_edit_that_adds_a_check_error_is_refused_with_that_error() {
    let repo = spring();
    let home = empty_home();
    let h = home.path();
    refused(
        &repo,
        h,
        &["set", "spring/copy", "owner=anna"],
        "unknown person `anna` as owner (did you mean `ana`?)",
    );
    refused(
        &repo,
        h,
        &["set", "spring/copy", "start=2027-03-01"],
        "is after",
    );
    refused(
        &repo,
        h,
        &["set", "spring/copy", "needs+=brif"],
        "unknown deliverable `brif`",
    );
    refused(
        &repo,
        h,
        &["set", "spring/brief", "needs+=build"],
        "cycle in needs",
    );
    refused(
        &repo,
        h,
        &["set", "spring/copy", "owner=Nobody Here"],
        "boards/spring.toml:",
    );
    // A person's name for their id: the id it names (issue 23).
    refused(
        &repo,
        h,
        &["set", "spring/copy", "owner=Ana Souza"],
        "owner=Ana Souza: no person \"Ana Souza\" (did you mean `ana`?)",
    );
    refused(
        &repo,
        h,
        &[
            "add",
            "spring",
            "--title",
            "New",
            "--owner",
            "zed",
            "--due",
            "2027-03-01",
        ],
        "unknown person `zed`",
    );
}

#[test]
fn errors_already_there_are_not_the_edits_fault() {
    // Another file already has an error: an unrelated edit still goes through.
    let broken = "[program]\nname = \"B\"\n\n[[deliverable]]\nid = \"x\"\ntitle = \"X\"\nowner = \"nobody\"\ndue = 2027-02-01\n";
    let repo = repo_with(&[("spring.toml", SPRING), ("broken.toml", broken)]);
    let home = empty_home();
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &["set", "spring/copy", "status=review"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // And in the file with the error, an edit beside it too.
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &["set", "broken/x", "status=doing"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        repo.read("boards/broken.toml")
            .contains("status = \"doing\"")
    );
}

#[test]
fn never_on_a_revision_nor_in_a_bare_repository() {
    let repo = spring();
    let home = empty_home();
    refused(
        &repo,
        home.path(),
        &["--rev", "HEAD", "set", "spring/copy", "status=done"],
        "never at a revision",
    );
    let bare = tempfile::TempDir::new().expect("bare");
    git2::Repository::init_bare(bare.path()).expect("init");
    let listing = |dir: &Path| {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for e in walk(dir) {
            files.push((
                e.display().to_string(),
                std::fs::read(&e).unwrap_or_default(),
            ));
        }
        files
    };
    let before = listing(bare.path());
    let dir = bare.path().to_str().expect("utf-8");
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &["--repo", dir, "set", "spring/copy", "status=done"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bare repository"), "{}", run.stderr);
    assert_eq!(listing(bare.path()), before);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn commit_refusals_come_before_anything_is_written() {
    let home = empty_home();
    let h = home.path();
    let set = ["set", "spring/copy", "status=done", "--commit"];

    let repo = spring();
    repo.repo
        .config()
        .expect("config")
        .remove("user.name")
        .expect("unset");
    refused(
        &repo,
        h,
        &set,
        "git config --global user.name \"Your Name\"",
    );

    let repo = spring();
    let head = repo.repo.head().expect("head").target().expect("id");
    std::fs::write(repo.path().join(".git/MERGE_HEAD"), format!("{head}\n")).expect("merge");
    refused(&repo, h, &set, "a merge is in progress");

    let repo = spring();
    std::fs::create_dir(repo.path().join(".git/rebase-merge")).expect("rebase");
    refused(&repo, h, &set, "a rebase is in progress");

    let repo = spring();
    std::fs::write(repo.path().join(".git/index.lock"), "").expect("lock");
    refused(&repo, h, &set, "git is writing the index");

    // The file's own edits, in the working tree or staged.
    let repo = spring();
    repo.edit(
        "boards/spring.toml",
        "title = \"Email build\"",
        "title = \"Email build v2\"",
    );
    refused(
        &repo,
        h,
        &set,
        "uncommitted changes of its own (in the working tree)",
    );

    let repo = spring();
    repo.edit(
        "boards/spring.toml",
        "title = \"Email build\"",
        "title = \"Email build v2\"",
    );
    let mut index = repo.repo.index().expect("index");
    index
        .add_path(Path::new("boards/spring.toml"))
        .expect("stage");
    index.write().expect("write");
    repo.edit(
        "boards/spring.toml",
        "title = \"Email build v2\"",
        "title = \"Email build\"",
    );
    refused(&repo, h, &set, "uncommitted changes of its own (staged)");

    // A file not committed at all.
    let repo = spring();
    repo.write("boards/later.toml", "[program]\nname = \"L\"\n\n[[deliverable]]\nid = \"a\"\ntitle = \"A\"\nowner = \"mei\"\ndue = 2027-03-01\n");
    refused(
        &repo,
        h,
        &["set", "later/a", "status=done", "--commit"],
        "not committed yet",
    );
}

#[test]
fn a_symlinked_plan_file_is_not_written_through() {
    let repo = spring();
    repo.write("plans/spring.toml", SPRING);
    repo.remove("boards/spring.toml");
    std::os::unix::fs::symlink("../plans/spring.toml", repo.file("boards/spring.toml"))
        .expect("link");
    let home = empty_home();
    refused(
        &repo,
        home.path(),
        &["set", "spring/copy", "status=done"],
        "symbolic link",
    );
}

fn files(repo: &TestRepo) -> (PlanFiles, WriteLock) {
    let opts = LoadOptions {
        repo: Some(repo.path().to_path_buf()),
        ..LoadOptions::default()
    };
    PlanFiles::read_locked(&opts, write::WAIT).expect("read")
}

#[test]
fn a_file_changed_between_read_and_rename_is_not_overwritten() {
    let repo = spring();
    let (files, lock) = files(&repo);
    let draft = write::plan_set(
        &files,
        "spring/copy",
        &[Edit::parse("status=done").expect("edit")],
    )
    .expect("draft");
    let theirs = SPRING.replace("Email build", "Email build (theirs)");
    let path = repo.file("boards/spring.toml");
    let before = snapshot(&repo);
    // Another editor saves the file, same size or not, just before the rename.
    let hook = |p: &Path| std::fs::write(p, &theirs);
    let opts = ApplyOptions {
        hooks: Hooks {
            before_rename: Some(&hook),
        },
        ..ApplyOptions::default()
    };
    let err = write::apply(&files, &draft, &lock, &opts).expect_err("refused");
    assert!(matches!(err, WriteError::Changed(_)), "{err}");
    assert!(
        err.to_string()
            .contains("changed on disk since it was read")
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
    let mut expected = before;
    expected
        .files
        .insert("boards/spring.toml".into(), theirs.clone().into_bytes());
    assert_eq!(snapshot(&repo), expected, "no temporary file is left");
}

#[test]
fn a_write_interrupted_before_the_rename_leaves_the_old_file() {
    let repo = spring();
    let (files, lock) = files(&repo);
    let draft = write::plan_set(
        &files,
        "spring/copy",
        &[Edit::parse("due=+3").expect("edit")],
    )
    .expect("draft");
    let before = snapshot(&repo);
    let hook = |_: &Path| Err(std::io::Error::other("power cut"));
    let opts = ApplyOptions {
        commit: true,
        hooks: Hooks {
            before_rename: Some(&hook),
        },
        ..ApplyOptions::default()
    };
    let err = write::apply(&files, &draft, &lock, &opts).expect_err("interrupted");
    assert!(matches!(err, WriteError::Interrupted { .. }), "{err}");
    assert!(err.to_string().contains("the file is unchanged"), "{err}");
    assert_eq!(snapshot(&repo), before);
}

#[test]
fn undo_puts_the_old_bytes_back_unless_the_file_changed_again() {
    let repo = spring();
    let (files, lock) = files(&repo);
    let draft =
        write::plan_set(&files, "spring/copy", &[Edit::Note(Some("n".into()))]).expect("draft");
    let applied = write::apply(&files, &draft, &lock, &ApplyOptions::default()).expect("write");
    assert_eq!(applied.undo.previous, SPRING.as_bytes());
    assert_eq!(applied.undo.written, write::content_id(&draft.after));
    let redo = write::undo(&applied.undo, &lock, &Hooks::default()).expect("undo");
    assert_eq!(repo.read("boards/spring.toml"), SPRING);
    write::undo(&redo, &lock, &Hooks::default()).expect("redo");
    assert!(repo.read("boards/spring.toml").contains("note = \"n\""));
    // Someone edits the file: the old undo record no longer applies.
    repo.edit("boards/spring.toml", "note = \"n\"", "note = \"theirs\"");
    let err = write::undo(&applied.undo, &lock, &Hooks::default()).expect_err("refused");
    assert!(matches!(err, WriteError::Changed(_)), "{err}");
    assert!(repo.read("boards/spring.toml").contains("theirs"));
}
