//! Keys → actions, from the embedded `assets/keymap.toml`, optionally
//! overridden by the user's file. The help screen lists these bindings, so
//! keys and help never disagree.

use std::collections::HashMap;
use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::action::Action;
use super::views;

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Quit and moving about: name in the keymap file, action, and the line of
/// help. The help lists these, then a line for each view, then
/// [`ON_ITEMS`] (see [`actions`]).
const MOVING: &[(&str, Action, &str)] = &[
    ("quit", Action::Quit, "quit"),
    ("down", Action::Down, "move down"),
    ("up", Action::Up, "move up"),
    ("left", Action::Left, "scroll left (timeline)"),
    ("right", Action::Right, "scroll right (timeline)"),
    ("page_down", Action::PageDown, "page down"),
    ("page_up", Action::PageUp, "page up"),
    ("top", Action::Top, "first item"),
    ("bottom", Action::Bottom, "last item"),
    ("next_view", Action::NextView, "next view"),
    ("prev_view", Action::PrevView, "previous view"),
];

/// What acts on the selection, and on the board.
const ON_ITEMS: &[(&str, Action, &str)] = &[
    ("open", Action::Open, "details / a row's work / re-centre"),
    (
        "close",
        Action::Close,
        "close a pane or search; clear filters",
    ),
    ("help", Action::Help, "this help"),
    (
        "search",
        Action::Search,
        "search names, titles, roles, notes",
    ),
    ("next_match", Action::NextMatch, "next match"),
    ("prev_match", Action::PrevMatch, "previous match"),
    ("filter", Action::Filter, "filter by state or status"),
    ("filter_ring", Action::FilterRing, "filter by ring"),
    (
        "filter_owner",
        Action::FilterOwner,
        "filter by the selected owner",
    ),
    (
        "sort",
        Action::Sort,
        "sort: due, owner, status, ring, program",
    ),
    (
        "next_program",
        Action::NextProgram,
        "next program (table: all, then each)",
    ),
    ("prev_program", Action::PrevProgram, "previous program"),
    ("group", Action::Group, "timeline by person / by program"),
    ("reload", Action::Reload, "reload the plans"),
    (
        "history",
        Action::History,
        "history of the selection (git log)",
    ),
    ("status", Action::SetStatus, "set the status (a picker)"),
    ("due", Action::SetDue, "move the due date (date, +N, -N)"),
    ("due_later", Action::DueLater, "due date one day later"),
    (
        "due_earlier",
        Action::DueEarlier,
        "due date one day earlier",
    ),
    ("note", Action::EditNote, "edit the note (empty removes it)"),
    ("owner", Action::SetOwner, "change the owner (a picker)"),
    (
        "needs",
        Action::SetNeeds,
        "what it waits for (a picker; space marks)",
    ),
    (
        "actual",
        Action::SetActual,
        "a metric's actual: N, +N, -N (Metrics)",
    ),
    (
        "add",
        Action::AddDeliverable,
        "add a deliverable to the program",
    ),
    (
        "editor",
        Action::OpenEditor,
        "open the file in $VISUAL/$EDITOR",
    ),
    ("undo", Action::Undo, "undo the last write of this session"),
    ("commit", Action::Commit, "commit what this session wrote"),
];

/// Every action a key can be bound to, by its name in the keymap file,
/// with its line of help, in the help's order: a view's is `view_` and its
/// id ([`super::views::ALL`]).
pub fn actions() -> Vec<(String, Action, &'static str)> {
    let named = |rows: &[(&str, Action, &'static str)]| {
        rows.iter()
            .map(|&(name, action, help)| (name.to_string(), action, help))
            .collect::<Vec<_>>()
    };
    let views = views::ALL
        .iter()
        .map(|k| (k.id.keymap_name(), Action::View(k.id), k.help));
    named(MOVING)
        .into_iter()
        .chain(views)
        .chain(named(ON_ITEMS))
        .collect()
}

/// A key as written in the keymap file: `j`, `ctrl-c`, `pagedown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub(super) fn parse(s: &str) -> Option<Key> {
        let (ctrl, name) = match s.strip_prefix("ctrl-") {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let code = match name {
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            _ => {
                let mut chars = name.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(c)
            }
        };
        Some(Key { code, ctrl })
    }

    pub(super) fn from_event(e: &KeyEvent) -> Key {
        Key {
            code: e.code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
        }
    }
}

/// The bindings in force.
#[derive(Clone, Debug)]
pub struct Keymap {
    by_key: HashMap<Key, Action>,
    /// For help: each action with the keys written as in the file.
    pub listing: Vec<(Action, Vec<String>, &'static str)>,
}

impl Keymap {
    /// The embedded defaults with `user` (TOML text) laid over them. A
    /// user keymap with any problem is rejected whole: the defaults stay,
    /// and the one message says why (never a panic, never half a keymap).
    pub fn load(user: Option<&str>) -> (Keymap, Vec<String>) {
        let mut keys: HashMap<String, Vec<String>> = parse_keys(DEFAULT_KEYMAP).unwrap_or_default();
        let mut warnings = Vec::new();
        if let Some(text) = user {
            match check_user(text) {
                Ok(user_keys) => keys.extend(user_keys),
                Err(problems) => warnings.push(rejected(&problems)),
            }
        }
        let mut by_key = HashMap::new();
        let mut listing = Vec::new();
        for (name, action, help) in actions() {
            let list = keys.get(&name).cloned().unwrap_or_default();
            for k in &list {
                if let Some(key) = Key::parse(k) {
                    by_key.insert(key, action);
                }
            }
            listing.push((action, list, help));
        }
        (Keymap { by_key, listing }, warnings)
    }

    /// The user's keymap file, if any: `$XDG_CONFIG_HOME/ringboard/keymap.toml`
    /// or `~/.config/ringboard/keymap.toml`.
    pub fn user_file() -> Option<PathBuf> {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
        Some(base.join("ringboard").join("keymap.toml"))
    }

    /// The keys bound to an action, as written in the keymap file.
    pub fn keys(&self, action: Action) -> &[String] {
        self.listing
            .iter()
            .find(|(a, _, _)| *a == action)
            .map_or(&[], |(_, keys, _)| keys.as_slice())
    }

    /// The first key bound to an action, for hints ("? help").
    pub fn first_key(&self, action: Action) -> Option<&str> {
        self.keys(action).first().map(String::as_str)
    }

    pub fn action(&self, e: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(e);
        self.by_key.get(&key).copied().or_else(|| {
            // Shifted letters arrive with SHIFT and an upper-case char.
            let plain = Key {
                ctrl: key.ctrl,
                ..key
            };
            self.by_key.get(&plain).copied()
        })
    }
}

/// The user's bindings, or every problem with them: an action this board
/// does not have, a key it cannot read, a value that is not a key.
fn check_user(text: &str) -> Result<HashMap<String, Vec<String>>, Vec<String>> {
    let keys = parse_keys(text).map_err(|e| vec![e])?;
    let mut problems = Vec::new();
    let known = actions();
    for (name, list) in &keys {
        if !known.iter().any(|(n, _, _)| n == name) {
            problems.push(format!("unknown action `{name}`"));
            continue;
        }
        for k in list {
            if Key::parse(k).is_none() {
                problems.push(format!("`{k}` is not a key (action `{name}`)"));
            }
        }
    }
    problems.sort();
    if problems.is_empty() {
        Ok(keys)
    } else {
        Err(problems)
    }
}

/// The status line's word on a rejected keymap.
fn rejected(problems: &[String]) -> String {
    let more = match problems.len() {
        0 | 1 => String::new(),
        2 => " (and 1 more problem)".to_string(),
        n => format!(" (and {} more problems)", n - 1),
    };
    let first = problems.first().map_or("", String::as_str);
    format!("keymap not used, default keys in force: {first}{more}")
}

fn parse_keys(text: &str) -> Result<HashMap<String, Vec<String>>, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
    let Some(keys) = table.get("keys").and_then(|k| k.as_table()) else {
        return Err("missing [keys] table".to_string());
    };
    let mut out = HashMap::new();
    for (name, value) in keys {
        let list = match value {
            toml::Value::String(s) => vec![s.clone()],
            toml::Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| format!("`{name}` must be a key or a list of keys"))?,
            _ => return Err(format!("`{name}` must be a key or a list of keys")),
        };
        out.insert(name.clone(), list);
    }
    Ok(out)
}

/// Whether a key is a typed character: one without Ctrl, or with Ctrl
/// and Alt together, which is how Windows terminals send AltGr (`@`, `€`,
/// `{` on many keyboards).
pub(super) fn is_text(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && (!key.modifiers.contains(KeyModifiers::CONTROL)
            || key.modifiers.contains(KeyModifiers::ALT))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::action::ViewId;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn defaults_cover_every_action() {
        let (map, warnings) = Keymap::load(None);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(map.listing.iter().all(|(_, keys, _)| !keys.is_empty()));
        assert_eq!(map.action(&key('j')), Some(Action::Down));
        assert_eq!(
            map.action(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(&KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn a_user_file_overrides_the_defaults() {
        let (map, warnings) = Keymap::load(Some("[keys]\ndown = [\"x\"]\n"));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(map.action(&key('x')), Some(Action::Down));
        assert_eq!(map.action(&key('j')), None, "replaced");
        assert_eq!(map.action(&key('k')), Some(Action::Up), "the rest stays");
    }

    #[test]
    fn a_user_file_with_an_error_is_rejected_whole() {
        let (map, warnings) = Keymap::load(Some(
            "[keys]\ndown = [\"x\"]\nfly = [\"z\"]\nup = [\"not-a-key\"]\n",
        ));
        // Its valid line does not apply either: the defaults stay.
        assert_eq!(map.action(&key('x')), None);
        assert_eq!(map.action(&key('j')), Some(Action::Down));
        assert_eq!(map.action(&key('k')), Some(Action::Up));
        assert_eq!(
            warnings,
            [
                "keymap not used, default keys in force: `not-a-key` is not a key (action `up`) (and 1 more problem)"
            ]
        );
        for bad in [
            "this is not toml [",
            "[keys]\nquit = [\"x\", 3]\n",
            "[other]\n",
        ] {
            let (map, warnings) = Keymap::load(Some(bad));
            assert_eq!(warnings.len(), 1, "{bad}");
            assert_eq!(map.action(&key('q')), Some(Action::Quit), "{bad}");
        }
    }

    #[test]
    fn altgr_characters_are_text_ctrl_ones_are_not() {
        let key = |m| KeyEvent::new(KeyCode::Char('@'), m);
        assert!(is_text(&key(KeyModifiers::NONE)));
        assert!(is_text(&key(KeyModifiers::SHIFT)));
        assert!(is_text(&key(KeyModifiers::CONTROL | KeyModifiers::ALT)));
        assert!(!is_text(&key(KeyModifiers::CONTROL)));
        assert!(!is_text(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    }

    #[test]
    fn first_keys_follow_the_keymap_in_force() {
        let (map, _) = Keymap::load(None);
        assert_eq!(map.first_key(Action::Quit), Some("q"));
        assert_eq!(map.first_key(Action::View(ViewId::PROBLEMS)), Some("6"));
        let (map, _) = Keymap::load(Some("[keys]\nquit = [\"ctrl-q\"]\nhelp = []\n"));
        assert_eq!(map.first_key(Action::Quit), Some("ctrl-q"));
        assert_eq!(map.first_key(Action::Help), None);
    }
}
