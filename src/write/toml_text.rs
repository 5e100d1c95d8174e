//! Editing a plan file's text in place. toml_edit parses the file and says
//! where each key and value stands (its spans); only those bytes are
//! replaced, so comments, blank lines, key order, quoting, line ends and a
//! byte-order mark stay by construction, and a trailing comment (which
//! toml_edit keeps in the value's decor) is never touched.

use std::ops::Range;

use toml_edit::{Document, InlineTable, Item, Table, Value};

/// One change to one deliverable's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Splice {
    /// Sets `key`: replaces its value, or adds the key last in its table.
    Set { key: &'static str, value: Repr },
    /// Removes the key and its value (with its line in a table).
    Remove { key: &'static str },
    /// Appends an entry to the `needs` array.
    Push { value: Repr },
    /// Removes this entry from the `needs` array.
    Pull { entry: String },
}

/// A new value: a string (quoted in the old value's style where it can
/// be) or TOML written out already (a date, an array).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Repr {
    Str(String),
    Raw(String),
}

/// A deliverable's key-value pairs where they stand in the text.
struct Found<'d> {
    inline: bool,
    pairs: Vec<Pair<'d>>,
    /// The end of the last value anywhere in the table (dotted sub-keys too).
    last_end: usize,
}

struct Pair<'d> {
    name: String,
    key: Range<usize>,
    value: Range<usize>,
    /// `None`: the key holds a table (dotted keys), not a value.
    parsed: Option<&'d Value>,
}

/// Applies one splice to deliverable `id`; `Err` says why the file cannot
/// be edited safely.
pub(super) fn apply(text: &str, id: &str, splice: &Splice) -> Result<String, String> {
    apply_in(text, Tables::Deliverable, id, splice)
}

/// Which list of tables an edit is in: `[[deliverable]]` or `[[metric]]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tables {
    Deliverable,
    Metric,
}

impl Tables {
    fn key(self) -> &'static str {
        match self {
            Tables::Deliverable => "deliverable",
            Tables::Metric => "metric",
        }
    }
}

/// Applies one splice to the table of `tables` whose id is `id`.
pub(super) fn apply_in(
    text: &str,
    tables: Tables,
    id: &str,
    splice: &Splice,
) -> Result<String, String> {
    let doc = Document::parse(text).map_err(|e| syntax(&e, text))?;
    let found = find(&doc, tables.key(), id)?;
    let pair = |key: &str| found.pairs.iter().find(|p| p.name == key);
    let value_of = |key: &str| -> Result<Option<&Pair<'_>>, String> {
        match pair(key) {
            Some(p) if p.parsed.is_none() => Err(format!(
                "`{key}` of `{id}` is written as a table (dotted keys), not a value: fix it by hand first"
            )),
            other => Ok(other),
        }
    };
    let out = match splice {
        Splice::Set { key, value } => match value_of(key)? {
            Some(p) => {
                let repr = render(value, &text[p.value.clone()]);
                replace(text, p.value.clone(), &repr)
            }
            None if found.inline => {
                let repr = render(value, "");
                replace(
                    text,
                    found.last_end..found.last_end,
                    &format!(", {key} = {repr}"),
                )
            }
            None => add_line(
                text,
                found.last_end,
                &format!("{key} = {}", render(value, "")),
            ),
        },
        Splice::Remove { key } => match value_of(key)? {
            None => text.to_string(),
            Some(p) if found.inline => {
                let mut items: Vec<Range<usize>> = found
                    .pairs
                    .iter()
                    .map(|o| o.key.start..o.value.end)
                    .collect();
                items.sort_by_key(|r| r.start);
                let at = items
                    .iter()
                    .position(|r| r.start == p.key.start)
                    .unwrap_or(0);
                let cut =
                    between(&items, at).ok_or_else(|| format!("`{id}` would be left empty"))?;
                replace(text, cut, "")
            }
            Some(p) => {
                let start = line_start(text, p.key.start);
                let start = if text[start..p.key.start].trim().is_empty() {
                    start
                } else {
                    p.key.start
                };
                let end = line_end(text, p.value.end).unwrap_or(text.len());
                replace(text, start..end, "")
            }
        },
        Splice::Push { value } => {
            let entry = render(value, "");
            let Some(pair) = value_of("needs")? else {
                // No list yet: a new key holding the one entry.
                let value = Repr::Raw(format!("[{entry}]"));
                return apply_in(
                    text,
                    tables,
                    id,
                    &Splice::Set {
                        key: "needs",
                        value,
                    },
                );
            };
            let (needs, items) = needs_items(Some(pair), id)?;
            let items: Vec<Range<usize>> = items.into_iter().map(|(r, _)| r).collect();
            match items.last() {
                Some(last) => push_entry(text, &needs, last, &entry),
                None => push_first(text, &needs, &entry),
            }
        }
        Splice::Pull { entry } => {
            let (needs, items) = needs_items(value_of("needs")?, id)?;
            let index = items
                .iter()
                .position(|(_, v)| v.as_deref() == Some(entry.as_str()))
                .ok_or_else(|| format!("`{entry}` is not in the needs of `{id}`"))?;
            let items: Vec<Range<usize>> = items.into_iter().map(|(r, _)| r).collect();
            pull_entry(text, &needs, &items, index)
        }
    };
    Ok(out)
}

/// The first entry of an empty array: `[]` becomes `["x"]`; an array
/// written over several lines (comments inside) keeps them, the entry on
/// its own line before the closing bracket.
fn push_first(text: &str, needs: &Range<usize>, entry: &str) -> String {
    let inside = &text[needs.clone()];
    let close = needs.start + inside.rfind(']').unwrap_or(inside.len());
    if !inside.contains('\n') {
        return replace(text, needs.clone(), &format!("[{entry}]"));
    }
    let at = line_start(text, close);
    let eol = if text[..at].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    // Indented as the line above (a comment inside), else two spaces more
    // than the closing bracket.
    let above = line_start(text, at.saturating_sub(1));
    let indent = if above > needs.start {
        indentation(text, above)
    } else {
        format!("{}  ", indentation(text, close))
    };
    if text[at..close].trim().is_empty() {
        replace(text, at..at, &format!("{indent}{entry},{eol}"))
    } else {
        // `]` shares its line with something else: the entry goes just
        // before it.
        replace(text, close..close, &format!("{entry},{eol}"))
    }
}

/// What to cut to remove item `at` of a comma-separated list (an array,
/// an inline table) with its separator: from the previous item's end, or
/// for the first item up to the next one's start. `None`: the only item.
fn between(items: &[Range<usize>], at: usize) -> Option<Range<usize>> {
    let this = items.get(at)?;
    match (
        at.checked_sub(1).and_then(|i| items.get(i)),
        items.get(at + 1),
    ) {
        (Some(prev), _) => Some(prev.end..this.end),
        (None, Some(next)) => Some(this.start..next.start),
        (None, None) => None,
    }
}

/// Removes entry `at` of an array (spans of the array and of its entries)
/// with its separator and its own comment, and nothing else: every other
/// comment, comment-only line and the trailing-comma style stay as they
/// are. An entry alone on its line goes with its line (and the comment
/// after it); in `["a", "b"]` just the entry and one comma go. When the
/// only entry goes and no comment is left inside, the array is `[]`.
fn pull_entry(text: &str, array: &Range<usize>, items: &[Range<usize>], at: usize) -> String {
    let this = items[at].clone();
    let prev = at.checked_sub(1).map(|i| items[i].clone());
    let next = items.get(at + 1);
    let comma = comma_after(text, this.end);
    let (mut start, mut end) = (this.start, this.end);
    // Its comma, when only spaces stand between.
    if let Some(c) = comma.filter(|&c| is_blank(&text[this.end..c])) {
        end = c + 1;
    }
    // Its own comment: the rest of its line, when no other entry shares it.
    let alone = prev
        .as_ref()
        .is_none_or(|p| p.end <= line_start(text, this.start))
        && next.is_none_or(|n| n.start >= rest_end(text, this.end));
    let after = blank_end(text, end);
    if alone && text[after..].starts_with('#') {
        end = rest_end(text, after);
    }
    let after = blank_end(text, end);
    if next.is_some_and(|n| n.start == after) {
        // `"b", "c"`: the spaces before the next entry go too.
        end = after;
    } else {
        start = blank_start(text, start);
        if after == rest_end(text, after) {
            end = after;
            if start == line_start(text, start) {
                end = line_end(text, end).unwrap_or(end);
            }
        }
    }
    // The separator, when it is not in the entry's cut already.
    let separator = match (comma, prev) {
        // A comma on a later line than the entry (after a comment).
        (Some(c), _) if c >= end => Some(with_its_line(text, c..c + 1)),
        (Some(_), _) | (None, None) => None,
        // The last entry, written without a trailing comma: the comma
        // before it goes, so the one before is not left with one.
        (None, Some(p)) => match comma_after(text, p.end) {
            Some(c) if is_blank(&text[c + 1..start]) => {
                start = c;
                None
            }
            Some(c) => Some(with_its_line(text, c..c + 1)),
            None => None,
        },
    };
    let mut cuts: Vec<Range<usize>> = separator.into_iter().collect();
    cuts.push(start..end);
    cuts.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for cut in &cuts {
        out.push_str(&text[from..cut.start]);
        from = cut.end;
    }
    out.push_str(&text[from..]);
    if items.len() == 1 {
        let removed: usize = cuts.iter().map(|r| r.len()).sum();
        let array = array.start..array.end - removed;
        if !out[array.clone()].contains('#') {
            return replace(&out, array, "[]");
        }
    }
    out
}

/// Adds `entry` after `last`, the array's last entry. In a multi-line
/// array it goes on a new line after the last entry's line, indented as
/// that one, with a comma after it when the last one has one; the last
/// entry's comment stays where it is (`"copy"  # note` becomes
/// `"copy", # note`: the comma takes a space when the comment is set off
/// by more than one). In a one-line array it goes after the last entry.
fn push_entry(text: &str, array: &Range<usize>, last: &Range<usize>, entry: &str) -> String {
    let comma = comma_after(text, last.end);
    let anchor = comma.map_or(last.end, |c| c + 1);
    let close = array.end.saturating_sub(1).max(anchor);
    let own_line = text[array.start..last.start].contains('\n');
    match line_end(text, anchor).filter(|&at| own_line && at <= close) {
        Some(at) => {
            let eol = if text[..at].ends_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            };
            let indent = indentation(text, last.start);
            match comma {
                Some(_) => replace(text, at..at, &format!("{indent}{entry},{eol}")),
                None => {
                    let line = replace(text, at..at, &format!("{indent}{entry}{eol}"));
                    let gap = blank_end(text, last.end);
                    let take = text[last.end..].starts_with(' ')
                        && gap - last.end >= 2
                        && text[gap..].starts_with('#');
                    let space = if take { last.end + 1 } else { last.end };
                    replace(&line, last.end..space, ",")
                }
            }
        }
        None => match comma {
            Some(c) => replace(text, c + 1..c + 1, &format!(" {entry},")),
            None => replace(text, last.end..last.end, &format!(", {entry}")),
        },
    }
}

/// The comma after an array entry ending at `from`, past spaces, line
/// ends and comments; `None` at the closing bracket.
fn comma_after(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match b {
            b',' => return Some(i),
            b'#' => i = rest_end(text, i),
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            _ => return None,
        }
    }
    None
}

/// `cut` with its line when nothing else stands on it.
fn with_its_line(text: &str, cut: Range<usize>) -> Range<usize> {
    let start = line_start(text, cut.start);
    let rest = rest_end(text, cut.end);
    if is_blank(&text[start..cut.start]) && is_blank(&text[cut.end..rest]) {
        start..line_end(text, rest).unwrap_or(rest)
    } else {
        cut
    }
}

/// Only spaces and tabs.
fn is_blank(s: &str) -> bool {
    s.bytes().all(|b| b == b' ' || b == b'\t')
}

/// Past the spaces and tabs from `at`.
fn blank_end(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len()
}

/// Back over the spaces and tabs before `at`.
fn blank_start(text: &str, at: usize) -> usize {
    text[..at].trim_end_matches([' ', '\t']).len()
}

/// Where the line holding `at` ends, before its line end (`\n` or
/// `\r\n`), or the end of the text.
fn rest_end(text: &str, at: usize) -> usize {
    match text[at..].find('\n') {
        Some(i) if text[..at + i].ends_with('\r') => at + i - 1,
        Some(i) => at + i,
        None => text.len(),
    }
}

/// The `needs` array's span, and each entry's span and string.
type Entries = Vec<(Range<usize>, Option<String>)>;

fn needs_items(needs: Option<&Pair<'_>>, id: &str) -> Result<(Range<usize>, Entries), String> {
    let needs = needs.ok_or_else(|| format!("`{id}` has no needs"))?;
    let Some(Value::Array(array)) = needs.parsed else {
        return Err(format!("`needs` of `{id}` is not a list"));
    };
    let entries = array
        .iter()
        .filter_map(|v| Some((v.span()?, v.as_str().map(str::to_string))))
        .collect();
    Ok((needs.value.clone(), entries))
}

/// Appends a `[[deliverable]]` table with these keys (values written out)
/// after the last deliverable, or at the end of a file that has none.
pub(super) fn append_deliverable(text: &str, keys: &[(&str, Repr)]) -> Result<String, String> {
    let doc = Document::parse(text).map_err(|e| syntax(&e, text))?;
    let eol = file_eol(text);
    let lines = |indent: &str| -> String {
        keys.iter()
            .map(|(k, v)| format!("{indent}{k} = {}{eol}", render(v, "")))
            .collect()
    };
    match doc.as_table().get("deliverable") {
        None => {
            let mut sep = String::new();
            if !text.is_empty() && !text.ends_with('\n') {
                sep.push_str(eol);
            }
            if !text.is_empty() && !text.ends_with(&format!("{eol}{eol}")) {
                sep.push_str(eol);
            }
            Ok(format!("{text}{sep}[[deliverable]]{eol}{}", lines("")))
        }
        Some(Item::ArrayOfTables(tables)) => {
            let last = tables
                .iter()
                .max_by_key(|t| t.span().map_or(0, |s| s.start))
                .ok_or("no deliverable table")?;
            // After its sub-tables too (`[deliverable.extra]` belongs to
            // the table before it: a new one in between would take it).
            let last_end = extent_end(last);
            let indent = indentation(text, last_end);
            let body = format!("[[deliverable]]{eol}{}", lines(&indent));
            Ok(match line_end(text, last_end) {
                Some(at) => replace(text, at..at, &format!("{eol}{body}")),
                None => format!("{text}{eol}{eol}{body}"),
            })
        }
        Some(Item::Value(Value::Array(_))) => Err(
            "its deliverables are written inline (`deliverable = [...]`): add this one by hand, or write them as [[deliverable]] tables"
                .to_string(),
        ),
        Some(_) => Err(
            "`deliverable` is not a list of [[deliverable]] tables (`ringboard check` says so): fix it first"
                .to_string(),
        ),
    }
}

/// Why `text` cannot be edited, with the line and column at fault.
fn syntax(e: &toml_edit::TomlError, text: &str) -> String {
    let first = e.message().lines().next().unwrap_or("").trim().to_string();
    let at = match e.span() {
        Some(span) => {
            let pos = crate::line_index::LineIndex::new(text).pos(span.start.min(text.len()));
            format!(" at line {}, column {}", pos.line, pos.col)
        }
        None => String::new(),
    };
    format!("it is not valid TOML{at} ({first}): fix it first")
}

/// The first table of `array` (`deliverable`, `metric`) whose `id` is
/// `id`: a `[[array]]` table or an inline table in `array = [...]`.
fn find<'d>(doc: &'d Document<&str>, array: &str, id: &str) -> Result<Found<'d>, String> {
    let has_id = |v: Option<&Item>| v.and_then(Item::as_str) == Some(id);
    match doc.as_table().get(array) {
        Some(Item::ArrayOfTables(tables)) => {
            let table = tables
                .iter()
                .find(|t| has_id(t.get("id")))
                .ok_or_else(|| format!("no [[{array}]] with id `{id}`"))?;
            let mut pairs = Vec::new();
            let last_end = table_pairs(table, &mut pairs);
            Ok(Found {
                inline: false,
                pairs,
                last_end,
            })
        }
        Some(Item::Value(Value::Array(items))) => {
            let table = items
                .iter()
                .filter_map(Value::as_inline_table)
                .find(|t| t.get("id").and_then(Value::as_str) == Some(id))
                .ok_or_else(|| format!("no {array} with id `{id}`"))?;
            let pairs = inline_pairs(table);
            let last_end = pairs.iter().map(|p| p.value.end).max().unwrap_or(0);
            Ok(Found {
                inline: true,
                pairs,
                last_end,
            })
        }
        _ => Err(format!(
            "`{array}` is not a list of [[{array}]] tables (`ringboard check` says so): fix it first"
        )),
    }
}

/// A table's pairs; returns the end of its last value, dotted sub-keys
/// included.
fn table_pairs<'d>(table: &'d Table, out: &mut Vec<Pair<'d>>) -> usize {
    let mut last_end = table.span().map_or(0, |s| s.end);
    for (name, item) in table.iter() {
        let Some((key, _)) = table.get_key_value(name) else {
            continue;
        };
        let key = key.span().unwrap_or_default();
        let (value, parsed) = match item {
            Item::Value(v) => (v.span().unwrap_or_default(), Some(v)),
            Item::Table(t) if t.is_dotted() => {
                let end = table_pairs(t, &mut Vec::new());
                (key.start..end, None)
            }
            _ => continue,
        };
        last_end = last_end.max(value.end);
        out.push(Pair {
            name: name.to_string(),
            key,
            value,
            parsed,
        });
    }
    last_end
}

/// Where the text of `table` ends, its sub-tables (`[deliverable.x]`,
/// `[[deliverable.x]]`) included.
fn extent_end(table: &Table) -> usize {
    let mut end = table_pairs(table, &mut Vec::new());
    for (_, item) in table.iter() {
        match item {
            Item::Table(t) if !t.is_dotted() => end = end.max(extent_end(t)),
            Item::ArrayOfTables(tables) => {
                end = tables.iter().map(extent_end).fold(end, usize::max);
            }
            _ => {}
        }
    }
    end
}

fn inline_pairs(table: &InlineTable) -> Vec<Pair<'_>> {
    table
        .iter()
        .filter_map(|(name, v)| {
            let (key, _) = table.get_key_value(name)?;
            let key = key.span()?;
            let (value, parsed) = match v {
                // A dotted key (`extra.tag = "x"`) has no span of its own:
                // it reaches to the end of its last value.
                Value::InlineTable(t) if t.is_dotted() => (key.start..dotted_end(t)?, None),
                v => (v.span()?, Some(v)),
            };
            Some(Pair {
                name: name.to_string(),
                key,
                value,
                parsed,
            })
        })
        .collect()
}

/// The end of the last value under a dotted key of an inline table.
fn dotted_end(table: &InlineTable) -> Option<usize> {
    table
        .iter()
        .filter_map(|(_, v)| match v {
            Value::InlineTable(t) if t.is_dotted() => dotted_end(t),
            v => v.span().map(|s| s.end),
        })
        .max()
}

/// Adds `line` as a new line after the line holding `after`, indented as
/// that line and ended as it is (CRLF stays CRLF).
fn add_line(text: &str, after: usize, line: &str) -> String {
    let indent = indentation(text, after);
    match line_end(text, after) {
        Some(at) => {
            let eol = if text[..at].ends_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            };
            replace(text, at..at, &format!("{indent}{line}{eol}"))
        }
        None => format!("{text}{}{indent}{line}", file_eol(text)),
    }
}

fn replace(text: &str, range: Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}

const BOM: &str = "\u{feff}";

/// The start of the line holding `at` (after a byte-order mark).
fn line_start(text: &str, at: usize) -> usize {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    if start == 0 && text.starts_with(BOM) {
        BOM.len()
    } else {
        start
    }
}

/// Just past the newline ending the line that holds `at`.
fn line_end(text: &str, at: usize) -> Option<usize> {
    text[at..].find('\n').map(|i| at + i + 1)
}

/// The spaces and tabs that start the line holding `at`.
fn indentation(text: &str, at: usize) -> String {
    let start = line_start(text, at);
    text[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// The file's own line end: CRLF when its first line ends so.
pub(super) fn file_eol(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// A value as TOML. A string keeps the old value's literal quotes
/// (`'...'`) when it can be written so; otherwise it is a basic string.
fn render(value: &Repr, old: &str) -> String {
    match value {
        Repr::Raw(s) => s.clone(),
        Repr::Str(s) => {
            let literal = old.starts_with('\'') && !old.starts_with("'''");
            if literal && !s.contains('\'') && !s.chars().any(char::is_control) {
                format!("'{s}'")
            } else {
                basic_string(s)
            }
        }
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub(super) fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A list of strings as a one-line TOML array.
pub(super) fn string_array(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| basic_string(s)).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(key: &'static str, v: &str) -> Splice {
        Splice::Set {
            key,
            value: Repr::Str(v.into()),
        }
    }

    #[test]
    fn replaces_only_the_value() {
        let text = "[[deliverable]]\nid = \"a\"\nstatus = 'todo'   # why\n";
        let out = apply(text, "a", &set("status", "done")).unwrap();
        assert_eq!(
            out,
            "[[deliverable]]\nid = \"a\"\nstatus = 'done'   # why\n"
        );
    }

    #[test]
    fn adds_a_missing_key_last_with_the_line_end_and_indent() {
        let text = "\u{feff}[[deliverable]]\r\n  id = \"a\"\r\n  due = 2027-01-01 # d\r\n\r\n[[deliverable]]\r\nid = \"b\"\r\n";
        let out = apply(text, "a", &set("note", "x")).unwrap();
        assert_eq!(
            out,
            "\u{feff}[[deliverable]]\r\n  id = \"a\"\r\n  due = 2027-01-01 # d\r\n  note = \"x\"\r\n\r\n[[deliverable]]\r\nid = \"b\"\r\n"
        );
    }

    #[test]
    fn removes_a_key_with_its_line() {
        let text = "[[deliverable]]\nid = \"a\"\nnote = \"x\" # gone\ndue = 2027-01-01\n";
        let out = apply(text, "a", &Splice::Remove { key: "note" }).unwrap();
        assert_eq!(out, "[[deliverable]]\nid = \"a\"\ndue = 2027-01-01\n");
    }

    #[test]
    fn edits_inline_tables() {
        let text = "deliverable = [{ id = \"a\", note = \"n\", due = 2027-01-01 }]\n";
        let out = apply(text, "a", &set("status", "done")).unwrap();
        assert_eq!(
            out,
            "deliverable = [{ id = \"a\", note = \"n\", due = 2027-01-01, status = \"done\" }]\n"
        );
        let out = apply(text, "a", &Splice::Remove { key: "note" }).unwrap();
        assert_eq!(out, "deliverable = [{ id = \"a\", due = 2027-01-01 }]\n");
    }

    #[test]
    fn pushes_and_pulls_needs() {
        let text = "[[deliverable]]\nid = \"a\"\nneeds = [\"x\", \"y\"]\n";
        let push = Splice::Push {
            value: Repr::Str("z".into()),
        };
        assert!(
            apply(text, "a", &push)
                .unwrap()
                .contains("[\"x\", \"y\", \"z\"]")
        );
        let pull = |entry: &str| {
            let entry = entry.to_string();
            apply(text, "a", &Splice::Pull { entry }).unwrap()
        };
        assert!(pull("x").contains("needs = [\"y\"]"));
        assert!(pull("y").contains("needs = [\"x\"]"));
        let one = "[[deliverable]]\nid = \"a\"\nneeds = [\"x\"]\n";
        let entry = "x".to_string();
        assert!(
            apply(one, "a", &Splice::Pull { entry })
                .unwrap()
                .contains("needs = []")
        );
    }

    /// A deliverable whose `needs` is written `needs`, in a file whose
    /// lines end with `eol`.
    fn with_needs(needs: &str, eol: &str) -> String {
        format!("[[deliverable]]\nid = \"a\"\nneeds = {needs}\nstatus = \"todo\"\n")
            .replace('\n', eol)
    }

    fn pull(needs: &str, entry: &str) -> String {
        let text = with_needs(needs, "\n");
        let entry = entry.to_string();
        let out = apply(&text, "a", &Splice::Pull { entry }).unwrap();
        assert!(Document::parse(out.as_str()).is_ok(), "{out}");
        out
    }

    fn push(needs: &str, entry: &str) -> String {
        let text = with_needs(needs, "\n");
        let value = Repr::Str(entry.into());
        let out = apply(&text, "a", &Splice::Push { value }).unwrap();
        assert!(Document::parse(out.as_str()).is_ok(), "{out}");
        out
    }

    /// The needs an edit leaves, as the whole file.
    fn needs_now(needs: &str) -> String {
        with_needs(needs, "\n")
    }

    const COMMENTED: &str = "[  # waits for
  \"research\",      # the survey results
  # partner work:
  \"brand-2027/guidelines\",  # final guidelines
  \"copy\",
]";

    #[test]
    fn pulling_a_need_keeps_the_other_comments() {
        assert_eq!(
            pull(COMMENTED, "research"),
            needs_now(
                "[  # waits for
  # partner work:
  \"brand-2027/guidelines\",  # final guidelines
  \"copy\",
]"
            )
        );
        assert_eq!(
            pull(COMMENTED, "brand-2027/guidelines"),
            needs_now(
                "[  # waits for
  \"research\",      # the survey results
  # partner work:
  \"copy\",
]"
            )
        );
        assert_eq!(
            pull(COMMENTED, "copy"),
            needs_now(
                "[  # waits for
  \"research\",      # the survey results
  # partner work:
  \"brand-2027/guidelines\",  # final guidelines
]"
            )
        );
    }

    #[test]
    fn pushing_a_need_adds_a_line_after_the_last() {
        assert_eq!(
            push(COMMENTED, "x"),
            needs_now(
                "[  # waits for
  \"research\",      # the survey results
  # partner work:
  \"brand-2027/guidelines\",  # final guidelines
  \"copy\",
  \"x\",
]"
            )
        );
        // The last entry's comment stays after it, its comma before it.
        assert_eq!(
            push("[\n    \"copy\",  # note\n]", "x"),
            needs_now("[\n    \"copy\",  # note\n    \"x\",\n]")
        );
        // Comment-only lines after the last entry stay after the new one.
        assert_eq!(
            push("[\n  \"copy\",\n  # more later\n]", "x"),
            needs_now("[\n  \"copy\",\n  \"x\",\n  # more later\n]")
        );
    }

    /// Without a trailing comma: the comma before the last entry goes with
    /// it, and a new last entry has none (the old last one gets one, its
    /// comment staying in its column where a space can make room).
    #[test]
    fn keeps_an_array_without_a_trailing_comma_so() {
        let bare = "[\n  \"research\",  # r\n  \"copy\"       # c\n]";
        assert_eq!(pull(bare, "copy"), needs_now("[\n  \"research\"  # r\n]"));
        assert_eq!(
            pull(bare, "research"),
            needs_now("[\n  \"copy\"       # c\n]")
        );
        assert_eq!(
            push(bare, "x"),
            needs_now("[\n  \"research\",  # r\n  \"copy\",      # c\n  \"x\"\n]")
        );
        assert_eq!(
            push("[\n  \"copy\" # c\n]", "x"),
            needs_now("[\n  \"copy\", # c\n  \"x\"\n]")
        );
        assert_eq!(
            push("[\n  \"copy\"\n]", "x"),
            needs_now("[\n  \"copy\",\n  \"x\"\n]")
        );
    }

    #[test]
    fn edits_one_line_arrays_in_place() {
        assert_eq!(pull("[\"a\", \"b\"]", "a"), needs_now("[\"b\"]"));
        assert_eq!(pull("[\"a\", \"b\"]", "b"), needs_now("[\"a\"]"));
        assert_eq!(
            pull("[\"a\", \"b\", \"c\"]", "b"),
            needs_now("[\"a\", \"c\"]")
        );
        assert_eq!(pull("[ \"a\", \"b\" ]", "a"), needs_now("[ \"b\" ]"));
        assert_eq!(pull("[\"a\", \"b\",]", "b"), needs_now("[\"a\",]"));
        assert_eq!(pull("[\"a\", \"b\",]", "a"), needs_now("[\"b\",]"));
        assert_eq!(
            push("[\"a\", \"b\"]", "x"),
            needs_now("[\"a\", \"b\", \"x\"]")
        );
        assert_eq!(
            push("[\"a\", \"b\",]", "x"),
            needs_now("[\"a\", \"b\", \"x\",]")
        );
        // The comment after the array is the key's, not an entry's.
        let text = "[[deliverable]]\nid = \"a\"\nneeds = [\"a\", \"b\"]  # both\n";
        let entry = "b".to_string();
        assert_eq!(
            apply(text, "a", &Splice::Pull { entry }).unwrap(),
            "[[deliverable]]\nid = \"a\"\nneeds = [\"a\"]  # both\n"
        );
    }

    /// The only entry: `[]`, unless a comment other than its own is left
    /// inside (a comment-only line, one on the `needs = [` line): that
    /// stays, in the emptied array.
    #[test]
    fn pulling_the_only_need() {
        assert_eq!(pull("[\"a\"]", "a"), needs_now("[]"));
        assert_eq!(pull("[ \"a\", ]", "a"), needs_now("[]"));
        assert_eq!(pull("[\n  \"a\",  # mine\n]", "a"), needs_now("[]"));
        assert_eq!(pull("[\n  \"a\"  # mine\n]", "a"), needs_now("[]"));
        assert_eq!(
            pull("[\n  # partner work:\n  \"a\",  # mine\n]", "a"),
            needs_now("[\n  # partner work:\n]")
        );
        assert_eq!(
            pull("[  # waits for\n  \"a\",\n]", "a"),
            needs_now("[  # waits for\n]")
        );
    }

    /// An entry on the `needs = [` line, or sharing its line with another.
    #[test]
    fn entries_sharing_a_line() {
        let first = "[\"a\",  # mine\n  \"b\",\n]";
        assert_eq!(pull(first, "a"), needs_now("[\n  \"b\",\n]"));
        assert_eq!(pull(first, "b"), needs_now("[\"a\",  # mine\n]"));
        assert_eq!(
            push(first, "x"),
            needs_now("[\"a\",  # mine\n  \"b\",\n  \"x\",\n]")
        );
        let shared = "[\n  \"a\", \"b\",  # both\n  \"c\",\n]";
        assert_eq!(
            pull(shared, "a"),
            needs_now("[\n  \"b\",  # both\n  \"c\",\n]")
        );
        assert_eq!(
            pull(shared, "b"),
            needs_now("[\n  \"a\",  # both\n  \"c\",\n]")
        );
        assert_eq!(
            push("[\n  \"a\", \"b\",  # both\n]", "x"),
            needs_now("[\n  \"a\", \"b\",  # both\n  \"x\",\n]")
        );
        // All on the `[` line, the `]` below: the new entry joins them.
        assert_eq!(
            push("[\"a\", \"b\"  # both\n]", "x"),
            needs_now("[\"a\", \"b\", \"x\"  # both\n]")
        );
        // A comma on its own line after the entry's comment.
        let odd = "[\n  \"a\"  # mine\n  ,\n  \"b\",\n]";
        assert_eq!(pull(odd, "a"), needs_now("[\n  \"b\",\n]"));
        let odd = "[\n  \"a\"  # mine\n  , \"b\",\n]";
        assert_eq!(pull(odd, "a"), needs_now("[\n   \"b\",\n]"));
        let odd = "[\n  \"a\"  # mine\n  ,\n  \"b\"\n]";
        assert_eq!(pull(odd, "b"), needs_now("[\n  \"a\"  # mine\n]"));
    }

    #[test]
    fn crlf_stays_crlf() {
        let text = with_needs(COMMENTED, "\r\n");
        let entry = "brand-2027/guidelines".to_string();
        assert_eq!(
            apply(&text, "a", &Splice::Pull { entry }).unwrap(),
            with_needs(
                "[  # waits for\n  \"research\",      # the survey results\n  # partner work:\n  \"copy\",\n]",
                "\r\n"
            )
        );
        let value = Repr::Str("x".into());
        let out = apply(&text, "a", &Splice::Push { value }).unwrap();
        assert_eq!(
            out,
            text.replace("\"copy\",\r\n", "\"copy\",\r\n  \"x\",\r\n")
        );
        let bare = with_needs("[\n  \"a\",  # r\n  \"b\"  # c\n]", "\r\n");
        let entry = "b".to_string();
        assert_eq!(
            apply(&bare, "a", &Splice::Pull { entry }).unwrap(),
            with_needs("[\n  \"a\"  # r\n]", "\r\n")
        );
        let value = Repr::Str("x".into());
        assert_eq!(
            apply(&bare, "a", &Splice::Push { value }).unwrap(),
            with_needs("[\n  \"a\",  # r\n  \"b\", # c\n  \"x\"\n]", "\r\n")
        );
    }

    #[test]
    fn appends_a_deliverable_after_the_last_one() {
        let text =
            "[program]\nname = \"p\"\n\n[[deliverable]]\nid = \"a\"\n\n[[metric]]\nid = \"m\"\n";
        let out = append_deliverable(text, &[("id", Repr::Str("b".into()))]).unwrap();
        assert_eq!(
            out,
            "[program]\nname = \"p\"\n\n[[deliverable]]\nid = \"a\"\n\n[[deliverable]]\nid = \"b\"\n\n[[metric]]\nid = \"m\"\n"
        );
        let none = append_deliverable("[program]\nname = \"p\"", &[("id", Repr::Str("b".into()))]);
        assert_eq!(
            none.unwrap(),
            "[program]\nname = \"p\"\n\n[[deliverable]]\nid = \"b\"\n"
        );
    }

    /// A sub-table of the last deliverable stays with it: the new one goes
    /// after it, not between the two.
    #[test]
    fn appends_after_the_last_deliverables_sub_tables() {
        let text = "[[deliverable]]\nid = \"x\"\n\n[deliverable.extra]\nfoo = 1\n";
        let out = append_deliverable(text, &[("id", Repr::Str("new".into()))]).unwrap();
        assert_eq!(
            out,
            "[[deliverable]]\nid = \"x\"\n\n[deliverable.extra]\nfoo = 1\n\n[[deliverable]]\nid = \"new\"\n"
        );
        let doc: toml::Table = toml::from_str(&out).unwrap();
        let list = doc["deliverable"].as_array().unwrap();
        assert!(list[0].get("extra").is_some() && list[1].get("extra").is_none());
    }

    #[test]
    fn the_first_entry_of_an_empty_list_keeps_its_comments() {
        let push = Splice::Push {
            value: Repr::Str("x".into()),
        };
        let text = "[[deliverable]]\nid = \"a\"\nneeds = [\n  # partner work:\n]\n";
        assert_eq!(
            apply(text, "a", &push).unwrap(),
            "[[deliverable]]\nid = \"a\"\nneeds = [\n  # partner work:\n  \"x\",\n]\n"
        );
        let empty = "[[deliverable]]\nid = \"a\"\nneeds = []\n";
        assert!(
            apply(empty, "a", &push)
                .unwrap()
                .contains("needs = [\"x\"]\n")
        );
        let none = "[[deliverable]]\nid = \"a\"\n";
        assert_eq!(
            apply(none, "a", &push).unwrap(),
            "[[deliverable]]\nid = \"a\"\nneeds = [\"x\"]\n"
        );
    }

    #[test]
    fn escapes_what_toml_needs_escaped() {
        assert_eq!(basic_string("a\"b\\c\u{1b}林"), "\"a\\\"b\\\\c\\u001B林\"");
    }
}
