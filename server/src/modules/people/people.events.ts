/** What the people module announces (platform/events.ts). */
declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A staff account was deactivated: what it held (assignments, visits to walk) goes to others. */
    'staff.deactivated': { staffId: string; at: Date };
  }
}

export {};
