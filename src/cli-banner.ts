import type { ResolvedConfig } from './config.js';
import type { Integration } from './auth/integrations.js';

/** What the terminal shows once the emulator listens: where everything is and how to sign in. */
export function startupBanner(config: ResolvedConfig, url: string, demo: Integration | undefined): string {
  const lines = [
    `adobe-api-mock ${config.version} is listening on ${url}`,
    '',
    // The token itself is never printed: logs are often shared.
    `  Dashboard        ${url}/${config.controlToken === null ? '' : '?token=<your control token>'}`,
    `  API docs         ${url}/docs  (OpenAPI document: ${url}/openapi.json)`,
    `  Control API      ${url}/_mock/health, /_mock/reset, /_mock/clock, /_mock/requests, /_mock/faults`,
    '',
  ];
  if (demo) {
    lines.push(
      '  Demo credentials',
      `    API key / client id   ${demo.id}`,
      `    client secret         ${demo.clientSecret}`,
      `    IMS org               ${demo.orgId}`,
      `    sandboxes             ${demo.sandboxes.join(', ')}`,
      `    Target tenant         ${demo.tenant}`,
      '',
      '  Access token (paste this line into a shell)',
      `    ${tokenCommand(url, demo)}`,
      '',
    );
  } else {
    lines.push('  No integrations in these fixtures: add one under scopes.ims.integrations to sign in.', '');
  }
  const storage = config.dataFile ? `state in ${config.dataFile}` : 'state in memory';
  const cors = config.cors === true ? 'CORS any origin' : config.cors === false ? 'CORS off' : `CORS ${config.cors.join(', ')}`;
  const control = config.controlToken === null ? '' : ' · control API needs the control token';
  lines.push(`  auth ${config.auth} · ${storage} · fixtures ${config.fixturesDir} · ${cors}${control}`, '');
  return lines.join('\n');
}

/** Leaves words of safe characters as they are; quotes anything else for a POSIX shell. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A form field for curl: `-d` when the value needs no encoding, else `--data-urlencode`. */
function formField(name: string, value: string): string {
  return /^[\w.~-]*$/.test(value) ? `-d ${shellWord(`${name}=${value}`)}` : `--data-urlencode ${shellWord(`${name}=${value}`)}`;
}

/** One line that, pasted into bash, prints the token response (JSON with access_token). */
export function tokenCommand(url: string, demo: Integration): string {
  // curl would read the brackets of an IPv6 address as a glob: -g turns globbing off.
  const glob = url.includes('[') ? ' -g' : '';
  return [
    `curl -s${glob} -X POST ${shellWord(`${url}/ims/token/v3`)}`,
    formField('grant_type', 'client_credentials'),
    formField('client_id', demo.id),
    formField('client_secret', demo.clientSecret),
  ].join(' ');
}
