import { describe, expect, it } from 'vitest';
import { newObjectId, parseObjectId } from './object-id';

describe('ObjectIds (FlexCare and SOAJS ids)', () => {
  it('are 24 lower-case hex digits stamped with the service clock, unique and ascending within a second', () => {
    const now = new Date('2026-03-01T10:00:00.900Z');
    const ids = Array.from({ length: 1000 }, () => newObjectId(now));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(new Set(ids).size).toBe(1000);
    expect(ids.map((id) => Number.parseInt(id.slice(0, 8), 16) * 1000)).toEqual(ids.map(() => Date.parse('2026-03-01T10:00:00Z')));
    // The 3-byte counter may wrap once in a thousand; apart from that the ids sort in creation order.
    const descents = ids.slice(1).filter((id, i) => id < ids[i]!).length;
    expect(descents).toBeLessThanOrEqual(1);
  });

  it('parse only the 24-hex form, to lower case', () => {
    expect(parseObjectId('65D4F1AB2C3D4E5F60718293')).toBe('65d4f1ab2c3d4e5f60718293');
    for (const bad of ['65d4f1ab2c3d4e5f6071829', 'abcdefghijkl', 42, null, undefined, '65d4f1ab2c3d4e5f6071829g'])
      expect(parseObjectId(bad)).toBeNull();
  });
});
