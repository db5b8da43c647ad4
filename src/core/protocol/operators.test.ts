import { describe, expect, it } from 'vitest';
import { checkOperatorDirectory } from './protocol-validate.js';
import { credentialDigest, findOperator, secretDigest } from './operators.js';
import { sha256Hex } from './sha256.js';

const salt = '0123456789abcdef0123456789abcdef';
const directory = {
  salt,
  operators: [
    { name: 'Nguyễn Văn An', credentials: [credentialDigest(salt, secretDigest('4827')), credentialDigest(salt, secretDigest('BADGE-00417'))] },
    { name: 'Lê Thị Hoa', credentials: [credentialDigest(salt, secretDigest('9051'))] },
  ],
};

describe('operator credentials', () => {
  it('finds the operator by PIN or badge id; the reader’s line end and composed/decomposed text do not matter', () => {
    expect(findOperator(directory, '4827')).toBe('Nguyễn Văn An');
    expect(findOperator(directory, 'BADGE-00417\r\n')).toBe('Nguyễn Văn An');
    expect(findOperator(directory, ' 9051 ')).toBe('Lê Thị Hoa');
    expect(findOperator(directory, '0000')).toBeNull();
    expect(findOperator(directory, '')).toBeNull();
    expect(findOperator(null, '4827')).toBeNull();
    const nfd = 'Mã-Đội'.normalize('NFD');
    const d2 = { salt, operators: [{ name: 'x', credentials: [credentialDigest(salt, secretDigest('Mã-Đội'))] }] };
    expect(findOperator(d2, nfd)).toBe('x');
  });

  it('accepts the SHA-256 a file holds instead of the secret (as tokens.json does)', () => {
    expect(secretDigest('4827')).toBe(sha256Hex('4827'));
    expect(credentialDigest(salt, sha256Hex('4827').toUpperCase())).toBe(credentialDigest(salt, sha256Hex('4827')));
  });

  it('still finds operators by digests stored before @noble/hashes replaced the hand-written SHA-256', () => {
    const stored = { salt: 's4lt', operators: [{ name: 'An', credentials: ['f3463f5abf61e854a5b5e202e3503ede00cdc1114cab1bfad3c32e8ceb260542'] }] };
    expect(findOperator(stored, '4827')).toBe('An');
    expect(findOperator(stored, '4828')).toBeNull();
  });

  it('depends on the salt, so a digest from one directory means nothing in another', () => {
    expect(credentialDigest(salt, secretDigest('4827'))).not.toBe(credentialDigest('ffffffffffffffff', secretDigest('4827')));
    expect(findOperator({ ...directory, salt: 'ffffffffffffffff' }, '4827')).toBeNull();
  });

  it('checks a directory from the wire', () => {
    expect(checkOperatorDirectory(directory).ok).toBe(true);
    expect(checkOperatorDirectory({ ...directory, operators: [{ name: 'x', credentials: ['4827'] }] }).ok).toBe(false);
    expect(checkOperatorDirectory({ ...directory, operators: [{ name: 'x', credentials: [] }] }).ok).toBe(false);
    expect(checkOperatorDirectory({ ...directory, pins: [] }).ok).toBe(false);
  });
});
