import type { Role } from '../../core/roles.ts';

export interface StaffActor {
  type: 'staff';
  id: string;
  sessionId: string;
  roles: Role[];
  partnerId: string | null;
  centreId: string | null;
  /** False while a user whose role needs a second factor has not enrolled one yet. */
  mfaSatisfied: boolean;
}

export interface DeviceActor {
  type: 'device';
  id: string;
  kind: 'kiosk' | 'display';
  centreId: string;
}

export interface AnonymousActor {
  type: 'anonymous';
}

export type Actor = StaffActor | DeviceActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = { type: 'anonymous' };
