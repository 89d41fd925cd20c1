import { useCallback, useEffect, useState } from 'react';
import { get, localized, type Centre, type Desk, type List, type Partner, type Service, type Topic } from '../api.ts';

/** Names the admin screens resolve ids to. */
export interface Lookups {
  centres: Centre[];
  partners: Partner[];
  desks: Desk[];
  services: Service[];
  topics: Topic[];
}

export function useLookups(): { lookups: Lookups | null; error: Error | null; reload: () => Promise<void> } {
  const [lookups, setLookups] = useState<Lookups | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const reload = useCallback(async () => {
    try {
      const [centres, partners, desks, services, topics] = await Promise.all([
        get<List<Centre>>('/api/centres'),
        get<List<Partner>>('/api/partners'),
        get<List<Desk>>('/api/desks'),
        get<List<Service>>('/api/services'),
        get<List<Topic>>('/api/topics'),
      ]);
      setLookups({ centres: centres.items, partners: partners.items, desks: desks.items, services: services.items, topics: topics.items });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { lookups, error, reload };
}

export const centreName = (l: Lookups, id: string | null | undefined) => l.centres.find((c) => c.id === id)?.name ?? '';
export const partnerName = (l: Lookups, id: string | null | undefined, lang?: string) => localized(l.partners.find((p) => p.id === id)?.name, lang);
export const serviceLabel = (l: Lookups, id: string, lang?: string) => {
  const s = l.services.find((x) => x.id === id);
  return s ? `${s.ticketPrefix} · ${localized(s.name, lang)}` : '';
};
