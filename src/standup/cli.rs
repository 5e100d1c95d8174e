//! `ringboard standup`: `--once` prints the page; otherwise the full-screen
//! display runs until `q`.

use std::io::IsTerminal;

use crate::cli::{ColorChoice, Context, Format, Outcome, StandupArgs, print};
use crate::repo::{Workspace, normalize_boards};

use super::changes::compare_deliverables;
use super::render::{to_markdown, to_text};
use super::screen::ScreenOptions;
use super::since::{When, parse_when};
use super::source::Loader;
use super::state::Standup;

pub fn run(ctx: &Context, args: &StandupArgs) -> Outcome {
    let workspace = Workspace::discover(ctx.load.repo.as_deref())?;
    let boards = normalize_boards(&ctx.load.boards)?;
    let mut loader = Loader::new(
        workspace,
        boards,
        ctx.load.max_file_size,
        compare_deliverables,
    );
    loader.rev = ctx.load.rev.clone();
    check_since(&loader, &args.since, ctx.today)?;
    let mut standup = Standup::new(loader, args.since.clone());
    if args.once {
        // No clock time in --once: the output depends only on the plans,
        // their history and --today (cron mails and tests stay stable).
        standup.refresh(ctx.today, None)?;
        let Some(page) = standup.page() else {
            return Err("no page to show".into());
        };
        let out = match args.format {
            Format::Markdown => to_markdown(page),
            Format::Text => to_text(page),
            Format::Json => return Err("--format json: standup prints text or markdown".into()),
        };
        return print(&out);
    }
    if args.format != Format::Text {
        return Err("--format is for --once; the display is full screen".into());
    }
    // A --today other than the real date pins the display to that day.
    let fixed_today = (ctx.today != jiff::Zoned::now().date()).then_some(ctx.today);
    let color = match ctx.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !crate::cli::no_color(),
    };
    if !std::io::stdout().is_terminal() {
        return Err("the stand-up display needs a terminal; use --once to print the page".into());
    }
    let opts = ScreenOptions {
        rotate: args.rotate,
        color,
        fixed_today,
    };
    super::screen::run(standup, opts)?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// A WHEN that is not a date or a word must name a commit: say so up front.
fn check_since(loader: &Loader, since: &str, today: jiff::civil::Date) -> Result<(), String> {
    let When::Rev(rev) = parse_when(since, today) else {
        return Ok(());
    };
    let bad = || {
        format!(
            "--since {rev}: not a date (YYYY-MM-DD), a revision, `yesterday` or `last-working-day`"
        )
    };
    let git = loader.workspace.git("--since REV").map_err(|_| bad())?;
    crate::repo::resolve_commit(&git, &rev).map_err(|_| bad())?;
    Ok(())
}
