//! Replacing a plan file atomically, with the writers' lock held: a
//! temporary file beside it, created with the file's own permissions
//! (never readable by more people than the file), given its owner and
//! group where the process may, fsync, then a rename over the old one.
//! The file's content hash is checked again just before the rename, so
//! an edit made meanwhile by anything that does not take the lock (an
//! editor, a pull) is never overwritten; a write interrupted before the
//! rename leaves the old file.
//!
//! Refused before anything is written (docs/cli.md version 3, "Files keep what
//! they were"): a symbolic link (a rename would replace the link), a
//! read-only file (no write bit for its owner, whoever runs ringboard,
//! root included), a file the user may not write, a file with several
//! hard links (a rename would break them), and new bytes over
//! `--max-file-size`.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::lock::WriteLock;
use super::{Draft, WriteError, content_id};
use crate::git::ObjectId;

/// A hook given the target file's path.
pub type PathHook<'a> = &'a dyn Fn(&Path) -> std::io::Result<()>;

/// Test hooks: `before_rename` runs with the target's path once the
/// temporary file is complete, before the hash check and the rename. An
/// error from it is taken as a failed rename (an interrupted write).
#[derive(Default, Clone, Copy)]
pub struct Hooks<'a> {
    pub before_rename: Option<PathHook<'a>>,
}

/// What undoes a write: the file's previous bytes, and the hash of the
/// bytes written (an undo is refused once the file changed again).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undo {
    /// Repository-relative.
    pub path: Arc<str>,
    pub file: PathBuf,
    pub previous: Vec<u8>,
    /// The content hash of what was written.
    pub written: ObjectId,
}

/// The suffix of temporary files: not `.toml`, so the loader never reads
/// one as a plan (docs/cli.md version 3: `.NAME.ringboard-tmp`).
pub const TEMP_SUFFIX: &str = ".ringboard-tmp";

/// Writes the draft's new bytes over its file; `max` is the largest file
/// the plans may hold (`--max-file-size`).
pub fn write(
    draft: &Draft,
    max: u64,
    _lock: &WriteLock,
    hooks: &Hooks<'_>,
) -> Result<Undo, WriteError> {
    if draft.after.len() as u64 > max {
        return Err(WriteError::TooLarge {
            path: draft.path.to_string(),
            size: draft.after.len() as u64,
            max,
        });
    }
    replace(
        &draft.file,
        &draft.path,
        draft.before_id,
        &draft.after,
        hooks,
    )?;
    Ok(Undo {
        path: draft.path.clone(),
        file: draft.file.clone(),
        previous: draft.before.clone(),
        written: content_id(&draft.after),
    })
}

/// Puts back the bytes a write replaced, unless the file changed since;
/// returns the record that undoes the undo.
pub fn undo(record: &Undo, _lock: &WriteLock, hooks: &Hooks<'_>) -> Result<Undo, WriteError> {
    let now = fs::read(&record.file).map_err(|source| io(&record.path, source))?;
    replace(
        &record.file,
        &record.path,
        record.written,
        &record.previous,
        hooks,
    )?;
    Ok(Undo {
        path: record.path.clone(),
        file: record.file.clone(),
        previous: now,
        written: content_id(&record.previous),
    })
}

/// Replaces `file` with `bytes` if its content hash is still `expected`.
fn replace(
    file: &Path,
    rel: &str,
    expected: ObjectId,
    bytes: &[u8],
    hooks: &Hooks<'_>,
) -> Result<(), WriteError> {
    let meta = fs::symlink_metadata(file).map_err(|e| io(rel, e))?;
    writable(file, rel, &meta)?;
    let dir = file.parent().unwrap_or(Path::new("."));
    remove_leftovers(dir);
    let temp = Temp::create(dir, file, &meta)?;
    let mut out = &temp.handle;
    out.write_all(bytes)
        .and_then(|_| temp.handle.sync_all())
        .map_err(|e| io(rel, e))?;
    if let Some(hook) = hooks.before_rename {
        hook(file).map_err(|source| WriteError::Interrupted {
            path: rel.to_string(),
            source,
        })?;
    }
    let now = fs::read(file).map_err(|e| io(rel, e))?;
    if content_id(&now) != expected {
        return Err(WriteError::Changed(rel.to_string()));
    }
    fs::rename(&temp.path, file).map_err(|source| WriteError::Interrupted {
        path: rel.to_string(),
        source,
    })?;
    temp.renamed();
    // The rename is in the directory: make it durable too (best effort,
    // some file systems refuse to sync a directory).
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Why the file cannot be replaced as it is, if it cannot.
fn writable(file: &Path, rel: &str, meta: &fs::Metadata) -> Result<(), WriteError> {
    let refuse = |why: String| WriteError::CannotEdit {
        path: rel.to_string(),
        why,
    };
    if meta.file_type().is_symlink() {
        return Err(WriteError::Symlink(rel.to_string()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o200 == 0 {
            return Err(refuse(format!(
                "it is read-only (mode {mode:04o}): make it writable first (chmod u+w) if it should change"
            )));
        }
        if meta.nlink() > 1 {
            return Err(refuse(format!(
                "it has {} hard links, and replacing it would break them: edit it in an editor",
                meta.nlink()
            )));
        }
    }
    #[cfg(not(unix))]
    if meta.permissions().readonly() {
        return Err(refuse("it is read-only: make it writable first".into()));
    }
    // The rename needs only the folder's permission: ask for the file's
    // own. Opened to append, and closed at once: nothing is written.
    if let Err(e) = OpenOptions::new().append(true).open(file) {
        return Err(refuse(format!("you may not write it ({e})")));
    }
    Ok(())
}

/// Temporary files that killed runs left in `dir`, removed: only a writer
/// holding the lock creates one, and it holds the lock now. Older
/// versions named them `.NAME.ringboard-PID-N.tmp`.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old_style = name.contains(".ringboard-") && name.ends_with(".tmp");
        if name.starts_with('.') && (name.ends_with(TEMP_SUFFIX) || old_style) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A temporary file beside the target, removed unless it was renamed.
struct Temp {
    path: PathBuf,
    handle: File,
    keep: std::cell::Cell<bool>,
}

impl Temp {
    /// `.NAME.ringboard-tmp`, created with the mode of the file it
    /// replaces from the start, then given its owner, group and mode.
    fn create(dir: &Path, file: &Path, meta: &fs::Metadata) -> Result<Temp, WriteError> {
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let path = dir.join(format!(".{name}{TEMP_SUFFIX}"));
        let failed = |e| io(&path.display().to_string(), e);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            // The umask may take bits away, never add any.
            options.mode(meta.permissions().mode() & 0o777);
        }
        let handle = options.open(&path).map_err(failed)?;
        let temp = Temp {
            path,
            handle,
            keep: std::cell::Cell::new(false),
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Owner, then group, where the process may (root, or a group
            // the user is in); a change of owner can clear set-id bits,
            // so the mode comes after.
            let _ = std::os::unix::fs::fchown(&temp.handle, Some(meta.uid()), Some(meta.gid()));
            let _ = std::os::unix::fs::fchown(&temp.handle, None, Some(meta.gid()));
        }
        temp.handle
            .set_permissions(meta.permissions())
            .map_err(|e| io(&temp.path.display().to_string(), e))?;
        Ok(temp)
    }

    fn renamed(&self) {
        self.keep.set(true);
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.keep.get() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn io(path: &str, source: std::io::Error) -> WriteError {
    WriteError::Io {
        path: path.to_string(),
        source,
    }
}
