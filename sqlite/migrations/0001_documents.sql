-- Documents, their extracted items and the full-text indexes.
CREATE TABLE documents (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	id TEXT NOT NULL UNIQUE,
	source TEXT NOT NULL DEFAULT '',
	url TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	pub_day TEXT NOT NULL DEFAULT '',
	language TEXT NOT NULL DEFAULT '',
	input TEXT NOT NULL DEFAULT '',
	text TEXT NOT NULL,
	record TEXT NOT NULL,
	duplicate_of TEXT NOT NULL DEFAULT '',
	similarity REAL NOT NULL DEFAULT 0,
	signature BLOB,
	ingested TEXT NOT NULL,
	n_claims INTEGER NOT NULL DEFAULT 0,
	n_events INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_source ON documents (source, seq);
CREATE INDEX documents_pub_day ON documents (pub_day);

CREATE TABLE doc_bands (
	band INTEGER NOT NULL,
	doc_id TEXT NOT NULL,
	PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;

CREATE TABLE items (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL,
	doc_id TEXT NOT NULL REFERENCES documents (id),
	item_id TEXT NOT NULL,
	type_key TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT '',
	extracted_status TEXT NOT NULL DEFAULT '',
	reviewed INTEGER NOT NULL DEFAULT 0,
	place_name TEXT NOT NULL DEFAULT '',
	place_key TEXT NOT NULL DEFAULT '',
	lat REAL NOT NULL DEFAULT 0,
	lon REAL NOT NULL DEFAULT 0,
	cell INTEGER NOT NULL DEFAULT -1,
	day_from INTEGER NOT NULL DEFAULT 1,
	day_to INTEGER NOT NULL DEFAULT 0,
	speaker_key TEXT NOT NULL DEFAULT '',
	speaker_name TEXT NOT NULL DEFAULT '',
	content_text TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '',
	pub_day TEXT NOT NULL DEFAULT '',
	duplicate_of TEXT NOT NULL DEFAULT '',
	story TEXT,
	data TEXT NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	item TEXT NOT NULL DEFAULT '',
	UNIQUE (doc_id, kind, item_id)
);
CREATE INDEX items_kind_seq ON items (kind, seq);

CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, content = 'documents', content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2');
-- Claims keep their own copy of the text: items also holds events, which an
-- external-content index over items would count as missing.
CREATE VIRTUAL TABLE claims_fts USING fts5 (speaker_name, content_text, tokenize = 'porter unicode61 remove_diacritics 2');
