export interface HeaderRule {
  source: string;
  has?: Array<{ type: 'header'; key: string; value: string }>;
  headers: Array<{ key: string; value: string }>;
}

export function contentSecurityPolicy(options: { development: boolean }): string;
export function securityHeaderRules(options: { development: boolean }): HeaderRule[];
