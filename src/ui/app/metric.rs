//! A metric's actual from the board (`v` in Metrics): the number input
//! opens on the selected metric; Enter returns the write as an effect,
//! the same write as `set PROGRAM/METRIC actual=N` (or `actual+=N`,
//! `actual-=N`). Nothing here writes or reads files.

use super::App;
use crate::pace::grouped;
use crate::ui::effect::Effect;
use crate::ui::effect::writes::read_only;
use crate::ui::prompt::actual::{ActualInput, resulting};
use crate::ui::prompt::{Kind, Prompt};
use crate::ui::selection::{MetricKey, Selected};

/// The actual as the dialog shows it: `140`, or `no actual`.
fn actual_text(actual: Option<crate::model::Number>) -> String {
    actual.map_or_else(|| "no actual".to_string(), |a| grouped(a.as_f64()))
}

impl App {
    /// `v`: the number input of the selected metric's actual.
    pub(super) fn start_actual(&mut self) -> Vec<Effect> {
        if let Some(why) = read_only(&self.data) {
            self.message = Some(format!("actual: {why}"));
            return Vec::new();
        }
        let Some(Selected::Metric { program, id }) = self.selection() else {
            self.message = Some("actual: select a metric first".to_string());
            return Vec::new();
        };
        let key = MetricKey { program, id };
        let Some((_, metric)) = self.metric(&key) else {
            self.message = Some(format!("actual: {key} is no longer in the plans"));
            return Vec::new();
        };
        let seen = actual_text(metric.actual);
        let mut prompt = Prompt::new(Kind::Actual(ActualInput::new(key)), None);
        prompt.seen = Some(seen);
        self.prompt = Some(prompt);
        Vec::new()
    }

    /// Enter in the actual's input: the write, or the input stays open
    /// and says why (not a number; the plans changed while it was open).
    pub(super) fn confirm_actual(
        &mut self,
        mut prompt: Prompt,
        input: &ActualInput,
    ) -> Vec<Effect> {
        let key = input.metric.clone();
        let Some((_, metric)) = self.metric(&key) else {
            self.message = Some(format!("not written: {key} is no longer in the plans"));
            return Vec::new();
        };
        let now = actual_text(metric.actual);
        let current = metric.actual;
        let edit = match input.edit() {
            Ok(edit) => edit,
            Err(why) => {
                prompt.error = Some(why.clone());
                self.message = Some(why);
                self.prompt = Some(prompt);
                return Vec::new();
            }
        };
        if prompt.seen.as_deref() != Some(now.as_str()) {
            // Changed on disk (a pull, another editor) while the input was
            // open: show it, and write only on a second Enter.
            let why = format!(
                "the plans changed while this was open: it is now {now}; Enter writes yours from it"
            );
            prompt.seen = Some(now);
            prompt.error = Some(why.clone());
            self.message = Some(why);
            self.prompt = Some(prompt);
            return Vec::new();
        }
        if resulting(&edit, current) == current {
            self.message = Some(format!("{}: unchanged, nothing written", prompt.title()));
            return Vec::new();
        }
        self.message = Some(format!("writing {key}…"));
        vec![Effect::WriteMetric {
            target: key,
            edits: vec![edit],
        }]
    }
}
