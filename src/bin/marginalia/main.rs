//! `marginalia`: the command-line tool. Reads files or standard input, runs the core, prints results.
//! All analysis happens in the library; this file only does I/O and argument handling.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

/// `println!` for reports: a closed standard output (`marginalia bench | head`) ends the command quietly
/// instead of panicking, and another write error ends it with a message.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::written(::std::io::Write::write_fmt(&mut ::std::io::stdout().lock(), format_args!("{}\n", format_args!($($arg)*))))
    };
}

/// mimalloc rather than the system's malloc: see the note in Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod eval_extract;
mod eval_names;
mod eval_quotes;
mod eval_summary;
mod eval_timex;
mod jsonl;
mod pseudo_label;
mod stress;
mod train;
mod train_summary;
mod typographic;

use marginalia::export::{self, json, Format};
use marginalia::{analyze, analyze_page, extract, Options};
use marginalia::{conll, names};

const USAGE: &str = "\
usage:
  marginalia annotate [--anchor YYYY-MM-DD] [FILE]
                                        annotations JSON of FILE (or standard input); relative dates
                                        (\"last week\") resolve against the article's dateline, else --anchor
                                        an HTML page (FILE ending in .html or .htm, or text
                                        starting <!doctype or <html) is analyzed as its article text
                                        (see extract), its captions and asides as boilerplate
  marginalia extract [--json] FILE      the article text of an HTML page: title, blank line, paragraphs;
                                        --json: one object {text, title, body, metadata: {title,
                                        published, authors, site_name, url}} (see docs/extraction.md)
  marginalia eval-extract DIR GOLD.json precision, recall and F1 of extracted article bodies (4-gram
                                        shingles) against {key: {\"articleBody\"}}, pages DIR/KEY.html.gz
  marginalia annotate --jsonl [FILE]    one {\"id\", \"text\", ...} object per line in (optional \"anchor\":
                                        \"YYYY-MM-DD\"), one annotations JSON per line out
  marginalia export --format F [--output BASE] [--import] [FILE]
                                        the annotations in format F: json, w3c, brat, conll, doccano,
                                        label-studio, spacy, csv, html; with --output, every file of the
                                        format is written to BASE plus its suffix (brat: BASE.ann, BASE.txt);
                                        with --import, FILE is an annotations file (json, w3c, doccano) to
                                        convert rather than a text to analyze
  marginalia eval-conll FILE [--typographic] [--model NAMES.bin]
                                        score PER/ORG/LOC/MISC against a CoNLL-2003 file; --typographic
                                        scores a copy with curly quotes, apostrophes and em dashes;
                                        --model scores a names model file instead of the shipped one
  marginalia eval-names GOLD [--data DIR] [--errors] [--train CONLL] [--model NAMES.bin]
                                        score PER/ORG/LOC/MISC against standoff gold names of recent news
                                        (tests/fixtures/names/recent.jsonl: source file, id, code-point
                                        offsets), the texts read from DIR (default ../shared/data);
                                        --errors lists misses and extra names, --train splits the recall
                                        between names seen and unseen in a CoNLL training file; --model
                                        scores a names model file instead of the shipped one
  marginalia eval-timex FILE [--errors] score DATE/TIME entities as TIMEX3 (strict and relaxed span,
                                        value) against a JSONL file of gold timexes ({\"text\", \"anchor\",
                                        \"timexes\", \"body_start\"?, \"score_end\"?}), per TIMEX3 type
  marginalia train ...                  train the names model (see README, \"Training the names model\")
  marginalia pseudo-label [--model NAMES.bin] [--second NAMES.bin] [--exclude GOLD.jsonl]...
                         [--every N] FILE.jsonl...
                                        the names the pipeline finds in unlabelled JSONL text (with the
                                        shipped names model or --model), as CoNLL training documents on
                                        standard output; --second keeps only the sentences where a second
                                        names model finds the same names; --exclude skips the documents
                                        of gold files; --every N takes every Nth document of each file
  marginalia bench [--conll PATH] [--bbc PATH] [--repeat N]
                                        speed of each stage and of analyze (tokens/s, single thread,
                                        against the tokenizer alone) and of annotate --jsonl (documents/s)
  marginalia bench-names FILE           names stage speed (tokens/s) against the tokenizer alone
  marginalia stress [--scale F]         times of big and odd inputs (10 MB, a 1 MB line, 100k entities, binary)
  marginalia eval-summary FILE [--k N|--k ref]
                                        ROUGE of Lead-k, TextRank and our key sentences against the
                                        reference summaries of a JSONL file ({\"text\", \"summary\"});
                                        --model FILE scores another scorer file, --half even|odd one half
  marginalia train-summary [--half even|odd] [--free flat|all] [--out PATH] FILE...
                                        train the key-sentence scorer on JSONL files ({\"text\",
                                        \"summary\"}; each file a set, sets weigh equally) and write it
                                        (default models/summary.json); --free all trains
                                        the weights of texts with paragraphs too
  marginalia eval-quotes FILE [--errors]
                                        quote detection, speaker attribution (strict: the mention as
                                        written; lenient: its entity) and end-to-end F1 against a JSONL
                                        file of gold quotes; --errors lists the attribution mistakes,
                                        the gold quotes missed and the extra ones";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("annotate") => annotate(&args[1..]),
        Some("extract") => extract_cmd(&args[1..]),
        Some("eval-extract") => eval_extract::run(&args[1..]),
        Some("export") => export_cmd(&args[1..]),
        Some("eval-conll") => eval_conll(&args[1..]),
        Some("eval-names") => eval_names::run(&args[1..]),
        Some("train") => train::run(&args[1..]),
        Some("pseudo-label") => pseudo_label::run(&args[1..]),
        Some("bench") => bench::stages(&args[1..]),
        Some("bench-names") => bench::run(&args[1..]),
        Some("stress") => stress::run(&args[1..]),
        Some("eval-summary") => eval_summary::run(&args[1..]),
        Some("train-summary") => train_summary::run(&args[1..]),
        Some("eval-quotes") => eval_quotes::run(&args[1..]),
        Some("eval-timex") => eval_timex::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            out!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("marginalia: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Ends the command when a report could not be written (see `out!`).
fn written(result: io::Result<()>) {
    if let Err(e) = result {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("marginalia: cannot write to standard output: {e}");
        std::process::exit(1);
    }
}

fn read_input(path: Option<&str>) -> Result<String, String> {
    let mut bytes = Vec::new();
    match path {
        Some(path) => bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?,
        None => {
            io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        }
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 text (invalid byte at offset {})",
            path.unwrap_or("input"),
            e.utf8_error().valid_up_to()
        )
    })
}

fn annotate(args: &[String]) -> Result<(), String> {
    let mut jsonl = false;
    let mut path = None;
    let mut options = Options::default();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--jsonl" => jsonl = true,
            "--anchor" => {
                let value = args.get(i + 1).ok_or("--anchor needs a date, YYYY-MM-DD")?;
                options.anchor_date = Some(
                    value
                        .parse::<marginalia::numbers::Ymd>()
                        .map_err(|_| format!("--anchor {value:?} is not a date written YYYY-MM-DD"))?,
                );
                i += 1;
            }
            other => path = Some(other),
        }
        i += 1;
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if !jsonl {
        let text = read_input(path)?;
        let html = path.is_some_and(is_html_name) || extract::looks_like_html(&text);
        let json = if html {
            let (analysis, metadata) = analyze_page(&text, &options);
            json::to_string_with_metadata(&analysis, None, Some(&metadata))
        } else {
            json::to_string(&analyze(&text, &options), None)
        };
        writeln!(out, "{json}").map_err(|e| e.to_string())?;
        return out.flush().map_err(|e| e.to_string());
    }
    let reader: Box<dyn BufRead> = match path {
        Some(p) => Box::new(io::BufReader::new(std::fs::File::open(p).map_err(|e| format!("cannot read {p}: {e}"))?)),
        None => Box::new(io::BufReader::new(io::stdin())),
    };
    jsonl::run(reader, &mut out, jsonl::default_threads())?;
    out.flush().map_err(|e| e.to_string())
}

/// Whether a file name says HTML.
fn is_html_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

fn extract_cmd(args: &[String]) -> Result<(), String> {
    let json = args.iter().any(|a| a == "--json");
    let path = args.iter().map(String::as_str).find(|a| *a != "--json");
    let html = read_page(path)?;
    let extracted = extract::extract(&html);
    if !json {
        out!("{}", extracted.text);
        return Ok(());
    }
    let title = extracted.title.map(|t| &extracted.text[t.start..t.end]);
    let document = serde_json::json!({
        "text": extracted.text,
        "title": title,
        "body": extracted.body(),
        "metadata": extracted.metadata,
    });
    out!("{document}");
    Ok(())
}

/// Reads a page: UTF-8, else (old pages) each byte as its Windows-1252 character.
fn read_page(path: Option<&str>) -> Result<String, String> {
    let mut bytes = Vec::new();
    match path {
        Some(path) => bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?,
        None => {
            io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        }
    }
    Ok(eval_extract::decode_page(bytes))
}

fn export_cmd(args: &[String]) -> Result<(), String> {
    let mut format = Format::Json;
    let mut path = None;
    let mut output = None;
    let mut import = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--format" => {
                let name = args.get(i + 1).ok_or("--format needs a value")?;
                format = Format::parse(name).ok_or_else(|| {
                    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                    format!("unknown format {name:?} (known: {})", names.join(", "))
                })?;
                i += 1;
            }
            "--import" => import = true,
            "--output" => {
                output = Some(args.get(i + 1).ok_or("--output needs a base file name")?.as_str());
                i += 1;
            }
            other => path = Some(other),
        }
        i += 1;
    }
    let contents = read_input(path)?;
    let analysis = if import {
        let imported =
            marginalia::import::import(&contents).map_err(|e| format!("{}: {e}", path.unwrap_or("input")))?;
        // Tokens and sentences come from the analysis of the imported text; the entities from the file.
        let analysis = analyze(&imported.text, &Options::default());
        let document = marginalia::edit::Document::from_imported(analysis, imported).ok_or("imported text changed")?;
        document.analysis().clone()
    } else {
        analyze(&contents, &Options::default())
    };
    match output {
        Some(base) => {
            for file in export::export_files(&analysis, format) {
                let name = match file.name {
                    // A fixed name goes into the directory of the base name.
                    Some(fixed) => std::path::Path::new(base)
                        .parent()
                        .map_or_else(|| fixed.into(), |dir| dir.join(fixed))
                        .to_string_lossy()
                        .into_owned(),
                    None => format!("{base}{}", file.suffix),
                };
                std::fs::write(&name, file.content).map_err(|e| format!("cannot write {name}: {e}"))?;
            }
        }
        None => {
            let content = export::export(&analysis, format);
            let stdout = io::stdout();
            let mut out = stdout.lock();
            out.write_all(content.as_bytes()).map_err(|e| e.to_string())?;
            if !content.ends_with('\n') {
                out.write_all(b"\n").map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

/// The names model in `path` (`--model`), else the shipped one.
pub(crate) fn names_model(path: Option<&str>) -> Result<&'static names::Model, String> {
    match path {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let model = names::Model::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))?;
            Ok(Box::leak(Box::new(model)))
        }
        None => names::model().ok_or_else(|| "the shipped names model does not load".to_owned()),
    }
}

fn eval_conll(args: &[String]) -> Result<(), String> {
    let mut path = None;
    let mut typeset = false;
    let mut model_path = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--typographic" => typeset = true,
            "--model" => model_path = Some(args.next().ok_or("--model needs a names model file")?),
            _ if path.is_none() && !arg.starts_with("--") => path = Some(arg),
            _ => return Err(format!("eval-conll: unexpected argument {arg}")),
        }
    }
    let model = names_model(model_path.map(String::as_str))?;
    let path = path.ok_or("eval-conll needs a CoNLL file")?;
    let contents = read_input(Some(path))?;
    let mut documents = conll::parse(&contents);
    if typeset {
        documents = documents.iter().map(typographic::typographic).collect();
    }
    let options = Options::default();
    let mut score = conll::Score::default();
    for document in &documents {
        let (text, _) = document.text();
        let analysis = marginalia::analyze_with(&text, &options, Some(model));
        let predicted: Vec<_> =
            analysis.entities.iter().filter(|e| e.label.is_name()).map(|e| (e.span, e.label)).collect();
        score.add(&predicted, &document.gold_entities());
    }
    out!("{} documents", documents.len());
    written(io::stdout().lock().write_all(score.table().as_bytes()));
    Ok(())
}
