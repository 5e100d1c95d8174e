//! What the board's writes gave back: the write log records the write (for
//! undo and commit), the plans as they are now replace the old ones
//! (keeping every selection by identity), and the status line says what
//! was written, what was refused and why.

use crate::git::ObjectId;

use super::App;
use crate::ui::effect::{Fresh, WriteKind, Written};
use crate::ui::fit::plural;
use crate::ui::selection::{ItemKey, Selected};

impl App {
    /// A write went through: recorded, shown, and said.
    /// A write went through: recorded, shown, and said: what changed,
    /// check's warnings and what it does downstream (the Impact lines of
    /// `diff`). Where the line is narrow, the status line drops the titles
    /// first (see `app/status.rs`).
    pub(super) fn written(&mut self, w: Written) {
        let (words, terse) = match w.kind {
            WriteKind::Undo => {
                let words = match self.write_log.undone(&w.undo, w.base) {
                    Some(done) if done.committed => format!(
                        "undone: {} (that change was committed: the undo is not; C commits it)",
                        done.words
                    ),
                    Some(done) => format!("undone: {}", done.words),
                    None => "undone".to_string(),
                };
                (words.clone(), words)
            }
            WriteKind::Set | WriteKind::Add => {
                self.write_log.wrote(w.undo, w.words.clone(), w.base);
                (w.words, w.terse)
            }
        };
        // What it does downstream first, then check's warnings (which
        // often say the same of one deliverable). Without its titles the
        // message also leaves out the written item's name before each
        // impact line.
        let item = w.item.as_ref().map(|k| format!("{k}: "));
        let impact = |terse: bool| -> Vec<String> {
            w.impact
                .iter()
                .map(|(label, l)| match &item {
                    Some(p) if terse => {
                        format!("{label}: {}", l.strip_prefix(p.as_str()).unwrap_or(l))
                    }
                    _ => format!("{label}: {l}"),
                })
                .collect()
        };
        let warnings = w.warnings.iter().map(|m| format!("warning: {m}"));
        let mut rest = vec!["not committed".to_string()];
        let mut rest_terse = rest.clone();
        rest.extend(impact(false).into_iter().chain(warnings.clone()));
        rest_terse.extend(impact(true).into_iter().chain(warnings));
        let mut notes = Vec::new();
        match w.reload.data {
            Ok(data) => {
                notes.extend(self.reload(*data));
                if w.kind == WriteKind::Add
                    && let Some(item) = &w.item
                {
                    self.select_item(item);
                }
            }
            Err(e) => notes.push(format!("reload failed: {e}")),
        }
        let said = |first: String, rest: Vec<String>| {
            std::iter::once(first)
                .chain(rest)
                .chain(notes.iter().cloned())
                .collect::<Vec<_>>()
                .join(" · ")
        };
        let message = said(words, rest);
        self.terse = Some((message.clone(), said(terse, rest_terse)));
        self.message = Some(message);
    }

    /// Nothing was written (or committed): why, and the plans as they are
    /// now when the board's were out of date.
    pub(super) fn refused(&mut self, why: String, reload: Option<Fresh>) {
        let mut parts = vec![why];
        match reload.map(|r| r.data) {
            Some(Ok(data)) => parts.extend(self.reload(*data)),
            Some(Err(e)) => parts.push(format!("reload failed: {e}")),
            None => {}
        }
        self.message = Some(parts.join(" · "));
    }

    /// A commit was made: the write log's files are HEAD's now.
    pub(super) fn committed(&mut self, id: ObjectId, message: &str, reload: Fresh) {
        self.write_log.committed();
        let subject = message.lines().next().unwrap_or_default();
        let mut parts = vec![format!(
            "committed {}: {subject}",
            crate::repo::short_id(id)
        )];
        match reload.data {
            Ok(data) => parts.extend(self.reload(*data)),
            Err(e) => parts.push(format!("reload failed: {e}")),
        }
        self.message = Some(parts.join(" · "));
    }

    /// Back from the editor (the plans were loaded again before this).
    pub(super) fn editor_closed(&mut self, result: Result<String, String>) {
        let said = self.message.take().filter(|m| m != "reloaded");
        let mut parts = vec![match result {
            Ok(what) => format!("back from {what}; plans reloaded"),
            Err(why) => format!("editor: {why}"),
        }];
        parts.extend(said);
        self.message = Some(parts.join(" · "));
    }

    /// Selects a deliverable in the view shown, when the view lists it,
    /// and makes it the focus.
    pub(super) fn select_item(&mut self, item: &ItemKey) {
        let wanted = Selected::Deliverable(item.clone());
        let (views, s) = self.parts();
        let view = views.shown_mut();
        if let Some(i) = view.keys(&s).iter().position(|k| *k == wanted) {
            view.set_cursor(i);
        }
        self.focus = Some(item.clone());
        self.sync_focus();
    }

    /// The marker of uncommitted plan edits: "2 plan files uncommitted".
    pub fn uncommitted_marker(&self) -> Option<String> {
        match self.data.uncommitted.len() {
            0 => None,
            n => Some(format!(
                "{} uncommitted",
                plural(n, "plan file", "plan files")
            )),
        }
    }
}
