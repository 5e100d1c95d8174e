//! `ringboard log PROGRAM/DELIVERABLE`, `log PROGRAM`, `log --person ID`.

use std::fmt::Write;

use serde::Serialize;

use super::compare::Change;
use super::history::{History, Target, history};
use super::sides::BlobCache;
use crate::cli::{Context, Failure, Format, LogArgs, Outcome, print};
use crate::repo::{Workspace, normalize_boards, resolve_commit};

pub fn run(ctx: &Context, args: &LogArgs) -> Outcome {
    let target = match (&args.target, &args.person) {
        (_, Some(person)) => Target::Person(person.clone()),
        (Some(t), None) => Target::parse(t),
        (None, None) => {
            return Err(Failure(
                "log needs PROGRAM/DELIVERABLE, PROGRAM or --person ID".to_string(),
            ));
        }
    };
    let workspace = Workspace::discover(ctx.load.repo.as_deref())?;
    let repo = workspace.git("log")?;
    let boards = normalize_boards(&ctx.load.boards)?;
    let rev = ctx.load.rev.as_deref().unwrap_or("HEAD");
    let start = resolve_commit(&repo, rev)?;
    let mut cache = BlobCache::default();
    let found = history(
        &repo,
        start,
        &boards,
        &target,
        ctx.load.max_file_size,
        &mut cache,
    )?;
    for w in &found.warnings {
        eprintln!("ringboard: warning: {w}");
    }
    if found.entries.is_empty() {
        eprintln!("ringboard: no commit changed {}", describe(&target));
    }
    print(&match args.format {
        Format::Json => render_json(&found),
        Format::Text | Format::Markdown => render_text(&found, &target),
    })
}

fn describe(t: &Target) -> String {
    match t {
        Target::Deliverable { program, id } => format!("{program}/{id}"),
        Target::Program(p) => p.clone(),
        Target::Person(p) => format!("the deliverables of {p}"),
    }
}

/// `DATE  SHORT_SHA  AUTHOR  CHANGE`, one line per change, newest first.
pub fn render_text(h: &History, target: &Target) -> String {
    let mut out = String::new();
    for e in &h.entries {
        for c in &e.changes {
            let change = match target {
                Target::Deliverable { .. } => c.short(),
                _ => c.sentence(),
            };
            let _ = writeln!(
                out,
                "{}  {}  {}  {}",
                e.date,
                &e.commit.to_string()[..7],
                crate::text::escape_control(&e.author),
                change
            );
        }
    }
    out
}

#[derive(Serialize)]
struct EntryJson<'a> {
    commit: String,
    date: &'a str,
    author: &'a str,
    changes: &'a [Change],
}

pub fn render_json(h: &History) -> String {
    let list: Vec<EntryJson<'_>> = h
        .entries
        .iter()
        .map(|e| EntryJson {
            commit: e.commit.to_string(),
            date: &e.date,
            author: &e.author,
            changes: &e.changes,
        })
        .collect();
    let mut s =
        serde_json::to_string_pretty(&list).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
