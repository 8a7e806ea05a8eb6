//! `careerbook config path|init|check`: the settings file of the full-screen
//! interface (keys and colours), see `tui/config.rs`.

use super::{Failure, print};
use crate::tui::config;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ConfigWhat {
    /// Print where the settings file is (it may not exist yet)
    Path,
    /// Write the settings file: the theme, and every key at its default, commented out
    Init {
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Check the settings file as careerbook reads it at start-up
    Check,
}

pub fn run(what: ConfigWhat) -> Result<(), Failure> {
    let path = config::path().map_err(Failure::runtime)?;
    match what {
        ConfigWhat::Path => print(&format!("{}\n", path.display())),
        ConfigWhat::Init { force } => {
            config::init(&path, force).map_err(Failure::runtime)?;
            print(&format!(
                "wrote {}: every key at its default, commented out; remove the // to change one\n",
                path.display()
            ))
        }
        ConfigWhat::Check => {
            if !path.exists() {
                return print(&format!(
                    "{}: no settings file; careerbook uses the default keys and colours \
                     (`careerbook config init` writes one)\n",
                    path.display()
                ));
            }
            let settings = config::load().map_err(|err| Failure::runtime(err.to_string()))?;
            print(&format!(
                "{}: ok; theme {}{}, {} with keys of its own\n",
                path.display(),
                settings.theme.palette().name(),
                if settings.theme.ascii() {
                    ", ASCII"
                } else {
                    ""
                },
                crate::text::count(settings.changed, "action")
            ))
        }
    }
}
