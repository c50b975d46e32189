/**
 * Certificates for the fake cloud: a CA made for the run, leaf certificates per host name (issued on
 * demand from the TLS SNI name), and self-signed client certificates for service principals.
 *
 * Key pairs come from Node's native `crypto.generateKeyPairSync` (fast); X.509 encoding and signing use
 * node-forge (pure JavaScript, no native parts, no dependencies), because Node 20 cannot write
 * certificates itself and the `openssl` binary is not guaranteed on every developer machine (Windows).
 */
import * as crypto from 'crypto';
import * as forge from 'node-forge';

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function generateRsaKeyPair(bits = 2048): KeyPairPem {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

function randomSerial(): string {
  const bytes = crypto.randomBytes(16);
  bytes[0] &= 0x7f; // positive
  return bytes.toString('hex');
}

interface CertSpec {
  subjectCN: string;
  organization?: string;
  keys: KeyPairPem;
  issuer?: { certPem: string; keys: KeyPairPem };
  days: number;
  isCa?: boolean;
  altNames?: string[];
  serverAuth?: boolean;
  clientAuth?: boolean;
}

function buildCertificate(spec: CertSpec): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(spec.keys.publicKeyPem);
  cert.serialNumber = randomSerial();
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now + spec.days * 24 * 3600 * 1000);
  const subject: forge.pki.CertificateField[] = [{ name: 'commonName', value: spec.subjectCN }];
  if (spec.organization) subject.push({ name: 'organizationName', value: spec.organization });
  cert.setSubject(subject);
  const issuerCert = spec.issuer ? forge.pki.certificateFromPem(spec.issuer.certPem) : undefined;
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject);
  const extensions: object[] = [];
  if (spec.isCa) {
    extensions.push({ name: 'basicConstraints', cA: true, critical: true });
    extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true });
  } else {
    extensions.push({ name: 'basicConstraints', cA: false });
    extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true });
    extensions.push({ name: 'extKeyUsage', serverAuth: !!spec.serverAuth, clientAuth: !!spec.clientAuth });
  }
  if (spec.altNames && spec.altNames.length) {
    extensions.push({
      name: 'subjectAltName',
      altNames: spec.altNames.map((n) => (/^\d+\.\d+\.\d+\.\d+$/.test(n) ? { type: 7, ip: n } : { type: 2, value: n })),
    });
  }
  extensions.push({ name: 'subjectKeyIdentifier' });
  if (issuerCert) {
    extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier: issuerCert.generateSubjectKeyIdentifier().getBytes() });
  }
  cert.setExtensions(extensions);
  signNatively(cert, (spec.issuer ?? { keys: spec.keys }).keys.privateKeyPem);
  return forge.pki.certificateToPem(cert);
}

interface ForgeSigningInternals {
  md: forge.md.MessageDigest;
  signatureOid: string;
  siginfo: { algorithmOid: string };
  tbsCertificate: forge.asn1.Asn1;
  signature: string;
}

/**
 * What forge's `cert.sign(key, sha256)` does, with the RSA signature computed by Node's crypto (native)
 * instead of forge's pure-JavaScript big-integer code, which takes ~150 ms per certificate.
 */
function signNatively(cert: forge.pki.Certificate, privateKeyPem: string): void {
  const c = cert as unknown as ForgeSigningInternals;
  c.md = forge.md.sha256.create();
  c.signatureOid = c.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  const getTbs = (forge.pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate;
  c.tbsCertificate = getTbs(cert);
  const der = forge.asn1.toDer(c.tbsCertificate).getBytes();
  c.signature = crypto.sign('sha256', Buffer.from(der, 'binary'), privateKeyPem).toString('binary');
}

export interface CertificateAuthority {
  certPem: string;
  keys: KeyPairPem;
}

export function createCertificateAuthority(label: string): CertificateAuthority {
  const keys = generateRsaKeyPair(2048);
  const certPem = buildCertificate({
    subjectCN: `Flow Vault Fake Azure Test CA (${label})`,
    organization: 'Flow Vault tests (not a real CA)',
    keys,
    days: 30,
    isCa: true,
  });
  return { certPem, keys };
}

/** Issues leaf certificates for host names, one per name, cached; all share one key pair. */
export class LeafIssuer {
  private readonly leafKeys = generateRsaKeyPair(2048);
  private readonly cache = new Map<string, string>();

  constructor(private readonly ca: CertificateAuthority) {}

  get keyPem(): string {
    return this.leafKeys.privateKeyPem;
  }

  certificateFor(hostName: string): string {
    const name = hostName.toLowerCase();
    let pem = this.cache.get(name);
    if (!pem) {
      pem = buildCertificate({
        subjectCN: name,
        keys: this.leafKeys,
        issuer: this.ca,
        days: 30,
        altNames: [name],
        serverAuth: true,
      });
      this.cache.set(name, pem);
    }
    return pem;
  }
}

export interface ClientCertificate {
  /** Certificate and private key in one PEM (what ClientCertificateCredential's `certificatePath` takes). */
  pem: string;
  certPem: string;
  privateKeyPem: string;
  /** SHA-1 thumbprint (hex upper case), as the portal shows it and as `x5t` carries it. */
  thumbprint: string;
  /** SHA-256 thumbprint (base64url), as `x5t#S256` carries it. */
  thumbprintS256: string;
}

export function createClientCertificate(subjectCN: string): ClientCertificate {
  const keys = generateRsaKeyPair(2048);
  const certPem = buildCertificate({ subjectCN, keys, days: 365, clientAuth: true });
  return { ...describeCertificate(certPem), privateKeyPem: keys.privateKeyPem, pem: keys.privateKeyPem + certPem };
}

/** Thumbprints of a PEM certificate (the first CERTIFICATE block). */
export function describeCertificate(certPem: string): { certPem: string; thumbprint: string; thumbprintS256: string } {
  const x509 = new crypto.X509Certificate(certPem);
  const der = x509.raw;
  return {
    certPem: x509.toString(),
    thumbprint: crypto.createHash('sha1').update(der).digest('hex').toUpperCase(),
    thumbprintS256: crypto.createHash('sha256').update(der).digest('base64url'),
  };
}
