//! Running the real binary against a temporary data directory.

use std::path::Path;
use std::process::{Command, Output};

pub fn careerbook(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_careerbook"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .env_remove("CAREERBOOK_DIR")
        .output()
        .expect("run careerbook")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `careerbook` with `input` on its standard input.
pub fn careerbook_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_careerbook"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .env_remove("CAREERBOOK_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run careerbook");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait for careerbook")
}

/// A temporary data directory holding the demo workbook.
pub fn demo_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("workbook.ron"),
        careerbook::store::demo::DEMO_RON,
    )
    .expect("write");
    dir
}

/// Standard output of a command that must succeed.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let out = careerbook(dir, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?} failed: {}",
        stderr(&out)
    );
    stdout(&out)
}

/// `workbook.ron` and `workbook.journal` as they are now (the journal `None`
/// when there is none): a command that changes nothing changes neither.
pub fn files(dir: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    (
        std::fs::read(dir.join("workbook.ron")).expect("the workbook"),
        std::fs::read(dir.join("workbook.journal")).ok(),
    )
}
