//! Issue 23 item 11: the messages of refusals say what was meant, once,
//! and cite lines that exist.

mod support;

use support::cli::{empty_home, ringboard_in_home};
use support::gitrepo::TestRepo;

/// Runs `args` on the example boards; the run must fail. Its stderr.
fn refused(repo: &TestRepo, args: &[&str]) -> String {
    let home = empty_home();
    let run = ringboard_in_home(repo.path(), home.path(), args);
    assert_ne!(run.code, 0, "{args:?}: {}", run.stdout);
    run.stderr
}

#[test]
fn a_program_named_by_a_start_or_a_part_of_its_id_is_suggested() {
    let repo = TestRepo::examples();
    for args in [
        &["report", "--program", "spring"][..],
        &["set", "spring/brief", "status=done"],
        &["log", "spring"],
        &["report", "--program", "launch"],
    ] {
        let said = refused(&repo, args);
        assert!(
            said.contains("(did you mean `spring-launch"),
            "{args:?}: {said}"
        );
    }
    // Nothing like any program: no guess.
    let said = refused(&repo, &["report", "--program", "aurora"]);
    assert!(!said.contains("did you mean"), "{said}");
}

#[test]
fn a_persons_name_where_an_id_goes_suggests_their_id() {
    let repo = TestRepo::examples();
    for args in [
        &["set", "spring-launch/brief", "owner=Northwind Studio"][..],
        &[
            "add",
            "spring-launch",
            "--title",
            "Launch film",
            "--owner",
            "northwind studio",
            "--due",
            "2027-03-01",
        ],
        &["report", "--person", "Northwind Studio"],
        &["--me", "Northwind", "agenda"],
    ] {
        let said = refused(&repo, args);
        assert!(
            said.contains("(did you mean `northwind`?)"),
            "{args:?}: {said}"
        );
    }
    let said = refused(&repo, &["report", "--person", "Raj Patel"]);
    assert!(said.contains("(did you mean `raj`?)"), "{said}");
}
