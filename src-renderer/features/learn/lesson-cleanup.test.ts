import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../src-shared/containers-dto';
import { imageSummary } from '../../../test/support/dto-stand-ins';
import { BASE, WEB } from './learn-names';
import { allClean, anyKept, failureResult, itemKey, planCleanup, removable } from './lesson-cleanup';

const id = (c: string): string => `sha256:${c.repeat(64)}`;

function container(name: string, state = 'running', image: string = WEB): ContainerSummary {
  return {
    id: `${name}-id`,
    name,
    names: [name],
    image,
    imageId: id('9'),
    command: 'httpd -f',
    created: 0,
    state,
    status: state,
    ports: [],
    sizeRw: null,
    sizeRootFs: null,
    labels: {},
  };
}

const image = imageSummary;

const COMMITTED = id('c');
const TAR = { path: '/tmp/strata-learn-1000/httpd.tar', bytes: 5120, writtenAt: 1_700_000_000_000 };

describe('planCleanup', () => {
  it('takes the lesson containers by exact name, in lesson order, whatever their state', () => {
    const plan = planCleanup(
      [
        container('learn-httpd2', 'exited', 'myimg/httpd:v2'),
        container('web'),
        container('learn-web1-copy'),
        container('my-learn-web1'),
        container('learn-web1'),
      ],
      [],
      [],
    );
    expect(plan).toEqual([
      { kind: 'container', name: 'learn-web1', id: 'learn-web1-id', state: 'running' },
      { kind: 'container', name: 'learn-httpd2', id: 'learn-httpd2-id', state: 'exited' },
    ]);
  });

  it('takes the tutorial tags only, and never the images the lessons start from', () => {
    const plan = planCleanup(
      [],
      [
        image(id('1'), [BASE]),
        image(id('2'), [WEB, 'strata-sample/web:v1']),
        image(id('3'), ['myimg/httpd:v1', 'myimg/httpd:latest']),
        image(id('4'), ['myimg/httpd:v2', 'myimg/httpd:mine']),
        image(id('5'), ['myimg/httpd:v3', 'other/httpd:v1', 'myimg/httpd2:v1']),
        image(id('6'), []),
      ],
      [],
    );
    expect(plan).toEqual([
      { kind: 'tag', ref: 'myimg/httpd:v1', imageId: id('3'), lastName: true },
      { kind: 'tag', ref: 'myimg/httpd:latest', imageId: id('3'), lastName: true },
      // The user's own name keeps the image: only the lesson's tag goes.
      { kind: 'tag', ref: 'myimg/httpd:v2', imageId: id('4'), lastName: false },
    ]);
  });

  it('untags a lesson tag the user put on the base image, and leaves the image', () => {
    const plan = planCleanup([], [image(id('1'), [BASE, 'myimg/httpd:latest'])], []);
    expect(plan).toEqual([{ kind: 'tag', ref: 'myimg/httpd:latest', imageId: id('1'), lastName: false }]);
  });

  it('takes the committed image by the kept ID while it has no name, with or without sha256:', () => {
    const images = [image(COMMITTED, []), image(id('d'), [])];
    expect(planCleanup([], images, [COMMITTED])).toEqual([{ kind: 'image', id: COMMITTED }]);
    expect(planCleanup([], images, [COMMITTED.slice(7)])).toEqual([{ kind: 'image', id: COMMITTED }]);
    // Other unnamed images are not the lessons' to remove; nor is anything with no kept ID.
    expect(planCleanup([], images, [])).toEqual([]);
    expect(planCleanup([], images, [id('e')])).toEqual([]);
  });

  it('takes every image the commit lesson made over several runs, while present and unnamed', () => {
    const [first, second, named, gone, last] = [id('1'), id('2'), id('3'), id('4'), id('5')];
    const images = [
      image(last, []),
      image(named, ['mine/kept:1']),
      image(first, []),
      image(id('d'), []),
      image(second, []),
    ];
    const plan = planCleanup([], images, [first, second, named, gone, last]);
    // In the order they were committed, not the engine's.
    expect(plan).toEqual([first, second, last].map((i) => ({ kind: 'image', id: i })));
  });

  it('leaves the committed image to its tags once it has names (the user’s name makes it theirs)', () => {
    expect(planCleanup([], [image(COMMITTED, ['mine/kept:1'])], [COMMITTED])).toEqual([]);
    expect(planCleanup([], [image(COMMITTED, ['myimg/httpd:v1'])], [COMMITTED])).toEqual([
      { kind: 'tag', ref: 'myimg/httpd:v1', imageId: COMMITTED, lastName: true },
    ]);
  });

  it('orders containers before tags before the committed image', () => {
    const plan = planCleanup(
      [container('learn-httpd', 'running', BASE)],
      [image(id('4'), ['myimg/httpd:v2']), image(COMMITTED, [])],
      [COMMITTED],
      [{ file: TAR, state: 'same' }],
    );
    expect(plan.map(itemKey)).toEqual([
      'container:learn-httpd',
      'tag:myimg/httpd:v2',
      `image:${COMMITTED}`,
      `file:${TAR.path}`,
    ]);
  });

  it('lists the files the lessons wrote: to delete when unchanged, as kept when changed or elsewhere', () => {
    const gz = { ...TAR, path: '/tmp/strata-learn-1000/httpd.tar.gz' };
    const moved = { ...TAR, path: '/home/u/httpd.tar' };
    const gone = { ...TAR, path: '/tmp/strata-learn-1000/old.tar' };
    const plan = planCleanup(
      [],
      [],
      [],
      [
        { file: TAR, state: 'same' },
        { file: gz, state: 'changed' },
        { file: moved, state: 'outside' },
        { file: gone, state: 'gone' },
      ],
    );
    expect(plan).toEqual([
      { kind: 'file', file: TAR, state: 'same' },
      { kind: 'file', file: gz, state: 'changed' },
      { kind: 'file', file: moved, state: 'outside' },
    ]);
    expect(plan.map(removable)).toEqual([true, false, false]);
    expect(removable({ kind: 'image', id: COMMITTED })).toBe(true);
  });

  it('finds nothing in an engine the lessons never touched', () => {
    expect(planCleanup([container('web')], [image(id('1'), [BASE])], [])).toEqual([]);
  });
});

describe('results', () => {
  it('counts an item already gone as done, any other failure as an error', () => {
    expect(failureResult('NOT_FOUND', 'No such container')).toEqual({ status: 'gone' });
    expect(failureResult('CONFLICT', 'in use')).toEqual({ status: 'error', message: 'in use' });
    expect(failureResult(undefined, 'boom')).toEqual({ status: 'error', message: 'boom' });
  });

  it('is clean only when every item has a result and none failed', () => {
    const removed = { status: 'removed', deletedImage: false } as const;
    expect(allClean([removed, { status: 'gone' }])).toBe(true);
    expect(allClean([removed, undefined])).toBe(false);
    expect(allClean([removed, { status: 'error', message: 'x' }])).toBe(false);
  });

  it('counts a kept file as clean, and says it was kept', () => {
    const results = [{ status: 'removed', deletedImage: false }, { status: 'kept' }] as const;
    expect(allClean(results)).toBe(true);
    expect(anyKept(results)).toBe(true);
    expect(anyKept([{ status: 'gone' }, undefined])).toBe(false);
  });
});
