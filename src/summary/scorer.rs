//! The key-sentence scorer: a linear model over each candidate sentence's features, and the redundancy
//! penalty of the choice. The shipped weights are `models/summary.json`, written by `marginalia
//! train-summary` (`summary::train`) and embedded in the binary; the file names each feature, so a
//! model stays readable and a feature added later weighs 0 in an older file.

use std::sync::OnceLock;

/// One feature of a candidate sentence. Each is in `[0, 1]` or close to it; the graph, centroid and
/// entity features are normalized to the text's best candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// `1 / (1 + j / Weights::position_scale)`, `j` the rank among candidates (0 for the lede).
    Position,
    /// The first, second and third candidate.
    First,
    Second,
    Third,
    /// `j / (candidates − 1)`: where in the text, from 0 to 1.
    Relative,
    /// The sentence opens its line (a paragraph's first sentence).
    LineStart,
    /// Cosine of the sentence's content words with the whole text's.
    Centroid,
    /// TextRank centrality (word-overlap similarity).
    Graph,
    /// PageRank centrality over the cosine similarity of term counts.
    CosineGraph,
    /// Summed salience of the entity groups the sentence mentions.
    Entities,
    /// The sentence opens with a quotation mark.
    OpensWithQuote,
    /// Share of the sentence inside quotations.
    Quoted,
    /// Money, percentages, quantities and counts in the sentence (up to three).
    Figures,
    /// Share of the headline's content words the sentence repeats (0 without a headline).
    Headline,
    /// `ln(1 + words) / 4`.
    Words,
    /// The fourth or fifth candidate.
    FourthOrFifth,
    /// `Centroid` and `Graph` among the first five candidates, 0 after: how central the sentence is where
    /// news puts its point.
    EarlyCentroid,
    EarlyGraph,
}

/// The number of features of a sentence. The scorer sees each twice: multiplied by `1 − flatness` and
/// by `flatness` (`Candidates::new`: 1 for a text without paragraph breaks among its candidate
/// sentences, else 0), so it weighs a flattened text, where order is the only structure left, apart
/// from a paragraphed one.
pub const BASE_FEATURES: usize = 18;

/// Weights in a scorer: the features times `1 − flatness`, then the same features times flatness.
pub const FEATURE_COUNT: usize = 2 * BASE_FEATURES;

/// Feature names as the model file writes them, in `Feature` order, then each with `flat_` before it.
pub const FEATURES: [&str; FEATURE_COUNT] = [
    "position",
    "first",
    "second",
    "third",
    "relative",
    "line_start",
    "centroid",
    "graph",
    "cosine_graph",
    "entities",
    "opens_with_quote",
    "quoted",
    "figures",
    "headline",
    "words",
    "fourth_or_fifth",
    "early_centroid",
    "early_graph",
    "flat_position",
    "flat_first",
    "flat_second",
    "flat_third",
    "flat_relative",
    "flat_line_start",
    "flat_centroid",
    "flat_graph",
    "flat_cosine_graph",
    "flat_entities",
    "flat_opens_with_quote",
    "flat_quoted",
    "flat_figures",
    "flat_headline",
    "flat_words",
    "flat_fourth_or_fifth",
    "flat_early_centroid",
    "flat_early_graph",
];

/// Weights of the features and the redundancy penalty.
#[derive(Clone, Debug, PartialEq)]
pub struct Scorer {
    pub weights: [f64; FEATURE_COUNT],
    /// A candidate's score minus `redundancy ×` its greatest cosine similarity to the sentences already
    /// picked; `redundancy + flat_redundancy` in a flat text.
    pub redundancy: f64,
    pub flat_redundancy: f64,
}

/// The model file's form: `{"weights": {"position": 0.1, ...}, "redundancy": 0.05}`.
#[derive(serde::Serialize, serde::Deserialize)]
struct File {
    weights: std::collections::BTreeMap<String, f64>,
    redundancy: f64,
    #[serde(default)]
    flat_redundancy: f64,
}

const SHIPPED: &str = include_str!("../../models/summary.json");

impl Scorer {
    /// The shipped scorer (`models/summary.json`), parsed once.
    pub fn shipped() -> &'static Scorer {
        static SCORER: OnceLock<Scorer> = OnceLock::new();
        // The file is part of the build and checked by a unit test; should it ever fail to parse, the
        // graph centrality alone still picks sensible sentences.
        SCORER.get_or_init(|| Scorer::from_json(SHIPPED).unwrap_or_else(|_| Scorer::graph_only()))
    }

    /// TextRank centrality alone, no redundancy penalty.
    pub fn graph_only() -> Scorer {
        let mut weights = [0.0; FEATURE_COUNT];
        weights[Feature::Graph as usize] = 1.0;
        Scorer { weights, redundancy: 0.0, flat_redundancy: 0.0 }
    }

    /// The weighted sum of one candidate's features.
    pub fn weigh(&self, features: &[f64; FEATURE_COUNT]) -> f64 {
        self.weights.iter().zip(features).map(|(w, f)| w * f).sum()
    }

    /// The names of every parameter `set` and `get` know: the features, then `redundancy` and
    /// `flat_redundancy`.
    pub fn parameters() -> impl Iterator<Item = &'static str> {
        FEATURES.iter().copied().chain(["redundancy", "flat_redundancy"])
    }

    /// A parameter by name.
    pub fn get(&self, name: &str) -> Option<f64> {
        match name {
            "redundancy" => Some(self.redundancy),
            "flat_redundancy" => Some(self.flat_redundancy),
            _ => FEATURES.iter().position(|&f| f == name).map(|i| self.weights[i]),
        }
    }

    /// Sets a weight by feature name (or `redundancy`, `flat_redundancy`); false for an unknown name.
    pub fn set(&mut self, name: &str, value: f64) -> bool {
        match name {
            "redundancy" => {
                self.redundancy = value;
                return true;
            }
            "flat_redundancy" => {
                self.flat_redundancy = value;
                return true;
            }
            _ => {}
        }
        match FEATURES.iter().position(|&f| f == name) {
            Some(i) => {
                self.weights[i] = value;
                true
            }
            None => false,
        }
    }

    /// Reads a model file. Unknown feature names are an error (a file from a newer build); missing
    /// ones weigh 0.
    pub fn from_json(json: &str) -> Result<Scorer, String> {
        let file: File = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut scorer = Scorer {
            weights: [0.0; FEATURE_COUNT],
            redundancy: file.redundancy,
            flat_redundancy: file.flat_redundancy,
        };
        for (name, value) in &file.weights {
            if name.ends_with("redundancy") || !scorer.set(name, *value) {
                return Err(format!("unknown feature {name:?}"));
            }
        }
        Ok(scorer)
    }

    /// The model file, one feature a line in `Feature` order, weights rounded to 4 decimals.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\n  \"weights\": {\n");
        for (i, (name, w)) in FEATURES.iter().zip(&self.weights).enumerate() {
            let comma = if i + 1 < FEATURE_COUNT { "," } else { "" };
            out.push_str(&format!("    \"{name}\": {}{comma}\n", round4(*w)));
        }
        out.push_str(&format!(
            "  }},\n  \"redundancy\": {},\n  \"flat_redundancy\": {}\n}}\n",
            round4(self.redundancy),
            round4(self.flat_redundancy)
        ));
        out
    }
}

fn round4(x: f64) -> f64 {
    let r = (x * 10_000.0).round() / 10_000.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_parses_and_round_trips() {
        let scorer = Scorer::from_json(SHIPPED).expect("models/summary.json parses");
        assert!(scorer.weights.iter().any(|&w| w != 0.0));
        assert_eq!(Scorer::from_json(&scorer.to_json()), Ok(scorer));
    }

    #[test]
    fn unknown_features_are_refused_and_missing_ones_weigh_nothing() {
        assert!(Scorer::from_json(r#"{"weights": {"nonsense": 1}, "redundancy": 0}"#).is_err());
        let scorer = Scorer::from_json(r#"{"weights": {"graph": 2}, "redundancy": 0.5}"#).unwrap();
        assert_eq!(scorer.weights[Feature::Graph as usize], 2.0);
        assert_eq!(scorer.weights.iter().filter(|&&w| w != 0.0).count(), 1);
        assert_eq!(scorer.redundancy, 0.5);
    }
}
