import assert from 'node:assert/strict'
import type { IncomingMessage } from 'node:http'
import { test } from 'node:test'
import { addressNetwork, trustedProxies } from './client-address.js'

const request = (peer: string, forwarded?: string) =>
  ({ socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage

test('a forwarded address is believed from a trusted proxy only, and only as far back as the chain is trusted', () => {
  const loopback = trustedProxies()
  assert.equal(loopback.clientAddress(request('127.0.0.1', '10.1.0.7')), '10.1.0.7')
  assert.equal(loopback.clientAddress(request('127.0.0.1')), '127.0.0.1', 'no header: the proxy itself')
  assert.equal(loopback.clientAddress(request('192.0.2.9', '10.1.0.7')), '192.0.2.9', 'not a proxy: the header is ignored')
  // the delegate's own header is passed on by the proxy: the address nearest the proxy that it does not trust is the client
  assert.equal(loopback.clientAddress(request('127.0.0.1', '6.6.6.6, 10.1.0.7')), '10.1.0.7')
  assert.equal(trustedProxies('10.0.0.0/8, loopback').clientAddress(request('127.0.0.1', '6.6.6.6, 10.1.0.7')), '6.6.6.6')
  const none = trustedProxies(false)
  assert.equal(none.clientAddress(request('127.0.0.1', '10.1.0.7')), '127.0.0.1')
  assert.equal(none.trusts('127.0.0.1', 0), false)
  assert.equal(loopback.trusts('::1', 0), true)
  assert.throws(() => trustedProxies('nginx'))
  // one client, one key: an IPv4 address as a dual-stack socket gives it is the address a proxy forwards
  assert.equal(none.clientAddress(request('::ffff:10.1.0.7')), '10.1.0.7')
  assert.equal(loopback.clientAddress(request('::ffff:127.0.0.1', '::ffff:10.1.0.7')), '10.1.0.7')
  assert.equal(loopback.clientAddress(request('::ffff:127.0.0.1')), '127.0.0.1')
  // a forwarded value that is no address (written by a local process, or a client before a proxy trusted by mistake) is not a key of its own
  for (const junk of ['not-an-ip', 'a'.repeat(10_000), '999.1.1.1', '1.2.3.4:5678', '\u0000']) assert.equal(loopback.clientAddress(request('127.0.0.1', junk)), '127.0.0.1', junk.slice(0, 20))
})

test('an IPv6 address counts under its /64, however it is written; an IPv4 one as it is', () => {
  for (const a of ['2001:db8:0:7::1', '2001:0db8:0000:0007:abcd:ef01:2345:6789', '2001:DB8:0:7:0:0:0:0', '2001:db8::7:1:2:3:4'.replace('::7', ':0:7'), '2001:db8:0:7::ffff:1.2.3.4', 'fe80::1%eth0'.replace('fe80::1', '2001:db8:0:7::1')])
    assert.equal(addressNetwork(a), '2001:db8:0:7::/64', a)
  assert.equal(addressNetwork('::1'), '0:0:0:0::/64')
  assert.equal(addressNetwork('2001:db8::'), '2001:db8:0:0::/64')
  assert.equal(addressNetwork('198.51.100.7'), '198.51.100.7')
  assert.equal(addressNetwork('::ffff:198.51.100.7'), '198.51.100.7')
  assert.equal(addressNetwork('?'), '?')
})
