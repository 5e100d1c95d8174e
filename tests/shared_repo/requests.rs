//! Requests mean what they say: "nothing to change" (exit 0) only when
//! the file already holds the requested, valid values; an invalid value is
//! an error (exit 2); a date-time is refused, never cut to a date.

use super::support::gitrepo::TestRepo;
use super::{refused_with, run, spring_repo};

const PLAN: &str = "boards/spring.toml";

#[test]
fn invalid_needs_are_errors_not_nothing_to_change() {
    for edit in ["needs+=Research", "needs=brief,BAD", "needs+=brief/../x"] {
        let repo = spring_repo();
        let before = repo.read(PLAN);
        let out = run(repo.path(), &["set", "spring/copy", edit]);
        assert_eq!(out.code, 2, "{edit}: {}{}", out.stdout, out.stderr);
        assert!(
            !out.stderr.contains("nothing to change"),
            "{edit}: {}",
            out.stderr
        );
        assert_eq!(repo.read(PLAN), before, "{edit}: nothing written");
    }
}

#[test]
fn values_already_there_and_valid_are_nothing_to_change() {
    let repo = spring_repo();
    let before = repo.read(PLAN);
    let out = run(
        repo.path(),
        &["set", "spring/copy", "status=doing", "needs=brief"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("nothing to change"), "{}", out.stderr);
    assert_eq!(repo.read(PLAN), before);
}

/// Values already in the file that `check` rejects are not "nothing to
/// change" either.
#[test]
fn invalid_values_already_there_are_errors() {
    let repo = spring_repo();
    repo.edit(
        PLAN,
        "owner = \"ana\"\ndue = 2027-02-10",
        "owner = \"ghost\"\ndue = 2027-02-10",
    );
    let out = run(repo.path(), &["set", "spring/copy", "owner=ghost"]);
    refused_with(&out, &["ghost", "already holds"]);
}

#[test]
fn a_date_time_is_refused_never_cut() {
    let repo = spring_repo();
    let before = repo.read(PLAN);
    for value in [
        "due=2027-01-25T10:00",
        "start=2027-01-25 10:00:00",
        "due=2027-01-25Z",
    ] {
        let out = run(repo.path(), &["set", "spring/copy", value]);
        assert_eq!(out.code, 2, "{value}: {}", out.stderr);
        assert_eq!(repo.read(PLAN), before, "{value}: nothing written");
    }
    let out = run(repo.path(), &["set", "spring/copy", "due=2027-01-25T10:00"]);
    refused_with(&out, &["date-time"]);
}

/// An inline deliverable whose last key is dotted: a new key goes inside
/// the table, after the dotted one (or the write is refused), never a
/// false "nothing to change".
#[test]
fn a_new_key_after_a_dotted_last_key_of_an_inline_deliverable() {
    let plan = "deliverable = [\n  { id = \"a\", title = \"A\", owner = \"mei\", due = 2027-03-01, extra.tag = \"x\" },\n]\n\n[program]\nname = \"P\"\n\n[team]\ncore = [\"mei\"]\n";
    let repo = TestRepo::with_plans(&[("p.toml", plan)]);
    let out = run(repo.path(), &["set", "p/a", "note=hello"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = repo.read("boards/p.toml");
    assert_eq!(
        text,
        plan.replace(
            "extra.tag = \"x\" }",
            "extra.tag = \"x\", note = \"hello\" }"
        )
    );
}
