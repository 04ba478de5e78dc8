import 'reflect-metadata';
import { IsInt, IsOptional, Max } from 'class-validator';
import { DomainError } from './errors/domain-error.js';
import { createValidationPipe } from './validation.js';

class PageFilter {
  @IsOptional()
  @IsInt()
  @Max(100)
  size?: number;
}

const asArgument = { type: 'body', metatype: PageFilter, data: 'filter' } as const;

describe('the validation pipe', () => {
  const pipe = createValidationPipe();

  it('passes an absent optional argument on as it is, without building one', async () => {
    await expect(pipe.transform(undefined, asArgument)).resolves.toBeUndefined();
    await expect(pipe.transform(null, asArgument)).resolves.toBeNull();
  });

  it('turns a given argument into its class', async () => {
    const filter = await pipe.transform({ size: 20 }, asArgument);
    expect(filter).toBeInstanceOf(PageFilter);
    expect(filter).toEqual({ size: 20 });
  });

  it('refuses an invalid or undeclared field with BAD_USER_INPUT naming it', async () => {
    await expect(pipe.transform({ size: 500 }, asArgument)).rejects.toThrow(DomainError);
    await expect(pipe.transform({ size: 500 }, asArgument)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('size') });
    await expect(pipe.transform({ colour: 'red' }, asArgument)).rejects.toMatchObject({ message: expect.stringContaining('colour') });
  });
});
