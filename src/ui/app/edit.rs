//! The board's edit keys: on the selected deliverable, a picker or an
//! input opens ([`Prompt`]); when it is confirmed, the App returns the
//! write as an [`Effect`] for the event loop to run. Nothing here writes
//! or reads files. Where writing is refused (the board shows a revision,
//! a bare repository) the status line says why and no effect is made.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Overlay};
use crate::model::Status;
use crate::review::Change;
use crate::review::words::{sentence, short};
use crate::ui::action::Action;
use crate::ui::effect::Effect;
use crate::ui::effect::writes::read_only;
use crate::ui::prompt::form::AddForm;
use crate::ui::prompt::input::{EditKey, LineInput};
use crate::ui::prompt::picker::{Choice, Picker};

use crate::ui::prompt::{CommitDialog, Kind, Prompt, Reply};
use crate::ui::selection::{ItemKey, Selected};
use crate::ui::theme::status_glyph;
use crate::ui::views::MyWork;
use crate::write::{DateEdit, Edit};

/// The word the status line uses for an edit action.
fn label(a: Action) -> &'static str {
    match a {
        Action::SetStatus => "status",
        Action::SetDue | Action::DueLater | Action::DueEarlier => "due",
        Action::EditNote => "note",
        Action::SetOwner => "owner",
        Action::SetNeeds => "needs",
        Action::AddDeliverable => "add",
        Action::OpenEditor => "editor",
        Action::Undo => "undo",
        Action::Commit => "commit",
        _ => "edit",
    }
}

impl App {
    /// An edit action, taken by the current view (or global: add, undo,
    /// commit).
    pub(super) fn edit_action(&mut self, a: Action) -> Vec<Effect> {
        let what = label(a);
        if let Some(why) = read_only(&self.data) {
            self.message = Some(format!("{what}: {why}"));
            return Vec::new();
        }
        match a {
            Action::AddDeliverable => return self.start_add(),
            Action::OpenEditor => return self.open_editor(),
            Action::Undo => return self.undo(),
            Action::Commit => return self.start_commit(),
            _ => {}
        }
        let Some((key, current)) = self.edit_target() else {
            self.message = Some(format!("{what}: no deliverable selected"));
            return Vec::new();
        };
        let kind = match a {
            Action::SetStatus => Kind::Status(status_picker(current.status)),
            Action::SetOwner => Kind::Owner(self.owner_picker(&key, &current.owner)),
            Action::SetNeeds => Kind::Needs(self.needs_picker(&key, &current)),
            Action::SetDue => Kind::Due {
                input: LineInput::default(),
                current: current.due,
            },
            // The plans keep a control or bidi character written out
            // (`\u{202e}`); editing that text here would save the escape in
            // place of the character, so the file's editor is the way.
            Action::EditNote if current.note.as_deref().is_some_and(|n| n.contains("\\u{")) => {
                let key = self
                    .keymap
                    .first_key(Action::OpenEditor)
                    .unwrap_or("the editor key");
                self.message = Some(format!(
                    "note: it holds characters shown written out (\\u{{…}}): edit it in the file ({key})"
                ));
                return Vec::new();
            }
            Action::EditNote => Kind::Note(LineInput::with_text(
                current.note.as_deref().unwrap_or_default(),
            )),
            Action::DueLater | Action::DueEarlier => {
                let days = if a == Action::DueLater { 1 } else { -1 };
                return self.write(key, Edit::Due(DateEdit::Shift(days)));
            }
            _ => return Vec::new(),
        };
        let mut prompt = Prompt::new(kind, Some(key));
        prompt.seen = edited_value(&prompt.kind, &current);
        self.prompt = Some(prompt);
        Vec::new()
    }

    /// The deliverable an edit is about: the detail pane's, or the view's
    /// selection; with what the plans say of it now.
    fn edit_target(&self) -> Option<(ItemKey, crate::model::Deliverable)> {
        let key = if self.overlay == Overlay::Detail {
            self.focus.clone()
        } else {
            self.target()
        }?;
        let p = &self.data.plans.portfolio;
        let d = p.get_deliverable(key.resolve(p)?)?.clone();
        Some((key, d))
    }

    /// One write as an effect; the status line says it is under way.
    fn write(&mut self, target: ItemKey, edit: Edit) -> Vec<Effect> {
        self.message = Some(format!("writing {target}…"));
        vec![Effect::Write {
            target,
            edits: vec![edit],
        }]
    }

    /// The add form for the program the board looks at.
    fn start_add(&mut self) -> Vec<Effect> {
        let Some(program) = self.program_id() else {
            self.message = Some("add: no program loaded".to_string());
            return Vec::new();
        };
        // The person using the board owns it, unless they say otherwise.
        let me = self
            .view_of::<MyWork>()
            .and_then(MyWork::person)
            .map(|m| m.id.clone());
        let form = AddForm::new(&program, me.as_deref(), self.people(&program));
        self.prompt = Some(Prompt::new(Kind::Add(form), None));
        Vec::new()
    }

    /// `$VISUAL` / `$EDITOR` at the selection's file and line: a
    /// deliverable's, a person's, a problem's.
    fn open_editor(&mut self) -> Vec<Effect> {
        let Some(editor) = self.editor.clone() else {
            self.message = Some(
                "editor: none set: set $VISUAL or $EDITOR (e.g. export EDITOR=vim) and start the board again"
                    .to_string(),
            );
            return Vec::new();
        };
        let Some((path, line)) = self.editor_place() else {
            self.message = Some("editor: nothing selected that has a place in a file".to_string());
            return Vec::new();
        };
        let file = self.data.plans.workspace.root.join(&*path);
        self.message = Some(format!("{editor} {path}:{line}…"));
        vec![Effect::OpenEditor { file, line }]
    }

    /// The file and line of what is selected: the person pane's person,
    /// or the view's selection (a person, a problem), else the deliverable
    /// an edit is about.
    fn editor_place(&self) -> Option<(std::sync::Arc<str>, u32)> {
        let p = &self.data.plans.portfolio;
        let person = match (self.overlay, self.selection()) {
            (Overlay::Person, _) => self.person.clone(),
            (Overlay::None, Some(Selected::Person(id))) => Some(id),
            (Overlay::None, Some(Selected::Problem { path, line, .. })) => {
                return Some((path.into(), line));
            }
            _ => None,
        };
        if let Some(x) = person.and_then(|id| p.person(&id)) {
            return Some((x.path.clone(), x.pos.line));
        }
        let (key, d) = self.edit_target()?;
        let prog = p.program(&key.program)?;
        Some((prog.path.clone(), d.pos.line))
    }

    /// Undo the last write of this session that is not undone yet.
    fn undo(&mut self) -> Vec<Effect> {
        match self.write_log.undo.last() {
            Some(done) => {
                self.message = Some(format!("undoing: {}…", done.words));
                vec![Effect::Undo(done.record.clone())]
            }
            None => {
                self.message = Some("undo: nothing written in this session".to_string());
                Vec::new()
            }
        }
    }

    /// Commit: what this session wrote, looked at first (an effect); the
    /// dialog opens when the changes come back.
    fn start_commit(&mut self) -> Vec<Effect> {
        match self.write_log.to_commit() {
            Err(why) => {
                self.message = Some(format!("commit refused: {why}"));
                Vec::new()
            }
            Ok(files) if files.is_empty() => {
                self.message = Some(
                    "commit: nothing written in this session (the board commits only what its keys wrote)"
                        .to_string(),
                );
                Vec::new()
            }
            Ok(files) => {
                self.message = Some("commit: looking at what changed…".to_string());
                vec![Effect::PrepareCommit(files)]
            }
        }
    }

    /// The commit dialog, once the changes are known: the summary and
    /// each change as `diff` says it, what they do downstream and the
    /// problems they add, and a proposed message.
    pub(super) fn commit_preview(
        &mut self,
        files: Vec<crate::write::WrittenFile>,
        changes: &[Change],
        beyond: &crate::review::Consequences,
    ) {
        let mut lines = vec![crate::review::words::summary(changes)];
        lines.extend(changes.iter().map(sentence));
        let mut after = Vec::new();
        for (heading, said) in beyond.sections() {
            after.push(format!("{heading}:"));
            after.extend(said.into_iter().map(|l| format!("  {l}")));
        }
        after.extend(
            beyond
                .problems
                .iter()
                .map(|p| format!("{}: {}", p.severity.as_str(), p.message)),
        );
        let dialog = CommitDialog {
            files,
            lines,
            beyond: after,
            message: LineInput::with_text(&proposed_message(changes)),
            scroll: 0,
        };
        self.prompt = Some(Prompt::new(Kind::Commit(dialog), None));
        self.message = None;
    }

    /// A key while a dialog is open: text and the editing keys are taken
    /// here; `None` for the others, which go through the keymap.
    pub(super) fn prompt_key(&mut self, key: &KeyEvent) -> Option<Vec<Effect>> {
        let prompt = self.prompt.as_mut()?;
        let edit = match key.code {
            KeyCode::Char(c) if crate::ui::keymap::is_text(key) => {
                prompt.type_char(c);
                return Some(Vec::new());
            }
            KeyCode::Backspace => EditKey::Backspace,
            KeyCode::Delete => EditKey::Delete,
            KeyCode::Left => EditKey::Left,
            KeyCode::Right => EditKey::Right,
            // In a picker Home and End go to the list's ends (the keymap's
            // top and bottom); in a text they move the cursor.
            KeyCode::Home | KeyCode::End if prompt.is_list() => return None,
            KeyCode::Home => EditKey::Home,
            KeyCode::End => EditKey::End,
            _ => return None,
        };
        prompt.edit(edit);
        Some(Vec::new())
    }

    /// An action while a dialog is open.
    pub(super) fn prompt_action(&mut self, a: Action) -> Vec<Effect> {
        if a == Action::Quit {
            self.quit = true;
            return Vec::new();
        }
        let page = self.page.max(1);
        let Some(prompt) = self.prompt.as_mut() else {
            return Vec::new();
        };
        match prompt.act(a, page) {
            Reply::Open => Vec::new(),
            Reply::Cancel => {
                let title = prompt.title();
                self.prompt = None;
                self.message = Some(format!("{title}: cancelled, nothing written"));
                Vec::new()
            }
            Reply::Confirm => self.confirm(),
        }
    }

    /// Enter in a dialog: an effect, or the dialog stays open and says why.
    fn confirm(&mut self) -> Vec<Effect> {
        let Some(prompt) = self.prompt.take() else {
            return Vec::new();
        };
        if let Kind::Actual(input) = &prompt.kind {
            let input = input.clone();
            return self.confirm_actual(prompt, &input);
        }
        let today = self.data.today();
        let current = prompt.target.as_ref().and_then(|k| {
            let p = &self.data.plans.portfolio;
            p.get_deliverable(k.resolve(p)?).cloned()
        });
        let result = match (&prompt.kind, prompt.target.clone(), current) {
            (Kind::Commit(c), _, _) => {
                let mut message = c.message.text().trim().to_string();
                if message.is_empty() {
                    Err("a commit needs a message".to_string())
                } else {
                    // Several changes: their sentences in the body, as the
                    // dialog listed them (the first line is the summary).
                    if c.lines.len() > 2 {
                        message = format!("{message}\n\n{}", c.lines[1..].join("\n"));
                    }
                    self.message = Some("committing…".to_string());
                    Ok(vec![Effect::Commit {
                        files: c.files.clone(),
                        message,
                    }])
                }
            }
            (Kind::Add(f), _, _) => match f.deliverable(today) {
                Ok(new) => {
                    self.message = Some(format!("adding to {}…", f.program));
                    Ok(vec![Effect::Add {
                        program: f.program.clone(),
                        new,
                    }])
                }
                Err((field, why)) => {
                    let mut prompt = prompt;
                    if let Kind::Add(f) = &mut prompt.kind {
                        f.field = field;
                    }
                    prompt.error = Some(why.clone());
                    self.message = Some(why);
                    self.prompt = Some(prompt);
                    return Vec::new();
                }
            },
            (kind, Some(_), Some(d)) if edited_value(kind, &d) != prompt.seen => {
                // Changed on disk (a pull, another editor) while the dialog
                // was open: show it, and write only on a second Enter.
                let mut prompt = prompt;
                let now = edited_value(&prompt.kind, &d).unwrap_or_default();
                let now = if now.is_empty() {
                    "empty".to_string()
                } else {
                    now
                };
                if let Kind::Due { current, .. } = &mut prompt.kind {
                    *current = d.due;
                }
                prompt.seen = edited_value(&prompt.kind, &d);
                let why = format!(
                    "the plans changed while this was open: it is now {now}; Enter writes yours over it"
                );
                prompt.error = Some(why.clone());
                self.message = Some(why);
                self.prompt = Some(prompt);
                return Vec::new();
            }
            (_, Some(key), Some(d)) => App::edit_of(&prompt.kind, &d).map(|edit| match edit {
                Some(edit) => self.write(key, edit),
                None => {
                    self.message = Some(format!("{}: unchanged, nothing written", prompt.title()));
                    Vec::new()
                }
            }),
            (_, target, _) => {
                let what = target.map_or("the deliverable".to_string(), |k| k.to_string());
                self.message = Some(format!("not written: {what} is no longer in the plans"));
                return Vec::new();
            }
        };
        match result {
            Ok(effects) => effects,
            Err(why) => {
                let mut prompt = prompt;
                prompt.error = Some(why.clone());
                self.message = Some(why);
                self.prompt = Some(prompt);
                Vec::new()
            }
        }
    }

    /// The edit a confirmed picker or input makes to deliverable `d`;
    /// `None` when the value stays as it is.
    fn edit_of(kind: &Kind, d: &crate::model::Deliverable) -> Result<Option<Edit>, String> {
        Ok(match kind {
            Kind::Status(p) => {
                let s = p
                    .selected()
                    .and_then(|c| Status::parse(&c.value))
                    .ok_or("no status matches what is typed")?;
                (s != d.status).then_some(Edit::Status(s))
            }
            Kind::Owner(p) => {
                let id = p
                    .selected()
                    .map(|c| c.value.clone())
                    .ok_or("nobody matches what is typed")?;
                (id != d.owner).then_some(Edit::Owner(id))
            }
            Kind::Needs(p) => {
                let marked = p.marked.clone().unwrap_or_default();
                let now: Vec<String> = d.needs.iter().map(|n| n.raw.clone()).collect();
                (marked != now).then_some(Edit::Needs(marked))
            }
            Kind::Due { input, current } => {
                let text = input.text().trim().to_string();
                if text.is_empty() {
                    return Err("type a date (YYYY-MM-DD), or +N / -N days".to_string());
                }
                let date = match Edit::parse(&format!("due={text}")) {
                    Ok(Edit::Due(e)) => e
                        .resolve(crate::review::Field::Due, Some(*current))
                        .map_err(|e| e.to_string())?,
                    Ok(_) => return Err("not a date".to_string()),
                    Err(e) => return Err(e.to_string()),
                };
                (date != d.due).then_some(Edit::Due(DateEdit::On(date)))
            }
            Kind::Note(input) => {
                let text = input.text();
                let note = Some(text.trim().to_string()).filter(|t| !t.is_empty());
                (note != d.note).then_some(Edit::Note(note))
            }
            Kind::Add(_) | Kind::Commit(_) | Kind::Actual(_) => None,
        })
    }
}

/// The value of `d` that a dialog of this kind edits, as text.
fn edited_value(kind: &Kind, d: &crate::model::Deliverable) -> Option<String> {
    match kind {
        Kind::Status(_) => Some(d.status.as_str().to_string()),
        Kind::Owner(_) => Some(d.owner.clone()),
        Kind::Needs(_) => Some(
            d.needs
                .iter()
                .map(|n| n.raw.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Kind::Due { .. } => Some(d.due.to_string()),
        Kind::Note(_) => Some(d.note.clone().unwrap_or_default()),
        Kind::Add(_) | Kind::Commit(_) | Kind::Actual(_) => None,
    }
}

/// The six statuses, the current one selected.
fn status_picker(current: Status) -> Picker {
    let choices = Status::ALL
        .iter()
        .map(|s| {
            let label = format!("{} {}", status_glyph(*s), s.as_str());
            Choice::new(s.as_str(), label, &[s.as_str()])
        })
        .collect();
    Picker::new(choices, Some(current.as_str()))
}

/// A commit message from the changes: `spring-launch/email-copy: status
/// review → done` for the changes of one item, else the programs and a
/// summary of the changes.
pub(super) fn proposed_message(changes: &[Change]) -> String {
    let Some(first) = changes.first() else {
        return "update plans".to_string();
    };
    if changes.iter().all(|c| c.subject() == first.subject()) {
        let words: Vec<String> = changes.iter().map(short).collect();
        return format!("{}: {}", first.subject(), words.join("; "));
    }
    let mut programs: Vec<&str> = changes
        .iter()
        .filter_map(|c| c.program.as_deref())
        .collect();
    programs.dedup();
    let mut seen = std::collections::HashSet::new();
    programs.retain(|p| seen.insert(*p));
    let summary = crate::review::words::summary(changes);
    if programs.is_empty() {
        summary
    } else {
        format!("{}: {summary}", programs.join(", "))
    }
}
