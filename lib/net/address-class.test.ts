import { describe, expect, it } from 'vitest';
import { classifyAddress } from './address-class';

describe('classifyAddress', () => {
  it('finds internal IPv4 addresses', () => {
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('127.255.1.2')).toBe('loopback');
    expect(classifyAddress('10.1.2.3')).toBe('private');
    expect(classifyAddress('172.31.255.255')).toBe('private');
    expect(classifyAddress('192.168.1.1')).toBe('private');
    expect(classifyAddress('100.100.100.100')).toBe('private');
    expect(classifyAddress('169.254.169.254')).toBe('link-local');
    expect(classifyAddress('224.0.0.1')).toBe('multicast');
    expect(classifyAddress('0.0.0.0')).toBe('unspecified');
    expect(classifyAddress('255.255.255.255')).toBe('reserved');
  });

  it('finds internal IPv6 addresses, also IPv4 wrapped in IPv6', () => {
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('::')).toBe('unspecified');
    expect(classifyAddress('fe80::1')).toBe('link-local');
    expect(classifyAddress('fd00::1')).toBe('private');
    expect(classifyAddress('ff02::1')).toBe('multicast');
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback');
    expect(classifyAddress('0:0:0:0:0:ffff:a9fe:a9fe')).toBe('link-local');
    expect(classifyAddress('::127.0.0.1')).toBe('loopback');
    expect(classifyAddress('64:ff9b::10.0.0.1')).toBe('private');
    expect(classifyAddress('2002:7f00:1::')).toBe('loopback');
  });

  it('leaves public addresses public', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:808:808::1']) {
      expect([address, classifyAddress(address)]).toEqual([address, 'public']);
    }
  });

  it('treats text that is not an address as reserved', () => {
    expect(classifyAddress('localhost')).toBe('reserved');
  });
});
