//! Times the board on a portfolio: start to first frame, and building and
//! drawing one frame of each view at 160x48 (into a test backend).
//!   cargo run --release -p ringboard-synth -- --out /tmp/gen
//!   cargo run --release --example board_frame -- /tmp/gen
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ringboard::load::{LoadOptions, load};
use ringboard::ui::Keymap;
use ringboard::ui::testing::Action;
use ringboard::ui::testing::Theme;
use ringboard::ui::testing::{App, Snapshot};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: board_frame PLANS_DIR")?;
    let start = Instant::now();
    let plans = load(&LoadOptions {
        repo: Some(dir.into()),
        ..LoadOptions::default()
    })?;
    let n = plans.portfolio.deliverable_count();
    let (keymap, _) = Keymap::load(None);
    let mut app = App::new(
        Snapshot::new(plans, jiff::civil::date(2027, 2, 1)),
        keymap,
        Theme::new(true),
    );
    let mut terminal = Terminal::new(TestBackend::new(160, 48))?;
    terminal.draw(|f| f.render_widget(&app, f.area()))?;
    println!(
        "{n} deliverables: first frame {:.1} ms after start (load + derive + draw)",
        start.elapsed().as_secs_f64() * 1000.0
    );
    for view in app.tabs() {
        app.apply(Action::View(view));
        let name = app.views().shown().kind().name;
        let frames = 1000;
        let t = Instant::now();
        for i in 0..frames {
            // A keypress per frame, like a user scrolling.
            app.apply(if i % 2 == 0 { Action::Down } else { Action::Up });
            terminal.draw(|f| f.render_widget(&app, f.area()))?;
        }
        println!(
            "{name:<13} {:.3} ms per frame (key + build + draw, 160x48)",
            t.elapsed().as_secs_f64() * 1000.0 / frames as f64
        );
    }
    Ok(())
}
