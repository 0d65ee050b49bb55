//! Label scheme (BIO over `PER ORG LOC MISC`) and Viterbi decoding of a sentence.

use std::ops::Range;

use crate::analysis::Label;

/// `O`, then `B-X`, `I-X` for each name type in `TYPES` order.
pub const N_LABELS: usize = 9;
pub const TYPES: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

pub fn begin(kind: usize) -> u8 {
    1 + 2 * kind as u8
}

pub fn inside(kind: usize) -> u8 {
    2 + 2 * kind as u8
}

/// The name type index of a label, `None` for `O`.
pub fn kind(label: u8) -> Option<usize> {
    (label > 0 && (label as usize) < N_LABELS).then(|| (label as usize - 1) / 2)
}

fn is_inside(label: u8) -> bool {
    label > 0 && label % 2 == 0
}

/// False for transitions BIO forbids: `I-X` after anything but `B-X` or `I-X`, or at a sentence start.
pub fn allowed(previous: Option<u8>, label: u8) -> bool {
    if !is_inside(label) {
        return true;
    }
    previous.is_some_and(|p| p != 0 && kind(p) == kind(label))
}

/// Labels per row of `Masked`: `N_LABELS` rounded up to a multiple of 4 (the lanes of a 128-bit vector).
const LANES: usize = N_LABELS.div_ceil(4) * 4;

/// Transition scores with the transitions BIO forbids set to -inf, one row per previous label and a last
/// row scoring the first token, as in `viterbi`; each row padded to `LANES` with -inf, so that Viterbi's
/// step is the same few operations on every label at once (the compiler makes vector operations of it).
pub type Masked = [[f32; LANES]; N_LABELS + 1];

/// `transitions` (`(N_LABELS + 1) × N_LABELS`, the last row scoring the first token) with forbidden
/// transitions as -inf, so Viterbi's inner loop has no branch on them (a forbidden step can never be the
/// strict maximum, as when it is skipped); `None` when `transitions` is too short.
pub fn masked(transitions: &[f32]) -> Option<Masked> {
    if transitions.len() < (N_LABELS + 1) * N_LABELS {
        return None;
    }
    let mut masked = [[f32::NEG_INFINITY; LANES]; N_LABELS + 1];
    for (p, row) in masked.iter_mut().enumerate() {
        for (l, m) in row.iter_mut().enumerate().take(N_LABELS) {
            let previous = (p < N_LABELS).then_some(p as u8);
            if allowed(previous, l as u8) {
                *m = transitions[p * N_LABELS + l];
            }
        }
    }
    Some(masked)
}

/// Best label sequence for per-token label scores; `transitions` is `(N_LABELS + 1) × N_LABELS`, the last
/// row scoring the first token.
pub fn viterbi(emissions: &[[f32; N_LABELS]], transitions: &[f32]) -> Vec<u8> {
    match masked(transitions) {
        Some(masked) => viterbi_masked(emissions, &masked),
        None => vec![0; emissions.len()],
    }
}

/// `viterbi` with the transitions already `masked`.
pub fn viterbi_masked(emissions: &[[f32; N_LABELS]], masked: &Masked) -> Vec<u8> {
    let mut path = vec![0u8; emissions.len()];
    viterbi_into(emissions, masked, &mut Vec::new(), &mut path);
    path
}

/// `viterbi_masked` into `path` (as long as `emissions`), with `back` as room for the back pointers: a
/// tagger decoding sentence after sentence reuses both rather than allocating two lists per sentence.
pub fn viterbi_into(emissions: &[[f32; N_LABELS]], masked: &Masked, back: &mut Vec<[u8; N_LABELS]>, path: &mut [u8]) {
    let n = emissions.len().min(path.len());
    if n == 0 {
        return;
    }
    let mut score = [f32::NEG_INFINITY; LANES];
    back.clear();
    back.resize(n, [0; N_LABELS]);
    for l in 0..N_LABELS {
        score[l] = emissions[0][l] + masked[N_LABELS][l];
    }
    for i in 1..n {
        // Every label's best previous label, all labels at once: each previous label in turn, kept where
        // strictly better, so the first of equal scores wins. A forbidden step scores -inf (or NaN) and is
        // never strictly better, exactly as if it were not tried.
        let mut best = [f32::NEG_INFINITY; LANES];
        let mut arg = [0u32; LANES];
        for (p, row) in masked.iter().enumerate().take(N_LABELS) {
            let from = score[p];
            for l in 0..LANES {
                let s = from + row[l];
                let better = s > best[l];
                best[l] = if better { s } else { best[l] };
                arg[l] = if better { p as u32 } else { arg[l] };
            }
        }
        for l in 0..N_LABELS {
            score[l] = best[l] + emissions[i][l];
            back[i][l] = arg[l] as u8;
        }
    }
    let mut last = 0u8;
    for l in 1..N_LABELS {
        if score[l] > score[last as usize] {
            last = l as u8;
        }
    }
    path[n - 1] = last;
    for i in (1..n).rev() {
        path[i - 1] = back[i][path[i] as usize];
    }
}

/// Names as token ranges from a label sequence (an `I-X` that does not continue an `X` starts one).
pub fn chunks(labels: &[u8]) -> Vec<(Range<usize>, Label)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let k = kind(l);
        let continues = is_inside(l) && current.is_some_and(|(_, ck)| Some(ck) == k);
        if !continues {
            if let Some((start, ck)) = current.take() {
                out.push((start..i, TYPES[ck]));
            }
            if let Some(k) = k {
                current = Some((i, k));
            }
        }
    }
    if let Some((start, ck)) = current {
        out.push((start..labels.len(), TYPES[ck]));
    }
    out
}
