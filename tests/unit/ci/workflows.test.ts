/**
 * The GitHub Actions workflows (.github/workflows/): valid for GitHub's schema (action-validator, the same check
 * the editor integrations use), and each does what the release process relies on.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const VALIDATOR = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'action-validator.cmd' : 'action-validator');
const read = (name: string) => readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8');

function validate(file: string): { status: number | null; output: string } {
  const result = spawnSync(VALIDATOR, [file], { encoding: 'utf8', shell: process.platform === 'win32' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The `run:` commands of a workflow, one string per step (block scalars joined). */
function runCommands(yaml: string): string[] {
  const runs: string[] = [];
  const lines = yaml.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(?:- )?run: ?(.*)$/.exec(lines[i]!);
    if (!m) continue;
    if (m[2] !== '|') {
      runs.push(m[2]!);
      continue;
    }
    const block: string[] = [];
    while (i + 1 < lines.length && (lines[i + 1]!.startsWith(`${m[1]}  `) || lines[i + 1]!.trim() === '')) block.push(lines[++i]!.trim());
    runs.push(block.join('\n'));
  }
  return runs;
}

describe('GitHub Actions workflows', () => {
  it('action-validator accepts both workflows', () => {
    for (const name of ['ci.yml', 'release.yml']) {
      const { status, output } = validate(join(ROOT, '.github', 'workflows', name));
      expect(output, name).not.toMatch(/"errors"/);
      expect(status, `${name}: ${output}`).toBe(0);
    }
  });

  it('action-validator rejects a broken workflow (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lex-wf-'));
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, read('ci.yml').replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest'));
    expect(validate(bad).status).not.toBe(0);
  });

  it('CI runs .ci/run on Linux and CI=true npm test with a Chrome on macOS and Windows, on push and pull request', () => {
    const ci = read('ci.yml');
    expect(ci).toMatch(/^on:\n\s+push:\n\s+pull_request:/m);
    expect(runCommands(ci)).toContain('.ci/run');
    expect(runCommands(ci)).toContain('npm test');
    for (const os of ['macos-latest', 'windows-latest']) expect(ci).toContain(`os: ${os}`);
    expect(ci).toMatch(/CI: 'true'/);
    expect(ci).toMatch(/CHROMIUM_PATH: \$\{\{ matrix\.chrome \}\}/);
  });

  it('Release, on tags, installs with tfjs-node, tests, builds installers, smoke-tests the packaged app, drafts a release', () => {
    const release = read('release.yml');
    expect(release).toMatch(/tags: \['v\*'\]/);
    const runs = runCommands(release);
    const order = [
      'npm ci',
      "node -e \"require('@tensorflow/tfjs-node')",
      'tfjs-node-parity.test.ts',
      'npm test',
      'npx electron-builder',
      'xvfb-run -a npm run test:electron -- --app',
      'gh release create',
    ].map((needle) => runs.findIndex((r) => r.includes(needle)));
    expect(
      order.every((i) => i >= 0),
      JSON.stringify(order),
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(runs.find((r) => r.includes('gh release create'))).toContain('--draft');
    // The smoke test and the tfjs-node checks are required there, not skipped.
    expect(release).toMatch(/LATENT_EXPLORER_REQUIRE_ELECTRON: '1'/);
    expect(release).toMatch(/LATENT_EXPLORER_REQUIRE_TFJS_NODE: \$\{\{ matrix\.tfjs_node \}\}/);
    for (const os of ['ubuntu-', 'macos-', 'windows-']) expect(release).toContain(`os: ${os}`);
  });
});
