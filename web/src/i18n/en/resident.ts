import type { residentText as zh } from '../zh/resident';

export const residentText: typeof zh = {
  title: 'Residents',
};
