import type { Migration } from './types';

/**
 * Issue 12 (surveys): definitions (SurveyJS JSON, the supported subset) with
 * their targeting, one response per member and survey, and badges.
 */
export const surveys: Migration = {
  version: 6,
  name: 'surveys',
  statements: [
    `ALTER TABLE entries DROP CONSTRAINT entries_kind_check`,
    `ALTER TABLE entries ADD CONSTRAINT entries_kind_check CHECK (kind IN
      ('claim','confirm','reject','adjust','bonus','spend','expire','refusal','activate','tier',
       'survey','badge'))`,
    // 002's placeholder (title, points, questions) was never read by anything: replaced.
    `DROP TABLE IF EXISTS surveys`,
    `CREATE TABLE surveys (
      id text PRIMARY KEY,
      definition jsonb NOT NULL,
      reward_points int NOT NULL CHECK (reward_points >= 0 AND reward_points <= 10000000),
      valid_from timestamptz NOT NULL,
      valid_until timestamptz NOT NULL,
      -- NULL: every tier; else a JSON array of tier ids.
      target_tiers jsonb,
      -- NULL: everyone; else a JSON array of partner ids (a confirmed purchase at one of them).
      target_bought_at jsonb,
      -- "How was it?": offered after a confirmed purchase at this partner, for after_purchase_days.
      after_purchase_at text REFERENCES partners(id),
      after_purchase_days int NOT NULL DEFAULT 30 CHECK (after_purchase_days BETWEEN 1 AND 365),
      priority int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_from < valid_until)
    )`,
    // One response per member and survey: the reward is credited once, whatever the client sends.
    // id is the op's id and the id of its 'survey' entry.
    `CREATE TABLE survey_responses (
      id uuid PRIMARY KEY,
      member_id uuid NOT NULL REFERENCES members(id),
      survey_id text NOT NULL REFERENCES surveys(id),
      answers jsonb NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (member_id, survey_id)
    )`,
    `CREATE INDEX survey_responses_survey ON survey_responses (survey_id, submitted_at, id)`,
    `CREATE INDEX survey_responses_member ON survey_responses (member_id, submitted_at)`,
    `CREATE TABLE member_badges (
      member_id uuid NOT NULL REFERENCES members(id),
      badge text NOT NULL,
      earned_at timestamptz NOT NULL DEFAULT now(),
      entry_id uuid NOT NULL,
      PRIMARY KEY (member_id, badge)
    )`,
  ],
};
