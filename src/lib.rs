//! careerbook: a terminal workbook for tech workers living through layoffs.
//!
//! `domain` holds the pure types and calculations, `store` the file, `tui` the
//! full-screen interface and `cli` the commands; `main.rs` only chooses between them.

pub mod cli;
pub mod domain;
pub mod export;
pub mod store;
pub mod text;
pub mod tui;
