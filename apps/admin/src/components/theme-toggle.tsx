'use client';

import { useEffect, useState } from 'react';

const KEY = 'profilehub.theme';

/** Light or dark, remembered in this browser; the class on <html> switches every `dark:` style. */
export function ThemeToggle() {
  const [dark, setDark] = useState(false);
  useEffect(() => setDark(document.documentElement.classList.contains('dark')), []);
  function toggle() {
    const next = !dark;
    document.documentElement.classList.toggle('dark', next);
    window.localStorage.setItem(KEY, next ? 'dark' : 'light');
    setDark(next);
  }
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={dark}
      className="shrink-0 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800"
    >
      Dark mode
    </button>
  );
}

/** Runs before the page paints, so a dark choice does not flash light first. */
export const themeScript = `try{if(localStorage.getItem('${KEY}')==='dark')document.documentElement.classList.add('dark')}catch(e){}`;
