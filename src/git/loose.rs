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
pub(super) fn open(path: &Path) -> Result<Repository, git2::Error> {
    let repo = Repository::open(path)?;
    guard(&repo)?;
    Ok(repo)
}

/// Between libgit2's own pack (2) and loose (1) backends: libgit2 asks
/// backends by priority, and among equal ones in the order they were added
/// (a stable sort), so a packed object is found in its pack first, as git
/// finds it, without a failed `open` of a loose file here for each of the
/// thousands of objects a history walk reads; a loose one is read here
/// before libgit2's loose backend sees it. A test holds libgit2 to that
/// order.
const PRIORITY: c_int = 2;

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
            Loose::Object(kind, inflated, start) => {
                let bytes = &inflated[start..];
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
    let message = format!("object {oid} is corrupt: {why}; git fsck will say more");
    if let Ok(text) = CString::new(message) {
        // SAFETY: a valid C string; libgit2 copies it.
        unsafe { raw::git_error_set_str(raw::GIT_ERROR_ODB as c_int, text.as_ptr()) };
    }
    raw::GIT_ERROR
}

enum Loose {
    /// The type, and the inflated object: its content from the offset
    /// given (past the header), not copied out.
    Object(raw::git_object_t, Vec<u8>, usize),
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
/// (`<type> <size>\0<content>`), the whole stream checked, with zlib
/// itself (the one libgit2 links), so reading costs what libgit2's own
/// reading does. The header is read from the first bytes inflated; the
/// rest inflates into a buffer of the size it gives, refused when larger
/// than the stream could inflate to, so a lying header claims no memory.
/// zlib reports a stream it cannot go on with; the loop ends when a step
/// makes no progress, which is where libgit2's own loop did not.
fn inflate_object(compressed: &[u8]) -> Loose {
    use flate2::{Decompress, FlushDecompress, Status};
    // git writes zlib streams (first byte 0x78); anything else is an old
    // format libgit2 still reads.
    if compressed.len() < 2
        || compressed[0] & 0x0f != 8
        || !u16::from_be_bytes([compressed[0], compressed[1]]).is_multiple_of(31)
    {
        return Loose::NotHere;
    }
    let mut z = Decompress::new(true);
    let mut out = Vec::with_capacity(64);
    // The header: type, size, NUL, in the first 64 bytes.
    let mut status = match z.decompress_vec(compressed, &mut out, FlushDecompress::None) {
        Ok(status) => status,
        Err(e) => return Loose::Corrupt(format!("bad zlib stream: {e}")),
    };
    let Some(nul) = out.iter().position(|&b| b == 0) else {
        return Loose::Corrupt(if status == Status::StreamEnd || out.len() == 64 {
            "no object header".to_string()
        } else {
            "truncated zlib stream".to_string()
        });
    };
    let header = String::from_utf8_lossy(&out[..nul]);
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
    let Some(total) = (nul + 1).checked_add(size) else {
        return Loose::Corrupt("bad object size".to_string());
    };
    // Deflate makes at most 1032 bytes of one: a header claiming more than
    // the stream can hold is refused before any memory is taken for it.
    if total > compressed.len().saturating_mul(1032).saturating_add(64) {
        return Loose::Corrupt("shorter than its header says".to_string());
    }
    // One byte more than the header says, to see a stream that is longer.
    out.reserve_exact((total + 1).saturating_sub(out.len()));
    while status != Status::StreamEnd {
        let (read, made) = (z.total_in(), z.total_out());
        let rest = compressed.get(read as usize..).unwrap_or_default();
        status = match z.decompress_vec(rest, &mut out, FlushDecompress::None) {
            Ok(status) => status,
            Err(e) => return Loose::Corrupt(format!("bad zlib stream: {e}")),
        };
        if out.len() > total {
            return Loose::Corrupt("longer than its header says".to_string());
        }
        if status != Status::StreamEnd && z.total_in() == read && z.total_out() == made {
            return Loose::Corrupt("truncated zlib stream".to_string());
        }
    }
    match out.len().cmp(&total) {
        std::cmp::Ordering::Less => Loose::Corrupt("shorter than its header says".to_string()),
        std::cmp::Ordering::Greater => Loose::Corrupt("longer than its header says".to_string()),
        std::cmp::Ordering::Equal => Loose::Object(kind, out, nul + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blob both packed and loose, the loose copy truncated: read from
    /// the pack, as git reads it. Loose alone, it is corrupt.
    #[test]
    fn packs_are_read_first_and_a_truncated_loose_object_is_corrupt() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let content = "[program]\nname = \"Packed\"\n".repeat(50);
        let oid = Repository::init(dir.path())
            .and_then(|r| r.blob(content.as_bytes()))
            .expect("blob");
        let hex = oid.to_string();
        let git = |args: &[&str]| {
            let ok = std::process::Command::new("git")
                .args(args)
                .current_dir(dir.path())
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "git {args:?}");
        };
        git(&["tag", "keep", &hex]);
        git(&["repack", "-a", "-d", "-q"]);
        let file = dir
            .path()
            .join(".git/objects")
            .join(&hex[..2])
            .join(&hex[2..]);
        let whole = loose("blob", content.as_bytes());
        std::fs::create_dir_all(file.parent().expect("fan-out")).expect("dir");
        std::fs::write(&file, &whole[..whole.len() / 2]).expect("write");
        let repo = open(dir.path()).expect("open");
        let read = repo
            .odb()
            .and_then(|odb| Ok(odb.read(oid)?.data().to_vec()));
        assert_eq!(read.expect("from the pack"), content.as_bytes());

        let other = "[program]\nname = \"Loose\"\n".repeat(50);
        let oid = repo.blob(other.as_bytes()).expect("blob");
        let hex = oid.to_string();
        let file = dir
            .path()
            .join(".git/objects")
            .join(&hex[..2])
            .join(&hex[2..]);
        let whole = loose("blob", other.as_bytes());
        let mut perms = std::fs::metadata(&file).expect("loose").permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&file, perms).expect("writable");
        std::fs::write(&file, &whole[..whole.len() / 2]).expect("write");
        let err = open(dir.path())
            .and_then(|r| Ok(r.odb()?.read(oid)?.data().len()))
            .expect_err("truncated");
        assert!(err.message().contains("is corrupt"), "{}", err.message());
    }

    fn deflate(raw: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(raw).expect("in memory");
        z.finish().expect("in memory")
    }

    fn loose(kind: &str, content: &[u8]) -> Vec<u8> {
        let mut raw = format!("{kind} {}\0", content.len()).into_bytes();
        raw.extend_from_slice(content);
        deflate(&raw)
    }

    #[test]
    fn a_sound_object_reads_and_a_cut_one_is_corrupt_at_any_length() {
        let content = "[program]\nname = \"Spring 春\"\n".repeat(40);
        let file = loose("blob", content.as_bytes());
        match inflate_object(&file) {
            Loose::Object(kind, bytes, start) => {
                assert_eq!(kind, raw::GIT_OBJECT_BLOB);
                assert_eq!(&bytes[start..], content.as_bytes());
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
        let file = deflate(&raw);
        assert!(matches!(inflate_object(&file), Loose::Corrupt(_)));
        let raw = b"blob 50\0short".to_vec();
        let file = deflate(&raw);
        assert!(matches!(inflate_object(&file), Loose::Corrupt(_)));
    }

    /// A large object inflates whole; a header claiming far more than the
    /// stream holds is refused without the memory it claims.
    #[test]
    fn large_objects_and_lying_headers() {
        let content: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
        match inflate_object(&loose("blob", &content)) {
            Loose::Object(_, bytes, start) => assert_eq!(bytes[start..], content),
            _ => panic!("a sound object"),
        }
        // A checksum that does not match is corrupt too.
        let mut file = loose("blob", b"content");
        let last = file.len() - 1;
        file[last] ^= 1;
        assert!(matches!(inflate_object(&file), Loose::Corrupt(_)));
        let raw = b"blob 999999999999\0short".to_vec();
        let file = deflate(&raw);
        assert!(matches!(inflate_object(&file), Loose::Corrupt(m) if m.contains("shorter")));
    }
}
