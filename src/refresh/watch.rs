//! One file watcher for the plans, shared by the board and the stand-up.
//!
//! Watched ([`Watched::targets`]): the boards folder, recursively (the plan
//! files); the folders above it up to the work tree's root, not
//! recursively, to see the boards folder come back; the git directory, not
//! recursively (`HEAD`, `packed-refs`, the index); and `.git/refs`,
//! recursively (branches moving). Never `.git/objects` (inotify limits).
//! git replaces refs by renaming `*.lock` files over them, which would end
//! a watch on the file itself: folders are watched.
//!
//! What counts ([`Watched::relevant`]): every event but a read (an access),
//! unless all the paths it names are `*.lock` files that were not removed,
//! or files beside the boards folder (`README.md` in the root). A removed
//! lock counts: git clearing `index.lock` without a rename ends a "busy"
//! page. **An event without a path counts**: notify sends those when it
//! lost track (a rescan, a full queue), a missed change costs more than a
//! look at the fingerprint, and a look is all a spurious event costs.
//!
//! An inotify watch ends with its folder: when the boards folder (or a
//! folder on its way) is created again ([`Watched::came_back`]), it is
//! watched again, then looked at once for what was written before that.
//!
//! Failing to watch is not fatal: the scheduler's periodic look still
//! finds changes, within a minute.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, Weak};

use notify::event::{CreateKind, ModifyKind, RenameMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::repo::Workspace;

/// The `info` of the event sent once the boards folder is watched again.
pub const WATCHING_AGAIN: &str = "watching the boards folder again";

/// What is watched for the plans, and which events count. Pure: paths only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Watched {
    /// The boards folder, watched recursively.
    boards: PathBuf,
    /// The work tree's root and the folders below it down to the boards
    /// folder's parent, top-down, watched non-recursively.
    above: Vec<PathBuf>,
    git: Option<PathBuf>,
}

impl Watched {
    /// What to watch for the plans in `boards` (repository-relative).
    pub fn new(workspace: &Workspace, boards: &str) -> Watched {
        let root = full_path(&workspace.root);
        let boards = root.join(boards);
        // A bare repository has no work tree for a boards folder to return to.
        let above = if workspace.bare {
            Vec::new()
        } else {
            let mut above: Vec<PathBuf> = boards
                .ancestors()
                .skip(1)
                .take_while(|a| a.starts_with(&root))
                .map(Path::to_path_buf)
                .collect();
            above.reverse();
            above
        };
        Watched {
            boards,
            above,
            git: workspace.git_dir.as_deref().map(full_path),
        }
    }

    /// The folders to watch, and whether each is watched recursively.
    pub fn targets(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut out = self.again();
        if let Some(git) = &self.git {
            out.push((git.clone(), RecursiveMode::NonRecursive));
            out.push((git.join("refs"), RecursiveMode::Recursive));
        }
        out
    }

    /// The folders to watch again when the boards folder came back:
    /// top-down, so a folder created meanwhile is either seen created or
    /// already there when its turn comes.
    pub fn again(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let above = self
            .above
            .iter()
            .map(|a| (a.clone(), RecursiveMode::NonRecursive));
        above
            .chain([(self.boards.clone(), RecursiveMode::Recursive)])
            .collect()
    }

    /// Whether a file event may change the plans (the module's rule).
    pub fn relevant(&self, ev: &notify::Event) -> bool {
        if matches!(ev.kind, EventKind::Access(_)) {
            return false;
        }
        let removed = matches!(ev.kind, EventKind::Remove(_));
        ev.paths.is_empty()
            || ev
                .paths
                .iter()
                .any(|p| (removed || !is_lock(p)) && !self.beside(p))
    }

    /// Whether the boards folder, or a folder on its way, appeared (created
    /// or renamed into place): its watch ended with the old one. An event
    /// without a path too: notify lost track, the removal may be among it.
    pub fn came_back(&self, ev: &notify::Event) -> bool {
        let appeared = matches!(
            ev.kind,
            EventKind::Create(CreateKind::Folder | CreateKind::Any)
                | EventKind::Modify(ModifyKind::Name(
                    RenameMode::To | RenameMode::Both | RenameMode::Any
                ))
                | EventKind::Any
                | EventKind::Other
        );
        // A rename names the new path last.
        appeared
            && ev
                .paths
                .last()
                .is_none_or(|p| self.in_above(p) && self.boards.starts_with(p))
    }

    /// The event sent once the boards folder is watched again: files
    /// written before that were not seen, a look finds them.
    pub fn watching_again(&self) -> notify::Event {
        notify::Event::new(EventKind::Other)
            .add_path(self.boards.clone())
            .set_info(WATCHING_AGAIN)
    }

    /// A path in one of the folders above the boards folder, not on its
    /// way: seen only because those folders are watched.
    fn beside(&self, p: &Path) -> bool {
        self.in_above(p) && !self.boards.starts_with(p)
    }

    fn in_above(&self, p: &Path) -> bool {
        p.parent()
            .is_some_and(|d| self.above.iter().any(|a| a == d))
    }
}

/// The path as the watcher reports it: events name the real path on some
/// systems (macOS), the path watched on others (a symlink kept).
fn full_path(p: &Path) -> PathBuf {
    p.canonicalize()
        .or_else(|_| std::path::absolute(p))
        .unwrap_or_else(|_| p.to_path_buf())
}

fn is_lock(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "lock")
}

/// A running watcher; watching ends when it is dropped.
pub struct Watching {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
}

/// Watches the plans of `boards` in `workspace`, calling `on_change` (on
/// a watcher's thread) for each relevant event. `None` when no watcher
/// could be made; a folder that cannot be watched is skipped.
pub fn watch(
    workspace: &Workspace,
    boards: &str,
    on_change: impl Fn() + Send + Sync + 'static,
) -> Option<Watching> {
    watch_events(workspace, boards, move |_| on_change())
}

/// [`watch`], handing over each relevant event, and after the boards folder
/// is watched again, an event with the info [`WATCHING_AGAIN`].
pub fn watch_events(
    workspace: &Workspace,
    boards: &str,
    on_event: impl Fn(&notify::Event) + Send + Sync + 'static,
) -> Option<Watching> {
    let watched = Watched::new(workspace, boards);
    let on_event = Arc::new(on_event);
    let (again_tx, again_rx) = mpsc::channel();
    let judge = watched.clone();
    let report = Arc::clone(&on_event);
    let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if judge.came_back(&ev) {
            let _ = again_tx.send(());
        }
        if judge.relevant(&ev) {
            report(&ev);
        }
    })
    .ok()?;
    let watcher = Arc::new(Mutex::new(watcher));
    if let Ok(mut w) = watcher.lock() {
        for (path, mode) in watched.targets() {
            let _ = w.watch(&path, mode);
        }
    }
    let weak = Arc::downgrade(&watcher);
    // Watching again happens on a thread of its own: notify's `watch` waits
    // for the thread that calls the handler.
    std::thread::spawn(move || watch_again(&again_rx, &weak, &watched, &*on_event));
    Some(Watching { _watcher: watcher })
}

/// Watches the boards folder again each time it comes back. Ends when the
/// watcher is dropped (its handler, holding the sender, goes with it).
fn watch_again(
    again: &Receiver<()>,
    watcher: &Weak<Mutex<RecommendedWatcher>>,
    watched: &Watched,
    on_event: &dyn Fn(&notify::Event),
) {
    while again.recv().is_ok() {
        // One re-watch for a burst (a checkout creating many folders).
        while again.try_recv().is_ok() {}
        let Some(watcher) = watcher.upgrade() else {
            return;
        };
        if let Ok(mut w) = watcher.lock() {
            for (path, mode) in watched.again() {
                let _ = w.watch(&path, mode);
            }
        }
        drop(watcher);
        on_event(&watched.watching_again());
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{AccessKind, DataChange, RemoveKind};

    use super::*;

    fn event(kind: EventKind, paths: &[&str]) -> notify::Event {
        paths
            .iter()
            .fold(notify::Event::new(kind), |e, p| e.add_path(p.into()))
    }

    fn watched(boards: &str) -> Watched {
        let ws = Workspace {
            root: "/r".into(),
            git_dir: Some("/r/.git".into()),
            bare: false,
        };
        Watched::new(&ws, boards)
    }

    const MODIFY: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Any));

    #[test]
    fn reads_and_lock_files_do_not_count_everything_else_does() {
        let w = watched("boards");
        assert!(w.relevant(&event(MODIFY, &["/r/boards/spring.toml"])));
        assert!(w.relevant(&event(MODIFY, &["/r/.git/HEAD"])));
        assert!(!w.relevant(&event(MODIFY, &["/r/.git/HEAD.lock"])));
        assert!(!w.relevant(&event(
            EventKind::Create(CreateKind::File),
            &["/r/.git/refs/heads/main.lock"]
        )));
        // A rename from the lock file onto the ref names both: it counts.
        assert!(w.relevant(&event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &["/r/.git/refs/heads/main.lock", "/r/.git/refs/heads/main"]
        )));
        assert!(!w.relevant(&event(
            EventKind::Access(AccessKind::Any),
            &["/r/boards/spring.toml"]
        )));
    }

    #[test]
    fn a_removed_lock_file_counts_a_created_or_written_one_does_not() {
        let w = watched("boards");
        let lock = ["/r/.git/index.lock"];
        assert!(w.relevant(&event(EventKind::Remove(RemoveKind::File), &lock)));
        assert!(w.relevant(&event(EventKind::Remove(RemoveKind::Any), &lock)));
        assert!(!w.relevant(&event(EventKind::Create(CreateKind::File), &lock)));
        assert!(!w.relevant(&event(MODIFY, &lock)));
    }

    #[test]
    fn an_event_without_a_path_counts() {
        let w = watched("boards");
        assert!(w.relevant(&event(EventKind::Other, &[])));
        assert!(w.relevant(&event(EventKind::Any, &[])));
        assert!(!w.relevant(&event(EventKind::Access(AccessKind::Any), &[])));
    }

    #[test]
    fn files_beside_the_boards_folder_do_not_count() {
        let w = watched("plans/boards");
        assert!(!w.relevant(&event(MODIFY, &["/r/README.md"])));
        assert!(!w.relevant(&event(MODIFY, &["/r/plans/notes.md"])));
        let removed = EventKind::Remove(RemoveKind::Folder);
        assert!(w.relevant(&event(removed, &["/r/plans"])));
        assert!(w.relevant(&event(removed, &["/r/plans/boards"])));
        assert!(w.relevant(&event(MODIFY, &["/r/plans/boards/a/spring.toml"])));
    }

    #[test]
    fn the_boards_folder_coming_back_is_watched_again() {
        let w = watched("plans/boards");
        let created = EventKind::Create(CreateKind::Folder);
        assert!(w.came_back(&event(created, &["/r/plans/boards"])));
        assert!(w.came_back(&event(created, &["/r/plans"])));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert!(w.came_back(&event(renamed, &["/r/plans/boards"])));
        assert!(w.came_back(&event(EventKind::Other, &[])), "lost track");
        // Below the boards folder the recursive watch still holds.
        assert!(!w.came_back(&event(created, &["/r/plans/boards/q3"])));
        assert!(!w.came_back(&event(created, &["/r/plans/other"])));
        assert!(!w.came_back(&event(created, &["/r/plans/boards.new"])));
        assert!(!w.came_back(&event(
            EventKind::Remove(RemoveKind::Folder),
            &["/r/plans/boards"]
        )));
        assert!(!w.came_back(&event(MODIFY, &["/r/plans/boards"])));
    }

    #[test]
    fn the_boards_folder_the_folders_above_it_git_and_its_refs_are_watched() {
        use RecursiveMode::{NonRecursive, Recursive};
        let p = PathBuf::from;
        assert_eq!(
            watched("boards").targets(),
            [
                (p("/r"), NonRecursive),
                (p("/r/boards"), Recursive),
                (p("/r/.git"), NonRecursive),
                (p("/r/.git/refs"), Recursive),
            ]
        );
        let nested = watched("plans/boards");
        assert_eq!(
            nested.again(),
            [
                (p("/r"), NonRecursive),
                (p("/r/plans"), NonRecursive),
                (p("/r/plans/boards"), Recursive),
            ]
        );
        assert!(
            !nested
                .targets()
                .iter()
                .any(|(t, _)| t.starts_with("/r/.git/objects")),
            "never the objects"
        );
        let plain = Workspace {
            root: "/r".into(),
            git_dir: None,
            bare: false,
        };
        assert_eq!(
            Watched::new(&plain, "boards").targets().len(),
            2,
            "no repository"
        );
        let bare = Workspace {
            root: "/r.git".into(),
            git_dir: Some("/r.git".into()),
            bare: true,
        };
        assert_eq!(
            Watched::new(&bare, "boards").targets(),
            [
                (p("/r.git/boards"), Recursive),
                (p("/r.git"), NonRecursive),
                (p("/r.git/refs"), Recursive),
            ]
        );
    }
}
