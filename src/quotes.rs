//! Quotes: finds quoted speech (straight or curly, double or single quotation marks) and links each quote
//! to its speaker.
//!
//! Finding: an opening mark (`“`, `„`, `«`, `‘`, or a straight `"`/`'` with white space or an opening
//! bracket before it and a word after it) opens a quote; the matching closing mark closes it. Apostrophes
//! are not quotation marks: they sit inside words ("doesn’t", one token), before digits ("’90s") or
//! after a plural ("protesters’ demands"). Single quotes inside a double quote belong to it. A quote
//! still open at the end of a paragraph ends there; when the next paragraph opens with a quotation mark,
//! that quote continues it (newswire style) and has the same speaker. A quote of one to three words is
//! speech only in speech context (`short_quote_is_speech`): not a title, nickname or scare quotes; one of
//! up to six words in title case after a possessive, "on" or "of" is a show's or a book's title
//! (`is_show_title`: `on CNN's "State of the Union"`). A curly opening mark inside an open double quote
//! nests (`"… “Shark Tank.” But …"`) instead of closing it.
//!
//! Speakers, in order of preference:
//! 0. a transcript line's label: a quote that opens with a name in capitals and a colon (`"PENCE: …`);
//! 1. after the quote (or in the next sentence, when the quote ends its own and that one holds no other
//!    quote: `"…?" Sanders asked.`), a noun phrase then a speech verb: `"…," Toqaev said`, `"…," X, the
//!    minister, said`, `"…," Ms. Okafor told reporters`, `"…," just as Y did, X added`; a name after a
//!    dash (`"…" — X`); the agent of a passive verb (`was called "…" by X`);
//! 2. after the quote, a speech verb then a noun phrase: `"…," said X`, `"…," chanted some protesters`;
//! 3. `according to X` in the quote's sentence;
//! 4. before the quote in its sentence (or in the sentence before, when it ends with a colon), a speech
//!    verb and its subject, the outermost verb first (`X said he rarely asks …, "…"` is X's): the
//!    nearest noun phrase before the verb (`X said that "…"`, `X, the minister, has said "…"`, `at which
//!    point the crowd chanted "…"`); for a participle (`X backed the plan, saying: "…"`) or when no
//!    noun phrase stands before the verb, the first person or organization named in the sentence;
//! 5. no speech verb: the clause's subject (a description opening it, else the first pronoun, person or
//!    organization: `X launched into a lament for the "countless Americans"`, `She went on: "…"`);
//! 6. a quote without attribution that continues the previous one (same paragraph; the paragraph after
//!    an unclosed quote; a paragraph that opens with the quote right after the previous quote's
//!    paragraph) has the previous speaker; one that opens its sentence, the subject of the sentence
//!    before (same or previous paragraph); a quote followed in its sentence by another quote with a
//!    speaker has that speaker.
//!
//! A speaker phrase must read as a noun phrase (`Ctx::is_noun_phrase`): not "Reluctantly" nor
//! "During the debate". Speech verbs are general English verbs of saying, writing and naming in someone's
//! words (`is_speech_verb`), lowercase except right after a quote ("Tweeted"; "States" is a name).
//!
//! Each quote keeps the speaker as written (`Quote::mention`: the name, description or pronoun nearest
//! the cue) and the cue (`Quote::cue`: the verb, "according to", the dash or the colon). The speaker
//! (`Quote::speaker`, `speaker_entity`) is what the mention refers to, by in-document coreference:
//! - a name: the PER/ORG entity in it;
//! - a pronoun: looking back sentence by sentence, the speaker of the last quote, else the subject (first
//!   person outside quotes) that fits it: "he" and "she" by gender, from a courtesy title ("Mr.", "Ms.")
//!   or a common first name, shared by a person's mentions; "they" and "we" also fit organizations;
//! - a description ("the spokesman"): the person it was an appositive of ("X, the party's spokesman,")
//!   or a title before ("spokesman X"), nearest first;
//! - else the mention itself, with no entity.
//!
//! Hand-written over the pipeline's tokens: no maintained Rust crate pairs quotation marks or attributes
//! quotes, and a character-level parser would re-tokenize the text.

use crate::analysis::{Entity, Label, Quote, Sentence, Source, Token};
use crate::span::Span;

/// QUOTE entities and their `Quote` records (speakers not yet attached), in text order.
pub fn find(text: &str, tokens: &[Token]) -> (Vec<Entity>, Vec<Quote>) {
    let mut entities = Vec::new();
    let mut quotes = Vec::new();
    for span in quote_spans(text, tokens) {
        entities.push(Entity::new(span, Label::Quote, Source::Rule));
        quotes.push(Quote { span, ..Quote::default() });
    }
    (entities, quotes)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Double,
    Single,
}

/// Spans of the quotes, marks included, in text order.
fn quote_spans(text: &str, tokens: &[Token]) -> Vec<Span> {
    let mut spans = Vec::new();
    // The open quote: its kind, first token index.
    let mut open: Option<(Mark, usize)> = None;
    // Curly double quotes opened inside an open double quote (`"He called it “a sham” and left"`).
    let mut nested = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        let w = text.get(t.span.start..t.span.end).unwrap_or("");
        if let Some((mark, first)) = open {
            // A paragraph break inside an open quote ends it at the end of the paragraph.
            if i > first && gap_has_newline(text, tokens[i - 1].span.end, t.span.start) {
                push_quote(text, tokens, first, i - 1, &mut spans);
                open = None;
                nested = 0;
            } else if mark == Mark::Double && w == "“" && opens(text, tokens, i, "\"").is_some() {
                // An opening curly mark (white space before, a word after) nests; it does not close.
                nested += 1;
                continue;
            } else if nested > 0 && closes(text, t.span, w, mark) {
                nested -= 1;
                continue;
            } else if closes(text, t.span, w, mark) {
                push_quote(text, tokens, first, i, &mut spans);
                open = None;
                continue;
            } else {
                continue;
            }
        }
        if let Some(mark) = opens(text, tokens, i, w) {
            open = Some((mark, i));
        }
    }
    if let Some((_, first)) = open {
        if let Some(last) = tokens.len().checked_sub(1) {
            push_quote(text, tokens, first, last, &mut spans);
        }
    }
    spans
}

fn push_quote(text: &str, tokens: &[Token], first: usize, last: usize, spans: &mut Vec<Span>) {
    let (Some(a), Some(b)) = (tokens.get(first), tokens.get(last)) else { return };
    let word = |t: &Token| text.get(t.span.start..t.span.end).unwrap_or("");
    let inside = tokens.get(first..=last).unwrap_or(&[]);
    let words = inside.iter().filter(|t| word(t).chars().any(char::is_alphanumeric)).count();
    if words == 0 || (words < 4 && !short_quote_is_speech(text, tokens, first, last)) {
        return;
    }
    if words <= 6 && is_show_title(text, tokens, first, last) {
        return;
    }
    spans.push(Span::new(a.span.start, b.span.end));
}

/// Whether a quotation of one to three words is speech rather than a title, a nickname or scare quotes.
/// Marked as a name ("so-called", "dubbed", "titled", "known as") it is not. Otherwise a speech verb
/// near it in its sentence ("called the deal 'reckless'", "'unheard of,' she said") makes it speech;
/// without one, a single word is not ("the 'experts'") unless the sentence's punctuation is inside the
/// marks ("was 'absurd.'"), capitalized words are not ("Saturday Night Live"), and two or three
/// lowercase words are.
fn short_quote_is_speech(text: &str, tokens: &[Token], first: usize, last: usize) -> bool {
    let word = |i: usize| tokens.get(i).and_then(|t| text.get(t.span.start..t.span.end)).unwrap_or("");
    let ends_clause = |w: &str| matches!(w, "." | "!" | "?" | ";" | "(" | ")" | "");
    let before = first.saturating_sub(1);
    let marker = |w: &str| {
        ["so-called", "dubbed", "nicknamed", "titled", "entitled", "named", "headlined"]
            .iter()
            .any(|m| w.eq_ignore_ascii_case(m))
    };
    if first > 0
        && (marker(word(before))
            || (word(before) == "as" && word(before.wrapping_sub(1)).eq_ignore_ascii_case("known")))
    {
        return false;
    }
    // A speech verb among the eight words before (back to the clause's start) or after the quote.
    let mut cue = false;
    for j in (first.saturating_sub(8)..first).rev() {
        let w = word(j);
        if ends_clause(w) {
            break;
        }
        if is_speech_verb(w) {
            cue = true;
            break;
        }
    }
    for j in last + 1..(last + 9).min(tokens.len()) {
        let w = word(j);
        if ends_clause(w) && j > last + 1 {
            break;
        }
        // Right after the quote a capitalized verb counts too (`'…,' Tweeted X`).
        if is_speech_verb(w) || (j <= last + 2 && is_speech_verb_any_case(w)) {
            cue = true;
            break;
        }
    }
    if cue {
        return true;
    }
    let words: Vec<&str> = (first..=last).map(word).filter(|w| w.starts_with(char::is_alphabetic)).collect();
    let capitalized = words.iter().all(|w| w.starts_with(char::is_uppercase));
    // A lowercase word with the sentence's comma or period inside the marks (`was "absurd."`) is
    // quoted speech cut short more often than a scare quote.
    let punctuated = last > first && matches!(word(last - 1), "," | "." | "!" | "?");
    (words.len() >= 2 || punctuated) && !capitalized
}

/// Whether a short quotation is the title of a show, a book or a film named after its owner or a
/// preposition (`on CNN's "State of the Union,"`, `host of "Morning Joe"`, `on "Face the Nation,"`): its
/// words in title case (small words such as "the", "of" aside) after a possessive, "on" or "of".
fn is_show_title(text: &str, tokens: &[Token], first: usize, last: usize) -> bool {
    let word = |i: usize| tokens.get(i).and_then(|t| text.get(t.span.start..t.span.end)).unwrap_or("");
    let before = word(first.wrapping_sub(1));
    let possessive = before.ends_with("'s") || before.ends_with("’s") || matches!(before, "'s" | "’s");
    if first == 0 || !(possessive || matches!(before, "on" | "On" | "of")) {
        return false;
    }
    // Chants are not titles (`chants of "Feel the Bern!"`).
    if (first..=last).any(|i| word(i) == "!") {
        return false;
    }
    let small = |w: &str| matches!(w, "the" | "of" | "a" | "an" | "and" | "in" | "on" | "at" | "to" | "for" | "with");
    let words: Vec<&str> = (first..=last).map(word).filter(|w| w.starts_with(char::is_alphanumeric)).collect();
    words.first().is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || small(w))
}

fn gap_has_newline(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(|g| g.contains(['\n', '\r', '\u{2029}']))
}

/// Whether token `i` opens a quote, and of which kind.
fn opens(text: &str, tokens: &[Token], i: usize, w: &str) -> Option<Mark> {
    let t = tokens.get(i)?;
    let before = text.get(..t.span.start).and_then(|s| s.chars().next_back());
    let after = text.get(t.span.end..).and_then(|s| s.chars().next());
    let space_before = before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | ':'));
    let word_after = after.is_some_and(|c| !c.is_whitespace());
    match w {
        "“" | "„" | "«" => Some(Mark::Double),
        "\"" if space_before && word_after => Some(Mark::Double),
        "‘" | "'" if space_before && word_after => {
            // "’90s", "'til": an apostrophe before digits or a clipped word.
            let next = tokens.get(i + 1).and_then(|n| text.get(n.span.start..n.span.end)).unwrap_or("");
            let digits = next.starts_with(|c: char| c.is_ascii_digit());
            (!digits && after.is_some_and(char::is_alphanumeric)).then_some(Mark::Single)
        }
        _ => None,
    }
}

/// Whether the token `w` at `span` closes an open quote of kind `mark`.
fn closes(text: &str, span: Span, w: &str, mark: Mark) -> bool {
    match (mark, w) {
        (Mark::Double, "\"" | "”" | "»" | "“") => true,
        (Mark::Single, "’" | "'") => {
            // Not the apostrophe of a plural possessive ("the protesters’ demands"): a closing single
            // quote is followed by white space and a non-lowercase word, punctuation, or the end.
            let before = text.get(..span.start).and_then(|s| s.chars().next_back());
            let rest = text.get(span.end..).unwrap_or("");
            let mut chars = rest.chars();
            let next = chars.next();
            // A conjunction or preposition after it ("‘reckless’ and ‘shameful’") closes a quote.
            let next_word = rest.trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            let possessive = before == Some('s')
                && next == Some(' ')
                && chars.next().is_some_and(char::is_lowercase)
                && !SPEECH_AFTER_PREFIXES.iter().any(|p| rest.trim_start().starts_with(p))
                && !matches!(next_word, "and" | "or" | "but" | "in" | "on" | "at" | "to" | "as" | "by" | "from" | "if");
            before.is_some_and(|c| !c.is_whitespace()) && !possessive
        }
        _ => false,
    }
}

const QUOTE_MARKS: [char; 6] = ['"', '“', '”', '„', '«', '»'];

/// Words after a closing single quote that show it was a quote after all ("…protesters’ said").
const SPEECH_AFTER_PREFIXES: [&str; 4] = ["said", "says", "told", "added"];

/// Speech verbs: the words that introduce or follow quoted speech, in lowercase (capitalized, "States",
/// "Reports" and "Notes" are more often nouns and names). General English verbs of saying, writing and
/// of naming something in someone's words ("called it 'reckless'", "described as 'unfair'").
fn is_speech_verb(w: &str) -> bool {
    !w.starts_with(char::is_uppercase) && is_speech_verb_any_case(w)
}

/// `is_speech_verb` in any case, for the word right after a quote (`"…," Tweeted X`).
fn is_speech_verb_any_case(w: &str) -> bool {
    // Lowercase into a small buffer: no allocation, and no verb is longer than 16 bytes.
    let mut buf = [0u8; 16];
    let Some(slot) = buf.get_mut(..w.len()) else { return false };
    slot.copy_from_slice(w.as_bytes());
    slot.make_ascii_lowercase();
    let w = std::str::from_utf8(slot).unwrap_or("");
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "asked"
            | "asks"
            | "stated"
            | "states"
            | "declared"
            | "declares"
            | "chanted"
            | "chant"
            | "chants"
            | "shouted"
            | "shouts"
            | "wrote"
            | "writes"
            | "tweeted"
            | "tweets"
            | "explained"
            | "explains"
            | "noted"
            | "notes"
            | "insisted"
            | "insists"
            | "warned"
            | "warns"
            | "argued"
            | "argues"
            | "claimed"
            | "claims"
            | "continued"
            | "continues"
            | "replied"
            | "replies"
            | "responded"
            | "responds"
            | "announced"
            | "announces"
            | "recalled"
            | "recalls"
            | "admitted"
            | "admits"
            | "urged"
            | "urges"
            | "cried"
            | "yelled"
            | "screamed"
            | "sang"
            | "sings"
            | "commented"
            | "comments"
            | "stressed"
            | "stresses"
            | "acknowledged"
            | "acknowledges"
            | "suggested"
            | "suggests"
            | "conceded"
            | "concedes"
            | "remarked"
            | "whispered"
            | "quipped"
            | "quips"
            | "complained"
            | "complains"
            | "confirmed"
            | "confirms"
            | "concluded"
            | "concludes"
            | "predicted"
            | "predicts"
            | "promised"
            | "promises"
            | "vowed"
            | "vows"
            | "posted"
            | "posts"
            | "emphasized"
            | "emphasised"
            | "demanded"
            | "pleaded"
            | "read"
            | "reads"
            | "reported"
            | "reports"
            | "joked"
            | "jokes"
            | "mused"
            | "muses"
            | "exclaimed"
            | "wondered"
            | "wonders"
            | "testified"
            | "recounted"
            | "observed"
            | "observes"
            | "boasted"
            | "bragged"
            | "lamented"
            | "laments"
            | "countered"
            | "retorted"
            | "interjected"
            | "snapped"
            | "proclaimed"
            | "opined"
            | "mocked"
            | "scoffed"
            | "pledged"
            | "pledges"
            | "called"
            | "calls"
            | "described"
            | "describes"
            | "dubbed"
            | "labeled"
            | "labelled"
            | "branded"
            | "termed"
            | "characterized"
            | "characterised"
            | "blasted"
            | "slammed"
            | "charged"
            | "accused"
            | "accuses"
            | "denied"
            | "denies"
            | "answered"
            | "begged"
            | "thundered"
            | "texted"
            | "emailed"
            | "chanting"
            | "shouting"
            | "saying"
            | "telling"
            | "adding"
            | "writing"
            | "calling"
            | "describing"
            | "asking"
            | "noting"
            | "arguing"
            | "warning"
            | "explaining"
            | "insisting"
            | "declaring"
            | "tweeting"
            | "urging"
            | "promising"
            | "vowing"
            | "labeling"
            | "reporting"
            | "accusing"
            | "joking"
            | "stating"
            | "claiming"
            | "reacted"
            | "asserted"
            | "asserts"
            | "surmised"
            | "retaliated"
            | "pointed"
            | "agreed"
            | "agrees"
            | "recommended"
            | "advised"
            | "remembered"
            | "reasoned"
            | "dismissed"
            | "denounced"
            | "decried"
            | "condemned"
            | "praised"
            | "hailed"
            | "derided"
            | "criticized"
            | "criticised"
            | "ridiculed"
            | "deemed"
            | "referred"
            | "barked"
            | "fumed"
            | "sniped"
            | "write"
            | "tell"
            | "ask"
            | "argue"
            | "note"
            | "warn"
            | "insist"
            | "explain"
            | "report"
            | "agree"
            | "recall"
            | "add"
    )
}

/// A lowercase word that reads as the verb after a subject ("spoke", "warned", "quickly"): it ends a
/// description at a clause's start.
fn looks_like_verb(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_lowercase())
        && (w.ends_with("ed")
            || w.ends_with("ly")
            || matches!(
                w,
                "spoke"
                    | "began"
                    | "took"
                    | "went"
                    | "made"
                    | "sought"
                    | "gave"
                    | "came"
                    | "left"
                    | "met"
                    | "sat"
                    | "stood"
                    | "ran"
                    | "held"
                    | "kept"
                    | "felt"
                    | "thought"
                    | "brought"
                    | "got"
                    | "put"
                    | "saw"
                    | "knew"
                    | "did"
                    | "does"
                    | "can"
                    | "could"
                    | "should"
                    | "would"
                    | "will"
                    | "may"
                    | "might"
                    | "must"
            ))
}

/// Courtesy titles and ranks written with a period ("Ms. Okafor", "Sen. Ortiz"): the period does not
/// end the speaker's phrase.
fn is_title_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Ms"
            | "Mrs"
            | "Dr"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Prof"
            | "Rev"
            | "St"
            | "Jr"
            | "Sr"
            | "Mr."
            | "Ms."
            | "Mrs."
            | "Dr."
            | "Sen."
            | "Rep."
            | "Gov."
            | "Gen."
            | "Lt."
            | "Col."
            | "Sgt."
            | "Capt."
            | "Prof."
            | "Rev."
            | "Jr."
            | "Sr."
            | "U.S."
            | "Lt.Gov."
    )
}

/// Auxiliaries and adverbs between a subject and its speech verb.
fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "was"
            | "is"
            | "were"
            | "are"
            | "will"
            | "would"
            | "also"
            | "later"
            | "then"
            | "further"
            | "previously"
            | "recently"
            | "again"
            | "repeatedly"
            | "once"
            | "reportedly"
            | "publicly"
            | "privately"
            | "told"
            | "earlier"
            | "often"
    )
}

fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "He" | "She" | "They" | "it" | "It" | "we" | "We" | "I")
}

/// Words that end a speaker noun phrase.
fn ends_phrase(w: &str) -> bool {
    matches!(
        w,
        "," | "."
            | ";"
            | ":"
            | "—"
            | "–"
            | "("
            | ")"
            | "!"
            | "?"
            | "who"
            | "which"
            | "that"
            | "referring"
            | "adding"
            | "in"
            | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "to"
            | "as"
            | "while"
            | "when"
            | "and"
            | "but"
            | "late"
            | "earlier"
            | "later"
            | "yesterday"
            | "today"
            | "\""
            | "“"
            | "”"
            | "‘"
            | "’"
            | "'"
            | "last"
            | "this"
            | "via"
            | "told"
            | "from"
            | "whose"
            | "outside"
            | "inside"
            | "near"
            | "behind"
            | "amid"
    ) || is_speech_verb(w)
        || is_auxiliary(w)
        || matches!(
            w,
            "be" | "been" | "being" | "can" | "could" | "should" | "may" | "might" | "must" | "does" | "did" | "do"
        )
}

/// Fills in each quote's speaker (see the module doc for the patterns).
pub fn attach_speakers(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
    mut quotes: Vec<Quote>,
) -> Vec<Quote> {
    // Entities come sorted by start from `merge`; then each lookup below only scans the entities that
    // can overlap the position (the others give the same answer, in more time on long texts).
    let sorted = entities.windows(2).all(|w| w[0].span.start <= w[1].span.start);
    let longest_person = entities
        .iter()
        .filter(|e| matches!(e.label, Label::Per | Label::Org))
        .map(|e| e.span.end.saturating_sub(e.span.start))
        .max()
        .unwrap_or(0);
    let genders = if quotes.is_empty() { Vec::new() } else { genders(text, entities) };
    let ctx = Ctx { text, tokens, sentences, entities, sorted, longest_person, genders };
    let spans: Vec<Span> = quotes.iter().map(|q| q.span).collect();
    for qi in 0..quotes.len() {
        let (done, rest) = quotes.split_at_mut(qi);
        let Some(quote) = rest.first_mut() else { break };
        let previous = done.last();
        let span = quote.span;
        let found = match ctx.speaker(span, &spans) {
            Some(found) => Some(found),
            None => match previous.filter(|p| p.mention.is_some() && ctx.continues(p.span, span)) {
                // A quote that continues the previous one has its speaker.
                Some(prev) => {
                    quote.clone_from(&Quote { span, ..prev.clone() });
                    None
                }
                None => ctx.previous_subject(span, &spans),
            },
        };
        if let Some(found) = found {
            quote.mention = Some(found.mention);
            quote.cue = found.cue;
            let (speaker, entity) = if found.pronoun {
                ctx.resolve_pronoun(found.mention, done, &spans)
            } else {
                ctx.resolve_phrase(found.mention)
            };
            quote.speaker = speaker;
            quote.speaker_entity = entity;
        }
    }
    // `"…" without turning it into "…", he said`: a quote without a speaker takes the speaker of the
    // next quote in the same sentence.
    for qi in (0..quotes.len().saturating_sub(1)).rev() {
        if quotes[qi].mention.is_none() && quotes[qi + 1].mention.is_some() {
            let a = ctx.sentence_of(ctx.token_at(quotes[qi].span.end).saturating_sub(1));
            let b = ctx.sentence_of(ctx.token_at(quotes[qi + 1].span.start));
            if a == b {
                let next = quotes[qi + 1].clone();
                let q = &mut quotes[qi];
                q.speaker = next.speaker;
                q.speaker_entity = next.speaker_entity;
                q.mention = next.mention;
                q.cue = next.cue;
            }
        }
    }
    quotes
}

/// A speaker found by the patterns: the mention as written and the cue.
struct Found {
    mention: Span,
    cue: Option<Span>,
    /// Whether the mention is a personal pronoun ("he", "she", "they").
    pronoun: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Gender {
    Male,
    Female,
    Unknown,
}

/// The gender of each entity, for "he" and "she": a courtesy title right before a person's name ("Mr.",
/// "Ms.", "Mrs.") or a common first name tells it; a person's other mentions (same last word) share it.
fn genders(text: &str, entities: &[Entity]) -> Vec<Gender> {
    let last_word =
        |e: &Entity| text.get(e.span.start..e.span.end).and_then(|t| t.split_whitespace().last()).unwrap_or("");
    let mut genders: Vec<Gender> = entities
        .iter()
        .map(|e| {
            if e.label != Label::Per {
                return Gender::Unknown;
            }
            let before = text.get(..e.span.start).unwrap_or("").trim_end();
            let title = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let name = text.get(e.span.start..e.span.end).unwrap_or("");
            let first = name.split_whitespace().next().unwrap_or("");
            match title.trim_end_matches('.') {
                "Mr" | "Sir" | "Lord" | "King" | "Prince" => return Gender::Male,
                "Ms" | "Mrs" | "Miss" | "Madam" | "Dame" | "Lady" | "Queen" | "Princess" => return Gender::Female,
                _ => {}
            }
            first_name_gender(first.trim_end_matches('.'))
        })
        .collect();
    let mut by_last: rustc_hash::FxHashMap<&str, Gender> = rustc_hash::FxHashMap::default();
    for (e, g) in entities.iter().zip(&genders) {
        if *g != Gender::Unknown {
            by_last.entry(last_word(e)).or_insert(*g);
        }
    }
    for (e, g) in entities.iter().zip(genders.iter_mut()) {
        if *g == Gender::Unknown && e.label == Label::Per {
            *g = by_last.get(last_word(e)).copied().unwrap_or(Gender::Unknown);
        }
    }
    genders
}

/// Common English first names whose bearers are mostly of one gender (general knowledge, short).
fn first_name_gender(name: &str) -> Gender {
    match name {
        "John" | "James" | "Robert" | "Michael" | "William" | "David" | "Richard" | "Joseph" | "Thomas" | "Charles"
        | "Daniel" | "Matthew" | "Mark" | "Donald" | "Paul" | "Steven" | "Andrew" | "Kenneth" | "George" | "Edward"
        | "Brian" | "Ronald" | "Anthony" | "Kevin" | "Jason" | "Jeffrey" | "Gary" | "Timothy" | "Frank" | "Scott"
        | "Eric" | "Stephen" | "Larry" | "Peter" | "Henry" | "Jack" | "Bill" | "Bernie" | "Ted" | "Mike" | "Jeb"
        | "Chris" | "Tom" | "Bob" | "Jim" | "Joe" | "Ben" | "Marco" | "Barack" | "Vladimir" | "Ahmed" | "Mohammed"
        | "Muhammad" | "Carlos" | "Juan" | "Luis" | "Pierre" | "Hans" | "Ivan" | "Sergei" | "Omar" | "Ali"
        | "Samuel" | "Patrick" | "Jonathan" | "Harry" | "Nick" | "Sam" => Gender::Male,
        "Mary" | "Patricia" | "Jennifer" | "Linda" | "Elizabeth" | "Barbara" | "Susan" | "Jessica" | "Sarah"
        | "Karen" | "Nancy" | "Lisa" | "Margaret" | "Betty" | "Sandra" | "Ashley" | "Dorothy" | "Kimberly"
        | "Emily" | "Donna" | "Michelle" | "Carol" | "Amanda" | "Melissa" | "Deborah" | "Stephanie" | "Rebecca"
        | "Laura" | "Sharon" | "Cynthia" | "Kathleen" | "Amy" | "Anna" | "Angela" | "Helen" | "Hillary" | "Maria"
        | "Ana" | "Elena" | "Sofia" | "Fatima" | "Aisha" | "Olga" | "Marie" | "Julia" | "Claire" | "Emma"
        | "Hannah" | "Rachel" | "Megyn" | "Nikki" | "Carly" | "Kate" | "Jane" | "Anne" | "Theresa" | "Nicola"
        | "Diane" | "Janet" | "Ruth" | "Grace" | "Alice" => Gender::Female,
        _ => Gender::Unknown,
    }
}

struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    sentences: &'a [Sentence],
    entities: &'a [Entity],
    /// Whether `entities` are sorted by start.
    sorted: bool,
    /// The longest PER or ORG entity, in bytes.
    longest_person: usize,
    /// The gender of each entity, as far as titles and first names tell (`genders`).
    genders: Vec<Gender>,
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).and_then(|t| self.text.get(t.span.start..t.span.end)).unwrap_or("")
    }

    /// Index of the first token starting at or after byte `pos`.
    fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < pos)
    }

    /// The token range of the sentence holding token `i`.
    fn sentence_of(&self, i: usize) -> std::ops::Range<usize> {
        let s = self.sentences.partition_point(|s| s.tokens.end <= i);
        self.sentences.get(s).map_or(i..i + 1, |s| s.tokens.clone())
    }

    fn span(&self, first: usize, last: usize) -> Option<Span> {
        Some(Span::new(self.tokens.get(first)?.span.start, self.tokens.get(last)?.span.end))
    }

    /// Whether token `j` ends a speaker phrase that began at token `from`: `ends_phrase`, except a
    /// title's or an initial's period and a one-token parenthesis.
    fn ends_phrase_at(&self, j: usize, from: usize) -> bool {
        let w = self.word(j);
        // A title's or an initial's period: "Ms. Okafor", "George W. Bush".
        let initial = |p: &str| p.len() == 1 && p.starts_with(|c: char| c.is_ascii_uppercase());
        if w == "." && j > from && (is_title_abbreviation(self.word(j - 1)) || initial(self.word(j - 1))) {
            return false;
        }
        // "Sen. Ana Cruz (D-N.M.) said": a parenthesis of one token after a name stays in the phrase.
        let opening = w == "(" && self.word(j + 2) == ")";
        let closing = w == ")" && j >= from + 2 && self.word(j - 2) == "(";
        let inside = j > 0 && self.word(j - 1) == "(" && self.word(j + 1) == ")";
        if j > from && (opening || closing || inside) {
            return false;
        }
        ends_phrase(w)
    }

    fn tok_span(&self, i: usize) -> Option<Span> {
        self.tokens.get(i).map(|t| t.span)
    }

    fn found(&self, (mention, pronoun): (Span, bool), cue: Option<Span>) -> Found {
        Found { mention, cue, pronoun }
    }

    fn speaker(&self, quote: Span, quotes: &[Span]) -> Option<Found> {
        let first = self.token_at(quote.start);
        let after = self.token_at(quote.end);
        let last = after.checked_sub(1)?;
        let sentence_end = self.sentence_of(last).end;
        let sentence_start = self.sentence_of(first).start;
        // The words after the quote, up to the end of its sentence or the next quote.
        let next_quote = quotes.get(quotes.partition_point(|q| q.start < quote.end)).map(|q| q.start);
        let mut stop = sentence_end.min(self.tokens.len());
        // A quote that ends its sentence (`"…?" Sanders said.`): the words after it, on the same line,
        // are the next sentence.
        // Not for a quote inside its sentence (`X said the probe is "ongoing." He said …`).
        if stop == after
            && first == sentence_start
            && self.tokens.get(after).is_some_and(|t| !gap_has_newline(self.text, quote.end, t.span.start))
        {
            let next_end = self.sentence_of(after).end.min(self.tokens.len());
            // Not when that sentence holds a quote of its own (`Rubio called it "offensive."`).
            if next_quote.is_none_or(|nq| self.token_at(nq) >= next_end) {
                stop = next_end;
            }
        }
        if let Some(nq) = next_quote {
            stop = stop.min(self.token_at(nq));
        }
        // A transcript line (`"PENCE: Well, look, …"`): the speaker's label in capitals, then a colon.
        if let Some(found) = self.transcript_label(first, last) {
            return Some(found);
        }
        // `"…" ― X.` after a quote that ends its sentence: a name right after a dash, on the same line.
        if matches!(self.word(after), "—" | "–" | "―")
            && self.tokens.get(after).is_some_and(|t| !gap_has_newline(self.text, quote.end, t.span.start))
        {
            if let Some(name) = self.name_at(after + 1) {
                return Some(self.found((name, false), self.tok_span(after)));
            }
        }
        let mut i = after;
        let mut dash = None;
        while i < stop && matches!(self.word(i), "," | "—" | "–" | "-" | "―") {
            if self.word(i) != "," {
                dash = Some(i);
            }
            i += 1;
        }
        // `"…" — Hillary Clinton.`: a name right after a dash signs the quote.
        if let Some(d) = dash {
            if let Some(name) = self.name_at(i) {
                return Some(self.found((name, false), self.tok_span(d)));
            }
        }
        if i < stop {
            // `was called "strategic ambiguity" by X`: a passive speech verb before the quote, its agent
            // after it.
            if self.word(i) == "by" {
                let passive = (sentence_start..first).rev().take(12).any(|j| {
                    matches!(
                        self.word(j),
                        "called" | "described" | "labeled" | "labelled" | "dubbed" | "branded" | "termed" | "deemed"
                    )
                });
                if passive {
                    if let Some(phrase) = self.phrase_from(i + 1, stop) {
                        return Some(self.found(phrase, None));
                    }
                }
            }
            // 2. `"…," said X`
            if is_speech_verb_any_case(self.word(i)) {
                if let Some(phrase) = self.phrase_from(i + 1, stop) {
                    return Some(self.found(phrase, self.tok_span(i)));
                }
            }
            // 1. `"…," X said`: a short noun phrase (with an appositive) before a speech verb.
            if let Some(v) = (i..stop.min(i + 20)).find(|&j| is_speech_verb(self.word(j))) {
                if v > i {
                    if let Some(phrase) = self.phrase_between(i, v) {
                        return Some(self.found(phrase, self.tok_span(v)));
                    }
                    // `"…" just as Clinton did in 2008, Rendell added.`: the words after the last comma
                    // before a verb that ends its clause.
                    let clause_end = matches!(self.word(v + 1), "." | "," | ";" | "!" | "?" | "") || v + 1 >= stop;
                    if let Some(c) = (i..v).rev().find(|&j| self.word(j) == ",").filter(|&c| c + 1 < v && clause_end) {
                        if let Some(phrase) = self.phrase_between(c + 1, v) {
                            return Some(self.found(phrase, self.tok_span(v)));
                        }
                    }
                    // `"…" is a certainty, said X`: the verb after a comma, then its subject.
                    if self.word(v - 1) == "," {
                        if let Some(phrase) = self.phrase_from(v + 1, stop) {
                            return Some(self.found(phrase, self.tok_span(v)));
                        }
                    }
                }
            }
        }
        // 3. "according to X" after or before the quote in its sentence.
        let before_start = sentence_start;
        for j in (after..stop).chain(before_start..first) {
            if self.word(j).eq_ignore_ascii_case("according") && self.word(j + 1) == "to" {
                let end = if j >= after { stop } else { first };
                if let Some(phrase) = self.phrase_from(j + 2, end) {
                    return Some(self.found(phrase, self.span(j, j + 1)));
                }
            }
        }
        // 4. `X said that "…"`: the last speech verb before the quote in its sentence, or in the sentence
        // before when that one ends with a colon and the quote opens its own (`Toqaev said:` ¶ `"…"`).
        let mut before_start = before_start;
        if before_start == first && first > 0 && self.word(first - 1) == ":" {
            before_start = self.sentence_of(first - 1).start;
        }
        let inside_quote = |pos: usize| {
            let k = quotes.partition_point(|q| q.start < pos);
            k > 0 && quotes.get(k - 1).is_some_and(|q| pos < q.end)
        };
        let verb = (before_start..first)
            .rev()
            .find(|&j| is_speech_verb(self.word(j)) && !self.tokens.get(j).is_some_and(|t| inside_quote(t.span.start)));
        let Some(verb) = verb else {
            // `Osbourne was at a loss to explain it: "…"`: a colon introduces the quote.
            if first > before_start && self.word(first - 1) == ":" {
                return self
                    .first_name_in(before_start, first - 1)
                    .or_else(|| self.subject_in(before_start, first - 1, quotes, true))
                    .map(|p| self.found(p, self.tok_span(first - 1)));
            }
            // A partial quotation in a clause without a speech verb (`X launched into a lament for the
            // "countless Americans"`): the subject, the first person, organization or pronoun before it.
            return self.subject_in(sentence_start, first, quotes, true).map(|p| self.found(p, None));
        };
        // `X, who has called it "…"`: the nearest verb's subject is a relative pronoun right after a
        // name; the pronoun is the speaker as written (it stands for X).
        if let Some(relative) = self.relative_subject(before_start, verb, first, quotes, true) {
            return Some(self.found((relative, false), self.tok_span(verb)));
        }
        // The outermost speech verb first: in `X said he rarely asks …, "…"` the quote is X's.
        let outer = (before_start..verb)
            .find(|&j| is_speech_verb(self.word(j)) && !self.tokens.get(j).is_some_and(|t| inside_quote(t.span.start)));
        outer
            .into_iter()
            .chain(Some(verb))
            .find_map(|v| self.subject_of_verb(before_start, v, quotes).map(|p| self.found(p, self.tok_span(v))))
            // `critics who say he should call them "…"`: the relative pronoun, whatever it follows.
            .or_else(|| {
                let relative = self.relative_subject(before_start, verb, first, quotes, false)?;
                Some(self.found((relative, false), self.tok_span(verb)))
            })
    }

    /// A quote (tokens `first..=last`, its marks included) that opens with a speaker's label as in a
    /// transcript: one to three words in capitals (two letters at least: not "A:" nor "Q:"), then a colon.
    fn transcript_label(&self, first: usize, last: usize) -> Option<Found> {
        let start = first + 1;
        let colon = (start..(start + 4).min(last)).find(|&j| self.word(j) == ":")?;
        let label = start..colon;
        let capitals = |w: &str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | '’'))
        };
        if label.is_empty() || !label.clone().all(|j| capitals(self.word(j)) || self.word(j) == ".") {
            return None;
        }
        let mention = self.span(start, colon - 1)?;
        Some(self.found((mention, false), self.tok_span(colon)))
    }

    /// The relative pronoun ("who", "which") subject of the speech verb at token `verb` (auxiliaries
    /// between), when it follows a person or organization (`X, who has called`) and no other quote stands
    /// between the verb and the quote at token `first`.
    /// With `named`, only after a person or organization.
    fn relative_subject(
        &self,
        before_start: usize,
        verb: usize,
        first: usize,
        quotes: &[Span],
        named: bool,
    ) -> Option<Span> {
        let mut end = verb;
        while end > before_start && is_auxiliary(self.word(end - 1)) {
            end -= 1;
        }
        if end <= before_start + 1 || !matches!(self.word(end - 1), "who" | "which") {
            return None;
        }
        let (from, to) = (self.tokens.get(verb)?.span.end, self.tokens.get(first)?.span.start);
        // Quotes are in text order: the first one starting after the verb.
        if quotes.get(quotes.partition_point(|q| q.start < from)).is_some_and(|q| q.end <= to) {
            return None;
        }
        let relative = self.tok_span(end - 1)?;
        (!named || self.antecedent(relative).is_some()).then_some(relative)
    }

    /// The subject of the speech verb at token `verb`, looking back to token `before_start`.
    fn subject_of_verb(&self, before_start: usize, verb: usize, quotes: &[Span]) -> Option<(Span, bool)> {
        // `X defended the decision, saying: "…"`: a participle's subject is its main clause's.
        if self.word(verb).ends_with("ing") {
            return self
                .first_name_in(before_start, verb)
                .or_else(|| self.subject_in(before_start, verb, quotes, true));
        }
        // The subject before the verb: skip auxiliaries and adverbs ("has said", "also said"), then an
        // appositive or relative clause between commas ("X, Metlife's chairman, said", "X, who …, has
        // said"), then take the phrase back to the sentence start or a clause boundary.
        let mut end = verb;
        while end > before_start && is_auxiliary(self.word(end - 1)) {
            end -= 1;
        }
        // A relative clause's verb (`X, who called Y, told …`) is not the main clause's.
        if end > before_start + 1 && matches!(self.word(end - 1), "who" | "which") {
            return None;
        }
        if end > before_start + 1 && self.word(end - 1) == "," {
            let lower = before_start.max((end - 1).saturating_sub(30));
            end = (lower..end - 1).rev().find(|&j| self.word(j) == ",").unwrap_or(before_start);
        }
        let mut s = end;
        while s > before_start {
            let w = self.word(s - 1);
            if matches!(w, "," | ";" | ":" | "—" | "–" | "\"" | "”" | "“" | "(" | ")" | "’" | "'")
                || ["and", "but", "so", "then", "yet"].iter().any(|c| w.eq_ignore_ascii_case(c))
            {
                break;
            }
            s -= 1;
        }
        // The longest noun phrase that reaches the verb: `at which point the crowd chanted` → "the crowd".
        for s2 in s.max(end.saturating_sub(30))..end {
            if let Some(phrase) = self.phrase_between(s2, end) {
                return Some(phrase);
            }
        }
        // `X backed the view, saying: "…"`: the first person or organization named in the sentence.
        self.first_name_in(before_start, verb).or_else(|| self.subject_in(before_start, verb, quotes, true))
    }

    /// The first personal pronoun ("he", "they"; not "it") or PER/ORG entity in tokens `from..to`,
    /// outside quotes: the subject of a clause, as a (mention, is pronoun) pair. With `descriptions`, a
    /// description opening the clause comes first (not for the sentence before a quote: in "The club
    /// lost." ¶ "…" nobody speaks).
    fn subject_in(&self, from: usize, to: usize, quotes: &[Span], descriptions: bool) -> Option<(Span, bool)> {
        // A subject stands near its clause's start: at most 60 tokens are read (long texts without
        // sentence ends stay linear).
        let to = to.min(self.tokens.len()).min(from + 60);
        let inside_quote = |pos: usize| {
            let k = quotes.partition_point(|q| q.start <= pos);
            k > 0 && quotes.get(k - 1).is_some_and(|q| pos < q.end)
        };
        let from_byte = self.tokens.get(from)?.span.start;
        // A description opening the clause ("The Florida senator sought …"): the words up to the
        // first phrase boundary, or the name in them.
        let opener = self.word(from);
        if descriptions
            && matches!(
                opener,
                "The" | "A" | "An" | "This" | "That" | "These" | "Those" | "His" | "Her" | "Their" | "Its"
            )
            && !inside_quote(from_byte)
        {
            let mut j = from + 1;
            // (The word right after the determiner is an adjective even when it ends in -ed: "The
            // retired judge".)
            while j < to
                && j < from + 6
                && !self.ends_phrase_at(j, from)
                && (j == from + 1 || !looks_like_verb(self.word(j)))
            {
                j += 1;
            }
            if j > from + 1 && j < to {
                if let Some(phrase) = self.span(from, j - 1) {
                    return Some((self.name_in(phrase).unwrap_or(phrase), false));
                }
            }
        }
        let mut k = self.entities.partition_point(|e| e.span.start < from_byte);
        for j in from..to {
            let t = self.tokens.get(j)?.span;
            if inside_quote(t.start) {
                continue;
            }
            let w = self.word(j);
            if is_pronoun(w) && !w.eq_ignore_ascii_case("it") {
                return Some((t, true));
            }
            while self.entities.get(k).is_some_and(|e| e.span.start < t.start) {
                k += 1;
            }
            let name = self.entities.get(k..).unwrap_or(&[]).iter().take_while(|e| e.span.start == t.start);
            if let Some(e) = name.into_iter().find(|e| matches!(e.label, Label::Per | Label::Org)) {
                return Some((e.span, false));
            }
        }
        None
    }

    /// For a quote that opens its sentence and continues no quote: the subject of the sentence before
    /// (`Viguerie is upbeat.` `"Not only can …"`), in the same paragraph or the one before.
    fn previous_subject(&self, quote: Span, quotes: &[Span]) -> Option<Found> {
        let first = self.token_at(quote.start);
        if self.sentence_of(first).start != first || first == 0 {
            return None;
        }
        let previous = self.sentence_of(first - 1);
        let start = self.tokens.get(previous.start)?.span.start;
        let between = self.text.get(start..quote.start)?;
        if between.matches('\n').count() > 2 {
            return None;
        }
        self.subject_in(previous.start, previous.end, quotes, false).map(|p| self.found(p, None))
    }

    /// Whether the words at `phrase` (first token `i`) can be a speaker: a name, or a description that
    /// opens with a determiner, a possessive or a number ("the spokesman", "his lawyer", "two aides"), or
    /// capitalized words (a name the tagger missed). Not an adverb, a preposition or a lowercase verb
    /// ("Reluctantly", "During the debate", "placed national ads").
    fn is_noun_phrase(&self, i: usize, phrase: Span) -> bool {
        if self.name_in(phrase).is_some() {
            return true;
        }
        let w = self.word(i);
        let lower = w.to_ascii_lowercase();
        let determiner = matches!(
            lower.as_str(),
            "the"
                | "a"
                | "an"
                | "this"
                | "that"
                | "these"
                | "those"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "my"
                | "your"
                | "one"
                | "two"
                | "three"
                | "some"
                | "many"
                | "several"
                | "both"
                | "all"
                | "another"
                | "other"
                | "most"
                | "few"
                | "each"
                | "every"
                | "no"
                | "former"
                | "senior"
        );
        if determiner || w.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        let capitalized = w.starts_with(char::is_uppercase);
        let adverb_or_preposition = lower.ends_with("ly")
            || matches!(
                lower.as_str(),
                "during"
                    | "in"
                    | "on"
                    | "at"
                    | "after"
                    | "before"
                    | "meanwhile"
                    | "however"
                    | "still"
                    | "yet"
                    | "then"
                    | "when"
                    | "while"
                    | "since"
                    | "as"
                    | "for"
                    | "with"
                    | "without"
                    | "but"
                    | "and"
                    | "so"
                    | "if"
                    | "though"
                    | "although"
                    | "because"
                    | "now"
                    | "here"
                    | "there"
                    | "asked"
                    | "instead"
                    | "later"
                    | "earlier"
                    | "again"
                    | "also"
                    | "even"
                    | "just"
                    | "not"
                    | "of"
                    | "by"
                    | "from"
                    | "to"
                    | "into"
                    | "about"
                    | "over"
                    | "under"
                    | "what"
                    | "why"
                    | "how"
            );
        capitalized && !adverb_or_preposition
    }

    /// The PER/ORG entity starting at token `i`, if any.
    fn name_at(&self, i: usize) -> Option<Span> {
        let start = self.tokens.get(i)?.span.start;
        let k = self.entities.partition_point(|e| e.span.start < start);
        self.entities
            .get(k..)?
            .iter()
            .take_while(|e| e.span.start == start)
            .find(|e| matches!(e.label, Label::Per | Label::Org))
            .map(|e| e.span)
    }

    /// The first PER/ORG entity overlapping `phrase`.
    fn name_in(&self, phrase: Span) -> Option<Span> {
        let from = phrase.start.saturating_sub(self.longest_person);
        let k = if self.sorted { self.entities.partition_point(|e| e.span.start < from) } else { 0 };
        self.entities
            .get(k..)?
            .iter()
            .take_while(|e| !self.sorted || e.span.start < phrase.end)
            .find(|e| matches!(e.label, Label::Per | Label::Org) && e.span.overlaps(phrase))
            .map(|e| e.span)
    }

    /// The first PER entity in tokens `from..to`, else the first ORG entity, as a phrase.
    fn first_name_in(&self, from: usize, to: usize) -> Option<(Span, bool)> {
        let (start, end) = (self.tokens.get(from)?.span.start, self.tokens.get(to.checked_sub(1)?)?.span.end);
        let k = self.entities.partition_point(|e| e.span.start < start);
        let inside = || {
            self.entities
                .get(k..)
                .unwrap_or(&[])
                .iter()
                .take_while(|e| e.span.start < end)
                .filter(|e| e.span.end <= end)
        };
        let mut persons = inside().filter(|e| e.label == Label::Per);
        let mut organizations = inside().filter(|e| e.label == Label::Org);
        persons.next().or_else(|| organizations.next()).map(|e| (e.span, false))
    }

    /// A noun phrase starting at token `i` (after a speech verb or "according to"), ending at a phrase
    /// boundary, at most eight tokens, before `stop`; and whether it is a pronoun.
    fn phrase_from(&self, i: usize, stop: usize) -> Option<(Span, bool)> {
        let mut j = i;
        while j < stop && j < i + 8 && !self.ends_phrase_at(j, i) {
            j += 1;
        }
        if j == i {
            return None;
        }
        if j == i + 1 && is_pronoun(self.word(i)) {
            return Some((self.tok_span(i)?, true));
        }
        let phrase = self.span(i, j - 1)?;
        self.is_noun_phrase(i, phrase).then_some((phrase, false))
    }

    /// The noun phrase in tokens `i..v` before a speech verb at `v`: "Toqaev", "he", "X, the minister,"
    /// (the part before the first comma), "the minister on Monday" (cut at the first boundary word).
    fn phrase_between(&self, i: usize, v: usize) -> Option<(Span, bool)> {
        let mut j = i;
        while j < v && !self.ends_phrase_at(j, i) {
            j += 1;
        }
        if j == i {
            return None;
        }
        // "X has repeatedly said": only auxiliaries and adverbs between the phrase and the verb.
        let auxiliaries_only = (j..v).all(|k| is_auxiliary(self.word(k)));
        // An appositive "X, the minister, said": the phrase before the comma, if the rest is short.
        if j < v
            && !auxiliaries_only
            && self.word(j) != ","
            && !matches!(
                self.word(j),
                "on" | "in" | "at" | "late" | "earlier" | "later" | "yesterday" | "today" | "last" | "this" | "told"
            )
        {
            return None;
        }
        if j == i + 1 && is_pronoun(self.word(i)) {
            return Some((self.tok_span(i)?, true));
        }
        let phrase = self.span(i, j - 1)?;
        self.is_noun_phrase(i, phrase).then_some((phrase, false))
    }

    /// The speaker for a phrase: the PER/ORG entity in it, else the phrase.
    fn link(&self, phrase: Span) -> (Option<Span>, Option<usize>) {
        // Only entities starting before the phrase's end and at most `longest_person` bytes before its
        // start can overlap it.
        let window = if self.sorted {
            let from = phrase.start.saturating_sub(self.longest_person);
            self.entities.partition_point(|e| e.span.start < from)
                ..self.entities.partition_point(|e| e.span.start < phrase.end)
        } else {
            0..self.entities.len()
        };
        let person = self
            .entities
            .iter()
            .enumerate()
            .take(window.end)
            .skip(window.start)
            .filter(|(_, e)| matches!(e.label, Label::Per | Label::Org) && e.span.overlaps(phrase))
            // An entity that swallowed a quotation mark is a tagger slip, not the speaker's name.
            .filter(|(_, e)| !self.text.get(e.span.start..e.span.end).unwrap_or("").contains(QUOTE_MARKS))
            .min_by_key(|(_, e)| (e.label != Label::Per, e.span.start));
        match person {
            Some((idx, e)) => (Some(e.span), Some(idx)),
            None => (Some(phrase), None),
        }
    }

    /// The person (or organization) a pronoun mention stands for, looking back sentence by sentence
    /// from the pronoun (at most eight): in each, the speaker of its last quote when it fits the pronoun,
    /// else its subject, the first fitting PER entity outside quotes (ORG too for "they", "we"). "He"
    /// and "she" fit a person of that gender or of unknown gender. Nothing fits: the previous quote's
    /// speaker, if any.
    fn resolve_pronoun(&self, pronoun: Span, done: &[Quote], quotes: &[Span]) -> (Option<Span>, Option<usize>) {
        let word = self.text.get(pronoun.start..pronoun.end).unwrap_or("").to_ascii_lowercase();
        let want = match word.as_str() {
            "he" => Gender::Male,
            "she" => Gender::Female,
            _ => Gender::Unknown,
        };
        let plural = matches!(word.as_str(), "they" | "we");
        let fits = |idx: usize| {
            self.entities.get(idx).is_some_and(|e| match e.label {
                Label::Per => {
                    want == Gender::Unknown
                        || matches!(self.genders.get(idx), Some(&g) if g == want || g == Gender::Unknown)
                }
                Label::Org => plural,
                _ => false,
            })
        };
        let inside_quote = |pos: usize| {
            let k = quotes.partition_point(|q| q.start <= pos);
            k > 0 && quotes.get(k - 1).is_some_and(|q| pos < q.end)
        };
        let here = self.sentences.partition_point(|s| s.span.end <= pronoun.start);
        if here >= self.sentences.len() {
            return (None, None);
        }
        for si in (here.saturating_sub(8)..=here).rev() {
            let Some(sentence) = self.sentences.get(si) else { continue };
            let end = sentence.span.end.min(pronoun.start);
            // The last earlier quote in this sentence with a fitting speaker.
            let k = done.partition_point(|q| q.span.start < end);
            let spoken = done[..k]
                .iter()
                .rev()
                .take_while(|q| q.span.start >= sentence.span.start)
                .find_map(|q| q.speaker_entity.filter(|&e| fits(e)));
            if let Some(e) = spoken {
                return (self.entities.get(e).map(|x| x.span), Some(e));
            }
            let from = self.entities.partition_point(|e| e.span.start < sentence.span.start);
            let subject = (from..self.entities.len())
                .take_while(|&i| self.entities[i].span.start < end)
                .find(|&i| fits(i) && self.entities[i].span.end <= end && !inside_quote(self.entities[i].span.start));
            if let Some(i) = subject {
                return (Some(self.entities[i].span), Some(i));
            }
        }
        done.last().map_or((None, None), |q| (q.speaker, q.speaker_entity))
    }

    /// The speaker a name or description stands for: the PER/ORG entity in it; else, for a description
    /// ("the spokesman"), the person it described earlier as an appositive ("Ana Reyes, the party's
    /// spokesman,") or a title before the name ("spokesman Ana Reyes"); else the words themselves.
    fn resolve_phrase(&self, phrase: Span) -> (Option<Span>, Option<usize>) {
        let linked = self.link(phrase);
        if linked.1.is_some() {
            return linked;
        }
        let words = self.text.get(phrase.start..phrase.end).unwrap_or("");
        if matches!(words, "who" | "which") {
            if let Some((span, entity)) = self.antecedent(phrase) {
                return (Some(span), Some(entity));
            }
            // `the Mexican president, who said`: the description the pronoun follows.
            let at = self.token_at(phrase.start);
            let mut end = at;
            if end > 0 && self.word(end - 1) == "," {
                end -= 1;
            }
            let article =
                |w: &str| matches!(w.to_ascii_lowercase().as_str(), "the" | "a" | "an" | "his" | "her" | "their");
            let start = (end.saturating_sub(6)..end)
                .rev()
                .take_while(|&j| !self.ends_phrase_at(j, j))
                .find(|&j| article(self.word(j)));
            if let Some(description) = start.and_then(|s| self.span(s, end - 1)) {
                return (Some(description), None);
            }
        }
        let Some(head) = words.split_whitespace().last().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())) else {
            return linked;
        };
        if head.len() < 3
            || !words.split_whitespace().next().is_some_and(|w| {
                matches!(w.to_ascii_lowercase().as_str(), "the" | "a" | "an" | "his" | "her" | "their" | "its")
            })
        {
            return linked;
        }
        let has_head =
            |s: &str| s.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| w.eq_ignore_ascii_case(head));
        let end = self.entities.partition_point(|e| e.span.start < phrase.start);
        // The nearest earlier persons first, at most 200 entities back.
        for i in (end.saturating_sub(200)..end).rev() {
            let e = &self.entities[i];
            if e.label != Label::Per || e.span.end > phrase.start {
                continue;
            }
            // "Ana Reyes, the party's spokesman," / "Ana Reyes, a spokesman for …,"
            let after = self.text.get(e.span.end..).unwrap_or("");
            let appositive = after.strip_prefix(", ").is_some_and(|rest| {
                let clause_end = rest.find([',', '.', ';', '\n']).unwrap_or(rest.len());
                clause_end <= 80 && rest.get(..clause_end).is_some_and(has_head)
            });
            // "spokesman Ana Reyes", "Spokesman Ana Reyes": the word before the name.
            let before = self.text.get(..e.span.start).unwrap_or("");
            let titled =
                before.trim_end().rsplit(char::is_whitespace).next().is_some_and(|w| w.eq_ignore_ascii_case(head));
            if appositive || titled {
                return (Some(e.span), Some(i));
            }
        }
        linked
    }

    /// The person or organization a relative pronoun at `relative` stands for: the PER/ORG entity right
    /// before it, a comma between at most (`Ana Reyes, who`, `the Transit Authority which`).
    fn antecedent(&self, relative: Span) -> Option<(Span, usize)> {
        let end = self.entities.partition_point(|e| e.span.start < relative.start);
        (end.saturating_sub(8)..end).rev().find_map(|i| {
            let e = self.entities.get(i)?;
            let between = self.text.get(e.span.end..relative.start)?;
            let adjacent = between.trim().is_empty() || between.trim() == ",";
            (matches!(e.label, Label::Per | Label::Org) && adjacent).then_some((e.span, i))
        })
    }

    /// Whether the quote at `span` continues the previous quote: same paragraph, or the paragraph right
    /// after a quote left open at its paragraph's end.
    /// Whether the quote at `span` continues the previous quote: same paragraph; the paragraph right
    /// after a quote left open at its paragraph's end; or a paragraph that opens with the quote right
    /// after the paragraph holding the previous quote (newswire runs one speaker over paragraphs).
    fn continues(&self, previous: Span, span: Span) -> bool {
        let between = self.text.get(previous.end..span.start).unwrap_or("");
        if !between.contains('\n') {
            return true;
        }
        // Only one paragraph break (blank lines included) between the two quotes' paragraphs.
        let mut paragraphs = between.split('\n').filter(|line| !line.trim().is_empty());
        let rest_of_previous = if between.starts_with('\n') { None } else { paragraphs.next() };
        let _ = rest_of_previous;
        let opens_paragraph = between.rsplit('\n').next().is_some_and(|tail| tail.trim().is_empty());
        opens_paragraph && paragraphs.next().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn quotes(text: &str) -> Vec<&str> {
        quote_spans(text, &tokenize(text)).into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn finds_quotes_not_apostrophes() {
        assert_eq!(quotes("He said \"go away now\" and left."), ["\"go away now\""]);
        assert_eq!(quotes("“It doesn’t matter,” she said."), ["“It doesn’t matter,”"]);
        assert_eq!(
            quotes("The protesters’ demands were ‘not negotiable at all’, he said."),
            ["‘not negotiable at all’"]
        );
        assert_eq!(quotes("In the ’90s it's fine."), Vec::<&str>::new());
        assert_eq!(quotes("So-called \"experts\" disagree."), Vec::<&str>::new());
        assert_eq!(
            quotes("“We will stay here,\nHe said.\n“We will not leave,” he added."),
            ["“We will stay here,", "“We will not leave,”"]
        );
    }
}
