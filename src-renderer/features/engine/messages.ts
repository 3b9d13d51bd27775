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
    detailsHint: 'What the engine says about its storage (docker info)',
    rootDir: 'Docker root dir',
    kernel: 'Host kernel',
    counts: 'Held here',
    countsText: (images: number, containers: number) =>
      `${images} ${images === 1 ? 'image' : 'images'}, ${containers} ${containers === 1 ? 'container' : 'containers'}`,
    driverNote:
      "The storage driver stacks an image's read-only layers and a container's writable layer into the one filesystem the container sees (a union mount). overlay2 keeps each layer as a directory under the root dir; it needs a backing filesystem with d_type.",
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
    detailsHint: '引擎关于其存储的信息（docker info）',
    rootDir: 'Docker 根目录',
    kernel: '宿主机内核',
    counts: '此处保存',
    countsText: (images: number, containers: number) => `${images} 个镜像，${containers} 个容器`,
    driverNote:
      '存储驱动把镜像的只读镜像层和容器的可写层叠加成容器看到的同一个文件系统（联合挂载）。overlay2 把每个镜像层保存为根目录下的一个目录；它要求底层文件系统支持 d_type。',
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
