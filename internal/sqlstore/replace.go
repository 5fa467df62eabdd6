package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"sitrep"
	"sitrep/story"
)

var _ sitrep.RecordReplacer = (*DB)(nil)

// putStory writes a story whole, keeping an analyst's status.
func putStory(ctx context.Context, ts *txStmts, s *sitrep.Story, now string) error {
	return putStories(ctx, ts, []*sitrep.Story{s}, now)
}

// putStories writes stories, many to a statement. The IDs must differ.
func putStories(ctx context.Context, ts *txStmts, stories []*sitrep.Story, now string) error {
	rows := make([][]any, 0, len(stories))
	for _, s := range stories {
		outlets, _ := json.Marshal(nonNil(s.Outlets))
		var contra []byte
		if len(s.Contradictions) > 0 {
			contra, _ = json.Marshal(s.Contradictions)
		}
		rows = append(rows, []any{s.ID, s.Kind, s.Type, s.Title, s.Place, s.Lat, s.Lon, s.From, s.To, s.Computed, s.Computed, 0, s.Sources, string(outlets), s.Documents, string(contra), now})
	}
	return ts.insertRows(ctx, `INSERT INTO stories (id, kind, type, title, place, lat, lon, day_from, day_to, status, computed, reviewed, sources, outlets, documents, contradictions, updated)`,
		` ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, type = excluded.type, title = excluded.title, place = excluded.place,
		lat = excluded.lat, lon = excluded.lon, day_from = excluded.day_from, day_to = excluded.day_to,
		status = CASE WHEN stories.reviewed = 1 THEN stories.status ELSE excluded.status END,
		computed = excluded.computed, sources = excluded.sources, outlets = excluded.outlets, documents = excluded.documents,
		contradictions = excluded.contradictions, updated = excluded.updated`, rows)
}

// assignStories puts items in stories, many to a statement. The items
// must differ.
func assignStories(ctx context.Context, ts *txStmts, as []sitrep.Assignment) error {
	rows := make([][]any, 0, len(as))
	for _, a := range as {
		rows = append(rows, []any{a.Kind, a.DocID, a.ItemID, a.Story})
	}
	return ts.updateRows(ctx, `UPDATE items SET story = v.column4 FROM (VALUES `,
		`) AS v WHERE items.kind = v.column1 AND items.doc_id = v.column2 AND items.item_id = v.column3`, rows)
}

// ReplaceRecord implements sitrep.RecordReplacer. The document row keeps its
// seq (its place in every listing), its near-duplicate link, signature and
// bands and its full-text entry (the text is the same); what the extractors
// decide about it (the record, the publication date they inferred, the
// language, the counts) is rewritten.
//
// An item the new record holds unchanged (same ID, same fields) stays as it
// is, in its story and with its review, so that replacing a record by the
// same extraction changes nothing. The other old items are deleted and the
// new ones stored pending. The stories the deleted items were in are
// recomputed from the members that remain, in the same transaction, or
// removed when none remain. A remaining story whose ID the clustering
// would give a new item (IDs come from the item that started a story, and
// a re-extraction reuses item IDs) is renamed after its first remaining
// member, so that the new item cannot overwrite it.
func (db *DB) ReplaceRecord(ctx context.Context, rec *sitrep.Record) error {
	if rec == nil || rec.Document.ID == "" {
		return sitrep.Errorf(sitrep.EINVALID, "%s: replace record: the record has no document ID", db.D.Name)
	}
	id := rec.Document.ID
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return db.wrap("replace record: begin", err)
	}
	defer tx.Rollback()
	ts := &txStmts{tx: tx, d: db.D, m: map[string]*sql.Stmt{}}
	var text, dup string
	err = ts.queryRow(ctx, `SELECT text, duplicate_of FROM documents WHERE id = ?`, id).Scan(&text, &dup)
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.Errorf(sitrep.ENOTFOUND, "%s: replace record: document %s not found", db.D.Name, id)
	}
	if err != nil {
		return db.wrap("replace record: "+id, err)
	}
	if rec.Document.Text != text {
		// The evidence spans are offsets into the text, and the stored
		// text is what they will be read against.
		return sitrep.Errorf(sitrep.EINVALID, "%s: replace record %s: the new record's text differs from the stored document's; a replacement must be extracted from the stored text", db.D.Name, id)
	}
	old, err := db.oldItems(ctx, tx, id)
	if err != nil {
		return db.wrap("replace record: "+id, err)
	}
	doc := rec.Document
	kept := map[string]bool{}
	var pending []string // story keys of the new items that will be pending
	for _, r := range itemRows(rec, dup) {
		if o, ok := old[r.key()]; ok && o.print == r.print(doc, dup) {
			kept[r.key()] = true
			continue
		}
		if r.clustered {
			pending = append(pending, r.it.Key())
		}
	}
	affected := map[string]bool{}
	for k, o := range old {
		if kept[k] {
			continue
		}
		if o.story != "" {
			affected[o.story] = true
		}
		if o.kind == sitrep.StoryClaim && db.D.ClaimFTSDelete != "" {
			if err := ts.exec(ctx, db.D.ClaimFTSDelete, o.seq); err != nil {
				return db.wrap("replace record: "+id, err)
			}
		}
		if err := ts.exec(ctx, `DELETE FROM items WHERE seq = ?`, o.seq); err != nil {
			return db.wrap("replace record: "+id, err)
		}
	}
	raw, err := json.Marshal(rec)
	if err != nil {
		return db.wrap("replace record: "+id, err)
	}
	if err := ts.exec(ctx, `UPDATE documents SET record = ?, published = ?, pub_day = ?, language = ?, n_claims = ?, n_events = ? WHERE id = ?`,
		string(raw), doc.Published, pubDay(doc.Published), doc.Language, len(rec.Claims), len(rec.Events), id); err != nil {
		return db.wrap("replace record: "+id, err)
	}
	var in inserts
	in.addItems(rec, dup, func(r *itemRow) bool { return kept[r.key()] })
	if err := db.writeInserts(ctx, ts, &in); err != nil {
		return db.wrap("replace record: "+id, err)
	}
	taken := map[string]bool{}
	for _, k := range pending {
		sid := story.StoryID(k)
		taken[sid] = true
		var one int
		err := ts.queryRow(ctx, `SELECT 1 FROM stories WHERE id = ?`, sid).Scan(&one)
		if err == nil {
			affected[sid] = true
		} else if !errors.Is(err, sql.ErrNoRows) {
			return db.wrap("replace record: story "+sid, err)
		}
	}
	ids := make([]string, 0, len(affected))
	for s := range affected {
		ids = append(ids, s)
	}
	slices.Sort(ids)
	now := db.now()
	for _, s := range ids {
		members, err := db.storyMembers(ctx, tx, s)
		if err != nil {
			return db.wrap("replace record: story "+s, err)
		}
		if len(members) == 0 {
			if err := ts.exec(ctx, `DELETE FROM stories WHERE id = ?`, s); err != nil {
				return db.wrap("replace record: remove story "+s, err)
			}
			continue
		}
		target := s
		if taken[s] {
			if target, err = db.renameStory(ctx, ts, s, members, taken); err != nil {
				return db.wrap("replace record: rename story "+s, err)
			}
		}
		if err := putStory(ctx, ts, story.Summarize(target, members), now); err != nil {
			return db.wrap("replace record: story "+target, err)
		}
	}
	return db.wrap("replace record: commit", tx.Commit())
}

// renameStory gives story s, whose ID a pending item would take, the ID
// its first free member would have started it with, keeping its row (and
// so its place, review and status) and its members.
func (db *DB) renameStory(ctx context.Context, ts *txStmts, s string, members []sitrep.StoryItem, taken map[string]bool) (string, error) {
	var target string
	for _, m := range append(members, sitrep.StoryItem{Kind: "renamed", DocID: s}) {
		c := story.StoryID(m.Key())
		if taken[c] {
			continue
		}
		var one int
		err := ts.queryRow(ctx, `SELECT 1 FROM stories WHERE id = ?`, c).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			target = c
			break
		}
		if err != nil {
			return "", err
		}
	}
	if target == "" {
		return "", fmt.Errorf("no free ID for story %s", s)
	}
	taken[target] = true
	if err := ts.exec(ctx, `UPDATE stories SET id = ? WHERE id = ?`, target, s); err != nil {
		return "", err
	}
	if err := ts.exec(ctx, `UPDATE items SET story = ? WHERE story = ?`, target, s); err != nil {
		return "", err
	}
	for i := range members {
		members[i].Story = target
	}
	return target, nil
}

type oldItem struct {
	seq         int64
	kind, story string
	print       string
}

// oldItems reads a document's stored items, by kind/ID.
func (db *DB) oldItems(ctx context.Context, tx *sql.Tx, id string) (map[string]oldItem, error) {
	rows, err := tx.QueryContext(ctx, db.D.rebind(`SELECT seq, kind, item_id, data, place, item, speaker_name, source, pub_day, duplicate_of, story
		FROM items WHERE doc_id = ? ORDER BY seq`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]oldItem{}
	for rows.Next() {
		var o oldItem
		var itemID, data, place, item, speaker, source, day, dup string
		var st sql.NullString
		if err := rows.Scan(&o.seq, &o.kind, &itemID, &data, &place, &item, &speaker, &source, &day, &dup, &st); err != nil {
			return nil, err
		}
		o.story = st.String
		o.print = strings.Join([]string{data, place, item, speaker, source, day, dup}, "\x00")
		out[o.kind+"/"+itemID] = o
	}
	return out, rows.Err()
}

// storyMembers reads a story's members inside tx, as StoryItems does.
func (db *DB) storyMembers(ctx context.Context, tx *sql.Tx, story string) ([]sitrep.StoryItem, error) {
	rows, err := tx.QueryContext(ctx, db.D.rebind(`SELECT item, story FROM items WHERE story = ? ORDER BY seq`), story)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.StoryItem
	for rows.Next() {
		var raw string
		var st sql.NullString
		if err := rows.Scan(&raw, &st); err != nil {
			return nil, err
		}
		var it sitrep.StoryItem
		if err := json.Unmarshal([]byte(raw), &it); err != nil {
			return nil, err
		}
		it.Story = st.String
		out = append(out, it)
	}
	return out, rows.Err()
}
