import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SYSTEM_ACTOR, type Actor } from '../../src/admin/actor.ts';
import { pageClause, SqlFilter, likeText } from '../../src/base/sql.ts';
import { ancestorCodes, divisionVisible, isCityWide, scopeAncestors, scopeRootCode } from '../../src/base/visibility.ts';

const actor = (scope: string[]): Actor => ({ ...SYSTEM_ACTOR, kind: 'user', scope });

describe('base data visibility', () => {
  it('turns scope prefixes back into division codes', () => {
    assert.equal(scopeRootCode('37'), '370000');
    assert.equal(scopeRootCode('3799'), '379900');
    assert.equal(scopeRootCode('379902'), '379902');
    assert.equal(scopeRootCode('379902001'), '379902001');
  });

  it('lists the divisions above a code', () => {
    assert.deepEqual(ancestorCodes('379902001001'), ['379902001', '379902', '379900', '370000']);
    assert.deepEqual(ancestorCodes('379902'), ['379900', '370000']);
    assert.deepEqual(ancestorCodes('379900'), ['370000']);
    assert.deepEqual(ancestorCodes('370000'), []);
    assert.deepEqual(scopeAncestors(['3799', '379902']).sort(), ['370000', '379900']);
  });

  it('shows a district its subtree and the city above, not its neighbours', () => {
    const district = actor(['379902']);
    assert.ok(divisionVisible(district, '379902001001'));
    assert.ok(divisionVisible(district, '379900'));
    assert.ok(!divisionVisible(district, '379903'));
    assert.ok(divisionVisible(SYSTEM_ACTOR, '379903'));
  });

  it('tells city-wide actors from district ones', () => {
    assert.ok(isCityWide(SYSTEM_ACTOR));
    assert.ok(isCityWide(actor(['3799'])));
    assert.ok(!isCityWide(actor(['379902'])));
    assert.ok(!isCityWide(actor([])));
  });
});

describe('SQL filter builder', () => {
  it('numbers parameters in order and joins conditions', () => {
    const f = new SqlFilter().add('a = ?', 1).add('(b like ? or c = ?)', 'x%', 2).add('d');
    assert.equal(f.where(), 'where a = $1 and (b like $2 or c = $3) and d');
    assert.deepEqual(f.values, [1, 'x%', 2]);
    assert.equal(new SqlFilter().where(), '');
  });

  it('clamps pages and escapes LIKE wildcards', () => {
    assert.equal(pageClause(3, 20), 'limit 20 offset 40');
    assert.equal(pageClause(0, 10_000), 'limit 500 offset 0');
    assert.equal(likeText('50%_\\'), '50\\%\\_\\\\');
  });
});
