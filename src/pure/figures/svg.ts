/**
 * A tiny SVG string builder. Figures are built as strings, not through a DOM, so the same functions run in Node
 * (the `figure` command), in the renderer and in snapshot tests without jsdom.
 */

/** Attribute values; `null`, `undefined` and `false` leave the attribute out. */
export type Attrs = Record<string, string | number | boolean | null | undefined>;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for use in XML content or a double-quoted attribute. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Formats a coordinate in px with at most 2 decimals: sub-pixel precision beyond that only inflates files. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function attrs(a: Attrs): string {
  let out = '';
  for (const [key, value] of Object.entries(a)) {
    if (value === null || value === undefined || value === false) continue;
    const text = value === true ? key : typeof value === 'number' ? num(value) : esc(value);
    out += ` ${key}="${text}"`;
  }
  return out;
}

/**
 * One element as a string. Children are already-built strings (use {@link text} for character data); an element
 * without children is self-closed. Each child goes on its own line so snapshot diffs stay readable.
 */
export function tag(name: string, a: Attrs = {}, ...children: (string | null | undefined | false)[]): string {
  const kids = children.filter((c): c is string => typeof c === 'string' && c.length > 0);
  if (kids.length === 0) return `<${name}${attrs(a)}/>`;
  if (kids.length === 1 && !kids[0]!.startsWith('<')) return `<${name}${attrs(a)}>${kids[0]}</${name}>`;
  return `<${name}${attrs(a)}>\n${kids.join('\n')}\n</${name}>`;
}

/** Escaped character data for {@link tag}. */
export function text(content: string): string {
  return esc(content);
}

/** A `<g>` with an aria-label, the unit screen readers and snapshot reviewers navigate by. */
export function group(ariaLabel: string, a: Attrs, ...children: (string | null | undefined | false)[]): string {
  return tag('g', { 'aria-label': ariaLabel, ...a }, ...children);
}

/**
 * Escaped label text where a trailing `_sub` becomes a subscript (`z_1` -> z&#8321; as a lowered, smaller tspan),
 * since subscript code points are missing from many sans fonts and fall back to a mismatched face.
 */
export function label(content: string): string {
  const match = /^(.*\S)_(\w+)$/.exec(content);
  if (!match) return esc(content);
  return `${esc(match[1]!)}<tspan baseline-shift="sub" font-size="75%">${esc(match[2]!)}</tspan>`;
}
