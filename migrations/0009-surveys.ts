import type { Migration } from './types';

/** Satisfaction surveys (满意度): versioned templates, responses and their answers. Never edit once landed. */
export const m0009Surveys: Migration = {
  version: 9,
  name: 'surveys',
  up(db) {
    db.exec(`
      -- Each version of a template is a row; editing a version that has responses makes a new one (same family_id).
      CREATE TABLE survey_templates (
        id         INTEGER PRIMARY KEY,
        family_id  INTEGER NOT NULL,
        version    INTEGER NOT NULL,
        name       TEXT NOT NULL,
        -- JSON array of questions: {kind: score|nps|single|multiple|text, text, options?}.
        questions  TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        UNIQUE (family_id, version)
      ) STRICT;

      -- csat / nps: the answers to the template's first 1–5 question and first 0–10 question, kept on the response so
      -- results over hundreds of thousands of responses read one table.
      CREATE TABLE survey_responses (
        id            INTEGER PRIMARY KEY,
        template_id   INTEGER NOT NULL REFERENCES survey_templates (id),
        customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        response_date TEXT NOT NULL,
        channel       TEXT NOT NULL CHECK (channel IN ('visit', 'phone', 'sms', 'branch')),
        staff_code    TEXT REFERENCES staff (code) ON UPDATE CASCADE ON DELETE SET NULL,
        csat          INTEGER CHECK (csat BETWEEN 1 AND 5),
        nps           INTEGER CHECK (nps BETWEEN 0 AND 10),
        created_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX survey_responses_date ON survey_responses (response_date);
      CREATE INDEX survey_responses_customer ON survey_responses (customer_id, response_date);

      CREATE TABLE survey_answers (
        response_id INTEGER NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
        question    INTEGER NOT NULL,
        -- score and nps answers as numbers; choices as a JSON array of option indexes; free text as text.
        value       INTEGER,
        choices     TEXT,
        text        TEXT,
        PRIMARY KEY (response_id, question)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
