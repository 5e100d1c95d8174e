//! What the board asks of the world. [`App::apply`] changes state and
//! returns effects instead of doing I/O; the event loop runs each with
//! [`perform`] and hands the [`Outcome`] back to [`App::receive`]. Tests
//! do the same without a terminal.
//!
//! A new kind of work (write a plan value, commit, undo) is a new
//! [`Effect`] variant with its [`Outcome`]: the App decides, `perform`
//! does. Work that needs the terminal itself (opening `$EDITOR`) is run by
//! the event loop, which owns the terminal, and answers the same way.
//!
//! [`App::apply`]: super::app::App::apply
//! [`App::receive`]: super::app::App::receive

use jiff::civil::Date;

use super::BoardOptions;
use super::snapshot::Snapshot;
use super::views::changes::Review;
use crate::load::{LoadOptions, Plans, load};
use crate::repo::LoadError;

pub use super::selection::ItemKey;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Read a deliverable's history from git ([`Outcome::History`]).
    LoadHistory(ItemKey),
    /// Load the plans again now, and the review's base in review mode
    /// ([`Outcome::Reloaded`] or [`Outcome::ReloadFailed`]).
    Reload,
}

/// What an effect gave back.
pub enum Outcome {
    /// The history of a deliverable as lines of text (or why there is none).
    History {
        item: ItemKey,
        lines: Vec<String>,
    },
    Reloaded(Box<Snapshot>),
    /// The plans did not load; the board keeps what it shows.
    ReloadFailed(String),
}

/// What effects run with: the board's options and the day it shows.
pub struct Context<'a> {
    pub opts: &'a BoardOptions,
    pub today: Date,
}

/// Runs one effect against the data the board shows.
pub fn perform(effect: &Effect, data: &Snapshot, cx: &Context) -> Outcome {
    match effect {
        Effect::LoadHistory(item) => Outcome::History {
            item: item.clone(),
            lines: history(data, item, cx.opts),
        },
        Effect::Reload => match reload(data, cx) {
            Ok(snapshot) => Outcome::Reloaded(Box::new(snapshot)),
            Err(e) => Outcome::ReloadFailed(e.to_string()),
        },
    }
}

/// The plans loaded again; in review mode, compared with the same base.
fn reload(data: &Snapshot, cx: &Context) -> Result<Snapshot, LoadError> {
    let plans = load(&cx.opts.load)?;
    let review = match &data.review {
        Some(r) => Some(review_against(&cx.opts.load, &plans, &r.base)?),
        None => None,
    };
    let mut snapshot = Snapshot::new(plans, cx.today);
    snapshot.set_review(review);
    Ok(snapshot)
}

/// The changes from `base` to the loaded plans.
pub fn review_against(
    load_opts: &LoadOptions,
    plans: &Plans,
    base: &str,
) -> Result<Review, LoadError> {
    let mut opts = load_opts.clone();
    opts.rev = Some(base.to_string());
    let old = load(&opts)?;
    let changes = crate::review::compare(&old.portfolio, &plans.portfolio);
    Ok(Review::new(base.to_string(), changes, &old.portfolio))
}

/// A deliverable's history from git, as `log` prints it, from the revision
/// the board shows.
fn history(data: &Snapshot, item: &ItemKey, opts: &BoardOptions) -> Vec<String> {
    let target = crate::review::history::Target::Deliverable {
        program: item.program.clone(),
        id: item.id.clone(),
    };
    let plans = &data.plans;
    let found = plans
        .workspace
        .git("history")
        .map_err(|e| e.to_string())
        .and_then(|repo| {
            let start =
                crate::repo::resolve_commit(&repo, opts.load.rev.as_deref().unwrap_or("HEAD"))
                    .map_err(|e| e.to_string())?;
            let mut cache = crate::cache::BlobCache::default();
            crate::review::history::history(
                &repo,
                start,
                &plans.boards,
                &target,
                opts.load.max_file_size,
                &mut cache,
            )
            .map_err(|e| e.to_string())
        });
    match found {
        Ok(h) => crate::review::log::render_text(&h, &target)
            .lines()
            .map(str::to_string)
            .collect(),
        Err(e) => vec![format!("no history: {e}")],
    }
}
