//! docs/from-the-shell.md builds the demo's situation with commands alone.
//! This runs its script against an empty data directory and checks that the
//! workbook it makes reads exactly as the demo does, and that the output the
//! page shows is what careerbook prints.

use std::path::Path;
use std::process::{Command, Output};

const PAGE: &str = include_str!("../docs/from-the-shell.md");

/// The fenced block that follows `marker` on the page.
fn block_after(marker: &str) -> &'static str {
    let at = PAGE.find(marker).expect("the marker is on the page");
    let rest = &PAGE[at..];
    let start = rest.find("```").expect("a block");
    let body = &rest[start..];
    let body = &body[body.find('\n').expect("fence line") + 1..];
    &body[..body.find("```").expect("the block ends")]
}

fn careerbook(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_careerbook"))
        .args(args)
        .env("CAREERBOOK_DIR", dir)
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .output()
        .expect("run careerbook")
}

fn text(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_script_on_the_page_rebuilds_the_demo_and_its_output_is_real() {
    let data = tempfile::tempdir().expect("temp dir");
    let binary = Path::new(env!("CARGO_BIN_EXE_careerbook"));
    let path = format!(
        "{}:{}",
        binary.parent().expect("the binary's directory").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = Command::new("bash")
        .args(["-e", "-c", block_after("<!-- the script")])
        .env("PATH", path)
        .env("CAREERBOOK_DIR", data.path())
        .env("CAREERBOOK_TODAY", "2026-11-26")
        .output()
        .expect("run bash");
    assert!(
        run.status.success(),
        "the script failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        run.stderr.is_empty(),
        "no warnings: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let demo = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        demo.path().join("workbook.ron"),
        careerbook::store::demo::DEMO_RON,
    )
    .expect("seed the demo");
    for args in [
        &["check"][..],
        &["check", "--alerts"],
        &["next"],
        &["next", "--format", "json"],
        &["runway"],
        &["vesting", "--last-day", "2027-02-09"],
    ] {
        assert_eq!(
            text(careerbook(data.path(), args)),
            text(careerbook(demo.path(), args)),
            "`careerbook {}` differs from the demo's",
            args.join(" ")
        );
    }
    let shown = block_after("<!-- next:");
    let printed = text(careerbook(data.path(), &["next"]));
    assert_eq!(shown, format!("$ careerbook next\n{printed}"));
}
