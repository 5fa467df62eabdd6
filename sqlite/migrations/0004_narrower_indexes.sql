-- The clustering's candidate indexes hold only the items they can return:
-- placed in a story (not pending, not left out of the stories) and with the
-- key the index is searched by; the story index leaves out pending items.
-- Every item was in all of them, which made storing and placing an item
-- update five indexes more than it needed. day_to is in the index so that
-- the items of the month before a window that end before it are passed
-- over in the index, without reading their rows.
DROP INDEX items_cell;
DROP INDEX items_place;
DROP INDEX items_speaker;
DROP INDEX items_story;
CREATE INDEX items_cell ON items (kind, type_key, cell, day_from, day_to) WHERE story <> '' AND cell >= 0;
CREATE INDEX items_place ON items (kind, type_key, place_key, day_from, day_to) WHERE story <> '' AND place_key <> '';
CREATE INDEX items_speaker ON items (kind, type_key, speaker_key, day_from, day_to) WHERE story <> '' AND speaker_key <> '';
CREATE INDEX items_story ON items (story) WHERE story IS NOT NULL;
