//! `marginalia annotate --jsonl`: one `{"id", "text", ...}` object per input line, one annotations JSON
//! per output line, in input order, using every core.
//!
//! Lines are read in chunks, and a chunk is cut into batches of consecutive lines; the batches are shared
//! among scoped threads (each takes the next unclaimed one and analyzes its documents together,
//! `analyze_each`, stage by stage) and the chunk's results are written in input order before the next
//! chunk is read, so memory stays bounded by one chunk and output order never depends on timing. Plain
//! `std::thread::scope` rather than a thread-pool crate: the work is one flat loop and the core stays
//! single-threaded.

use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use marginalia::export::json;
use marginalia::{analyze_each, Options};

/// At most this many lines per chunk…
const CHUNK_LINES: usize = 512;
/// …and at most this many bytes of input.
const CHUNK_BYTES: usize = 8 << 20;

/// A batch (the documents one thread analyzes together) ends after this many lines…
const BATCH_LINES: usize = 32;
/// …or once its lines reach this many bytes: a batch's analyses are all held until its last stage is
/// done, and the gain of going stage by stage is on short texts.
const BATCH_BYTES: usize = 256 << 10;

/// When the first chunk holds at least this many bytes, the names model builds what it builds for long
/// texts (its joint rows and its table of words: `names::prepare_for_long_texts`) before any line is
/// analyzed, rather than after its first 20,000 tokens, which it tags the slower way: on
/// CoNLL validation lines, building at once costs more CPU below about 100 KB of input and less above
/// (docs/performance.md, "Thirteenth round").
const PREPARE_BYTES: usize = 128 << 10;

/// The number of worker threads `annotate --jsonl` uses: one per available core.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// Annotates every non-blank line of `reader` into `out` with `threads` workers. Returns the number of
/// documents written (error lines included). A read error stops after writing the lines before it.
pub fn run(reader: impl BufRead, out: &mut impl Write, threads: usize) -> Result<usize, String> {
    let mut written = 0;
    let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK_LINES);
    let mut chunk_bytes = 0;
    let mut lines = reader.lines().enumerate();
    loop {
        let mut failure = None;
        for (n, line) in lines.by_ref() {
            match line {
                Ok(line) if line.trim().is_empty() => {}
                Ok(line) => {
                    chunk_bytes += line.len();
                    chunk.push((n + 1, line));
                    if chunk.len() >= CHUNK_LINES || chunk_bytes >= CHUNK_BYTES {
                        break;
                    }
                }
                Err(e) => {
                    failure = Some(format!("line {}: {e}", n + 1));
                    break;
                }
            }
        }
        if chunk.is_empty() && failure.is_none() {
            return Ok(written);
        }
        if written == 0 && chunk_bytes >= PREPARE_BYTES {
            prepare_names_model(threads);
        }
        for output in annotate_chunk(&chunk, threads) {
            writeln!(out, "{output}").map_err(|e| e.to_string())?;
            written += 1;
        }
        if let Some(message) = failure {
            out.flush().map_err(|e| e.to_string())?;
            return Err(message);
        }
        chunk.clear();
        chunk_bytes = 0;
    }
}

/// Has the names model build its tables for long texts, the two on two threads when there are two.
fn prepare_names_model(threads: usize) {
    use marginalia::names::{prepare_for_long_texts, prepare_for_long_texts_step as step};
    if threads < 2 {
        return prepare_for_long_texts();
    }
    std::thread::scope(|scope| {
        scope.spawn(|| step(0));
        step(1);
    });
}

/// The output lines of one chunk, in its order.
fn annotate_chunk(chunk: &[(usize, String)], threads: usize) -> Vec<String> {
    let batches = batches(chunk, threads);
    let threads = threads.clamp(1, batches.len().max(1));
    if threads == 1 {
        return batches.iter().flat_map(|batch| annotate_batch(batch)).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Vec<String>>>> = Mutex::new(vec![None; batches.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(batch) = batches.get(i) else { break };
                let output = annotate_batch(batch);
                // A poisoned lock means another worker panicked; the scope re-raises that panic.
                if let Ok(mut results) = results.lock() {
                    results[i] = Some(output);
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results
        .into_iter()
        .zip(&batches)
        .flat_map(|(output, batch)| output.unwrap_or_else(|| vec![String::new(); batch.len()]))
        .collect()
}

/// The chunk cut into batches of consecutive lines. A batch ends with the line that brings it to
/// `BATCH_BYTES` bytes, or to its number of lines: `BATCH_LINES`, or fewer when a short chunk would not
/// give each of `threads` four batches (so that it is still shared among the threads).
fn batches(chunk: &[(usize, String)], threads: usize) -> Vec<&[(usize, String)]> {
    let lines = chunk.len().div_ceil(threads.max(1) * 4).clamp(1, BATCH_LINES);
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, (_, line)) in chunk.iter().enumerate() {
        bytes += line.len();
        if i + 1 - start >= lines || bytes >= BATCH_BYTES {
            out.push(&chunk[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < chunk.len() {
        out.push(&chunk[start..]);
    }
    out
}

/// The output lines of a batch of input lines, in its order: its documents analyzed together.
fn annotate_batch(batch: &[(usize, String)]) -> Vec<String> {
    let parsed: Vec<Result<Document, String>> = batch.iter().map(|(n, line)| parse_line(line, *n)).collect();
    let items: Vec<(&str, &Options)> =
        parsed.iter().filter_map(|p| p.as_ref().ok()).map(|doc| (doc.text.as_str(), &doc.options)).collect();
    let mut analyses = analyze_each(&items).into_iter();
    parsed
        .into_iter()
        .map(|p| match p {
            Ok(doc) => json::to_string(&analyses.next().unwrap_or_default(), Some(&doc.id)),
            Err(line) => line,
        })
        .collect()
}

/// One input line read: the document's id (`null` when it has none), text and options.
struct Document {
    id: serde_json::Value,
    text: String,
    options: Options,
}

/// One input line read as a document; a bad line gives its output line, `{"id", "error"}`, so that order
/// is kept.
fn parse_line(line: &str, line_number: usize) -> Result<Document, String> {
    let parsed: Result<serde_json::Value, _> = serde_json::from_str(line);
    let mut object = match parsed {
        Ok(serde_json::Value::Object(object)) => object,
        Ok(_) => return Err(error_line(None, &format!("line {line_number}: expected a JSON object"))),
        Err(e) => return Err(error_line(None, &format!("line {line_number}: invalid JSON: {e}"))),
    };
    let id = object.remove("id");
    let Some(serde_json::Value::String(text)) = object.remove("text") else {
        return Err(error_line(id.as_ref(), &format!("line {line_number}: missing string field \"text\"")));
    };
    let mut options = Options::default();
    if let Some(k) = object.get("summary_sentences").and_then(|v| v.as_u64()) {
        options.summary_sentences = k as usize;
    }
    if let Some(anchor) = object.get("anchor").and_then(|v| v.as_str()) {
        match anchor.parse::<marginalia::numbers::Ymd>() {
            Ok(date) => options.anchor_date = Some(date),
            Err(_) => {
                return Err(error_line(
                    id.as_ref(),
                    &format!("line {line_number}: \"anchor\" is not a date written YYYY-MM-DD"),
                ))
            }
        }
    }
    Ok(Document { id: id.unwrap_or(serde_json::Value::Null), text, options })
}

fn error_line(id: Option<&serde_json::Value>, message: &str) -> String {
    serde_json::json!({ "id": id, "error": message }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of the given lengths, numbered from 1.
    fn chunk(lengths: &[usize]) -> Vec<(usize, String)> {
        lengths.iter().enumerate().map(|(i, &n)| (i + 1, "x".repeat(n))).collect()
    }

    #[test]
    fn batches_cover_the_chunk_in_order_within_their_limits() {
        for (lengths, threads) in [
            (vec![10; 1000], 2),
            (vec![10; 200], 2),
            (vec![10; 7], 4),
            (vec![BATCH_BYTES / 3; 10], 1),
            (vec![BATCH_BYTES * 2, 5, 5, BATCH_BYTES * 2, 5], 1),
            (vec![], 2),
        ] {
            let chunk = chunk(&lengths);
            let batches = batches(&chunk, threads);
            let joined: Vec<usize> = batches.iter().flat_map(|b| b.iter().map(|(n, _)| *n)).collect();
            assert_eq!(joined, (1..=chunk.len()).collect::<Vec<_>>(), "{lengths:?}");
            for batch in &batches {
                assert!(!batch.is_empty() && batch.len() <= BATCH_LINES);
                let before_last: usize = batch[..batch.len() - 1].iter().map(|(_, l)| l.len()).sum();
                assert!(before_last < BATCH_BYTES, "a batch goes on past {BATCH_BYTES} bytes");
            }
        }
        // Enough batches for every thread, and full ones for a long input.
        assert_eq!(batches(&chunk(&[10; 200]), 2).len(), 8);
        assert_eq!(batches(&chunk(&[10; 7]), 4).len(), 7);
        assert!(batches(&chunk(&[10; 512]), 2).iter().all(|b| b.len() == BATCH_LINES));
    }
}
