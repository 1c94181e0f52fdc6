/** What the households module announces (platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /**
     * Households were added, edited, moved or deactivated (by hand or by an import), at these
     * territory paths (their grids', each once). Visit plans follow.
     */
    'households.changed': { territoryPaths: readonly string[]; at: Date };
  }
}

export {};
