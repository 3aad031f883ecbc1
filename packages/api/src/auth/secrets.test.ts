import { describe, expect, it } from 'vitest';
import { generatePassword, PASSWORD_ALPHABET } from './secrets';

describe('generatePassword', () => {
  it('draws every character uniformly from the unambiguous alphabet', () => {
    const passwords = Array.from({ length: 6000 }, () => generatePassword());
    for (const p of passwords.slice(0, 50)) expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    const chars = passwords.join('');
    expect(new Set(chars)).toEqual(new Set(PASSWORD_ALPHABET));
    // A byte modulo 57 gives the first 28 characters 5/256 each instead of 4/256: 54.7% of all draws
    // instead of 28/57 = 49.1%. With 120,000 draws one standard deviation is 0.15 points.
    const first = new Set(PASSWORD_ALPHABET.slice(0, 28));
    const share = [...chars].filter((c) => first.has(c)).length / chars.length;
    expect(Math.abs(share - 28 / 57)).toBeLessThan(0.01);
    expect(generatePassword(7)).toHaveLength(7);
  });
});
