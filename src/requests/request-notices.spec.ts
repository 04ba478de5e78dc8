import { RequestStatus } from './request.enums.js';
import { arrivalNotice, commentNotice, statusNotice } from './request-notices.js';

const request = { id: 'r-1', reference: 'PCP-2026-000042', title: 'Two officers for the CT course' };

describe('request notices', () => {
  it('tell a section of a new or rerouted request in English and French', () => {
    expect(arrivalNotice(request, false)).toMatchObject({
      kind: 'REQUEST_SUBMITTED',
      reference: 'PCP-2026-000042',
      title: { en: 'New request submitted: Two officers for the CT course', fr: 'Nouvelle demande soumise : Two officers for the CT course' },
    });
    const rerouted = arrivalNotice(request, true);
    expect(rerouted.kind).toBe('REQUEST_ROUTED');
    expect(rerouted.body.fr).toContain('« Two officers for the CT course » a été réorientée vers votre section');
  });

  it('name every status in both languages, with the reason when there is one', () => {
    for (const status of Object.values(RequestStatus)) {
      const { title } = statusNotice(request, status, null);
      expect(title.en).toMatch(/^Status: [a-z ]+$/);
      expect(title.fr).toMatch(/^Statut : \S/);
    }
    const declined = statusNotice(request, RequestStatus.DECLINED, 'No seats left this year.');
    expect(declined.body.en).toBe('Cooperation request PCP-2026-000042 "Two officers for the CT course" is now declined.\n\nReason: No seats left this year.');
    expect(declined.body.fr).toBe('La demande de coopération PCP-2026-000042 « Two officers for the CT course » a été refusée.\n\nMotif : No seats left this year.');
  });

  it('announce a comment without quoting it', () => {
    const notice = commentNotice(request);
    expect(notice.kind).toBe('COMMENT_ADDED');
    expect(notice.title.fr).toBe('Nouveau commentaire sur « Two officers for the CT course »');
    expect(`${notice.body.en} ${notice.body.fr}`).not.toContain('Two officers');
  });
});
