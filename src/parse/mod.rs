//! Parsing one plan file: bytes in, people and at most one program out, with
//! every problem found on the way. Files are independent, so the loader
//! parses them in parallel and `diff`/`log` cache them by blob id.

mod conflict;
mod fields;
mod file_problems;
mod quick;
mod rules;
mod sections;

#[cfg(test)]
mod section_tests;

use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use crate::diag::Diagnostic;
use crate::escape::escape_control;
use crate::format;
use crate::line_index::LineIndex;
use crate::model::{Better, Deliverable, Metric, Milestone, Person, Pos, Program, Ring, Team};
use crate::suggest::did_you_mean;

pub use conflict::{Conflict, find as find_conflict};
use fields::{Fields, Sink, Value, check_id};
use file_problems::FileProblems;
pub use rules::{is_id_char, is_valid_id};
pub(crate) use sections::{
    EarlierSections, Reading, Section, SectionMemo, SectionSpan, parse_file_reusing,
};

/// What one file contributed.
#[derive(Clone, Debug, Default)]
pub struct ParsedFile {
    pub people: Vec<Person>,
    pub program: Option<Program>,
    /// Ids of deliverables that were dropped for missing or broken required
    /// keys: references to them are not reported a second time.
    pub broken_deliverables: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file's bytes could not be read at all (its only diagnostic
    /// says so too): a history must not take it for an empty file.
    pub unread: Option<String>,
    /// The file was not read as plans at all (its bytes not read, not
    /// UTF-8, conflict markers, too complex): what it holds is not known,
    /// and the cross-file checks do not call what it may hold unknown.
    pub lost: Option<Lost>,
}

/// A plan file whose content was lost to one error (see
/// [`ParsedFile::lost`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lost {
    pub path: Arc<str>,
    /// It may hold `[[person]]` entries: the roster may be incomplete.
    pub people: bool,
}

impl ParsedFile {
    /// A file not read as plans: `problem` says why; `content`, when its
    /// bytes were read, tells whether it may hold people.
    pub(crate) fn lost(path: &Arc<str>, problem: Diagnostic, content: Option<&[u8]>) -> ParsedFile {
        // Only what the file may hold matters: a file that never says
        // `person` holds no roster entries.
        let people = content.is_none_or(|c| memchr::memmem::find(c, b"person").is_some());
        ParsedFile {
            diagnostics: vec![problem],
            lost: Some(Lost {
                path: path.clone(),
                people,
            }),
            ..ParsedFile::default()
        }
    }

    /// The same content as read from `path`: what depends on the path (the
    /// program id, the check of the file name) is worked out here, never
    /// taken from a reading of the same bytes at another path.
    pub(crate) fn at_path(mut self, path: &Arc<str>) -> ParsedFile {
        let moved = |p: &Arc<str>| !Arc::ptr_eq(p, path) && **p != **path;
        for p in self.people.iter_mut().filter(|p| moved(&p.path)) {
            p.path = path.clone();
        }
        for d in self.diagnostics.iter_mut().filter(|d| moved(&d.path)) {
            d.path = path.clone();
        }
        if let Some(lost) = self.lost.as_mut().filter(|l| moved(&l.path)) {
            lost.path = path.clone();
        }
        let id = program_id(path);
        if self.program.is_some() && !is_valid_id(id) {
            // A file name is no id: the program is not read at all, so the
            // name never reaches any output as one.
            self.program = None;
            let message = rules::bad_id_message(id, "program (file name)");
            self.diagnostics.push(Diagnostic::error(
                path,
                Pos { line: 1, col: 1 },
                format!("{message}; the program in this file is not read"),
            ));
        }
        if let Some(prog) = &mut self.program {
            if moved(&prog.path) {
                prog.path = path.clone();
            }
            if prog.id != id {
                prog.id = id.to_string();
            }
        }
        self
    }
}

// The known keys of each table, from the format's one description
// (`crate::format`), which the JSON Schema is built from too.
const TOP_KEYS: &[&str] = &format::table_names(&format::TABLES);
const PERSON_KEYS: &[&str] = &format::key_names(&format::PERSON_KEYS);
const PROGRAM_KEYS: &[&str] = &format::key_names(&format::PROGRAM_KEYS);
const TEAM_KEYS: &[&str] = &format::key_names(&format::TEAM_KEYS);
const MILESTONE_KEYS: &[&str] = &format::key_names(&format::MILESTONE_KEYS);
const METRIC_KEYS: &[&str] = &format::key_names(&format::METRIC_KEYS);
const DELIVERABLE_KEYS: &[&str] = &format::key_names(&format::DELIVERABLE_KEYS);

/// The program id of a plan file: its file stem.
pub fn program_id(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".toml").unwrap_or(name)
}

/// Parses one plan file. Never fails: problems become diagnostics.
///
/// Plain `[[deliverable]]` sections are read the quick way (see `quick.rs`),
/// the rest through the TOML parser; the result is exactly
/// [`parse_file_general`]'s.
pub fn parse_file(path: Arc<str>, bytes: &[u8]) -> ParsedFile {
    read_file(path.clone(), bytes).at_path(&path)
}

/// [`parse_file`] without what depends on the path: what a cache by content
/// keeps ([`ParsedFile::at_path`] adds the rest).
pub(crate) fn read_file(path: Arc<str>, bytes: &[u8]) -> ParsedFile {
    parse_file_reusing(path, bytes, None, false).parsed
}

/// Parses one plan file through the TOML parser alone: the reference that
/// [`parse_file`] must agree with, and its fallback.
pub fn parse_file_general(path: Arc<str>, bytes: &[u8]) -> ParsedFile {
    let _turn = large_file_turn(bytes.len());
    read_file_general(path.clone(), bytes).at_path(&path)
}

/// Files over this size are parsed one at a time, whatever the number of
/// cores: what parsing holds is bounded by one large file, not by as many
/// as there are threads.
const LARGE_FILE: usize = 1 << 20;

static LARGE_FILES: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A turn to parse a file of `len` bytes: large files wait for each other.
fn large_file_turn(len: usize) -> Option<std::sync::MutexGuard<'static, ()>> {
    // A parse that panicked cannot leave anything behind this lock.
    (len > LARGE_FILE).then(|| LARGE_FILES.lock().unwrap_or_else(|e| e.into_inner()))
}

/// [`parse_file_general`] without what depends on the path.
fn read_file_general(path: Arc<str>, bytes: &[u8]) -> ParsedFile {
    parse_recording(path, bytes, None).0
}

/// One deliverable table as the whole-file parse read it, for
/// [`sections`] to remember.
struct Recorded {
    read: Result<Deliverable, Option<String>>,
    at: Pos,
    /// Its diagnostics, as indexes into the file's.
    diagnostics: std::ops::Range<usize>,
}

/// [`parse_file`], also recording each deliverable table's reading when
/// `record` is given. Returns whether toml found syntax errors.
fn parse_recording(
    path: Arc<str>,
    bytes: &[u8],
    record: Option<&mut Vec<Recorded>>,
) -> (ParsedFile, bool) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let pos = LineIndex::new(prefix).pos(prefix.len());
            let problem = Diagnostic::error(
                &path,
                pos,
                format!(
                    "file is not UTF-8 text (invalid byte 0x{:02x}); plan files must be saved as UTF-8",
                    bytes[e.valid_up_to()]
                ),
            );
            return (ParsedFile::lost(&path, problem, Some(bytes)), true);
        }
    };
    // Conflict markers: one error at the first, not the syntax errors and
    // half-read tables they would make.
    if let Some(conflict) = conflict::find(text) {
        let at = Pos {
            line: conflict.line,
            col: 1,
        };
        let problem = Diagnostic::error(&path, at, conflict.to_string());
        return (ParsedFile::lost(&path, problem, Some(bytes)), true);
    }
    if let Err(tokens) = within_token_limit(text) {
        let problem = Diagnostic::error(&path, Pos { line: 1, col: 1 }, too_complex(tokens));
        return (ParsedFile::lost(&path, problem, Some(bytes)), true);
    }
    let mut sink = Sink::new(&path, text);
    let (root, errors) = DeTable::parse_recoverable(text);
    let syntax_errors = !errors.is_empty();
    for e in errors {
        let span = e.span();
        let at = span.as_ref().map_or(0, |s| s.start);
        // What the error points at, as written (a key, a date).
        let found = span.and_then(|s| text.get(s));
        sink.error(at, syntax_message(e.message(), found));
    }
    let mut out = ParsedFile::default();
    read_root(&mut sink, &path, root.get_ref(), &mut out, record);
    // What was recorded of each table no longer matches a list that stopped.
    let incomplete = syntax_errors || sink.diags.overflowed();
    out.diagnostics = sink.diags.into_vec(&path);
    (out, incomplete)
}

/// The most TOML tokens one parse is handed. The TOML parser holds every
/// token and event of its input at once (some 70 bytes a token): a file
/// made of nothing but brackets would take most of a gigabyte. A real plan
/// file has far fewer tokens (most of its deliverables do not even reach
/// the TOML parser: see `quick.rs`).
const TOKEN_LIMIT: usize = 2_000_000;

/// `Err(tokens)` when `text` has more than [`TOKEN_LIMIT`] tokens
/// (counted without keeping them; a text shorter than the limit cannot).
fn within_token_limit(text: &str) -> Result<(), usize> {
    if text.len() <= TOKEN_LIMIT {
        return Ok(());
    }
    let tokens = toml_parser::Source::new(text)
        .lex()
        .take(TOKEN_LIMIT + 1)
        .count();
    if tokens > TOKEN_LIMIT {
        Err(tokens)
    } else {
        Ok(())
    }
}

fn too_complex(tokens: usize) -> String {
    format!(
        "the file is too complex to read: over {} TOML tokens (counted {tokens}); plan files have far fewer",
        TOKEN_LIMIT
    )
}

/// toml's messages, reworded where the plan format has a better name, and
/// naming what the error points at (`found`, as written) where toml does
/// not: the key written twice, the impossible date.
fn syntax_message(msg: &str, found: Option<&str>) -> String {
    let first = msg.lines().next().unwrap_or(msg).trim();
    let found = found.map(str::trim).filter(|s| !s.is_empty());
    if first.contains("day between") || first.contains("month between") {
        match found {
            Some(date) => format!("impossible date `{}` ({first})", escape_control(date)),
            None => format!("impossible date ({first})"),
        }
    } else if let (true, Some(key)) = (first == "duplicate key", found) {
        format!("TOML syntax: duplicate key `{}`", escape_control(key))
    } else {
        format!("TOML syntax: {first}")
    }
}

fn read_root(
    sink: &mut Sink<'_>,
    path: &Arc<str>,
    root: &DeTable<'_>,
    out: &mut ParsedFile,
    record: Option<&mut Vec<Recorded>>,
) {
    let top = Fields::new(root, 0, "the file", TOP_KEYS);
    top.warn_unknown(sink);

    for (item, at) in tables(sink, top.get("person"), "person") {
        if let Some(p) = read_person(sink, path, item, at) {
            out.people.push(p);
        }
    }

    let program = top.get("program");
    let has_program_parts = format::TABLES
        .iter()
        .filter(|t| t.in_program)
        .map(|t| t.name)
        .find(|k| top.get(k).is_some());
    let Some(program) = program else {
        if let Some(k) = has_program_parts {
            let at = top.get(k).map_or(0, |v| v.span().start);
            sink.error(
                at,
                format!("`{k}` needs a [program] table in the same file"),
            );
        }
        return;
    };
    let DeValue::Table(ptable) = program.get_ref() else {
        sink.error(
            program.span().start,
            "`program` must be a table: write [program]",
        );
        return;
    };
    let mut prog = read_program(sink, path, ptable, program.span().start);
    if let Some(team) = top.get("team") {
        read_team(sink, team, &mut prog.team);
    }
    read_milestones(sink, &top, &mut prog.milestones);
    read_metrics(sink, &top, &mut prog.metrics);
    read_deliverables(sink, &top, &mut prog, out, record);
    out.program = Some(prog);
}

/// The `[program]` table: its fields, with the program's id from its path.
fn read_program(
    sink: &mut Sink<'_>,
    path: &Arc<str>,
    ptable: &DeTable<'_>,
    table_at: usize,
) -> Program {
    // Checked with the path (`ParsedFile::at_path`): the rest of a reading
    // depends only on the bytes.
    let id = program_id(path).to_string();
    let f = Fields::new(ptable, table_at, "[program]", PROGRAM_KEYS);
    f.warn_unknown(sink);
    f.require(sink, &["name"]);
    let name = f.text(sink, "name").map_or_else(|| id.clone(), |(s, _)| s);
    let mut prog = Program {
        name,
        goal: f.text(sink, "goal").map(|(s, _)| s),
        strategist: f
            .id(sink, "strategist", "person")
            .map(|(s, at)| (s, sink.pos(at))),
        lead: f
            .id(sink, "lead", "person")
            .map(|(s, at)| (s, sink.pos(at))),
        priority: priority(sink, &f),
        start: None,
        end: f.date(sink, "end").map(|(d, _)| d),
        team: Team::default(),
        milestones: Vec::new(),
        metrics: Vec::new(),
        deliverables: Vec::new(),
        pos: sink.pos(table_at),
        start_pos: Pos::default(),
        id,
        path: path.clone(),
    };
    if let Some((d, at)) = f.date(sink, "start") {
        prog.start = Some(d);
        prog.start_pos = sink.pos(at);
    }
    if let (Some(s), Some(e)) = (prog.start, prog.end)
        && s > e
    {
        sink.error_at(
            prog.start_pos,
            format!("program start {s} is after its end {e}"),
        );
    }

    prog
}

/// The `[[milestone]]` tables; one without a name or a date is left out
/// (a problem says why).
fn read_milestones(sink: &mut Sink<'_>, top: &Fields<'_, '_>, milestones: &mut Vec<Milestone>) {
    for (item, at) in tables(sink, top.get("milestone"), "milestone") {
        let f = Fields::new(item, at, "milestone", MILESTONE_KEYS);
        f.warn_unknown(sink);
        f.require(sink, &["name", "date"]);
        let name = f.text(sink, "name");
        let date = f.date(sink, "date");
        // An empty list is "depends on nothing", an absent one the default.
        let needs = f
            .key_list(sink, "needs")
            .map(|list| rules::needs(sink, list));
        if let (Some((name, _)), Some((date, _))) = (name, date) {
            milestones.push(Milestone {
                name,
                date,
                needs,
                pos: sink.pos(at),
            });
        }
    }
}

/// The `[[metric]]` tables; a metric id defined twice is an error, and only
/// the first is kept.
fn read_metrics(sink: &mut Sink<'_>, top: &Fields<'_, '_>, metrics: &mut Vec<Metric>) {
    // The line each metric id is first defined at.
    let mut metric_ids: crate::graph::IdMap<String, u32> = Default::default();
    for (item, at) in tables(sink, top.get("metric"), "metric") {
        if let Some(m) = read_metric(sink, item, at) {
            if let Some(first) = metric_ids.get(&m.id) {
                let message = format!(
                    "duplicate metric id `{}` in this program (first defined at line {first})",
                    m.id
                );
                sink.error_at(m.id_pos, message);
            } else {
                metric_ids.insert(m.id.clone(), m.id_pos.line);
                metrics.push(m);
            }
        }
    }
}

/// The `[[deliverable]]` tables, added to the program (`record` keeps
/// each reading and its problems, for reuse).
fn read_deliverables(
    sink: &mut Sink<'_>,
    top: &Fields<'_, '_>,
    prog: &mut Program,
    out: &mut ParsedFile,
    mut record: Option<&mut Vec<Recorded>>,
) {
    let mut added = Deliverables::default();
    for (item, at) in tables(sink, top.get("deliverable"), "deliverable") {
        let before = sink.diags.len();
        let read = read_deliverable(sink, item, at);
        let pos = sink.pos(at);
        if let Some(record) = record.as_deref_mut() {
            record.push(Recorded {
                read: read.clone(),
                at: pos,
                diagnostics: before..sink.diags.len(),
            });
        }
        added.add(prog, out, &mut sink.diags, read);
    }
}

/// `priority`: an integer, 1 = highest; one below 1 is an error at the
/// value, and the program is then read without a priority.
fn priority(sink: &mut Sink<'_>, f: &Fields<'_, '_>) -> Option<i64> {
    let n = f.integer(sink, "priority")?;
    if n < 1 {
        let at = f.get("priority").map_or(0, |v| v.span().start);
        sink.error(
            at,
            format!("`priority` is 1 or more: 1 = highest (found {n})"),
        );
        return None;
    }
    Some(n)
}

/// Adds deliverables to a program in file order, refusing a second one with
/// the same id.
#[derive(Default)]
struct Deliverables {
    /// The line of each id's first definition.
    seen: crate::graph::IdMap<String, u32>,
}

impl Deliverables {
    /// `diags` are the file's diagnostics so far.
    fn add(
        &mut self,
        prog: &mut Program,
        out: &mut ParsedFile,
        diags: &mut FileProblems,
        read: Result<Deliverable, Option<String>>,
    ) -> Option<usize> {
        match read {
            Ok(d) => match self.seen.get(&d.id) {
                None => {
                    self.seen.insert(d.id.clone(), d.id_pos.line);
                    prog.deliverables.push(d);
                    return Some(prog.deliverables.len() - 1);
                }
                Some(&first) => diags.error(
                    &prog.path,
                    d.id_pos,
                    format!(
                        "duplicate deliverable id `{}` in this program (first defined at line {first})",
                        d.id
                    ),
                ),
            },
            Err(Some(id)) => out.broken_deliverables.push(id),
            Err(None) => {}
        }
        None
    }
}

/// The items of an array of tables (`[[deliverable]]`), with their offsets.
fn tables<'t, 'i>(
    sink: &mut Sink<'_>,
    v: Option<&'t Value<'i>>,
    key: &str,
) -> Vec<(&'t DeTable<'i>, usize)> {
    let Some(v) = v else { return Vec::new() };
    match v.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::Table(t) => Some((t, item.span().start)),
                _ => {
                    sink.error(
                        item.span().start,
                        format!("each `{key}` must be a table: write [[{key}]]"),
                    );
                    None
                }
            })
            .collect(),
        DeValue::Table(t) => {
            sink.error(
                v.span().start,
                format!("`{key}` must be written [[{key}]] (a list of tables)"),
            );
            vec![(t, v.span().start)]
        }
        other => {
            sink.error(
                v.span().start,
                format!(
                    "`{key}` must be a list of tables ([[{key}]]), found {}",
                    other.type_str()
                ),
            );
            Vec::new()
        }
    }
}

fn read_person(sink: &mut Sink<'_>, path: &Arc<str>, t: &DeTable<'_>, at: usize) -> Option<Person> {
    let f = Fields::new(t, at, "person", PERSON_KEYS);
    f.warn_unknown(sink);
    f.require(sink, &["id", "name"]);
    let id = f.id(sink, "id", "person");
    let name = f.text(sink, "name");
    let ring = f
        .text(sink, "ring")
        .and_then(|(s, at)| parse_ring(sink, &s, at));
    let (id, id_at) = id?;
    let person = Person {
        role: f.text(sink, "role").map(|(s, _)| s),
        org: f.text(sink, "org").map(|(s, _)| s),
        contact: f.text(sink, "contact").map(|(s, _)| s),
        ring,
        id,
        name: name?.0,
        path: path.clone(),
        pos: sink.pos(at),
        id_pos: sink.pos(id_at),
    };
    Some(person)
}

fn parse_ring(sink: &mut Sink<'_>, s: &str, at: usize) -> Option<Ring> {
    let ring = Ring::parse(s);
    if ring.is_none() {
        let hint = did_you_mean(s, Ring::ALL.iter().map(|r| r.as_str()));
        sink.error(
            at,
            format!(
                "unknown ring `{}`: use core, extended or partner{hint}",
                escape_control(s)
            ),
        );
    }
    ring
}

fn read_team(sink: &mut Sink<'_>, v: &Value<'_>, team: &mut Team) {
    let DeValue::Table(t) = v.get_ref() else {
        sink.error(v.span().start, "`team` must be a table: write [team]");
        return;
    };
    let f = Fields::new(t, v.span().start, "[team]", TEAM_KEYS);
    f.warn_unknown(sink);
    for ring in Ring::ALL {
        for (person, at) in f.string_list(sink, ring.as_str()) {
            check_id(sink, &person, at, "person");
            let pos = sink.pos(at);
            match team.ring_of(&person) {
                None => {
                    // Not in any list yet: cannot fail.
                    let _ = team.add(ring, person, pos);
                }
                // The same list twice: an error as the plan schema has it
                // (`uniqueItems`), with its own words; the first stands.
                Some(other) if other == ring => {
                    sink.error(at, format!("`{person}` is listed twice in team.{ring}"));
                }
                Some(other) => sink.error(
                    at,
                    format!("`{person}` is in two ring lists of this program: {other} and {ring}"),
                ),
            }
        }
    }
}

fn read_metric(sink: &mut Sink<'_>, t: &DeTable<'_>, at: usize) -> Option<Metric> {
    let f = Fields::new(t, at, "metric", METRIC_KEYS);
    f.warn_unknown(sink);
    f.require(sink, &["id", "name", "target"]);
    let id = f.id(sink, "id", "metric");
    let name = f.text(sink, "name");
    let target = f.number(sink, "target");
    let actual = f.number(sink, "actual");
    let unit = f.text(sink, "unit").map(|(s, _)| s);
    let owner = f.id(sink, "owner", "person");
    let better = f
        .key_text(sink, "better")
        .read()
        .map_or_else(Better::default, |v| rules::better(sink, v));
    let baseline = f.number(sink, "baseline");
    let by = f.date(sink, "by").map(|(d, _)| d);
    let (id, id_at) = id?;
    Some(Metric {
        id,
        id_pos: sink.pos(id_at),
        name: name?.0,
        unit,
        target: target?,
        actual,
        owner_pos: owner
            .as_ref()
            .map_or_else(Pos::default, |(_, at)| sink.pos(*at)),
        owner: owner.map(|(s, _)| s),
        better,
        baseline,
        by,
        pos: sink.pos(at),
    })
}

/// `Err(Some(id))`: dropped for a broken required key, but its id is known.
fn read_deliverable(
    sink: &mut Sink<'_>,
    t: &DeTable<'_>,
    at: usize,
) -> Result<Deliverable, Option<String>> {
    let f = Fields::new(t, at, "deliverable", DELIVERABLE_KEYS);
    f.warn_unknown(sink);
    let mut keys = rules::DeliverableKeys {
        table: sink.pos(at),
        values: Default::default(),
    };
    for (value, key) in keys.values.iter_mut().zip(&format::DELIVERABLE_KEYS) {
        *value = f.key(sink, key);
    }
    rules::deliverable(sink, keys)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::parse_file_general;

    fn messages(text: &str) -> Vec<String> {
        parse_file_general(Arc::from("boards/p.toml"), text.as_bytes())
            .diagnostics
            .iter()
            .map(|d| format!("{}:{} {}", d.pos.line, d.pos.col, d.message))
            .collect()
    }

    /// The key a duplicate-key error names is plan text: a bidi control
    /// in it is written out, never printed.
    #[test]
    fn a_duplicate_key_is_named_escaped() {
        let text = "[program]\nname = \"a\"\n\"n\u{202e}x\" = 1\n\"n\u{202e}x\" = 2\n";
        assert!(
            messages(text)
                .contains(&"4:1 TOML syntax: duplicate key `\"n\\u{202e}x\"`".to_string()),
            "{:?}",
            messages(text)
        );
    }

    /// An impossible date is quoted as written, also in a date-time.
    #[test]
    fn an_impossible_date_is_quoted() {
        let text = "[program]\nname = \"a\"\nend = 2027-04-31\nstart = 2028-02-30T10:00:00\n";
        let got = messages(text);
        for expected in [
            "3:7 impossible date `2027-04-31` (invalid date, expected day between 01 and 30)",
            "4:9 impossible date `2028-02-30T10:00:00` (invalid date, expected day between 01 and 29)",
        ] {
            assert!(got.contains(&expected.to_string()), "{got:?}");
        }
    }
}
