-- Stories across documents, with the indexes the clustering reads
-- candidates from: by grid cell, by place name and by speaker, each then
-- by day.
CREATE INDEX items_cell ON items (kind, type_key, cell, day_from) WHERE story IS NOT NULL;
CREATE INDEX items_place ON items (kind, type_key, place_key, day_from) WHERE story IS NOT NULL;
CREATE INDEX items_speaker ON items (kind, type_key, speaker_key, day_from) WHERE story IS NOT NULL;
CREATE INDEX items_story ON items (story);
CREATE INDEX items_pending ON items (seq) WHERE story IS NULL;

CREATE TABLE stories (
	seq BIGSERIAL PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL,
	type TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL DEFAULT '',
	lat DOUBLE PRECISION NOT NULL DEFAULT 0,
	lon DOUBLE PRECISION NOT NULL DEFAULT 0,
	day_from TEXT NOT NULL DEFAULT '',
	day_to TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL,
	computed TEXT NOT NULL,
	reviewed INTEGER NOT NULL DEFAULT 0,
	sources INTEGER NOT NULL DEFAULT 0,
	outlets TEXT NOT NULL DEFAULT '[]',
	documents INTEGER NOT NULL DEFAULT 0,
	contradictions TEXT NOT NULL DEFAULT '',
	updated TEXT NOT NULL
);
CREATE INDEX stories_status ON stories (status, seq);
