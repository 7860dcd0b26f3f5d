/**
 * RFC 3161 time-stamp protocol: the request weiquan sends, reading the TSA's response, and checking a stored
 * token offline. The ASN.1 is pkijs / asn1js's; this module only chooses what to ask and what to check.
 * Loaded only by `stamp` and `verify` (pkijs is large).
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
const TIME_STAMPING_OID = '1.3.6.1.5.5.7.3.8';
const EXTENDED_KEY_USAGE_OID = '2.5.29.37';
const COMMON_NAME_OID = '2.5.4.3';
const ORGANIZATION_OID = '2.5.4.10';

/** Why a response or a token does not hold; the message names the failed check. */
export class TokenProblem extends Error {}

export type TimeStampRequest = { der: Uint8Array; nonceHex: string };

export type TokenFacts = {
  /** the time the TSA attests */
  time: Date;
  serial: string;
  policy: string;
  /** the message imprint, hex (SHA-256 of the stamped data) */
  imprint: string;
  nonce?: string;
  /** the signing certificate's subject (CN, else O) */
  signer: string;
  /** the certificates the token carries, signer first, as PEM */
  chainPem: string;
};

export type TokenCheck = TokenFacts & {
  /** complete: the stored chain ends in a self-signed certificate and every link verifies */
  chain: 'complete' | 'partial';
  /** the issuer the stored chain stops at when it is partial */
  chainEndsAt?: string;
};

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');
}

function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A time-stamp request for a SHA-256 digest, asking for the TSA's certificate and carrying a random nonce. */
export function buildRequest(digestHex: string): TimeStampRequest {
  const nonce = webcrypto.getRandomValues(new Uint8Array(8));
  nonce[0] = (nonce[0]! & 0x7f) | 0x01; // positive, and no leading zero byte to be stripped by the encoder
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: exactBuffer(Buffer.from(digestHex, 'hex')) }),
    }),
    nonce: new asn1js.Integer({ valueHex: exactBuffer(nonce) }),
    certReq: true,
  });
  return { der: new Uint8Array(request.toSchema().toBER()), nonceHex: hex(nonce) };
}

function nameOf(name: pkijs.RelativeDistinguishedNames): string {
  for (const oid of [COMMON_NAME_OID, ORGANIZATION_OID]) {
    const found = name.typesAndValues.find((entry) => entry.type === oid);
    if (found) return String((found.value.valueBlock as { value?: unknown }).value ?? '');
  }
  return name.typesAndValues.map((entry) => String((entry.value.valueBlock as { value?: unknown }).value ?? '')).join(', ') || '?';
}

function toPem(certificate: pkijs.Certificate): string {
  const base64 = Buffer.from(certificate.toSchema().toBER()).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

/** Certificates from a PEM file (the stored chain). */
export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    const body = block.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    return pkijs.Certificate.fromBER(exactBuffer(Buffer.from(body, 'base64')));
  });
}

type OpenedToken = { signed: pkijs.SignedData; info: pkijs.TSTInfo };

/** The SignedData and TSTInfo inside a TimeStampResp (the .tsr as a TSA sends it). */
function openResponse(der: Uint8Array): OpenedToken {
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(exactBuffer(der));
  } catch (error) {
    throw new TokenProblem(`not a time-stamp response (${(error as Error).message})`);
  }
  const status = response.status.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
    const text = (response.status.statusStrings ?? []).map((s) => s.valueBlock.value).join('; ');
    throw new TokenProblem(`the TSA refused the request (status ${status}${text ? `: ${text}` : ''})`);
  }
  if (!response.timeStampToken) throw new TokenProblem('the response holds no token');
  let signed: pkijs.SignedData;
  let info: pkijs.TSTInfo;
  try {
    signed = new pkijs.SignedData({ schema: response.timeStampToken.content });
    if (signed.encapContentInfo.eContentType !== TST_INFO_OID || !signed.encapContentInfo.eContent) throw new Error('the token does not hold a TSTInfo');
    info = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent.getValue());
  } catch (error) {
    throw new TokenProblem(`the token cannot be read (${(error as Error).message})`);
  }
  if (info.messageImprint.hashAlgorithm.algorithmId !== SHA256_OID) throw new TokenProblem(`the token's imprint is not SHA-256 (${info.messageImprint.hashAlgorithm.algorithmId})`);
  return { signed, info };
}

function signerIndexOf(signed: pkijs.SignedData, certificates: pkijs.Certificate[]): pkijs.Certificate | undefined {
  const sid = signed.signerInfos[0]?.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return certificates[0];
  return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
}

/** Signer first, then each issuer found among the certificates; the rest after. */
function orderChain(signer: pkijs.Certificate | undefined, certificates: pkijs.Certificate[]): pkijs.Certificate[] {
  if (!signer) return certificates;
  const ordered = [signer];
  let current = signer;
  for (let step = 0; step < certificates.length; step += 1) {
    if (current.issuer.isEqual(current.subject)) break;
    const issuer = certificates.find((c) => !ordered.includes(c) && c.subject.isEqual(current.issuer));
    if (!issuer) break;
    ordered.push(issuer);
    current = issuer;
  }
  return [...ordered, ...certificates.filter((c) => !ordered.includes(c))];
}

function factsOf({ signed, info }: OpenedToken, certificates: pkijs.Certificate[]): TokenFacts {
  const signer = signerIndexOf(signed, certificates);
  return {
    time: info.genTime,
    serial: hex(info.serialNumber.valueBlock.valueHexView),
    policy: info.policy,
    imprint: hex(info.messageImprint.hashedMessage.valueBlock.valueHexView),
    ...(info.nonce ? { nonce: hex(info.nonce.valueBlock.valueHexView) } : {}),
    signer: signer ? nameOf(signer.subject) : '?',
    chainPem: orderChain(signer, certificates).map(toPem).join(''),
  };
}

function embeddedCertificates(signed: pkijs.SignedData): pkijs.Certificate[] {
  return (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
}

/**
 * Read a TSA's answer to `request`: granted, a token whose imprint is the digest asked for, our nonce back,
 * a certificate, and a signature that verifies. Anything else is a TokenProblem (nothing is stored then).
 */
export async function readResponse(der: Uint8Array, request: { digestHex: string; nonceHex: string }, data: Uint8Array): Promise<TokenFacts> {
  const opened = openResponse(der);
  const facts = factsOf(opened, embeddedCertificates(opened.signed));
  if (facts.imprint !== request.digestHex) throw new TokenProblem('the token stamps a different hash than the one sent');
  if (facts.nonce !== undefined && BigInt(`0x${facts.nonce}`) !== BigInt(`0x${request.nonceHex}`)) throw new TokenProblem('the token answers another request (nonce differs)');
  if (facts.chainPem === '') throw new TokenProblem('the token carries no certificate (the TSA ignored certReq)');
  await checkToken(der, facts.chainPem, data);
  return facts;
}

/**
 * Check a stored token offline against the stored certificate chain and the data whose SHA-256 it stamps:
 * the imprint, the CMS signature by the signing certificate, its time-stamping purpose and validity at the
 * attested time, and each link of the stored chain.
 */
export async function checkToken(der: Uint8Array, chainPem: string, data: Uint8Array): Promise<TokenCheck> {
  const opened = openResponse(der);
  let certificates: pkijs.Certificate[];
  try {
    certificates = certificatesFromPem(chainPem);
  } catch (error) {
    throw new TokenProblem(`the stored certificate chain cannot be read (${(error as Error).message})`);
  }
  if (certificates.length === 0) throw new TokenProblem('the stored certificate chain is empty');
  const facts = factsOf(opened, certificates);
  // verify against the stored chain, not whatever the token carries
  opened.signed.certificates = certificates;
  const signer = signerIndexOf(opened.signed, certificates);
  if (!signer) throw new TokenProblem('the signing certificate is not in the stored chain');
  try {
    const result = await opened.signed.verify({ signer: 0, data: exactBuffer(data), extendedMode: true, checkChain: false });
    if (!result.signatureVerified) throw new TokenProblem('the signature does not verify');
  } catch (error) {
    if (error instanceof TokenProblem) throw error;
    const message = (error as Error).message;
    if (/TSTInfo verification is failed/.test(message)) throw new TokenProblem('the stamped hash is not the hash of the journal entry');
    throw new TokenProblem(`the signature does not verify (${message})`);
  }
  const usage = signer.extensions?.find((extension) => extension.extnID === EXTENDED_KEY_USAGE_OID);
  const purposes = (usage?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  if (!purposes.includes(TIME_STAMPING_OID)) throw new TokenProblem('the signing certificate is not for time-stamping');
  const time = opened.info.genTime;
  if (time < signer.notBefore.value || time > signer.notAfter.value) throw new TokenProblem('the attested time is outside the signing certificate\'s validity');

  // the stored chain: each certificate signed by the next, up to a self-signed one if it is there
  let current = signer;
  const seen = new Set<pkijs.Certificate>([signer]);
  for (let step = 0; step <= certificates.length; step += 1) {
    const selfSigned = current.issuer.isEqual(current.subject);
    const issuer = selfSigned ? current : certificates.find((c) => !seen.has(c) && c.subject.isEqual(current.issuer));
    if (!issuer) return { ...facts, chain: 'partial', chainEndsAt: nameOf(current.issuer) };
    let linked = false;
    try {
      linked = await current.verify(issuer);
    } catch {
      linked = false;
    }
    if (!linked) throw new TokenProblem(`the certificate of ${nameOf(current.subject)} is not signed by ${nameOf(issuer.subject)}`);
    if (time < issuer.notBefore.value || time > issuer.notAfter.value) throw new TokenProblem(`the attested time is outside the validity of ${nameOf(issuer.subject)}`);
    if (selfSigned) return { ...facts, chain: 'complete' };
    seen.add(issuer);
    current = issuer;
  }
  return { ...facts, chain: 'partial', chainEndsAt: nameOf(current.issuer) };
}
