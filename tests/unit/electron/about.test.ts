import { describe, expect, it } from 'vitest';
import { aboutDetail, parseBackendAnswer } from '../../../electron/about.js';

describe('About box', () => {
  it('names the version, the licence, the backend with its fallback note, and the runtimes', () => {
    const text = aboutDetail({
      version: '0.1.0',
      licence: 'MIT',
      backend: 'wasm',
      backendNote: 'tfjs-node not installed',
      versions: { electron: '45.4.1', chrome: '140.0', node: '22.1.0' },
    });
    expect(text.split('\n')).toEqual([
      'Version 0.1.0',
      'Licence: MIT (see the LICENSE file)',
      'Engine backend: wasm (tfjs-node not installed)',
      'Electron 45.4.1, Chromium 140.0, Node 22.1.0',
    ]);
  });

  it('says when the engine has not answered', () => {
    expect(aboutDetail({ version: '1', licence: 'MIT', backend: null, versions: {} })).toContain('not known yet');
  });

  it("reads the page's info answer and ignores anything else", () => {
    expect(parseBackendAnswer({ backend: 'tfjs-node', note: null })).toEqual({ backend: 'tfjs-node', note: null });
    expect(parseBackendAnswer({ backend: 'cpu', note: 'wasm failed: x' })).toEqual({ backend: 'cpu', note: 'wasm failed: x' });
    expect(parseBackendAnswer(null)).toEqual({ backend: null, note: null });
    expect(parseBackendAnswer({ backend: 3 })).toEqual({ backend: null, note: null });
  });
});
