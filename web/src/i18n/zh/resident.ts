/** Texts of the resident area. Keep keys in step with ../en/resident.ts. */
export const residentText = {
  title: '群众服务',
};
