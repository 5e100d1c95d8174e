//! A list to pick one item from (or several: a multi-select picker marks
//! and unmarks them), narrowed by what is typed (every word typed must be
//! in the item's search text: a name, an id, a role, an org).

use super::input::LineInput;
use crate::ui::action::Action;
use crate::ui::list::step;

/// One item: the value picked, the line shown, and the text searched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// Lower-case.
    pub search: String,
}

impl Choice {
    pub fn new(value: &str, label: String, search: &[&str]) -> Choice {
        Choice {
            value: value.to_string(),
            label,
            search: search.join(" ").to_lowercase(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub choices: Vec<Choice>,
    pub query: LineInput,
    /// Indexes of the choices the query keeps, in order.
    pub shown: Vec<usize>,
    /// Position in `shown`.
    pub cursor: usize,
    /// The value the item has now (marked in the list).
    pub current: Option<String>,
    /// A multi-select picker's marked values, in the order marked (the
    /// values it had first, as they were).
    pub marked: Option<Vec<String>>,
}

impl Picker {
    /// Every choice shown, the current value selected.
    pub fn new(choices: Vec<Choice>, current: Option<&str>) -> Picker {
        let shown: Vec<usize> = (0..choices.len()).collect();
        let cursor = current
            .and_then(|v| choices.iter().position(|c| c.value == v))
            .unwrap_or(0);
        Picker {
            choices,
            query: LineInput::default(),
            shown,
            cursor,
            current: current.map(str::to_string),
            marked: None,
        }
    }

    /// A multi-select picker, `marked` marked, on the first choice.
    pub fn multi(choices: Vec<Choice>, marked: Vec<String>) -> Picker {
        Picker {
            marked: Some(marked),
            ..Picker::new(choices, None)
        }
    }

    /// Whether a value is marked (in a multi-select picker).
    pub fn is_marked(&self, value: &str) -> bool {
        self.marked
            .as_ref()
            .is_some_and(|m| m.iter().any(|v| v == value))
    }

    /// Marks the choice under the cursor, or unmarks it.
    pub fn toggle(&mut self) {
        let Some(value) = self.selected().map(|c| c.value.clone()) else {
            return;
        };
        if let Some(marked) = &mut self.marked {
            match marked.iter().position(|v| *v == value) {
                Some(at) => {
                    marked.remove(at);
                }
                None => marked.push(value),
            }
        }
    }

    /// The choice under the cursor.
    pub fn selected(&self) -> Option<&Choice> {
        self.choices.get(*self.shown.get(self.cursor)?)
    }

    /// A move by a list action (down, up, page, top, bottom).
    pub fn act(&mut self, a: Action, page: usize) {
        self.cursor = step(self.cursor, self.shown.len(), a, page);
    }

    /// The query changed: the choices it keeps, best first (see
    /// [`rank`]), and the first of them selected that is not the value the
    /// item has now: what is typed asks for a change (`do` on a todo item
    /// selects doing, not todo).
    pub fn refilter(&mut self) {
        let q = self.query.text().to_lowercase();
        let words: Vec<&str> = q.split_whitespace().collect();
        let mut ranked: Vec<(usize, usize)> = (0..self.choices.len())
            .filter_map(|i| Some((rank(&self.choices[i], &words)?, i)))
            .collect();
        // Stable: choices of one rank keep their order (the team first).
        ranked.sort_by_key(|&(r, _)| r);
        self.shown = ranked.into_iter().map(|(_, i)| i).collect();
        let current = self.current.as_deref();
        self.cursor = if words.is_empty() {
            // Nothing typed (all erased): back on the value it has now.
            self.shown
                .iter()
                .position(|&i| Some(self.choices[i].value.as_str()) == current)
                .unwrap_or(0)
        } else {
            self.shown
                .iter()
                .position(|&i| Some(self.choices[i].value.as_str()) != current)
                .unwrap_or(0)
        };
    }
}

/// How well a choice matches the words typed (lower is better), `None`
/// when a word is not in it: each word counts 0 when the value starts
/// with it, 1 when a word of the search text does, 2 when it is inside
/// one.
pub(crate) fn rank(choice: &Choice, words: &[&str]) -> Option<usize> {
    let value = choice.value.to_lowercase();
    words.iter().try_fold(0, |sum, w| {
        let r = if value.starts_with(w) {
            0
        } else if choice
            .search
            .split(|c: char| c.is_whitespace() || "()·,/-_".contains(c))
            .any(|part| part.starts_with(w))
        {
            1
        } else if choice.search.contains(w) {
            2
        } else {
            return None;
        };
        Some(sum + r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Picker {
        let c = |id: &str, name: &str, role: &str| {
            Choice::new(id, format!("{name} ({id})"), &[id, name, role])
        };
        Picker::new(
            vec![
                c("mei", "林美 (Mei Lin)", "Strategist"),
                c("ana", "Ana Souza", "Copywriter"),
                c("wei", "王伟", "Designer"),
            ],
            Some("ana"),
        )
    }

    #[test]
    fn starts_on_the_current_value_and_narrows_by_words() {
        let mut p = people();
        assert_eq!(p.selected().map(|c| c.value.as_str()), Some("ana"));
        for c in "王".chars() {
            p.query.insert(c);
        }
        p.refilter();
        assert_eq!(p.selected().map(|c| c.value.as_str()), Some("wei"));
        p.query = LineInput::with_text("lin strat");
        p.refilter();
        assert_eq!(p.shown, [0]);
        p.query = LineInput::with_text("nobody");
        p.refilter();
        assert_eq!(p.selected(), None);
        p.act(Action::Down, 10);
        assert_eq!(p.cursor, 0, "an empty list does not move");
    }

    #[test]
    fn a_multi_select_picker_marks_and_unmarks() {
        let c = |v: &str| Choice::new(v, v.to_string(), &[v]);
        let mut p = Picker::multi(vec![c("a"), c("b"), c("p/c")], vec!["p/c".into()]);
        assert!(p.is_marked("p/c") && !p.is_marked("a"));
        p.toggle();
        p.act(Action::Down, 10);
        p.toggle();
        p.act(Action::Down, 10);
        p.toggle();
        assert_eq!(p.marked, Some(vec!["a".to_string(), "b".to_string()]));
    }

    fn statuses(current: &str) -> Picker {
        let c = |s: &str| Choice::new(s, s.to_string(), &[s]);
        let all = ["todo", "doing", "review", "blocked", "done", "dropped"];
        Picker::new(all.iter().map(|s| c(s)).collect(), Some(current))
    }

    fn typed(p: &mut Picker, text: &str) -> Vec<String> {
        p.query = LineInput::with_text(text);
        p.refilter();
        p.shown
            .iter()
            .map(|&i| p.choices[i].value.clone())
            .collect()
    }

    #[test]
    fn what_is_typed_ranks_prefixes_first_and_never_keeps_the_current_value() {
        let mut p = statuses("todo");
        assert_eq!(typed(&mut p, "do"), ["doing", "done", "todo"]);
        assert_eq!(p.selected().map(|c| c.value.as_str()), Some("doing"));
        // The current value first by rank: the next one is selected.
        let mut p = statuses("doing");
        assert_eq!(typed(&mut p, "do"), ["doing", "done", "todo"]);
        assert_eq!(p.selected().map(|c| c.value.as_str()), Some("done"));
        // Only the current value matches: it stays (Enter says unchanged).
        assert_eq!(typed(&mut p, "doi"), ["doing"]);
        assert_eq!(p.selected().map(|c| c.value.as_str()), Some("doing"));
        // Erased: back on the value it has now.
        typed(&mut p, "");
        assert_eq!(p.selected().map(|c| c.value.as_str()), Some("doing"));
        // A word of a name counts before text inside a word.
        let mut p = people();
        assert_eq!(typed(&mut p, "lin"), ["mei"]);
        assert_eq!(typed(&mut p, "a"), ["ana", "mei"]);
        assert_eq!(p.selected().map(|c| c.value.as_str()), Some("mei"));
    }
}
