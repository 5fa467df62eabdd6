package sqlstore

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"strings"

	"sitrep"
)

// maxParams bounds the placeholders of one multi-row statement, well
// under both databases' limits (SQLite 32,766, PostgreSQL 65,535).
const maxParams = 2000

// inserts gathers the rows a write transaction adds, table by table, and
// writes each table in a few multi-row statements: storing a batch of
// records one statement per row (and per MinHash band) was most of the
// cost of an ingest, and on PostgreSQL each statement is a round trip.
// Where full-text rows must point at the rows' seqs (SQLite), the seqs
// are assigned here, inside the transaction, instead of read back row by
// row.
type inserts struct {
	docs, bands, items [][]any
	// claims are the indexes in items of the claims, which the dialects
	// with a full-text table of their own index there.
	claims []int
}

// The columns of the inserts, after seq.
const (
	docColumns  = `id, source, url, title, published, pub_day, language, input, text, record, duplicate_of, similarity, signature, ingested, n_claims, n_events`
	itemColumns = `kind, doc_id, item_id, type_key, status, extracted_status, reviewed, place_name, place_key, lat, lon, cell,
	 day_from, day_to, speaker_key, speaker_name, content_text, source, pub_day, duplicate_of, story, data, place, item`
)

// addRecord queues a new record's document, bands and items.
func (in *inserts) addRecord(rec *sitrep.Record, opt sitrep.PutOptions, now string) error {
	doc := rec.Document
	raw, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	var sig []byte
	if len(opt.Signature) > 0 {
		sig = make([]byte, 8*len(opt.Signature))
		for i, v := range opt.Signature {
			binary.LittleEndian.PutUint64(sig[8*i:], v)
		}
	}
	in.docs = append(in.docs, []any{nil, doc.ID, doc.Source, doc.URL, doc.Title, doc.Published, pubDay(doc.Published), doc.Language, doc.Input, doc.Text,
		string(raw), opt.DuplicateOf, opt.Similarity, sig, now, len(rec.Claims), len(rec.Events)})
	// A near-duplicate's bands are its original's, near enough: keeping
	// only the originals' keeps the band lists short when a corpus holds
	// many copies of one template.
	if opt.DuplicateOf == "" {
		for _, b := range uniqueBands(opt.Bands) {
			in.bands = append(in.bands, []any{int64(b), doc.ID})
		}
	}
	in.addItems(rec, opt.DuplicateOf, nil)
	return nil
}

// addItems queues a record's events and claims, their story items
// pending; rows for which skip is true are left out.
func (in *inserts) addItems(rec *sitrep.Record, dupOf string, skip func(*itemRow) bool) {
	doc := rec.Document
	rows := itemRows(rec, dupOf)
	for i := range rows {
		r := &rows[i]
		if skip != nil && skip(r) {
			continue
		}
		// Items the stories do not take (an unattributed claim) get an
		// empty story rather than NULL, so that they are never pending.
		var story any = ""
		var itemJSON []byte
		cell, dayFrom, dayTo := int64(-1), 1, 0
		placeKey, speakerKey := "", ""
		if r.clustered {
			story = nil
			itemJSON, _ = json.Marshal(r.it)
			cell, dayFrom, dayTo, placeKey, speakerKey = r.it.Cell, r.it.DayFrom, r.it.DayTo, r.it.PlaceKey, r.it.Speaker
		}
		row := []any{nil, r.kind, doc.ID, r.itemID, r.typ, r.status, r.status, 0, r.place, placeKey, r.lat, r.lon, cell,
			dayFrom, dayTo, speakerKey, r.speaker, r.content, doc.Source, pubDay(doc.Published), dupOf, story, r.data, r.placeJSON, string(itemJSON)}
		if r.kind == sitrep.StoryClaim {
			in.claims = append(in.claims, len(in.items))
		}
		in.items = append(in.items, row)
	}
}

// write numbers the queued rows and inserts them: documents, bands,
// items, then the full-text rows. FTS5 writes its pending terms out at
// every statement that opens a savepoint once it is part of the
// transaction, so its rows come last, in as few statements as possible.
func (db *DB) writeInserts(ctx context.Context, ts *txStmts, in *inserts) error {
	var docFTS, claimFTS [][]any
	docHead, itemHead := `INSERT INTO documents (seq, `+docColumns+`)`, `INSERT INTO items (seq, `+itemColumns+`)`
	if db.D.DocFTS == "" && db.D.ClaimFTS == "" {
		// Without full-text rows to point at them, the rows take their
		// seqs from the table's own sequence as they are inserted: two
		// round trips fewer.
		docHead, itemHead = `INSERT INTO documents (`+docColumns+`)`, `INSERT INTO items (`+itemColumns+`)`
		for i := range in.docs {
			in.docs[i] = in.docs[i][1:]
		}
		for i := range in.items {
			in.items[i] = in.items[i][1:]
		}
	} else {
		if len(in.docs) > 0 {
			seqs, err := db.nextSeqs(ctx, ts, "documents", len(in.docs))
			if err != nil {
				return err
			}
			for i, row := range in.docs {
				row[0] = seqs[i]
				// rowid, title, text
				docFTS = append(docFTS, []any{seqs[i], row[4], row[9]})
			}
		}
		if len(in.items) > 0 {
			seqs, err := db.nextSeqs(ctx, ts, "items", len(in.items))
			if err != nil {
				return err
			}
			for i, row := range in.items {
				row[0] = seqs[i]
			}
			for _, i := range in.claims {
				// rowid, speaker, content
				claimFTS = append(claimFTS, []any{seqs[i], in.items[i][16], in.items[i][17]})
			}
		}
	}
	if err := ts.insertRows(ctx, docHead, "", in.docs); err != nil {
		return err
	}
	if err := ts.insertRows(ctx, `INSERT INTO doc_bands (band, doc_id)`, ` ON CONFLICT DO NOTHING`, in.bands); err != nil {
		return err
	}
	if err := ts.insertRows(ctx, itemHead, "", in.items); err != nil {
		return err
	}
	if db.D.DocFTS != "" {
		if err := ts.insertRows(ctx, db.D.DocFTS, "", docFTS); err != nil {
			return err
		}
	}
	if db.D.ClaimFTS != "" {
		return ts.insertRows(ctx, db.D.ClaimFTS, "", claimFTS)
	}
	return nil
}

// nextSeqs returns n new sequence numbers of table, in increasing order,
// from the table's largest (and, as AUTOINCREMENT would, never one a
// deleted row had). It is for SQLite, where the transaction holds the
// write lock.
func (db *DB) nextSeqs(ctx context.Context, ts *txStmts, table string, n int) ([]int64, error) {
	var last int64
	if err := ts.queryRow(ctx, `SELECT MAX(COALESCE((SELECT MAX(seq) FROM `+table+`), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0))`, table).Scan(&last); err != nil {
		return nil, err
	}
	out := make([]int64, n)
	for i := range out {
		out[i] = last + 1 + int64(i)
	}
	return out, nil
}

// insertRows inserts rows with head (INSERT INTO t (cols)) and tail (ON
// CONFLICT ...), as many rows per statement as maxParams allows.
func (t *txStmts) insertRows(ctx context.Context, head, tail string, rows [][]any) error {
	return t.updateRows(ctx, head+" VALUES ", tail, rows)
}

// updateRows runs head + VALUES lists + tail over rows, as many rows per
// statement as maxParams allows.
func (t *txStmts) updateRows(ctx context.Context, head, tail string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	cols := len(rows[0])
	per := max(1, maxParams/cols)
	args := make([]any, 0, min(per, len(rows))*cols)
	for len(rows) > 0 {
		n := min(per, len(rows))
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		if err := t.exec(ctx, head+valuesList(n, cols)+tail, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// valuesList returns n parenthesized lists of cols placeholders.
func valuesList(n, cols int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	return b.String()
}
