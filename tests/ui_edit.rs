//! The board's edit keys as actions in, effects out, on the example boards
//! (nothing is written here: see ui_writes.rs for the effects run): each
//! key opens its dialog or makes its write; dialogs take their keys (text
//! is text); a value left as it was, a bad date, a cancel or a read-only
//! board make no effect and say why.

mod support;

use jiff::civil::date;
use ratatui::crossterm::event::KeyCode;
use ringboard::model::Status;
use ringboard::ui::testing::Action;
use ringboard::ui::testing::Kind;
use ringboard::ui::testing::ViewId;
use ringboard::ui::testing::{App, Overlay};
use ringboard::ui::testing::{Effect, ItemKey};
use ringboard::write::{DateEdit, Edit, NewDeliverable};
use support::board::{app, press, screen, select, type_text};

fn email_copy() -> ItemKey {
    ItemKey {
        program: "spring-launch".into(),
        id: "email-copy".into(),
    }
}

/// The board with spring-launch/email-copy selected in Deliverables
/// (status review, due 2027-02-10, owner ana, a note).
fn on_email_copy() -> App {
    let mut a = app();
    select(&mut a, "launch email copy");
    assert_eq!(a.target(), Some(email_copy()));
    a
}

fn write(edit: Edit) -> Vec<Effect> {
    vec![Effect::Write {
        target: email_copy(),
        edits: vec![edit],
    }]
}

#[test]
fn the_status_key_opens_a_picker_of_the_six_statuses_on_the_current_one() {
    let mut a = on_email_copy();
    assert!(
        a.apply(Action::SetStatus).is_empty(),
        "a picker, no write yet"
    );
    let Some(Kind::Status(p)) = a.prompt.as_ref().map(|p| &p.kind) else {
        panic!("no status picker: {:?}", a.prompt);
    };
    let values: Vec<&str> = p.choices.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(
        values,
        ["todo", "doing", "review", "blocked", "done", "dropped"]
    );
    assert_eq!(p.selected().map(|c| c.value.as_str()), Some("review"));
    let text = screen(&a, 100, 30);
    assert!(
        text.contains("Status of spring-launch/email-copy"),
        "{text}"
    );
    assert!(text.contains("[?] review  (now)"), "{text}");
    assert!(text.contains("enter: save · esc: cancel"), "{text}");
    // Down twice (review → blocked → done), Enter: the write.
    assert!(press(&mut a, KeyCode::Down).is_empty());
    a.apply(Action::Down);
    assert_eq!(a.apply(Action::Open), write(Edit::Status(Status::Done)));
    assert_eq!(a.prompt, None);
    assert_eq!(
        a.message.as_deref(),
        Some("writing spring-launch/email-copy…")
    );
}

#[test]
fn typing_in_a_picker_narrows_it_and_letters_are_text_not_keys() {
    let mut a = on_email_copy();
    a.apply(Action::SetStatus);
    // `d` is the due key, `r` reload, `q` quit: here they are text.
    assert!(type_text(&mut a, "dr").is_empty());
    assert!(!a.quit);
    let picked = a.apply(Action::Open);
    assert_eq!(picked, write(Edit::Status(Status::Dropped)));
    // Nothing matches: Enter says so and the picker stays.
    a.apply(Action::SetStatus);
    type_text(&mut a, "qqq");
    assert!(!a.quit, "q is a letter in a dialog");
    assert!(a.apply(Action::Open).is_empty());
    assert!(a.prompt.is_some());
    assert_eq!(
        a.message.as_deref(),
        Some("no status matches what is typed")
    );
    press(&mut a, KeyCode::Backspace);
    press(&mut a, KeyCode::Backspace);
    press(&mut a, KeyCode::Backspace);
    assert_eq!(
        a.prompt.as_ref().map(|p| p.error.clone()),
        Some(None),
        "typing clears the error"
    );
}

/// Issue 23: `c`, `do`, Enter on a todo item writes doing. What is typed
/// ranks prefixes first, and the value the item has now is never what
/// stays selected once something is typed.
#[test]
fn typing_in_the_status_picker_picks_a_new_status_never_the_current_one() {
    let mut a = app();
    select(&mut a, "email build in cloudmail");
    let build = ItemKey {
        program: "spring-launch".into(),
        id: "email-build".into(),
    };
    assert_eq!(a.target(), Some(build.clone()));
    a.apply(Action::SetStatus);
    type_text(&mut a, "do");
    let text = screen(&a, 100, 30);
    let doing = text.find("[>] doing").expect("doing is listed");
    let todo = text.find("[ ] todo").expect("todo is listed");
    assert!(doing < todo, "the prefix match comes first:\n{text}");
    assert_eq!(
        a.apply(Action::Open),
        [Effect::Write {
            target: build,
            edits: vec![Edit::Status(Status::Doing)],
        }]
    );
}

/// Home and End go to a picker's first and last choice (the keymap's top
/// and bottom); in a text input they move the cursor.
#[test]
fn home_and_end_move_in_a_picker_and_in_a_text() {
    let mut a = on_email_copy();
    a.apply(Action::SetStatus);
    press(&mut a, KeyCode::End);
    assert_eq!(a.apply(Action::Open), write(Edit::Status(Status::Dropped)));
    a.apply(Action::SetStatus);
    press(&mut a, KeyCode::Home);
    assert_eq!(a.apply(Action::Open), write(Edit::Status(Status::Todo)));
    a.apply(Action::EditNote);
    press(&mut a, KeyCode::Home);
    type_text(&mut a, "Now: ");
    assert_eq!(
        a.apply(Action::Open),
        write(Edit::Note(Some(
            "Now: Legal review of the sustainability claims".into()
        )))
    );
}

#[test]
fn the_current_value_writes_nothing_and_says_so() {
    let mut a = on_email_copy();
    a.apply(Action::SetStatus);
    assert!(a.apply(Action::Open).is_empty());
    assert_eq!(
        a.message.as_deref(),
        Some("Status of spring-launch/email-copy: unchanged, nothing written")
    );
    assert_eq!(a.prompt, None);
}

#[test]
fn esc_cancels_a_dialog_and_nothing_is_written() {
    let mut a = on_email_copy();
    for action in [
        Action::SetStatus,
        Action::SetDue,
        Action::EditNote,
        Action::SetOwner,
    ] {
        a.apply(action);
        assert!(a.prompt.is_some(), "{action:?}");
        type_text(&mut a, "x");
        assert!(press(&mut a, KeyCode::Esc).is_empty());
        assert_eq!(a.prompt, None);
        let said = a.message.clone().unwrap_or_default();
        assert!(said.ends_with("cancelled, nothing written"), "{said}");
    }
}

#[test]
fn the_due_key_takes_a_date_or_days_from_the_current_one() {
    let mut a = on_email_copy();
    a.apply(Action::SetDue);
    type_text(&mut a, "+7");
    let text = screen(&a, 100, 30);
    assert!(text.contains("now 2027-02-10"), "{text}");
    assert!(text.contains("→ 2027-02-17 (+7 days)"), "{text}");
    assert_eq!(
        a.apply(Action::Open),
        write(Edit::Due(DateEdit::On(date(2027, 2, 17))))
    );
    a.apply(Action::SetDue);
    type_text(&mut a, "2027-03-01");
    assert_eq!(
        a.apply(Action::Open),
        write(Edit::Due(DateEdit::On(date(2027, 3, 1))))
    );
    // A bad date: the input stays open and says why; nothing written.
    a.apply(Action::SetDue);
    type_text(&mut a, "2027-02-30");
    assert!(a.apply(Action::Open).is_empty());
    let error = a.prompt.as_ref().and_then(|p| p.error.clone());
    assert!(
        error.as_deref().is_some_and(|e| e.contains("not a date")),
        "{error:?}"
    );
    assert!(screen(&a, 100, 30).contains("not a date"));
}

/// Any number of days can be typed: every frame while typing draws, and
/// a count past any date is refused with a reason, never a panic.
#[test]
fn a_huge_day_count_is_out_of_range_not_a_crash() {
    let mut a = on_email_copy();
    a.apply(Action::SetDue);
    for c in "+99999999999".chars() {
        type_text(&mut a, &c.to_string());
        screen(&a, 100, 30);
    }
    assert!(a.apply(Action::Open).is_empty());
    let error = a.prompt.as_ref().and_then(|p| p.error.clone());
    assert!(
        error.as_deref().is_some_and(|e| e.contains("out of range")),
        "{error:?}"
    );
    // The add form's due field too.
    a.apply(Action::Close);
    a.apply(Action::AddDeliverable);
    type_text(&mut a, "Launch webinar");
    press(&mut a, KeyCode::Tab);
    type_text(&mut a, "tom");
    press(&mut a, KeyCode::Tab);
    type_text(&mut a, "+7304485");
    screen(&a, 100, 30);
    assert!(a.apply(Action::Open).is_empty(), "out of range: no effect");
}

#[test]
fn plus_and_minus_nudge_the_due_date_by_a_day() {
    let mut a = on_email_copy();
    assert_eq!(type_text(&mut a, "+"), write(Edit::Due(DateEdit::Shift(1))));
    assert_eq!(
        type_text(&mut a, "-"),
        write(Edit::Due(DateEdit::Shift(-1)))
    );
    assert_eq!(a.prompt, None, "no dialog");
}

#[test]
fn the_note_input_edits_by_character_and_an_empty_note_removes_it() {
    let mut a = on_email_copy();
    a.apply(Action::EditNote);
    let text = screen(&a, 120, 30);
    assert!(
        text.contains("note: Legal review of the sustainability claims"),
        "{text}"
    );
    // Home, then a Chinese word and an emoji in front; delete a letter.
    press(&mut a, KeyCode::Home);
    type_text(&mut a, "法务🎉 ");
    press(&mut a, KeyCode::Delete);
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Left);
    press(&mut a, KeyCode::Backspace);
    assert_eq!(
        a.apply(Action::Open),
        write(Edit::Note(Some(
            "法务🎉 egal review of the sustainability clais".into()
        )))
    );
    a.apply(Action::EditNote);
    for _ in 0.."Legal review of the sustainability claims".chars().count() {
        press(&mut a, KeyCode::Backspace);
    }
    assert_eq!(a.apply(Action::Open), write(Edit::Note(None)));
}

#[test]
fn the_owner_picker_searches_names_ids_roles_and_orgs() {
    let mut a = on_email_copy();
    a.apply(Action::SetOwner);
    let text = screen(&a, 120, 40);
    assert!(text.contains("Owner of spring-launch/email-copy"), "{text}");
    assert!(text.contains("Ana Souza (ana)"), "{text}");
    assert!(text.contains("(now)"), "{text}");
    type_text(&mut a, "search paid");
    assert_eq!(a.apply(Action::Open), write(Edit::Owner("sora".into())));
    a.apply(Action::SetOwner);
    type_text(&mut a, "王伟");
    assert_eq!(a.apply(Action::Open), write(Edit::Owner("wei".into())));
}

#[test]
fn the_add_form_makes_a_deliverable_of_the_program_shown() {
    let mut a = app();
    a.apply(Action::AddDeliverable);
    let text = screen(&a, 100, 30);
    assert!(
        text.contains("Add a deliverable to spring-launch"),
        "{text}"
    );
    // Enter on an empty form: the title is missing, and the form says
    // the title is empty (not that it has no ASCII letters).
    assert!(text.contains("the title is empty"), "{text}");
    assert!(!text.contains("no ASCII letters"), "{text}");
    assert!(a.apply(Action::Open).is_empty());
    assert_eq!(a.message.as_deref(), Some("a title is needed"));
    type_text(&mut a, "Launch webinar");
    assert!(screen(&a, 100, 30).contains("id: launch-webinar (from the title; made unique)"));
    press(&mut a, KeyCode::Tab);
    type_text(&mut a, "tom");
    press(&mut a, KeyCode::Tab);
    type_text(&mut a, "+7");
    let effects = a.apply(Action::Open);
    assert_eq!(
        effects,
        [Effect::Add {
            program: "spring-launch".into(),
            new: NewDeliverable {
                title: "Launch webinar".into(),
                owner: "tom".into(),
                due: date(2027, 2, 8),
                ..NewDeliverable::default()
            },
        }]
    );
}

/// Issue 23: the add form's owner is picked as `O` picks one, by name,
/// id, role or organisation, not only by an exact id.
#[test]
fn the_add_forms_owner_is_picked_from_what_is_typed() {
    let mut a = app();
    a.apply(Action::AddDeliverable);
    type_text(&mut a, "Launch webinar");
    press(&mut a, KeyCode::Tab);
    type_text(&mut a, "cloud");
    let text = screen(&a, 100, 30);
    assert!(text.contains("owner: CloudMail (cloudmail)"), "{text}");
    assert!(!text.contains("no person"), "{text}");
    press(&mut a, KeyCode::Tab);
    type_text(&mut a, "+7");
    let Some(Effect::Add { new, .. }) = a.apply(Action::Open).into_iter().next() else {
        panic!("no add: {:?}", a.message);
    };
    assert_eq!(new.owner, "cloudmail");
    // A Chinese name; down chooses in the list while the owner is typed.
    a.apply(Action::AddDeliverable);
    type_text(&mut a, "Launch webinar");
    press(&mut a, KeyCode::Tab);
    type_text(&mut a, "王伟");
    press(&mut a, KeyCode::Tab);
    type_text(&mut a, "+7");
    let Some(Effect::Add { new, .. }) = a.apply(Action::Open).into_iter().next() else {
        panic!("no add: {:?}", a.message);
    };
    assert_eq!(new.owner, "wei");
    a.apply(Action::AddDeliverable);
    type_text(&mut a, "Launch webinar");
    press(&mut a, KeyCode::Tab);
    type_text(&mut a, "nobody-at-all");
    assert!(a.apply(Action::Open).is_empty());
    let said = a.message.clone().unwrap_or_default();
    assert!(said.contains("nobody matches `nobody-at-all`"), "{said}");
}

/// Issue 23: `w` edits what a deliverable waits for: a picker of the
/// portfolio's deliverables, the program's own first; space marks or
/// unmarks, Enter writes `needs` as `set ... needs=A,B` would.
#[test]
fn the_waits_for_picker_marks_several_and_writes_needs() {
    let mut a = on_email_copy();
    assert_eq!(a.keymap.first_key(Action::SetNeeds), Some("w"));
    assert!(type_text(&mut a, "w").is_empty());
    let Some(Kind::Needs(p)) = a.prompt.as_ref().map(|p| &p.kind) else {
        panic!("no needs picker: {:?}", a.prompt);
    };
    assert_eq!(p.marked, Some(vec!["messaging".to_string()]));
    // The program's own first; the deliverable itself is not listed.
    assert!(p.choices[0].label.starts_with("spring-launch/"));
    assert!(p.choices.iter().all(|c| c.value != "email-copy"));
    let text = screen(&a, 120, 40);
    assert!(
        text.contains("What spring-launch/email-copy waits for"),
        "{text}"
    );
    assert!(text.contains("[+] spring-launch/messaging"), "{text}");
    // Another program's deliverable is named program/id.
    type_text(&mut a, "guidelines");
    type_text(&mut a, " ");
    assert!(screen(&a, 120, 40).contains("[+] brand-refresh/guidelines"));
    assert_eq!(
        a.apply(Action::Open),
        write(Edit::Needs(vec![
            "messaging".into(),
            "brand-refresh/guidelines".into()
        ]))
    );
    // Unmarking what it waits for: the list empties.
    type_text(&mut a, "w");
    type_text(&mut a, "messaging ");
    assert_eq!(a.apply(Action::Open), write(Edit::Needs(vec![])));
    // Nothing changed: nothing written.
    type_text(&mut a, "w");
    assert!(a.apply(Action::Open).is_empty());
    let said = a.message.clone().unwrap_or_default();
    assert!(said.contains("unchanged, nothing written"), "{said}");
    // In the help, generated from the keymap.
    a.apply(Action::Help);
    let help = screen(&a, 160, 48);
    assert!(
        help.contains("what it waits for (a picker; space marks)"),
        "{help}"
    );
}

#[test]
fn edit_keys_act_on_the_detail_panes_deliverable() {
    let mut a = on_email_copy();
    a.apply(Action::Open);
    assert_eq!(a.overlay, Overlay::Detail);
    assert_eq!(type_text(&mut a, "+"), write(Edit::Due(DateEdit::Shift(1))));
}

#[test]
fn edit_keys_where_no_deliverable_is_selected_say_so() {
    let mut a = app();
    a.apply(Action::View(ViewId::TIMELINE));
    assert!(a.apply(Action::SetStatus).is_empty());
    assert_eq!(a.message.as_deref(), Some("edit: not in Timeline"));
    a.apply(Action::View(ViewId::METRICS));
    assert!(a.apply(Action::OpenEditor).is_empty());
    assert_eq!(a.message.as_deref(), Some("editor: not in Metrics"));
    a.apply(Action::View(ViewId::MY_WORK));
    assert!(a.apply(Action::SetStatus).is_empty());
    assert_eq!(
        a.message.as_deref(),
        Some("status: no deliverable selected")
    );
    assert_eq!(a.prompt, None);
}

#[test]
fn undo_and_commit_with_nothing_written_say_so() {
    let mut a = app();
    assert!(a.apply(Action::Undo).is_empty());
    assert_eq!(
        a.message.as_deref(),
        Some("undo: nothing written in this session")
    );
    assert!(a.apply(Action::Commit).is_empty());
    assert_eq!(
        a.message.as_deref(),
        Some(
            "commit: nothing written in this session (the board commits only what its keys wrote)"
        )
    );
}

#[test]
fn the_editor_key_opens_the_selections_file_at_its_line_or_says_how_to_set_one() {
    let mut a = on_email_copy();
    assert!(a.apply(Action::OpenEditor).is_empty());
    let said = a.message.clone().unwrap_or_default();
    assert!(said.contains("set $VISUAL or $EDITOR"), "{said}");
    a.editor = Some("vim".into());
    let root = a.data.plans.workspace.root.clone();
    assert_eq!(
        a.apply(Action::OpenEditor),
        [Effect::OpenEditor {
            file: root.join("boards/spring-launch.toml"),
            line: 119,
        }]
    );
    // A person opens where the roster has them.
    a.apply(Action::View(ViewId::RINGS));
    a.apply(Action::Top);
    // The first card without open work: a person, not a deliverable.
    let id = loop {
        match a.selection() {
            Some(ringboard::ui::testing::Selected::Person(id)) => break id,
            _ if a.cursor() + 1 < a.list_len() => {
                a.apply(Action::Down);
            }
            other => panic!("no person card: {other:?}"),
        }
    };
    let effects = a.apply(Action::OpenEditor);
    let person = a.data.plans.portfolio.person(&id).expect("in the roster");
    assert_eq!(
        effects,
        [Effect::OpenEditor {
            file: root.join(&*person.path),
            line: person.pos.line,
        }]
    );
}

#[test]
fn every_edit_key_is_in_the_keymap_and_its_help() {
    let a = app();
    for action in [
        Action::SetStatus,
        Action::SetDue,
        Action::DueLater,
        Action::DueEarlier,
        Action::EditNote,
        Action::SetOwner,
        Action::SetNeeds,
        Action::AddDeliverable,
        Action::OpenEditor,
        Action::Undo,
        Action::Commit,
        Action::View(ViewId::MY_WORK),
    ] {
        assert!(
            a.keymap.first_key(action).is_some(),
            "{action:?} has no key"
        );
    }
    // Remapped: the new key acts, the old one is gone.
    let (keymap, warnings) = ringboard::ui::Keymap::load(Some("[keys]\nstatus = [\"ctrl-s\"]\n"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut a = on_email_copy();
    a.keymap = keymap;
    assert!(type_text(&mut a, "c").is_empty());
    assert_eq!(a.prompt, None, "c is no longer the status key");
    a.key(&ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('s'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    ));
    assert!(matches!(
        a.prompt.as_ref().map(|p| &p.kind),
        Some(Kind::Status(_))
    ));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// A key a user might press: any letter of the keymap, text (Chinese,
    /// emoji, a control character), the editing and moving keys.
    fn key() -> impl Strategy<Value = KeyCode> {
        prop_oneof![
            prop::sample::select(
                "cdeOau+-jkq/nNfRsptrLCv?12345678 \u{1b}春🎉é"
                    .chars()
                    .collect::<Vec<_>>()
            )
            .prop_map(KeyCode::Char),
            prop::sample::select(vec![
                KeyCode::Enter,
                KeyCode::Esc,
                KeyCode::Tab,
                KeyCode::BackTab,
                KeyCode::Backspace,
                KeyCode::Delete,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::PageDown,
            ]),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Any keys: no panic, every frame draws, and a write is only ever
        /// of a deliverable the plans have, to a program they have.
        #[test]
        fn any_keys_in_dialogs_never_panic_and_write_only_what_exists(
            keys in prop::collection::vec(key(), 1..80),
        ) {
            let mut a = app();
            for k in keys {
                let effects = press(&mut a, k);
                let p = &a.data.plans.portfolio;
                for e in &effects {
                    match e {
                        Effect::Write { target, edits } => {
                            prop_assert!(target.resolve(p).is_some(), "{target}");
                            prop_assert_eq!(edits.len(), 1);
                        }
                        Effect::Add { program, .. } => {
                            prop_assert!(p.program(program).is_some());
                        }
                        Effect::WriteMetric { target, edits } => {
                            let metric = p
                                .program(&target.program)
                                .and_then(|prog| prog.metrics.iter().find(|m| m.id == target.id));
                            prop_assert!(metric.is_some(), "{target}");
                            prop_assert_eq!(edits.len(), 1);
                        }
                        Effect::LoadHistory(_)
                        | Effect::LoadMetricHistory(_)
                        | Effect::Reload => {}
                        other => prop_assert!(false, "unexpected {other:?}"),
                    }
                }
                if a.quit {
                    break;
                }
                for (w, h) in [(80, 24), (60, 15), (120, 40)] {
                    screen(&a, w, h);
                }
            }
        }
    }
}

/// A paste is text: into the open input whole (its line breaks become
/// spaces), never keys: nothing is confirmed, undone or committed by it.
#[test]
fn a_paste_is_typed_into_the_input_never_run_as_keys() {
    let mut a = on_email_copy();
    a.apply(Action::EditNote);
    for _ in 0.."Legal review of the sustainability claims".chars().count() {
        press(&mut a, KeyCode::Backspace);
    }
    assert!(a.paste("line one\nurgent: Check u C q 法务").is_empty());
    assert!(a.prompt.is_some(), "the input stays open");
    assert_eq!(
        a.apply(Action::Open),
        write(Edit::Note(Some("line one urgent: Check u C q 法务".into())))
    );
    // With no input open, a paste does nothing but say so.
    assert!(a.paste("q").is_empty());
    assert!(!a.quit);
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.starts_with("paste:"))
    );
}
