//! What a new team meets in its first week (issue 23), on the command
//! line: editing parity with the board, messages that say what to do.

mod support;

use support::cli::ringboard_in_home;
use support::gitrepo::{MONDAY, SPRING, TestRepo};

fn repo() -> TestRepo {
    let repo = TestRepo::with_plans(&[("spring.toml", SPRING)]);
    repo.commit("Mei Lin", MONDAY, "plans");
    repo
}

/// `add --due +5` and `--start -2`: days from today, as the board takes
/// them; a date-time is refused.
#[test]
fn add_takes_days_from_today() {
    let repo = repo();
    let home = support::cli::empty_home();
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &[
            "--today",
            "2027-02-01",
            "add",
            "spring",
            "--title",
            "Launch webinar",
            "--owner",
            "ana",
            "--due",
            "+5",
            "--start",
            "-2",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = repo.read("boards/spring.toml");
    assert!(
        text.contains("due = 2027-02-06\nstart = 2027-01-30\n"),
        "{text}"
    );
    let run = ringboard_in_home(
        repo.path(),
        home.path(),
        &[
            "add",
            "spring",
            "--title",
            "X",
            "--owner",
            "ana",
            "--due",
            "2027-02-06T10:00",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not a date"), "{}", run.stderr);
}
