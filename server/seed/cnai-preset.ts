/**
 * The CNAI preset: Portugal's National Immigrant Support Centres (Lisbon, Porto, Faro), their six
 * government agencies, nine support offices and centre services, as described in docs/domain.md.
 * Plain data; `seed.ts` writes it.
 */
import { weekdayHours, type OpeningHours } from '../../core/opening-hours.ts';
import { SERVICE_NAMES, TOPIC_NAMES, withTranslations } from './cnai-names.ts';

type Names = Record<string, string>;

export interface PresetPartner {
  code: string;
  /** Years after a case closes before it is erased; the legal obligation to keep it, if any. */
  retention?: { years: number; basis?: string };
  kind: 'government_agency' | 'support_office' | 'centre_service';
  name: Names;
  /** Services at this partner's desk: ticket prefix, minutes, topics, counters per centre size. */
  services: { code: string; name: Names; prefix: string; minutes: number; topics: string[]; counters: [number, number, number] }[];
}

export const NETWORK_NAME = 'CNAI — Centros Nacionais de Apoio ao Imigrante';

/** Topics and services are named here in pt-PT and en; the other client languages are added from cnai-names.ts. */
const namedTopics = (topics: { code: string; name: Names }[]) => topics.map((t) => ({ ...t, name: withTranslations(t.name, TOPIC_NAMES, t.code) }));
const namedServices = (partners: PresetPartner[]) => partners.map((p) => ({ ...p, services: p.services.map((s) => ({ ...s, name: withTranslations(s.name, SERVICE_NAMES, s.code) })) }));

export const TOPICS: { code: string; name: Names }[] = namedTopics([
  { code: 'legalisation', name: { 'pt-PT': 'Legalização e autorização de residência', en: 'Legalisation and residence permits' } },
  { code: 'health', name: { 'pt-PT': 'Saúde', en: 'Health' } },
  { code: 'education', name: { 'pt-PT': 'Educação', en: 'Education' } },
  { code: 'nationality', name: { 'pt-PT': 'Nacionalidade', en: 'Nationality' } },
  { code: 'employment', name: { 'pt-PT': 'Emprego', en: 'Employment' } },
  { code: 'labour-rights', name: { 'pt-PT': 'Direitos laborais', en: 'Labour rights' } },
  { code: 'family-reunification', name: { 'pt-PT': 'Reagrupamento familiar', en: 'Family reunification' } },
  { code: 'social-support', name: { 'pt-PT': 'Segurança social e apoio social', en: 'Social security and social support' } },
  { code: 'housing', name: { 'pt-PT': 'Habitação', en: 'Housing' } },
  { code: 'consumer-rights', name: { 'pt-PT': 'Direitos do consumidor', en: 'Consumer rights' } },
  { code: 'qualifications', name: { 'pt-PT': 'Qualificações e equivalências', en: 'Qualifications and equivalences' } },
  { code: 'voting', name: { 'pt-PT': 'Recenseamento eleitoral', en: 'Voter registration' } },
  { code: 'civil-registry', name: { 'pt-PT': 'Registo civil', en: 'Civil registry' } },
  { code: 'legal-advice', name: { 'pt-PT': 'Apoio jurídico', en: 'Legal advice' } },
  { code: 'general-information', name: { 'pt-PT': 'Informações gerais', en: 'General information' } },
]);

// counters: [Lisbon, Porto, Faro]
export const PARTNERS: PresetPartner[] = namedServices([
  {
    code: 'aima',
    kind: 'government_agency',
    retention: { years: 10, basis: 'Lei n.º 23/2007 (regime jurídico de entrada e permanência de estrangeiros): o processo de autorização de residência é conservado pela entidade emissora.' },
    name: { 'pt-PT': 'AIMA — Estrangeiros e Fronteiras (Ministério da Administração Interna)', en: 'AIMA — Foreigners and Borders (Ministry of the Interior)' },
    services: [{ code: 'residence-permits', name: { 'pt-PT': 'Autorizações de residência e vistos', en: 'Residence permits and visas' }, prefix: 'A', minutes: 20, topics: ['legalisation'], counters: [8, 4, 2] }],
  },
  {
    code: 'act',
    kind: 'government_agency',
    retention: { years: 5, basis: 'Lei n.º 107/2009: os processos inspetivos e de contraordenação laboral são conservados enquanto puderem ser revistos.' },
    name: { 'pt-PT': 'Autoridade para as Condições do Trabalho', en: 'Working Conditions Authority' },
    services: [{ code: 'labour-inspection', name: { 'pt-PT': 'Condições de trabalho', en: 'Working conditions' }, prefix: 'T', minutes: 20, topics: ['labour-rights', 'employment'], counters: [2, 1, 1] }],
  },
  {
    code: 'seguranca-social',
    kind: 'government_agency',
    retention: { years: 10, basis: 'Código Contributivo: os registos de prestações são conservados para cálculo de direitos futuros.' },
    name: { 'pt-PT': 'Instituto da Segurança Social', en: 'Social Security Institute' },
    services: [{ code: 'social-security', name: { 'pt-PT': 'Segurança Social', en: 'Social security' }, prefix: 'S', minutes: 15, topics: ['social-support'], counters: [3, 2, 1] }],
  },
  {
    code: 'educacao',
    kind: 'government_agency',
    retention: { years: 5 },
    name: { 'pt-PT': 'Gabinete do Ministério da Educação', en: 'Education Office' },
    services: [{ code: 'school-enrolment', name: { 'pt-PT': 'Matrículas e equivalências', en: 'School enrolment and equivalences' }, prefix: 'E', minutes: 15, topics: ['education', 'qualifications'], counters: [1, 1, 1] }],
  },
  {
    code: 'saude',
    kind: 'government_agency',
    retention: { years: 5, basis: 'Lei n.º 12/2005: a informação de saúde é conservada pelo serviço de saúde responsável.' },
    name: { 'pt-PT': 'Gabinete do Ministério da Saúde', en: 'Health Office' },
    services: [{ code: 'health-access', name: { 'pt-PT': 'Acesso ao Serviço Nacional de Saúde', en: 'Access to the national health service' }, prefix: 'H', minutes: 12, topics: ['health'], counters: [1, 1, 1] }],
  },
  {
    code: 'registos',
    kind: 'government_agency',
    retention: { years: 10, basis: 'Código do Registo Civil: os processos de nacionalidade e registo são conservados permanentemente no registo.' },
    name: { 'pt-PT': 'Conservatória dos Registos Centrais (Ministério da Justiça)', en: 'Central Registry Office (Ministry of Justice)' },
    services: [{ code: 'civil-registry', name: { 'pt-PT': 'Nacionalidade e registo civil', en: 'Nationality and civil registry' }, prefix: 'R', minutes: 20, topics: ['nationality', 'civil-registry'], counters: [2, 1, 1] }],
  },
  {
    code: 'apoio-juridico',
    kind: 'support_office',
    retention: { years: 5 },
    name: { 'pt-PT': 'Gabinete de Apoio Jurídico', en: 'Legal Support Office' },
    services: [{ code: 'legal-support', name: { 'pt-PT': 'Apoio jurídico', en: 'Legal support' }, prefix: 'J', minutes: 25, topics: ['legal-advice', 'legalisation'], counters: [2, 1, 1] }],
  },
  {
    code: 'reagrupamento-familiar',
    kind: 'support_office',
    retention: { years: 5 },
    name: { 'pt-PT': 'Gabinete de Apoio ao Reagrupamento Familiar', en: 'Family Reunification Support Office' },
    services: [{ code: 'family-reunification', name: { 'pt-PT': 'Reagrupamento familiar', en: 'Family reunification' }, prefix: 'F', minutes: 25, topics: ['family-reunification'], counters: [1, 1, 1] }],
  },
  {
    code: 'apoio-social',
    kind: 'support_office',
    retention: { years: 5 },
    name: { 'pt-PT': 'Gabinete de Apoio Social', en: 'Social Support Office' },
    services: [{ code: 'social-support', name: { 'pt-PT': 'Apoio social', en: 'Social support' }, prefix: 'P', minutes: 20, topics: ['social-support'], counters: [1, 1, 1] }],
  },
  {
    code: 'habitacao',
    kind: 'support_office',
    retention: { years: 5 },
    name: { 'pt-PT': 'Gabinete de Apoio à Habitação', en: 'Housing Support Office' },
    services: [{ code: 'housing', name: { 'pt-PT': 'Apoio à habitação', en: 'Housing support' }, prefix: 'B', minutes: 20, topics: ['housing'], counters: [1, 1, 1] }],
  },
  {
    code: 'nacionalidade',
    kind: 'support_office',
    retention: { years: 5 },
    name: { 'pt-PT': 'Gabinete de Apoio à Nacionalidade', en: 'Nationality Support Office' },
    services: [{ code: 'nationality-support', name: { 'pt-PT': 'Apoio à nacionalidade', en: 'Nationality support' }, prefix: 'N', minutes: 20, topics: ['nationality'], counters: [1, 1, 1] }],
  },
  {
    code: 'consumidores',
    kind: 'support_office',
    retention: { years: 5 },
    name: { 'pt-PT': 'Gabinete de Apoio ao Consumidor', en: 'Consumer Support Office' },
    services: [{ code: 'consumer-support', name: { 'pt-PT': 'Direitos do consumidor', en: 'Consumer rights' }, prefix: 'C', minutes: 15, topics: ['consumer-rights'], counters: [1, 1, 1] }],
  },
  {
    code: 'qualificacao',
    kind: 'support_office',
    retention: { years: 5 },
    name: { 'pt-PT': 'Gabinete de Qualificação', en: 'Qualification Office' },
    services: [{ code: 'qualification', name: { 'pt-PT': 'Qualificação e reconhecimento', en: 'Qualification and recognition' }, prefix: 'Q', minutes: 15, topics: ['qualifications'], counters: [1, 1, 1] }],
  },
  {
    code: 'emprego',
    kind: 'support_office',
    retention: { years: 5 },
    name: { 'pt-PT': 'Gabinete de Emprego e Empreendedorismo', en: 'Employment and Entrepreneurship Office' },
    services: [{ code: 'employment', name: { 'pt-PT': 'Emprego e empreendedorismo', en: 'Employment and entrepreneurship' }, prefix: 'K', minutes: 20, topics: ['employment'], counters: [1, 1, 1] }],
  },
  {
    code: 'recenseamento',
    kind: 'support_office',
    retention: { years: 5 },
    name: { 'pt-PT': 'Gabinete de Recenseamento Eleitoral', en: 'Voter Registration Office' },
    services: [{ code: 'voter-registration', name: { 'pt-PT': 'Recenseamento eleitoral', en: 'Voter registration' }, prefix: 'V', minutes: 10, topics: ['voting'], counters: [1, 1, 1] }],
  },
  {
    code: 'pre-triagem',
    kind: 'centre_service',
    name: { 'pt-PT': 'Pré-triagem', en: 'Pre-sorting' },
    services: [],
  },
  {
    code: 'acolhimento',
    kind: 'centre_service',
    name: { 'pt-PT': 'Acolhimento e Triagem', en: 'Welcoming and Sorting' },
    services: [{ code: 'welcoming', name: { 'pt-PT': 'Acolhimento e triagem', en: 'Welcoming and sorting' }, prefix: 'W', minutes: 8, topics: ['general-information'], counters: [6, 3, 2] }],
  },
  {
    code: 'informacoes',
    kind: 'centre_service',
    name: { 'pt-PT': 'Balcão de Informações', en: 'Information Counter' },
    // Clients who come for general information are sorted first (welcoming, W); the information
    // counter is reached from pre-sorting, so it has no kiosk topic of its own.
    services: [{ code: 'information', name: { 'pt-PT': 'Informações', en: 'Information' }, prefix: 'I', minutes: 5, topics: [], counters: [2, 1, 1] }],
  },
  {
    code: 'espaco-crianca',
    kind: 'centre_service',
    name: { 'pt-PT': 'Espaço Criança', en: "Children's Room" },
    services: [],
  },
]);

const HOURS: OpeningHours = weekdayHours('08:00', '18:00', ['mon', 'tue', 'wed', 'thu', 'fri']);
const COMMON_LANGUAGES = ['pt-PT', 'pt-BR', 'en', 'fr', 'es', 'uk', 'ru', 'ro', 'ar', 'hi', 'bn', 'ne', 'kea'];

export const CENTRES = [
  { code: 'lisboa', name: 'CNAI Lisboa', address: 'Rua Álvaro Coutinho, 14, 1150-025 Lisboa', timeZone: 'Europe/Lisbon', openingHours: HOURS, languages: [...COMMON_LANGUAGES, 'gu', 'pa', 'ur', 'zh', 'pov'] },
  { code: 'porto', name: 'CNAI Porto', address: 'Rua do Pinheiro, 9, 4050-484 Porto', timeZone: 'Europe/Lisbon', openingHours: HOURS, languages: COMMON_LANGUAGES },
  { code: 'faro', name: 'CNAI Faro', address: 'Rua Conselheiro Bivar, 8000-256 Faro', timeZone: 'Europe/Lisbon', openingHours: HOURS, languages: [...COMMON_LANGUAGES, 'zh'] },
] as const;

/** Languages every service is offered in; a counter's staff may speak more. */
export const SERVICE_LANGUAGES = ['pt-PT', 'pt-BR', 'en', 'fr', 'es'];
