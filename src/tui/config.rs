//! The person's settings file: keys and colours. It lives in the platform's
//! config directory (`~/.config/careerbook/config.ron` on Linux, or the file
//! `CAREERBOOK_CONFIG` names), is written by `careerbook config init` with
//! every action of the key table commented out at its default keys, and is
//! read when the full-screen interface starts.
//!
//! A key set here replaces that action's default keys; every key is checked
//! against the table, and a mistake (an action the table does not have, a key
//! it cannot read, two actions of one screen on one key) is refused naming
//! its line. Like `tui/editor.rs`, this reads and writes one file of its own
//! outside `store/`: it holds no workbook data.

use super::keymap::{KEYS, Keymap, Refusal, Scope};
use super::theme::{self, Palette, Theme};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The variable that names another settings file (tests, a second set of keys).
pub const CONFIG_VAR: &str = "CAREERBOOK_CONFIG";

/// Whether frames are drawn in ASCII.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ascii {
    /// On the Linux console (`TERM=linux`), off elsewhere.
    #[default]
    Auto,
    On,
    Off,
}

/// What the file holds, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct File {
    theme: Palette,
    ascii: Ascii,
    /// `"scope.action": ["key", …]`
    keys: BTreeMap<String, Vec<String>>,
}

/// The settings in force: from the file, with `NO_COLOR` and `TERM` applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub theme: Theme,
    pub keys: Keymap,
    /// How many actions the file gave keys of their own.
    pub changed: usize,
}

impl Default for Settings {
    /// No file: the default keys, `dark` (or `mono` under `NO_COLOR`).
    fn default() -> Self {
        let theme = Theme::from_env();
        Self {
            keys: Keymap::new(theme.ascii()),
            theme,
            changed: 0,
        }
    }
}

/// Why the settings file cannot be used: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// The line at fault, when one is.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Where the settings file is: `CAREERBOOK_CONFIG`, else `config.ron` in
/// the platform's config directory.
pub fn path() -> Result<PathBuf, String> {
    if let Some(file) = std::env::var_os(CONFIG_VAR).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(file));
    }
    directories::ProjectDirs::from("", "", "careerbook")
        .map(|dirs| dirs.config_dir().join("config.ron"))
        .ok_or_else(|| format!("cannot find a home directory for the settings; set {CONFIG_VAR}"))
}

/// The settings in force: the file's when there is one, the defaults when
/// there is none.
pub fn load() -> Result<Settings, ConfigError> {
    let path = path().map_err(|message| ConfigError {
        path: PathBuf::new(),
        line: None,
        message,
    })?;
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text, &path, theme::no_color(), theme::linux_console()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(err) => Err(ConfigError {
            path,
            line: None,
            message: format!("cannot be read: {err}"),
        }),
    }
}

/// Reads settings from `text` (the file at `path`); `no_color` and `linux`
/// are what `NO_COLOR` and `TERM` say.
pub fn parse(
    text: &str,
    path: &Path,
    no_color: bool,
    linux: bool,
) -> Result<Settings, ConfigError> {
    let error = |line, message: String| ConfigError {
        path: path.to_path_buf(),
        line,
        message,
    };
    let file: File =
        ron::from_str(text).map_err(|e| error(Some(e.span.start.line), e.code.to_string()))?;
    let ascii = match file.ascii {
        Ascii::Auto => linux,
        Ascii::On => true,
        Ascii::Off => false,
    };
    let palette = if no_color { Palette::Mono } else { file.theme };
    let mut keys = Keymap::new(ascii);
    let changed: Vec<String> = file.keys.keys().cloned().collect();
    for (id, list) in &file.keys {
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        keys.rebind(id, &list)
            .map_err(|refusal| error(line_of(text, id), refusal.to_string()))?;
    }
    keys.check(&changed).map_err(|refusal| {
        let line = match &refusal {
            Refusal::Conflict { ids, .. } => line_of(text, &ids[0]),
            _ => None,
        };
        error(line, refusal.to_string())
    })?;
    Ok(Settings {
        theme: Theme::new(palette, ascii),
        keys,
        changed: changed.len(),
    })
}

/// The first line (from 1) that sets `id`, outside a comment.
fn line_of(text: &str, id: &str) -> Option<usize> {
    let quoted = format!("\"{id}\"");
    text.lines()
        .position(|line| {
            let code = line.split("//").next().unwrap_or("");
            code.contains(&quoted)
        })
        .map(|at| at + 1)
}

/// The file `config init` writes: the theme and the ASCII switch, and every
/// action of the key table at its default keys, commented out.
pub fn default_text() -> String {
    let keys = Keymap::new(true);
    let mut out = String::from(
        "// careerbook settings. `careerbook config check` checks this file; careerbook\n\
         // also says at start-up what is wrong with it (and then uses the defaults).\n\
         (\n\
         \x20   // Colours: dark (the default), light (for a light background: no yellow,\n\
         \x20   // no grey text) or mono (no colour at all: bold and reverse video; NO_COLOR\n\
         \x20   // in the environment selects it too).\n\
         \x20   theme: dark,\n\
         \x20   // Symbols: auto (ASCII on the Linux console, TERM=linux), on (always ASCII:\n\
         \x20   // square borders, plain markers, a chart without Braille) or off.\n\
         \x20   ascii: auto,\n\
         \x20   // Keys: remove the // in front of an action and change its keys. The keys\n\
         \x20   // given replace the action's default keys. A key is one character (a, G, ?),\n\
         \x20   // a name (Enter, Esc, Tab, S-Tab, Space, Up, Down, Left, Right, PgUp, PgDn,\n\
         \x20   // Home, End, Bksp, Del, Ins, F1-F12) or Ctrl- and a letter (Ctrl-S). One key\n\
         \x20   // doing two things on one screen is refused, naming the line.\n\
         \x20   keys: {\n",
    );
    let mut scope: Option<Scope> = None;
    for bound in keys.all() {
        let binding = bound.binding;
        if scope != Some(binding.scope) {
            scope = Some(binding.scope);
            out.push_str(&format!("        // {}\n", binding.scope.title()));
        }
        let list = bound
            .keys
            .iter()
            .map(|k| format!("{:?}", keys.label(k)))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "        // {:?}: [{list}], // {}\n",
            binding.id(),
            binding.help
        ));
    }
    out.push_str("    },\n)\n");
    debug_assert_eq!(keys.all().count(), KEYS.len());
    out
}

/// Writes [`default_text`] to `path`, creating its directory; an existing
/// file is kept unless `force`. Written whole or not at all.
pub fn init(path: &Path, force: bool) -> Result<(), String> {
    if path.exists() && !force {
        return Err(format!(
            "{} already exists; nothing was written (--force replaces it)",
            path.display()
        ));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    std::io::Write::write_all(&mut file, default_text().as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.persist(path)
        .map_err(|e| format!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Action;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn read(text: &str) -> Result<Settings, ConfigError> {
        parse(text, Path::new("config.ron"), false, false)
    }

    #[test]
    fn the_file_init_writes_reads_back_as_the_defaults() {
        let settings = read(&default_text()).expect("the default file reads");
        assert_eq!(settings.keys, Keymap::new(false));
        assert_eq!(settings.theme, Theme::new(Palette::Dark, false));
        assert_eq!(settings.changed, 0);
        // Every action of the table is listed, with its default keys.
        let text = default_text();
        for binding in KEYS {
            assert!(
                text.contains(&format!("{:?}:", binding.id())),
                "{}",
                binding.id()
            );
        }
        assert!(
            text.contains(r#"// "impact.add": ["a"], // log a win"#),
            "{text}"
        );
    }

    #[test]
    fn an_uncommented_line_changes_that_key_only() {
        let text = default_text().replace(r#"// "impact.add": ["a"]"#, r#""impact.add": ["A"]"#);
        let settings = read(&text).expect("a free key");
        assert_eq!(settings.changed, 1);
        let shift_a = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
        let a = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
        assert_eq!(
            settings.keys.resolve(&[Scope::Impact], &shift_a),
            Some(Action::Add)
        );
        assert_eq!(settings.keys.resolve(&[Scope::Impact], &a), None);
        assert_eq!(settings.keys.key_for(Scope::Impact, Action::Edit), "e");
    }

    #[test]
    fn a_conflict_names_the_line_that_makes_it() {
        let text = "(\n    keys: {\n        \"impact.add\": [\"d\"],\n    },\n)\n";
        let err = read(text).expect_err("d deletes in Impact");
        assert_eq!(err.line, Some(3));
        assert!(
            err.message.contains("impact.add") && err.message.contains("impact.delete"),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "config.ron, line 3: d would do two things in Impact: impact.add and impact.delete"
        );
    }

    #[test]
    fn unknown_actions_keys_and_themes_are_refused_by_line() {
        let unknown =
            read("(\n  keys: {\n    \"impact.ad\": [\"a\"],\n  },\n)").expect_err("no such action");
        assert_eq!(unknown.line, Some(3));
        assert!(unknown.message.contains("impact.ad"), "{unknown}");
        let key = read("(keys: {\"global.quit\": [\"Hyper-q\"]})").expect_err("no such key");
        assert_eq!(key.line, Some(1));
        assert!(key.message.contains("Hyper-q"), "{key}");
        let theme = read("(\n  theme: blue,\n)").expect_err("no such theme");
        assert_eq!(theme.line, Some(2));
        assert!(theme.message.contains("blue"), "{theme}");
        let field = read("(\n  colours: dark,\n)").expect_err("no such setting");
        assert_eq!(field.line, Some(2));
    }

    #[test]
    fn no_color_selects_mono_and_the_linux_console_ascii() {
        let text = "(theme: light)";
        let plain = parse(text, Path::new("c"), true, true).expect("reads");
        assert_eq!(plain.theme, Theme::new(Palette::Mono, true));
        assert_eq!(plain.keys.key_for(Scope::List, Action::Up), "Up");
        let off = parse("(ascii: off)", Path::new("c"), false, true).expect("reads");
        assert!(!off.theme.ascii());
    }

    #[test]
    fn init_refuses_to_replace_a_file_without_force() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub").join("config.ron");
        init(&path, false).expect("a new file");
        std::fs::write(&path, "(theme: mono)").expect("edit it");
        let refused = init(&path, false).expect_err("kept");
        assert!(refused.contains("--force"), "{refused}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "(theme: mono)"
        );
        init(&path, true).expect("replaced");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            default_text()
        );
    }
}
