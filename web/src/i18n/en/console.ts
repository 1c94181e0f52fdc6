import type { consoleText as zh } from '../zh/console';

export const consoleText: typeof zh = {
  title: 'Console',
};
