//! End to end: the real binary in a real pseudo-terminal (util-linux
//! `script` provides it). Waits for the first screen, presses keys, quits,
//! and checks the exit status and that the terminal was restored.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Everything the terminal showed so far, waiting until `needle` appears.
fn wait_for(rx: &Receiver<Vec<u8>>, seen: &mut Vec<u8>, needle: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !String::from_utf8_lossy(seen).contains(needle) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(chunk) => seen.extend(chunk),
            Err(_) => return false,
        }
    }
    true
}

/// The board on `repo` in a 100x30 pseudo-terminal, and its output.
fn start(repo: &std::path::Path) -> Option<(std::process::Child, Receiver<Vec<u8>>)> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: util-linux `script` is not installed");
        return None;
    }
    let bin = env!("CARGO_BIN_EXE_ringboard");
    let cmd = format!(
        "stty cols 100 rows 30; {bin} --repo {} --today 2027-02-01",
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
    let mut seen = Vec::new();
    assert!(
        wait_for(&rx, &mut seen, "Outside partners"),
        "first screen: {}",
        String::from_utf8_lossy(&seen)
    );
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
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the board did not quit");
        // Poll the child without busy-waiting on the clock.
        let _ = rx
            .recv_timeout(Duration::from_millis(50))
            .map(|c| seen.extend(c));
    };
    assert!(status.success(), "exit status {status:?}");
    while let Ok(chunk) = rx.recv_timeout(Duration::from_millis(200)) {
        seen.extend(chunk);
    }
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
    let mut seen = Vec::new();
    assert!(wait_for(&rx, &mut seen, "Outside partners"), "first screen");
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
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "exit status {status:?}");
            break;
        }
        assert!(Instant::now() < deadline, "the board did not quit");
        let _ = rx
            .recv_timeout(Duration::from_millis(50))
            .map(|c| seen.extend(c));
    }
}
