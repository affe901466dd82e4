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

      -- csat / nps: the answers to the template's first 1–5 question and first 0–10 question; tier_code and
      -- manager_code: the customer's tier (latest month with data) and manager when the answers were entered.
      CREATE TABLE survey_responses (
        id            INTEGER PRIMARY KEY,
        template_id   INTEGER NOT NULL REFERENCES survey_templates (id),
        customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        response_date TEXT NOT NULL,
        channel       TEXT NOT NULL CHECK (channel IN ('visit', 'phone', 'sms', 'branch')),
        staff_code    TEXT REFERENCES staff (code) ON UPDATE CASCADE ON DELETE SET NULL,
        csat          INTEGER CHECK (csat BETWEEN 1 AND 5),
        nps           INTEGER CHECK (nps BETWEEN 0 AND 10),
        tier_code     TEXT,
        manager_code  TEXT,
        created_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX survey_responses_date ON survey_responses (response_date);
      CREATE INDEX survey_responses_customer ON survey_responses (customer_id, response_date);

      -- Running totals per month, template family, tier and manager ('' for none), kept by the triggers below
      -- whatever inserts or deletes a response: results over hundreds of thousands of responses read a few rows.
      CREATE TABLE survey_tallies (
        month        TEXT NOT NULL,
        family_id    INTEGER NOT NULL,
        tier_code    TEXT NOT NULL,
        manager_code TEXT NOT NULL,
        respondents  INTEGER NOT NULL,
        csat_answers INTEGER NOT NULL,
        satisfied    INTEGER NOT NULL,
        nps_answers  INTEGER NOT NULL,
        promoters    INTEGER NOT NULL,
        detractors   INTEGER NOT NULL,
        PRIMARY KEY (month, family_id, tier_code, manager_code)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER survey_responses_tally AFTER INSERT ON survey_responses BEGIN
        INSERT INTO survey_tallies VALUES (
          substr(NEW.response_date, 1, 7), (SELECT family_id FROM survey_templates WHERE id = NEW.template_id),
          coalesce(NEW.tier_code, ''), coalesce(NEW.manager_code, ''), 1,
          NEW.csat IS NOT NULL, coalesce(NEW.csat >= 4, 0), NEW.nps IS NOT NULL, coalesce(NEW.nps >= 9, 0), coalesce(NEW.nps <= 6, 0))
        ON CONFLICT DO UPDATE SET respondents = respondents + 1, csat_answers = csat_answers + excluded.csat_answers,
          satisfied = satisfied + excluded.satisfied, nps_answers = nps_answers + excluded.nps_answers,
          promoters = promoters + excluded.promoters, detractors = detractors + excluded.detractors;
      END;
      CREATE TRIGGER survey_responses_untally AFTER DELETE ON survey_responses BEGIN
        UPDATE survey_tallies SET respondents = respondents - 1, csat_answers = csat_answers - (OLD.csat IS NOT NULL),
          satisfied = satisfied - coalesce(OLD.csat >= 4, 0), nps_answers = nps_answers - (OLD.nps IS NOT NULL),
          promoters = promoters - coalesce(OLD.nps >= 9, 0), detractors = detractors - coalesce(OLD.nps <= 6, 0)
        WHERE month = substr(OLD.response_date, 1, 7) AND family_id = (SELECT family_id FROM survey_templates WHERE id = OLD.template_id)
          AND tier_code = coalesce(OLD.tier_code, '') AND manager_code = coalesce(OLD.manager_code, '');
      END;

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
