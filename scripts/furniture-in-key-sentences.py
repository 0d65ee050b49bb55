#!/usr/bin/env python3
"""Counts key sentences that are page furniture, in `marginalia annotate --jsonl` output.

Usage: marginalia annotate --jsonl DOCS.jsonl | python3 scripts/furniture-in-key-sentences.py

A key sentence counts as furniture when its text matches one of the cues below: a caption that places
people in a picture ("(left)", "(second right)", "(pictured ...)"), a picture credit ("/Getty Images",
"Photo:"), a prompt or notice ("Scroll down", "READ MORE", "Click here", "Share your thoughts",
"accepting comments", "Follow us"), a media link ("Watch:", "Video:"), a reporting credit
("contributed to this report", "contributed reporting"), or a page header ("PUBLISHED:", "UPDATED:",
"Last updated"). The cues are written here, apart from the detector in src/boilerplate.rs, so that the
count can be taken the same way on any build's output. Prints the count per cue and in all.
"""
import json
import re
import sys

CUES = {
    "caption placing people": r"\((?:(?:far|second|third|top|bottom|front|back|row)\s+)*(?:left|right|centre|center|middle|above|below|inset)(?:\s+to\s+right)?\)|\(pictured\b",
    "picture credit": r"/(?:Getty Images|AFP|Reuters|AP|EPA)\b|\bPhoto(?:graph)?:",
    "prompt or notice": r"^(?:Scroll down|READ MORE|Read more:|Click here|Share your thoughts|Share this|Follow us|Sign up for|Subscribe to)|accepting comments",
    "media link": r"^(?:Watch|WATCH|Video|VIDEO|Listen|LISTEN):",
    "reporting credit": r"contributed (?:to this report|to this story|reporting)",
    "page header": r"^(?:PUBLISHED|UPDATED):|^Last updated",
}


def main():
    counts = {cue: 0 for cue in CUES}
    total = furniture = documents = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        doc = json.loads(line)
        documents += 1
        text = doc["text"]
        for k in doc["summary"]["key_sentences"]:
            span = doc["sentences"][k]
            sentence = text[span["start"]:span["end"]]
            total += 1
            hit = [cue for cue, pattern in CUES.items() if re.search(pattern, sentence)]
            for cue in hit:
                counts[cue] += 1
            furniture += bool(hit)
    print(f"{documents} documents, {total} key sentences, {furniture} of them furniture")
    for cue, n in counts.items():
        print(f"  {cue:<24} {n}")


if __name__ == "__main__":
    main()
