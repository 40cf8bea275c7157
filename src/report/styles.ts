/** The report's stylesheet: readable on screen, compact on paper, no external fonts. */
export const REPORT_CSS = `
:root { --fg: #1d232a; --muted: #5c6770; --line: #d6dce1; --ok: #2e7d32; --bad: #c62828; --bg-bad: #fdecea; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--fg); margin: 0 auto; padding: 24px; max-width: 1200px; }
h1 { font-size: 24px; margin: 0 0 12px; }
h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
h4 { font-size: 14px; margin: 14px 0 6px; }
code { font: 12.5px ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; }
.muted { color: var(--muted); }
.ok { color: var(--ok); font-weight: 600; }
.fail { color: var(--bad); font-weight: 600; }
table { border-collapse: collapse; margin: 8px 0 16px; width: 100%; }
caption { caption-side: bottom; text-align: left; color: var(--muted); font-size: 12px; padding-top: 4px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.table-wrap { overflow-x: auto; }
tr.sub td { color: var(--muted); font-size: 13px; }
tr.sub .indent { padding-left: 18px; }
tr.bad td { background: var(--bg-bad); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.banner { background: var(--bad); color: #fff; padding: 12px 16px; font-size: 16px; margin: 12px 0; border-radius: 4px; }
.verdict { border: 2px solid var(--line); border-radius: 4px; padding: 8px 16px; margin: 12px 0; }
.verdict-pass { border-color: var(--ok); }
.verdict-fail, .verdict-incomplete { border-color: var(--bad); }
.verdict .overall { font-size: 18px; margin: 4px 0; }
.verdict li.pass::marker { content: "✔ "; color: var(--ok); }
.verdict li.fail::marker { content: "✘ "; color: var(--bad); }
.verdict li.fail { color: var(--bad); }
.verdict li.info::marker { content: "• "; }
.kind { display: inline-block; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; padding: 1px 6px; border-radius: 3px; border: 1px solid; }
.kind-documented { color: #1b5e20; border-color: #1b5e20; }
.kind-derived, .kind-estimate { color: #8a4b00; border-color: #8a4b00; }
.kind-assumption { color: #6a1b9a; border-color: #6a1b9a; }
.kind-measured { color: #0d47a1; border-color: #0d47a1; }
.chart-block { margin: 16px 0 24px; }
.chart { width: 100%; min-height: 60px; }
.chart-error { color: var(--bad); }
.notes { color: var(--muted); font-size: 13px; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  nav { display: none; }
  .table-wrap { overflow: visible; }
  h2 { break-after: avoid; }
  table, .chart-block, .verdict, dl.facts { break-inside: avoid; }
  .banner { border: 3px solid var(--bad); color: var(--bad); background: none; }
  tr.bad td { background: none; font-weight: 600; }
}
`;
