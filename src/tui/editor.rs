//! A note edited in the user's own editor: written to a file in a private
//! temporary directory, `$VISUAL` (else `$EDITOR`, else `vi`, as git does)
//! run on it while careerbook has handed the terminal over, and read back.
//! The form then checks the text as it checks typed text. This and the store
//! are the only code that touches the file system; the file is gone after.

use std::fs;
use std::io::Read;
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
    let dir = tempfile::Builder::new()
        .prefix("careerbook-note-")
        .tempdir()
        .map_err(|e| format!("cannot make a file to edit the note in: {e}"))?;
    let path = dir.path().join("note.txt");
    fs::write(&path, format!("{text}\n"))
        .map_err(|e| format!("cannot write the note to {}: {e}", path.display()))?;
    let editor = editor();
    // Through the shell, so an editor set with arguments (`code --wait`) works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg(&editor)
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
