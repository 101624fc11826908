/** The contract between `npm run bench` (bench/all.ts) and each of its sections. */

export interface RunOptions {
  /** Shorter durations and fewer rounds: checks that everything runs, figures are rougher. */
  quick: boolean;
  /** A temporary folder for this run (removed at the end). */
  scratch: string;
  /** Progress output (stdout), not part of the report. */
  progress(line: string): void;
}

export type Verdict = 'met' | 'MISSED' | 'n/a' | 'skipped' | 'error';

/** One line of the report's summary: a figure, the goal it is held to, and the verdict. */
export interface GoalLine {
  figure: string;
  value: string;
  goal: string;
  verdict: Verdict;
}

export interface SectionResult {
  /** The section's details (setup, tables), as markdown. */
  markdown: string;
  goals: GoalLine[];
}

export interface BenchSection {
  /** Name for `--only`. */
  id: string;
  title: string;
  run(options: RunOptions): Promise<SectionResult>;
}

export function verdictOf(met: boolean): Verdict {
  return met ? 'met' : 'MISSED';
}

/** "1.23×" */
export function times(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/** "78%" */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)}%`;
}
