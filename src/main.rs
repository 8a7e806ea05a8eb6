//! Parses the arguments, then opens the TUI or runs a command. Nothing else.

use careerbook::cli::{self, Args, Failure};
use careerbook::domain::dates;
use careerbook::store::{Paths, demo};
use careerbook::tui;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::parse_args();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                cli::warn(&failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}

fn run(args: Args) -> Result<(), Failure> {
    dates::today_override().map_err(Failure::usage)?;
    // In demo mode the temporary directory lives until the end of this function.
    let (_demo_dir, paths) = if args.demo {
        let (dir, paths) = demo::throwaway_copy()?;
        (Some(dir), paths)
    } else {
        (
            None,
            Paths::resolve(args.data_dir.as_deref()).map_err(Failure::runtime)?,
        )
    };
    match args.command {
        None => {
            let banner = args.demo.then(|| "DEMO".to_string());
            tui::run(paths, banner).map_err(Failure::runtime)
        }
        Some(command) => cli::run(command, &paths),
    }
}
