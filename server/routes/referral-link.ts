import { Hono } from 'hono';
import { REFERRAL_ALPHABET } from '../../utils/contract';
import type { AppEnv } from '../http/env';

const CODE = new RegExp(`^[${REFERRAL_ALPHABET}]{8}$`);

/**
 * GET /r/{code}: where a share link lands. A web page cannot open an
 * extension's onboarding, so this page shows the code to enter at sign-in
 * (the onboarding also reads ?ref=CODE when opened with it). Static, no
 * script, and it says nothing about whose code it is.
 */
export function referralLinkRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/r/:code', (c) => {
    const code = c.req.param('code').toUpperCase();
    if (!CODE.test(code)) return c.text('No such referral link', 404);
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Pointpilot invitation</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
code{font-size:2rem;letter-spacing:.15em;display:block;margin:1rem 0}</style></head>
<body><h1>You are invited to Pointpilot</h1>
<p>Install the Pointpilot browser extension and enter this referral code when you sign in.
You both get bonus points with your first confirmed purchase.</p>
<code data-testid="referral-code">${code}</code>
<p lang="de">Installiere die Pointpilot-Erweiterung und gib diesen Empfehlungscode bei der Anmeldung ein.
Mit deinem ersten bestätigten Einkauf bekommt ihr beide Bonuspunkte.</p>
</body></html>`);
  });
  return app;
}
