//! The board's writes, run as effects ([`super::perform`]): each
//! goes through the write path ([`crate::write`]) exactly as `set`, `add`
//! and `--commit` do (format-preserving, checked, atomic, never at a
//! revision), planned against the bytes the board read, so a file changed
//! on disk since is refused. After a write the plans load again, parsing
//! only the file written.

use std::borrow::Cow;
use std::sync::Arc;

use super::types::{Context, Fresh, Outcome, WriteKind, Written};
use crate::model::Portfolio;
use crate::parse::parse_file;
use crate::refresh::fingerprint;
use crate::review::words::sentence;
use crate::review::{Change, Consequences, Version, consequences, consequences_of};
use crate::ui::loader::{Files, after_write, load_plans};
use crate::ui::selection::{ItemKey, MetricKey};
use crate::ui::snapshot::Snapshot;
use crate::write::{
    self, Draft, Edit, Hooks, MetricEdit, NewDeliverable, PlanFiles, Undo, WriteError, WriteLock,
    WrittenFile, check_parsed,
};

/// `set`: new values for a deliverable.
pub(crate) fn set(target: &ItemKey, edits: &[Edit], data: &Snapshot, cx: &Context) -> Outcome {
    let plan = |files: &PlanFiles| write::plan_set(files, &target.to_string(), edits);
    planned(plan, WriteKind::Set, data, cx)
}

/// `set PROGRAM/METRIC`: new values for a metric.
pub(crate) fn set_metric(
    target: &MetricKey,
    edits: &[MetricEdit],
    data: &Snapshot,
    cx: &Context,
) -> Outcome {
    let plan =
        |files: &PlanFiles| write::plan_set_metric(files, &target.program, &target.id, edits);
    planned(plan, WriteKind::Set, data, cx)
}

/// `add`: a new deliverable after the program's last one.
pub(crate) fn add(program: &str, new: &NewDeliverable, data: &Snapshot, cx: &Context) -> Outcome {
    let plan = |files: &PlanFiles| write::plan_add(files, program, new);
    planned(plan, WriteKind::Add, data, cx)
}

/// Plans a write against the bytes the board read, with the writers'
/// lock held, and runs it. When the file changed on disk since the board
/// read it (another writer, an editor), the edit is planned again on the
/// file as it is now, and goes through if it means exactly what it meant
/// on the board's bytes (the same values from and to); otherwise it is
/// refused and the board loads the file again (a value that changed since
/// the dialog showed it is not overwritten).
fn planned(
    plan: impl Fn(&PlanFiles) -> Result<Draft, WriteError>,
    kind: WriteKind,
    data: &Snapshot,
    cx: &Context,
) -> Outcome {
    let files = match files(data, cx) {
        Ok(f) => f,
        Err(why) => return refused(why),
    };
    let lock = match WriteLock::acquire(&data.plans.workspace, write::WAIT) {
        Ok(l) => l,
        Err(e) => return refused(board_words(&e)),
    };
    let draft = match plan(&files.plan_files) {
        Ok(d) => d,
        Err(e) => return refused_write(&e, data, cx),
    };
    if draft.is_unchanged() {
        return match write::check_unchanged(&files.plan_files, &draft) {
            Ok(()) => refused(format!(
                "nothing to change: {}/{} already has this value (nothing written)",
                draft.program, draft.id
            )),
            Err(e) => refused(board_words(&e)),
        };
    }
    let on_disk = std::fs::read(&draft.file).ok();
    if on_disk.as_deref() == Some(&draft.before[..]) {
        return run(&files, &draft, kind, data, cx, &lock);
    }
    // Changed since the board read it: plan again on what is there now.
    let again = PlanFiles::read(&cx.opts.load).and_then(|fresh| {
        let redone = plan(&fresh)?;
        Ok((fresh, redone))
    });
    match again {
        Ok((fresh, redone)) if redone.changes == draft.changes => {
            rebased(&fresh, &redone, kind, data, cx, &lock)
        }
        _ => refused_write(&WriteError::Changed(draft.path.to_string()), data, cx),
    }
}

/// The files a write is planned against: those the board read; for data
/// loaded without them (tests), read now.
fn files<'d>(data: &'d Snapshot, cx: &Context) -> Result<Cow<'d, Files>, String> {
    if let Some(why) = read_only(data) {
        return Err(why);
    }
    match &data.files {
        Some(f) => Ok(Cow::Borrowed(f)),
        None => match load_plans(&cx.opts.load, None) {
            Ok((_, Some(f))) => Ok(Cow::Owned(f)),
            Ok((_, None)) => Err(read_only_words(&cx.opts.load.rev, data)),
            Err(e) => Err(e.to_string()),
        },
    }
}

/// Why the plans the board shows cannot be written: a revision, or a bare
/// repository. `None` for the working tree.
pub(crate) fn read_only(data: &Snapshot) -> Option<String> {
    let plans = &data.plans;
    if plans.workspace.bare {
        return Some(WriteError::Bare(plans.workspace.root.display().to_string()).to_string());
    }
    match plans.source {
        crate::load::Source::WorkTree => None,
        crate::load::Source::Commit(c) => Some(format!(
            "not written: the board shows revision {}; plans are written only in the working tree",
            crate::repo::short_id(c)
        )),
    }
}

fn read_only_words(rev: &Option<String>, data: &Snapshot) -> String {
    read_only(data).unwrap_or_else(|| match rev {
        Some(rev) => WriteError::OnRevision(rev.clone()).to_string(),
        None => "the plans cannot be written here".to_string(),
    })
}

/// Checks the draft against the board's parsed files, writes it, and
/// loads the plans as they are now.
fn run(
    files: &Files,
    draft: &Draft,
    kind: WriteKind,
    data: &Snapshot,
    cx: &Context,
    lock: &WriteLock,
) -> Outcome {
    let edited = parse_file(draft.path.clone(), &draft.after);
    let after = files.parsed_with(draft, &edited);
    let checked = match check_parsed(draft, after, || files.parsed()) {
        Ok(c) => c,
        Err(e) => return refused_write(&e, data, cx),
    };
    let base = write::clean_head_blob(&data.plans.workspace, &draft.path);
    let undo = match write::write(
        draft,
        files.plan_files.max_file_size,
        lock,
        &Hooks::default(),
    ) {
        Ok(u) => u,
        Err(e) => return refused_write(&e, data, cx),
    };
    // Taken before the reload reads the files: a save in between is seen
    // by the next look.
    let seen = fingerprint(&data.plans);
    let next = files.written(draft, edited);
    let built = (checked.portfolio, checked.diagnostics, checked.graph);
    let reload = Fresh {
        data: after_write(&cx.opts.load, next, built)
            .and_then(|(plans, files)| {
                Snapshot::of(plans, files, data.review_base(), &cx.opts.load, cx.today)
            })
            .map(Box::new)
            .map_err(|e| e.to_string()),
        fingerprint: seen,
    };
    let warnings = checked.warnings.iter().map(|w| w.message.clone()).collect();
    let beyond = beyond(draft, data, &reload, cx);
    written(kind, draft, undo, (warnings, beyond), base, reload)
}

/// What a write did beyond itself (its impact downstream, the problems it
/// added), from the plans the board showed to the plans loaded after it
/// (each with its derived state already worked out).
fn beyond(draft: &Draft, before: &Snapshot, reload: &Fresh, cx: &Context) -> Consequences {
    let Ok(after) = &reload.data else {
        return Consequences::default();
    };
    let changes = draft.changes.clone();
    consequences_of(&before.version(), &after.version(), changes, cx.today)
}

/// A draft planned again on files read afresh: checked against them,
/// written, and the plans loaded again in full.
fn rebased(
    files: &PlanFiles,
    draft: &Draft,
    kind: WriteKind,
    data: &Snapshot,
    cx: &Context,
    lock: &WriteLock,
) -> Outcome {
    let warnings = match write::check(files, draft) {
        Ok(w) => w.iter().map(|w| w.message.clone()).collect(),
        Err(e) => return refused_write(&e, data, cx),
    };
    let base = write::clean_head_blob(&data.plans.workspace, &draft.path);
    match write::write(draft, files.max_file_size, lock, &Hooks::default()) {
        Ok(undo) => {
            let reload = reload(data, cx);
            let beyond = beyond(draft, data, &reload, cx);
            written(kind, draft, undo, (warnings, beyond), base, reload)
        }
        Err(e) => refused_write(&e, data, cx),
    }
}

fn written(
    kind: WriteKind,
    draft: &Draft,
    undo: Undo,
    (warnings, beyond): (Vec<String>, Consequences),
    base: Option<crate::git::ObjectId>,
    reload: Fresh,
) -> Outcome {
    let (words, terse) = match kind {
        WriteKind::Add => {
            let words = format!("added {}/{}", draft.program, draft.id);
            (words.clone(), words)
        }
        _ => {
            let words: Vec<String> = draft.changes.iter().map(sentence).collect();
            // The same without the titles, for a status line too narrow.
            let terse: Vec<String> = draft
                .changes
                .iter()
                .map(|c| {
                    let untitled = Change {
                        title: None,
                        ..c.clone()
                    };
                    sentence(&untitled)
                })
                .collect();
            (words.join("; "), terse.join("; "))
        }
    };
    // check's warnings about the deliverable, then those the write adds
    // elsewhere (a need now due after what needs it).
    let mut warnings: Vec<String> = warnings;
    for p in &beyond.problems {
        if !warnings.contains(&p.message) {
            warnings.push(p.message.clone());
        }
    }
    Outcome::Written(Box::new(Written {
        kind,
        words,
        terse,
        impact: beyond
            .sections()
            .into_iter()
            .flat_map(|(heading, lines)| {
                let label = heading.to_lowercase();
                lines.into_iter().map(move |l| (label.clone(), l))
            })
            .collect(),
        undo,
        warnings,
        item: Some(ItemKey {
            program: draft.program.clone(),
            id: draft.id.clone(),
        }),
        base,
        reload,
    }))
}

/// Undo: the bytes a write replaced put back, unless the file changed
/// since it was written.
pub(crate) fn undo(record: &Undo, data: &Snapshot, cx: &Context) -> Outcome {
    if let Some(why) = read_only(data) {
        return refused(why);
    }
    let lock = match WriteLock::acquire(&data.plans.workspace, write::WAIT) {
        Ok(l) => l,
        Err(e) => return refused(format!("undo refused: {}", board_words(&e))),
    };
    // After a commit the file is as HEAD has it: the undo starts from there.
    let base = write::clean_head_blob(&data.plans.workspace, &record.path);
    match write::undo(record, &lock, &Hooks::default()) {
        Ok(redo) => Outcome::Written(Box::new(Written {
            kind: WriteKind::Undo,
            words: String::new(),
            terse: String::new(),
            impact: Vec::new(),
            undo: redo,
            warnings: Vec::new(),
            item: None,
            base,
            reload: reload(data, cx),
        })),
        Err(WriteError::Changed(path)) => Outcome::Refused {
            why: format!(
                "undo refused: {path} changed on disk since the board wrote it: nothing written"
            ),
            reload: Some(reload(data, cx)),
        },
        Err(e) => refused(format!("undo refused: {}", board_words(&e))),
    }
}

/// The plans loaded again, reusing the board's parsed files, with the
/// fingerprint taken just before.
fn reload(data: &Snapshot, cx: &Context) -> Fresh {
    let fingerprint = fingerprint(&data.plans);
    let data = load_plans(&cx.opts.load, data.files.as_ref())
        .and_then(|(plans, files)| {
            Snapshot::of(plans, files, data.review_base(), &cx.opts.load, cx.today)
        })
        .map(Box::new)
        .map_err(|e| e.to_string());
    Fresh { data, fingerprint }
}

/// What a commit of `files` would take: every refusal first (git's state,
/// identity, a file with changes that are not the board's), then the
/// changes against HEAD in `diff`'s words.
pub(crate) fn prepare_commit(files: &[WrittenFile], data: &Snapshot) -> Outcome {
    if let Some(why) = read_only(data) {
        return refused(why);
    }
    let plan = match write::prepare_written(&data.plans.workspace, files) {
        Ok(p) => p,
        Err(e) => return refused(commit_words(&e)),
    };
    let paths: Vec<Arc<str>> = plan.paths().cloned().collect();
    drop(plan);
    if paths.is_empty() {
        return refused(
            "commit: nothing to commit: the files this session wrote are as HEAD has them"
                .to_string(),
        );
    }
    match changes_against_head(data, &paths) {
        Ok((changes, heads)) => Outcome::CommitPreview {
            files: files
                .iter()
                .filter(|f| paths.contains(&f.path))
                .cloned()
                .collect(),
            changes,
            beyond: beyond_head(data, &heads),
        },
        Err(e) => refused(format!("commit: {e}")),
    }
}

/// What the session's changes do beyond themselves: the plans as the
/// board shows them against the same plans with these files as HEAD has
/// them (`heads`: path and HEAD's bytes).
fn beyond_head(data: &Snapshot, heads: &[(Arc<str>, Vec<u8>)]) -> Consequences {
    let Some(files) = &data.files else {
        return Consequences::default();
    };
    let mut parsed = files.parsed();
    for (at, f) in files.plan_files.files().iter().enumerate() {
        if let Some((path, bytes)) = heads.iter().find(|(p, _)| *p == f.path)
            && let Some(slot) = parsed.get_mut(at)
        {
            *slot = parse_file(path.clone(), bytes);
        }
    }
    let (old, problems) = crate::load::build(parsed);
    let before = Version::new(&old, &problems);
    consequences(&before, &data.version(), data.today())
}

/// Commits the files (checked again: the state may have changed while the
/// dialog was open), then loads the plans again.
pub(crate) fn commit(
    files: &[WrittenFile],
    message: &str,
    data: &Snapshot,
    cx: &Context,
) -> Outcome {
    if let Some(why) = read_only(data) {
        return refused(why);
    }
    let result = WriteLock::acquire(&data.plans.workspace, write::WAIT).and_then(|lock| {
        write::prepare_written(&data.plans.workspace, files).and_then(|p| p.commit(message, &lock))
    });
    match result {
        Ok(Some(id)) => Outcome::Committed {
            id,
            message: message.to_string(),
            reload: reload(data, cx),
        },
        Ok(None) => refused("commit: nothing to commit (the files are as HEAD has them)".into()),
        Err(e) => refused(commit_words(&e)),
    }
}

/// The changes of these plan files from HEAD to the working tree, as
/// `diff HEAD` words them, and HEAD's bytes of each.
type HeadBytes = Vec<(Arc<str>, Vec<u8>)>;

fn changes_against_head(
    data: &Snapshot,
    paths: &[Arc<str>],
) -> Result<(Vec<Change>, HeadBytes), String> {
    let ws = &data.plans.workspace;
    let repo = ws.git("commit").map_err(|e| e.to_string())?;
    let tree = repo.head_tree().map_err(|e| e.to_string())?;
    let mut old = Vec::new();
    let mut new = Vec::new();
    let mut heads = Vec::new();
    for path in paths {
        let before = repo
            .file_in_tree(tree, path)
            .map_err(|e| format!("{path}: {e}"))?;
        let now = std::fs::read(ws.root.join(&**path)).map_err(|e| format!("{path}: {e}"))?;
        old.extend(parse_file(path.clone(), &before).program);
        new.extend(parse_file(path.clone(), &now).program);
        heads.push((path.clone(), before));
    }
    let (old, new) = (Portfolio::new(vec![], old), Portfolio::new(vec![], new));
    let mut changes = crate::review::compare(&old, &new);
    // What the comparison reports between the plans and themselves
    // (milestones sharing a name) is no change.
    let artefacts = crate::review::compare(&new, &new);
    changes.retain(|c| !artefacts.contains(c));
    Ok((changes, heads))
}

/// A refused write; when the file changed on disk since the board read
/// it, the board loads it again (and says so).
fn refused_write(e: &WriteError, data: &Snapshot, cx: &Context) -> Outcome {
    match e {
        WriteError::Changed(path) => Outcome::Refused {
            why: format!(
                "not written: {path} changed on disk since the board read it; reloaded: look, then try again"
            ),
            reload: Some(reload(data, cx)),
        },
        e => refused(board_words(e)),
    }
}

fn refused(why: String) -> Outcome {
    Outcome::Refused { why, reload: None }
}

/// A write refusal as the board says it: the command line's words, but
/// where they name a flag, what it means here.
pub(crate) fn board_words(e: &WriteError) -> String {
    match e {
        WriteError::NeedsId => {
            "a title with no ASCII letters needs an id: fill in the id field".to_string()
        }
        e => e.to_string(),
    }
}

/// A commit refusal: "commit refused: a merge is in progress; …".
fn commit_words(e: &WriteError) -> String {
    match e {
        WriteError::GitBusy(why) => {
            format!("commit refused: {why}; finish or abort it first: nothing committed")
        }
        WriteError::CannotCommit(why) => format!("commit refused: {why}"),
        WriteError::NotCommittable { .. } => e.to_string(),
        e => format!("commit refused: {e}"),
    }
}
