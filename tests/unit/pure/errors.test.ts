import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../src/pure/errors.js';

describe('errorMessage', () => {
  it("gives an Error's message and any other thrown value as text", () => {
    expect(errorMessage(new TypeError('bad shape'))).toBe('bad shape');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
