//! The `.apkg` file: a zip holding `collection.anki2`, an SQLite database in Anki's schema
//! 11 (which every Anki since 2.1 imports; the same layout genanki writes), and an empty
//! media list. Nothing in it depends on the clock but `now`, and nothing on the order of a
//! hash map, so the same notes and the same previous deck give the same bytes.

use super::Note;
use super::notetypes::{CSS, NoteType};
use rusqlite::{Connection, MAIN_DB, params};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipArchive, ZipWriter};

/// The database's name inside the zip.
const COLLECTION: &str = "collection.anki2";
/// A previous deck larger than this is not ours: it is ignored rather than read.
const MAX_COLLECTION: u64 = 256 << 20;

/// What goes into one deck file.
pub(super) struct Contents<'a> {
    pub deck_name: &'a str,
    pub description: &'a str,
    /// Person, company and role: part of every GUID.
    pub identity: &'a [String],
    pub note_types: &'a [&'a NoteType],
    pub notes: &'a [Note],
    pub previous: Option<&'a Previous>,
    pub now: i64,
}

/// The file, and how many notes differ from the previous deck.
pub(super) struct Written {
    pub bytes: Vec<u8>,
    pub changed: usize,
}

/// What the deck last built into the folder held: each note's id, time and content by
/// GUID, card ids, and each note type's time and definition.
#[derive(Default)]
pub(super) struct Previous {
    notes: BTreeMap<String, PreviousNote>,
    /// (note id, card ordinal) → card id.
    cards: BTreeMap<(i64, i64), i64>,
    /// Note type id → (time, definition without its time).
    note_types: BTreeMap<i64, (i64, Value)>,
    /// The largest note or card id, so new ids never take an old one.
    last_id: i64,
}

struct PreviousNote {
    id: i64,
    modified: i64,
    content: NoteContent,
}

/// What decides whether a note changed: its type, tags and fields as stored.
#[derive(PartialEq)]
struct NoteContent {
    mid: i64,
    tags: String,
    fields: String,
}

impl Previous {
    /// The notes of a deck file; `None` when it is not a deck this module can read (a
    /// deck that cannot be read only means every note is stamped as new).
    pub(super) fn read(bytes: &[u8]) -> Option<Previous> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).ok()?;
        let file = zip.by_name(COLLECTION).ok()?;
        let mut db = Vec::new();
        file.take(MAX_COLLECTION).read_to_end(&mut db).ok()?;
        let mut conn = Connection::open_in_memory().ok()?;
        conn.deserialize_read_exact(MAIN_DB, db.as_slice(), db.len(), true).ok()?;
        Previous::from_db(&conn).ok()
    }

    fn from_db(conn: &Connection) -> rusqlite::Result<Previous> {
        let mut previous = Previous::default();
        let mut notes = conn.prepare("SELECT id, guid, mid, mod, tags, flds FROM notes")?;
        let rows = notes.query_map([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                PreviousNote {
                    id: r.get(0)?,
                    modified: r.get(3)?,
                    content: NoteContent { mid: r.get(2)?, tags: r.get(4)?, fields: r.get(5)? },
                },
            ))
        })?;
        for row in rows {
            let (guid, note) = row?;
            previous.last_id = previous.last_id.max(note.id);
            previous.notes.insert(guid, note);
        }
        let mut cards = conn.prepare("SELECT id, nid, ord FROM cards")?;
        for row in cards.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))? {
            let (id, nid, ord) = row?;
            previous.last_id = previous.last_id.max(id);
            previous.cards.insert((nid, ord), id);
        }
        let models: String = conn.query_row("SELECT models FROM col", [], |r| r.get(0))?;
        if let Ok(Value::Object(models)) = serde_json::from_str::<Value>(&models) {
            for model in models.into_values() {
                if let (Some(id), Some(modified)) = (model["id"].as_i64(), model["mod"].as_i64()) {
                    previous.note_types.insert(id, (modified, without_time(model)));
                }
            }
        }
        Ok(previous)
    }
}

/// The deck file for `contents`.
pub(super) fn write(contents: &Contents) -> Result<Written, String> {
    let empty = Previous::default();
    let previous = contents.previous.unwrap_or(&empty);
    let now = contents.now;
    let deck_id = stable_id(&["deck", contents.deck_name]);

    // Note types: a definition unchanged since the previous deck keeps its time.
    let note_types: Vec<(i64, Value)> = contents
        .note_types
        .iter()
        .map(|nt| {
            let id = stable_id(&["note type", nt.name]);
            let definition = note_type_json(nt, id, deck_id);
            let modified = stamp(previous.note_types.get(&id).map(|(m, old)| (*m, *old == definition)), now);
            let mut definition = definition;
            definition["mod"] = json!(modified);
            (id, definition)
        })
        .collect();
    let type_id = |nt: &NoteType| stable_id(&["note type", nt.name]);

    let mut next_id = (now.saturating_mul(1000)).max(previous.last_id + 1);
    let mut fresh_id = || {
        next_id += 1;
        next_id - 1
    };
    let mut rows = Vec::new();
    let mut changed = 0;
    for note in contents.notes {
        let mut parts: Vec<&str> = vec!["note"];
        parts.extend(contents.identity.iter().map(String::as_str));
        parts.extend([note.kind, note.key.as_str()]);
        let guid = guid(&parts);
        let content = NoteContent {
            mid: type_id(note.notetype),
            tags: format!(" {} ", note.tags.join(" ")),
            fields: note.fields.join("\u{1f}"),
        };
        let old = previous.notes.get(&guid);
        let same = old.is_some_and(|o| o.content == content);
        changed += usize::from(!same);
        let modified = stamp(old.map(|o| (o.modified, same)), now);
        let id = old.map_or_else(&mut fresh_id, |o| o.id);
        let cards: Vec<i64> = (0..note.cards as i64)
            .map(|ord| {
                old.and_then(|o| previous.cards.get(&(o.id, ord)).copied()).unwrap_or_else(&mut fresh_id)
            })
            .collect();
        rows.push(NoteRow { id, guid, modified, content, sort: note.sort.clone(), cards });
    }

    let latest = rows
        .iter()
        .map(|r| r.modified)
        .chain(note_types.iter().map(|(_, d)| d["mod"].as_i64().unwrap_or(now)))
        .max()
        .unwrap_or(now);
    let first = rows.iter().map(|r| r.id / 1000).min().unwrap_or(now);
    let db = database(contents, deck_id, &note_types, &rows, first.div_euclid(86_400) * 86_400, latest)
        .map_err(|e| e.to_string())?;
    let bytes = package(&db, latest).map_err(|e| e.to_string())?;
    Ok(Written { bytes, changed })
}

/// A note with its ids and time.
struct NoteRow {
    id: i64,
    guid: String,
    modified: i64,
    content: NoteContent,
    sort: String,
    /// Card ids, by ordinal.
    cards: Vec<i64>,
}

/// The time of something written before as `previous` (its time, and whether it is
/// unchanged): kept when unchanged, else `now`, and always later than an older copy so
/// that Anki takes the update even when two builds fall in the same second.
fn stamp(previous: Option<(i64, bool)>, now: i64) -> i64 {
    match previous {
        Some((modified, true)) => modified,
        Some((modified, false)) => now.max(modified + 1),
        None => now,
    }
}

/// The SQLite database, serialized.
fn database(
    contents: &Contents,
    deck_id: i64,
    note_types: &[(i64, Value)],
    rows: &[NoteRow],
    created: i64,
    latest: i64,
) -> rusqlite::Result<Vec<u8>> {
    let mut conn = Connection::open_in_memory()?;
    conn.execute_batch(SCHEMA)?;
    let tx = conn.transaction()?;
    let models: serde_json::Map<String, Value> =
        note_types.iter().map(|(id, definition)| (id.to_string(), definition.clone())).collect();
    let decks = json!({
        "1": deck_json(1, "Default", "", latest),
        deck_id.to_string(): deck_json(deck_id, contents.deck_name, contents.description, latest),
    });
    let conf = json!({
        "activeDecks": [deck_id], "addToCur": true, "collapseTime": 1200, "curDeck": deck_id,
        "curModel": note_types.first().map(|(id, _)| id.to_string()), "dueCounts": true, "estTimes": true,
        "newBury": true, "newSpread": 0, "nextPos": rows.len() + 1, "sortBackwards": false,
        "sortType": "noteFld", "timeLim": 0,
    });
    tx.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            created,
            latest * 1000,
            conf.to_string(),
            Value::Object(models).to_string(),
            decks.to_string(),
            DECK_CONFIG
        ],
    )?;
    let mut note = tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, 0, 0, '')")?;
    let mut card = tx
        .prepare("INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, -1, 0, 0, ?6, 0, 0, 0, 0, 0, 0, 0, 0, '')")?;
    for (position, row) in rows.iter().enumerate() {
        // The checksum column is left 0, as genanki does: Anki computes it on import.
        let c = &row.content;
        note.execute(params![row.id, row.guid, c.mid, row.modified, c.tags, c.fields, row.sort])?;
        for (ord, id) in row.cards.iter().enumerate() {
            card.execute(params![id, row.id, deck_id, ord as i64, row.modified, position as i64 + 1])?;
        }
    }
    drop((note, card));
    tx.commit()?;
    Ok(conn.serialize(MAIN_DB)?.to_vec())
}

/// The zip: the database and an empty media list, dated `latest`.
fn package(db: &[u8], latest: i64) -> zip::result::ZipResult<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(dos_time(latest))
        // Fixed, so the bytes do not depend on the system that builds.
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(COLLECTION, options)?;
    zip.write_all(db)?;
    zip.start_file("media", options)?;
    zip.write_all(b"{}")?;
    Ok(zip.finish()?.into_inner())
}

/// `seconds` since 1970 as a zip entry's date (UTC); 1980 when out of its range.
fn dos_time(seconds: i64) -> DateTime {
    let (y, m, d) = crate::facts::date::civil_from_days(seconds.div_euclid(86_400));
    let s = seconds.rem_euclid(86_400);
    u16::try_from(y)
        .ok()
        .and_then(|y| {
            DateTime::from_date_and_time(y, m, d, (s / 3600) as u8, (s % 3600 / 60) as u8, (s % 60) as u8)
                .ok()
        })
        .unwrap_or_default()
}

/// A note type as schema 11 stores it (without its time, set by the caller).
fn note_type_json(nt: &NoteType, id: i64, deck_id: i64) -> Value {
    let fields: Vec<Value> = nt
        .fields
        .iter()
        .enumerate()
        .map(|(ord, name)| {
            json!({"name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": []})
        })
        .collect();
    let templates: Vec<Value> = nt
        .templates
        .iter()
        .enumerate()
        .map(|(ord, (name, front, back))| {
            json!({"name": name, "ord": ord, "qfmt": front, "afmt": back, "bqfmt": "", "bafmt": "", "did": null})
        })
        .collect();
    // Which fields a card needs to be made: any field its front shows.
    let required: Vec<Vec<Value>> = nt
        .templates
        .iter()
        .enumerate()
        .map(|(ord, (_, front, _))| {
            let shown: Vec<usize> = (0..nt.fields.len())
                .filter(|&i| {
                    front.contains(&format!("{{{{{}}}}}", nt.fields[i]))
                        || front.contains(&format!(":{}}}}}", nt.fields[i]))
                })
                .collect();
            vec![json!(ord), json!("any"), json!(shown)]
        })
        .collect();
    json!({
        "id": id, "name": nt.name, "type": i32::from(nt.cloze), "mod": 0, "usn": -1, "sortf": 0, "did": deck_id,
        "tmpls": templates, "flds": fields, "css": CSS, "req": required, "tags": [], "vers": [],
        "latexPre": LATEX_PRE, "latexPost": "\\end{document}", "latexsvg": false,
    })
}

/// A deck as schema 11 stores it.
fn deck_json(id: i64, name: &str, description: &str, modified: i64) -> Value {
    json!({
        "id": id, "name": name, "desc": description, "mod": modified, "usn": -1, "dyn": 0, "conf": 1,
        "collapsed": false, "browserCollapsed": false, "extendNew": 0, "extendRev": 50,
        "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0],
    })
}

fn without_time(mut definition: Value) -> Value {
    definition["mod"] = json!(0);
    definition
}

/// A GUID from what a note is, as Anki writes them: ten characters of base 91.
fn guid(parts: &[&str]) -> String {
    const ALPHABET: &[u8] =
        b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";
    let mut n = u64::from_be_bytes(digest(parts)[..8].try_into().expect("a SHA-256 digest has 8 bytes"));
    let mut out = Vec::new();
    while n > 0 {
        out.push(ALPHABET[(n % 91) as usize]);
        n /= 91;
    }
    out.reverse();
    String::from_utf8(out).expect("the alphabet is ASCII")
}

/// An id for a deck or note type from its name, the same in every build: 52 bits, so it
/// reads as a number in JavaScript too, and above 2^51, far from Anki's small ids.
fn stable_id(parts: &[&str]) -> i64 {
    let n = u64::from_be_bytes(digest(parts)[..8].try_into().expect("a SHA-256 digest has 8 bytes"));
    ((n >> 12) | (1 << 51)) as i64
}

/// SHA-256 of the parts, each ended by U+001F so that no two lists give the same text.
fn digest(parts: &[&str]) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(b"studypack\x1f");
    for part in parts {
        hash.update(part.as_bytes());
        hash.update(b"\x1f");
    }
    hash.finalize().into()
}

const LATEX_PRE: &str = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n";

/// Anki's default options group, which the deck uses.
const DECK_CONFIG: &str = r#"{"1":{"id":1,"name":"Default","mod":0,"usn":0,"maxTaken":60,"autoplay":true,"timer":0,"replayq":true,"dyn":false,"new":{"bury":true,"delays":[1,10],"initialFactor":2500,"ints":[1,4,7],"order":1,"perDay":20,"separate":true},"lapse":{"delays":[10],"leechAction":0,"leechFails":8,"minInt":1,"mult":0},"rev":{"bury":true,"ease4":1.3,"fuzz":0.05,"ivlFct":1,"maxIvl":36500,"minSpace":1,"perDay":100}}}"#;

/// Anki's schema 11.
const SCHEMA: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_note_is_later_than_its_copy_even_within_one_second() {
        assert_eq!(stamp(None, 100), 100);
        assert_eq!(stamp(Some((100, true)), 200), 100);
        assert_eq!(stamp(Some((100, false)), 200), 200);
        assert_eq!(stamp(Some((100, false)), 100), 101);
    }

    #[test]
    fn guids_are_stable_and_differ_by_any_part() {
        assert_eq!(guid(&["a", "b"]), guid(&["a", "b"]));
        assert_ne!(guid(&["a", "b"]), guid(&["ab", ""]));
        assert!(stable_id(&["x"]) < 1 << 52 && stable_id(&["x"]) >= 1 << 51);
    }
}
