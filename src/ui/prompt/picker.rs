//! A list to pick one item from, narrowed by what is typed (every word
//! typed must be in the item's search text: a name, an id, a role, an org).

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

    /// The query changed: the choices it keeps, the first one selected.
    pub fn refilter(&mut self) {
        let q = self.query.text().to_lowercase();
        let words: Vec<&str> = q.split_whitespace().collect();
        self.shown = (0..self.choices.len())
            .filter(|&i| words.iter().all(|w| self.choices[i].search.contains(w)))
            .collect();
        self.cursor = 0;
    }
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
}
