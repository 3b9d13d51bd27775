/** UI text of the engine bar (English / Simplified Chinese). */
import { defineMessages } from '../../i18n/messages';

export const engineMsg = defineMessages({
  en: {
    engine: 'Engine',
    connected: 'Connected',
    connecting: 'Connecting…',
    noEngine: 'No engine',
    error: 'Error',
    retry: 'Retry',
    storageDriver: 'Storage driver:',
    switchEngine: 'Switch engine',
    switching: 'Switching…',
    stateConnected: 'connected',
    stateConnecting: 'connecting',
    stateUnavailable: 'unavailable',
    switchFailed: (m: string) => `Could not switch: ${m}`,
    archiveMode: 'Open an archive…',
    archiveModeHint:
      'Without an engine Strata still reads image archives (docker save, OCI): layers, files, sizes.',
  },
  zh: {
    engine: '引擎',
    connected: '已连接',
    connecting: '正在连接…',
    noEngine: '没有引擎',
    error: '错误',
    retry: '重试',
    storageDriver: '存储驱动：',
    switchEngine: '切换引擎',
    switching: '正在切换…',
    stateConnected: '已连接',
    stateConnecting: '连接中',
    stateUnavailable: '不可用',
    switchFailed: (m: string) => `切换失败：${m}`,
    archiveMode: '打开归档文件…',
    archiveModeHint: '没有引擎时，Strata 仍可读取镜像归档文件（docker save、OCI）：镜像层、文件和大小。',
  },
});
