//! One file watcher for the plans, shared by the board and the stand-up.
//!
//! Watched ([`targets`]): the boards folder, recursively (the plan files);
//! the git directory, not recursively (`HEAD`, `packed-refs`, the index);
//! and `.git/refs`, recursively (branches moving). Never `.git/objects`
//! (inotify limits). git replaces refs by renaming `*.lock` files over
//! them, which would end a watch on the file itself: folders are watched.
//!
//! What counts ([`relevant`]): every event but a read (an access), unless
//! all the paths it names are `*.lock` files. **An event without a path
//! counts**: notify sends those when it lost track (a rescan, a full
//! queue), a missed change costs more than a look at the fingerprint, and
//! a look is all a spurious event costs.
//!
//! Failing to watch is not fatal: the scheduler's periodic look still
//! finds changes, within a minute.

use std::path::{Path, PathBuf};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::repo::Workspace;

/// The folders to watch for the plans in `boards` (repository-relative),
/// and whether each is watched recursively.
pub fn targets(workspace: &Workspace, boards: &str) -> Vec<(PathBuf, RecursiveMode)> {
    let mut out = vec![(workspace.root.join(boards), RecursiveMode::Recursive)];
    if let Some(git) = &workspace.git_dir {
        out.push((git.clone(), RecursiveMode::NonRecursive));
        out.push((git.join("refs"), RecursiveMode::Recursive));
    }
    out
}

/// Whether a file event may change the plans (the module's rule).
pub fn relevant(ev: &notify::Event) -> bool {
    if matches!(ev.kind, EventKind::Access(_)) {
        return false;
    }
    ev.paths.is_empty() || ev.paths.iter().any(|p| !is_lock(p))
}

fn is_lock(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "lock")
}

/// Watches the plans of `boards` in `workspace`, calling `on_change` (on
/// the watcher's thread) for each relevant event. `None` when no watcher
/// could be made; a folder that cannot be watched is skipped.
pub fn watch(
    workspace: &Workspace,
    boards: &str,
    on_change: impl Fn() + Send + 'static,
) -> Option<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res
            && relevant(&ev)
        {
            on_change();
        }
    })
    .ok()?;
    for (path, mode) in targets(workspace, boards) {
        let _ = watcher.watch(&path, mode);
    }
    Some(watcher)
}

#[cfg(test)]
mod tests {
    use notify::event::{AccessKind, CreateKind, ModifyKind};

    use super::*;

    fn event(kind: EventKind, paths: &[&str]) -> notify::Event {
        paths
            .iter()
            .fold(notify::Event::new(kind), |e, p| e.add_path(p.into()))
    }

    #[test]
    fn reads_and_lock_files_do_not_count_everything_else_does() {
        let modify = EventKind::Modify(ModifyKind::Any);
        assert!(relevant(&event(modify, &["/r/boards/spring.toml"])));
        assert!(relevant(&event(modify, &["/r/.git/HEAD"])));
        assert!(!relevant(&event(modify, &["/r/.git/HEAD.lock"])));
        assert!(!relevant(&event(
            EventKind::Create(CreateKind::File),
            &["/r/.git/refs/heads/main.lock"]
        )));
        // A rename from the lock file onto the ref names both: it counts.
        assert!(relevant(&event(
            modify,
            &["/r/.git/refs/heads/main.lock", "/r/.git/refs/heads/main"]
        )));
        assert!(!relevant(&event(
            EventKind::Access(AccessKind::Any),
            &["/r/boards/spring.toml"]
        )));
    }

    #[test]
    fn an_event_without_a_path_counts() {
        assert!(relevant(&event(EventKind::Other, &[])));
        assert!(relevant(&event(EventKind::Any, &[])));
        assert!(!relevant(&event(EventKind::Access(AccessKind::Any), &[])));
    }

    #[test]
    fn the_boards_folder_git_and_its_refs_are_watched() {
        let ws = Workspace {
            root: "/r".into(),
            git_dir: Some("/r/.git".into()),
            bare: false,
        };
        assert_eq!(
            targets(&ws, "boards"),
            [
                (PathBuf::from("/r/boards"), RecursiveMode::Recursive),
                (PathBuf::from("/r/.git"), RecursiveMode::NonRecursive),
                (PathBuf::from("/r/.git/refs"), RecursiveMode::Recursive),
            ]
        );
        let plain = Workspace {
            git_dir: None,
            ..ws
        };
        assert_eq!(targets(&plain, "boards").len(), 1, "no repository");
    }
}
