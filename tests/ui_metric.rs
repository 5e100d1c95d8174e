//! The Metrics view's own keys, actions in and state out: Enter on a
//! metric reads its history from git (an effect; the metric pane shows
//! it), `v` opens the number input of its actual with a preview, and
//! Enter there asks for the same write as `set PROGRAM/METRIC`. On a
//! temporary git repository: the history is the metric's, the write
//! changes only the value (byte-exact), undo puts the bytes back, and `C`
//! commits it.

mod support;

use ratatui::crossterm::event::KeyCode;
use ringboard::model::Number;
use ringboard::ui::testing::Action;
use ringboard::ui::testing::Kind;
use ringboard::ui::testing::ViewId;
use ringboard::ui::testing::{App, Overlay};
use ringboard::ui::testing::{Effect, MetricKey};
use ringboard::ui::{BoardOptions, open};
use ringboard::write::MetricEdit;
use support::board::{app, options, press, run, screen, type_text};
use support::gitrepo::{DAY, MONDAY, SPRING, TestRepo};

const SPRING_FILE: &str = "boards/spring.toml";

fn key(program: &str, id: &str) -> MetricKey {
    MetricKey {
        program: program.to_string(),
        id: id.to_string(),
    }
}

/// The example boards in Metrics, spring-launch/mql selected.
fn on_mql() -> App {
    let mut a = app();
    a.apply(Action::View(ViewId::METRICS));
    a.apply(Action::Down);
    a
}

#[test]
fn enter_on_a_metric_reads_its_history() {
    let mut a = app();
    a.apply(Action::View(ViewId::METRICS));
    // The program's line is not a metric.
    assert!(a.apply(Action::Open).is_empty());
    assert_eq!(
        a.message.as_deref(),
        Some("details: select a metric (Enter shows its history)")
    );
    a.apply(Action::Down);
    let effects = a.apply(Action::Open);
    assert_eq!(
        effects,
        [Effect::LoadMetricHistory(key("spring-launch", "mql"))]
    );
    a.metric_history_loaded(
        key("spring-launch", "mql"),
        vec!["2027-01-25  abc1234  Mei Lin  actual 120 → 310".into()],
    );
    assert_eq!(a.overlay, Overlay::Metric);
    let text = screen(&a, 160, 48);
    assert!(
        text.contains("Marketing-qualified leads (spring-launch/mql)"),
        "{text}"
    );
    assert!(text.contains("history (1 change)"), "{text}");
    assert!(text.contains("Mei Lin  actual 120 → 310"), "{text}");
    // Enter (or Esc) closes it.
    a.apply(Action::Open);
    assert_eq!(a.overlay, Overlay::None);
}

#[test]
fn v_opens_the_actual_with_a_preview_and_enter_asks_for_the_write() {
    let mut a = on_mql();
    press(&mut a, KeyCode::Char('v'));
    let prompt = a.prompt.as_ref().expect("the input is open");
    assert_eq!(prompt.title(), "Actual of spring-launch/mql");
    assert!(matches!(prompt.kind, Kind::Actual(_)));
    type_text(&mut a, "+60");
    let text = screen(&a, 160, 48);
    assert!(
        text.contains("310 → 370 (+60) · 31% of target · on pace"),
        "{text}"
    );
    let effects = press(&mut a, KeyCode::Enter);
    assert_eq!(
        effects,
        [Effect::WriteMetric {
            target: key("spring-launch", "mql"),
            edits: vec![MetricEdit::AddToActual(Number::Int(60))],
        }]
    );
    assert!(a.prompt.is_none());
    assert_eq!(a.message.as_deref(), Some("writing spring-launch/mql…"));
}

#[test]
fn what_is_not_a_number_is_refused_in_the_preview_and_writes_nothing() {
    let mut a = on_mql();
    press(&mut a, KeyCode::Char('v'));
    type_text(&mut a, "lots");
    let text = screen(&a, 160, 48);
    assert!(text.contains("not a number: type a number"), "{text}");
    assert!(press(&mut a, KeyCode::Enter).is_empty());
    let prompt = a.prompt.as_ref().expect("still open");
    assert!(prompt.error.is_some());
    // A plain number sets; the same value writes nothing.
    for _ in 0..4 {
        press(&mut a, KeyCode::Backspace);
    }
    type_text(&mut a, "310");
    assert!(press(&mut a, KeyCode::Enter).is_empty());
    assert_eq!(
        a.message.as_deref(),
        Some("Actual of spring-launch/mql: unchanged, nothing written")
    );
    // Esc cancels.
    press(&mut a, KeyCode::Char('v'));
    type_text(&mut a, "-5");
    assert!(screen(&a, 160, 48).contains("310 → 305 (-5)"));
    press(&mut a, KeyCode::Esc);
    assert!(a.prompt.is_none());
}

#[test]
fn v_elsewhere_says_where_it_works() {
    let mut a = app();
    a.apply(Action::View(ViewId::DELIVERABLES));
    press(&mut a, KeyCode::Char('v'));
    assert!(a.prompt.is_none());
    assert_eq!(a.message.as_deref(), Some("actual: only in Metrics (5)"));
    a.apply(Action::View(ViewId::METRICS));
    press(&mut a, KeyCode::Char('v'));
    assert!(a.prompt.is_none(), "the program's line has no actual");
    assert_eq!(a.message.as_deref(), Some("actual: select a metric first"));
}

/// The spring plan committed, then mql's actual moved once.
fn repo() -> TestRepo {
    let repo = TestRepo::spring("plan the spring launch");
    repo.edit(SPRING_FILE, "actual = 100", "actual = 140");
    repo.commit("Ana Souza", MONDAY + DAY, "mql from the CRM");
    repo.set_identity("Ana Souza", "ana@example.com");
    repo
}

/// The board on the repository, in Metrics, spring/mql selected.
fn board(repo: &TestRepo) -> (App, BoardOptions) {
    let opts = options(repo.path());
    let mut app = open(&opts, None).expect("board opens");
    app.apply(Action::View(ViewId::METRICS));
    app.apply(Action::Down);
    (app, opts)
}

fn act(app: &mut App, opts: &BoardOptions, action: Action) {
    let effects = app.apply(action);
    run(app, &effects, opts);
}

#[test]
fn the_history_effect_reads_the_metric_from_git() {
    let repo = repo();
    let (mut a, opts) = board(&repo);
    act(&mut a, &opts, Action::Open);
    assert_eq!(a.overlay, Overlay::Metric, "{:?}", a.message);
    let (shown, lines) = a.metric_history.clone().expect("history");
    assert_eq!(shown, key("spring", "mql"));
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].ends_with("  Ana Souza  actual 100 → 140"),
        "{lines:?}"
    );
    assert!(
        lines[1].ends_with("  Mei Lin  added (target 1200)"),
        "{lines:?}"
    );
}

#[test]
fn the_actual_is_written_byte_exact_undone_and_committed() {
    let repo = repo();
    let before = repo.read(SPRING_FILE);
    assert_eq!(before, SPRING.replace("actual = 100", "actual = 140"));
    let (mut a, opts) = board(&repo);
    press(&mut a, KeyCode::Char('v'));
    type_text(&mut a, "+60");
    let effects = press(&mut a, KeyCode::Enter);
    run(&mut a, &effects, &opts);
    assert_eq!(
        repo.read(SPRING_FILE).into_bytes(),
        before.replace("actual = 140", "actual = 200").into_bytes()
    );
    let said = a.message.clone().unwrap_or_default();
    assert!(
        said.starts_with("actual of spring/mql \"MQLs\" 140 → 200 · not committed"),
        "{said}"
    );
    act(&mut a, &opts, Action::Undo);
    assert_eq!(
        repo.read(SPRING_FILE).into_bytes(),
        before.clone().into_bytes()
    );
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.starts_with("undone: actual of spring/mql")),
        "{:?}",
        a.message
    );
    // Written again, and committed: only that file, with its change.
    press(&mut a, KeyCode::Char('v'));
    type_text(&mut a, "200");
    let effects = press(&mut a, KeyCode::Enter);
    run(&mut a, &effects, &opts);
    act(&mut a, &opts, Action::Commit);
    let Some(Kind::Commit(dialog)) = a.prompt.as_ref().map(|p| &p.kind) else {
        panic!("no commit dialog: {:?} {:?}", a.prompt, a.message);
    };
    assert_eq!(dialog.message.text(), "spring/mql: actual 140 → 200");
    act(&mut a, &opts, Action::Open);
    let head = repo.head_commit();
    assert_eq!(
        head.summary().ok().flatten(),
        Some("spring/mql: actual 140 → 200")
    );
    assert_eq!(
        repo.read(SPRING_FILE),
        before.replace("actual = 140", "actual = 200")
    );
}
