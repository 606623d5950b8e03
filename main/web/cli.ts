import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchWebHost } from './launch-web-host';

// `npm run web`: serves the workstation to a browser on 127.0.0.1 and prints the URL.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.HUIFANG_WEB_PORT ?? '5730' },
    data: { type: 'string', default: process.env.HUIFANG_DATA_DIR ?? path.resolve('.huifang-data') },
    // The built renderer to serve; `npm run bench` points it at the bench build (out/renderer-bench).
    renderer: { type: 'string', default: process.env.HUIFANG_RENDERER_DIR },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口无效 (invalid port): ${values.port}`);
  process.exit(2);
}

const { host, services } = await launchWebHost({
  port,
  dataDir: path.resolve(values.data as string),
  rendererDir: values.renderer ? path.resolve(values.renderer) : undefined,
});
process.stdout.write(`${JSON.stringify({ event: 'listening', url: host.url, origin: host.origin })}\n`);
process.stdout.write(`回访坐席工作台 已启动，请在浏览器中打开: ${host.url}\n`);

const stop = async () => {
  await host.close();
  await services.dispose();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
