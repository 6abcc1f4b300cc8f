// The console's dictionary is merged from one file per area: no key may be defined twice, and none may be empty.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TEXT_AREAS } from '../../web/src/text/index.ts';

test('console text keys are unique across areas and have both languages', () => {
  const owner = new Map<string, string>();
  for (const [area, dict] of Object.entries(TEXT_AREAS)) {
    for (const [key, [zh, en]] of Object.entries(dict as Record<string, readonly [string, string]>)) {
      assert.equal(owner.get(key), undefined, `${key} is defined in ${owner.get(key)} and ${area}`);
      owner.set(key, area);
      assert.ok(zh.trim() && en.trim(), `${area}.${key} lacks a translation`);
    }
  }
  assert.ok(owner.size > 100);
});
