/**
 * A small Dockerfile reader for the image tests (no Docker engine is needed): instructions with line
 * continuations and comments, stages (`FROM … AS name`), ENV/WORKDIR/USER state per stage, COPY
 * (`--from=`), exec/shell forms and HEALTHCHECK; plus a .dockerignore evaluator built on
 * @balena/dockerignore (Docker's own matching rules).
 */
import { readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import dockerignoreModule from '@balena/dockerignore';

// A CommonJS module whose typings declare `export default`: under NodeNext the default import is
// module.exports, which carries the function both as itself and as `.default`.
const dockerignore = dockerignoreModule.default;

export interface Instruction {
  /** Upper-cased: FROM, RUN, COPY… */
  keyword: string;
  /** Everything after the keyword, continuations joined, trimmed. */
  args: string;
  /** 1-based line the instruction starts on. */
  line: number;
}

export interface Stage {
  index: number;
  /** The `AS name`, lower-cased as Docker does; undefined when unnamed. */
  name: string | undefined;
  /** The image (or earlier stage) it starts from. */
  base: string;
  /** The instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
}

export interface Dockerfile {
  escape: string;
  /** Instructions before the first FROM (ARG only, in a valid file). */
  preamble: Instruction[];
  stages: Stage[];
}

/** Splits a Dockerfile into instructions (parser directives, comments, continuations) and stages. */
export function parseDockerfile(text: string): Dockerfile {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let escapeCharacter = '\\';
  let index = 0;
  // Parser directives: `# name=value` lines at the very top, before any blank line, comment or instruction.
  for (; index < lines.length; index++) {
    const directive = /^\s*#\s*([a-zA-Z][a-zA-Z0-9_-]*)\s*=\s*(.*?)\s*$/.exec(lines[index]!);
    if (!directive) break;
    if (directive[1]!.toLowerCase() === 'escape') {
      if (directive[2] !== '\\' && directive[2] !== '`') throw new Error(`invalid escape directive: ${directive[2]}`);
      escapeCharacter = directive[2];
    }
  }

  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | null = null;
  const endsWithEscape = (line: string) => line.trimEnd().endsWith(escapeCharacter);
  const stripEscape = (line: string) => line.trimEnd().slice(0, -escapeCharacter.length);
  for (; index < lines.length; index++) {
    const raw = lines[index]!;
    const isCommentOrBlank = /^\s*(#.*)?$/.test(raw);
    if (pending) {
      // Inside a continuation Docker drops comment lines and (deprecated) empty lines.
      if (isCommentOrBlank) continue;
      if (endsWithEscape(raw)) {
        pending.text += stripEscape(raw);
        continue;
      }
      pending.text += raw;
      instructions.push(toInstruction(pending.text, pending.line));
      pending = null;
      continue;
    }
    if (isCommentOrBlank) continue;
    if (endsWithEscape(raw)) pending = { text: stripEscape(raw), line: index + 1 };
    else instructions.push(toInstruction(raw, index + 1));
  }
  if (pending) instructions.push(toInstruction(pending.text, pending.line));

  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const { rest } = splitFlags(instruction.args); // --platform=…
      const words = shellWords(rest);
      const as = words.length === 3 && words[1]!.toUpperCase() === 'AS' ? words[2]!.toLowerCase() : undefined;
      if (!words[0] || (words.length !== 1 && as === undefined)) {
        throw new Error(`line ${instruction.line}: malformed FROM: ${instruction.args}`);
      }
      stages.push({ index: stages.length, name: as, base: words[0], instructions: [] });
    } else if (stages.length === 0) {
      preamble.push(instruction);
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { escape: escapeCharacter, preamble, stages };
}

function toInstruction(text: string, line: number): Instruction {
  const match = /^\s*(\S+)\s*([\s\S]*?)\s*$/.exec(text);
  if (!match) throw new Error(`line ${line}: cannot read instruction`);
  return { keyword: match[1]!.toUpperCase(), args: match[2]!, line };
}

/** Leading `--name=value` / `--flag` options of COPY, ADD, FROM, RUN, HEALTHCHECK. */
export function splitFlags(args: string): { flags: Record<string, string | true>; rest: string } {
  const flags: Record<string, string | true> = {};
  let rest = args.trimStart();
  for (;;) {
    const match = /^--([a-zA-Z][a-zA-Z0-9-]*)(?:=(\S*))?(?:\s+|$)/.exec(rest);
    if (!match) break;
    flags[match[1]!.toLowerCase()] = match[2] ?? true;
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

/** Whitespace-separated words, honouring single/double quotes and backslash escapes. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated quote in: ${text}`);
  if (inWord) words.push(word);
  return words;
}

/** The exec (JSON array) form's strings, or null for the shell form. */
export function jsonForm(args: string): string[] | null {
  if (!args.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(args);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed as string[];
  } catch {
    // Docker treats a line that is not a valid JSON array as the shell form.
  }
  return null;
}

/** argv for RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD: the exec form as is, the shell form through /bin/sh -c. */
export function commandArgv(args: string): string[] {
  return jsonForm(args) ?? ['/bin/sh', '-c', args];
}

/** `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` as Docker expands them in ENV, COPY, WORKDIR… */
export function expandVariables(text: string, env: Record<string, string>): string {
  return text.replace(/\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, braced, op, word, bare) => {
    if (all === '\\$') return '$';
    const name = (braced ?? bare) as string;
    const value = env[name];
    if (op === '-') return value ? value : (word as string);
    if (op === '+') return value ? (word as string) : '';
    return value ?? '';
  });
}

/** ENV's pairs: `ENV a=1 b="two words"` or the legacy `ENV key the value`. */
export function parseEnv(args: string, env: Record<string, string> = {}): Record<string, string> {
  const words = shellWords(args);
  if (words.length > 0 && !words[0]!.includes('=')) {
    const [key, ...value] = args.trim().split(/\s+/);
    return { [key!]: expandVariables(value.join(' '), env) };
  }
  const result: Record<string, string> = {};
  // Expand against the raw text per word (quotes already removed by shellWords).
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) throw new Error(`ENV: expected key=value, got ${word}`);
    result[word.slice(0, eq)] = expandVariables(word.slice(eq + 1), { ...env, ...result });
  }
  return result;
}

export interface CopySpec {
  /** A stage name or index for `COPY --from=`; undefined for the build context. */
  from: string | undefined;
  sources: string[];
  /** The destination as written (a trailing slash means "into this folder"). */
  dest: string;
  flags: Record<string, string | true>;
}

export function parseCopy(args: string, env: Record<string, string> = {}): CopySpec {
  const { flags, rest } = splitFlags(args);
  const words = (jsonForm(rest) ?? shellWords(rest)).map((word) => expandVariables(word, env));
  if (words.length < 2) throw new Error(`COPY needs a source and a destination: ${args}`);
  const from = typeof flags.from === 'string' ? flags.from : undefined;
  return { from, sources: words.slice(0, -1), dest: words.at(-1)!, flags };
}

export interface Healthcheck {
  options: Record<string, string | true>;
  /** null for HEALTHCHECK NONE. */
  argv: string[] | null;
}

export function parseHealthcheck(args: string): Healthcheck {
  const { flags, rest } = splitFlags(args);
  if (/^NONE$/i.test(rest.trim())) return { options: flags, argv: null };
  const match = /^CMD\s+([\s\S]+)$/i.exec(rest.trim());
  if (!match) throw new Error(`HEALTHCHECK: expected CMD or NONE: ${args}`);
  return { options: flags, argv: commandArgv(match[1]!.trim()) };
}

/** One instruction together with the stage state in force when it runs. */
export interface Step {
  instruction: Instruction;
  /** WORKDIR at this point (absolute, container path). */
  workdir: string;
  /** ENV at this point (including this instruction when it is an ENV). */
  env: Record<string, string>;
  user: string | undefined;
}

export interface StageState {
  steps: Step[];
  workdir: string;
  env: Record<string, string>;
  user: string | undefined;
  cmd: string[] | undefined;
  healthcheck: Healthcheck | undefined;
  exposed: string[];
  volumes: string[];
}

/** The stage a `FROM` or `COPY --from=` refers to (by name or index), if it is one of this file's stages. */
export function findStage(file: Dockerfile, reference: string, before = file.stages.length): Stage | undefined {
  const lower = reference.toLowerCase();
  const candidates = file.stages.slice(0, before);
  if (/^\d+$/.test(reference)) return candidates[Number(reference)];
  return candidates.find((stage) => stage.name === lower);
}

/** Walks a stage (after the stage it is based on, when that is one of ours) collecting its state. */
export function stageState(file: Dockerfile, stage: Stage): StageState {
  const parent = findStage(file, stage.base, stage.index);
  const inherited = parent ? stageState(file, parent) : undefined;
  let workdir = inherited?.workdir ?? '/';
  let env: Record<string, string> = { ...(inherited?.env ?? {}) };
  let user = inherited?.user;
  let cmd = inherited?.cmd;
  let healthcheck = inherited?.healthcheck;
  const exposed = [...(inherited?.exposed ?? [])];
  const volumes = [...(inherited?.volumes ?? [])];
  const steps: Step[] = [];
  for (const instruction of stage.instructions) {
    switch (instruction.keyword) {
      case 'ENV':
        env = { ...env, ...parseEnv(instruction.args, env) };
        break;
      case 'WORKDIR':
        workdir = posix.resolve(workdir, expandVariables(instruction.args, env));
        break;
      case 'USER':
        user = expandVariables(instruction.args, env);
        break;
      case 'CMD':
        cmd = commandArgv(instruction.args);
        break;
      case 'HEALTHCHECK':
        healthcheck = parseHealthcheck(instruction.args);
        break;
      case 'EXPOSE':
        exposed.push(...shellWords(expandVariables(instruction.args, env)));
        break;
      case 'VOLUME':
        volumes.push(...(jsonForm(instruction.args) ?? shellWords(instruction.args)).map((v) => expandVariables(v, env)));
        break;
      default:
        break;
    }
    steps.push({ instruction, workdir, env: { ...env }, user });
  }
  return { steps, workdir, env, user, cmd, healthcheck, exposed, volumes };
}

/** Where a COPY source or destination lands in the container, given the WORKDIR. */
export function containerPath(workdir: string, path: string): string {
  return posix.resolve(workdir, path);
}

/** True for `a` equal to `b` or inside it (container paths). */
export function isWithin(path: string, folder: string): boolean {
  const relative = posix.relative(folder, path);
  return relative === '' || (!relative.startsWith('..') && !posix.isAbsolute(relative));
}

/** The build context as Docker sees it: .dockerignore rules applied to paths relative to the context root. */
export class BuildContext {
  private readonly matcher = dockerignore({});
  private readonly hasExceptions: boolean;

  constructor(
    readonly root: string,
    dockerignoreText: string,
  ) {
    const patterns = dockerignoreText
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    this.matcher.add(patterns);
    this.hasExceptions = patterns.some((pattern) => pattern.startsWith('!'));
  }

  /** `relative` uses forward slashes and no leading ./ */
  ignores(relative: string): boolean {
    return this.matcher.ignores(relative);
  }

  /** Every file under `relative` ('' = the whole context) that the build would receive, as context-relative paths. */
  async includedFiles(relative = ''): Promise<string[]> {
    return (await this.files(relative)).filter((file) => !this.ignores(file));
  }

  /**
   * Every file under `relative`, included or not. Unless `all`, ignored folders are not descended
   * when no `!` rule could re-include something inside them (node_modules, .git…).
   */
  async files(relative = '', all = false): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string) => {
      const entries = await readdir(join(this.root, rel), { withFileTypes: true });
      for (const entry of entries) {
        const child = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!all && !this.hasExceptions && this.ignores(child)) continue;
          await walk(child);
        } else {
          out.push(child);
        }
      }
    };
    await walk(relative);
    return out.sort();
  }
}
