//! Attacks on careerbook's first promise: never lose or corrupt a workbook
//! (issue 8). Each module is one kind of attack; docs/reliability.md maps every
//! guarantee to the tests that prove it.

#[path = "../common/mod.rs"]
mod common;
mod support;
mod terminal;

mod bad_input;
mod child;
mod disk_faults;
mod kill;
mod paths;
mod pty;
mod versions;
mod writers;
