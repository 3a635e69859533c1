#!/usr/bin/env python3
"""Where whosaid's wrong speakers on PolNeAR come from.

  python3 bench/polnear/speakers.py --bin "env WHOSAID_EXTRACT_MERGE_TURNS=true WHOSAID_EXTRACT_QUOTE_MARKS=true ./bin/whosaid" [--set dev] [-v]

Uses the official scorer (../shared/eval/score.py, read at run time: nothing
of the corpus is in this repository) to match statements to gold
attributions at 0.3, then sorts every matched pair the scorer counts as a
wrong speaker into one of these classes:

  relative     the gold source is a relative pronoun ("who", "which", "that")
               and the prediction names a person or organisation
  apposition   the gold source is a name with an apposition or relative
               clause ("Graham, a former candidate,") whose name the
               prediction has
  possessive   the gold source is the possessive or reflexive of the
               predicted name ("Ryan's", "Clinton herself")
  description  the gold source is a description ("the company", "The
               president") and the prediction is a named entity: right or
               wrong cannot be told without the text's referent
  wrong        everything else: a different person, a junk span, a missed
               resolution

"lenient" counts relative, apposition and possessive as right: the
prediction names the gold's referent and the scorer's string test misses it.
Description pairs are not counted as right in either figure.
"""
import argparse, collections, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "eval"))


def classify(S, pred_names, gold):
    g = gold.strip()
    gn = S.norm(g)
    if gn in ("who", "which", "that", "whom"):
        return "relative"
    preds = [S.norm(p) for p in pred_names if p]
    last = [p.split()[-1] for p in preds if p]
    head = S.norm(re.split(r",|\bwho\b|\bwhose\b|\bwhich\b", g)[0])
    if head and head != gn and any(head.split()[-1] == l for l in last):
        return "apposition"
    bare = re.sub(r"\b(herself|himself|themselves|itself)\b", "", gn).strip()
    if bare and bare != gn and any(bare.split()[-1] == l for l in last):
        return "possessive"
    if re.match(r"^[’'`]", g) is None and re.search(r"[’'`]s?$", g) and any(S.norm(g).split()[-1] == l for l in last):
        return "possessive"
    if re.match(r"^(the|a|an|this|that|these|those|his|her|their|its|one|some|many)\b", g, re.I) and any(p[:1].isupper() for p in pred_names):
        return "description"
    return "wrong"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--set", default="dev")
    ap.add_argument("--eval", default=EVAL, help="directory of score.py and polnear/")
    ap.add_argument("-v", action="store_true", help="list the pairs of each class")
    a = ap.parse_args()
    sys.path.insert(0, a.eval)
    import score as S  # the official scorer, outside this repository

    docs = S.load_set(a.set)
    preds, _ = S.run_extract(a.bin, docs, 600)
    r = S.score(docs, preds, 0.3)
    classes = collections.Counter()
    rows = collections.defaultdict(list)
    for name, content, pred_names, gold in r["wrong"]:
        c = classify(S, pred_names, gold[0] if gold else "")
        classes[c] += 1
        rows[c].append((content[:60], pred_names, gold[:1]))
    n, ok = r["spk_n"], r["spk_ok"]
    lenient = ok + classes["relative"] + classes["apposition"] + classes["possessive"]
    print(f"set={a.set} matched pairs with a named gold source: {n}")
    print(f"official speaker accuracy {ok / n:.3f}; lenient {lenient / n:.3f}")
    for c in ("relative", "apposition", "possessive", "description", "wrong"):
        print(f"  {c:12} {classes[c]:5}  ({classes[c] / n:.3f})")
    if a.v:
        for c in ("description", "wrong"):
            print(f"== {c}")
            for row in rows[c]:
                print("  ", row)


if __name__ == "__main__":
    main()
