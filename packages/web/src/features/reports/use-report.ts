import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, type QueryParams } from '../../api/client';

/** The filters every report screen keeps in the URL, so a link or a reload shows the same numbers. */
export interface ReportFilters {
  fundId: string | null;
  from: string | null;
  to: string | null;
  coldDays: number | null;
}

/** URL parameters to set (a value) or drop (null or empty). */
export type FilterChanges = Record<string, string | null>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `?fund=&from=&to=&cold=` → filters; anything malformed is ignored rather than sent to the server. */
export function useReportFilters() {
  const [params, setParams] = useSearchParams();
  const date = (name: string) => {
    const value = params.get(name);
    return value && ISO_DATE.test(value) ? value : null;
  };
  const cold = Number(params.get('cold'));
  const filters: ReportFilters = {
    fundId: params.get('fund') || null,
    from: date('from'),
    to: date('to'),
    coldDays: Number.isInteger(cold) && cold > 0 ? cold : null,
  };
  const update = (changes: FilterChanges) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  };
  return { filters, update, params };
}

/** One report's answer; the key starts with 'reports' so any CRM change refreshes it (useInvalidate). */
export function useReport<T>(name: string, params: QueryParams, options: { enabled?: boolean } = {}) {
  return useQuery<T, Error, T>({
    queryKey: ['reports', 'analytics', name, params],
    queryFn: ({ signal }): Promise<T> => api.get<{ data: T }>(`/api/reports/${name}`, params, signal).then((r) => r.data),
    // Changing a filter keeps the previous chart on screen until the new numbers arrive.
    placeholderData: (previous) => previous,
    enabled: options.enabled ?? true,
  });
}
