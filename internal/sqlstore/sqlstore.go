// Package sqlstore is the part of sitrep.Store that SQLite and PostgreSQL
// share: the queries over database/sql, written once with ? placeholders.
// The adapters (sqlite/, postgres/) bring the driver, the migrations and the
// full-text dialect, so the two databases behave the same by construction
// and one conformance suite (storetest/) checks both.
package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep"
)

// Dialect is what differs between the databases.
type Dialect struct {
	// Name prefixes errors: "sqlite", "postgres".
	Name string
	// Dollar rewrites ? placeholders to $1, $2...
	Dollar bool
	// DocFTS and ClaimFTS, when set, are the head of an INSERT (without
	// VALUES) of rows of the full-text index with (rowid, title, text) and
	// (rowid, speaker, content); PostgreSQL keeps its index in generated
	// columns and needs none.
	DocFTS, ClaimFTS string
	// ClaimFTSDelete, when set, takes a claim's rowid out of the claims'
	// full-text index, as replacing a record needs.
	ClaimFTSDelete string
	// SearchDocs and SearchClaims take (query, limit) and return rows of
	// (document id, item id, title, snippet, score), best first.
	SearchDocs, SearchClaims string
	// PendingHint follows "FROM items" in the pending-items query, to make
	// the planner read the pending index rather than sort every item.
	PendingHint string
	// Query turns the user's words into the dialect's query syntax; "" when
	// nothing searchable is left.
	Query func(string) string
	// CachesStatements is set when the driver prepares and caches
	// statements per connection by itself (pgx): preparing them again per
	// transaction would only add round trips.
	CachesStatements bool
}

func (d *Dialect) rebind(q string) string {
	if !d.Dollar {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// DB implements sitrep.Store over a database/sql handle.
type DB struct {
	SQL *sql.DB
	D   *Dialect
	// Now is the clock; tests set it.
	Now func() time.Time

	mu    sync.Mutex
	stmts map[string]*sql.Stmt

	itemsMu sync.Mutex
	items   map[int64]sitrep.StoryItem
}

// prepared returns the statement for q, prepared once for the life of the
// store: the per-document queries of an ingest (is it stored, which
// documents share its bands, which items are near it) run thousands of
// times.
// It returns nil when the cache is full (queries with IN lists of many
// lengths), and the caller runs the query unprepared.
func (db *DB) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if st, ok := db.stmts[q]; ok {
		return st, nil
	}
	if len(db.stmts) >= 256 {
		return nil, nil
	}
	st, err := db.SQL.PrepareContext(ctx, db.D.rebind(q))
	if err != nil {
		return nil, err
	}
	if db.stmts == nil {
		db.stmts = map[string]*sql.Stmt{}
	}
	db.stmts[q] = st
	return st, nil
}

func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := db.prepared(ctx, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return db.SQL.QueryContext(ctx, db.D.rebind(q), args...)
	}
	return st.QueryContext(ctx, args...)
}

var _ sitrep.Store = (*DB)(nil)

// New returns a store over an open, migrated database.
func New(db *sql.DB, d *Dialect) *DB {
	return &DB{SQL: db, D: d, Now: func() time.Time { return time.Now().UTC() }}
}

// Close implements sitrep.Store.
func (db *DB) Close() error {
	db.mu.Lock()
	for _, st := range db.stmts {
		st.Close()
	}
	db.stmts = nil
	db.mu.Unlock()
	return db.SQL.Close()
}

func (db *DB) now() string { return db.Now().UTC().Format(time.RFC3339Nano) }

func (db *DB) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var se *sitrep.Error
	if errors.As(err, &se) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %s: %w", db.D.Name, op, err)
	}
	return &sitrep.Error{Code: sitrep.EINTERNAL, Op: db.D.Name + ": " + op, Err: err}
}

// txStmts prepares each statement once per transaction: a batch of records
// runs the same few inserts hundreds of times, and preparing them anew
// each time was most of the cost of storing.
type txStmts struct {
	tx *sql.Tx
	d  *Dialect
	m  map[string]*sql.Stmt
}

func (t *txStmts) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := t.m[q]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(ctx, t.d.rebind(q))
	if err != nil {
		return nil, err
	}
	t.m[q] = st
	return st, nil
}

func (t *txStmts) exec(ctx context.Context, q string, args ...any) error {
	if t.d.CachesStatements {
		_, err := t.tx.ExecContext(ctx, t.d.rebind(q), args...)
		return err
	}
	st, err := t.stmt(ctx, q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

func (t *txStmts) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if t.d.CachesStatements {
		return t.tx.QueryRowContext(ctx, t.d.rebind(q), args...)
	}
	st, err := t.stmt(ctx, q)
	if err != nil {
		// A failed prepare surfaces from Scan, as a failed query would.
		return t.tx.QueryRowContext(ctx, t.d.rebind(q), args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (t *txStmts) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if t.d.CachesStatements {
		return t.tx.QueryContext(ctx, t.d.rebind(q), args...)
	}
	st, err := t.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

type querier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func (db *DB) exec(ctx context.Context, q querier, query string, args ...any) error {
	_, err := q.ExecContext(ctx, db.D.rebind(query), args...)
	return err
}

// SchemaVersion implements sitrep.Store.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	v, err := version(ctx, db.SQL)
	return v, db.wrap("schema version", err)
}

// PutRecord implements sitrep.Store.
func (db *DB) PutRecord(ctx context.Context, rec *sitrep.Record, opt sitrep.PutOptions) (sitrep.PutResult, error) {
	res, err := db.PutRecords(ctx, []*sitrep.Record{rec}, []sitrep.PutOptions{opt})
	if err != nil {
		return sitrep.PutResult{}, err
	}
	return res[0], nil
}

// PutRecords implements sitrep.Store.
func (db *DB) PutRecords(ctx context.Context, recs []*sitrep.Record, opts []sitrep.PutOptions) ([]sitrep.PutResult, error) {
	if opts != nil && len(opts) != len(recs) {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: put records: %d records but %d options", db.D.Name, len(recs), len(opts))
	}
	for _, r := range recs {
		if r == nil || r.Document.ID == "" {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: put records: a record has no document ID", db.D.Name)
		}
	}
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.wrap("put records: begin", err)
	}
	defer tx.Rollback()
	ts := &txStmts{tx: tx, d: db.D, m: map[string]*sql.Stmt{}}
	stored, err := db.storedDocs(ctx, ts, recs)
	if err != nil {
		return nil, db.wrap("put records", err)
	}
	out := make([]sitrep.PutResult, len(recs))
	seen := map[string]bool{}
	var in inserts
	now := db.now()
	for i, rec := range recs {
		var opt sitrep.PutOptions
		if opts != nil {
			opt = opts[i]
		}
		id := rec.Document.ID
		out[i].ID = id
		if seen[id] {
			continue
		}
		seen[id] = true
		if dup, ok := stored[id]; ok {
			out[i].DuplicateOf = dup
			continue
		}
		if err := in.addRecord(rec, opt, now); err != nil {
			return nil, db.wrap("put records: "+id, err)
		}
		out[i].New, out[i].DuplicateOf = true, opt.DuplicateOf
	}
	if err := db.writeInserts(ctx, ts, &in); err != nil {
		return nil, db.wrap(fmt.Sprintf("put records: %d records", len(in.docs)), err)
	}
	if err := tx.Commit(); err != nil {
		return nil, db.wrap("put records: commit", err)
	}
	return out, nil
}

// storedDocs returns the duplicate_of of those of recs already stored, by
// ID, in a few queries.
func (db *DB) storedDocs(ctx context.Context, ts *txStmts, recs []*sitrep.Record) (map[string]string, error) {
	out := map[string]string{}
	ids := make([]any, 0, len(recs))
	for _, r := range recs {
		ids = append(ids, r.Document.ID)
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		rows, err := ts.query(ctx, `SELECT id, duplicate_of FROM documents WHERE id IN (`+strings.TrimSuffix(strings.Repeat("?, ", n), ", ")+`)`, ids[:n]...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, dup string
			if err := rows.Scan(&id, &dup); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = dup
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

func pubDay(p string) string {
	if len(p) >= 10 {
		return p[:10]
	}
	return p
}

// itemRow is one event or claim as the items table holds it.
type itemRow struct {
	kind, itemID, typ, status, place  string
	lat, lon                          float64
	speaker, content, data, placeJSON string
	it                                sitrep.StoryItem
	clustered                         bool
}

func (r *itemRow) key() string { return r.kind + "/" + r.itemID }

// print is what an item row holds that the extractors decide (its review
// aside): rows with the same print are the same extraction.
func (r *itemRow) print(doc sitrep.Document, dupOf string) string {
	var itemJSON []byte
	if r.clustered {
		itemJSON, _ = json.Marshal(r.it)
	}
	return strings.Join([]string{r.data, r.placeJSON, string(itemJSON), r.speaker, doc.Source, pubDay(doc.Published), dupOf}, "\x00")
}

// itemRows returns the rows of a record's events and claims, in order.
func itemRows(rec *sitrep.Record, dupOf string) []itemRow {
	doc := rec.Document
	items := map[string]sitrep.StoryItem{}
	for _, it := range sitrep.ItemsOf(rec, dupOf) {
		items[it.Key()] = it
	}
	places := map[string]*sitrep.Place{}
	for i := range rec.Places {
		places[rec.Places[i].ID] = &rec.Places[i]
	}
	var rows []itemRow
	for _, ev := range rec.Events {
		data, _ := json.Marshal(ev)
		var placeJSON []byte
		var lat, lon float64
		name := ""
		if p := places[ev.Place]; p != nil {
			placeJSON, _ = json.Marshal(p)
			lat, lon, name = p.Lat, p.Lon, p.Name
		}
		it, ok := items[sitrep.StoryEvent+":"+doc.ID+"/"+ev.ID]
		rows = append(rows, itemRow{kind: sitrep.StoryEvent, itemID: ev.ID, typ: strings.ToLower(ev.Type), status: ev.Status,
			place: name, lat: lat, lon: lon, data: string(data), placeJSON: string(placeJSON), it: it, clustered: ok})
	}
	for _, c := range rec.Claims {
		data, _ := json.Marshal(c)
		it, ok := items[sitrep.StoryClaim+":"+doc.ID+"/"+c.ID]
		speaker := c.SpeakerName
		if speaker == "" {
			for _, e := range rec.Entities {
				if e.ID == c.Speaker {
					speaker = e.Name
				}
			}
		}
		rows = append(rows, itemRow{kind: sitrep.StoryClaim, itemID: c.ID, typ: sitrep.StoryClaim, status: c.Status,
			speaker: speaker, content: c.Said(), data: string(data), it: it, clustered: ok})
	}
	return rows
}

func uniqueBands(b []uint64) []uint64 {
	b = slices.Clone(b)
	slices.Sort(b)
	return slices.Compact(b)
}

// HasDocument implements sitrep.Store.
func (db *DB) HasDocument(ctx context.Context, id string) (bool, error) {
	rows, err := db.query(ctx, `SELECT 1 FROM documents WHERE id = ?`, id)
	if err != nil {
		return false, db.wrap("has document", err)
	}
	defer rows.Close()
	found := rows.Next()
	return found, db.wrap("has document", rows.Err())
}

const docCols = `seq, id, source, url, title, published, language, input, text, duplicate_of, similarity, ingested, n_claims, n_events`

func scanDoc(rows interface{ Scan(...any) error }) (int64, *sitrep.StoredDocument, error) {
	var d sitrep.StoredDocument
	var seq int64
	var ing string
	err := rows.Scan(&seq, &d.ID, &d.Source, &d.URL, &d.Title, &d.Published, &d.Language, &d.Input, &d.Text,
		&d.DuplicateOf, &d.Similarity, &ing, &d.Claims, &d.Events)
	d.Ingested, _ = time.Parse(time.RFC3339Nano, ing)
	return seq, &d, err
}

// FindDocument implements sitrep.Store.
func (db *DB) FindDocument(ctx context.Context, id string) (*sitrep.StoredDocument, error) {
	_, d, err := scanDoc(db.SQL.QueryRowContext(ctx, db.D.rebind(`SELECT `+docCols+` FROM documents WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "document %s not found", id)
	}
	if err != nil {
		return nil, db.wrap("find document", err)
	}
	return d, nil
}

// FindRecord implements sitrep.Store.
func (db *DB) FindRecord(ctx context.Context, id string) (*sitrep.Record, error) {
	var raw string
	err := db.SQL.QueryRowContext(ctx, db.D.rebind(`SELECT record FROM documents WHERE id = ?`), id).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "document %s not found", id)
	}
	if err != nil {
		return nil, db.wrap("find record", err)
	}
	var rec sitrep.Record
	if err := json.Unmarshal([]byte(raw), &rec); err != nil {
		return nil, db.wrap("find record: "+id, err)
	}
	return &rec, nil
}

// where builds a conjunction of conditions with their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

func limitOf(n int) int {
	switch {
	case n <= 0:
		return sitrep.DefaultLimit
	case n > sitrep.MaxLimit:
		return sitrep.MaxLimit
	}
	return n
}

func (db *DB) cursor(w *where, col, c string) error {
	if c == "" {
		return nil
	}
	n, err := strconv.ParseInt(c, 10, 64)
	if err != nil || n < 0 {
		return sitrep.Errorf(sitrep.EINVALID, "cursor %q is not one this store gave", c)
	}
	w.add(col+" > ?", n)
	return nil
}

func checkDate(name, v string) error {
	if v == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", v); err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "%s %q is not an ISO date (YYYY-MM-DD)", name, v)
	}
	return nil
}

// FindDocuments implements sitrep.Store.
func (db *DB) FindDocuments(ctx context.Context, f sitrep.DocumentFilter) ([]*sitrep.StoredDocument, string, error) {
	var w where
	if err := db.cursor(&w, "seq", f.Cursor); err != nil {
		return nil, "", err
	}
	if err := errors.Join(checkDate("from", f.From), checkDate("to", f.To)); err != nil {
		return nil, "", err
	}
	if f.Source != "" {
		w.add("source = ?", f.Source)
	}
	if f.From != "" {
		w.add("pub_day >= ?", f.From)
	}
	if f.To != "" {
		w.add("pub_day <> '' AND pub_day <= ?", f.To)
	}
	if f.Originals {
		w.add("duplicate_of = ''")
	}
	n := limitOf(f.Limit)
	rows, err := db.SQL.QueryContext(ctx, db.D.rebind(`SELECT `+docCols+` FROM documents`+w.String()+` ORDER BY seq LIMIT `+strconv.Itoa(n+1)), w.args...)
	if err != nil {
		return nil, "", db.wrap("find documents", err)
	}
	defer rows.Close()
	var out []*sitrep.StoredDocument
	var seqs []int64
	for rows.Next() {
		seq, d, err := scanDoc(rows)
		if err != nil {
			return nil, "", db.wrap("find documents", err)
		}
		out, seqs = append(out, d), append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, "", db.wrap("find documents", err)
	}
	out, next := page(out, seqs, n)
	return out, next, nil
}

// page cuts a result fetched with one row too many and returns the cursor
// of the next page.
func page[T any](items []T, seqs []int64, n int) ([]T, string) {
	if len(items) <= n {
		return items, ""
	}
	return items[:n], strconv.FormatInt(seqs[n-1], 10)
}

// FindClaims implements sitrep.Store.
func (db *DB) FindClaims(ctx context.Context, f sitrep.ClaimFilter) ([]*sitrep.StoredClaim, string, error) {
	w := where{}
	w.add("i.kind = ?", sitrep.StoryClaim)
	if err := db.cursor(&w, "i.seq", f.Cursor); err != nil {
		return nil, "", err
	}
	if err := errors.Join(checkDate("from", f.From), checkDate("to", f.To)); err != nil {
		return nil, "", err
	}
	if f.DocumentID != "" {
		w.add("i.doc_id = ?", f.DocumentID)
	}
	if f.Speaker != "" {
		w.add("LOWER(i.speaker_name) = ?", strings.ToLower(f.Speaker))
	}
	if f.Status != "" {
		w.add("i.status = ?", f.Status)
	}
	if f.Source != "" {
		w.add("i.source = ?", f.Source)
	}
	if f.Story != "" {
		w.add("i.story = ?", f.Story)
	}
	if f.From != "" {
		w.add("i.pub_day >= ?", f.From)
	}
	if f.To != "" {
		w.add("i.pub_day <> '' AND i.pub_day <= ?", f.To)
	}
	if f.Reviewed {
		w.add("i.reviewed = 1")
	}
	n := limitOf(f.Limit)
	rows, err := db.SQL.QueryContext(ctx, db.D.rebind(`SELECT i.seq, i.doc_id, i.data, i.status, i.extracted_status, i.reviewed, COALESCE(i.story, ''),
		d.source, d.url, d.published FROM items i JOIN documents d ON d.id = i.doc_id`+w.String()+` ORDER BY i.seq LIMIT `+strconv.Itoa(n+1)), w.args...)
	if err != nil {
		return nil, "", db.wrap("find claims", err)
	}
	defer rows.Close()
	var out []*sitrep.StoredClaim
	var seqs []int64
	for rows.Next() {
		var c sitrep.StoredClaim
		var seq int64
		var data, status string
		var reviewed int
		if err := rows.Scan(&seq, &c.DocumentID, &data, &status, &c.Extracted, &reviewed, &c.Story, &c.Source, &c.URL, &c.Published); err != nil {
			return nil, "", db.wrap("find claims", err)
		}
		if err := json.Unmarshal([]byte(data), &c.Claim); err != nil {
			return nil, "", db.wrap("find claims", err)
		}
		c.Status, c.Reviewed = status, reviewed == 1
		out, seqs = append(out, &c), append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, "", db.wrap("find claims", err)
	}
	out, next := page(out, seqs, n)
	return out, next, nil
}

// FindEvents implements sitrep.Store.
func (db *DB) FindEvents(ctx context.Context, f sitrep.EventFilter) ([]*sitrep.StoredEvent, string, error) {
	w := where{}
	w.add("i.kind = ?", sitrep.StoryEvent)
	if err := db.cursor(&w, "i.seq", f.Cursor); err != nil {
		return nil, "", err
	}
	if err := errors.Join(checkDate("from", f.From), checkDate("to", f.To)); err != nil {
		return nil, "", err
	}
	if f.DocumentID != "" {
		w.add("i.doc_id = ?", f.DocumentID)
	}
	if f.Type != "" {
		w.add("i.type_key = ?", strings.ToLower(f.Type))
	}
	if f.Source != "" {
		w.add("i.source = ?", f.Source)
	}
	if f.Story != "" {
		w.add("i.story = ?", f.Story)
	}
	if f.StoryStatus != "" {
		w.add("s.status = ?", f.StoryStatus)
	}
	if f.From != "" {
		t, _ := time.Parse("2006-01-02", f.From)
		w.add("i.day_to >= ? AND i.day_from <= i.day_to", sitrep.Day(t))
	}
	if f.To != "" {
		t, _ := time.Parse("2006-01-02", f.To)
		w.add("i.day_from <= ? AND i.day_from <= i.day_to", sitrep.Day(t))
	}
	if b := f.BBox; b != nil {
		if b[0] > b[2] || b[1] > b[3] || b[1] < -90 || b[3] > 90 {
			return nil, "", sitrep.Errorf(sitrep.EINVALID, "bounding box %v: want min lon, min lat, max lon, max lat", *b)
		}
		w.add("i.cell >= 0 AND i.lon >= ? AND i.lat >= ? AND i.lon <= ? AND i.lat <= ?", b[0], b[1], b[2], b[3])
	}
	if f.Place != "" {
		w.add("LOWER(i.place_name) = ?", strings.ToLower(f.Place))
	}
	n := limitOf(f.Limit)
	rows, err := db.SQL.QueryContext(ctx, db.D.rebind(`SELECT i.seq, i.doc_id, i.data, i.place, i.day_from, i.day_to, COALESCE(i.story, ''), COALESCE(s.status, ''),
		d.source, d.url, d.published FROM items i JOIN documents d ON d.id = i.doc_id LEFT JOIN stories s ON s.id = i.story`+w.String()+` ORDER BY i.seq LIMIT `+strconv.Itoa(n+1)), w.args...)
	if err != nil {
		return nil, "", db.wrap("find events", err)
	}
	defer rows.Close()
	var out []*sitrep.StoredEvent
	var seqs []int64
	for rows.Next() {
		var e sitrep.StoredEvent
		var seq int64
		var data, place string
		var from, to int
		if err := rows.Scan(&seq, &e.DocumentID, &data, &place, &from, &to, &e.Story, &e.StoryStatus, &e.Source, &e.URL, &e.Published); err != nil {
			return nil, "", db.wrap("find events", err)
		}
		if err := json.Unmarshal([]byte(data), &e.Event); err != nil {
			return nil, "", db.wrap("find events", err)
		}
		if place != "" {
			e.PlaceInfo = &sitrep.Place{}
			if err := json.Unmarshal([]byte(place), e.PlaceInfo); err != nil {
				return nil, "", db.wrap("find events", err)
			}
		}
		if from <= to {
			e.Day = sitrep.DayString(from)
		}
		out, seqs = append(out, &e), append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, "", db.wrap("find events", err)
	}
	out, next := page(out, seqs, n)
	return out, next, nil
}

const storyCols = `seq, id, kind, type, title, place, lat, lon, day_from, day_to, status, computed, reviewed, sources, outlets, documents, contradictions, updated`

func scanStory(r interface{ Scan(...any) error }) (int64, *sitrep.Story, error) {
	var s sitrep.Story
	var seq int64
	var reviewed int
	var outlets, contra, updated string
	if err := r.Scan(&seq, &s.ID, &s.Kind, &s.Type, &s.Title, &s.Place, &s.Lat, &s.Lon, &s.From, &s.To, &s.Status, &s.Computed,
		&reviewed, &s.Sources, &outlets, &s.Documents, &contra, &updated); err != nil {
		return 0, nil, err
	}
	s.Reviewed = reviewed == 1
	s.Updated, _ = time.Parse(time.RFC3339Nano, updated)
	if err := json.Unmarshal([]byte(outlets), &s.Outlets); err != nil {
		return 0, nil, err
	}
	if contra != "" {
		if err := json.Unmarshal([]byte(contra), &s.Contradictions); err != nil {
			return 0, nil, err
		}
	}
	return seq, &s, nil
}

// FindStory implements sitrep.Store.
func (db *DB) FindStory(ctx context.Context, id string) (*sitrep.Story, error) {
	_, s, err := scanStory(db.SQL.QueryRowContext(ctx, db.D.rebind(`SELECT `+storyCols+` FROM stories WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "story %s not found", id)
	}
	if err != nil {
		return nil, db.wrap("find story", err)
	}
	if s.Members, err = db.StoryItems(ctx, id); err != nil {
		return nil, err
	}
	return s, nil
}

// FindStories implements sitrep.Store.
func (db *DB) FindStories(ctx context.Context, f sitrep.StoryFilter) ([]*sitrep.Story, string, error) {
	var w where
	if err := db.cursor(&w, "seq", f.Cursor); err != nil {
		return nil, "", err
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	if f.Type != "" {
		w.add("LOWER(type) = ?", strings.ToLower(f.Type))
	}
	if f.MinSources > 0 {
		w.add("sources >= ?", f.MinSources)
	}
	n := limitOf(f.Limit)
	rows, err := db.SQL.QueryContext(ctx, db.D.rebind(`SELECT `+storyCols+` FROM stories`+w.String()+` ORDER BY seq LIMIT `+strconv.Itoa(n+1)), w.args...)
	if err != nil {
		return nil, "", db.wrap("find stories", err)
	}
	defer rows.Close()
	var out []*sitrep.Story
	var seqs []int64
	for rows.Next() {
		seq, s, err := scanStory(rows)
		if err != nil {
			return nil, "", db.wrap("find stories", err)
		}
		out, seqs = append(out, s), append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, "", db.wrap("find stories", err)
	}
	out, next := page(out, seqs, n)
	return out, next, nil
}

// Search implements sitrep.Store.
func (db *DB) Search(ctx context.Context, q sitrep.SearchQuery) ([]sitrep.SearchHit, error) {
	switch q.Kind {
	case "", sitrep.SearchDocuments, sitrep.SearchClaims:
	default:
		return nil, sitrep.Errorf(sitrep.EINVALID, "search: kind %q: want %s, %s or nothing", q.Kind, sitrep.SearchDocuments, sitrep.SearchClaims)
	}
	if q.Offset < 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "search: offset %d is negative", q.Offset)
	}
	fq := db.D.Query(q.Query)
	if fq == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "search: query %q has no words to look for", q.Query)
	}
	n := limitOf(q.Limit)
	want := q.Offset + n
	var hits []sitrep.SearchHit
	run := func(kind, query string) error {
		rows, err := db.SQL.QueryContext(ctx, db.D.rebind(query), fq, want)
		if err != nil {
			return db.wrap("search", err)
		}
		defer rows.Close()
		for rows.Next() {
			h := sitrep.SearchHit{Kind: kind}
			if err := rows.Scan(&h.DocumentID, &h.ClaimID, &h.Title, &h.Snippet, &h.Score); err != nil {
				return db.wrap("search", err)
			}
			hits = append(hits, h)
		}
		return db.wrap("search", rows.Err())
	}
	if q.Kind != sitrep.SearchClaims {
		if err := run(sitrep.SearchDocuments, db.D.SearchDocs); err != nil {
			return nil, err
		}
	}
	if q.Kind != sitrep.SearchDocuments {
		if err := run(sitrep.SearchClaims, db.D.SearchClaims); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(hits, func(a, b sitrep.SearchHit) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return strings.Compare(a.DocumentID+"/"+a.ClaimID, b.DocumentID+"/"+b.ClaimID)
	})
	if q.Offset >= len(hits) {
		return []sitrep.SearchHit{}, nil
	}
	hits = hits[q.Offset:]
	if len(hits) > n {
		hits = hits[:n]
	}
	return hits, nil
}

// MaxDuplicateCandidates bounds the documents NearDuplicates returns, so
// that a document like hundreds of stored ones costs a bounded look-up.
const MaxDuplicateCandidates = 200

// NearDuplicates implements sitrep.Store.
func (db *DB) NearDuplicates(ctx context.Context, bands []uint64) ([]sitrep.DuplicateCandidate, error) {
	out, err := db.NearDuplicatesBatch(ctx, [][]uint64{bands})
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// NearDuplicatesBatch returns NearDuplicates of each list of bands. On a
// server (PostgreSQL) the look-ups go in one statement of fixed text (a
// statement made for each batch cost more to plan than to run), as each
// statement is a round trip; SQLite, in process, runs the prepared one
// for each list.
func (db *DB) NearDuplicatesBatch(ctx context.Context, bands [][]uint64) ([][]sitrep.DuplicateCandidate, error) {
	out := make([][]sitrep.DuplicateCandidate, len(bands))
	scan := func(rows *sql.Rows, at func(k int) int) error {
		defer rows.Close()
		for rows.Next() {
			var k int
			var seq int64
			var c sitrep.DuplicateCandidate
			var sig []byte
			if err := rows.Scan(&k, &seq, &c.ID, &c.Source, &c.DuplicateOf, &sig); err != nil {
				return err
			}
			c.Signature = make([]uint64, len(sig)/8)
			for i := range c.Signature {
				c.Signature[i] = binary.LittleEndian.Uint64(sig[8*i:])
			}
			i := at(k)
			out[i] = append(out[i], c)
		}
		return rows.Err()
	}
	if !db.D.CachesStatements {
		for i, b := range bands {
			b = uniqueBands(b)
			if len(b) == 0 {
				continue
			}
			ph := strings.Repeat("?, ", len(b))
			args := make([]any, len(b))
			for j, v := range b {
				args[j] = int64(v)
			}
			rows, err := db.query(ctx, `SELECT 0, d.seq, d.id, d.source, d.duplicate_of, d.signature FROM documents d
				WHERE d.id IN (SELECT doc_id FROM doc_bands WHERE band IN (`+ph[:len(ph)-2]+`)) ORDER BY d.seq LIMIT `+strconv.Itoa(MaxDuplicateCandidates), args...)
			if err != nil {
				return nil, db.wrap("near duplicates", err)
			}
			if err := scan(rows, func(int) int { return i }); err != nil {
				return nil, db.wrap("near duplicates", err)
			}
		}
		return out, nil
	}
	// One row of a two-dimensional array per document, its bands padded
	// to the longest list with its first (a band twice matches the same).
	var at []int
	var grid [][]int64
	width := 0
	for i, b := range bands {
		if b = uniqueBands(b); len(b) > 0 {
			at = append(at, i)
			row := make([]int64, len(b))
			for j, v := range b {
				row[j] = int64(v)
			}
			grid = append(grid, row)
			width = max(width, len(b))
		}
	}
	if len(grid) == 0 {
		return out, nil
	}
	for i, row := range grid {
		for len(row) < width {
			row = append(row, row[0])
		}
		grid[i] = row
	}
	rows, err := db.SQL.QueryContext(ctx, db.D.rebind(`SELECT q.k, x.seq, x.id, x.source, x.duplicate_of, x.signature
		FROM generate_series(1, ?::int) AS q(k) CROSS JOIN LATERAL (
			SELECT d.seq, d.id, d.source, d.duplicate_of, d.signature FROM documents d
			WHERE d.id IN (SELECT doc_id FROM doc_bands WHERE band = ANY ((?::bigint[])[q.k:q.k]))
			ORDER BY d.seq LIMIT `+strconv.Itoa(MaxDuplicateCandidates)+`) x
		ORDER BY q.k, x.seq`), len(grid), grid)
	if err != nil {
		return nil, db.wrap("near duplicates", err)
	}
	if err := scan(rows, func(k int) int { return at[k-1] }); err != nil {
		return nil, db.wrap("near duplicates", err)
	}
	return out, nil
}

// maxSpan bounds how many days before a window an overlapping item can
// start: the stories take no item longer than this (story.MaxSpanDays), so
// the day index is read over a bounded range.
const maxSpan = 31

func (db *DB) scanItems(ctx context.Context, op, query string, args ...any) ([]sitrep.StoryItem, error) {
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, db.wrap(op, err)
	}
	defer rows.Close()
	var out []sitrep.StoryItem
	var raw sql.RawBytes
	for rows.Next() {
		var seq int64
		var story sql.NullString
		if err := rows.Scan(&seq, &raw, &story); err != nil {
			return nil, db.wrap(op, err)
		}
		it, err := db.decodeItem(seq, raw)
		if err != nil {
			return nil, db.wrap(op, err)
		}
		it.Story = story.String
		out = append(out, it)
	}
	return out, db.wrap(op, rows.Err())
}

// maxCachedItems bounds the decoded story items kept by seq.
const maxCachedItems = 1 << 16

// decodeItem returns the story item stored as raw in the row seq. An
// item's row is never rewritten but for its story (a re-extraction
// deletes it and stores a new one under a new seq), so the decoded items
// are kept: clustering reads the same neighbours again for every item
// near them, and decoding them was a third of its cost.
func (db *DB) decodeItem(seq int64, raw []byte) (sitrep.StoryItem, error) {
	db.itemsMu.Lock()
	it, ok := db.items[seq]
	db.itemsMu.Unlock()
	if ok {
		return it, nil
	}
	if err := json.Unmarshal(raw, &it); err != nil {
		return it, err
	}
	it.Seq = seq
	db.itemsMu.Lock()
	if len(db.items) >= maxCachedItems || db.items == nil {
		db.items = map[int64]sitrep.StoryItem{}
	}
	db.items[seq] = it
	db.itemsMu.Unlock()
	return it, nil
}

// candidateQueries returns the queries (conditions after the common
// ones, and their arguments) that read the candidates of w: by speaker,
// by grid cell and by place name, each over the window's days.
func candidateQueries(w sitrep.StoryWindow) (conds []string, args [][]any) {
	lo, hi := w.DayFrom-maxSpan, w.DayTo
	typ := strings.ToLower(w.Type)
	if w.Speaker != "" {
		conds = append(conds, `speaker_key <> '' AND speaker_key = ? AND day_from BETWEEN ? AND ? AND day_to >= ?`)
		args = append(args, []any{w.Kind, typ, w.Speaker, lo, hi, w.DayFrom})
	}
	if len(w.Cells) > 0 {
		ph := strings.Repeat("?, ", len(w.Cells))
		a := []any{w.Kind, typ}
		for _, c := range w.Cells {
			a = append(a, c)
		}
		conds = append(conds, `cell >= 0 AND cell IN (`+ph[:len(ph)-2]+`) AND day_from BETWEEN ? AND ? AND day_to >= ?`)
		args = append(args, append(a, lo, hi, w.DayFrom))
	}
	if w.PlaceKey != "" {
		conds = append(conds, `place_key <> '' AND place_key = ? AND day_from BETWEEN ? AND ? AND day_to >= ?`)
		args = append(args, []any{w.Kind, typ, w.PlaceKey, lo, hi, w.DayFrom})
	}
	return conds, args
}

// candidateSel starts every candidate query. There is no ORDER BY: it
// would lead the planner to walk all items in order rather than seek the
// window in the index. The queries repeat the conditions of the partial
// indexes (a story, and a cell, place key or speaker key) word for word,
// so that SQLite sees that the indexes answer them.
const candidateSel = `SELECT seq, item, story FROM items WHERE story IS NOT NULL AND story <> '' AND kind = ? AND type_key = ? AND `

// candidates keeps the items that overlap w once each, by key.
func candidates(w sitrep.StoryWindow, items []sitrep.StoryItem) []sitrep.StoryItem {
	var out []sitrep.StoryItem
	seen := map[string]bool{}
	for _, it := range items {
		if it.DayTo >= w.DayFrom && !seen[it.Key()] {
			seen[it.Key()] = true
			out = append(out, it)
		}
	}
	slices.SortFunc(out, func(a, b sitrep.StoryItem) int { return strings.Compare(a.Key(), b.Key()) })
	return out
}

// StoryCandidates implements sitrep.Store.
func (db *DB) StoryCandidates(ctx context.Context, w sitrep.StoryWindow) ([]sitrep.StoryItem, error) {
	conds, args := candidateQueries(w)
	var all []sitrep.StoryItem
	for i, c := range conds {
		items, err := db.scanItems(ctx, "story candidates", candidateSel+c, args[i]...)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
	}
	return candidates(w, all), nil
}

// StoryCandidatesBatch returns StoryCandidates of each window. On a server
// (PostgreSQL) the queries of many windows go in one statement, as each
// statement is a round trip; SQLite, in process, runs the prepared ones
// for each window.
func (db *DB) StoryCandidatesBatch(ctx context.Context, ws []sitrep.StoryWindow) ([][]sitrep.StoryItem, error) {
	out := make([][]sitrep.StoryItem, len(ws))
	if !db.D.CachesStatements {
		for i, w := range ws {
			c, err := db.StoryCandidates(ctx, w)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}
	// Three statements of fixed text, whatever the number of windows, so
	// that the server plans each once per connection: a statement made
	// for each batch cost more to plan than to run.
	found := make([][]sitrep.StoryItem, len(ws))
	var byKey struct {
		k            []int32
		kind, typ, v []string
		lo, hi       []int32
	}
	bySpeaker, byPlace := byKey, byKey
	var byCell struct {
		k         []int32
		kind, typ []string
		cell      []int64
		lo, hi    []int32
	}
	for k, w := range ws {
		lo, hi := int32(w.DayFrom-maxSpan), int32(w.DayTo)
		typ := strings.ToLower(w.Type)
		if w.Speaker != "" {
			b := &bySpeaker
			b.k, b.kind, b.typ, b.v, b.lo, b.hi = append(b.k, int32(k)), append(b.kind, w.Kind), append(b.typ, typ), append(b.v, w.Speaker), append(b.lo, lo), append(b.hi, hi)
		}
		if w.PlaceKey != "" {
			b := &byPlace
			b.k, b.kind, b.typ, b.v, b.lo, b.hi = append(b.k, int32(k)), append(b.kind, w.Kind), append(b.typ, typ), append(b.v, w.PlaceKey), append(b.lo, lo), append(b.hi, hi)
		}
		for _, c := range w.Cells {
			b := &byCell
			b.k, b.kind, b.typ, b.cell, b.lo, b.hi = append(b.k, int32(k)), append(b.kind, w.Kind), append(b.typ, typ), append(b.cell, c), append(b.lo, lo), append(b.hi, hi)
		}
	}
	run := func(q string, args ...any) error {
		rows, err := db.SQL.QueryContext(ctx, db.D.rebind(q), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		var raw sql.RawBytes
		for rows.Next() {
			var k int
			var seq int64
			var story sql.NullString
			if err := rows.Scan(&k, &seq, &raw, &story); err != nil {
				return err
			}
			it, err := db.decodeItem(seq, raw)
			if err != nil {
				return err
			}
			it.Story = story.String
			found[k] = append(found[k], it)
		}
		return rows.Err()
	}
	const lateral = ` CROSS JOIN LATERAL (SELECT seq, item, story FROM items WHERE story IS NOT NULL AND story <> '' AND kind = w.kind AND type_key = w.typ AND `
	if b := bySpeaker; len(b.k) > 0 {
		if err := run(`SELECT w.k, i.seq, i.item, i.story FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[]) AS w(k, kind, typ, v, lo, hi)`+
			lateral+`speaker_key <> '' AND speaker_key = w.v AND day_from BETWEEN w.lo AND w.hi AND day_to >= w.lo + `+strconv.Itoa(maxSpan)+`) i`, b.k, b.kind, b.typ, b.v, b.lo, b.hi); err != nil {
			return nil, db.wrap("story candidates", err)
		}
	}
	if b := byCell; len(b.k) > 0 {
		if err := run(`SELECT w.k, i.seq, i.item, i.story FROM unnest(?::int[], ?::text[], ?::text[], ?::bigint[], ?::int[], ?::int[]) AS w(k, kind, typ, cell, lo, hi)`+
			lateral+`cell >= 0 AND cell = w.cell AND day_from BETWEEN w.lo AND w.hi AND day_to >= w.lo + `+strconv.Itoa(maxSpan)+`) i`, b.k, b.kind, b.typ, b.cell, b.lo, b.hi); err != nil {
			return nil, db.wrap("story candidates", err)
		}
	}
	if b := byPlace; len(b.k) > 0 {
		if err := run(`SELECT w.k, i.seq, i.item, i.story FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[]) AS w(k, kind, typ, v, lo, hi)`+
			lateral+`place_key <> '' AND place_key = w.v AND day_from BETWEEN w.lo AND w.hi AND day_to >= w.lo + `+strconv.Itoa(maxSpan)+`) i`, b.k, b.kind, b.typ, b.v, b.lo, b.hi); err != nil {
			return nil, db.wrap("story candidates", err)
		}
	}
	for k, w := range ws {
		out[k] = candidates(w, found[k])
	}
	return out, nil
}

// StoryItems implements sitrep.Store.
func (db *DB) StoryItems(ctx context.Context, story string) ([]sitrep.StoryItem, error) {
	return db.scanItems(ctx, "story items", `SELECT seq, item, story FROM items WHERE story = ? ORDER BY seq`, story)
}

// PendingItems implements sitrep.Store.
func (db *DB) PendingItems(ctx context.Context, limit int) ([]sitrep.StoryItem, error) {
	return db.scanItems(ctx, "pending items", `SELECT seq, item, story FROM items `+db.D.PendingHint+` WHERE story IS NULL ORDER BY seq LIMIT `+strconv.Itoa(limitOf(limit)))
}

// PutStories implements sitrep.Store.
func (db *DB) PutStories(ctx context.Context, u sitrep.StoryUpdate) error {
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return db.wrap("put stories: begin", err)
	}
	defer tx.Rollback()
	ts := &txStmts{tx: tx, d: db.D, m: map[string]*sql.Stmt{}}
	now := db.now()
	if err := putStories(ctx, ts, u.Stories, now); err != nil {
		return db.wrap("put stories", err)
	}
	if err := assignStories(ctx, ts, u.Assign); err != nil {
		return db.wrap("put stories: assign", err)
	}
	for _, id := range u.Remove {
		if err := ts.exec(ctx, `DELETE FROM stories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM items WHERE story = ?)`, id, id); err != nil {
			return db.wrap("put stories: remove "+id, err)
		}
	}
	return db.wrap("put stories: commit", tx.Commit())
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Review implements sitrep.Store.
func (db *DB) Review(ctx context.Context, r sitrep.Review) (*sitrep.Review, error) {
	if !slices.Contains(sitrep.ReviewStatuses, r.NewStatus) {
		return nil, sitrep.Errorf(sitrep.EINVALID, "review: status %q: want one of %s", r.NewStatus, strings.Join(sitrep.ReviewStatuses, ", "))
	}
	if strings.TrimSpace(r.Reviewer) == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "review: a review needs a reviewer")
	}
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.wrap("review: begin", err)
	}
	defer tx.Rollback()
	var get, set string
	var args []any
	switch r.Kind {
	case sitrep.ReviewClaim:
		doc, claim, ok := strings.Cut(r.Target, "/")
		if !ok {
			return nil, sitrep.Errorf(sitrep.EINVALID, "review: claim target %q: want document/claim", r.Target)
		}
		get = `SELECT status FROM items WHERE kind = 'claim' AND doc_id = ? AND item_id = ?`
		set = `UPDATE items SET status = ?, reviewed = 1 WHERE kind = 'claim' AND doc_id = ? AND item_id = ?`
		args = []any{doc, claim}
	case sitrep.ReviewStory:
		get = `SELECT status FROM stories WHERE id = ?`
		set = `UPDATE stories SET status = ?, reviewed = 1 WHERE id = ?`
		args = []any{r.Target}
	default:
		return nil, sitrep.Errorf(sitrep.EINVALID, "review: kind %q: want %s or %s", r.Kind, sitrep.ReviewClaim, sitrep.ReviewStory)
	}
	var old string
	err = tx.QueryRowContext(ctx, db.D.rebind(get), args...).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "review: %s %s not found", r.Kind, r.Target)
	}
	if err != nil {
		return nil, db.wrap("review", err)
	}
	if r.OldStatus != "" && r.OldStatus != old {
		return nil, sitrep.Errorf(sitrep.ECONFLICT, "review: %s %s is %s now, not %s: someone changed it; reload and review again", r.Kind, r.Target, old, r.OldStatus)
	}
	if err := db.exec(ctx, tx, set, append([]any{r.NewStatus}, args...)...); err != nil {
		return nil, db.wrap("review", err)
	}
	r.OldStatus = old
	r.At = db.Now().UTC()
	err = tx.QueryRowContext(ctx, db.D.rebind(`INSERT INTO reviews (kind, target, reviewer, at, old_status, new_status, note) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		r.Kind, r.Target, r.Reviewer, r.At.Format(time.RFC3339Nano), r.OldStatus, r.NewStatus, r.Note).Scan(&r.ID)
	if err != nil {
		return nil, db.wrap("review", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, db.wrap("review: commit", err)
	}
	return &r, nil
}

// Reviews implements sitrep.Store.
func (db *DB) Reviews(ctx context.Context, f sitrep.ReviewFilter) ([]*sitrep.Review, string, error) {
	var w where
	if err := db.cursor(&w, "id", f.Cursor); err != nil {
		return nil, "", err
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if f.Target != "" {
		w.add("target = ?", f.Target)
	}
	if f.Reviewer != "" {
		w.add("reviewer = ?", f.Reviewer)
	}
	n := limitOf(f.Limit)
	rows, err := db.SQL.QueryContext(ctx, db.D.rebind(`SELECT id, kind, target, reviewer, at, old_status, new_status, note FROM reviews`+w.String()+` ORDER BY id LIMIT `+strconv.Itoa(n+1)), w.args...)
	if err != nil {
		return nil, "", db.wrap("reviews", err)
	}
	defer rows.Close()
	var out []*sitrep.Review
	var seqs []int64
	for rows.Next() {
		var r sitrep.Review
		var at string
		if err := rows.Scan(&r.ID, &r.Kind, &r.Target, &r.Reviewer, &at, &r.OldStatus, &r.NewStatus, &r.Note); err != nil {
			return nil, "", db.wrap("reviews", err)
		}
		r.At, _ = time.Parse(time.RFC3339Nano, at)
		out, seqs = append(out, &r), append(seqs, r.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, "", db.wrap("reviews", err)
	}
	out, next := page(out, seqs, n)
	return out, next, nil
}

// tokenPrefix marks sitrep's secrets so that a leaked one is recognisable
// in logs and by secret scanners.
const tokenPrefix = "sitrep_"

func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// CreateToken implements sitrep.Store.
func (db *DB) CreateToken(ctx context.Context, name string, scopes []string) (string, *sitrep.APIToken, error) {
	if strings.TrimSpace(name) == "" {
		return "", nil, sitrep.Errorf(sitrep.EINVALID, "token: a token needs a name")
	}
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", nil, db.wrap("token", err)
	}
	secret := tokenPrefix + hex.EncodeToString(raw[:])
	tok := &sitrep.APIToken{ID: hex.EncodeToString(raw[:4]) + hashSecret(secret)[:8], Name: name, Scopes: scopes, Created: db.Now().UTC()}
	sc, _ := json.Marshal(nonNil(scopes))
	if err := db.exec(ctx, db.SQL, `INSERT INTO tokens (id, name, hash, scopes, created) VALUES (?, ?, ?, ?, ?)`,
		tok.ID, name, hashSecret(secret), string(sc), tok.Created.Format(time.RFC3339Nano)); err != nil {
		return "", nil, db.wrap("token", err)
	}
	return secret, tok, nil
}

const tokenCols = `id, name, scopes, created, last_used, revoked`

func scanToken(r interface{ Scan(...any) error }) (*sitrep.APIToken, error) {
	var t sitrep.APIToken
	var sc, created string
	var used, revoked sql.NullString
	if err := r.Scan(&t.ID, &t.Name, &sc, &created, &used, &revoked); err != nil {
		return nil, err
	}
	json.Unmarshal([]byte(sc), &t.Scopes)
	if len(t.Scopes) == 0 {
		t.Scopes = nil
	}
	t.Created, _ = time.Parse(time.RFC3339Nano, created)
	if used.Valid {
		u, _ := time.Parse(time.RFC3339Nano, used.String)
		t.LastUsed = &u
	}
	if revoked.Valid {
		u, _ := time.Parse(time.RFC3339Nano, revoked.String)
		t.Revoked = &u
	}
	return &t, nil
}

// Authenticate implements sitrep.Store.
func (db *DB) Authenticate(ctx context.Context, secret string) (*sitrep.APIToken, error) {
	t, err := scanToken(db.SQL.QueryRowContext(ctx, db.D.rebind(`SELECT `+tokenCols+` FROM tokens WHERE hash = ? AND revoked IS NULL`), hashSecret(secret)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "token: unknown or revoked token")
	}
	if err != nil {
		return nil, db.wrap("authenticate", err)
	}
	now := db.Now().UTC()
	if err := db.exec(ctx, db.SQL, `UPDATE tokens SET last_used = ? WHERE id = ?`, now.Format(time.RFC3339Nano), t.ID); err != nil {
		return nil, db.wrap("authenticate", err)
	}
	t.LastUsed = &now
	return t, nil
}

// RevokeToken implements sitrep.Store.
func (db *DB) RevokeToken(ctx context.Context, id string) error {
	res, err := db.SQL.ExecContext(ctx, db.D.rebind(`UPDATE tokens SET revoked = ? WHERE id = ? AND revoked IS NULL`), db.now(), id)
	if err != nil {
		return db.wrap("revoke token", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var one int
		if err := db.SQL.QueryRowContext(ctx, db.D.rebind(`SELECT 1 FROM tokens WHERE id = ?`), id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return sitrep.Errorf(sitrep.ENOTFOUND, "token %s not found", id)
		}
	}
	return nil
}

// Tokens implements sitrep.Store.
func (db *DB) Tokens(ctx context.Context) ([]*sitrep.APIToken, error) {
	rows, err := db.SQL.QueryContext(ctx, `SELECT `+tokenCols+` FROM tokens ORDER BY seq`)
	if err != nil {
		return nil, db.wrap("tokens", err)
	}
	defer rows.Close()
	var out []*sitrep.APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, db.wrap("tokens", err)
		}
		out = append(out, t)
	}
	return out, db.wrap("tokens", rows.Err())
}

// Stats implements sitrep.Store.
func (db *DB) Stats(ctx context.Context) (sitrep.StoreStats, error) {
	var s sitrep.StoreStats
	err := db.SQL.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM documents),
		(SELECT COUNT(*) FROM documents WHERE duplicate_of <> ''),
		(SELECT COUNT(*) FROM items WHERE kind = 'claim'),
		(SELECT COUNT(*) FROM items WHERE kind = 'event'),
		(SELECT COUNT(*) FROM stories),
		(SELECT COUNT(*) FROM items WHERE story IS NULL),
		(SELECT COUNT(*) FROM reviews)`).Scan(&s.Documents, &s.Duplicates, &s.Claims, &s.Events, &s.Stories, &s.Pending, &s.Reviews)
	return s, db.wrap("stats", err)
}
