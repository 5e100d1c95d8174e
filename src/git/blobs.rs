//! Reading blobs: one, or many on every core.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Error, ObjectId, Repo};

/// A blob's bytes, or its size when that is over the limit asked for (it
/// is not read then).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Blob {
    Bytes(Vec<u8>),
    TooLarge(u64),
}

impl Repo {
    /// The blob `oid`, unless larger than `limit` bytes. A blob git cannot
    /// read at all is a damaged repository: the error names the object and
    /// `path`, the plan file it holds.
    pub fn read_blob(&self, oid: ObjectId, path: &str, limit: u64) -> Result<Blob, Error> {
        let damaged = |e| Error::damaged(e, Some(oid), Some(path));
        let odb = self.repo.odb()?;
        let (size, _) = odb.read_header(oid.raw()).map_err(damaged)?;
        if size as u64 > limit {
            return Ok(Blob::TooLarge(size as u64));
        }
        let object = odb.read(oid.raw()).map_err(damaged)?;
        Ok(Blob::Bytes(object.data().to_vec()))
    }

    /// The blobs `wanted` (id, and the path it is read for), as
    /// [`Repo::read_blob`] reads each, in order. Inflating is most of the
    /// cost of reading a revision: with many, the work is split over the
    /// cores, each thread with its own handle (one is not `Sync`).
    pub fn read_blobs(&self, wanted: &[(ObjectId, &str)], limit: u64) -> Vec<Result<Blob, Error>> {
        if let Some(read) = read_parallel(self.path(), wanted, limit) {
            return read;
        }
        wanted
            .iter()
            .map(|(oid, path)| self.read_blob(*oid, path, limit))
            .collect()
    }
}

/// `None` (small input, or a handle could not be opened) means: read them
/// on this thread.
fn read_parallel(
    git_dir: &Path,
    wanted: &[(ObjectId, &str)],
    limit: u64,
) -> Option<Vec<Result<Blob, Error>>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(wanted.len() / 16);
    if threads < 2 {
        return None;
    }
    let next = AtomicUsize::new(0);
    type Done = Vec<(usize, Result<Blob, Error>)>;
    let results: Vec<Option<Done>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let git = Repo::open(git_dir).ok()?;
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((oid, path)) = wanted.get(i) else {
                            break;
                        };
                        done.push((i, git.read_blob(*oid, path, limit)));
                    }
                    Some(done)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().ok().flatten())
            .collect()
    });
    let mut slots: Vec<Option<Result<Blob, Error>>> = Vec::new();
    slots.resize_with(wanted.len(), || None);
    for (i, read) in results
        .into_iter()
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .flatten()
    {
        slots[i] = Some(read);
    }
    slots.into_iter().collect()
}
