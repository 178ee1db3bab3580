#!/usr/bin/env node
// `npm run audit:electron`: runs @doyensec/electronegativity over the Electron side of the app (electron/*.ts, the
// renderer's index.html with its CSP, package.json for the Electron version) and fails on any finding that
// docs/security.md does not justify. A justification is a table row there: `| CHECK_ID | file | why |`.
// The runner is called as a library: the package's own CLI relies on a hoisted commander@5 and breaks under the
// commander@7 that d3 brings.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** What is scanned: the main/preload/utility-process glue, the page that is loaded, the Electron version. */
function stage() {
  const dir = mkdtempSync(join(tmpdir(), 'lex-audit-'));
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  for (const name of readdirSync(join(root, 'electron'))) {
    if (name.endsWith('.ts')) cpSync(join(root, 'electron', name), join(dir, 'electron', name));
  }
  cpSync(join(root, 'renderer', 'index.html'), join(dir, 'renderer', 'index.html'));
  return dir;
}

/** `CHECK_ID file` pairs justified in docs/security.md (rows of its findings table). */
export function justified(markdown) {
  const out = new Set();
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*`?([A-Z_]+)`?\s*\|\s*`?([^|`]+?)`?\s*\|\s*\S/.exec(line);
    if (m) out.add(`${m[1]} ${m[2]}`);
  }
  return out;
}

async function main() {
  const run = require('@doyensec/electronegativity/dist/runner.js');
  const input = stage();
  let result;
  const log = console.log;
  try {
    // The runner chats on stdout even as a library; keep only our report.
    console.log = () => {};
    result = await run({ input, isRelative: true, isVerbose: false, customScan: [], excludeFromScan: [], parserPlugins: [] }, false);
  } finally {
    console.log = log;
    rmSync(input, { recursive: true, force: true });
  }
  const allowed = justified(readFileSync(join(root, 'docs', 'security.md'), 'utf8'));
  const findings = result.issues.map((i) => ({
    id: i.id,
    file: i.file.replace(/\\/g, '/'),
    line: i.location?.line ?? 0,
    severity: i.severity?.name ?? String(i.severity ?? ''),
    confidence: i.confidence?.name ?? String(i.confidence ?? ''),
    description: i.description ?? '',
  }));
  const open = findings.filter((f) => !allowed.has(`${f.id} ${f.file}`));
  console.log(
    `electronegativity: ${result.globalChecks + result.atomicChecks} checks, ${findings.length} findings, ${findings.length - open.length} justified in docs/security.md`,
  );
  for (const f of findings) {
    const mark = open.includes(f) ? 'OPEN     ' : 'justified';
    console.log(`  ${mark} ${f.id} ${f.file}:${f.line} [${f.severity}/${f.confidence}] ${f.description.split('\n')[0].slice(0, 110)}`);
  }
  for (const e of result.errors ?? []) if (!e.tolerable) console.log(`  parse error ${e.file}: ${e.message}`);
  if (open.length) {
    console.error(
      `${open.length} finding(s) neither fixed nor justified: fix them, or add a row \`| ID | file | why |\` to docs/security.md`,
    );
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`audit:electron failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  });
}
