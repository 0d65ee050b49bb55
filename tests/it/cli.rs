//! The `marginalia` binary: `annotate`, `annotate --jsonl`.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: &str) -> (String, bool) {
    let (out, _, ok) = crate::run_cli(args, stdin);
    (out, ok)
}

#[test]
fn annotate_prints_schema_with_code_point_and_utf16_offsets() {
    let (out, ok) = run(&["annotate"], "😀 Paris rose 5% in 2019.");
    assert!(ok);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["schema"], "marginalia/1");
    let percent = json["entities"].as_array().unwrap().iter().find(|e| e["label"] == "PERCENT").unwrap();
    assert_eq!((percent["start"].as_u64(), percent["end"].as_u64()), (Some(13), Some(15)));
    assert_eq!((percent["start_utf16"].as_u64(), percent["end_utf16"].as_u64()), (Some(14), Some(16)));
    assert_eq!(percent["text"], "5%");
    assert_eq!(percent["source"], "rule");
}

#[test]
fn jsonl_keeps_ids_and_order_and_reports_bad_lines() {
    let input = "{\"id\": 7, \"text\": \"In 2019.\"}\nnot json\n{\"id\": \"b\", \"text\": \"\", \"extra\": 1}\n";
    let (out, ok) = run(&["annotate", "--jsonl"], input);
    assert!(ok);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[0]["schema"], "marginalia/1");
    assert!(lines[1]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(lines[2]["id"], "b");
    assert_eq!(lines[2]["entities"].as_array().unwrap().len(), 0);
}

#[test]
fn non_utf8_input_is_a_clear_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .arg("annotate")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&[0x66, 0xff, 0xfe]).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not UTF-8"));
}

#[test]
fn jsonl_on_every_core_keeps_input_order() {
    // Long and short documents interleaved, so workers finish out of order.
    let mut input = String::new();
    for i in 0..60 {
        if i % 7 == 3 {
            input.push_str("[1, 2]\n");
        } else {
            let text = "Angela Merkel visited Paris on 3 May 2019. ".repeat(1 + (i % 5) * 40);
            input.push_str(&serde_json::json!({ "id": i, "text": text }).to_string());
            input.push('\n');
        }
    }
    let (out, ok) = run(&["annotate", "--jsonl"], &input);
    assert!(ok);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 60);
    for (i, line) in lines.iter().enumerate() {
        if i % 7 == 3 {
            assert_eq!(line["id"], serde_json::Value::Null);
            assert!(line["error"].as_str().unwrap().contains(&format!("line {}: expected a JSON object", i + 1)));
        } else {
            assert_eq!(line["id"], i);
            assert_eq!(line["schema"], "marginalia/1");
        }
    }
}

/// A report whose reader goes away (`marginalia help | head -c 0`) ends quietly; one that cannot be
/// written (a full disk) ends with a message. Neither panics.
#[test]
fn closed_or_full_output_ends_without_a_panic() {
    // The pipe's reading end is closed before the command starts, so its first write fails.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = Command::new(env!("CARGO_BIN_EXE_marginalia")).arg("help").stdout(writer).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let output = Command::new(env!("CARGO_BIN_EXE_marginalia")).arg("help").stdout(full).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success() && stderr.contains("cannot write to standard output"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// `pseudo-label`: the names the pipeline finds, as CoNLL training documents (the tokens as the pipeline
/// cuts them, BIO tags), without the documents a gold file names, short sentences or any sentence where
/// `--second`'s model disagrees (with the same model it always agrees, so the output is the same).
#[test]
fn pseudo_label_writes_the_names_found_as_conll() {
    let dir = std::env::temp_dir().join(format!("marginalia-pseudo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let texts = dir.join("texts.jsonl");
    let gold = dir.join("gold.jsonl");
    std::fs::write(
        &texts,
        "{\"id\": \"kept\", \"text\": \"Angela Merkel met the president of France in Berlin on Monday. Thanks.\"}\n\
         {\"id\": \"held\", \"text\": \"Boris Johnson spoke to reporters in London about the plan.\"}\n",
    )
    .unwrap();
    std::fs::write(&gold, "{\"source\": \"texts.jsonl\", \"id\": \"held\", \"ranges\": [], \"entities\": []}\n")
        .unwrap();
    let (texts, gold) = (texts.to_str().unwrap(), gold.to_str().unwrap());
    let (out, ok) = run(&["pseudo-label", "--exclude", gold, texts], "");
    assert!(ok, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "-DOCSTART- -X- -X- O");
    let tagged: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
        .map(|l| {
            let fields: Vec<&str> = l.split(' ').collect();
            assert_eq!(fields.len(), 4, "{l}");
            (fields[0], fields[3])
        })
        .collect();
    let tag_of = |word: &str| tagged.iter().find(|(w, _)| *w == word).map(|&(_, t)| t);
    assert_eq!(tag_of("Angela"), Some("B-PER"));
    assert_eq!(tag_of("Merkel"), Some("I-PER"));
    assert_eq!(tag_of("France"), Some("B-LOC"));
    assert_eq!(tag_of("Berlin"), Some("B-LOC"));
    assert_eq!(tag_of("met"), Some("O"));
    assert_eq!(tag_of("Thanks"), None, "a sentence of two tokens is too short");
    assert_eq!(tag_of("Boris"), None, "the excluded document is skipped");
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/models/names.bin");
    let (agreed, ok) = run(&["pseudo-label", "--second", shipped, "--exclude", gold, texts], "");
    assert!(ok);
    assert_eq!(agreed, out);
    let (everything, ok) = run(&["pseudo-label", texts], "");
    assert!(ok);
    assert!(everything.contains("Boris _ _ B-PER"), "{everything}");
    // `--raw`: the tagger's names without the clean-up rules (here the title the rules take off);
    // `--no-conventions`: the rules that mend spans still run, the quoted-title convention does not.
    let titled = dir.join("titled.jsonl");
    std::fs::write(
        &titled,
        "{\"id\": \"t\", \"text\": \"Rep. Nancy Pelosi and Gov. Gavin Newsom met in Sacramento on Monday.\"}\n\
         {\"id\": \"q\", \"text\": \"Rep. Nancy Pelosi and Gov. Gavin Newsom praised \\\"Gone Fishing Again\\\" on Monday.\"}\n",
    )
    .unwrap();
    let titled = titled.to_str().unwrap();
    let title = "Rep _ _ O\n. _ _ O\nNancy _ _ B-PER\n";
    let (cleaned, ok) = run(&["pseudo-label", titled], "");
    assert!(ok && cleaned.contains(title) && cleaned.contains("Gone _ _ B-MISC\n"), "{cleaned}");
    let (raw, ok) = run(&["pseudo-label", "--raw", titled], "");
    assert!(ok && raw.contains("Rep _ _ B-PER\n. _ _ I-PER\nNancy _ _ I-PER\n"), "{raw}");
    let (evidence_only, ok) = run(&["pseudo-label", "--no-conventions", titled], "");
    assert!(
        ok && !evidence_only.contains("Rep _ _ B-PER") && evidence_only.contains("Gone _ _ O\n"),
        "{evidence_only}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
