//! `careerbook log` and `careerbook wins`.

use super::written::print_written;
use super::{
    Failure, Format, add_and_save, one_line, open_for_reading, print, print_data, print_json, warn,
};
use crate::domain::dates;
use crate::domain::edit::Item;
use crate::domain::impact::{
    Category, Metric, Win, WinFilter, WinJson, newest_first, normalize_tags, week_heading,
};
use crate::export::{brag, wins_csv};
use crate::store::Paths;
use chrono::NaiveDate;
use clap::ValueEnum;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  careerbook log \"Cut EC2 spend\" --category cost --metric '$40k/yr' --date fri\n  \
                        git log -1 --format=%B | careerbook log - --tag shipped --format json"
)]
pub struct LogArgs {
    /// What you did, in one line; `-` reads it from standard input (its first
    /// line; any further lines become the notes)
    pub text: String,
    /// revenue, cost_savings, customer_retention, risk_reduction or other
    /// (short: revenue, cost, retention, risk, other)
    #[arg(long, short)]
    pub category: Option<String>,
    /// The measured result, e.g. '$40k/yr', '30%', '-30% p99', 'p99 900ms -> 300ms'
    #[arg(long, short, allow_hyphen_values = true)]
    pub metric: Option<String>,
    /// When it happened: YYYY-MM-DD, today, yesterday, -3d, last fri … (default: today)
    #[arg(long, short, allow_hyphen_values = true)]
    pub date: Option<String>,
    /// A tag (repeat for more)
    #[arg(long = "tag", short)]
    pub tags: Vec<String>,
    /// Longer notes: context, action, who benefited
    #[arg(long, short, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// A link to evidence (a doc, a dashboard, a pull request)
    #[arg(long)]
    pub link: Option<String>,
    /// text for people; json prints the win as saved, with its id
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum WinsFormat {
    Text,
    Md,
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct WinsArgs {
    /// Only wins on or after this date (YYYY-MM-DD, -4w, …)
    #[arg(long, allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only wins on or before this date
    #[arg(long, allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Only wins of this category
    #[arg(long, short)]
    pub category: Option<String>,
    /// Only wins with this tag
    #[arg(long, short)]
    pub tag: Option<String>,
    #[arg(long, value_enum, default_value_t = WinsFormat::Text)]
    pub format: WinsFormat,
}

/// `careerbook log TEXT …`: adds a win and prints it.
pub fn log(paths: &Paths, mut args: LogArgs) -> Result<(), Failure> {
    let today = dates::today();
    if args.text == "-" {
        read_title(&mut args)?;
    }
    let win = win_from_args(&args, today)?;
    let stored = add_and_save(paths, win.into(), today, |invalid| {
        Failure::usage(invalid.to_string())
    })?;
    let Item::Win(win) = stored else {
        return Err(Failure::runtime(
            "the win was saved but could not be read back",
        ));
    };
    print_written(args.format, &WinJson::from(&win), || {
        format!("logged {}\n", describe(&win))
    })
}

/// `log -`: the title is standard input's first line, and any lines after it
/// are the notes (as in a commit message), unless `--note` gives them.
fn read_title(args: &mut LogArgs) -> Result<(), Failure> {
    if super::stdin_is_terminal() {
        super::warn("reading the win from standard input: type it, then Ctrl-D");
    }
    let bytes = crate::store::export::read_stdin()?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::usage("TEXT: standard input is not UTF-8 text"))?;
    let text = text.trim();
    let (title, rest) = text.split_once('\n').unwrap_or((text, ""));
    let rest = rest.trim();
    if !rest.is_empty() {
        if args.note.is_some() {
            return Err(Failure::usage(
                "TEXT: standard input has lines after the title and --note was given too; \
                 use one or the other for the notes",
            ));
        }
        args.note = Some(rest.to_string());
    }
    args.text = title.trim().to_string();
    Ok(())
}

fn win_from_args(args: &LogArgs, today: NaiveDate) -> Result<Win, Failure> {
    let category = match &args.category {
        Some(text) => {
            Category::parse(text).map_err(|e| Failure::usage(format!("--category: {e}")))?
        }
        None => Category::Other,
    };
    let metric = match &args.metric {
        Some(text) => {
            Some(Metric::parse(text).map_err(|e| Failure::usage(format!("--metric: {e}")))?)
        }
        None => None,
    };
    let date = match &args.date {
        Some(text) => dates::parse_date_input(text, today)
            .map_err(|e| Failure::usage(format!("--date: {e}")))?,
        None => today,
    };
    let win = Win {
        id: 0,
        date,
        title: args.text.trim().to_string(),
        category,
        metric,
        notes: args
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        tags: tags_from(&args.tags),
        link: args
            .link
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string),
    };
    win.validate(today).map_err(|invalid| {
        let flag = match invalid.field {
            "title" => "TEXT".to_string(),
            "tags" => "--tag".to_string(),
            "notes" => "--note".to_string(),
            field => format!("--{field}"),
        };
        Failure::usage(format!("{flag}: {}", invalid.message))
    })?;
    Ok(win)
}

/// The tags of every `--tag`, each once. A tag is one word: one given with
/// a space in it becomes several, and that is said, not done in silence.
fn tags_from(args: &[String]) -> Vec<String> {
    for arg in args {
        let words = normalize_tags(arg);
        if words.len() > 1 && arg.trim().contains(char::is_whitespace) {
            let saved: Vec<String> = words.iter().map(|t| format!("#{t}")).collect();
            warn(&format!(
                "--tag '{}' is saved as {} tags, {} (a tag is one word: write {} for one)",
                arg.trim(),
                words.len(),
                saved.join(" "),
                words.join("-")
            ));
        }
    }
    normalize_tags(&args.join(","))
}

/// `#23 2026-11-26 · Cost savings · $40k/yr · Consolidated EC2 clusters`
fn describe(win: &Win) -> String {
    let mut parts = vec![
        format!("#{} {}", win.id, win.date),
        win.category.label().to_string(),
    ];
    if let Some(metric) = &win.metric {
        parts.push(metric.text.clone());
    }
    parts.push(win.title.clone());
    let mut line = parts.join(" · ");
    if !win.tags.is_empty() {
        let tags: Vec<String> = win.tags.iter().map(|t| format!("#{t}")).collect();
        line.push_str(&format!("  {}", tags.join(" ")));
    }
    one_line(&line)
}

/// `careerbook wins …`: lists wins, newest first.
pub fn wins(paths: &Paths, args: WinsArgs) -> Result<(), Failure> {
    let today = dates::today();
    let date = |flag: &str, text: &Option<String>| -> Result<Option<NaiveDate>, Failure> {
        text.as_deref()
            .map(|t| {
                dates::parse_date_input(t, today)
                    .map_err(|e| Failure::usage(format!("{flag}: {e}")))
            })
            .transpose()
    };
    let filter = WinFilter {
        since: date("--since", &args.since)?,
        until: date("--until", &args.until)?,
        category: args
            .category
            .as_deref()
            .map(|c| Category::parse(c).map_err(|e| Failure::usage(format!("--category: {e}"))))
            .transpose()?,
        tag: args.tag.clone(),
    };
    filter
        .validate()
        .map_err(|e| Failure::usage(format!("--{}: {}", e.field, e.message)))?;
    let session = open_for_reading(paths)?;
    let mut wins = filter.apply(&session.workbook().impact.wins);
    wins.sort_by(|a, b| newest_first(a, b));
    match args.format {
        WinsFormat::Json => print_json(&wins.iter().map(|w| WinJson::from(*w)).collect::<Vec<_>>()),
        WinsFormat::Md => print(&brag::markdown(&wins, "Impact")),
        WinsFormat::Csv => {
            let mut out = Vec::new();
            wins_csv::write(&wins, &mut out)
                .map_err(|e| Failure::runtime(format!("cannot write CSV: {e}")))?;
            print_data(&String::from_utf8_lossy(&out))
        }
        WinsFormat::Text if wins.is_empty() && filter == WinFilter::default() => {
            print("no wins yet: `careerbook log \"what you did\"` adds one\n")
        }
        WinsFormat::Text => print(&text_list(&wins)),
    }
}

/// Wins under ISO-week headings, one line each, as the Impact tab shows them.
fn text_list(wins: &[&Win]) -> String {
    if wins.is_empty() {
        return "no wins match\n".into();
    }
    let mut out = String::new();
    let mut heading = String::new();
    for win in wins {
        let this = week_heading(win.date);
        if this != heading {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&this);
            out.push('\n');
            heading = this;
        }
        out.push_str(&format!("  {}\n", describe(win)));
    }
    out
}
