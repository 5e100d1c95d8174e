//! Every wording of a change, in one place: `diff`'s sentences and summary
//! (text, markdown and the board's review mode), `log`'s short form, and the
//! stand-up's phrases. The changes themselves are typed ([`super::change`]);
//! only here do they become words.

use jiff::civil::Date;

use super::change::{Change, Detail, Facts, Field, Kind, Value};
use super::impact::{DueBy, Impact};
use super::problem_changes::ProblemChanges;
use crate::derive::days_between;
use crate::diag::Diagnostic;
use crate::model::{Number, Status};

/// The change in words, naming the item by id and title, e.g. "deadline
/// of spring-launch/email-copy "Launch email copy" moved 2027-02-10 →
/// 2027-02-17 (+7 days)".
pub fn sentence(c: &Change) -> String {
    let titled = |subject: &str| match c.title.as_deref().filter(|_| !c.retitles()) {
        Some(title) => format!("{subject} \"{title}\""),
        None => subject.to_string(),
    };
    let what = titled(&c.subject());
    let person = c.id.as_deref().unwrap_or("?");
    let program = c.program.as_deref().unwrap_or("?");
    match &c.detail {
        Detail::Joined(ring) => format!("{person} joined {program} as {ring}"),
        Detail::Left(ring) => format!("{person} left {program} ({ring})"),
        // A person's title is the name their facts would repeat.
        Detail::Added(Facts::Person { .. }) if c.title.is_some() => {
            format!("{} {what} added", noun(c.kind))
        }
        Detail::Added(facts) => format!("{} {what} added ({})", noun(c.kind), facts_words(facts)),
        Detail::Removed => format!("{} {what} removed", noun(c.kind)),
        Detail::Renamed { from } => format!("program {} renamed to {program}", titled(from)),
        Detail::Changed { field, from, to } => match (field, c.days_moved()) {
            (Field::Due, Some(days)) => format!(
                "deadline of {what} moved {} ({})",
                from_to(from, to),
                signed_days(days)
            ),
            (_, Some(days)) => format!(
                "{field} of {what} moved {} ({})",
                from_to(from, to),
                signed_days(days)
            ),
            _ => format!("{field} of {what} {}", from_to(from, to)),
        },
    }
}

/// The change without its subject, for `log` lines and the board's detail
/// of one item: "status doing → blocked", "added (due 2027-02-10, owner ana)".
pub fn short(c: &Change) -> String {
    match &c.detail {
        Detail::Added(facts) => format!("added ({})", facts_words(facts)),
        Detail::Removed => REMOVED.to_string(),
        Detail::Joined(_) | Detail::Left(_) | Detail::Renamed { .. } => sentence(c),
        Detail::Changed { field, from, to } => match c.days_moved() {
            Some(days) => format!("{field} {} ({})", from_to(from, to), signed_days(days)),
            None => format!("{field} {}", from_to(from, to)),
        },
    }
}

const REMOVED: &str = "removed";

/// A status change to `status`.
fn status_now(c: &Change, status: Status) -> bool {
    match &c.detail {
        Detail::Changed {
            field: Field::Status,
            to: Value::Status(to),
            ..
        } => *to == status,
        _ => false,
    }
}

/// "3 deadlines slipped (+12 days in total), 1 newly blocked, 1 program added".
pub fn summary(changes: &[Change]) -> String {
    let mut slipped = (0, 0);
    let mut pulled = (0, 0);
    let count = |pred: &dyn Fn(&Change) -> bool| changes.iter().filter(|c| pred(c)).count();
    let blocked = count(&|c| status_now(c, Status::Blocked));
    let done = count(&|c| status_now(c, Status::Done));
    let added = count(&|c| c.kind == Kind::DeliverableAdded);
    let removed = count(&|c| c.kind == Kind::DeliverableRemoved);
    let programs_added = count(&|c| c.kind == Kind::ProgramAdded);
    let programs_removed = count(&|c| c.kind == Kind::ProgramRemoved);
    let programs_renamed = count(&|c| c.kind == Kind::ProgramRenamed);
    let joined = count(&|c| c.kind == Kind::TeamJoined);
    let left = count(&|c| c.kind == Kind::TeamLeft);
    for c in changes.iter().filter(|c| c.field() == Some(Field::Due)) {
        match c.days_moved() {
            Some(d) if d > 0 => slipped = (slipped.0 + 1, slipped.1 + d),
            Some(d) if d < 0 => pulled = (pulled.0 + 1, pulled.1 + d),
            _ => {}
        }
    }
    let mut parts = Vec::new();
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    if slipped.0 > 0 {
        parts.push(format!(
            "{} slipped ({} in total)",
            n(slipped.0, "deadline", "deadlines"),
            signed_days(slipped.1)
        ));
    }
    if pulled.0 > 0 {
        parts.push(format!(
            "{} pulled in ({})",
            n(pulled.0, "deadline", "deadlines"),
            signed_days(pulled.1)
        ));
    }
    for (k, one, many) in [
        (blocked, "newly blocked", "newly blocked"),
        (done, "finished", "finished"),
        (added, "deliverable added", "deliverables added"),
        (removed, "deliverable removed", "deliverables removed"),
        (programs_added, "program added", "programs added"),
        (programs_removed, "program removed", "programs removed"),
        (programs_renamed, "program renamed", "programs renamed"),
        (joined, "team join", "team joins"),
        (left, "team departure", "team departures"),
    ] {
        if k > 0 {
            parts.push(n(k, one, many));
        }
    }
    let other = changes.len()
        - slipped.0
        - pulled.0
        - blocked
        - done
        - added
        - removed
        - programs_added
        - programs_removed
        - programs_renamed
        - joined
        - left;
    if other > 0 {
        parts.push(n(other, "other change", "other changes"));
    }
    if parts.is_empty() {
        "No changes to the plans.".to_string()
    } else {
        parts.join(", ")
    }
}

/// The summary line of `diff`: the changes, then what they do to the
/// problems `check` reports ("…, introduces 2 errors, fixes 1 warning").
pub fn summary_with_problems(changes: &[Change], problems: &ProblemChanges) -> String {
    let said = [
        ("introduces", &problems.introduced),
        ("fixes", &problems.fixed),
    ]
    .into_iter()
    .filter_map(|(verb, list)| Some(format!("{verb} {}", problem_count(list)?)))
    .collect::<Vec<_>>()
    .join(", ");
    match (said.is_empty(), changes.is_empty()) {
        (true, _) => summary(changes),
        (false, true) => format!("No changes to the plans; {said}"),
        (false, false) => format!("{}, {said}", summary(changes)),
    }
}

/// "2 errors and 1 warning"; `None` for none.
fn problem_count(list: &[Diagnostic]) -> Option<String> {
    let errors = list.iter().filter(|d| d.is_error()).count();
    let warnings = list.len() - errors;
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    match (errors, warnings) {
        (0, 0) => None,
        (e, 0) => Some(n(e, "error", "errors")),
        (0, w) => Some(n(w, "warning", "warnings")),
        (e, w) => Some(format!(
            "{} and {}",
            n(e, "error", "errors"),
            n(w, "warning", "warnings")
        )),
    }
}

/// The lines of one impact: "spring/copy: now at risk downstream:
/// spring/build", "milestone "Launch day" of spring moved 2027-03-01 →
/// 2027-02-15 (-14 days): now missed by spring/build (due 2027-02-20)".
pub fn impact_lines(i: &Impact) -> Vec<String> {
    let mut out = Vec::new();
    if !i.newly_late.is_empty() {
        out.push(format!(
            "{}: now late downstream: {}",
            i.cause,
            i.newly_late.join(", ")
        ));
    }
    if !i.newly_at_risk.is_empty() {
        out.push(format!(
            "{}: now at risk downstream: {}",
            i.cause,
            i.newly_at_risk.join(", ")
        ));
    }
    for m in &i.missed_milestones {
        out.push(format!(
            "{}: now due {}, after milestone \"{}\" of {} ({})",
            i.cause, m.due, m.name, m.program, m.date
        ));
    }
    if let Some(m) = &i.milestone {
        let head = format!(
            "milestone \"{}\" of {} moved {} → {} ({})",
            m.name,
            m.program,
            m.from,
            m.to,
            signed_days(days_between(m.from, m.to))
        );
        let due = |list: &[DueBy]| {
            list.iter()
                .map(|d| format!("{} (due {})", d.deliverable, d.due))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (what, list) in [
            ("now missed by", &i.now_missed_by),
            ("now met by", &i.now_met_by),
        ] {
            if !list.is_empty() {
                out.push(format!("{head}: {what} {}", due(list)));
            }
        }
    }
    out
}

// The stand-up's phrases: one deliverable's change, said under its owner
// (so without a subject), in a stand-up's words.

/// "added (due 2027-03-10)".
pub fn standup_added(due: Date) -> String {
    format!("added (due {due})")
}

/// "removed".
pub fn standup_removed() -> String {
    REMOVED.to_string()
}

/// "status doing → blocked", or "finished (status doing → done)".
pub fn standup_status(from: Status, to: Status) -> String {
    if to == Status::Done {
        format!("finished (status {from} → done)")
    } else {
        format!("status {from} → {to}")
    }
}

/// "deadline 2027-02-10 → 2027-02-17 (+7 days)".
pub fn standup_deadline(from: Date, to: Date) -> String {
    let days = signed_days(days_between(from, to));
    format!("deadline {from} → {to} ({days})")
}

/// "owner mei → raj".
pub fn standup_owner(from: &str, to: &str) -> String {
    format!("owner {from} → {to}")
}

/// `note "Waiting on supplier BOM" removed`, `note: "Legal signed off"`,
/// `note "A" → "B"`: the text of a note is often the news.
pub fn standup_note(from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (Some(from), None) => format!("note \"{from}\" removed"),
        (None, Some(to)) => format!("note: \"{to}\""),
        (Some(from), Some(to)) => format!("note \"{from}\" → \"{to}\""),
        (None, None) => "note unchanged".to_string(),
    }
}

/// A change to a program itself, said under the program (so without the
/// program's id): "name Spring launch → Spring launch 2027", "program added
/// (3 deliverables)", "ana joined the team as core", "milestone Launch day:
/// date 2027-03-01 → 2027-03-08 (+7 days)", "metric mql: actual 100 → 250".
pub fn standup_program(c: &Change) -> String {
    let item = c.id.as_deref().unwrap_or("?");
    let program = matches!(
        c.kind,
        Kind::ProgramAdded | Kind::ProgramRemoved | Kind::ProgramChanged
    );
    match &c.detail {
        // One line for a new program, not one per deliverable (docs/cli.md v3).
        Detail::Added(Facts::Program { deliverables, .. }) => {
            let noun = if *deliverables == 1 {
                "deliverable"
            } else {
                "deliverables"
            };
            format!("program added, {deliverables} {noun}")
        }
        Detail::Joined(ring) => format!("{item} joined the team as {ring}"),
        Detail::Left(ring) => format!("{item} left the team ({ring})"),
        Detail::Changed { .. } if program => short(c),
        Detail::Changed { .. } => format!("{} {item}: {}", noun(c.kind), short(c)),
        _ if program => format!("program {}", short(c)),
        _ => format!("{} {item} {}", noun(c.kind), short(c)),
    }
}

/// What kind of item a change is about, as its sentence names it.
fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::PersonAdded | Kind::PersonRemoved | Kind::PersonChanged => "person",
        Kind::ProgramAdded | Kind::ProgramRemoved | Kind::ProgramChanged | Kind::ProgramRenamed => {
            "program"
        }
        Kind::MilestoneAdded | Kind::MilestoneRemoved | Kind::MilestoneChanged => "milestone",
        Kind::MetricAdded | Kind::MetricRemoved | Kind::MetricChanged => "metric",
        _ => "deliverable",
    }
}

/// What an added item brings: "due 2027-02-10, owner ana", "3 deliverables".
fn facts_words(facts: &Facts) -> String {
    match facts {
        Facts::Person { name } => name.clone(),
        Facts::Program {
            deliverables,
            marks,
        } => {
            let n = match deliverables {
                1 => "1 deliverable".to_string(),
                n => format!("{n} deliverables"),
            };
            let counted: Vec<String> = marks
                .counted()
                .map(|(mark, k)| format!("{k} {}", mark.replace('_', " ")))
                .collect();
            match counted.is_empty() {
                true => n,
                false => format!("{n}: {}", counted.join(", ")),
            }
        }
        Facts::Milestone { date } => format!("on {date}"),
        Facts::Metric { target } => format!("target {target}"),
        Facts::Deliverable { due, owner, marks } => {
            let marked: Vec<String> = marks.counted().map(|(m, _)| m.replace('_', " ")).collect();
            match marked.is_empty() {
                true => format!("due {due}, owner {owner}"),
                false => format!("due {due}, owner {owner}; {}", marked.join(", ")),
            }
        }
    }
}

/// "doing → blocked"; a number of days says its unit once, after the
/// last number: "5 → 10 days", "none → 1 day", "5 days → none".
fn from_to(from: &Value, to: &Value) -> String {
    let unit = |v: &Value| match v {
        Value::Days(1) => Some("day"),
        Value::Days(_) => Some("days"),
        _ => None,
    };
    let (a, b) = (show(from), show(to));
    match (unit(from), unit(to)) {
        (_, Some(u)) => format!("{a} → {b} {u}"),
        (Some(u), None) => format!("{a} {u} → {b}"),
        (None, None) => format!("{a} → {b}"),
    }
}

/// A value as people read it: text unquoted, an unset value as "none",
/// lists in brackets.
fn show(v: &Value) -> String {
    match v {
        Value::None => "none".to_string(),
        Value::Text(s) => s.clone(),
        Value::Date(d) => d.to_string(),
        Value::Status(s) => s.as_str().to_string(),
        Value::Number(n) => number(*n),
        Value::Int(i) => i.to_string(),
        Value::Days(n) => n.to_string(),
        Value::Ring(r) => r.as_str().to_string(),
        Value::Better(b) => b.as_str().to_string(),
        Value::List(items) => format!("[{}]", items.join(", ")),
    }
}

/// A changed number as the JSON prints it (`250`, `1500.0`, `1e16`), so the
/// sentence and the JSON of one change agree; a non-finite one (the loader
/// never makes one) reads "none", as JSON prints it `null`. An added
/// metric's target reads as the plans print numbers instead: `target 1500`.
fn number(n: Number) -> String {
    match n {
        Number::Int(i) => i.to_string(),
        Number::Float(f) => {
            serde_json::Number::from_f64(f).map_or("none".to_string(), |j| j.to_string())
        }
    }
}

/// `+7 days`, `-1 day`.
pub fn signed_days(days: i32) -> String {
    let unit = if days.abs() == 1 { "day" } else { "days" };
    format!("{days:+} {unit}")
}

/// `milestone "Launch day" of spring-launch: forecast 2027-03-01 →
/// 2027-03-07 (+6 d)`, `end of spring-launch: forecast …`.
pub fn forecast_move(m: &super::forecast_moves::ForecastMove) -> String {
    let what = match &m.milestone {
        Some(name) => format!("milestone \"{name}\" of {}", m.program),
        None => format!("end of {}", m.program),
    };
    format!("{what}: forecast {} → {} ({:+} d)", m.from, m.to, m.days)
}

/// `spring-launch/landing-page starts slipping: forecast 2027-02-21 (+2
/// d)`, `… stops slipping`.
pub fn slip_change(c: &super::forecast_moves::SlipChange) -> String {
    if c.to > 0 {
        format!(
            "{}/{} starts slipping: forecast {} (+{} d)",
            c.program, c.id, c.forecast, c.to
        )
    } else {
        format!(
            "{}/{} stops slipping (it was +{} d)",
            c.program, c.id, c.from
        )
    }
}

/// `metric mql of spring-launch reached its target 1,200`, `… fell back
/// under its target 1,200`; for a lower-is-better metric `came back within
/// its target 40,000` / `went over its target 40,000`.
pub fn target_crossing(c: &super::forecast_moves::TargetCrossing) -> String {
    let target = crate::pace::grouped(c.target);
    let how = match (c.reached, c.better) {
        (true, "lower") => "came back within",
        (false, "lower") => "went over",
        (true, _) => "reached",
        (false, _) => "fell back under",
    };
    format!(
        "metric {} of {} {how} its target {target}",
        c.metric, c.program
    )
}

/// The Forecast section's lines: the moves, then what starts or stops
/// slipping.
pub fn forecast_lines(f: &super::forecast_moves::ForecastChanges) -> Vec<String> {
    let mut out: Vec<String> = f
        .moves
        .iter()
        .map(forecast_move)
        .chain(f.slipping.iter().map(slip_change))
        .chain(f.targets.iter().map(target_crossing))
        .collect();
    if f.left_out > 0 {
        out.push(format!(
            "… and {} more forecast moves, not listed",
            f.left_out
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(kind: Kind, detail: Detail) -> Change {
        Change {
            kind,
            program: Some("p".into()),
            id: Some("x".into()),
            title: None,
            detail,
        }
    }

    fn changed(field: Field, from: Value, to: Value) -> Change {
        change(
            Kind::DeliverableChanged,
            Detail::Changed { field, from, to },
        )
    }

    #[test]
    fn only_a_date_moves_not_a_text_that_looks_like_one() {
        let (a, b) = ("2027-01-01", "2027-02-01");
        let due = changed(
            Field::Due,
            Value::Date(a.parse().unwrap()),
            Value::Date(b.parse().unwrap()),
        );
        assert_eq!(
            sentence(&due),
            "deadline of p/x moved 2027-01-01 → 2027-02-01 (+31 days)"
        );
        assert_eq!(short(&due), "due 2027-01-01 → 2027-02-01 (+31 days)");
        let title = changed(Field::Title, Value::Text(a.into()), Value::Text(b.into()));
        assert_eq!(title.days_moved(), None);
        assert_eq!(sentence(&title), "title of p/x 2027-01-01 → 2027-02-01");
    }

    /// A changed number reads as the JSON prints it, an added target as
    /// the plans print it (the outputs always said so).
    #[test]
    fn numbers_read_as_json_in_changes_and_as_plans_in_facts() {
        let target = Number::Float(1500.0);
        let moved = changed(
            Field::Target,
            Value::Number(Number::Int(1500)),
            Value::Number(target),
        );
        assert_eq!(short(&moved), "target 1500 → 1500.0");
        let added = change(Kind::MetricAdded, Detail::Added(Facts::Metric { target }));
        assert_eq!(short(&added), "added (target 1500)");
    }

    /// The item's title follows its id, except when the title itself is
    /// what changed (both titles are then the change).
    #[test]
    fn a_change_names_its_item_by_id_and_title() {
        let titled = |c: Change| Change {
            title: Some("Email copy".into()),
            ..c
        };
        let due = titled(changed(
            Field::Due,
            Value::Date(jiff::civil::date(2027, 2, 10)),
            Value::Date(jiff::civil::date(2027, 2, 17)),
        ));
        assert_eq!(
            sentence(&due),
            "deadline of p/x \"Email copy\" moved 2027-02-10 → 2027-02-17 (+7 days)"
        );
        assert_eq!(short(&due), "due 2027-02-10 → 2027-02-17 (+7 days)");
        let retitled = titled(changed(
            Field::Title,
            Value::text("Copy"),
            Value::text("Email copy"),
        ));
        assert_eq!(sentence(&retitled), "title of p/x Copy → Email copy");
        let removed = titled(change(Kind::DeliverableRemoved, Detail::Removed));
        assert_eq!(sentence(&removed), "deliverable p/x \"Email copy\" removed");
        let renamed = Change {
            program: Some("spring-2027".into()),
            id: None,
            title: Some("Spring launch".into()),
            ..change(
                Kind::ProgramRenamed,
                Detail::Renamed {
                    from: "spring".into(),
                },
            )
        };
        assert_eq!(
            sentence(&renamed),
            "program spring \"Spring launch\" renamed to spring-2027"
        );
    }

    #[test]
    fn the_summary_counts_the_problems_introduced_and_fixed() {
        let path = std::sync::Arc::from("boards/p.toml");
        let at = crate::model::Pos::default();
        let problems = ProblemChanges {
            introduced: vec![
                Diagnostic::error(&path, at, "a"),
                Diagnostic::error(&path, at, "b"),
                Diagnostic::warning(&path, at, "c"),
            ],
            fixed: vec![Diagnostic::warning(&path, at, "d")],
        };
        let removed = change(Kind::DeliverableRemoved, Detail::Removed);
        assert_eq!(
            summary_with_problems(&[removed], &problems),
            "1 deliverable removed, introduces 2 errors and 1 warning, fixes 1 warning"
        );
        let only_fixed = ProblemChanges {
            introduced: Vec::new(),
            ..problems
        };
        assert_eq!(
            summary_with_problems(&[], &only_fixed),
            "No changes to the plans; fixes 1 warning"
        );
        assert_eq!(
            summary_with_problems(&[], &ProblemChanges::default()),
            "No changes to the plans."
        );
    }

    #[test]
    fn the_stand_up_says_finished_for_done() {
        assert_eq!(
            standup_status(Status::Review, Status::Done),
            "finished (status review → done)"
        );
        assert_eq!(
            standup_status(Status::Done, Status::Review),
            "status done → review"
        );
    }
}
