import { describe, expect, it } from 'vitest';
import { esc, label, num, tag } from '../../src/pure/figures/svg.js';
import { frame, frameLayout, SIZES } from '../../src/pure/figures/style.js';
import { CLASS_COLORS, classColor, classColorRgb } from '../../src/pure/figures/palette.js';
import { parseSvg } from './snapshot.js';

describe('svg builder', () => {
  it('esc escapes the five XML specials', () => {
    expect(esc(`<a & "b" 'c'>`)).toBe('&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;');
  });

  it('num rounds to 2 decimals and never prints -0', () => {
    expect(num(1.23456)).toBe('1.23');
    expect(num(-0.001)).toBe('0');
  });

  it('tag leaves out null and false attributes and self-closes empty elements', () => {
    expect(tag('rect', { x: 1, y: null, hidden: false, title: 'a<b' })).toBe('<rect x="1" title="a&lt;b"/>');
  });

  it('label turns a trailing _1 into a subscript tspan', () => {
    expect(label('z_1')).toBe('z<tspan baseline-shift="sub" font-size="75%">1</tspan>');
    expect(label('epoch')).toBe('epoch');
  });
});

describe('style', () => {
  it('frameLayout gives 960x540 for 16:9 and 800x600 for 4:3', () => {
    expect(frameLayout({}).width).toBe(960);
    expect(frameLayout({ size: '4:3' })).toMatchObject(SIZES['4:3']);
  });

  it('frame escapes the title and yields valid XML', () => {
    const svg = frame({ title: 'A & B <test>' }, 'figure', []);
    const root = parseSvg(svg);
    expect(root.getAttribute('aria-label')).toBe('figure: A & B <test>');
    expect(root.getAttribute('width')).toBe('960');
  });

  it('frame rejects an unknown size name', () => {
    expect(() => frameLayout({ size: '1:1' as never })).toThrow(/unknown figure size/);
  });
});

describe('palette', () => {
  it('has 10 distinct colours and wraps labels past 9', () => {
    expect(new Set(CLASS_COLORS).size).toBe(10);
    expect(classColor(13)).toBe(CLASS_COLORS[3]);
    expect(classColorRgb(0)).toEqual([0x00, 0x72, 0xb2]);
  });
});
