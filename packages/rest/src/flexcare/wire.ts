// Internal shapes ↔ TelecomX wire shapes (spec 1.4–1.6): `_id` for ids, ISO dates, optional license fields
// left out when absent.

type Profile = {
  id: string;
  name: string;
  customer: string;
  allLanguages: boolean;
  ipList: string[];
  languages: string[];
  mdmKey: string;
  largeKeyboardLayout: string;
  smallKeyboardLayout: string;
};

export function profileOut(p: Profile) {
  return {
    _id: p.id,
    name: p.name,
    customer: p.customer,
    allLanguages: p.allLanguages,
    ipList: p.ipList,
    languages: p.languages,
    mdmKey: p.mdmKey,
    largeKeyboardLayout: p.largeKeyboardLayout,
    smallKeyboardLayout: p.smallKeyboardLayout,
  };
}

export function profileListItemOut(p: { id: string; name: string; allLanguages: boolean; totalLicenses: number; languages: string[] }) {
  return { _id: p.id, name: p.name, allLanguages: p.allLanguages, totalLicenses: p.totalLicenses, languages: p.languages };
}

export function licenseOut(l: {
  id: string;
  expire: Date;
  createdAt: Date;
  accessToken: string | null;
  authCode: string | null;
  authenticatedBy: string | null;
}) {
  return {
    _id: l.id,
    expire: l.expire.toISOString(),
    createdAt: l.createdAt.toISOString(),
    ...(l.accessToken !== null && { accessToken: l.accessToken }),
    ...(l.authCode !== null && { authCode: l.authCode }),
    ...(l.authenticatedBy !== null && { authenticatedBy: l.authenticatedBy }),
  };
}

export function languageOut({ id, ...rest }: { id: string } & Record<string, unknown>) {
  return { _id: id, ...rest };
}

export function page<T, U>(p: { offset: number; limit: number; total: number; items: T[] }, map: (item: T) => U) {
  return { offset: p.offset, limit: p.limit, total: p.total, items: p.items.map(map) };
}

/** Query-string numbers: digits become numbers, anything else is passed on for the contract to reject. */
export function queryNumber(value: unknown): unknown {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  return value;
}

export function queryBool(value: unknown): boolean {
  return value === '' || value === 'true' || value === '1';
}
