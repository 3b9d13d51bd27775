import { describe, expect, it } from 'vitest';
import { LANGS } from '../../i18n/lang';
import type { LessonSetup } from './learn-names';
import { LESSON_TEXT } from './lesson-text';
import { LESSONS, LESSON_IDS, lessonById } from './lessons';
import { msg, partMsg } from './messages';

const bridge: LessonSetup = {
  bridge: true,
  ports: [8001, 8002],
  committedId: `sha256:${'5bd093efd840'.padEnd(64, '0')}`,
  saveTargets: { tar: '/tmp/x/httpd.tar', tarGz: '/tmp/x/httpd.tar.gz' },
};
const host: LessonSetup = { ...bridge, bridge: false, ports: [8011, 8012], committedId: null };

describe('the lessons', () => {
  it('are the 13 steps, numbered in order, each once', () => {
    expect(LESSONS).toHaveLength(13);
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(new Set(LESSON_IDS).size).toBe(13);
  });

  it.each(LANGS)(
    'have a title and at least one paragraph in %s, without leftover English in zh titles',
    (lang) => {
      for (const id of LESSON_IDS) {
        const t = LESSON_TEXT[id][lang];
        expect(t.title.trim(), `${id} title`).not.toBe('');
        expect(t.body.length, `${id} body`).toBeGreaterThan(0);
        for (const p of t.body) expect(p.trim().length, `${id} paragraph`).toBeGreaterThan(20);
        if (lang === 'zh') expect(t.title, `${id} is translated`).toMatch(/[\u4e00-\u9fff]/);
      }
    },
  );

  it('say different things in the two languages (no copy left untranslated)', () => {
    for (const id of LESSON_IDS) {
      const { en, zh } = LESSON_TEXT[id];
      expect(zh.body.length, id).toBe(en.body.length);
      zh.body.forEach((p, i) => {
        expect(p, `${id} paragraph ${i}`).not.toBe(en.body[i]);
        expect(p, `${id} paragraph ${i}`).toMatch(/[\u4e00-\u9fff]/);
      });
    }
  });

  it('show at least one docker command each (the names lesson shows the names it parses)', () => {
    for (const l of LESSONS) {
      const cmds = l.commands(bridge);
      expect(cmds.length, l.id).toBeGreaterThan(0);
      if (l.id !== 'names')
        expect(
          cmds.some((c) => c.startsWith('docker ')),
          l.id,
        ).toBe(true);
    }
  });

  it('every lesson but the names one needs an engine', () => {
    for (const l of LESSONS) expect(l.needs.includes('engine'), l.id).toBe(l.id !== 'names');
  });

  it('publish ports on loopback with a bridge, and use the host network without one', () => {
    expect(lessonById('run-server').commands(bridge)[0]).toBe(
      'docker run --name learn-web1 -p 127.0.0.1:8001:80 -d strata-sample/web:latest',
    );
    expect(lessonById('run-server').commands(host)[0]).toBe(
      'docker run --name learn-web1 --network host -d strata-sample/web:latest httpd -f -v -p 127.0.0.1:8011 -h /var/www/',
    );
    expect(lessonById('run-committed').commands(host)).toEqual([
      'docker container run --name learn-httpd2 -d --network host myimg/httpd:v2',
      'curl http://127.0.0.1:8012/',
    ]);
  });

  it('commit the CMD the tutorial writes, listening on loopback when on the host network', () => {
    expect(lessonById('commit').commands(bridge)[3]).toBe(
      `docker commit -p -c 'CMD ["httpd","-f","-v","-h","/var/www/"]' learn-httpd myimg/httpd:v2`,
    );
    expect(lessonById('commit').commands(host)[3]).toContain('"-p","127.0.0.1:8012"');
  });

  it('tag by the short ID of the committed image, or say one is needed', () => {
    expect(lessonById('tags').commands(bridge)[1]).toBe('docker image tag 5bd093efd840 myimg/httpd:v1');
    expect(lessonById('tags').commands(host)[1]).toBe('docker image tag <image id> myimg/httpd:v1');
  });
});

describe('the Learn interface words', () => {
  it.each([
    ['msg', msg],
    ['partMsg', partMsg],
  ] as const)('%s: every Chinese string is filled in and differs from the English', (_name, catalog) => {
    const en = catalog.en as Record<string, unknown>;
    const zh = catalog.zh as Record<string, unknown>;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(zh)) {
      if (typeof v !== 'string') continue;
      expect(v.trim(), k).not.toBe('');
      if (!['cmd', 'env'].includes(k)) expect(v, k).not.toBe(en[k]);
    }
  });
});
