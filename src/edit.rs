//! Editing annotations: a document (the machine's analysis plus a person's edits) and the actions a
//! person takes on it, applied by a pure reducer with unlimited undo and redo.
//!
//! The machine's suggestions are never changed in place. A person's work is a separate record,
//! [`Edits`]: the entities they added (every retag, resize or addition is one, with `Source::User`) and
//! the machine suggestions they removed. What the page shows, [`Document::analysis`], is composed from
//! the two: machine entities that were not removed and do not overlap a human one of the same layer,
//! plus every human one. Because the record is kept apart, a fresh analysis of the same text
//! ([`Document::reanalyze`]) keeps every edit, and one of a changed text carries each edit over by its
//! words and context ([`anchor::find`]), listing the few it cannot place instead of dropping them.
//!
//! Every change recomputes the view's groups and summary (`pipeline::summarize`), so the sidebar follows
//! the edits at once.
//!
//! Layers: QUOTE spans contain names and figures, so a QUOTE only displaces other QUOTEs and any other
//! label only displaces non-QUOTE entities. A person's mark does not displace a machine entity that
//! nests in it or that it nests in as the merge policy allows (a name inside a MONEY or TIME: retagging
//! "Swiss" keeps the amount "25,000 Swiss francs"); a person's marks never overlap each other.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Entity, Label, Quote, Source};
use crate::anchor::{self, TextQuote};
use crate::pipeline::Options;
use crate::span::Span;

/// Which entity an action is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// An index into `Document::analysis().entities`.
    Index(usize),
    /// The entity with exactly this span (a non-QUOTE one when a QUOTE has the same span).
    Span(Span),
}

/// Which end of an entity a resize moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Left,
    Right,
}

/// Whether a resize takes in one more token or gives one up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Grow,
    Shrink,
}

/// What a person does to the annotations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Marks `span` (widened to whole tokens, outer whitespace ignored) as `label`.
    Add {
        span: Span,
        label: Label,
    },
    /// Removes one entity.
    Remove {
        target: Target,
    },
    /// Gives one entity another label.
    Retag {
        target: Target,
        label: Label,
    },
    /// Moves one end of an entity by one token.
    Resize {
        target: Target,
        edge: Edge,
        change: Change,
    },
    /// Marks every whole-token occurrence of `surface` as `label`.
    ApplyToAll {
        surface: String,
        label: Label,
    },
    /// Removes every entity whose text is `surface`, and keeps the machine from suggesting it again.
    RemoveEverywhere {
        surface: String,
    },
    Undo,
    Redo,
}

/// Why an action changed nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EditError {
    /// The target names no entity.
    NoSuchEntity,
    /// The span is outside the text, not on character boundaries, or covers only whitespace.
    BadSpan,
    /// The surface string does not occur as whole tokens (or is empty).
    SurfaceNotFound,
    /// Shrinking would leave nothing, or growing would pass the end of the text.
    CannotResize,
    /// The entity already has that label, or the edit would leave everything as it is.
    NoChange,
    NothingToUndo,
    NothingToRedo,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EditError::NoSuchEntity => "no such entity",
            EditError::BadSpan => "the selection covers no words",
            EditError::SurfaceNotFound => "those words do not occur in the text",
            EditError::CannotResize => "the entity cannot be resized further that way",
            EditError::NoChange => "nothing to change",
            EditError::NothingToUndo => "nothing to undo",
            EditError::NothingToRedo => "nothing to redo",
        })
    }
}

impl std::error::Error for EditError {}

/// An entity a person marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mark {
    pub span: Span,
    pub label: Label,
}

/// A machine suggestion a person removed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Removal {
    /// The machine entity with this span and label.
    Entity { span: Span, label: Label },
    /// Every machine entity whose text is this string.
    Surface(String),
}

/// A person's edits to one text, apart from the machine's suggestions. Serializable, so the page can
/// save it with the text; spans are bytes into that text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edits {
    pub added: Vec<Mark>,
    pub removed: Vec<Removal>,
}

/// The result of re-analyzing a changed text: how many edits were carried over, and the words of those
/// that could not be placed in the new text (each once).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    pub kept: usize,
    pub lost: Vec<String>,
}

/// A machine analysis with the view a document without edits shows of it (groups and summary made
/// again as after any edit), made where the analysis ran (the page's worker) so that the thread taking
/// it in (`Document::reanalyze_prepared`) has nothing left to compute when no edit applies.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub machine: Analysis,
    pub view: Analysis,
    /// The options both were made with.
    pub options: Options,
}

impl Prepared {
    /// `machine` is `analyze`'s analysis made with `options`. Where the view without edits has the
    /// machine's entities and quotations (as it does unless `analyze`'s entities were out of order), its
    /// groups and summary are the machine's: `pipeline::summarize` made them from that same input, and
    /// making them again is a tenth or more of the analysis's time.
    pub fn new(machine: Analysis, options: &Options) -> Prepared {
        let entities = compose_entities(&machine, &Edits::default());
        let mut view = unsummarized_view(&machine, entities);
        let same_quotes = view.quotes.len() == machine.quotes.len()
            && view.quotes.iter().zip(&machine.quotes).all(|(v, m)| v.span == m.span);
        if view.entities == machine.entities && same_quotes {
            view.groups = machine.groups.clone();
            view.summary = machine.summary.clone();
        } else {
            crate::pipeline::summarize(&mut view, options);
        }
        Prepared { machine, view, options: options.clone() }
    }
}

/// One document being edited.
#[derive(Clone, Debug)]
pub struct Document {
    /// The analysis as the machine made it.
    machine: Analysis,
    edits: Edits,
    /// `machine` with the edits applied: what is shown and exported.
    view: Analysis,
    /// The settings groups and summary of the view are recomputed with.
    options: Options,
    undo: Vec<Edits>,
    redo: Vec<Edits>,
}

impl Document {
    /// A document with no edits yet.
    pub fn new(machine: Analysis) -> Document {
        Document::with_edits(machine, Edits::default()).0
    }

    /// A document with saved edits; edits whose spans do not fit the text, and added entities that
    /// overlap an earlier one of their layer (a corrupted save), are left out and counted.
    pub fn with_edits(machine: Analysis, edits: Edits) -> (Document, usize) {
        let (edits, dropped) = checked(&machine.text, edits);
        (Document::composed(machine, edits, Options::default(), None), dropped)
    }

    /// Uses `options` (the ones the machine's analysis was made with) when groups and summary are
    /// recomputed after an edit. The view is made again only when its groups and summary would change.
    pub fn with_options(mut self, options: Options) -> Document {
        let same = self.options.same_summary(&options);
        self.options = options;
        if !same {
            self.view = compose(&self.machine, &self.edits, &self.options);
        }
        self
    }

    /// A document of `machine` with `edits` (already `checked`) and `options`. `unedited` is a view of
    /// `machine` without edits and the options it was made with (`Prepared`); it is used when there are
    /// no edits and its summary options are these, otherwise the view is composed here.
    fn composed(machine: Analysis, edits: Edits, options: Options, unedited: Option<(Analysis, Options)>) -> Document {
        let view = match unedited {
            Some((view, made_with))
                if edits.added.is_empty() && edits.removed.is_empty() && made_with.same_summary(&options) =>
            {
                view
            }
            _ => compose(&machine, &edits, &options),
        };
        Document { machine, edits, view, options, undo: Vec::new(), redo: Vec::new() }
    }

    /// A document from an imported file: its `user` entities become edits, the others the machine's
    /// suggestions. `analysis` supplies tokens and sentences and must be of the same text; its own
    /// entities are replaced. `None` when the texts differ.
    pub fn from_imported(analysis: Analysis, imported: crate::import::Imported) -> Option<Document> {
        if analysis.text != imported.text {
            return None;
        }
        let mut machine = analysis;
        let mut edits = Edits::default();
        let mut entities = Vec::new();
        for entity in imported.entities {
            if entity.source == Source::User {
                edits.added.push(Mark { span: entity.span, label: entity.label });
            } else {
                entities.push(entity);
            }
        }
        // Quotes point at entities by index; keep their speakers by span instead.
        machine.quotes = imported.quotes;
        machine.entities = entities;
        for quote in &mut machine.quotes {
            quote.speaker_entity = None;
        }
        Some(Document::with_edits(machine, edits).0)
    }

    /// The analysis with the edits applied: what the page shows and exports.
    pub fn analysis(&self) -> &Analysis {
        &self.view
    }

    /// The machine's own analysis.
    pub fn machine(&self) -> &Analysis {
        &self.machine
    }

    /// The person's edits, to save.
    pub fn edits(&self) -> &Edits {
        &self.edits
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Index of the innermost entity at byte `pos` (a name inside a quote rather than the quote).
    pub fn entity_at(&self, pos: usize) -> Option<usize> {
        let entities = &self.view.entities;
        (0..entities.len())
            .filter(|&i| entities[i].span.start <= pos && pos < entities[i].span.end)
            .min_by_key(|&i| entities[i].span.len())
    }

    /// Applies `action`. On an error nothing changed.
    pub fn apply(&mut self, action: Action) -> Result<(), EditError> {
        let next = match action {
            Action::Undo => {
                let previous = self.undo.pop().ok_or(EditError::NothingToUndo)?;
                self.redo.push(std::mem::replace(&mut self.edits, previous));
                self.view = compose(&self.machine, &self.edits, &self.options);
                return Ok(());
            }
            Action::Redo => {
                let next = self.redo.pop().ok_or(EditError::NothingToRedo)?;
                self.undo.push(std::mem::replace(&mut self.edits, next));
                self.view = compose(&self.machine, &self.edits, &self.options);
                return Ok(());
            }
            Action::Add { span, label } => {
                let span = self.snap(span).ok_or(EditError::BadSpan)?;
                self.with_marks(&[Mark { span, label }], &[])
            }
            Action::Remove { target } => {
                let i = self.resolve(target)?;
                self.with_marks(&[], &[i])
            }
            Action::Retag { target, label } => {
                let i = self.resolve(target)?;
                let entity = &self.view.entities[i];
                if entity.label == label {
                    return Err(EditError::NoChange);
                }
                self.with_marks(&[Mark { span: entity.span, label }], &[i])
            }
            Action::Resize { target, edge, change } => {
                let i = self.resolve(target)?;
                let entity = &self.view.entities[i];
                let span = self.resized(entity.span, edge, change).ok_or(EditError::CannotResize)?;
                self.with_marks(&[Mark { span, label: entity.label }], &[i])
            }
            Action::ApplyToAll { surface, label } => {
                let marks: Vec<Mark> =
                    self.occurrences(&surface).into_iter().map(|span| Mark { span, label }).collect();
                if marks.is_empty() {
                    return Err(EditError::SurfaceNotFound);
                }
                self.with_marks(&marks, &[])
            }
            Action::RemoveEverywhere { surface } => {
                if surface.is_empty() {
                    return Err(EditError::SurfaceNotFound);
                }
                let text = &self.view.text;
                let mut next = self.edits.clone();
                next.added.retain(|m| text.get(m.span.start..m.span.end) != Some(surface.as_str()));
                if !next.removed.contains(&Removal::Surface(surface.clone())) {
                    next.removed.push(Removal::Surface(surface));
                }
                next
            }
        };
        if next == self.edits {
            return Err(EditError::NoChange);
        }
        let entities = compose_entities(&self.machine, &next);
        if entities == self.view.entities {
            return Err(EditError::NoChange);
        }
        self.undo.push(std::mem::replace(&mut self.edits, next));
        self.redo.clear();
        self.view = view_of(&self.machine, entities, &self.options);
        Ok(())
    }

    /// Replaces the machine's analysis with a fresh one. Of the same text, every edit stays as it is.
    /// Of a changed text, each added entity and removed suggestion is looked for in the new text by its
    /// words and their context; those not found are listed in `lost`, and undo history is cleared.
    pub fn reanalyze(&mut self, fresh: Analysis) -> Carried {
        self.take(fresh, None)
    }

    /// `reanalyze` with an analysis whose unedited view was made already (by `Prepared::new`, where
    /// the analysis ran): when no edit applies to it, nothing is recomputed here.
    pub fn reanalyze_prepared(&mut self, fresh: Prepared) -> Carried {
        let Prepared { machine, view, options } = fresh;
        self.take(machine, Some((view, options)))
    }

    /// `reanalyze`, using `unedited` (see `composed`) when it fits.
    fn take(&mut self, fresh: Analysis, unedited: Option<(Analysis, Options)>) -> Carried {
        if fresh.text == self.machine.text {
            let edits = std::mem::take(&mut self.edits);
            let kept = edits.added.len() + edits.removed.len();
            let (undo, redo) = (std::mem::take(&mut self.undo), std::mem::take(&mut self.redo));
            let options = std::mem::take(&mut self.options);
            *self = Document { undo, redo, ..Document::composed(fresh, edits, options, unedited) };
            return Carried { kept, lost: Vec::new() };
        }
        let old = self.machine.text.as_str();
        let new = fresh.text.as_str();
        let mut carried = Carried::default();
        let mut edits = Edits::default();
        let carry = |span: Span, carried: &mut Carried| {
            let found = carry_span(old, new, span);
            match found {
                Some(_) => carried.kept += 1,
                None => carried.lost.push(old.get(span.start..span.end).unwrap_or("").to_owned()),
            }
            found
        };
        for mark in &self.edits.added {
            // A repeated passage can send two marks to the same place: the first keeps it.
            let taken = |span: Span| {
                edits.added.iter().any(|m: &Mark| same_layer(m.label, mark.label) && m.span.overlaps(span))
            };
            match carry(mark.span, &mut carried) {
                Some(span) if taken(span) => {
                    carried.kept -= 1;
                    carried.lost.push(old.get(mark.span.start..mark.span.end).unwrap_or("").to_owned());
                }
                Some(span) => edits.added.push(Mark { span, label: mark.label }),
                None => {}
            }
        }
        for removal in &self.edits.removed {
            match removal {
                Removal::Entity { span, label } => {
                    if let Some(span) = carry(*span, &mut carried) {
                        edits.removed.push(Removal::Entity { span, label: *label });
                    }
                }
                Removal::Surface(s) => {
                    carried.kept += 1;
                    edits.removed.push(Removal::Surface(s.clone()));
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        carried.lost.retain(|words| seen.insert(words.clone()));
        let options = std::mem::take(&mut self.options);
        let (edits, _) = checked(&fresh.text, edits);
        *self = Document::composed(fresh, edits, options, unedited);
        carried
    }

    /// The edits after adding `marks` (each displacing what it overlaps in its layer) and removing
    /// the shown entities at `remove`.
    fn with_marks(&self, marks: &[Mark], remove: &[usize]) -> Edits {
        // `marks` never overlap each other (one mark, or the separate occurrences of `ApplyToAll`), so
        // each layer's marks sorted by start answer "does this span overlap a mark?" by binary search.
        let layers = Layers::new(marks);
        let mut next = self.edits.clone();
        let mut gone: Vec<&Entity> = remove.iter().filter_map(|&i| self.view.entities.get(i)).collect();
        gone.extend(self.view.entities.iter().filter(|e| match e.source {
            Source::User => layers.overlaps(e.label, e.span),
            _ => layers.displaces(e),
        }));
        let mut gone_user = std::collections::HashSet::new();
        let mut known: std::collections::HashSet<Removal> = next.removed.iter().cloned().collect();
        for entity in gone {
            if entity.source == Source::User {
                gone_user.insert((entity.span, entity.label));
            } else {
                let removal = Removal::Entity { span: entity.span, label: entity.label };
                if known.insert(removal.clone()) {
                    next.removed.push(removal);
                }
            }
        }
        next.added.retain(|m| !gone_user.contains(&(m.span, m.label)) && !layers.overlaps(m.label, m.span));
        next.added.extend_from_slice(marks);
        next
    }

    fn resolve(&self, target: Target) -> Result<usize, EditError> {
        let entities = &self.view.entities;
        match target {
            Target::Index(i) if i < entities.len() => Ok(i),
            Target::Index(_) => Err(EditError::NoSuchEntity),
            Target::Span(span) => {
                let mut matching = (0..entities.len()).filter(|&i| entities[i].span == span);
                let first = matching.next().ok_or(EditError::NoSuchEntity)?;
                Ok(std::iter::once(first).chain(matching).find(|&i| entities[i].label != Label::Quote).unwrap_or(first))
            }
        }
    }

    /// `span` widened to the tokens it touches; `None` when it is out of bounds or touches none.
    fn snap(&self, span: Span) -> Option<Span> {
        let text = &self.view.text;
        text.get(span.start..span.end)?;
        let tokens = &self.view.tokens;
        let first = tokens.partition_point(|t| t.span.end <= span.start);
        let touched: Vec<Span> =
            tokens[first..].iter().take_while(|t| t.span.start < span.end).map(|t| t.span).collect();
        let (first, last) = (touched.first()?, touched.last()?);
        Some(first.cover(*last))
    }

    /// `span` with one edge moved by one token, or `None` at the text's end or when nothing would be left.
    fn resized(&self, span: Span, edge: Edge, change: Change) -> Option<Span> {
        let tokens = &self.view.tokens;
        let inside: Vec<Span> = tokens.iter().filter(|t| t.span.overlaps(span)).map(|t| t.span).collect();
        let result = match (edge, change) {
            (Edge::Left, Change::Grow) => {
                let before = tokens.iter().rev().find(|t| t.span.end <= span.start)?;
                Span::new(before.span.start, span.end)
            }
            (Edge::Right, Change::Grow) => {
                let after = tokens.iter().find(|t| t.span.start >= span.end)?;
                Span::new(span.start, after.span.end)
            }
            (Edge::Left, Change::Shrink) => Span::new(inside.get(1)?.start, span.end),
            (Edge::Right, Change::Shrink) => Span::new(span.start, inside.get(inside.len().checked_sub(2)?)?.end),
        };
        (!result.is_empty()).then_some(result)
    }

    /// Every occurrence of `surface` that starts at a token start and ends at a token end.
    fn occurrences(&self, surface: &str) -> Vec<Span> {
        if surface.trim().is_empty() {
            return Vec::new();
        }
        let tokens = &self.view.tokens;
        let starts: std::collections::HashSet<usize> = tokens.iter().map(|t| t.span.start).collect();
        let ends: std::collections::HashSet<usize> = tokens.iter().map(|t| t.span.end).collect();
        self.view
            .text
            .match_indices(surface)
            .map(|(start, s)| Span::new(start, start + s.len()))
            .filter(|span| starts.contains(&span.start) && ends.contains(&span.end))
            .collect()
    }
}

/// `edits` without those whose spans do not fit `text` and without added entities that overlap an
/// earlier one of their layer (a corrupted save), and how many were left out.
fn checked(text: &str, mut edits: Edits) -> (Edits, usize) {
    let before = edits.added.len() + edits.removed.len();
    let fits = |span: Span| span.start < span.end && text.get(span.start..span.end).is_some();
    edits.added.retain(|m| fits(m.span));
    let mut kept: Vec<Mark> = Vec::with_capacity(edits.added.len());
    for mark in edits.added.drain(..) {
        if !kept.iter().any(|k| same_layer(k.label, mark.label) && k.span.overlaps(mark.span)) {
            kept.push(mark);
        }
    }
    edits.added = kept;
    edits.removed.retain(|r| match r {
        Removal::Entity { span, .. } => fits(*span),
        Removal::Surface(s) => !s.is_empty(),
    });
    let dropped = before - edits.added.len() - edits.removed.len();
    (edits, dropped)
}

fn same_layer(a: Label, b: Label) -> bool {
    (a == Label::Quote) == (b == Label::Quote)
}

/// The machine's analysis with `edits` applied, its groups and summary made again for the new entities.
fn compose(machine: &Analysis, edits: &Edits, options: &Options) -> Analysis {
    view_of(machine, compose_entities(machine, edits), options)
}

/// The machine's analysis with `entities` (composed by `compose_entities`) in place of its own.
fn view_of(machine: &Analysis, entities: Vec<Entity>, options: &Options) -> Analysis {
    let mut view = unsummarized_view(machine, entities);
    crate::pipeline::summarize(&mut view, options);
    view
}

/// `view_of` without its groups and summary.
fn unsummarized_view(machine: &Analysis, entities: Vec<Entity>) -> Analysis {
    // One quote per QUOTE entity, keeping the machine's speaker where it found one. Looked up by span
    // in maps (each edit composes again; searching lists per quote was quadratic on long texts).
    let mut speakers: std::collections::HashMap<Span, &Quote> = std::collections::HashMap::new();
    for mq in &machine.quotes {
        speakers.entry(mq.span).or_insert(mq);
    }
    let mut people: std::collections::HashMap<Span, usize> = std::collections::HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        if matches!(e.label, Label::Per | Label::Org) {
            people.entry(e.span).or_insert(i);
        }
    }
    let quotes = entities
        .iter()
        .filter(|e| e.label == Label::Quote)
        .map(|q| {
            let machine_quote = speakers.get(&q.span);
            let speaker = machine_quote.and_then(|mq| mq.speaker);
            let speaker_entity = speaker.and_then(|s| people.get(&s).copied());
            let (mention, cue) = machine_quote.map_or((None, None), |mq| (mq.mention, mq.cue));
            Quote { span: q.span, speaker, speaker_entity, mention, cue }
        })
        .collect();
    Analysis {
        text: machine.text.clone(),
        tokens: machine.tokens.clone(),
        sentences: machine.sentences.clone(),
        entities,
        quotes,
        boilerplate: machine.boilerplate.clone(),
        groups: Vec::new(),
        summary: Default::default(),
    }
}

/// The entities shown: machine suggestions not removed nor displaced, plus the person's, sorted.
fn compose_entities(machine: &Analysis, edits: &Edits) -> Vec<Entity> {
    let text = machine.text.as_str();
    let mut removed_entities = std::collections::HashSet::new();
    let mut removed_surfaces = std::collections::HashSet::new();
    for r in &edits.removed {
        match r {
            Removal::Entity { span, label } => removed_entities.insert((*span, *label)),
            Removal::Surface(s) => removed_surfaces.insert(s.as_str()),
        };
    }
    let removed = |e: &Entity| {
        removed_entities.contains(&(e.span, e.label))
            || (!removed_surfaces.is_empty()
                && text.get(e.span.start..e.span.end).is_some_and(|s| removed_surfaces.contains(s)))
    };
    // Added marks of one layer never overlap each other (`with_marks`, `with_edits`).
    let layers = Layers::new(&edits.added);
    let mut entities: Vec<Entity> =
        machine.entities.iter().filter(|e| !removed(e) && !layers.displaces(e)).cloned().collect();
    entities.extend(edits.added.iter().map(|m| Entity::new(m.span, m.label, Source::User)));
    crate::merge::sort(&mut entities);
    entities
}

/// Marks split by layer (QUOTE or not), each sorted by start, for overlap queries in O(log n). Within a
/// layer the marks must not overlap each other, so their ends are sorted too.
struct Layers {
    quotes: Vec<(Span, Label)>,
    others: Vec<(Span, Label)>,
}

impl Layers {
    fn new(marks: &[Mark]) -> Layers {
        let mut layers = Layers { quotes: Vec::new(), others: Vec::new() };
        for m in marks {
            if m.label == Label::Quote { &mut layers.quotes } else { &mut layers.others }.push((m.span, m.label));
        }
        layers.quotes.sort_unstable();
        layers.others.sort_unstable();
        layers
    }

    /// The marks of the layer of `label` that overlap `span`.
    fn overlapping(&self, label: Label, span: Span) -> impl Iterator<Item = &(Span, Label)> {
        let marks = if label == Label::Quote { &self.quotes } else { &self.others };
        let i = marks.partition_point(|(s, _)| s.end <= span.start);
        marks[i..].iter().take_while(move |(s, _)| s.start < span.end)
    }

    /// Whether `span` overlaps a mark of the layer of `label`.
    fn overlaps(&self, label: Label, span: Span) -> bool {
        self.overlapping(label, span).next().is_some()
    }

    /// Whether a mark displaces the machine entity `e`: it overlaps one that neither nests in `e` nor
    /// holds it nested (`merge::nests`).
    fn displaces(&self, e: &Entity) -> bool {
        let nested = |&&(span, label): &&(Span, Label)| {
            crate::merge::nests((label, span), (e.label, e.span))
                || crate::merge::nests((e.label, e.span), (label, span))
        };
        self.overlapping(e.label, e.span).any(|m| !nested(&m))
    }
}

/// Where the words at `span` of `old` are in `new`, judged by up to 32 characters of context.
fn carry_span(old: &str, new: &str, span: Span) -> Option<Span> {
    let exact = old.get(span.start..span.end)?;
    let before = old.get(..span.start)?;
    let after = old.get(span.end..)?;
    let prefix_start = before.char_indices().rev().nth(31).map_or(0, |(b, _)| b);
    let suffix_end = after.char_indices().nth(32).map_or(after.len(), |(b, _)| b);
    let quote = TextQuote { exact, prefix: before.get(prefix_start..)?, suffix: after.get(..suffix_end)? };
    anchor::find(new, &quote, Some(span.start))
}
