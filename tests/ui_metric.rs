//! The Metrics view's own keys, actions in and state out: Enter on a
//! metric reads its history from git (an effect; the metric pane shows
//! it). On a temporary git repository: the history is the metric's.

mod support;

use ringboard::ui::action::ViewId;
use ringboard::ui::app::{App, Overlay};
use ringboard::ui::effect::{Effect, MetricKey};
use ringboard::ui::keymap::Action;
use ringboard::ui::{BoardOptions, open};
use support::board::{app, options, run, screen};
use support::gitrepo::{DAY, MONDAY, TestRepo};

const SPRING_FILE: &str = "boards/spring.toml";

fn key(program: &str, id: &str) -> MetricKey {
    MetricKey {
        program: program.to_string(),
        id: id.to_string(),
    }
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
