import type { mobileText as zh } from '../zh/mobile';

export const mobileText: typeof zh = {
  title: 'Grid worker',
};
