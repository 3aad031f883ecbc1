'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';

// A table's page, page size, sort and filters live in the URL (`?page=3&size=50&sort=name&desc=1&q=abc`), so
// Back from a record returns to the same page, and a list can be bookmarked or shared. Filters beyond `q`
// are named by the page (`?actor=…&entityType=…`).

export type TableState = {
  page: number;
  size: number;
  sort: string;
  desc: boolean;
  q: string;
  filters: Record<string, string>;
};

export type TableDefaults = {
  size?: number;
  sort: string;
  desc?: boolean;
  filters?: string[];
  /** Names this table's URL keys (`?customers.page=2`) where one page shows several tables. */
  key?: string;
};

export const PAGE_SIZES = [10, 25, 50, 100, 200];

export function useTableState(defaults: TableDefaults): [TableState, (change: Partial<TableState>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filterKey = (defaults.filters ?? []).join(',');
  const prefix = defaults.key ? `${defaults.key}.` : '';
  const param = useCallback((name: string) => params.get(prefix + name), [params, prefix]);

  const urlState = useMemo<TableState>(() => {
    const size = Number(param('size'));
    const page = Number(param('page'));
    const desc = param('desc');
    return {
      page: Number.isInteger(page) && page > 0 ? page : 1,
      size: PAGE_SIZES.includes(size) ? size : (defaults.size ?? 25),
      sort: param('sort') ?? defaults.sort,
      desc: desc !== null ? desc === '1' : (defaults.desc ?? false),
      q: param('q') ?? '',
      filters: Object.fromEntries(
        filterKey
          .split(',')
          .filter(Boolean)
          .map((name) => [name, param(name) ?? '']),
      ),
    };
  }, [param, defaults.size, defaults.sort, defaults.desc, filterKey]);

  // The URL changes only once the router has finished its transition (seconds on a slow machine): until then
  // the change shows at once from local state, so a checkbox or a sort header answers the click. The local
  // state is kept only while the URL is still the one it was made from.
  const paramsKey = params.toString();
  const [pending, setPending] = useState<{ from: string; state: TableState } | null>(null);
  const state = pending && pending.from === paramsKey ? pending.state : urlState;

  const update = useCallback(
    (change: Partial<TableState>) => {
      const next = { ...state, ...change, filters: { ...state.filters, ...change.filters } };
      // Anything but a page change starts again from page 1.
      if (change.page === undefined) next.page = 1;
      const out = new URLSearchParams(params.toString());
      const set = (key: string, value: string, fallback: string) => {
        if (value === fallback) out.delete(prefix + key);
        else out.set(prefix + key, value);
      };
      set('page', String(next.page), '1');
      set('size', String(next.size), String(defaults.size ?? 25));
      set('sort', next.sort, defaults.sort);
      set('desc', next.desc ? '1' : '0', defaults.desc ? '1' : '0');
      set('q', next.q, '');
      for (const [name, value] of Object.entries(next.filters)) set(name, value, '');
      const query = out.toString();
      setPending({ from: paramsKey, state: next });
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [state, params, paramsKey, pathname, router, prefix, defaults.size, defaults.sort, defaults.desc],
  );

  return [state, update];
}

/** For lists the server answers whole (small by nature: tokens, tenants): the same state applied in the browser. */
export function pageLocally<T>(
  rows: readonly T[] | undefined,
  state: TableState,
  opts: { text: (row: T) => string; sortValue: (row: T, sort: string) => string | number | null },
): { items: T[]; total: number } | undefined {
  if (!rows) return undefined;
  const q = state.q.trim().toLowerCase();
  const filtered = q ? rows.filter((r) => opts.text(r).toLowerCase().includes(q)) : [...rows];
  filtered.sort((a, b) => {
    const x = opts.sortValue(a, state.sort) ?? '';
    const y = opts.sortValue(b, state.sort) ?? '';
    const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return state.desc ? -cmp : cmp;
  });
  const start = (state.page - 1) * state.size;
  return { items: filtered.slice(start, start + state.size), total: filtered.length };
}

/**
 * The input of a list's `page` procedure for this state: offset paging, the sort (one the resource offers,
 * else its first), direction and free-text filter.
 */
export function pageInput<const S extends readonly [string, ...string[]]>(state: TableState, sorts: S) {
  const sort = (sorts.includes(state.sort) ? state.sort : sorts[0]) as S[number];
  return { offset: (state.page - 1) * state.size, limit: state.size, desc: state.desc, q: state.q, sort };
}
