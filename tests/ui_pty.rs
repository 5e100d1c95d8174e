//! End to end: the real binary in a real pseudo-terminal (util-linux
//! `script` provides it). Waits for the first screen, presses keys, quits
//! (or sends a signal), and checks the exit status and that the terminal
//! was restored.

mod support;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// What the terminal showed up to its first screen (`needle` on it).
fn first_screen(rx: &Receiver<Vec<u8>>, needle: &str) -> Vec<u8> {
    let mut seen = Vec::new();
    assert!(
        wait_for(rx, &mut seen, needle),
        "first screen: {}",
        String::from_utf8_lossy(&seen)
    );
    seen
}

/// Everything the terminal showed so far, waiting until `needle` appears.
/// A redraw writes only the cells that change, so the words of a line can
/// come with cursor moves between them (over spaces already on screen):
/// the needle is looked for without escape sequences and spaces.
fn wait_for(rx: &Receiver<Vec<u8>>, seen: &mut Vec<u8>, needle: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    let needle = squeezed(needle);
    while !squeezed(&String::from_utf8_lossy(seen)).contains(&needle) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(chunk) => seen.extend(chunk),
            Err(_) => return false,
        }
    }
    true
}

/// Terminal output without its escape sequences (`ESC [ … letter`) and
/// spaces.
fn squeezed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() || c == '~' {
                    break;
                }
            }
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The board on `repo` in a 100x30 pseudo-terminal, and its output.
fn start(repo: &std::path::Path) -> Option<(std::process::Child, Receiver<Vec<u8>>)> {
    start_with(repo, "")
}

/// `ringboard ARGS` on `repo` in a 100x30 pseudo-terminal, and its output.
/// The shell prints its process id (`PID=…`) and `exec`s the binary, so
/// that id is the board's.
fn start_with(
    repo: &std::path::Path,
    args: &str,
) -> Option<(std::process::Child, Receiver<Vec<u8>>)> {
    start_env(repo, "", args)
}

/// `ringboard ARGS` with environment settings (`NAME=VALUE ...`) in front.
fn start_env(
    repo: &std::path::Path,
    env: &str,
    args: &str,
) -> Option<(std::process::Child, Receiver<Vec<u8>>)> {
    // Not skipped without it: a pty test that passes by not running
    // proves nothing. `.ci/run` installs it where it is missing.
    assert!(
        Command::new("script").arg("--version").output().is_ok(),
        "util-linux `script` is needed for the pty tests: install it (Debian: bsdutils)"
    );
    let bin = env!("CARGO_BIN_EXE_ringboard");
    let cmd = format!(
        "stty cols 100 rows 30; echo PID=$$; {env} exec {bin} --repo {} --today 2027-02-01 {args}",
        repo.display()
    );
    let mut child = Command::new("script")
        .args(["-qfec", &cmd, "/dev/null"])
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script starts");
    let mut stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    Some((child, rx))
}

#[test]
fn board_starts_takes_keys_and_quits_cleanly() {
    let Some((mut child, rx)) = start(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))) else {
        return;
    };
    let mut seen = first_screen(&rx, "Outside partners");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"2").expect("key");
    assert!(
        wait_for(&rx, &mut seen, "sorted by due"),
        "Deliverables view"
    );
    stdin.write_all(b"j?").expect("keys");
    assert!(wait_for(&rx, &mut seen, "Keys (? or Esc closes)"), "help");
    stdin.write_all(b"\x1b").expect("esc");
    stdin.write_all(b"q").expect("quit");
    stdin.flush().expect("flush");
    let status = wait_exit(&mut child, &rx, &mut seen);
    assert!(status.success(), "exit status {status:?}");
    let text = String::from_utf8_lossy(&seen);
    // Restored: the alternate screen was left and the cursor shown again.
    assert!(text.contains("\x1b[?1049l"), "alternate screen not left");
    assert!(text.contains("\x1b[?25h"), "cursor not shown again");
}

#[test]
fn saving_a_plan_file_reloads_the_board() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let boards = dir.path().join("boards");
    std::fs::create_dir_all(&boards).expect("mkdir");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("boards");
    for name in ["people.toml", "spring-launch.toml"] {
        std::fs::copy(src.join(name), boards.join(name)).expect("copy");
    }
    let Some((mut child, rx)) = start(dir.path()) else {
        return;
    };
    let mut seen = first_screen(&rx, "Outside partners");
    let spring = boards.join("spring-launch.toml");
    let text = std::fs::read_to_string(&spring).expect("read");
    std::fs::write(
        &spring,
        text.replace(
            "name = \"春季新品发布 Spring launch\"",
            "name = \"Spring launch RELOADED\"",
        ),
    )
    .expect("save");
    assert!(
        wait_for(&rx, &mut seen, "RELOADED"),
        "the board did not reload after a save"
    );
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"q").expect("quit");
    stdin.flush().expect("flush");
    let status = wait_exit(&mut child, &rx, &mut seen);
    assert!(status.success(), "exit status {status:?}");
}

/// The process id the shell printed before `exec`ing the binary.
fn pid(seen: &[u8]) -> String {
    let text = String::from_utf8_lossy(seen);
    let at = text.find("PID=").expect("the shell prints its id") + 4;
    text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

/// Waits (polling, with a deadline) for the child to end; its status.
fn wait_exit(
    child: &mut std::process::Child,
    rx: &Receiver<Vec<u8>>,
    seen: &mut Vec<u8>,
) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "it did not end");
        let _ = rx
            .recv_timeout(Duration::from_millis(50))
            .map(|c| seen.extend(c));
    };
    while let Ok(chunk) = rx.recv_timeout(Duration::from_millis(200)) {
        seen.extend(chunk);
    }
    status
}

/// The terminal is left as it was found, and nothing is drawn after: the
/// output ends with mouse reporting off, the alternate screen left and the
/// cursor shown.
fn assert_restored_at_the_end(seen: &[u8], what: &str) {
    let text = String::from_utf8_lossy(seen);
    let Some(left) = text.rfind("\x1b[?1049l") else {
        panic!("{what}: the alternate screen was not left");
    };
    let before = &text[..left];
    let after = &text[left..];
    let mouse_on = before.rfind("\x1b[?1000h");
    let mouse_off = before.rfind("\x1b[?1000l");
    assert!(
        mouse_off > mouse_on,
        "{what}: mouse reporting not turned off before leaving"
    );
    assert!(
        after.contains("\x1b[?25h"),
        "{what}: cursor not shown again"
    );
    for drawing in ["\x1b[?1049h", "\x1b[?25l", "\x1b[?1000h"] {
        assert!(
            !after.contains(drawing),
            "{what}: {drawing:?} after leaving"
        );
    }
    // Nothing printable after: only escape sequences and line ends.
    let printable = after
        .split('\x1b')
        .skip(1)
        .map(|seq| seq.trim_start_matches(|c: char| !c.is_ascii_alphabetic()))
        .map(|seq| seq.get(1..).unwrap_or(""))
        .any(|rest| !rest.trim().is_empty());
    assert!(!printable, "{what}: text drawn after leaving: {after:?}");
}

#[test]
fn an_ending_signal_restores_the_terminal_and_exits_with_128_plus_its_number() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let Some((mut child, rx)) = start(repo) else {
            return;
        };
        let mut seen = first_screen(&rx, "Outside partners");
        let killed = Command::new("kill")
            .args([format!("-{name}"), pid(&seen)])
            .status()
            .expect("kill runs");
        assert!(killed.success(), "SIG{name} sent");
        let status = wait_exit(&mut child, &rx, &mut seen);
        // `script -e` exits as its child did: 128 + n for a child that
        // exited so, and also for one the signal killed (so the output is
        // what tells them apart).
        assert_eq!(status.code(), Some(128 + number), "SIG{name}");
        assert_restored_at_the_end(&seen, &format!("board, SIG{name}"));
    }
}

#[test]
fn the_stand_up_display_restores_the_terminal_on_a_signal() {
    use support::gitrepo::TestRepo;
    let repo = TestRepo::spring("plan the spring launch");
    let Some((mut child, rx)) = start_with(repo.path(), "standup") else {
        return;
    };
    let mut seen = first_screen(&rx, "STAND-UP");
    let killed = Command::new("kill")
        .args(["-TERM".to_string(), pid(&seen)])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = wait_exit(&mut child, &rx, &mut seen);
    assert_eq!(status.code(), Some(143), "128 + SIGTERM");
    let text = String::from_utf8_lossy(&seen);
    let left = text
        .rfind("\x1b[?1049l")
        .expect("the alternate screen was left");
    assert!(text[left..].contains("\x1b[?25h"), "cursor shown again");
    assert!(!text[left..].contains("\x1b[?1049h"));
}

#[test]
fn a_status_changed_with_the_keys_is_committed_with_the_proposed_message() {
    use support::gitrepo::{SPRING, TestRepo};
    let repo = TestRepo::spring("plan the spring launch");
    let parent = repo.head_commit().id();
    repo.set_identity("Ana Souza", "ana@example.com");
    let Some((mut child, rx)) = start(repo.path()) else {
        return;
    };
    let mut seen = first_screen(&rx, "Spring launch");
    let mut stdin = child.stdin.take().expect("stdin");
    // Deliverables, find the email copy, status picker, down a line
    // (doing → review), Enter; commit, Enter on the proposed message; quit.
    // The board takes keys in order, each write done before the next key.
    stdin.write_all(b"2/email copy\rc").expect("keys");
    stdin.write_all(b"\x1b[B").expect("down arrow");
    stdin.write_all(b"\rC\rq").expect("keys");
    stdin.flush().expect("flush");
    let status = wait_exit(&mut child, &rx, &mut seen);
    let screen = String::from_utf8_lossy(&seen);
    assert!(status.success(), "exit status {status:?}: {screen}");
    let head = repo.head_commit();
    // As git commit writes it: the message ends with a line end.
    assert_eq!(
        head.message().ok(),
        Some("spring/copy: status doing → review\n"),
        "{screen}"
    );
    assert_eq!(head.parent_id(0).ok(), Some(parent));
    let before = head.parent(0).expect("parent").tree().expect("tree");
    let diff = repo
        .repo
        .diff_tree_to_tree(Some(&before), Some(&head.tree().expect("tree")), None)
        .expect("diff");
    let touched: Vec<String> = diff
        .deltas()
        .filter_map(|d| d.new_file().path().map(|p| p.display().to_string()))
        .collect();
    assert_eq!(touched, ["boards/spring.toml"]);
    assert_eq!(
        repo.read("boards/spring.toml"),
        SPRING.replace(
            "status = \"doing\"\nneeds = [\"brief\"]",
            "status = \"review\"\nneeds = [\"brief\"]"
        )
    );
    let mut opts = git2::StatusOptions::new();
    opts.include_untracked(true);
    let statuses = repo.repo.statuses(Some(&mut opts)).expect("status");
    assert!(statuses.is_empty(), "the working tree is clean");
    assert_restored_at_the_end(&seen, "board after a commit");
}

#[test]
fn the_editor_key_hands_the_terminal_over_and_the_board_reloads_after() {
    use support::gitrepo::{SPRING, TestRepo};
    let repo = TestRepo::spring("plan the spring launch");
    // An "editor" that notes its arguments and renames a deliverable.
    let editor = repo.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/args.txt\"\nsed -i 's/title = \"Email build\"/title = \"Email build EDITED\"/' \"$2\"\n",
    )
    .expect("editor");
    let mut perms = std::fs::metadata(&editor).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&editor, perms).expect("chmod");
    let env = format!("VISUAL={}", editor.display());
    let Some((mut child, rx)) = start_env(repo.path(), &env, "") else {
        return;
    };
    let mut seen = first_screen(&rx, "Spring launch");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"2/email copy\rE").expect("keys");
    stdin.flush().expect("flush");
    // Drawn whole after the editor, word by word (blank cells are skipped).
    assert!(
        wait_for(&rx, &mut seen, "EDITED"),
        "reloaded after the editor: {}",
        String::from_utf8_lossy(&seen)
    );
    let args = std::fs::read_to_string(repo.path().join("args.txt")).expect("the editor ran");
    let file = repo.path().join("boards/spring.toml");
    let line = SPRING
        .lines()
        .position(|l| l == "id = \"copy\"")
        .expect("copy");
    // The deliverable's table starts a line above its id.
    assert_eq!(args.trim(), format!("+{line} {}", file.display()));
    stdin.write_all(b"q").expect("quit");
    stdin.flush().expect("flush");
    let status = wait_exit(&mut child, &rx, &mut seen);
    assert!(status.success(), "exit status {status:?}");
    assert_restored_at_the_end(&seen, "board after the editor");
}

#[test]
fn without_a_git_identity_the_commit_is_refused_and_says_how_to_set_one() {
    use support::gitrepo::TestRepo;
    let repo = TestRepo::spring("plan the spring launch");
    let head = repo.head_commit().id();
    // No identity in the repository, and a home without a git config.
    let home = tempfile::TempDir::new().expect("home");
    let env = format!(
        "HOME={0} XDG_CONFIG_HOME={0} GIT_CONFIG_NOSYSTEM=1",
        home.path().display()
    );
    let Some((mut child, rx)) = start_env(repo.path(), &env, "") else {
        return;
    };
    let mut seen = first_screen(&rx, "Spring launch");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"2/email copy\r+C").expect("keys");
    stdin.flush().expect("flush");
    assert!(
        wait_for(&rx, &mut seen, "does not know"),
        "the refusal: {}",
        String::from_utf8_lossy(&seen)
    );
    stdin.write_all(b"q").expect("quit");
    stdin.flush().expect("flush");
    let status = wait_exit(&mut child, &rx, &mut seen);
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(repo.repo.head().expect("head").target(), Some(head));
    assert!(
        repo.read("boards/spring.toml").contains("due = 2027-02-11"),
        "written, not committed"
    );
}
