//! A note edited in the user's own editor: written to a file in a private
//! temporary directory, `$VISUAL` (else `$EDITOR`, else `vi`, as git does)
//! run on it while careerbook has handed the terminal over, and read back.
//! The form then checks the text as it checks typed text. This and the store
//! are the only code that touches the file system; the file is gone after.
//! The directory is 0700 and the file 0600 whatever the umask: a note may hold
//! what the workbook holds, and the workbook is owner-only.

use std::fs::{self, OpenOptions, Permissions};
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

/// The most bytes read back: far more than a field holds, so a huge file is
/// refused by the field's own limit with its message, without being read whole.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// The editor to run, as the user set it.
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs the user's editor on `text`; the edited text, or why there is none
/// (the note is then left as it was).
pub fn edit(text: &str) -> Result<String, String> {
    edit_with(&editor(), text)
}

/// Runs `editor` on `text` (see [`edit`]).
fn edit_with(editor: &str, text: &str) -> Result<String, String> {
    let dir = tempfile::Builder::new()
        .prefix("careerbook-note-")
        .permissions(Permissions::from_mode(0o700))
        .tempdir()
        .map_err(|e| format!("cannot make a file to edit the note in: {e}"))?;
    let path = dir.path().join("note.txt");
    write_private(&path, &format!("{text}\n"))
        .map_err(|e| format!("cannot write the note to {}: {e}", path.display()))?;
    // Through the shell, so an editor set with arguments (`code --wait`) works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg(editor)
        .arg(&path)
        .status()
        .map_err(|e| format!("cannot start {editor}: {e}; the note is unchanged"))?;
    match status.code() {
        Some(0) => {}
        Some(127) => {
            return Err(format!(
                "{editor} was not found: set $VISUAL or $EDITOR to your editor; the note is unchanged"
            ));
        }
        _ => {
            return Err(format!(
                "{editor} ended with {status}; the note is unchanged"
            ));
        }
    }
    let mut bytes = Vec::new();
    fs::File::open(&path)
        .and_then(|file| file.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read the edited note back: {e}"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err("the edited note is larger than a field holds; it is unchanged".into());
    }
    String::from_utf8(bytes)
        .map_err(|_| "the edited note is not UTF-8 text; it is unchanged".into())
}

/// A new file only its owner can read, holding `text`.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?
        .write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_is_owner_only_while_the_editor_has_it_and_gone_after() {
        // An "editor" that replaces the note with the modes of the note and
        // of its directory as it saw them, and the directory's path.
        let dir = tempfile::tempdir().expect("temp dir");
        let script = dir.path().join("probe.sh");
        fs::write(
            &script,
            "d=$(dirname \"$1\"); stat -c %a \"$1\" \"$d\" > \"$d/seen\"; echo \"$d\" >> \"$d/seen\"; mv \"$d/seen\" \"$1\"\n",
        )
        .expect("script");
        // The usual umask, which left the directory 0755 and the file 0644
        // (readable by every user) before the modes were given explicitly.
        let old = rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o022));
        let seen = edit_with(&format!("sh {}", script.display()), "severance 16 weeks");
        rustix::process::umask(old);
        let seen = seen.expect("edited");
        let lines: Vec<&str> = seen.lines().collect();
        assert_eq!(lines[..2], ["600", "700"], "file, then directory: {seen}");
        assert!(
            !Path::new(lines[2]).exists(),
            "the private directory is removed once the note is read back"
        );
    }
}
