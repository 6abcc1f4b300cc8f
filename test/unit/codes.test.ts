import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  componentId, divisionLevel, gridCode, impliedParent, isLocalTypeCode, isValidCreditCode, makeCreditCode,
  matterCode, parseComponentId, parseGridCode, parseLegacyComponentId,
} from '../../src/base/codes.ts';

describe('division codes', () => {
  it('tells the level from the shape', () => {
    assert.equal(divisionLevel('379900'), 'city');
    assert.equal(divisionLevel('379902'), 'district');
    assert.equal(divisionLevel('379902001'), 'street');
    assert.equal(divisionLevel('379902001001'), 'community');
    assert.equal(divisionLevel('37990'), undefined);
    assert.equal(divisionLevel('37990200100A'), undefined);
  });
  it('derives the implied parent', () => {
    assert.equal(impliedParent('379902001001'), '379902001');
    assert.equal(impliedParent('379902001'), '379902');
    assert.equal(impliedParent('379902'), '379900');
    assert.equal(impliedParent('379900'), undefined);
  });
});

describe('unit grid codes (15 = 6 + 3 + 3 + 3)', () => {
  it('parses into district, street, community and sequence', () => {
    assert.deepEqual(parseGridCode('379902001001007'), {
      district: '379902', street: '379902001', community: '379902001001', sequence: '007' });
  });
  it('rejects wrong length, letters and the zero sequence', () => {
    for (const bad of ['37990200100100', '3799020010010071', '37990200100100A', '379902001001000']) {
      assert.equal(parseGridCode(bad), undefined, bad);
    }
  });
  it('builds codes and refuses sequences out of range', () => {
    assert.equal(gridCode('379902001001', 12), '379902001001012');
    assert.throws(() => gridCode('379902001001', 0));
    assert.throws(() => gridCode('379902001001', 1000));
    assert.throws(() => gridCode('3799020010', 1));
  });
});

describe('component ids (17 = 6 + 2 + 3 + 6)', () => {
  it('round-trips', () => {
    const id = componentId('379902', '01001', 42);
    assert.equal(id, '37990201001000042');
    assert.deepEqual(parseComponentId(id), { division: '379902', typeCode: '01001', major: '01', minor: '001', sequence: '000042' });
  });
  it('rejects malformed ids and the zero sequence', () => {
    assert.equal(parseComponentId('3799020100100004'), undefined);
    assert.equal(parseComponentId('37990201001000000'), undefined);
    assert.throws(() => componentId('379902', '0100', 1));
    assert.throws(() => componentId('379902', '01001', 1_000_000));
  });
  it('reads legacy 16-digit ids', () => {
    assert.deepEqual(parseLegacyComponentId('3799020101000042'), { division: '379902', legacyType: '0101', sequence: '000042' });
  });
  it('builds matter codes and recognises local type codes', () => {
    assert.equal(matterCode('379902', '06001'), '37990206001');
    assert.equal(isLocalTypeCode('06901'), true);
    assert.equal(isLocalTypeCode('06001'), false);
  });
});

describe('统一社会信用代码', () => {
  it('accepts published codes', () => {
    for (const code of ['91350100M000100Y43', '91110000802100433B', '91440300708461136T']) assert.ok(isValidCreditCode(code), code);
  });
  it('rejects a changed character, a wrong check character and forbidden letters', () => {
    assert.equal(isValidCreditCode('91350100M000100Y44'), false);
    assert.equal(isValidCreditCode('91110000802100433C'), false);
    assert.equal(isValidCreditCode('9111000080210043IB'), false);
    assert.equal(isValidCreditCode('911100008021004'), false);
  });
  it('builds valid codes', () => {
    const code = makeCreditCode('11', '379900', 'MB1234XY');
    assert.equal(code.length, 18);
    assert.ok(isValidCreditCode(code));
  });
});
