import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../../src/admin/passwords.ts';
import { maskIdNumber, maskPhone } from '../../src/admin/privacy.ts';
import { ROLE_PERMISSIONS, ROLES, PERMISSIONS } from '../../src/admin/roles.ts';
import { divisionPrefix, inScope, likePatterns } from '../../src/admin/scope.ts';

describe('data scope', () => {
  it('maps a division to the prefix its descendants share', () => {
    assert.equal(divisionPrefix('379900'), '3799');
    assert.equal(divisionPrefix('370000'), '37');
    assert.equal(divisionPrefix('379902'), '379902');
    assert.equal(divisionPrefix('379902001'), '379902001');
  });
  it('denies by default', () => {
    assert.equal(inScope('379902001001001', []), false);
    assert.equal(inScope(null, ['3799']), false);
    assert.equal(inScope('379903001001001', ['379902']), false);
    assert.equal(inScope('379902001001001', ['379902']), true);
    assert.equal(inScope('anything', 'all'), true);
    assert.deepEqual(likePatterns(['379902']), ['379902%']);
  });
});

describe('roles', () => {
  it('gives citizens only reporting and self-service (公众服务) and only admins write base data', () => {
    assert.deepEqual([...ROLE_PERMISSIONS.citizen].sort(), [PERMISSIONS.caseReport, PERMISSIONS.publicSelf].sort());
    const writers = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(PERMISSIONS.baseWrite));
    assert.deepEqual(writers, ['admin']);
    assert.equal(ROLE_PERMISSIONS.leader.includes(PERMISSIONS.userManage), false);
  });
});

describe('passwords', () => {
  it('hashes with a salt and verifies', async () => {
    const a = await hashPassword('Secr3t!pass');
    const b = await hashPassword('Secr3t!pass');
    assert.notEqual(a, b);
    assert.match(a, /^scrypt\$/);
    assert.equal(await verifyPassword('Secr3t!pass', a), true);
    assert.equal(await verifyPassword('secr3t!pass', a), false);
    assert.equal(await verifyPassword('x', 'garbage'), false);
  });
  it('refuses weak passwords with a Chinese reason', () => {
    assert.throws(() => checkPasswordStrength('short'), /至少 8 位/);
    assert.throws(() => checkPasswordStrength('alllowercase'), /三类/);
    checkPasswordStrength('Good2026!');
  });
});

describe('personal data masking', () => {
  it('masks mobile numbers as 138****1234', () => {
    assert.equal(maskPhone('13812341234'), '138****1234');
    assert.equal(maskPhone(null), null);
    assert.equal(maskPhone('0518-85551234'), '05*********34');
  });
  it('masks ID numbers keeping region and last four', () => {
    assert.equal(maskIdNumber('32070619900307123X'), '320706********123X');
  });
});
