//! What the board's writes gave back: the session records the write (for
//! undo and commit), the plans as they are now replace the old ones
//! (keeping every selection by identity), and the status line says what
//! was written, what was refused and why.

use crate::git::ObjectId;

use super::app::App;
use super::effect::{Fresh, WriteKind, Written};
use super::selection::{ItemKey, Selected};
use super::text::plural;

impl App {
    /// A write went through: recorded, shown, and said.
    pub(super) fn written(&mut self, w: Written) {
        let words = match w.kind {
            WriteKind::Undo => match self.session.undone(&w.undo, w.base) {
                Some(done) if done.committed => format!(
                    "undone: {} (that change was committed: the undo is not; C commits it)",
                    done.words
                ),
                Some(done) => format!("undone: {}", done.words),
                None => "undone".to_string(),
            },
            WriteKind::Set | WriteKind::Add => {
                self.session.wrote(w.undo, w.words.clone(), w.base);
                w.words
            }
        };
        let mut parts = vec![words, "not committed".to_string()];
        parts.extend(w.warnings.iter().map(|m| format!("warning: {m}")));
        match w.reload.data {
            Ok(data) => {
                parts.extend(self.reload(*data));
                if w.kind == WriteKind::Add
                    && let Some(item) = &w.item
                {
                    self.select_item(item);
                }
            }
            Err(e) => parts.push(format!("reload failed: {e}")),
        }
        self.message = Some(parts.join(" · "));
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

    /// A commit was made: the session's files are HEAD's now.
    pub(super) fn committed(&mut self, id: ObjectId, message: &str, reload: Fresh) {
        self.session.committed();
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
        if let Some(i) = self.view_keys(self.view).iter().position(|k| *k == wanted) {
            *self.cursor_mut() = i;
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
