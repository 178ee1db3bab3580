/**
 * The menu's "Export figure" as a signal: each mounted export menu offers itself, and a request opens the
 * first one still offered (the figure the current view shows first). No DOM lookup, no test ids.
 */
import type { Unsubscribe } from '../../src/pure/api/api.js';

const offers: (() => void)[] = [];

/** A mounted export menu offers to open; call the returned function when it unmounts. */
export function offerExport(open: () => void): Unsubscribe {
  offers.push(open);
  return () => {
    const i = offers.indexOf(open);
    if (i >= 0) offers.splice(i, 1);
  };
}

/** Opens the first offered export menu; false when the view shows no exportable figure. */
export function requestExport(): boolean {
  const first = offers[0];
  first?.();
  return first !== undefined;
}
