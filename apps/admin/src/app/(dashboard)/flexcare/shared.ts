import { FlexcareAccessLevel } from '@profilehub/api/contract/flexcare';
import ipaddr from 'ipaddr.js';

// Client-side helpers of the FlexCare forms, so they can flag mistakes while typing. The server validates
// again (packages/api contract/flexcare.ts); these only spare a round trip.

/** The access levels, lowest first: the API contract's own enum. */
export const accessLevels = FlexcareAccessLevel.options;
export type AccessLevel = (typeof accessLevels)[number];

/** A plain IPv4/IPv6 address or CIDR range; IPv4 only in dotted four-part form (as the server requires). */
export function isIpOrCidr(value: string): boolean {
  if (ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv4.isValidCIDRFourPartDecimal(value)) return true;
  if (value.includes(':')) return ipaddr.IPv6.isValid(value) || ipaddr.IPv6.isValidCIDR(value);
  return false;
}

/** The IP list editor's lines: blank lines are ignored; each other line must be an address or range. */
export function parseIpLines(text: string): { entries: string[]; invalid: { line: number; value: string }[] } {
  const entries: string[] = [];
  const invalid: { line: number; value: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const value = raw.trim();
    if (!value) return;
    if (isIpOrCidr(value)) entries.push(value);
    else invalid.push({ line: i + 1, value });
  });
  return { entries, invalid };
}

/** Keyboard layouts are stored as text that must be empty or valid JSON; returns the parse error if not. */
export function layoutError(text: string): string | null {
  if (text === '') return null;
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : 'Invalid JSON';
  }
}
