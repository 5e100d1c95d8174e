//! `set P/D title=...` refuses a blank title as `add --title` does.

mod support;

use support::cli::ringboard_alone;
use support::files::examples;

#[test]
fn set_refuses_a_blank_title_with_the_message_of_add() {
    let dir = examples();
    let file = dir.path().join("boards/spring-launch.toml");
    let before = std::fs::read(&file).expect("plans");
    let add = ringboard_alone(
        dir.path(),
        &[
            "add",
            "spring-launch",
            "--title",
            "   ",
            "--owner",
            "mei",
            "--due",
            "2027-03-01",
        ],
    );
    assert_eq!(add.code, 2, "{}", add.stderr);
    for title in ["title=   ", "title=", "title=\t"] {
        let set = ringboard_alone(dir.path(), &["set", "spring-launch/brief", title]);
        assert_eq!(set.code, 2, "{title:?}: {}", set.stdout);
        let value = &title["title=".len()..];
        assert_eq!(
            set.stderr,
            format!(
                "ringboard: title={}: cannot be empty\n",
                ringboard::escape::escape_control(value)
            ),
            "{title:?}"
        );
        assert_eq!(std::fs::read(&file).expect("plans"), before, "{title:?}");
    }
    assert_eq!(add.stderr, "ringboard: title=   : cannot be empty\n");
}
