import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartBudget } from '../../../client/src/restartBudget';

const MINUTE = 60_000;

test('four crashes within three minutes are restarted, the fifth is not', () => {
  const budget = new RestartBudget(4, 3 * MINUTE);
  const decisions = [0, 10_000, 20_000, 30_000, 40_000].map((at) => budget.spend(at));
  assert.deepEqual(decisions.map((d) => d.restart), [true, true, true, true, false]);
  assert.equal(decisions[4].count, 5);
});

test('crashes older than the window no longer count', () => {
  const budget = new RestartBudget(4, 3 * MINUTE);
  for (const at of [0, 1, 2, 3]) assert.equal(budget.spend(at * 1000).restart, true);
  const later = budget.spend(3 * MINUTE + 1500);
  assert.deepEqual(later, { restart: true, count: 3 });
});
