/** The names the lessons create, and the commands that depend on the engine's networking. Pure. */
import { SAMPLE_IMAGES } from '../../../src-shared/learn-samples';

export const BASE = SAMPLE_IMAGES.base;
export const WEB = SAMPLE_IMAGES.web;
/** Containers the lessons own (removed and re-created when a lesson runs again). */
export const WEB1 = 'learn-web1';
export const HTTPD = 'learn-httpd';
export const HTTPD2 = 'learn-httpd2';
/** The tutorial's repository. */
export const REPO = 'myimg/httpd';
export const V1 = `${REPO}:v1`;
export const LATEST = `${REPO}:latest`;
export const V2 = `${REPO}:v2`;
export const TMP1 = `${REPO}:tmp1`;
export const INDEX_HTML = '<h1>Hello world. Busybox httpd.</h1>';

/** What the lessons know about where they run (from the learnEnvironment channel and earlier lessons). */
export interface LessonSetup {
  /** The engine publishes port mappings (has its bridge network); false: host networking instead. */
  bridge: boolean;
  /** Free loopback ports for the two servers (lessons 1 and 11). */
  ports: readonly [number, number];
  /** The image lesson 8 committed without a name, once it has. */
  committedId: string | null;
  saveTargets: { tar: string; tarGz: string };
}

/** httpd in the foreground, logging each request; on host networking it listens on 127.0.0.1:port itself. */
export function httpdArgv(hostPort: number | null): string[] {
  return [
    'httpd',
    '-f',
    '-v',
    ...(hostPort === null ? [] : ['-p', `127.0.0.1:${hostPort}`]),
    '-h',
    '/var/www/',
  ];
}

/** How a lesson's server is reached: a published port (bridge) or the host's own network. */
export function serverNetwork(
  s: LessonSetup,
  port: number,
): { networkMode: string; ports: { containerPort: number; hostIp: string; hostPort: number }[] } {
  return s.bridge
    ? { networkMode: 'bridge', ports: [{ containerPort: 80, hostIp: '127.0.0.1', hostPort: port }] }
    : { networkMode: 'host', ports: [] };
}

/** The flags `docker run` shows for that network. */
export function networkFlags(s: LessonSetup, port: number): string {
  return s.bridge ? `-p 127.0.0.1:${port}:80` : '--network host';
}

export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

export const pageUrl = (port: number): string => `http://127.0.0.1:${port}/`;

/** The CMD lesson 8 commits: port 80 behind a mapping, or the loopback port itself on host networking. */
export function committedCmd(s: LessonSetup): string[] {
  return httpdArgv(s.bridge ? null : s.ports[1]);
}
