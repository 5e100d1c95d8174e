//! Loose git objects read safely. libgit2 1.9.7 loops forever reading a
//! truncated loose object (libgit2 issue #7342, fixed upstream by PR #7346,
//! in no libgit2-sys release yet): `inflate` reports that it needs more
//! input, and its drain loop asks again without end. Every repository
//! ringboard opens gets an object-database backend of its own, in front of
//! libgit2's, that reads loose objects with a Rust inflate which stops on a
//! truncated or corrupt stream. A corrupt object is then an error naming
//! it; a sound one is served from here, and libgit2 never inflates it.
//!
//! The backend only reads. Writes, packed objects, alternates and
//! everything else stay with libgit2's own backends (a backend without a
//! callback is skipped for that operation).

use std::ffi::CString;
use std::os::raw::{c_int, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use git2::{Binding, Oid, Repository};
use libgit2_sys as raw;

/// Opens the repository at `path` (a git directory or a working tree)
/// with loose objects read safely.
pub fn open(path: &Path) -> Result<Repository, git2::Error> {
    let repo = Repository::open(path)?;
    guard(&repo)?;
    Ok(repo)
}

/// Above libgit2's own loose (1) and pack (2) backends.
const PRIORITY: c_int = 100;

/// The backend: libgit2's struct first, so a pointer to it is a pointer to
/// this (`repr(C)`).
#[repr(C)]
struct Guard {
    parent: raw::git_odb_backend,
    objects: PathBuf,
}

fn guard(repo: &Repository) -> Result<(), git2::Error> {
    let odb = repo.odb()?;
    // SAFETY: an all-zero backend is what libgit2's own backends start
    // from (`git_odb_init_backend` then sets the version); every callback
    // is an `Option` of a function pointer, for which zero is `None`.
    let mut parent: raw::git_odb_backend = unsafe { std::mem::zeroed() };
    // SAFETY: `parent` is a valid, writable backend struct.
    unsafe { raw::git_odb_init_backend(&mut parent, raw::GIT_ODB_BACKEND_VERSION) };
    parent.read = Some(read);
    parent.read_prefix = Some(read_prefix);
    parent.free = Some(free);
    let backend = Box::into_raw(Box::new(Guard {
        parent,
        objects: repo.path().join("objects"),
    }));
    // SAFETY: the odb is alive (`odb` holds a reference); on success it
    // owns the backend and frees it through `free`; on failure it is ours.
    let rc = unsafe { raw::git_odb_add_backend(odb.raw(), backend.cast(), PRIORITY) };
    if rc < 0 {
        // SAFETY: not handed over: this is the only pointer to it.
        drop(unsafe { Box::from_raw(backend) });
        return Err(git2::Error::from_str("cannot add the loose-object reader"));
    }
    Ok(())
}

extern "C" fn read(
    data_out: *mut *mut c_void,
    len_out: *mut usize,
    type_out: *mut raw::git_object_t,
    backend: *mut raw::git_odb_backend,
    oid: *const raw::git_oid,
) -> c_int {
    let answer = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: libgit2 passes the backend it was given (a `Guard`) and a
        // valid object id.
        let (guard, oid) = unsafe { (&*backend.cast::<Guard>(), Oid::from_raw(oid)) };
        match read_loose(&guard.objects, oid) {
            Loose::Object(kind, bytes) => {
                // SAFETY: memory libgit2 frees with its own allocator.
                let out = unsafe { raw::git_odb_backend_data_alloc(backend, bytes.len()) };
                if out.is_null() && !bytes.is_empty() {
                    return raw::GIT_ERROR;
                }
                // SAFETY: `out` holds `bytes.len()` bytes; the out pointers
                // are libgit2's, valid for writing.
                unsafe {
                    std::ptr::copy_nonoverlapping(bytes.as_ptr(), out.cast::<u8>(), bytes.len());
                    *data_out = out;
                    *len_out = bytes.len();
                    *type_out = kind;
                }
                0
            }
            Loose::NotHere => raw::GIT_PASSTHROUGH,
            Loose::Corrupt(why) => fail(oid, &why),
        }
    }));
    answer.unwrap_or(raw::GIT_ERROR)
}

/// Abbreviated ids (`3f2a9c1`): every loose object they match is checked
/// first, then libgit2 resolves them (and reports an ambiguity) as usual.
extern "C" fn read_prefix(
    _full_out: *mut raw::git_oid,
    _data_out: *mut *mut c_void,
    _len_out: *mut usize,
    _type_out: *mut raw::git_object_t,
    backend: *mut raw::git_odb_backend,
    short: *const raw::git_oid,
    len: usize,
) -> c_int {
    let answer = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: as in `read`.
        let (guard, short) = unsafe { (&*backend.cast::<Guard>(), Oid::from_raw(short)) };
        let hex = short.to_string();
        let prefix = &hex[..len.min(hex.len())];
        if prefix.len() < 2 {
            return raw::GIT_PASSTHROUGH;
        }
        let dir = guard.objects.join(&prefix[..2]);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return raw::GIT_PASSTHROUGH;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(rest) = name.to_str() else { continue };
            if !rest.starts_with(&prefix[2..]) {
                continue;
            }
            let Ok(oid) = Oid::from_str(&format!("{}{rest}", &prefix[..2])) else {
                continue;
            };
            if let Loose::Corrupt(why) = read_loose(&guard.objects, oid) {
                return fail(oid, &why);
            }
        }
        raw::GIT_PASSTHROUGH
    }));
    answer.unwrap_or(raw::GIT_ERROR)
}

extern "C" fn free(backend: *mut raw::git_odb_backend) {
    // SAFETY: the odb frees each backend once, with the pointer it was
    // given: the `Box` made in `guard`.
    let _ = catch_unwind(|| drop(unsafe { Box::from_raw(backend.cast::<Guard>()) }));
}

/// Sets libgit2's error message and returns its error code.
fn fail(oid: Oid, why: &str) -> c_int {
    let message = format!("object {oid} is corrupt ({why}); git fsck will say more");
    if let Ok(text) = CString::new(message) {
        // SAFETY: a valid C string; libgit2 copies it.
        unsafe { raw::git_error_set_str(raw::GIT_ERROR_ODB as c_int, text.as_ptr()) };
    }
    raw::GIT_ERROR
}

enum Loose {
    Object(raw::git_object_t, Vec<u8>),
    /// No loose object (it may be packed), or one in a format left to
    /// libgit2.
    NotHere,
    Corrupt(String),
}

fn read_loose(objects: &Path, oid: Oid) -> Loose {
    let hex = oid.to_string();
    let Ok(compressed) = std::fs::read(objects.join(&hex[..2]).join(&hex[2..])) else {
        return Loose::NotHere;
    };
    inflate_object(&compressed)
}

/// The type and content of a zlib-compressed loose object
/// (`<type> <size>\0<content>`), the whole stream checked.
fn inflate_object(compressed: &[u8]) -> Loose {
    use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_zlib_with_limit};
    // git writes zlib streams (first byte 0x78); anything else is an old
    // format libgit2 still reads.
    if compressed.len() < 2
        || compressed[0] & 0x0f != 8
        || u16::from_be_bytes([compressed[0], compressed[1]]) % 31 != 0
    {
        return Loose::NotHere;
    }
    // The header first, to know how much the whole object may inflate to.
    let head = match decompress_to_vec_zlib_with_limit(compressed, 64) {
        Ok(all) => all,
        Err(e) if e.status == TINFLStatus::HasMoreOutput => e.output,
        Err(e) => return Loose::Corrupt(stream_problem(e.status)),
    };
    let Some(nul) = head.iter().position(|&b| b == 0) else {
        return Loose::Corrupt("no object header".to_string());
    };
    let header = String::from_utf8_lossy(&head[..nul]);
    let Some((kind, size)) = header.split_once(' ') else {
        return Loose::Corrupt("bad object header".to_string());
    };
    let kind = match kind {
        "commit" => raw::GIT_OBJECT_COMMIT,
        "tree" => raw::GIT_OBJECT_TREE,
        "blob" => raw::GIT_OBJECT_BLOB,
        "tag" => raw::GIT_OBJECT_TAG,
        _ => return Loose::Corrupt(format!("unknown object type `{kind}`")),
    };
    let Ok(size) = size.parse::<usize>() else {
        return Loose::Corrupt("bad object size".to_string());
    };
    let Some(limit) = (nul + 1).checked_add(size) else {
        return Loose::Corrupt("bad object size".to_string());
    };
    match decompress_to_vec_zlib_with_limit(compressed, limit) {
        Ok(mut all) if all.len() == limit => Loose::Object(kind, all.split_off(nul + 1)),
        Ok(_) => Loose::Corrupt("shorter than its header says".to_string()),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => {
            Loose::Corrupt("longer than its header says".to_string())
        }
        Err(e) => Loose::Corrupt(stream_problem(e.status)),
    }
}

fn stream_problem(status: miniz_oxide::inflate::TINFLStatus) -> String {
    use miniz_oxide::inflate::TINFLStatus;
    match status {
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
            "truncated zlib stream".to_string()
        }
        TINFLStatus::Adler32Mismatch => "zlib checksum mismatch".to_string(),
        other => format!("bad zlib stream: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loose(kind: &str, content: &[u8]) -> Vec<u8> {
        let mut raw = format!("{kind} {}\0", content.len()).into_bytes();
        raw.extend_from_slice(content);
        miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6)
    }

    #[test]
    fn a_sound_object_reads_and_a_cut_one_is_corrupt_at_any_length() {
        let content = "[program]\nname = \"Spring 春\"\n".repeat(40);
        let file = loose("blob", content.as_bytes());
        match inflate_object(&file) {
            Loose::Object(kind, bytes) => {
                assert_eq!(kind, raw::GIT_OBJECT_BLOB);
                assert_eq!(bytes, content.as_bytes());
            }
            _ => panic!("a sound object"),
        }
        for cut in 2..file.len() {
            assert!(
                matches!(inflate_object(&file[..cut]), Loose::Corrupt(_)),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn a_header_that_lies_about_the_size_is_corrupt() {
        let mut raw = b"blob 5\0".to_vec();
        raw.extend_from_slice(b"longer than five");
        let file = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
        assert!(matches!(inflate_object(&file), Loose::Corrupt(_)));
        let raw = b"blob 50\0short".to_vec();
        let file = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
        assert!(matches!(inflate_object(&file), Loose::Corrupt(_)));
    }
}
