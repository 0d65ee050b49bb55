//! `marginalia train-summary [--half even|odd] [--free flat|all] [--out PATH] FILE...`: trains the
//! key-sentence scorer (`summary::train`) on JSONL files of `{"text", "summary"}` (each file a set;
//! sets weigh equally), at k = 3 and k = the reference's sentence count, and writes the model file
//! (default `models/summary.json`). `--free flat` (the default) trains only the weights of flat texts
//! that `summary::train::FLAT_PARAMETERS` names and keeps the starting point's weights for texts with
//! paragraphs; `--free all` trains every weight. File handling only; training is in the core.

use marginalia::rouge::Rouge;
use marginalia::summary::train::{self, Document, Length};
use marginalia::summary::Scorer;

use crate::eval_summary::{parse_half, read_documents};

pub fn run(args: &[String]) -> Result<(), String> {
    let mut half = None;
    let mut out = "models/summary.json".to_owned();
    let mut files = Vec::new();
    let mut all = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--half" => {
                half = Some(parse_half(args.get(i + 1))?);
                i += 1;
            }
            "--out" => {
                out = args.get(i + 1).ok_or("--out needs a path")?.clone();
                i += 1;
            }
            "--free" => {
                all = match args.get(i + 1).map(String::as_str) {
                    Some("all") => true,
                    Some("flat") => false,
                    _ => return Err("--free needs \"flat\" or \"all\"".to_owned()),
                };
                i += 1;
            }
            file => files.push(file.to_owned()),
        }
        i += 1;
    }
    if files.is_empty() {
        return Err("train-summary needs one or more JSONL files with \"text\" and \"summary\" fields".to_owned());
    }
    let rouge = Rouge::new();
    let mut documents = Vec::new();
    for (set, file) in files.iter().enumerate() {
        let pairs = read_documents(file, half)?;
        out!("{}: {} documents", file, pairs.len());
        for (text, summary) in &pairs {
            documents.push(Document::new(text, summary, &[Length::Fixed(3), Length::Reference], set, &rouge));
        }
    }
    let free: Vec<&str> = if all { Scorer::parameters().collect() } else { train::FLAT_PARAMETERS.to_vec() };
    let scorer = train::train(&documents, train::starting_point(), &free, &mut |name, value, score| {
        out!("{name:>16} = {value:>8.4}   objective {:.4}", 100.0 * score);
    });
    std::fs::write(&out, scorer.to_json()).map_err(|e| format!("cannot write {out}: {e}"))?;
    out!("wrote {out}");
    Ok(())
}
