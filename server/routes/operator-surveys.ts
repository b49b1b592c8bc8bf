import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { SurveyConfig, SurveyDefinition, SurveyId, SurveyResults } from '../../utils/contract';
import type { Db } from '../db/schema';
import { jsonBody } from '../http/body';
import type { AppEnv } from '../http/env';
import { bearer, jsonBody as bodyDoc, document, json, problems } from '../http/openapi-doc';
import { ProblemError } from '../http/problem';
import type { OperatorGuard } from '../http/require-operator';
import type { Logger } from '../log';
import {
  SurveySummaryList,
  saveSurvey,
  storedConfig,
  surveySummaries,
} from '../services/survey-admin';
import { surveyCsv } from '../services/survey-csv';
import { surveyResults } from '../services/survey-results';
import { findSurvey, type SurveyRow } from '../services/survey-store';

const params = { params: z.object({ id: SurveyId }) };

/** The stored survey with a definition that still parses, or a 404 / 409 problem. */
async function loadSurvey(db: Db, id: string): Promise<{ row: SurveyRow; def: SurveyDefinition }> {
  const row = SurveyId.safeParse(id).success ? await findSurvey(db, id) : undefined;
  if (!row) throw new ProblemError(404, 'not-found', `No survey "${id.slice(0, 64)}"`);
  const def = SurveyDefinition.safeParse(row.definition);
  if (!def.success) {
    throw new ProblemError(
      409,
      'conflict',
      'The stored definition no longer fits; upload it again',
    );
  }
  return { row, def: def.data };
}

/**
 * The operator's survey API under /v1/operator (bearer: the operator token,
 * never a member's): upload, list, per-question results, CSV export.
 */
export function operatorSurveyRoutes(deps: {
  db: Db;
  /** The shared operator bearer check (server/http/require-operator.ts operatorGuard). */
  operator: OperatorGuard;
  log: Logger;
}) {
  const { db, operator } = deps;
  const app = new OpenAPIHono<AppEnv>();

  document(app, {
    method: 'put',
    path: '/operator/surveys/{id}',
    summary: 'Create or replace a survey (SurveyJS JSON, the supported subset) and its targeting',
    description:
      'Once a survey has responses, a question may not be removed, change its type or rating scale, or lose an option (409); texts, targeting, validity, reward and new questions or options may change.',
    security: bearer,
    request: { ...params, ...bodyDoc(SurveyConfig) },
    responses: {
      200: json(SurveyConfig, 'The survey as stored'),
      ...problems(400, 401, 409, 413, 415, 422, 429),
    },
  });
  app.put('/operator/surveys/:id', operator, async (c) => {
    const id = c.req.param('id');
    if (!SurveyId.safeParse(id).success) {
      throw new ProblemError(422, 'validation', 'Some fields are invalid', [
        {
          path: 'id',
          message: 'a survey id is 1–64 of a-z, 0-9 and -, starting with a letter or digit',
        },
      ]);
    }
    const config = await jsonBody(c, SurveyConfig);
    await saveSurvey(db, id, config);
    const { row } = await loadSurvey(db, id);
    return c.json(SurveyConfig.parse(storedConfig(row)));
  });

  document(app, {
    method: 'get',
    path: '/operator/surveys',
    summary: 'Every survey with its validity, reward, targeting and number of responses',
    security: bearer,
    responses: { 200: json(SurveySummaryList, 'Surveys by id'), ...problems(401, 429) },
  });
  app.get('/operator/surveys', operator, async (c) =>
    c.json(SurveySummaryList.parse({ surveys: await surveySummaries(db) })),
  );

  document(app, {
    method: 'get',
    path: '/operator/surveys/{id}/results',
    summary: 'Per-question aggregates: counts per option, rating mean, NPS',
    security: bearer,
    request: params,
    responses: { 200: json(SurveyResults, 'Aggregates'), ...problems(401, 404, 409, 429) },
  });
  app.get('/operator/surveys/:id/results', operator, async (c) => {
    const { row, def } = await loadSurvey(db, c.req.param('id'));
    return c.json(SurveyResults.parse(await surveyResults(db, row.id, def)));
  });

  document(app, {
    method: 'get',
    path: '/operator/surveys/{id}/answers.csv',
    summary:
      'Every response as a CSV row (UTF-8 with BOM, CRLF; formula-like cells start with an apostrophe)',
    security: bearer,
    request: params,
    responses: {
      200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
      ...problems(401, 404, 409, 429),
    },
  });
  app.get('/operator/surveys/:id/answers.csv', operator, async (c) => {
    const { row, def } = await loadSurvey(db, c.req.param('id'));
    const chunks = surveyCsv(db, row.id, def);
    const encoder = new TextEncoder();
    const requestId = c.var.requestId;
    // Pulled page by page as the client reads; a failure midway aborts the download.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          deps.log.error({ msg: 'csv export failed', requestId, error: String(err) });
          controller.error(err);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="survey-${row.id}-answers.csv"`,
    });
  });
  return app;
}
