-- The analysts' audit trail and the API tokens (hashes only).
CREATE TABLE reviews (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL,
	target TEXT NOT NULL,
	reviewer TEXT NOT NULL,
	at TEXT NOT NULL,
	old_status TEXT NOT NULL,
	new_status TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reviews_target ON reviews (kind, target, id);

CREATE TABLE tokens (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	id TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	hash TEXT NOT NULL UNIQUE,
	scopes TEXT NOT NULL DEFAULT '[]',
	created TEXT NOT NULL,
	last_used TEXT,
	revoked TEXT
);
