//! Times a board write on a portfolio: the status of one deliverable set
//! through the same effect the status key makes (the write path, then the
//! reload), the outcome taken by the App and a frame drawn: from the key's
//! effect to the new state on screen. Also times a reload (`r`) for
//! comparison, and the same write the way `set` makes it followed by a full
//! load (what the board would do without keeping what it read). The
//! deliverable's status is put back at the end. It
//! allocates as the `ringboard` binary does (mimalloc).
//!   cargo run --release -p ringboard-synth -- --out /tmp/gen --commits 2
//!   cargo run --release --example board_write -- /tmp/gen [ROUNDS] [PROGRAM/ID]
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ringboard::load::LoadOptions;
use ringboard::model::Status;
use ringboard::ui::testing::Action;
use ringboard::ui::testing::ViewId;
use ringboard::ui::testing::{Context, Effect, ItemKey, perform};
use ringboard::ui::{BoardOptions, open};
use ringboard::write::Edit;

// As the `ringboard` binary allocates (src/main.rs): the board's reload
// makes and frees many small strings.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // As the binary runs the board: no transparent huge pages.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: board_write PLANS_DIR [ROUNDS] [PROGRAM/ID]")?;
    let rounds: usize = args.next().map_or(Ok(21), |r| r.parse())?;
    let target = args.next().unwrap_or_else(|| "prog-001/d-0001".to_string());
    let (program, id) = target.split_once('/').ok_or("PROGRAM/ID")?;
    let opts = BoardOptions {
        load: LoadOptions {
            repo: Some(dir.into()),
            ..LoadOptions::default()
        },
        today: jiff::civil::date(2027, 2, 1),
        color: true,
        base: None,
        me: Default::default(),
        editor: None,
    };
    let start = Instant::now();
    let mut app = open(&opts, None)?;
    let n = app.data.plans.portfolio.deliverable_count();
    println!(
        "{n} deliverables: board open in {:.1} ms",
        ms(start.elapsed())
    );
    app.apply(Action::View(ViewId::DELIVERABLES));
    let key = ItemKey {
        program: program.into(),
        id: id.into(),
    };
    let p = &app.data.plans.portfolio;
    let first = p
        .find_deliverable(program, id)
        .map(|r| p.deliverable(r).status)
        .ok_or("no such deliverable")?;
    let mut terminal = Terminal::new(TestBackend::new(160, 48))?;
    terminal.draw(|f| f.render_widget(&app, f.area()))?;
    let cx = Context {
        opts: &opts,
        today: opts.today,
    };
    let statuses = [Status::Review, Status::Doing];
    let mut writes = Vec::new();
    for round in 0..rounds {
        let status = statuses[round % 2];
        let status = if status == first && round == 0 {
            Status::Blocked
        } else {
            status
        };
        let t = Instant::now();
        let effect = Effect::Write {
            target: key.clone(),
            edits: vec![Edit::Status(status)],
        };
        let outcome = perform(&effect, &app.data, &cx);
        app.receive(outcome);
        terminal.draw(|f| f.render_widget(&app, f.area()))?;
        writes.push(t.elapsed());
        // As the event loop does: the replaced data is freed after the frame.
        drop(app.retired.take());
        let said = app.message.clone().unwrap_or_default();
        if !said.contains("not committed") {
            return Err(format!("the write did not go through: {said}").into());
        }
    }
    let mut reloads = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        let outcome = perform(&Effect::Reload, &app.data, &cx);
        app.receive(outcome);
        terminal.draw(|f| f.render_widget(&app, f.area()))?;
        reloads.push(t.elapsed());
        drop(app.retired.take());
    }
    // For comparison, what the board would do without keeping what it
    // read: the write path as `set` runs it (read every file, parse and
    // check all of them, write), then a full load.
    let mut naive = Vec::new();
    for round in 0..rounds {
        let status = statuses[round % 2];
        let t = Instant::now();
        let (files, lock) =
            ringboard::write::PlanFiles::read_locked(&opts.load, ringboard::write::WAIT)?;
        let draft = ringboard::write::plan_set(&files, &target, &[Edit::Status(status)])?;
        ringboard::write::apply(&files, &draft, &lock, &Default::default())?;
        let plans = ringboard::load::load(&opts.load)?;
        let mut data = ringboard::ui::testing::Snapshot::new(plans, opts.today);
        data.uncommitted = ringboard::ui::testing::uncommitted(&data.plans);
        app.reload(data);
        terminal.draw(|f| f.render_widget(&app, f.area()))?;
        naive.push(t.elapsed());
        drop(app.retired.take());
    }
    // Put the status back as it was.
    let back = Effect::Write {
        target: key.clone(),
        edits: vec![Edit::Status(first)],
    };
    let outcome = perform(&Effect::Reload, &app.data, &cx);
    app.receive(outcome);
    let outcome = perform(&back, &app.data, &cx);
    app.receive(outcome);
    report("write + reload + frame", &mut writes);
    report("reload (r) + frame", &mut reloads);
    report("naive write + full load", &mut naive);
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{what:<24} median {:.1} ms, min {:.1} ms, max {:.1} ms ({} runs)",
        ms(median),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}
