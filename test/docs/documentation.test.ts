/**
 * Documentation that runs: every ```bash / ```sh block of README.md and docs/*.md is executed,
 * in order per file, by one `bash` with `set -eo pipefail` (cwd = the repository root), against
 * an emulator this test starts on a free port of 127.0.0.1 with the CLI's defaults (1000 ms
 * processing delay). The blocks are written for http://127.0.0.1:4590; that base URL is
 * rewritten to the started emulator's before running, and ADOBE_MOCK_URL points the examples/
 * scripts at it. Shell variables carry from one block of a file to the next, as in a terminal.
 *
 * Marks, each the last non-blank line before a fence:
 *   <!-- not run: <reason> -->   the shell block below cannot run here (Docker, npm ci, CI YAML);
 *                                it is skipped and counted.
 *   <!-- output -->              the fenced block below is the output of the shell block just
 *                                above it: its lines must appear, in order and as consecutive
 *                                lines, in what that block printed; `…` matches any text within
 *                                a line.
 * `# →` comments inside a shell block are notes for the reader, not checked.
 *
 * Also: every relative link and #anchor in README.md and docs/*.md resolves.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runChild, type Run } from '../child-run.js';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockServer, type MockServer } from '../../src/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DOCUMENTED_BASE = 'http://127.0.0.1:4590';
const SHELL = new Set(['bash', 'sh']);
/** Fence languages that look like shell but would escape the runner. */
const SHELL_LOOKALIKES = new Set(['shell', 'console', 'zsh', 'shell-session', 'shellsession']);

export interface Block {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  /** The reason of a `<!-- not run: ... -->` mark. */
  notRun?: string;
  /** The text of an `<!-- output -->` block following this one. */
  expected?: string;
}

/** The fenced blocks of a markdown text, with their marks. */
export function parseBlocks(file: string, markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let lastNonBlank = '';
  let pendingOutputFor: Block | undefined;
  for (let i = 0; i < lines.length; i++) {
    // Fences may be indented (a block inside a list item); the indent is not part of the code.
    const open = /^( {0,4})(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) {
      if (lines[i].trim() !== '') {
        if (lastNonBlank.trim() === '<!-- output -->' && lines[i].trim() !== '<!-- output -->') pendingOutputFor = undefined;
        lastNonBlank = lines[i];
      }
      continue;
    }
    const [, indent, fence, lang] = open as unknown as [string, string, string, string];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j].trimStart().startsWith(fence); j++) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
    }
    const block: Block = { file, line: i + 1, lang: lang.toLowerCase(), code: body.join('\n') };
    const mark = /^<!--\s*not run:\s*(.+?)\s*-->$/.exec(lastNonBlank.trim());
    if (mark) block.notRun = mark[1];
    if (lastNonBlank.trim() === '<!-- output -->') {
      assert.ok(pendingOutputFor, `${file}:${i + 1}: an <!-- output --> block must follow a shell block`);
      pendingOutputFor.expected = block.code;
      pendingOutputFor = undefined;
    } else {
      blocks.push(block);
      pendingOutputFor = SHELL.has(block.lang) ? block : undefined;
    }
    lastNonBlank = fence;
    i = j;
  }
  return blocks;
}

function markdownFiles(): string[] {
  const docs = existsSync(join(ROOT, 'docs'))
    ? readdirSync(join(ROOT, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => `docs/${name}`)
    : [];
  return ['README.md', ...docs];
}

/** A regular expression for an expected output: its lines consecutive, `…` any text in a line. */
function expectation(expected: string): RegExp {
  const lines = expected
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const escaped = lines.map((line) =>
    line
      .split('…')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^\\n]*?'),
  );
  return new RegExp(escaped.join('[ \\t]*\\n[ \\t]*'));
}

function runBash(script: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return runChild('bash', ['-c', script], { cwd: ROOT, env, timeoutMs: 120_000 });
}

const MARKER = '@@documentation-block@@';

describe('shell blocks of README.md and docs/*.md', () => {
  let mock: MockServer;
  before(async () => {
    mock = await createMockServer({ logLevel: 'silent', processingDelayMs: 1000 });
  });
  after(async () => {
    await mock?.close();
  });

  const files = markdownFiles();
  for (const file of files) {
    const blocks = parseBlocks(file, readFileSync(join(ROOT, file), 'utf8'));
    const shell = blocks.filter((block) => SHELL.has(block.lang));
    if (shell.length === 0) continue;
    const run = shell.filter((block) => !block.notRun);
    const skipped = shell.filter((block) => block.notRun);

    test(`${file}: ${run.length} shell blocks run, ${skipped.length} marked not run`, async (t) => {
      for (const block of blocks) {
        assert.ok(!SHELL_LOOKALIKES.has(block.lang), `${file}:${block.line}: a \`${block.lang}\` block; use bash or sh so it is run (or marked)`);
        if (block.notRun) assert.ok(SHELL.has(block.lang), `${file}:${block.line}: only shell blocks take a "not run" mark`);
      }
      for (const block of skipped) t.diagnostic(`not run: ${file}:${block.line} (${block.notRun})`);
      if (run.length === 0) return;
      const base = mock.url.replace(/\/$/, '');
      const script = [
        'set -eo pipefail',
        ...run.flatMap((block, index) => [`printf '\\n${MARKER}${index}\\n'`, block.code.replaceAll(DOCUMENTED_BASE, base)]),
        `printf '\\n${MARKER}end\\n'`,
      ].join('\n');
      const env: NodeJS.ProcessEnv = { ...process.env, ADOBE_MOCK_URL: base, NO_COLOR: '1' };
      delete env.NODE_TEST_CONTEXT;
      delete env.TOKEN;
      const result = await runBash(script, env);
      // DOCS_TEST_DEBUG=<file> keeps what the blocks printed, to write an <!-- output --> block from.
      if (process.env.DOCS_TEST_DEBUG) writeFileSync(process.env.DOCS_TEST_DEBUG, result.stdout);

      const parts = result.stdout.split(new RegExp(`\\n${MARKER}(\\d+|end)\\n`));
      // parts: [before, id0, out0, id1, out1, ...]
      const outputs = new Map<string, string>();
      for (let k = 1; k < parts.length; k += 2) outputs.set(parts[k], parts[k + 1] ?? '');
      const started = [...outputs.keys()].filter((key) => key !== 'end');
      const last = run[Number(started.at(-1) ?? 0)];
      assert.equal(
        result.code,
        0,
        `${file}:${last.line}: the block exits ${result.code}\n--- its stdout\n${outputs.get(String(started.at(-1))) ?? ''}\n--- stderr\n${result.stderr}`,
      );
      assert.ok(outputs.has('end'), `${file}: every block ran`);
      run.forEach((block, index) => {
        if (block.expected === undefined) return;
        const actual = outputs.get(String(index)) ?? '';
        const expected = block.expected.replaceAll(DOCUMENTED_BASE, base);
        assert.match(actual, expectation(expected), `${file}:${block.line}: the output shown under the block\n--- printed\n${actual}`);
      });
    });
  }
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}

function withoutCode(markdown: string): string {
  let inFence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^(`{3,}|~{3,})/.test(line)) {
        inFence = !inFence;
        return '';
      }
      return inFence ? '' : line.replace(/`[^`]*`/g, '');
    })
    .join('\n');
}

describe('links of README.md and docs/*.md', () => {
  test('every relative link and #anchor resolves', () => {
    const problems: string[] = [];
    for (const file of markdownFiles()) {
      const text = withoutCode(readFileSync(join(ROOT, file), 'utf8'));
      for (const match of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = match[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
        const [path, anchor] = target.split('#');
        const resolved = path === '' ? join(ROOT, file) : resolve(dirname(join(ROOT, file)), decodeURIComponent(path));
        if (!existsSync(resolved)) {
          problems.push(`${file}: ${target} (no ${path})`);
          continue;
        }
        if (anchor !== undefined && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(anchor)) {
          problems.push(`${file}: ${target} (no heading #${anchor})`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
