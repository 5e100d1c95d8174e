//! The My work view (snapshots at 80x24 and 160x48, monochrome, at the
//! fixed today) with and without a known person, how the person is known,
//! its keys; and the detail pane's contacts for every person it names.

mod support;

use ratatui::crossterm::event::KeyCode;
use ringboard::agenda::{AgendaOptions, agenda, work_of};
use ringboard::me::MeInputs;
use ringboard::ui::testing::Action;
use ringboard::ui::testing::ViewId;
use ringboard::ui::testing::{App, Overlay};
use ringboard::ui::testing::{Part, Who};
use support::board::{app, press, screen, select, today};

fn both_sizes(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_160x48"), screen(app, 160, 48));
}

/// The board on My work for the person these inputs name.
fn my_work(flag: Option<&str>, git_email: Option<&str>) -> App {
    let mut a = app();
    let inputs = MeInputs {
        flag: flag.map(str::to_string),
        env: None,
        git_email: git_email.map(str::to_string),
    };
    a.set_me(inputs);
    a.apply(Action::View(ViewId::MY_WORK));
    a
}

#[test]
fn my_work_for_a_known_person() {
    // ana: two open deliverables, one waiting on chen-jing's content map,
    // and CloudMail waiting on both.
    let a = my_work(Some("ana"), None);
    both_sizes("mywork", &a);
    let text = screen(&a, 160, 48);
    assert!(text.contains("My work: Ana Souza (ana) · ana.souza@example.com · known from --me"));
    assert!(
        text.contains("陈静 Chen Jing (chen.jing@example.com)"),
        "{text}"
    );
    assert!(
        text.contains("CloudMail (Account manager: success@cloudmail.example)"),
        "{text}"
    );
}

#[test]
fn my_work_without_a_known_person_says_how_to_set_one() {
    let a = my_work(None, Some("someone@example.com"));
    assert_eq!(support::board::my_work(&a).who, Who::Nobody);
    both_sizes("mywork_nobody", &a);
    let text = screen(&a, 160, 48);
    for how in [
        "ringboard --me ID",
        "export RINGBOARD_ME=ID",
        "contact = \"someone@example.com\"",
    ] {
        assert!(text.contains(how), "{how}: {text}");
    }
    // An id nobody has: said, with a did-you-mean.
    let a = my_work(Some("anna"), None);
    let text = screen(&a, 160, 48);
    assert!(
        text.contains("--me anna: no such person in the roster"),
        "{text}"
    );
    assert!(text.contains("`ana`"), "{text}");
}

#[test]
fn git_email_finds_the_person_by_contact() {
    let a = my_work(None, Some("Ana.Souza@Example.com"));
    let text = screen(&a, 160, 48);
    assert!(text.contains("My work: Ana Souza (ana)"), "{text}");
    assert!(text.contains("known from git user.email"), "{text}");
}

#[test]
fn its_rows_are_the_persons_work_what_it_waits_on_and_who_waits_on_it() {
    let a = my_work(Some("ana"), None);
    let p = &a.data.plans.portfolio;
    let work = work_of(p, &a.data.derived, "ana");
    // The same work as the agenda over any window.
    let wide = agenda(
        p,
        today(),
        &AgendaOptions {
            person: Some("ana".into()),
            days: 3650,
        },
    )
    .expect("agenda");
    let open: Vec<_> = wide
        .groups
        .iter()
        .flat_map(|g| &g.entries)
        .cloned()
        .collect();
    assert_eq!(work.open, open);
    assert_eq!(work.waiting_on_you, wide.waiting_on_you);
    let parts: Vec<Part> = support::board::my_work(&a)
        .rows
        .iter()
        .map(|r| r.part)
        .collect();
    assert_eq!(
        parts,
        [
            Part::Open,
            Part::Open,
            Part::WaitsOn,
            Part::WaitingOnYou,
            Part::WaitingOnYou
        ]
    );
}

#[test]
fn moves_and_opens_details() {
    let mut a = my_work(Some("ana"), None);
    assert_eq!(
        a.target().map(|k| k.to_string()).as_deref(),
        Some("spring-launch/email-copy")
    );
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(
        a.target().map(|k| k.to_string()).as_deref(),
        Some("nurture-2027/content-map"),
        "the line it waits on"
    );
    a.apply(Action::Open);
    assert_eq!(a.overlay, Overlay::Detail);
    assert!(screen(&a, 160, 48).contains("Content map by buying stage (nurture-2027/content-map)"));
    a.apply(Action::Close);
    // The focus follows: Hand-offs shows that deliverable's chain.
    a.apply(Action::View(ViewId::HANDOFFS));
    assert_eq!(
        a.focus.as_ref().map(|k| k.to_string()).as_deref(),
        Some("nurture-2027/content-map")
    );
    a.apply(Action::View(ViewId::MY_WORK));
    a.apply(Action::Bottom);
    a.apply(Action::Down);
    assert_eq!(a.message.as_deref(), Some("move: already at the bottom"));
    // Search is not one of its keys: said, not done elsewhere.
    a.apply(Action::Search);
    assert_eq!(a.message.as_deref(), Some("search: not in My work"));
}

#[test]
fn the_detail_pane_names_the_contact_of_every_person_in_it() {
    let mut a = app();
    // key-visual: Northwind's, waits on the brand guidelines (Northwind),
    // needed by work of four people.
    select(&mut a, "key visual");
    a.apply(Action::Open);
    let text = screen(&a, 160, 48);
    assert!(
        text.contains("owner     Northwind Studio 🎨 (partner) · hello@northwind.example"),
        "{text}"
    );
    let p = &a.data.plans.portfolio;
    let r = a.focus_ref().expect("focus");
    let g = &a.data.derived.graph;
    let i = g.get_index(r).expect("in the graph");
    let named: Vec<&str> = g.needs[i]
        .iter()
        .chain(&g.needed_by[i])
        .map(|&j| p.deliverable(g.deliverable(j)).owner.as_str())
        .collect();
    assert!(named.len() >= 3, "{named:?}");
    for id in named {
        let person = p.person(id).expect("known owner");
        let contact = person.contact.as_deref().expect("a contact");
        let shown = format!("{} ({contact})", person.name);
        assert!(text.contains(&shown), "{shown} not in:\n{text}");
    }
}
