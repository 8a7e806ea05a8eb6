//! careerbook: a terminal workbook for tech workers living through layoffs.
//!
//! `domain` holds the pure types and calculations, `store` the file, `tui` the
//! full-screen interface and `cli` the commands; `main.rs` only chooses between them.

// The store sets file modes and opens files with Unix flags (std::os::unix),
// and the terminal code polls for hang-up (rustix) and catches SIGHUP/SIGTERM
// (signal-hook): careerbook is built for Unix only, and says so at once.
#[cfg(not(unix))]
compile_error!(
    "careerbook runs on Linux, macOS and other Unix systems; Windows is not supported yet \
     (file permissions, flags and terminal signals are Unix code). See README.md, Set up."
);

pub mod cli;
pub mod demo;
pub mod domain;
pub mod export;
pub mod store;
pub mod text;
pub mod tui;
