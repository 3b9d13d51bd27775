/** UI text of the transfer dialogs (save, load, pull, push) and of job progress (English / Simplified Chinese). */
import { defineMessages } from '../../i18n/messages';

const s = (n: number, one: string, many: string): string => (n === 1 ? one : many);
/** The names part and the untagged part of a load's result, each only when not zero (names when both are). */
const nonZero = (
  names: number,
  untagged: number,
  namesText: string,
  untaggedText: string,
  and: string,
): string =>
  [names > 0 || untagged === 0 ? namesText : '', untagged > 0 ? untaggedText : ''].filter(Boolean).join(and);

export const transferMsg = defineMessages({
  en: {
    close: 'Close',
    cancel: 'Cancel',
    cancelled: 'Cancelled.',
    // Save
    saveTitle: (n: number) => `Save ${n === 1 ? '1 image' : `${n} images`} to a file`,
    saveAs: 'Save images as',
    gzipTar: 'gzip-compressed tar',
    plainTar: 'tar archive',
    save: 'Save',
    saveExplain:
      "One archive holds the images' layers once each (shared layers are stored once), their configs and the names below. docker load or Strata's Load brings them back.",
    namesToSave: 'Names to save',
    savedById: ' <none>: saved by ID, loads back untagged',
    allTagsOf: 'all tags of',
    wholeRepoNote: 'A whole repository also takes its tags on images not selected here.',
    gzip: 'Compress with gzip (smaller file, slower to write)',
    destination: 'Destination',
    choose: 'Choose…',
    savingTo: (name: string) => `Saving to ${name}`,
    saveCancelled: 'Cancelled: nothing was written (the file appears only when whole).',
    saved: (n: number, names: string, size: string) =>
      `Saved ${n} ${s(n, 'name', 'names')} (${names}) — ${size} written to`,
    // Load
    loadTitle: 'Load images from a file',
    load: 'Load',
    loadExplain:
      "The engine stores each layer it does not have yet and sets the archive's names on its images; a name that pointed at another image moves, and that image may become dangling. OCI archives are converted first.",
    archive: 'Archive',
    loading: (name: string) => `Loading ${name}`,
    loaded: (names: number, untagged: number, converted: boolean) =>
      `Loaded ${nonZero(names, untagged, `${names} ${s(names, 'name', 'names')}`, `${untagged} untagged ${s(untagged, 'image', 'images')}`, ' and ')}${converted ? ' (an OCI archive, converted to the Docker layout first)' : ''}:`,
    highlighted: 'They are highlighted in the list.',
    archiveFilter: 'Image archives',
    // Pull / push
    pullTitle: 'Pull an image',
    pull: 'Pull',
    pullExplain:
      "Pulling asks the registry for the image's manifest, then downloads only the layers the engine does not already have.",
    reference: 'Reference',
    pulling: (ref: string) => `Pulling ${ref}`,
    pulled: (ref: string, id: string, digest: string | undefined) =>
      `Pulled ${ref}: image ${id}${digest ? `, ${digest}` : ''}`,
    pushTitle: 'Push to a registry',
    push: 'Push',
    pushExplain:
      'A push goes to the registry named at the start of the reference (docker.io when none). To push elsewhere, first Tag the image as registry-host:port/repository:tag. Layers the registry already has are not sent again.',
    noName: 'This image has no name: Tag it first.',
    refToPush: 'Reference to push',
    pushing: (ref: string) => `Pushing ${ref}`,
    pushed: (ref: string, digest: string | undefined) => `Pushed ${ref}${digest ? `: ${digest}` : ''}`,
    // Reference feedback
    refForm: 'Form: [registry/]repository[:tag] — e.g.',
    checking: 'Checking…',
    // The reference parser's problems (src-shared/image-reference.ts), by kind
    refWrongLength: (ref: string) => `Invalid image reference "${ref}": wrong length`,
    refBadDigest: (ref: string, part: string) => `Invalid image reference "${ref}": bad digest "${part}"`,
    refBadTag: (ref: string, part: string) => `Invalid image reference "${ref}": bad tag "${part}"`,
    refBadHost: (ref: string, part: string) =>
      `Invalid image reference "${ref}": bad registry host "${part}"`,
    refBadRepository: (ref: string) =>
      `Invalid image reference "${ref}": repository names are lowercase letters, digits and separators`,
    refNotReference: 'not an image reference',
    registry: 'registry',
    repository: 'repository',
    tag: 'tag',
    digest: 'digest',
    implied: ' (implied)',
  },
  zh: {
    close: '关闭',
    cancel: '取消',
    cancelled: '已取消。',
    saveTitle: (n: number) => `将 ${n} 个镜像保存到文件`,
    saveAs: '镜像另存为',
    gzipTar: 'gzip 压缩的 tar',
    plainTar: 'tar 归档文件',
    save: '保存',
    saveExplain:
      '一个归档文件包含这些镜像的镜像层（共享的镜像层只存一份）、镜像配置以及下面的名称。用 docker load 或 Strata 的“加载”即可恢复。',
    namesToSave: '要保存的名称',
    savedById: ' <none>：按 ID 保存，加载后没有标签',
    allTagsOf: '全部标签：',
    wholeRepoNote: '保存整个仓库时，也会带上未在此处选择的镜像上的该仓库标签。',
    gzip: '用 gzip 压缩（文件更小，写入更慢）',
    destination: '保存位置',
    choose: '选择…',
    savingTo: (name: string) => `正在保存到 ${name}`,
    saveCancelled: '已取消：没有写入任何内容（文件只有完整写入后才会出现）。',
    saved: (n: number, names: string, size: string) => `已保存 ${n} 个名称（${names}）— 已写入 ${size} 到`,
    loadTitle: '从文件加载镜像',
    load: '加载',
    loadExplain:
      '引擎会保存它还没有的每个镜像层，并把归档文件中的名称设置到对应镜像上；原来指向其他镜像的名称会移过来，那个镜像可能因此变成悬空镜像。OCI 归档文件会先进行转换。',
    archive: '归档文件',
    loading: (name: string) => `正在加载 ${name}`,
    loaded: (names: number, untagged: number, converted: boolean) =>
      `已加载 ${nonZero(names, untagged, `${names} 个名称`, `${untagged} 个无标签镜像`, '和 ')}${converted ? '（OCI 归档文件，已先转换为 Docker 格式）' : ''}：`,
    highlighted: '它们已在列表中高亮显示。',
    archiveFilter: '镜像归档文件',
    pullTitle: '拉取镜像',
    pull: '拉取',
    pullExplain: '拉取时先向镜像仓库请求镜像的清单（manifest），然后只下载引擎中还没有的镜像层。',
    reference: '镜像引用',
    pulling: (ref: string) => `正在拉取 ${ref}`,
    pulled: (ref: string, id: string, digest: string | undefined) =>
      `已拉取 ${ref}：镜像 ${id}${digest ? `，${digest}` : ''}`,
    pushTitle: '推送到镜像仓库',
    push: '推送',
    pushExplain:
      '推送的目标是镜像引用开头写明的镜像仓库（registry，未写明时为 docker.io）。要推送到其他地方，请先给镜像打上 registry-host:port/repository:tag 形式的标签。镜像仓库中已有的镜像层不会再次上传。',
    noName: '此镜像没有名称：请先为它打标签。',
    refToPush: '要推送的镜像引用',
    pushing: (ref: string) => `正在推送 ${ref}`,
    pushed: (ref: string, digest: string | undefined) => `已推送 ${ref}${digest ? `：${digest}` : ''}`,
    refForm: '格式：[镜像仓库地址/]仓库[:标签] — 例如',
    checking: '正在检查…',
    refWrongLength: (ref: string) => `无效的镜像引用“${ref}”：长度不对（1-512 个字符）`,
    refBadDigest: (ref: string, part: string) => `无效的镜像引用“${ref}”：摘要“${part}”格式不对`,
    refBadTag: (ref: string, part: string) => `无效的镜像引用“${ref}”：标签“${part}”格式不对`,
    refBadHost: (ref: string, part: string) => `无效的镜像引用“${ref}”：镜像仓库地址“${part}”格式不对`,
    refBadRepository: (ref: string) => `无效的镜像引用“${ref}”：仓库名只能由小写字母、数字和分隔符组成`,
    refNotReference: '不是镜像引用',
    registry: '镜像仓库',
    repository: '仓库',
    tag: '标签',
    digest: '摘要',
    implied: '（默认）',
  },
});
