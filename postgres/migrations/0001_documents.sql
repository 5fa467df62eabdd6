-- Documents, their extracted items and the full-text indexes.
CREATE TABLE documents (
	seq BIGSERIAL PRIMARY KEY,
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
	similarity DOUBLE PRECISION NOT NULL DEFAULT 0,
	signature BYTEA,
	ingested TEXT NOT NULL,
	n_claims INTEGER NOT NULL DEFAULT 0,
	n_events INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_source ON documents (source, seq);
CREATE INDEX documents_pub_day ON documents (pub_day);

CREATE TABLE doc_bands (
	band BIGINT NOT NULL,
	doc_id TEXT NOT NULL,
	PRIMARY KEY (band, doc_id)
);

CREATE TABLE items (
	seq BIGSERIAL PRIMARY KEY,
	kind TEXT NOT NULL,
	doc_id TEXT NOT NULL REFERENCES documents (id),
	item_id TEXT NOT NULL,
	type_key TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT '',
	extracted_status TEXT NOT NULL DEFAULT '',
	reviewed INTEGER NOT NULL DEFAULT 0,
	place_name TEXT NOT NULL DEFAULT '',
	place_key TEXT NOT NULL DEFAULT '',
	lat DOUBLE PRECISION NOT NULL DEFAULT 0,
	lon DOUBLE PRECISION NOT NULL DEFAULT 0,
	cell BIGINT NOT NULL DEFAULT -1,
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

ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || text)) STORED;
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
ALTER TABLE items ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', speaker_name || ' ' || content_text)) STORED;
CREATE INDEX items_tsv ON items USING GIN (tsv) WHERE kind = 'claim';
