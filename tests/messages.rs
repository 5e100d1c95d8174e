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
        &["set", "spring-launch/mql", "owner=Northwind Studio"],
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

/// A refused `add` writes nothing, so the line it cites counts in the file
/// as it would have been: the message says so, and the line is the
/// offending key of the added deliverable there.
#[test]
fn a_refused_add_cites_the_added_deliverables_own_line() {
    let repo = TestRepo::examples();
    let file = "boards/spring-launch.toml";
    let on_disk = repo.read(file).lines().count();
    let add = |owner: &str| {
        [
            "add",
            "spring-launch",
            "--title",
            "Launch film",
            "--owner",
            owner,
            "--due",
            "2027-03-01",
        ]
        .map(str::to_string)
    };
    let args = add("nobody-here");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let said = refused(&repo, &args);
    assert_eq!(repo.read(file).lines().count(), on_disk, "nothing written");
    let cited: usize = said
        .split_once(&format!("{file}:"))
        .and_then(|(_, rest)| rest.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no line cited: {said}"));
    assert!(
        said.contains(&format!(
            "(line {cited} of {file} as it would be written: line 4 of the added deliverable, `owner = \"nobody-here\"`)"
        )),
        "{said}"
    );
    // The same deliverable with a known owner: the file as it would have
    // been, its cited line the owner key.
    let args = add("raj");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let home = empty_home();
    let run = ringboard_in_home(repo.path(), home.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = repo.read(file);
    assert!(cited <= written.lines().count(), "{cited}: {said}");
    assert_eq!(
        written.lines().nth(cited - 1),
        Some("owner = \"raj\""),
        "{said}"
    );
    assert_eq!(
        written.lines().nth(cited - 4),
        Some("[[deliverable]]"),
        "{said}"
    );
}
