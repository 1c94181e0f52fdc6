import { bilingual, type Bilingual } from './i18n.js';

/**
 * One error vocabulary for the whole server. Services throw `AppError` with a code;
 * the error funnel (error-handler.ts) turns it into RFC 9457 problem+json using this table.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, title: bilingual('请求内容有误', 'The request has invalid fields') },
  MALFORMED_REQUEST: { status: 400, title: bilingual('请求格式无法解析', 'The request could not be read') },
  UNAUTHENTICATED: { status: 401, title: bilingual('请先登录', 'Sign-in required') },
  FORBIDDEN: { status: 403, title: bilingual('没有权限执行此操作', 'You are not allowed to do this') },
  CSRF_REJECTED: {
    status: 403,
    title: bilingual('请求缺少有效的防伪令牌，请刷新页面后重试', 'The request lacks a valid CSRF token; reload the page and retry'),
  },
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: bilingual('请先修改密码', 'Change your password first') },
  NOT_FOUND: { status: 404, title: bilingual('找不到该记录', 'Not found') },
  INVALID_TRANSITION: { status: 409, title: bilingual('当前状态下不能执行此操作', 'Not allowed in the current state') },
  STALE_VERSION: { status: 409, title: bilingual('记录已被他人修改，请刷新后重试', 'The record changed meanwhile; reload and retry') },
  CONFLICT: { status: 409, title: bilingual('与现有数据冲突', 'Conflicts with existing data') },
  PAYLOAD_TOO_LARGE: { status: 413, title: bilingual('提交的内容过大', 'The request body is too large') },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: bilingual('不支持的内容类型', 'Unsupported content type') },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: bilingual('幂等键已用于另一份不同的内容', 'The Idempotency-Key was already used with a different body'),
  },
  UNPROCESSABLE: { status: 422, title: bilingual('内容无法处理', 'The request cannot be processed') },
  REASON_REQUIRED: { status: 422, title: bilingual('请填写理由（至少 4 个字）', 'A reason (at least 4 characters) is required') },
  PERSONAL_DATA_ERASED: { status: 410, title: bilingual('此人的个人信息已应本人要求删除', "This person's data was erased on request") },
  ACCOUNT_LOCKED: { status: 423, title: bilingual('登录失败次数过多，账号已暂时锁定', 'Too many failed sign-ins; the account is locked for a while') },
  GRID_IMPORT_REJECTED: { status: 422, title: bilingual('网格文件未通过校验，未导入任何数据', 'The grid file was rejected; nothing was imported') },
  RATE_LIMITED: { status: 429, title: bilingual('请求过于频繁，请稍后再试', 'Too many requests; try again later') },
  UNAVAILABLE: { status: 503, title: bilingual('服务暂不可用', 'Service unavailable') },
  INTERNAL: { status: 500, title: bilingual('服务器内部错误', 'Internal server error') },
} as const satisfies Record<string, { status: number; title: Bilingual }>;

export type ErrorCode = keyof typeof errorCatalog;

/** One field-level reason: `field` is a JSON-pointer-like path (`location.lat`). */
export interface FieldError {
  field: string;
  message: Bilingual;
  /** The message names the field itself ("「问题描述」最多 10000 个字"), so the detail needs no prefix. */
  labelled?: boolean;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: Bilingual | undefined;
  readonly fieldErrors: FieldError[];
  /** Extra members of the problem document (e.g. a grid import report). */
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    options: { detail?: Bilingual; fieldErrors?: FieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    super(options.detail?.en ?? code);
    this.name = 'AppError';
    this.code = code;
    this.detail = options.detail;
    this.fieldErrors = options.fieldErrors ?? [];
    this.extra = options.extra ?? {};
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }
}

export function notFound(what: Bilingual): AppError {
  return new AppError('NOT_FOUND', { detail: what });
}

export function forbidden(why: Bilingual): AppError {
  return new AppError('FORBIDDEN', { detail: why });
}

export function invalidField(field: string, message: Bilingual): AppError {
  return new AppError('VALIDATION_FAILED', { fieldErrors: [{ field, message }] });
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
