/**
 * Lint rule `chatload/stage-order`: a module under src/ imports only from the stages before it
 * (DESIGN.md "Data flow"), so a back-edge fails `npm run lint` instead of being remembered.
 * The table below is the contract; README.md ("How the code is laid out") shows the same table.
 * An entry `stage/file` allows that one module of the stage (e.g. the workload's types) and no
 * other. bench/ may not import test/: benchmarks stand on their own.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** Stage -> what it may import, in stage order. */
export const STAGES = {
  core: [],
  model: ['core'],
  scenario: ['core', 'model'],
  workload: ['core', 'model', 'scenario'],
  sip: ['core', 'workload/types'],
  targets: ['core', 'model', 'workload/types'],
  metrics: ['core', 'workload/types'],
  pool: ['core', 'workload', 'targets', 'metrics'],
  run: ['core', 'model', 'scenario', 'workload', 'sip', 'targets', 'metrics', 'pool'],
  evidence: ['core', 'targets', 'metrics'],
  capacity: [
    'core',
    'model',
    'scenario',
    'workload',
    'sip',
    'targets',
    'metrics',
    'pool',
    'run',
    'evidence',
  ],
  baselines: ['core', 'model', 'metrics'],
  report: ['core', 'model', 'metrics', 'baselines', 'evidence', 'capacity'],
  cli: [
    'core',
    'model',
    'scenario',
    'workload',
    'sip',
    'targets',
    'metrics',
    'pool',
    'run',
    'evidence',
    'capacity',
    'baselines',
    'report',
  ],
};

/** Files directly in src/ (the package entry) may import any stage. */
const ROOT_MAY_IMPORT = Object.keys(STAGES);

/** Where a path sits: `{ top: 'src' | 'test' | 'bench' | ..., stage, module }`. */
function locate(root, file) {
  const parts = relative(root, file).split(sep);
  const top = parts[0];
  if (top !== 'src') return { top, stage: null, module: null };
  if (parts.length === 2) return { top, stage: '', module: null };
  const module = parts
    .slice(2)
    .join('/')
    .replace(/\.(js|ts)$/, '');
  return { top, stage: parts[1], module };
}

function allows(allowed, target) {
  return allowed.some(
    (entry) => entry === target.stage || entry === `${target.stage}/${target.module}`,
  );
}

export const stageOrder = {
  meta: {
    type: 'problem',
    docs: { description: 'imports follow the stage order of DESIGN.md (no back-edges)' },
    schema: [],
    messages: {
      backEdge:
        '{{from}} may not import {{to}}: {{fromStage}} may import only {{allowed}} (stage order, DESIGN.md; shared names belong in src/core/vocabulary.ts)',
      unknownStage:
        '{{from}} is in src/{{fromStage}}, which is not in the stage table (eslint/stage-order.js): add the stage there and to DESIGN.md',
      benchImportsTest: '{{from}} may not import {{to}}: benchmarks do not depend on test code',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = locate(root, file);
    const fromName = relative(root, file).split(sep).join('/');
    function check(node, specifier) {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const resolved = resolve(dirname(file), specifier);
      const to = locate(root, resolved);
      const toName = relative(root, resolved).split(sep).join('/');
      if (from.top === 'bench' && to.top === 'test') {
        context.report({
          node,
          messageId: 'benchImportsTest',
          data: { from: fromName, to: toName },
        });
        return;
      }
      if (from.top !== 'src' || to.top !== 'src' || to.stage === '' || to.stage === from.stage) {
        return;
      }
      const allowed = from.stage === '' ? ROOT_MAY_IMPORT : STAGES[from.stage];
      if (allowed === undefined) {
        context.report({
          node,
          messageId: 'unknownStage',
          data: { from: fromName, fromStage: from.stage },
        });
        return;
      }
      if (!allows(allowed, to)) {
        context.report({
          node,
          messageId: 'backEdge',
          data: {
            from: fromName,
            to: toName,
            fromStage: from.stage,
            allowed: allowed.length === 0 ? 'nothing' : allowed.join(', '),
          },
        });
      }
    }
    const fromSource = (node) => {
      if (node.source) check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
    };
  },
};

export default { rules: { 'stage-order': stageOrder } };
