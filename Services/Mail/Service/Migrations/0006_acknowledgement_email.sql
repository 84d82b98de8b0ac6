-- The acknowledgement email (the kit's outbox, email channel): the values its template is written
-- with are fixed when the acknowledgement is generated and kept beside it, so that every send says
-- the same (number, dates, responsible unit, due date, the stored text's SHA-256). Acknowledgements
-- generated before this migration have none: a send of one writes them from the item then.
ALTER TABLE acknowledgements ADD COLUMN email_variables jsonb
    CHECK (email_variables IS NULL OR jsonb_typeof(email_variables) = 'object');

-- The language acknowledgements are written in when the registrar names none (the item has no
-- language of its own).
ALTER TABLE settings ADD COLUMN default_language text NOT NULL DEFAULT 'fr'
    CHECK (default_language IN ('fr', 'ar', 'en'));
