/** UI text of job progress (English / Simplified Chinese). */
import { defineMessages } from '../../i18n/messages';

export const jobsMsg = defineMessages({
  en: {
    cancel: 'Cancel',
    cancelling: 'Cancelling…',
    starting: 'Starting',
    of: (total: string) => ` of ~${total}`,
    save: 'Exporting from the engine',
    load: 'Sending to the engine',
    pull: 'Downloading layers',
    push: 'Uploading layers',
    analyze: 'Reading layers',
    verify: 'Checking layers',
  },
  zh: {
    cancel: '取消',
    cancelling: '正在取消…',
    starting: '正在开始',
    of: (total: string) => ` / 约 ${total}`,
    save: '正在从引擎导出',
    load: '正在发送到引擎',
    pull: '正在下载镜像层',
    push: '正在上传镜像层',
    analyze: '正在读取镜像层',
    verify: '正在校验镜像层',
  },
});
