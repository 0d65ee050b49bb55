//! `marginalia annotate --jsonl`: one `{"id", "text", ...}` object per input line, one annotations JSON
//! per output line, in input order, using every core.
//!
//! Lines are read in chunks; the documents of a chunk are shared among scoped threads (each takes the
//! next unclaimed line) and the chunk's results are written in input order before the next chunk is read,
//! so memory stays bounded by one chunk and output order never depends on timing. Plain `std::thread::scope`
//! rather than a thread-pool crate: the work is one flat loop and the core stays single-threaded.

use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use marginalia::export::json;
use marginalia::{analyze, Options};

/// At most this many lines per chunk…
const CHUNK_LINES: usize = 512;
/// …and at most this many bytes of input.
const CHUNK_BYTES: usize = 8 << 20;

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

/// The output lines of one chunk, in its order.
fn annotate_chunk(chunk: &[(usize, String)], threads: usize) -> Vec<String> {
    let threads = threads.clamp(1, chunk.len().max(1));
    if threads == 1 {
        return chunk.iter().map(|(n, line)| annotate_line(line, *n)).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<String>>> = Mutex::new(vec![None; chunk.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((n, line)) = chunk.get(i) else { break };
                let output = annotate_line(line, *n);
                // A poisoned lock means another worker panicked; the scope re-raises that panic.
                if let Ok(mut results) = results.lock() {
                    results[i] = Some(output);
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().map(Option::unwrap_or_default).collect()
}

/// One input line to one output line; a bad line gives `{"id", "error"}` so order is kept.
pub fn annotate_line(line: &str, line_number: usize) -> String {
    let parsed: Result<serde_json::Value, _> = serde_json::from_str(line);
    let object = match parsed {
        Ok(serde_json::Value::Object(object)) => object,
        Ok(_) => return error_line(None, &format!("line {line_number}: expected a JSON object")),
        Err(e) => return error_line(None, &format!("line {line_number}: invalid JSON: {e}")),
    };
    let id = object.get("id");
    let Some(text) = object.get("text").and_then(|t| t.as_str()) else {
        return error_line(id, &format!("line {line_number}: missing string field \"text\""));
    };
    let mut options = Options::default();
    if let Some(k) = object.get("summary_sentences").and_then(|v| v.as_u64()) {
        options.summary_sentences = k as usize;
    }
    if let Some(anchor) = object.get("anchor").and_then(|v| v.as_str()) {
        match anchor.parse::<marginalia::numbers::Ymd>() {
            Ok(date) => options.anchor_date = Some(date),
            Err(_) => {
                return error_line(id, &format!("line {line_number}: \"anchor\" is not a date written YYYY-MM-DD"))
            }
        }
    }
    let analysis = analyze(text, &options);
    json::to_string(&analysis, Some(id.unwrap_or(&serde_json::Value::Null)))
}

fn error_line(id: Option<&serde_json::Value>, message: &str) -> String {
    serde_json::json!({ "id": id, "error": message }).to_string()
}
