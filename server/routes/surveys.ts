import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { SurveyList } from '../../utils/contract';
import type { Db } from '../db/schema';
import type { AppEnv } from '../http/env';
import { jsonWithEtag } from '../http/etag';
import { bearer, document, json, problems } from '../http/openapi-doc';
import { surveysFor } from '../services/surveys';

/** GET /v1/surveys: the surveys open to this member and their streak and badges. */
export function surveyRoutes(deps: { db: Db; requireMember: MiddlewareHandler<AppEnv> }) {
  const app = new OpenAPIHono<AppEnv>();
  document(app, {
    method: 'get',
    path: '/surveys',
    summary:
      'The surveys open to this member (best first), their streak and badges. Revalidate with If-None-Match.',
    description:
      'Answer one with a sync op {type:"survey-answer", surveyId, answers}; the reward arrives as a survey entry, badges as badge entries.',
    security: bearer,
    responses: {
      200: json(SurveyList, 'Surveys and stats'),
      304: { description: 'Unchanged since the ETag sent' },
      ...problems(401, 429),
    },
  });
  app.get('/surveys', deps.requireMember, async (c) => {
    const list = await surveysFor(deps.db, c.var.member.id, new Date());
    return jsonWithEtag(c, SurveyList.parse(list));
  });
  return app;
}
