/** What the assignments module announces (platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /** Assignments (包联) on these villages or grids were created, edited or ended (by hand or by an import). */
    'assignments.changed': { nodeIds: readonly string[]; at: Date };
  }
}

export {};
