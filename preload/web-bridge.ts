import { createHuifangApi } from '../shared/ipc/client';
import { webSocketTransport } from './web-socket-transport';

// The web host's counterpart of the Electron preload: installs the same frozen `window.huifang`,
// carried over a WebSocket to the web host. The renderer cannot tell the two hosts apart.
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__huifang/ipc`;
Object.defineProperty(window, 'huifang', {
  value: createHuifangApi(webSocketTransport(wsUrl)),
  writable: false,
  configurable: false,
  enumerable: true,
});
