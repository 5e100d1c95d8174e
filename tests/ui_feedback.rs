//! Issue 23: the status line is the board's only feedback, and what it
//! says is never lost to a cut (a warning, a refusal and its fix, what a
//! write does downstream); the way to the help is always on screen.
//! On the board fixture (long Chinese, Korean and Japanese names), with
//! writes run as the event loop runs them.

mod support;

use ringboard::ui::testing::Action;
use ringboard::ui::testing::App;
use ringboard::ui::testing::Kind;
use ringboard::ui::{BoardOptions, open};
use support::board::{options, run, screen, select, type_text};
use support::gitrepo::TestRepo;

/// The fixture committed, with a git identity of its own.
fn repo() -> TestRepo {
    let repo = TestRepo::board_fixture();
    repo.set_identity("Chen Jing", "chen.jing@example.com");
    repo
}

fn board(repo: &TestRepo, item: &str) -> (App, BoardOptions) {
    let opts = options(repo.path());
    let mut app = open(&opts, None).expect("board opens");
    select(&mut app, item);
    (app, opts)
}

fn keys(app: &mut App, opts: &BoardOptions, text: &str) {
    let effects = type_text(app, text);
    run(app, &effects, opts);
}

fn act(app: &mut App, opts: &BoardOptions, action: Action) {
    let effects = app.apply(action);
    run(app, &effects, opts);
}

/// The status line's rows at the bottom of a `w`x`h` screen, as one
/// text: each row after the first is a continuation (two spaces in).
fn status_rows(app: &App, w: u16, h: u16) -> String {
    let text = screen(app, w, h);
    let lines: Vec<&str> = text.lines().collect();
    let rows = app.layout(ratatui::layout::Rect::new(0, 0, w, h)).status;
    lines[rows.y as usize..(rows.y + rows.height) as usize]
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_warning_is_never_cut_from_the_status_line() {
    let repo = repo();
    let (mut app, opts) = board(&repo, "creative brief for bluefin");
    act(&mut app, &opts, Action::SetOwner);
    keys(&mut app, &opts, "marcus");
    act(&mut app, &opts, Action::Open);
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.starts_with("owner of aurora-launch/creative-brief \"Creative brief for Bluefin\" chen-jing → marcus · not committed · warning: owner `marcus` is not on the team"),
        "{said}"
    );
    for (w, h) in [(120, 36), (80, 24), (200, 50)] {
        let status = status_rows(&app, w, h);
        assert!(
            status.contains("warning: owner `marcus` is not on the team of `aurora-launch`; shown in the extended ring"),
            "{w}x{h}: {status}"
        );
        assert!(status.contains("chen-jing → marcus"), "{w}x{h}: {status}");
    }
    // Where the whole of it does not fit one row, the title goes first.
    let status = status_rows(&app, 120, 36);
    assert!(!status.contains("Creative brief for Bluefin"), "{status}");
    assert!(status.contains("[1 plan file uncommitted]"), "{status}");
}

#[test]
fn a_refusal_keeps_its_fix_on_screen() {
    let repo = repo();
    let (mut app, opts) = board(&repo, "product faq");
    keys(&mut app, &opts, "+");
    std::fs::write(repo.path().join(".git/MERGE_HEAD"), "").expect("mark");
    act(&mut app, &opts, Action::Commit);
    let status = status_rows(&app, 80, 24);
    assert!(
        status.contains("finish or abort it first: nothing committed"),
        "{status}"
    );
}

#[test]
fn a_write_says_what_it_does_downstream_in_the_status_line_and_the_commit_dialog() {
    let repo = repo();
    let (mut app, opts) = board(&repo, "key visual");
    act(&mut app, &opts, Action::SetDue);
    keys(&mut app, &opts, "+20");
    act(&mut app, &opts, Action::Open);
    let said = app.message.clone().unwrap_or_default();
    let impact = "impact: aurora-launch/key-visual: now at risk downstream: aurora-launch/launch-video, partner-nurture/email-templates";
    let milestone = "impact: aurora-launch/key-visual: now due 2027-03-02, after milestone \"Launch day 发布日\" of aurora-launch (2027-03-01)";
    assert!(said.contains(impact), "{said}");
    assert!(said.contains(milestone), "{said}");
    // The problems the write adds elsewhere, as check words them.
    assert!(
        said.contains("warning: `email-templates` needs `aurora-launch/key-visual`, which is due 2027-03-02 after it (2027-02-22)"),
        "{said}"
    );
    let status = status_rows(&app, 200, 50);
    // Long: the status line drops the item's name before each line, never
    // a line; the Forecast lines follow the Impact lines.
    assert!(
        status.contains("impact: now at risk downstream: aurora-launch/launch-video, partner-nurture/email-templates"),
        "{status}"
    );
    assert!(
        status.contains("forecast: milestone \"Launch day 发布日\" of aurora-launch: forecast 2027-03-01 → 2027-03-15 (+14 d)"),
        "{status}"
    );
    assert!(
        status.contains("warning: `email-templates` needs"),
        "{status}"
    );
    // The commit dialog says it too, as diff's Impact section.
    act(&mut app, &opts, Action::Commit);
    let Some(Kind::Commit(dialog)) = app.prompt.as_ref().map(|p| &p.kind) else {
        panic!("no commit dialog: {:?}", app.message);
    };
    assert_eq!(dialog.beyond.first().map(String::as_str), Some("Impact:"));
    assert!(
        dialog.beyond.contains(
            &"  aurora-launch/key-visual: now at risk downstream: aurora-launch/launch-video, partner-nurture/email-templates".to_string()
        ),
        "{:?}",
        dialog.beyond
    );
    let text = screen(&app, 200, 50);
    assert!(text.contains("now at risk downstream"), "{text}");
    assert!(text.contains("warning: `email-templates` needs"), "{text}");
    // The commit message stays the change alone.
    assert_eq!(
        dialog.message.text(),
        "aurora-launch/key-visual: due 2027-02-10 → 2027-03-02 (+20 days)"
    );
}

#[test]
fn the_way_to_help_is_on_screen_at_every_size() {
    let repo = repo();
    let (app, _) = board(&repo, "key visual");
    let review = support::board::review_app();
    for a in [&app, &review] {
        for (w, h) in [(60, 15), (80, 24), (100, 30), (120, 36), (200, 50)] {
            let text = screen(a, w, h);
            let top = text.lines().next().unwrap_or_default();
            assert!(top.contains("? help"), "{w}x{h}: {top}");
        }
    }
    // Wide enough: every tab by name, and the way to quit.
    let top = screen(&app, 120, 36)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        top.contains("2 Deliverables") && top.contains("q quit"),
        "{top}"
    );
}

/// `w` writes `needs` through the write path, as `set ... needs=A,B`.
#[test]
fn the_waits_for_picker_writes_needs_in_the_file() {
    let repo = repo();
    let (mut app, opts) = board(&repo, "partner email templates");
    keys(&mut app, &opts, "w");
    keys(&mut app, &opts, "positioning ");
    act(&mut app, &opts, Action::Open);
    let text = repo.read("boards/partner-nurture.toml");
    assert!(
        text.contains("needs = [\"aurora-launch/key-visual\", \"aurora-launch/positioning\"]"),
        "{text}"
    );
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.starts_with("needs of partner-nurture/email-templates"),
        "{said}"
    );
}

/// A status written from the board shows on the Rings card at once
/// (`doing → review` used to leave the card as it was).
#[test]
fn a_new_status_shows_on_the_rings_card() {
    let repo = repo();
    let (mut app, opts) = board(&repo, "key visual");
    let rings = ringboard::ui::testing::ViewId::RINGS;
    app.apply(Action::View(rings));
    assert!(screen(&app, 120, 36).contains(" 02-10 [>]"));
    app.apply(Action::View(ringboard::ui::testing::ViewId::DELIVERABLES));
    act(&mut app, &opts, Action::SetStatus);
    keys(&mut app, &opts, "rev");
    act(&mut app, &opts, Action::Open);
    app.apply(Action::View(rings));
    let text = screen(&app, 120, 36);
    assert!(
        text.contains(" 02-10 [?]      Key visual 主视觉 and campaign artwork"),
        "{text}"
    );
}
