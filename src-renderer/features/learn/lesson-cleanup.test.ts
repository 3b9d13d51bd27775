import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../src-shared/containers-dto';
import { imageSummary } from '../../../test/support/dto-stand-ins';
import { BASE, WEB } from './learn-names';
import { allClean, failureResult, itemKey, planCleanup } from './lesson-cleanup';

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
      null,
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
      null,
    );
    expect(plan).toEqual([
      { kind: 'tag', ref: 'myimg/httpd:v1', imageId: id('3'), lastName: true },
      { kind: 'tag', ref: 'myimg/httpd:latest', imageId: id('3'), lastName: true },
      // The user's own name keeps the image: only the lesson's tag goes.
      { kind: 'tag', ref: 'myimg/httpd:v2', imageId: id('4'), lastName: false },
    ]);
  });

  it('untags a lesson tag the user put on the base image, and leaves the image', () => {
    const plan = planCleanup([], [image(id('1'), [BASE, 'myimg/httpd:latest'])], null);
    expect(plan).toEqual([{ kind: 'tag', ref: 'myimg/httpd:latest', imageId: id('1'), lastName: false }]);
  });

  it('takes the committed image by the kept ID while it has no name, with or without sha256:', () => {
    const images = [image(COMMITTED, []), image(id('d'), [])];
    expect(planCleanup([], images, COMMITTED)).toEqual([{ kind: 'image', id: COMMITTED }]);
    expect(planCleanup([], images, COMMITTED.slice(7))).toEqual([{ kind: 'image', id: COMMITTED }]);
    // Other unnamed images are not the lessons' to remove; nor is anything with no kept ID.
    expect(planCleanup([], images, null)).toEqual([]);
    expect(planCleanup([], images, id('e'))).toEqual([]);
  });

  it('leaves the committed image to its tags once it has names (the user’s name makes it theirs)', () => {
    expect(planCleanup([], [image(COMMITTED, ['mine/kept:1'])], COMMITTED)).toEqual([]);
    expect(planCleanup([], [image(COMMITTED, ['myimg/httpd:v1'])], COMMITTED)).toEqual([
      { kind: 'tag', ref: 'myimg/httpd:v1', imageId: COMMITTED, lastName: true },
    ]);
  });

  it('orders containers before tags before the committed image', () => {
    const plan = planCleanup(
      [container('learn-httpd', 'running', BASE)],
      [image(id('4'), ['myimg/httpd:v2']), image(COMMITTED, [])],
      COMMITTED,
    );
    expect(plan.map(itemKey)).toEqual(['container:learn-httpd', 'tag:myimg/httpd:v2', `image:${COMMITTED}`]);
  });

  it('finds nothing in an engine the lessons never touched', () => {
    expect(planCleanup([container('web')], [image(id('1'), [BASE])], null)).toEqual([]);
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
});
