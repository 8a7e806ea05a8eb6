//! Attacks on careerbook's first promise: never lose or corrupt a workbook
//! (issue 8). Each module is one kind of attack; docs/reliability.md maps every
//! guarantee to the tests that prove it.

// Helpers: apps and keys, workbooks and child processes, a pseudo-terminal.
#[path = "../common/mod.rs"]
mod common;
mod pty;
mod support;

/// What a child process started by the multi-process tests runs.
mod child;

mod bad_input;
mod disk_faults;
mod extremes;
mod journal;
mod kill;
mod paths;
mod sizes;
mod terminal;
mod versions;
mod writers;
