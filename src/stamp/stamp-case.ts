/**
 * `stamp`: ask each TSA to time-stamp the case's journal head, then file every token and its certificate
 * chain under stamps/ with one journal entry each. All TSAs answer (and every answer checks out) before
 * anything is written, so a failure leaves the case exactly as it was.
 */
import path from 'node:path';
import { nextId, type Stamp } from '../core/case-model.js';
import type { CaseEvent } from '../core/case-events.js';
import { canonicalEntry } from '../core/journal-chain.js';
import { DataError, EnvironmentError } from '../errors.js';
import { sha256Of } from '../evidence/hashing.js';
import type { CaseStore } from '../store/case-store.js';
import { ensureDir, removeQuietly, writeFileAtomically } from '../store/file-system.js';
import { requestToken } from './request-token.js';

export const STAMPS_DIR = 'stamps';

type Answer = { tsa: string; der: Uint8Array; facts: import('./tsp.js').TokenFacts };

export async function stampCase(store: CaseStore, id: string, tsas: readonly string[], now: () => Date, timeoutMs: number): Promise<Stamp[]> {
  const journal = await store.journal(id);
  const head = journal.entries.at(-1);
  if (!head || journal.badLines.length > 0 || journal.chainProblems.length > 0) {
    throw new DataError('store.journalBroken', { id, file: path.join(store.caseDir(id), 'journal.jsonl') }, 'store.hint.verify', { id });
  }
  const data = new TextEncoder().encode(canonicalEntry(head));
  const { buildRequest, readResponse, TokenProblem } = await import('./tsp.js');
  const answers: Answer[] = [];
  for (const tsa of tsas) {
    const request = buildRequest(head.hash);
    const der = await requestToken(tsa, request.der, timeoutMs);
    try {
      answers.push({ tsa, der, facts: await readResponse(der, { digestHex: head.hash, nonceHex: request.nonceHex }, data) });
    } catch (error) {
      if (error instanceof TokenProblem) throw new EnvironmentError('stamp.badResponse', { tsa, reason: error.message }, 'stamp.hint.unreachable');
      throw error;
    }
  }

  const written: string[] = [];
  try {
    const record = await store.mutate(id, now, async (current, caseDir) => {
      await ensureDir(path.join(caseDir, STAMPS_DIR));
      const ids = current.stamps.map((stamp) => stamp.id);
      const events: CaseEvent[] = [];
      for (const answer of answers) {
        const stampId = nextId(ids, 'S');
        ids.push(stampId);
        const tokenPath = `${STAMPS_DIR}/${stampId}.tsr`;
        const chainPath = `${STAMPS_DIR}/${stampId}-chain.pem`;
        const chain = Buffer.from(answer.facts.chainPem, 'utf8');
        for (const [relative, bytes] of [[tokenPath, Buffer.from(answer.der)], [chainPath, chain]] as const) {
          const file = path.join(caseDir, ...relative.split('/'));
          written.push(file);
          await writeFileAtomically(file, bytes);
        }
        events.push({
          type: 'stamp.added',
          data: {
            id: stampId,
            tsa: answer.tsa,
            over: { seq: head.seq, hash: head.hash },
            token: { path: tokenPath, sha256: sha256Of(Buffer.from(answer.der)), size: answer.der.byteLength },
            chain: { path: chainPath, sha256: sha256Of(chain), size: chain.byteLength },
            time: answer.facts.time.toISOString(),
            serial: answer.facts.serial,
            policy: answer.facts.policy,
            signer: answer.facts.signer,
          },
        });
      }
      return events;
    });
    return record.stamps.slice(-answers.length);
  } catch (error) {
    for (const file of written) await removeQuietly(file);
    throw error;
  }
}
