//! A disk on which another program writes the workbook at the worst moment.

use careerbook::store::disk::{Disk, RealDisk};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A disk on which, when careerbook flushes a file it is about to rename
/// into place, another program that takes no lock (an editor, a file-sync
/// tool) rewrites the workbook in place, same length: one planned rewrite
/// for each flush, until none is left.
#[derive(Debug, Clone, Default)]
pub struct EditorWritesDuringFlush(Arc<Mutex<Vec<(PathBuf, String, String)>>>);

impl EditorWritesDuringFlush {
    /// At a coming flush, `from` becomes `to` in `workbook` (the first
    /// planned goes last).
    pub fn plan(&self, workbook: &Path, from: &str, to: &str) {
        let rewrite = (workbook.to_path_buf(), from.to_string(), to.to_string());
        self.0.lock().expect("plan").push(rewrite);
    }
}

impl Disk for EditorWritesDuringFlush {
    fn create_new(&self, path: &Path) -> io::Result<File> {
        RealDisk.create_new(path)
    }
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        RealDisk.write_all(file, bytes)
    }
    fn sync_file(&self, file: &File) -> io::Result<()> {
        RealDisk.sync_file(file)?;
        let planned = self.0.lock().expect("plan").pop();
        if let Some((workbook, from, to)) = planned {
            let now = fs::read_to_string(&workbook)?;
            assert!(now.contains(&from), "{from} is in the workbook");
            fs::write(&workbook, now.replacen(&from, &to, 1))?;
        }
        Ok(())
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        RealDisk.rename(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        RealDisk.sync_dir(dir)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        RealDisk.remove_file(path)
    }
}
