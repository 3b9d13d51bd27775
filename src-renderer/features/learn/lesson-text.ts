/**
 * The words of the 13 lessons, English and Simplified Chinese side by side (the Chinese keeps
 * the tutorial's own terms: 镜像, 容器, 可写层, 联合挂载, 基础镜像, 仓库, 标签...). The commands,
 * checks and actions are in lessons.ts; this file is only text.
 */
import type { Lang } from '../../i18n/lang';

export const LESSON_IDS = [
  'run-server',
  'command-logs',
  'exec',
  'layer-stack',
  'base-image',
  'names',
  'env',
  'commit',
  'tags',
  'inspect-cmd',
  'run-committed',
  'save',
  'load',
] as const;
export type LessonId = (typeof LESSON_IDS)[number];

export interface LessonText {
  title: string;
  /** Short paragraphs of plain text. */
  body: readonly string[];
}

export const LESSON_TEXT: Record<LessonId, Record<Lang, LessonText>> = {
  'run-server': {
    en: {
      title: 'Run a web server in a container',
      body: [
        'docker run creates a container from an image and starts its main process. --name gives it a name you can use instead of its ID, -d (detached) returns to your prompt while it keeps running, and -p maps a port of the host to a port inside the container.',
        'The container gets one new, empty, writable layer on top of the image’s read-only layers. Everything it writes lands there; the image itself never changes.',
        'A container lives exactly as long as its main process (PID 1). A server that forks into the background would leave PID 1 to exit at once, and the container would stop: servers in containers run in the foreground (httpd -f, nginx -g "daemon off;").',
      ],
    },
    zh: {
      title: '在容器中运行一个 Web 服务器',
      body: [
        'docker run 用镜像创建一个容器并启动它的主进程。--name 为容器指定名称，之后可以用名称代替 ID；-d 表示启动后在宿主机的后台运行；-p 是端口映射，把宿主机的端口映射到容器内部的端口。',
        '容器在镜像的只读层之上多了一个新的、空的可写层。容器的所有写操作都落在这一层，镜像本身不会改变。',
        '容器的生命周期就是它的主进程（PID=1）的生命周期。如果服务程序转入后台运行，主进程一启动就退出，容器也随之终止。所以在容器中运行的服务一定要在前台运行（httpd -f、nginx -g "daemon off;"）。',
      ],
    },
  },
  'command-logs': {
    en: {
      title: 'The full command, and the logs',
      body: [
        'docker container ls cuts long commands short. --no-trunc shows the whole command the container runs: here httpd -f, where -f keeps httpd in the foreground.',
        'A container runs one program, so it does not need log files: the program writes to its console (stdout and stderr) and the engine keeps that output. docker container logs shows it. Open the page a few times and read the logs again: each visit adds a line.',
      ],
    },
    zh: {
      title: '完整的启动命令和容器日志',
      body: [
        'docker container ls 显示的 COMMAND 会被截断。加上 --no-trunc 可以看到容器运行的完整命令：这里是 httpd -f，-f 让 httpd 在前台运行。',
        '每个容器只为运行一个程序，日志就没有必要保存在日志文件中：程序直接打印在控制台上（stdout 和 stderr），由引擎保存。用 docker container logs 查看。访问几次页面再看日志，会看到访问日志刷新。',
      ],
    },
  },
  exec: {
    en: {
      title: 'Run a command inside the container',
      body: [
        'docker container exec starts another process inside a running container, next to its main process: the tutorial opens a shell with -it and runs ps, date and netstat -tnl.',
        'ps shows httpd as PID 1 and the command you started beside it. Several processes in one container are possible; it is mostly for moments like this one, looking around.',
      ],
    },
    zh: {
      title: '进入容器内部执行命令',
      body: [
        'docker container exec 在运行中的容器里、在主进程旁边再启动一个进程：教程里用 -it 启动一个 shell，然后执行 ps、date 和 netstat -tnl。',
        'ps 可以看到 PID=1 的 httpd，以及刚刚启动的命令。容器内部运行多个进程也是可以的，一般也就在这种查看的场景下才这样做。',
      ],
    },
  },
  'layer-stack': {
    en: {
      title: 'The layer stack: bootfs, rootfs and the writable layer',
      body: [
        'An image is built in layers. At the bottom, bootfs (bootloader and kernel) is the host’s own: it is not in the image and every container shares it. Above it, rootfs is the container’s root filesystem: the image layers, mounted read-only.',
        'The lowest layer is the base image, layers above it come from parent images, and the image’s own layers come last. A union mount stacks them into one filesystem, and adds the container’s writable layer on top. A file deleted in an upper layer is only hidden by a whiteout marker (.wh.name): its bytes stay in the layer below.',
        'The storage driver does the union mount: overlay2 on most engines today (aufs, btrfs, devicemapper and vfs before or elsewhere). docker info shows it and the filesystem it is built on.',
      ],
    },
    zh: {
      title: '分层构建：bootfs、rootfs 和可写层',
      body: [
        '镜像采用分层构建机制。最底层为 bootfs（bootloader 和 kernel），它属于宿主机，不在镜像里，所有容器共用。其上为 rootfs，表现为容器的根文件系统：镜像的各层，以“只读”模式挂载。',
        '最底层的称为基础镜像（base image），其上是父镜像（parent image）的层，最后是镜像自己的层。“联合挂载”把它们叠成一个文件系统，并在最上面额外挂载一个“可写”层。上层删除的文件只是被 whiteout 标记（.wh.文件名）遮住，字节仍然留在下层。',
        '联合挂载由存储驱动完成：现在多数是 overlay2（早期是 aufs，还有 btrfs、devicemapper、vfs 等）。docker info 可以看到当前的存储驱动以及它所基于的本地文件系统。',
      ],
    },
  },
  'base-image': {
    en: {
      title: 'Choosing a base image',
      body: [
        'The base layer holds a whole userland: here busybox, one static binary with some three hundred commands behind links in /bin. It is tiny and fine for tests and tools, but it is not a distribution.',
        'alpine (under 5 MB, a complete distribution) suits tests and production; centos, ubuntu and debian are larger distributions for production. Size matters less than it seems: images built on the same base share its layers on disk.',
      ],
    },
    zh: {
      title: '选择基础镜像',
      body: [
        '基础层包含一个完整的用户空间：这里是 busybox，一个静态链接的程序，/bin 下的三百多个命令都链接到它。它非常小，适合临时测试和运行系统工具，但并不是一个系统发行版。',
        'alpine（小于 5MB，仍是完整的发行版）可用于测试，也可用于生产环境；centos、ubuntu、debian 是较大的发行版，推荐在生产系统上使用。镜像大并不是什么问题：基于同一个基础镜像的多个镜像在本地共用它的层。',
      ],
    },
  },
  names: {
    en: {
      title: 'Registry, repository, tag: how an image name is parsed',
      body: [
        'A registry (Docker Hub, Quay, your own) holds repositories, plus an index for accounts, verification and search. A repository holds every version of one image, one tag per version.',
        'A name is read as [registry/][user/]repository[:tag][@digest]. Without a registry it is Docker Hub (docker.io); a top-level repository such as nginx is library/nginx; user repositories are user/repository; no tag means latest. A digest names one exact content.',
      ],
    },
    zh: {
      title: 'Registry、仓库、标签：镜像名称的解析',
      body: [
        'Registry（如 Docker Hub、Quay 或自建的）由多个 Repository（仓库）和 Index 组成，Index 负责用户账户、镜像校验和检索。一个仓库由某个镜像的所有迭代版本组成，每个标签对应一个版本。',
        '镜像名称按 [registry/][用户名/]仓库名[:标签][@摘要] 解析。不写 registry 就是 Docker Hub（docker.io）；顶层仓库如 nginx 实际是 library/nginx；用户仓库的格式为“用户名/仓库名”；不写标签就是 latest。摘要（digest）指向确定的内容。',
      ],
    },
  },
  env: {
    en: {
      title: 'Configuration through environment variables',
      body: [
        'Baking configuration into an image means one image per configuration. Cloud-native programs read their configuration from environment variables instead, so the same image runs anywhere.',
        'docker run -e NAME=value sets a variable for the container’s process; the image can bring defaults of its own (its Env).',
      ],
    },
    zh: {
      title: '通过环境变量传递配置',
      body: [
        '配置信息直接注入在镜像里，就要为不同的配置生成好多个不同版本的镜像。云原生的程序从环境变量加载配置，同一个镜像就可以在任何地方运行。',
        'docker run -e 变量名=值 为容器的进程设置环境变量；镜像本身也可以带有默认的环境变量（Env）。',
      ],
    },
  },
  commit: {
    en: {
      title: 'Commit a changed container into a new image',
      body: [
        'Start a busybox container, write /var/www/index.html inside it, then docker commit: the container’s writable layer becomes a new read-only layer on top of the old stack. -p pauses the container while it is read, so nothing changes it half-way (keep it on).',
        'Without a name the new image has no repository and no tag: <none>. A second commit with -c "CMD [...]" sets the command the image starts by default, and names it myimg/httpd:v2. (Most images are made with a Dockerfile instead; commit shows what a layer is.)',
      ],
    },
    zh: {
      title: '基于容器制作镜像（docker commit）',
      body: [
        '启动一个 busybox 容器，在其中创建 /var/www/index.html，然后 docker commit：容器最上面的可写层被单独创建为一个镜像层，放在原来的层之上，生成一个新的镜像。-p 参数让容器在制作过程中处于暂停状态，防止有操作改变容器的内容，建议都加上。',
        '不指定名称时，新镜像的仓库名和标签都为空：<none>。第二次 commit 用 -c "CMD [...]" 修改镜像默认启动的命令，并命名为 myimg/httpd:v2。（制作镜像最主要的方法是 Dockerfile；commit 让你看清一个层是什么。）',
      ],
    },
  },
  tags: {
    en: {
      title: 'Tags: two names, one image; untag versus remove',
      body: [
        'The committed image is <none>: only its ID names it. docker image tag gives it myimg/httpd:v1, then myimg/httpd:latest: the same ID with two tags, stored once.',
        'There is no separate untag command: docker image rm of one tag only removes that tag (“Untagged”). The image itself is deleted only with its last tag.',
      ],
    },
    zh: {
      title: '标签：一个镜像，两个标签；删除标签与删除镜像',
      body: [
        '刚 commit 的镜像是 <none>，只能通过镜像的 ID 来指明。docker image tag 为它加上 myimg/httpd:v1，再加一个 myimg/httpd:latest：ID 是一样的，是一个镜像有 2 个标签，本地只存一份。',
        '没有单独删除标签的命令：对某个标签执行 docker image rm 只会把这个标签去掉（Untagged）。删除最后一个标签的时候才是真正删除了镜像。',
      ],
    },
  },
  'inspect-cmd': {
    en: {
      title: 'Inspect the default command (Cmd)',
      body: [
        'docker image inspect shows an image’s configuration. Its Cmd is what a container runs when docker run names no command: ["sh"] for busybox, and the committed v1 kept it because that commit changed nothing else.',
        'myimg/httpd:v2 was committed with -c "CMD [...]": it starts httpd in the foreground (-f) with /var/www as its home (-h).',
      ],
    },
    zh: {
      title: '查看镜像默认启动的命令（Cmd）',
      body: [
        'docker image inspect 查看镜像的底层信息。其中 Cmd 是 docker run 不指定命令时容器运行的命令：busybox 是 ["sh"]；v1 制作时没有指定，所以也是 sh。',
        'myimg/httpd:v2 制作时用 -c "CMD [...]" 指定了启动命令：httpd 在前台运行（-f），-h 指定首页的路径 /var/www。',
      ],
    },
  },
  'run-committed': {
    en: {
      title: 'Run the committed image and open its address',
      body: [
        'Run myimg/httpd:v2 with a port mapping and no command: its own Cmd starts the server. Then open the mapped address on this machine.',
        'The page is the index.html written in the container two lessons ago: it became part of the image with the commit.',
      ],
    },
    zh: {
      title: '启动验证新镜像并访问页面',
      body: [
        '带端口映射启动 myimg/httpd:v2，不指定命令：镜像自己的 Cmd 会启动服务。然后通过本机的映射端口访问页面。',
        '页面就是前面在容器里创建的 index.html：commit 之后它成为了镜像的一部分。',
      ],
    },
  },
  save: {
    en: {
      title: 'Save images to an archive, and look inside it',
      body: [
        'docker image save writes images into one tar file, to carry them to another host without a registry. Name a repository without a tag and every tag of it is saved; name several images and they share one file (and their common layers).',
        'Inside: manifest.json lists each image’s config and layer files and its tags; repositories maps tags to IDs for old engines; each layer is a folder (VERSION, json, layer.tar) or, in the OCI layout of Docker 25+, a blob under blobs/sha256. docker save | gzip makes it smaller.',
      ],
    },
    zh: {
      title: '导出镜像到 tar 包，并查看其内部结构',
      body: [
        'docker image save 把镜像导出到一个 tar 包，复制到另一台主机再导入，不需要连接镜像仓库。省略标签只写仓库名，就会把整个仓库（所有的版本）打包；传入多个镜像，就打包在同一个文件里（共用的层只存一份）。',
        '包内：manifest.json 列出每个镜像的配置文件、各层文件和标签；repositories 为旧版引擎记录标签到 ID 的对应；每一层是一个目录（VERSION、json、layer.tar），或者在 Docker 25+ 的 OCI 布局中是 blobs/sha256 下的一个 blob。用 docker save | gzip 导出并压缩。',
      ],
    },
  },
  load: {
    en: {
      title: 'Load the archive back, and see the tags return',
      body: [
        'docker image load restores the images and all their tags from an archive, plain or compressed with gzip, bzip2 or xz: the engine recognises the format from the bytes, not the file name.',
        'Here the myimg/httpd tags are removed first, then the gzip archive is loaded: the same image IDs come back with every tag that was saved.',
      ],
    },
    zh: {
      title: '导入镜像，标签随之恢复',
      body: [
        'docker image load 从 tar 包导入镜像，并恢复镜像和所有标签。tar 包可以是未压缩的，也可以是 gzip、bzip2 或 xz 压缩的：引擎根据文件内容识别格式，而不是根据文件名后缀。',
        '这里先删除 myimg/httpd 的各个标签，再导入 gzip 压缩的 tar 包：同样的镜像 ID 带着导出时的所有标签回来了。',
      ],
    },
  },
};
