import { CALL_RESULTS, type CallDirection, type CallResult } from '../api/api.types.js';
import type { CallFilters } from './calls.api.js';
import { RESULT_TEXT } from './call-labels.js';

interface CallFiltersFormProps {
  filters: CallFilters;
  onChange: (filters: CallFilters) => void;
}

const DIRECTIONS: CallDirection[] = ['inbound', 'outbound'];

export function CallFiltersForm({ filters, onChange }: CallFiltersFormProps) {
  return (
    <form className="filters" onSubmit={(event) => event.preventDefault()}>
      <label className="field inline">
        <span>Direction</span>
        <select
          value={filters.direction ?? ''}
          onChange={(event) => onChange({ ...filters, direction: asDirection(event.target.value) })}
        >
          <option value="">Any</option>
          <option value="inbound">Inbound</option>
          <option value="outbound">Outbound</option>
        </select>
      </label>
      <label className="field inline">
        <span>Result</span>
        <select
          value={filters.result ?? ''}
          onChange={(event) => onChange({ ...filters, result: asResult(event.target.value) })}
        >
          <option value="">Any</option>
          {CALL_RESULTS.map((result) => (
            <option key={result} value={result}>
              {RESULT_TEXT[result]}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={filters.unmatched ?? false}
          onChange={(event) => onChange({ ...filters, unmatched: event.target.checked })}
        />
        <span>Unmatched only</span>
      </label>
    </form>
  );
}

function asDirection(value: string): CallDirection | undefined {
  return DIRECTIONS.find((direction) => direction === value);
}

function asResult(value: string): CallResult | undefined {
  return CALL_RESULTS.find((result) => result === value);
}
