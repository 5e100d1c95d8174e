//! Parsing a plan file section by section, and a new version of it by
//! re-reading only what changed.
//!
//! Most plan files are a head (`[program]`, `[team]`, milestones, metrics)
//! followed by a long run of `[[deliverable]]` tables, and most commits
//! touch a few of them. The head goes through the TOML parser; each section
//! is read the quick way (`quick.rs`) when it is plain, alone through the TOML
//! parser when not. A section means the same thing wherever it stands, so a
//! later version takes every section whose text is unchanged from the
//! earlier reading ([`EarlierSections`]) and shifts its line numbers. The
//! result is exactly what [`super::parse_file_general`] gives (before the
//! path's own checks, [`ParsedFile::at_path`]); whenever that cannot
//! be guaranteed (another header after the deliverables, a syntax error
//! anywhere, no `[program]` in the head) the whole file is parsed the
//! general way.

use std::sync::Arc;

use toml::de::DeTable;

use super::quick::quick_deliverable;
use super::{
    Deliverables, ParsedFile, parse_recording, read_deliverable, read_file_general, read_root,
    tables, within_token_limit,
};
use crate::diag::Diagnostic;
use crate::graph::IdMap;
use crate::model::{Deliverable, Pos};
use crate::parse::fields::Sink;

/// `[[deliverable]]` sections of earlier files by their text: those with
/// diagnostics (a clean section is found again through its span instead),
/// and every section of a file that had to be parsed whole.
#[derive(Default)]
pub(crate) struct SectionMemo {
    parsed: IdMap<Box<str>, Section>,
}

impl SectionMemo {
    /// How many distinct sections it holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.parsed.len()
    }

    /// Adds the sections of another file or version.
    pub(crate) fn absorb(&mut self, other: SectionMemo) {
        if self.parsed.is_empty() {
            self.parsed = other.parsed;
        } else {
            self.parsed.extend(other.parsed);
        }
    }
}

/// Readings of `[[deliverable]]` sections made before, found by their
/// text: the memo of sections read the general way, and whatever else a
/// caller keeps (the diff's blob cache finds them in the other side's files).
pub(crate) trait EarlierSections: Sync {
    /// The reading of a section with exactly this text, lines counted from
    /// 1 at its first line.
    fn section(&self, body: &str) -> Option<Section>;
}

impl EarlierSections for SectionMemo {
    fn section(&self, body: &str) -> Option<Section> {
        self.parsed.get(body).cloned()
    }
}

/// Where a cleanly read section (a deliverable, no diagnostics) stands in
/// the bytes of its file, so that a later version can copy its deliverable
/// instead of reading the same text again.
#[derive(Clone, Debug)]
pub(crate) struct SectionSpan {
    /// Its bytes in the file.
    pub text: std::ops::Range<usize>,
    /// The lines before it.
    pub lines_before: u32,
    /// Its index in the program's deliverables.
    pub deliverable: usize,
}

/// One file read by [`parse_file_reusing`].
pub(crate) struct Reading {
    pub parsed: ParsedFile,
    /// With `keep`: the sections read the general way, by their text.
    pub memo: Option<SectionMemo>,
    /// With `keep`: where the cleanly read sections stand.
    pub spans: Vec<SectionSpan>,
}

impl Reading {
    /// A file that offers nothing to a later version.
    pub(crate) fn alone(parsed: ParsedFile) -> Reading {
        Reading {
            parsed,
            memo: None,
            spans: Vec::new(),
        }
    }
}

/// One `[[deliverable]]` section read on its own; lines count from 1 at the
/// section's first line.
#[derive(Clone)]
pub(crate) struct Section {
    read: Result<Deliverable, Option<String>>,
    at: Pos,
    diagnostics: Vec<Diagnostic>,
}

impl Section {
    /// A deliverable read cleanly from a section that had `lines_before` lines
    /// before it in its file.
    pub(crate) fn copied(d: &Deliverable, lines_before: u32) -> Section {
        let placed = Section {
            read: Ok(d.clone()),
            at: d.pos,
            diagnostics: Vec::new(),
        };
        placed.shifted(-i64::from(lines_before))
    }

    fn is_clean(&self) -> bool {
        self.read.is_ok() && self.diagnostics.is_empty()
    }

    /// The section moved `lines` lines (down when positive) in `path`.
    fn moved(self, lines: i64, path: &Arc<str>) -> Section {
        let mut moved = self.shifted(lines);
        for d in &mut moved.diagnostics {
            d.path = path.clone();
        }
        moved
    }

    /// The section moved `lines` lines, down when positive.
    fn shifted(mut self, lines: i64) -> Section {
        let shift = |p: &mut Pos| {
            // Line 0 is "no position" (an absent optional key).
            if p.line != 0 {
                p.line = u32::try_from(i64::from(p.line) + lines).unwrap_or(p.line);
            }
        };
        shift(&mut self.at);
        if let Ok(d) = &mut self.read {
            for p in [
                &mut d.pos,
                &mut d.id_pos,
                &mut d.owner_pos,
                &mut d.due_pos,
                &mut d.start_pos,
            ] {
                shift(p);
            }
            for n in &mut d.needs {
                shift(&mut n.pos);
            }
        }
        for d in &mut self.diagnostics {
            shift(&mut d.pos);
        }
        self
    }
}

/// Where a `[[deliverable]]` section starts: byte offset, and the number of
/// lines before it.
#[derive(Clone, Copy)]
struct Cut {
    start: usize,
    line: u32,
}

/// Parses a plan file, taking every section whose text `earlier` already
/// holds from there. With `keep`, also returns what a later version can take
/// from this one.
pub(crate) fn parse_file_reusing(
    path: Arc<str>,
    bytes: &[u8],
    earlier: Option<&dyn EarlierSections>,
    keep: bool,
) -> Reading {
    let _turn = super::large_file_turn(bytes.len());
    let text = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .and_then(|b| std::str::from_utf8(b).ok())
        .or_else(|| std::str::from_utf8(bytes).ok());
    // A file with conflict markers is one error, which the whole-file
    // reading reports.
    let text = text.filter(|t| super::conflict::find(t).is_none());
    let Some((text, cuts)) = text.and_then(|t| Some((t, cut(t)?))) else {
        return Reading::alone(read_file_general(path, bytes));
    };
    let ends = cuts.iter().skip(1).map(|c| c.start).chain([text.len()]);
    let bodies: Vec<&str> = cuts
        .iter()
        .zip(ends)
        .map(|(c, end)| &text[c.start..end])
        .collect();
    match parse_sections(&path, text, &cuts, &bodies, earlier, keep) {
        Some(mut done) => {
            // Spans count in the file's bytes, byte-order mark included.
            let bom = bytes.len() - text.len();
            for span in &mut done.spans {
                span.text = span.text.start + bom..span.text.end + bom;
            }
            done
        }
        None => whole(path, bytes, &cuts, &bodies, keep),
    }
}

/// The ordinary whole-file parse, remembering each section with `keep`.
fn whole(path: Arc<str>, bytes: &[u8], cuts: &[Cut], bodies: &[&str], keep: bool) -> Reading {
    if !keep {
        return Reading::alone(read_file_general(path, bytes));
    }
    let mut record = Vec::with_capacity(cuts.len());
    let (parsed, syntax_errors) = parse_recording(path.clone(), bytes, Some(&mut record));
    // Without a syntax error, the n-th table of the array is the n-th section.
    if syntax_errors || record.len() != cuts.len() {
        return Reading::alone(parsed);
    }
    let mut memo = SectionMemo::default();
    memo.parsed.reserve(record.len());
    for ((r, cut), body) in record.into_iter().zip(cuts).zip(bodies) {
        let section = Section {
            read: r.read,
            at: r.at,
            diagnostics: parsed.diagnostics[r.diagnostics].to_vec(),
        };
        let relative = section.moved(-i64::from(cut.line), &path);
        memo.parsed.insert((*body).into(), relative);
    }
    Reading {
        parsed,
        memo: Some(memo),
        spans: Vec::new(),
    }
}

/// The head parsed whole, then each section taken from `earlier` or read
/// alone. `None` when only the whole-file parse can be trusted.
fn parse_sections(
    path: &Arc<str>,
    text: &str,
    cuts: &[Cut],
    bodies: &[&str],
    earlier: Option<&dyn EarlierSections>,
    keep: bool,
) -> Option<Reading> {
    let head = &text[..cuts[0].start];
    within_token_limit(head).ok()?;
    let (root, errors) = DeTable::parse_recoverable(head);
    let root = root.get_ref();
    if !errors.is_empty() || root.get("deliverable").is_some() || root.get("program").is_none() {
        return None;
    }
    let mut sink = Sink::new(path, head);
    let mut out = ParsedFile::default();
    read_root(&mut sink, path, root, &mut out, None);
    let mut diags = sink.diags;
    let mut prog = out.program.take()?;
    prog.deliverables.reserve_exact(cuts.len());
    let mut memo = keep.then(SectionMemo::default);
    let mut spans = Vec::new();
    let mut added = Deliverables::default();
    let mut general = 0;
    for (done, (cut, body)) in cuts.iter().zip(bodies).enumerate() {
        let known = earlier.and_then(|e| e.section(body));
        let section = match known {
            Some(s) => s,
            None => match quick_deliverable(body) {
                Some(d) => Section {
                    read: Ok(d),
                    at: Pos { line: 1, col: 1 },
                    diagnostics: Vec::new(),
                },
                None => {
                    // A section read alone the general way costs more than
                    // its share of one whole parse: past a few, parse the
                    // file whole.
                    // (Not for a large file: section by section, what the
                    // TOML parser holds at once stays small.)
                    general += 1;
                    if general > 4 && general * 2 > done && text.len() < WHOLE_PARSE_MAX {
                        return None;
                    }
                    parse_section(path, body)?
                }
            },
        };
        let clean = section.is_clean();
        // A clean section is found again through its span (copying it costs
        // less than reading it); the rest is remembered by its text.
        if let Some(memo) = &mut memo
            && !clean
        {
            memo.parsed.insert((*body).into(), section.clone());
        }
        let placed = section.moved(i64::from(cut.line), path);
        for d in placed.diagnostics {
            diags.push(d);
        }
        let index = added.add(&mut prog, &mut out, &mut diags, placed.read);
        if let (true, true, Some(deliverable)) = (keep, clean, index) {
            let start = body.as_ptr() as usize - text.as_ptr() as usize;
            spans.push(SectionSpan {
                text: start..start + body.len(),
                lines_before: cut.line,
                deliverable,
            });
        }
    }
    out.program = Some(prog);
    out.diagnostics = diags.into_vec(path);
    Some(Reading {
        parsed: out,
        memo,
        spans,
    })
}

/// Reads one `[[deliverable]]` section alone; `None` on a syntax error.
fn parse_section(path: &Arc<str>, body: &str) -> Option<Section> {
    within_token_limit(body).ok()?;
    let (root, errors) = DeTable::parse_recoverable(body);
    let root = root.get_ref();
    if !errors.is_empty() || root.len() != 1 {
        return None;
    }
    let mut sink = Sink::new(path, body);
    let items = tables(&mut sink, root.get("deliverable"), "deliverable");
    let [(table, at)] = items.as_slice() else {
        return None;
    };
    let read = read_deliverable(&mut sink, table, *at);
    let at = sink.pos(*at);
    Some(Section {
        read,
        at,
        diagnostics: sink.diags.into_vec(path),
    })
}

/// Files larger than this are never parsed whole when they can be read
/// section by section.
const WHOLE_PARSE_MAX: usize = 1 << 20;

/// Where the top-level `[[deliverable]]` sections start, when the file is a
/// head followed only by such sections; `None` otherwise (no deliverables,
/// another header after them, or a multi-line string left open).
///
/// A line is a header only outside strings and outside a bracketed value
/// spanning lines, as TOML reads it.
fn cut(text: &str) -> Option<Vec<Cut>> {
    let b = text.as_bytes();
    let n = b.len();
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    let mut line = 0u32;
    let mut i = 0;
    let mut line_start = true;
    while i < n {
        if std::mem::take(&mut line_start) && depth == 0 {
            let first = i + b[i..]
                .iter()
                .position(|&c| c != b' ' && c != b'\t')
                .unwrap_or(n - i);
            if b.get(first) == Some(&b'[') {
                let end = find(b'\n', b, first);
                if is_deliverable_header(&text[first..end]) {
                    cuts.push(Cut { start: i, line });
                } else if !cuts.is_empty() {
                    return None;
                }
                i = end + 1;
                line += 1;
                line_start = true;
                continue;
            }
        }
        match b[i] {
            b'\n' => {
                line += 1;
                line_start = true;
                i += 1;
            }
            b'#' => i = find(b'\n', b, i),
            b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            q @ (b'"' | b'\'') => {
                let end = skip_string(b, i, q)?;
                // Multi-line strings hold newlines; one-line strings do not.
                if b[i..].starts_with(&[q, q, q]) {
                    line += memchr::memchr_iter(b'\n', &b[i..end]).count() as u32;
                }
                i = end;
            }
            // Nothing else matters: go to the next byte that might.
            _ => {
                i += b[i..]
                    .iter()
                    .position(|&c| SPECIAL[usize::from(c)])
                    .unwrap_or(n - i);
            }
        }
    }
    (!cuts.is_empty()).then_some(cuts)
}

/// The bytes [`cut`] must look at.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"\n#[]{}\"'";
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// `[[deliverable]]`, with optional blanks and a trailing comment.
fn is_deliverable_header(line: &str) -> bool {
    line.strip_prefix("[[deliverable]]")
        .map(str::trim_start)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
}

/// The offset just past the string opening at `i` (quote `q`); `None` for a
/// multi-line string never closed. A one-line string left open ends at the
/// line's end, as TOML's own error recovery would see it.
fn skip_string(b: &[u8], i: usize, q: u8) -> Option<usize> {
    let n = b.len();
    let escapes = q == b'"';
    let triple = b[i..].starts_with(&[q, q, q]);
    let mut j = i + if triple { 3 } else { 1 };
    loop {
        // The next byte that can end the string or escape a quote.
        let rest = b.get(j..).unwrap_or_default();
        let next = match (escapes, triple) {
            (true, true) => memchr::memchr2(q, b'\\', rest),
            (true, false) => memchr::memchr3(q, b'\\', b'\n', rest),
            (false, true) => memchr::memchr(q, rest),
            (false, false) => memchr::memchr2(q, b'\n', rest),
        };
        let Some(k) = next else {
            return (!triple).then_some(n);
        };
        j += k;
        match b[j] {
            b'\\' => j += 2,
            b'\n' => return Some(j),
            _ if !triple => return Some(j + 1),
            _ if b[j..].starts_with(&[q, q, q]) => {
                // Up to two more quotes belong to the content: `""""` ends it too.
                let run = b[j..].iter().take_while(|&&x| x == q).count().min(5);
                return Some(j + run);
            }
            _ => j += 1,
        }
    }
}

/// The offset of the next `c` at or after `from`, or the end.
fn find(c: u8, b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&x| x == c)
        .map_or(b.len(), |p| from + p)
}
