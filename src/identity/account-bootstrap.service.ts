import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Role } from '../common/auth/role.js';
import { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { AppConfig } from '../config/app-config.js';
import { PartnerService } from '../organisation/partner.service.js';
import { SectionService } from '../organisation/section.service.js';
import { checkPassword } from './password-policy.js';
import { randomToken } from './secrets.js';
import { UserAdminService } from './user-admin.service.js';
import { UserRepository } from './user.repository.js';

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
  displayName: string;
  partnerCode?: string;
  sectionCodes?: string[];
  coveredPartnerCodes?: string[];
}

/** The demo cast named in the issue: an administrator, liaison officers of Georgia and Jordan, CTS and DSCD staff, a coordinator. */
const DEMO_CAST: Omit<DemoAccount, 'password'>[] = [
  { email: 'admin@demo.example.org', displayName: 'Demo Administrator', role: Role.ADMIN },
  { email: 'liaison.geo@demo.example.org', displayName: 'Demo Liaison Officer (Georgia)', role: Role.PARTNER_LIAISON, partnerCode: 'GEO' },
  { email: 'liaison.jor@demo.example.org', displayName: 'Demo Liaison Officer (Jordan)', role: Role.PARTNER_LIAISON, partnerCode: 'JOR' },
  { email: 'staff.cts@demo.example.org', displayName: 'Demo Staff (Counter-Terrorism Section)', role: Role.SECTION_STAFF, sectionCodes: ['CTS'] },
  { email: 'staff.dscd@demo.example.org', displayName: 'Demo Staff (DSCD)', role: Role.SECTION_STAFF, sectionCodes: ['DSCD'] },
  { email: 'coordinator@demo.example.org', displayName: 'Demo Coordinator (Georgia, Jordan)', role: Role.COORDINATOR, coveredPartnerCodes: ['GEO', 'JOR'] },
];

/**
 * At start: the first administrator from ADMIN_EMAIL and ADMIN_PASSWORD when there is no administrator;
 * otherwise, on the embedded database with neither set and outside production, demo accounts with random
 * passwords printed once to the console (never logged, stored only as hashes).
 */
@Injectable()
export class AccountBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountBootstrapService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly config: AppConfig,
    private readonly users: UserAdminService,
    private readonly accounts: UserRepository,
    private readonly partners: PartnerService,
    private readonly sections: SectionService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = this.config;
    if (!(ADMIN_EMAIL && ADMIN_PASSWORD) && !this.demoAllowed()) return;
    // One unit of work under a transaction-scoped lock: instances starting together do not both create the
    // first accounts, and the accounts of one start commit together.
    const created = await this.unitOfWork.run(RequestContext.system(), async (tx) => {
      await this.accounts.lockAccountBootstrap(tx);
      if (ADMIN_EMAIL && ADMIN_PASSWORD) {
        await this.ensureFirstAdmin(ADMIN_EMAIL, ADMIN_PASSWORD, tx);
        return [];
      }
      return this.createDemoAccounts(tx);
    });
    if (created.length > 0) process.stdout.write(formatDemoAccounts(created));
  }

  /** Demo accounts only on the zero-configuration path: embedded PostgreSQL, no administrator configured, not production. */
  demoAllowed(): boolean {
    return !this.config.isProduction && !this.config.DATABASE_URL && !this.config.ADMIN_EMAIL && !this.config.ADMIN_PASSWORD;
  }

  async ensureFirstAdmin(email: string, password: string, ctx: RequestContext = RequestContext.system()): Promise<boolean> {
    if (await this.accounts.exists(ctx, { role: Role.ADMIN })) return false;
    try {
      checkPassword(password, { email }, 'ADMIN_PASSWORD');
    } catch (e) {
      throw new Error(`ADMIN_PASSWORD is not acceptable: ${(e as Error).message}`, { cause: e });
    }
    await this.users.create(ctx, { email, displayName: 'Administrator', role: Role.ADMIN, password });
    this.logger.log(`Created the first administrator ${email} from ADMIN_EMAIL.`);
    return true;
  }

  /** Creates the demo cast once (when no user exists at all); returns who was created with their passwords. */
  async createDemoAccounts(ctx: RequestContext = RequestContext.system()): Promise<DemoAccount[]> {
    if (this.config.isProduction) throw new Error('Demo accounts are never created in production.');
    if (await this.accounts.exists(ctx)) return [];
    const created: DemoAccount[] = [];
    for (const member of DEMO_CAST) {
      if (!(await this.membershipsExist(ctx, member))) {
        this.logger.warn(`Demo account ${member.email} skipped: its partner or section is not in the database (seed it first).`);
        continue;
      }
      const password = `demo-${randomToken(12)}`;
      await this.users.create(ctx, { ...member, password });
      created.push({ ...member, password });
    }
    return created;
  }

  private async membershipsExist(ctx: RequestContext, member: Omit<DemoAccount, 'password'>): Promise<boolean> {
    const partners = [...(member.partnerCode ? [member.partnerCode] : []), ...(member.coveredPartnerCodes ?? [])];
    const sections = member.sectionCodes ?? [];
    return (await this.partners.byCodes(ctx, partners)).length === partners.length && (await this.sections.byCodes(ctx, sections)).length === sections.length;
  }
}

export function formatDemoAccounts(accounts: DemoAccount[]): string {
  const width = Math.max(...accounts.map((a) => a.email.length));
  const lines = accounts.map((a) => `  ${a.email.padEnd(width)}  ${a.password}  ${a.displayName}`);
  return [
    '',
    'Demo accounts (shown once, not stored anywhere in clear; sign in with these in the web app at / or with the login mutation at /graphql):',
    ...lines,
    '',
  ].join('\n') + '\n';
}
