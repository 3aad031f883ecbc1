'use client';

import { useState } from 'react';
import { Button } from './ui';

/** Copies `value`; falls back to selecting the text of `targetId` when the Clipboard API is refused. */
export function CopyButton({ value, targetId, label = 'Copy' }: { value: string; targetId?: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      const target = targetId ? document.getElementById(targetId) : null;
      if (target) window.getSelection()?.selectAllChildren(target);
      setState('failed');
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" size="sm" onClick={copy}>
        {state === 'copied' ? 'Copied' : label}
      </Button>
      <span aria-live="polite" className="text-xs text-slate-600">
        {state === 'failed' ? 'Copy was blocked by the browser; the text is selected, press Ctrl+C.' : ''}
      </span>
    </span>
  );
}
