/**
 * The few host globals that pure modules (checked by tsconfig.pure.json: lib ES2022, no DOM, no Node types) may
 * use, because every runtime this code runs in (browsers, Node >= 20, Electron) has them with these shapes.
 */
declare const console: {
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  log(...data: unknown[]): void;
};

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}

declare function structuredClone<T>(value: T): T;
