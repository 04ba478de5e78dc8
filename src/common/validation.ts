import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from './errors/domain-error.js';

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m.replace(e.property, field) : `${field}: ${m}`));
    return [...own, ...describe(e.children ?? [], field)];
  });
}

/** Every input is validated and stripped to its declared fields; failures name the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problems = describe(errors);
      const first = errors[0]?.property;
      return DomainError.badInput(problems.join('; '), first);
    },
  });
}
