// The renderer's layering and text rules (STYLE.md), as an ESLint plugin of this repository.
// Layers, top to bottom: app/ (shell and wiring) → features/ → ui/, data/, audio/, ipc/, i18n/ → shared/.
import path from 'node:path';

/** Which other features a feature may import (what it is built on); everything else meets in app/. */
export const FEATURE_DEPENDENCIES = {
  // The agent's own day reads the clock the way the queue does (agent-status's useNow).
  agenda: ['agent-status'],
  'agent-status': [],
  callbacks: ['outcome', 'queue'],
  'case-view': ['outcome'],
  // The headset's buttons reach the phone through actions the app passes in.
  headset: [],
  live: ['agent-status', 'monitor', 'recording', 'softphone', 'wizard'],
  // Listen-in implements the softphone's line-companion interface; the app wires the two together.
  monitor: ['agent-status', 'softphone'],
  outcome: ['callbacks', 'softphone'],
  queue: ['agent-status'],
  recording: ['softphone'],
  // QA desk pages (work list, calibrations) sit on the replay screen, and its scoring panel scores inside a calibration.
  review: ['qa', 'wizard'],
  // The agent's and the lead's QA pages, the work list and calibration: built on the centre alone.
  qa: [],
  'sign-in': [],
  softphone: ['sign-in'],
  sync: [],
  // The training line is self-contained: the app hands its transport to the softphone and its cues from the wizard.
  training: [],
  // The visit workflow drives the queue, the script, the outcome and the phone.
  visit: ['outcome', 'queue', 'softphone', 'wizard'],
  // The script learns how the call ended (the softphone's CallEndedBy).
  wizard: ['softphone'],
};
const LOWER_LAYERS = ['ui', 'data', 'audio', 'ipc', 'i18n'];

/** Where a renderer file sits: { layer: 'app' | 'features' | 'ui' | …, feature?: name }, or null outside renderer/. */
function placeOf(file) {
  const rel = path.relative(process.cwd(), file).split(path.sep);
  if (rel[0] !== 'renderer' || rel.length < 3) return null;
  return rel[1] === 'features' ? { layer: 'features', feature: rel[2] } : { layer: rel[1] };
}

const layers = {
  meta: {
    type: 'problem',
    schema: [],
    docs: { description: 'renderer layers: features never import app/, lower layers import no feature, features import each other only as allowed' },
  },
  create(context) {
    const from = placeOf(context.filename);
    if (!from) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = placeOf(path.resolve(path.dirname(context.filename), source));
      if (!to) return;
      if (from.layer === 'features' && to.layer === 'app') {
        context.report({
          node,
          message: `A feature never imports renderer/app/ (the shell wires features together; shared hooks live in renderer/ui/): '${source}'.`,
        });
      } else if (LOWER_LAYERS.includes(from.layer) && (to.layer === 'app' || to.layer === 'features')) {
        // The catalogue may name a feature's unions to key its labels (types only: no code runs).
        if (from.layer === 'i18n' && node.importKind === 'type' && to.layer === 'features') return;
        context.report({ node, message: `renderer/${from.layer}/ sits below the features and the app and imports neither: '${source}'.` });
      } else if (from.layer === 'features' && to.layer === 'features' && to.feature !== from.feature) {
        const allowed = FEATURE_DEPENDENCIES[from.feature] ?? [];
        if (!allowed.includes(to.feature)) {
          context.report({
            node,
            message: `Feature '${from.feature}' may not import feature '${to.feature}' (allowed: ${allowed.join(', ') || 'none'}; see lint/renderer-rules.mjs): '${source}'.`,
          });
        }
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

// CJK ideographs, CJK punctuation and full-width forms: UI text in Chinese.
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

const noCjkLiteral = {
  meta: { type: 'problem', schema: [], docs: { description: 'UI text lives only in the message catalogue (renderer/i18n/)' } },
  create(context) {
    const report = (node, text) => {
      if (CJK.test(text)) context.report({ node, message: 'Chinese text outside the message catalogue: put it in renderer/i18n/ and use messages.*.' });
    };
    return {
      Literal: (node) => typeof node.value === 'string' && report(node, node.value),
      TemplateLiteral: (node) => report(node, node.quasis.map((q) => q.value.raw).join('')),
      JSXText: (node) => report(node, node.value),
    };
  },
};

export default { meta: { name: 'huifang-renderer' }, rules: { layers, 'no-cjk-literal': noCjkLiteral } };
