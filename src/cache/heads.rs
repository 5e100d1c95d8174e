//! A plan file's head alone: `[program]`, the team, milestones and metrics,
//! without its deliverables. A metric's history needs no more, and most of
//! a file's bytes (and of the cost of reading it) are its deliverables.
//!
//! The section-by-section reading (`parse_file_reusing`) takes any
//! `[[deliverable]]` section a caller already holds from the caller: here
//! every section is "held" as one placeholder, so only the head goes
//! through the parser. The head reads exactly as in the whole file (a
//! section means the same wherever it stands, and the head's reading does
//! not depend on them); the placeholders are dropped after.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use crate::model::Deliverable;
use crate::parse::{EarlierSections, ParsedFile, Section, parse_file, parse_file_reusing};

/// Up to this size a file cannot have more TOML tokens than the parser
/// takes (two million), a limit only a whole-file reading checks: a larger
/// file is read whole, so that it is refused as it would be.
const HEAD_ONLY_MAX: usize = 2_000_000;

/// Every section taken as read: each its own placeholder, in order (a
/// file's sections are asked for one after another), so that no two share
/// an id (which would only make diagnostics to drop); past the last, the
/// last again.
struct Skipped {
    all: &'static [Deliverable],
    next: AtomicUsize,
}

impl EarlierSections for Skipped {
    fn section(&self, _body: &str) -> Option<Section> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        let d = self.all.get(i).or(self.all.last())?;
        Some(Section::copied(d, 0))
    }
}

/// How many distinct placeholders there are: more than most plan files
/// have deliverables.
const PLACEHOLDERS: usize = 512;

/// Deliverables to stand for sections, made by the parser itself (so they
/// keep up with the model); empty if they cannot be made.
fn placeholders() -> &'static [Deliverable] {
    static ALL: OnceLock<Vec<Deliverable>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut text = String::from("[program]\nname = \"p\"\n");
        for i in 0..PLACEHOLDERS {
            text.push_str(&format!(
                "\n[[deliverable]]\nid = \"s{i}\"\ntitle = \"p\"\nowner = \"p\"\ndue = 2027-01-01\n"
            ));
        }
        parse_file(Arc::from("boards/p.toml"), text.as_bytes())
            .program
            .map(|p| p.deliverables)
            .unwrap_or_default()
    })
}

/// The file's head as the whole file's reading has it (before what depends
/// on its path), with no deliverables and no diagnostics.
pub(crate) fn read_head(path: Arc<str>, bytes: &[u8]) -> ParsedFile {
    let all = placeholders();
    let skipped = (!all.is_empty() && bytes.len() <= HEAD_ONLY_MAX).then(|| Skipped {
        all,
        next: AtomicUsize::new(0),
    });
    let earlier = skipped.as_ref().map(|s| s as &dyn EarlierSections);
    let mut parsed = parse_file_reusing(path, bytes, earlier, false).parsed;
    if let Some(program) = &mut parsed.program {
        program.deliverables = Vec::new();
    }
    parsed.broken_deliverables = Vec::new();
    parsed.diagnostics = Vec::new();
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::read_file;

    fn head_of_whole(path: &str, text: &str) -> String {
        let mut whole = read_file(Arc::from(path), text.as_bytes());
        if let Some(p) = &mut whole.program {
            p.deliverables.clear();
        }
        whole.broken_deliverables.clear();
        whole.diagnostics.clear();
        format!("{whole:?}")
    }

    #[test]
    fn the_head_reads_as_in_the_whole_file() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/boards");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("examples") {
            let path = entry.expect("entry").path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let rel = format!(
                "boards/{}",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("")
            );
            let head = read_head(Arc::from(rel.as_str()), text.as_bytes());
            assert_eq!(format!("{head:?}"), head_of_whole(&rel, &text), "{rel}");
            seen += 1;
        }
        assert!(seen > 2);
    }

    #[test]
    fn a_broken_deliverable_does_not_change_the_head() {
        let text = "[program]\nname = \"P\"\n\n[[metric]]\nid = \"mql\"\nname = \"MQLs\"\n\
                    target = 100\nactual = 40\n\n[[deliverable]]\nid = \"a\"\ntitle = \"A\"\n\
                    owner = \"mei\"\ndue = 2027-02-30\n\n[[deliverable]]\nid = \"b\"\ntitle = \n";
        let head = read_head(Arc::from("boards/p.toml"), text.as_bytes());
        assert_eq!(format!("{head:?}"), head_of_whole("boards/p.toml", text));
        let metrics = &head.program.as_ref().expect("program").metrics;
        assert_eq!(metrics.len(), 1);
    }
}
