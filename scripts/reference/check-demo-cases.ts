/**
 * Validates server/reference/demo-cases.json against categories.json and the case lifecycle
 * (shared/design/DOMAIN.md), and checks that the demo covers every final state several times.
 * Run: npx tsx scripts/reference/check-demo-cases.ts  — exits 1 listing every problem found.
 *
 * The journey rules here mirror the lifecycle table; they are deliberately independent of the
 * server's state machine so that a regression in either one shows up as a disagreement.
 */
import { loadDemoCases, loadReference, type Category, type DemoCase } from './reference-files.js';

type State =
  | 'reported' | 'accepted' | 'rejected' | 'merged' | 'dispatched' | 'returned'
  | 'in_progress' | 'handled' | 'rework' | 'closed';

/** What replaying one journey leaves behind. */
interface Replay {
  state: State;
  hasApprovedExtension: boolean;
  isLongTerm: boolean;
  escalations: number;
  reworks: number;
  returns: number;
  dispatchTargets: string[];
}

const channels = new Set(['resident_app', 'visit', 'patrol', 'hotline', 'sms', 'email', 'open311', 'staff']);
const fakePhone = /^13[89]000\d{5}$/;
/** Every final state must appear at least this often, and so must the special journeys. */
const minimumPerState = 3;
const minimumPerFeature = 2;

/** state → action → next state. Actions that change no state map back to the same state. */
const transitions: Record<State, Partial<Record<string, State>>> = {
  reported: { accept: 'accepted', reject: 'rejected', merge: 'merged' },
  accepted: { 'dispatch:grid': 'dispatched', 'dispatch:unit': 'dispatched', 'dispatch:village': 'dispatched' },
  rejected: {},
  merged: {},
  dispatched: { take: 'in_progress', return: 'returned' },
  returned: { 'dispatch:grid': 'dispatched', 'dispatch:unit': 'dispatched', 'dispatch:village': 'dispatched' },
  in_progress: { handle: 'handled', 'request-extension': 'in_progress', 'long-term': 'in_progress', escalate: 'in_progress' },
  handled: { close: 'closed', rework: 'rework' },
  rework: { take: 'in_progress' },
  closed: {},
};

/** Replays a journey; returns the outcome or a message naming the first illegal step. */
function replay(journey: string[]): Replay | string {
  const result: Replay = {
    state: 'reported', hasApprovedExtension: false, isLongTerm: false,
    escalations: 0, reworks: 0, returns: 0, dispatchTargets: [],
  };
  let isExtensionPending = false;
  for (const [index, action] of journey.entries()) {
    const step = `step ${index + 1} "${action}"`;
    if (isExtensionPending) {
      // An extension request is only ever replayed together with its approval.
      if (action !== 'approve-extension') return `${step}: request-extension must be followed by approve-extension`;
      isExtensionPending = false;
      result.hasApprovedExtension = true;
      continue;
    }
    if (action === 'approve-extension') return `${step}: no extension was requested`;
    const next = transitions[result.state][action];
    if (next === undefined) return `${step}: not allowed in state ${result.state}`;
    if (action === 'request-extension') isExtensionPending = true;
    if (action === 'long-term') {
      if (result.isLongTerm) return `${step}: already long-term`;
      result.isLongTerm = true;
    }
    if (action === 'escalate') result.escalations += 1;
    if (action === 'rework') result.reworks += 1;
    if (action === 'return') result.returns += 1;
    if (action.startsWith('dispatch:')) result.dispatchTargets.push(action.slice('dispatch:'.length));
    result.state = next;
  }
  if (isExtensionPending) return 'journey ends with an unapproved extension request';
  return result;
}

const { categories: categoriesFile } = loadReference();
const categories = new Map<string, Category>(
  categoriesFile.groups.flatMap((group) => group.categories).map((category) => [category.code, category]),
);
const demandTypes = new Set(categoriesFile.demandTypes.map((demandType) => demandType.code));
const cases: DemoCase[] = loadDemoCases();

const problems: string[] = [];
const replays: { demoCase: DemoCase; outcome: Replay }[] = [];
const descriptions = new Set<string>();
const phoneOwners = new Map<string, string>();
const nameOwners = new Map<string, string>();

for (const [index, demoCase] of cases.entries()) {
  const where = `case ${index + 1} (${String(demoCase.description).slice(0, 16)}…)`;
  const fail = (message: string) => problems.push(`${where}: ${message}`);

  if (typeof demoCase.description !== 'string' || demoCase.description.length < 8) fail('description too short');
  if (descriptions.has(demoCase.description)) fail('duplicate description');
  descriptions.add(demoCase.description);

  const category = demoCase.categoryCode === null ? undefined : categories.get(demoCase.categoryCode);
  if (category === undefined) fail(`unknown categoryCode ${demoCase.categoryCode}`);
  if (!demandTypes.has(demoCase.demandType)) fail(`unknown demandType ${demoCase.demandType}`);
  if (!channels.has(demoCase.channel)) fail(`unknown channel ${demoCase.channel}`);
  if (typeof demoCase.isAnonymous !== 'boolean') fail('isAnonymous must be true or false');
  if (typeof demoCase.inJiangzhuang !== 'boolean') fail('inJiangzhuang must be true or false');
  if (!Number.isInteger(demoCase.daysAgo) || demoCase.daysAgo < 0 || demoCase.daysAgo > 365) fail('daysAgo must be an integer 0–365');

  // An anonymous case stores no identity at all; a named one has both a name and a (fake) phone,
  // or neither when staff found the problem themselves (patrol).
  const { reporterName, reporterPhone } = demoCase;
  if (demoCase.isAnonymous && (reporterName !== null || reporterPhone !== null)) fail('anonymous cases have null reporterName and reporterPhone');
  if ((reporterName === null) !== (reporterPhone === null)) fail('reporterName and reporterPhone are both set or both null');
  if (reporterPhone !== null && !fakePhone.test(reporterPhone)) fail(`phone ${reporterPhone} is not an obviously fake 138000xxxxx/139000xxxxx number`);
  if (reporterName !== null && reporterPhone !== null) {
    if ((phoneOwners.get(reporterPhone) ?? reporterName) !== reporterName) fail(`phone ${reporterPhone} already belongs to ${phoneOwners.get(reporterPhone)}`);
    if ((nameOwners.get(reporterName) ?? reporterPhone) !== reporterPhone) fail(`${reporterName} already has phone ${nameOwners.get(reporterName)}`);
    phoneOwners.set(reporterPhone, reporterName);
    nameOwners.set(reporterName, reporterPhone);
  }

  // The flag places the case in 江庄镇江庄村; the text must agree so the demo reads true.
  const mentionsJiangzhuang = String(demoCase.description).includes('江庄');
  if (demoCase.inJiangzhuang !== mentionsJiangzhuang) fail(`inJiangzhuang is ${demoCase.inJiangzhuang} but the description ${mentionsJiangzhuang ? 'names' : 'does not name'} 江庄`);

  if (category?.verification === 'none' && demoCase.demandType !== 'inquiry') fail(`category ${category.code} has no verification, so its cases are inquiries`);

  if (!Array.isArray(demoCase.journey)) {
    fail('journey must be an array');
    continue;
  }
  const outcome = replay(demoCase.journey);
  if (typeof outcome === 'string') {
    fail(outcome);
    continue;
  }
  // Red cases are urgent: the town sends them straight to a unit or village, never to a grid queue.
  if (category?.colour === 'red' && outcome.dispatchTargets.includes('grid')) fail('red categories are not dispatched to a grid');
  replays.push({ demoCase, outcome });
}

// Every merged case needs a plausible case to have been merged into.
for (const { demoCase, outcome } of replays) {
  if (outcome.state !== 'merged') continue;
  const hasTarget = replays.some(
    (other) =>
      other.demoCase !== demoCase &&
      other.demoCase.categoryCode === demoCase.categoryCode &&
      other.demoCase.inJiangzhuang === demoCase.inJiangzhuang &&
      !['reported', 'rejected', 'merged'].includes(other.outcome.state),
  );
  if (!hasTarget) problems.push(`merged case "${demoCase.description.slice(0, 16)}…" has no accepted case of the same category and place to merge into`);
}

const count = (predicate: (outcome: Replay) => boolean) => replays.filter(({ outcome }) => predicate(outcome)).length;
const allStates: State[] = ['reported', 'accepted', 'rejected', 'merged', 'dispatched', 'returned', 'in_progress', 'handled', 'rework', 'closed'];
const stateCounts = allStates.map((state) => [state, count((outcome) => outcome.state === state)] as const);
for (const [state, n] of stateCounts) {
  if (n < minimumPerState) problems.push(`coverage: only ${n} case(s) end in ${state}, want ≥ ${minimumPerState}`);
}
const features: [string, number][] = [
  ['in_progress with an approved extension', count((o) => o.state === 'in_progress' && o.hasApprovedExtension)],
  ['long-term', count((o) => o.isLongTerm)],
  ['escalated and still open', count((o) => o.escalations > 0 && o.state !== 'closed')],
  ['escalated then closed', count((o) => o.escalations > 0 && o.state === 'closed')],
  ['reworked then closed', count((o) => o.reworks > 0 && o.state === 'closed')],
  ['returned then re-dispatched', count((o) => o.returns > 0 && o.state !== 'returned')],
];
for (const [feature, n] of features) {
  if (n < minimumPerFeature) problems.push(`coverage: only ${n} case(s) ${feature}, want ≥ ${minimumPerFeature}`);
}
const jiangzhuangShare = cases.filter((c) => c.inJiangzhuang).length / cases.length;
if (jiangzhuangShare < 0.3 || jiangzhuangShare > 0.5) problems.push(`coverage: ${(jiangzhuangShare * 100).toFixed(0)} % in 江庄村, want about 40 %`);

console.log(`${cases.length} demo cases, ${(jiangzhuangShare * 100).toFixed(0)} % in 江庄村, ${cases.filter((c) => c.isAnonymous).length} anonymous`);
console.log('final states: ' + stateCounts.map(([state, n]) => `${state} ${n}`).join(', '));
console.log('journeys:     ' + features.map(([feature, n]) => `${feature} ${n}`).join(', '));
if (problems.length > 0) {
  console.error('\n' + problems.join('\n'));
  console.error(`\n${problems.length} problem(s) in demo-cases.json`);
  process.exit(1);
}
console.log('demo-cases.json OK');
