/** Texts of the console area. Keep keys in step with ../en/console.ts. */
export const consoleText = {
  title: '工作台',
};
