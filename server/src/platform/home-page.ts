import type { FastifyInstance } from 'fastify';

/**
 * A plain landing page at `/` until the web console is served there: where to sign in through
 * the API, where the docs are, and a form to follow a case by number and tracking code.
 */
const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>网格 Wangge · 网格化基层治理平台</title>
<style>
  body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f5f7fa; color: #1f2937; }
  main { max-width: 720px; margin: 48px auto; padding: 0 20px; }
  h1 { font-size: 28px; margin-bottom: 4px; }
  .card { background: #fff; border-radius: 8px; padding: 20px 24px; margin: 16px 0; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  label { display: block; margin: 10px 0 4px; }
  input { font-size: 18px; padding: 8px; width: 100%; box-sizing: border-box; border: 1px solid #cbd5e1; border-radius: 6px; }
  button { margin-top: 14px; font-size: 18px; padding: 10px 20px; background: #1677ff; color: #fff; border: 0; border-radius: 6px; cursor: pointer; }
  a { color: #1677ff; }
  .muted { color: #6b7280; font-size: 14px; }
</style>
</head>
<body>
<main>
  <h1>网格 Wangge</h1>
  <p class="muted">网格化基层治理平台 · Grid-based grassroots governance</p>
  <div class="card">
    <h2>查询我的诉求 / Follow my case</h2>
    <form method="get" onsubmit="event.preventDefault(); location.href='/api/v1/track/' + encodeURIComponent(this.number.value.trim()) + '?code=' + encodeURIComponent(this.code.value.trim());">
      <label for="number">案件编号 (如 320305-20261122-0001)</label>
      <input id="number" name="number" required pattern="\\d{6}-\\d{8}-\\d{4,}">
      <label for="code">查询码</label>
      <input id="code" name="code" required minlength="4">
      <button type="submit">查询 / Track</button>
    </form>
  </div>
  <div class="card">
    <h2>工作人员 / Staff</h2>
    <p>接口文档与在线调试: <a href="/api/docs">/api/docs</a> · OpenAPI: <a href="/api/openapi.json">/api/openapi.json</a> · 运行状态: <a href="/healthz">/healthz</a></p>
    <p class="muted">The staff console and phone pages are served here once the web app is built.</p>
  </div>
</main>
</body>
</html>`;

export function registerHomePage(app: FastifyInstance): void {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
}
