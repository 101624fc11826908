/** What the scaffolds (new-route.ts, new-service.ts) share: writing files, naming, reporting, running. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout the scaffolds write into unless `--root` says otherwise (dist/src/tools/scaffold → root). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** A refusal with the reason and what to do; printed without a stack, exit code 2. */
export class ScaffoldError extends Error {}

export interface FileChange {
  /** Relative to the root. */
  file: string;
  action: 'created' | 'appended' | 'changed';
}

export interface ScaffoldResult {
  changes: FileChange[];
  /** What the author still has to do, in order. */
  next: string[];
}

export const camel = (words: string) => words.replace(/-([a-z0-9])/g, (_all, letter: string) => letter.toUpperCase());
export const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
export const title = (words: string) => words.replace(/-/g, ' ').replace(/^./, (letter) => letter.toUpperCase());
export const FOLDER_NAME = /^[a-z][a-z0-9-]*$/;

/** `../../answer.js`: how a file in `fromFolder` imports `file`. */
export function importSpecifier(fromFolder: string, file: string): string {
  const path = relative(fromFolder, file).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

export async function readIfExists(file: string): Promise<string | null> {
  return existsSync(file) ? readFile(file, 'utf8') : null;
}

/** Writes files under one root and remembers what it did, for the report. */
export class FileWriter {
  readonly changes: FileChange[] = [];

  constructor(readonly root: string) {}

  async write(file: string, text: string, action: FileChange['action']): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    this.changes.push({ file: relative(this.root, file), action });
  }
}

export function report({ changes, next }: ScaffoldResult): string {
  const lines = changes.map(({ file, action }) => `${action.padEnd(8)} ${file}`);
  lines.push('', 'Next:', ...next.map((step, index) => `  ${index + 1}. ${step}`));
  return `${lines.join('\n')}\n`;
}

/** Runs a scaffold's main when its module is the script node was started with. */
export async function runAsScript(moduleUrl: string, main: (argv: string[]) => Promise<ScaffoldResult>): Promise<void> {
  if (!process.argv[1] || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  try {
    process.stdout.write(report(await main(process.argv.slice(2))));
  } catch (error) {
    // parseArgs reports unknown options as TypeErrors (ERR_PARSE_ARGS_*).
    if (!(error instanceof ScaffoldError) && !(error instanceof TypeError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  }
}

export const servicesFolder = (root: string, ...rest: string[]) => join(root, 'src', 'services', ...rest);
