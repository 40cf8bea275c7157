/**
 * The fault injector the SQL Server outage tests rely on, checked against a local echo socket
 * (no SQL Server needed): bytes pass through; a cut resets open connections; while refusing,
 * new connections are reset on arrival; afterwards they pass again.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { FaultProxy } from './fault-proxy.js';

const echo = createServer((socket) => {
  socket.on('error', () => undefined); // a cut resets the echo side too
  socket.pipe(socket);
});
let proxy: FaultProxy;

before(async () => {
  echo.listen(0, '127.0.0.1');
  await once(echo, 'listening');
  proxy = await FaultProxy.start('127.0.0.1', (echo.address() as AddressInfo).port);
});

after(async () => {
  await proxy.close();
  echo.close();
});

async function client(): Promise<Socket> {
  const socket = connect(proxy.port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

async function roundTrip(socket: Socket, text: string): Promise<string> {
  socket.write(text);
  const [data] = (await once(socket, 'data')) as [Buffer];
  return data.toString();
}

/** How the socket ended: the error code, or 'closed' without one. */
function ending(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    socket.once('close', () => resolve('closed'));
  });
}

describe('fault proxy', () => {
  it('passes bytes through both ways', async () => {
    const socket = await client();
    assert.equal(await roundTrip(socket, 'ping'), 'ping');
    socket.destroy();
  });

  it('resets open connections on a cut', async () => {
    const socket = await client();
    await roundTrip(socket, 'x');
    const ended = ending(socket);
    proxy.cut();
    assert.match(await ended, /ECONNRESET|closed/);
  });

  it('resets new connections while refusing, and passes them again after', async () => {
    proxy.refuse(true);
    const refused = connect(proxy.port, '127.0.0.1');
    const ended = ending(refused);
    assert.match(await ended, /ECONNRESET|closed/);
    assert.ok(proxy.refused >= 1);
    proxy.refuse(false);
    const socket = await client();
    assert.equal(await roundTrip(socket, 'back'), 'back');
    socket.destroy();
  });
});
