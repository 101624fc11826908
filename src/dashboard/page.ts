/**
 * The dashboard's HTML shell. The page is filled by the script (client/, served bundled as
 * app.js) from the /_mock API; everything it needs is served by the emulator itself, so it
 * works offline.
 */
import { ASSET_PREFIX } from './assets.js';

// A small inline icon, so the browser does not ask for /favicon.ico.
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23d7373f'/%3E%3Ctext x='8' y='12' font-size='10' text-anchor='middle' fill='white' font-family='sans-serif'%3EA%3C/text%3E%3C/svg%3E";

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>adobe-api-mock · dashboard</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${ASSET_PREFIX}/styles.css">
<script type="module" src="${ASSET_PREFIX}/app.js"></script>
</head>
<body>
<header class="top">
  <div class="title">
    <h1>adobe-api-mock</h1>
    <span class="subtitle">Local emulator of Adobe IMS, Experience Platform, Target and Stock APIs</span>
    <span id="version" class="muted"></span>
  </div>
  <nav class="links">
    <a href="/docs" target="_blank" rel="noopener">API docs (/docs)</a>
    <a href="/openapi.json" target="_blank" rel="noopener">openapi.json</a>
    <a href="/_mock/resources" target="_blank" rel="noopener">resources JSON</a>
  </nav>
</header>

<section class="controls" aria-label="Emulator controls">
  <div class="control-group">
    <h2>Clock</h2>
    <div id="clock" class="clock" aria-live="polite">…</div>
    <form id="clock-form" class="inline">
      <label for="clock-advance">Advance by</label>
      <input id="clock-advance" name="advance" value="1h" size="8" title="Durations such as 30s, 90m, 24h, 1d12h">
      <button type="submit" id="clock-advance-button">Advance clock</button>
      <button type="button" id="clock-freeze">Freeze</button>
      <button type="button" id="clock-reset">Real time</button>
    </form>
  </div>
  <div class="control-group">
    <h2>State</h2>
    <p class="hint">Reset puts every service back to the bundled fixtures.</p>
    <button type="button" id="reset" class="danger">Reset emulator</button>
  </div>
  <div class="control-group faults-group">
    <h2>Active faults</h2>
    <div id="faults" aria-live="polite"><p class="muted">Loading…</p></div>
    <button type="button" id="clear-faults">Clear faults</button>
  </div>
</section>
<div id="notice" class="notice" role="status" hidden></div>

<main class="layout">
  <section class="resources" aria-labelledby="resources-heading">
    <h2 id="resources-heading">Resources <span class="muted small">(newest first, per product and scope)</span></h2>
    <div id="resources"><p class="muted">Loading…</p></div>
  </section>
  <section class="journal" aria-labelledby="journal-heading">
    <div class="journal-head">
      <h2 id="journal-heading">Request journal <span class="muted small">(live)</span></h2>
      <label class="small"><input type="checkbox" id="journal-pause"> pause</label>
      <button type="button" id="clear-journal">Clear journal</button>
    </div>
    <p id="journal-status" class="muted small"></p>
    <table class="journal-table">
      <colgroup><col class="time"><col class="product"><col class="method"><col class="path"><col class="status"><col class="ms"></colgroup>
      <thead><tr><th>Time (UTC)</th><th>Product</th><th>Method</th><th>Path</th><th>Status</th><th>ms</th></tr></thead>
      <tbody id="journal-rows"></tbody>
    </table>
  </section>
</main>
</body>
</html>
`;
