import type { NotificationChannel } from './notifications.tables.js';

/**
 * Event types the templates know, with the channels a person gets when they chose nothing.
 * In-app is always on by default; email for what a superior will ask about (overdue, supervision);
 * SMS for what cannot wait (red cases, emergency whistles). Reporters only ever get SMS.
 */
export const eventTypeDefaults = {
  'case.reported': ['in_app'],
  'case.red': ['in_app', 'sms'],
  'case.dispatched': ['in_app'],
  'case.returned': ['in_app'],
  'case.handled': ['in_app'],
  'case.closed': ['in_app'],
  'case.rejected': ['in_app'],
  'case.rework': ['in_app'],
  'case.reopened': ['in_app'],
  'case.escalated': ['in_app', 'email'],
  'case.extension-requested': ['in_app'],
  'case.urged': ['in_app'],
  'case.whistle': ['in_app'],
  'case.whistle-emergency': ['in_app', 'sms'],
  'case.checkin-overdue': ['in_app'],
  'case.deadline-warning': ['in_app'],
  'case.overdue': ['in_app', 'email'],
  'case.supervision': ['in_app', 'email'],
} as const satisfies Record<string, readonly NotificationChannel[]>;

export type KnownEventType = keyof typeof eventTypeDefaults;
export const knownEventTypes = Object.keys(eventTypeDefaults) as KnownEventType[];

export function isKnownEventType(type: string): type is KnownEventType {
  return Object.hasOwn(eventTypeDefaults, type);
}

/** The channels of a person who set no preference for `type`. */
export function defaultChannels(type: string): readonly NotificationChannel[] {
  return isKnownEventType(type) ? eventTypeDefaults[type] : ['in_app'];
}
