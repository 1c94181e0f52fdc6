/** Texts of the mobile area. Keep keys in step with ../en/mobile.ts. */
export const mobileText = {
  title: '网格员',
};
