import { describe, expect, it } from 'vitest';
import { STORAGE_KEYS } from '../../utils/storage-keys';

describe('storage keys', () => {
  it('are unique', () => {
    const values = Object.values(STORAGE_KEYS);
    expect(new Set(values).size).toBe(values.length);
  });
});
