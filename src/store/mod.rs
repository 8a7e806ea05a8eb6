//! The only code that touches the file system: finding, reading, saving,
//! locking and backing up the workbook.

pub mod backup;
pub mod copies;
pub mod crash_note;
pub mod demo;
mod digest;
pub mod disk;
mod error;
pub mod export;
pub mod file;
pub mod journal;
pub mod lock;
pub mod migrate;
mod paths;
pub mod quick;
pub mod renumbered;
mod session;
pub mod sync;

pub use error::StoreError;
pub use paths::{DIR_VAR, Paths};
pub use session::{Applied, Compacted, OpenOptions, Saved, Session, UNDO_DEPTH};
