import { agendaMessages } from './agenda';
import { agentStatusMessages } from './agent-status';
import { callbackMessages } from './callbacks';
import { callingHoursMessages } from './calling-hours';
import { caseViewMessages } from './case-view';
import { centreAddressMessages } from './centre-address';
import { commonMessages } from './common';
import { dataMessages } from './data';
import { exportMessages } from './export';
import { headsetMessages } from './headset';
import { liveMessages } from './live';
import { monitorMessages } from './monitor';
import { outcomeMessages } from './outcome';
import { queueMessages } from './queue';
import { qaMessages } from './qa';
import { qaDeskMessages } from './qa-desk';
import { recordingMessages } from './recording';
import { reviewMessages } from './review';
import { softphoneMessages } from './softphone';
import { syncMessages } from './sync';
import { teamMessages } from './team';
import { trainingMessages } from './training';
import { visitMessages } from './visit';
import { wizardMessages } from './wizard';

/**
 * The UI message catalogue (zh-CN): every user-visible text of the renderer, one area per feature
 * (`messages.queue.title`). Components never hard-code text; `renderer/i18n/` is its only home.
 */
export const messages = {
  productName: '回访坐席工作台',
  signIn: {
    title: '坐席登录',
    staffNo: '工号',
    password: '密码',
    submit: '登录',
    signingIn: '正在登录…',
    hint: '使用工号和密码登录',
    demoHint: '使用工号和密码登录；演示账号：工号 1001，密码 demo1234',
    expired: '登录已失效，请重新登录',
    signedInElsewhere: (staffNo: string) => `本工作台已在其他窗口以工号 ${staffNo} 登录，本窗口已退出登录`,
  },
  host: {
    connecting: '正在连接主进程…',
    version: (version: string, host: string) => `版本 ${version} · ${host === 'electron' ? '桌面版' : '浏览器版'}`,
    failed: (message: string) => `无法连接主进程：${message}`,
  },
  workstation: {
    signOut: '退出登录',
    signOutPendingTitle: '尚有记录未上传',
    signOutPending: (n: number) => `还有 ${n} 条记录未上传到案件中心。退出后它们保留在本机，您下次在本机登录时继续上传。确定现在退出？`,
    signOutAnyway: '仍然退出',
    signOutDrainingTitle: '正在上传未上传的记录',
    signOutDraining: (results: number, sessions: number, bytes: number) =>
      `正在上传到案件中心：${sessions} 个通话记录（${(bytes / 1024 / 1024).toFixed(1)} MB）、${results} 条结果。最多等待 10 秒，之后未上传的保留在本机。`,
    stay: '暂不退出',
    cannotStart: (why: string) => `工作台无法启动：${why}`,
  },
  common: commonMessages,
  agenda: agendaMessages,
  agentStatus: agentStatusMessages,
  callbacks: callbackMessages,
  callingHours: callingHoursMessages,
  caseView: caseViewMessages,
  qa: qaMessages,
  qaDesk: qaDeskMessages,
  centreAddress: centreAddressMessages,
  data: dataMessages,
  export: exportMessages,
  headset: headsetMessages,
  live: liveMessages,
  monitor: monitorMessages,
  outcome: outcomeMessages,
  queue: queueMessages,
  team: teamMessages,
  training: trainingMessages,
  recording: recordingMessages,
  review: reviewMessages,
  softphone: softphoneMessages,
  sync: syncMessages,
  visit: visitMessages,
  wizard: wizardMessages,
} as const;
