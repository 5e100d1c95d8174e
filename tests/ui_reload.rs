//! Plans that change under the board (issue 13): every selection and the
//! focus are found again by identity after a reload, a gone item selects
//! its nearest neighbour and the status line says so, and nothing panics,
//! whatever the change (the property test at the end).

mod support;

use std::path::Path;

use ringboard::load::{LoadOptions, load};
use ringboard::ui::testing::Action;
use ringboard::ui::testing::ItemKey;
use ringboard::ui::testing::Selected;
use ringboard::ui::testing::ViewId;
use ringboard::ui::testing::{App, Overlay, Snapshot};
use support::board::{app_on, screen, select, table, today};
use support::files::examples;

fn snapshot(dir: &Path) -> Snapshot {
    let plans = load(&LoadOptions {
        repo: Some(dir.into()),
        ..LoadOptions::default()
    })
    .expect("plans load");
    Snapshot::new(plans, today())
}

fn spring(dir: &Path) -> std::path::PathBuf {
    dir.join("boards/spring-launch.toml")
}

/// Edits the spring plan's text.
fn edit(dir: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(spring(dir)).expect("read");
    std::fs::write(spring(dir), change(text)).expect("write");
}

fn key(program: &str, id: &str) -> ItemKey {
    ItemKey {
        program: program.into(),
        id: id.into(),
    }
}

/// Every view, with and without the detail pane, at two sizes.
fn draw_everything(app: &mut App) {
    let view = app.view();
    for v in ringboard::ui::testing::ALL.iter().map(|k| k.id) {
        app.apply(Action::View(v));
        for _ in 0..2 {
            screen(app, 80, 24);
            screen(app, 160, 48);
            app.apply(Action::Open);
        }
        app.apply(Action::Close);
    }
    app.apply(Action::View(view));
}

#[test]
fn a_plan_emptied_under_the_board_does_not_crash_it() {
    let dir = examples();
    let mut app = app_on(snapshot(dir.path()));
    select(&mut app, "social launch kit");
    app.apply(Action::View(ViewId::HANDOFFS));
    app.apply(Action::Open);
    assert_eq!(app.overlay, Overlay::Detail);
    std::fs::write(spring(dir.path()), "[program]\nname = \"S\"\n").expect("write");
    // Another file touched: the reload reads everything again.
    let people = dir.path().join("boards/people.toml");
    let text = std::fs::read_to_string(&people).expect("read");
    std::fs::write(&people, text + "\n").expect("touch");
    app.reloaded(snapshot(dir.path()));
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("spring-launch/social-kit is gone; selected "),
        "{message}"
    );
    let focus = app.focus.clone().expect("a neighbour is focused");
    assert!(app.known(&focus), "{focus}");
    assert!(screen(&app, 100, 30).contains(&focus.to_string()));
    draw_everything(&mut app);
}

#[test]
fn the_hand_offs_focus_stays_when_an_earlier_deliverable_is_deleted() {
    let dir = examples();
    let mut app = app_on(snapshot(dir.path()));
    select(&mut app, "key visual");
    app.apply(Action::View(ViewId::HANDOFFS));
    // The first [[deliverable]] of the file, research, goes.
    edit(dir.path(), |text| {
        let start = text
            .find("[[deliverable]]\nid = \"research\"")
            .expect("research");
        let end = start + text[start..].find("\n\n").expect("block end") + 2;
        format!("{}{}", &text[..start], &text[end..])
    });
    app.reloaded(snapshot(dir.path()));
    assert_eq!(app.focus, Some(key("spring-launch", "key-visual")));
    assert_eq!(app.message.as_deref(), Some("reloaded"));
    let text = screen(&app, 160, 48);
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("spring-launch/key-visual Key visual")),
        "{text}"
    );
}

#[test]
fn a_deliverable_inserted_before_the_selection_changes_nothing() {
    let dir = examples();
    let mut app = app_on(snapshot(dir.path()));
    select(&mut app, "key visual");
    let before = app.selection();
    app.apply(Action::View(ViewId::HANDOFFS));
    edit(dir.path(), |text| {
        text.replacen(
            "[[deliverable]]\n",
            "[[deliverable]]\nid = \"kickoff\"\ntitle = \"Kick-off\"\nowner = \"mei\"\ndue = 2027-01-05\nstatus = \"done\"\n\n[[deliverable]]\n",
            1,
        )
    });
    app.reloaded(snapshot(dir.path()));
    assert_eq!(app.focus, Some(key("spring-launch", "key-visual")));
    assert!(screen(&app, 160, 48).contains("spring-launch/key-visual Key visual"));
    app.apply(Action::View(ViewId::DELIVERABLES));
    assert_eq!(app.selection(), before);
}

#[test]
fn a_gone_selection_selects_its_neighbour_and_says_so() {
    let dir = examples();
    let mut app = app_on(snapshot(dir.path()));
    select(&mut app, "launch email copy");
    let next = table(&app).rows[table(&app).cursor + 1];
    let next = ItemKey::of(&app.data.plans.portfolio, next).expect("next row");
    edit(dir.path(), |text| {
        text.replace("id = \"email-copy\"", "id = \"email-copy-v2\"")
    });
    app.reloaded(snapshot(dir.path()));
    assert_eq!(
        app.message.as_deref(),
        Some(format!("reloaded · spring-launch/email-copy is gone; selected {next}").as_str())
    );
    assert_eq!(app.selection(), Some(Selected::Deliverable(next.clone())));
    assert_eq!(app.focus, Some(next));
}

#[test]
fn a_gone_program_shows_the_first_and_says_so() {
    let dir = examples();
    let mut app = app_on(snapshot(dir.path()));
    app.apply(Action::NextProgram);
    assert!(screen(&app, 160, 48).contains("品牌焕新 Brand refresh"));
    std::fs::remove_file(dir.path().join("boards/brand-refresh.toml")).expect("remove");
    app.reloaded(snapshot(dir.path()));
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.starts_with("reloaded · program brand-refresh is gone; showing spring-launch"),
        "{message}"
    );
    draw_everything(&mut app);
}

#[test]
fn other_views_keep_their_selection_by_identity() {
    let dir = examples();
    let mut app = app_on(snapshot(dir.path()));
    // Timeline: a person's row, found again after people before it leave.
    app.apply(Action::View(ViewId::TIMELINE));
    app.apply(Action::Bottom);
    let row = app.selection();
    edit(dir.path(), |text| {
        text.replace("owner = \"ana\"", "owner = \"mei\"")
    });
    app.reloaded(snapshot(dir.path()));
    assert_eq!(app.selection(), row);
    // Metrics: a metric, found again after one before it is removed.
    app.apply(Action::View(ViewId::METRICS));
    app.apply(Action::Down);
    app.apply(Action::Down);
    let metric = app.selection();
    assert!(
        matches!(metric, Some(Selected::Metric { .. })),
        "{metric:?}"
    );
    edit(dir.path(), |text| {
        text.replacen(
            "[[metric]]\nid = \"mql\"",
            "[[metric]]\nid = \"mql-old\"",
            1,
        )
    });
    app.reloaded(snapshot(dir.path()));
    assert_eq!(app.selection(), metric);
}

// ---------------------------------------------------------------------
// The property: any actions, any plan changes, never a panic; after each
// reload the selection and the focus are what they were, or the status
// line says what is gone.

mod property {
    use std::path::Path;

    use proptest::prelude::*;
    use ringboard::review::compare;
    use ringboard::ui::testing::App;
    use ringboard::ui::testing::Review;
    use ringboard::ui::testing::{Action, actions};

    use super::support::board::{app_on, screen, table, today};

    const OWNERS: [&str; 4] = ["ana", "wei", "nobody", "mei"];

    #[derive(Clone, Debug)]
    struct Item {
        id: String,
        owner: usize,
        due: u8,
        done: bool,
        /// Indexes of earlier items of the same program it needs.
        needs: Vec<usize>,
    }

    #[derive(Clone, Debug)]
    enum Broken {
        No,
        Empty,
        Invalid,
    }

    #[derive(Clone, Debug)]
    struct Program {
        id: String,
        items: Vec<Item>,
        broken: Broken,
    }

    #[derive(Clone, Debug)]
    enum Change {
        Add {
            program: usize,
            at: usize,
            item: Item,
        },
        Remove {
            program: usize,
            at: usize,
        },
        Move {
            program: usize,
            from: usize,
            to: usize,
        },
        Rename {
            program: usize,
            at: usize,
            id: String,
        },
        Retitle {
            program: usize,
            at: usize,
            done: bool,
            due: u8,
        },
        RemoveProgram {
            program: usize,
        },
        AddProgram {
            id: String,
        },
        Break {
            program: usize,
            how: u8,
        },
        Mend {
            program: usize,
        },
        RemovePerson,
    }

    #[derive(Clone, Debug)]
    enum Step {
        Act(usize),
        Type(char),
        Reload(Change),
    }

    fn item() -> impl Strategy<Value = Item> {
        (
            "[a-e]{1,2}",
            0..OWNERS.len(),
            0u8..60,
            any::<bool>(),
            prop::collection::vec(0usize..6, 0..2),
        )
            .prop_map(|(id, owner, due, done, needs)| Item {
                id,
                owner,
                due,
                done,
                needs,
            })
    }

    fn program(id: &'static str) -> impl Strategy<Value = Program> {
        prop::collection::vec(item(), 0..6).prop_map(move |items| Program {
            id: id.to_string(),
            items,
            broken: Broken::No,
        })
    }

    fn change() -> impl Strategy<Value = Change> {
        prop_oneof![
            (0usize..4, 0usize..8, item()).prop_map(|(program, at, item)| Change::Add {
                program,
                at,
                item
            }),
            (0usize..4, 0usize..8).prop_map(|(program, at)| Change::Remove { program, at }),
            (0usize..4, 0usize..8, 0usize..8).prop_map(|(program, from, to)| Change::Move {
                program,
                from,
                to
            }),
            (0usize..4, 0usize..8, "[a-f]{1,2}").prop_map(|(program, at, id)| Change::Rename {
                program,
                at,
                id
            }),
            (0usize..4, 0usize..8, any::<bool>(), 0u8..60).prop_map(|(program, at, done, due)| {
                Change::Retitle {
                    program,
                    at,
                    done,
                    due,
                }
            }),
            (0usize..4).prop_map(|program| Change::RemoveProgram { program }),
            "[p-s]{1,2}".prop_map(|id| Change::AddProgram { id }),
            (0usize..4, 0u8..2).prop_map(|(program, how)| Change::Break { program, how }),
            (0usize..4).prop_map(|program| Change::Mend { program }),
            Just(Change::RemovePerson),
        ]
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            6 => (0..actions().len()).prop_map(Step::Act),
            1 => prop::sample::select(vec!['a', 'b', 'n', 'z', '/']).prop_map(Step::Type),
            3 => change().prop_map(Step::Reload),
        ]
    }

    fn apply(programs: &mut Vec<Program>, people: &mut bool, c: &Change) {
        let n = programs.len();
        let pick = |i: usize| (n > 0).then(|| i % n);
        match c {
            Change::Add { program, at, item } => {
                if let Some(p) = pick(*program) {
                    let items = &mut programs[p].items;
                    items.insert((*at).min(items.len()), item.clone());
                }
            }
            Change::Remove { program, at } => {
                if let Some(p) = pick(*program) {
                    let items = &mut programs[p].items;
                    if !items.is_empty() {
                        items.remove(at % items.len());
                    }
                }
            }
            Change::Move { program, from, to } => {
                if let Some(p) = pick(*program) {
                    let items = &mut programs[p].items;
                    if !items.is_empty() {
                        let it = items.remove(from % items.len());
                        items.insert((*to).min(items.len()), it);
                    }
                }
            }
            Change::Rename { program, at, id } => {
                if let Some(p) = pick(*program) {
                    let items = &mut programs[p].items;
                    let len = items.len();
                    if let Some(it) = items.get_mut(at % len.max(1)) {
                        it.id = id.clone();
                    }
                }
            }
            Change::Retitle {
                program,
                at,
                done,
                due,
            } => {
                if let Some(p) = pick(*program) {
                    let items = &mut programs[p].items;
                    let len = items.len();
                    if let Some(it) = items.get_mut(at % len.max(1)) {
                        it.done = *done;
                        it.due = *due;
                    }
                }
            }
            Change::RemoveProgram { program } => {
                if let Some(p) = pick(*program) {
                    programs.remove(p);
                }
            }
            Change::AddProgram { id } => {
                if !programs.iter().any(|p| p.id == *id) {
                    programs.push(Program {
                        id: id.clone(),
                        items: Vec::new(),
                        broken: Broken::No,
                    });
                }
            }
            Change::Break { program, how } => {
                if let Some(p) = pick(*program) {
                    programs[p].broken = if *how == 0 {
                        Broken::Empty
                    } else {
                        Broken::Invalid
                    };
                }
            }
            Change::Mend { program } => {
                if let Some(p) = pick(*program) {
                    programs[p].broken = Broken::No;
                }
            }
            Change::RemovePerson => *people = !*people,
        }
    }

    fn toml(p: &Program) -> String {
        match p.broken {
            Broken::Empty => return String::new(),
            Broken::Invalid => return "[program\nname = \"broken".to_string(),
            Broken::No => {}
        }
        let mut out = format!(
            "[program]\nname = \"Program {}\"\npriority = {}\n\n[team]\ncore = [\"ana\", \"mei\"]\nextended = [\"wei\"]\n\n[[milestone]]\nname = \"M\"\ndate = 2027-02-20\n\n[[metric]]\nid = \"m-{}\"\nname = \"Metric\"\ntarget = 10\nactual = 3\n",
            p.id,
            p.id.len(),
            p.items.len()
        );
        for it in &p.items {
            let needs: Vec<String> = it
                .needs
                .iter()
                .filter_map(|&j| p.items.get(j))
                .map(|n| format!("\"{}\"", n.id))
                .collect();
            let due = jiff::civil::date(2027, 1, 15)
                .checked_add(jiff::Span::new().days(i64::from(it.due)))
                .expect("date");
            out.push_str(&format!(
                "\n[[deliverable]]\nid = \"{}\"\ntitle = \"Item {}\"\nowner = \"{}\"\ndue = {due}\nstatus = \"{}\"\nneeds = [{}]\n",
                it.id,
                it.id,
                OWNERS[it.owner],
                if it.done { "done" } else { "todo" },
                needs.join(", ")
            ));
        }
        out
    }

    const PEOPLE: &str = "[[person]]\nid = \"ana\"\nname = \"Ana\"\nring = \"core\"\n\n[[person]]\nid = \"wei\"\nname = \"王伟\"\nring = \"extended\"\n";
    const MEI: &str = "\n[[person]]\nid = \"mei\"\nname = \"Mei\"\nring = \"core\"\ncontact = \"mei@example.com\"\n";

    fn write(dir: &Path, programs: &[Program], people: bool) {
        let boards = dir.join("boards");
        let _ = std::fs::remove_dir_all(&boards);
        std::fs::create_dir_all(&boards).expect("mkdir");
        let roster = if people {
            format!("{PEOPLE}{MEI}")
        } else {
            PEOPLE.to_string()
        };
        std::fs::write(boards.join("people.toml"), roster).expect("people");
        for p in programs {
            std::fs::write(boards.join(format!("{}.toml", p.id)), toml(p)).expect("plan");
        }
    }

    fn snapshot(
        dir: &Path,
        base: Option<&ringboard::load::Plans>,
    ) -> ringboard::ui::testing::Snapshot {
        let plans = ringboard::load::load(&ringboard::load::LoadOptions {
            repo: Some(dir.into()),
            ..Default::default()
        })
        .expect("a folder of plans always loads");
        let changes = base.map(|b| compare(&b.portfolio, &plans.portfolio));
        let review = base
            .zip(changes)
            .map(|(b, c)| Review::new("base".into(), c, &b.portfolio));
        let mut s = ringboard::ui::testing::Snapshot::new(plans, today());
        s.set_review(review);
        s
    }

    /// Whether the status line says `label`'s item is gone (or no longer
    /// listed where it was selected).
    fn said(app: &App, label: &str) -> bool {
        let msg = app.message.as_deref().unwrap_or("");
        msg.contains(&format!("{label} is gone")) || msg.contains(&format!("{label} is no longer"))
    }

    fn program_gone(app: &App, program: &str) -> bool {
        let msg = app.message.as_deref().unwrap_or("");
        msg.contains(&format!("program {program} is gone"))
    }

    fn check_reload(app: &mut App, next: ringboard::ui::testing::Snapshot) {
        let p = &app.data.plans.portfolio;
        let program = app
            .program_index()
            .map(|i| p.programs[i].id.clone())
            .or_else(|| table(app).program.clone());
        let filter = table(app).program.clone();
        let selection = app.selection();
        let sel_label = selection.as_ref().map(|s| s.label(p));
        let focus = app.focus.clone();
        let view = app.view();
        app.reloaded(next);
        assert_eq!(app.view(), view, "a reload keeps the view");
        let programs = [program.as_deref(), filter.as_deref()];
        let program_said = |app: &App| programs.iter().flatten().any(|p| program_gone(app, p));
        if let (Some(before), Some(label)) = (&selection, &sel_label)
            && app.selection().as_ref() != Some(before)
        {
            // In Hand-offs the lines follow the focus.
            let focus_said = focus.as_ref().is_some_and(|f| said(app, &f.to_string()));
            assert!(
                said(app, label) || program_said(app) || focus_said,
                "selection {before:?} became {:?} and the status line says {:?}",
                app.selection(),
                app.message
            );
        }
        // A list that had nothing to select (Changes before any change)
        // and now has: its first item is selected and the focus follows it.
        let first_selection = selection.is_none() && app.selection().is_some();
        if let Some(before) = &focus
            && app.focus.as_ref() != Some(before)
            && !first_selection
        {
            // In Rings, Deliverables and Changes the focus follows the
            // selection.
            let selection_said = sel_label.as_ref().is_some_and(|l| said(app, l));
            assert!(
                said(app, &before.to_string()) || selection_said || program_said(app),
                "focus {before} became {:?} and the status line says {:?}",
                app.focus,
                app.message
            );
        }
        for (w, h) in [(80, 24), (60, 15), (161, 47)] {
            screen(app, w, h);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

        #[test]
        fn reloads_never_panic_and_keep_or_explain_the_selection(
            start in (program("alpha"), program("beta"), program("gamma")),
            steps in prop::collection::vec(step(), 1..30),
            review in any::<bool>(),
        ) {
            let dir = tempfile::TempDir::new().expect("tempdir");
            let mut programs = vec![start.0, start.1, start.2];
            let mut people = true;
            write(dir.path(), &programs, people);
            let base = ringboard::load::load(&ringboard::load::LoadOptions {
                repo: Some(dir.path().into()),
                ..Default::default()
            }).expect("load");
            let base = review.then_some(base);
            let mut app = app_on(snapshot(dir.path(), base.as_ref()));
            for s in &steps {
                match s {
                    Step::Act(i) => {
                        let action: Action = actions()[*i].1;
                        if action == Action::Quit || action == Action::Reload {
                            continue;
                        }
                        app.apply(action);
                    }
                    Step::Type(c) if app.search.editing => app.type_char(Some(*c)),
                    Step::Type(_) => {}
                    Step::Reload(c) => {
                        apply(&mut programs, &mut people, c);
                        write(dir.path(), &programs, people);
                        check_reload(&mut app, snapshot(dir.path(), base.as_ref()));
                    }
                }
                screen(&app, 80, 24);
            }
        }
    }
}
