//! The `engagekit` command line: a thin adapter that reads files, calls the core and prints.
//! Exit status: 0 done, 1 the result has an error finding, 2 the input (or a option) is wrong.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use engagekit::calendar::{date_option, BankHolidays, GovUkBankHolidays};
use engagekit::charter::{self, Charter};
use engagekit::evaluation::{self, Evaluation};
use engagekit::json::{from_json, text_from_bytes, to_json, value_from_json};
use engagekit::monitoring::{self, Monitoring};
use engagekit::report::{self, ReportSource};
use engagekit::survey::{self, Coding, Outcomes, Survey};
use engagekit::timeline::{self, Timeline};
use engagekit::{any, journey, sheets};
use engagekit::{Date, Error, ErrorKind, Validation};

/// Writes to standard output, as `print!` does, but a reader that has gone (`engagekit ... |
/// head`) ends the run quietly, as it does for other command-line tools, instead of a panic.
macro_rules! out {
    ($($arg:tt)*) => { write_out(format_args!($($arg)*)) };
}

/// [`out!`] with a newline, as `println!`.
macro_rules! outln {
    ($($arg:tt)*) => { write_out(format_args!("{}\n", format_args!($($arg)*))) };
}

fn write_out(args: std::fmt::Arguments) {
    if let Err(e) = std::io::stdout().write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        // Nor does a closed stderr panic: the exit status says it all.
        let _ = writeln!(std::io::stderr(), "engagekit: cannot write the output: {e}");
        std::process::exit(2);
    }
}

#[derive(Parser)]
#[command(
    name = "engagekit",
    version,
    about = "NHS communications and engagement: charters, evaluation panels, consultation timelines, reports"
)]
struct Cli {
    /// Output for people (text) or for programs (json).
    #[arg(long, value_enum, global = true, default_value_t = Format::Text)]
    format: Format,
    #[command(subcommand)]
    command: Command,
}

/// What `scoresheet --to` writes.
#[derive(Clone, Copy, ValueEnum)]
enum SheetTo {
    /// CSV for Excel (UTF-8 with a BOM, CRLF).
    Csv,
    /// An Excel workbook (.xlsx).
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check any of the documents (told apart by its "schema" tag).
    Validate {
        /// The document (JSON), or - for standard input.
        file: PathBuf,
    },
    /// Score a procurement panel's evaluation.
    Evaluate(EvaluateArgs),
    /// Print the JSON Schema of a document: charter, evaluation, monitoring, timeline, report,
    /// survey, coding or outcomes.
    Schema {
        /// Which document.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// Check a sealed evaluation record: exit 0 when nothing was changed, 1 when something was.
    Verify {
        /// The sealed record (from `evaluate --seal`), or - for standard input.
        file: PathBuf,
        /// The seal recorded when the evaluation was sealed (the minutes'), to check against.
        #[arg(long)]
        seal: Option<String>,
    },
    /// Write one evaluator's score sheet (CSV for Excel, or an Excel workbook) to standard output
    /// or a file.
    Scoresheet {
        /// The evaluation document (JSON, or the panel's filled workbook), or - for standard
        /// input.
        file: PathBuf,
        /// The panel member's id.
        #[arg(long)]
        evaluator: String,
        /// The sheet's format: CSV (UTF-8 with a BOM) or an Excel workbook (.xlsx). A workbook is
        /// written to standard output only when that is redirected (not a terminal).
        #[arg(long, value_enum, default_value_t = SheetTo::Csv)]
        to: SheetTo,
        /// Write the sheet to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write a blank set-up workbook to fill in Excel: an evaluation panel, a consultation plan,
    /// or a provider's return against the charter; with --from, a document's workbook, filled.
    Template {
        /// Which workbook.
        #[arg(value_enum)]
        kind: TemplateKind,
        /// Fill it from this document (JSON): `engagekit import` reads the workbook back into
        /// the same document. A field the workbook has no column for is an error naming it.
        #[arg(long, value_name = "DOC")]
        from: Option<PathBuf>,
        /// Write the workbook to this file (else standard output, when redirected).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Read a filled set-up workbook into its document (JSON on standard output).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Consultation timelines.
    #[command(subcommand)]
    Timeline(TimelineCommand),
    /// Governing-body reports.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Patient charters.
    #[command(subcommand)]
    Charter(CharterCommand),
    /// Survey responses: the summary for the consultation report.
    #[command(subcommand)]
    Survey(SurveyCommand),
    /// "You said, we did".
    #[command(subcommand)]
    Outcomes(OutcomesCommand),
    /// List every rule the checks apply, with its source and what to do about a finding.
    Rules {
        /// Only this area's rules.
        #[arg(long, value_enum)]
        area: Option<AreaName>,
        /// Write docs/rules.md (Markdown) instead.
        #[arg(long, conflicts_with = "area")]
        markdown: bool,
    },
}

/// `engagekit evaluate`'s arguments.
#[derive(clap::Args)]
struct EvaluateArgs {
    /// The evaluation document (JSON, or the panel's filled workbook), or - for standard
    /// input.
    file: PathBuf,
    /// Give the involvement payments summary instead of the scores.
    #[arg(long, conflicts_with_all = ["summary", "record", "seal"])]
    payments: bool,
    /// Check the panel's set-up before anyone scores instead (the weights as they stand,
    /// who gets a score sheet, conflicts, training, chaperones, who can score each criterion).
    #[arg(long, conflicts_with_all = ["summary", "record", "seal", "payments", "ocds", "scores"])]
    setup: bool,
    /// Write the award criteria and results as an OCDS release (JSON).
    #[arg(long, conflicts_with_all = ["summary", "record", "payments", "seal"])]
    ocds: bool,
    /// Write the result sealed with a SHA-256 chain over the document, each score and
    /// consensus, and the result (JSON); record its "seal" in the minutes.
    #[arg(long, conflicts_with_all = ["summary", "record"])]
    seal: bool,
    /// Write the assessment summary of this bid instead of the scores.
    #[arg(long, value_name = "BID", conflicts_with = "record")]
    summary: Option<String>,
    /// Write the decision record instead of the scores.
    #[arg(long)]
    record: bool,
    /// The format of the summary or record.
    #[arg(long, value_enum, default_value_t = SummaryTo::Markdown)]
    to: SummaryTo,
    /// Filled score sheets to merge into the document's scores first: CSV or workbooks (.xlsx,
    /// .ods, .xls), told apart by content.
    #[arg(long = "scores", value_name = "SHEET")]
    scores: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum TemplateKind {
    Evaluation,
    Timeline,
    Monitoring,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// A filled evaluation workbook (engagekit template evaluation) into the evaluation document.
    Evaluation {
        /// The workbook (.xlsx, .ods or .xls).
        file: PathBuf,
        /// The charter whose standards the criteria's `charter standards` name.
        #[arg(long, value_name = "FILE")]
        charter: Option<PathBuf>,
        /// Write the document to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// A filled plan workbook (engagekit template timeline), or a CSV file of its activities,
    /// into the timeline document.
    Timeline {
        /// The workbook, or a CSV file with the Activities sheet's header row.
        file: PathBuf,
        /// The plan's title, where the file gives none (a CSV file).
        #[arg(long)]
        title: Option<String>,
        /// The plan is a substantial variation, where the file does not say (a CSV file).
        #[arg(long)]
        substantial_variation: bool,
        /// Write the document to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// A provider's filled return (engagekit template monitoring) into the monitoring document.
    Monitoring {
        /// The workbook.
        file: PathBuf,
        /// The charter the return is measured against.
        #[arg(long, value_name = "FILE")]
        charter: PathBuf,
        /// The period the return covers (2025-26-Q1).
        #[arg(long)]
        period: String,
        /// Write the document to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum AreaName {
    Timeline,
    Evaluation,
    Charter,
    Monitoring,
    Report,
    Survey,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Charter,
    Evaluation,
    Monitoring,
    Timeline,
    Report,
    Survey,
    Coding,
    Outcomes,
}

#[derive(Subcommand)]
enum SurveyCommand {
    /// Summarise the responses (JSON): counts and percents per question, representation against
    /// the population, themes; small numbers suppressed.
    Summarise {
        /// The survey document.
        survey: PathBuf,
        /// The responses: a CSV export, one row per response.
        responses: PathBuf,
        /// Break the summary down by this single-choice question (its id).
        #[arg(long, value_name = "QUESTION")]
        by: Option<String>,
        /// Themes coded in the free text (an engagekit/coding@1 document).
        #[arg(long, value_name = "FILE")]
        coding: Option<PathBuf>,
        /// The summary as JSON, or for people: an HTML fragment (no script), Markdown, or a
        /// governing-body report's section (report JSON, for `report lint` and `report render`).
        #[arg(long, value_enum, default_value_t = SurveyTo::Json)]
        to: SurveyTo,
        /// With --to html, the level of the fragment's first heading, 2 to 6.
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(2..=6))]
        heading_level: u8,
    },
}

/// What `survey summarise --to` writes.
#[derive(Clone, Copy, ValueEnum)]
enum SurveyTo {
    Json,
    Html,
    Markdown,
    /// A report document (engagekit/report@1) with the summary as its section 1.
    Report,
}

#[derive(Subcommand)]
enum OutcomesCommand {
    /// Check "You said, we did": reasons, due dates and, with --coding, themes left unanswered.
    Check {
        /// The outcomes document, or - for standard input.
        file: PathBuf,
        /// The reference date (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
        /// Themes coded in the free text, to find themes no item answers.
        #[arg(long, value_name = "FILE")]
        coding: Option<PathBuf>,
        /// The survey coded (its minimumCount), with --coding.
        #[arg(long, value_name = "FILE", requires = "coding")]
        survey: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SummaryTo {
    Markdown,
    Html,
}

#[derive(Subcommand)]
enum TimelineCommand {
    /// Check a plan against the rules and give its status.
    Check {
        /// The timeline document, or - for standard input.
        file: PathBuf,
        /// The reference date (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
        /// A GOV.UK bank-holidays.json to add or override years of the built-in calendar.
        #[arg(long, value_name = "FILE")]
        bank_holidays: Option<PathBuf>,
    },
    /// Write the plan as an iCalendar file to standard output.
    Ics {
        /// The timeline document, or - for standard input.
        file: PathBuf,
    },
    /// Write the timeline's public content as an HTML fragment that needs no script: paste it
    /// inside <engage-timeline>, where readers see it until the widget renders, and when the
    /// widget cannot start.
    Html {
        /// The timeline document, or - for standard input.
        file: PathBuf,
        /// The reference date (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
        /// The level of the fragment's first heading, 2 to 6 (the widget's heading-level).
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(2..=6))]
        heading_level: u8,
        /// A GOV.UK bank-holidays.json to add or override years of the built-in calendar.
        #[arg(long, value_name = "FILE")]
        bank_holidays: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Check a report (JSON, Markdown or plain text).
    Lint {
        /// The report, or - for standard input.
        file: PathBuf,
        /// The report's date (YYYY-MM-DD), to catch past events dated after it.
        #[arg(long)]
        report_date: Option<String>,
    },
    /// Write the standard communications and engagement progress report (JSON) to fill in.
    Template {
        /// The report's title.
        #[arg(long, default_value = "Communications and engagement progress report")]
        title: String,
        /// The organisation.
        #[arg(long)]
        organisation: Option<String>,
        /// The report's date (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
    },
    /// Render a report.
    Render {
        /// The report, or - for standard input.
        file: PathBuf,
        /// The output format.
        #[arg(long, value_enum)]
        to: RenderFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RenderFormat {
    Html,
    Markdown,
    Text,
}

#[derive(Subcommand)]
enum CharterCommand {
    /// Check a charter: review date, and statements for younger readers.
    Check {
        /// The charter document, or - for standard input.
        file: PathBuf,
        /// The reference date (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
    },
    /// A bid's charter profile beside the ratings of each period of monitoring (JSON).
    Journey {
        /// The evaluation document.
        evaluation: PathBuf,
        /// Monitoring documents, one per period, in order.
        #[arg(required = true)]
        monitoring: Vec<PathBuf>,
        /// The bid to follow (default: the bid ranked first).
        #[arg(long)]
        bid: Option<String>,
        /// The reference date for the charter's review (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
    },
    /// Turn feedback responses into the results of a monitoring document (a measure answered
    /// by too few people is suppressed: no counts).
    Aggregate {
        /// The charter document.
        charter: PathBuf,
        /// The responses: a JSON array of {answers, submitted?, comments?}.
        responses: PathBuf,
        /// Measures answered by fewer people are suppressed (no counts) and their comments
        /// withheld.
        #[arg(long, default_value_t = monitoring::DEFAULT_MINIMUM_COUNT)]
        minimum_count: u32,
    },
    /// Write the charter dashboard's public content (one period's monitoring) as an HTML
    /// fragment that needs no script: paste it inside <engage-charter-dashboard>.
    Html {
        /// The monitoring document, or - for standard input.
        file: PathBuf,
        /// The reference date for the charter's review (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
        /// The level of the fragment's first heading, 2 to 6 (the widget's heading-level).
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(2..=6))]
        heading_level: u8,
    },
    /// Rate a provider against its charter for one period.
    Monitor {
        /// The monitoring document, or - for standard input.
        file: PathBuf,
        /// The reference date for the charter's review (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
    },
}

/// Why the command stopped: an input error (exit 2) about a file or an option.
struct Failure {
    source: String,
    error: Error,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(f) => {
            // One line on stderr, naming the file (or option) and the culprit within it.
            let line = format!("engagekit: {}: {}", f.source, f.error).replace(['\n', '\r'], " ");
            let _ = writeln!(std::io::stderr(), "{line}"); // a closed stderr is no reason to panic
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<ExitCode, Failure> {
    match &cli.command {
        Command::Rules { area, markdown } => rules_command(cli.format, *area, *markdown),
        Command::Validate { file } => {
            let text = read_input(file)?;
            let doc = any::from_json(&text).map_err(in_file(file))?;
            print_validation(cli.format, file, &doc.summary());
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { kind } => {
            let kind = match kind {
                SchemaKind::Charter => engagekit::DocumentKind::Charter,
                SchemaKind::Evaluation => engagekit::DocumentKind::Evaluation,
                SchemaKind::Monitoring => engagekit::DocumentKind::Monitoring,
                SchemaKind::Timeline => engagekit::DocumentKind::Timeline,
                SchemaKind::Report => engagekit::DocumentKind::Report,
                SchemaKind::Survey => engagekit::DocumentKind::Survey,
                SchemaKind::Coding => engagekit::DocumentKind::Coding,
                SchemaKind::Outcomes => engagekit::DocumentKind::Outcomes,
            };
            outln!("{}", to_json(&engagekit::schema::document_schema(kind)));
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { file, seal } => verify_command(cli.format, file, seal.as_deref()),
        Command::Scoresheet {
            file,
            evaluator,
            to,
            output,
        } => scoresheet_command(file, evaluator, *to, output.as_deref()),
        Command::Evaluate(args) => evaluate_command(cli.format, args),
        Command::Template { kind, from, output } => {
            let which = match kind {
                TemplateKind::Evaluation => sheets::Template::Evaluation,
                TemplateKind::Timeline => sheets::Template::Timeline,
                TemplateKind::Monitoring => sheets::Template::Monitoring,
            };
            let bytes = match from {
                Some(file) => {
                    sheets::workbook_of_text(which, &read_input(file)?).map_err(in_file(file))?
                }
                None => sheets::template(which).map_err(in_command("template"))?,
            };
            write_file_or_out(&bytes, output.as_deref(), true)
        }
        Command::Import(command) => import_command(command),
        Command::Timeline(command) => timeline_command(cli, command),
        Command::Report(command) => report_command(cli, command),
        Command::Charter(command) => charter_command(cli, command),
        Command::Survey(command) => survey_command(command),
        Command::Outcomes(command) => outcomes_command(cli, command),
    }
}

/// `engagekit verify`: exit 0 when nothing was changed since sealing, 1 when something was.
fn verify_command(format: Format, file: &Path, seal: Option<&str>) -> Result<ExitCode, Failure> {
    let sealed: evaluation::SealedEvaluation =
        value_from_json(&read_input(file)?, "").map_err(in_file(file))?;
    let v = evaluation::verify(&sealed, seal).map_err(in_file(file))?;
    match format {
        Format::Json => outln!("{}", to_json(&v)),
        Format::Text => {
            if v.valid {
                outln!(
                    "{}: unchanged since sealing ({} entries, seal {})",
                    display_name(file),
                    v.entries,
                    v.seal
                );
            }
            for d in &v.diagnostics {
                outln!("{}: {d}", display_name(file));
            }
        }
    }
    Ok(if v.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `engagekit evaluate`: the scores, or the set-up's check, the payments, the seal, the OCDS
/// release, an assessment summary or the decision record.
fn evaluate_command(format: Format, args: &EvaluateArgs) -> Result<ExitCode, Failure> {
    let EvaluateArgs {
        file,
        payments,
        summary,
        record,
        to,
        scores,
        seal,
        ocds,
        setup,
    } = args;
    if *setup {
        let check = read_setup(file)?;
        match format {
            Format::Json => outln!("{}", to_json(&check)),
            Format::Text => out!("{}", evaluation::setup_to_text(&check)),
        }
        return Ok(exit_status(&check.diagnostics));
    }
    let doc = with_sheets(load_evaluation(file)?, scores)?;
    if *payments {
        let summary = evaluation::involvement_payments(&doc).map_err(in_file(file))?;
        match format {
            Format::Json => outln!("{}", to_json(&summary)),
            Format::Text => out!("{}", evaluation::payments_to_text(&summary)),
        }
        return Ok(exit_status(&summary.diagnostics));
    }
    if *seal {
        let sealed = evaluation::seal(&doc).map_err(in_file(file))?;
        outln!("{}", to_json(&sealed));
        return Ok(exit_status(&sealed.result.diagnostics));
    }
    let result = evaluation::evaluate(&doc).map_err(in_file(file))?;
    let to = match to {
        SummaryTo::Markdown => engagekit::render::Format::Markdown,
        SummaryTo::Html => engagekit::render::Format::Html,
    };
    if *ocds {
        let date = match doc.award_notice_date {
            Some(d) => d,
            None => today_or_now(None)?,
        };
        outln!(
            "{}",
            to_json(&evaluation::ocds_release(&doc, &result, date))
        );
    } else if let Some(bid) = summary {
        out!(
            "{}",
            evaluation::assessment_summary(&doc, &result, bid, to)
                .map_err(in_command("--summary"))?
        );
    } else if *record {
        out!("{}", evaluation::decision_record(&doc, &result, to));
    } else {
        match format {
            Format::Json => outln!("{}", to_json(&result)),
            Format::Text => out!("{}", evaluation::to_text(&doc, &result)),
        }
        return Ok(exit_status(&result.diagnostics));
    }
    Ok(ExitCode::SUCCESS)
}

/// `engagekit survey ...`.
fn survey_command(command: &SurveyCommand) -> Result<ExitCode, Failure> {
    match command {
        SurveyCommand::Summarise {
            survey: survey_file,
            responses,
            by,
            coding,
            to,
            heading_level,
        } => {
            let doc = load::<Survey>(survey_file)?;
            let coding = coding.as_deref().map(load::<Coding>).transpose()?;
            let text = read_input(responses)?;
            let read = survey::read_responses(&doc, &display_name(responses), &text)
                .map_err(in_file(responses))?;
            let options = survey::SummaryOptions {
                by: by.as_deref(),
                coding: coding.as_ref(),
            };
            let summary = survey::summarise(&doc, &read, &options).map_err(|e| {
                let source = match e.location() {
                    engagekit::error::Location::Option { name } if name == "by" => "--by",
                    _ if e.path().starts_with("coding") => "--coding",
                    _ => "survey summarise",
                };
                in_command(source)(e)
            })?;
            match to {
                SurveyTo::Json => outln!("{}", to_json(&summary)),
                SurveyTo::Report => outln!(
                    "{}",
                    to_json(&engagekit::survey_report::summary_report(&doc, &summary))
                ),
                SurveyTo::Html => out!(
                    "{}",
                    survey::summary_to(
                        &doc,
                        &summary,
                        engagekit::render::Format::Html,
                        *heading_level
                    )
                ),
                SurveyTo::Markdown => out!(
                    "{}",
                    survey::summary_to(
                        &doc,
                        &summary,
                        engagekit::render::Format::Markdown,
                        *heading_level
                    )
                ),
            }
            Ok(exit_status(&summary.diagnostics))
        }
    }
}

/// `engagekit outcomes ...`.
fn outcomes_command(cli: &Cli, command: &OutcomesCommand) -> Result<ExitCode, Failure> {
    match command {
        OutcomesCommand::Check {
            file,
            today,
            coding,
            survey: survey_file,
        } => {
            let doc = load::<Outcomes>(file)?;
            let today = today_or_now(today.as_deref())?;
            let coding = coding.as_deref().map(load::<Coding>).transpose()?;
            let survey_doc = survey_file.as_deref().map(load::<Survey>).transpose()?;
            let options = survey::OutcomeOptions {
                today,
                coding: coding.as_ref(),
                survey: survey_doc.as_ref(),
            };
            let result = survey::check_outcomes(&doc, &options).map_err(|e| {
                let source = if e.path().starts_with("coding") {
                    "--coding".to_string()
                } else {
                    display_name(file)
                };
                Failure { source, error: e }
            })?;
            match cli.format {
                Format::Json => outln!("{}", to_json(&result)),
                Format::Text => {
                    outln!("{}: {} finding(s)", result.title, result.diagnostics.len());
                    for d in &result.diagnostics {
                        outln!("{d}");
                    }
                }
            }
            Ok(exit_status(&result.diagnostics))
        }
    }
}

/// `engagekit scoresheet`: the sheet as CSV or a workbook, to standard output or `--output`. A
/// workbook is binary: it goes to standard output only when that is not a terminal.
fn scoresheet_command(
    file: &Path,
    evaluator: &str,
    to: SheetTo,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let doc = load_evaluation(file)?;
    let bytes = match to {
        SheetTo::Csv => evaluation::scoresheet(&doc, evaluator)
            .map_err(in_command("--evaluator"))?
            .into_bytes(),
        SheetTo::Xlsx => {
            evaluation::scoresheet_xlsx(&doc, evaluator).map_err(in_command("--evaluator"))?
        }
    };
    write_file_or_out(&bytes, output, matches!(to, SheetTo::Xlsx))
}

/// `engagekit import`: a filled workbook (or a plan's CSV file) into its document, written as
/// JSON.
fn import_command(command: &ImportCommand) -> Result<ExitCode, Failure> {
    let (json, output) = match command {
        ImportCommand::Evaluation {
            file,
            charter,
            output,
        } => {
            let charter = charter.as_deref().map(load::<Charter>).transpose()?;
            let doc = sheets::import_evaluation(
                &display_name(file),
                &read_bytes(file)?,
                charter.as_ref(),
            )
            .map_err(in_command("import"))?;
            (to_json(&doc), output)
        }
        ImportCommand::Timeline {
            file,
            title,
            substantial_variation,
            output,
        } => {
            let doc = sheets::import_timeline(
                &display_name(file),
                &read_bytes(file)?,
                title.as_deref(),
                substantial_variation.then_some(true),
            )
            .map_err(in_command("import"))?;
            (to_json(&doc), output)
        }
        ImportCommand::Monitoring {
            file,
            charter,
            period,
            output,
        } => {
            let charter = load::<Charter>(charter)?;
            let doc = sheets::import_monitoring(
                &display_name(file),
                &read_bytes(file)?,
                &charter,
                period,
            )
            .map_err(in_command("import"))?;
            (to_json(&doc), output)
        }
    };
    write_file_or_out(format!("{json}\n").as_bytes(), output.as_deref(), false)
}

/// Bytes to `output`, or to standard output; a binary file (a workbook) to standard output only
/// when that is not a terminal.
fn write_file_or_out(
    bytes: &[u8],
    output: Option<&Path>,
    binary: bool,
) -> Result<ExitCode, Failure> {
    match output {
        Some(path) => std::fs::write(path, bytes).map_err(|e| Failure {
            source: display_name(path),
            error: Error::new(
                ErrorKind::CannotRead,
                "",
                format!("cannot write the file: {e}"),
            ),
        })?,
        None => {
            use std::io::IsTerminal;
            if binary && std::io::stdout().is_terminal() {
                return Err(Failure {
                    source: "--output".into(),
                    error: Error::option(
                        "output",
                        "a workbook is binary: give --output FILE (or redirect standard output)",
                    ),
                });
            }
            let mut stdout = std::io::stdout();
            if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(ExitCode::SUCCESS);
                }
                let _ = writeln!(std::io::stderr(), "engagekit: cannot write the output: {e}");
                return Ok(ExitCode::from(2));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `engagekit rules`: the catalogue, as text, JSON or docs/rules.md's Markdown.
fn rules_command(
    format: Format,
    area: Option<AreaName>,
    markdown: bool,
) -> Result<ExitCode, Failure> {
    if markdown {
        out!("{}", engagekit::catalogue::to_markdown());
        return Ok(ExitCode::SUCCESS);
    }
    let area = area.map(|a| match a {
        AreaName::Timeline => engagekit::Area::Timeline,
        AreaName::Evaluation => engagekit::Area::Evaluation,
        AreaName::Charter => engagekit::Area::Charter,
        AreaName::Monitoring => engagekit::Area::Monitoring,
        AreaName::Report => engagekit::Area::Report,
        AreaName::Survey => engagekit::Area::Survey,
    });
    let rules: Vec<&engagekit::Rule> = engagekit::catalogue::rules()
        .into_iter()
        .filter(|r| area.is_none_or(|a| r.area == a))
        .collect();
    match format {
        Format::Json => outln!("{}", to_json(&rules)),
        Format::Text => {
            for r in rules {
                let s = &r.source;
                let cited = [s.title, s.citation]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                outln!("{} ({}, {})", r.code, r.severity.as_str(), r.area.as_str());
                outln!("  {}", r.rule);
                outln!("  Source: {cited} ({})", s.kind.as_str());
                if !s.url.is_empty() {
                    outln!("  {}", s.url);
                }
                outln!("  What to do: {}", r.help);
                outln!("");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `engagekit timeline ...`.
fn timeline_command(cli: &Cli, command: &TimelineCommand) -> Result<ExitCode, Failure> {
    match command {
        TimelineCommand::Check {
            file,
            today,
            bank_holidays,
        } => {
            let plan = load::<Timeline>(file)?;
            let today = today_or_now(today.as_deref())?;
            let calendar = calendar(bank_holidays.as_deref())?;
            let result = timeline::check_with(&plan, today, &calendar);
            match cli.format {
                Format::Json => outln!("{}", to_json(&result)),
                Format::Text => out!("{}", timeline::to_text(&plan, &result)),
            }
            Ok(exit_status(&result.diagnostics))
        }
        TimelineCommand::Ics { file } => {
            let plan = load::<Timeline>(file)?;
            out!(
                "{}",
                timeline::to_ics(&plan, &utc_stamp()).map_err(in_command("timeline ics"))?
            );
            Ok(ExitCode::SUCCESS)
        }
        TimelineCommand::Html {
            file,
            today,
            heading_level,
            bank_holidays,
        } => {
            let plan = load::<Timeline>(file)?;
            let today = today_or_now(today.as_deref())?;
            let calendar = calendar(bank_holidays.as_deref())?;
            let result = timeline::check_with(&plan, today, &calendar);
            out!("{}", timeline::public_html(&plan, &result, *heading_level));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `engagekit report ...`.
fn report_command(cli: &Cli, command: &ReportCommand) -> Result<ExitCode, Failure> {
    match command {
        ReportCommand::Lint { file, report_date } => {
            let source = ReportSource::from_text(&read_input(file)?).map_err(in_file(file))?;
            let date = date_option("reportDate", report_date.as_deref())
                .map_err(in_command("--report-date"))?;
            let result = report::lint(&source, date);
            match cli.format {
                Format::Json => outln!("{}", to_json(&result)),
                Format::Text => {
                    let name = display_name(file);
                    if result.diagnostics.is_empty() {
                        outln!("{name}: no findings");
                    }
                    // file:line: severity code: message, as compilers write, so editors can jump.
                    for d in &result.diagnostics {
                        let at = d.number(report::LINE).map_or_else(
                            || {
                                d.id(report::SECTION)
                                    .map(|s| format!(" section {s}"))
                                    .unwrap_or_default()
                            },
                            |l| format!(":{l}"),
                        );
                        outln!(
                            "{name}{at}: {} {}: {}",
                            d.severity.as_str(),
                            d.code,
                            d.message
                        );
                    }
                }
            }
            Ok(exit_status(&result.diagnostics))
        }
        ReportCommand::Template {
            title,
            organisation,
            date,
        } => {
            let date = date_option("date", date.as_deref()).map_err(in_command("--date"))?;
            outln!(
                "{}",
                to_json(&report::Report::progress_template(
                    title,
                    organisation.as_deref(),
                    date
                ))
            );
            Ok(ExitCode::SUCCESS)
        }
        ReportCommand::Render { file, to } => {
            let source = ReportSource::from_text(&read_input(file)?).map_err(in_file(file))?;
            let to = match to {
                RenderFormat::Html => report::RenderFormat::Html,
                RenderFormat::Markdown => report::RenderFormat::Markdown,
                RenderFormat::Text => report::RenderFormat::Text,
            };
            out!(
                "{}",
                report::render(&source, to).map_err(in_command("report render"))?
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `engagekit charter ...`.
fn charter_command(cli: &Cli, command: &CharterCommand) -> Result<ExitCode, Failure> {
    match command {
        CharterCommand::Check { file, today } => {
            let charter = load::<Charter>(file)?;
            let today = today_or_now(today.as_deref())?;
            let result = charter::check_charter(&charter, Some(today));
            match cli.format {
                Format::Json => outln!("{}", to_json(&result)),
                Format::Text => {
                    outln!("{}: {} finding(s)", result.title, result.diagnostics.len());
                    for d in &result.diagnostics {
                        outln!("{d}");
                    }
                }
            }
            Ok(exit_status(&result.diagnostics))
        }
        CharterCommand::Journey {
            evaluation: eval_file,
            monitoring: files,
            bid,
            today,
        } => {
            let doc = load_evaluation(eval_file)?;
            let result = evaluation::evaluate(&doc).map_err(in_file(eval_file))?;
            let today = today_or_now(today.as_deref())?;
            let mut periods = Vec::new();
            for f in files {
                let m = load::<Monitoring>(f)?;
                periods.push(monitoring::monitor(&m, Some(today)).map_err(in_file(f))?);
            }
            let journey = journey::charter_journey(&result, &periods, bid.as_deref())
                .map_err(in_command("--bid"))?;
            outln!("{}", to_json(&journey));
            Ok(ExitCode::SUCCESS)
        }
        CharterCommand::Aggregate {
            charter,
            responses,
            minimum_count,
        } => {
            let doc = load::<Charter>(charter)?;
            let list: Vec<monitoring::FeedbackResponse> =
                value_from_json(&read_input(responses)?, "responses")
                    .map_err(in_file(responses))?;
            let result = monitoring::aggregate_feedback(&doc, &list, Some(*minimum_count))
                .map_err(in_file(responses))?;
            outln!("{}", to_json(&result));
            Ok(ExitCode::SUCCESS)
        }
        CharterCommand::Html {
            file,
            today,
            heading_level,
        } => {
            let doc = load::<Monitoring>(file)?;
            let today = today_or_now(today.as_deref())?;
            let result =
                monitoring::monitor(&doc, Some(today)).map_err(in_command("charter html"))?;
            out!(
                "{}",
                monitoring::dashboard_html(&doc, &result, *heading_level)
            );
            Ok(ExitCode::SUCCESS)
        }
        CharterCommand::Monitor { file, today } => {
            let doc = load::<Monitoring>(file)?;
            let today = today_or_now(today.as_deref())?;
            let result =
                monitoring::monitor(&doc, Some(today)).map_err(in_command("charter monitor"))?;
            match cli.format {
                Format::Json => outln!("{}", to_json(&result)),
                Format::Text => out!("{}", monitoring::to_text(&doc, &result)),
            }
            Ok(exit_status(&result.diagnostics))
        }
    }
}

/// The built-in bank holidays, with a GOV.UK file merged in when one is given.
fn calendar(file: Option<&Path>) -> Result<BankHolidays, Failure> {
    let mut calendar = BankHolidays::builtin();
    if let Some(file) = file {
        let govuk = GovUkBankHolidays::from_json(&read_input(file)?).map_err(in_file(file))?;
        calendar.merge_govuk(&govuk);
    }
    Ok(calendar)
}

/// The document with the filled score sheets merged into its scores.
fn with_sheets(doc: Evaluation, sheets: &[PathBuf]) -> Result<Evaluation, Failure> {
    if sheets.is_empty() {
        return Ok(doc);
    }
    let mut filled = Vec::new();
    for path in sheets {
        filled.push(evaluation::ScoresheetFile {
            name: display_name(path),
            bytes: read_bytes(path)?,
        });
    }
    evaluation::merge_scoresheet_files(&doc, &filled).map_err(in_command("--scores"))
}

/// 1 when a finding is an error, else 0.
fn exit_status(diagnostics: &[engagekit::Diagnostic]) -> ExitCode {
    if engagekit::diagnostic::has_errors(diagnostics) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn in_command(name: &str) -> impl Fn(Error) -> Failure + '_ {
    move |error| Failure {
        source: name.to_string(),
        error,
    }
}

fn display_name(file: &Path) -> String {
    if file.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        file.display().to_string()
    }
}

fn in_file(file: &Path) -> impl Fn(Error) -> Failure + '_ {
    move |error| Failure {
        source: display_name(file),
        error,
    }
}

fn read_input(file: &Path) -> Result<String, Failure> {
    let bytes = read_bytes(file)?;
    text_from_bytes(&bytes)
        .map(str::to_string)
        .map_err(in_file(file))
}

/// The file's bytes (standard input for `-`).
fn read_bytes(file: &Path) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let read = if file.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(file).map(|b| bytes = b)
    };
    read.map_err(|e| Failure {
        source: display_name(file),
        error: Error::new(
            ErrorKind::CannotRead,
            "",
            format!("cannot read the file: {e}"),
        ),
    })?;
    Ok(bytes)
}

/// The evaluation document, from its JSON or from the panel's filled set-up workbook (told apart
/// by content), so that a panel chair can work from the workbook alone.
fn load_evaluation(file: &Path) -> Result<Evaluation, Failure> {
    let bytes = read_bytes(file)?;
    if sheets::is_workbook(&bytes) {
        return sheets::import_evaluation(&display_name(file), &bytes, None)
            .map_err(in_command("import"));
    }
    let text = text_from_bytes(&bytes).map_err(in_file(file))?;
    from_json(text).map_err(in_file(file))
}

/// An evaluation's set-up checked (`evaluate --setup`): its JSON, or a filled set-up workbook.
fn read_setup(file: &Path) -> Result<evaluation::SetupCheck, Failure> {
    let bytes = read_bytes(file)?;
    if sheets::is_workbook(&bytes) {
        let doc = sheets::import_evaluation(&display_name(file), &bytes, None)
            .map_err(in_command("import"))?;
        return evaluation::check_setup(&doc).map_err(in_file(file));
    }
    let text = text_from_bytes(&bytes).map_err(in_file(file))?;
    evaluation::read_setup(text).map_err(in_file(file))
}

fn load<T: engagekit::Document>(file: &Path) -> Result<T, Failure> {
    let text = read_input(file)?;
    from_json(&text).map_err(in_file(file))
}

/// Seconds since 1970 by the system clock: the CLI, not the core, reads the clock.
fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `--today`, or the real date (UTC) when it is not given.
fn today_or_now(today: Option<&str>) -> Result<Date, Failure> {
    if let Some(date) = date_option("today", today).map_err(in_command("--today"))? {
        return Ok(date);
    }
    let days = i64::try_from(now_secs() / 86_400).unwrap_or(0);
    let date =
        chrono::DateTime::from_timestamp(days * 86_400, 0).map(|t| Date::from(t.date_naive()));
    date.ok_or_else(|| Failure {
        source: "--today".into(),
        error: Error::option("today", "the system clock is out of range"),
    })
}

/// The DTSTAMP of an export: now, in UTC, as RFC 5545 writes it (20161128T093000Z).
fn utc_stamp() -> String {
    let secs = i64::try_from(now_secs()).unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0).map_or_else(
        || "19700101T000000Z".into(),
        |t| t.format("%Y%m%dT%H%M%SZ").to_string(),
    )
}

fn print_validation(format: Format, file: &Path, v: &Validation) {
    match format {
        Format::Json => outln!("{}", to_json(v)),
        Format::Text => {
            let counts: Vec<String> = v.counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
            outln!(
                "{}: a valid {} document, \"{}\" ({})",
                display_name(file),
                v.kind.name(),
                v.title,
                counts.join(", ")
            );
        }
    }
}
