package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"

	"sitrep"
	"sitrep/story"
)

var _ sitrep.RecordReplacer = (*DB)(nil)

// putStory writes a story whole, keeping an analyst's status.
func putStory(ctx context.Context, ts *txStmts, s *sitrep.Story, now string) error {
	outlets, _ := json.Marshal(nonNil(s.Outlets))
	var contra []byte
	if len(s.Contradictions) > 0 {
		contra, _ = json.Marshal(s.Contradictions)
	}
	status := s.Computed
	if err := ts.exec(ctx, `INSERT INTO stories (id, kind, type, title, place, lat, lon, day_from, day_to, status, computed, reviewed, sources, outlets, documents, contradictions, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, type = excluded.type, title = excluded.title, place = excluded.place,
		lat = excluded.lat, lon = excluded.lon, day_from = excluded.day_from, day_to = excluded.day_to,
		status = CASE WHEN stories.reviewed = 1 THEN stories.status ELSE excluded.status END,
		computed = excluded.computed, sources = excluded.sources, outlets = excluded.outlets, documents = excluded.documents,
		contradictions = excluded.contradictions, updated = excluded.updated`,
		s.ID, s.Kind, s.Type, s.Title, s.Place, s.Lat, s.Lon, s.From, s.To, status, s.Computed, s.Sources, string(outlets), s.Documents, string(contra), now); err != nil {
		return err
	}
	return nil
}

// ReplaceRecord implements sitrep.RecordReplacer. The document row keeps its
// seq (its place in every listing), its near-duplicate link, signature and
// bands and its full-text entry (the text is the same); what the extractors
// decide about it (the record, the publication date they inferred, the
// language, the counts) is rewritten, and its items are replaced by the new
// record's, pending. The stories the old items were in are recomputed from
// the members that remain, in the same transaction, or removed when none
// remain, so that no story counts an item that is gone.
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
	left, err := db.itemStories(ctx, tx, id)
	if err != nil {
		return db.wrap("replace record: "+id, err)
	}
	if db.D.ClaimFTSDelete != "" {
		seqs, err := db.claimSeqs(ctx, tx, id)
		if err != nil {
			return db.wrap("replace record: "+id, err)
		}
		for _, seq := range seqs {
			if err := ts.exec(ctx, db.D.ClaimFTSDelete, seq); err != nil {
				return db.wrap("replace record: "+id, err)
			}
		}
	}
	if err := ts.exec(ctx, `DELETE FROM items WHERE doc_id = ?`, id); err != nil {
		return db.wrap("replace record: "+id, err)
	}
	raw, err := json.Marshal(rec)
	if err != nil {
		return db.wrap("replace record: "+id, err)
	}
	doc := rec.Document
	if err := ts.exec(ctx, `UPDATE documents SET record = ?, published = ?, pub_day = ?, language = ?, n_claims = ?, n_events = ? WHERE id = ?`,
		string(raw), doc.Published, pubDay(doc.Published), doc.Language, len(rec.Claims), len(rec.Events), id); err != nil {
		return db.wrap("replace record: "+id, err)
	}
	if err := db.insertItems(ctx, ts, rec, dup); err != nil {
		return db.wrap("replace record: "+id, err)
	}
	now := db.now()
	for _, s := range left {
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
		if err := putStory(ctx, ts, story.Summarize(s, members), now); err != nil {
			return db.wrap("replace record: story "+s, err)
		}
	}
	return db.wrap("replace record: commit", tx.Commit())
}

// itemStories returns the stories a document's items are in, sorted.
func (db *DB) itemStories(ctx context.Context, tx *sql.Tx, id string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, db.D.rebind(`SELECT DISTINCT story FROM items WHERE doc_id = ? AND story IS NOT NULL AND story <> ''`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out, rows.Err()
}

func (db *DB) claimSeqs(ctx context.Context, tx *sql.Tx, id string) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, db.D.rebind(`SELECT seq FROM items WHERE doc_id = ? AND kind = 'claim' ORDER BY seq`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			return nil, err
		}
		out = append(out, seq)
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
