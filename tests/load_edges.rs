//! Unusual things under the boards directory, read the same way from the
//! working tree and from a revision.

mod support;

use support::cli::ringboard;
use support::gitrepo::{MONDAY, PEOPLE, SPRING, TestRepo};

/// A submodule under boards/ is skipped with a warning, in the working tree
/// and in revisions alike.
#[test]
fn a_submodule_is_skipped_with_a_warning_everywhere() {
    let repo = TestRepo::new();
    repo.write("boards/people.toml", PEOPLE);
    repo.write("boards/spring.toml", SPRING);
    repo.commit("Mei Lin", MONDAY, "plans");

    // A gitlink entry in the next commit's boards tree.
    let git = &repo.repo;
    let head = git.head().expect("head").peel_to_commit().expect("commit");
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
