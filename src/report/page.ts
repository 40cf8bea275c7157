/**
 * Assembles the self-contained page: the stylesheet, the body, the chart libraries and a small
 * boot script inline, the chart data as JSON. A Content-Security-Policy allows only those exact
 * scripts (by hash) and forbids every network request, so even a library that tried to fetch
 * something could not. Vega compiles its expressions with `Function`, hence 'unsafe-eval'.
 */
import type { ChartBundle } from './chart-types.js';
import { chartLibraries, scriptHash } from './assets.js';
import { expandDataset } from './datasets.js';
import { escapeHtml as text, jsonForScript } from './escape.js';
import { REPORT_CSS } from './styles.js';

/** Runs in the page: expands each chart's dataset and renders it with vega-embed. */
function bootScript(): string {
  return `(function () {
  'use strict';
  var expandDataset = ${expandDataset.toString()};
  var payload = JSON.parse(document.getElementById('chatload-data').textContent);
  var rows = {};
  Object.keys(payload.datasets).forEach(function (name) {
    rows[name] = expandDataset(payload.datasets[name]);
  });
  payload.charts.forEach(function (chart) {
    var element = document.getElementById(chart.id);
    var spec = Object.assign({}, chart.spec);
    var name = spec.data && spec.data.name;
    spec.datasets = {};
    spec.datasets[name] = rows[name];
    vegaEmbed(element, spec, { renderer: 'svg', actions: false })
      .then(function () { element.setAttribute('data-rendered', 'true'); })
      .catch(function (error) {
        element.setAttribute('data-rendered', 'error');
        element.className += ' chart-error';
        element.textContent = 'This chart could not be drawn: ' + error.message;
        console.error(error);
      });
  });
})();`;
}

export interface PageInput {
  title: string;
  /** Navigation links: [section id, title]. */
  nav: [string, string][];
  /** The page body (HTML), charts section included. */
  body: string;
  bundle: ChartBundle;
  footer: string;
}

/** The charts section's HTML: one figure per chart, with the omitted ones explained. */
export function chartBlocks(bundle: ChartBundle): string {
  const figures = bundle.charts.map(
    (chart) =>
      `<figure class="chart-block"><h3>${text(chart.title)}</h3>` +
      `<div class="chart" id="${text(chart.id)}" role="img" aria-label="${text(chart.title)}"></div>` +
      `<figcaption class="muted">${text(chart.caption)}</figcaption></figure>`,
  );
  const omitted = bundle.omitted.map((o) => `<li>${text(o.title)}: ${text(o.reason)}.</li>`);
  return [
    '<noscript><p>The charts need JavaScript; every figure in the tables is complete without it.</p></noscript>',
    ...figures,
    omitted.length === 0 ? '' : `<ul class="notes">${omitted.join('')}</ul>`,
  ].join('\n');
}

export function renderPage(input: PageInput): string {
  const libraries = chartLibraries();
  const boot = bootScript();
  const hashes = [...libraries.map((lib) => lib.hash), scriptHash(boot)].join(' ');
  const csp = [
    "default-src 'none'",
    `script-src ${hashes} 'unsafe-eval'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "connect-src 'none'",
    "font-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const payload = { datasets: input.bundle.datasets, charts: input.bundle.charts };
  const nav = input.nav
    .map(([id, title]) => `<li><a href="#${text(id)}">${text(title)}</a></li>`)
    .join('');
  const versions = libraries.map((lib) => `${lib.name} ${lib.version}`).join(', ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${text(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text(input.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    `<nav aria-label="sections"><ul>${nav}</ul></nav>`,
    input.body,
    `<footer>${input.footer} Charts drawn offline with ${text(versions)}, inlined in this file.</footer>`,
    `<script type="application/json" id="chatload-data">${jsonForScript(payload)}</script>`,
    ...libraries.map((lib) => `<script>${lib.source}</script>`),
    `<script>${boot}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
