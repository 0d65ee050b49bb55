//! `marginalia train`: reads CoNLL-2003 files and the exported resources, trains the names model with
//! the library's `names::train`, and writes the model file. File handling only; training is in the core.

use std::path::Path;

use marginalia::conll;
use marginalia::names::lexicon::{
    GAZ_CAPITAL, GAZ_COMMON, GAZ_CORP, GAZ_COUNTRY, GAZ_FIRST, GAZ_LAST, GAZ_LOC, GAZ_ORG,
};
use marginalia::names::train::{evaluate, train_with_extra, TrainOptions};
use marginalia::names::Lexicon;

pub const USAGE: &str =
    "  marginalia train --train PATH --valid PATH --out PATH [--resources DIR] [--epochs N] [--bits B] [--prune W] [--margin M] [--seed N] [--one-stage] [--no-case-copies] [--extra CONLL --extra-weight W] [--show TEXTFILE]";

pub fn run(args: &[String]) -> Result<(), String> {
    let mut train_paths: Vec<String> = Vec::new();
    let mut extra_paths: Vec<String> = Vec::new();
    let mut valid_path = None;
    let mut out = None;
    let mut resources = "resources".to_owned();
    let mut show = None;
    let mut options = TrainOptions::default();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--train" => train_paths.push(value),
            "--extra" => extra_paths.push(value),
            "--extra-weight" => options.extra_weight = value.parse().map_err(|_| "--extra-weight needs a number")?,
            "--valid" => valid_path = Some(value),
            "--out" => out = Some(value),
            "--resources" => resources = value,
            "--show" => show = Some(value),
            "--epochs" => options.epochs = value.parse().map_err(|_| "--epochs needs a number")?,
            "--no-case-copies" => {
                options.case_copies = false;
                i += 1;
                continue;
            }
            "--one-stage" => {
                options.second_stage = false;
                i += 1;
                continue;
            }
            "--prune" => options.prune = value.parse().map_err(|_| "--prune needs a number")?,
            "--margin" => options.margin = value.parse().map_err(|_| "--margin needs a number")?,
            "--seed" => options.seed = value.parse().map_err(|_| "--seed needs a number")?,
            "--bits" => options.bits = value.parse().map_err(|_| "--bits needs a number")?,
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
        i += 2;
    }
    if train_paths.is_empty() {
        return Err("train needs --train".to_owned());
    }
    let out = out.ok_or("train needs --out")?;
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("cannot read {p}: {e}"));
    // Every --train (and --extra) file's documents, in the order given.
    let (mut train_docs, mut extra_docs) = (Vec::new(), Vec::new());
    for path in &train_paths {
        train_docs.extend(conll::parse(&read(path)?));
    }
    for path in &extra_paths {
        extra_docs.extend(conll::parse(&read(path)?));
    }
    let valid_docs = match &valid_path {
        Some(p) => conll::parse(&read(p)?),
        None => Vec::new(),
    };
    let dir = Path::new(&resources);
    let resource = |name: &str| -> Result<String, String> {
        let path = dir.join(name);
        std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {} ({e}); run scripts/fetch-resources.sh", path.display()))
    };
    let clusters = resource("clusters.tsv")?;
    let gazetteers = [
        (GAZ_LOC, resource("gaz-loc.txt")?),
        (GAZ_FIRST, resource("gaz-first.txt")?),
        (GAZ_LAST, resource("gaz-last.txt")?),
        (GAZ_CORP, resource("gaz-corp.txt")?),
        (GAZ_COUNTRY, resource("gaz-country.txt")?),
        (GAZ_CAPITAL, resource("gaz-capital.txt")?),
        (GAZ_ORG, resource("gaz-org.txt")?),
        (GAZ_COMMON, resource("gaz-common.txt")?),
    ];
    let gazetteers: Vec<(u8, &str)> = gazetteers.iter().map(|(k, t)| (*k, t.as_str())).collect();
    let lexicon = Lexicon::from_resources(&clusters, &gazetteers);
    eprintln!(
        "{} training documents, {} extra documents, {} validation documents",
        train_docs.len(),
        extra_docs.len(),
        valid_docs.len()
    );
    let model =
        train_with_extra(&train_docs, &extra_docs, &valid_docs, lexicon, &options, &mut |line| eprintln!("{line}"));
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).map_err(|e| format!("cannot write {out}: {e}"))?;
    eprintln!("wrote {out}: {} bytes", bytes.len());
    if !valid_docs.is_empty() {
        eprintln!("quantized model, names stage alone, on validation:");
        eprint!("{}", evaluate(&model, &valid_docs).table());
    }
    if let Some(path) = show {
        // The names the new model finds in a text file (names stage alone), one per line.
        let text = read(&path)?;
        let tokens = marginalia::tokenize::tokenize(&text);
        let sentences = marginalia::sentences::split(&text, &tokens);
        for entity in model.tag(&text, &tokens, &sentences) {
            out!("{}\t{}", entity.label.as_str(), text.get(entity.span.start..entity.span.end).unwrap_or(""));
        }
    }
    Ok(())
}
