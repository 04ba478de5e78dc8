import { DomainError } from '../common/errors/domain-error.js';
import { checkPassword } from './password-policy.js';

function refusal(password: string, context = {}): string | undefined {
  try {
    checkPassword(password, context);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).details).toEqual({ argument: 'password' });
    return (e as DomainError).message;
  }
}

describe('checkPassword (NIST SP 800-63B)', () => {
  it.each(['correct horse battery staple', 'olive tree under the sun', 'ÉtéÀParis2025!x', 'zzq8 plum rivet lantern', '🙂🙂 unusual emoji passphrase'])('accepts %s', (pw) => {
    expect(refusal(pw)).toBeUndefined();
  });

  it('needs at least 12 characters, counted as characters not bytes', () => {
    expect(refusal('elevenchars')).toMatch(/at least 12 characters/);
    expect(refusal('éééééééééé1')).toMatch(/at least 12 characters/);
  });

  it('has an upper bound', () => {
    expect(refusal('a b '.repeat(40))).toMatch(/at most 128/);
  });

  it.each(['password1234', 'Password123!', 'qwertyuiop123', '1q2w3e4r5t6y', 'iloveyou2024!!', 'aaaaaaaaaaaaaa', '123456789012', 'abcdefghijklm', 'zyxwvutsrqpo'])('refuses the common or trivial %s', (pw) => {
    expect(refusal(pw)).toMatch(/too common or too easy/);
  });

  it('refuses the account name or email as the password', () => {
    expect(refusal('margaretthatcher', { displayName: 'Margaret Thatcher', email: 'm@example.org' })).toMatch(/name or email/);
    expect(refusal('nino.beridze99', { email: 'nino.beridze@example.ge' })).toMatch(/name or email/);
    expect(refusal('Beridze!!!!!!', { displayName: 'Nino Beridze' })).toMatch(/name or email/);
    expect(refusal('beridze in the mountains', { displayName: 'Nino Beridze' })).toBeUndefined();
  });

  it('imposes no composition rules', () => {
    expect(refusal('all lower case words here')).toBeUndefined();
  });
});
