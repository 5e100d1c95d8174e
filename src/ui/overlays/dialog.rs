//! Drawing the dialogs ([`crate::ui::prompt`]): a pane over the view with
//! the picker's list, the input with its cursor, the add form's fields or
//! the changes a commit takes, the reason the last confirm failed, and the
//! keys that confirm and cancel (those in force). Pure: reads only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::ui::list::scroll_offset;
use crate::ui::paint::{clip, pane, put};
use ratatui::crossterm::event::KeyCode;

use crate::pace::grouped;
use crate::ui::action::Action;
use crate::ui::fit::{fit, fit_with_tail};
use crate::ui::keymap::{Key, Keymap};
use crate::ui::prompt::actual::ActualInput;
use crate::ui::prompt::form::{AddForm, FIELDS, OWNER};
use crate::ui::prompt::input::LineInput;
use crate::ui::prompt::picker::Picker;
use crate::ui::prompt::{CommitDialog, Kind, Prompt};
use crate::ui::theme::Theme;
use crate::ui::view::Shared;
use crate::write::{Edit, slug};

/// One line of a dialog.
enum Row {
    Text(String, Style),
    /// Text and a tail that a cut keeps ("(now)").
    Tail(String, String, Style),
    /// An input: its label (may be empty), the input, and whether it has
    /// the cursor.
    Input(String, LineInput, bool),
}

pub(crate) fn draw(prompt: &Prompt, s: &Shared, keymap: &Keymap, area: Rect, buf: &mut Buffer) {
    let area = clip(area, buf);
    let theme = s.theme;
    let wide = matches!(prompt.kind, Kind::Commit(_));
    let w = area
        .width
        .saturating_sub(4)
        .min(if wide { 110 } else { 76 });
    if w < 24 || area.height < 5 {
        return;
    }
    // Rows for the list or the changes: what the screen leaves.
    let room = area.height.saturating_sub(8) as usize;
    let mut rows = body(prompt, s, room.max(1));
    if let Some(error) = &prompt.error {
        rows.push(Row::Text(error.clone(), theme.warning()));
    }
    rows.push(Row::Text(hint(prompt, keymap), theme.dim()));
    let h = (rows.len() as u16 + 2).min(area.height);
    let inner = pane(area, w, h, &format!(" {} ", prompt.title()), buf);
    let iw = inner.width.saturating_sub(2) as usize;
    for (k, row) in rows.iter().take(inner.height as usize).enumerate() {
        let (x, y) = (inner.x + 1, inner.y + k as u16);
        match row {
            Row::Text(text, style) => {
                put(buf, x, y, text, iw, *style);
            }
            Row::Tail(text, tail, style) => {
                put(buf, x, y, &fit_with_tail(text, tail, iw), iw, *style);
            }
            Row::Input(label, input, focused) => {
                let used = put(buf, x, y, label, iw, theme.title()) as u16;
                draw_input(buf, x + used, y, iw - used as usize, input, *focused, theme);
            }
        }
    }
}

/// An input's text as it fits, with a block cursor (reverse video, so it
/// shows without colour) where the next character goes.
fn draw_input(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    w: usize,
    input: &LineInput,
    focused: bool,
    theme: &Theme,
) {
    if w == 0 {
        return;
    }
    let shown = input.shown(w);
    put(buf, x, y, &shown.text, w, Style::new());
    if focused {
        let cx = x + shown.cursor_col as u16;
        if let Some(cell) = buf.cell_mut((cx, y)) {
            if shown.under == " " {
                cell.set_symbol(" ");
            }
            cell.set_style(theme.selected());
        }
    }
}

/// The dialog's own rows.
fn body(prompt: &Prompt, s: &Shared, room: usize) -> Vec<Row> {
    let theme = s.theme;
    match &prompt.kind {
        Kind::Status(p) => picker(p, "filter: ", room, theme),
        Kind::Owner(p) => picker(p, "search: ", room, theme),
        Kind::Needs(p) => {
            let marked = p.marked.as_ref().map_or(0, Vec::len);
            let mut rows = vec![Row::Text(
                format!(
                    "waits for {} · space marks or unmarks the one selected",
                    match marked {
                        0 => "nothing".to_string(),
                        1 => "1 deliverable".to_string(),
                        n => format!("{n} deliverables"),
                    }
                ),
                theme.dim(),
            )];
            rows.extend(picker(p, "search: ", room.saturating_sub(1), theme));
            rows
        }
        Kind::Due { input, current } => {
            let mut rows = vec![
                Row::Text(
                    format!("now {current} · a date (YYYY-MM-DD), or +N / -N days"),
                    Style::new(),
                ),
                Row::Input("due: ".into(), input.clone(), true),
            ];
            let text = input.text();
            if let Ok(Edit::Due(e)) = Edit::parse(&format!("due={}", text.trim()))
                && let Ok(d) = e.resolve(crate::review::Field::Due, Some(*current))
            {
                let days = crate::derive::days_between(*current, d);
                rows.push(Row::Text(format!("→ {d} ({days:+} days)"), theme.dim()));
            }
            rows
        }
        Kind::Note(input) => vec![
            Row::Input("note: ".into(), input.clone(), true),
            Row::Text("an empty note removes it".into(), theme.dim()),
        ],
        Kind::Actual(a) => actual(a, s),
        Kind::Add(f) => add_form(f, s),
        Kind::Commit(c) => commit(c, room, theme),
    }
}

/// A metric's actual: what it is now, the input, and what it would become
/// (or why what is typed is not a number).
fn actual(a: &ActualInput, s: &Shared) -> Vec<Row> {
    let theme = s.theme;
    let p = &s.data.plans.portfolio;
    let found = p
        .program(&a.metric.program)
        .and_then(|prog| Some((prog, prog.metrics.iter().find(|m| m.id == a.metric.id)?)));
    let Some((program, metric)) = found else {
        return vec![Row::Text(
            format!("{} is no longer in the plans", a.metric),
            theme.warning(),
        )];
    };
    let unit = metric
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" {u}"));
    let now = metric
        .actual
        .map_or_else(|| "no actual yet".to_string(), |n| grouped(n.as_f64()));
    let mut rows = vec![
        Row::Text(
            format!(
                "now {now} of {}{unit} · a number sets it, +N adds, -N takes away",
                grouped(metric.target.as_f64())
            ),
            Style::new(),
        ),
        Row::Input("actual: ".into(), a.input.clone(), true),
    ];
    match a.preview(program, metric, s.data.today()) {
        Ok(Some(line)) => rows.push(Row::Text(line, theme.dim())),
        Ok(None) => {}
        Err(why) => rows.push(Row::Text(why, theme.warning())),
    }
    rows
}

fn picker(p: &Picker, label: &str, room: usize, theme: &Theme) -> Vec<Row> {
    let mut rows = vec![Row::Input(label.to_string(), p.query.clone(), true)];
    let shown = room.saturating_sub(1).max(1);
    if p.shown.is_empty() {
        rows.push(Row::Text("  nothing matches".into(), theme.dim()));
    }
    let first = scroll_offset(p.cursor, shown);
    for (k, &i) in p.shown.iter().enumerate().skip(first).take(shown) {
        let c = &p.choices[i];
        let now = if p.current.as_deref() == Some(c.value.as_str()) {
            "  (now)".to_string()
        } else {
            String::new()
        };
        let style = if k == p.cursor {
            theme.selected()
        } else {
            Style::new()
        };
        // A multi-select picker says which are marked.
        let mark = match &p.marked {
            Some(_) if p.is_marked(&c.value) => "[+] ",
            Some(_) => "[ ] ",
            None => "",
        };
        rows.push(Row::Tail(format!("  {mark}{}", c.label), now, style));
    }
    if p.shown.len() > shown {
        rows.push(Row::Text(
            format!("  {} of {}", p.shown.len(), p.choices.len()),
            theme.dim(),
        ));
    }
    rows
}

/// The people the add form's owner field lists at most.
const OWNER_ROWS: usize = 5;

fn add_form(f: &AddForm, s: &Shared) -> Vec<Row> {
    let p = &s.data.plans.portfolio;
    let today = s.data.today();
    let w = FIELDS.iter().map(|l| l.len()).max().unwrap_or(0) + 2;
    let mut rows = Vec::new();
    for (i, label) in FIELDS.iter().enumerate() {
        let label = fit(&format!("{label}:"), w);
        rows.push(Row::Input(label, f.inputs[i].clone(), i == f.field));
    }
    // The owner: the person picked, and while the field is typed in, the
    // people what is typed matches (up and down choose).
    let who = match f.owner() {
        Ok(id) => match p.person(&id) {
            Some(x) => format!("owner: {} ({})", x.name, x.id),
            None => format!("owner: {id}"),
        },
        Err(why) => format!("owner: {why}"),
    };
    rows.push(Row::Text(who, s.theme.dim()));
    if f.field == OWNER && !f.owners.query.is_empty() {
        let list = picker(&f.owners, "", OWNER_ROWS + 1, s.theme);
        rows.extend(list.into_iter().skip(1));
    }
    let due = f.inputs[2].text();
    let due = match Edit::parse(&format!("due={}", due.trim())) {
        Ok(Edit::Due(e)) => match e.resolve(crate::review::Field::Due, Some(today)) {
            Ok(d) => format!("due: {d}"),
            Err(_) => "due: a date (YYYY-MM-DD), or +N days from today".to_string(),
        },
        _ => "due: a date (YYYY-MM-DD), or +N days from today".to_string(),
    };
    rows.push(Row::Text(due, s.theme.dim()));
    let title = f.inputs[0].text();
    let id = match (f.inputs[3].is_empty(), slug(&title)) {
        (false, _) => "id: as typed".to_string(),
        (true, Some(id)) => format!("id: {id} (from the title; made unique)"),
        (true, None) if title.trim().is_empty() => {
            "id: made from the title (the title is empty: type one)".to_string()
        }
        (true, None) => "id: the title has no ASCII letters: type one".to_string(),
    };
    rows.push(Row::Text(id, s.theme.dim()));
    rows
}

fn commit(c: &CommitDialog, room: usize, theme: &Theme) -> Vec<Row> {
    let files: Vec<String> = c.files.iter().map(|f| f.path.to_string()).collect();
    let mut rows = vec![
        Row::Text(
            format!(
                "Commits {}: what this session wrote, nothing else.",
                files.join(", ")
            ),
            Style::new(),
        ),
        Row::Text(
            "The changes, as ringboard diff HEAD says them:".into(),
            Style::new(),
        ),
    ];
    let shown = room.saturating_sub(4).max(1);
    // The changes, then what they do beyond themselves.
    let all: Vec<(&String, bool)> = c
        .lines
        .iter()
        .map(|l| (l, false))
        .chain(c.beyond.iter().map(|l| (l, true)))
        .collect();
    let first = c.scroll.min(all.len().saturating_sub(shown));
    for (k, (line, beyond)) in all.iter().enumerate().skip(first).take(shown) {
        let style = match (k, beyond) {
            (0, _) => theme.title(),
            (_, true) if line.starts_with("warning:") => theme.warning(),
            _ => Style::new(),
        };
        rows.push(Row::Text(format!("  {line}"), style));
    }
    if all.len() > shown {
        rows.push(Row::Text(
            format!(
                "  lines {}-{} of {}",
                first + 1,
                (first + shown).min(all.len()),
                all.len()
            ),
            theme.dim(),
        ));
    }
    rows.push(Row::Input("message: ".into(), c.message.clone(), true));
    rows
}

/// The keys that confirm and cancel, as the keymap binds them.
fn hint(prompt: &Prompt, keymap: &Keymap) -> String {
    // Plain characters are text in a dialog: name a key that is not.
    let key = |a| {
        let keys = keymap.keys(a);
        keys.iter()
            .find(|k| !is_text(k))
            .map_or("(no key)".to_string(), |k| k.to_string())
    };
    let (ok, cancel) = (key(Action::Open), key(Action::Close));
    let what = match &prompt.kind {
        Kind::Commit(_) => "commit",
        Kind::Add(_) => "add",
        _ => "save",
    };
    let extra = match &prompt.kind {
        Kind::Status(_) | Kind::Owner(_) => {
            format!(
                " · {}/{}: choose · type to narrow",
                key(Action::Down),
                key(Action::Up)
            )
        }
        Kind::Needs(_) => format!(
            " · {}/{}: choose · space: mark · type to narrow",
            key(Action::Down),
            key(Action::Up)
        ),
        Kind::Add(f) if f.field == OWNER => format!(
            " · {}/{}: choose the owner · {}: next field",
            key(Action::Down),
            key(Action::Up),
            key(Action::NextView)
        ),
        Kind::Add(_) => format!(" · {}: next field", key(Action::NextView)),
        _ => String::new(),
    };
    format!("{ok}: {what} · {cancel}: cancel{extra}")
}

/// Whether a key of the keymap is a plain character (text in a dialog).
fn is_text(key: &str) -> bool {
    Key::parse(key).is_some_and(|k| matches!(k.code, KeyCode::Char(_)) && !k.ctrl)
}
