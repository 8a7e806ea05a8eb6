//! Where the workbook lives: the data directory and the files inside it.

use std::path::{Path, PathBuf};

/// The environment variable that overrides the data directory.
pub const DIR_VAR: &str = "CAREERBOOK_DIR";

/// The file names careerbook owns inside its data directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    pub dir: PathBuf,
    pub workbook: PathBuf,
    /// Edits saved since the workbook was last written whole (see `store::journal`).
    pub journal: PathBuf,
    pub lock: PathBuf,
    pub backups: PathBuf,
}

impl Paths {
    /// Paths inside `dir`, which need not exist yet.
    pub fn in_dir(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        Self {
            workbook: dir.join("workbook.ron"),
            journal: dir.join("workbook.journal"),
            lock: dir.join("workbook.lock"),
            backups: dir.join("backups"),
            dir,
        }
    }

    /// `--data-dir` first, then `CAREERBOOK_DIR`, then the platform's data directory
    /// (`~/.local/share/careerbook` on Linux).
    pub fn resolve(data_dir: Option<&Path>) -> Result<Self, String> {
        if let Some(dir) = data_dir {
            return Ok(Self::in_dir(absolute(dir)));
        }
        if let Some(dir) = std::env::var_os(DIR_VAR).filter(|v| !v.is_empty()) {
            return Ok(Self::in_dir(absolute(Path::new(&dir))));
        }
        directories::ProjectDirs::from("", "", "careerbook")
            .map(|dirs| Self::in_dir(dirs.data_dir()))
            .ok_or_else(|| {
                format!("cannot find a home directory for the workbook; pass --data-dir DIR or set {DIR_VAR}")
            })
    }

    /// Prefix of the temporary files a save writes next to the workbook.
    pub(crate) const TEMP_PREFIX: &'static str = ".workbook.ron.tmp.";
}

/// A relative directory made absolute against the current one, so messages
/// and `careerbook path` name the real place.
fn absolute(dir: &Path) -> PathBuf {
    if dir.is_absolute() {
        return dir.to_path_buf();
    }
    std::env::current_dir()
        .map(|cwd| cwd.join(dir))
        .unwrap_or_else(|_| dir.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_dir_wins_and_names_the_files() {
        let paths = Paths::resolve(Some(Path::new("/tmp/cb"))).expect("explicit dir resolves");
        assert_eq!(paths.workbook, Path::new("/tmp/cb/workbook.ron"));
        assert_eq!(paths.journal, Path::new("/tmp/cb/workbook.journal"));
        assert_eq!(paths.lock, Path::new("/tmp/cb/workbook.lock"));
        assert_eq!(paths.backups, Path::new("/tmp/cb/backups"));
    }
}
