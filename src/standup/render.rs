//! The page as lines: toned spans grouped into blocks that stay together on
//! one screen page, and the PROGRAMS footer that every screen page ends
//! with. The plain text of `--once` and the full-screen display are both
//! drawn from [`layout`]; markdown has its own shape.

use super::page::{Attention, ChangeLine, Item, ProgramLine, StandupPage, plural};
use crate::markdown;

/// What a span means; the screen maps it to a colour, text ignores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Title,
    Heading,
    Person,
    Late,
    Blocked,
    Waiting,
    DueSoon,
    Changed,
    Dim,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub tone: Tone,
}

pub type Line = Vec<Span>;

/// Lines kept together; `section` indexes [`Layout::sections`], whose
/// heading is repeated at the top of a screen page that continues it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub section: usize,
    /// A blank line before this block when it follows another in its section.
    pub gap: bool,
    pub lines: Vec<Line>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub header: Vec<Line>,
    pub sections: Vec<Line>,
    pub blocks: Vec<Block>,
    /// Each program's progress: under the body on every screen page, once
    /// at the end of the text. `None` without programs.
    pub footer: Option<Footer>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Footer {
    pub heading: Line,
    /// Each program's lines (its progress, then its forecast and metric
    /// warnings), by priority.
    pub programs: Vec<Vec<Line>>,
}

fn span(text: impl Into<String>, tone: Tone) -> Span {
    Span {
        text: text.into(),
        tone,
    }
}

fn tone_of(a: &Attention) -> Tone {
    match a {
        Attention::Late { .. } => Tone::Late,
        Attention::Blocked { .. } => Tone::Blocked,
        Attention::Waiting { .. } => Tone::Waiting,
        Attention::DueSoon { .. } => Tone::DueSoon,
    }
}

/// Marks are padded to one width so the titles line up.
const MARK_WIDTH: usize = 9;

/// The header rows: title, date, clock, source, WHEN and warnings.
pub fn header(page: &StandupPage) -> Vec<Line> {
    let mut title = vec![
        span("STAND-UP", Tone::Title),
        span(format!("  {}", weekday_date(page.date)), Tone::Title),
    ];
    if let Some(t) = &page.time {
        title.push(span(format!("  {t}"), Tone::Title));
    }
    title.push(span(format!("   {}", page.source), Tone::Dim));
    let mut header = vec![
        title,
        vec![span(format!("Changes since {}", page.since), Tone::Dim)],
    ];
    for w in &page.warnings {
        header.push(vec![span(format!("WARNING: {w}"), Tone::Warning)]);
    }
    header
}

pub fn layout(page: &StandupPage) -> Layout {
    let header = header(page);
    let mut sections = Vec::new();
    let mut blocks = Vec::new();
    for ring in &page.rings {
        sections.push(vec![span(ring.ring.label().to_uppercase(), Tone::Heading)]);
        let s = sections.len() - 1;
        for (i, person) in ring.people.iter().enumerate() {
            blocks.push(Block {
                section: s,
                gap: i > 0,
                lines: block_lines(&person.name, &person.changes, &person.items),
            });
        }
    }
    if !page.program_changes.is_empty() {
        sections.push(vec![span("PROGRAM CHANGES", Tone::Heading)]);
        let s = sections.len() - 1;
        for (i, program) in page.program_changes.iter().enumerate() {
            blocks.push(Block {
                section: s,
                gap: i > 0,
                lines: block_lines(&program.name, &program.changes, &[]),
            });
        }
    }
    if blocks.is_empty() {
        sections.push(vec![span("NOTHING TO DISCUSS", Tone::Heading)]);
        blocks.push(Block {
            section: sections.len() - 1,
            gap: false,
            lines: vec![vec![span(
                "Nothing changed, and nothing is late, blocked, waiting or due soon.",
                Tone::Plain,
            )]],
        });
    }
    let footer = (!page.programs.is_empty()).then(|| Footer {
        heading: vec![span("PROGRAMS", Tone::Heading)],
        programs: page.programs.iter().map(program_lines).collect(),
    });
    Layout {
        header,
        sections,
        blocks,
        footer,
    }
}

/// A program's progress line, then a FORECAST line per milestone that
/// slips or was missed, and a METRICS line naming what is behind pace or
/// over target.
fn program_lines(p: &ProgramLine) -> Vec<Line> {
    let mut lines = vec![program_line(p)];
    for f in &p.forecast {
        lines.push(vec![
            span(format!("  {:<MARK_WIDTH$} ", "FORECAST"), Tone::Late),
            span(f.clone(), Tone::Plain),
        ]);
    }
    if !p.metrics.is_empty() {
        lines.push(vec![
            span(format!("  {:<MARK_WIDTH$} ", "METRICS"), Tone::Warning),
            span(p.metrics.join("; "), Tone::Plain),
        ]);
    }
    lines
}

fn program_line(p: &ProgramLine) -> Line {
    let pct = p.percent();
    let mut line = vec![
        span(format!("{}  ", p.name), Tone::Person),
        span(format!("{}/{} done ({pct}%)", p.done, p.total), Tone::Plain),
    ];
    match &p.next {
        Some((name, date, days)) => line.push(span(
            format!(
                "   next: {name} {date} (in {days} {})",
                plural(*days, "day")
            ),
            Tone::Dim,
        )),
        None => line.push(span("   no milestone ahead", Tone::Dim)),
    }
    line
}

/// A person's (or a program's) block: the name, what changed, then what
/// needs attention.
fn block_lines(name: &str, changes: &[ChangeLine], items: &[Item]) -> Vec<Line> {
    let mut lines = vec![vec![span(name, Tone::Person)]];
    for c in changes {
        let when = c.when_suffix();
        let what = match &c.deliverable {
            Some((path, title)) => format!("{path} {title}: {}", c.sentence),
            None => c.sentence.clone(),
        };
        lines.push(vec![
            span(format!("  {:<MARK_WIDTH$} ", "CHANGED"), Tone::Changed),
            span(what, Tone::Plain),
            span(
                format!(" — {}{when}", c.who.as_deref().unwrap_or("(uncommitted)")),
                Tone::Dim,
            ),
        ]);
    }
    for it in items {
        let mut line = Vec::new();
        for (k, a) in it.attention.iter().enumerate() {
            if k == 0 {
                line.push(span(format!("  {:<MARK_WIDTH$} ", a.mark()), tone_of(a)));
                line.push(span(
                    format!("{}/{} {}: {}", it.program, it.id, it.title, a.detail()),
                    Tone::Plain,
                ));
            } else {
                line.push(span(" · ", Tone::Plain));
                line.push(span(a.mark(), tone_of(a)));
                line.push(span(format!(" {}", a.detail()), Tone::Plain));
            }
        }
        lines.push(line);
    }
    lines
}

pub fn weekday_date(d: jiff::civil::Date) -> String {
    format!("{} {d}", d.strftime("%A"))
}

pub fn line_text(line: &Line) -> String {
    line.iter().map(|s| s.text.as_str()).collect()
}

/// The page as plain text (`--once`).
pub fn to_text(page: &StandupPage) -> String {
    let l = layout(page);
    let mut out = String::new();
    for line in &l.header {
        out.push_str(&line_text(line));
        out.push('\n');
    }
    let mut section = usize::MAX;
    for b in &l.blocks {
        if b.section != section {
            section = b.section;
            out.push('\n');
            out.push_str(&line_text(&l.sections[section]));
            out.push_str("\n\n");
        } else if b.gap {
            out.push('\n');
        }
        for line in &b.lines {
            out.push_str(&line_text(line));
            out.push('\n');
        }
    }
    if let Some(footer) = &l.footer {
        out.push('\n');
        out.push_str(&line_text(&footer.heading));
        out.push_str("\n\n");
        for line in footer.programs.iter().flatten() {
            out.push_str(&line_text(line));
            out.push('\n');
        }
    }
    out
}

/// The page as markdown, for a chat post. Plan text is escaped only where
/// markdown would read it as markup ([`crate::markdown`]).
pub fn to_markdown(page: &StandupPage) -> String {
    use markdown::{cell, inline};
    let mut out = format!("## Stand-up {}\n\n", weekday_date(page.date));
    out.push_str(&format!(
        "Source: {} · changes since {}\n",
        inline(&page.source),
        inline(&page.since)
    ));
    for w in &page.warnings {
        out.push_str(&format!("\n> **Warning:** {}\n", inline(w)));
    }
    if page.rings.is_empty() && page.program_changes.is_empty() {
        out.push_str("\nNothing changed, and nothing is late, blocked, waiting or due soon.\n");
    }
    for ring in &page.rings {
        out.push_str(&format!("\n### {}\n", ring.ring.label()));
        for p in &ring.people {
            markdown_block(&mut out, &p.name, &p.changes, &p.items);
        }
    }
    if !page.program_changes.is_empty() {
        out.push_str("\n### Program changes\n");
        for p in &page.program_changes {
            markdown_block(&mut out, &p.name, &p.changes, &[]);
        }
    }
    if !page.programs.is_empty() {
        out.push_str(
            "\n### Programs\n\n| Program | Progress | Next milestone |\n| --- | --- | --- |\n",
        );
        for p in &page.programs {
            let pct = p.percent();
            let next = match &p.next {
                Some((name, date, days)) => {
                    format!("{} {date} (in {days} {})", cell(name), plural(*days, "day"))
                }
                None => "none ahead".to_string(),
            };
            out.push_str(&format!(
                "| {} | {}/{} ({pct}%) | {next} |\n",
                cell(&p.name),
                p.done,
                p.total
            ));
        }
        let heading: Vec<&ProgramLine> = page
            .programs
            .iter()
            .filter(|p| !p.forecast.is_empty() || !p.metrics.is_empty())
            .collect();
        if !heading.is_empty() {
            out.push_str("\n### Where the programs are heading\n\n");
            for p in heading {
                for f in &p.forecast {
                    out.push_str(&format!(
                        "- **FORECAST** {}: {}\n",
                        inline(&p.name),
                        inline(f)
                    ));
                }
                if !p.metrics.is_empty() {
                    out.push_str(&format!(
                        "- **METRICS** {}: {}\n",
                        inline(&p.name),
                        inline(&p.metrics.join("; "))
                    ));
                }
            }
        }
    }
    out
}

/// A person's (or a program's) block in markdown: the name in bold, then a
/// bullet per change and per item.
fn markdown_block(out: &mut String, name: &str, changes: &[ChangeLine], items: &[Item]) {
    use markdown::{code, inline};
    out.push_str(&format!("\n**{}**\n\n", inline(name)));
    for c in changes {
        let when = c.when_suffix();
        let what = match &c.deliverable {
            Some((path, title)) => format!("{} {}: ", code(path), inline(title)),
            None => String::new(),
        };
        out.push_str(&format!(
            "- changed {what}{} ({}{when})\n",
            inline(&c.sentence),
            c.who.as_deref().map_or("uncommitted".to_string(), inline)
        ));
    }
    for it in items {
        let marks: Vec<String> = it
            .attention
            .iter()
            .map(|a| format!("**{}** {}", a.mark(), inline(&a.detail())))
            .collect();
        out.push_str(&format!(
            "- {} {}: {}\n",
            code(&format!("{}/{}", it.program, it.id)),
            inline(&it.title),
            marks.join(" · ")
        ));
    }
}

/// Cuts a line into rows of at most `width` columns, between words where
/// it can; continuation rows are indented under the text, past the mark.
pub fn wrap(line: &Line, width: usize) -> Vec<Line> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let indent = if width > 3 * (MARK_WIDTH + 3) {
        MARK_WIDTH + 3
    } else {
        0
    };
    let mut rows: Vec<Line> = vec![Vec::new()];
    let mut used = 0;
    for s in line {
        for word in s.text.split_inclusive(' ') {
            let w = word.width();
            if used + w.min(width - indent) > width && used > indent {
                rows.push(vec![span(" ".repeat(indent), Tone::Plain)]);
                used = indent;
            }
            if used + w <= width {
                push_text(&mut rows, word, s.tone);
                used += w;
                continue;
            }
            // A word longer than a row: cut it by characters.
            for c in word.chars() {
                let cw = UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
                if used + cw > width && used > indent {
                    rows.push(vec![span(" ".repeat(indent), Tone::Plain)]);
                    used = indent;
                }
                push_text(&mut rows, c.encode_utf8(&mut [0; 4]), s.tone);
                used += cw;
            }
        }
    }
    rows
}

/// Appends text to the last row, merging with its last span of the same tone.
fn push_text(rows: &mut [Line], text: &str, tone: Tone) {
    let Some(row) = rows.last_mut() else { return };
    match row.last_mut() {
        Some(last) if last.tone == tone => last.text.push_str(text),
        _ => row.push(span(text, tone)),
    }
}

/// Splits the page into screen pages of `height` rows, each ending with the
/// PROGRAMS footer under its body: a person's block is not cut unless it
/// alone is taller than a page's body, and a page that continues a ring
/// repeats its heading.
pub fn paginate(layout: &Layout, width: usize, height: usize) -> Vec<Vec<Line>> {
    let footer = footer_rows(layout.footer.as_ref(), width, height);
    let mut pages = paginate_body(layout, width, height - footer.len());
    for page in &mut pages {
        page.extend(footer.iter().cloned());
    }
    pages
}

/// The footer's rows: a blank row, the heading, a blank row and a line per
/// program, in at most half of `height` rows. Programs that do not fit are
/// counted in a last row (priority order: the first ones stay); on a screen
/// too small for even that, no footer.
fn footer_rows(footer: Option<&Footer>, width: usize, height: usize) -> Vec<Line> {
    let Some(footer) = footer else {
        return Vec::new();
    };
    let room = height / 2;
    let more = |n: usize| {
        let text = format!("… and {n} more {}", plural(n as i32, "program"));
        wrap(&vec![span(text, Tone::Dim)], width)
    };
    let programs: Vec<Vec<Line>> = footer
        .programs
        .iter()
        .map(|lines| lines.iter().flat_map(|l| wrap(l, width)).collect())
        .collect();
    let mut rows = vec![Vec::new(), footer.heading.clone(), Vec::new()];
    for (i, program) in programs.iter().enumerate() {
        let after = programs.len() - i - 1;
        let reserve = if after > 0 { more(after).len() } else { 0 };
        if rows.len() + program.len() + reserve > room {
            rows.extend(more(programs.len() - i));
            break;
        }
        rows.extend(program.iter().cloned());
    }
    if rows.len() > room { Vec::new() } else { rows }
}

/// The body's screen pages of `height` rows.
fn paginate_body(layout: &Layout, width: usize, height: usize) -> Vec<Vec<Line>> {
    let height = height.max(1);
    let mut pages: Vec<Vec<Line>> = vec![Vec::new()];
    let mut section = usize::MAX;
    for b in &layout.blocks {
        let rows: Vec<Line> = b.lines.iter().flat_map(|l| wrap(l, width)).collect();
        let new_section = b.section != section;
        let used = pages.last().map_or(0, Vec::len);
        let lead = match (new_section, used) {
            (true, 0) => 2,
            (true, _) => 3,
            (false, _) if b.gap => 1,
            _ => 0,
        };
        if used > 0 && used + lead + rows.len() > height {
            pages.push(Vec::new());
        }
        let Some(page) = pages.last_mut() else { break };
        if page.is_empty() || new_section {
            if !page.is_empty() {
                page.push(Vec::new());
            }
            let mut heading = layout.sections.get(b.section).cloned().unwrap_or_default();
            if !new_section {
                heading.push(span(" (continued)", Tone::Dim));
            }
            page.push(heading);
            page.push(Vec::new());
        } else if b.gap {
            page.push(Vec::new());
        }
        for row in rows {
            if pages.last().is_some_and(|p| p.len() >= height) {
                pages.push(Vec::new());
            }
            if let Some(p) = pages.last_mut() {
                p.push(row);
            }
        }
        section = b.section;
    }
    pages
}
