/** Recording messages (zh-CN). */
export const recordingMessages = {
  recording: (elapsed: string) => `录音中 ${elapsed}`,
  finalising: '正在保存录音…',
  failed: (reason: string) => `录音失败：${reason}`,
  blocked: (reason: string) => `录音不可用，不能拨打新电话：${reason}`,
  startFailed: (reason: string) => `录音无法开始：${reason}`,
  notStored: '录音分片未能保存到磁盘',
  recorderError: (reason: string) => `浏览器录音出错：${reason}`,
  stalled: '录音数据中断：超过 3 秒没有收到录音数据',
  unsupported: '此环境不支持 audio/webm;codecs=opus 录音',
  label: '录音状态',
  unavailable: '录音不可用',
  failedNoReason: '录音失败',
  cannotStart: '录音无法开始',
} as const;
