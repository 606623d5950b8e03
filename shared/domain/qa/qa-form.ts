/**
 * QA evaluation forms (质检评分表) as versioned data, and the form of one call generated from the
 * script version that call used. A form version lists checkpoints: regulatory items, each covering
 * script steps (it is on a call's form only when one of its steps applied to that case — the script
 * engine's `stepApplies`), and conduct items, on every form. Each has a weight, its sources and
 * whether it is fatal (a failed fatal item fails the whole evaluation). An administrator makes a
 * new version to change weights or items; an evaluation keeps the version it was made with.
 */

import type { PolicyCase } from '../case';
import { stepApplies } from '../script/applies';
import type { ScriptDefinition, ScriptStep } from '../script/script-definition';

/** Where a checkpoint's rule comes from; the renderer's catalogue names each document. */
export type QaSource =
  /** 《人身保险业务基本服务规定》第15条, item 1–7. */
  | { readonly doc: 'basic_service_15'; readonly item: 1 | 2 | 3 | 4 | 5 | 6 | 7 }
  /** 《保险销售行为可回溯管理暂行办法》第11条: the visit asks about the recorded sale. */
  | { readonly doc: 'traceability_11' }
  /** 《健康保险管理办法》第44条. */
  | { readonly doc: 'health_44' }
  /** The regional visit rule (seed) 第7条 (clear speech, suitable pace) or 第8条 (one item at a time). */
  | { readonly doc: 'visit_rule'; readonly article: 7 | 8 }
  /** A section (and item) of docs/domain.md, e.g. "5.2". */
  | { readonly doc: 'domain'; readonly section: string };

/** Conduct checks: how the agent spoke, on every form. */
export const CONDUCT_CHECKS = ['greeting_staff_no', 'identity_first', 'no_leading_wording', 'no_forbidden_phrases', 'pace', 'closing'] as const;
export type ConductCheck = (typeof CONDUCT_CHECKS)[number];

/** One checkpoint of a form version. */
export type QaItemDef =
  | {
      readonly id: string;
      readonly kind: 'regulatory';
      /** Script steps the item covers, in script order; the item applies when at least one applied. */
      readonly stepIds: readonly string[];
      readonly weight: number;
      readonly fatal: boolean;
      readonly sources: readonly QaSource[];
    }
  | {
      readonly id: string;
      readonly kind: 'conduct';
      readonly check: ConductCheck;
      readonly weight: number;
      readonly fatal: boolean;
      readonly sources: readonly QaSource[];
    };

/** A version of a form. `passMark`: the lowest score (0–100) that passes when no fatal item failed. */
export interface QaFormVersion {
  readonly formId: string;
  readonly version: number;
  readonly passMark: number;
  readonly items: readonly QaItemDef[];
}

/** A checkpoint on one call's form: regulatory items carry only the steps that applied on that call. */
export type QaFormItem = QaItemDef;

/** The form of one call: the form version, the script version the call used, the items that apply. */
export interface QaForm {
  readonly formId: string;
  readonly formVersion: number;
  readonly passMark: number;
  readonly scriptId: string;
  readonly scriptVersion: string;
  readonly items: readonly QaFormItem[];
}

/** Sections of a script whose questions a form must cover (the regulatory part of docs/domain.md §5.4). */
const COVERED_SECTIONS: readonly ScriptStep['section'][] = ['identity', 'regulatory', 'payment', 'product', 'recorded_sale'];

/**
 * What is wrong with a form version against a script, in plain English (empty: none). Checked when an
 * administrator saves a version: unique ids, weights 1–100, a pass mark 0–100, regulatory items
 * naming existing question steps, every mandatory regulatory question of the script covered by
 * exactly one item (nothing silently unscored), and each conduct check at most once.
 */
export function formProblems(form: QaFormVersion, script: ScriptDefinition): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(form.formId)) problems.push(`formId "${form.formId}": lower-case letters, digits, _ or -, at most 40`);
  if (!Number.isInteger(form.version) || form.version < 1) problems.push(`version ${form.version}: a whole number from 1`);
  if (!Number.isInteger(form.passMark) || form.passMark < 0 || form.passMark > 100) problems.push(`passMark ${form.passMark}: a whole number 0–100`);
  if (form.items.length === 0) problems.push('a form needs at least one item');
  const ids = new Set<string>();
  const covered = new Map<string, string>();
  const checks = new Set<ConductCheck>();
  for (const item of form.items) {
    if (ids.has(item.id)) problems.push(`item ${item.id}: the id is used twice`);
    ids.add(item.id);
    if (!Number.isInteger(item.weight) || item.weight < 1 || item.weight > 100)
      problems.push(`item ${item.id}: weight ${item.weight} is not a whole number 1–100`);
    if (item.sources.length === 0) problems.push(`item ${item.id}: cite at least one source`);
    if (item.kind === 'conduct') {
      if (checks.has(item.check)) problems.push(`item ${item.id}: conduct check ${item.check} is already on the form`);
      checks.add(item.check);
      continue;
    }
    if (item.stepIds.length === 0) problems.push(`item ${item.id}: name at least one script step`);
    for (const stepId of item.stepIds) {
      const step = script.steps.find((s) => s.id === stepId);
      if (!step) problems.push(`item ${item.id}: step ${stepId} is not in script ${script.id} ${script.version}`);
      else if (step.kind !== 'question') problems.push(`item ${item.id}: step ${stepId} is a statement, not a question`);
      const other = covered.get(stepId);
      if (other !== undefined) problems.push(`step ${stepId} is covered by both ${other} and ${item.id}`);
      covered.set(stepId, item.id);
    }
  }
  for (const step of script.steps) {
    if (step.kind === 'question' && step.mandatory && COVERED_SECTIONS.includes(step.section) && !covered.has(step.id))
      problems.push(`mandatory question ${step.id} of script ${script.id} ${script.version} is on no item`);
  }
  return problems;
}

/** The steps of `script` that apply to the case (the script engine's own rule, in script order). */
export function appliedStepIds(script: ScriptDefinition, policyCase: PolicyCase): string[] {
  return script.steps.filter((s) => stepApplies(s, policyCase)).map((s) => s.id);
}

/**
 * The form of one call: every conduct item, and every regulatory item one of whose steps applied on
 * the call, narrowed to those steps (so a single-premium policy has no payment item, a traditional
 * product no dividend item, a sale that was not recorded no 双录 items).
 */
export function generateForm(form: QaFormVersion, script: ScriptDefinition, applied: readonly string[]): QaForm {
  const on = new Set(applied);
  const items: QaFormItem[] = [];
  for (const item of form.items) {
    if (item.kind === 'conduct') items.push(item);
    else {
      const stepIds = item.stepIds.filter((s) => on.has(s));
      if (stepIds.length > 0) items.push({ ...item, stepIds });
    }
  }
  return { formId: form.formId, formVersion: form.version, passMark: form.passMark, scriptId: script.id, scriptVersion: script.version, items };
}

/** A source as an English citation (audit details, centre errors); the desk shows the catalogue's zh-CN. */
export function citeSource(s: QaSource): string {
  switch (s.doc) {
    case 'basic_service_15':
      return `Basic Service Rules art. 15 item ${s.item}`;
    case 'traceability_11':
      return 'Traceability Measures art. 11';
    case 'health_44':
      return 'Health Insurance Measures art. 44';
    case 'visit_rule':
      return `visit rule art. ${s.article}`;
    case 'domain':
      return `docs/domain.md §${s.section}`;
  }
}
