//! The board's writes run as the event loop runs them, on temporary git
//! repositories: the file's bytes change only in the edited value, the
//! board reloads keeping its selection and says what was written; a file
//! changed on disk, an edit that adds an error, a revision are refused with
//! nothing written; undo puts the bytes back; commit takes only the files
//! this session wrote.

mod support;

use ratatui::crossterm::event::KeyCode;
use ringboard::load::{LoadOptions, load};
use ringboard::ui::testing::Action;
use ringboard::ui::testing::App;
use ringboard::ui::testing::Kind;
use ringboard::ui::testing::ViewId;
use ringboard::ui::testing::{Effect, ItemKey};
use ringboard::ui::{BoardOptions, open};
use support::board::{options, press, run, screen, select, status_line, type_text};
use support::gitrepo::{SPRING, TestRepo};

const SPRING_FILE: &str = "boards/spring.toml";

/// The spring plan committed, with a git identity of the repository's own.
fn repo() -> TestRepo {
    let repo = TestRepo::spring("plan the spring launch");
    repo.set_identity("Ana Souza", "ana@example.com");
    repo
}

/// The board on the repository, spring/copy selected.
fn board(repo: &TestRepo) -> (App, BoardOptions) {
    let opts = options(repo.path());
    let mut app = open(&opts, None).expect("board opens");
    select(&mut app, "email copy");
    assert_eq!(
        app.target().map(|k| k.to_string()).as_deref(),
        Some("spring/copy")
    );
    (app, opts)
}

/// Presses keys and runs what they ask, as the event loop does.
fn keys(app: &mut App, opts: &BoardOptions, text: &str) {
    let effects = type_text(app, text);
    run(app, &effects, opts);
}

fn act(app: &mut App, opts: &BoardOptions, action: Action) {
    let effects = app.apply(action);
    run(app, &effects, opts);
}

/// The lines of `after` that differ from `before`, as (old, new).
fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(a.len(), b.len(), "lines added or removed:\n{after}");
    a.iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect()
}

#[test]
fn a_status_change_writes_only_that_value_and_the_board_says_so() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    app.apply(Action::SetStatus);
    press(&mut app, KeyCode::Down); // doing → review
    let effects = app.apply(Action::Open);
    assert!(matches!(effects.as_slice(), [Effect::Write { .. }]));
    run(&mut app, &effects, &opts);
    assert_eq!(
        changed_lines(SPRING, &repo.read(SPRING_FILE)),
        [("status = \"doing\"".into(), "status = \"review\"".into())]
    );
    assert_eq!(
        app.message.as_deref(),
        Some("status of spring/copy \"Email copy\" doing → review · not committed")
    );
    // Reloaded, the selection kept by identity, the marker on.
    assert_eq!(
        app.target().map(|k| k.to_string()).as_deref(),
        Some("spring/copy")
    );
    let status = status_line(&app);
    assert!(
        status.starts_with("status of spring/copy \"Email copy\" doing → review · not committed"),
        "{status}"
    );
    assert!(status.ends_with("[1 plan file uncommitted]"), "{status}");
    assert!(
        screen(&app, 160, 48).contains("[?]"),
        "the new status shows"
    );
}

#[test]
fn notes_due_dates_and_owners_are_written_as_typed() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    keys(&mut app, &opts, "e");
    keys(&mut app, &opts, "法务审核 ✅ by Friday");
    act(&mut app, &opts, Action::Open);
    keys(&mut app, &opts, "++");
    act(&mut app, &opts, Action::SetOwner);
    keys(&mut app, &opts, "王伟");
    act(&mut app, &opts, Action::Open);
    let after = repo.read(SPRING_FILE);
    let want = SPRING
        .replace(
            "status = \"doing\"\nneeds = [\"brief\"]",
            "status = \"doing\"\nneeds = [\"brief\"]\nnote = \"法务审核 ✅ by Friday\"",
        )
        .replace(
            "owner = \"ana\"\ndue = 2027-02-10",
            "owner = \"wei\"\ndue = 2027-02-12",
        );
    assert_eq!(after, want);
    // wei is not on the spring team: written, with check's warning.
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.starts_with(
            "owner of spring/copy \"Email copy\" ana → wei · not committed · warning: "
        ),
        "{said}"
    );
    // The empty note removes the key, and only it.
    act(&mut app, &opts, Action::EditNote);
    for _ in 0.."法务审核 ✅ by Friday".chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    act(&mut app, &opts, Action::Open);
    assert_eq!(
        repo.read(SPRING_FILE),
        want.replace("\nnote = \"法务审核 ✅ by Friday\"", "")
    );
}

#[test]
fn the_incremental_reload_equals_a_full_load() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    keys(&mut app, &opts, "+");
    // Another file saved meanwhile is read too.
    repo.edit(
        "boards/people.toml",
        "name = \"Ana Souza\"",
        "name = \"Ana S.\"",
    );
    keys(&mut app, &opts, "+");
    let full = load(&LoadOptions {
        repo: Some(repo.path().into()),
        ..LoadOptions::default()
    })
    .expect("loads");
    assert_eq!(app.data.plans.portfolio.programs, full.portfolio.programs);
    assert_eq!(app.data.plans.portfolio.people, full.portfolio.people);
    assert_eq!(app.data.plans.diagnostics, full.diagnostics);
    assert_eq!(app.data.plans.portfolio.person_name("ana"), "Ana S.");
}

/// Another writer saved the file since the board read it, changing
/// something else: the board's edit means what it meant, and lands on
/// the file as it is now, keeping theirs (docs/cli.md version 3, no lost
/// update).
#[test]
fn an_edit_lands_on_a_file_changed_elsewhere_keeping_that_change() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    // Someone saves the file; the board has not reloaded yet.
    repo.edit(
        SPRING_FILE,
        "title = \"Email build\"",
        "title = \"Email build v2\"",
    );
    let theirs = repo.read(SPRING_FILE);
    keys(&mut app, &opts, "+");
    assert_eq!(
        changed_lines(&theirs, &repo.read(SPRING_FILE)),
        [("due = 2027-02-10".into(), "due = 2027-02-11".into())]
    );
    let said = app.message.clone().unwrap_or_default();
    assert!(said.starts_with("deadline of spring/copy"), "{said}");
    assert!(screen(&app, 160, 48).contains("Email build v2"), "reloaded");
}

/// The value the key changes was changed on disk since the board read
/// it: not overwritten; the board loads the file again and says so.
#[test]
fn a_value_changed_on_disk_since_the_board_read_it_is_not_overwritten() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    repo.edit(SPRING_FILE, "due = 2027-02-10", "due = 2027-02-12");
    let theirs = repo.read(SPRING_FILE);
    keys(&mut app, &opts, "+");
    assert_eq!(repo.read(SPRING_FILE), theirs, "nothing written");
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.starts_with(
            "not written: boards/spring.toml changed on disk since the board read it; reloaded"
        ),
        "{said}"
    );
    assert!(screen(&app, 160, 48).contains("02-12"), "reloaded");
    // Now it knows the file: the same key writes.
    keys(&mut app, &opts, "+");
    assert_eq!(
        changed_lines(&theirs, &repo.read(SPRING_FILE)),
        [("due = 2027-02-12".into(), "due = 2027-02-13".into())]
    );
}

#[test]
fn an_edit_that_would_add_an_error_is_refused_with_that_error() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    // copy waiting for build, which waits for copy: a cycle.
    keys(&mut app, &opts, "w");
    keys(&mut app, &opts, "build ");
    act(&mut app, &opts, Action::Open);
    assert_eq!(repo.read(SPRING_FILE), SPRING, "nothing written");
    let said = app.message.clone().unwrap_or_default();
    assert!(said.starts_with("not written: "), "{said}");
    assert!(said.contains("cycle"), "{said}");
    // An owner the roster does not have is not even offered: the add
    // form says so and stays open, and nothing is written.
    act(&mut app, &opts, Action::AddDeliverable);
    keys(&mut app, &opts, "Launch webinar");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, &opts, "nobody");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, &opts, "2027-03-05");
    act(&mut app, &opts, Action::Open);
    assert_eq!(repo.read(SPRING_FILE), SPRING, "nothing written");
    assert!(app.prompt.is_some(), "the form stays open");
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("nobody matches `nobody`"), "{said}");
}

#[test]
fn add_appends_a_deliverable_and_selects_it() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    act(&mut app, &opts, Action::AddDeliverable);
    keys(&mut app, &opts, "Launch webinar");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, &opts, "ana");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, &opts, "+7");
    act(&mut app, &opts, Action::Open);
    assert_eq!(
        repo.read(SPRING_FILE),
        format!(
            "{SPRING}\n[[deliverable]]\nid = \"launch-webinar\"\ntitle = \"Launch webinar\"\nowner = \"ana\"\ndue = 2027-02-08\nstatus = \"todo\"\n"
        )
    );
    assert_eq!(
        app.message.as_deref(),
        Some("added spring/launch-webinar · not committed")
    );
    assert_eq!(
        app.target().map(|k| k.to_string()).as_deref(),
        Some("spring/launch-webinar")
    );
}

#[test]
fn undo_puts_the_bytes_back_unless_the_file_changed_since() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    keys(&mut app, &opts, "+");
    keys(&mut app, &opts, "+");
    act(&mut app, &opts, Action::Undo);
    assert_eq!(
        app.message.as_deref(),
        Some(
            "undone: deadline of spring/copy \"Email copy\" moved 2027-02-11 → 2027-02-12 (+1 day) · not committed"
        )
    );
    act(&mut app, &opts, Action::Undo);
    assert_eq!(repo.read(SPRING_FILE), SPRING);
    act(&mut app, &opts, Action::Undo);
    assert_eq!(
        app.message.as_deref(),
        Some("undo: nothing written in this session")
    );
    // Written, then changed by someone: undo would lose their edit.
    keys(&mut app, &opts, "-");
    repo.edit(
        SPRING_FILE,
        "title = \"Email build\"",
        "title = \"Email build v2\"",
    );
    let theirs = repo.read(SPRING_FILE);
    act(&mut app, &opts, Action::Undo);
    assert_eq!(repo.read(SPRING_FILE), theirs);
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.starts_with(
            "undo refused: boards/spring.toml changed on disk since the board wrote it: nothing written"
        ),
        "{said}"
    );
}

#[test]
fn commit_shows_the_changes_proposes_a_message_and_commits_only_that_file() {
    let repo = repo();
    // Someone's unstaged edit of another file, and an untracked note.
    repo.edit(
        "boards/people.toml",
        "name = \"Ana Souza\"",
        "name = \"Ana S.\"",
    );
    repo.write("notes.txt", "mine\n");
    let (mut app, opts) = board(&repo);
    act(&mut app, &opts, Action::SetStatus);
    press(&mut app, KeyCode::Down);
    act(&mut app, &opts, Action::Open);
    act(&mut app, &opts, Action::Commit);
    let Some(Kind::Commit(dialog)) = app.prompt.as_ref().map(|p| &p.kind) else {
        panic!("no commit dialog: {:?} {:?}", app.prompt, app.message);
    };
    assert_eq!(
        dialog.lines,
        [
            "1 other change",
            "status of spring/copy \"Email copy\" doing → review"
        ]
    );
    assert_eq!(dialog.message.text(), "spring/copy: status doing → review");
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("Commits boards/spring.toml: what this session wrote"),
        "{text}"
    );
    assert!(
        text.contains("message: spring/copy: status doing → review"),
        "{text}"
    );
    let parent = repo.head_commit();
    act(&mut app, &opts, Action::Open);
    let head = repo.head_commit();
    assert_ne!(head.id(), parent.id());
    assert_eq!(
        head.message().ok(),
        Some("spring/copy: status doing → review\n"),
        "as git commit writes it"
    );
    let diff = repo
        .repo
        .diff_tree_to_tree(
            Some(&parent.tree().unwrap()),
            Some(&head.tree().unwrap()),
            None,
        )
        .expect("diff");
    let paths: Vec<String> = diff
        .deltas()
        .filter_map(|d| d.new_file().path().map(|p| p.display().to_string()))
        .collect();
    assert_eq!(paths, [SPRING_FILE]);
    let said = app.message.clone().unwrap_or_default();
    assert!(said.starts_with("committed "), "{said}");
    assert!(
        said.ends_with(": spring/copy: status doing → review"),
        "{said}"
    );
    // The other edits stay where they were; the marker counts people.toml.
    assert!(repo.read("boards/people.toml").contains("Ana S."));
    assert_eq!(repo.read("notes.txt"), "mine\n");
    let status = repo
        .repo
        .status_file(std::path::Path::new(SPRING_FILE))
        .expect("status");
    assert!(status.is_empty(), "{status:?}");
    assert!(status_line(&app).ends_with("[1 plan file uncommitted]"));
    // Nothing more to commit.
    act(&mut app, &opts, Action::Commit);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("commit: nothing written"))
    );
}

/// Commit, then undo: the undo reverts a committed change (said in the
/// status line, not asked), is the board's own write, and commits.
#[test]
fn an_undo_after_a_commit_says_so_and_can_be_committed() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    keys(&mut app, &opts, "+");
    act(&mut app, &opts, Action::Commit);
    act(&mut app, &opts, Action::Open);
    let committed = repo.head_commit().id();
    act(&mut app, &opts, Action::Undo);
    assert_eq!(repo.read(SPRING_FILE), SPRING);
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.starts_with("undone: deadline of spring/copy")
            && said.contains("that change was committed"),
        "{said}"
    );
    act(&mut app, &opts, Action::Commit);
    let Some(Kind::Commit(dialog)) = app.prompt.as_ref().map(|p| &p.kind) else {
        panic!("no commit dialog: {:?}", app.message);
    };
    assert_eq!(dialog.lines.len(), 2, "{:?}", dialog.lines);
    act(&mut app, &opts, Action::Open);
    let head = repo.head_commit();
    assert_eq!(head.parent_id(0).ok(), Some(committed));
    let tree = head.tree().expect("tree");
    let blob = tree
        .get_path(std::path::Path::new(SPRING_FILE))
        .expect("entry");
    let bytes = repo
        .repo
        .find_blob(blob.id())
        .expect("blob")
        .content()
        .to_vec();
    assert_eq!(bytes, SPRING.as_bytes(), "the undo is committed");
}

/// A commit of several changes keeps each change's sentence in the body.
#[test]
fn a_commit_of_several_changes_lists_them_in_the_body() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    keys(&mut app, &opts, "+");
    select(&mut app, "email build");
    keys(&mut app, &opts, "+");
    act(&mut app, &opts, Action::Commit);
    act(&mut app, &opts, Action::Open);
    let message = repo.head_commit().message().unwrap_or_default().to_string();
    let (subject, body) = message.split_once("\n\n").expect("a body");
    assert!(!subject.contains('\n'), "{message}");
    assert!(
        body.contains("deadline of spring/copy \"Email copy\" moved"),
        "{message}"
    );
    assert!(
        body.contains("deadline of spring/build \"Email build\" moved"),
        "{message}"
    );
}

#[test]
fn esc_in_the_commit_dialog_commits_nothing() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    keys(&mut app, &opts, "+");
    act(&mut app, &opts, Action::Commit);
    assert!(app.prompt.is_some());
    let head = repo.repo.head().expect("head").target();
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.prompt, None);
    assert_eq!(repo.repo.head().expect("head").target(), head);
    assert_eq!(
        app.message.as_deref(),
        Some("Commit: cancelled, nothing written")
    );
}

#[test]
fn commit_is_refused_mid_merge_with_an_index_lock_or_with_others_edits_in_the_file() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    keys(&mut app, &opts, "+");
    let git = repo.path().join(".git");
    let head = repo.repo.head().expect("head").target();
    for (mark, why) in [
        (
            "MERGE_HEAD",
            "commit refused: a merge is in progress; finish or abort it first: nothing committed",
        ),
        (
            "index.lock",
            "commit refused: git is writing the index; finish or abort it first: nothing committed",
        ),
    ] {
        std::fs::write(git.join(mark), "").expect("mark");
        act(&mut app, &opts, Action::Commit);
        assert_eq!(app.message.as_deref(), Some(why));
        assert_eq!(app.prompt, None);
        std::fs::remove_file(git.join(mark)).expect("unmark");
    }
    // Someone edits the file the board wrote: not the board's to commit.
    repo.edit(
        SPRING_FILE,
        "title = \"Email build\"",
        "title = \"Email build v2\"",
    );
    act(&mut app, &opts, Action::Commit);
    assert_eq!(
        app.message.as_deref(),
        Some(
            "commit: boards/spring.toml changed on disk since the board wrote it: nothing committed (commit it with git)"
        )
    );
    assert_eq!(
        repo.repo.head().expect("head").target(),
        head,
        "nothing committed"
    );
}

#[test]
fn a_file_with_uncommitted_edits_before_the_board_wrote_it_is_not_committed() {
    let repo = repo();
    repo.edit(
        SPRING_FILE,
        "title = \"Email build\"",
        "title = \"Email build v2\"",
    );
    let (mut app, opts) = board(&repo);
    keys(&mut app, &opts, "+");
    act(&mut app, &opts, Action::Commit);
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.contains("had changes of its own before the board wrote it"),
        "{said}"
    );
    // Said once (issue 23: not "commit it with git: … (commit it with git)").
    assert_eq!(said.matches("commit it with git").count(), 1, "{said}");
    assert_eq!(
        said,
        "commit: boards/spring.toml had changes of its own before the board wrote it: nothing committed (commit it with git)"
    );
    assert_eq!(app.prompt, None);
}

#[test]
fn a_revision_is_never_written() {
    let repo = repo();
    let mut opts = options(repo.path());
    opts.load.rev = Some("HEAD".into());
    let mut app = open(&opts, None).expect("board opens at a revision");
    select(&mut app, "email copy");
    for action in [
        Action::SetStatus,
        Action::DueLater,
        Action::AddDeliverable,
        Action::Commit,
    ] {
        let effects = app.apply(action);
        assert!(effects.is_empty(), "{action:?}: {effects:?}");
        assert_eq!(app.prompt, None);
        let said = app.message.clone().unwrap_or_default();
        assert!(
            said.contains("not written: the board shows revision")
                && said.contains("plans are written only in the working tree"),
            "{said}"
        );
    }
    assert_eq!(repo.read(SPRING_FILE), SPRING);
    assert!(!status_line(&app).contains("uncommitted"));
}

#[test]
fn my_work_rows_take_the_edit_keys() {
    let repo = repo();
    let mut opts = options(repo.path());
    opts.me.flag = Some("ana".into());
    let mut app = open(&opts, None).expect("board opens");
    app.apply(Action::View(ViewId::MY_WORK));
    assert_eq!(
        app.target().map(|k| k.to_string()).as_deref(),
        Some("spring/copy")
    );
    keys(&mut app, &opts, "+");
    assert_eq!(
        app.message.as_deref(),
        Some(
            "deadline of spring/copy \"Email copy\" moved 2027-02-10 → 2027-02-11 (+1 day) · not committed"
        )
    );
    assert_eq!(
        app.target(),
        Some(ItemKey {
            program: "spring".into(),
            id: "copy".into()
        }),
        "still selected"
    );
}

#[test]
fn a_bare_repository_is_never_written() {
    let repo = repo();
    let bare = tempfile::TempDir::new().expect("tempdir");
    git2::build::RepoBuilder::new()
        .bare(true)
        .clone(&repo.path().display().to_string(), bare.path())
        .expect("bare clone");
    let opts = options(bare.path());
    let mut app = open(&opts, None).expect("a bare repository opens at HEAD");
    select(&mut app, "email copy");
    assert!(app.apply(Action::DueLater).is_empty());
    let said = app.message.clone().unwrap_or_default();
    assert!(
        said.starts_with("due: ") && said.contains("is a bare repository"),
        "{said}"
    );
}

#[test]
fn in_review_mode_on_the_working_tree_a_write_shows_as_a_change() {
    let repo = repo();
    let mut opts = options(repo.path());
    opts.base = Some("HEAD".into());
    let mut app = open(&opts, None).expect("review mode opens");
    select(&mut app, "email copy");
    keys(&mut app, &opts, "+");
    assert_eq!(
        changed_lines(SPRING, &repo.read(SPRING_FILE)),
        [("due = 2027-02-10".into(), "due = 2027-02-11".into())]
    );
    act(&mut app, &opts, Action::View(ViewId::CHANGES));
    let text = screen(&app, 160, 48);
    assert!(
        text.contains(
            "deadline of spring/copy \"Email copy\" moved 2027-02-10 → 2027-02-11 (+1 day)"
        ),
        "{text}"
    );
}

/// A dialog open while the plans change on disk (a pull, another editor)
/// never writes over the change it did not show: the first Enter shows
/// the new value, a second one writes.
#[test]
fn a_dialog_never_writes_over_a_change_made_while_it_was_open() {
    let repo = repo();
    let (mut app, opts) = board(&repo);
    act(&mut app, &opts, Action::SetStatus);
    press(&mut app, KeyCode::Down); // doing → review
    // Meanwhile someone else marks it blocked, and the board reloads.
    repo.edit(SPRING_FILE, "status = \"doing\"", "status = \"blocked\"");
    run(&mut app, &[Effect::Reload], &opts);
    assert!(app.prompt.is_some(), "the dialog stays open");
    act(&mut app, &opts, Action::Open);
    assert!(
        repo.read(SPRING_FILE).contains("status = \"blocked\""),
        "not written over"
    );
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("it is now blocked"), "{said}");
    assert!(app.prompt.is_some(), "still open, showing it");
    // Seen now: the second Enter writes.
    act(&mut app, &opts, Action::Open);
    assert!(repo.read(SPRING_FILE).contains("status = \"review\""));
    assert!(app.prompt.is_none());
}

/// A note the plans keep written out (it holds a bidi control) is not
/// edited in the one-line input, which would save the escape in place of
/// the character: the status line points to the file's editor.
#[test]
fn a_note_holding_a_control_character_is_edited_in_the_file() {
    let repo = repo();
    repo.edit(
        SPRING_FILE,
        "status = \"doing\"\nneeds = [\"brief\"]",
        "status = \"doing\"\nneeds = [\"brief\"]\nnote = \"check \u{2067}עברית\u{2069} copy\"",
    );
    let before = repo.read(SPRING_FILE);
    let (mut app, opts) = board(&repo);
    act(&mut app, &opts, Action::EditNote);
    assert!(app.prompt.is_none());
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("edit it in the file (E)"), "{said}");
    assert_eq!(repo.read(SPRING_FILE), before);
}

/// With `core.autocrlf` (Git for Windows' default) the working tree has
/// CRLF and HEAD LF: the board's commit takes its edit alone, in LF, and
/// git sees the file unchanged after it.
#[test]
fn the_boards_commit_applies_gits_line_ending_conversion() {
    let repo = TestRepo::new();
    let mut config = repo.repo.config().expect("config");
    config.set_bool("core.autocrlf", true).expect("autocrlf");
    let crlf = |s: &str| s.replace('\n', "\r\n");
    repo.write("boards/people.toml", &crlf(support::gitrepo::PEOPLE));
    repo.write(SPRING_FILE, &crlf(SPRING));
    repo.commit("Mei Lin", support::gitrepo::MONDAY, "plans");
    repo.set_identity("Ana Souza", "ana@example.com");
    let head_text = |repo: &TestRepo| -> String {
        let entry = repo
            .head_commit()
            .tree()
            .expect("tree")
            .get_path(std::path::Path::new(SPRING_FILE))
            .expect("entry");
        let blob = repo.repo.find_blob(entry.id()).expect("blob");
        String::from_utf8(blob.content().to_vec()).expect("utf-8")
    };
    let before = head_text(&repo);
    let (mut app, opts) = board(&repo);
    act(&mut app, &opts, Action::SetStatus);
    press(&mut app, KeyCode::Down); // doing → review
    act(&mut app, &opts, Action::Open);
    act(&mut app, &opts, Action::Commit);
    assert!(app.prompt.is_some(), "{:?}", app.message);
    act(&mut app, &opts, Action::Open);
    assert_eq!(
        head_text(&repo),
        before.replace("status = \"doing\"", "status = \"review\""),
        "one line changed, in LF"
    );
    let status = repo
        .repo
        .status_file(std::path::Path::new(SPRING_FILE))
        .expect("status");
    assert!(status.is_empty(), "{status:?}");
}
