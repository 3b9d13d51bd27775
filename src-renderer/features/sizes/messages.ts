/** UI text of the size views: layer bars, shared/unique bar, treemap (English / Simplified Chinese). */
import { defineMessages } from '../../i18n/messages';
import type { SizeChange } from '../../viz/treemap';

export const sizesMsg = defineMessages({
  en: {
    layerSizes: 'Layer sizes: content and stored bytes',
    content: 'content (files)',
    stored: 'stored (blob)',
    noCommand: '(no command recorded)',
    layerBar: (content: string, stored: string) => `content ${content}, stored ${stored}`,
    sharedBar: (shared: string, unique: string) => `shared ${shared}, unique ${unique}`,
    shared: 'shared with other images',
    unique: 'only this image',
    zoom: 'Treemap zoom',
    loading: ' · loading…',
    colour: 'Colour',
    colourLabel: 'Treemap colours',
    byTopLevel: 'by top-level folder',
    byChange: 'by change',
    canvasLabel: (focus: string, size: string) =>
      `Treemap of /${focus}: ${size}. Click a folder to zoom in; Escape zooms out.`,
    colours: 'Colours',
    largestIn: (focus: string) => `Largest in /${focus}`,
    ofImage: (pct: string) => `${pct}% of the image`,
    ofFocus: (pct: string, focus: string) => `${pct}% of /${focus}`,
    change: (c: SizeChange) => c as string,
  },
  zh: {
    layerSizes: '各层大小：内容与存储字节',
    content: '内容（文件）',
    stored: '存储（blob）',
    noCommand: '（未记录命令）',
    layerBar: (content: string, stored: string) => `内容 ${content}，存储 ${stored}`,
    sharedBar: (shared: string, unique: string) => `共享 ${shared}，独有 ${unique}`,
    shared: '与其他镜像共享',
    unique: '仅此镜像',
    zoom: '矩形树图缩放',
    loading: ' · 加载中…',
    colour: '颜色',
    colourLabel: '矩形树图配色',
    byTopLevel: '按顶层目录',
    byChange: '按变更',
    canvasLabel: (focus: string, size: string) =>
      `/${focus} 的矩形树图：${size}。点击文件夹放大，按 Esc 缩小。`,
    colours: '配色',
    largestIn: (focus: string) => `/${focus} 中最大的项`,
    ofImage: (pct: string) => `占镜像的 ${pct}%`,
    ofFocus: (pct: string, focus: string) => `占 /${focus} 的 ${pct}%`,
    change: (c: SizeChange) => ({ added: '新增', modified: '修改', removed: '删除', unchanged: '未变' })[c],
  },
});
