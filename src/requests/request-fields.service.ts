import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { OfferingEligibility } from '../catalogue/offering-eligibility.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { AlliedNationService } from '../organisation/allied-nation.service.js';
import type { CooperationRequest } from './cooperation-request.entity.js';
import type { RequestFieldSchema } from './dto/request-field.types.js';
import { RequestFieldSchemaRepository } from './request-field-schema.repository.js';
import { checkFields, optionListsOf, schemaProblem, type FieldProblem, type JsonSchema, type OptionList } from './request-fields.js';

/** The reference lists a schema may name with `x-options`; each is read from its context's exported service. */
const OPTION_LISTS = ['allied-nations'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Issue #15 item 1: the kind-specific fields of a request. Which schema applies (the offering's own, else its
 * kind's), lenient checks on a draft (problems reported, values kept) and strict ones on submission (any problem
 * refuses it with INVALID_FIELDS and `extensions.fields`), and the administrators' replacement of a schema.
 */
@Injectable()
export class RequestFieldsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly schemas: RequestFieldSchemaRepository,
    private readonly catalogue: OfferingEligibility,
    private readonly allies: AlliedNationService,
    private readonly audit: AuditService,
  ) {}

  /** The schema a request for this offering (or of this kind) is checked against; null when it asks for no extra fields. */
  async schemaFor(ctx: RequestContext, offeringId: string | null, kind: string | null): Promise<RequestFieldSchema | null> {
    if (offeringId && !UUID.test(offeringId)) throw DomainError.badInput(`offeringId is not an offering id: ${JSON.stringify(offeringId)}.`, 'offeringId');
    const resolvedKind = kind ?? (offeringId ? ((await this.catalogue.routingFacts(ctx, offeringId))?.kind ?? null) : null);
    if (!offeringId && !resolvedKind) return null;
    return (await this.schemas.effective(ctx, offeringId, resolvedKind)).row ?? null;
  }

  /** Problems of the values for this offering; `submit` adds the submission-time checks (dates from today). */
  async problems(ctx: RequestContext, offeringId: string | null, kind: string | null, values: Record<string, unknown>, mode: 'draft' | 'submit'): Promise<FieldProblem[]> {
    const resolvedKind = kind ?? (offeringId ? ((await this.catalogue.routingFacts(ctx, offeringId))?.kind ?? null) : null);
    const { row, today } = await this.schemas.effective(ctx, offeringId, resolvedKind);
    if (!row) {
      if (Object.keys(values).length === 0) return [];
      const message = ctx.language === 'fr'
        ? 'Cette offre ne demande aucun champ supplémentaire : envoyez kindFields vide.'
        : 'This offering asks for no extra fields: send kindFields empty (or leave it out).';
      return [{ path: '', code: 'UNKNOWN_FIELD', message }];
    }
    return checkFields(row.schema, values, { mode, today, language: ctx.language, options: await this.optionLists(ctx, row.schema) });
  }

  /** Refuses a submission whose fields have any problem: INVALID_FIELDS, every problem in `extensions.fields`. */
  async assertValid(ctx: RequestContext, offeringId: string | null, kind: string | null, values: Record<string, unknown>): Promise<void> {
    const problems = await this.problems(ctx, offeringId, kind, values, 'submit');
    if (problems.length === 0) return;
    const head = problems.slice(0, 3).map((p) => p.message).join(' ');
    const more = problems.length > 3 ? (ctx.language === 'fr' ? ` (et ${problems.length - 3} autres)` : ` (and ${problems.length - 3} more)`) : '';
    const intro = ctx.language === 'fr' ? 'Certains champs de la demande sont à corriger : ' : 'Some application fields need attention: ';
    throw new DomainError(ErrorCode.INVALID_FIELDS, `${intro}${head}${more}`, { argument: 'input', fields: problems });
  }

  /** A saved draft's problems (lenient): what its form shows next to each field. Not for lists: two statements per draft. */
  draftProblems(ctx: RequestContext, request: CooperationRequest): Promise<FieldProblem[]> | FieldProblem[] {
    if (request.status !== 'DRAFT') return [];
    if (!request.offeringId && Object.keys(request.kindFields).length === 0) return [];
    return this.problems(ctx, request.offeringId, null, request.kindFields, 'draft');
  }

  list(ctx: RequestContext): Promise<RequestFieldSchema[]> {
    return this.schemas.list(ctx);
  }

  /** Administrators: replaces (or, with schema null, removes) a kind's or an offering's schema; audited. */
  replace(ctx: RequestContext, subject: { kind?: string | null; offeringId?: string | null }, schema: Record<string, unknown> | null): Promise<RequestFieldSchema | null> {
    if (!subject.kind === !subject.offeringId) throw DomainError.badInput('Give either subject.kind or subject.offeringId, not both.', 'subject');
    const key = subject.kind ? { kind: subject.kind } : { offeringId: subject.offeringId! };
    if (schema !== null) {
      const problem = schemaProblem(schema);
      if (problem) throw DomainError.badInput(problem, 'schema');
      const unknown = [...optionListsOf(schema)].filter((l) => !(OPTION_LISTS as readonly string[]).includes(l));
      if (unknown.length) throw DomainError.badInput(`x-options names lists the server does not keep: ${unknown.join(', ')}. Use one of: ${OPTION_LISTS.join(', ')}.`, 'schema');
    }
    return this.uow.run(ctx, async (tx) => {
      if (key.offeringId !== undefined && (await this.catalogue.routingFacts(tx, key.offeringId)) === undefined) throw DomainError.notFound('Offering');
      const target = { type: 'RequestFieldSchema', id: key.kind ?? key.offeringId! };
      if (schema === null) {
        const removed = await this.schemas.remove(tx, key);
        await this.audit.record(tx, 'requestFieldSchema.remove', target, { ...key, removed });
        return null;
      }
      const row = await this.schemas.put(tx, key, schema, tx.actor?.kind === 'user' ? tx.actor.id : null);
      await this.audit.record(tx, 'requestFieldSchema.replace', target, { ...key, version: row.version });
      return row;
    });
  }

  private async optionLists(ctx: RequestContext, schema: JsonSchema): Promise<Record<string, OptionList>> {
    const out: Record<string, OptionList> = {};
    for (const name of optionListsOf(schema)) {
      if (name === 'allied-nations') out[name] = { noun: ctx.language === 'fr' ? 'un Allié' : 'an Allied nation', codes: await this.allies.codes(ctx) };
    }
    return out;
  }
}
