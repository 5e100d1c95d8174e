//! The status line: source, today and counts, or the search prompt, or
//! the last message; at the right, the marker of uncommitted plan edits.
//! A message never loses its reason to a cut (a warning, a refusal, what
//! a write does downstream): it drops the titles it names first, then
//! wraps to more rows (up to [`max_status_rows`]); the layout makes room
//! for them. Pure: worked out the same way for the layout and the frame.
//!
//! [`max_status_rows`]: crate::ui::layout::max_status_rows

use super::App;
use crate::ui::action::ViewId;
use crate::ui::fit::{plural, truncate, width, wrap};

/// The status line at a width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusLines {
    /// One row each, each as wide as the room beside the marker.
    pub lines: Vec<String>,
    /// " [2 plan files uncommitted]", at the right of the last row.
    pub marker: Option<String>,
    /// The counts show plan errors (the line is a warning).
    pub errors: bool,
}

impl App {
    /// The status line's rows at `width` columns, at most `max_rows`.
    pub fn status_lines(&self, width_cols: u16, max_rows: u16) -> StatusLines {
        let mut marker = self.uncommitted_marker().map(|m| format!(" [{m}]"));
        let marker_w = marker
            .as_deref()
            .map_or(0, |m| width(m).min(width_cols as usize / 2));
        let (left, errors) = self.status_text();
        let texts: Vec<&str> = match (&self.message, &self.terse) {
            (Some(m), Some((full, terse))) if !self.search.editing && m == full => {
                vec![m, terse]
            }
            _ => vec![&left],
        };
        let rows = max_rows.max(1) as usize;
        let room = (width_cols as usize).saturating_sub(marker_w);
        let lines = match fit_message(&texts, room, rows) {
            Ok(lines) => lines,
            // A message that needs the marker's room takes it: it says
            // what was written, and that it is not committed.
            Err(cut) if marker.is_none() => cut,
            Err(_) => {
                marker = None;
                fit_message(&texts, width_cols as usize, rows).unwrap_or_else(|cut| cut)
            }
        };
        StatusLines {
            lines,
            marker,
            errors,
        }
    }

    /// The status line's text, and whether it is the plan errors' warning.
    fn status_text(&self) -> (String, bool) {
        let d = &self.data;
        let c = d.counts;
        if self.search.editing && !self.search.matched {
            return (format!("/{}   (no match)", self.search.query), false);
        }
        if self.search.editing {
            return (format!("/{}", self.search.query), false);
        }
        if let Some(msg) = &self.message {
            return (msg.clone(), false);
        }
        let review = d.review.as_ref().map_or(String::new(), |r| {
            format!(
                " · review against {}{}",
                r.base,
                self.key_hint(ViewId::CHANGES)
            )
        });
        let errors = if c.errors > 0 {
            let n = plural(c.errors, "plan error", "plan errors");
            format!(" · {n}{}", self.key_hint(ViewId::PROBLEMS))
        } else {
            String::new()
        };
        let source = match &d.plans.source {
            crate::load::Source::WorkTree => "working tree".to_string(),
            crate::load::Source::Commit(c) => format!("revision {}", crate::repo::short_id(*c)),
        };
        let text = format!(
            "{source}{review} · today {} · {} late · {} blocked · {} at risk{errors}",
            d.today(),
            c.late,
            c.blocked,
            c.at_risk,
        );
        (text, c.errors > 0)
    }
}

/// The first of `texts` (the message, then the message without the titles
/// it names) that fits one row of `room` columns; else the first that
/// wraps into two rows, then into `max_rows`; else (`Err`) the last, cut.
fn fit_message(texts: &[&str], room: usize, max_rows: usize) -> Result<Vec<String>, Vec<String>> {
    if let Some(t) = texts.iter().find(|t| width(t) <= room) {
        return Ok(vec![t.to_string()]);
    }
    for rows in [2.min(max_rows), max_rows] {
        for t in texts {
            let lines = wrap(t, room, 2);
            if lines.len() <= rows {
                return Ok(lines);
            }
        }
    }
    let last = texts.last().copied().unwrap_or_default();
    let mut lines = wrap(last, room, 2);
    lines.truncate(max_rows);
    if let Some(end) = lines.last_mut() {
        *end = truncate(&format!("{end} …"), room);
    }
    Err(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_drops_its_titles_then_wraps_and_never_loses_its_end() {
        let full = "owner of p/brief \"Creative brief for Bluefin\" chen → marcus · not committed · warning: owner `marcus` is not on the team";
        let terse = "owner of p/brief chen → marcus · not committed · warning: owner `marcus` is not on the team";
        assert_eq!(
            fit_message(&[full, terse], 200, 3),
            Ok(vec![full.to_string()])
        );
        assert_eq!(
            fit_message(&[full, terse], 100, 3),
            Ok(vec![terse.to_string()])
        );
        let two = fit_message(&[full, terse], 70, 3).expect("fits");
        assert_eq!(two.len(), 2, "{two:?}");
        assert!(two[1].ends_with("is not on the team"), "{two:?}");
        let cut = fit_message(&[full, terse], 20, 2).expect_err("cut");
        assert_eq!(cut.len(), 2, "{cut:?}");
        assert!(cut.iter().all(|l| width(l) <= 20), "{cut:?}");
        assert!(cut[1].ends_with('…'), "{cut:?}");
    }
}
