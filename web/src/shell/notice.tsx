// Inline messages. Errors use role="alert" so screen readers announce them when they appear.
import type { ReactNode } from 'react';

export function ErrorNotice({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
      {children}
    </div>
  );
}

export function SuccessNotice({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      <p>{message}</p>
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}
