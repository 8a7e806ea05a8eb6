//! The demo workbook: the records `--demo` opens in a throwaway copy
//! (`store::demo`), and what tests, examples and screenshots start from. Data
//! only, so every layer may use it.

/// The demo workbook as RON, as it ships in `assets/demo.ron`.
pub const DEMO_RON: &str = include_str!("../assets/demo.ron");
