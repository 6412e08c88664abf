import type { OAuthConfig } from 'next-auth/providers/oauth';
import { configFrom, type EnvVars } from '@/lib/config';
import { findOrCreateOidcUser } from './users';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button. */
  label: string;
}

/** OIDC is offered only when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set. */
export function oidcSettingsFromEnv(env: EnvVars = process.env): OidcSettings | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_LABEL: label } = configFrom(env);
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer: issuer.replace(/\/+$/, ''), clientId, clientSecret, label };
}

export const OIDC_PROVIDER_ID = 'oidc';

interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

/**
 * A generic OpenID Connect provider. The profile is mapped to Clonedeck's own user (matched
 * by email, created without a password on first sign-in), so the session carries our id.
 */
export function oidcProvider(settings: OidcSettings): OAuthConfig<OidcProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.label,
    type: 'oauth',
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'],
    async profile(profile) {
      const user = await findOrCreateOidcUser({
        email: profile.email,
        name: profile.name ?? profile.preferred_username,
        emailVerified: profile.email_verified,
      });
      // Thrown errors end the flow on the sign-in page with an OAuthCallback error.
      if (!user) throw new Error('The identity provider did not return a verified email address.');
      return user;
    },
  };
}
