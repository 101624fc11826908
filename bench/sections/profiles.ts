/**
 * The 500,000-row bulk profile update (issue 6), measured by bench/profile-bulk.ts in a child
 * process of its own (its RSS growth is that of the whole process, so it must not share ours).
 * The section is skipped, with a note, when that benchmark is not in this tree.
 *
 * Contract with bench/profile-bulk.ts: it accepts `--rows N` and prints its result through
 * writeResult() (a "# Benchmark: profile-bulk" document whose table's last column is the verdict
 * per upload: "met" or "missed").
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, spawnServer } from '../lib.js';
import type { BenchSection, GoalLine, SectionResult } from './types.js';

const SOURCE = join(packageRoot, 'bench', 'profile-bulk.ts');
const SCRIPT = join(packageRoot, 'dist', 'bench', 'profile-bulk.js');
const TIMEOUT_MS = 10 * 60_000;
const GOAL = '≤ 10 s and ≤ 256 MB RSS growth (issue 6)';

export const profilesSection: BenchSection = {
  id: 'profiles',
  title: '500,000-row bulk profile update',
  async run({ quick, progress }): Promise<SectionResult> {
    if (!existsSync(SOURCE) || !existsSync(SCRIPT)) {
      const note = 'bench/profile-bulk.ts is not in this tree (it comes with the Profile API): section skipped.';
      progress(`  ${note}`);
      return { markdown: `_${note}_`, goals: [{ figure: 'bulk profile update, 500,000 rows', value: '—', goal: GOAL, verdict: 'skipped' }] };
    }
    const rows = quick ? 100_000 : 500_000;
    const child = spawnServer(process.execPath, ['--expose-gc', SCRIPT, '--rows', String(rows)], { ...process.env });
    const timer = setTimeout(() => void child.stop(), TIMEOUT_MS);
    const exit = await child.exited.finally(() => clearTimeout(timer));
    const output = child.output();
    if (exit.code !== 0) throw new Error(`bench/profile-bulk.js exited with ${exit.code ?? exit.signal}:\n${output.slice(-2000)}`);
    const start = output.indexOf('# Benchmark: profile-bulk');
    const end = output.indexOf('\n(written to', start);
    const document = start >= 0 ? output.slice(start, end >= 0 ? end : undefined) : output;
    // Drop the document's own title and machine lines: the report has them once at the top.
    const body = document
      .split('\n')
      .filter((line, index) => index > 0 && !/^- (date|node|cpu|memory): /.test(line))
      .join('\n')
      .trim();
    return { markdown: body, goals: goalsFrom(body, rows) };
  },
};

/** One goal line per row of the result table (upload, MB, s, rows/s, RSS growth, verdict). */
function goalsFrom(markdown: string, rows: number): GoalLine[] {
  const lines = markdown.split('\n').filter((line) => line.startsWith('|'));
  const [header, , ...data] = lines;
  if (!header || data.length === 0) return [{ figure: 'bulk profile update', value: 'see details', goal: GOAL, verdict: 'n/a' }];
  const names = cells(header);
  return data.map((line) => {
    const values = cells(line);
    const verdict = values.at(-1)?.toLowerCase() ?? '';
    return {
      figure: `bulk profile update, ${values[0]}`,
      value: names
        .slice(1, -1)
        .map((name, index) => `${values[index + 1]} ${name}`)
        .join(', '),
      goal: rows === 500_000 ? GOAL : `${GOAL}; quick run: ${rows.toLocaleString('en')} rows`,
      verdict: verdict === 'met' ? 'met' : verdict === 'missed' ? 'MISSED' : 'n/a',
    };
  });
}

function cells(line: string): string[] {
  return line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}
