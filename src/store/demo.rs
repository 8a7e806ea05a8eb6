//! The demo workbook: a throwaway copy in a temporary directory, so `--demo`
//! never reads or writes the user's own data.

use super::disk::RealDisk;
use super::{Paths, StoreError, file};
use tempfile::TempDir;

/// The demo workbook, built into the binary so `--demo` works from anywhere.
pub use crate::demo::DEMO_RON;

/// Writes a fresh copy of the demo workbook into a new temporary directory.
/// The directory (and every edit made to the copy) is deleted when the
/// returned `TempDir` is dropped.
pub fn throwaway_copy() -> Result<(TempDir, Paths), StoreError> {
    let dir = tempfile::Builder::new()
        .prefix("careerbook-demo-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .tempdir()
        .map_err(|e| StoreError::io("create a temporary directory in", &std::env::temp_dir(), e))?;
    let paths = Paths::in_dir(dir.path());
    file::ensure_dirs(&paths)?;
    file::write_atomic(&RealDisk, &paths.dir, &paths.workbook, DEMO_RON.as_bytes())?;
    Ok((dir, paths))
}
