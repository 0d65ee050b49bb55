//! Integration tests of the core and the CLI: one binary, one module per area.

mod boilerplate;
mod cli;
mod edit;
mod export;
mod extract;
mod groups;
mod import;
mod names;
mod names_recent;
mod properties;
mod quotes;
mod regressions;
mod rules;
mod sample;
mod summary;
#[cfg(feature = "web")]
mod ui;
mod unicode;

/// The path of a file under `../shared/` (the data kept beside the project), or `None`, after saying the
/// test was skipped, when it is absent.
pub fn shared_data(relative: &str) -> Option<String> {
    let path = format!("{}/../shared/{relative}", env!("CARGO_MANIFEST_DIR"));
    if std::path::Path::new(&path).is_file() {
        Some(path)
    } else {
        println!("skipped: {path} is absent");
        None
    }
}

/// Runs the `marginalia` binary with `args` and `stdin`: (stdout, stderr, success). The only place the
/// tests start the CLI.
pub fn run_cli(args: &[&str], stdin: &str) -> (String, String, bool) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the marginalia binary runs");
    // The tool may exit before reading its input (a bad argument): a broken pipe is fine.
    let _ = child.stdin.take().expect("stdin is piped").write_all(stdin.as_bytes());
    let output = child.wait_with_output().expect("the binary finishes");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.success(),
    )
}
