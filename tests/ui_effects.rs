//! Keys that need the world: `L` (a deliverable's history from git), `r`
//! (reload) and `--base` (review mode). `apply` returns the effect, running
//! it as the event loop does gives an outcome, and the App shows it: all
//! without a terminal, on temporary repositories.

mod support;

use ringboard::load::LoadOptions;
use ringboard::ui::testing::Action;
use ringboard::ui::testing::Overlay;
use ringboard::ui::testing::ViewId;
use ringboard::ui::testing::{Effect, ItemKey};
use ringboard::ui::{BoardOptions, open};
use support::board::{run, screen, select, today};
use support::gitrepo::{DAY, MONDAY, TestRepo};

fn options(repo: &TestRepo, base: Option<&str>) -> BoardOptions {
    BoardOptions {
        load: LoadOptions {
            repo: Some(repo.path().into()),
            ..LoadOptions::default()
        },
        today: today(),
        color: false,
        base: base.map(str::to_string),
        me: Default::default(),
        editor: None,
    }
}

/// A plan committed by Mei, then the copy's deadline moved by Ana.
fn repo_with_history() -> TestRepo {
    let repo = TestRepo::spring("plan the spring launch");
    repo.edit("boards/spring.toml", "due = 2027-02-10", "due = 2027-02-17");
    repo.commit("Ana Souza", MONDAY + DAY, "copy needs a week more");
    repo
}

#[test]
fn l_loads_the_selections_history_into_its_detail_pane() {
    let repo = repo_with_history();
    let opts = options(&repo, None);
    let mut app = open(&opts, None).expect("board opens");
    select(&mut app, "email copy");
    let effects = app.apply(Action::History);
    assert_eq!(
        effects,
        [Effect::LoadHistory(ItemKey {
            program: "spring".into(),
            id: "copy".into(),
        })]
    );
    assert_eq!(app.message.as_deref(), Some("loading history…"));
    assert_eq!(app.overlay, Overlay::None, "nothing shown before it loads");
    run(&mut app, &effects, &opts);
    assert_eq!(app.overlay, Overlay::Detail);
    assert_eq!(app.message, None, "the loading message is gone");
    let pane = screen(&app, 160, 48);
    assert!(pane.contains("history (2 changes)"), "{pane}");
    assert!(
        pane.contains("Ana Souza  due 2027-02-10 → 2027-02-17 (+7 days)"),
        "{pane}"
    );
    assert!(pane.contains("Mei Lin"), "{pane}");
}

#[test]
fn l_where_nothing_is_selected_says_so() {
    let repo = repo_with_history();
    let opts = options(&repo, None);
    let mut app = open(&opts, None).expect("board opens");
    app.apply(Action::View(ViewId::METRICS));
    assert!(app.apply(Action::History).is_empty());
    assert_eq!(app.message.as_deref(), Some("history: not in Metrics"));
}

#[test]
fn r_reloads_and_the_message_says_when_it_is_done() {
    let repo = repo_with_history();
    let opts = options(&repo, None);
    let mut app = open(&opts, None).expect("board opens");
    let effects = app.apply(Action::Reload);
    assert_eq!(effects, [Effect::Reload]);
    assert_eq!(app.message.as_deref(), Some("reloading…"));
    repo.edit("boards/spring.toml", "Spring launch", "Spring relaunch");
    run(&mut app, &effects, &opts);
    assert_eq!(app.message.as_deref(), Some("reloaded"));
    assert!(screen(&app, 100, 30).contains("Spring relaunch"));

    // A failed reload keeps the board and says why.
    std::fs::remove_dir_all(repo.file("boards")).expect("remove boards");
    let effects = app.apply(Action::Reload);
    run(&mut app, &effects, &opts);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("reload failed: "), "{message}");
    assert!(screen(&app, 100, 30).contains("Spring relaunch"));
}

#[test]
fn base_opens_the_board_in_review_mode_on_the_changes() {
    let repo = repo_with_history();
    repo.edit("boards/spring.toml", "due = 2027-02-20", "due = 2027-02-27");
    let opts = options(&repo, Some("HEAD"));
    let mut app = open(&opts, None).expect("board opens");
    assert!(app.reviewing());
    assert_eq!(app.view(), ViewId::CHANGES);
    let text = screen(&app, 160, 48);
    let tabs = text.lines().next().unwrap_or_default();
    assert!(tabs.contains("6 Problems  7 Changes"), "{tabs}");
    assert!(
        text.contains(
            "deadline of spring/build \"Email build\" moved 2027-02-20 → 2027-02-27 (+7 days)"
        ),
        "{text}"
    );
    assert!(text.contains("review against HEAD (7)"), "{text}");
    app.apply(Action::View(ViewId::DELIVERABLES));
    let table = screen(&app, 160, 48);
    let build = table
        .lines()
        .find(|l| l.contains("Email build"))
        .unwrap_or_default();
    assert!(build.trim_end().ends_with("CHG"), "{table}");
    // A bad base fails before any terminal.
    assert!(open(&options(&repo, Some("no-such-rev")), None).is_err());
}
