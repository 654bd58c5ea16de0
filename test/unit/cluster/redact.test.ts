import { strict as assert } from 'node:assert';
import { redact } from '../../../client/src/cluster/errors';

describe('redact', () => {
  it('hides bearer and basic authorization', () => {
    assert.equal(redact('Authorization: Bearer abc.def-ghi'), 'Authorization: Bearer <redacted>');
    assert.equal(redact('Authorization: Basic dXNlcjpwYXNz'), 'Authorization: Basic <redacted>');
  });

  it('hides the values of secret-looking keys', () => {
    assert.equal(redact('"client-secret": "s3cr3t"'), '"client-secret": "<redacted>"');
    assert.equal(redact('password=hunter2&user=a'), 'password=<redacted>&user=a');
    assert.equal(redact('api_key: k-123, token=t0k'), 'api_key: <redacted>, token=<redacted>');
    assert.equal(redact('client-key-data: LS0tLS1CRUdJTg=='), 'client-key-data: <redacted>');
  });

  it('hides bare JWTs', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl';
    assert.equal(redact(`rejected ${jwt} (expired)`), 'rejected <redacted-jwt> (expired)');
  });

  it('hides PEM blocks, ended or cut off', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\nkqhkiG9w0B\n-----END PRIVATE KEY-----';
    assert.equal(redact(`key: ${pem} trailing`), 'key: -----BEGIN PRIVATE KEY----- <redacted> trailing');
    assert.equal(redact('-----BEGIN CERTIFICATE-----\nMIIB'), '-----BEGIN CERTIFICATE----- <redacted>');
  });

  it('hides passwords in URLs and keeps the rest', () => {
    assert.equal(redact('dial postgres://app:pa55@db:5432/x failed'), 'dial postgres://app:<redacted>@db:5432/x failed');
    assert.equal(redact('GET https://example.com:6443/api'), 'GET https://example.com:6443/api');
  });

  it('leaves ordinary text alone', () => {
    assert.equal(redact('pods "web-1" not found'), 'pods "web-1" not found');
  });
});
