/**
 * The emulator's clock. Every time-dependent rule (token expiry, batch processing,
 * profile lifetimes) reads it, so tests and the control plane can move time instead of waiting.
 */
export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;
  /** The last instant written by iso() and its text: error bodies and writes ask many times per millisecond. */
  private isoAt = Number.NaN;
  private isoText = '';

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  nowDate(): Date {
    return new Date(this.now());
  }

  iso(): string {
    const now = this.now();
    if (now !== this.isoAt) {
      this.isoText = new Date(now).toISOString();
      this.isoAt = now;
    }
    return this.isoText;
  }

  /** Jump to an absolute instant; the clock keeps running from there unless frozen. */
  set(epochMs: number): void {
    if (this.frozenAt !== null) this.frozenAt = epochMs;
    else this.offsetMs = epochMs - Date.now();
  }

  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  freeze(): void {
    this.frozenAt = this.now();
  }

  unfreeze(): void {
    if (this.frozenAt === null) return;
    this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = null;
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }

  /** Back to real time. */
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }
}

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Parses "24h", "90m", "1d12h", "1500ms" or a plain number of milliseconds; null when malformed. */
export function parseDuration(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  const text = input.trim();
  if (/^-?\d+$/.test(text)) return Number(text);
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(pattern)) {
    total += Number(match[1]) * DURATION_UNITS[match[2]];
    consumed += match[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : null;
}
