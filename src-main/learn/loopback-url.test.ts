import { describe, expect, it } from 'vitest';
import { loopbackTarget } from './loopback-url';

describe('loopbackTarget', () => {
  it.each([
    ['http://127.0.0.1:8001/', { address: '127.0.0.1', port: 8001, path: '/' }],
    ['http://localhost:8002/index.html?x=1', { address: '127.0.0.1', port: 8002, path: '/index.html?x=1' }],
    ['http://[::1]:9000', { address: '::1', port: 9000, path: '/' }],
    ['http://127.0.0.1', { address: '127.0.0.1', port: 80, path: '/' }],
    // The URL parser normalises other spellings of 127.0.0.1 first: still this machine.
    ['http://2130706433:8001/', { address: '127.0.0.1', port: 8001, path: '/' }],
  ])('accepts %s', (url, want) => {
    expect(loopbackTarget(url)).toMatchObject(want);
  });

  it.each([
    ['http://10.0.0.1/', /not 10\.0\.0\.1/],
    ['http://172.17.0.2:80/', /not 172\.17\.0\.2/],
    ['http://192.168.1.10:8001/', /not 192\.168\.1\.10/],
    ['http://127.0.0.2/', /not 127\.0\.0\.2/],
    ['http://localhost.example.com/', /not localhost\.example\.com/],
    ['https://127.0.0.1/', /only http:\/\//],
    ['file:///etc/passwd', /only http:\/\//],
    ['http://user:pw@127.0.0.1/', /credentials/],
    ['127.0.0.1:8001', /only http|not a URL/],
    ['not a url', /not a URL/],
  ])('refuses %s', (url, why) => {
    const r = loopbackTarget(url);
    expect(r).toHaveProperty('refused');
    expect((r as { refused: string }).refused).toMatch(why);
  });
});
