import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { configFrom, type EnvVars } from '@/lib/config';

/**
 * The front door's TLS: the operator's certificate and key (CLONEDECK_TLS_CERT and
 * CLONEDECK_TLS_KEY), or a self-signed one made on first start in `dir` (mode 0600) with
 * openssl, for the public host name — so `sslmode=require` works out of the box. Clients that
 * verify the server (`verify-full`) need the operator's certificate or this one's file.
 */
export function frontDoorTls(dir: string, hostName: string, env: EnvVars = process.env): { context: tls.SecureContext; certFile: string } {
  const config = configFrom(env);
  let certFile = config.CLONEDECK_TLS_CERT;
  let keyFile = config.CLONEDECK_TLS_KEY;
  if (!certFile !== !keyFile) throw new Error('Set both CLONEDECK_TLS_CERT and CLONEDECK_TLS_KEY, or neither.');
  if (!certFile || !keyFile) {
    certFile = path.join(dir, 'front-door.crt');
    keyFile = path.join(dir, 'front-door.key');
    if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) makeSelfSigned(dir, certFile, keyFile, hostName);
  }
  const context = tls.createSecureContext({ cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile), minVersion: 'TLSv1.2' });
  return { context, certFile };
}

function makeSelfSigned(dir: string, certFile: string, keyFile: string, hostName: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const altNames = [`DNS:${hostName}`, 'DNS:localhost', 'IP:127.0.0.1'].filter((name, index, all) => all.indexOf(name) === index);
  const subjectName = /^[A-Za-z0-9.-]{1,64}$/.test(hostName) ? hostName : 'clonedeck';
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '825',
        '-subj',
        `/CN=${subjectName}`,
        '-addext',
        `subjectAltName=${altNames.join(',')}`,
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(
      `Could not make a self-signed certificate with openssl (${String(error)}); set CLONEDECK_TLS_CERT and CLONEDECK_TLS_KEY.`,
      { cause: error },
    );
  }
  fs.chmodSync(keyFile, 0o600);
  fs.chmodSync(certFile, 0o600);
}
