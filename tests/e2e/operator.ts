/**
 * The operator's side for e2e specs: put a partner into the running backend's
 * catalogue (PUT /v1/operator/partners/{id}, server/README.md "Operator API").
 */
import { DEV_OPERATOR_TOKEN } from '../../server/settings';

/**
 * Creates or updates partner `id`; `body` is the catalogue entry without id,
 * plus `secret` (required for a new partner) and optional `memberClaimsPerHour`.
 * Resolves to the server's answer ({ partner, memberClaimsPerHour, created });
 * throws with the problem text on any non-2xx.
 */
export async function putPartner(
  backendUrl: string,
  id: string,
  body: object,
  token = DEV_OPERATOR_TOKEN,
): Promise<unknown> {
  const res = await fetch(`${backendUrl}/v1/operator/partners/${encodeURIComponent(id)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`PUT partner ${id}: ${res.status} ${text}`);
  return JSON.parse(text);
}
