//! `careerbook completions SHELL` and `careerbook man`: generated from the
//! same clap definitions that parse the arguments, so they never fall behind.

use super::{Args, Failure, print};
use clap::{Arg, Command, CommandFactory};
use roff::{Roff, bold, italic, roman};

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "careerbook", &mut script);
    print(&String::from_utf8_lossy(&script))
}

/// Prints the manual page: clap_mangen's sections for careerbook itself, then a
/// COMMANDS section with every command (and `apps move`, `import apps`), its
/// usage, description and options, then the environment and exit status.
pub fn man() -> Result<(), Failure> {
    let mut command = Args::command();
    command.build();
    let mut page = Vec::new();
    let top = clap_mangen::Man::new(command.clone());
    top.render_title(&mut page)
        .and_then(|()| top.render_name_section(&mut page))
        .and_then(|()| top.render_synopsis_section(&mut page))
        .and_then(|()| top.render_description_section(&mut page))
        .and_then(|()| top.render_options_section(&mut page))
        .map_err(|e| Failure::runtime(format!("cannot write the manual page: {e}")))?;
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in command.get_subcommands().filter(|c| !c.is_hide_set()) {
        command_section(&mut roff, "careerbook", sub);
    }
    trailer(&mut roff);
    // Each rendered part starts with roff's apostrophe preamble (two lines
    // defining `\*(Aq`): it is kept once, after `.TH`, so the page starts
    // with its title as man pages do.
    let preamble = Roff::new().render();
    let text =
        format!("{}{}", String::from_utf8_lossy(&page), roff.render()).replace(&preamble, "");
    let (title, sections) = text.split_once('\n').unwrap_or((&text, ""));
    print(&format!("{title}\n{preamble}{sections}"))
}

fn command_section(roff: &mut Roff, parent: &str, command: &Command) {
    if command.get_name() == "help" {
        return;
    }
    let name = format!("{parent} {}", command.get_name());
    roff.control("SS", [name.as_str()]);
    let mut usage = command.clone().bin_name(&name);
    roff.text([bold(
        usage
            .render_usage()
            .to_string()
            .trim_start_matches("Usage: "),
    )]);
    if let Some(about) = command.get_long_about().or_else(|| command.get_about()) {
        roff.control("PP", []);
        roff.text([roman(about.to_string())]);
    }
    for arg in command
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help")
    {
        option(roff, arg);
    }
    if let Some(after) = command.get_after_help() {
        roff.control("PP", []);
        for line in after.to_string().lines() {
            roff.text([roman(line.trim())]);
            roff.control("br", []);
        }
    }
    for sub in command.get_subcommands().filter(|c| !c.is_hide_set()) {
        command_section(roff, &name, sub);
    }
}

/// `.TP`, the option's spelling, then its help with its choices and default.
fn option(roff: &mut Roff, arg: &Arg) {
    roff.control("TP", []);
    let value = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string);
    match (arg.get_short(), arg.get_long()) {
        (Some(short), Some(long)) => roff.text([
            bold(format!("-{short}, --{long}")),
            roman(" "),
            italic(value),
        ]),
        (None, Some(long)) if arg.get_num_args().is_some_and(|n| n.takes_values()) => {
            roff.text([bold(format!("--{long}")), roman(" "), italic(value)])
        }
        (None, Some(long)) => roff.text([bold(format!("--{long}"))]),
        _ => roff.text([italic(value)]),
    };
    let mut help = arg
        .get_long_help()
        .or_else(|| arg.get_help())
        .map(ToString::to_string)
        .unwrap_or_default();
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !choices.is_empty() && arg.get_action().takes_values() {
        help.push_str(&format!(" [possible values: {}]", choices.join(", ")));
    }
    if let Some(default) = arg
        .get_default_values()
        .first()
        .filter(|_| arg.get_action().takes_values())
    {
        help.push_str(&format!(" [default: {}]", default.to_string_lossy()));
    }
    roff.text([roman(help.trim().to_string())]);
}

fn trailer(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, text) in [
        (
            "CAREERBOOK_DIR",
            "The directory that holds the workbook, when --data-dir is not given.",
        ),
        (
            "CAREERBOOK_TODAY",
            "A date (YYYY-MM-DD) to use as today, for trying things out and for tests.",
        ),
        (
            "NO_COLOR",
            "When set, the full-screen workbook uses no colour.",
        ),
    ] {
        roff.control("TP", []);
        roff.text([bold(name)]);
        roff.text([roman(text)]);
    }
    roff.control("SH", ["EXIT STATUS"]);
    roff.text([roman(
        "0 success; 1 a failure at run time, or something due with check --exit-code \
         (nothing was changed by a failure); 2 a wrong command or value, named on \
         standard error (nothing was changed).",
    )]);
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(
        "The user guide, docs/guide.md, explains every tab and figure; \
         docs/data-format.md describes the workbook file.",
    )]);
}
