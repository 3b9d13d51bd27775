/** Names of the learn channels and events (zod-free: the preload imports them). */
export const LEARN_CHANNELS = [
  'learnEnvironment',
  'fetchLoopback',
  'archiveStructure',
  'lessonFileStates',
  'removeLessonFile',
] as const;
export const LEARN_EVENTS = [] as const;
export type LearnChannel = (typeof LEARN_CHANNELS)[number];
