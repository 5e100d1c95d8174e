//! Replacing a plan file atomically: a temporary file in the same
//! directory, fsync, then a rename over the old one, keeping its
//! permissions. The file's content hash is checked again just before the
//! rename, so an edit made meanwhile (an editor, a pull) is never
//! overwritten; a write interrupted before the rename leaves the old file.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use git2::Oid;

use super::{Draft, WriteError, content_id};

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
    pub written: Oid,
}

/// Writes the draft's new bytes over its file.
pub fn write(draft: &Draft, hooks: &Hooks<'_>) -> Result<Undo, WriteError> {
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
pub fn undo(record: &Undo, hooks: &Hooks<'_>) -> Result<Undo, WriteError> {
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
    expected: Oid,
    bytes: &[u8],
    hooks: &Hooks<'_>,
) -> Result<(), WriteError> {
    let meta = fs::symlink_metadata(file).map_err(|e| io(rel, e))?;
    if meta.file_type().is_symlink() {
        return Err(WriteError::Symlink(rel.to_string()));
    }
    let dir = file.parent().unwrap_or(Path::new("."));
    let temp = Temp::create(dir, file)?;
    let mut out = &temp.handle;
    out.write_all(bytes)
        .and_then(|_| temp.handle.set_permissions(meta.permissions()))
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

/// A temporary file beside the target, removed unless it was renamed.
struct Temp {
    path: PathBuf,
    handle: File,
    keep: std::cell::Cell<bool>,
}

impl Temp {
    fn create(dir: &Path, file: &Path) -> Result<Temp, WriteError> {
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let mut last = None;
        // Not `.toml`: the loader never reads a temporary file as a plan.
        for n in 0..100 {
            let path = dir.join(format!(".{name}.ringboard-{}-{n}.tmp", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(handle) => {
                    return Ok(Temp {
                        path,
                        handle,
                        keep: std::cell::Cell::new(false),
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(io(&dir.display().to_string(), e)),
            }
        }
        let e = last.unwrap_or_else(|| std::io::Error::other("no temporary file name free"));
        Err(io(&dir.display().to_string(), e))
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
