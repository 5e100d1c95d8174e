//! Unusual things under the boards directory, read the same way from the
//! working tree and from a revision.

mod support;

use support::cli::ringboard;
use support::gitrepo::{MONDAY, TestRepo};

/// A submodule under boards/ is skipped with a warning, in the working tree
/// and in revisions alike.
#[test]
fn a_submodule_is_skipped_with_a_warning_everywhere() {
    let repo = TestRepo::spring("plans");

    // A gitlink entry in the next commit's boards tree.
    let git = &repo.repo;
    let head = repo.head_commit();
    let root = head.tree().expect("tree");
    let boards = git
        .find_tree(
            root.get_path(std::path::Path::new("boards"))
                .expect("boards")
                .id(),
        )
        .expect("boards tree");
    let mut builder = git.treebuilder(Some(&boards)).expect("builder");
    builder
        .insert("vendor", head.id(), 0o160000)
        .expect("gitlink");
    let new_boards = builder.write().expect("write");
    let mut top = git.treebuilder(Some(&root)).expect("builder");
    top.insert("boards", new_boards, 0o040000).expect("insert");
    let tree = git.find_tree(top.write().expect("write")).expect("tree");
    let sig = git2::Signature::new(
        "Mei Lin",
        "mei@example.com",
        &git2::Time::new(MONDAY + 60, 0),
    )
    .expect("sig");
    git.commit(Some("HEAD"), &sig, &sig, "add a submodule", &tree, &[&head])
        .expect("commit");
    // And in the working tree: a folder that is a repository of its own.
    repo.write("boards/vendor/.git", "gitdir: ../../.git/modules/vendor\n");
    repo.write(
        "boards/vendor/hidden.toml",
        "[program]\nname = \"Hidden\"\n",
    );

    let warning = "boards/vendor:1:1: warning: a submodule: its plans belong to another repository and are not read";
    for args in [&["check"][..], &["--rev", "HEAD", "check"]] {
        let run = ringboard(repo.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stdout);
        assert!(run.stdout.contains(warning), "{args:?}: {}", run.stdout);
        assert!(!run.stdout.contains("hidden"), "{args:?}");
    }
    let run = ringboard(repo.path(), &["report", "--format", "json"]);
    assert!(!run.stdout.contains("Hidden"));
}

/// A truncated loose object (an interrupted write, a broken sync) is an
/// error naming it, in every command that reads git; libgit2 alone would
/// loop forever on it. (`damaged_repo.rs` has the rest of the contract.)
#[test]
fn a_truncated_loose_object_is_an_error_not_a_hang() {
    let repo = TestRepo::spring("plans");
    repo.edit("boards/spring.toml", "due = 2027-02-10", "due = 2027-02-17");
    repo.commit("Ana Souza", MONDAY + 60, "slip");
    let head = repo.head_commit();
    let blob = head
        .tree()
        .expect("tree")
        .get_path(std::path::Path::new("boards/spring.toml"))
        .expect("entry")
        .id()
        .to_string();
    let file = repo.file(&format!(".git/objects/{}/{}", &blob[..2], &blob[2..]));
    let bytes = std::fs::read(&file).expect("loose object");
    let mut perms = std::fs::metadata(&file).expect("meta").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&file, perms).expect("writable");
    std::fs::write(&file, &bytes[..bytes.len() / 2]).expect("truncate");

    for args in [
        &["--rev", "HEAD", "check"][..],
        &["diff", "HEAD~1", "HEAD"],
        &["log", "spring/copy"],
    ] {
        let run = within_a_minute(repo.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("object {blob} (boards/spring.toml)")),
            "{args:?}: {}",
            run.stderr
        );
    }
}

/// Runs the binary, killing it (and failing) if it has not ended after a
/// minute: what this test guards against is a command that never ends.
fn within_a_minute(dir: &std::path::Path, args: &[&str]) -> support::cli::Run {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ringboard"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("{args:?} did not end within a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    support::cli::Run::from_output(out)
}
