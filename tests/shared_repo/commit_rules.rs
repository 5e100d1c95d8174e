//! `--commit` is what `git commit --only -- PATH` would make: the
//! repository's hooks, signing, clean filters, index and ref locks, index
//! flags, and its real work tree.

use std::path::Path;
use std::process::{Command, Stdio};

use super::support::gitrepo::{SPRING, TestRepo};
use super::{empty_home, git, refused_with, run, script, spring_repo};

const SET: [&str; 4] = ["set", "spring/copy", "status=review", "--commit"];

fn head(repo: &TestRepo) -> git2::Oid {
    repo.head_commit().id()
}

/// HEAD's bytes of a file.
fn committed(repo: &TestRepo, path: &str) -> String {
    let tree = repo.head_commit().tree().expect("tree");
    let entry = tree.get_path(Path::new(path)).expect("in HEAD");
    let blob = repo.repo.find_blob(entry.id()).expect("blob");
    String::from_utf8_lossy(blob.content()).into_owned()
}

#[test]
fn a_refusing_pre_commit_hook_names_itself_and_leaves_head() {
    let repo = spring_repo();
    script(
        &repo.file(".git/hooks/pre-commit"),
        "#!/bin/sh\necho 'boards/spring.toml:3:1: error: plans do not check' >&2\nexit 1\n",
    );
    let before = head(&repo);
    let out = run(repo.path(), &SET);
    refused_with(
        &out,
        &["pre-commit", "plans do not check", "HEAD is unchanged"],
    );
    assert_eq!(head(&repo), before);
    // As after a refused `git commit`: the file stays written.
    assert!(
        repo.read("boards/spring.toml")
            .contains("status = \"review\"")
    );
}

#[test]
fn a_refusing_commit_msg_hook_names_itself() {
    let repo = spring_repo();
    script(
        &repo.file(".git/hooks/commit-msg"),
        "#!/bin/sh\necho 'messages need a ticket' >&2\nexit 1\n",
    );
    let before = head(&repo);
    let out = run(repo.path(), &SET);
    refused_with(&out, &["commit-msg", "messages need a ticket"]);
    assert_eq!(head(&repo), before);
}

#[test]
fn hooks_that_pass_run_and_the_commit_is_made() {
    let repo = spring_repo();
    let marker = repo.file("hook-ran");
    script(
        &repo.file(".git/hooks/pre-commit"),
        &format!("#!/bin/sh\ntouch '{}'\n", marker.display()),
    );
    let before = head(&repo);
    let out = run(repo.path(), &SET);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(marker.exists(), "pre-commit ran");
    assert_ne!(head(&repo), before);
    assert!(committed(&repo, "boards/spring.toml").contains("status = \"review\""));
}

/// A stand-in for gpg: signs anything, as git expects gpg to say it did.
const FAKE_GPG: &str = "#!/bin/sh\ncat >/dev/null\necho '[GNUPG:] BEGIN_SIGNING' >&2\necho '[GNUPG:] SIG_CREATED D 1 8 00 1800000000 FAKE' >&2\nprintf -- '-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n-----END PGP SIGNATURE-----\\n'\n";

#[test]
fn commit_gpgsign_signs_the_commit() {
    let repo = spring_repo();
    let gpg = repo.file(".git/fake-gpg");
    script(&gpg, FAKE_GPG);
    let mut config = repo.repo.config().expect("config");
    config.set_bool("commit.gpgsign", true).expect("set");
    config
        .set_str("gpg.program", &gpg.display().to_string())
        .expect("set");
    let out = run(repo.path(), &SET);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (signature, _) = repo
        .repo
        .extract_signature(&head(&repo), None)
        .expect("the commit is signed");
    assert!(String::from_utf8_lossy(&signature).contains("BEGIN PGP SIGNATURE"));
}

#[test]
fn failed_signing_names_the_signer_and_leaves_head() {
    let repo = spring_repo();
    let gpg = repo.file(".git/broken-gpg");
    script(&gpg, "#!/bin/sh\necho 'no secret key' >&2\nexit 2\n");
    let mut config = repo.repo.config().expect("config");
    config.set_bool("commit.gpgsign", true).expect("set");
    config
        .set_str("gpg.program", &gpg.display().to_string())
        .expect("set");
    let before = head(&repo);
    let out = run(repo.path(), &SET);
    refused_with(&out, &["signing", "broken-gpg", "HEAD is unchanged"]);
    assert_eq!(head(&repo), before);
}

/// A required clean filter (git-crypt works so): the commit holds what
/// the filter makes of the file, never the work tree's plain text.
#[test]
fn a_clean_filter_makes_the_committed_blob() {
    let repo = spring_repo();
    git(
        repo.path(),
        &["config", "filter.shout.clean", "sed s/Email/EMAIL/"],
    );
    git(repo.path(), &["config", "filter.shout.smudge", "cat"]);
    git(repo.path(), &["config", "filter.shout.required", "true"]);
    repo.write(".gitattributes", "boards/spring.toml filter=shout\n");
    git(repo.path(), &["add", "--renormalize", "."]);
    git(repo.path(), &["add", ".gitattributes"]);
    git(repo.path(), &["commit", "-q", "-m", "filter the plans"]);
    assert!(committed(&repo, "boards/spring.toml").contains("EMAIL copy"));
    let out = run(repo.path(), &SET);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let blob = committed(&repo, "boards/spring.toml");
    assert!(blob.contains("status = \"review\""), "{blob}");
    assert!(
        blob.contains("EMAIL copy") && !blob.contains("Email copy"),
        "{blob}"
    );
    assert!(repo.read("boards/spring.toml").contains("Email copy"));
}

#[test]
fn skip_worktree_and_assume_unchanged_files_are_refused() {
    for flag in ["skip-worktree", "assume-unchanged"] {
        let repo = spring_repo();
        git(
            repo.path(),
            &["update-index", &format!("--{flag}"), "boards/spring.toml"],
        );
        let before = repo.read("boards/spring.toml");
        let out = run(repo.path(), &SET);
        refused_with(&out, &[flag, "boards/spring.toml"]);
        assert_eq!(repo.read("boards/spring.toml"), before, "nothing written");
    }
}

#[test]
fn a_leftover_ref_lock_is_refused_before_anything_is_written() {
    let repo = spring_repo();
    std::fs::write(repo.file(".git/refs/heads/main.lock"), "").expect("lock");
    let before = repo.read("boards/spring.toml");
    let out = run(repo.path(), &SET);
    refused_with(&out, &["main.lock"]);
    assert_eq!(repo.read("boards/spring.toml"), before, "nothing written");
}

/// `git init --separate-git-dir`: the work tree is where the `.git` file
/// is, not the git directory's parent.
#[test]
fn a_separate_git_dir_is_written_and_committed_in_the_real_work_tree() {
    let outer = tempfile::tempdir().expect("tempdir");
    let work = outer.path().join("plans");
    let git_dir = outer.path().join("store.git");
    std::fs::create_dir_all(work.join("boards")).expect("mkdir");
    // A decoy where the wrong guess would look: the git dir's parent.
    std::fs::create_dir_all(outer.path().join("boards")).expect("decoy");
    std::fs::write(outer.path().join("boards/spring.toml"), SPRING).expect("decoy");
    std::fs::write(
        work.join("boards/people.toml"),
        super::support::gitrepo::PEOPLE,
    )
    .expect("write");
    std::fs::write(work.join("boards/spring.toml"), SPRING).expect("write");
    git(
        &work,
        &[
            "init",
            "-q",
            "-b",
            "main",
            "--separate-git-dir",
            &git_dir.display().to_string(),
        ],
    );
    git(&work, &["config", "user.name", "Ana Souza"]);
    git(&work, &["config", "user.email", "ana@example.com"]);
    git(&work, &["add", "-A"]);
    git(&work, &["commit", "-q", "-m", "plans"]);
    let check = run(&work, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let out = run(&work, &SET);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(work.join("boards/spring.toml")).expect("read");
    assert!(text.contains("status = \"review\""));
    let decoy = std::fs::read_to_string(outer.path().join("boards/spring.toml")).expect("read");
    assert_eq!(decoy, SPRING, "the decoy is untouched");
    assert_eq!(git(&work, &["status", "--porcelain"]), "", "committed");
}

/// `core.worktree` names the work tree: plans are read and written there.
#[test]
fn core_worktree_names_the_work_tree() {
    let outer = tempfile::tempdir().expect("tempdir");
    let meta = outer.path().join("meta");
    let work = outer.path().join("tree");
    std::fs::create_dir_all(work.join("boards")).expect("mkdir");
    std::fs::create_dir_all(&meta).expect("mkdir");
    std::fs::write(
        work.join("boards/people.toml"),
        super::support::gitrepo::PEOPLE,
    )
    .expect("write");
    std::fs::write(work.join("boards/spring.toml"), SPRING).expect("write");
    git(&meta, &["init", "-q", "-b", "main"]);
    git(
        &meta,
        &["config", "core.worktree", &work.display().to_string()],
    );
    git(&meta, &["config", "user.name", "Ana Souza"]);
    git(&meta, &["config", "user.email", "ana@example.com"]);
    git(&meta, &["add", "-A"]);
    git(&meta, &["commit", "-q", "-m", "plans"]);
    let out = run(&meta, &SET);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(work.join("boards/spring.toml")).expect("read");
    assert!(text.contains("status = \"review\""));
    assert_eq!(git(&meta, &["status", "--porcelain"]), "", "committed");
}

/// A split index and a sparse index, which libgit2 cannot read: git can.
#[test]
fn split_and_sparse_indexes_commit() {
    let repo = spring_repo();
    git(repo.path(), &["update-index", "--split-index"]);
    let out = run(repo.path(), &SET);
    assert_eq!(out.code, 0, "split index: {}", out.stderr);
    let repo = spring_repo();
    git(
        repo.path(),
        &[
            "sparse-checkout",
            "set",
            "--cone",
            "--sparse-index",
            "boards",
        ],
    );
    let out = run(repo.path(), &SET);
    assert_eq!(out.code, 0, "sparse index: {}", out.stderr);
    assert!(committed(&repo, "boards/spring.toml").contains("status = \"review\""));
}

/// `git add` of another file at the same moment as `--commit`: whenever
/// git's add went through, its change is still staged afterwards, and
/// each commit holds the plan file alone. Two `--commit`s at once leave an
/// index that a later `git commit` does not use to revert them.
#[test]
fn concurrent_git_add_and_commits_lose_nothing() {
    let repo = spring_repo();
    let bin = assert_cmd::cargo::cargo_bin("ringboard");
    let home = empty_home();
    let spawn = |program: &Path, args: &[&str]| {
        Command::new(program)
            .args(args)
            .current_dir(repo.path())
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    for i in 0..25 {
        repo.write("notes.md", &format!("round {i}\n"));
        let add = spawn(Path::new("git"), &["add", "notes.md"]);
        let a = spawn(
            &bin,
            &["set", "spring/copy", &format!("note=A{i}"), "--commit"],
        );
        let b = spawn(
            &bin,
            &["set", "spring/build", &format!("note=B{i}"), "--commit"],
        );
        let added = add.wait_with_output().expect("git add").status.success();
        for child in [a, b] {
            let out = child.wait_with_output().expect("ringboard");
            let said = String::from_utf8_lossy(&out.stderr);
            // git's own lock may refuse (said, nothing written); never silently.
            assert!(
                out.status.success()
                    || said.contains("index.lock")
                    || said.contains("git is writing the index"),
                "round {i}: {said}"
            );
        }
        if added {
            let staged = git(repo.path(), &["diff", "--cached", "--name-only"]);
            assert!(staged.contains("notes.md"), "round {i}: git add was undone");
        }
        let plans = git(repo.path(), &["status", "--porcelain", "--", "boards"]);
        assert_eq!(plans, "", "round {i}: the plans are as HEAD has them");
    }
    // A later plain `git commit` of the staged notes keeps the plans.
    git(repo.path(), &["add", "notes.md"]);
    git(repo.path(), &["commit", "-q", "-m", "notes"]);
    assert_eq!(
        committed(&repo, "boards/spring.toml"),
        repo.read("boards/spring.toml")
    );
}
