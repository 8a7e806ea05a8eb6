//! The command line: clap types and one function per subcommand. Commands call
//! the same domain functions as the screens, so both always agree.
//!
//! Exit status: 0 success; 1 failure at run time (message on stderr, nothing
//! changed); 2 wrong usage or a value that cannot be accepted.

mod backups;
mod check;
mod config;
mod conflicts;
mod contacts;
mod discover;
pub mod export;
mod grants;
mod impact;
mod import;
mod input;
mod money;
mod next;
mod notice;
mod now;
mod offers;
mod output;
mod pipeline;
mod runway;
mod settings;
mod sync;
mod vesting;
pub mod written;

use crate::domain::edit::{Edit, EditError, Item, Kind};
use crate::domain::{Id, Invalid};
use crate::store::quick::{self, Quick};
use crate::store::{OpenOptions, Paths, Session, StoreError};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub use output::{
    lines, one_line, print, print_data, print_json, stderr_is_terminal, stdin_is_terminal,
    stdout_is_terminal, text_width, warn,
};

#[derive(Debug, Parser)]
#[command(
    name = "careerbook",
    version,
    about = "A terminal workbook for tech workers living through layoffs",
    long_about = "A terminal workbook for tech workers living through layoffs: a weekly impact log, \
                  a savings runway, a vesting schedule and a job-search pipeline, kept in one local file.\n\n\
                  With no command, opens the full-screen workbook."
)]
pub struct Args {
    /// Keep the workbook in DIR (default: the platform's data directory,
    /// ~/.local/share/careerbook on Linux)
    #[arg(long, global = true, value_name = "DIR", env = crate::store::DIR_VAR)]
    pub data_dir: Option<PathBuf>,

    /// Use a throwaway copy of the demo workbook; your own data is never read or written
    #[arg(long, global = true)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The Now tab's checklist: four items with their status and reason, or --alerts
    Check(check::CheckArgs),
    /// What to do next, ranked: this week first, by what is at stake, then by date
    Next(next::NextArgs),
    /// Log a win in the impact log and print it
    Log(impact::LogArgs),
    /// List wins, newest first (text, Markdown brag document, CSV or JSON)
    Wins(impact::WinsArgs),
    /// How many months your money lasts, simulated month by month
    Runway {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Print all 120 months (by default the text stops a few months after the money
        /// runs out; JSON always has every month)
        #[arg(long)]
        all: bool,
    },
    /// Upcoming vests, and what a last day keeps or forfeits
    #[command(
        after_help = "Examples:\n  careerbook vesting\n  careerbook vesting --last-day 2027-02-09\n  careerbook vesting --last-day +6w --format json"
    )]
    Vesting {
        /// The last day (separation date) to work out: YYYY-MM-DD, today, +2w, fri, eom … [default: today]
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        last_day: Option<String>,
        /// text for people, json for scripts
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Add a job application and print it with its id
    Apply(pipeline::ApplyArgs),
    /// List job applications, or move one to another stage (`apps move ID STAGE`)
    Apps(pipeline::AppsArgs),
    /// Add or change a job offer, accept one, or see what another start date costs
    Offer(offers::OfferArgs),
    /// Each offer against staying: cash, equity and total in years 1–4
    Offers(offers::OffersArgs),
    /// Your current pay, for the Stay column of `careerbook offers`
    CurrentJob(offers::CurrentJobArgs),
    /// Import records from a spreadsheet export (`import apps FILE.csv`, `import contacts FILE.csv`)
    Import {
        #[command(subcommand)]
        what: import::ImportWhat,
    },
    /// Write a calendar file: the deadlines after a notice (with reminders),
    /// the date an offer is needed by, the vests to come and every follow-up
    #[command(
        after_help = "Re-exporting to the same FILE updates it; events keep their UIDs, so a \
                            calendar that imports the new file updates its events instead of adding copies.\n\
                            Events before today are left out (a vest already vested, a deadline passed); an \
                            overdue follow-up stays, it still needs doing.\n\
                            A vest after the last day on payroll says it is forfeited if you leave that day.\n\
                            An existing file that careerbook did not write is never replaced without --force."
    )]
    Export {
        #[arg(long, value_enum)]
        format: export::ExportFormat,
        /// The file to write, e.g. careerbook.ics; `-` writes to standard output
        #[arg(long, value_name = "FILE", allow_hyphen_values = true)]
        out: PathBuf,
        /// Replace FILE even if it is not a calendar careerbook wrote
        #[arg(long)]
        force: bool,
        /// Leave out the vests after the last day on payroll (by default they
        /// are in, marked forfeited)
        #[arg(long)]
        no_forfeited: bool,
    },
    /// Save the layoff notice, its review window, job cover's end and the last day on payroll
    /// (without a flag: show what is saved)
    Notice(notice::NoticeArgs),
    /// Add a cash account, or update the balance of the one with that name
    Account(money::AccountArgs),
    /// Add monthly spending, or update the item with that name
    Expense(money::ExpenseArgs),
    /// Set the severance: from the offer (an amount, or weeks of pay) or a template's estimate
    Severance(money::SeveranceArgs),
    /// Set the unemployment benefit: weekly amount, weeks, first payment
    Benefit(money::BenefitArgs),
    /// Add health cover after the job (COBRA or a marketplace plan), or update it
    Cover(money::CoverArgs),
    /// Add income other than the job (a partner's pay, freelance work), or update it
    Income(money::IncomeArgs),
    /// Add a one-off cost or income on a date, or update the one with that name
    OneOff(money::OneOffArgs),
    /// Set the "what if I start a new job" scenario (or --clear it)
    NewJob(money::NewJobArgs),
    /// Add a stock grant with its vesting schedule, or update the one with that name
    Grant(grants::GrantArgs),
    /// Enter a share price with its date
    Price(grants::PriceArgs),
    /// Add a sign-on bonus (repaid if you leave early) or a bonus paid if employed on a date
    Bonus(grants::BonusArgs),
    /// Log a layoff signal: what you saw or heard, and when
    Signal(now::SignalArgs),
    /// Mark the résumé or LinkedIn profile updated (today, or --date)
    Updated(now::UpdatedArgs),
    /// Save the positioning self-check: your team, its initiative, the article's factors
    SelfCheck(now::SelfCheckArgs),
    /// Add a contact, or update the one with that name
    Contact(contacts::ContactArgs),
    /// List the settings, or change one (time-to-offer, ghost-after, withholding, …)
    Set(settings::SetArgs),
    /// Values changed both here and elsewhere: list them, or pick one side
    Conflicts(conflicts::ConflictsArgs),
    /// Sync the workbook with your other machines through git (`sync init REMOTE` once, then `sync`)
    Sync(sync::SyncArgs),
    /// Fold a conflict copy a file-sync tool left (Syncthing, Dropbox) into the workbook
    Merge(sync::MergeArgs),
    /// Run by git (set up by `sync init`): merges two copies of workbook.ron into the first
    #[command(hide = true)]
    MergeDriver(sync::DriverArgs),
    /// Keys and colours of the full-screen interface: where the settings file is, write one, check it
    Config {
        #[command(subcommand)]
        what: config::ConfigWhat,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell); the README says where it goes
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `careerbook man | man -l -`
    Man,
    /// Show where the workbook and its backups are
    Path {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Fold the journal (edits saved by commands since workbook.ron was last
    /// written whole) into workbook.ron, leaving one file
    Compact {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List backups, or restore one (the current file is kept as a backup first)
    Restore {
        /// The backup to restore, as `careerbook restore` lists it
        name: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// Parses the command line, exiting as clap does on a usage error (status 2)
/// or `--help`. `CAREERBOOK_DIR` set but empty counts as unset, as it always
/// has. When an argument holds control or bidi characters, the error is shown
/// with the terminal rule's stand-ins (and without clap's colours).
pub fn parse_args() -> Args {
    let mut command = Args::command();
    if std::env::var_os(crate::store::DIR_VAR).is_some_and(|v| v.is_empty()) {
        command = command.mut_arg("data_dir", |arg| arg.env(None));
    }
    let error = match command.try_get_matches() {
        Ok(matches) => match Args::from_arg_matches(&matches) {
            Ok(args) => {
                // Who we are, for a careerbook waiting on our lock to say.
                let name = matches.subcommand_name().unwrap_or("full-screen");
                crate::store::lock::set_identity(&format!("careerbook {name}"));
                return args;
            }
            Err(error) => error,
        },
        Err(error) => error,
    };
    if error.kind() == clap::error::ErrorKind::InvalidSubcommand {
        // clap suggests only a near miss: name every command instead.
        let first = error.to_string();
        let first = first.lines().next().unwrap_or_default();
        warn(&format!(
            "{} (expected one of: {})",
            first.trim_start_matches("error: "),
            commands_at_fault().join(", ")
        ));
        std::process::exit(error.exit_code());
    }
    let hostile =
        std::env::args_os().any(|arg| arg.to_string_lossy().contains(crate::text::is_unsafe));
    if hostile && error.use_stderr() {
        // clap would write the value as it came; its plain text drops only
        // whole escape sequences, so the rule goes over it too.
        warn(error.to_string().trim_start_matches("error: ").trim_end());
        std::process::exit(error.exit_code());
    }
    error.exit()
}

/// The commands one level below the last command named on the command line
/// (for `import bogus`, the kinds of record `import` takes).
fn commands_at_fault() -> Vec<String> {
    let mut command = Args::command();
    for arg in std::env::args().skip(1) {
        if let Some(sub) = command.find_subcommand(&arg) {
            command = sub.clone();
        }
    }
    command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

/// Text for people, JSON for scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// A command's failure: the message for stderr and the exit status.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// Something went wrong while running (status 1).
    pub fn runtime(message: impl Into<String>) -> Self {
        Self {
            code: 1,
            message: message.into(),
        }
    }

    /// An exit status with nothing more to say: the output already said it
    /// (`check --exit-code` when something is due).
    pub fn quiet(code: u8) -> Self {
        Self {
            code,
            message: String::new(),
        }
    }

    /// The user gave a value that cannot be accepted (status 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }
}

impl From<StoreError> for Failure {
    fn from(err: StoreError) -> Self {
        match err {
            // A command that could not get the lock has not read or changed anything.
            StoreError::Busy { .. } => {
                Failure::runtime(format!("{err}; nothing was changed, try again"))
            }
            err => Failure::runtime(err.to_string()),
        }
    }
}

/// Runs a subcommand against the workbook in `paths`.
pub fn run(command: Command, paths: &Paths) -> Result<(), Failure> {
    match command {
        Command::Path { format } => backups::path(paths, format),
        Command::Restore { name, format } => backups::restore(paths, name.as_deref(), format),
        Command::Compact { format } => backups::compact(paths, format),
        Command::Runway { format, all } => {
            runway::runway(paths, format, all, crate::domain::dates::today())
        }
        Command::Vesting { last_day, format } => {
            vesting::vesting(paths, last_day.as_deref(), format)
        }
        Command::Export {
            format,
            out,
            force,
            no_forfeited,
        } => export::export(paths, format, &out, force, no_forfeited),
        Command::Apply(args) => pipeline::apply(paths, args),
        Command::Apps(args) => pipeline::apps(paths, args),
        Command::Import { what } => import::run(paths, what),
        Command::Offer(args) => offers::offer(paths, args),
        Command::Offers(args) => offers::list(paths, args),
        Command::CurrentJob(args) => offers::current_job(paths, args),
        Command::Log(args) => impact::log(paths, args),
        Command::Wins(args) => impact::wins(paths, args),
        Command::Check(args) => check::check(paths, args),
        Command::Next(args) => next::next(paths, args),
        Command::Notice(args) => notice::notice(paths, args),
        Command::Account(args) => money::account(paths, args),
        Command::Expense(args) => money::expense(paths, args),
        Command::Severance(args) => money::severance(paths, args),
        Command::Benefit(args) => money::benefit(paths, args),
        Command::Cover(args) => money::cover(paths, args),
        Command::Income(args) => money::income(paths, args),
        Command::OneOff(args) => money::one_off(paths, args),
        Command::NewJob(args) => money::new_job(paths, args),
        Command::Grant(args) => grants::grant(paths, args),
        Command::Price(args) => grants::price(paths, args),
        Command::Bonus(args) => grants::bonus(paths, args),
        Command::Signal(args) => now::signal(paths, args),
        Command::Updated(args) => now::updated(paths, args),
        Command::SelfCheck(args) => now::self_check(paths, args),
        Command::Contact(args) => contacts::contact(paths, args),
        Command::Set(args) => settings::set(paths, args),
        Command::Conflicts(args) => conflicts::conflicts(paths, args),
        Command::Sync(args) => sync::sync(paths, args),
        Command::Merge(args) => sync::merge(paths, args),
        Command::MergeDriver(args) => sync::merge_driver(args),
        Command::Config { what } => config::run(what),
        Command::Completions { shell } => discover::completions(shell),
        Command::Man => discover::man(),
    }
}

/// Opens the workbook for reading only (never creates or changes it).
pub fn open_for_reading(paths: &Paths) -> Result<Session, Failure> {
    let session = Session::open(paths.clone(), OpenOptions::default())?;
    // A mistyped --data-dir or CAREERBOOK_DIR would otherwise read as an
    // empty workbook with nothing due: a person is told where the workbook
    // will be. Nothing is wrong, so a script's standard error stays clean.
    if !paths.workbook.exists() && stderr_is_terminal() {
        warn(&format!(
            "no workbook at {} yet: a new one will be made there on the first save",
            paths.workbook.display()
        ));
    }
    Ok(session)
}

/// Opens the workbook to make one change: the lock is held until it is saved.
pub fn open_for_writing(paths: &Paths) -> Result<Session, Failure> {
    let session = Session::open(
        paths.clone(),
        OpenOptions {
            create: true,
            hold_lock: true,
        },
    )?;
    if let Some(reason) = session.read_only() {
        return Err(Failure::runtime(format!("nothing was changed: {reason}")));
    }
    tell_notes(&session);
    Ok(session)
}

/// What opening to write noticed, said once: an upgrade, swept temp files, a
/// directory others can list, a journal line cut short.
fn tell_notes(session: &Session) {
    for note in &session.notes {
        warn(note);
    }
}

/// Adds one record and saves it, for a command that adds one record (as
/// `apply_and_save`), and returns it as stored. Records whose checks read
/// nothing but themselves are added without reading the workbook when the
/// journal allows (`store::quick`); otherwise through a whole session.
pub fn add_and_save(
    paths: &Paths,
    item: Item,
    today: chrono::NaiveDate,
    refused: impl Fn(Invalid) -> Failure,
) -> Result<Item, Failure> {
    match quick::add(paths, item.clone(), today)? {
        Quick::Saved(stored) => return Ok(*stored),
        Quick::Refused(err) => return Err(edit_failure(err, refused)),
        Quick::Declined => {}
    }
    let mut session = open_for_writing(paths)?;
    session.set_today(today);
    let added = apply_and_save(&mut session, Edit::Add(item), refused)?;
    added
        .first()
        .and_then(|&(kind, id)| kind.find(session.workbook(), id))
        .ok_or_else(|| Failure::runtime("the record was saved but cannot be read back"))
}

/// Applies one edit and saves it, for a command that changes the workbook.
/// `refused` words a value the domain refused (naming the command's own flag).
/// A save that worked but could not take the daily backup is warned about on
/// stderr; a save that failed is a runtime failure (the file is unchanged or,
/// if only the final flush failed, already holds the edit).
pub fn apply_and_save(
    session: &mut Session,
    edit: Edit,
    refused: impl Fn(Invalid) -> Failure,
) -> Result<Vec<(Kind, Id)>, Failure> {
    match session.apply(edit) {
        Ok(applied) => {
            let saved = match applied.saved {
                // A program that takes no lock (an editor) wrote the file
                // while this save was under way: read it and merge, once.
                Err(StoreError::ChangedWhileSaving { .. }) => session.retry_save(),
                saved => saved,
            }
            .map_err(|err| match err {
                // Twice: the edit ends with this command, so it is run again.
                StoreError::ChangedWhileSaving { path } => Failure::runtime(format!(
                    "not saved: another program kept changing {} while careerbook was saving, \
                     so nothing was written; run the command again",
                    path.display()
                )),
                err => Failure::runtime(format!("not saved: {err}")),
            })?;
            if let Some(problem) = saved.backup_failed {
                warn(&format!("saved, but {problem}"));
            }
            // A command holds the lock from reading to writing, so a merge is
            // rare here; but whatever one did is said, never dropped in silence.
            for line in applied.outcome.kept.iter().chain(&saved.outcome.kept) {
                warn(line);
            }
            let set_aside = applied.outcome.conflicts.len() + saved.outcome.conflicts.len();
            if set_aside > 0 {
                warn(&format!(
                    "{} changed elsewhere at the same time: see `careerbook conflicts`",
                    crate::text::count_of(set_aside, "value was", "values were")
                ));
            }
            Ok(applied.added)
        }
        Err(err) => Err(edit_failure(err, refused)),
    }
}

/// An edit the domain refused, as a command's failure.
fn edit_failure(err: EditError, refused: impl Fn(Invalid) -> Failure) -> Failure {
    match err {
        EditError::Invalid(invalid) => refused(invalid),
        err => Failure::runtime(format!("nothing was changed: {err}")),
    }
}
