import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { RequestContext } from '../common/context/request-context.js';
import { Section } from './section.entity.js';

/** Reads of the section tree. */
@Injectable()
export class SectionService {
  constructor(@InjectRepository(Section) private readonly sections: Repository<Section>) {}

  list(_ctx: RequestContext): Promise<Section[]> {
    return this.sections.find({ order: { code: 'ASC' } });
  }

  byCode(_ctx: RequestContext, code: string): Promise<Section | null> {
    return this.sections.findOneBy({ code });
  }
}
