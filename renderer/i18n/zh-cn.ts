/** UI message catalogue (zh-CN). Components never hard-code user-visible text. */
export const messages = {
  productName: '回访坐席工作台',
  signIn: {
    title: '坐席登录',
    staffNo: '工号',
    password: '密码',
    submit: '登录',
    signingIn: '正在登录…',
    hint: '使用工号和密码登录；演示账号：工号 1001，密码 demo1234',
  },
  host: {
    connecting: '正在连接主进程…',
    version: (version: string, host: string) => `版本 ${version} · ${host === 'electron' ? '桌面版' : '浏览器版'}`,
    failed: (message: string) => `无法连接主进程：${message}`,
  },
} as const;
