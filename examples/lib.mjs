// Shared helpers for the walkthroughs: where the emulator is, the demo credentials, an IMS token,
// and `step()`, which makes one HTTP call, prints it for the reader and stops the walkthrough when
// the answer is not the expected one. Plain Node 20 (global fetch), no dependencies.

export const DEFAULT_URL = 'http://127.0.0.1:4590';

/** The demo integration of the bundled fixtures (README, "Demo credentials"). */
export const DEMO = {
  clientId: 'adobe-mock-client',
  clientSecret: 'adobe-mock-secret',
  org: '0123456789ABCDEF01234567@AdobeOrg',
  sandbox: 'prod',
  tenant: 'mocktenant',
  client: 'mocktenant',
};

/** The emulator's base URL: the first argument, else ADOBE_MOCK_URL, else the default port. */
export function baseUrl() {
  const url = process.argv[2] || process.env.ADOBE_MOCK_URL || DEFAULT_URL;
  return url.replace(/\/+$/, '');
}

/** Thrown when an answer is not what the walkthrough expects; ends the run with exit code 1. */
export class UnexpectedAnswer extends Error {}

const isTTY = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (isTTY ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = paint('1');
const dim = paint('2');
const green = paint('32');
const red = paint('31');
const cyan = paint('36');

function indent(text, prefix = '      ') {
  return String(text)
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** A value shown to the reader: strings as they are, anything else as compact-ish JSON, long output cut. */
function show(value, max = 1500) {
  const text = typeof value === 'string' ? value.trimEnd() : JSON.stringify(value, null, 2);
  return text.length > max ? `${text.slice(0, max)}\n... (${text.length - max} more characters)` : text;
}

/**
 * One walkthrough: numbered steps against one emulator. `run()` prints the title, runs the body,
 * and sets the exit code (0 when every step answered as expected).
 */
export class Walkthrough {
  constructor(title) {
    this.title = title;
    this.base = baseUrl();
    this.number = 0;
  }

  /**
   * Calls the emulator and prints the step.
   * options: method, path (with query), headers, json (a body sent as JSON), body (raw),
   * expect (a status or a list of them; default 200), summary(answer) → what to print of the answer.
   * Returns { status, headers, text, json } (json undefined unless the body parses).
   */
  async step(what, options) {
    const { method = 'GET', path, headers = {}, json, body, expect = 200, summary } = options;
    this.number += 1;
    console.log(`\n${bold(`Step ${this.number}.`)} ${what}`);
    console.log(`      ${cyan(method)} ${path}`);
    const init = { method, headers: { ...headers } };
    if (json !== undefined) {
      init.body = JSON.stringify(json);
      if (!Object.keys(init.headers).some((name) => name.toLowerCase() === 'content-type')) {
        init.headers['Content-Type'] = 'application/json';
      }
    } else if (body !== undefined) {
      init.body = body;
    }
    let response;
    try {
      response = await fetch(this.base + path, init);
    } catch (error) {
      throw new UnexpectedAnswer(`could not reach ${this.base} (${error.cause?.code ?? error.message}). Is the emulator running? Start it with \`npm start\`.`);
    }
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const answer = { status: response.status, headers: response.headers, text, json: parsed };
    const expected = Array.isArray(expect) ? expect : [expect];
    const ok = expected.includes(response.status);
    console.log(`      ${ok ? green('→') : red('→')} ${ok ? green(response.status) : red(response.status)} ${response.statusText}`);
    if (!ok) {
      if (text) console.log(indent(show(parsed ?? text)));
      throw new UnexpectedAnswer(`step ${this.number} answered ${response.status}, expected ${expected.join(' or ')}`);
    }
    const shown = summary ? summary(answer) : (parsed ?? text);
    if (shown !== undefined && shown !== '') console.log(indent(show(shown)));
    return answer;
  }

  /** A check on an answer's content; a failed check ends the walkthrough like a bad status. */
  check(condition, message) {
    if (!condition) throw new UnexpectedAnswer(`step ${this.number}: ${message}`);
    console.log(`      ${green('✓')} ${message}`);
  }

  /** A line of explanation between steps. */
  note(text) {
    console.log(`\n${dim(indent(text, '   '))}`);
  }

  /** POST /ims/token/v3 with the demo client credentials; returns the access token. */
  async token() {
    const answer = await this.step('Get an access token from IMS (client credentials of the demo integration)', {
      method: 'POST',
      path: '/ims/token/v3',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEMO.clientId,
        client_secret: DEMO.clientSecret,
        scope: 'openid,AdobeID,read_organizations',
      }).toString(),
      summary: ({ json }) => ({
        token_type: json.token_type,
        expires_in: json.expires_in,
        access_token: `${String(json.access_token).slice(0, 24)}...`,
      }),
    });
    return answer.json.access_token;
  }

  /** Moves the emulator's clock forward (e.g. "5s") instead of waiting in real time. */
  async advanceClock(duration, why) {
    return this.step(why ?? `Move the emulator's clock ${duration} forward instead of waiting`, {
      method: 'POST',
      path: '/_mock/clock',
      json: { advance: duration },
      summary: ({ json }) => ({ now: json.now }),
    });
  }

  /**
   * Polls until `done(answer)`, at most `attempts` times. Processing waits on the emulator's clock,
   * so the first unfinished polls move it forward instead of sleeping; once it has moved, the
   * work itself is under way and later polls wait a moment of real time.
   */
  async pollUntil(poll, done, { attempts = 10, clockMoves = 3 } = {}) {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const answer = await poll(attempt);
      if (done(answer)) return answer;
      if (attempt <= clockMoves)
        await this.advanceClock('5s', "Not finished yet: move the emulator's clock 5 s forward instead of waiting (POST /_mock/clock)");
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return undefined;
  }

  /** Runs the body, prints the outcome and sets process.exitCode. */
  async run(body) {
    console.log(bold(this.title));
    console.log(dim(`Emulator: ${this.base}  (watch the calls live on the dashboard: ${this.base}/)`));
    try {
      await body(this);
      console.log(`\n${green('Done:')} every step answered as expected (${this.number} steps).`);
    } catch (error) {
      const message = error instanceof UnexpectedAnswer ? error.message : (error.stack ?? String(error));
      console.error(`\n${red('Stopped:')} ${message}`);
      process.exitCode = 1;
    }
  }
}

/** The headers every Experience Platform call needs (demo org, sandbox prod). */
export function platformHeaders(token) {
  return {
    Authorization: `Bearer ${token}`,
    'x-api-key': DEMO.clientId,
    'x-gw-ims-org-id': DEMO.org,
    'x-sandbox-name': DEMO.sandbox,
  };
}

/** The headers every Target Admin call needs; `version` sets the vendor media type (v1 when absent). */
export function targetHeaders(token, version) {
  const headers = { Authorization: `Bearer ${token}`, 'x-api-key': DEMO.clientId };
  if (version) {
    headers['Content-Type'] = `application/vnd.adobe.target.v${version}+json`;
    headers.Accept = `application/vnd.adobe.target.v${version}+json`;
  }
  return headers;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
