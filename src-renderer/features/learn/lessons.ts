/**
 * The 13 lessons as data: their words (lesson-text.ts), the docker commands they stand for, what
 * they need before they can run, and which picture shows what changed. The actions that perform
 * them are in lesson-actions.ts. Pure: unit-tested for completeness in both languages.
 */
import { LESSON_IDS, LESSON_TEXT, type LessonId, type LessonText } from './lesson-text';
import type { Lang } from '../../i18n/lang';
import {
  BASE,
  committedCmd,
  HTTPD,
  HTTPD2,
  httpdArgv,
  INDEX_HTML,
  LATEST,
  networkFlags,
  pageUrl,
  REPO,
  shortId,
  TMP1,
  V1,
  V2,
  WEB,
  WEB1,
  type LessonSetup,
} from './learn-names';

export { LESSON_IDS, type LessonId };

/** What must hold before a lesson's action can run. */
export type Need = 'engine' | 'web-image' | 'base-image' | 'web1' | 'committed' | 'v2' | 'saved';

/** The picture beside a lesson. */
export type Viz =
  'container-web1' | 'container-httpd' | 'stack-web' | 'stack-base' | 'names' | 'graph' | 'structure';

export interface Lesson {
  id: LessonId;
  /** 1-based, as the list shows it. */
  number: number;
  needs: readonly Need[];
  viz: Viz;
  /** The docker commands this lesson performs, for reference. */
  commands: (s: LessonSetup) => string[];
}

const sh = (argv: readonly string[]): string =>
  argv.map((a) => (/^[\w./:@=-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
const json = (argv: readonly string[]): string => JSON.stringify(argv);

export const REFERENCE_EXAMPLES = [
  'nginx',
  'nginx:alpine',
  'bitnami/nginx:1.25',
  'quay.io/prometheus/node-exporter:v1.8.0',
  '127.0.0.1:5000/myimg/httpd:v2',
  'busybox@sha256:' + 'e4db68de4ff27c2adfea0c54bbb73a61a42f5b667c326de4d7d5b19ab71c6a3b',
] as const;

const DEFS: Record<LessonId, Omit<Lesson, 'id' | 'number'>> = {
  'run-server': {
    needs: ['engine', 'web-image'],
    viz: 'container-web1',
    commands: (s) => [
      `docker run --name ${WEB1} ${networkFlags(s, s.ports[0])} -d ${WEB}${s.bridge ? '' : ` ${sh(httpdArgv(s.ports[0]))}`}`,
    ],
  },
  'command-logs': {
    needs: ['engine', 'web1'],
    viz: 'container-web1',
    commands: (s) => [
      `docker container ls --no-trunc --filter name=${WEB1} --format '{{.Command}}'`,
      `curl ${pageUrl(s.ports[0])}`,
      `docker container logs ${WEB1}`,
    ],
  },
  exec: {
    needs: ['engine', 'web1'],
    viz: 'container-web1',
    commands: () => ['ps', 'date', 'netstat -tnl'].map((c) => `docker container exec ${WEB1} ${c}`),
  },
  'layer-stack': {
    needs: ['engine', 'web-image'],
    viz: 'stack-web',
    commands: () => ['docker info --format "{{.Driver}} {{.DriverStatus}}"', `docker image history ${WEB}`],
  },
  'base-image': {
    needs: ['engine', 'base-image'],
    viz: 'stack-base',
    commands: () => [`docker image ls ${BASE}`, `docker container run --rm --network none ${BASE} ls /`],
  },
  names: {
    needs: [],
    viz: 'names',
    commands: () => REFERENCE_EXAMPLES.map((r) => `# ${r}`),
  },
  env: {
    needs: ['engine', 'base-image'],
    viz: 'stack-base',
    commands: () => [
      `docker container run --rm --network none -e GREETING=hello -e WHO=learner ${BASE} sh -c 'echo "$GREETING, $WHO"; env'`,
    ],
  },
  commit: {
    needs: ['engine', 'base-image'],
    viz: 'container-httpd',
    commands: (s) => [
      `docker run --name ${HTTPD} -dt --network none ${BASE}`,
      `docker exec ${HTTPD} sh -c 'echo "${INDEX_HTML}" > /var/www/index.html'`,
      `docker commit -p ${HTTPD}`,
      `docker commit -p -c 'CMD ${json(committedCmd(s))}' ${HTTPD} ${V2}`,
    ],
  },
  tags: {
    needs: ['engine', 'committed'],
    viz: 'graph',
    commands: (s) => {
      const id = s.committedId ? shortId(s.committedId) : '<image id>';
      return [
        'docker image ls',
        `docker image tag ${id} ${V1}`,
        `docker image tag ${V1} ${LATEST}`,
        `docker image tag ${V1} ${TMP1}`,
        `docker image rm ${TMP1}`,
      ];
    },
  },
  'inspect-cmd': {
    needs: ['engine', 'base-image', 'v2'],
    viz: 'graph',
    commands: () => [BASE, V1, V2].map((r) => `docker image inspect --format '{{json .Config.Cmd}}' ${r}`),
  },
  'run-committed': {
    needs: ['engine', 'v2'],
    viz: 'graph',
    commands: (s) => [
      `docker container run --name ${HTTPD2} -d ${networkFlags(s, s.ports[1])} ${V2}`,
      `curl ${pageUrl(s.ports[1])}`,
    ],
  },
  save: {
    needs: ['engine', 'v2'],
    viz: 'structure',
    commands: (s) => [
      `docker image save -o ${s.saveTargets.tar} ${REPO}`,
      `docker image save ${REPO} | gzip > ${s.saveTargets.tarGz}`,
      `tar -tvf ${s.saveTargets.tar}`,
    ],
  },
  load: {
    needs: ['engine', 'saved'],
    viz: 'graph',
    commands: (s) => [
      `docker container rm -f ${HTTPD2}`,
      `docker image rm ${V1} ${LATEST} ${V2}`,
      `docker image load -i ${s.saveTargets.tarGz}`,
    ],
  },
};

export const LESSONS: readonly Lesson[] = LESSON_IDS.map((id, i) => ({ id, number: i + 1, ...DEFS[id] }));

export function lessonById(id: LessonId): Lesson {
  return LESSONS.find((l) => l.id === id)!;
}

export function lessonText(id: LessonId, lang: Lang): LessonText {
  return LESSON_TEXT[id][lang];
}
