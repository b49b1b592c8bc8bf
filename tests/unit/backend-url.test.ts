import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { BackendUrl } from '../../utils/account';

describe('BackendUrl', () => {
  it('accepts https origins and http only on this computer', () => {
    expect(BackendUrl.parse('https://api.pointpilot.example')).toBe(
      'https://api.pointpilot.example',
    );
    expect(BackendUrl.parse(' https://api.pointpilot.example/ ')).toBe(
      'https://api.pointpilot.example',
    );
    expect(BackendUrl.parse('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(BackendUrl.parse('http://localhost:3000/')).toBe('http://localhost:3000');
  });
  it.each([
    ['plain http to another host', 'http://api.pointpilot.example'],
    ['a path', 'https://api.pointpilot.example/v1'],
    ['credentials', 'https://user:pw@api.pointpilot.example'],
    ['a query', 'https://api.pointpilot.example/?x=1'],
    ['another scheme', 'ftp://api.pointpilot.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['not a URL', 'pointpilot'],
    ['nothing', ''],
  ])('refuses %s, with a message the settings page can translate', (_, url) => {
    const result = BackendUrl.safeParse(url);
    expect(result.success).toBe(false);
    for (const issue of result.error?.issues ?? [])
      expect(Object.keys(en)).toContain(issue.message);
  });
});
