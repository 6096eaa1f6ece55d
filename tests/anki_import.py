"""Imports studypack's Anki deck with Anki's own library, as a person's Anki would.

Run by .ci/run in a virtual environment with the `anki` package:
    python tests/anki_import.py target/release/studypack

1. A fresh collection imports the deck: as many notes and cards as the deck file holds.
2. A figure changes and the deck is rebuilt into the same folder, at once: importing it
   with Anki's default options updates the changed notes in place (no new notes, the
   same card count) and the collection shows the new figure, not the old one.
3. Text that looks like markup or cloze syntax shows literally on the rendered card.
4. A job's deck imports inside the person's deck, as new notes.
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROFILE = os.path.join(ROOT, "tests", "fixtures", "person", "jordan.yaml")
failures = []
passed = 0


def check(ok, what):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(what)
        print(f"FAILED: {what}")


def build(binary, folder, *extra):
    args = [binary, "build", "--only", "anki", "--profile", PROFILE, *extra]
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    done = subprocess.run(args, cwd=folder, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"studypack build failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def counts_in_file(path):
    """Notes and cards as the deck file holds them."""
    with zipfile.ZipFile(path) as z, tempfile.TemporaryDirectory() as tmp:
        db = z.extract("collection.anki2", tmp)
        con = sqlite3.connect(db)
        try:
            return (con.execute("SELECT count(*) FROM notes").fetchone()[0],
                    con.execute("SELECT count(*) FROM cards").fetchone()[0])
        finally:
            con.close()


def import_deck(col, path):
    """Imports with Anki's default options (update notes and note types only if newer)."""
    request = ImportAnkiPackageRequest(package_path=path, options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def all_fields(col):
    return "\n".join(f for nid in col.find_notes("") for f in col.get_note(nid).fields)


def main(binary):
    binary = os.path.abspath(binary)
    with tempfile.TemporaryDirectory() as work:
        deck = os.path.join(work, "out", "cue-cards.apkg")
        first = build(binary, work, "--set", "churn.client=<b>bank</b> & {{c1::x}} a::b")
        notes, cards = counts_in_file(deck)
        check((notes, cards) == (38, 55), f"the deck file holds 38 notes and 55 cards, not {notes} and {cards}")
        check(f"{notes} notes (" in first, f"the summary line counts the notes: {first!r}")

        col = Collection(os.path.join(work, "collection.anki2"))
        log = import_deck(col, deck)
        check((col.note_count(), col.card_count()) == (notes, cards),
              f"a fresh collection imports {notes} notes and {cards} cards, "
              f"got {col.note_count()} and {col.card_count()}")
        check(len(log.new) == notes, f"all {notes} notes are new, got {len(log.new)}")
        check(any(d.name == "Interview prep::Jordan Lee" for d in col.decks.all_names_and_ids()),
              "the deck is named Interview prep::Jordan Lee")
        before = all_fields(col)
        check("90.5%" in before and "91.7%" not in before, "the first import holds the first figure")

        # The card as Anki renders it: the person's text shows literally, no cloze is made of it.
        literal = "&lt;b&gt;bank&lt;/b&gt; &amp; &#123;&#123;c1::x&#125;&#125; a::b"
        holding = [nid for nid in col.find_notes("") if any(literal in f for f in col.get_note(nid).fields)]
        check(len(holding) > 0, "a note holds the client's text escaped")
        rendered = [col.get_note(nid).cards()[0].answer() for nid in holding]
        check(all(literal in html for html in rendered),
              "the client's markup and braces render as text on the card")

        # The same second most likely: the changed notes must still count as newer.
        second = build(binary, work, "--set", "churn.client=<b>bank</b> & {{c1::x}} a::b",
                       "--set", "churn.accuracy=91.7%")
        changed = int(second.split(" changed")[0].rsplit(", ", 1)[1])
        log = import_deck(col, deck)
        check((col.note_count(), col.card_count()) == (notes, cards),
              f"re-importing keeps {notes} notes and {cards} cards, got {col.note_count()} and {col.card_count()}")
        check(len(log.new) == 0, f"no note is added on re-import, got {len(log.new)}")
        check(len(log.updated) == changed and changed >= 2,
              f"the {changed} changed notes are updated, got {len(log.updated)} (duplicate: {len(log.duplicate)})")
        after = all_fields(col)
        check("91.7%" in after and "90.5%" not in after, "the collection shows the new figure only")

        # A job's deck nests inside the person's, with notes of its own.
        build(binary, work, "--job", os.path.join(ROOT, "tests", "fixtures", "person", "acme.yaml"))
        log = import_deck(col, os.path.join(work, "out", "acme", "cue-cards.apkg"))
        names = [d.name for d in col.decks.all_names_and_ids()]
        check("Interview prep::Jordan Lee::Acme Analytics (Senior Data Scientist)" in names,
              f"the job's deck is inside the person's: {names}")
        check(len(log.new) > 0 and len(log.updated) == 0, "the job's notes are new, none updates the person's")
        col.close()

    print(f"anki import: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "studypack")))
