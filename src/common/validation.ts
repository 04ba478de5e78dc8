import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { DomainError } from './errors/domain-error.js';

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m.replace(e.property, field) : `${field}: ${m}`));
    return [...own, ...describe(e.children ?? [], field)];
  });
}

/**
 * Only objects (input types, lists) are validated: an absent optional argument would otherwise become an
 * empty instance of its class, validated on every request that leaves a filter out, and a scalar argument
 * (an enum, an ID, a code: already checked by GraphQL) a stand-in object validated against nothing.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return value === undefined || value === null || typeof value !== 'object' ? value : super.transform(value, metadata);
  }
}

/** Every input is validated and stripped to its declared fields; failures name the field. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
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
