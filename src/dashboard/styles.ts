/**
 * The dashboard's stylesheet: system fonts, one colour per product, status badges.
 * Table text is never broken mid-word: names wrap at spaces, times stay on one line, and ids and
 * paths that do not fit are cut with an ellipsis (.clip, the whole text in a title tooltip).
 */
export const DASHBOARD_CSS = `
:root {
  --platform: #d7373f; --target: #6f38b1; --profile: #0d66d0; --stock: #cb6f10; --ims: #4b4b4b; --unknown: #6e6e6e;
  --ok: #268e6c; --warn: #b7791f; --bad: #c9252d; --idle: #6e6e6e;
  --bg: #f5f5f5; --card: #ffffff; --line: #e1e1e1; --text: #222; --muted: #6e6e6e;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 14px; color: var(--text); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 16px; margin: 0 0 8px; }
h3 { font-size: 15px; margin: 0; }
a { color: #0d66d0; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.muted { color: var(--muted); }
.small { font-size: 12px; font-weight: normal; }
.top { display: flex; justify-content: space-between; align-items: center; gap: 16px; flex-wrap: wrap;
  padding: 12px 20px; background: #1d1d1d; color: #fff; }
.top .title { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.top .subtitle, .top .muted { color: #c8c8c8; }
.top a { color: #9cc8ff; margin-left: 16px; }
.controls { display: flex; gap: 16px; flex-wrap: wrap; padding: 12px 20px; background: var(--card); border-bottom: 1px solid var(--line); }
.control-group { min-width: 220px; }
.faults-group { flex: 1; }
.hint { margin: 0 0 6px; color: var(--muted); font-size: 12px; }
.clock { font-size: 15px; margin-bottom: 6px; }
.inline { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
button { font: inherit; padding: 4px 10px; border: 1px solid #b3b3b3; border-radius: 4px; background: #fafafa; cursor: pointer; }
button:hover { background: #eee; }
button.danger { border-color: var(--bad); color: var(--bad); }
input { font: inherit; padding: 3px 6px; border: 1px solid #b3b3b3; border-radius: 4px; }
.notice { margin: 8px 20px 0; padding: 6px 10px; border-radius: 4px; background: #e8f3ee; border: 1px solid var(--ok); }
.notice.error { background: #fbeaea; border-color: var(--bad); }
/* Two equal columns: the journal's paths need the room as much as the resources do. */
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; padding: 16px 20px; align-items: start; }
@media (max-width: 1100px) { .layout { grid-template-columns: minmax(0, 1fr); } }
.product { margin-bottom: 16px; }
.product > h2 { border-left: 6px solid var(--accent); padding-left: 8px; }
.product-platform { --accent: var(--platform); }
.product-target { --accent: var(--target); }
.product-profile { --accent: var(--profile); }
.product-stock { --accent: var(--stock); }
.product-ims { --accent: var(--ims); }
.product-unknown { --accent: var(--unknown); }
.scope { background: var(--card); border: 1px solid var(--line); border-top: 3px solid var(--accent); border-radius: 6px; padding: 10px 12px; margin-bottom: 10px; }
.scope-head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; margin-bottom: 6px; }
details.collection { border-top: 1px solid var(--line); padding: 4px 0; }
details.collection > summary { cursor: pointer; font-weight: 600; padding: 2px 0; }
.count { display: inline-block; min-width: 22px; padding: 0 6px; margin-left: 4px; border-radius: 10px; background: var(--accent); color: #fff; font-size: 12px; text-align: center; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #eee; vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.time, td.number, .badge, .nowrap { white-space: nowrap; }
.clip { display: block; max-width: 24em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
/* A reference to an object listed elsewhere (a batch's dataset): its start is enough to recognise it. */
.clip.ref { max-width: 10em; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; color: #fff; background: var(--idle); white-space: nowrap; }
.badge.ok { background: var(--ok); } .badge.warn { background: var(--warn); } .badge.bad { background: var(--bad); }
.badge.product { background: var(--accent); }
.journal { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow: auto; }
.journal-head { display: flex; gap: 12px; align-items: center; }
.journal-head h2 { margin: 0; flex: 1; }
.journal-table { table-layout: fixed; }
.journal-table .clip { max-width: none; }
.journal-table .fault-mark { float: right; margin-left: 4px; }
.journal-table col.time { width: 11em; } .journal-table col.product { width: 6em; } .journal-table col.method { width: 4.5em; }
.journal-table col.status { width: 4.5em; } .journal-table col.ms { width: 3.5em; }
.journal-table tr.entry { cursor: pointer; }
.journal-table tr.entry:hover { background: #f3f3f3; }
.journal-table tr.fresh { animation: fresh 1.5s ease-out; }
@keyframes fresh { from { background: #fff6cc; } to { background: transparent; } }
.journal-table pre { white-space: pre; max-height: 320px; overflow: auto; background: #f7f7f7; padding: 6px; margin: 4px 0; }
.detail-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-top: 4px; }
button.copy { padding: 0 8px; }
.fault { margin: 0 0 4px; }
button.more { margin: 4px 0 2px; font-size: 12px; }
.empty { color: var(--muted); font-style: italic; }
`;
