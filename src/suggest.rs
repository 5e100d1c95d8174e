//! "Did you mean": the closest known word to an unknown one, by an edit
//! distance where swapping two neighbours counts as one edit (optimal
//! string alignment), so `stauts` is one step from `status`.
//!
//! The cost is bounded, whatever the input: only candidates whose length
//! is within the allowed distance are compared, each comparison stops as
//! soon as the distance must exceed the limit, each distinct word is looked
//! up once, and a whole run does at most [`BUDGET`] steps of comparison,
//! after which it suggests nothing more. A real portfolio's typos take a
//! tiny share of that; 20,000 hostile unknown ids cannot take seconds.
//!
//! Names (programs, people, deliverables, metrics) are also suggested by
//! their parts: a word that starts exactly one id, or is one of its
//! `-`-separated parts, suggests it (`spring` or `launch` → `spring-launch`),
//! in one pass over the ids charged to the same budget.

use std::collections::HashMap;

/// Comparison steps (cells of the distance table) a run may spend.
pub(crate) const BUDGET: u64 = 30_000_000;

/// The largest distance suggested for a word: a third of its length, at
/// least 1, at most 3.
fn limit(word_len: usize) -> usize {
    (word_len / 3).clamp(1, 3)
}

/// Known words, grouped by length, answering "did you mean" for unknown
/// ones within one shared budget.
pub(crate) struct Suggestions<'a> {
    /// Candidates by their length in characters.
    by_len: HashMap<usize, Vec<&'a str>>,
    memo: HashMap<String, Option<&'a str>>,
    /// Whether a word that starts a candidate or is one of its parts
    /// suggests it ([`Suggestions::names`]).
    parts: bool,
    budget: u64,
    /// Reused rows of the distance table.
    rows: [Vec<usize>; 3],
}

impl<'a> Suggestions<'a> {
    pub(crate) fn new(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        Suggestions::with_budget(candidates, BUDGET)
    }

    pub(crate) fn with_budget(candidates: impl IntoIterator<Item = &'a str>, budget: u64) -> Self {
        let mut by_len: HashMap<usize, Vec<&'a str>> = HashMap::new();
        for c in candidates {
            by_len.entry(c.chars().count()).or_default().push(c);
        }
        Suggestions {
            by_len,
            memo: HashMap::new(),
            parts: false,
            budget,
            rows: Default::default(),
        }
    }

    /// Suggestions among ids, where a word that is only the start or a
    /// `-`-separated part of one id also suggests it.
    pub(crate) fn names(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut s = Suggestions::new(candidates);
        s.parts = true;
        s
    }

    /// The closest candidate within the limit (ties: the smallest string),
    /// never the word itself; for [`Suggestions::names`], failing that, the
    /// one id the word starts or is a part of.
    pub(crate) fn suggest(&mut self, word: &str) -> Option<&'a str> {
        let mut budget = self.budget;
        let found = self.suggest_within(word, &mut budget);
        self.budget = budget;
        found
    }

    /// [`Suggestions::suggest`] spending a budget shared with other
    /// suggestions (one per program, say) instead of its own.
    pub(crate) fn suggest_within(&mut self, word: &str, budget: &mut u64) -> Option<&'a str> {
        if let Some(known) = self.memo.get(word) {
            return *known;
        }
        let mut found = self.search(word, budget);
        if found.is_none() && self.parts {
            found = self.part_of(word, budget);
        }
        self.memo.insert(word.to_string(), found);
        found
    }

    /// Steps of comparison left in the budget.
    #[cfg(test)]
    pub(crate) fn budget_left(&self) -> u64 {
        self.budget
    }

    fn search(&mut self, word: &str, budget: &mut u64) -> Option<&'a str> {
        let w: Vec<char> = word.chars().collect();
        let k = limit(w.len());
        let mut best: Option<(usize, &'a str)> = None;
        for len in w.len().saturating_sub(k)..=w.len() + k {
            let Some(list) = self.by_len.get(&len) else {
                continue;
            };
            for &c in list {
                if c == word {
                    continue;
                }
                if *budget == 0 {
                    return best.map(|(_, c)| c);
                }
                // A candidate must beat the best so far (or tie it and sort first).
                let bound = best.map_or(k, |(d, _)| d);
                if let Some(d) = within(&w, c, bound, budget, &mut self.rows)
                    && best.is_none_or(|b| (d, c) < b)
                {
                    best = Some((d, c));
                }
            }
        }
        best.map(|(_, c)| c)
    }
}

impl<'a> Suggestions<'a> {
    /// The one candidate that starts with `word` or has it as a
    /// `-`-separated part. When several do, none: picking one (the
    /// shortest, say) would be a guess between them. Each candidate costs
    /// its length in bytes of the budget.
    fn part_of(&self, word: &str, budget: &mut u64) -> Option<&'a str> {
        if word.is_empty() {
            return None;
        }
        let mut found = None;
        // Only a longer candidate can start with the word or hold it.
        let word_len = word.chars().count();
        let longer = self.by_len.iter().filter(|(len, _)| **len > word_len);
        for &c in longer.flat_map(|(_, list)| list) {
            let cost = c.len() as u64;
            if *budget < cost {
                *budget = 0;
                return None;
            }
            *budget -= cost;
            if c.starts_with(word) || c.split('-').any(|part| part == word) {
                if found.is_some() {
                    return None;
                }
                found = Some(c);
            }
        }
        found
    }
}

/// The distance between `a` and `b` if it is at most `k`, computing only
/// the band of the table a distance up to `k` can pass through and
/// stopping when a whole row exceeds `k`. Each cell costs one unit of
/// `budget`; `None` also when the budget runs out.
fn within(
    a: &[char],
    b: &str,
    k: usize,
    budget: &mut u64,
    rows: &mut [Vec<usize>; 3],
) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > k {
        return None;
    }
    let over = k + 1;
    // Setting up the rows costs their length: charged like cells.
    let setup = 3 * (m as u64 + 1);
    if *budget < setup {
        *budget = 0;
        return None;
    }
    *budget -= setup;
    let [prev2, prev, cur] = rows;
    for row in [&mut *prev2, &mut *prev, &mut *cur] {
        row.clear();
        row.resize(m + 1, over);
    }
    for (j, cell) in prev.iter_mut().enumerate().take(k.min(m) + 1) {
        *cell = j;
    }
    for i in 1..=n {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(m);
        // Only the band is computed; the cells just outside it are the
        // only others read, so only they are reset (rows are reused).
        cur[0] = if i <= k { i } else { over };
        if lo >= 2 {
            cur[lo - 1] = over;
        }
        let cells = (hi + 1).saturating_sub(lo) as u64;
        if *budget < cells {
            *budget = 0;
            return None;
        }
        *budget -= cells;
        let mut row_min = cur[0];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v.min(over);
            row_min = row_min.min(cur[j]);
        }
        if hi < m {
            cur[hi + 1] = over;
        }
        if row_min > k {
            return None;
        }
        std::mem::swap(prev2, prev);
        std::mem::swap(prev, cur);
    }
    let d = prev[m];
    (d <= k).then_some(d)
}

pub(crate) fn hint(s: Option<&str>) -> String {
    s.map_or_else(String::new, |s| format!(" (did you mean `{s}`?)"))
}

/// The closest of a few candidates (a list of keys or statuses).
pub(crate) fn suggest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    Suggestions::new(candidates).suggest(word)
}

/// ` (did you mean `x`?)` or nothing, for a few candidates.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    hint(suggest(word, candidates))
}

/// [`did_you_mean`] for ids of programs, people, deliverables or metrics:
/// also the one id the word starts or is a `-`-separated part of.
pub(crate) fn did_you_mean_id<'a>(word: &str, ids: impl IntoIterator<Item = &'a str>) -> String {
    hint(Suggestions::names(ids).suggest(word))
}

/// The id of the person whose name `word` is (any case), or else of the
/// one person whose name starts with it: someone typed a name where an
/// id goes (`owner="Raj Patel"` → `raj`). One pass over the people.
pub(crate) fn person_named<'a>(
    word: &str,
    people: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<&'a str> {
    let word = word.trim().to_lowercase();
    if word.is_empty() {
        return None;
    }
    let mut starts: Option<Option<&'a str>> = None;
    for (id, name) in people {
        let name = name.to_lowercase();
        if name == word {
            return Some(id);
        }
        if name.starts_with(&word) {
            // A second name with this start: no one in particular.
            starts = Some(if starts.is_none() { Some(id) } else { None });
        }
    }
    starts.flatten()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The plain full table, as the reference.
    fn distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let w = b.len() + 1;
        let mut d = vec![0usize; (a.len() + 1) * w];
        for i in 0..=a.len() {
            d[i * w] = i;
        }
        for (j, cell) in d.iter_mut().enumerate().take(w) {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[(i - 1) * w + j] + 1)
                    .min(d[i * w + j - 1] + 1)
                    .min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                d[i * w + j] = v;
            }
        }
        d[a.len() * w + b.len()]
    }

    #[test]
    fn suggestions_are_close_only() {
        assert_eq!(
            suggest("stauts", ["start", "status", "note"]),
            Some("status")
        );
        assert_eq!(distance("stauts", "status"), 1);
        assert_eq!(suggest("ana", ["anna", "raj"]), Some("anna"));
        assert_eq!(suggest("zzzzzz", ["status"]), None);
        assert_eq!(suggest("status", ["status"]), None, "never the word itself");
    }

    #[test]
    fn a_name_suggests_the_one_id_it_starts_or_is_a_part_of() {
        let ids = ["spring-launch", "brand-refresh", "nurture-2027"];
        let mut s = Suggestions::names(ids);
        assert_eq!(s.suggest("spring"), Some("spring-launch"));
        assert_eq!(s.suggest("launch"), Some("spring-launch"));
        assert_eq!(s.suggest("aurora"), None);
        assert_eq!(s.suggest("lau"), None, "a start of a part is not a part");
        let mut two = Suggestions::names(["spring-launch", "spring-gala"]);
        assert_eq!(two.suggest("spring"), None, "two ids start so: no guess");
        assert_eq!(suggest("spring", ids), None, "only names go by parts");
    }

    #[test]
    fn a_persons_name_suggests_their_id() {
        let people = [
            ("raj", "Raj Patel"),
            ("ana", "Ana Souza"),
            ("anna", "Anna Berg"),
        ];
        assert_eq!(person_named("raj patel", people), Some("raj"));
        assert_eq!(person_named("Raj", people), Some("raj"));
        assert_eq!(person_named("Ana Souza", people), Some("ana"));
        assert_eq!(person_named("An", people), None, "two names start so");
        assert_eq!(person_named("", people), None);
    }

    #[test]
    fn a_spent_budget_suggests_nothing_more() {
        let mut s = Suggestions::with_budget(["status"], 10);
        assert_eq!(s.suggest("stauts"), None, "6 rows of at least 3 cells");
        let mut s = Suggestions::with_budget(["status"], 1000);
        assert_eq!(s.suggest("stauts"), Some("status"));
        assert!(s.budget_left() < 1000);
        let left = s.budget_left();
        assert_eq!(s.suggest("stauts"), Some("status"));
        assert_eq!(s.budget_left(), left, "a word is looked up once");
    }

    #[test]
    fn hostile_input_stays_within_the_budget() {
        let ids: Vec<String> = (0..5000).map(|i| format!("{:064}", i)).collect();
        let mut s = Suggestions::with_budget(ids.iter().map(String::as_str), 1_000_000);
        for i in 0..2000 {
            s.suggest(&format!("{:>64}", format!("x{i}")));
        }
        assert_eq!(s.budget_left(), 0);
    }

    proptest! {
        /// The banded, early-stopping distance agrees with the full table
        /// whenever the distance is within the limit.
        #[test]
        fn band_agrees_with_the_full_table(a in "[abc林]{0,9}", b in "[abc林]{0,9}", k in 0usize..4) {
            let a_chars: Vec<char> = a.chars().collect();
            let mut budget = u64::MAX;
            let mut rows = Default::default();
            let got = within(&a_chars, &b, k, &mut budget, &mut rows);
            let full = distance(&a, &b);
            prop_assert_eq!(got, (full <= k).then_some(full));
        }
    }
}
