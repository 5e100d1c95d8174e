//! Git's conflict markers left in a plan file (after a conflicted merge,
//! rebase or stash): one error at the first marker, instead of the TOML
//! syntax errors and follow-on problems the markers would cause.

use std::fmt;

/// Where a file's first conflict marker stands, and which it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// 1-based.
    pub line: u32,
    /// `<<<<<<<` or `>>>>>>>`.
    pub marker: &'static str,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unresolved merge conflict ({} marker): resolve it and commit",
            self.marker
        )
    }
}

const OURS: &str = "<<<<<<<";
const THEIRS: &str = ">>>>>>>";

/// The first line that begins with `<<<<<<<` or `>>>>>>>` followed by a
/// space or the line's end, as git writes them. `=======` alone is no
/// marker: a heading's underline in a multi-line note looks the same.
/// Linear in the text: two substring searches, then one pass from the
/// line of the first run of seven `<` or `>` (a file without one is not
/// scanned line by line at all).
pub fn find(text: &str) -> Option<Conflict> {
    let bytes = text.as_bytes();
    let finder = |needle: &str| memchr::memmem::find(bytes, needle.as_bytes());
    let first = match (finder(OURS), finder(THEIRS)) {
        (None, None) => return None,
        (a, b) => a.into_iter().chain(b).min().unwrap_or(0),
    };
    // Start the line-by-line look at the line holding the first run.
    let start = memchr::memrchr(b'\n', &bytes[..first]).map_or(0, |nl| nl + 1);
    let before = 1 + memchr::memchr_iter(b'\n', &bytes[..start]).count();
    for (line, text) in (before..).zip(text[start..].split('\n')) {
        for marker in [OURS, THEIRS] {
            if let Some(rest) = text.strip_prefix(marker)
                && (rest.is_empty() || rest.starts_with([' ', '\r']))
            {
                return Some(Conflict {
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    marker,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_marker_line() {
        let text = "[program]\nname = \"P\"\n<<<<<<< HEAD\na = 1\n=======\na = 2\n>>>>>>> b\n";
        assert_eq!(
            find(text),
            Some(Conflict {
                line: 3,
                marker: OURS
            })
        );
        // CRLF, and a marker with nothing after it.
        assert_eq!(find("x = 1\r\n<<<<<<<\r\n").map(|c| c.line), Some(2));
        // Only the end of a conflict left.
        let text = "a = 1\n=======\nb = 2\n>>>>>>> theirs\n";
        assert_eq!(
            find(text),
            Some(Conflict {
                line: 4,
                marker: THEIRS
            })
        );
    }

    #[test]
    fn text_that_only_looks_like_one_is_not() {
        for text in [
            "",
            "note = \"\"\"Title\n=======\n\"\"\"\n",
            "note = \"a <<<<<<< b\"\n",
            "  <<<<<<< indented\n",
            "<<<<<<<< eight\n",
            "<<<<<<<x\n",
            "<<<<<<\n",
        ] {
            assert_eq!(find(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_marker_after_many_lines_is_counted_right() {
        let mut text = "x = 1\n".repeat(10_000);
        text.push_str("note = \"<<<<<<< not at a line start\"\n");
        text.push_str(">>>>>>> feature\n");
        assert_eq!(find(&text).map(|c| c.line), Some(10_002));
    }
}
