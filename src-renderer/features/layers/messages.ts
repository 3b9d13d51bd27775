/** UI text of the layer stack (English / Simplified Chinese). */
import type { LayerAnalysis } from '../../../src-shared/archive-analysis';
import { defineMessages, useMessages } from '../../i18n/messages';

export const layersMsg = defineMessages({
  en: {
    stack: 'Layer stack',
    containerBandHelp: 'Created by docker run; never part of the image',
    containerBand: 'container layer — read-write, added when a container runs',
    listLabel: 'Layers, bottom first (arrow keys move)',
    contentHelp: 'Bytes of the regular files it holds',
    storedAs: (how: string) => `Stored as ${how}`,
    plainTar: 'a plain tar',
    stored: (size: string) => `stored ${size}`,
    changesHelp: 'files added, modified, removed',
    rootfs: (n: number) => `rootfs — ${n} read-only layers, bottom first`,
    bootfs: 'bootfs — host kernel, not part of the image',
    content: 'content',
    storedBlob: 'stored (blob)',
    noCommand: '(no command recorded)',
    learnA: 'A container sees one filesystem, but it is a ',
    unionMount: 'union mount',
    learnB:
      ': these read-only layers are stacked, each upper layer’s files hiding the same paths below. Deleting a file in a later layer only writes a ',
    whiteout: 'whiteout',
    learnC: ' marker (.wh.name): the bytes stay in the layer below and still ship with the image.',
    base: 'base',
    baseHelp: 'from the base image this archive also holds (or the first image it was built on)',
    parent: 'parent',
    parentHelp: 'from a parent image built on the base',
    own: 'own',
    ownHelp: "added by this image's own build steps",
  },
  zh: {
    stack: '镜像层栈',
    containerBandHelp: '由 docker run 创建；从不属于镜像',
    containerBand: '容器层 — 可读写，运行容器时添加',
    listLabel: '镜像层，自底向上（方向键移动）',
    contentHelp: '其中普通文件的字节数',
    storedAs: (how: string) => `存储为${how}`,
    plainTar: '未压缩的 tar',
    stored: (size: string) => `存储 ${size}`,
    changesHelp: '新增、修改、删除的文件',
    rootfs: (n: number) => `rootfs — ${n} 个只读镜像层，自底向上`,
    bootfs: 'bootfs — 宿主机内核，不属于镜像',
    content: '内容',
    storedBlob: '存储（blob）',
    noCommand: '（未记录命令）',
    learnA: '容器看到的是一个文件系统，但它其实是',
    unionMount: '联合挂载（union mount）',
    learnB: '：这些只读镜像层叠放在一起，上层的文件会遮住下层相同路径的文件。在后续层中删除文件只会写入一个',
    whiteout: 'whiteout',
    learnC: '标记（.wh.文件名）：这些字节仍留在下层，并随镜像一起分发。',
    base: '基础',
    baseHelp: '来自此归档文件中同样包含的基础镜像（或构建时所基于的第一个镜像）',
    parent: '父镜像',
    parentHelp: '来自基于基础镜像构建的父镜像',
    own: '自身',
    ownHelp: '由此镜像自己的构建步骤添加',
  },
});

export type RoleText = Record<LayerAnalysis['role'], { label: string; help: string }>;

/** The role badges' words in the current language. */
export function useRoleText(): RoleText {
  const m = useMessages(layersMsg);
  return {
    base: { label: m.base, help: m.baseHelp },
    parent: { label: m.parent, help: m.parentHelp },
    own: { label: m.own, help: m.ownHelp },
  };
}
