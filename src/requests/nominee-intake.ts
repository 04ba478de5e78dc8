import { Injectable } from '@nestjs/common';
import { NomineeRequirements } from '../catalogue/nominee-requirements.service.js';
import type { RequestContext } from '../common/context/request-context.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { ParticipantData } from './cooperation-request.entity.js';
import type { ParticipantInput } from './dto/request.inputs.js';
import { clearanceLabel, shortfallsOf } from './nominee-check.js';
import { NomineeRepository } from './nominee.repository.js';

/**
 * Nominees at nomination (issue #14 item 5): participants picked from the partner's directory are filled in
 * from it, and a submission whose nominees fall short of the course's requirement is refused with a message
 * naming each nominee and shortfall. Drafts are saved whatever the check says (their check shows on
 * `nomineeChecks`), so a liaison officer can prepare a nomination while a clearance is pending.
 */
@Injectable()
export class NomineeIntake {
  constructor(
    private readonly nominees: NomineeRepository,
    private readonly requirements: NomineeRequirements,
  ) {}

  /** The participants with every directory pick (nomineeId) replaced by the partner's entry. */
  async resolve(
    tx: RequestContext,
    partnerId: string,
    participants: ParticipantInput[] | null | undefined,
    /** How the caller's input names participant i in messages (a substitution's single `nominee`). */
    fieldOf: (i: number) => string = (i) => `participants[${i}]`,
  ): Promise<ParticipantInput[] | null | undefined> {
    if (!participants) return participants;
    participants.forEach((p, i) => {
      if (!p.nomineeId && !p.name?.trim()) throw DomainError.badInput(`${fieldOf(i)}.name is required unless you pick a nominee from your directory (nomineeId).`, `${fieldOf(i)}.name`);
    });
    const ids = [...new Set(participants.map((p) => p.nomineeId).filter((id): id is string => Boolean(id)))];
    if (ids.length === 0) return participants;
    const found = new Map((await this.nominees.byIds(tx, partnerId, ids)).map((n) => [n.id, n]));
    return participants.map((p, i) => {
      if (!p.nomineeId) return p;
      const n = found.get(p.nomineeId);
      if (!n) throw DomainError.badInput(`${fieldOf(i)}.nomineeId is not a nominee in your partner's directory; pick one from nominees, or enter the person directly.`, `${fieldOf(i)}.nomineeId`);
      const first = n.languageProfiles[0];
      return {
        nomineeId: n.id,
        name: n.name,
        rankOrTitle: n.rankOrTitle,
        email: n.email,
        clearanceLevel: n.clearanceLevel,
        languageProfiles: n.languageProfiles,
        clearance: clearanceLabel(n.clearanceLevel),
        languageLevel: first ? `${first.slp} (${first.language})` : null,
      };
    });
  }

  /** Refuses a submission when a nominee falls short of the course's requirement (BAD_USER_INPUT naming the first). */
  async assertQualified(tx: RequestContext, offeringId: string | null, iterationId: string | null, participants: readonly ParticipantData[]): Promise<void> {
    if (!offeringId || participants.length === 0) return;
    const req = await this.requirements.forCourse(tx, offeringId, iterationId);
    if (!req) return;
    const failing = participants.map((p, i) => ({ i, p, shortfalls: shortfallsOf(p, req) })).filter((f) => f.shortfalls.length > 0);
    if (failing.length === 0) return;
    const lines = failing.map((f) => `participants[${f.i}] ${f.p.name}: ${f.shortfalls.join('; ')}`);
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      `${failing.length === 1 ? 'A nominee does' : `${failing.length} nominees do`} not meet the course's requirements — ${lines.join(' | ')}. ` +
        'Nominate someone who meets them, or update the record (e.g. a new validated SLP) if it is out of date. A draft can be saved meanwhile.',
      { argument: `participants[${failing[0]!.i}]`, shortfalls: failing.map((f) => ({ participantIndex: f.i, name: f.p.name, shortfalls: f.shortfalls })) },
    );
  }
}
