import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { CatalogueLoaders } from '../catalogue/catalogue-loaders.js';
import { Role } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toConnection } from '../common/pagination/connection.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { pageSize } from '../common/pagination/page-size.js';
import { OrganisationLoaders } from '../organisation/organisation-loaders.js';
import type { CourseSurvey, CourseSurveyConnection, SubmitCourseSurveyInput, SurveyResults, SurveyStatus } from './dto/nominee.types.js';
import { TIMESTAMP } from './nominee-attendance.service.js';
import { NomineeRepository, type SurveyRow } from './nominee.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COMMENTS_SHOWN = 100;

/** The partner's course surveys (issue #14 item 8): answered by its liaison officers, read by the course's staff. */
@Injectable()
export class CourseSurveyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: NomineeRepository,
    private readonly audit: AuditService,
    private readonly catalogue: CatalogueLoaders,
    private readonly organisation: OrganisationLoaders,
  ) {}

  async list(ctx: RequestContext, args: { status?: SurveyStatus | null; first?: number | null; after?: string | null }): Promise<CourseSurveyConnection> {
    const partnerId = this.partnerOf(ctx);
    const limit = pageSize(args.first);
    const after = args.after ? decodeCursor(args.after, 'survey', 2, 'after', (v) => TIMESTAMP.test(String(v[0])) && UUID.test(String(v[1]))) : null;
    const status = args.status ?? null;
    const [rows, totalCount] = await Promise.all([
      this.repo.surveysPage(ctx, partnerId, status, after ? { at: String(after[0]), id: String(after[1]) } : null, limit + 1),
      this.repo.surveysCount(ctx, partnerId, status),
    ]);
    const page = toConnection(rows, limit, args.after, (s) => encodeCursor('survey', [s.cursorAt, s.id]));
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: strip(e.node) })), totalCount };
  }

  submit(ctx: RequestContext, input: SubmitCourseSurveyInput): Promise<CourseSurvey> {
    const partnerId = this.partnerOf(ctx);
    return this.uow.run(ctx, async (tx) => {
      const survey = await this.repo.lockSurvey(tx, partnerId, input.surveyId);
      if (!survey) throw DomainError.notFound('Survey');
      if (survey.status !== 'PENDING') throw DomainError.conflict(`This survey (${survey.requestReference}) was already answered on ${new Date(survey.submittedAt!).toISOString().slice(0, 10)}; answers cannot be changed.`);
      const comments = input.comments?.trim() || null;
      const answered = await this.repo.submitSurvey(tx, survey.id, {
        ratingOverall: input.ratingOverall,
        ratingContent: input.ratingContent,
        ratingOrganisation: input.ratingOrganisation,
        ratingRelevance: input.ratingRelevance,
        comments,
        submittedBy: tx.actor!.id,
      });
      await this.audit.record(tx, 'survey.submit', { type: 'CourseSurvey', id: survey.id }, { requestId: survey.requestId, ratingOverall: input.ratingOverall });
      return strip(answered);
    });
  }

  /** Averages and comments per offering, or per iteration of it: administrators, coordinators, and staff of the owning section. */
  async results(ctx: RequestContext, offeringId: string, iterationId: string | null): Promise<SurveyResults> {
    const offering = await this.catalogue.offeringById(ctx).load(offeringId);
    if (!offering) throw DomainError.notFound('Offering');
    const actor = ctx.actor;
    const allowed =
      actor?.kind === 'user' &&
      (actor.role === Role.ADMIN || actor.role === Role.COORDINATOR || (actor.role === Role.SECTION_STAFF && actor.sectionIds.includes(offering.owningSectionId)));
    if (!allowed) throw DomainError.notFound('Offering');
    if (iterationId) {
      const it = await this.catalogue.iterationById(ctx).load(iterationId);
      if (!it || it.offeringId !== offeringId) throw DomainError.badInput(`iterationId is not an iteration of ${offering.code}.`, 'iterationId');
    }
    const [aggregate, comments] = await Promise.all([this.repo.aggregate(ctx, offeringId, iterationId), this.repo.comments(ctx, offeringId, iterationId, COMMENTS_SHOWN)]);
    const partners = await this.organisation.partnerById(ctx).loadMany([...new Set(comments.map((c) => c.partnerId))]);
    const codes = new Map(partners.filter((p) => p && !(p instanceof Error)).map((p) => [(p as { id: string }).id, (p as { code: string }).code]));
    return { ...aggregate, comments: comments.map((c) => ({ partnerCode: codes.get(c.partnerId) ?? '?', iterationId: c.iterationId, text: c.text, submittedAt: c.submittedAt })) };
  }

  private partnerOf(ctx: RequestContext): string {
    const actor = ctx.actor;
    if (actor?.kind === 'user' && actor.role === Role.PARTNER_LIAISON && actor.partnerId) return actor.partnerId;
    throw DomainError.forbidden("Course surveys are answered by the partner's liaison officers.");
  }
}

function strip(row: SurveyRow): CourseSurvey {
  const { partnerId: _partnerId, cursorAt: _cursorAt, ...survey } = row;
  return survey;
}
