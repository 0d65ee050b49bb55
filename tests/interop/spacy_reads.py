"""Loads Marginalia's spaCy exports with spaCy (run by tests/it/export.rs when MARGINALIA_INTEROP=1).

Argument: a folder with `doc.spacy.json` (format `spacy`) and `doc.json` (format `spacy-training`).
Prints what spaCy made of them; exits non-zero when spaCy refuses a file.
"""
import json
import subprocess
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin

folder = Path(sys.argv[1])
nlp = spacy.blank("en")
data = json.loads((folder / "doc.spacy.json").read_text(encoding="utf8"))
doc = nlp.make_doc(data["text"])
ents = [doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="expand") for e in data["ents"]]
doc.ents = [e for e in ents if e is not None]  # raises E1010 on overlapping entities
doc.spans["sc"] = [doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand") for s in data["spans"]["sc"]]
print(f"spacy {spacy.__version__}")
print(f"ents {len(doc.ents)}")
print(f"spans {len(doc.spans['sc'])}")

out = folder / "converted"
out.mkdir(exist_ok=True)
subprocess.run([sys.executable, "-m", "spacy", "convert", "-c", "json", str(folder / "doc.json"), str(out)], check=True)
docs = list(DocBin().from_disk(out / "doc.spacy").get_docs(nlp.vocab))
print(f"docbin docs {len(docs)}")
print(f"docbin ents {sum(len(d.ents) for d in docs)}")
print(f"docbin text equal {docs[0].text == data['text']}")
