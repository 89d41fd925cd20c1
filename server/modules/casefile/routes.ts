import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../access/actor.ts';
import { verifyAuditChain } from '../../access/audit.ts';
import type { AppContext } from '../../context.ts';
import { errorResponses, type App } from '../../http/types.ts';
import { IdParams } from '../network/schemas.ts';
import * as S from './schemas.ts';
import * as persons from './service.ts';
import * as sections from './sections.ts';
import { exportPerson, personAccessReport } from './reports.ts';
import { accessReportCsv, attachment, expiringDocumentsCsv, exportPersonPdf } from './exports.ts';
import { requestLocale } from '../../http/error-handler.ts';
import { LANGUAGE_CODES } from '../../../core/languages.ts';
import { anonymisePerson, eraseSection, erasurePlan } from './erasure.ts';
import { ATTACHMENT_TYPES, getAttachment, putAttachment } from './attachments.ts';

const Purpose = Type.Optional(Type.Enum([...persons.PURPOSES], { description: 'Why the casefile is accessed; recorded in the audit log (default: service)' }));
const PurposeHeaders = Type.Object({ 'x-purpose': Purpose });
const CsvFile = Type.Unsafe<string>(Type.String({ description: 'CSV, UTF-8 with a byte-order mark' }));

function who(req: FastifyRequest, fallback: persons.Purpose = 'service'): persons.Who {
  const header = req.headers['x-purpose'];
  const purpose = (persons.PURPOSES as readonly string[]).includes(String(header)) ? (header as persons.Purpose) : fallback;
  return { actor: req.actor as StaffActor, purpose };
}

/**
 * The shared digital casefile. Routes name a coarse action (person.read / person.write / …);
 * section access is decided per person and partner inside the services, where it is audited —
 * refusals included.
 */
export function casefileRoutes(app: App, ctx: AppContext): void {
  const tags = ['Casefile'];
  const read = { action: 'person.read' } as const;
  const write = { action: 'person.write' } as const;

  app.get('/api/persons', { config: read, schema: { tags, summary: 'Search persons by name (any script, typos tolerated), document number or birth date', querystring: S.PersonSearch, headers: PurposeHeaders, response: { 200: S.SearchResults, ...errorResponses } } }, async (req) => ({
    items: await persons.searchPersons(ctx, who(req), req.query),
  }));
  app.post(
    '/api/persons',
    { config: write, schema: { tags, summary: 'Create a casefile core; answers 200 with likely duplicates (and reasons) unless confirmedNew', body: S.PersonCreate, headers: PurposeHeaders, response: { 200: S.CreateResult, 201: S.CreateResult, ...errorResponses } } },
    async (req, reply) => {
      const { confirmedNew, ...input } = req.body;
      const result = await persons.createPerson(ctx, who(req, 'sorting'), input, confirmedNew === true);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );
  app.get('/api/persons/:id', { config: read, schema: { tags, summary: 'The casefile core: identity, languages, contacts, documents (expiry flagged), household', params: S.PersonIdParams, headers: PurposeHeaders, response: { 200: S.PersonCore, ...errorResponses } } }, async (req) =>
    persons.getCore(ctx, who(req), req.params.id),
  );
  app.patch('/api/persons/:id', { config: write, schema: { tags, summary: 'Update the core', params: S.PersonIdParams, body: S.PersonPatch, headers: PurposeHeaders, response: { 200: S.PersonCore, ...errorResponses } } }, async (req) =>
    persons.updateCore(ctx, who(req), req.params.id, req.body),
  );
  app.post('/api/persons/:id/documents', { config: write, schema: { tags, summary: 'Add a document to the registry', params: S.PersonIdParams, body: S.DocumentInput, headers: PurposeHeaders, response: { 201: S.Document, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await persons.addDocument(ctx, who(req), req.params.id, req.body)),
  );
  app.post('/api/persons/:id/household', { config: write, schema: { tags, summary: 'Link two persons of one household (both directions)', params: S.PersonIdParams, body: S.HouseholdInput, response: { 200: S.PersonCore, ...errorResponses } } }, async (req) =>
    persons.addHouseholdLink(ctx, who(req), req.params.id, req.body.relatedPersonId, req.body.relation),
  );
  app.post('/api/persons/:id/merge', { config: write, schema: { tags, summary: 'Merge a duplicate into this person; both histories are kept and the merge is audited', params: S.PersonIdParams, body: S.MergeInput, response: { 200: S.PersonCore, ...errorResponses } } }, async (req) =>
    persons.mergePersons(ctx, who(req, 'sorting'), req.params.id, req.body.duplicateId),
  );
  app.get(
    '/api/documents/expiring',
    { config: read, schema: { tags, summary: 'Documents that have expired or expire within the window (days, default from DOCUMENT_EXPIRY_WINDOW_DAYS)', querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ personId: Type.String(), fullName: Type.String() }, { additionalProperties: true })) }), ...errorResponses } } },
    async (req) => ({ items: await persons.expiringDocuments(ctx, who(req), req.query.days ?? ctx.config.documentExpiryWindowDays) }),
  );
  app.get(
    '/api/documents/expiring.csv',
    { config: read, schema: { tags, summary: 'The same list as CSV for a spreadsheet (headers in the reader\'s language; cells guarded against formula injection)', querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) }, { additionalProperties: false }), response: { 200: CsvFile, ...errorResponses } } },
    async (req, reply) => {
      const { csv, filename } = await expiringDocumentsCsv(ctx, who(req), req.query.days ?? ctx.config.documentExpiryWindowDays, requestLocale(req));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(filename)).header('cache-control', 'no-store').send(csv);
    },
  );
  app.put(
    '/api/visits/:id/person',
    {
      config: { action: 'visit.sort', resource: async (req) => ({ centreId: (await ctx.db.selectFrom('visit').select('centre_id').where('id', '=', (req.params as { id: string }).id).executeTakeFirst())?.centre_id ?? null }) },
      schema: { tags, summary: 'Welcoming and sorting: say whose visit this is (links the visit to the casefile)', params: IdParams, body: S.LinkVisitInput, response: { 200: Type.Object({ visitId: Type.String(), personId: Type.String() }), ...errorResponses } },
    },
    async (req) => persons.linkVisit(ctx, who(req, 'sorting'), req.params.id, req.body.personId),
  );

  app.get('/api/persons/:id/casefile', { config: read, schema: { tags, summary: 'The casefile as you may see it: core, your section, sections shared with you, timeline', params: S.PersonIdParams, headers: PurposeHeaders, response: { 200: S.Casefile, ...errorResponses } } }, async (req) =>
    sections.readCasefile(ctx, who(req), req.params.id),
  );
  app.get('/api/persons/:id/sections/:partnerId', { config: read, schema: { tags, summary: "One partner's section (403, audited, without a live referral)", params: S.SectionParams, headers: PurposeHeaders, response: { 200: S.Section, ...errorResponses } } }, async (req) =>
    sections.readSection(ctx, who(req), req.params.id, req.params.partnerId),
  );
  app.post('/api/persons/:id/cases', { config: write, schema: { tags, summary: "Open a case in your partner's section", params: S.PersonIdParams, body: S.CaseInput, response: { 201: S.Case, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await sections.openCase(ctx, who(req), req.params.id, req.body)),
  );
  app.patch('/api/cases/:id', { config: write, schema: { tags, summary: 'Change status, next step or follow-up date of a case of your partner', params: IdParams, body: S.CasePatch, response: { 200: S.Case, ...errorResponses } } }, async (req) =>
    sections.updateCase(ctx, who(req), req.params.id, req.body),
  );
  app.post('/api/cases/:id/notes', { config: write, schema: { tags, summary: 'Add a note to a case of your partner', params: IdParams, body: S.NoteInput, response: { 201: S.Note, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await sections.addNote(ctx, who(req), req.params.id, req.body.body)),
  );

  app.post('/api/persons/:id/referrals', { config: write, schema: { tags, summary: "Share your partner's section with another partner (consent or legal basis)", params: S.PersonIdParams, body: S.ReferralInput, response: { 201: S.Referral, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await sections.createReferral(ctx, who(req, 'referral'), req.params.id, req.body)),
  );
  app.get(
    '/api/referrals',
    { config: read, schema: { tags, summary: 'Referrals to or from your partner', querystring: Type.Object({ direction: Type.Enum(['incoming', 'outgoing']), personId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(S.Referral) }), ...errorResponses } } },
    async (req) => ({ items: await sections.listReferrals(ctx, who(req, 'referral'), req.query.direction, req.query.personId) }),
  );
  for (const [verb, run] of [
    ['accept', sections.acceptReferral],
    ['reject', sections.rejectReferral],
    ['revoke', sections.revokeReferral],
  ] as const) {
    app.post(`/api/referrals/:id/${verb}`, { config: write, schema: { tags, summary: `${verb[0]!.toUpperCase()}${verb.slice(1)} a referral`, params: IdParams, response: { 200: S.Referral, ...errorResponses } } }, async (req) => run(ctx, who(req, 'referral'), req.params.id));
  }

  const audit = { action: 'audit.read' } as const;
  app.get(
    '/api/persons/:id/access-report',
    { config: audit, schema: { tags: ['Audit'], summary: "Who accessed this person's file (or one section), when and why", params: S.PersonIdParams, querystring: Type.Object({ section: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }), response: { 200: S.AccessReport, ...errorResponses } } },
    async (req) => ({ items: await personAccessReport(ctx, who(req, 'audit'), req.params.id, req.query.section) }),
  );
  app.get(
    '/api/persons/:id/access-report.csv',
    { config: audit, schema: { tags: ['Audit'], summary: 'The access report as CSV (headers and values in the reader\'s language; cells guarded against formula injection)', params: S.PersonIdParams, querystring: Type.Object({ section: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }), response: { 200: CsvFile, ...errorResponses } } },
    async (req, reply) => {
      const { csv, filename } = await accessReportCsv(ctx, who(req, 'audit'), req.params.id, req.query.section, requestLocale(req));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(filename)).header('cache-control', 'no-store').send(csv);
    },
  );
  app.get(
    '/api/audit/persons',
    {
      config: audit,
      schema: {
        tags: ['Audit'],
        summary: 'The data-protection officer finds a data subject: name, birth date and id only (audited)',
        querystring: S.PersonSearch,
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), fullName: Type.String(), birthDate: Type.Union([Type.String(), Type.Null()]) })) }), ...errorResponses },
      },
    },
    async (req) => ({ items: (await persons.searchPersons(ctx, who(req, 'audit'), req.query)).map((p) => ({ id: p.id, fullName: p.fullName, birthDate: p.birthDate })) }),
  );
  app.get('/api/persons/:id/export', { config: { action: 'person.export' }, schema: { tags: ['Audit'], summary: 'Everything held about a person (data-subject access), as JSON', params: S.PersonIdParams, response: { 200: S.Export, ...errorResponses } } }, async (req, reply) => {
    const data = await exportPerson(ctx, who(req, 'data_subject_request'), req.params.id);
    return reply.header('content-disposition', `attachment; filename="casefile-${req.params.id}.json"`).send(data);
  });
  app.get(
    '/api/persons/:id/export.pdf',
    {
      config: { action: 'person.export' },
      schema: {
        tags: ['Audit'],
        summary: "Everything held about a person, as a readable PDF in the person's language (their first preferred language when translated, else English, said so in the document); lang overrides",
        params: S.PersonIdParams,
        querystring: Type.Object({ lang: Type.Optional(Type.Enum([...LANGUAGE_CODES], { description: 'Language of the PDF instead of the person\'s own' })) }, { additionalProperties: false }),
        response: { 200: Type.Unsafe<Buffer>(Type.String({ description: 'The PDF' })), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { pdf, locale, filename } = await exportPersonPdf(ctx, who(req, 'data_subject_request'), req.params.id, req.query.lang);
      return reply.type('application/pdf').header('content-disposition', attachment(filename)).header('content-language', locale).header('cache-control', 'no-store').send(pdf);
    },
  );
  // Document scans arrive as the raw file (PDF, JPEG or PNG), up to ATTACHMENT_MAX_BYTES.
  app.register(async (scoped) => {
    for (const type of Object.keys(ATTACHMENT_TYPES)) {
      scoped.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: ctx.config.attachmentMaxBytes }, (_req, body, done) => done(null, body));
    }
    scoped.put(
      '/api/documents/:id/attachment',
      {
        config: write,
        bodyLimit: ctx.config.attachmentMaxBytes,
        schema: { tags, summary: 'Attach a scan (PDF, JPEG or PNG) to a document; send the file as the body with its Content-Type', params: IdParams, response: { 200: Type.Object({ documentId: Type.String(), type: Type.String(), size: Type.Integer() }), ...errorResponses } },
      },
      async (req) => putAttachment(ctx, who(req), (req.params as { id: string }).id, String(req.headers['content-type'] ?? ''), req.body as Buffer),
    );
  });
  app.get('/api/documents/:id/attachment', { config: read, schema: { tags, summary: "A document's scan (audited as a read)", params: IdParams, response: { 200: Type.Unsafe<Buffer>(Type.String({ description: 'The file (PDF, JPEG or PNG)' })), ...errorResponses } } }, async (req, reply) => {
    const file = await getAttachment(ctx, who(req), req.params.id);
    return reply.type(file.type).header('content-disposition', 'inline').header('cache-control', 'no-store').send(file.body);
  });

  const Reason = Type.Object({ reason: Type.String({ minLength: 5, maxLength: 500, description: 'Why: e.g. the request reference' }) }, { additionalProperties: false });
  app.get(
    '/api/persons/:id/erasure-plan',
    { config: { action: 'person.erase' }, schema: { tags: ['Audit'], summary: "Before erasing: each partner's section with its retention rule and whether it must be kept (and why), and whether the core can be anonymised; counts only (audited)", params: S.PersonIdParams, response: { 200: S.ErasurePlan, ...errorResponses } } },
    async (req) => erasurePlan(ctx, who(req, 'data_subject_request'), req.params.id),
  );
  app.post(
    '/api/persons/:id/sections/:partnerId/erase',
    { config: { action: 'person.erase' }, schema: { tags: ['Audit'], summary: "Erase a partner's section of a person (refused, with the reason, when the partner must keep it by law)", params: S.SectionParams, body: Reason, response: { 200: Type.Object({ personId: Type.String(), partnerId: Type.String(), erasedCases: Type.Integer() }), ...errorResponses } } },
    async (req) => eraseSection(ctx, who(req, 'data_subject_request'), req.params.id, req.params.partnerId, req.body.reason),
  );
  app.post(
    '/api/persons/:id/anonymise',
    { config: { action: 'person.erase' }, schema: { tags: ['Audit'], summary: 'Anonymise the core once no section must be kept by law', params: S.PersonIdParams, body: Reason, response: { 200: Type.Object({ personId: Type.String(), anonymised: Type.Boolean() }), ...errorResponses } } },
    async (req) => anonymisePerson(ctx, who(req, 'data_subject_request'), req.params.id, req.body.reason),
  );
  app.get('/api/audit/verify', { config: audit, schema: { tags: ['Audit'], summary: 'Re-compute the audit hash chain', response: { 200: S.VerifyResult, ...errorResponses } } }, async () => verifyAuditChain(ctx.db));
}
