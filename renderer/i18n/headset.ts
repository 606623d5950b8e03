/** zh-CN text of the USB headset's call buttons (WebHID). */
export const headsetMessages = {
  none: '耳机按键：未连接',
  connected: (name: string) => `耳机按键：${name}`,
  connect: '连接耳机按键',
  noTelephony: '所选设备没有通话按键（需支持 USB 电话类 HID 的耳机）',
  failed: (why: string) => `无法连接耳机：${why}`,
};
