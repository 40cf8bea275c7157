/**
 * `npm run bench [-- NAME...]`: runs the benchmarks one after another (they would disturb each
 * other in parallel), prints each figure, and writes them all to bench/results.json with the
 * machine they were measured on. Each benchmark compares against its limit in the same run
 * where the goal is relative (chatload vs a raw driver loop), because absolute times drift on
 * shared machines.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

type Figures = Record<string, number | string>;
type Bench = () => Promise<Figures>;

const BENCHES: Record<string, () => Promise<{ run: Bench }>> = {
  generator: () => import('./generator.js'),
  sip: () => import('./sip.js'),
  'world-memory': () => import('./world-memory.js'),
  metrics: () => import('./metrics.js'),
  provision: () => import('./provision.js'),
  'history-seed': () => import('./history-seed.js'),
  'pipeline-null': () => import('./pipeline-null.js'),
  'pipeline-post': () => import('./pipeline-post.js'),
  'pipeline-rss': () => import('./pipeline-rss.js'),
  'littles-law': () => import('./littles-law.js'),
  report: () => import('./report.js'),
};

const RESULTS = fileURLToPath(new URL('../../bench/results.json', import.meta.url));

/** Figures of benchmarks not run this time stay in the file, each with its own date. */
async function previousFigures(): Promise<Record<string, unknown>> {
  try {
    const previous = JSON.parse(await readFile(RESULTS, 'utf8')) as {
      benches?: Record<string, unknown>;
    };
    return previous.benches ?? {};
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}`);
    console.error(`known: ${Object.keys(BENCHES).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const names = asked.length > 0 ? asked : Object.keys(BENCHES);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  console.log(
    `chatload benchmarks on ${machine.cpus} cores, ${machine.memoryGb} GB, ${machine.node}`,
  );
  const benches = await previousFigures();
  for (const name of names) {
    const load = BENCHES[name] as () => Promise<{ run: Bench }>;
    console.log(`\n== ${name}`);
    const started = Date.now();
    const figures = await (await load()).run();
    for (const [key, value] of Object.entries(figures)) console.log(`  ${key}: ${value}`);
    benches[name] = {
      measuredAt: new Date().toISOString(),
      seconds: (Date.now() - started) / 1000,
      figures,
    };
  }
  await writeFile(RESULTS, `${JSON.stringify({ machine, benches }, null, 2)}\n`);
  console.log(`\nfigures written to ${RESULTS}`);
}

await main();
